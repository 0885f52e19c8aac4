"""Hostile files for the tests of the input limits, made on the fly (nothing large is stored)."""

from __future__ import annotations

import io
import zipfile


def small_docx(text: str = "示例市人民政府2024年政府信息公开工作年度报告") -> bytes:
    from docx import Document

    doc = Document()
    doc.add_paragraph(text)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _rezip(base: bytes, replace: dict) -> bytes:
    """``base`` with some entries replaced by the chunks an iterable yields (streamed: a bomb of
    hundreds of MB is compressed without being held in memory)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED,
                                                                   compresslevel=9) as dst:
        for info in src.infolist():
            if info.filename in replace:
                with dst.open(info.filename, "w", force_zip64=True) as f:
                    for chunk in replace[info.filename]:
                        f.write(chunk)
            else:
                dst.writestr(info, src.read(info.filename))
    return out.getvalue()


_DOC_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
_DOC_TAIL = b"</w:body></w:document>"


def _repeated(head: bytes, unit: bytes, total: int, tail: bytes):
    yield head
    block = unit * (1024 * 1024 // len(unit))
    for _ in range(max(1, total // len(block))):
        yield block
    yield tail


def docx_bomb(inflated_mb: int = 100) -> bytes:
    """A DOCX whose document.xml inflates to ``inflated_mb`` MB (about a thousandth of that on disk):
    the shape of the 609 KB file that took 4.6 GB of memory."""
    para = b"<w:p><w:r><w:t>1</w:t></w:r></w:p>"
    return _rezip(small_docx(), {"word/document.xml": _repeated(_DOC_HEAD, para, inflated_mb * 1024 * 1024,
                                                                _DOC_TAIL)})


def docx_heavy(paragraphs: int = 1_000_000) -> bytes:
    """A DOCX that passes the directory checks (modest size and ratio, distinct paragraphs) but whose
    parse takes far more memory than its size: for the memory budget."""

    def chunks():
        yield _DOC_HEAD
        for start in range(0, paragraphs, 10_000):
            yield b"".join(b"<w:p><w:r><w:t>%d</w:t></w:r></w:p>" % i for i in range(start, start + 10_000))
        yield _DOC_TAIL

    return _rezip(small_docx(), {"word/document.xml": chunks()})


def xlsx_bomb(inflated_mb: int = 100) -> bytes:
    """An XLSX whose first sheet inflates to ``inflated_mb`` MB."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["行", "列", "数值"])
    buf = io.BytesIO()
    wb.save(buf)
    head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
    row = b'<row><c t="inlineStr"><is><t>1</t></is></c></row>'
    return _rezip(buf.getvalue(), {"xl/worksheets/sheet1.xml": _repeated(head, row, inflated_mb * 1024 * 1024,
                                                                          b"</sheetData></worksheet>")})


def pdf_of_pages(pages: int) -> bytes:
    """A valid PDF of blank pages (pypdf)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def xlsx_heavy(rows: int = 200_000) -> bytes:
    """An XLSX of distinct rows (an ordinary compression ratio) whose rows take far more memory as
    Python values than as a file: for the memory budget."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["行", "列", "数值"])
    buf = io.BytesIO()
    wb.save(buf)
    head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')

    def chunks():
        yield head
        for start in range(0, rows, 10_000):
            yield b"".join(b'<row><c t="inlineStr"><is><t>r%d</t></is></c><c><v>%d</v></c><c><v>%d.5</v></c></row>'
                           % (i, i, i) for i in range(start, start + 10_000))
        yield b"</sheetData></worksheet>"

    return _rezip(buf.getvalue(), {"xl/worksheets/sheet1.xml": chunks()})
