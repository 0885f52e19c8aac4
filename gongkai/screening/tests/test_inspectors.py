"""The leak guard on crafted files, one per hidden kind of issue 16 item 5: each is found (with its
place), its text goes through the personal-data check, and the clean copy has none left."""

import io
import zipfile

import pytest

from gongkai.publishing.attachments import DOCX, JPEG, PDF, PNG, XLSX
from gongkai.screening import findings as F
from gongkai.screening import inspect

from . import crafted as C

CASES = [
    (C.docx_comment, DOCX, F.COMMENT, "批注 第1条（作者：李科长）"),
    (C.docx_tracked, DOCX, F.TRACKED_DELETION, "正文第2段 修订删除（王五）"),
    (C.docx_hidden, DOCX, F.HIDDEN_TEXT, "正文第2段 隐藏文字"),
    (C.docx_hidden_by_style, DOCX, F.HIDDEN_TEXT, "正文第2段 隐藏文字"),
    (C.docx_properties, DOCX, F.PROPERTIES, "文档属性：作者"),
    (C.docx_properties, DOCX, F.PROPERTIES, "文档属性：单位"),
    (C.docx_embedded, DOCX, F.EMBEDDED_OBJECT, "嵌入对象文件（oleObject1.bin）"),
    (C.xlsx_hidden_sheet, XLSX, F.HIDDEN_SHEET, "工作表“附表”（隐藏）"),
    (C.xlsx_very_hidden_sheet, XLSX, F.VERY_HIDDEN_SHEET, "工作表“底稿”（深度隐藏）"),
    (C.xlsx_hidden_row, XLSX, F.HIDDEN_ROW, "工作表“公示”隐藏第5行"),
    (C.xlsx_hidden_column, XLSX, F.HIDDEN_COLUMN, "工作表“公示”隐藏第D列"),
    (C.xlsx_format_hidden, XLSX, F.HIDDEN_TEXT, "工作表“公示”单元格E2 数字格式隐藏"),
    (C.xlsx_comment, XLSX, F.COMMENT, "工作表“公示”单元格B2 批注（作者：李科长）"),
    (C.xlsx_defined_name, XLSX, F.DEFINED_NAME, "定义的名称：内部名单"),
    (C.xlsx_external_link, XLSX, F.EXTERNAL_LINK, "外部链接：file:///\\\\fileserver\\内部\\低保名单.xlsx"),
    (C.xlsx_pivot_cache, XLSX, F.PIVOT_CACHE, "数据透视表缓存（第1个缓存的定义）"),
    (C.pdf_fake_redaction, PDF, F.FAKE_REDACTION, "第1页 色块下的文字"),
    (C.pdf_white_out, PDF, F.FAKE_REDACTION, "第1页 色块下的文字"),
    (C.pdf_annotation, PDF, F.ANNOTATION, "第1页 注释（便笺）"),
    (C.pdf_embedded_file, PDF, F.EMBEDDED_FILE, "嵌入文件：list.txt"),
    (C.pdf_metadata, PDF, F.METADATA, "元数据：作者"),
    (C.pdf_incremental, PDF, F.EARLIER_REVISION, "增量保存前的第1个版本（共2个版本）"),
    (C.jpeg_with_gps, JPEG, F.GPS, "图片元数据：拍摄地点坐标"),
    (C.jpeg_with_gps, JPEG, F.EXIF, "图片元数据：拍摄信息"),
]
# Each crafted file hides personal data in its hidden part unless it is only about the part itself.
WITHOUT_PERSONAL_DATA = {"docx_properties", "docx_embedded", "xlsx_defined_name", "pdf_metadata", "jpeg_with_gps"}


def _ids(case):
    return f"{case[0].__name__}-{case[2]}"


@pytest.mark.parametrize("make, ctype, kind, place", CASES, ids=[_ids(c) for c in CASES])
def test_each_hidden_kind_is_found_at_its_place_and_the_clean_copy_has_none_left(make, ctype, kind, place):
    data = make()
    report = inspect.inspect(data, ctype)
    assert (kind, place) in {(f.kind, f.place) for f in report.findings}
    if make.__name__ not in WITHOUT_PERSONAL_DATA:
        personal = [f for f in report.findings if f.kind == F.PERSONAL_DATA]
        assert personal and all("*" in f.excerpt for f in personal)  # found in the hidden part, shown masked
    assert not [f for f in report.findings if C.MOBILE in f.excerpt or C.ID_NO in f.excerpt]
    copy = inspect.clean(data, ctype)
    assert inspect.inspect(copy, ctype).findings == []


