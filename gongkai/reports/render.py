"""Outputs of the annual report: :class:`ReportDoc` (what every output reads) with the values and
cell names they print, portal HTML in the official layout (merged header cells from
``report_format.layout``), JSON in the documented schema, the standalone HTML page and server-rendered
SVG charts. DOCX and XLSX: office.py.

JSON schema (``json_schema(format)`` returns it as a JSON Schema; tests validate against it)::

    {
      "agency": "测试市甲局", "agency_code": "deptA", "year": 2025, "format": "2021",
      "scope": "organ" | "rollup", "status": "draft" | "reviewed" | "approved" | "published",
      "frozen": true, "rules_version": "1", "deadline": "2026-01-31", "published_on": "2026-01-20" | null,
      "late": false,
      "sections": [{"key": "overview", "title": "一、总体情况", "text": "…"}, …six…],
      "tables": {"proactive": {ROW: {COL: number|null}},
                 "applications": {ROW: {COL: int|null}},
                 "review_litigation": {ROW: {COL: int|null}}},
      "adjustments": [{"cell": "applications.new.total", "old": 3, "new": 4, "reason": "…", "author": "…",
                       "at": "2026-01-10 09:30"}],
      "findings": [{"rule": "balance", "severity": "error", "message": "…", "cells": ["…"]}],
      "breakdown": [{"agency": "…", "agency_code": "…", "basis": "frozen" | "live", "tables": {…}}]
    }

Row and column codes are those of :mod:`gongkai.law.report_format`; amounts are in 万元.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from gongkai.law import report_format as rf
from gongkai.law.reconciliation import RULE_IDS, Finding, rule

from . import compute
from .narrative import OUTCOME_GROUPS, SECTION_TITLE


@dataclass
class ReportDoc:
    """Everything an output needs; built from a report (``services.report_doc``) or live (CLI)."""

    agency_name: str
    agency_code: str
    year: int
    format_version: str
    tables: dict
    findings: list[Finding] = field(default_factory=list)
    narrative: dict = field(default_factory=dict)
    sources: dict = field(default_factory=dict)
    adjustments: dict = field(default_factory=dict)  # {cell: [{"old","new","reason","author","at"}]}
    scope: str = "organ"
    status: str = "draft"
    status_label: str = "草稿"
    frozen: bool = False
    rules_version: str = ""
    deadline: dt.date | None = None
    published_on: dt.date | None = None
    late: bool = False
    breakdown: list = field(default_factory=list)
    series: list = field(default_factory=list)

    @property
    def title(self) -> str:
        suffix = "（汇总）" if self.scope == "rollup" else ""
        return f"{self.agency_name}{self.year}年政府信息公开工作年度报告{suffix}"

    @property
    def schema(self) -> rf.ReportSchema:
        return rf.schema_for(self.format_version)


# ---------------------------------------------------------------------------------------------
# Values and rule names
# ---------------------------------------------------------------------------------------------

# Rule ids this app produces that are not (yet) in reconciliation.ALL_RULES.
APP_RULE_LABELS = {"copy_paste": "正文与上年雷同", "unclassified_records": "办结申请缺少办理结果",
                   "statutory_contents": "法定内容"}
SEVERITY_LABELS = {"error": "错误", "warning": "提示", "info": "说明"}


def rule_label(rule_id: str) -> str:
    """``R1`` for the numbered rules, else the rule's Chinese description."""
    if rule_id in RULE_IDS:
        r = rule(rule_id)
        return r.number or r.description
    return APP_RULE_LABELS.get(rule_id, rule_id)



def show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.quantize(Decimal("0.01")), "f")
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def _column_of(fmt: str, cid: str) -> rf.Column:
    t, _r, c = rf.parse_cell_id(cid)
    return rf.schema_for(fmt).table(t).column(c)


def show_cell(doc: ReportDoc, cid: str) -> str:
    value = rf.get_cell(doc.tables, cid)
    column = _column_of(doc.format_version, cid)
    if column.kind == rf.KIND_DELTA and isinstance(value, int) and value > 0:
        return f"+{value}"
    return show(value)


