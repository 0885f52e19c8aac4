"""Cells: the number, blank or label a cell's text holds (:class:`Value`, :func:`parse_value`), and
the cells of a line (pipe- or tab-separated, or the space-separated tokens of PDF text)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from gongkai.law.report_format import KIND_AMOUNT
from gongkai.reportreader.normalise import compact, normalize_text

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
    return value_of(normalize_text(text))


def grid_row_line(cells) -> str | None:
    """One row of a table with merged cells (Word, PDF grid, spreadsheet) as the tab-separated line the
    parser reads: ``cells`` are (text, starts_here) in grid order, a cell merged across columns given
    once. A cell merged down from a row above (``starts_here`` False) repeats a label
    (三、本年度办理结果) but not a number or a blank, which belong to its first row only. None for a row
    with nothing in it."""
    out = [text for text, starts_here in cells if starts_here or (text and parse_value(text) is None)]
    if not any(out):
        return None
    return "\t".join(out) if len(out) > 1 else out[0] + "\t"


# A "?" left where a page had a character the copy could not encode (a non-breaking space): "? 0".
_NOISE = re.compile(r"^[?？]+(?=[\d约近共合计增减+\-])")
# A change printed in words in the trial table's 本年增/减 column.
_NO_CHANGE = re.compile(r"^(?:未增未减|无增减|无增无减|不增不减|持平|无变化)$")


@lru_cache(maxsize=4096)
def value_of(text: str) -> Value | None:
    """parse_value for text already normalised (the parser's own cells)."""
    s = _NOISE.sub("", compact(text))
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


def is_blank(text: str) -> bool:
    return bool(_BLANK.match(compact(text)))


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
def make_cell(text: str) -> Cell:
    t = text.strip()
    if is_blank(t):
        return Cell(EMPTY, t)
    v = value_of(t)
    if v is not None:
        return Cell(NUMBER, t, v)
    return Cell(LABEL, t, tokens=(t,))


# "行政许可550" (PDF glued a label and its number): split the trailing number off.
_GLUED = re.compile(r"^(?P<label>.*[\u4e00-\u9fff)\]》”])(?P<num>[+\-]?\d[\d,]*(?:\.\d+)?(?:万元|元)?)$")


def space_cells(line: str) -> list[Cell]:
    """A line of PDF text: space-separated tokens; adjacent label tokens form one label cell."""
    cells: list[Cell] = []
    for token in line.split():
        if ZEROS.match(token):
            cells.extend(make_cell("0") for _ in token)
            continue
        m = _GLUED.match(token)
        parts = [m["label"], m["num"]] if m and not re.match(r"^\d", token) else [token]
        if m and len(parts) == 2 and re.fullmatch(r"0{2,}", parts[1]):
            # "规章000": a row of zeros glued together; no number is written with a leading zero,
            # so the only reading is one 0 per cell.
            parts = [parts[0], *("0" * len(parts[1]))]
        for part in parts:
            c = make_cell(part)  # a lone "-" or "/" in PDF text is a blank cell
            if c.kind == LABEL and cells and cells[-1].kind == LABEL:
                prev = cells[-1]
                cells[-1] = Cell(LABEL, prev.text + " " + c.text, tokens=(*prev.tokens, c.text))
            else:
                cells.append(c)
    return cells


def separated_cells(line: str, markdown: bool = False) -> list[Cell] | None:
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
    return [make_cell(p) for p in parts]


ZEROS = re.compile(r"^0{2,}$")


def is_cell_line(line: str) -> bool:
    return "|" in line or "\t" in line or any(value_of(t) is not None for t in line.split())


