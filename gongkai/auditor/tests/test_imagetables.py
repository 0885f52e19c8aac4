"""表格为图片 only where a table is a picture (issue 16): a report with the national emblem, a seal, the
site's QR code or a header banner and a table that is really missing keeps its 缺少表格; a report
whose table is pasted as a picture of a table gets 表格为图片，无法读取. DOCX built with python-docx,
the same documents printed to PDF by LibreOffice (heavy, cached under var/test-formats/)."""

from __future__ import annotations

import hashlib
import io
import random
import tempfile
from pathlib import Path

import pytest

from gongkai.auditor import imagetables, services
from gongkai.auditor.tests import corpus
from gongkai.reportreader.tests.report_fixtures import DATA, T03

TABLE_III = "三、收到和处理政府信息公开申请情况"
TABLE_IV = "四、政府信息公开行政复议、行政诉讼情况"


def _png(image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, "PNG")
    return buf.getvalue()


def emblem_png() -> bytes:
    """A round emblem, red and gold on a transparent ground (国徽, an organ's badge)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (240, 240), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse([10, 10, 230, 230], fill=(200, 20, 20, 255), outline=(230, 190, 40, 255), width=8)
    star = [
        (120, 40),
        (140, 100),
        (200, 100),
        (150, 135),
        (170, 195),
        (120, 158),
        (70, 195),
        (90, 135),
        (40, 100),
        (100, 100),
    ]
    draw.polygon(star, fill=(240, 200, 40, 255))
    return _png(image)


def seal_png() -> bytes:
    """An organ's seal: a red ring with a star, on white, as large as a scan of it is."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 600), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse([20, 20, 580, 580], outline=(220, 30, 30), width=14)
    draw.regular_polygon((300, 300, 80), 5, fill=(220, 30, 30))
    for k in range(12):  # the organ's name around the ring
        draw.rectangle([260 + 6 * k - 30, 80 + k * 3, 280 + 6 * k - 30, 110 + k * 3], fill=(220, 30, 30))
    return _png(image)


def qr_png() -> bytes:
    """The site's QR code."""
    from PIL import Image, ImageDraw

    rnd = random.Random(7)
    image = Image.new("L", (29 * 8, 29 * 8), 255)
    draw = ImageDraw.Draw(image)
    for y in range(25):
        for x in range(25):
            if rnd.random() < 0.5:
                draw.rectangle([(x + 2) * 8, (y + 2) * 8, (x + 3) * 8 - 1, (y + 3) * 8 - 1], fill=0)
    return _png(image)


def banner_png() -> bytes:
    """A header banner: a coloured band with the site's name."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1400, 180), (20, 80, 160))
    draw = ImageDraw.Draw(image)
    draw.rectangle([60, 60, 900, 120], fill=(250, 250, 250))
    return _png(image)


def table_png(rows: int = 14, cols: int = 8) -> bytes:
    """A statistical table pasted as a picture: ruled grid, a label column, numbers."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.load_default(size=22)
    xs = [10, 310] + [310 + 110 * k for k in range(1, cols)]
    image = Image.new("RGB", (xs[-1] + 10, 44 * rows + 20), "white")
    draw = ImageDraw.Draw(image)
    for r in range(rows + 1):
        draw.line([(10, 10 + 44 * r), (xs[-1], 10 + 44 * r)], fill="black", width=2)
    for x in xs:
        draw.line([(x, 10), (x, 10 + 44 * rows)], fill="black", width=2)
    for r in range(rows):
        draw.text((20, 20 + 44 * r), f"({r + 1}) item", fill="black", font=font)
        for c in range(1, cols):
            draw.text((xs[c] + 40, 20 + 44 * r), str((r * 7 + c * 3) % 40), fill="black", font=font)
    return _png(image)


LOGOS = {"emblem": emblem_png, "seal": seal_png, "qr": qr_png, "banner": banner_png}


@pytest.mark.parametrize("name", sorted(LOGOS))
def test_a_logo_is_no_table(name):
    assert not imagetables.looks_like_table(LOGOS[name]())


