"""PDF tables read on their ruled grid (pdfplumber), blank cells kept in their columns.

pypdf's text of a table drops a blank cell without a trace, so the numbers after it move one column
to the left ("37 of 63 cells read, 11 invented" on a real report). Reports printed from Word or WPS
draw every cell's border, so the grid is in the PDF: pdfplumber finds it (the "lines" strategy), and
each row becomes one tab-separated line in the shape :func:`gongkai.auditor.readers.docx_text` gives a
Word table — a cell merged across columns once, a label merged down the rows repeated, a number or a
blank merged down kept in its first row only — so the report parser reads both the same way. The text
around the tables is read line by line in page order.

:func:`grid_pages` returns None for a PDF without any ruled table (a report typed with spaces, a web
page printed without borders): the caller falls back to pypdf's text, which reads those well.
"""

from __future__ import annotations

import io
import logging
from bisect import bisect_left

# Imported with the module, not per call: readers run in a forked child (gongkai.ops.sandbox), which
# inherits what the parent has imported and would otherwise import pdfplumber and pdfminer afresh
# for every file (about a quarter of a second each time).
import pdfplumber

from gongkai.reportreader.cells import grid_row_line

# pdfminer warns once per glyph about the fonts browsers embed ("Could not get FontBBox"): noise in
# the logs of every audit, never an error of the report.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

# Coordinates within this many points are the same grid line.
_EPS = 1.5


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


def table_lines(table) -> list[str]:
    """The rows of a pdfplumber table as tab-separated lines (see the module's docstring)."""
    texts = table.extract()
    n_rows, n_cols, spans = _spans(table.cells)
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for (r0, c0), (_, _, r1, c1) in spans.items():
        for r in range(r0, r1):
            for c in range(c0, c1):
                owner.setdefault((r, c), (r0, c0))
    lines = []
    for r in range(min(n_rows, len(texts))):
        cells: list[tuple[str, bool]] = []
        c = 0
        while c < n_cols:
            r0, c0 = owner.get((r, c), (r, c))
            text = _joined(texts[r0][c0] if r0 < len(texts) and c0 < len(texts[r0]) else "")
            c1 = spans.get((r0, c0), (r0, c0, r0 + 1, c0 + 1))[3]
            cells.append((text, r0 == r))
            c = max(c1, c + 1)
        if (line := grid_row_line(cells)) is not None:
            lines.append(line)
    return lines


def _outside(bboxes):
    def keep(obj) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in bboxes)

    return keep


def page_text(page) -> tuple[str, int]:
    """The page's text with each ruled table as tab lines, in reading order, and its number of tables."""
    tables = [t for t in page.find_tables() if len(t.cells) >= 2]
    if not tables:
        return page.extract_text() or "", 0
    bboxes = [t.bbox for t in tables]
    blocks: list[tuple[float, list[str]]] = []
    rest = page.filter(_outside(bboxes))
    for line in rest.extract_text_lines(return_chars=False):
        blocks.append((line["top"], [line["text"]]))
    for t in tables:
        blocks.append((t.bbox[1], table_lines(t)))
    blocks.sort(key=lambda b: b[0])
    return "\n".join(line for _, lines in blocks for line in lines), len(tables)


def grid_pages(data: bytes, *, password: str = "") -> list[str] | None:
    """Each page's text with its ruled tables read cell by cell; None when the PDF has no ruled table."""
    pages, found = [], 0
    with pdfplumber.open(io.BytesIO(data), password=password) as pdf:
        for page in pdf.pages:
            text, n = page_text(page)
            pages.append(text)
            found += n
            page.close()
    return pages if found else None
