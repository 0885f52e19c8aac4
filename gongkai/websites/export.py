"""The summary of a crawl as CSV or XLSX: one row per organ (columns fixed by issue 16 item 4 first)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from gongkai.auditor import services

_OWN_RULES = {"copy_paste": "与上年报告雷同"}


def rule_name(rule_id: str) -> str:
    """The Chinese name of a finding's rule (the auditor's, and this app's 雷同)."""
    return _OWN_RULES.get(rule_id) or services.rule_name(rule_id)

COLUMNS = ["organ", "url", "status", "report_url", "year", "late", "errors", "warnings",
           "published_on", "similarity", "previous_url", "rules", "note"]
HEADERS_CN = ["机关", "网址", "结果", "年报网址", "年度", "逾期", "错误", "警告", "发布日期", "与上年相似度",
              "上年报告网址", "问题类型", "说明"]


def flat(row: Any) -> dict[str, Any]:
    """A ``SiteResult`` (or its dict) as the exported values."""
    get = row.get if isinstance(row, dict) else lambda k, d=None: getattr(row, k, d)
    rules: list[str] = []
    for f in get("findings") or []:
        name = rule_name(f["rule"])
        if name not in rules:
            rules.append(name)
    published = get("published_on")
    similarity = get("similarity")
    return {
        "organ": get("organ"), "url": get("url"), "status": get("status"), "report_url": get("report_url") or "",
        "year": get("year"), "late": "yes" if get("late") else "no", "errors": get("errors") or 0,
        "warnings": get("warnings") or 0, "published_on": published.isoformat() if published else "",
        "similarity": f"{similarity:.2f}" if similarity is not None else "", "previous_url": get("previous_url") or "",
        "rules": "、".join(rules), "note": get("note") or "",
    }


def to_csv(rows: Iterable[Any]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(flat(row))
    return buf.getvalue()


def to_xlsx(rows: Iterable[Any], year: int) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = f"{year}年度网站年报"
    ws.append(COLUMNS)
    ws.append(HEADERS_CN)
    for row in rows:
        values = flat(row)
        ws.append([_cell(values[c]) for c in COLUMNS])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _cell(value: Any) -> Any:
    # A cell starting with = + - @ would be a formula in a spreadsheet: written as text.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value
