"""A scanned page read back into the lines the report parser reads: ruled tables found on the image,
cell by cell, and the words of the OCR engine placed in them (:mod:`gongkai.auditor.ocr` runs it).

The grid: dark runs of pixels (Pillow, no other image library) — horizontal runs at least
``MIN_RULE`` long, vertical runs that join two horizontal rules (a stroke of a character does not) —
become edges, and pdfplumber's own table finder (the one :mod:`gongkai.auditor.pdfgrid` uses on a
PDF's vector lines) turns them into cells, merged cells included. The rules are then painted white
before the page is OCR'd: a ruling line next to a digit is what makes an engine misread "0" as "0。".

Each table row becomes one line of :class:`Piece` cells in the shape :func:`gongkai.auditor.readers.docx_text`
gives a Word table (a cell merged across columns once, a label merged down repeated, a number or a
blank merged down kept in its first row); the text around the tables is one line per OCR line, words
joined. A piece carries the OCR confidence (the lowest of its words, 0–100) and, for a grid cell in
which the engine read nothing although the cell holds ink, ``ink`` — a blank that may not be one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai.reportreader.cells import parse_value

# Pixels darker than this are ink.
_DARK = 160
# Gaps in a rule (a JPEG scan's, or where rules cross) joined up to this many pixels (at 150 dpi).
_JOIN = 8


@dataclass
class Word:
    x0: int
    y0: int
    x1: int
    y1: int
    text: str
    conf: float
    line: tuple[int, int, int]


@dataclass
class Piece:
    """One cell of a table row, or one token of a line of text."""

    text: str
    conf: float | None = None
    ink: bool = False


@dataclass
class Line:
    top: int
    pieces: list[Piece] = field(default_factory=list)
    grid: bool = False


def _runs(data: bytes, width: int, count: int, minimum: int) -> list[tuple[int, int, int]]:
    pattern = re.compile(rb"\x00{%d,}" % minimum)
    out = []
    for i in range(count):
        for m in pattern.finditer(data, i * width, (i + 1) * width):
            out.append((i, m.start() - i * width, m.end() - i * width))
    return out


def _edge(orientation: str, x0: float, x1: float, top: float, bottom: float) -> dict:
    return {
        "orientation": orientation,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
        "doctop": top,
        "object_type": "line",
    }


def find_rules(image, dpi: int) -> tuple[list[dict], list[dict]]:
    """Horizontal and vertical rules of the page (pdfplumber edge dicts, pixel coordinates).

    Long horizontal runs are rules; a vertical run is one when both its ends meet one; a short
    horizontal run (the border of a narrow cell, broken where rules cross) when both its ends meet
    a vertical rule. Strokes of characters meet none, and are left alone."""
    from pdfplumber.table import merge_edges
    from PIL import Image

    width, height = image.size
    ink = image.point(lambda p: 0 if p < _DARK else 255)
    join = max(_JOIN, dpi // 20)
    tol = max(4, dpi // 60)
    h_runs = _runs(ink.tobytes(), width, height, max(12, dpi // 12))
    h_all = merge_edges([_edge("h", x0, x1, y, y + 1) for y, x0, x1 in h_runs], 0, 0, join, join)
    long_h = [h for h in h_all if h["x1"] - h["x0"] >= dpi * 0.4]
    if len(long_h) < 2:
        return [], []
    v_runs = _runs(ink.transpose(Image.Transpose.TRANSPOSE).tobytes(), height, width, max(8, dpi // 12))
    v_all = merge_edges([_edge("v", x, x + 1, y0, y1) for x, y0, y1 in v_runs], 0, 0, join, dpi // 8)

    def meets_h(x: float, y: float) -> bool:
        return any(abs(h["top"] - y) <= tol and h["x0"] - tol <= x <= h["x1"] + tol for h in long_h)

    def is_rule(v: dict) -> bool:
        length = v["bottom"] - v["top"]
        ends = meets_h(v["x0"], v["top"]) + meets_h(v["x0"], v["bottom"])
        # A table that breaks across a page, or rows without rules between them: one end is enough
        # for a run longer than any character of a table's text.
        return ends == 2 or (length >= dpi / 4 and (ends == 1 or length >= dpi / 2))

    ruled = [_snap(v, long_h, dpi // 20, tol) for v in v_all if is_rule(v)]

    def meets_v(x: float, y: float) -> bool:
        return any(abs(v["x0"] - x) <= tol and v["top"] - tol <= y <= v["bottom"] + tol for v in ruled)

    short = [
        h for h in h_all if h not in long_h and meets_v(h["x0"], h["top"]) and meets_v(h["x1"], h["top"])
    ]
    across = [_reach(h, ruled, dpi // 20, tol) for h in long_h + short]
    return _single(across, "top", "x0", "x1"), _single(ruled, "x0", "top", "bottom")


def _reach(h: dict, rules: list[dict], reach: int, tol: int) -> dict:
    """A horizontal rule whose end stops short of a vertical rule (faded where they cross) reaches
    it: else no cell closes there, and the label cells of a row merge with the ones below."""
    for end in ("x0", "x1"):
        near = [
            v["x0"]
            for v in rules
            if abs(v["x0"] - h[end]) <= reach and v["top"] - tol <= h["top"] <= v["bottom"] + tol
        ]
        if near:
            h[end] = min(near, key=lambda x: abs(x - h[end]))
    h["width"] = h["x1"] - h["x0"]
    return h


def _snap(v: dict, rules: list[dict], reach: int, tol: int) -> dict:
    """A vertical rule whose end stops short of a horizontal rule (a JPEG scan fades where rules
    cross) reaches it: else the cells of that row are lost."""
    for end in ("top", "bottom"):
        near = [
            h["top"]
            for h in rules
            if abs(h["top"] - v[end]) <= reach and h["x0"] - tol <= v["x0"] <= h["x1"] + tol
        ]
        if near:
            v[end] = min(near, key=lambda y: abs(y - v[end]))
    v["height"] = v["bottom"] - v["top"]
    return v


def _single(edges: list[dict], pos: str, lo: str, hi: str) -> list[dict]:
    """A rule several pixels thick is one edge: parallel edges within 3 pixels that overlap are merged."""
    out: list[dict] = []
    for e in sorted(edges, key=lambda e: (e[pos], e[lo])):
        for kept in out:
            if abs(kept[pos] - e[pos]) <= 3 and e[lo] <= kept[hi] and kept[lo] <= e[hi]:
                kept[lo], kept[hi] = min(kept[lo], e[lo]), max(kept[hi], e[hi])
                break
        else:
            out.append(dict(e))
    for e in out:
        e["width"], e["height"] = e["x1"] - e["x0"], e["bottom"] - e["top"]
    return out


def find_tables(h_edges: list[dict], v_edges: list[dict]) -> list[list[tuple[float, float, float, float]]]:
    """The cells (x0, top, x1, bottom) of each ruled table of the page, tables top to bottom."""
    from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells

    if not h_edges or not v_edges:
        return []
    cells = intersections_to_cells(edges_to_intersections(h_edges + v_edges, 3, 3))
    tables = [t for t in cells_to_tables(cells) if len(t) >= 2]
    return sorted(tables, key=lambda t: min(c[1] for c in t))


def erase_rules(image, edges: list[dict]):
    """A copy of the page with its rules painted white (3 pixels either side)."""
    from PIL import ImageDraw

    clean = image.copy()
    draw = ImageDraw.Draw(clean)
    for e in edges:
        draw.rectangle([e["x0"] - 3, e["top"] - 3, e["x1"] + 3, e["bottom"] + 3], fill=255)
    return clean


def parse_tsv(tsv: str) -> list[Word]:
    """The words of tesseract's TSV output (level 5 rows with text)."""
    words = []
    for row in tsv.splitlines()[1:]:
        parts = row.split("\t")
        if len(parts) < 12 or parts[0] != "5" or not parts[11].strip():
            continue
        left, top, w, h = (int(p) for p in parts[6:10])
        words.append(
            Word(
                left,
                top,
                left + w,
                top + h,
                parts[11].strip(),
                max(0.0, float(parts[10])),
                (int(parts[2]), int(parts[3]), int(parts[4])),
            )
        )
    return words


