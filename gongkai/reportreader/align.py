"""Alignment: runs placed on the schema's rows in order by dynamic programming (a run without
evidence only where its labelled neighbours leave no choice), and the cells of a run placed in the
row's columns."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from gongkai.law import report_format as rf
from gongkai.law.report_format import TABLE_APPLICATIONS
from gongkai.reportreader.cells import EMPTY, NUMBER, Cell
from gongkai.reportreader.runs import Run

PSEUDO_OTHER = "other_processing"  # a 2021-format table printing （六）其他处理 as one row
_STRONG = 10.0
_ADJACENT = 4.0
_ADJACENT_BEFORE = 0.5
_ADJACENT_FAR = 1.0
_GROUP = 1.0
_BASE = 1.0


@dataclass
class Row:
    code: str
    group: str | None
    pseudo: bool = False


def rows_for(schema: rf.TableSchema) -> list[Row]:
    rows: list[Row] = []
    for r in schema.rows:
        if schema.code == TABLE_APPLICATIONS and r.code == "other_no_correction":
            rows.append(Row(PSEUDO_OTHER, "other_processing", pseudo=True))
        rows.append(Row(r.code, r.group or r.subtable))
    return rows


def _score(run: Run, row: Row) -> float | None:
    if run.strong is not None:
        bonus = 0.0 if run.all_blank else _BASE  # a row with numbers beats an empty one
        if run.strong.is_group:
            return _STRONG + bonus if row.pseudo and run.strong.code == row.group else None
        return _STRONG + bonus if run.strong.code == row.code else None
    if row.pseudo:
        return None
    score = _BASE
    before = [m.code for m in run.before if not m.is_group]  # nearest first
    after = [m.code for m in run.after if not m.is_group]
    if before and before[0] == row.code:
        score += _ADJACENT + _ADJACENT_BEFORE  # the label just before (label first)
    elif after and after[0] == row.code:
        score += _ADJACENT  # the label just after (values first, as in PDF text)
    elif row.code in before or row.code in after:
        score += _ADJACENT_FAR  # a label further away (another label lies in between)
    if row.group and any(g.code == row.group for g in run.groups):
        score += _GROUP
    if run.all_blank:
        # Blank cells only (a "|" separator line before a label, or a row printed empty): placed
        # where nothing else goes, never at the cost of shifting the rows that hold numbers.
        score *= 0.1
    return score


def _evidenced(run: Run, row: Row) -> bool:
    if run.strong is not None:
        return True
    return any(m.code == row.code for m in (*run.before, *run.after))


def align(runs: list[Run], rows: list[Row]) -> dict[int, int]:
    """Run index → row index: monotonic, maximal evidence; unevidenced runs only when forced."""
    scores = [[_score(run, row) for row in rows] for run in runs]
    assign = _best_assignment(scores, len(runs), len(rows))
    _drop_undecided(assign, runs, rows)
    return _with_forced(assign, runs, rows)


def _best_assignment(scores: list[list[float | None]], m: int, n: int) -> dict[int, int]:
    """The monotonic assignment of the ``m`` runs to the ``n`` rows with the highest total score."""
    neg = float("-inf")
    # best[i][j]: best score after the first i runs with the last assigned row j (j = -1 → index n).
    best = [[neg] * (n + 1) for _ in range(m + 1)]
    back: list[list[tuple[int, bool] | None]] = [[None] * (n + 1) for _ in range(m + 1)]
    best[0][n] = 0.0
    for i in range(m):
        for j in range(n + 1):
            cur = best[i][j]
            if cur == neg:
                continue
            if cur > best[i + 1][j]:
                best[i + 1][j] = cur
                back[i + 1][j] = (j, False)
            start = 0 if j == n else j + 1
            for r in range(start, n):
                s = scores[i][r]
                if s is None:
                    continue
                if cur + s > best[i + 1][r]:
                    best[i + 1][r] = cur + s
                    back[i + 1][r] = (j, True)
    j = max(range(n + 1), key=lambda k: (best[m][k], -k))
    assign: dict[int, int] = {}
    for i in range(m, 0, -1):
        prev = back[i][j]
        if prev is None:
            break
        pj, used = prev
        if used:
            assign[i - 1] = j
        j = pj
    return assign


def _drop_undecided(assign: dict[int, int], runs: list[Run], rows: list[Row]) -> None:
    """A run between the labels of two rows (label first, or values first?) keeps its row when the
    other row is taken or out of order, or when its reading is the document's: one cell per line
    and most web copies read label first, PDF text often prints the numbers before a label; the
    runs with a label on one side only tell which. Otherwise it is dropped rather than guessed."""
    n = len(rows)
    first = dict(assign)
    votes = {"before": 0, "after": 0}
    for i, r in first.items():
        run, code = runs[i], rows[r].code
        if run.strong is None:
            in_before = any(m.code == code for m in run.before)
            in_after = any(m.code == code for m in run.after)
            if in_before != in_after:
                votes["before" if in_before else "after"] += 1
    taken = set(first.values())
    order = sorted(first)
    for k, i in enumerate(order):
        run, r = runs[i], first[i]
        if run.strong is None and _evidenced(run, rows[r]):
            low = first[order[k - 1]] if k > 0 else -1
            high = first[order[k + 1]] if k + 1 < len(order) else n
            others = {m.code for m in (*run.before, *run.after)} - {rows[r].code}
            if any(rows[x].code in others and x not in taken and low < x < high for x in range(n)):
                side = run.before if votes["after"] == 0 else run.after if votes["before"] == 0 else ()
                if not any(m.code == rows[r].code for m in side):
                    del assign[i]


def _with_forced(assign: dict[int, int], runs: list[Run], rows: list[Row]) -> dict[int, int]:
    """The evidenced runs of ``assign``, and the runs without evidence only where the labelled
    neighbours leave no choice."""
    m, n = len(runs), len(rows)
    anchors = [(-1, -1)] + sorted((i, r) for i, r in assign.items() if _evidenced(runs[i], rows[r]))
    anchors.append((m, n))
    final = {i: r for i, r in assign.items() if _evidenced(runs[i], rows[r])}
    for (pi, pr), (qi, qr) in zip(anchors, anchors[1:], strict=False):
        between = list(range(pi + 1, qi))
        if not between:
            continue
        free = [r for r in range(pr + 1, qr) if not rows[r].pseudo]
        if len(free) == len(between):
            final.update(zip(between, free, strict=True))
    return final


# ---------------------------------------------------------------------------
# Columns
# ---------------------------------------------------------------------------


def _bounds(cells: list[Cell], width: int) -> tuple[int, int]:
    """The range of window starts whose ``width`` cells hold every value (lo > hi: none)."""
    idx = [i for i, c in enumerate(cells) if c.kind == NUMBER]
    if not idx:
        return 0, 0
    return max(0, idx[-1] - width + 1), min(idx[0], len(cells) - width)


def _window(cells: list[Cell], width: int) -> list[Cell] | None:
    """``width`` consecutive cells holding every value, or None.

    Several windows fit when blank cells sit at both ends (a label spanning columns leaves empty
    cells before the values, grid padding after them): the leftmost, which puts the last value in
    the last column: the 总计 that a row with any number prints. (Copied web tables do not keep a
    consistent grid, so the header's columns are no guide: seed 000 shifts rows by one both ways.)
    """
    lo, hi = _bounds(cells, width)
    if lo <= hi:
        return cells[lo : lo + width]
    # More values than columns: acceptable only when every alignment reads the same values
    # (a layout column of zeros, as in a table 四 printed with 16 zeros).
    windows = {tuple(_key(c) for c in cells[s : s + width]) for s in range(len(cells) - width + 1)}
    return cells[:width] if len(windows) == 1 else None


def _key(c: Cell) -> Any:
    return c.value.number if c.kind == NUMBER and c.value else None


@dataclass
class Placement:
    cells: list[Cell | None]  # per column: the cell (value or blank) or None when not located
    unplaced: list[Cell] = field(default_factory=list)
    note: str | None = None


def place(run: Run, width: int, compacted: bool, short_total: bool) -> Placement:
    cells = list(run.cells)
    if run.at_eof:
        while cells and cells[-1].kind == EMPTY and not cells[-1].text:
            cells.pop()  # the text stops here: empty cells after the last value say nothing
    if not compacted:
        if len(cells) == width:
            return Placement(list(cells))
        if len(cells) > width:
            window = _window(cells, width)
            if window is None:
                return Placement([None] * width, run.values, "数值个数多于列数，无法确定所在列")
            return Placement(list(window))
    values = run.values
    if len(values) == width:
        return Placement(list(values))
    if len(values) > width:
        window = _window(list(values), width)
        if window is not None:
            return Placement(list(window))
        return Placement([None] * width, values, "数值个数多于列数，无法确定所在列")
    if run.at_eof:
        # Text cut off: the values read so far fill the row from the left.
        src = values if compacted else cells
        return Placement([*src, *([None] * (width - len(src)))][:width], [], "文本在此处中断")
    if not values:
        return Placement([None] * width)
    if short_total:
        # Blank cells dropped from the text: a lone number is the 总计; with more, the first is
        # 自然人 and the last 总计. The other cells are blank, unless numbers are left over: then
        # nobody knows which of them holds which.
        unplaced: list[Cell] = values[1:-1]
        placed: list[Cell | None] = [None if unplaced else Cell(EMPTY, "")] * width
        placed[-1] = values[-1]
        if len(values) >= 2:
            placed[0] = values[0]
        return Placement(placed, unplaced, "空白单元格在文本中被省略")
    return Placement([None] * width, values, "数值个数少于列数，无法确定所在列")


def is_compacted(runs: Iterable[Run], widths: Iterable[int]) -> bool:
    """Blank cells dropped: some row is short and no row shows a blank before its last value.

    A row is short when fewer cells than columns remain after dropping the empty cells at its end
    (grid padding); a blank marker (``/``, ``-``) counts as a cell, and a row of exactly one cell per
    column is never short.
    """
    short = False
    for run, width in zip(runs, widths, strict=True):
        idx = [i for i, c in enumerate(run.cells) if c.kind == NUMBER]
        if idx and any(c.kind == EMPTY for c in run.cells[: idx[-1]]):
            return False
        if len(run.cells) == width:
            continue  # exactly one cell per column: trailing empty cells are real blanks
        filled = [i for i, c in enumerate(run.cells) if c.kind == NUMBER or c.text]
        if idx and (filled[-1] + 1 if filled else 0) < width:
            short = True
    return short

