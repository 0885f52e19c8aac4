"""Table assembly: the runs of a table region read into the cells of tables 二, 三 and 四, with the
issues (cells not placed, non-standard labels and column headers) found on the way."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from gongkai.law import report_format as rf
from gongkai.law.report_format import (
    TABLE_APPLICATIONS,
    TABLE_PROACTIVE,
    TABLE_REVIEW_LITIGATION,
    TOTAL,
    cell_id,
    normalize_label,
)
from gongkai.reportreader.align import PSEUDO_OTHER, Row, align, is_compacted, place, rows_for
from gongkai.reportreader.cells import LABEL, NUMBER, Cell, separated_cells
from gongkai.reportreader.labels import caption_code, matcher_for
from gongkai.reportreader.model import LabelIssue, ParseIssue
from gongkai.reportreader.runs import Run, read_runs


@dataclass
class TableResult:
    values: dict[str, dict[str, Any]]
    located: set[str]
    issues: list[ParseIssue]
    label_issues: list[LabelIssue]
    aggregates: dict[str, dict[str, Any]]


def _row_text(schema: rf.TableSchema, code: str) -> str:
    if code == PSEUDO_OTHER:
        return "（六）其他处理"
    return schema.row(code).full_label


def _label_issues_for(runs: list[Run], assign: dict[int, int], rows: list[Row], table: str) -> list[LabelIssue]:
    out: list[LabelIssue] = []
    for i, r in assign.items():
        run = runs[i]
        matches = [m for m in (run.strong, *run.before, *run.after) if m is not None and m.code == rows[r].code]
        for m in matches:
            if m.how in (rf.MATCH_VARIANT, rf.MATCH_FUZZY):
                out.append(LabelIssue(table, rows[r].code, m.text, m.label, m.how))
                break
        if not matches:
            out.append(LabelIssue(table, rows[r].code, "", "", "missing"))
    return out


def parse_rows_table(
    schema: rf.TableSchema, lines: Sequence[tuple[int, str]], eof_line: int
) -> TableResult:
    """Tables 二 and 三: rows with labels."""
    matcher = matcher_for(schema.code, schema.format_version)
    widths = {len(r.columns) for r in schema.rows}
    runs = read_runs(lines, matcher, eof_line, widths.pop() if len(widths) == 1 else None)
    rows = rows_for(schema)
    assign = align(runs, rows)
    values = schema.empty()
    located: set[str] = set()
    aggregates: dict[str, dict[str, Any]] = {}
    issues, short_rows = _place_rows(schema, runs, rows, assign, values, located, aggregates)
    if short_rows:
        issues.append(_short_rows_issue(schema.code, short_rows))
    unplaced_runs = [runs[i] for i in range(len(runs)) if i not in assign and not runs[i].all_blank]
    if unplaced_runs:
        shown = "；".join(" ".join(c.text for c in run.values) for run in unplaced_runs[:5])
        issues.append(
            ParseIssue(
                "incomplete_table",
                schema.code,
                f"{_table_name(schema.code)}有 {len(unplaced_runs)} 行数值无法确定对应的行（{shown}），未计入",
                [],
            )
        )
    label_issues = _label_issues_for(runs, assign, rows, schema.code)
    if aggregates and schema.code == TABLE_APPLICATIONS:
        issues.append(
            ParseIssue(
                "label_mismatch",
                schema.code,
                "“（六）其他处理”按试行格式印成一行，缺少 2021 年格式规定的三个小项"
                "（1.申请人无正当理由逾期不补正…、2.申请人逾期未按收费通知要求缴纳费用…、3.其他）",
                [cell_id(schema.code, c, TOTAL) for c in ("other_no_correction", "other_no_fee", "other_other")],
            )
        )
    return TableResult(values, located, issues, label_issues, aggregates)


def _place_rows(
    schema: rf.TableSchema,
    runs: list[Run],
    rows: list[Row],
    assign: dict[int, int],
    values: dict[str, dict[str, Any]],
    located: set[str],
    aggregates: dict[str, dict[str, Any]],
) -> tuple[list[ParseIssue], list[str]]:
    """The cells of every assigned run stored in its row (a pseudo row in ``aggregates``); returns
    the issues of rows not fully placed and the rows read with their blank cells dropped."""
    assigned = sorted(assign.items())
    widths = [len(_columns_of(schema, rows[r])) for _, r in assigned]
    compacted = is_compacted([runs[i] for i, _ in assigned], widths)
    issues: list[ParseIssue] = []
    short_rows: list[str] = []
    for i, r in assigned:
        row = rows[r]
        columns = _columns_of(schema, row)
        placement = place(runs[i], len(columns), compacted, short_total=schema.code == TABLE_APPLICATIONS)
        if row.pseudo:
            target = aggregates.setdefault(f"{schema.code}.{row.code}", {})
            _fill(schema, row.code, columns, placement.cells, target, None)
        else:
            _fill(schema, row.code, columns, placement.cells, values[row.code], located)
        if not placement.note:
            continue
        label = _row_text(schema, row.code)
        extra = ""
        if placement.unplaced:
            shown = "、".join(c.text for c in placement.unplaced)
            extra = f"；另有 {len(placement.unplaced)} 个数值（{shown}）无法确定所在列"
        if placement.note == "空白单元格在文本中被省略":
            short_rows.append(f"“{label}”{extra}")
            continue
        missing = [cell_id(schema.code, row.code, c) for c, p in zip(columns, placement.cells, strict=True)
                   if p is None]
        issues.append(ParseIssue("incomplete_table", schema.code, f"“{label}”：{placement.note}{extra}", missing))
    return issues, short_rows


def _short_rows_issue(table: str, short_rows: list[str]) -> ParseIssue:
    return ParseIssue(
        "incomplete_table",
        table,
        f"{_table_name(table)}的空白单元格在文本中被省略，无法逐列定位："
        f"按“只有一个数值即为总计；多个数值时首个为自然人、末个为总计”读取，请对照原文核对（"
        + "；".join(short_rows)
        + "）",
        [],
    )


def _fill(
    schema: rf.TableSchema,
    row: str,
    columns: Sequence[str],
    cells: Sequence[Cell | None],
    target: dict[str, Any],
    located: set[str] | None,
) -> None:
    """The placed cells of a row into ``target`` (a number for a value, None for a located blank)
    and their ids into ``located`` (unless None: a row outside the schema)."""
    for col, c in zip(columns, cells, strict=False):
        if c is None:
            continue
        if located is not None:
            located.add(cell_id(schema.code, row, col))
        target[col] = c.value.for_kind(schema.column(col).kind) if c.kind == NUMBER and c.value is not None else None


def _columns_of(schema: rf.TableSchema, row: Row) -> tuple[str, ...]:
    if row.pseudo:
        return schema.column_codes
    return schema.row(row.code).columns


def parse_review_table(
    schema: rf.TableSchema, lines: Sequence[tuple[int, str]], eof_line: int
) -> TableResult:
    """Table 四: one data row of 15 numbers (or three labelled rows of 5)."""
    matcher = matcher_for(schema.code, schema.format_version)
    runs = read_runs(lines, matcher, eof_line)
    values = schema.empty()
    located: set[str] = set()
    issues: list[ParseIssue] = []
    width = len(schema.columns)
    loose: list[Run] = []
    for run in runs:
        if run.strong is not None and not run.strong.is_group and run.strong.code in values and not run.all_blank:
            placement = place(run, width, False, short_total=False)
            _store(schema, run.strong.code, placement.cells, values, located)
        elif not run.all_blank:
            loose.append(run)
    if loose:
        merged = Run([c for run in loose for c in run.cells], loose[0].line, at_eof=loose[-1].at_eof)
        total = width * len(schema.rows)
        compacted = is_compacted([merged], [total])
        placement = place(merged, total, compacted, short_total=False)
        for k, row in enumerate(schema.rows):
            if all(cell_id(schema.code, row.code, c) in located for c in row.columns):
                continue
            _store(schema, row.code, placement.cells[k * width : (k + 1) * width], values, located)
        if placement.note:
            shown = "、".join(c.text for c in placement.unplaced)
            extra = f"（{shown}）" if shown else ""
            issues.append(
                ParseIssue(
                    "incomplete_table",
                    schema.code,
                    f"{_table_name(schema.code)}：{placement.note}{extra}",
                    [cell_id(schema.code, r.code, c) for r in schema.rows for c in r.columns
                     if cell_id(schema.code, r.code, c) not in located],
                )
            )
    return TableResult(values, located, issues, [], {})


def _store(schema: rf.TableSchema, row: str, cells: Sequence[Cell | None], values: dict, located: set) -> None:
    _fill(schema, row, schema.row(row).columns, cells, values[row], located)


_TABLE_NAMES = {
    TABLE_PROACTIVE: "表二（主动公开政府信息情况）",
    TABLE_APPLICATIONS: "表三（收到和处理政府信息公开申请情况）",
    TABLE_REVIEW_LITIGATION: "表四（行政复议、行政诉讼情况）",
}


def _table_name(table: str) -> str:
    return _TABLE_NAMES[table]


def header_label_issues(
    schema: rf.TableSchema, lines: Sequence[tuple[int, str]]
) -> list[LabelIssue]:
    """Column headers that are not the standard ones.

    Table 二: each sub-table's header line ``信息内容 | …`` is compared column by column. Tables 三 and
    四: a header cell matching a column only as a known variant (``社会组织``) is reported.
    """
    if schema.code == TABLE_PROACTIVE:
        return _subtable_header_issues(schema, lines)
    out: list[LabelIssue] = []
    seen: set[str] = set()
    for _, text in lines:
        cells = separated_cells(text)
        if cells is None:
            cells = [Cell(LABEL, t) for t in text.split()] if "\t" not in text else []
        for c in cells:
            if c.kind != LABEL:
                continue
            m = schema.match_column(c.text)
            if m is not None and m.how == rf.MATCH_VARIANT and m.code not in seen:
                seen.add(m.code)
                out.append(LabelIssue(schema.code, m.code, c.text, m.label, m.how))
    return out


def _subtable_header_issues(schema: rf.TableSchema, lines: Sequence[tuple[int, str]]) -> list[LabelIssue]:
    """Table 二: the header line of each sub-table compared column by column (each column once)."""
    out: list[LabelIssue] = []
    seen: set[tuple[str, str]] = set()
    subtable = None
    for _, text in lines:
        code = caption_code(text)
        if code:
            subtable = code
            continue
        cells = separated_cells(text)
        if cells is None:
            continue
        labels = [c.text for c in cells if c.kind == LABEL]
        if not labels or normalize_label(labels[0]) != normalize_label(rf.INFO_CONTENT_LABEL) or not subtable:
            continue
        try:
            columns = schema.subtable(subtable).columns
        except KeyError:
            continue
        for text_found, col in zip(labels[1:], columns, strict=False):
            expected = schema.column(col).label
            m = schema.match_column(text_found)
            if m is not None and m.code == col and m.how in (rf.MATCH_EXACT, rf.MATCH_NORMALIZED):
                continue
            key = (subtable, col)
            if key in seen:
                continue
            seen.add(key)
            out.append(LabelIssue(schema.code, col, text_found, expected, m.how if m else "unknown"))
    return out
