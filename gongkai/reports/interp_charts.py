"""The charts of the 年报解读 (issue 17 item 1): server-rendered SVG, each with its numbers as a table.

Made from the frozen source only (interp_text.Source): applications by outcome group, by applicant
type and by channel (the frozen facts of 一), the proactive disclosure counts of table 二, review and
litigation results of table 四, and the year-over-year chart of the report (render.svg_years, from the
series frozen at approval). Bars carry their value as text; no colour is needed to read a chart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

from django.utils.html import escape

from gongkai.law import report_format as rf

from .interp_text import APP, PRO, REV, Source, known, number, raw_value
from .narrative import OUTCOME_GROUPS, percent
from .render import svg_years


@dataclass
class Chart:
    ident: str
    section: str  # the section key it illustrates
    title: str
    unit: str
    rows: list[tuple[str, object]] = field(default_factory=list)  # (label, value) for bar charts
    series: list[dict] = field(default_factory=list)  # the years chart
    shares: bool = True  # parts of one whole (outcomes, applicants, channels): each bar's share shown

    @property
    def total(self):
        return sum((v or 0) for _, v in self.rows)


def charts(source: Source) -> list[Chart]:
    """The charts a source can show (a chart without data is left out)."""
    s, fmt = source, source.format_version
    out = []
    outcomes = [(label, raw_value(s, f"{APP}.{code}.total")) for code, label in OUTCOME_GROUPS]
    out.append(Chart("outcomes", "applications", f"{s.year}年申请办理结果", "件", outcomes))
    table = rf.schema_for(fmt).table(APP)
    people = [(table.column(c).label, raw_value(s, f"{APP}.new.{c}")) for c in rf.APPLICANT_COLUMNS]
    out.append(Chart("applicants", "applications", f"{s.year}年新收申请的申请人类型", "件", people))
    channels = [(label, n) for label, n in (s.overview.get("channels") or {}).items()]
    if sum(n for _, n in channels):
        out.append(Chart("channels", "applications", f"{s.year}年新收申请的申请方式", "件", channels))
    proactive = [(label, raw_value(s, expr)) for label, expr in (
        ("制发规章", f"{PRO}.rules.issued"), ("现行有效规章", f"{PRO}.rules.in_force"),
        ("制发行政规范性文件", f"{PRO}.normative_documents.issued"),
        ("现行有效行政规范性文件", f"{PRO}.normative_documents.in_force"),
        ("行政许可决定", f"{PRO}.licensing.decisions"), ("行政处罚决定", f"{PRO}.penalties.decisions"),
        ("行政强制决定", f"{PRO}.enforcement.decisions"),
    ) if known(s, expr)]
    out.append(Chart("proactive", "proactive", f"{s.year}年主动公开主要数据", "件", proactive, shares=False))
    parts = dict(zip(rf.REVIEW_PARTS, ("结果维持", "结果纠正", "其他结果", "尚未审结"), strict=False))
    results = [(f"行政复议·{name}", raw_value(s, f"{REV}.review.{p}")) for p, name in parts.items()]
    results += [(f"行政诉讼·{name}", raw_value(s, f"{REV}.suit_direct.{p}+{REV}.suit_after_review.{p}"))
                for p, name in parts.items()]
    out.append(Chart("review", "review_litigation", f"{s.year}年行政复议、行政诉讼结果", "件", results, shares=False))
    series = list(s.facts.get("series") or [])
    if len(series) >= 2:
        out.append(Chart("years", "applications", "近年政府信息公开申请新收与办结数量", "件", series=series))
    return out


def svg(chart: Chart, prefix: str = "ic") -> str:
    ident = f"{prefix}-{chart.ident}"
    if chart.series:
        return svg_years(SimpleNamespace(series=chart.series), ident)
    return svg_bars(chart.rows, chart.title, chart.unit, ident, shares=chart.shares)


def svg_bars(rows: list[tuple[str, object]], title: str, unit: str, ident: str, *, shares: bool = True) -> str:
    """Horizontal bars with the value (and share) printed beside each bar."""
    total = sum((v or 0) for _, v in rows)
    width, left, bar_h, gap, top = 640, 170, 22, 10, 40
    height = top + len(rows) * (bar_h + gap) + 10
    scale = (width - left - 130) / max([(v or 0) for _, v in rows] + [1])
    desc = "；".join(f"{label}{number(v or 0)}{unit}" for label, v in rows) + "。"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc" class="chart">',
        f'<title id="{ident}-title">{escape(title)}</title><desc id="{ident}-desc">{escape(desc)}</desc>',
        f'<text x="0" y="20" font-size="15" font-weight="bold" fill="#1a1a1a">{escape(title)}</text>',
    ]
    for i, (label, value) in enumerate(rows):
        n = value or 0
        y = top + i * (bar_h + gap)
        w = max(round(float(n) * scale), 1 if n else 0)
        share = f"（{percent(n, total)}）" if shares and total else ""
        out.append(f'<text x="{left - 8}" y="{y + bar_h * 0.72:.0f}" font-size="13" text-anchor="end" '
                   f'fill="#1a1a1a">{escape(label)}</text>')
        out.append(f'<rect x="{left}" y="{y}" width="{w}" height="{bar_h}" fill="#0b4a8b"/>')
        out.append(f'<text x="{left + w + 6}" y="{y + bar_h * 0.72:.0f}" font-size="13" fill="#1a1a1a">'
                   f'{number(n)}{unit}{share}</text>')
    out.append("</svg>")
    return "".join(out)


def table_rows(chart: Chart) -> tuple[list[str], list[list[str]]]:
    """The chart's numbers as (header, rows) for the table beside it."""
    if chart.series:
        return (["年度", "新收申请（件）", "办结申请（件）"],
                [[f"{s['year']}年", number(s["new"]), number(s["processed"])] for s in chart.series])
    header = ["项目", f"数量（{chart.unit}）"] + (["占比"] if chart.shares else [])
    rows = []
    for label, value in chart.rows:
        row = [label, number(value or 0)]
        if chart.shares:
            row.append(percent(value or 0, chart.total))
        rows.append(row)
    return header, rows


def figure_html(chart: Chart, prefix: str = "ic", *, with_svg: bool = True) -> str:
    """``<figure>`` with the SVG, a caption and the data table (the chart's numbers as text)."""
    header, rows = table_rows(chart)
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in header)
    body = "".join("<tr>" + f'<th scope="row">{escape(r[0])}</th>' + "".join(
        f'<td class="num">{escape(c)}</td>' for c in r[1:]) + "</tr>" for r in rows)
    caption = escape(chart.title)
    return (f'<figure class="chart-figure interp-chart" aria-labelledby="{prefix}-{chart.ident}-cap">'
            + (svg(chart, prefix) if with_svg else "")
            + f'<figcaption id="{prefix}-{chart.ident}-cap">图：{caption}</figcaption>'
            f'<div class="table-wrap"><table class="chart-data"><caption>{caption}（数据表）</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div></figure>")