# ---------------------------------------------------------------------------------------------
# HTML (official layout, accessible: caption, th with scope)
# ---------------------------------------------------------------------------------------------


def _scope(cell: rf.LayoutCell, header_row: bool) -> str:
    if header_row:
        return "colgroup" if cell.colspan > 1 else "col"
    return "rowgroup" if cell.rowspan > 1 else "row"


def _split_subtables(rows: tuple[rf.LayoutRow, ...]) -> list[tuple[str | None, list[rf.LayoutRow]]]:
    """Table 二 is a grid of captioned sub-tables; in HTML each becomes its own captioned table."""
    groups: list[tuple[str | None, list[rf.LayoutRow]]] = []
    for row in rows:
        if row.cells and row.cells[0].kind == rf.CELL_CAPTION:
            groups.append((row.cells[0].text, []))
        elif groups:
            groups[-1][1].append(row)
        else:
            groups.append((None, [row]))
    return groups


def html_table(doc: ReportDoc, table: str, *, link: Callable[[str], str | None] | None = None,
               marks: dict[str, list[str]] | None = None, staff: bool = False, inputs: bool = False) -> str:
    """The table in the official layout. ``link(cell_id)`` gives a URL for the records behind a cell;
    ``marks`` flags cells with failing checks; adjusted cells show a note marker. ``inputs`` renders
    a labelled text input in every value cell (entering a past year's published figures)."""
    rows = rf.layout(table, doc.format_version)
    title = SECTION_TITLE[table]
    if table == rf.TABLE_PROACTIVE:
        parts = []
        for caption, group in _split_subtables(rows):
            parts.append(_html_grid(doc, group, caption or title, link, marks, staff, css=f"report-table {table}",
                                    inputs=inputs))
        return mark_safe("".join(parts))
    return _html_grid(doc, list(rows), title, link, marks, staff, css=f"report-table {table}", inputs=inputs)


def _html_input(doc, cell, span) -> str:
    cid = cell.cell_id
    value = rf.get_cell(doc.tables, cid)
    return format_html(
        '<td class="num"{}><input type="text" inputmode="numeric" size="5" name="cell:{}" value="{}" '
        'aria-label="{}"></td>', mark_safe(span), cid, "" if value is None else show(value),
        cell_name(doc.format_version, cid),
    )


def _html_grid(doc, rows, caption, link, marks, staff, css, inputs=False) -> str:
    marks = marks or {}
    head, body = [], []
    for lrow in rows:
        cells = []
        for cell in lrow.cells:
            span = ""
            if cell.colspan > 1:
                span += f' colspan="{cell.colspan}"'
            if cell.rowspan > 1:
                span += f' rowspan="{cell.rowspan}"'
            if cell.kind == rf.CELL_VALUE:
                cells.append(_html_input(doc, cell, span) if inputs else _html_value(doc, cell, span, link, marks,
                                                                                      staff))
            else:
                scope = _scope(cell, lrow.header)
                cells.append(f'<th scope="{scope}"{span}>{escape(cell.text)}</th>')
        (head if lrow.header else body).append("<tr>" + "".join(cells) + "</tr>")
    # A narrow screen scrolls the wide official tables: the region is focusable for keyboard users.
    html = (f'<div class="table-wrap" tabindex="0" role="region" aria-label="{escape(caption)}">'
            f'<table class="{css}"><caption>{escape(caption)}</caption>')
    if head:
        html += "<thead>" + "".join(head) + "</thead>"
    html += "<tbody>" + "".join(body) + "</tbody></table></div>"
    return mark_safe(html)


