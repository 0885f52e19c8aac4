"""The ruled-grid PDF reader (auditor/pdfgrid.py) on small PDFs written here byte by byte: the ways a
producer may draw a table's rules (one path of many segments, thin filled rectangles, inside a form
XObject, on a page turned by /Rotate) give the same rows, and a blank cell stays in its column."""

from __future__ import annotations

from gongkai.auditor import pdfgrid, readers

ROWS = [("Item", "A", "B"), ("Apples", "1", ""), ("Pears", "3", "4")]
EXPECTED = ["Report 2024", "Item\tA\tB", "Apples\t1\t", "Pears\t3\t4", "End of report"]


def _pdf(content: bytes, *, form: bytes = b"", rotate: int = 0, size: tuple[int, int] = (300, 220)) -> bytes:
    """A one-page PDF (Helvetica as /F1, ``form`` as the form XObject /X1) with a correct xref."""
    resources = b"<< /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Rotate %d /Resources %s /Contents 4 0 R >>"
        % (*size, rotate, resources),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 %d %d] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Length %d >>\nstream\n%s\nendstream" % (*size, len(form), form),
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _text(x: float, y: float, text: str) -> bytes:
    return b"BT /F1 10 Tf %.2f %.2f Td (%s) Tj ET\n" % (x, y, text.encode())


def _table(xs=(20, 120, 180, 240), top=180, height=20, *, rules: str = "path") -> bytes:
    """The report's text around a 3×3 table; its rules as one path of many segments ("path") or as
    thin filled rectangles ("rects"); the blank cell has no text at all."""
    ys = [top - height * i for i in range(len(ROWS) + 1)]
    segments = [((xs[0], y), (xs[-1], y)) for y in ys] + [((x, ys[0]), (x, ys[-1])) for x in xs]
    if rules == "path":
        out = b"0.5 w\n" + b"".join(b"%d %d m %d %d l\n" % (*a, *b) for a, b in segments) + b"S\n"
    else:
        out = (
            b"".join(
                b"%.2f %.2f %.2f %.2f re\n"
                % (min(a[0], b[0]), min(a[1], b[1]) - 0.25, abs(b[0] - a[0]) or 0.5, abs(b[1] - a[1]) or 0.5)
                for a, b in segments
            )
            + b"f\n"
        )
    out += _text(xs[0], top + 10, "Report 2024") + _text(xs[0], ys[-1] - 20, "End of report")
    for r, row in enumerate(ROWS):
        for c, text in enumerate(row):
            if text:
                out += _text(xs[c] + 4, ys[r] - 14, text)
    return out


def _lines(data: bytes) -> list[str]:
    (page,) = pdfgrid.grid_pages(data)
    return page.splitlines()


def test_rules_drawn_as_one_path_of_many_segments():
    assert _lines(_pdf(_table())) == EXPECTED


def test_rules_drawn_as_thin_filled_rectangles():
    assert _lines(_pdf(_table(rules="rects"))) == EXPECTED


def test_a_table_inside_a_form_xobject_placed_by_a_matrix():
    """The form's content is in its own space: the page's matrix (here a shift) applies to it."""
    form = _table(xs=(10, 110, 170, 230), top=170)
    assert _lines(_pdf(b"q 1 0 0 1 10 10 cm /X1 Do Q\n", form=form)) == EXPECTED


def test_a_page_turned_by_rotate_reads_upright():
    """A landscape sheet stored upright and turned for display (/Rotate 90): the content is drawn
    turned back, so it reads as printed."""
    design = _table(xs=(10, 90, 140, 190), top=250)
    assert _lines(_pdf(b"q 0 1 -1 0 300 0 cm\n" + design + b"Q\n", rotate=90)) == EXPECTED


def test_no_ruled_table_gives_none_and_the_reader_falls_back_to_pypdf():
    data = _pdf(_text(20, 180, "Report 2024") + _text(20, 160, "Apples 1 2"))
    assert pdfgrid.grid_pages(data) is None
    assert readers.pdf_text(data).splitlines() == ["Report 2024", "Apples 1 2"]


def test_the_blank_cell_keeps_its_column_in_the_report_reader():
    """pypdf's own text of the same page loses the blank: "Apples 1" then "Pears 3 4"."""
    assert "Apples\t1\t\nPears\t3\t4" in readers.pdf_text(_pdf(_table()))


def _char(x0: float, x1: float, text: str, *, top: float = 100, bottom: float = 112, blank=None) -> tuple:
    return (x0, top, x1, bottom, text, (top + bottom) / 2, blank)


def test_pdfium_blanks_end_a_word_at_a_space_not_at_a_change_of_font():
    """PDFium reports a space glyph of the PDF as a blank of its own making, and makes such blanks
    where LibreOffice sets "2020" and "年" 0.2 em apart: only the gap of a space (0.25 em; 3 points
    at 12 points) ends a word, as in pdfminer's reading."""
    tol = pdfgrid._BLANK * 12
    digits = [_char(7 * i, 7 * (i + 1), d) for i, d in enumerate("2020")]
    autospaced = [*digits, _char(30.4, 42.4, "年", blank=(28.0, tol))]
    assert pdfgrid._lines(autospaced) == [(100, "2020年")]
    # 费 (its box 0.3 beyond its advance), a space glyph PDFium made a blank, 0, a space glyph it kept, 元
    spaced = [
        _char(0, 12.3, "费"),
        _char(15.1, 22.1, "0", blank=(12.0, tol)),
        _char(22.1, 25.2, " "),
        _char(25.2, 37.2, "元"),
    ]
    assert pdfgrid._lines(spaced) == [(100, "费 0 元")]


def test_a_glyph_boxed_by_its_ink_stays_on_its_line():
    """A character PDFium boxes by its ink (no usable font metrics): "一" is a thin stroke halfway
    down; lines are told by the characters' middles, so it is not a line of its own."""
    chars = [_char(0, 12, "一", top=105.5, bottom=106.5), _char(12, 24, "、"), _char(24, 36, "总")]
    assert pdfgrid._lines(chars) == [(100, "一、总")]