# The engine reads a full-width parenthesis as an angle bracket: "（区分处理的…" as "〈区分处理的…", which
# leaves a row's label with an opening no parser knows (a report prints no 〈〉).
_BRACKETS = str.maketrans({"〈": "（", "〉": "）"})


def _join(words: list[Word]) -> str:
    """Words of one cell or line, in reading order: no space between CJK characters."""
    out = ""
    for w in words:
        if out and (out[-1].isascii() and w.text[0].isascii()):
            out += " "
        out += w.text
    return out.translate(_BRACKETS)


# What an engine reads for a digit in a table cell: O for 0, l or | for 1, a stray full stop.
_DIGITISH = re.compile(r"^[0-9oOlI|,.。，]+$")
_FIX = str.maketrans({"o": "0", "O": "0", "l": "1", "I": "1", "|": "1", "。": "", "，": ""})


def cell_text(words: list[Word]) -> tuple[str, float | None]:
    """The text of a grid cell's words (lines top to bottom) and its confidence (the lowest)."""
    if not words:
        return "", None
    rows: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.y0 + w.y1) / 2):
        if rows and abs((rows[-1][-1].y0 + rows[-1][-1].y1) / 2 - (w.y0 + w.y1) / 2) < (w.y1 - w.y0) * 0.6:
            rows[-1].append(w)
        else:
            rows.append([w])
    text = _join([w for row in rows for w in sorted(row, key=lambda w: w.x0)])
    conf = min(w.conf for w in words)
    compact = text.replace(" ", "")
    if _DIGITISH.match(compact) and (any(ch.isdigit() for ch in compact) or compact in ("o", "O")):
        fixed = compact.translate(_FIX).rstrip(".,")
        if fixed != compact:
            conf = min(conf, 50.0)  # a repaired reading is never a certain one
        text = fixed
    return text, conf


