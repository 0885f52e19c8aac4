"""The auditor of published annual reports (年报体检) as a service for views, commands and other apps.

``audit_text(text, source=...)`` and ``audit_file(path_or_bytes, name)`` return one JSON-ready dict
per report found (see :mod:`gongkai.reportreader.checks`); ``audit_batch`` audits several inputs
together so that ``cross_year`` compares an agency's consecutive years across files. Nothing here
raises on bad input: an unreadable file or text without any report gives a result with an
``unreadable`` or ``unrecognised`` finding. ``table_views`` prepares the official layout of a
result's tables with the failing cells marked, for templates.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from gongkai.auditor import imagetables
from gongkai.auditor.readers import NeedsOcr, Unreadable, read_text
from gongkai.law import reconciliation as rc
from gongkai.law import report_format as rf
from gongkai.ops import sandbox
from gongkai.reportreader import (
    ParsedReport,
    audit,
    html_to_text,
    looks_like_html,
    parse_reports,
    summary_row,
    unreadable_result,
    unrecognised_result,
)

__all__ = [
    "max_file_bytes",
    "SUFFIXES",
    "audit_text",
    "audit_file",
    "audit_batch",
    "collect_paths",
    "audit_paths",
    "summary_row",
    "table_views",
    "aggregate_rows",
    "rule_name",
]

SUFFIXES = (".txt", ".text", ".md", ".htm", ".html", ".docx", ".pdf", ".png", ".jpg", ".jpeg")


def max_file_bytes() -> int:
    """The largest file read (``GONGKAI_AUDIT_MAX_MB``, 30 MB: scans are large)."""
    from django.conf import settings

    return int(getattr(settings, "GONGKAI_AUDIT_MAX_MB", 30)) * 1024 * 1024


def _reports(text: str, source: str, hints: dict[str, Any] | None = None) -> list[ParsedReport]:
    if looks_like_html(text):
        text = html_to_text(text)
    reports = parse_reports(text, source=source)
    for report in reports:
        # What the platform knows of a published record fills what the text does not print (a web
        # page gives its publication date beside the text, not in it); a printed value is kept.
        for key in ("agency", "year", "published_on"):
            if (hints or {}).get(key) is not None and getattr(report, key) is None:
                setattr(report, key, hints[key])
    return reports


def _read_and_parse(source: str, content: bytes | str, hints: dict[str, Any] | None) -> list[ParsedReport]:
    text = content if isinstance(content, str) else read_text(content)
    return _reports(text, source, hints)


def _parse_scan(source: str, scan, hints: dict[str, Any] | None) -> list[ParsedReport]:
    from gongkai.auditor import ocr

    reports = _reports(scan.text, source, hints)
    ocr.mark_reports(reports, parse_reports(scan.probe, source=source), scan)
    return reports


def _read_pictured(source: str, content: bytes, hints: dict[str, Any] | None, progress) -> list[ParsedReport]:
    """A file whose tables are pictures, its pictures OCR'd; [] when none could be read."""
    try:
        text = sandbox.run(read_text, content)
        scan = imagetables.read(content, text, progress)
        return sandbox.run(_parse_scan, source, scan, hints) if scan is not None else []
    except sandbox.Refused:
        return []


def _read_scan(source: str, content: bytes, hints: dict[str, Any] | None, progress) -> list[ParsedReport]:
    """A scan OCR'd page by page (each page in the sandbox), then parsed in the sandbox."""
    from gongkai.auditor import ocr

    scan = ocr.read_scan(content, progress)
    return sandbox.run(_parse_scan, source, scan, hints)


