"""Readers (content sniffing, encodings, DOCX with merged cells, PDF) and the auditor services."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest

from gongkai.auditor import readers, services
from gongkai.law import report_format as rf
from gongkai.reportreader.tests.report_fixtures import DATA, EXPECTED, T02, T03, T04

REPORT_04 = next(e for e in EXPECTED if e.file == T04)


def _tables(e) -> dict:
    schema = rf.schema_for(e.format)
    t = schema.empty_tables()
    for code, values in e.proactive.items():
        t["proactive"][code].update(zip(schema.proactive.row(code).columns, values, strict=True))
    for code, values in e.applications.items():
        t["applications"][code].update(zip(schema.applications.row(code).columns, values, strict=True))
    for k, code in enumerate(("review", "suit_direct", "suit_after_review")):
        t["review_litigation"][code].update(
            zip(schema.review_litigation.row(code).columns, e.review[5 * k : 5 * k + 5], strict=True)
        )
    return t


def _docx(tables: dict, fmt: str, title: str) -> bytes:
    """A Word document with the three tables in the official layout, merged cells and all."""
    from docx import Document

    doc = Document()
    doc.add_paragraph(title)
    doc.add_paragraph("一、总体情况")
    doc.add_paragraph("2024年，全市共受理政府信息公开申请3119件。")
    for n, table in enumerate(rf.schema_for(fmt).tables, start=1):
        doc.add_paragraph(rf.SECTION_TITLES[n])
        layout = rf.layout(table.code, fmt)
        width = {rf.TABLE_PROACTIVE: 4, rf.TABLE_APPLICATIONS: 10, rf.TABLE_REVIEW_LITIGATION: 15}[table.code]
        grid = doc.add_table(rows=len(layout), cols=width)
        taken: set[tuple[int, int]] = set()
        for r, row in enumerate(layout):
            c = 0
            for cell in row.cells:
                while (r, c) in taken:
                    c += 1
                target = grid.cell(r, c)
                if cell.colspan > 1 or cell.rowspan > 1:
                    target = target.merge(grid.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        taken.add((r + dr, c + dc))
                if cell.kind == rf.CELL_VALUE:
                    value = rf.get_cell(tables, cell.cell_id)
                    target.text = "" if value is None else str(value)
                else:
                    target.text = cell.text
                c += cell.colspan
    doc.add_paragraph("五、存在的主要问题及改进情况")
    doc.add_paragraph("无。")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_sniff_by_content_not_name():
    assert readers.sniff("一、总体情况\n".encode()) == "text"
    assert readers.sniff(b"<html><body><table></table></body></html>") == "html"
    assert readers.sniff(b"%PDF-1.7\n...") == "pdf"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "x")
    with pytest.raises(readers.Unreadable, match="不是可识别的文档"):
        readers.sniff(buf.getvalue())
    with pytest.raises(readers.Unreadable, match="无法识别的旧版 Office 文件"):
        readers.sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    assert readers.sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le")) == "doc"
    with pytest.raises(readers.Unreadable, match="二进制"):
        readers.sniff(b"abc\x00\x01\x02def")


def test_gbk_and_bom_text():
    text = "淮安市人民政府2024年政府信息公开工作年度报告"
    assert readers.decode_text(text.encode("gbk")) == text
    assert readers.decode_text(b"\xef\xbb\xbf" + text.encode()) == text
    assert readers.decode_text(text.encode("utf-16")) == text


def test_docx_with_merged_cells_is_read_cell_for_cell():
    tables = _tables(REPORT_04)
    data = _docx(tables, "2021", "淮安市人民政府2024年政府信息公开工作年度报告")
    assert readers.sniff(data) == "docx"
    (result,) = services.audit_file(data, "report.docx")
    assert (result["agency"], result["year"], result["format"]) == ("淮安市人民政府", 2024, "2021")
    for cid in rf.schema_for("2021").cell_ids():
        expected = rf.get_cell(tables, cid)
        got = rf.get_cell(result["tables"], cid)
        assert (Decimal(str(got)) if isinstance(got, float) else got) == expected, cid
    assert result["findings"] == []


def test_docx_tabs_and_line_breaks_separate_numbers():
    """A table typed as tab-separated paragraphs: the tabs are w:tab elements, not text; dropping
    them glued 「1<tab>0<tab>…<tab>1」 into the invented value 1000001."""
    from docx import Document as Docx

    docx = Docx()
    docx.add_paragraph("一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1")
    p = docx.add_paragraph("二、上年结转政府信息公开申请数量")
    p.add_run().add_break()
    p.add_run("2\t0\t0\t0\t0\t0\t2")
    buf = io.BytesIO()
    docx.save(buf)
    assert readers.docx_text(buf.getvalue()).split("\n") == [
        "一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1",
        "二、上年结转政府信息公开申请数量",
        "2\t0\t0\t0\t0\t0\t2",
    ]


def test_pdf_without_text_layer_is_unreadable():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buf = io.BytesIO()
    writer.write(buf)
    (result,) = services.audit_file(buf.getvalue(), "scan.pdf")
    assert result["findings"][0]["rule"] == "unreadable"
    assert "文字层" in result["findings"][0]["message"]


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02" * 50, "只是一段文字。".encode(), b"PK\x03\x04broken"])
def test_bad_input_gives_a_finding_not_an_exception(content):
    (result,) = services.audit_file(content, "bad")
    assert result["findings"][0]["rule"] in ("unreadable", "unrecognised")
    assert result["source"] == "bad"


def test_audit_file_missing_path(tmp_path):
    (result,) = services.audit_file(tmp_path / "nope.txt")
    assert result["findings"][0]["rule"] == "unreadable"
    assert result["source"].endswith("nope.txt")


def test_audit_text_multi_report_file():
    text = (DATA / "seeds/001_75c59c17b5b0da39.txt").read_text(encoding="utf-8")
    results = services.audit_text(text, source="001.txt")
    assert [r["year"] for r in results] == [2023, 2022, 2021, 2020, 2016, 2019, 2018, 2017, 2014, 2013, 2012]
    assert all(r["source"] == "001.txt" for r in results)


def test_cross_year_across_files():
    """Two files of one agency, the later one's carry-over edited: cross_year fires only in a batch."""
    last = (DATA / T02).read_bytes()
    this = (DATA / T03).read_text(encoding="utf-8").replace(
        "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0", "二、上年结转政府信息公开申请数量 3 0 0 0 0 0 3"
    )
    alone = services.audit_text(this, "2024.txt")
    assert "cross_year" not in {f["rule"] for f in alone[0]["findings"]}
    batch = services.audit_batch([("2023.txt", last), ("2024.txt", this)])
    assert [r["source"] for r in batch] == ["2023.txt", "2024.txt"]
    assert "cross_year" in {f["rule"] for f in batch[1]["findings"]}


def test_table_views_mark_the_failing_cells():
    (result,) = services.audit_file(DATA / T02, "02.txt")
    views = {v["code"]: v for v in services.table_views(result)}
    review = views["review_litigation"]
    cells = {c["cell_id"]: c for row in review["rows"] for c in row["cells"] if c["tag"] == "td"}
    assert cells["review_litigation.review.total"]["fails"] == ["复议、诉讼总计"]
    assert cells["review_litigation.review.total"]["text"] == "0"
    assert cells["review_litigation.suit_direct.total"]["fails"] == []
    apps = views["applications"]
    missing = [c for row in apps["rows"] for c in row["cells"] if c["tag"] == "td" and c["missing"]]
    assert len(missing) == 21  # the three （六） sub-rows printed as one row
    headers = [c for row in apps["rows"] for c in row["cells"] if c["tag"] == "th"]
    assert all(c["scope"] in ("col", "colgroup", "row", "rowgroup") for c in headers)
