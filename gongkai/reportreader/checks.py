"""Checks of a parsed report (年报体检), domain.md 5.6, 5.9 and 5.10: :func:`audit_report` gives every
finding of one report.

Rules: everything :func:`gongkai.law.reconciliation.check` checks (balance, outcome_sum, row_sum,
review_total, cross_year, non_negative, blank_cells, in_force_trend; with ``previous`` = the same
agency's report on the year before when the batch holds it) plus text_vs_table, missing_table,
incomplete_table, label_mismatch, format_outdated and late_publication (warnings). Numbers are never
corrected: every failed rule is a finding.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
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
from gongkai.reportreader.metadata import organ_kind
from gongkai.reportreader.model import FORMAT_PRE_2019, FORMAT_UNKNOWN, KIND_INTERPRETATION, ParsedReport
from gongkai.reportreader.narrative import expected_cells, narrative_figures

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
        expected = expected_cells(figure.key, tables, report.format)
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


def _blank_cells_finding(report: ParsedReport, cells: list[str]) -> Finding:
    table = rf.parse_cell_id(cells[0])[0]
    t = rf.schema_for(report.format).table(table)
    names = []
    for cid in cells[:_BLANK_LIST_LIMIT]:
        _, row, col = rf.parse_cell_id(cid)
        names.append(f"{t.row(row).full_label}／{t.column(col).label}")
    more = f" 等 {len(cells)} 处" if len(cells) > _BLANK_LIST_LIMIT else ""
    return _finding(
        "blank_cells",
        f"{_TABLE_TITLES[table]}有 {len(cells)} 个空白单元格，核对时按 0 计算，但不视为填报了 0："
        f"{'；'.join(names)}{more}",
        cells,
    )


def _located_blanks(findings: list[Finding], report: ParsedReport) -> list[Finding]:
    """blank_cells only for cells printed blank: cells not found at all are incomplete_table's."""
    out: list[Finding] = []
    for f in findings:
        if f.rule != "blank_cells":
            out.append(f)
            continue
        cells = [c for c in f.cells if c in report.located]
        if cells:
            out.append(f if len(cells) == len(f.cells) else _blank_cells_finding(report, cells))
    return out


# A 总计 column printed blank in at least this many rows, and in every row of its table that prints it,
# was left unfilled as a whole: one finding, not one arithmetic error per row it leaves empty. (A blank
# applicant-type column is common and harmless: blank counts as 0 and the sums hold.)
_BLANK_COLUMN_ROWS = 3


def blank_columns(report: ParsedReport) -> dict[tuple[str, str], list[str]]:
    """(table, column) → the cells of each column printed blank in every row (see above)."""
    out: dict[tuple[str, str], list[str]] = {}
    tables = report.tables or {}
    for t in rf.schema_for(report.format).tables:
        by_column: dict[str, list[str]] = {}
        for row in t.rows:
            for col in row.columns:
                by_column.setdefault(col, []).append(cell_id(t.code, row.code, col))
        for col, ids in by_column.items():
            if col != TOTAL:
                continue
            located = [i for i in ids if i in report.located]
            if len(located) < _BLANK_COLUMN_ROWS or len(located) < len(ids):
                continue
            if all(get_cell(tables, i) is None for i in located):
                out[(t.code, col)] = located
    return out


def _blank_column_findings(findings: list[Finding], report: ParsedReport) -> list[Finding]:
    """One blank_column finding per 总计 column left blank as a whole whose blanks fail the arithmetic,
    instead of the arithmetic findings and blank-cell warnings resting on its cells."""
    columns = {k: ids for k, ids in blank_columns(report).items()
               if any(f.rule in _ARITHMETIC and set(ids) & set(f.cells) for f in findings)}
    if not columns:
        return findings
    blank = {c for ids in columns.values() for c in ids}
    kept, dropped = [], 0
    for f in findings:
        if f.rule in _ARITHMETIC and blank & set(f.cells):
            dropped += 1
            continue
        if f.rule == "blank_cells":
            rest = [c for c in f.cells if c not in blank]
            if not rest:
                continue
            f = _blank_cells_finding(report, rest) if len(rest) != len(f.cells) else f
        kept.append(f)
    schema = rf.schema_for(report.format)
    for (table, col), ids in columns.items():
        label = schema.table(table).column(col).label
        kept.append(_finding(
            "blank_column",
            f"{_TABLE_TITLES[table]}的“{label}”列整列空白（{len(ids)} 个单元格），应逐项填报；"
            f"该列涉及的勾稽核对未进行" + (f"（{dropped} 项）" if dropped else ""),
            ids,
        ))
        dropped = 0
    return kept


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
    """missing_table, incomplete_table (per table) and label_mismatch from what the parser found."""
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
    return out + _label_findings(report, schema)


def _label_findings(report: ParsedReport, schema: rf.ReportSchema) -> list[Finding]:
    """label_mismatch: non-standard labels and rows read without a label, per table, then the
    parser's own label issues."""
    out: list[Finding] = []
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
    findings = _blank_column_findings(_located_blanks(findings, report), report)
    findings.extend(_structure_findings(report, skipped))
    findings.extend(_text_vs_table(report))
    findings.extend(_format_findings(report))
    findings.extend(_late_findings(report))
    order = {r: i for i, r in enumerate(rc.RULE_IDS)}
    findings.sort(key=lambda f: (0 if f.severity == ERROR else 1, order.get(f.rule, 99)))
    return findings


