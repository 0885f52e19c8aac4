"""PDF tables read on their ruled grid (PDFium), blank cells kept in their columns.

pypdf's text of a table drops a blank cell without a trace, so the numbers after it move one column
to the left ("37 of 63 cells read, 11 invented" on a real report). Reports printed from Word or WPS
draw every cell's border, so the grid is in the PDF: its ruling lines are found among the page's
drawn paths, and each row becomes one tab-separated line in the shape
:func:`gongkai.auditor.readers.docx_text` gives a Word table — a cell merged across columns once, a
label merged down the rows repeated, a number or a blank merged down kept in its first row only — so
the report parser reads both the same way. The text around the tables is read line by line in page
order.

The page is parsed by PDFium (pypdfium2, C): characters with their boxes, and the straight segments
of every painted path (lines, rectangles — a cell border drawn as a thin filled rectangle gives two
close lines —, polylines, inside form XObjects too). The grid is made from the segments by
pdfplumber's pure-geometry table finder (its "lines" strategy with its default tolerances: snap and
join within 3 points, segments under 3 points dropped, intersections within 3 points), and text is
grouped as pdfplumber's ``extract_text`` groups it (a line is the characters whose tops lie within
3 points, a word ends at a blank or a gap over 3 points), so the reading is the one pdfplumber on
pdfminer gave (the same text on every PDF of the format corpus), at a fraction of the cost (pdfminer
parsed a page in ≈ 0.1 s of pure Python). Where they differ: a slanted straight line is no rule here
(pdfminer's made it a vertical edge), a curve's control points make no edge, and characters set
at an angle are read as if upright.

:func:`grid_pages` returns None for a PDF without any ruled table (a report typed with spaces, a web
page printed without borders): the caller falls back to pypdf's text, which reads those well.
"""

from __future__ import annotations

import ctypes
import math
import re
import threading
from array import array
from bisect import bisect_left
from operator import itemgetter

# Imported with the module, not per call: readers run in a forked child (gongkai.ops.sandbox), which
# inherits what the parent has imported and would otherwise import them afresh for every file.
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.table import cells_to_tables, edges_to_intersections, merge_edges

from gongkai.reportreader.cells import grid_row_line

# Coordinates within this many points are the same grid line (cell extents).
_EPS = 1.5
# pdfplumber's defaults: snap/join/intersection tolerance, shortest edge kept, text tolerances.
_SNAP = 3
_MIN_EDGE = 3
_TOL = 3
# PDFium gives some of the PDF's own space glyphs as blanks of its making (no width, IsGenerated), and
# also makes such blanks where LibreOffice sets "2020" and "年" 0.2 em apart. pdfminer saw the space
# glyph, which ends a word (a space is 0.25 em in most fonts), and no glyph between "2020" and "年".
# After a PDFium blank, a word ends where the text goes on more than this many ems further.
_BLANK = 0.225
# Characters one em wide: CJK ideographs, radicals, full-width punctuation and forms.
_WIDE = re.compile("[\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uff60]").match
# PDFium is not thread-safe: one document at a time in a process (readers run in a forked child of
# their own, gongkai.ops.sandbox, unless GONGKAI_SANDBOX=0 runs them in a threaded server's process).
_PDFIUM = threading.Lock()
# Form XObjects nest; deeper than this is not a report's table (and would only cost time).
_MAX_DEPTH = 8

# A character: (x0, top, x1, bottom, text, middle, blank), in points from the page's top-left corner
# as displayed (middle: halfway between top and bottom; blank: None, or where PDFium put a blank of
# its own before the character and the gap after it that ends a word, see _BLANK).
Char = tuple[float, float, float, float, str, float, tuple[float, float] | None]
Matrix = tuple[float, float, float, float, float, float]


def _joined(text: str | None) -> str:
    """A cell's wrapped lines joined: no space between two Chinese characters ("三、\\n本年\\n度办" →
    "三、本年度办"), one space between anything else."""
    if not text:
        return ""
    out = ""
    for part in (p.strip() for p in text.split("\n")):
        if not part:
            continue
        if out and (out[-1].isascii() or part[0].isascii()):
            out += " "
        out += part
    return out


