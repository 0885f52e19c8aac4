"""Parser of published annual reports (政府信息公开工作年度报告) as found in the wild (domain.md 5.9, 5.10).

Pure Python: no Django. Uses OpenCC (traditional → simplified) when it is installed and the schema of
:mod:`gongkai.law.report_format` for every label, row and column.

Input is text as people copy it: web pages (pipe- or tab-separated table lines, one cell per line with
blank lines for empty cells), text extracted from PDF (space-separated numbers, vertical labels one
character per line, values printed before or between the lines of their labels, page footers inside
tables, repeated headers), simplified or traditional characters, full- or half-width digits and
punctuation, several reports in one file. :func:`parse_html` flattens HTML tables (rowspan/colspan)
into tab lines first.

How it works
------------
1. Normalise: OpenCC t2s, full-width → half-width, page footers and markup removed.
2. Split the file into reports at title lines (``…2023年政府信息公开工作年度报告``), at a second
   ``一、总体情况`` (or the pre-2019 ``一、政府信息公开工作概述``) and at pre-2019 statistics tables;
   the short introduction lines before such an anchor open the new report.
3. Per report: agency, year, publication date, kind (report or 解读), then the regions of tables
   二, 三 and 四 (section titles, else the tables' own captions and labels), and the format: by the
   labels present (trial: 本年新制作数量, 其他对外管理服务事项 …; 2021: 本年制发件数 …), else by year.
4. Each table region becomes a stream of *runs* (the numbers of one row: a line of cells, or
   consecutive one-cell lines) and *label events* (a row label on its own line). Runs are aligned to
   the schema rows in order by dynamic programming: a label on the run's own line fixes the row; a
   label on an adjacent line (before: label first; after: PDF values first) is evidence; a run without
   evidence is placed only when the rows between its labelled neighbours leave no choice. Anything
   else stays unplaced and is reported: a cell is never guessed.
5. Columns: a run of exactly as many cells as the row has columns maps one to one; longer runs (cells
   under a spanned label, grid padding) take the leftmost window holding every value; when blank
   cells were dropped (PDF text, or a web page that printed only the filled cells) a short row of
   table 三 is read as 首个数值 = 自然人, 末个数值 = 总计 (a single value = 总计) and the rest is
   reported unplaced; a run cut off by the end of the text fills its row from the left.

Values: ``26463.43万元``, ``约679.7万元`` (万元), ``251000元`` (→ 25.1 万元 in amount columns),
``+1``/``-14``/``减4`` (signed), blank / ``/`` / ``-`` / ``—`` / ``无`` → None (a located blank).

Main entry points: :func:`parse_reports`, :func:`parse_html`, :func:`html_to_text`,
:func:`normalize_text`, :func:`parse_value`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache, cached_property, lru_cache
from html.parser import HTMLParser
from typing import Any

from gongkai.law import report_format as rf
from gongkai.law.report_format import (
    FORMAT_2019,
    FORMAT_2021,
    KIND_AMOUNT,
    TABLE_APPLICATIONS,
    TABLE_PROACTIVE,
    TABLE_REVIEW_LITIGATION,
    TOTAL,
    cell_id,
    normalize_label,
)

__all__ = [
    "FORMAT_PRE_2019",
    "FORMAT_UNKNOWN",
    "KIND_REPORT",
    "KIND_INTERPRETATION",
    "ParseIssue",
    "LabelIssue",
    "ParsedReport",
    "Value",
    "normalize_text",
    "parse_value",
    "parse_reports",
    "parse_html",
    "html_to_text",
    "looks_like_html",
    "organ_kind",
]

FORMAT_PRE_2019 = "pre_2019"
FORMAT_UNKNOWN = "unknown"
KIND_REPORT = "report"
KIND_INTERPRETATION = "interpretation"

# ---------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------

_HALFWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_HALFWIDTH.update(
    {
        0x3000: 0x20,  # ideographic space
        0x00A0: 0x20,
        0x2002: 0x20,
        0x2003: 0x20,
        0x2009: 0x20,
        0x200B: None,  # zero-width space
        0x200C: None,
        0x200D: None,
        0xFEFF: None,
        0x2212: ord("-"),  # minus sign
        0xFE63: ord("-"),
    }
)

_t2s_converter: Any = None


def _t2s(text: str) -> str:
    """Traditional → simplified with OpenCC (identity if OpenCC is not installed)."""
    global _t2s_converter
    if _t2s_converter is None:
        try:
            import opencc

            _t2s_converter = opencc.OpenCC("t2s")
        except Exception:  # pragma: no cover - OpenCC is a project dependency
            _t2s_converter = False
    if not _t2s_converter or text.isascii():
        return text
    return _t2s_converter.convert(text)


# Mirror sites insert the reading of some characters after them: "數(shù)據(jù)", "鎮(zhèn)". A reading is
# lower-case pinyin with at least one tone mark, in brackets, right after a Chinese character.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN = re.compile(rf"(?<=[\u4e00-\u9fff])\((?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,6}}\)")


def normalize_text(text: str) -> str:
    """Simplified characters, half-width ASCII, ``\\n`` line ends, pinyin readings inserted after
    characters dropped; nothing else changes."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    return _PINYIN.sub("", _t2s(text).translate(_HALFWIDTH))


# Inline markup left by copying from web pages or markdown converters.
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_HEADING = re.compile(r"^\s*#{1,6}\s+")
# Page footers and headers inside PDF text: "- 3 -", "第 3 页", "第3页 共5页", "共 5 页", "3/5".
_FOOTER = re.compile(
    r"^\s*(?:[-–—]\s*\d{1,3}\s*[-–—]|第\s*\d{1,3}\s*页(?:\s*[,/]?\s*共\s*\d{1,3}\s*页)?"
    r"|共\s*\d{1,3}\s*页(?:\s*[,/]?\s*第\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3}|page\s*\d{1,3}(?:\s*of\s*\d{1,3})?)\s*$",
    re.IGNORECASE,
)
# Each run of spaces has one place to go (no "\s*\|?\s*"), so a long line of spaces costs linear time.
_MD_RULE = re.compile(r"^\s*(?:\|\s*)?:?[-=]{3,}:?\s*(?:\|\s*:?[-=]{3,}:?\s*)*(?:\|\s*)?$")


def _clean_line(line: str) -> str:
    s = _TAG.sub("", line)
    s = _HEADING.sub("", s)
    s = s.replace("**", "").replace("__", "")
    if _FOOTER.match(s) or _MD_RULE.match(s):
        return ""
    return s.rstrip(" ")  # trailing tabs are (blank) cells


def _compact(s: str) -> str:
    return "".join(s.split())


# ---------------------------------------------------------------------------
# Values
# ---------------------------------------------------------------------------

