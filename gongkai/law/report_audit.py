"""The auditor of published annual reports (年报体检): findings for reports read by
:mod:`gongkai.law.report_parser` (domain.md 5.6, 5.9 and 5.10).

Pure Python: no Django. :func:`audit` takes the reports of a batch (one file or many) and returns one
JSON-ready dict per report::

    {"agency": ..., "year": 2024, "format": "2021"|"2019_trial"|"pre_2019"|"unknown",
     "tables": {...} | None, "completeness": {table: {"present", "cells", "expected"}},
     "findings": [{"rule", "severity", "message", "cells"}], "published_on": "YYYY-MM-DD" | None,
     "source": ..., ...}

Rules: everything :func:`gongkai.law.reconciliation.check` checks (balance, outcome_sum, row_sum,
review_total, cross_year, non_negative, blank_cells, in_force_trend; with ``previous`` = the same
agency's report on the year before when the batch holds it) plus text_vs_table, missing_table,
incomplete_table, label_mismatch, format_outdated and late_publication (warnings), and
``unreadable`` / ``unrecognised`` for input that yields no report (:func:`unreadable_result`,
:func:`unrecognised_result`). Numbers are never corrected: every failed rule is a finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

from gongkai.law import reconciliation as rc
from gongkai.law import report_format as rf
from gongkai.law.reconciliation import ERROR, WARNING, Finding
from gongkai.law.report_format import (
    FORMAT_DOCUMENTS,
    TABLE_APPLICATIONS,
    TABLE_PROACTIVE,
    TABLE_REVIEW_LITIGATION,
    TOTAL,
    cell_id,
    get_cell,
)
from gongkai.law.report_parser import (
    FORMAT_PRE_2019,
    FORMAT_UNKNOWN,
    KIND_INTERPRETATION,
    ParsedReport,
    organ_kind,
)

__all__ = [
    "UNREADABLE",
    "UNRECOGNISED",
    "Figure",
    "audit",
    "audit_report",
    "narrative_figures",
    "previous_report",
    "report_dict",
    "unreadable_result",
    "unrecognised_result",
    "summary_row",
    "jsonable",
]

UNREADABLE = "unreadable"
UNRECOGNISED = "unrecognised"

_TABLE_TITLES = rc.TABLE_NAMES
_SHORT = {
    TABLE_PROACTIVE: "表二",
    TABLE_APPLICATIONS: "表三",
    TABLE_REVIEW_LITIGATION: "表四",
}
_FORMAT_NAMES = {
    rf.FORMAT_2021: "2021 年格式（国办公开办函〔2021〕30号）",
    rf.FORMAT_2019: "2019 年试行格式（国办公开办函〔2019〕60号）",
    FORMAT_PRE_2019: "2019 年以前的统计表格式",
}
_FORMAT_SHORT = {rf.FORMAT_2021: "2021 年格式", rf.FORMAT_2019: "2019 年试行格式", FORMAT_PRE_2019: "2019 年以前格式"}


def format_name(fmt: str | None, *, short: bool = False) -> str:
    """The table format of a result in words: ``format_name('2019_trial', short=True) == '2019 年试行格式'``."""
    names = _FORMAT_SHORT if short else _FORMAT_NAMES
    return names.get(fmt or "", "未识别" if short else "未能确定")


def _finding(rule_id: str, message: str, cells: Iterable[str] = (), severity: str | None = None) -> Finding:
    if severity is None:
        try:
            severity = rc.rule(rule_id).severity
        except KeyError:
            severity = WARNING
    return Finding(rule_id, severity, message, list(cells))


# ---------------------------------------------------------------------------
# Figures in the narrative (text_vs_table)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """A number stated in the narrative: ``key`` names what it counts, ``value`` the number,
    ``percent`` a share printed with it (as text, e.g. ``"2.29"``), ``text`` the words around it."""

    key: str
    value: int
    text: str
    percent: str | None = None


# A count: at most 9 digits (or 1,234,567 style), starting where a run of digits starts. Unbounded,
# "\d+(?:,\d{3})*件" tried at every digit of a 40 000-digit run (pasted into /audit/) cost minutes.
_N = r"(?<!\d)(?P<n>\d{1,9}(?:,\d{3}){0,3})"
_NEW = re.compile(
    r"(?:(?:收到|受理|新收|接收|接到)(?:了)?(?:各类|群众|公民、法人和其他组织)?(?:的)?"
    r"(?:政府信息公开申请|依申请公开(?:申请)?|信息公开申请)|依申请公开申请)"
    r"(?P<carry>和上年(?:度)?结转(?:的)?(?:件|申请)?)?(?:共计?|合计)?" + _N + "件"
)
_INCLUDES_CARRIED = re.compile(r"[(（]?(?:其中)?(?:含|包括|包含)上年(?:度)?结转")
_PROCESSED = re.compile(
    r"(?:办结答复|已办结|已答复|办结|答复|作出答复)(?:了)?(?:各类)?(?:政府信息公开申请|申请)?(?:共计?)?" + _N + "件"
)
_CARRIED_IN = re.compile(r"(?<!和)上年(?:度)?结转(?:的)?(?:政府信息公开)?(?:申请|件)?" + _N + "件")
_CARRIED_OUT = (
    re.compile(r"结转(?:到|至)?下(?:一)?年度?(?:继续)?(?:办理)?" + _N + "件"),
    re.compile(_N + r"件(?:申请)?(?:顺延|结转|转入)(?:到|至)?下(?:一)?年度?"),
)
_OUTCOME = re.compile(
    r"(?<!主动)(?P<what>予以公开(?:及|和|与|、)部分公开|予以公开|部分公开|不予公开|无法提供|不予处理|其他处理)"
    r"(?:的)?(?:申请)?" + _N + "件"
    r"(?:[,，]?(?:占|占比|比例为?)(?:总数的|全部的)?(?P<pct>\d{1,3}(?:\.\d{1,4})?)%)?"
)
_REMEDY = re.compile(r"(?P<kind>行政复议|行政诉讼)(?:案件)?(?:共)?" + _N + "件")
_PART = re.compile(r"(?P<part>结果维持|结果纠正|其他结果|尚未审结)" + _N + "件")

_OUTCOME_KEYS = {
    "予以公开及部分公开": "disclosed_and_partial",
    "予以公开和部分公开": "disclosed_and_partial",
    "予以公开与部分公开": "disclosed_and_partial",
    "予以公开、部分公开": "disclosed_and_partial",
    "予以公开": "disclosed",
    "部分公开": "partially_disclosed",
    "不予公开": "withheld",
    "无法提供": "unavailable",
    "不予处理": "not_processed",
    "其他处理": "other_processing",
}
_PART_KEYS = {"结果维持": "upheld", "结果纠正": "corrected", "其他结果": "other", "尚未审结": "pending"}


def _int(text: str) -> int:
    return int(text.replace(",", ""))


def _snippet(sentence: str, m: re.Match[str], pad: int = 12) -> str:
    lo = max(0, m.start() - pad)
    hi = min(len(sentence), m.end() + 6)
    return ("…" if lo else "") + sentence[lo:hi] + ("…" if hi < len(sentence) else "")


_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十]+[)）]|\d+[.、])")


def _flatten(narrative: str) -> str:
    """The narrative as one string of sentences: lines wrapped by PDF extraction (or by a layout of
    boxes) are joined; a heading line (``一、总体情况``, ``（二）…``) ends a sentence."""
    parts: list[str] = []
    for line in narrative.split("\n"):
        compact = re.sub(r"\s+", "", line)
        if not compact:
            continue
        parts.append(compact)
        if compact[-1] in "。!?:;" or (len(compact) < 30 and _HEADING.match(compact)):
            parts.append("。")
    return "".join(parts)


def narrative_figures(narrative: str) -> list[Figure]:
    """The application and remedy counts stated in the narrative (sections 一, 五, 六 …)."""
    flat = _flatten(narrative or "")
    out: list[Figure] = []
    for sentence in re.split(r"[。!?]", flat):
        if not sentence:
            continue
        about_applications = "申请" in sentence or "结转" in sentence
        for m in _NEW.finditer(sentence):
            # "受理申请N件（含上年结转M件）": N counts last year's too.
            carry = m["carry"] or _INCLUDES_CARRIED.match(sentence, m.end())
            key = "new_and_carried_in" if carry else "new"
            out.append(Figure(key, _int(m["n"]), _snippet(sentence, m)))
        if about_applications:
            for m in _PROCESSED.finditer(sentence):
                out.append(Figure("processed", _int(m["n"]), _snippet(sentence, m)))
        for m in _CARRIED_IN.finditer(sentence):
            out.append(Figure("carried_in", _int(m["n"]), _snippet(sentence, m)))
        for pattern in _CARRIED_OUT:
            for m in pattern.finditer(sentence):
                out.append(Figure("carried_out", _int(m["n"]), _snippet(sentence, m)))
        for m in _OUTCOME.finditer(sentence):
            out.append(Figure(_OUTCOME_KEYS[m["what"]], _int(m["n"]), _snippet(sentence, m), m["pct"]))
        mentions = sorted(
            [(m.start(), "kind", m) for m in _REMEDY.finditer(sentence)]
            + [(m.start(), "part", m) for m in _PART.finditer(sentence)],
            key=lambda item: item[0],
        )
        current = None
        for _, what, m in mentions:
            if what == "kind":
                current = "review" if m["kind"] == "行政复议" else "litigation"
                out.append(Figure(f"{current}_total", _int(m["n"]), _snippet(sentence, m)))
            elif current:
                out.append(Figure(f"{current}_{_PART_KEYS[m['part']]}", _int(m["n"]), _snippet(sentence, m)))
    seen: set[tuple[str, int, str | None]] = set()
    unique = []
    for f in out:
        if (f.key, f.value, f.percent) not in seen:
            seen.add((f.key, f.value, f.percent))
            unique.append(f)
    return unique


def _group_rows(schema: rf.TableSchema, group: str) -> list[str]:
    return [r.code for r in schema.rows if r.group == group]


def _expected(key: str, tables: Mapping[str, Any], fmt: str) -> tuple[list[str], str] | None:
    """(cell ids whose sum the figure should equal, their name) for a figure key."""
    apps = rf.schema_for(fmt).applications

    def total(row: str) -> str:
        return cell_id(TABLE_APPLICATIONS, row, TOTAL)

    simple = {
        "new": ([total("new")], "“一、本年新收政府信息公开申请数量”总计"),
        "new_and_carried_in": ([total("new"), total("carried_in")], "“一、本年新收”与“二、上年结转”总计之和"),
        "carried_in": ([total("carried_in")], "“二、上年结转政府信息公开申请数量”总计"),
        "processed": ([total("processed_total")], "“（七）总计”"),
        "carried_out": ([total("carried_out")], "“四、结转下年度继续办理”总计"),
        "disclosed": ([total("disclosed")], "“（一）予以公开”总计"),
        "partially_disclosed": ([total("partially_disclosed")], "“（二）部分公开”总计"),
        "disclosed_and_partial": (
            [total("disclosed"), total("partially_disclosed")],
            "“（一）予以公开”与“（二）部分公开”总计之和",
        ),
    }
    if key in simple:
        return simple[key]
    groups = {"withheld": "（三）不予公开", "unavailable": "（四）无法提供", "not_processed": "（五）不予处理"}
    if key in groups:
        return [total(r) for r in _group_rows(apps, key)], f"“{groups[key]}”各小项总计之和"
    if key == "other_processing":
        rows = ["other_processing"] if fmt == rf.FORMAT_2019 else _group_rows(apps, "other_processing")
        return [total(r) for r in rows], "“（六）其他处理”总计"
    m = re.match(r"^(review|litigation)_(total|upheld|corrected|other|pending)$", key)
    if m:
        rows = ["review"] if m[1] == "review" else ["suit_direct", "suit_after_review"]
        column = {"total": TOTAL, "upheld": "upheld", "corrected": "corrected", "other": "other", "pending": "pending"}[
            m[2]
        ]
        label = rf.schema_for(fmt).review_litigation.column(column).label
        name = "行政复议" if m[1] == "review" else "行政诉讼（未经复议直接起诉与复议后起诉之和）"
        return [cell_id(TABLE_REVIEW_LITIGATION, r, column) for r in rows], f"表四{name}“{label}”"
    return None


def _sum(tables: Mapping[str, Any], ids: Sequence[str]) -> Decimal | None:
    values = [get_cell(tables, i) for i in ids]
    if any(v is None for v in values):
        return None
    return sum((Decimal(v) if not isinstance(v, Decimal) else v for v in values), Decimal(0))


def _percent_ok(published: str, part: int, whole: Decimal) -> tuple[bool, Decimal]:
    exact = Decimal(part) * 100 / whole
    places = len(published.split(".")[1]) if "." in published else 0
    q = Decimal(1).scaleb(-places)
    candidates = {exact.quantize(q, rounding=ROUND_HALF_UP), exact.quantize(q, rounding=ROUND_DOWN)}
    return Decimal(published) in candidates, exact.quantize(q, rounding=ROUND_HALF_UP)


def _text_vs_table(report: ParsedReport) -> list[Finding]:
    tables = report.tables or {}
    view = _check_view(report)
    out: list[Finding] = []
    denominator = _sum(view, [cell_id(TABLE_APPLICATIONS, "processed_total", TOTAL)])
    for figure in narrative_figures(report.narrative):
        expected = _expected(figure.key, tables, report.format)
        if expected is None:
            continue
        ids, name = expected
        value = _sum(view, ids)
        table = _SHORT[TABLE_REVIEW_LITIGATION] if ids[0].startswith(TABLE_REVIEW_LITIGATION) else _SHORT[
            TABLE_APPLICATIONS
        ]
        if value is not None and value != figure.value:
            shown = format(value.normalize(), "f")
            out.append(
                _finding(
                    "text_vs_table",
                    f"正文“{figure.text}”称 {figure.value} 件，但{table}{name}为 {shown} 件",
                    ids,
                )
            )
        if figure.percent is not None and denominator:
            ok, right = _percent_ok(figure.percent, figure.value, denominator)
            if not ok:
                out.append(
                    _finding(
                        "text_vs_table",
                        f"正文“{figure.text}”中的比例 {figure.percent}% 不正确：{figure.value} ÷ "
                        f"{format(denominator.normalize(), 'f')}（表三“（七）总计”）= {right}%",
                        [*ids, cell_id(TABLE_APPLICATIONS, "processed_total", TOTAL)],
                    )
                )
    return out


# ---------------------------------------------------------------------------
# The audit of one report
# ---------------------------------------------------------------------------


def _check_view(report: ParsedReport) -> dict[str, Any]:
    """The tables for arithmetic: a 2021 table printing （六）其他处理 as one row counts that row
    in place of its three missing sub-rows (the reported tables keep them null)."""
    tables = report.tables or {}
    aggregate = report.aggregates.get(f"{TABLE_APPLICATIONS}.other_processing")
    if not aggregate or report.format != rf.FORMAT_2021:
        return tables
    apps = tables.get(TABLE_APPLICATIONS) or {}
    subrows = ("other_no_correction", "other_no_fee", "other_other")
    if any(v is not None for r in subrows for v in (apps.get(r) or {}).values()):
        return tables
    view = {k: ({r: dict(c) for r, c in v.items()} if isinstance(v, Mapping) else v) for k, v in tables.items()}
    view[TABLE_APPLICATIONS]["other_other"] = dict(aggregate)
    return view


def _same_agency(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    a, b = "".join(a.split()), "".join(b.split())
    return a == b or (min(len(a), len(b)) >= 4 and (a.endswith(b) or b.endswith(a)))


def previous_report(report: ParsedReport, batch: Sequence[ParsedReport]) -> ParsedReport | None:
    """The same agency's report on the year before, if the batch holds one with table 三."""
    if report.year is None or not report.parsed:
        return None
    candidates = [
        r
        for r in batch
        if r is not report
        and r.parsed
        and r.year == report.year - 1
        and _same_agency(r.agency, report.agency)
        and r.completeness.get(TABLE_APPLICATIONS, {}).get("present")
    ]
    if not candidates:
        return None
    candidates.sort(
        key=lambda r: (r.source != report.source, -r.completeness[TABLE_APPLICATIONS]["cells"], r.index)
    )
    return candidates[0]


