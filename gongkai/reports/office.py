"""The annual report as office files in the official layout (merged header cells from
``report_format.layout``): DOCX (python-docx: 五号 宋体 tables at fixed widths, header rows repeated)
and XLSX (openpyxl; every cell written as a value, never a formula). HTML, JSON and SVG: render.py."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

from gongkai.law import report_format as rf

from . import compute
from .narrative import SECTION_TITLE
from .render import SEVERITY_LABELS, ReportDoc, cell_name, rule_label, show, show_cell

# ---------------------------------------------------------------------------------------------
# Grid placement (rowspan/colspan → positions), shared by DOCX and XLSX
# ---------------------------------------------------------------------------------------------


@dataclass
class Placed:
    row: int
    col: int
    cell: rf.LayoutCell
    header: bool


def place(rows: tuple[rf.LayoutRow, ...]) -> tuple[list[Placed], int, int]:
    occupied: set[tuple[int, int]] = set()
    out: list[Placed] = []
    for r, lrow in enumerate(rows):
        c = 0
        for cell in lrow.cells:
            while (r, c) in occupied:
                c += 1
            out.append(Placed(r, c, cell, lrow.header or cell.kind != rf.CELL_VALUE))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    occupied.add((r + dr, c + dc))
            c += cell.colspan
    n_rows = max(r for r, _ in occupied) + 1
    n_cols = max(c for _, c in occupied) + 1
    return out, n_rows, n_cols


def _cell_text(doc: ReportDoc, cell: rf.LayoutCell) -> str:
    return show_cell(doc, cell.cell_id) if cell.kind == rf.CELL_VALUE else cell.text


# ---------------------------------------------------------------------------------------------
# DOCX (python-docx, merged cells)
# ---------------------------------------------------------------------------------------------


# Tables are set in 五号 (10.5pt) 宋体, their digits in Times New Roman (0.5 em wide like SimSun's, and with
# metric-compatible substitutes where it is missing, e.g. Liberation Serif), so the number columns hold
# the same digits everywhere. Widths are in twips (1/1440 inch), the unit of w:gridCol and w:tcW.
DOCX_TABLE_PT = 10.5
DOCX_TABLE_LATIN = "Times New Roman"
_TWIPS_PER_MM = 1440 / 25.4
# About 0.8 mm left and right inside a cell (Word's default is 1.9 mm): a 13 mm number column of table 三
# holds six digits at 五号, an 11.3 mm column of table 四 five.
_DOCX_CELL_MARGIN = 45
_DOCX_APPLICATIONS_MM = (6, 13)  # 三、本年度办理结果 (one character a line), the groups （三）不予公开 …
_DOCX_APPLICATIONS_NUMBER_MM = 13  # each of the seven 申请人 columns; the row labels take the rest
_DOCX_PROACTIVE_VALUE_MM = 40  # 本年制发件数 …; 信息内容 takes the rest


def _east_asian(run_or_style_element, name: str = "宋体") -> None:
    from docx.oxml.ns import qn

    rpr = run_or_style_element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _latin(font: str) -> str:
    return "SimSun" if font == "宋体" else font


def _run(paragraph, text: str, *, size: float = 12, bold: bool = False, font: str = "宋体",
         latin: str | None = None):
    """A run in ``font`` (East Asian) and ``latin`` (ASCII; by default the Latin name of ``font``)."""
    from docx.shared import Pt

    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.name = latin or _latin(font)
    run.bold = bold
    _east_asian(run._element, font)
    return run


def _paragraph_mark(paragraph, size: float, font: str = "宋体", latin: str | None = None) -> None:
    """Font and size of the paragraph mark: an empty cell is then as high as a filled one."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = paragraph._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.insert_element_before(rpr, "w:sectPr", "w:pPrChange")
    for child in list(rpr):
        rpr.remove(child)
    fonts = OxmlElement("w:rFonts")
    latin = latin or _latin(font)
    for attr, name in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", font)):
        fonts.set(qn(attr), name)
    rpr.append(fonts)
    for tag in ("w:sz", "w:szCs"):
        sz = OxmlElement(tag)
        sz.set(qn("w:val"), str(round(size * 2)))  # half-points
        rpr.append(sz)