_VALUE = re.compile(
    r"^(?P<approx>约|近|共计|共|合计|计)?(?P<sign>[+\-]|增加|增|减少|减)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<unit>万元|元|件|个|项|条|次|人次|家|%)?$"
)
_BLANK = re.compile(r"^(?:[/\\\-–—_·.…]+|无|空|不适用|n/?a|null|none)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Value:
    """A number read from a cell: ``number`` as printed, ``unit`` (万元, 元, 件 …), ``signed`` when the
    cell carried a sign (``+1``, ``-14``, ``减4``), ``approx`` for 约/近, and the raw ``text``."""

    number: Decimal
    unit: str = ""
    signed: bool = False
    approx: bool = False
    text: str = ""

    def as_count(self) -> int | Decimal:
        return int(self.number) if self.number == self.number.to_integral_value() else self.number

    def as_amount(self) -> Decimal:
        """In 万元: ``251000元`` → 25.1; ``563.75万元`` and bare numbers as printed."""
        n = self.number / Decimal(10000) if self.unit == "元" else self.number
        return n.normalize() if n == n.to_integral_value() else n

    def for_kind(self, kind: str) -> int | Decimal:
        if kind == KIND_AMOUNT:
            amount = self.as_amount()
            return int(amount) if amount == amount.to_integral_value() else amount
        return self.as_count()


def parse_value(text: str) -> Value | None:
    """The number in a cell, or None when the cell holds no number (blank, ``/``, a label …).

    ``parse_value('约679.7万元').number == Decimal('679.7')``; ``parse_value('减4').number == -4``.
    """
    return _value_of(normalize_text(text))


# A "?" left where a page had a character the copy could not encode (a non-breaking space): "? 0".
_NOISE = re.compile(r"^[?？]+(?=[\d约近共合计增减+\-])")
# A change printed in words in the trial table's 本年增/减 column.
_NO_CHANGE = re.compile(r"^(?:未增未减|无增减|无增无减|不增不减|持平|无变化)$")


@lru_cache(maxsize=4096)
def _value_of(text: str) -> Value | None:
    """parse_value for text already normalised (the parser's own cells)."""
    s = _NOISE.sub("", _compact(text))
    if _NO_CHANGE.match(s):
        return Value(Decimal(0), "", False, False, text.strip())
    m = _VALUE.match(s)
    if not m:
        return None
    try:
        number = Decimal(m["num"].replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex only lets digits through
        return None
    sign = m["sign"] or ""
    if sign in ("-", "减", "减少"):
        number = -number
    return Value(number, m["unit"] or "", bool(sign), bool(m["approx"]), text.strip())


def _is_blank(text: str) -> bool:
    return bool(_BLANK.match(_compact(text)))


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------


@dataclass
class ParseIssue:
    """Something the parser could not read as printed: ``rule`` is ``incomplete_table`` or
    ``label_mismatch``; ``message`` is plain Chinese; ``cells`` the cell ids involved."""

    rule: str
    table: str
    message: str
    cells: list[str] = field(default_factory=list)


@dataclass
class LabelIssue:
    """A row or column label that is not the standard one (``how``: variant, fuzzy, missing, unknown)."""

    table: str
    code: str | None
    found: str
    expected: str
    how: str


@dataclass
class ParsedReport:
    """One report found in the input.

    ``tables`` has the shape of :func:`report_format.empty_tables` (None for every cell not found;
    None altogether for pre-2019 and unknown formats). ``located`` is the set of cell ids found in the
    text (with a value or as an explicit blank). ``completeness`` per table: ``present``, ``cells``
    (located), ``expected``. ``aggregates`` holds rows printed in a non-standard shape (a 2021-format
    table printing （六）其他处理 as one row: ``{"applications.other_processing": {col: value}}``).
    ``narrative`` is the text outside the tables (for text_vs_table).
    """

    source: str = ""
    index: int = 0
    title: str | None = None
    agency: str | None = None
    year: int | None = None
    format: str = FORMAT_UNKNOWN
    kind: str = KIND_REPORT
    labels_format: str | None = None
    published_on: date | None = None
    tables: dict[str, dict[str, dict[str, Any]]] | None = None
    located: set[str] = field(default_factory=set)
    regions: dict[str, bool] = field(default_factory=dict)
    completeness: dict[str, dict[str, Any]] = field(default_factory=dict)
    label_issues: list[LabelIssue] = field(default_factory=list)
    issues: list[ParseIssue] = field(default_factory=list)
    aggregates: dict[str, dict[str, Any]] = field(default_factory=dict)
    narrative: str = ""
    first_line: int = 0
    last_line: int = 0

    @property
    def parsed(self) -> bool:
        """Whether tables were parsed (2021 or trial format)."""
        return self.format in rf.FORMATS


# ---------------------------------------------------------------------------
# Lines and cells
# ---------------------------------------------------------------------------

LABEL = "label"
NUMBER = "value"
EMPTY = "blank"


@dataclass(frozen=True)
class Cell:
    kind: str
    text: str
    value: Value | None = None
    tokens: tuple[str, ...] = ()


@lru_cache(maxsize=8192)
def _cell(text: str) -> Cell:
    t = text.strip()
    if _is_blank(t):
        return Cell(EMPTY, t)
    v = _value_of(t)
    if v is not None:
        return Cell(NUMBER, t, v)
    return Cell(LABEL, t, tokens=(t,))


# "行政许可550" (PDF glued a label and its number): split the trailing number off.
_GLUED = re.compile(r"^(?P<label>.*[\u4e00-\u9fff)\]》”])(?P<num>[+\-]?\d[\d,]*(?:\.\d+)?(?:万元|元)?)$")


def _space_cells(line: str) -> list[Cell]:
    """A line of PDF text: space-separated tokens; adjacent label tokens form one label cell."""
    cells: list[Cell] = []
    for token in line.split():
        if _ZEROS.match(token):
            cells.extend(_cell("0") for _ in token)
            continue
        m = _GLUED.match(token)
        parts = [m["label"], m["num"]] if m and not re.match(r"^\d", token) else [token]
        if m and len(parts) == 2 and re.fullmatch(r"0{2,}", parts[1]):
            # "规章000": a row of zeros glued together; no number is written with a leading zero,
            # so the only reading is one 0 per cell.
            parts = [parts[0], *("0" * len(parts[1]))]
        for part in parts:
            c = _cell(part)  # a lone "-" or "/" in PDF text is a blank cell
            if c.kind == LABEL and cells and cells[-1].kind == LABEL:
                prev = cells[-1]
                cells[-1] = Cell(LABEL, prev.text + " " + c.text, tokens=(*prev.tokens, c.text))
            else:
                cells.append(c)
    return cells


def _separated_cells(line: str, markdown: bool = False) -> list[Cell] | None:
    """Cells of a pipe- or tab-separated line, or None for a line without separators.

    ``markdown``: the table writes ``| a | b |`` (the outer pipes delimit no cell).
    """
    if "|" in line:
        parts = line.split("|")
        stripped = line.strip()
        if markdown and stripped.startswith("|") and stripped.endswith("|") and len(parts) > 2:
            parts = parts[1:-1]
    elif "\t" in line:
        parts = line.split("\t")
    else:
        return None
    return [_cell(p) for p in parts]


# ---------------------------------------------------------------------------
# Label matching against the schema (with fragments of labels split across lines)
# ---------------------------------------------------------------------------

MATCH_PREFIX = "prefix"
MATCH_SUFFIX = "suffix"
_FRAGMENT_MIN = 4
_ENUMERATOR_STOP = re.compile(r"^(\d+)\s*。")
_ROW_ENUMERATOR = re.compile(r"^\s*(?:\d+\s*[.、,)]|\(\s*[一二三四五六七八九十]+\s*\)|[一二三四五六七八九十]+\s*[、.,])")


@dataclass(frozen=True)
class _Match:
    code: str
    how: str
    is_group: bool
    label: str
    text: str = ""


class _Matcher:
    """Row labels of one table in one format, tolerant of split and truncated labels."""

    def __init__(self, table: str, fmt: str) -> None:
        self.table = table
        self.fmt = fmt
        schema = rf.schema_for(fmt).table(table)
        self.schema = schema
        self.keys = {r.code: normalize_label(r.label) for r in schema.rows}
        for g in schema.groups:
            self.keys.setdefault(g.code, normalize_label(g.label))
        for s in schema.subtables:
            self.keys.setdefault(s.code, normalize_label(s.caption))
        self.groups = {g.code for g in schema.groups} | {s.code for s in schema.subtables}
        self._cache: dict[str, _Match | None] = {}
        self.aggregate_group = (
            "other_processing" if table == TABLE_APPLICATIONS and "other_processing" in self.groups else None
        )
        self.column_keys = {normalize_label(c.label) for c in schema.columns}
        for c in schema.columns:
            self.column_keys.update(normalize_label(v) for v in c.label_variants)

    def _is_column_header(self, text: str) -> bool:
        key = normalize_label(text)
        return key in self.column_keys and not _ROW_ENUMERATOR.match(text)

    def match(self, text: str) -> _Match | None:
        key = text.strip()
        if key not in self._cache:
            self._cache[key] = self._match(key)
        return self._cache[key]

    def _match(self, text: str) -> _Match | None:
        text = _ENUMERATOR_STOP.sub(r"\1.", text)  # "1。属于国家秘密" (a full stop for the dot)
        if not text or self._is_column_header(text):
            return None
        m = self.schema.match_row(text, groups=True)
        if m is not None:
            return _Match(m.code, m.how, m.is_group, m.label, text)
        key = normalize_label(text)
        if self.table == TABLE_PROACTIVE:
            caption = _caption_code(text)
            if caption:
                return _Match(caption, rf.MATCH_NORMALIZED, True, caption, text)
        if len(key) < _FRAGMENT_MIN:
            return None
        for how, test in ((MATCH_PREFIX, str.startswith), (MATCH_SUFFIX, str.endswith)):
            hits = {code for code, full in self.keys.items() if full != key and test(full, key)}
            if len(hits) == 1:
                code = hits.pop()
                return _Match(code, how, code in self.groups, code, text)
        return None

    def match_cell(self, cell: Cell) -> tuple[_Match | None, list[_Match]]:
        """(data-row match, group matches) for a label cell (its tokens tried one by one)."""
        candidates = [cell.text]
        if len(cell.tokens) > 1:
            candidates.append("".join(cell.tokens))
            candidates.extend(reversed(cell.tokens))
            # Drop leading vertical-label characters: "度 4.保护第三方合法权益".
            for i in range(1, len(cell.tokens)):
                candidates.append("".join(cell.tokens[i:]))
        rows: dict[str, _Match] = {}
        groups: dict[str, _Match] = {}
        for text in candidates:
            m = self.match(text)
            if m is None:
                continue
            target = groups if m.is_group else rows
            target.setdefault(m.code, m)
            if not m.is_group and text in (cell.text, "".join(cell.tokens)):
                break  # the whole label matched: no need to look at its pieces
        if len(rows) == 1:
            return next(iter(rows.values())), list(groups.values())
        if len(rows) > 1:
            # Prefer a whole match over fragments, else give up (never guess a row).
            exact = [m for m in rows.values() if m.how not in (MATCH_PREFIX, MATCH_SUFFIX)]
            if len(exact) == 1:
                return exact[0], list(groups.values())
        return None, list(groups.values())


@cache
def _matcher(table: str, fmt: str) -> _Matcher:
    return _Matcher(table, fmt)


# "第二十一条第(一)项" is a misprint seen in real reports (article 21 has no items).
_CAPTION = re.compile(r"第二十一?条第?\(?([一二三四五六七八九十])\)?项")
_CAPTIONS = {"一": "art20_1", "五": "art20_5", "六": "art20_6", "八": "art20_8", "九": "art20_9"}


def _caption_code(text: str) -> str | None:
    m = _CAPTION.search(_compact(text))
    return _CAPTIONS.get(m.group(1)) if m else None


# ---------------------------------------------------------------------------
# Runs and label events of a table region
# ---------------------------------------------------------------------------


@dataclass
class _Run:
    cells: list[Cell]
    line: int
    strong: _Match | None = None
    groups: list[_Match] = field(default_factory=list)
    labels: list[Cell] = field(default_factory=list)
    at_eof: bool = False
    last: int = -1  # the line of its last cell (one cell per line: runs span lines)
    before: list[_Match] = field(default_factory=list)
    after: list[_Match] = field(default_factory=list)
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
class _LabelEvent:
    match: _Match
    cell: Cell
    line: int


def _region_mode(lines: Sequence[str]) -> str:
    """``cell`` (one cell per line, blank lines are blank cells) or ``space`` (PDF-like lines).

    One cell per line: no line holds two numbers, some line holds a lone number or blank marker, and
    few lines are pipe- or tab-separated.
    """
    single = multi = separated = filled = 0
    for line in lines:
        if not line.strip():
            continue
        filled += 1
        if "|" in line or "\t" in line:
            separated += 1
            continue
        tokens = line.split()
        numbers = sum(1 for t in tokens if _value_of(t) is not None)
        if numbers >= 2:
            multi += 1
        elif len(tokens) == 1 and (numbers == 1 or _is_blank(tokens[0])):
            single += 1
    return "cell" if single >= 1 and multi == 0 and separated * 5 < filled else "space"


def _is_markdown(lines: Sequence[str]) -> bool:
    piped = [line.strip() for line in lines if "|" in line]
    framed = sum(1 for line in piped if line.startswith("|") and line.endswith("|"))
    return bool(piped) and framed * 5 >= len(piped) * 4


def _split_merged_rows(stream: list[_LabelEvent | _Run], width: int) -> list[_LabelEvent | _Run]:
    """One cell per line without row labels runs the rows together: a run of k × width cells is k
    rows (placed only where their labelled neighbours leave no choice)."""
    out: list[_LabelEvent | _Run] = []
    for e in stream:
        if isinstance(e, _Run) and len(e.cells) > width and len(e.cells) % width == 0:
            out.extend(_Run(e.cells[k : k + width], e.line) for k in range(0, len(e.cells), width))
        else:
            out.append(e)
    return out


def _events(
    lines: Sequence[tuple[int, str]], matcher: _Matcher, eof_line: int, width: int | None = None
) -> list[_Run]:
    """The runs (rows of numbers) of a table region, each with the row labels on its line (strong
    evidence) and the label events around it up to the neighbouring runs (before, after)."""
    mode = _region_mode([text for _, text in lines])
    markdown = _is_markdown([text for _, text in lines])
    stream: list[_LabelEvent | _Run] = []

    def add_labels(cells: Iterable[Cell], line_no: int) -> None:
        for c in cells:
            m, groups = matcher.match_cell(c)
            if m is not None:
                stream.append(_LabelEvent(m, c, line_no))
            for g in groups:
                stream.append(_LabelEvent(g, c, line_no))

    if mode == "cell":
        pending: list[Cell] = []
        start = end = 0
        for line_no, text in lines:
            if "|" in text or "\t" in text:
                c_list = _separated_cells(text, markdown) or []
            else:
                c_list = [_cell(text)] if text.strip() else [Cell(EMPTY, "")]
            for c in c_list:
                if c.kind == LABEL:
                    if pending:
                        stream.append(_Run(pending, start, last=end))
                        pending = []
                    add_labels([c], line_no)
                else:
                    if not pending:
                        start = line_no
                    pending.append(c)
                    end = line_no
        if pending:
            stream.append(_Run(pending, start, last=end))
        if width:
            stream = _split_merged_rows(stream, width)
            # A row printed with every cell blank: exactly one empty line per cell, between its
            # label and the next one.
            for k in range(1, len(stream) - 1):
                e, before, after = stream[k], stream[k - 1], stream[k + 1]
                if (
                    isinstance(e, _Run)
                    and len(e.cells) == width
                    and all(c.kind == EMPTY and not c.text for c in e.cells)
                    and isinstance(before, _LabelEvent)
                    and not before.match.is_group
                    and isinstance(after, _LabelEvent)
                ):
                    e.blank_row = True
    else:
        # Label pieces that matched nothing on their own line: a label wrapped in a narrow PDF
        # column ("1.属于国" / "家秘密"). Joined with the next pieces, they may name a row.
        frags: list[str] = []
        # The last label-only line that named a row, and the text it has grown to: the pieces that
        # follow it and continue its label (a short form such as "（二）部分公开" wrapped onto
        # "（区分处理的，…）") complete it instead of being reported as a non-standard label.
        grown: list[Any] = []  # [_LabelEvent, text] or empty

        def continues(text: str) -> bool:
            if not grown:
                return False
            event, so_far = grown
            full = matcher.keys.get(event.match.code, "")
            key = normalize_label(so_far + text)
            if not full or not full.startswith(key) or len(key) <= len(normalize_label(so_far)):
                return False
            grown[1] = so_far + text
            if key == full and event.match.how in (rf.MATCH_VARIANT, rf.MATCH_FUZZY):
                event.match = _Match(event.match.code, rf.MATCH_NORMALIZED, event.match.is_group,
                                     event.match.label, grown[1])
            return True

        def joined_match(text: str) -> tuple[_Match | None, list[_Match], str]:
            for k in reversed(range(len(frags))):
                whole = "".join(frags[k:]) + text
                m, g = matcher.match_cell(Cell(LABEL, whole, tokens=(whole,)))
                if m is not None or g:
                    return m, g, whole
            return None, [], text

        for line_no, text in lines:
            if not text.strip():
                continue
            cells = _separated_cells(text, markdown)
            if cells is None:
                cells = _space_cells(text)
            # Segments: labels followed by the values after them.
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
            for labels, values in segments:
                run = _Run(values, line_no, labels=labels)
                strong: list[_Match] = []
                groups: list[_Match] = []
                for c in labels:
                    m, g = matcher.match_cell(c)
                    if m is not None:
                        strong.append(m)
                    groups.extend(g)
                label_text = "".join(c.text for c in labels)
                same = grown and all(m.code == grown[0].match.code for m in strong) and not groups
                if labels and not values and same and continues(label_text):
                    continue
                if labels and not strong and not groups and frags:
                    m, g, label_text = joined_match(label_text)
                    if m is not None:
                        strong.append(m)
                    groups.extend(g)
                    if m is not None or g:
                        frags.clear()
                if labels and not values and not strong and not groups:
                    frags.append(label_text)
                    del frags[:-4]
                elif values or strong:
                    frags.clear()
                if values:
                    grown.clear()
                distinct = {m.code for m in strong}
                if len(distinct) == 1:
                    run.strong = strong[-1]
                elif not distinct and matcher.aggregate_group:
                    # 2021 table printing （六）其他处理 as one row: the group label carries the numbers.
                    run.strong = next((g for g in groups if g.code == matcher.aggregate_group), None)
                run.groups = groups
                if values and run.assignable:
                    stream.append(run)
                else:
                    for m in strong:
                        stream.append(_LabelEvent(m, labels[0], line_no))
                    for g in groups:
                        stream.append(_LabelEvent(g, labels[0], line_no))
                    if len(strong) == 1 and not values:
                        grown[:] = [stream[-1 - len(groups)], label_text]
    # Runs of blank cells only (a blank row in one-cell-per-line text) are not placed, but they
    # still separate the label events around them.
    runs = [e for e in stream if isinstance(e, _Run) and e.assignable]
    keep = {id(e) for e in runs}
    # Adjacent label events (no run in between).
    for i, e in enumerate(stream):
        if id(e) not in keep:
            continue
        j = i - 1
        while j >= 0 and isinstance(stream[j], _LabelEvent):
            e.before.append(stream[j].match)
            j -= 1
        j = i + 1
        while j < len(stream) and isinstance(stream[j], _LabelEvent):
            e.after.append(stream[j].match)
            j += 1
    if runs and max(runs[-1].line, runs[-1].last) >= eof_line:
        runs[-1].at_eof = True
    return runs


# ---------------------------------------------------------------------------
# Alignment of runs to schema rows
# ---------------------------------------------------------------------------

_PSEUDO_OTHER = "other_processing"  # a 2021-format table printing （六）其他处理 as one row
_STRONG = 10.0
_ADJACENT = 4.0
_ADJACENT_BEFORE = 0.5
_ADJACENT_FAR = 1.0
_GROUP = 1.0
_BASE = 1.0


@dataclass
class _Row:
    code: str
    group: str | None
    pseudo: bool = False


def _rows_for(schema: rf.TableSchema) -> list[_Row]:
    rows: list[_Row] = []
    for r in schema.rows:
        if schema.code == TABLE_APPLICATIONS and r.code == "other_no_correction":
            rows.append(_Row(_PSEUDO_OTHER, "other_processing", pseudo=True))
        rows.append(_Row(r.code, r.group or r.subtable))
    return rows


def _score(run: _Run, row: _Row) -> float | None:
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


def _evidenced(run: _Run, row: _Row) -> bool:
    if run.strong is not None:
        return True
    return any(m.code == row.code for m in (*run.before, *run.after))


def _align(runs: list[_Run], rows: list[_Row]) -> dict[int, int]:
    """Run index → row index: monotonic, maximal evidence; unevidenced runs only when forced."""
    m, n = len(runs), len(rows)
    neg = float("-inf")
    scores = [[_score(run, row) for row in rows] for run in runs]
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
    # A run between the labels of two rows (label first, or values first?) keeps its row when the
    # other row is taken or out of order, or when its reading is the document's: one cell per line
    # and most web copies read label first, PDF text often prints the numbers before a label; the
    # runs with a label on one side only tell which. Otherwise it is dropped rather than guessed.
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
    # Runs without evidence: keep them only where the labelled neighbours leave no choice.
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
class _Placement:
    cells: list[Cell | None]  # per column: the cell (value or blank) or None when not located
    unplaced: list[Cell] = field(default_factory=list)
    note: str | None = None


def _place(run: _Run, width: int, compacted: bool, short_total: bool) -> _Placement:
    cells = list(run.cells)
    if run.at_eof:
        while cells and cells[-1].kind == EMPTY and not cells[-1].text:
            cells.pop()  # the text stops here: empty cells after the last value say nothing
    if not compacted:
        if len(cells) == width:
            return _Placement(list(cells))
        if len(cells) > width:
            window = _window(cells, width)
            if window is None:
                return _Placement([None] * width, run.values, "数值个数多于列数，无法确定所在列")
            return _Placement(list(window))
    values = run.values
    if len(values) == width:
        return _Placement(list(values))
    if len(values) > width:
        window = _window(list(values), width)
        if window is not None:
            return _Placement(list(window))
        return _Placement([None] * width, values, "数值个数多于列数，无法确定所在列")
    if run.at_eof:
        # Text cut off: the values read so far fill the row from the left.
        src = values if compacted else cells
        return _Placement([*src, *([None] * (width - len(src)))][:width], [], "文本在此处中断")
    if not values:
        return _Placement([None] * width)
    if short_total:
        # Blank cells dropped from the text: a lone number is the 总计; with more, the first is
        # 自然人 and the last 总计. The other cells are blank, unless numbers are left over: then
        # nobody knows which of them holds which.
        unplaced: list[Cell] = values[1:-1]
        placed: list[Cell | None] = [None if unplaced else Cell(EMPTY, "")] * width
        placed[-1] = values[-1]
        if len(values) >= 2:
            placed[0] = values[0]
        return _Placement(placed, unplaced, "空白单元格在文本中被省略")
    return _Placement([None] * width, values, "数值个数少于列数，无法确定所在列")


def _is_compacted(runs: Iterable[_Run], widths: Iterable[int]) -> bool:
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


# ---------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------


@dataclass
class _TableResult:
    values: dict[str, dict[str, Any]]
    located: set[str]
    issues: list[ParseIssue]
    label_issues: list[LabelIssue]
    aggregates: dict[str, dict[str, Any]]


def _row_text(schema: rf.TableSchema, code: str) -> str:
    if code == _PSEUDO_OTHER:
        return "（六）其他处理"
    return schema.row(code).full_label


def _label_issues_for(runs: list[_Run], assign: dict[int, int], rows: list[_Row], table: str) -> list[LabelIssue]:
    out: list[LabelIssue] = []
    for i, r in assign.items():
        run = runs[i]
        matches = [m for m in (run.strong, *run.before, *run.after) if m is not None and m.code == rows[r].code]
        for m in matches:
            if m.how in (rf.MATCH_VARIANT, rf.MATCH_FUZZY):
                out.append(LabelIssue(table, rows[r].code, m.text, m.label, m.how))
                break
        if not matches:
            out.append(LabelIssue(table, rows[r].code, "", "", "missing"))
    return out


def _parse_rows_table(
    schema: rf.TableSchema, lines: Sequence[tuple[int, str]], eof_line: int
) -> _TableResult:
    """Tables 二 and 三: rows with labels."""
    matcher = _matcher(schema.code, schema.format_version)
    widths = {len(r.columns) for r in schema.rows}
    runs = _events(lines, matcher, eof_line, widths.pop() if len(widths) == 1 else None)
    rows = _rows_for(schema)
    assign = _align(runs, rows)
    values = schema.empty()
    located: set[str] = set()
    issues: list[ParseIssue] = []
    aggregates: dict[str, dict[str, Any]] = {}
    is_apps = schema.code == TABLE_APPLICATIONS

    assigned = sorted(assign.items())
    widths = [len(_columns_of(schema, rows[r])) for _, r in assigned]
    compacted = _is_compacted([runs[i] for i, _ in assigned], widths)
    short_rows: list[str] = []
    for i, r in assigned:
        row = rows[r]
        columns = _columns_of(schema, row)
        placement = _place(runs[i], len(columns), compacted, short_total=is_apps)
        target: dict[str, Any]
        if row.pseudo:
            target = aggregates.setdefault(f"{schema.code}.{row.code}", {})
        else:
            target = values[row.code]
        for col_code, c in zip(columns, placement.cells, strict=True):
            if c is None:
                continue
            cid = cell_id(schema.code, row.code, col_code)
            if not row.pseudo:
                located.add(cid)
            if c.kind == NUMBER and c.value is not None:
                target[col_code] = c.value.for_kind(schema.column(col_code).kind)
            else:
                target[col_code] = None
        if placement.note:
            label = _row_text(schema, row.code)
            missing = [cell_id(schema.code, row.code, c) for c, p in zip(columns, placement.cells, strict=True)
                       if p is None]
            extra = ""
            if placement.unplaced:
                shown = "、".join(c.text for c in placement.unplaced)
                extra = f"；另有 {len(placement.unplaced)} 个数值（{shown}）无法确定所在列"
            if placement.note == "空白单元格在文本中被省略":
                short_rows.append(f"“{label}”{extra}")
            else:
                issues.append(
                    ParseIssue("incomplete_table", schema.code, f"“{label}”：{placement.note}{extra}", missing)
                )
    if short_rows:
        issues.append(
            ParseIssue(
                "incomplete_table",
                schema.code,
                f"{_table_name(schema.code)}的空白单元格在文本中被省略，无法逐列定位："
                f"按“只有一个数值即为总计；多个数值时首个为自然人、末个为总计”读取，请对照原文核对（"
                + "；".join(short_rows)
                + "）",
                [],
            )
        )
    unplaced_runs = [runs[i] for i in range(len(runs)) if i not in assign and not runs[i].all_blank]
    if unplaced_runs:
        shown = "；".join(" ".join(c.text for c in run.values) for run in unplaced_runs[:5])
        issues.append(
            ParseIssue(
                "incomplete_table",
                schema.code,
                f"{_table_name(schema.code)}有 {len(unplaced_runs)} 行数值无法确定对应的行（{shown}），未计入",
                [],
            )
        )
    label_issues = _label_issues_for(runs, assign, rows, schema.code)
    if aggregates and is_apps:
        issues.append(
            ParseIssue(
                "label_mismatch",
                schema.code,
                "“（六）其他处理”按试行格式印成一行，缺少 2021 年格式规定的三个小项"
                "（1.申请人无正当理由逾期不补正…、2.申请人逾期未按收费通知要求缴纳费用…、3.其他）",
                [cell_id(schema.code, c, TOTAL) for c in ("other_no_correction", "other_no_fee", "other_other")],
            )
        )
    return _TableResult(values, located, issues, label_issues, aggregates)


def _columns_of(schema: rf.TableSchema, row: _Row) -> tuple[str, ...]:
    if row.pseudo:
        return schema.column_codes
    return schema.row(row.code).columns


def _parse_review_table(
    schema: rf.TableSchema, lines: Sequence[tuple[int, str]], eof_line: int
) -> _TableResult:
    """Table 四: one data row of 15 numbers (or three labelled rows of 5)."""
    matcher = _matcher(schema.code, schema.format_version)
    runs = _events(lines, matcher, eof_line)
    values = schema.empty()
    located: set[str] = set()
    issues: list[ParseIssue] = []
    width = len(schema.columns)
    loose: list[_Run] = []
    for run in runs:
        if run.strong is not None and not run.strong.is_group and run.strong.code in values and not run.all_blank:
            placement = _place(run, width, False, short_total=False)
            _store(schema, run.strong.code, placement.cells, values, located)
        elif not run.all_blank:
            loose.append(run)
    if loose:
        merged = _Run([c for run in loose for c in run.cells], loose[0].line, at_eof=loose[-1].at_eof)
        total = width * len(schema.rows)
        compacted = _is_compacted([merged], [total])
        placement = _place(merged, total, compacted, short_total=False)
        for k, row in enumerate(schema.rows):
            if all(cell_id(schema.code, row.code, c) in located for c in row.columns):
                continue
            _store(schema, row.code, placement.cells[k * width : (k + 1) * width], values, located)
        if placement.note:
            shown = "、".join(c.text for c in placement.unplaced)
            extra = f"（{shown}）" if shown else ""
            issues.append(
                ParseIssue(
                    "incomplete_table",
                    schema.code,
                    f"{_table_name(schema.code)}：{placement.note}{extra}",
                    [cell_id(schema.code, r.code, c) for r in schema.rows for c in r.columns
                     if cell_id(schema.code, r.code, c) not in located],
                )
            )
    return _TableResult(values, located, issues, [], {})


def _store(schema: rf.TableSchema, row: str, cells: Sequence[Cell | None], values: dict, located: set) -> None:
    for col, c in zip(schema.row(row).columns, cells, strict=False):
        if c is None:
            continue
        located.add(cell_id(schema.code, row, col))
        values[row][col] = c.value.for_kind(schema.column(col).kind) if c.kind == NUMBER and c.value else None


_TABLE_NAMES = {
    TABLE_PROACTIVE: "表二（主动公开政府信息情况）",
    TABLE_APPLICATIONS: "表三（收到和处理政府信息公开申请情况）",
    TABLE_REVIEW_LITIGATION: "表四（行政复议、行政诉讼情况）",
}


def _table_name(table: str) -> str:
    return _TABLE_NAMES[table]


def _header_label_issues(
    schema: rf.TableSchema, lines: Sequence[tuple[int, str]]
) -> list[LabelIssue]:
    """Column headers that are not the standard ones.

    Table 二: each sub-table's header line ``信息内容 | …`` is compared column by column. Tables 三 and
    四: a header cell matching a column only as a known variant (``社会组织``) is reported.
    """
    out: list[LabelIssue] = []
    seen: set[tuple[str, str]] = set()
    if schema.code == TABLE_PROACTIVE:
        subtable = None
        for _, text in lines:
            code = _caption_code(text)
            if code:
                subtable = code
                continue
            cells = _separated_cells(text)
            if cells is None:
                continue
            labels = [c.text for c in cells if c.kind == LABEL]
            if not labels or normalize_label(labels[0]) != normalize_label(rf.INFO_CONTENT_LABEL) or not subtable:
                continue
            try:
                columns = schema.subtable(subtable).columns
            except KeyError:
                continue
            for text_found, col in zip(labels[1:], columns, strict=False):
                expected = schema.column(col).label
                m = schema.match_column(text_found)
                if m is not None and m.code == col and m.how in (rf.MATCH_EXACT, rf.MATCH_NORMALIZED):
                    continue
                key = (subtable, col)
                if key in seen:
                    continue
                seen.add(key)
                out.append(LabelIssue(schema.code, col, text_found, expected, m.how if m else "unknown"))
        return out
    for _, text in lines:
        cells = _separated_cells(text)
        if cells is None:
            cells = [Cell(LABEL, t) for t in text.split()] if "\t" not in text else []
        for c in cells:
            if c.kind != LABEL:
                continue
            m = schema.match_column(c.text)
            if m is not None and m.how == rf.MATCH_VARIANT and ("col", m.code) not in seen:
                seen.add(("col", m.code))
                out.append(LabelIssue(schema.code, m.code, c.text, m.label, m.how))
    return out


# ---------------------------------------------------------------------------
# Report structure: titles, sections, years, agencies, dates
# ---------------------------------------------------------------------------

_TITLE = re.compile(
    r"^(?P<agency>.{0,40}?)(?P<year>(?:19|20)\d{2})年度?(?:本?(?:机关|单位|部门))?(?P<agency2>[^0-9]{0,30}?)"
    r"(?:政[府务])?信息公开(?:工作)?(?:年度)?(?:工作)?(?:报告|年报)(?P<interp>解读|的解读|图解|政策解读)?$"
)
# A title without its year ("湘桥区教育局政府信息公开工作年度报告"): it opens a report only after a
# report that is already under way.
_YEARLESS_TITLE = re.compile(
    r"^(?P<agency>[\u4e00-\u9fff()]{2,30}?)政[府务]信息公开(?:工作)?(?:年度)?(?:工作)?(?:报告|年报)$"
)
# "一、总体情况", "一、工作基本情况", "一、2019年政府信息公开工作的总体情况", "一、概述".
_SECTION_ONE = re.compile(
    r"^一[、.,:]?(?:\d{4}年度?)?(?:的)?(?:政[府务](?:信息)?公开)?(?:工作)?(?:的)?(?:总体|基本|开展|整体)?"
    r"(?:情况|概述|概况)[。:]?$"
)
# The first sentence of a report: "根据《…条例》…编制", "本报告是根据…", "…现公布…年度报告", "现将…报告如下".
_OPENING = re.compile(
    r"^(?:本(?:年度)?报告(?:是)?)?(?:根据|依据|按照)[^。《]{0,30}《[^。]{0,160}?(?:编制|公布|报告如下|汇报如下|现将)"
)
_TABLE_TWO_CAPTION = "第二十条第(一)项"
_PAGE_META = re.compile(r"^\|?(?:索引号|发布(?:单位|机构|日期|时间)|发文(?:机关|机构|字号)|成文日期|文件编号|有效性|主题分类|"
                        r"公开(?:方式|范围|时限|形式|日期)|生成日期|信息来源|来源|所属机构|文号)[:|]")
_META_KEY = re.compile(r"^(?:标题|名称|题名|题目|文件名称|信息名称)[:|]+")
_YEAR_OPENING = re.compile(r"^\d{4}年度?[,，]")  # "2024年,我局坚持…": the first words of an overview
_SENTENCE = re.compile(r"[。，,；;]|\d件")  # searched only: "\d件" finds what "\d+件" finds, in linear time
_TABLE_THREE_SIGNS = ("本年新收政府信息公开申请数量", "勾稽关系", "上年结转政府信息公开申请数量")
_S2 = re.compile(r"^二[、.,]?(?:行政机关)?主动公开政府信息(?:的)?(?:工作)?情况")
_S3 = re.compile(r"^三[、.,]?(?:行政机关)?收到和处理政府信息公开申请(?:的)?(?:工作)?情况")
_S4 = re.compile(r"^四[、.,]?.{0,20}(?:行政复议|行政诉讼).{0,12}情况$")
_S_NEXT = re.compile(r"^[五六七八][、.,]\S{2,40}$")
_INTRO = re.compile(r"条例|本报告|年度报告|统计期限|统计时间|编制|现将|报告如下|汇报如下|字号|大中小")
_ORGAN = re.compile(
    r"^[\u4e00-\u9fff()]{2,30}?(?:人民政府(?:办公室|办公厅)?|人民政府办|管理委员会|委员会|办公室|办公厅|"
    r"管理办|管委会|办事处|服务局|局|厅|委|中心|署|院|所|站|队|处|镇|乡|街道|开发区|苏木)$"
)
_DATE_LINE = re.compile(r"^(\d{4})(?:年|\.|-|/)(\d{1,2})(?:月|\.|-|/)(\d{1,2})日?$")
_PUBLISHED = re.compile(r"(?:发布|公开|成文|印发)(?:日期|时间)[:]?(\d{4})(?:年|-|/|\.)(\d{1,2})(?:月|-|/|\.)(\d{1,2})")
_OLD_STYLE = re.compile(
    r"政府信息公开(?:工作)?概述|主动公开政府信息以及公开平台建设情况|政府信息公开申请的办理情况|"
    r"主动公开政府信息数|主动公开信息数|统计指标|指标名称|政府信息公开收费及减免情况|"
    r"因政府信息公开(?:申请)?(?:被)?(?:举报)?申请行政复议、提起行政诉讼的情况"
)
_TRIAL_MARKERS = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "其他对外管理服务事项",
                  "采购项目数量", "采购总金额", "第二十条第(九)项")
_MODERN_MARKERS = ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "逾期不补正",
                   "逾期未按收费通知")
