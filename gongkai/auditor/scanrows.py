"""The rows of a scanned table whose rows are ruled: one row per band between two horizontal rules of
its value columns, each value cell cropped and read alone (:mod:`gongkai.auditor.ocr` reads the crops
in one batch, digits only). A cell reading beside its neighbours is what made an engine drop a lone
"0" or split a row whose label wraps over two lines; a band is a row whatever its label does.

A table whose value cells hold more than one line of text (rows without rules between them) is not
read here (``bands`` returns None) and falls back to the line-by-line reading of
:func:`gongkai.auditor.scangrid.table_lines`.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.auditor.scangrid import (
    _DARK,
    Line,
    Piece,
    Word,
    _columns,
    _dashes,
    _rows,
    _value_start,
    cell_text,
)
from gongkai.reportreader.cells import parse_value

INSET = 5  # pixels kept off a cell's rules (erased 3 pixels either side)


@dataclass
class Slot:
    """One value cell to read: its box on the page and the box of its ink (None: no ink)."""

    box: tuple[int, int, int, int]
    ink: tuple[int, int, int, int] | None
    text: str = ""
    conf: float | None = None


@dataclass
class Band:
    top: int
    bottom: int
    words: list[Word]
    slots: list[Slot]
    header: bool = False
    # The texts of its label cells, left to right (:func:`_labels`; None: a band cut out of a taller
    # ruled one, whose label cells hold several rows' labels, or a header).
    labels: list[tuple[str, float | None]] | None = None


def _ink_box(ink_image, box) -> tuple[int, int, int, int] | None:
    x0, top, x1, bottom = box
    if x1 - x0 < 4 or bottom - top < 4:
        return None
    crop = ink_image.crop(box)
    if crop.histogram()[0] < 12:
        return None
    found = crop.point(lambda p: 255 - p).getbbox()
    return None if found is None else (x0 + found[0], top + found[1], x0 + found[2], top + found[3])


def _ink_runs(ink_image, box) -> list[tuple[int, int]]:
    """Lines of text in a box (page coordinates): runs of inked pixel rows, small gaps joined."""
    x0, top, x1, bottom = box
    if x1 - x0 < 4 or bottom - top < 4:
        return []
    profile = ink_image.crop(box).resize((1, bottom - top)).tobytes()
    runs: list[list[int]] = []
    for y, mean in enumerate(profile):
        if mean < 250:
            if runs and y - runs[-1][1] <= 6:
                runs[-1][1] = y
            else:
                runs.append([y, y])
    return [(top + a, top + b) for a, b in runs if b - a >= 8]


def _ink_lines(ink_image, box) -> int:
    return len(_ink_runs(ink_image, box))


def _split(ink_image, xs: list[float], start: int, top: int, bottom: int) -> list[tuple[int, int]]:
    """A band holding several lines of values (a rule between rows lost, or none drawn) cut between
    its lines of ink: the text-line profile of its value columns."""
    runs = _ink_runs(ink_image, (int(xs[start]) + INSET, top + INSET, int(xs[-1]) - INSET, bottom - INSET))
    cuts = [top] + [(a[1] + b[0]) // 2 for a, b in zip(runs, runs[1:], strict=False)] + [bottom]
    return list(zip(cuts, cuts[1:], strict=False))


def bands(cells: list[tuple], words: list[Word], clean) -> tuple[list[float], int, list[Band]] | None:
    """The table's columns, first value column and row bands, or None when its value rows are not
    ruled one by one (or no value column is found)."""
    xs = _columns(cells)
    start = _value_start(xs, _rows(xs, words))
    if start is None or start == 0:
        return None
    first = sorted({(int(c[1]), int(c[3])) for c in cells if abs(c[0] - xs[start]) <= 6})
    if len(first) < 2:
        return None
    start = _widen(xs, start, first, words)
    ink = clean.point(lambda p: 0 if p < _DARK else 255)
    out: list[Band] = []
    rows: list[tuple[int, int]] = []
    cut: set[tuple[int, int]] = set()  # bands cut between lines of ink
    for i, (top, bottom) in enumerate(first):
        # A cell over several rows (a header's, where a rule is missing) ends at the next.
        if i + 1 < len(first):
            bottom = min(bottom, first[i + 1][0])
        rows.append((top, bottom))
    for top, bottom in rows:
        inside = [w for w in words if top <= (w.y0 + w.y1) / 2 <= bottom]
        boxes = [
            (int(xs[k]) + INSET, top + INSET, int(xs[k + 1]) - INSET, bottom - INSET)
            for k in range(start, len(xs) - 1)
        ]
        worded = _worded(inside, xs[start:])
        # A header: Chinese in half the value columns, or in any of the first band's (a caption
        # over some of them, "申请人情况").
        header = all(b.header for b in out) and (worded * 2 >= len(boxes) or (worded > 0 and not out))
        if not header and any(_ink_lines(ink, box) > 1 for box in boxes):
            parts = _split(ink, xs, start, top, bottom)
            if len(parts) < 2 or len(parts) > 8:
                return None
            rows[rows.index((top, bottom)) + 1 : rows.index((top, bottom)) + 1] = parts
            cut.update(parts)
            continue
        labels = None if header or (top, bottom) in cut else _labels(cells, words, xs[start], top, bottom)
        out.append(
            Band(
                top,
                bottom,
                inside,
                [Slot(box, None if header else _ink_box(ink, box)) for box in boxes],
                header,
                labels,
            )
        )
    if not any(not b.header for b in out):
        return None
    return xs, start, out


def _labels(
    cells: list[tuple], words: list[Word], left: float, top: int, bottom: int
) -> list[tuple[str, float | None]]:
    """The texts of a band's label cells, left to right, without a group label merged down over
    several rows beside the row's own (三、本年度办理结果, （三）不予公开): its lines, read beside
    whichever rows they stand, made "三、本年(一)予以公开" and "度办理结果(二)部分公开" of the labels
    of the rows at a page's foot, which no parser knows (a group's rows on the next page never
    carried it). A label cell over several rows with no cell right of it (a rule lost between two
    labels) keeps the words beside the band."""
    mid = (top + bottom) / 2
    boxes = sorted({c for c in cells if c[2] <= left + 6 and c[1] <= mid <= c[3]}, key=lambda c: c[0])
    out = []
    for k, (x0, y0, x1, y1) in enumerate(boxes):
        merged = y0 < top - 6 or y1 > bottom + 6
        if merged and k + 1 < len(boxes):
            continue
        a, b = (top, bottom) if merged else (y0, y1)
        out.append(
            cell_text([w for w in words if x0 <= (w.x0 + w.x1) / 2 < x1 and a <= (w.y0 + w.y1) / 2 <= b])
        )
    return out


def _widen(xs: list[float], start: int, rows: list[tuple[int, int]], words: list[Word]) -> int:
    """The first value column, moved left over the columns that hold dashes (blanks) in the rows
    with a number: a table whose first value columns are all blank reads as its numbers did."""

    def centre(w: Word) -> tuple[float, float]:
        return (w.x0 + w.x1) / 2, (w.y0 + w.y1) / 2

    body = [[w for w in words if top <= centre(w)[1] <= bottom] for top, bottom in rows]
    body = [ws for ws in body if any(w.text.isdigit() and centre(w)[0] >= xs[start] for w in ws)]
    while start > 1 and _dashes(
        [cell_text([w for w in ws if xs[start - 1] <= centre(w)[0] < xs[start]])[0] for ws in body]
    ):
        start -= 1
    return start


def _worded(words: list[Word], xs: list[float]) -> int:
    """Value columns in which the first reading found a Chinese character (a header's)."""
    return sum(
        1
        for a, b in zip(xs, xs[1:], strict=False)
        if any(a <= (w.x0 + w.x1) / 2 < b and any("\u4e00" <= ch <= "\u9fff" for ch in w.text) for w in words)
    )


def tall(slots: list[Slot]) -> float:
    """The least ink height of a digit: 60 % of the median height of the digit-shaped marks (not flat:
    a dash printed for a blank is many times wider than tall)."""
    heights = sorted(
        s.ink[3] - s.ink[1] for s in slots if s.ink and (s.ink[3] - s.ink[1]) * 2 >= s.ink[2] - s.ink[0]
    )
    return heights[len(heights) // 2] * 0.6 if heights else 0


def band_lines(xs: list[float], start: int, found: list[Band]) -> list[Line]:
    """The bands as lines, once their slots are read: a header band as the texts of its words, a
    value band as its label and one piece per value cell (a cell with ink and no number, or ink too
    flat for a digit — a dash printed for a blank — is a blank marked ``ink``)."""
    flat = tall([s for b in found for s in b.slots])
    out: list[Line] = []
    for band in found:
        if band.header or not any(s.ink for s in band.slots):
            for line_words, texts in _rows(xs, band.words):
                # A header prints no number: a bare one read in it is a stroke misread (a ">  2  到"
                # line in the header repeated on a table's next page was taken for a row of values).
                pieces = [
                    Piece(t, c) for t, c in texts if t and not (band.header and parse_value(t) is not None)
                ]
                if pieces:
                    out.append(Line(min(w.y0 for w in line_words), pieces, grid=len(pieces) > 1))
            continue
        label_texts = band.labels
        if label_texts is None:
            label_texts = [
                cell_text([w for w in band.words if xs[k] <= (w.x0 + w.x1) / 2 < xs[k + 1]])
                for k in range(start)
            ]
        label = "".join(t for t, _ in label_texts if t)
        pieces = [Piece(label, min((c for t, c in label_texts if t and c is not None), default=None))]
        for s in band.slots:
            digit = s.ink is not None and s.ink[3] - s.ink[1] >= flat
            if s.ink and digit and s.text and parse_value(s.text) is not None:
                pieces.append(Piece(s.text, s.conf))
            else:  # a flat mark is a dash printed for a blank: a blank
                pieces.append(Piece("", None, ink=s.ink is not None and digit))
        out.append(Line(band.top, pieces, grid=True))
    return out