def _missing_cells_text(report: ParsedReport, table: str, ids: list[str]) -> str:
    schema = rf.schema_for(report.format).table(table)
    rows: list[str] = []
    for cid in ids:
        _, row, _ = rf.parse_cell_id(cid)
        label = schema.row(row).full_label
        if label not in rows:
            rows.append(label)
    shown = "；".join(rows[:4]) + (f" 等 {len(rows)} 行" if len(rows) > 4 else "")
    return shown


_BLANK_LIST_LIMIT = 5


def _located_blanks(findings: list[Finding], report: ParsedReport) -> list[Finding]:
    """blank_cells only for cells printed blank: cells not found at all are incomplete_table's."""
    out: list[Finding] = []
    schema = rf.schema_for(report.format)
    for f in findings:
        if f.rule != "blank_cells":
            out.append(f)
            continue
        cells = [c for c in f.cells if c in report.located]
        if not cells:
            continue
        if len(cells) == len(f.cells):
            out.append(f)
            continue
        table = rf.parse_cell_id(cells[0])[0]
        t = schema.table(table)
        names = []
        for cid in cells[:_BLANK_LIST_LIMIT]:
            _, row, col = rf.parse_cell_id(cid)
            names.append(f"{t.row(row).full_label}／{t.column(col).label}")
        more = f" 等 {len(cells)} 处" if len(cells) > _BLANK_LIST_LIMIT else ""
        out.append(
            _finding(
                "blank_cells",
                f"{_TABLE_TITLES[table]}有 {len(cells)} 个空白单元格，核对时按 0 计算，但不视为填报了 0："
                f"{'；'.join(names)}{more}",
                cells,
            )
        )
    return out