_TABLE_SIGNS = ("第二十条第", "本年新收政府信息公开申请数量", "勾稽关系", "上年结转政府信息公开申请数量")


@dataclass
class _Chunk:
    start: int
    end: int
    title: str | None = None
    title_agency: str | None = None
    title_year: int | None = None
    interpretation: bool = False
    has_one: bool = False
    has_stats: bool = False
    dated: bool = False
    has_tables: bool = False
    has_table_three: bool = False
    has_caption_one: bool = False


def _title_match(compact: str) -> re.Match[str] | None:
    if len(compact) > 70:
        return None
    return _TITLE.match(compact)


def _is_organ(text: str) -> bool:
    c = _compact(text)
    return bool(c) and len(c) <= 32 and bool(_ORGAN.match(c)) and not c.startswith(("我", "本", "各"))


def _walk_back(lines: Sequence[str], anchor: int, floor: int) -> int:
    k = anchor
    while k - 1 > floor and anchor - (k - 1) <= 16:
        c = _compact(lines[k - 1])
        if _PAGE_META.match(c):
            k -= 1  # "索引号: | …", "发布单位: | …": the page header of this report
            continue
        if anchor - (k - 1) > 6:
            break
        if c and ("|" in c or "\t" in lines[k - 1] or _value_of(c) is not None):
            break  # a cell of the report before
        if not c or len(c) <= 6 or _INTRO.search(c) or _YEAR_OPENING.match(c):
            k -= 1
            continue
        break
    while k < anchor and not lines[k].strip():
        k += 1
    return k