def test_a_picture_of_a_table_is_one():
    assert imagetables.looks_like_table(table_png())
    assert imagetables.looks_like_table(table_png(rows=4, cols=3))


def _report_text() -> str:
    return (DATA / T03).read_text(encoding="utf-8")


def _without_table_iii(text: str) -> str:
    """The report with section 三's table left out (its heading kept): the table is really missing."""
    start, end = text.index(TABLE_III) + len(TABLE_III), text.index(TABLE_IV)
    return text[:start] + "\n" + text[end:]


def docx(text: str, pictures: dict[str, list[tuple[bytes, float]]]) -> bytes:
    """The text one paragraph a line; ``pictures``: after which line (its start; "" for the top of
    the document) which pictures stand, each with its printed width in cm."""
    from docx import Document
    from docx.shared import Cm

    document = Document()

    def place(key: str) -> None:
        for data, width in pictures.get(key, []):
            document.add_picture(io.BytesIO(data), width=Cm(width))

    place("")
    for line in text.splitlines():
        document.add_paragraph(line)
        for key in pictures:
            if key and line.startswith(key):
                place(key)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


LETTERHEAD = {
    "": [(emblem_png(), 2.0), (banner_png(), 15.0)],
    "六、其他需要报告的事项": [(qr_png(), 3.0), (seal_png(), 4.0)],
}


def _rules(result: dict) -> set[str]:
    return {f["rule"] for f in result["findings"]}


def test_a_letterhead_beside_full_text_tables_is_no_picture_table():
    (result,) = services.audit_file(docx(_report_text(), LETTERHEAD), "logo.docx")
    assert not _rules(result) & {"table_as_image", "missing_table"}, result["findings"]
    assert result["tables"]["applications"]["new"]["total"] == 95
    assert not services.needs_ocr(result)


def test_a_missing_table_beside_a_letterhead_is_missing_not_a_picture():
    """The emblem, the banner, the QR code and the seal are pictures, but none is table 三."""
    data = docx(_without_table_iii(_report_text()), LETTERHEAD)
    assert not imagetables.has_images(data)
    (result,) = services.audit_file(data, "logo.docx")
    rules = _rules(result)
    assert "missing_table" in rules and "table_as_image" not in rules, result["findings"]
    (missing,) = [f for f in result["findings"] if f["rule"] == "missing_table"]
    assert "缺少表格" in missing["message"] and "收到和处理政府信息公开申请情况" in missing["message"]
    assert not services.needs_ocr(result)


def test_a_table_pasted_as_a_picture_in_its_section_is_a_picture():
    pictures = {**LETTERHEAD, TABLE_III: [(table_png(), 15.0)]}
    data = docx(_without_table_iii(_report_text()), pictures)
    assert imagetables.has_images(data)
    (result,) = services.audit_file(data, "picture.docx")
    rules = _rules(result)
    assert "table_as_image" in rules and "missing_table" not in rules, result["findings"]
    message = next(f["message"] for f in result["findings"] if f["rule"] == "table_as_image")
    assert message.startswith("表格为图片，无法读取") and "收到和处理政府信息公开申请情况" in message
    assert services.needs_ocr(result)


def test_where_a_picture_stands_and_how_large_it_is_printed():
    """A ruled picture above the tables' sections (a chart in 一、总体情况), or a table printed as
    small as a stamp, is not the missing table."""
    text = _without_table_iii(_report_text())
    assert not imagetables.has_images(docx(text, {"一、总体情况": [(table_png(), 15.0)]}))
    assert not imagetables.has_images(docx(text, {TABLE_III: [(table_png(), 2.5)]}))
    assert imagetables.has_images(docx(text, {"六、其他需要报告的事项": [(table_png(), 15.0)]}))  # an annex
    headless = "\n".join(
        line for line in text.splitlines() if not line.startswith(("二、主动", "三、收到", "四、政府"))
    )
    assert imagetables.has_images(docx(headless, {"一、总体情况": [(table_png(), 15.0)]}))