def audit_batch(inputs: Iterable[tuple], *, ocr: bool = False, progress=None) -> list[dict[str, Any]]:
    """Audit several inputs as one batch, in input order: ``(source, bytes or text)`` or
    ``(source, bytes or text, hints)`` where hints (agency, year, published_on) fill what the text
    does not print.

    Each input is read and parsed in a child process within the parsing budget
    (:mod:`gongkai.ops.sandbox`): a file that would take too long or too much memory becomes an
    ``unreadable`` result with the reason, and the others are audited as usual. With ``ocr`` a scan
    (PDF without a text layer, PNG/JPEG) is read by OCR (:mod:`gongkai.auditor.ocr`), calling
    ``progress(done, total)`` page by page; without, it is unreadable with the reason."""
    slots: list[tuple[str, list[ParsedReport] | dict[str, Any]]] = []
    pictured: set[int] = set()  # slots of files whose tables may be pictures
    for source, content, *rest in inputs:
        hints = rest[0] if rest else None
        try:
            try:
                reports = sandbox.run(_read_and_parse, source, content, hints)
                if content and imagetables.tables_missing(reports) and imagetables.has_images(content):
                    pictured.add(len(slots))
                    if ocr and isinstance(content, bytes):
                        reports = _read_pictured(source, content, hints, progress) or reports
            except NeedsOcr:
                if not ocr:
                    raise
                reports = _read_scan(source, content, hints, progress)
        except sandbox.Refused as e:  # Unreadable too
            slots.append((source, unreadable_result(source, e.message)))
            continue
        except Exception as e:  # never a traceback for a user's file
            slots.append((source, unreadable_result(source, f"读取时出错（{type(e).__name__}）")))
            continue
        slots.append((source, reports if reports else unrecognised_result(source)))
    every = [r for _, item in slots if isinstance(item, list) for r in item]
    audited = iter(audit(every))
    out: list[dict[str, Any]] = []
    for i, (_, item) in enumerate(slots):
        if isinstance(item, list):
            done = [next(audited) for _ in item]
            out.extend(imagetables.relabel(r) if i in pictured else r for r in done)
        else:
            out.append(item)
    return out


def needs_ocr(result: dict[str, Any]) -> bool:
    """Whether a result is that of a scan, or of a file whose tables are pictures, read without OCR
    (the page then starts an OCR job)."""
    from gongkai.auditor.readers import IMAGE_WITHOUT_OCR, SCAN_WITHOUT_OCR

    return any((f["rule"] == "unreadable" and f["message"] in (SCAN_WITHOUT_OCR, IMAGE_WITHOUT_OCR))
               or f["rule"] == imagetables.RULE for f in result.get("findings") or [])


def audit_text(text: str, source: str = "") -> list[dict[str, Any]]:
    """Audit pasted or extracted text (HTML is recognised and flattened)."""
    return audit_batch([(source, text or "")])


def audit_file(path_or_bytes: str | Path | bytes, name: str | None = None, *, ocr: bool = False) -> list[dict[str, Any]]:
    """Audit one file given by path or as bytes; ``name`` is the source shown (default: the path)."""
    if isinstance(path_or_bytes, bytes):
        return audit_batch([(name or "", path_or_bytes)], ocr=ocr)
    path = Path(path_or_bytes)
    source = name or str(path_or_bytes)
    try:
        data = _read_bytes(path)
    except Unreadable as e:
        return [unreadable_result(source, e.message)]
    return audit_batch([(source, data)], ocr=ocr)


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise Unreadable("文件不存在")
    if not path.is_file():
        raise Unreadable("不是文件")
    if path.stat().st_size > max_file_bytes():
        raise Unreadable(f"文件超过 {max_file_bytes() // (1024 * 1024)} MB")
    try:
        return path.read_bytes()
    except OSError as e:
        raise Unreadable(f"无法读取文件（{e.strerror or type(e).__name__}）") from None


def collect_paths(args: Sequence[str]) -> list[tuple[str, Path | None]]:
    """(source, path) for every file named or found in a named directory (recursively, files with
    a report-like suffix, sorted); (source, None) for a path that does not exist."""
    out: list[tuple[str, Path | None]] = []
    for arg in args:
        path = Path(arg)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES):
                out.append((str(child), child))
        elif path.exists():
            out.append((arg, path))
        else:
            out.append((arg, None))
    return out


def read_inputs(paths: Sequence[tuple[str, Path | None]]) -> list[tuple[str, bytes | str | None, str | None]]:
    """(source, bytes, None) or (source, None, reason) for each path."""
    out: list[tuple[str, bytes | str | None, str | None]] = []
    for source, path in paths:
        if path is None:
            out.append((source, None, "文件不存在"))
            continue
        try:
            out.append((source, _read_bytes(path), None))
        except Unreadable as e:
            out.append((source, None, e.message))
    return out


def audit_paths(paths: Sequence[tuple[str, Path | None]], *, ocr: bool = True) -> list[dict[str, Any]]:
    """Audit files (from :func:`collect_paths`) as one batch; missing or unreadable ones get a finding.
    Scans are OCR'd here (the command line waits for them)."""
    readable: list[tuple[str, bytes | str]] = []
    order: list[tuple[str, str | None]] = []
    for source, content, reason in read_inputs(paths):
        order.append((source, reason))
        if reason is None and content is not None:
            readable.append((source, content))
    audited = audit_batch(readable, ocr=ocr)
    by_source: dict[str, list[dict[str, Any]]] = {}
    for result in audited:
        by_source.setdefault(result["source"], []).append(result)
    out: list[dict[str, Any]] = []
    for source, reason in order:
        if reason is not None:
            out.append(unreadable_result(source, reason))
        else:
            out.extend(by_source.pop(source, []))
    return out