def _html_value(doc, cell, span, link, marks, staff) -> str:
    cid = cell.cell_id
    text = show_cell(doc, cid)
    classes = ["num"]
    rules = marks.get(cid, [])
    source = doc.sources.get(cid, {})
    inner = escape(text) if text else '<span class="blank" aria-label="空">—</span>'
    url = link(cid) if link else None
    if url:
        inner = format_html('<a href="{}" title="查看该数据对应的记录">{}</a>', url, mark_safe(inner))
    extra = ""
    if source.get("kind") == compute.KIND_ADJUSTED:
        classes.append("adjusted")
        extra += format_html(
            '<span class="cell-note">（调整：原值{}；{}）</span>', show(source.get("old")), source.get("reason", "")
        )
    elif staff and source.get("kind") == compute.KIND_MANUAL:
        classes.append("manual")
        if source.get("figure_id"):
            extra += format_html('<span class="cell-note">（录入：{}）</span>', source.get("source", ""))
        else:
            extra += '<span class="cell-note">（待录入）</span>'
    if rules and staff:
        classes.append("fails")
        names = "、".join(rule_label(r) for r in rules)
        extra += format_html('<span class="cell-note fail">（核对未通过：{}）</span>', names)
    return f'<td class="{" ".join(classes)}"{span}>{inner}{extra}</td>'


def cell_name(fmt: str, cid: str) -> str:
    """A readable name of a cell: ``三（四）1.本机关不掌握相关政府信息／自然人``."""
    table, row, column = rf.parse_cell_id(cid)
    t = rf.schema_for(fmt).table(table)
    r = t.row(row)
    if table == rf.TABLE_REVIEW_LITIGATION:
        name = f"{r.group_label}（{r.label}）" if r.group_label else r.label
        return f"{name}／{t.column(column).label}"
    if table == rf.TABLE_PROACTIVE:
        return f"{t.subtable(r.subtable).caption}{r.label}／{t.column(column).label}"
    return f"{r.full_label}／{t.column(column).label}"


# ---------------------------------------------------------------------------------------------
# JSON
# ---------------------------------------------------------------------------------------------


def to_json(doc: ReportDoc) -> dict:
    data = {
        "agency": doc.agency_name,
        "agency_code": doc.agency_code,
        "year": doc.year,
        "format": doc.format_version,
        "scope": doc.scope,
        "status": doc.status,
        "frozen": doc.frozen,
        "rules_version": doc.rules_version,
        "deadline": doc.deadline.isoformat() if doc.deadline else None,
        "published_on": doc.published_on.isoformat() if doc.published_on else None,
        "late": doc.late,
        "sections": [{"key": k, "title": t, "text": doc.narrative.get(k, "") or ""} for k, t in rf.SECTIONS],
        "tables": compute.dump_tables(doc.tables),
        "adjustments": [
            {"cell": cid, "old": src.get("old"), "new": src.get("new"), "reason": src.get("reason", ""),
             "author": src.get("author", ""), "at": src.get("at", "")}
            for cid, src in doc.sources.items() if src.get("kind") == compute.KIND_ADJUSTED
        ],
        "findings": [f.to_dict() for f in doc.findings],
    }
    if doc.breakdown:
        data["breakdown"] = [
            {"agency": m["name"], "agency_code": m["code"], "basis": m["basis"],
             "tables": compute.dump_tables(m["tables"])}
            for m in doc.breakdown
        ]
    return data