_ARITHMETIC = ("balance", "outcome_sum", "row_sum", "review_total", "cross_year", "in_force_trend")


def _checkable(
    findings: list[Finding], known: set[str], previous: ParsedReport | None
) -> tuple[list[Finding], dict[str, int]]:
    """Drop arithmetic findings that rest on cells not found in the text (truncated or missing
    tables): a missing cell is unknown, not 0. Returns the findings kept and, per table, how many
    were dropped."""
    kept: list[Finding] = []
    skipped: dict[str, int] = {}
    for f in findings:
        if f.rule in _ARITHMETIC:
            cells = list(f.cells)
            if f.rule == "cross_year" and previous is not None:
                last = [c.replace(".carried_in.", ".carried_out.") for c in f.cells]
                if not all(c in previous.located for c in last):
                    cells.append("")  # last year's cell was not found either
            if not all(c in known for c in cells):
                table = rf.parse_cell_id(f.cells[0])[0] if f.cells else TABLE_APPLICATIONS
                skipped[table] = skipped.get(table, 0) + 1
                continue
        kept.append(f)
    return kept, skipped


def _structure_findings(report: ParsedReport, skipped: Mapping[str, int] | None = None) -> list[Finding]:
    """missing_table, incomplete_table and label_mismatch from what the parser found."""
    skipped = skipped or {}
    out: list[Finding] = []
    schema = rf.schema_for(report.format)
    by_table: dict[str, list[str]] = {}
    for issue in report.issues:
        if issue.rule == "incomplete_table":
            by_table.setdefault(issue.table, []).append(issue.message)
    for t in schema.tables:
        done = report.completeness.get(t.code, {"present": False, "cells": 0, "expected": len(t.cell_ids())})
        title = _TABLE_TITLES[t.code]
        if not done["present"]:
            where = "找到了表格位置，但未能读出任何单元格" if report.regions.get(t.code) else "报告中未找到该表格"
            out.append(_finding("missing_table", f"缺少表格“{title}”：{where}", t.cell_ids()))
            continue
        missing = [i for i in t.cell_ids() if i not in report.located]
        notes = by_table.get(t.code, [])
        if missing or notes:
            parts = []
            if missing:
                parts.append(
                    f"{_SHORT[t.code]}只读出 {done['cells']}/{done['expected']} 个单元格，"
                    f"未找到的单元格记为空（不是 0）：{_missing_cells_text(report, t.code, missing)}"
                )
            parts.extend(notes)
            if skipped.get(t.code):
                parts.append(f"涉及未找到的单元格的 {skipped[t.code]} 项勾稽核对未进行")
            out.append(_finding("incomplete_table", "。".join(parts), missing))
    labels: dict[str, list[str]] = {}
    unlabelled: dict[str, list[str]] = {}
    for li in report.label_issues:
        if li.how == "missing" and li.code:
            row = schema.table(li.table).row(li.code)
            unlabelled.setdefault(li.table, []).append(row.ref or row.label)
        elif li.expected:
            labels.setdefault(li.table, []).append(f"“{li.found}”（规定为“{li.expected}”）")
        elif li.found:
            labels.setdefault(li.table, []).append(f"“{li.found}”")
    for table in _SHORT:
        parts = []
        if labels.get(table):
            parts.append("非标准标签：" + "；".join(labels[table]))
        if unlabelled.get(table):
            refs = unlabelled[table]
            parts.append(f"{len(refs)} 行缺少行标签，已按规定的行序读取（{'、'.join(refs)}）")
        if parts:
            out.append(_finding("label_mismatch", f"{_SHORT[table]}的标签与规定格式不一致：" + "；".join(parts)))
    for issue in report.issues:
        if issue.rule == "label_mismatch":
            out.append(_finding("label_mismatch", f"{_SHORT[issue.table]}：{issue.message}", issue.cells))
    return out