# ---------------------------------------------------------------------------
# Presentation helpers (plain data for templates)
# ---------------------------------------------------------------------------

_RULE_NAMES = {
    "balance": "勾稽关系（一 + 二 = 三（七）+ 四）",
    "outcome_sum": "办理结果小项之和",
    "row_sum": "申请人各列之和",
    "review_total": "复议、诉讼总计",
    "cross_year": "跨年度结转",
    "non_negative": "数值合法性",
    "blank_cells": "空白单元格",
    "blank_column": "整列空白",
    "in_force_trend": "现行有效件数变化",
    "text_vs_table": "正文与表格不一致",
    "missing_table": "缺少表格",
    "incomplete_table": "表格不完整",
    "label_mismatch": "标签不规范",
    "format_outdated": "格式过时",
    "late_publication": "发布逾期",
    "unreadable": "无法读取",
    "table_as_image": "表格为图片，无法读取",
    "unrecognised": "未识别出年度报告",
}


def rule_name(rule_id: str) -> str:
    return _RULE_NAMES.get(rule_id, rule_id)


def _show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        text = f"{value:.2f}".rstrip("0").rstrip(".")
        return text
    return str(value)


def aggregate_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows printed in a shape the format does not have (a 2021 table printing （六）其他处理 as one
    row), with their values by column label, for display next to the official table."""
    out = []
    fmt = result.get("format")
    if fmt not in rf.FORMATS:
        return out
    apps = rf.schema_for(fmt).applications
    for key, values in (result.get("aggregates") or {}).items():
        if key == f"{rf.TABLE_APPLICATIONS}.other_processing":
            cells = [(apps.column(c).label, _show(values.get(c))) for c in apps.column_codes]
            out.append({"label": "（六）其他处理", "cells": cells})
    return out


def table_views(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The result's tables in the official layout (report_format.layout), cells marked with the rules
    that failed on them (reconciliation.cells_with_findings), whether they were found, and (a scan)
    whether the OCR engine was unsure of them (``uncertain``: shown as 识别存疑)."""
    fmt = result.get("format")
    tables = result.get("tables")
    if fmt not in rf.FORMATS or not tables:
        return []
    findings = [rc.Finding.from_dict(f) for f in result.get("findings") or []]
    marked = rc.cells_with_findings(f for f in findings if f.rule not in ("blank_cells", "incomplete_table",
                                                                             "missing_table", "table_as_image"))
    missing = {c for f in findings if f.rule in ("incomplete_table", "missing_table", "table_as_image")
               for c in f.cells}
    ocr_cells = result.get("ocr_cells") or {}
    views = []
    for t in rf.schema_for(fmt).tables:
        rows = []
        for lrow in rf.layout(t.code, fmt):
            cells = []
            for cell in lrow.cells:
                if cell.kind == rf.CELL_VALUE:
                    value = rf.get_cell(tables, cell.cell_id)
                    rules = marked.get(cell.cell_id, [])
                    cells.append(
                        {
                            "tag": "td",
                            "text": _show(value),
                            "colspan": cell.colspan,
                            "rowspan": cell.rowspan,
                            "cell_id": cell.cell_id,
                            "blank": value is None and cell.cell_id not in missing,
                            "missing": cell.cell_id in missing,
                            "fails": [rule_name(r) for r in rules],
                            "uncertain": bool(ocr_cells.get(cell.cell_id, {}).get("uncertain")),
                        }
                    )
                else:
                    scope = "col" if lrow.header else ("row" if cell.kind == rf.CELL_LABEL else None)
                    if scope == "col" and cell.colspan > 1:
                        scope = "colgroup"
                    elif scope == "row" and cell.rowspan > 1:
                        scope = "rowgroup"
                    cells.append(
                        {"tag": "th", "text": cell.text, "colspan": cell.colspan, "rowspan": cell.rowspan,
                         "scope": scope}
                    )
            rows.append({"header": lrow.header, "cells": cells})
        done = (result.get("completeness") or {}).get(t.code, {})
        views.append(
            {
                "code": t.code,
                "title": t.title,
                "rows": rows,
                "present": done.get("present", False),
                "cells": done.get("cells", 0),
                "expected": done.get("expected", len(t.cell_ids())),
            }
        )
    return views