def _index(starts: list[float], value: float) -> int:
    return min(bisect_left(starts, value - _EPS), len(starts))


def _spans(cells: list[tuple]) -> tuple[int, int, dict[tuple[int, int], tuple[int, int, int, int]]]:
    """Grid size and, for each real cell's top-left position, its (row0, col0, row1, col1) extent."""
    xs = sorted({c[0] for c in cells})
    ys = sorted({c[1] for c in cells})
    spans = {}
    for x0, top, x1, bottom in cells:
        c0, r0 = _index(xs, x0), _index(ys, top)
        spans[(r0, c0)] = (r0, c0, max(r0 + 1, _index(ys, bottom)), max(c0 + 1, _index(xs, x1)))
    return len(ys), len(xs), spans


def _cell_texts(cells: list[tuple], chars: list[Char]) -> list[list[str]]:
    """Each cell's text by rows (cells sharing a top) and columns (distinct left edges), as pdfplumber's
    ``Table.extract``: a character belongs to the cell holding its centre (right and bottom edges
    excluded)."""
    xs = sorted({c[0] for c in cells})
    rows: dict[float, dict[float, tuple]] = {}
    for cell in sorted(cells, key=lambda c: (c[1], c[0])):
        rows.setdefault(cell[1], {})[cell[0]] = cell
    # (vertical centre, order on the page, horizontal centre, character), by vertical centre
    placed = sorted(((ch[1] + ch[3]) / 2, i, (ch[0] + ch[2]) / 2, ch) for i, ch in enumerate(chars))
    centres = [p[0] for p in placed]
    out = []
    for row in rows.values():
        x0, top = min(c[0] for c in row.values()), min(c[1] for c in row.values())
        x1, bottom = max(c[2] for c in row.values()), max(c[3] for c in row.values())
        band = placed[bisect_left(centres, top) : bisect_left(centres, bottom)]
        inside = sorted((i, h, ch) for v, i, h, ch in band if x0 <= h < x1)
        texts = []
        for x in xs:
            cell = row.get(x)
            if cell is None:
                texts.append("")
                continue
            mine = [
                ch
                for _, h, ch in inside
                if cell[0] <= h < cell[2] and cell[1] <= (ch[1] + ch[3]) / 2 < cell[3]
            ]
            texts.append("\n".join(t for _, t in _lines(mine)))
        out.append(texts)
    return out


def table_lines(cells: list[tuple], chars: list[Char]) -> list[str]:
    """The rows of a table (its cells' boxes, the page's characters) as tab-separated lines (see the
    module's docstring)."""
    texts = _cell_texts(cells, chars)
    n_rows, n_cols, spans = _spans(cells)
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for (r0, c0), (_, _, r1, c1) in spans.items():
        for r in range(r0, r1):
            for c in range(c0, c1):
                owner.setdefault((r, c), (r0, c0))
    lines = []
    for r in range(min(n_rows, len(texts))):
        row: list[tuple[str, bool]] = []
        c = 0
        while c < n_cols:
            r0, c0 = owner.get((r, c), (r, c))
            text = _joined(texts[r0][c0] if r0 < len(texts) and c0 < len(texts[r0]) else "")
            c1 = spans.get((r0, c0), (r0, c0, r0 + 1, c0 + 1))[3]
            row.append((text, r0 == r))
            c = max(c1, c + 1)
        if (line := grid_row_line(row)) is not None:
            lines.append(line)
    return lines


def _clustered(items: list, key: int) -> list[list]:
    """Items grouped by ``item[key]`` as pdfplumber's ``cluster_objects``: sorted values chained while
    each is within the tolerance of the one before; items keep their order within a group."""
    values = sorted({item[key] for item in items})
    if not values or values[-1] - values[0] <= _TOL:  # one group (most cells hold a single line)
        return [list(items)] if items else []
    group_of: dict[float, int] = {}
    group, last = 0, None
    for value in values:
        if last is not None and value > last + _TOL:
            group += 1
        group_of[value] = group
        last = value
    groups: dict[int, list] = {}
    for item in sorted(items, key=lambda it: group_of[it[key]]):
        groups.setdefault(group_of[item[key]], []).append(item)
    return list(groups.values())


