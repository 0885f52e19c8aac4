"""Reports whose statistical tables are pictures (a DOCX or PDF with the tables pasted as images, a web
page with ``<img>`` tables): the tables are OCR'd where the caller allows OCR (the command line, the
page's OCR job) — a PDF page by page as a scan, a DOCX's PNG/JPEG images appended to its text — and a
table still not read is reported as 表格为图片，无法读取, never as 缺少表格 (the agency did publish it).

Not every picture is a table: a report carries the national emblem, an organ's seal, the site's QR
code or a header banner. A picture counts as a possible table (:func:`has_images`) only when it is
big enough to hold one (pixels, and its size on the page), light like paper, and ruled (three
horizontal and two vertical rules across it) or holding many lines of text; and, in a DOCX whose
text marks the tables' sections (二、三、四), when it stands in or after them — a picture above them
is the letterhead's. A file whose only pictures are logos keeps its 缺少表格.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from gongkai.law import report_format as rf

RULE = "table_as_image"
NAME = "表格为图片，无法读取"
_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")

# The least picture that may hold a statistical table: pixels, and centimetres on the page (a
# logo, a seal or a QR code is printed a few centimetres wide).
MIN_PIXELS_WIDE, MIN_PIXELS_HIGH = 200, 80
MIN_PLACED_CM = 5.0
# Pictures looked at per file, and the largest one decoded (a bigger one is assumed a table).
MAX_PICTURES = 40
MAX_DECODED_PIXELS = 40_000_000
_DARK = 160  # as scangrid: pixels darker than this are ink
_EMU_PER_CM = 360_000
_PT_PER_CM = 72 / 2.54


def has_images(content: bytes | str) -> bool:
    """Whether the file embeds a picture that may be a statistical table (see the module's note): a
    DOCX's or PDF's pictures are judged in the parsing sandbox (one that cannot be judged in its
    budget counts as a table, as every picture once did); a web page's ``<img>`` unless it is
    marked as a logo, an icon or a QR code, or is drawn small."""
    if isinstance(content, str):
        return _html_has_tables(content)
    if content[:4] == b"PK\x03\x04":
        return bool(_docx_images(content, names_only=True)) and _judged(_zip_table_pictures, content)
    if content[:5] == b"%PDF-":
        has = b"/Subtype /Image" in content or b"/Subtype/Image" in content
        return has and _judged(_pdf_table_pictures, content)
    return _html_has_tables(content[:2_000_000].decode("utf-8", errors="replace"))


def _judged(judge, content: bytes) -> bool:
    """``judge(content)`` in the parsing sandbox; a file it cannot judge (over the budget, or a
    structure its reader stumbles on) is taken to hold a table picture, as every file with pictures was."""
    from gongkai.ops import sandbox

    try:
        return bool(sandbox.run(judge, content))
    except Exception:  # noqa: BLE001 - never a traceback for a user's file
        return True


def _docx_images(data: bytes, *, names_only: bool = False) -> list:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = sorted(
                n
                for n in z.namelist()
                if n.startswith(("word/media/", "Pictures/")) and n.lower().endswith(_IMAGE_SUFFIXES)
            )
            return names if names_only else [z.read(n) for n in names]
    except (zipfile.BadZipFile, KeyError, ValueError):
        return []


# ---------------------------------------------------------------------------
# Whether a picture looks like a table
# ---------------------------------------------------------------------------


def looks_like_table(data: bytes) -> bool:
    """A picture (PNG/JPEG bytes) big and light enough to be a printed table, with its rules or
    many lines of text; not a photo, an emblem, a seal, a QR code or a banner."""
    from PIL import Image

    try:
        image = Image.open(io.BytesIO(data))
        width, height = image.size
        if width < MIN_PIXELS_WIDE or height < MIN_PIXELS_HIGH:
            return False
        if width * height > MAX_DECODED_PIXELS:
            return True
        image.draft("L", (max(1600, width // 8), max(1600, height // 8)))  # a JPEG decoded smaller
        return image_looks_like_table(image)
    except Exception:  # noqa: BLE001 - a picture that cannot be decoded cannot be OCR'd either
        return False


def image_looks_like_table(image) -> bool:
    """:func:`looks_like_table` on a decoded picture (a Pillow image of any mode)."""
    from PIL import Image

    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(paper, rgba)
    gray = image.convert("L")
    factor = max(1, max(gray.size) // 1600)
    if factor > 1:
        gray = gray.reduce(factor)
    width, height = gray.size
    if width < MIN_PIXELS_WIDE // factor or height < MIN_PIXELS_HIGH // factor:
        return False
    histogram = gray.histogram()
    area = width * height
    if sum(histogram[:_DARK]) > area * 0.3 or sum(histogram[200:]) < area * 0.6:
        return False  # an emblem, a QR code, a photo, a coloured banner: not paper with print on it
    ink = gray.point(lambda p: 0 if p < _DARK else 255)
    across = _rules(ink.tobytes(), width, height, int(width * 0.4))
    down = _rules(ink.transpose(Image.Transpose.TRANSPOSE).tobytes(), height, width, int(height * 0.4))
    return (across >= 3 and down >= 2) or _text_lines(ink) >= 8


def _rules(data: bytes, width: int, count: int, minimum: int) -> int:
    """Rules: runs of rows (pixel rows of ``data``) holding a dark run at least ``minimum`` long."""
    pattern = re.compile(rb"\x00{%d,}" % max(2, minimum))
    rules, previous = 0, -2
    for i in range(count):
        if pattern.search(data, i * width, (i + 1) * width):
            if i - previous > 1:
                rules += 1
            previous = i
    return rules


def _text_lines(ink) -> int:
    """Lines of print: runs of inked pixel rows at least 3 rows tall, between blank rows."""
    data, width = ink.tobytes(), ink.width
    lines = run = 0
    for i in range(ink.height):
        if data.find(b"\x00", i * width, (i + 1) * width) >= 0:
            run += 1
        else:
            lines += run >= 3
            run = 0
    return lines + (run >= 3)


# ---------------------------------------------------------------------------
# Where pictures stand: DOCX (and ODT), PDF, HTML
# ---------------------------------------------------------------------------

_HEADING = re.compile(r"^\s*([一二三四五六])、")
_HEADING_KEYS = {
    "一": ("总体",),
    "二": ("主动公开",),
    "三": ("申请",),
    "四": ("复议", "诉讼"),
    "五": ("问题",),
    "六": ("其他",),
}
_TABLE_SECTIONS = frozenset("二三四")
_EVENTS = re.compile(
    r'<wp:extent cx="(\d+)" cy="(\d+)"|r:(?:embed|id)="([^"]+)"'
    r"|<w:t(?:\s[^>]*)?>([^<]*)</w:t>|</w:p>"
)
_RELATION = re.compile(r"<Relationship\b[^>]*>")


def _section_of(paragraph: str) -> str | None:
    """The section (一 … 六) a paragraph opens, when it is one of the report's headings."""
    m = _HEADING.match(paragraph)
    if not m or len(paragraph.strip()) > 40:
        return None
    return m[1] if any(k in paragraph for k in _HEADING_KEYS[m[1]]) else None


def docx_pictures(
    document_xml: str, rels_xml: str
) -> tuple[list[tuple[str, str | None, tuple | None]], set[str]]:
    """The pictures of a DOCX body in order: (media path, the section they stand in, their size on
    the page in cm or None), and the sections whose headings the text has."""
    images = {}
    for tag in _RELATION.findall(rels_xml):
        rid, target = re.search(r'Id="([^"]+)"', tag), re.search(r'Target="([^"]+)"', tag)
        if rid and target and tag.find("/image") >= 0:
            images[rid[1]] = "word/" + target[1].lstrip("/").removeprefix("word/")
    pictures: list[tuple[str, str | None, tuple | None]] = []
    found: set[str] = set()
    section: str | None = None
    paragraph: list[str] = []
    extent: tuple | None = None
    for m in _EVENTS.finditer(document_xml):
        if m[1]:
            extent = (int(m[1]) / _EMU_PER_CM, int(m[2]) / _EMU_PER_CM)
        elif m[3]:
            if m[3] in images:
                pictures.append((images[m[3]], section, extent))
            extent = None
        elif m[4] is not None:
            paragraph.append(m[4])
        else:
            opened = _section_of("".join(paragraph))
            if opened:
                section = opened
                found.add(opened)
            paragraph = []
    return pictures, found


def _stands_for_a_table(section: str | None, found: set[str], extent: tuple | None) -> bool:
    if extent is not None and (extent[0] < MIN_PLACED_CM or extent[1] < 1.0):
        return False  # printed a few centimetres wide: a logo, a seal, a QR code
    # Where the text marks the tables' sections, a picture above them (the letterhead's emblem, a
    # banner, a picture in 一、总体情况) is none of the tables.
    return not (found & _TABLE_SECTIONS) or section not in (None, "一")


def _zip_table_pictures(data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = set(z.namelist())
        if "word/document.xml" not in names:  # an ODT: its pictures judged by what they show
            media = _docx_images(data, names_only=True)[:MAX_PICTURES]
            return any(looks_like_table(z.read(n)) for n in media)
        rels = (
            z.read("word/_rels/document.xml.rels").decode("utf-8", "replace")
            if "word/_rels/document.xml.rels" in names
            else ""
        )
        pictures, found = docx_pictures(z.read("word/document.xml").decode("utf-8", "replace"), rels)
        seen: set[str] = set()
        for path, section, extent in pictures[:MAX_PICTURES]:
            if path in seen or path not in names or not path.lower().endswith(_IMAGE_SUFFIXES):
                continue
            seen.add(path)
            if _stands_for_a_table(section, found, extent) and looks_like_table(z.read(path)):
                return True
    return False


def _pdf_table_pictures(data: bytes) -> bool:
    """Whether a page of the PDF draws a picture that may be a table: each picture judged once by
    its pixels, and one that looks like a table by its size on the page too (pdfplumber's reading
    of the page, which costs more)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        reader.decrypt("")
    judged: set[int] = set()
    for number, page in enumerate(reader.pages):
        xobjects = (page.get("/Resources") or {}).get("/XObject") or {}
        drawn = page.get_contents()
        content = drawn.get_data() if drawn is not None else b""
        for name, ref in xobjects.items():
            key = getattr(ref, "idnum", id(ref))
            if key in judged or name.encode() + b" Do" not in content or not _big_image(ref.get_object()):
                continue
            judged.add(key)
            if len(judged) > MAX_PICTURES:
                return False
            try:
                table = image_looks_like_table(page.images[name].image)
            except Exception:  # noqa: BLE001 - a picture pypdf cannot decode cannot be OCR'd either
                continue
            size = _placed_cm(data, number).get(name.lstrip("/")) if table else None
            if table and (size is None or _stands_for_a_table("二", set(), size)):
                return True
        if _nested_table(page, judged):
            return True
    return False


def _nested_table(page, judged: set[int]) -> bool:
    """A picture drawn inside a form of the page (``/Fm1/Im1``), judged by its pixels alone."""
    forms = ((page.get("/Resources") or {}).get("/XObject") or {}).items()
    for form_name, form_ref in forms:
        form = form_ref.get_object()
        if form.get("/Subtype") != "/Form":
            continue
        for name, ref in ((form.get("/Resources") or {}).get("/XObject") or {}).items():
            key = getattr(ref, "idnum", id(ref))
            if key in judged or len(judged) >= MAX_PICTURES or not _big_image(ref.get_object()):
                continue
            judged.add(key)
            try:
                if image_looks_like_table(page.images[[form_name, name]].image):
                    return True
            except Exception:  # noqa: BLE001 - a picture pypdf cannot decode cannot be OCR'd either
                continue
    return False


def _big_image(xobject) -> bool:
    if xobject.get("/Subtype") != "/Image":
        return False
    width, height = int(xobject.get("/Width") or 0), int(xobject.get("/Height") or 0)
    return width >= MIN_PIXELS_WIDE and height >= MIN_PIXELS_HIGH and width * height <= MAX_DECODED_PIXELS


def _placed_cm(data: bytes, number: int) -> dict[str, tuple[float, float]]:
    """The size on the page (cm) of each picture a PDF page draws, by its XObject name."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data), pages=[number + 1]) as pdf:
        return {
            im["name"]: ((im["x1"] - im["x0"]) / _PT_PER_CM, (im["bottom"] - im["top"]) / _PT_PER_CM)
            for page in pdf.pages
            for im in page.images
        }


_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_NOT_A_TABLE = re.compile(
    r"logo|icon|qr|ewm|erweima|banner|seal|emblem|二维码|国徽|徽标|标志|印章|图标", re.IGNORECASE
)
_SIZE = re.compile(r'\b(width|height)\s*=\s*["\']?(\d+)', re.IGNORECASE)


def _html_has_tables(html: str) -> bool:
    """An ``<img>`` of a web page that may be a table: not named or described as a logo, an icon, a QR
    code or a banner, and not drawn smaller than a table can be."""
    for tag in _IMG.findall(html):
        if _NOT_A_TABLE.search(tag):
            continue
        size = {k.lower(): int(v) for k, v in _SIZE.findall(tag)}
        if (
            size.get("width", MIN_PIXELS_WIDE) < MIN_PIXELS_WIDE
            or size.get("height", MIN_PIXELS_HIGH) < MIN_PIXELS_HIGH
        ):
            continue
        return True
    return False


def tables_missing(reports: list) -> bool:
    """No report, or a report of a statutory format without one of its tables."""
    if not reports:
        return True
    for report in reports:
        if report.format not in rf.FORMATS:
            return True
        if not all(
            report.completeness.get(t.code, {}).get("present") for t in rf.schema_for(report.format).tables
        ):
            return True
    return False


def read(content: bytes, text: str, progress=None):
    """The scan text (``ocr.ScanText``) of a file whose tables are pictures, or None when it has none
    the engine can read: a PDF OCR'd page by page, a DOCX's text followed by its images OCR'd."""
    from gongkai.auditor import ocr

    if content[:5] == b"%PDF-":
        return ocr.read_scan(content, progress)
    images = _docx_images(content)
    if not images:
        return None
    scan = ocr.read_images(images, progress)
    scan.text = text + "\n" + scan.text
    scan.probe = text + "\n" + scan.probe
    return scan


_TITLE = re.compile(r"“(?P<title>[^”]+)”")


def relabel(result: dict[str, Any]) -> dict[str, Any]:
    """A missing table of a file with pictures is a table printed as a picture."""
    findings = []
    for f in result.get("findings") or []:
        if f["rule"] == "missing_table" and "解读材料" not in f["message"]:
            m = _TITLE.search(f["message"])
            what = f"“{m['title']}”" if m else "统计表格"
            f = {
                **f,
                "rule": RULE,
                "message": f"{NAME}：{what}印成了图片，未能识别出其中的数字；请核对原件，或提供表格为文字的版本",
            }
        findings.append(f)
    return {**result, "findings": findings}