def _text_width_twips(section) -> int:
    """The width between the margins of a DOCX section, in twips."""
    return section.page_width.twips - section.left_margin.twips - section.right_margin.twips


def _docx_column_widths(table: str | None, n_cols: int, total: int) -> list[int]:
    """Grid column widths (twips) of a table in the official layout, adding up to ``total``.

    Table 三: the label columns get most of the width (the row labels take what the narrow
    ``三、本年度办理结果`` column, the group column and the seven number columns leave); table 四: fifteen
    equal number columns; table 二: 信息内容 takes what the three value columns leave.
    """
    def twips(mm: float) -> int:
        return round(mm * _TWIPS_PER_MM)

    if table == rf.TABLE_APPLICATIONS and n_cols > 3:
        head = [twips(mm) for mm in _DOCX_APPLICATIONS_MM]
        numbers = [twips(_DOCX_APPLICATIONS_NUMBER_MM)] * (n_cols - 3)
        return [*head, total - sum(head) - sum(numbers), *numbers]
    if table == rf.TABLE_PROACTIVE and n_cols > 1:
        values = [twips(_DOCX_PROACTIVE_VALUE_MM)] * (n_cols - 1)
        return [total - sum(values), *values]
    base, extra = divmod(total, n_cols)
    return [base + (1 if i < extra else 0) for i in range(n_cols)]


def _docx_fix_widths(table, widths: list[int]) -> None:
    """Fixed layout: w:tblW, every w:gridCol and every cell's w:tcW (the sum of the columns it spans)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl = table._tbl
    tbl_pr = tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.insert_element_before(tbl_w, "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd",
                                     "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
                                     "w:tblDescription", "w:tblPrChange")
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(sum(widths)))
    table.autofit = False  # w:tblLayout w:type="fixed"
    margins = OxmlElement("w:tblCellMar")
    for side in ("w:left", "w:right"):
        m = OxmlElement(side)
        m.set(qn("w:w"), str(_DOCX_CELL_MARGIN))
        m.set(qn("w:type"), "dxa")
        margins.append(m)
    old = tbl_pr.find(qn("w:tblCellMar"))
    if old is not None:
        tbl_pr.remove(old)
    tbl_pr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
    for grid_col, w in zip(tbl.tblGrid.iterchildren(qn("w:gridCol")), widths, strict=True):
        grid_col.set(qn("w:w"), str(w))
    for tr in tbl.iterchildren(qn("w:tr")):
        col = 0
        for tc in tr.iterchildren(qn("w:tc")):
            span = tc.grid_span
            tc_w = tc.get_or_add_tcPr().get_or_add_tcW()
            tc_w.set(qn("w:type"), "dxa")
            tc_w.set(qn("w:w"), str(sum(widths[col : col + span])))
            col += span


# Child order of w:trPr (ECMA-376 CT_TrPrBase, then w:ins, w:del, w:trPrChange).
_TRPR_ORDER = ("w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter", "w:cantSplit",
               "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange")


def _docx_row_props(tr, *, header: bool) -> None:
    """Rows never break across pages (w:cantSplit); ``header`` rows repeat on every page (w:tblHeader)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = tr.get_or_add_trPr()
    tags = ["w:cantSplit", "w:tblHeader"] if header else ["w:cantSplit"]
    for tag in tags:
        if tr_pr.find(qn(tag)) is None:
            successors = _TRPR_ORDER[_TRPR_ORDER.index(tag) + 1 :]
            tr_pr.insert_element_before(OxmlElement(tag), *successors)