@pytest.mark.parametrize("make, ctype", [(C.docx_plain, DOCX), (C.xlsx_plain, XLSX), (C.pdf_plain, PDF),
                                         (C.pdf_white_on_black, PDF), (C.png_plain, PNG)])
def test_a_file_without_hidden_parts_has_no_findings(make, ctype):
    assert inspect.inspect(make(), ctype).findings == []


def _docx_xml(data: bytes) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()


def test_docx_clean_copy_accepts_insertions_and_drops_deleted_and_hidden_text():
    copy = inspect.clean(C.docx_tracked(), DOCX)
    xml = _docx_xml(copy)
    assert "张某" in xml and C.ID_NO not in xml and "w:del" not in xml and "w:ins" not in xml
    from docx import Document

    assert "救助对象：张某" in [p.text for p in Document(io.BytesIO(copy)).paragraphs]
    hidden = _docx_xml(inspect.clean(C.docx_hidden(), DOCX))
    assert "公开部分" in hidden and C.MOBILE not in hidden
    names = zipfile.ZipFile(io.BytesIO(inspect.clean(C.docx_comment(), DOCX))).namelist()
    assert "word/comments.xml" not in names


def test_docx_personal_data_in_the_visible_text_is_masked_in_the_copy_even_across_runs():
    def build(doc):
        p = doc.add_paragraph("联系电话")
        p.add_run(C.MOBILE[:5])
        p.add_run(C.MOBILE[5:] + "。")
    data = C._docx(build)
    report = inspect.inspect(data, DOCX)
    assert [(f.place, f.cleanable) for f in report.findings] == [("附件正文：手机号码", True)]
    copy = inspect.clean(data, DOCX)
    from docx import Document

    assert "联系电话138****5678。" in [p.text for p in Document(io.BytesIO(copy)).paragraphs]


def test_xlsx_clean_copy_keeps_the_visible_table_in_place():
    from openpyxl import load_workbook

    copy = load_workbook(io.BytesIO(inspect.clean(C.xlsx_hidden_row(), XLSX)))
    ws = copy["公示"]
    assert [c.value for c in ws[5]] == [5, "张某5", 500]  # row 6 moved up into the deleted row's place
    assert not any(d.hidden for d in ws.row_dimensions.values())
    assert copy.sheetnames == ["公示"]
    assert load_workbook(io.BytesIO(inspect.clean(C.xlsx_hidden_sheet(), XLSX))).sheetnames == ["公示"]


def test_pdf_personal_data_in_visible_text_is_reported_and_not_cleanable():
    data = C.pdf_page(C._text(f"Contact {C.MOBILE}"))
    found = inspect.inspect(data, PDF).findings
    assert [(f.kind, f.place, f.excerpt, f.cleanable) for f in found] == [
        (F.PERSONAL_DATA, "附件正文：手机号码", "138****5678", False)]


def test_flattened_pdf_is_one_image_page_per_page_without_text():
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(inspect.clean(C.pdf_fake_redaction(), PDF)))
    assert len(reader.pages) == 1 and not (reader.pages[0].extract_text() or "").strip()


def test_image_clean_copy_keeps_the_pixels():
    from PIL import Image

    copy = Image.open(io.BytesIO(inspect.clean(C.jpeg_with_gps(), JPEG)))
    assert copy.size == (40, 30) and not copy.getexif()


def test_a_file_that_cannot_be_read_is_a_finding_that_no_copy_can_fix():
    found = inspect.inspect(b"PK\x03\x04 not a zip at all", DOCX).findings
    assert [(f.kind, f.cleanable) for f in found] == [(F.UNREADABLE, False)]


def test_an_office_file_whose_directory_shows_a_bomb_is_refused_before_parsing(settings):
    settings.GONGKAI_UNZIP_MAX_MB = 1
    big = io.BytesIO()
    with zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "<a/>" + " " * (3 * 1024 * 1024))
    found = inspect.inspect(big.getvalue(), DOCX).findings
    assert found[0].kind == F.UNREADABLE and "已拒绝处理" in found[0].place
