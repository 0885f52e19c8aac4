"""Document attachments: type sniffed from content, size-limited, text extracted for search
(PDF with pypdf, DOCX with python-docx, XLSX with openpyxl); images need alt text (GB/T 37668).

Text extraction parses a file made elsewhere: it runs within the parsing budget of
:mod:`gongkai.ops.sandbox` (a child process with time and memory limits), after the ZIP directory of
a DOCX or XLSX was checked; an upload whose directory shows a ZIP bomb is refused outright.
"""

from __future__ import annotations

import io
import logging
import zipfile

from django.conf import settings

from gongkai.core.errors import RuleError
from gongkai.ops import sandbox

log = logging.getLogger(__name__)

MAX_BYTES = 50 * 1024 * 1024

PDF, DOCX, XLSX, PNG, JPEG = ("application/pdf",
                              "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                              "image/png", "image/jpeg")
IMAGES = {PNG, JPEG}


class AttachmentError(RuleError, ValueError):
    """An upload the rules refuse (type, size, alt text, a suspected bomb); ValueError as before."""


def sniff(content: bytes) -> str:
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if content.startswith(b"\xff\xd8\xff"):
        return JPEG
    if content.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(content)).namelist())
        except zipfile.BadZipFile:
            names = set()
        if "word/document.xml" in names:
            return DOCX
        if "xl/workbook.xml" in names:
            return XLSX
    raise AttachmentError("附件只接受 PDF、DOCX、XLSX、PNG 或 JPG 文件（按文件内容识别）")


def extract_text(content: bytes, content_type: str) -> str:
    """Best effort: an unreadable file, or one whose text cannot be had within the parsing budget,
    is kept with no text rather than rejected (the reason is logged)."""
    if content_type not in (PDF, DOCX, XLSX):
        return ""
    try:
        if content_type in (DOCX, XLSX):
            sandbox.check_zip(content)
        return sandbox.run(_extract_text, content, content_type)
    except sandbox.Refused as e:
        log.warning("attachment text not extracted: %s", e.message, extra={"content_type": content_type,
                                                                            "size": len(content)})
        return ""
    except Exception:  # noqa: BLE001 — malformed office files must not break publication
        return ""


def _extract_text(content: bytes, content_type: str) -> str:
    """Runs in the sandbox: any failure is raised, so that one on the memory ceiling is known as such."""
    if content_type == PDF:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(content))
        # Search needs the text of the first pages of a very long document, not all of it.
        pages = reader.pages[: getattr(settings, "GONGKAI_PDF_MAX_PAGES", 500)]
        return "\n".join((page.extract_text() or "") for page in pages)
    if content_type == DOCX:
        from docx import Document

        doc = Document(io.BytesIO(content))
        parts = [p.text for p in doc.paragraphs]
        for table in doc.tables:
            for row in table.rows:
                parts.append(" ".join(cell.text for cell in row.cells))
        return "\n".join(parts)
    if content_type == XLSX:
        from openpyxl import load_workbook

        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        lines = []
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                cells = [str(v) for v in row if v is not None]
                if cells:
                    lines.append(" ".join(cells))
        return "\n".join(lines)
    return ""


def check(content: bytes, *, alt_text: str = "") -> str:
    limit = getattr(settings, "DOCUMENT_ATTACHMENT_MAX_BYTES", MAX_BYTES)
    if not content:
        raise AttachmentError("附件为空")
    if len(content) > limit:
        raise AttachmentError(f"附件过大，上限为{limit // (1024 * 1024)} MB")
    ctype = sniff(content)
    if ctype in (DOCX, XLSX):
        try:
            # Ratio and entries only: a large legitimate workbook is kept (its text may be skipped).
            sandbox.check_zip(content, max_unpacked=2**62)
        except sandbox.Refused as e:
            raise AttachmentError(e.message) from None
    if ctype in IMAGES and not alt_text.strip():
        raise AttachmentError("图片附件须填写替代文本（供视障用户使用）")
    return ctype
