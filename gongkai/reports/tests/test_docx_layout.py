"""DOCX layout of the three tables: fixed column widths filling the text width (the label columns wide,
the number columns narrow), rows that never break across pages, column-header rows repeated on each
page, 五号 宋体 in every cell, headings set off from the table above; and the auditor still reads the
document cell for cell.

The report is a real one: 淮安市人民政府2024年政府信息公开工作年度报告, its tables as
``reportreader.parse_reports`` reads them from ``gongkai/reportreader/tests/data/testdata/04_huaian_shi_2024.txt``.
"""

from __future__ import annotations

import io
from decimal import Decimal

import pytest

from gongkai.law import report_format as rf
from gongkai.reportreader import parse_reports
from gongkai.reportreader.tests.report_fixtures import DATA, T04
from gongkai.reports import compute, office, render

from .helpers import liaocheng_table

TABLE_ORDER = (rf.TABLE_PROACTIVE, rf.TABLE_APPLICATIONS, rf.TABLE_REVIEW_LITIGATION)
# Six digits at 五号 (10.5pt, digits 0.5 em wide) plus the cell's left and right margins, in twips.
SIX_DIGITS = round(6 * 10.5 / 2 * 20)
FIVE_DIGITS = round(5 * 10.5 / 2 * 20)


def huaian_doc() -> render.ReportDoc:
    text = (DATA / T04).read_text(encoding="utf-8").split("\n", 1)[1]  # line 1: provenance note
    (report,) = parse_reports(text, source=T04)
    return render.ReportDoc(
        agency_name=report.agency, agency_code="", year=report.year, format_version=report.format,
        tables=report.tables,
        narrative={"overview": "2024年，全市共受理政府信息公开申请3119件。", "problems": "存在问题。"},
    )


def trial_doc() -> render.ReportDoc:
    tables = rf.empty_tables(rf.FORMAT_2019)
    tables["applications"] = liaocheng_table()
    return render.ReportDoc("聊城市人民政府", "liaocheng", 2020, rf.FORMAT_2019, tables)


@pytest.fixture(scope="module")
def huaian() -> tuple[render.ReportDoc, bytes]:
    doc = huaian_doc()
    return doc, office.to_docx(doc)


def _open(data: bytes):
    from docx import Document

    return Document(io.BytesIO(data))


