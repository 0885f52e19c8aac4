"""Turn an uploaded or named file into text for :mod:`gongkai.reportreader`.

The kind is sniffed from the content, never trusted from the name: DOCX (a ZIP holding
``word/document.xml``; tables become tab-separated lines on their grid, merged cells honoured), PDF
(as far as it has a text layer: ruled tables read on their grid by :mod:`gongkai.auditor.pdfgrid` on
PDFium, other PDFs by pypdf; running page headers and footers dropped), HTML (tables flattened by
:func:`gongkai.reportreader.html_to_text`) and plain text (UTF-8 with or without BOM, UTF-16
with BOM, GB18030). Anything else raises :class:`Unreadable` with a Chinese message.

These functions parse files that anyone may upload: callers run them under a budget
(:mod:`gongkai.ops.sandbox`, as ``services.audit_batch`` does); a DOCX's ZIP directory is checked
for a bomb before it is opened, a PDF's page count before its text is extracted.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter

from pypdf import PdfReader

from gongkai.auditor import pdfgrid
from gongkai.ops import sandbox
from gongkai.reportreader import html_to_text, looks_like_html
from gongkai.reportreader.cells import grid_row_line

__all__ = [
    "Unreadable",
    "NeedsOcr",
    "KINDS",
    "sniff",
    "decode_text",
    "docx_text",
    "pdf_text",
    "strip_running_lines",
    "read_text",
]

KINDS = ("text", "html", "docx", "xlsx", "odt", "ods", "doc", "xls", "pdf", "image")
# A published annual report is a few dozen pages; more is not a report (and costs time to read).
MAX_PDF_PAGES = 200


class Unreadable(sandbox.Refused):
    """The input cannot be read as a report; ``str(e)`` is the Chinese reason."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NeedsOcr(Unreadable):
    """A scan (a PDF without a text layer, a PNG/JPEG image): readable by OCR only
    (:mod:`gongkai.auditor.ocr`, where the caller allows it: the CLI and the page's OCR job)."""


SCAN_WITHOUT_OCR = "PDF 没有文字层（可能是扫描件），无法读取"
IMAGE_WITHOUT_OCR = "上传的是图片，需要文字识别才能读取"

_ODF_TYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}
OFD_UNSUPPORTED = "暂不能读取 OFD 版式文件（尚无可靠的开源读取组件）；请上传同一报告的 PDF、DOCX 或网页版本"
ENCRYPTED_OFFICE = "Office 文档已加密，请提供未加密的文件"


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            mimetype = z.read("mimetype").strip() if "mimetype" in names else b""
    except zipfile.BadZipFile:
        raise Unreadable("文件像是 ZIP 压缩包，但已损坏") from None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if mimetype in _ODF_TYPES:
        return _ODF_TYPES[mimetype]
    if "OFD.xml" in names or any(n.lower().endswith("/ofd.xml") for n in names):
        raise Unreadable(OFD_UNSUPPORTED)
    raise Unreadable("压缩包不是可识别的文档（DOCX、XLSX、ODT、ODS 或 OFD）")