def _walk_back_prose(lines: Sequence[str], anchor: int, floor: int) -> int:
    """The first line of the prose above a table caption (up to the last line of the table before)."""
    k = anchor
    while k - 1 > floor and anchor - (k - 1) <= 40 and not _is_cell_line(lines[k - 1]):
        k -= 1
    while k < anchor and not lines[k].strip():
        k += 1
    return k


def _split(lines: Sequence[str]) -> list[_Chunk]:
    chunks: list[_Chunk] = []
    current: _Chunk | None = None

    def under_way() -> bool:
        """The current report has begun its body: a section one or a table."""
        return current is not None and (current.has_one or current.has_stats or current.has_tables)

    def open_at(start: int) -> _Chunk:
        chunk = _Chunk(start, len(lines))
        chunks.append(chunk)
        return chunk

    for i, line in enumerate(lines):
        c = _compact(line)
        if not c:
            continue
        # A title copied as a table row ("… 年度报告 | ||") or as page metadata ("标题: …").
        c = _META_KEY.sub("", c.strip("|")) if _META_KEY.match(c) else c
        title = _title_match(c.strip("|"))
        if title:
            agency = (title["agency"] or title["agency2"] or "").strip(" :,、")
            start = i
            if not agency and i > 0:
                j = i - 1
                while j > 0 and not lines[j].strip():
                    j -= 1
                if _is_organ(lines[j]) and (current is None or j > current.start):
                    agency, start = _compact(lines[j]), j
            same = current is not None and not under_way() and current.title_year == int(title["year"])
            if not same:
                current = open_at(start)
            current.title = current.title or c
            current.title_agency = current.title_agency or agency or None
            current.title_year = int(title["year"])
            current.interpretation = current.interpretation or bool(title["interp"])
            continue
        yearless = _YEARLESS_TITLE.match(c) if len(c) <= 50 else None
        if yearless and under_way() and _is_organ(yearless["agency"]):
            current = open_at(i)
            current.title = c
            current.title_agency = yearless["agency"]
            continue
        if _OPENING.match(c) and current is not None and current.has_tables:
            current = open_at(i)
            continue
        if _SECTION_ONE.match(c):
            if current is None or current.has_one or current.has_tables:
                floor = chunks[-1].start if chunks else -1
                current = open_at(_walk_back(lines, i, floor))
            current.has_one = True
            continue
        if _DATE_LINE.match(c) and current is not None:
            current.dated = True
            continue
        if ("统计指标" in c or "指标名称" in c) and "单位" in c:
            # A statistics table opens a new (pre-2019) report unless it is the appendix of the
            # report being read: one that is not yet signed and dated.
            if current is None or current.has_stats or (current.has_one and current.dated):
                floor = chunks[-1].start if chunks else -1
                current = open_at(_walk_back(lines, i, floor))
            current.has_stats = True
            continue
        if _TABLE_TWO_CAPTION in c and current is not None and (current.has_table_three or current.has_caption_one):
            # The tables start again: the next report, copied without a title or section one.
            current = open_at(_walk_back_prose(lines, i, current.start))
        # A label or a header, not a sentence ("全年新收政府信息公开申请数量0件,上年结转…").
        tabular = "|" in line or "\t" in line or "勾稽关系" in c or not _SENTENCE.search(c)
        if current is not None and tabular and any(sign in c for sign in _TABLE_SIGNS):
            current.has_tables = True
            current.has_table_three = current.has_table_three or any(s in c for s in _TABLE_THREE_SIGNS)
            current.has_caption_one = current.has_caption_one or _TABLE_TWO_CAPTION in c
    for a, b in zip(chunks, chunks[1:], strict=False):
        a.end = b.start
    return chunks