def _inked(ink_image, box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = (int(v) for v in box)
    if x1 - x0 < 4 or bottom - top < 4:
        return False
    return ink_image.crop((x0, top, x1, bottom)).histogram()[0] >= 12


def _visual_lines(words: list[Word]) -> list[list[Word]]:
    """Words grouped into the lines they stand on (by the vertical centre)."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.y0 + w.y1) / 2):
        centre, height = (w.y0 + w.y1) / 2, max(1, w.y1 - w.y0)
        if lines:
            last = lines[-1]
            mid = sum((v.y0 + v.y1) / 2 for v in last) / len(last)
            if abs(mid - centre) < height * 0.5:
                last.append(w)
                continue
        lines.append([w])
    return lines


def _columns(cells: list[tuple]) -> list[float]:
    xs: list[float] = []
    for x in sorted({c[0] for c in cells} | {c[2] for c in cells}):
        if not xs or x - xs[-1] > 6:
            xs.append(x)
    return xs


def value_region(cells: list[tuple], words: list[Word]) -> tuple[list[float], int, int] | None:
    """The value columns of a table (their boundaries, left to right) and its top and bottom, or None."""
    xs = _columns(cells)
    start = _value_start(xs, _rows(xs, words))
    if start is None:
        return None
    return xs[start:], int(min(c[1] for c in cells)), int(max(c[3] for c in cells))


def keep_digits(digits: list[Word], words: list[Word]) -> list[Word]:
    """The digits of the second reading, except where the first read something else: a header's
    characters, or a dash printed for a blank cell ("—", which a digits-only reading turns into 5)."""
    other = [w for w in words if not _DIGITISH.match(w.text.replace(" ", ""))]
    return [d for d in digits if not any(_over(d, w) for w in other)]


def _fallback(words: list[Word], kept: list[Word], left: float) -> list[Word]:
    """Numbers of the first reading in the value columns where the digits-only reading saw nothing (it
    drops many a lone "0"): only whole digits as tall as digits are (a dash printed for a blank, read
    as "5" or "一", is a flat box), and never certain — a single reading."""
    heights = sorted(w.y1 - w.y0 for w in kept if w.text.isdigit()) or [0]
    tall = heights[len(heights) // 2] * 0.7
    return [
        Word(w.x0, w.y0, w.x1, w.y1, w.text, min(w.conf, 50.0), w.line)
        for w in words
        if (w.x0 + w.x1) / 2 >= left
        and w.text.isdigit()
        and w.y1 - w.y0 >= tall
        and not any(_over(w, d) for d in kept)
    ]


def _over(a: Word, b: Word) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def _rows(xs: list[float], words: list[Word]) -> list[tuple[list[Word], list[tuple[str, float | None]]]]:
    rows = []
    for line_words in _visual_lines(words):
        cols: list[list[Word]] = [[] for _ in range(max(1, len(xs) - 1))]
        for w in line_words:
            cx = (w.x0 + w.x1) / 2
            cols[max(0, min(len(cols) - 1, sum(1 for x in xs[1:-1] if x < cx)))].append(w)
        rows.append((line_words, [cell_text(ws) for ws in cols]))
    return rows


def _value_start(xs: list[float], rows) -> int | None:
    numeric = [
        sum(1 for _, texts in rows if parse_value(texts[k][0] or "x") is not None)
        for k in range(max(1, len(xs) - 1))
    ]
    busiest = max(numeric, default=0)
    start = next((k for k, n in enumerate(numeric) if busiest and n * 3 >= busiest), None)
    body = [
        texts for _, texts in rows if start is not None and parse_value(texts[start][0] or "x") is not None
    ]
    while start and _dashes([texts[start - 1][0] for texts in body]):
        start -= 1
    return start


# What a dash printed for a blank cell is read as ("—", "一", "-"), beside digits.
_DASH = re.compile(r"^[-—–一_~0-9oOlI|,.。，]+$")


def _dashes(texts: list[str]) -> bool:
    """Whether a column left of the value columns holds dashes (blanks) and numbers (two thirds of its
    readings at least: a dash is misread too): a value column of a table whose first columns are blank."""
    filled = [t.replace(" ", "") for t in texts if t]
    dashes = [t for t in filled if _DASH.match(t)]
    return len(dashes) * 3 >= len(filled) * 2 and any(not t[0].isdigit() for t in dashes)


def table_lines(
    cells: list[tuple[float, float, float, float]], words: list[Word], clean, digits: list[Word] | None = None
) -> list[Line]:
    """A ruled table read line by line: columns from its vertical rules, rows from the lines of text
    (a table converted by an office suite may draw no rule between its rows). ``digits``: the words
    of a second reading of the value columns alone (:func:`value_region`), which replace the page's
    words there.

    A line holding numbers becomes its label (the text left of the value columns) and one piece per
    value column; a value column whose text is no number, or empty although ink is there, is a blank
    marked ``ink`` (uncertain). A line without numbers (headers, a wrapped label) keeps its texts."""
    xs = _columns(cells)
    ink = clean.point(lambda p: 0 if p < _DARK else 255)
    start = _value_start(xs, _rows(xs, words))
    if digits is not None and start is not None:
        left = xs[start]
        kept = keep_digits(digits, words)
        words = [w for w in words if (w.x0 + w.x1) / 2 < left] + kept + _fallback(words, kept, left)
    rows = _rows(xs, words)
    out = []
    for line_words, texts in rows:
        top, bottom = min(w.y0 for w in line_words), max(w.y1 for w in line_words)
        values = texts[start:] if start is not None else []
        if not any(parse_value(t or "x") is not None for t, _ in values):
            pieces = [Piece(t, c) for t, c in texts if t]
            out.append(Line(top, pieces, grid=len(pieces) > 1))
            continue
        label_words = [w for ws_text in texts[:start] for w in [ws_text]]
        label = "".join(t for t, _ in label_words if t)
        pieces = [Piece(label, min((c for t, c in label_words if t and c is not None), default=None))]
        for k, (text, conf) in enumerate(values, start=start):
            if text and parse_value(text) is not None:
                pieces.append(Piece(text, conf))
            else:
                box = (xs[k] + 6, top, xs[k + 1] - 6, bottom)
                pieces.append(Piece("", None, ink=bool(text) or _inked(ink, box)))
        out.append(Line(top, pieces, grid=True))
    return out


def table_words(words: list[Word], tables: list[list[tuple]]) -> dict[int, list[Word]]:
    """The words inside each table."""
    out: dict[int, list[Word]] = {i: [] for i in range(len(tables))}
    for w in words:
        cx, cy = (w.x0 + w.x1) / 2, (w.y0 + w.y1) / 2
        for i, t in enumerate(tables):
            if min(c[0] for c in t) <= cx <= max(c[2] for c in t) and min(c[1] for c in t) <= cy <= max(
                c[3] for c in t
            ):
                out[i].append(w)
                break
    return out


def page_lines(
    words: list[Word],
    tables: list[list[tuple]],
    clean,
    digits: dict[int, list[Word]] | None = None,
    ruled: dict[int, list[Line]] | None = None,
) -> list[Line]:
    """The page as lines in reading order: each table's rows (``ruled``: tables already read band by
    band, :mod:`gongkai.auditor.scanrows`), and the OCR lines outside the tables."""
    boxes = [
        (min(c[0] for c in t), min(c[1] for c in t), max(c[2] for c in t), max(c[3] for c in t))
        for t in tables
    ]

    def inside(w: Word) -> int | None:
        cx, cy = (w.x0 + w.x1) / 2, (w.y0 + w.y1) / 2
        for i, (x0, top, x1, bottom) in enumerate(boxes):
            if x0 <= cx <= x1 and top <= cy <= bottom:
                return i
        return None

    grouped: dict[int, list[Word]] = {i: [] for i in range(len(tables))}
    loose: dict[tuple, list[Word]] = {}
    for w in words:
        i = inside(w)
        if i is None:
            loose.setdefault(w.line, []).append(w)
        else:
            grouped[i].append(w)
    lines = [_text_line(ws) for ws in loose.values()]
    for i, cells in enumerate(tables):
        done = (ruled or {}).get(i)
        lines.extend(
            done if done is not None else table_lines(cells, grouped[i], clean, (digits or {}).get(i))
        )
    return sorted(lines, key=lambda line: line.top)


def _text_line(words: list[Word]) -> Line:
    """An OCR line outside the tables: tokens where the words are apart (a borderless table's cells)."""
    words = sorted(words, key=lambda w: w.x0)
    height = max(1, max(w.y1 - w.y0 for w in words))
    groups: list[list[Word]] = [[words[0]]]
    for w in words[1:]:
        if w.x0 - groups[-1][-1].x1 > height * 0.8:
            groups.append([w])
        else:
            groups[-1].append(w)
    pieces = [Piece(_join(g), min(w.conf for w in g)) for g in groups]
    return Line(min(w.y0 for w in words), pieces)