def _ole_kind(data: bytes) -> str:
    """Word/WPS 文字 (a ``WordDocument`` stream) or Excel/WPS 表格 (``Workbook``/``Book``) in an OLE file."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise Unreadable(ENCRYPTED_OFFICE)  # an encrypted DOCX/XLSX is an OLE file with this stream
    if "WordDocument".encode("utf-16-le") in data:
        return "doc"
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return "xls"
    raise Unreadable("无法识别的旧版 Office 文件；请另存为 DOCX 或 PDF 后上传")


def sniff(data: bytes) -> str:
    """``docx``, ``xlsx``, ``odt``, ``ods``, ``doc`` (Word 97–2003 or WPS 文字), ``xls`` (Excel 97–2003 or
    WPS 表格), ``pdf``, ``image`` (PNG, JPEG), ``html`` or ``text``; raises :class:`Unreadable` for anything else."""
    if data[:4] == b"PK\x03\x04":
        return _zip_kind(data)
    if data[:5] == b"%PDF-":
        return "pdf"
    if data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
        return "image"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return _ole_kind(data)
    text = decode_text(data)
    return "html" if looks_like_html(text) else "text"


def decode_text(data: bytes) -> str:
    """The text of a text file: BOMs honoured, then UTF-8, then GB18030 (which covers GBK)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _checked(data[3:].decode("utf-8", errors="replace"))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _checked(data.decode("utf-16", errors="replace"))
    for encoding in ("utf-8", "gb18030"):
        try:
            return _checked(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    raise Unreadable("文件不是可识别的文本编码（应为 UTF-8 或 GBK/GB18030）")


def _checked(text: str) -> str:
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if "\x00" in sample or (sample and controls / len(sample) > 0.01):
        raise Unreadable("文件包含二进制内容，不是文本")
    return text


def docx_text(data: bytes) -> str:
    """Paragraphs and tables of a DOCX in document order; a table row is one tab-separated line."""
    try:
        from docx import Document
        from docx.oxml.ns import qn
    except ImportError:  # pragma: no cover - python-docx is a project dependency
        raise Unreadable("服务器未安装 DOCX 读取组件") from None
    try:
        sandbox.check_zip(data)
    except sandbox.Refused as e:
        raise Unreadable(e.message) from None
    try:
        document = Document(io.BytesIO(data))
    except Exception as e:
        if sandbox.out_of_memory(e):
            raise MemoryError from e  # the budget's, reported as such by gongkai.ops.sandbox
        raise Unreadable(f"无法打开 Word 文档：{type(e).__name__}") from None

    text_tag, tab_tag, breaks = qn("w:t"), qn("w:tab"), (qn("w:br"), qn("w:cr"))

    def text_of(element, *, in_cell: bool = False) -> str:
        # Tabs and line breaks separate numbers (a table typed as tab-separated paragraphs): losing
        # them would glue "1<tab>0<tab>1" into 101.
        parts: list[str] = []
        for node in element.iter(text_tag, tab_tag, *breaks):
            if node.tag == text_tag:
                parts.append(node.text or "")
            elif node.tag == tab_tag:
                parts.append(" " if in_cell else "\t")
            else:
                parts.append(" " if in_cell else "\n")
        return "".join(parts)

    def table_lines(tbl) -> list[str]:
        lines: list[str] = []
        above: dict[int, str] = {}  # grid column → text of the cell that starts a vertical merge
        for tr in tbl.iterchildren(qn("w:tr")):
            cells: list[tuple[str, bool]] = []
            col = 0
            for tc in tr.iterchildren(qn("w:tc")):
                props = tc.find(qn("w:tcPr"))
                span, merge = 1, None
                if props is not None:
                    grid_span = props.find(qn("w:gridSpan"))
                    if grid_span is not None:
                        span = max(1, int(grid_span.get(qn("w:val")) or 1))
                    v_merge = props.find(qn("w:vMerge"))
                    if v_merge is not None:
                        merge = v_merge.get(qn("w:val")) or "continue"
                text = " ".join(text_of(p, in_cell=True) for p in tc.iterchildren(qn("w:p"))).strip()
                if merge == "continue":
                    cells.append((above.get(col, ""), False))
                else:
                    above[col] = text
                    cells.append((text, True))
                col += span
            if (line := grid_row_line(cells)) is not None:
                lines.append(line)
        return lines

    out: list[str] = []

    def walk(parent) -> None:
        for child in parent.iterchildren():
            if child.tag == qn("w:p"):
                out.append(text_of(child))
            elif child.tag == qn("w:tbl"):
                out.extend(table_lines(child))
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    walk(content)

    walk(document.element.body)
    return "\n".join(out)


# Running headers and footers stand among the first or last lines of a page's text: on top and at the
# bottom of the page, or (Chromium prints them after the body) at the end of the page's text.
_EDGE_LINES = 3
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")


def _running_key(line: str) -> str:
    # Page numbers differ from page to page: "- 3 -" and "第3页 共6页" are compared without their digits.
    return _DIGITS.sub("#", _SPACE.sub("", line))


def _edges(lines: list[str]) -> list[int]:
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return sorted(set(filled[:_EDGE_LINES] + filled[-_EDGE_LINES:]))


def strip_running_lines(pages: list[str]) -> list[str]:
    """The pages' texts without their running headers and footers.

    A running line is one that stands among the first or last three lines of the text of at least half
    the pages (and of two at least), digits ignored. Left in, a running title such as
    ``淮安市人民政府 2024 年政府信息公开工作年度报告`` is read as the start of another report, and lands
    between the rows of any table that breaks across a page. A single page is returned as it is.
    """
    if len(pages) < 2:
        return list(pages)
    split = [page.splitlines() for page in pages]
    counts: Counter[str] = Counter()
    for lines in split:
        counts.update({_running_key(lines[i]) for i in _edges(lines)})
    need = max(2, (len(pages) + 1) // 2)
    running = {key for key, n in counts.items() if key and n >= need}
    out = []
    for lines in split:
        drop = {i for i in _edges(lines) if _running_key(lines[i]) in running}
        out.append("\n".join(line for i, line in enumerate(lines) if i not in drop))
    return out


PDF_ENCRYPTED = "PDF 已加密，请提供未加密的文件"


def _pdf_reader(data: bytes):
    """pypdf's reader, decrypted when the PDF opens without a password (copy-protected files: an owner
    password restricts printing or copying, but anyone may read them)."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise Unreadable(PDF_ENCRYPTED)
        return reader, len(reader.pages)
    except Unreadable:
        raise
    except Exception as e:
        raise Unreadable(f"无法读取 PDF：{type(e).__name__}") from None


def pdf_text(data: bytes) -> str:
    """The text layer of a PDF, pages joined with newlines (scanned PDFs have none), running headers
    and footers dropped (:func:`strip_running_lines`).

    Ruled tables are read on their grid (:mod:`gongkai.auditor.pdfgrid`: blank cells keep their
    columns). A PDF without any is read by pypdf's plain extraction: it keeps the order in which the
    PDF draws its text, which for a table is row by row, each cell's lines together.
    ``extraction_mode="layout"`` lines text up by position instead: numbers in adjacent narrow cells can
    run together ("2932 53" read as "293253"), and the second line of a label wrapped in its cell lands
    on a line of its own, after the numbers.
    """
    reader, count = _pdf_reader(data)
    try:
        sandbox.check_pages(count, MAX_PDF_PAGES)
    except sandbox.Refused as e:
        raise Unreadable(e.message) from None
    try:
        pages = pdfgrid.grid_pages(data)
        if pages is None:
            pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as e:
        if sandbox.out_of_memory(e):
            raise MemoryError from e  # the budget's, reported as such by gongkai.ops.sandbox
        raise Unreadable(f"无法读取 PDF：{type(e).__name__}") from None
    text = "\n".join(strip_running_lines(pages))
    if not text.strip():
        raise NeedsOcr(SCAN_WITHOUT_OCR)
    return text


_CONVERTED = {
    "odt": (".odt", "docx", "ODT 文档"),
    "doc": (".doc", "docx", "Word/WPS 文档"),
    "ods": (".ods", "xlsx", "ODS 表格"),
    "xls": (".xls", "xlsx", "Excel/WPS 表格"),
}


def _office_text(kind: str, data: bytes) -> str:
    from gongkai.auditor import office

    try:
        if kind in _CONVERTED:
            suffix, target, label = _CONVERTED[kind]
            data = office.convert(data, suffix=suffix, target=target, kind=label)
            kind = target
        if kind == "docx":
            return docx_text(data)
        sandbox.check_zip(data)
        return office.xlsx_text(data)
    except office.ConversionError as e:
        raise Unreadable(e.message) from None
    except sandbox.Refused as e:
        raise Unreadable(e.message) from None
    except Unreadable:
        raise
    except Exception as e:
        if sandbox.out_of_memory(e):
            raise MemoryError from e
        raise Unreadable(f"无法读取表格文件：{type(e).__name__}") from None


def read_text(data: bytes) -> str:
    """The text of a file of any supported kind (HTML and spreadsheet tables flattened to tab lines)."""
    if not data:
        raise Unreadable("文件为空")
    kind = sniff(data)
    if kind == "pdf":
        return pdf_text(data)
    if kind == "image":
        raise NeedsOcr(IMAGE_WITHOUT_OCR)
    if kind in ("docx", "xlsx", *_CONVERTED):
        return _office_text(kind, data)
    text = decode_text(data)
    return html_to_text(text) if kind == "html" else text