def _format_findings(report: ParsedReport) -> list[Finding]:
    if report.year is None:
        return []
    expected = rf.format_for_year(report.year)
    used = report.format
    if expected is None or used not in (rf.FORMAT_2019, FORMAT_PRE_2019):
        return []
    order = {FORMAT_PRE_2019: 0, rf.FORMAT_2019: 1, rf.FORMAT_2021: 2}
    if order[used] >= order[expected]:
        return []
    return [
        _finding(
            "format_outdated",
            f"{report.year} 年度报告使用了{_FORMAT_NAMES[used]}；{report.year} 年度报告应使用"
            f"{FORMAT_DOCUMENTS[expected]}规定的格式",
        )
    ]


def _late_findings(report: ParsedReport) -> list[Finding]:
    if report.published_on is None or report.year is None:
        return []
    kind = organ_kind(report.agency)
    deadline = rf.publication_deadline(report.year, kind)
    if report.published_on <= deadline:
        return []
    organ = {"government": "人民政府", "department": "政府部门", "township": "乡镇（街道）"}[kind]
    return [
        _finding(
            "late_publication",
            f"发布日期 {report.published_on.isoformat()} 晚于法定期限 {deadline.isoformat()}"
            f"（{organ}的 {report.year} 年度报告，《条例》第四十九条）",
        )
    ]