_YEAR_PATTERNS = (
    re.compile(r"统计(?:期限|时限|时间|区间|期间|时段)[^0-9]{0,8}(\d{4})年1月1日"),
    re.compile(r"(\d{4})年度?(?:本?(?:机关|单位|部门))?政府信息公开(?:工作)?(?:年度)?报告"),
    re.compile(r"年度?报告[(（](\d{4})年度?[)）]"),  # "…年度报告(2024年度)"
    re.compile(r"现将(\d{4})年"),
    re.compile(r"(?:^|[。\n])\s*(\d{4})年度?[,，]"),
    re.compile(r"(?:^|[。\n])\s*(\d{4})年度?(?:以来|我|全|本|中心|市|县|区|街道|镇|乡)"),
    # "汇报我镇2023年政府信息公开工作", "2020年七里坪镇严格按照《条例》": the overview names the year.
    re.compile(r"(\d{4})年度?(?:的)?政府信息公开工作"),
    re.compile(r"(?:^|[。\n])(\d{4})年[\u4e00-\u9fff]{2,12}?(?:严格|认真|坚持|深入|按照|围绕|全面|持续|紧紧)"),
    re.compile(r"[,，](\d{4})年度?[,，]我(?:局|委|办|镇|乡|县|区|市|街道|中心|单位|部门)"),
)