def json_schema(fmt: str) -> dict:
    """A JSON Schema of :func:`to_json` for one format (every table, row and column required)."""
    schema = rf.schema_for(fmt)
    tables = {}
    for t in schema.tables:
        rows = {}
        for r in t.rows:
            cols = {}
            for c in r.columns:
                kind = t.column(c).kind
                cols[c] = {"type": ["number", "null"]} if kind == rf.KIND_AMOUNT else {"type": ["integer", "null"]}
            rows[r.code] = {"type": "object", "properties": cols, "required": list(r.columns),
                            "additionalProperties": False}
        tables[t.code] = {"type": "object", "properties": rows, "required": list(t.row_codes),
                          "additionalProperties": False}
    finding = {
        "type": "object",
        "properties": {"rule": {"type": "string"}, "severity": {"enum": ["error", "warning", "info"]},
                       "message": {"type": "string"}, "cells": {"type": "array", "items": {"type": "string"}}},
        "required": ["rule", "severity", "message", "cells"],
    }
    tables_schema = {"type": "object", "properties": tables, "required": list(rf.TABLES),
                     "additionalProperties": False}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "政府信息公开工作年度报告",
        "type": "object",
        "properties": {
            "agency": {"type": "string"},
            "agency_code": {"type": "string"},
            "year": {"type": "integer", "minimum": 2019},
            "format": {"const": fmt},
            "scope": {"enum": ["organ", "rollup"]},
            "status": {"enum": ["draft", "reviewed", "approved", "published"]},
            "frozen": {"type": "boolean"},
            "rules_version": {"type": "string"},
            "deadline": {"type": ["string", "null"], "format": "date"},
            "published_on": {"type": ["string", "null"], "format": "date"},
            "late": {"type": "boolean"},
            "sections": {
                "type": "array", "minItems": 6, "maxItems": 6,
                "items": {"type": "object", "properties": {"key": {"type": "string"}, "title": {"type": "string"},
                                                           "text": {"type": "string"}},
                          "required": ["key", "title", "text"]},
            },
            "tables": tables_schema,
            "adjustments": {"type": "array"},
            "findings": {"type": "array", "items": finding},
            "breakdown": {"type": "array", "items": {
                "type": "object",
                "properties": {"agency": {"type": "string"}, "agency_code": {"type": "string"},
                               "basis": {"enum": ["frozen", "live"]}, "tables": tables_schema},
                "required": ["agency", "agency_code", "basis", "tables"],
            }},
        },
        "required": ["agency", "year", "format", "tables", "findings", "sections"],
    }


# ---------------------------------------------------------------------------------------------
# HTML document (CLI output and the printable page)
# ---------------------------------------------------------------------------------------------


# The standalone page keeps its style inline (it is also saved as a file); the download view allows
# exactly this style by its hash in the Content-Security-Policy (HTML_DOCUMENT_CSS_HASH).
HTML_DOCUMENT_CSS = ("table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #333;padding:.2rem .4rem}"
                     "td.num{text-align:center}caption{font-weight:700;text-align:left}.cell-note{font-size:.8em}")
HTML_DOCUMENT_CSS_HASH = f"'sha256-{base64.b64encode(hashlib.sha256(HTML_DOCUMENT_CSS.encode()).digest()).decode()}'"


def to_html_document(doc: ReportDoc) -> str:
    """A standalone HTML page of the report (used by the CLI and the HTML download)."""
    parts = [
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{escape(doc.title)}</title>",
        f"<style>{HTML_DOCUMENT_CSS}</style>",
        "</head><body><main>",
        f"<h1>{escape(doc.title)}</h1>",
    ]
    for key, heading in rf.SECTIONS:
        parts.append(f"<section><h2>{escape(heading)}</h2>")
        for para in [p for p in (doc.narrative.get(key) or "").split("\n") if p.strip()]:
            parts.append(f"<p>{escape(para.strip())}</p>")
        if key in rf.TABLES:
            parts.append(str(html_table(doc, key)))
        parts.append("</section>")
    parts.append("</main></body></html>")
    return "".join(parts)


# ---------------------------------------------------------------------------------------------
# SVG charts (hand-written, with <title>/<desc>, no JavaScript)
# ---------------------------------------------------------------------------------------------



def outcome_counts(tables: dict, fmt: str) -> list[tuple[str, int]]:
    from .narrative import resolve

    return [(label, int(resolve(tables, fmt, f"applications.{code}.total") or 0)) for code, label in OUTCOME_GROUPS]