def _q(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def _tables(document) -> dict[str, object]:
    assert len(document.tables) == 3
    return dict(zip(TABLE_ORDER, document.tables, strict=True))


def _grid(table) -> list[int]:
    return [int(c.get(_q("w:w"))) for c in table._tbl.tblGrid.iterchildren(_q("w:gridCol"))]


def _text_width(document) -> int:
    s = document.sections[0]
    return s.page_width.twips - s.left_margin.twips - s.right_margin.twips


@pytest.fixture(params=["2021", "2019"])
def document(request, huaian):
    data = huaian[1] if request.param == "2021" else office.to_docx(trial_doc())
    return _open(data)


def _paragraph(p_element):
    from docx.text.paragraph import Paragraph

    return Paragraph(p_element, None)


def test_every_row_is_kept_on_one_page(document):
    for code, table in _tables(document).items():
        for n, tr in enumerate(table._tbl.tr_lst):
            tr_pr = tr.trPr
            assert tr_pr is not None and tr_pr.find(_q("w:cantSplit")) is not None, (code, n)


def test_column_header_rows_repeat_on_each_page(document):
    tables = _tables(document)
    for code in (rf.TABLE_APPLICATIONS, rf.TABLE_REVIEW_LITIGATION):
        flags = [tr.trPr.find(_q("w:tblHeader")) is not None for tr in tables[code]._tbl.tr_lst]
        assert flags[:3] == [True, True, True], code  # the three column-header rows
        assert not any(flags[3:]), code
    # The header rows end where the data rows begin.
    assert tables[rf.TABLE_APPLICATIONS].cell(2, 0).text == rf.NOTE_LABEL
    assert tables[rf.TABLE_APPLICATIONS].cell(3, 0).text.startswith("一、本年新收")
    # Table 二 is a column of captioned sub-tables: no single header to repeat.
    assert not any(tr.trPr.find(_q("w:tblHeader")) is not None for tr in tables[rf.TABLE_PROACTIVE]._tbl.tr_lst)


def test_fixed_column_widths_fill_the_text_width(document):
    text_width = _text_width(document)
    assert text_width == round(170 / 25.4 * 1440)  # A4 (210 mm) less 2 × 20 mm
    for code, table in _tables(document).items():
        tbl_pr = table._tbl.tblPr
        assert tbl_pr.find(_q("w:tblLayout")).get(_q("w:type")) == "fixed", code
        tbl_w = tbl_pr.find(_q("w:tblW"))
        assert (tbl_w.get(_q("w:type")), int(tbl_w.get(_q("w:w")))) == ("dxa", text_width), code
        widths = _grid(table)
        assert sum(widths) == text_width, code
        # Every cell's own width is that of the grid columns it spans.
        for tr in table._tbl.tr_lst:
            col = 0
            for tc in tr.tc_lst:
                tc_w = tc.tcPr.find(_q("w:tcW"))
                assert tc_w.get(_q("w:type")) == "dxa"
                assert int(tc_w.get(_q("w:w"))) == sum(widths[col : col + tc.grid_span]), code
                col += tc.grid_span
            assert col == len(widths), code


def test_label_columns_of_table_three_are_wide_and_number_columns_narrow(document):
    table = _tables(document)[rf.TABLE_APPLICATIONS]
    widths = _grid(table)
    labels, numbers = widths[:3], widths[3:]
    assert len(numbers) == 7
    assert len(set(numbers)) == 1
    # The row-label column is the widest, several number columns wide; the 三、本年度办理结果 column,
    # one character a line, is the narrowest.
    assert labels[2] == max(widths) and labels[2] >= 4 * numbers[0]
    assert labels[0] == min(widths)
    margin = 2 * office._DOCX_CELL_MARGIN
    assert numbers[0] >= SIX_DIGITS + margin
    assert labels[0] >= round(10.5 * 20) + margin  # one 五号 character
    # Table 四: fifteen equal number columns that hold five digits.
    review = _grid(_tables(document)[rf.TABLE_REVIEW_LITIGATION])
    assert len(review) == 15 and max(review) - min(review) <= 1
    assert min(review) >= FIVE_DIGITS + margin


def test_every_table_run_is_song_ti_wu_hao(document):
    runs = 0
    for code, table in _tables(document).items():
        for r in table._tbl.iter(_q("w:r")):
            runs += 1
            r_pr = r.find(_q("w:rPr"))
            assert r_pr is not None, code
            fonts = r_pr.find(_q("w:rFonts"))
            assert fonts.get(_q("w:eastAsia")) == "宋体", code
            assert fonts.get(_q("w:ascii")) and fonts.get(_q("w:hAnsi")), code
            assert r_pr.find(_q("w:sz")).get(_q("w:val")) == "21", code  # half-points: 10.5pt
        # Paragraph marks too (empty cells, the continued parts of merged cells).
        for p in table._tbl.iter(_q("w:p")):
            mark = p.pPr.find(_q("w:rPr"))
            assert mark.find(_q("w:rFonts")).get(_q("w:eastAsia")) == "宋体", code
            assert mark.find(_q("w:sz")).get(_q("w:val")) == "21", code
    assert runs > 200


def test_headings_after_tables_are_spaced_and_kept_with_what_follows(document):
    body = document.element.body
    for tbl in body.iterchildren(_q("w:tbl")):
        after = tbl.getnext()
        assert after.tag == _q("w:p")
        fmt = _paragraph(after).paragraph_format
        assert fmt.space_before is not None and fmt.space_before.pt >= 6
    headings = [p for p in document.paragraphs if p.text in rf.SECTION_TITLES]
    assert len(headings) == len(rf.SECTIONS)
    for h in headings:
        assert h.paragraph_format.keep_with_next
        assert h.paragraph_format.space_before.pt >= 6


def test_adjustment_notes_follow_the_table_with_space():
    doc = huaian_doc()
    doc.sources = {
        "applications.new.total": {"kind": compute.KIND_ADJUSTED, "old": 3118, "new": 3119, "reason": "补录一件"},
    }
    document = _open(office.to_docx(doc))
    tbl = _tables(document)[rf.TABLE_APPLICATIONS]._tbl
    note = _paragraph(tbl.getnext())
    assert note.text.startswith("注：") and "补录一件" in note.text
    assert note.paragraph_format.space_before.pt > 0


def _normal(value):
    return Decimal(str(value)) if isinstance(value, float) else value


def test_the_auditor_reads_the_docx_cell_for_cell(huaian):
    from gongkai.auditor import services

    doc, data = huaian
    (result,) = services.audit_file(data, "r.docx")
    assert (result["agency"], result["year"], result["format"]) == ("淮安市人民政府", 2024, rf.FORMAT_2021)
    for cid in rf.schema_for(doc.format_version).cell_ids():
        assert _normal(rf.get_cell(result["tables"], cid)) == rf.get_cell(doc.tables, cid), cid
    assert result["findings"] == []


def test_the_auditor_reads_the_trial_format_docx_cell_for_cell():
    from gongkai.auditor import services

    doc = trial_doc()
    (result,) = services.audit_file(office.to_docx(doc), "r.docx")
    assert (result["agency"], result["year"], result["format"]) == ("聊城市人民政府", 2020, rf.FORMAT_2019)
    for cid in rf.schema_for(doc.format_version).cell_ids():
        assert _normal(rf.get_cell(result["tables"], cid)) == rf.get_cell(doc.tables, cid), cid