def _year_of(text: str, head: str) -> int | None:
    for source in (head, text):
        for pattern in _YEAR_PATTERNS:
            for m in pattern.finditer(source):
                year = int(m.group(1))
                if 1990 <= year <= 2100:
                    return year
    return None


_AGENCY_PATTERNS = (
    re.compile(r"结合(?:\d{4}年度?)?(?P<a>[\u4e00-\u9fff]{2,30}?)(?:政府信息公开|政务公开)工作实际"),
    re.compile(r"(?:^|[。\n])\d{4}年度?[,，](?P<a>[\u4e00-\u9fff]{2,30}?)(?:坚持|深入|认真|严格|始终|按照|围绕|全面|持续|紧紧)"),
    re.compile(r"本报告由(?P<a>[\u4e00-\u9fff]{2,30}?)(?:办公室|办公厅)?(?:根据|依据|按照)"),
    re.compile(r"汇总(?P<a>[\u4e00-\u9fff]{2,30}?)\d{4}年"),
)
# Tried line by line after the patterns above: sentences that open a line, a title without its
# year, the contact sentence at the end of 总体情况.
_AGENCY_LINE_PATTERNS = (
    re.compile(
        r"(?:^|[。:])\d{4}年度?[,，](?P<a>[\u4e00-\u9fff()]{2,40}?)"
        r"(?:坚持|深入|认真|严格|始终|按照|围绕|全面|持续|紧紧|政府信息公开工作)"
    ),
    re.compile(r"^(?P<a>[\u4e00-\u9fff()]{2,30}?)\d{4}年度?(?:为|以来|[,，])"),  # "临河区医疗保障局2023年为…"
    re.compile(r"^(?P<a>[\u4e00-\u9fff]{2,30}?)(?:\d{4}年度?)?政[府务]信息公开(?:工作)?(?:年度)?(?:报告|年报)$"),
    re.compile(r"现(?:予)?公布(?P<a>[\u4e00-\u9fff]{2,30}?)\d{4}年"),
    re.compile(r"请(?:与|联系)(?P<a>[\u4e00-\u9fff]{2,30}?)(?:党政办公室|综合办公室|办公室|办公厅)"),
    # "2019年,根据县政府的工作要求和部署,自然资源局认真贯彻落实…"
    re.compile(r"^\d{4}年度?[,，][^。]{0,30}?[,，](?P<a>[\u4e00-\u9fff()]{2,20}?)(?:认真|深入|严格|坚持)"),
)
_PLACE_END = "省市州盟县区旗"
_NAME_STOP = set("由在及和与为的了是将对向从于据按照根据、,，。:;()《》“”\"' \n")


def _refine_agency(agency: str, text: str) -> str:
    """洪泽区人民政府 → 淮安市洪泽区人民政府 when the report names the city in front of it."""
    if re.match(r"^[\u4e00-\u9fff]{1,6}(?:省|市)", agency):
        return agency
    for m in re.finditer(re.escape(agency), text):
        pos = m.start()
        if pos == 0 or text[pos - 1] not in _PLACE_END:
            continue
        for k in (3, 4):
            if pos - k < 0:
                continue
            prefix = text[pos - k : pos]
            before = text[pos - k - 1] if pos - k - 1 >= 0 else "\n"
            if all("\u4e00" <= ch <= "\u9fff" for ch in prefix) and (before in _NAME_STOP or pos - k == 0):
                return prefix + agency
    return agency


def _agency_of(chunk: _Chunk, lines: Sequence[str], text: str, date_line: int | None) -> str | None:
    agency = chunk.title_agency
    if agency and not _is_organ(agency):
        # "# 烟台市芝罘区行政审批服务局 2019年…" already stripped; keep what the title says.
        agency = agency.strip()
    if not agency and date_line is not None:
        for j in range(date_line - 1, max(chunk.start, date_line - 4) - 1, -1):
            if _is_organ(lines[j]):
                agency = _compact(lines[j])
                break
    if not agency:
        flat = _compact(text[:4000]) if text else ""
        for pattern in _AGENCY_PATTERNS:
            m = pattern.search(flat)
            if m and _is_organ(m["a"]):
                agency = m["a"]
                break
    if not agency and text:
        by_line = [_compact(line) for line in text[:4000].split("\n")]
        agency = next(
            (
                m["a"]
                for pattern in _AGENCY_LINE_PATTERNS
                for line in by_line
                if (m := pattern.search(line)) and _is_organ(m["a"])
            ),
            None,
        )
    if not agency:
        return None
    return _refine_agency(agency, _compact(text))


def _date_of(lines: Sequence[str], start: int, end: int, year: int | None) -> tuple[date | None, int | None]:
    def valid(y: int, mo: int, d: int) -> date | None:
        try:
            found = date(y, mo, d)
        except ValueError:
            return None
        if year is not None and found < date(year, 12, 31):
            return None
        return found

    for i in range(start, end):
        m = _PUBLISHED.search(_compact(lines[i]))
        if m:
            found = valid(int(m[1]), int(m[2]), int(m[3]))
            if found:
                return found, i
    for i in range(end - 1, start - 1, -1):
        m = _DATE_LINE.match(_compact(lines[i]))
        if m:
            found = valid(int(m[1]), int(m[2]), int(m[3]))
            if found:
                return found, i
    return None, None


def organ_kind(agency: str | None) -> str:
    """``government`` for 人民政府, ``township`` for 乡/镇 governments and 街道, else ``department``."""
    name = _compact(agency or "")
    if re.search(r"(?:乡|镇)人民政府$|街道办事处$|街道$", name):
        return rf.ORGAN_TOWNSHIP
    if name.endswith("人民政府"):
        return rf.ORGAN_GOVERNMENT
    return rf.ORGAN_DEPARTMENT


# ---------------------------------------------------------------------------
# Table regions
# ---------------------------------------------------------------------------


def _regions(lines: Sequence[str], start: int, end: int) -> dict[str, tuple[int, int]]:
    """Line ranges of tables 二, 三 and 四 inside a report (absent tables are missing)."""
    compact = [_compact(lines[i]).strip("|") for i in range(start, end)]

    def find(pred, lo: int = 0) -> int | None:
        for k in range(lo, len(compact)):
            if compact[k] and pred(compact[k]):
                return k
        return None

    s2 = find(lambda c: bool(_S2.match(c)))
    s3 = find(lambda c: bool(_S3.match(c)))
    s4 = find(lambda c: bool(_S4.match(c)), s3 or 0)
    t2 = find(lambda c: (c.startswith("第二十条第") or bool(_CAPTION.match(c))) and len(c) < 60)
    t3 = find(lambda c: "勾稽关系" in c or bool(_ROW_ONE.match(c)) or c.startswith("申请人情况"))
    lo4 = t3 if t3 is not None else (s3 or 0)
    t4 = find(lambda c: c.startswith("行政复议") and len(c) < 200, lo4)
    start2 = s2 if s2 is not None and (t2 is None or s2 <= t2) else t2
    start3 = s3 if s3 is not None and (t3 is None or s3 <= t3) else t3
    start4 = s4 if s4 is not None and (t4 is None or s4 <= t4) else t4
    out: dict[str, tuple[int, int]] = {}
    anchors = [(TABLE_PROACTIVE, start2), (TABLE_APPLICATIONS, start3), (TABLE_REVIEW_LITIGATION, start4)]
    present = [(code, k) for code, k in anchors if k is not None]
    present.sort(key=lambda item: item[1])
    for n, (code, k) in enumerate(present):
        stop = present[n + 1][1] if n + 1 < len(present) else None
        if stop is None:
            nxt = find(lambda c: bool(_S_NEXT.match(c)) and not c.startswith("四、结转"), k + 1)
            stop = nxt if nxt is not None else len(compact)
        if code == TABLE_PROACTIVE and t2 is None and not any(
            c.startswith("信息内容") and any(m in c for m in _PROACTIVE_HEADS) for c in compact[k:stop]
        ):
            continue  # a section title without any caption or column header: no table
        if code == TABLE_APPLICATIONS and t3 is None and not any(
            "本年新收" in c or "予以公开" in c for c in compact[k:stop]
        ):
            continue
        out[code] = (start + k, start + stop)
    return out


# Column headers of table 二 (a table printed without its 第二十条 captions still has them).
_PROACTIVE_HEADS = ("本年制发件数", "本年新制作数量", "本年处理决定数量", "处理决定数量", "上一年项目数量", "本年收费金额")
_TRAILING_NUMBER = re.compile(r"[+\-]?\d[\d,]*(?:\.\d*)?(?:万元|元)?$")
_TRAILING_WINDOW = 64  # a cell's number is far shorter; searching only the tail keeps a digit run linear
_ROW_ONE = re.compile(r"^(?:一[、.,]?)?本年新收政府信息公开申请数量")
_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")
_PROSE_YEAR = re.compile(r"^\d{4}\s*年")
_SENTENCE_END = re.compile(r"[\u4e00-\u9fff）)”]。")  # "。" ending a sentence, not "1。" as an enumerator


def _table_lines(lines: Sequence[str], lo: int, hi: int, table: str) -> list[tuple[int, str]]:
    """The lines of a table region, without prose (narrative sentences that strayed in)."""
    out: list[tuple[int, str]] = []
    for i in range(lo, hi):
        text = lines[i]
        c = _compact(text)
        if c and "|" not in text and "\t" not in text:
            cjk = sum(1 for ch in c if "\u4e00" <= ch <= "\u9fff")
            sentence = _SENTENCE_END.search(c) and cjk >= 10
            # A label may carry a long explanation in brackets (the Hubei template: "规范性文件（行政
            # 机关制定发布的决定、公告…）"): only the text outside brackets makes a line prose.
            bare = _BRACKETED.sub("", c)
            long = sum(1 for ch in bare if "\u4e00" <= ch <= "\u9fff") > 40
            if sentence or _PROSE_YEAR.match(text.strip()) or (long and "第二十条" not in c):
                continue
        out.append((i, text))
    return _unglue_zeros(_unterminate(_unpipe(out)))