def _lines(chars: list[Char]) -> list[tuple[float, str]]:
    """(top, text) of each text line, as pdfplumber's ``extract_text`` makes them: characters in lines
    by their heights on the page, sorted left to right; a word ends at a blank character, a gap over 3
    points or a step back; a line's words joined by one space. Lines are told by the characters'
    middles where pdfplumber took their tops: PDFium gives some glyphs their ink's box (a font without
    usable metrics), and the ink of "一" is a thin stroke halfway down the line."""
    words: list[tuple[float, str, float]] = []  # (middle, text, top)
    for line in _clustered(chars, 5):
        line.sort(key=lambda ch: (ch[0], ch[2]))
        text, top, middle, last = "", 0.0, 0.0, None
        for ch in line:
            breaks = ch[4].isspace()
            if last is not None and not breaks:
                end, tol = last[2], _TOL
                if ch[6] is not None:  # a PDFium blank before it, maybe a space glyph of the PDF
                    at, tol = ch[6][0], min(tol, ch[6][1])
                    if at > (last[0] + last[2]) / 2:  # after the last character: where its advance ends
                        end = min(end, at)
                breaks = ch[0] < last[0] or ch[0] > end + tol or abs(ch[5] - last[5]) > _TOL
            if breaks and text:
                words.append((middle, text, top))
                text = ""
            if ch[4].isspace():
                last = None
                continue
            top, middle = (ch[1], ch[5]) if not text else (min(top, ch[1]), min(middle, ch[5]))
            text += ch[4]
            last = ch
        if text:
            words.append((middle, text, top))
    return [(min(w[2] for w in line), " ".join(w[1] for w in line)) for line in _clustered(words, 0)]


