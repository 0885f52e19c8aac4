"""Render report tables in the layouts found in the wild, for round-trip tests of the parser.

Layouts: ``pipe`` (one row per line, ``|``-separated, grid padding), ``tab`` (tab-separated with the
spanned label cells left empty, as copied from a web page), ``cell`` (one cell per line, blank lines
for empty cells), ``pdf`` (space-separated numbers, long labels split across lines with the numbers
between or before them, vertical labels one character per line, page footers and a repeated header in
the middle of table 三) and ``html`` (rowspan/colspan from report_format.layout).
"""

from __future__ import annotations

from decimal import Decimal
from html import escape
from typing import Any

from gongkai.law import report_format as rf

LAYOUTS = ("pipe", "tab", "cell", "pdf", "html")


def _show(v: Any, blank: str = "") -> str:
    if v is None:
        return blank
    if isinstance(v, Decimal):
        return format(v, "f")
    return str(v)


def _signed(v: Any, kind: str) -> str:
    text = _show(v)
    if kind == rf.KIND_DELTA and isinstance(v, int) and v > 0:
        return "+" + text
    return text


def _header_lines(table: rf.TableSchema, sep: str) -> list[str]:
    if table.code == rf.TABLE_APPLICATIONS:
        return [
            sep.join([rf.NOTE_LABEL, rf.APPLICANT_HEADER]),
            sep.join(["", "自然人", rf.ORGANISATION_HEADER, "", "", "", "", "总计"]),
            sep.join(["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]),
        ]
    if table.code == rf.TABLE_REVIEW_LITIGATION:
        parts = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
        return [
            sep.join(["行政复议", "", "", "", "", "行政诉讼"]),
            sep.join([*parts, "未经复议直接起诉", "", "", "", "", "复议后起诉"]),
            sep.join(["", "", "", "", "", *parts, *parts]),
        ]
    return []


def _text_table(table: rf.TableSchema, values: dict, layout: str) -> list[str]:
    sep = " | " if layout == "pipe" else "\t"
    out: list[str] = []
    if table.code == rf.TABLE_PROACTIVE:
        for sub in table.subtables:
            out.append(sub.caption + (" | | |" if layout == "pipe" else "\t\t\t"))
            out.append(sep.join([rf.INFO_CONTENT_LABEL, *(table.column(c).label for c in sub.columns)]))
            for code in sub.rows:
                row = table.row(code)
                cells = [_signed(values[code][c], table.column(c).kind) for c in row.columns]
                out.append(sep.join([row.label, *cells]))
        return out
    out.extend(_header_lines(table, sep))
    if table.code == rf.TABLE_REVIEW_LITIGATION:
        out.append(sep.join(_show(values[r.code][c]) for r in table.rows for c in r.columns))
        return out
    seen_groups: set[str] = set()
    for i, row in enumerate(table.rows):
        cells = [_show(values[row.code][c]) for c in row.columns]
        if layout == "pipe":
            label = [row.full_label]
            out.append(sep.join([*label, *cells]) + " | |")
            continue
        # tab: the layout of a web table copied row by row; spanned cells come out empty.
        if row.code in ("new", "carried_in", "carried_out"):
            label = [row.label, ""]
        elif row.group is None:
            label = ["三、本年度办理结果" if i == 2 else "", row.label]
        elif row.group not in seen_groups:
            seen_groups.add(row.group)
            label = ["", row.group_label, row.label]
        else:
            label = ["", "", row.label]
        out.append(sep.join([*label, *cells]))
    return out


def _cell_table(table: rf.TableSchema, values: dict) -> list[str]:
    out: list[str] = []
    if table.code == rf.TABLE_PROACTIVE:
        for sub in table.subtables:
            out.append(sub.caption)
            out.append(rf.INFO_CONTENT_LABEL)
            out.extend(table.column(c).label for c in sub.columns)
            for code in sub.rows:
                row = table.row(code)
                out.append(row.label)
                out.extend(_signed(values[code][c], table.column(c).kind) for c in row.columns)
        return out
    if table.code == rf.TABLE_REVIEW_LITIGATION:
        out.extend(["行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉"])
        out.extend(["复议后起诉", *(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)])
        out.extend(_show(values[r.code][c]) for r in table.rows for c in r.columns)
        return out
    out.extend([rf.NOTE_LABEL, rf.APPLICANT_HEADER, "自然人", rf.ORGANISATION_HEADER, "总计"])
    out.extend(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"])
    seen_groups: set[str] = set()
    for i, row in enumerate(table.rows):
        if i == 2:
            out.extend("三、本年度办理结果")  # vertical label: one character per line
        if row.group and row.group not in seen_groups:
            seen_groups.add(row.group)
            out.append(row.group_label)
        out.append(row.label)
        out.extend(_show(values[row.code][c]) for c in row.columns)
    return out


def _pdf_table(table: rf.TableSchema, values: dict) -> list[str]:
    def nums(row: rf.Row) -> str:
        return " ".join(_signed(values[row.code][c], table.column(c).kind) or "/" for c in row.columns)

    out: list[str] = []
    if table.code == rf.TABLE_PROACTIVE:
        for n, sub in enumerate(table.subtables):
            out.append(sub.caption)
            out.append(" ".join([rf.INFO_CONTENT_LABEL, *(table.column(c).label for c in sub.columns)]))
            for code in sub.rows:
                row = table.row(code)
                out.append(f"{row.label} {nums(row)}")
            if n == 1:
                out.append("- 2 -")
        return out
    if table.code == rf.TABLE_REVIEW_LITIGATION:
        out.extend(["行政复议 行政诉讼", "未经复议直接起诉 复议后起诉", "结果 结果 其他 尚未", "总 计"])
        out.append("维持 纠正 结果 审结 结果 结果 其他 尚未 结果 结果 其他 尚未")
        out.append(" ".join(_show(values[r.code][c]) or "/" for r in table.rows for c in r.columns))
        return out
    out.extend(["申请人情况", "法人或其他组织", "（本列数据的勾稽关系为：第一项加第二项之和，等", "于第三项加第四项之和）"])
    out.extend(["自然人 社会 法律 总计", "商业 科研", "公益 服务 其他", "企业 机构", "组织 机构"])
    vertical = iter("三、本年度办理结果")
    for i, row in enumerate(table.rows):
        label = row.full_label if row.group is None else row.label
        if i >= 2 and row.is_leaf:
            ch = next(vertical, None)
            if ch:
                out.append(ch)
        if len(label) > 16:
            # A long label wraps; the numbers sit between its lines (values printed mid-label).
            out.append(label[:14])
            out.append(nums(row))
            out.append(label[14:])
        elif i % 5 == 3:
            out.append(nums(row))  # values before the label
            out.append(label)
        else:
            out.append(f"{label} {nums(row)}")
        if row.group and row.code == table.group(row.group).rows[0]:
            out.append(row.group_label)
        if i == 12:
            out.extend(["- 3 -", "自然人 社会 法律 总计"])  # page footer and a repeated header
    return out


def _html_table(table: rf.TableSchema, values: dict, fmt: str) -> str:
    parts = ["<table border=1>"]
    for lrow in rf.layout(table.code, fmt):
        parts.append("<tr>")
        for cell in lrow.cells:
            attrs = ""
            if cell.colspan > 1:
                attrs += f' colspan="{cell.colspan}"'
            if cell.rowspan > 1:
                attrs += f' rowspan="{cell.rowspan}"'
            if cell.kind == rf.CELL_VALUE:
                t, r, c = rf.parse_cell_id(cell.cell_id)
                text = _signed(values[r][c], table.column(c).kind)
                parts.append(f"<td{attrs}>{escape(text)}</td>")
            else:
                parts.append(f"<th{attrs}>{escape(cell.text)}</th>")
        parts.append("</tr>")
    parts.append("</table>")
    return "".join(parts)


SECTION_TITLES = rf.SECTION_TITLES


def render(
    tables: dict,
    fmt: str,
    layout: str,
    *,
    agency: str = "测试市某某局",
    year: int = 2023,
    narrative: str = "",
    published: str = "",
) -> str:
    """A whole report in ``layout``."""
    schema = rf.schema_for(fmt)
    title = f"{agency}{year}年政府信息公开工作年度报告"
    intro = f"本报告中所列数据统计期限自{year}年1月1日起至{year}年12月31日止。"
    body_one = narrative or f"{year}年，{agency}坚持以公开为常态、不公开为例外。"
    tail = ["五、存在的主要问题及改进情况", "无。", "六、其他需要报告的事项", "无。", agency, published]
    if layout == "html":
        html = [f"<html><body><h1>{escape(title)}</h1><p>{escape(intro)}</p>"]
        html.append(f"<h2>{SECTION_TITLES[0]}</h2><p>{escape(body_one)}</p>")
        for n, t in enumerate(schema.tables, start=1):
            html.append(f"<h2>{SECTION_TITLES[n]}</h2>")
            html.append(_html_table(t, tables[t.code], fmt))
        html.extend(f"<p>{escape(x)}</p>" for x in tail if x)
        html.append("</body></html>")
        return "\n".join(html)
    lines = [title, intro, SECTION_TITLES[0], body_one]
    for n, t in enumerate(schema.tables, start=1):
        lines.append(SECTION_TITLES[n])
        if layout in ("pipe", "tab"):
            lines.extend(_text_table(t, tables[t.code], layout))
        elif layout == "cell":
            lines.extend(_cell_table(t, tables[t.code]))
        else:
            lines.extend(_pdf_table(t, tables[t.code]))
    lines.extend(x for x in tail if x)
    return "\n".join(lines)
