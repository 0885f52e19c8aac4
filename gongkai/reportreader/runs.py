"""Runs and label events: the rows of numbers of a table region (a line of cells, or consecutive
one-cell lines), each with the row labels on its own line and the label events around it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from gongkai.law import report_format as rf
from gongkai.law.report_format import normalize_label
from gongkai.reportreader.cells import EMPTY, LABEL, NUMBER, Cell, make_cell, separated_cells, space_cells
from gongkai.reportreader.labels import MATCH_PREFIX, MATCH_SUFFIX, Match, Matcher
from gongkai.reportreader.layout import is_markdown, region_mode


@dataclass
class Run:
    cells: list[Cell]
    line: int
    strong: Match | None = None
    groups: list[Match] = field(default_factory=list)
    labels: list[Cell] = field(default_factory=list)
    at_eof: bool = False
    last: int = -1  # the line of its last cell (one cell per line: runs span lines)
    before: list[Match] = field(default_factory=list)
    after: list[Match] = field(default_factory=list)
    blank_row: bool = False  # one cell per line: as many empty lines as the row has cells, between labels

    @cached_property
    def values(self) -> list[Cell]:
        return [c for c in self.cells if c.kind == NUMBER]

    @cached_property
    def all_blank(self) -> bool:
        return not self.values

    @property
    def assignable(self) -> bool:
        """A row of the table: numbers, blank markers (``/``, ``-``) or a whole row label on its line
        (a fragment of a label over empty cells is the continuation of a label, not a row)."""
        if self.blank_row or not self.all_blank or any(c.text for c in self.cells):
            return True
        return self.strong is not None and self.strong.how not in (MATCH_PREFIX, MATCH_SUFFIX)


@dataclass
class LabelEvent:
    match: Match
    cell: Cell
    line: int


def _split_merged_rows(stream: list[LabelEvent | Run], width: int) -> list[LabelEvent | Run]:
    """One cell per line without row labels runs the rows together: a run of k × width cells is k
    rows (placed only where their labelled neighbours leave no choice)."""
    out: list[LabelEvent | Run] = []
    for e in stream:
        if isinstance(e, Run) and len(e.cells) > width and len(e.cells) % width == 0:
            out.extend(Run(e.cells[k : k + width], e.line) for k in range(0, len(e.cells), width))
        else:
            out.append(e)
    return out


Stream = list[LabelEvent | Run]


def read_runs(
    lines: Sequence[tuple[int, str]], matcher: Matcher, eof_line: int, width: int | None = None
) -> list[Run]:
    """The runs (rows of numbers) of a table region, each with the row labels on its line (strong
    evidence) and the label events around it up to the neighbouring runs (before, after)."""
    mode = region_mode([text for _, text in lines])
    markdown = is_markdown([text for _, text in lines])
    if mode == "cell":
        stream = _cell_stream(lines, matcher, markdown, width)
    else:
        stream = _SpaceReader(matcher, markdown).read(lines)
    return _with_neighbours(stream, eof_line)


def _label_events(matcher: Matcher, cell: Cell, line_no: int) -> Iterable[LabelEvent]:
    """The events of a label cell: its row (if any), then its groups."""
    m, groups = matcher.match_cell(cell)
    if m is not None:
        yield LabelEvent(m, cell, line_no)
    for g in groups:
        yield LabelEvent(g, cell, line_no)


# ---------------------------------------------------------------------------
# One cell per line (blank lines are blank cells)
# ---------------------------------------------------------------------------


def _line_cells(text: str, markdown: bool) -> list[Cell]:
    if "|" in text or "\t" in text:
        return separated_cells(text, markdown) or []
    return [make_cell(text)] if text.strip() else [Cell(EMPTY, "")]


def _cell_stream(lines: Sequence[tuple[int, str]], matcher: Matcher, markdown: bool, width: int | None) -> Stream:
    """Consecutive value (or blank) cells form a run; a label cell ends it and is a label event."""
    stream: Stream = []
    pending: list[Cell] = []
    start = end = 0
    for line_no, text in lines:
        for c in _line_cells(text, markdown):
            if c.kind == LABEL:
                if pending:
                    stream.append(Run(pending, start, last=end))
                    pending = []
                stream.extend(_label_events(matcher, c, line_no))
            else:
                if not pending:
                    start = line_no
                pending.append(c)
                end = line_no
    if pending:
        stream.append(Run(pending, start, last=end))
    if width:
        stream = _split_merged_rows(stream, width)
        _mark_blank_rows(stream, width)
    return stream


def _mark_blank_rows(stream: Stream, width: int) -> None:
    """A row printed with every cell blank: exactly one empty line per cell, between its label and
    the next one."""
    for k in range(1, len(stream) - 1):
        e, before, after = stream[k], stream[k - 1], stream[k + 1]
        if (
            isinstance(e, Run)
            and len(e.cells) == width
            and all(c.kind == EMPTY and not c.text for c in e.cells)
            and isinstance(before, LabelEvent)
            and not before.match.is_group
            and isinstance(after, LabelEvent)
        ):
            e.blank_row = True


# ---------------------------------------------------------------------------
# Rows of cells on a line (PDF-like text, pipe- or tab-separated lines)
# ---------------------------------------------------------------------------


def _segments(cells: list[Cell]) -> list[tuple[list[Cell], list[Cell]]]:
    """The cells of a line as segments: labels followed by the values after them."""
    label_cells: list[Cell] = []
    value_cells: list[Cell] = []
    segments: list[tuple[list[Cell], list[Cell]]] = []
    for c in cells:
        if c.kind == LABEL:
            if value_cells:
                segments.append((label_cells, value_cells))
                label_cells, value_cells = [], []
            label_cells.append(c)
        else:
            value_cells.append(c)
    segments.append((label_cells, value_cells))
    return segments


class _SpaceReader:
    """The stream of a region whose lines hold rows: each segment of a line is a run (values) or
    label events (labels alone), with labels wrapped over several lines joined again."""

    def __init__(self, matcher: Matcher, markdown: bool) -> None:
        self.matcher = matcher
        self.markdown = markdown
        self.stream: Stream = []
        # Label pieces that matched nothing on their own line: a label wrapped in a narrow PDF
        # column ("1.属于国" / "家秘密"). Joined with the next pieces, they may name a row.
        self.frags: list[str] = []
        # The last label-only line that named a row, and the text it has grown to: the pieces that
        # follow it and continue its label (a short form such as "（二）部分公开" wrapped onto
        # "（区分处理的，…）") complete it instead of being reported as a non-standard label.
        self.grown: LabelEvent | None = None
        self.grown_text = ""

    def read(self, lines: Sequence[tuple[int, str]]) -> Stream:
        for line_no, text in lines:
            if not text.strip():
                continue
            cells = separated_cells(text, self.markdown)
            if cells is None:
                cells = space_cells(text)
            for labels, values in _segments(cells):
                self._segment(labels, values, line_no)
        return self.stream

    def _segment(self, labels: list[Cell], values: list[Cell], line_no: int) -> None:
        strong, groups = self._matches(labels)
        label_text = "".join(c.text for c in labels)
        same = (
            self.grown is not None and all(m.code == self.grown.match.code for m in strong) and not groups
        )
        if labels and not values and same and self._continues(label_text):
            return
        if labels and not strong and not groups and self.frags:
            m, g, label_text = self._joined_match(label_text)
            if m is not None:
                strong.append(m)
            groups.extend(g)
            if m is not None or g:
                self.frags.clear()
        if labels and not values and not strong and not groups:
            self.frags.append(label_text)
            del self.frags[:-4]
        elif values or strong:
            self.frags.clear()
        if values:
            self.grown = None
        run = Run(values, line_no, labels=labels, strong=self._run_label(strong, groups), groups=groups)
        if values and run.assignable:
            self.stream.append(run)
            return
        for m in (*strong, *groups):
            self.stream.append(LabelEvent(m, labels[0], line_no))
        if len(strong) == 1 and not values:
            self.grown, self.grown_text = self.stream[-1 - len(groups)], label_text

    def _matches(self, labels: list[Cell]) -> tuple[list[Match], list[Match]]:
        """The rows (strong) and groups the label cells name."""
        strong: list[Match] = []
        groups: list[Match] = []
        for c in labels:
            m, g = self.matcher.match_cell(c)
            if m is not None:
                strong.append(m)
            groups.extend(g)
        return strong, groups

    def _run_label(self, strong: list[Match], groups: list[Match]) -> Match | None:
        distinct = {m.code for m in strong}
        if len(distinct) == 1:
            return strong[-1]
        if not distinct and self.matcher.aggregate_group:
            # 2021 table printing （六）其他处理 as one row: the group label carries the numbers.
            return next((g for g in groups if g.code == self.matcher.aggregate_group), None)
        return None

    def _continues(self, text: str) -> bool:
        """Whether ``text`` continues the label grown so far (then it is appended to it)."""
        event, so_far = self.grown, self.grown_text
        if event is None:
            return False
        full = self.matcher.keys.get(event.match.code, "")
        key = normalize_label(so_far + text)
        if not full or not full.startswith(key) or len(key) <= len(normalize_label(so_far)):
            return False
        self.grown_text = so_far + text
        if key == full and event.match.how in (rf.MATCH_VARIANT, rf.MATCH_FUZZY):
            event.match = Match(event.match.code, rf.MATCH_NORMALIZED, event.match.is_group,
                                event.match.label, self.grown_text)
        return True

    def _joined_match(self, text: str) -> tuple[Match | None, list[Match], str]:
        for k in reversed(range(len(self.frags))):
            whole = "".join(self.frags[k:]) + text
            m, g = self.matcher.match_cell(Cell(LABEL, whole, tokens=(whole,)))
            if m is not None or g:
                return m, g, whole
        return None, [], text


# ---------------------------------------------------------------------------
# Runs with their neighbouring label events
# ---------------------------------------------------------------------------


def _with_neighbours(stream: Stream, eof_line: int) -> list[Run]:
    """The runs to place, each with the label events just before and after it (up to the next run),
    the last one marked when the text ends on it."""
    # Runs of blank cells only (a blank row in one-cell-per-line text) are not placed, but they
    # still separate the label events around them.
    runs = [e for e in stream if isinstance(e, Run) and e.assignable]
    keep = {id(e) for e in runs}
    for i, e in enumerate(stream):
        if id(e) not in keep:
            continue
        j = i - 1
        while j >= 0 and isinstance(stream[j], LabelEvent):
            e.before.append(stream[j].match)
            j -= 1
        j = i + 1
        while j < len(stream) and isinstance(stream[j], LabelEvent):
            e.after.append(stream[j].match)
            j += 1
    if runs and max(runs[-1].line, runs[-1].last) >= eof_line:
        runs[-1].at_eof = True
    return runs