def audit_report(report: ParsedReport, *, previous: ParsedReport | None = None) -> list[Finding]:
    """Every finding of one report (previous = last year's report of the same agency, if known)."""
    if report.format == FORMAT_UNKNOWN or report.tables is None:
        findings: list[Finding] = []
        if report.kind == KIND_INTERPRETATION:
            findings.append(
                _finding(
                    "missing_table",
                    "这是年度报告的解读材料，不含规定的统计表格（表二、表三、表四），无法逐项核对；请核对年度报告正文",
                )
            )
        elif report.format == FORMAT_UNKNOWN:
            findings.append(
                _finding(
                    "missing_table",
                    "未找到规定的统计表格（表二、表三、表四），也无法确定报告年度和格式",
                )
            )
        findings.extend(_format_findings(report))
        return findings
    tables = report.tables
    view = _check_view(report)
    prev_tables = previous.tables if previous is not None else None
    prev_format = previous.format if previous is not None else None
    findings = rc.check(tables, report.format, previous=prev_tables, previous_format=prev_format)
    known = set(report.located)
    if view is not tables:
        arithmetic = {"balance", "outcome_sum", "row_sum"}
        redo = rc.check(view, report.format, previous=prev_tables, previous_format=prev_format)
        findings = [f for f in findings if f.rule not in arithmetic] + [f for f in redo if f.rule in arithmetic]
        known |= {
            cell_id(TABLE_APPLICATIONS, r, c)
            for r in ("other_no_correction", "other_no_fee", "other_other")
            for c in rf.schema_for(report.format).applications.column_codes
        }
    findings, skipped = _checkable(findings, known, previous)
    findings = _located_blanks(findings, report)
    findings.extend(_structure_findings(report, skipped))
    findings.extend(_text_vs_table(report))
    findings.extend(_format_findings(report))
    findings.extend(_late_findings(report))
    order = {r: i for i, r in enumerate(rc.RULE_IDS)}
    findings.sort(key=lambda f: (0 if f.severity == ERROR else 1, order.get(f.rule, 99)))
    return findings


