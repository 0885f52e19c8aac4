"""The 年报解读 as DOCX (issue 17 item 1), set like the report's DOCX (office.py: 宋体 text, 黑体
headings): title, key figures with their change against last year, each section's paragraphs, and
each chart as a PNG (interp_image.svg_pngs) followed by its numbers as a table."""

from __future__ import annotations

import io

from .interp_charts import charts, svg, table_rows
from .interp_check import plain
from .interp_image import svg_pngs
from .interp_render import key_figures
from .interp_text import Source
from .office import _east_asian, _heading, _run


def _table(document, header: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    for i, text in enumerate(header):
        _run(table.rows[0].cells[i].paragraphs[0], text, size=10.5, bold=True)
    for r, row in enumerate(rows, start=1):
        for i, text in enumerate(row):
            _run(table.rows[r].cells[i].paragraphs[0], text, size=10.5)


def to_docx(title: str, source: Source, sections: list[dict], figures: dict, *, note: str = "") -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "SimSun", Pt(12)
    _east_asian(normal.element)
    document.core_properties.title = title

    head = document.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(head, title, size=18, bold=True)
    _heading(document, "关键数据")
    _table(document, ["项目", "数值", "同比"],
           [[k["label"], f"{k['value']}{k['unit']}", k["change"]] for k in key_figures(source, figures)])
    all_charts = charts(source)
    images = dict(zip([c.ident for c in all_charts], svg_pngs([svg(c, "x") for c in all_charts]), strict=False))
    for sec in sections:
        _heading(document, sec["title"])
        for para in [p for p in plain(sec["text"]).split("\n\n") if p.strip()]:
            p = document.add_paragraph()
            p.paragraph_format.first_line_indent = Pt(24)
            _run(p, para.strip())
        for chart in [c for c in all_charts if c.section == sec["key"]]:
            if chart.ident in images:
                document.add_picture(io.BytesIO(images[chart.ident]), width=Mm(160))
            cap = document.add_paragraph()
            cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _run(cap, f"图：{chart.title}", size=10.5, bold=True)
            _table(document, *table_rows(chart))
    if note:
        p = document.add_paragraph()
        _run(p, note, size=10.5)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