def _unterminate(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Pipe rows that all end with a pipe ("信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |"): that
    last pipe ends the row and opens no cell, so "行政许可 | 106 | 2939 | |" is 106, 2939 and one blank.
    Only when (almost) every row is written so: elsewhere a line ending in "| " has a blank last cell."""
    rows = [s for _, text in lines if (s := text.strip()).count("|") >= 2 and not s.startswith("|")]
    ended = sum(1 for s in rows if s.endswith("|"))
    if len(rows) < 3 or ended * 5 < len(rows) * 4:
        return lines
    out: list[tuple[int, str]] = []
    for i, text in lines:
        s = text.strip()
        if s.count("|") >= 2 and not s.startswith("|") and s.endswith("|"):
            text = s[:-1]
        out.append((i, text))
    return out


_ZEROS = re.compile(r"^0{2,}$")


def _unglue_zeros(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A line holding only "0000000": a row of zeros printed without separators (no number is
    written with a leading zero, so the only reading is one 0 per cell), as one cell per line."""
    out: list[tuple[int, str]] = []
    for i, text in lines:
        s = text.strip()
        if _ZEROS.match(s):
            out.extend((i, "0") for _ in s)
        else:
            out.append((i, text))
    return out


_LEADING_PIPE = re.compile(r"^\s*\|+\s*(?=[^|\s][^|]*$)")


def _unpipe(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """One cell per line with pipes, as some web pages copy: rewritten as plain one-cell lines.

    Two conventions: every cell ends with ``|`` (``0 |``; a line ``|`` is a blank cell, ``||`` ends a
    row), or cells stand alone and lines of pipes separate them (``规章`` / ``|`` / ``0`` / ``|``).
    Ordinary pipe rows (several pipes between texts) are left alone.
    """
    if not any("|" in text for _, text in lines):
        return lines
    # ``| 规章``: a label opened by the row's grid line, the rest of its cells on the lines below.
    lines = [(i, _LEADING_PIPE.sub("", text)) for i, text in lines]
    content = [text.strip() for _, text in lines if text.strip().strip("|").strip()]
    if not content:
        return lines
    # A cell followed only by pipes (``0 | ||``: the cell, then the empty grid cells of its row) is
    # one cell too.
    single = sum(1 for t in content if "|" not in t or not t.split("|", 1)[1].strip(" |"))
    if single * 5 < len(content) * 4:
        return lines
    terminated = sum(1 for t in content if t.endswith("|")) * 5 >= len(content) * 4
    out: list[tuple[int, str]] = []
    for i, text in lines:
        s = text.strip()
        if not s:
            if not terminated:
                out.append((i, ""))
            continue
        if not s.strip("|").strip():
            if terminated and s == "|":
                out.append((i, "/"))  # a blank cell, marked so that it counts as one
            continue
        if terminated and s.endswith("|"):
            head, _, rest = s.partition("|")
            s = head.rstrip() if not rest.strip(" |") else s[:-1].rstrip()
        out.append((i, s))
    return out


# ---------------------------------------------------------------------------
# Formats
# ---------------------------------------------------------------------------


# The markers of sub-tables (五)–(九) and of table 三's （六）: they decide how many columns most rows
# have. A report may print the trial headers in sub-table (一) and the 2021 layout everywhere else
# (a 2021 report of 日照市岚山区教育局): the structure wins.
_TRIAL_STRUCTURE = ("上一年项目数量", "本年增/减", "其他对外管理服务事项", "采购项目数量", "采购总金额",
                    "第二十条第(九)项")
_MODERN_STRUCTURE = ("本年收费金额", "逾期不补正", "逾期未按收费通知")


def _labels_format(text: str) -> str | None:
    c = _compact(text)
    trial = sum(c.count(m) for m in _TRIAL_STRUCTURE)
    modern = sum(c.count(m) for m in _MODERN_STRUCTURE)
    if trial and not modern:
        return FORMAT_2019
    if modern and not trial:
        return FORMAT_2021
    trial = sum(c.count(m) for m in _TRIAL_MARKERS)
    modern = sum(c.count(m) for m in _MODERN_MARKERS)
    if trial > modern:
        return FORMAT_2019
    if modern > trial:
        return FORMAT_2021
    return None


def _choose_format(year: int | None, labels: str | None, has_tables: bool, old_style: bool, interp: bool) -> str:
    by_year = rf.format_for_year(year) if year is not None else None
    if has_tables:
        return labels or by_year or FORMAT_2021
    if interp:
        return FORMAT_UNKNOWN
    if old_style or (year is not None and year < rf.FIRST_YEAR[FORMAT_2019]):
        return FORMAT_PRE_2019
    if by_year:
        return by_year
    return FORMAT_UNKNOWN


# ---------------------------------------------------------------------------
# Entry points
# ---------------------------------------------------------------------------


def parse_reports(text: str, *, source: str = "") -> list[ParsedReport]:
    """Every report found in ``text`` (an empty list when none is recognisable).

    Several reports in one text (pasted one after the other, or many years of one agency) are cut
    apart first, and each is then read on its own: one report's spacing, flattened lines or
    truncation must not change how the next one is read.

    Never raises on odd input: anything unreadable becomes an issue of the report or no report.
    """
    raw = normalize_text(text or "")
    raw_lines = [_clean_line(line) for line in raw.split("\n")]
    cut = bool(raw) and not raw[-1].isspace()  # the text may stop in the middle of a number
    segments = _segments(raw_lines)
    reports: list[ParsedReport] = []
    for n, (lo, hi) in enumerate(segments):
        found = _parse_text(raw_lines[lo:hi], source, len(reports), cut and n == len(segments) - 1)
        for report in found:
            report.first_line += lo
            report.last_line += lo
        reports.extend(found)
    return reports


def _segments(raw_lines: list[str]) -> list[tuple[int, int]]:
    """Where each report of the text begins, on the lines as given: a title, 一、总体情况 after a
    finished report, a statistics table. Text with tables before the first of them is a report of
    its own (a report copied without its title, then the next one with it)."""
    chunks = _merge_stats_pages(_split(raw_lines), raw_lines)
    if not chunks:
        return [(0, len(raw_lines))]
    starts = [c.start for c in chunks]
    head = _compact("\n".join(raw_lines[: starts[0]]))
    if starts[0] > 0 and any(sign in head for sign in _TABLE_SIGNS):
        starts.insert(0, 0)
    starts[0] = 0
    starts = [starts[0], *(_after_last_cell(raw_lines, s, floor) for floor, s in zip(starts, starts[1:], strict=False))]
    return list(zip(starts, [*starts[1:], len(raw_lines)], strict=True))


def _is_cell_line(line: str) -> bool:
    return "|" in line or "\t" in line or any(_value_of(t) is not None for t in line.split())


def _after_last_cell(lines: Sequence[str], start: int, floor: int) -> int:
    """A report cut off inside its tables and followed by the next one's page header ("【打印】
    【字体:", "商务局 政府信息公开"): those few lines above the next title go with it, not into the
    table being read. Only when a table cell comes right above them."""
    k = start
    while k - 1 > floor and start - (k - 1) <= 8:
        line = lines[k - 1]
        if _is_cell_line(line):
            return k
        if len(_compact(line)) > 40:
            break
        k -= 1
    return start


def _parse_text(raw_lines: list[str], source: str, first_index: int, cut: bool) -> list[ParsedReport]:
    """The reports of one segment of the text (normally one)."""
    raw_lines = list(raw_lines)
    while raw_lines and not raw_lines[-1].strip():
        raw_lines.pop()  # blank lines at the end are no cells: only the gap before the next report
    lines = _unflatten(_undouble(raw_lines))
    chunks = _split(lines)
    if not chunks and any(sign in _compact("\n".join(lines)) for sign in _TABLE_SIGNS):
        chunks = [_Chunk(0, len(lines))]
    chunks = _merge_stats_pages(chunks, lines)
    last_line = max((i for i, line in enumerate(lines) if line.strip()), default=0)
    return [
        _parse_chunk(lines, chunk, source, first_index + n, last_line, cut, first=n == 0)
        for n, chunk in enumerate(chunks)
    ]


_FLAT_NUMBER = re.compile(r"^[+\-]?\d[\d,]*(?:\.\d+)?$")
_ONE_HAN = re.compile(r"^[\u4e00-\u9fff]$")


def _unflatten(lines: list[str]) -> list[str]:
    """Tables copied as one line, every cell separated by a space ("… 第二十条第(一)项 信息内容 本年制发件数
    … 规 章 0 0 0 行政规范性文件 0 0 0 第二十条第(五)项 …"): the line becomes one cell per line, from the
    first table heading on; a label spaced out character by character ("规 章") is joined again."""
    out: list[str] = []
    for line in lines:
        tokens = line.split()
        if len(line) < 200 or len(tokens) < 30 or ("第二十条第" not in line and "勾稽关系" not in line):
            out.append(line)
            continue
        numbers = sum(1 for t in tokens if _FLAT_NUMBER.match(t))
        if numbers < 8:
            out.append(line)
            continue
        first = min(
            (k for k, t in enumerate(tokens) if _S2.match(t) or _S3.match(t) or t.startswith("第二十条第")),
            default=0,
        )
        if first:
            out.append(" ".join(tokens[:first]))
        previous = ""
        for token in tokens[first:]:
            if _ONE_HAN.match(token) and _ONE_HAN.match(previous):
                out[-1] += token  # "规 章": one label spaced out
            else:
                out.append(token)
            previous = token
    return out


def _undouble(lines: list[str]) -> list[str]:
    """Text copied with a blank line after every line (each table cell a paragraph): the single blank
    lines are separators, not blank cells. A blank cell is then a run of three blank lines (separator,
    empty paragraph, separator): a run of k blank lines keeps (k − 1) // 2 of them.

    Some converters write a blank cell as a single extra line instead (a run of k blank lines is then
    k − 1 blank cells): runs of even length cannot come from the first way, so when they are many the
    second is used.

    Only when almost no two filled lines touch: in the layout where blank lines are blank cells, the
    filled cells of a row sit on consecutive lines.
    """
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if len(filled) < 20:
        return lines
    touching = sum(1 for a, b in zip(filled, filled[1:], strict=False) if b == a + 1)
    if touching * 8 > len(filled):
        # The page's header and narrative may be single-spaced while its tables are not: look again
        # at the tables alone.
        start = next((i for i, line in enumerate(lines) if "第二十条第" in line or "勾稽关系" in line), 0)
        tables = _undouble(lines[start:]) if start else lines[start:]
        return lines if tables == lines[start:] else lines[:start] + tables
    runs = [b - a - 1 for a, b in zip(filled, filled[1:], strict=False) if b - a - 1 >= 2]
    even = sum(1 for k in runs if k % 2 == 0)
    single = even >= 3 and 2 * even >= len(runs)

    def kept(blanks: int) -> int:
        if not blanks:
            return 0
        return blanks - 1 if single else (blanks - 1) // 2

    out: list[str] = []
    blanks = 0
    for line in lines:
        if line.strip():
            out.extend([""] * kept(blanks))
            blanks = 0
            out.append(line)
        else:
            blanks += 1
    out.extend([""] * kept(blanks))
    return out


def _merge_stats_pages(chunks: list[_Chunk], lines: Sequence[str]) -> list[_Chunk]:
    """A pre-2019 statistics page without a year belongs to the report that follows it."""
    out: list[_Chunk] = []
    for chunk in chunks:
        if out and out[-1].has_stats and not out[-1].has_one and out[-1].title is None:
            prev = out[-1]
            text = "\n".join(lines[prev.start : prev.end])
            if _year_of(text, text) is None and (chunk.has_one or chunk.has_stats) and chunk.title is None:
                chunk.start = prev.start
                chunk.has_stats = True
                out[-1] = chunk
                continue
        out.append(chunk)
    return out


def _parse_chunk(
    lines: Sequence[str], chunk: _Chunk, source: str, index: int, last_line: int, cut: bool = False,
    first: bool = False,
) -> ParsedReport:
    text = "\n".join(lines[chunk.start : chunk.end])
    head = "\n".join(lines[chunk.start : min(chunk.end, chunk.start + 12)])
    # The lines above the first section of a text's (or a cut-apart part's) first report belong to
    # no other report: an opening sentence ("2024年,我局坚持…") or a title without its year.
    before = "\n".join(lines[max(0, chunk.start - 6) : chunk.start]) if first else ""
    year = chunk.title_year or _year_of(text, head) or (_year_of(before, before) if before else None)
    published, date_line = _date_of(lines, chunk.start, chunk.end, year)
    agency = _agency_of(chunk, lines, text, date_line)
    above = _agency_of(_Chunk(0, 0), [], before, None) if before else None
    if above and (agency is None or (above.endswith(agency) and len(above) > len(agency))):
        agency = above  # "湘桥区教育局" in the title above, "区教育局" in the text
    regions = _regions(lines, chunk.start, chunk.end)
    table_text = "\n".join("\n".join(lines[lo:hi]) for lo, hi in regions.values()) if regions else ""
    labels = _labels_format(table_text) if regions else None
    old_style = bool(_OLD_STYLE.search(_compact(text))) and not regions
    fmt = _choose_format(year, labels, bool(regions), old_style, chunk.interpretation)
    report = ParsedReport(
        source=source,
        index=index,
        title=chunk.title,
        agency=agency,
        year=year,
        format=fmt,
        kind=KIND_INTERPRETATION if chunk.interpretation else KIND_REPORT,
        labels_format=labels if regions else (FORMAT_PRE_2019 if old_style else None),
        published_on=published,
        first_line=chunk.start,
        last_line=chunk.end - 1,
    )
    inside = set()
    for lo, hi in regions.values():
        inside.update(range(lo, hi))
    report.narrative = "\n".join(lines[i] for i in range(chunk.start, chunk.end) if i not in inside)
    if fmt not in rf.FORMATS:
        return report
    schema = rf.schema_for(fmt)
    report.tables = schema.empty_tables()
    if cut and any(lo <= last_line < hi for lo, hi in regions.values()):
        # The text stops inside a table: its last number may have lost digits ("12" → "1").
        lines = list(lines)
        line = lines[last_line]
        head, tail = line[:-_TRAILING_WINDOW], line[-_TRAILING_WINDOW:]
        lines[last_line] = head + _TRAILING_NUMBER.sub("", tail)
        # The text still ends there: a run on the last line left is cut off too (its row is filled
        # from the left, never spread to 总计).
        while last_line > chunk.start and not lines[last_line].strip(" |\t"):
            last_line -= 1
    for t in schema.tables:
        report.regions[t.code] = t.code in regions
        if t.code not in regions:
            continue
        lo, hi = regions[t.code]
        tlines = _table_lines(lines, lo, hi, t.code)
        if t.code == TABLE_REVIEW_LITIGATION:
            result = _parse_review_table(t, tlines, last_line)
        else:
            result = _parse_rows_table(t, tlines, last_line)
        report.tables[t.code] = result.values
        report.located |= result.located
        report.issues.extend(result.issues)
        report.label_issues.extend(result.label_issues)
        report.label_issues.extend(_header_label_issues(t, tlines))
        report.aggregates.update(result.aggregates)
    for t in schema.tables:
        ids = t.cell_ids()
        found = sum(1 for i in ids if i in report.located)
        report.completeness[t.code] = {"present": found > 0, "cells": found, "expected": len(ids)}
    return report


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------

_BLOCK_TAGS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "section", "article",
               "header", "footer", "title", "dd", "dt", "blockquote", "pre", "hr"}
_SKIP_TAGS = {"script", "style", "noscript", "template", "head"}


class _Flattener(HTMLParser):
    """HTML → lines; tables → tab-separated lines on a grid that honours rowspan and colspan."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.buf: list[str] = []
        self.skip = 0
        self.tables: list[dict[str, Any]] = []

    # Text outside tables
    def _flush(self) -> None:
        text = "".join(self.buf).strip()
        self.buf = []
        if text:
            self.out.append(" ".join(text.split()) if "\n" in text else text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip += 1
            return
        if tag == "table":
            if not self.tables:
                self._flush()
            self.tables.append({"rows": [], "row": None, "cell": None, "caption": None, "captions": []})
            return
        if self.tables:
            t = self.tables[-1]
            if tag == "caption":
                t["caption"] = []
            elif tag == "tr":
                t["row"] = []
            elif tag in ("td", "th"):
                a = dict(attrs)
                t["cell"] = {"text": [], "rowspan": _span(a.get("rowspan")), "colspan": _span(a.get("colspan"))}
            elif tag == "br" and t["cell"] is not None:
                t["cell"]["text"].append(" ")
            return
        if tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
            return
        if self.tables:
            t = self.tables[-1]
            if tag == "caption" and t["caption"] is not None:
                # A table's caption is a line before its rows (table 二 printed as captioned
                # sub-tables: 第二十条第（一）项 …).
                text = " ".join("".join(t["caption"]).split())
                if text:
                    t["captions"].append(text)
                t["caption"] = None
            elif tag in ("td", "th") and t["cell"] is not None:
                if t["row"] is None:
                    t["row"] = []
                t["row"].append(t["cell"])
                t["cell"] = None
            elif tag == "tr" and t["row"] is not None:
                t["rows"].append(t["row"])
                t["row"] = None
            elif tag == "table":
                done = self.tables.pop()
                if done["row"]:
                    done["rows"].append(done["row"])
                lines = done["captions"] + _grid_lines(done["rows"])
                if self.tables and self.tables[-1]["cell"] is not None:
                    self.tables[-1]["cell"]["text"].append(" ".join(lines))
                else:
                    self.out.extend(lines)
            return
        if tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.tables:
            t = self.tables[-1]
            if t["cell"] is not None:
                t["cell"]["text"].append(data)
            elif t["caption"] is not None:
                t["caption"].append(data)
            return
        self.buf.append(data)

    def close(self) -> None:
        super().close()
        while self.tables:
            done = self.tables.pop()
            self.out.extend(done["captions"] + _grid_lines(done["rows"]))
        self._flush()


def _span(value: str | None) -> int:
    try:
        return max(1, min(50, int(str(value).strip())))
    except (TypeError, ValueError):
        return 1


def _grid_lines(rows: list[list[dict[str, Any]]]) -> list[str]:
    """One tab-separated line per table row.

    A cell spanning columns is one cell (a number in a merged cell is one number, a merged label one
    label); a label spanning rows is repeated in every row it covers (三、本年度办理结果 and the group
    cells of table 三); a blank or a number spanning rows belongs to its first row only.
    """
    grid: dict[tuple[int, int], tuple[int, str, bool]] = {}
    serial = 0
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in grid:
                c += 1
            text = " ".join("".join(cell["text"]).split()).replace("\t", " ")
            for dr in range(cell["rowspan"]):
                for dc in range(cell["colspan"]):
                    grid[(r + dr, c + dc)] = (serial, text, dr == 0)
            serial += 1
            c += cell["colspan"]
    out = []
    for r in range(len(rows)):
        cells: list[str] = []
        seen: set[int] = set()
        for c in sorted(col for (row, col) in grid if row == r):
            sid, text, first = grid[(r, c)]
            if sid in seen:
                continue
            seen.add(sid)
            if not first and (not text or _value_of(text) is not None):
                continue
            cells.append(text)
        if any(cells):
            out.append("\t".join(cells) if len(cells) > 1 else cells[0] + "\t")
    return out


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<table" in text.lower() or "<body" in head or "<!doctype html" in head


def html_to_text(html: str) -> str:
    """Flatten an HTML page: paragraphs → lines, tables → tab-separated lines (rowspan/colspan honoured)."""
    parser = _Flattener()
    parser.feed(html)
    parser.close()
    return "\n".join(parser.out)


def parse_html(html: str, *, source: str = "") -> list[ParsedReport]:
    """:func:`parse_reports` on an HTML page."""
    return parse_reports(html_to_text(html), source=source)