def _docx_grid(document, doc: ReportDoc, rows: tuple[rf.LayoutRow, ...], table_code: str | None = None):
    """The table in the official layout (merged cells), 五号 宋体, at fixed widths filling the text width.

    Every row is kept on one page; the column-header rows of tables 三 and 四 repeat on each page the
    table runs onto (table 二's caption and header rows are per sub-table: they keep with the next row
    instead).
    """
    from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    placed, n_rows, n_cols = place(rows)
    table = document.add_table(rows=n_rows, cols=n_cols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    # The grid once: python-docx's table.cell() rebuilds the whole grid on every call (a table 三 took
    # over a second). The placed cells never overlap, so a merge leaves the corner cells of the other
    # merges in place.
    grid = table._cells
    for p in placed:
        cell = grid[p.row * n_cols + p.col]
        if p.cell.rowspan > 1 or p.cell.colspan > 1:
            cell = cell.merge(grid[(p.row + p.cell.rowspan - 1) * n_cols + p.col + p.cell.colspan - 1])
        cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
        tc = cell._tc
        for extra in tc.p_lst[1:]:
            tc.remove(extra)
        para = cell.paragraphs[0]
        for run in para._p.r_lst:
            para._p.remove(run)
        # Row labels read from the left; headers, the narrow group labels and the numbers are centred.
        left = p.cell.kind == rf.CELL_LABEL and p.cell.rowspan == 1
        para.alignment = WD_ALIGN_PARAGRAPH.LEFT if left else WD_ALIGN_PARAGRAPH.CENTER
        if rows[p.row].header:
            para.paragraph_format.keep_with_next = True
        _run(para, _cell_text(doc, p.cell), size=DOCX_TABLE_PT, latin=DOCX_TABLE_LATIN,
             bold=p.cell.kind in (rf.CELL_HEADER, rf.CELL_CAPTION))
    # Every paragraph, also the empty ones of vertically merged cells: single spaced, no paragraph
    # spacing, a 五号 paragraph mark (an empty cell is as high as a filled one).
    for p_el in table._tbl.iter(qn("w:p")):
        para = Paragraph(p_el, table)
        fmt = para.paragraph_format
        fmt.space_before = fmt.space_after = 0
        fmt.line_spacing = 1.0
        _paragraph_mark(para, DOCX_TABLE_PT, latin=DOCX_TABLE_LATIN)
    section = document.sections[-1]
    _docx_fix_widths(table, _docx_column_widths(table_code, n_cols, _text_width_twips(section)))
    repeat = table_code in (rf.TABLE_APPLICATIONS, rf.TABLE_REVIEW_LITIGATION)
    leading = True  # the column-header rows at the top of the table
    for lrow, tr in zip(rows, table._tbl.tr_lst, strict=True):
        leading = leading and lrow.header
        _docx_row_props(tr, header=repeat and leading)
    return table


def _heading(document, text: str):
    """A section heading (黑体 四号) set off from the table or text above it and kept with what follows."""
    from docx.shared import Pt

    h = document.add_paragraph()
    fmt = h.paragraph_format
    fmt.space_before, fmt.space_after, fmt.keep_with_next = Pt(12), Pt(6), True
    _run(h, text, size=14, bold=True, font="黑体")
    return h


def to_docx(doc: ReportDoc) -> bytes:
    """The report in the official layout: title, six sections, the three tables with merged cells."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    normal = document.styles["Normal"]
    normal.font.name = "SimSun"
    normal.font.size = Pt(12)
    _east_asian(normal.element)
    document.core_properties.title = doc.title

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, doc.title, size=18, bold=True)
    for key, heading in rf.SECTIONS:
        _heading(document, heading)
        text = doc.narrative.get(key) or ""
        for para in [p for p in text.split("\n") if p.strip()]:
            p = document.add_paragraph()
            p.paragraph_format.first_line_indent = Pt(24)
            _run(p, para.strip())
        if key in rf.TABLES:
            _docx_grid(document, doc, rf.layout(key, doc.format_version), key)
            for n, note in enumerate(_adjustment_notes(doc, key)):
                p = document.add_paragraph()
                if n == 0:
                    p.paragraph_format.space_before = Pt(3)
                _run(p, note, size=9)
        elif not text.strip():
            p = document.add_paragraph()
            _run(p, "无。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _adjustment_notes(doc: ReportDoc, table: str) -> list[str]:
    notes = []
    for cid, src in doc.sources.items():
        if src.get("kind") == compute.KIND_ADJUSTED and cid.startswith(table + "."):
            notes.append(f"注：{cell_name(doc.format_version, cid)}经调整，原值{show(src.get('old'))}，"
                         f"调整为{show(src.get('new'))}，理由：{src.get('reason', '')}")
    return notes


# ---------------------------------------------------------------------------------------------
# XLSX (openpyxl, merged cells)
# ---------------------------------------------------------------------------------------------

_SHEETS = {rf.TABLE_PROACTIVE: "二、主动公开", rf.TABLE_APPLICATIONS: "三、依申请公开", rf.TABLE_REVIEW_LITIGATION: "四、复议诉讼"}


def _xlsx_grid(ws, doc: ReportDoc, rows, top: int = 1) -> int:
    from openpyxl.styles import Alignment, Border, Font, Side

    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    placed, n_rows, n_cols = place(rows)
    for r in range(n_rows):
        for c in range(n_cols):
            ws.cell(row=top + r, column=1 + c).border = border
    for p in placed:
        cell = ws.cell(row=top + p.row, column=1 + p.col)
        if p.cell.kind == rf.CELL_VALUE:
            value = rf.get_cell(doc.tables, p.cell.cell_id)
            cell.value = float(value) if isinstance(value, Decimal) else value
            cell.alignment = Alignment(horizontal="center", vertical="center")
        else:
            cell.value = p.cell.text
            cell.font = Font(bold=p.cell.kind in (rf.CELL_HEADER, rf.CELL_CAPTION))
            cell.alignment = Alignment(horizontal="center" if p.header else "left", vertical="center", wrap_text=True)
        if p.cell.rowspan > 1 or p.cell.colspan > 1:
            ws.merge_cells(start_row=top + p.row, start_column=1 + p.col,
                           end_row=top + p.row + p.cell.rowspan - 1, end_column=1 + p.col + p.cell.colspan - 1)
    return top + n_rows


def to_xlsx(doc: ReportDoc) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from gongkai.files.spreadsheet import xlsx_bytes

    wb = Workbook()
    info = wb.active
    info.title = "报告信息"
    info.append([doc.title])
    info["A1"].font = Font(bold=True, size=14)
    for label, value in (
        ("机关", doc.agency_name), ("报告年度", doc.year), ("报告格式", rf.FORMAT_DOCUMENTS[doc.format_version]),
        ("状态", doc.status_label), ("核对规则版本", doc.rules_version),
        ("发布期限", doc.deadline.isoformat() if doc.deadline else ""),
        ("发布日期", doc.published_on.isoformat() if doc.published_on else ""),
    ):
        info.append([label, value])
    info.column_dimensions["A"].width = 14
    info.column_dimensions["B"].width = 60
    for table in rf.TABLES:
        ws = wb.create_sheet(_SHEETS[table])
        ws.append([SECTION_TITLE[table]])
        ws["A1"].font = Font(bold=True)
        end = _xlsx_grid(ws, doc, rf.layout(table, doc.format_version), top=2)
        for note in _adjustment_notes(doc, table):
            end += 1
            ws.cell(row=end, column=1, value=note)
        if table == rf.TABLE_APPLICATIONS:
            for col in "ABC":
                ws.column_dimensions[col].width = 16
    if doc.breakdown:
        ws = wb.create_sheet("分机关明细")
        t = doc.schema.applications
        header = ["机关", "数据依据"] + [f"{r.ref or r.label}{t.column(rf.TOTAL).label}" for r in t.rows] + [
            f"{r.label}总计" for r in doc.schema.review_litigation.rows]
        ws.append(header)
        for m in doc.breakdown:
            tables = m["tables"]
            ws.append([m["name"], "已冻结" if m["basis"] == "frozen" else "实时计算"]
                      + [rf.get_cell(tables, rf.cell_id(rf.TABLE_APPLICATIONS, r.code, rf.TOTAL)) for r in t.rows]
                      + [rf.get_cell(tables, rf.cell_id(rf.TABLE_REVIEW_LITIGATION, r.code, rf.TOTAL))
                         for r in doc.schema.review_litigation.rows])
    if doc.findings:
        ws = wb.create_sheet("核对结果")
        ws.append(["规则", "严重程度", "说明", "单元格"])
        for f in doc.findings:
            ws.append([rule_label(f.rule), SEVERITY_LABELS.get(f.severity, f.severity), f.message,
                       "，".join(f.cells[:10])])
    return xlsx_bytes(wb)