def _display(page) -> Matrix:
    """From PDF user space (origin bottom-left) to the page as displayed: x rightwards, y downwards
    from the top-left corner, the page's /Rotate applied."""
    x0, y0, x1, y1 = page.get_mediabox()
    return {
        1: (0.0, 1.0, 1.0, 0.0, -y0, -x0),  # 90° clockwise: x = y - y0, top = x - x0
        2: (-1.0, 0.0, 0.0, 1.0, x1, -y0),
        3: (0.0, -1.0, -1.0, 0.0, y1, x1),
    }.get(pdfium_c.FPDFPage_GetRotation(page.raw), (1.0, 0.0, 0.0, -1.0, -x0, y1))


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _then(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix applying ``inner`` and then ``outer``."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _matrix(obj) -> Matrix:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _codes(textpage) -> list[int]:
    """The code of each character of the page, read in one call (a call per character was a good part
    of the page's reading time)."""
    n = pdfium_c.FPDFText_CountChars(textpage)
    buffer = ctypes.create_string_buffer((n + 1) * 2)
    got = pdfium_c.FPDFText_GetText(textpage, 0, n, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    codes = array("H", buffer.raw[: max(got - 1, 0) * 2])
    if len(codes) == n:
        return list(codes)
    return [pdfium_c.FPDFText_GetUnicode(textpage, i) for i in range(n)]  # characters beyond 16 bits


def _size(textpage, i: int) -> float:
    """The size in points on the page of character ``i``'s font (its font size times its matrix's
    scale: Chromium sets 16-point text under a 0.75 scale)."""
    if i < 0:
        return 0.0
    m = pdfium_c.FS_MATRIX()
    scale = abs(m.a * m.d - m.b * m.c) ** 0.5 if pdfium_c.FPDFText_GetMatrix(textpage, i, m) else 1.0
    return pdfium_c.FPDFText_GetFontSize(textpage, i) * scale


def chars_of(textpage, display: Matrix) -> list[Char]:
    """The page's characters in the order the PDF draws them, with their advance-width boxes (PDFium's
    "loose" box: from the origin to the advance, the font's ascent to descent, as pdfminer measured
    them); PDFium's own line breaks left out, its blanks noted on the character after them."""
    out: list[Char] = []
    tp = textpage.raw  # the handle itself: the wrapper costs a lookup per call
    rect = pdfium_c.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    a, b, c, d, e, f = display
    upright = b == c == 0
    get_box, is_generated = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_IsGenerated
    blank, height = None, 0.0
    for i, code in enumerate(_codes(tp)):
        if code in (2, 0xFFFE):
            code = 0x2D  # a hyphen ending a line, marked by PDFium as a soft one
        elif code in (0x20, 0x0D, 0x0A) and is_generated(tp, i) == 1:
            if code == 0x20 and get_box(tp, i, rect):  # PDFium's blank between two runs of text
                blank = (a * rect.left + e if upright else -math.inf, _BLANK * _size(tp, i - 1))
            continue
        if 0xD800 <= code <= 0xDFFF or not get_box(tp, i, rect):
            continue
        left, upper, right, lower = rect.left, rect.top, rect.right, rect.bottom
        if abs(upper - lower - height) > 0.01:  # another font, or no metrics: PDFium's fallback
            height = upper - lower
            if upright and pdfium_c.FPDFText_GetCharOrigin(tp, i, ox, oy) and abs(ox.value - left) > 0.01:
                # The ink's box, not the advance: a Chinese character is one em wide; another is
                # widened by its left side bearing on both sides.
                wide = _WIDE(chr(code)) is not None
                left, right = ox.value, ox.value + _size(tp, i) if wide else right + (left - ox.value)
        if upright:
            xa, xb, ya, yb = a * left + e, a * right + e, d * upper + f, d * lower + f
        else:
            xa, ya = a * left + c * upper + e, b * left + d * upper + f
            xb, yb = a * right + c * lower + e, b * right + d * lower + f
        top, bottom = (ya, yb) if ya < yb else (yb, ya)
        out.append((min(xa, xb), top, max(xa, xb), bottom, chr(code), (top + bottom) / 2, blank))
        blank = None
    return out


def _edge(p: tuple[float, float], q: tuple[float, float]) -> dict | None:
    """pdfplumber's edge dict for a horizontal or vertical segment at least 1 point long; None else."""
    (xa, ya), (xb, yb) = p, q
    x0, x1, top, bottom = min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb)
    if bottom - top < 1e-3 and x1 - x0 >= 1:
        top = bottom = (top + bottom) / 2
        orientation = "h"
    elif x1 - x0 < 1e-3 and bottom - top >= 1:
        x0 = x1 = (x0 + x1) / 2
        orientation = "v"
    else:
        return None
    return {
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": orientation,
        "object_type": "line",
    }


def _path_edges(obj, m: Matrix, out: list[dict]) -> None:
    """The straight horizontal and vertical segments of a painted path (a path only clipping paints
    nothing); curves move the pen without an edge."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke) or (not fill.value and not stroke.value):
        return
    x, y = ctypes.c_float(), ctypes.c_float()
    start = pen = None
    for k in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, k)
        if not segment or not pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
            continue
        point = _apply(m, x.value, y.value)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO and pen is not None and (e := _edge(pen, point)):
            out.append(e)
        pen = point
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            if e := _edge(pen, start):
                out.append(e)
            pen = start


def _edges(page, display: Matrix) -> list[dict]:
    """Every painted path's horizontal and vertical segments, form XObjects' included."""
    out: list[dict] = []

    def walk(count: int, get, outer: Matrix, depth: int) -> None:
        for i in range(count):
            obj = get(i)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                _path_edges(obj, _then(_matrix(obj), outer), out)
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < _MAX_DEPTH:
                walk(
                    pdfium_c.FPDFFormObj_CountObjects(obj),
                    lambda j, o=obj: pdfium_c.FPDFFormObj_GetObject(o, j),
                    _then(_matrix(obj), outer),
                    depth + 1,
                )

    raw = page.raw
    walk(pdfium_c.FPDFPage_CountObjects(raw), lambda i: pdfium_c.FPDFPage_GetObject(raw, i), display, 0)
    return out


def tables_of(edges: list[dict]) -> list[list[tuple]]:
    """The cells of each ruled table, top to bottom (pdfplumber's "lines" table finder)."""
    edges = merge_edges(edges, _SNAP, _SNAP, _SNAP, _SNAP)
    edges = [e for e in edges if e["height" if e["orientation"] == "v" else "width"] >= _MIN_EDGE]
    return cells_to_tables(_cells(edges_to_intersections(edges, _SNAP, _SNAP)))


def _cells(intersections: dict) -> list[tuple]:
    """pdfplumber's ``intersections_to_cells``, cell for cell: from each grid point the smallest
    rectangle whose four sides are ruled. Each point's edges are made sets once (pdfplumber makes them
    again for every pair of points compared, most of its table finder's time)."""
    box = itemgetter("x0", "top", "x1", "bottom")
    v = {p: {box(e) for e in i["v"]} for p, i in intersections.items()}
    h = {p: {box(e) for e in i["h"]} for p, i in intersections.items()}
    columns: dict[float, list] = {}
    rows: dict[float, list] = {}
    for p in sorted(intersections):
        columns.setdefault(p[0], []).append(p)
        rows.setdefault(p[1], []).append(p)

    def smallest(pt: tuple) -> tuple | None:
        column, row = columns[pt[0]], rows[pt[1]]
        for below in column[column.index(pt) + 1 :]:
            if v[pt].isdisjoint(v[below]):
                continue
            for right in row[row.index(pt) + 1 :]:
                if h[pt].isdisjoint(h[right]):
                    continue
                corner = (right[0], below[1])
                if corner in v and not v[corner].isdisjoint(v[right]) and not h[corner].isdisjoint(h[below]):
                    return (pt[0], pt[1], corner[0], corner[1])
        return None

    return [cell for pt in sorted(intersections) if (cell := smallest(pt))]


def page_text(page) -> tuple[str, int]:
    """The page's text with each ruled table as tab lines, in reading order, and its number of tables."""
    display = _display(page)
    textpage = page.get_textpage()
    try:
        chars = chars_of(textpage, display)
    finally:
        textpage.close()
    tables = tables_of(_edges(page, display))
    if not tables:
        return "\n".join(text for _, text in _lines(chars)), 0
    bboxes = [
        (min(c[0] for c in t), min(c[1] for c in t), max(c[2] for c in t), max(c[3] for c in t))
        for t in tables
    ]

    def outside(ch: Char) -> bool:
        x, y = (ch[0] + ch[2]) / 2, (ch[1] + ch[3]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in bboxes)

    blocks: list[tuple[float, list[str]]] = [
        (top, [text]) for top, text in _lines([ch for ch in chars if outside(ch)])
    ]
    for cells, bbox in zip(tables, bboxes, strict=True):
        x0, top, x1, bottom = bbox
        inside = [
            ch for ch in chars if x0 <= (ch[0] + ch[2]) / 2 <= x1 and top <= (ch[1] + ch[3]) / 2 <= bottom
        ]
        blocks.append((bbox[1], table_lines(cells, inside)))
    blocks.sort(key=lambda b: b[0])
    return "\n".join(line for _, lines in blocks for line in lines), len(tables)


def grid_pages(data: bytes, *, password: str = "") -> list[str] | None:
    """Each page's text with its ruled tables read cell by cell; None when the PDF has no ruled table."""
    pages, found = [], 0
    with _PDFIUM:
        pdf = pdfium.PdfDocument(data, password=password or None)
        try:
            for i in range(len(pdf)):
                page = pdf[i]
                try:
                    text, n = page_text(page)
                finally:
                    page.close()
                pages.append(text)
                found += n
        finally:
            pdf.close()
    return pages if found else None