def svg_outcomes(doc: ReportDoc, ident: str = "chart-outcomes") -> str:
    """Horizontal bar chart of the outcome groups (三（一）–（六）) with values and shares as text."""
    from .narrative import percent

    data = outcome_counts(doc.tables, doc.format_version)
    total = sum(n for _, n in data)
    width, left, bar_h, gap, top = 640, 90, 26, 12, 40
    height = top + len(data) * (bar_h + gap) + 10
    scale = (width - left - 150) / max([n for _, n in data] + [1])
    title = f"{doc.year}年度政府信息公开申请办理结果分布"
    desc = "；".join(f"{label}{n}件，占{percent(n, total)}" for label, n in data) + f"。合计{total}件。"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc" class="chart">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(desc)}</desc>',
        f'<text x="0" y="20" font-size="15" font-weight="bold" fill="#1a1a1a">{escape(title)}</text>',
    ]
    for i, (label, n) in enumerate(data):
        y = top + i * (bar_h + gap)
        w = max(round(n * scale), 1 if n else 0)
        out.append(f'<text x="{left - 8}" y="{y + bar_h * 0.7:.0f}" font-size="14" text-anchor="end" '
                   f'fill="#1a1a1a">{escape(label)}</text>')
        out.append(f'<rect x="{left}" y="{y}" width="{w}" height="{bar_h}" fill="#a4161a"><title>'
                   f'{escape(label)}：{n}件</title></rect>')
        out.append(f'<text x="{left + w + 6}" y="{y + bar_h * 0.7:.0f}" font-size="14" fill="#1a1a1a">'
                   f'{n}件（{percent(n, total)}）</text>')
    out.append("</svg>")
    return "".join(out)


def svg_years(doc: ReportDoc, ident: str = "chart-years") -> str:
    """Grouped bars of new and processed applications by year; values printed above the bars and
    the two series told apart by fill and outline, not colour alone."""
    series = doc.series or []
    width, height, left, bottom, top = 640, 300, 50, 50, 60
    title = "近年政府信息公开申请新收与办结数量"
    if not series:
        desc = "暂无可比较的年度数据。"
    else:
        desc = "；".join(f"{s['year']}年新收{s['new']}件、办结{s['processed']}件" for s in series) + "。"
    peak = max([max(s["new"], s["processed"]) for s in series] + [1])
    plot_h = height - top - bottom
    group_w = (width - left - 20) / max(len(series), 1)
    bar_w = min(40, group_w / 3)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc" class="chart">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(desc)}</desc>',
        f'<text x="0" y="20" font-size="15" font-weight="bold" fill="#1a1a1a">{escape(title)}</text>',
        # Legend: solid = 新收, outlined hatch = 办结.
        '<rect x="50" y="32" width="14" height="14" fill="#0b4a8b"/>'
        '<text x="70" y="44" font-size="13" fill="#1a1a1a">新收（实心）</text>'
        '<rect x="170" y="32" width="14" height="14" fill="#ffffff" stroke="#a4161a" stroke-width="3"/>'
        '<text x="190" y="44" font-size="13" fill="#1a1a1a">办结（空心）</text>',
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" stroke="#555"/>',
    ]
    for i, s in enumerate(series):
        x0 = left + i * group_w + (group_w - 2 * bar_w) / 2
        for j, (key, style) in enumerate((("new", 'fill="#0b4a8b"'),
                                          ("processed", 'fill="#ffffff" stroke="#a4161a" stroke-width="3"'))):
            h = round(s[key] / peak * plot_h)
            x = x0 + j * bar_w
            y = height - bottom - h
            label = "新收" if key == "new" else "办结"
            out.append(f'<rect x="{x:.0f}" y="{y}" width="{bar_w - 4:.0f}" height="{h}" {style}>'
                       f'<title>{s["year"]}年{label}{s[key]}件</title></rect>')
            out.append(f'<text x="{x + (bar_w - 4) / 2:.0f}" y="{y - 4}" font-size="12" text-anchor="middle" '
                       f'fill="#1a1a1a">{s[key]}</text>')
        out.append(f'<text x="{x0 + bar_w:.0f}" y="{height - bottom + 20}" font-size="13" text-anchor="middle" '
                   f'fill="#1a1a1a">{s["year"]}年</text>')
    out.append("</svg>")
    return "".join(out)