def test_web_page_pictures_named_as_logos_are_no_tables():
    logo = '<img src="/images/logo.png"><img src="/images/ewm.jpg" alt="二维码"><img src="x.png" width="48">'
    assert not imagetables.has_images(f"<html><body>{logo}</body></html>")
    assert imagetables.has_images(f'<html><body>{logo}<img src="/uploads/2024/table3.png"></body></html>')


def _pdf_with_a_form_drawing(png: bytes) -> bytes:
    """A one-page PDF drawing the picture inside a form XObject (``/Fm1/Im1``), as some printers do."""
    import zlib

    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    raw = zlib.compress(image.tobytes())
    form, content = b"q 450 0 0 220 0 0 cm /Im1 Do Q", b"q 1 0 0 1 70 500 cm /Fm1 Do Q"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Fm1 4 0 R >> >>"
        b" /Contents 6 0 R >>",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >>"
        b" /Length %d >>\nstream\n%s\nendstream" % (len(form), form),
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8"
        b" /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream"
        % (image.width, image.height, len(raw), raw),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def test_a_pdf_picture_drawn_inside_a_form_is_judged_too():
    assert imagetables.has_images(_pdf_with_a_form_drawing(table_png()))
    assert not imagetables.has_images(_pdf_with_a_form_drawing(emblem_png()))


# ---------------------------------------------------------------------------
# The same documents printed to PDF by LibreOffice (heavy: a LibreOffice run)
# ---------------------------------------------------------------------------

CASES = {
    "letterhead": (False, lambda: docx(_report_text(), LETTERHEAD)),
    "missing": (False, lambda: docx(_without_table_iii(_report_text()), LETTERHEAD)),
    "picture": (
        True,
        lambda: docx(_without_table_iii(_report_text()), {**LETTERHEAD, TABLE_III: [(table_png(), 15.0)]}),
    ),
}


def _pdfs() -> dict[str, bytes]:
    """Each case's DOCX printed to PDF, cached by the DOCX's source (the text and the pictures)."""
    key = hashlib.sha256((_report_text() + repr(sorted(LETTERHEAD)) + "v1").encode()).hexdigest()[:12]
    paths = {name: corpus.CACHE / f"imagetables-{name}-{key}.pdf" for name in CASES}
    todo = [name for name, path in paths.items() if not path.exists()]
    if todo:
        with tempfile.TemporaryDirectory() as d:
            srcs = []
            for name in todo:
                srcs.append(Path(d) / f"{name}.docx")
                srcs[-1].write_bytes(CASES[name][1]())
            corpus._soffice_many(srcs, "pdf", Path(d) / "out", None)
            corpus.CACHE.mkdir(parents=True, exist_ok=True)
            for name in todo:
                paths[name].write_bytes((Path(d) / "out" / f"{name}.pdf").read_bytes())
    return {name: path.read_bytes() for name, path in paths.items()}


@pytest.mark.heavy
def test_pdf_printed_from_word_tells_a_logo_from_a_table_picture():
    if missing := corpus.available("lo_pdf"):
        pytest.skip(f"{missing} is not installed")
    pdfs = _pdfs()
    for name, (pictured, _) in CASES.items():
        assert imagetables.has_images(pdfs[name]) == pictured, name
    (full,) = services.audit_file(pdfs["letterhead"], "logo.pdf")
    assert not _rules(full) & {"table_as_image", "missing_table"}, full["findings"]
    (missing,) = services.audit_file(pdfs["missing"], "logo.pdf")
    assert "missing_table" in _rules(missing) and "table_as_image" not in _rules(missing)
    (picture,) = services.audit_file(pdfs["picture"], "picture.pdf")
    assert "table_as_image" in _rules(picture) and "missing_table" not in _rules(picture)


def test_a_file_whose_pictures_cannot_be_judged_counts_as_holding_a_table(monkeypatch):
    """A reader stumbling on the file's structure: the finding of every file with pictures, no traceback."""

    def stumble(data):
        raise ValueError("broken xref")

    monkeypatch.setattr(imagetables, "_pdf_table_pictures", stumble)
    assert imagetables.has_images(b"%PDF-1.4\n<< /Subtype /Image >>")