# ---------------------------------------------------------------------------
# JSON
# ---------------------------------------------------------------------------


def jsonable(value: Any) -> Any:
    """Decimal → int or float, dates → ISO strings, recursively."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def report_dict(report: ParsedReport, findings: Sequence[Finding]) -> dict[str, Any]:
    kind = organ_kind(report.agency)
    deadline = (
        rf.publication_deadline(report.year, kind).isoformat()
        if report.year is not None and report.format != FORMAT_PRE_2019
        else None
    )
    return {
        "source": report.source,
        "index": report.index,
        "agency": report.agency,
        "year": report.year,
        "format": report.format,
        "kind": report.kind,
        "title": report.title,
        "organ_kind": kind,
        "published_on": report.published_on.isoformat() if report.published_on else None,
        "deadline": deadline,
        "tables": jsonable(report.tables) if report.tables is not None else None,
        "completeness": jsonable(report.completeness),
        "aggregates": jsonable(report.aggregates),
        "narrative_figures": [
            {"key": f.key, "value": f.value, "percent": f.percent, "text": f.text}
            for f in narrative_figures(report.narrative)
        ]
        if report.format != FORMAT_PRE_2019
        else [],
        "findings": [f.to_dict() for f in findings],
    }


def _empty_result(source: str, rule_id: str, message: str) -> dict[str, Any]:
    return {
        "source": source,
        "index": 0,
        "agency": None,
        "year": None,
        "format": FORMAT_UNKNOWN,
        "kind": None,
        "title": None,
        "organ_kind": None,
        "published_on": None,
        "deadline": None,
        "tables": None,
        "completeness": {},
        "aggregates": {},
        "narrative_figures": [],
        "findings": [Finding(rule_id, WARNING, message, []).to_dict()],
    }


def unreadable_result(source: str, reason: str) -> dict[str, Any]:
    """The result for input that could not be read at all (missing file, binary, wrong encoding)."""
    return _empty_result(source, UNREADABLE, f"无法读取：{reason}")


def unrecognised_result(source: str) -> dict[str, Any]:
    """The result for readable input in which no annual report was recognised."""
    return _empty_result(
        source,
        UNRECOGNISED,
        "未识别出政府信息公开工作年度报告：没有找到报告标题（如“2024年政府信息公开工作年度报告”）、"
        "“一、总体情况”或规定的统计表格",
    )


def audit(reports: Sequence[ParsedReport]) -> list[dict[str, Any]]:
    """One JSON-ready dict per report; ``cross_year`` uses the batch's previous-year reports."""
    out = []
    for report in reports:
        previous = previous_report(report, reports)
        out.append(report_dict(report, audit_report(report, previous=previous)))
    return out


def summary_row(result: Mapping[str, Any]) -> dict[str, Any]:
    """The one-line summary of a result (CSV and the summary table of the web page)."""
    findings = result.get("findings") or []
    rules: list[str] = []
    for f in findings:
        if f["rule"] not in rules:
            rules.append(f["rule"])
    return {
        "source": result.get("source") or "",
        "agency": result.get("agency") or "",
        "year": result.get("year") if result.get("year") is not None else "",
        "format": result.get("format") or "",
        "errors": sum(1 for f in findings if f["severity"] == ERROR),
        "warnings": sum(1 for f in findings if f["severity"] == WARNING),
        "rules": " ".join(rules),
    }
