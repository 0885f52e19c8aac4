"""Year-on-year wording of the 年报解读 (issue 17 item 1): plain Python, no Django import.

``yoy(current, previous)`` says how a figure changed against last year, as agencies write it in
their 解读 (seed 002: "与去年全年相比同比增长12.8%"):

- ``同比增长12.8%`` / ``同比下降3.5%``: the change relative to last year, rounded half up to one
  decimal place (a change below 0.05% is written ``同比增长0.1%以内`` / ``同比下降0.1%以内``, never
  ``0.0%``, so that a change is never hidden);
- ``与上年持平``: the same figure as last year (also 0 and 0);
- ``上年为0``: last year's figure was 0 and this year's is not (no percentage can be given);
- ``上年无数据``: no figure for last year (no previous report or past figures, or a blank cell).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

NO_DATA = "上年无数据"
SAME = "与上年持平"
FROM_ZERO = "上年为0"


def _number(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def change_percent(current: Any, previous: Any) -> Decimal | None:
    """The change in percent, one decimal place, half up; None when it is not defined."""
    cur, prev = _number(current), _number(previous)
    if cur is None or prev is None or prev == 0:
        return None
    return ((cur - prev) * 100 / abs(prev)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def yoy(current: Any, previous: Any) -> str:
    """``yoy(1693, 1501) == "同比增长12.8%"`` (see the module's rules)."""
    cur, prev = _number(current), _number(previous)
    if cur is None or prev is None:
        return NO_DATA
    if cur == prev:
        return SAME
    if prev == 0:
        return FROM_ZERO
    pct = change_percent(cur, prev)
    word = "增长" if cur > prev else "下降"
    if pct == 0:
        return f"同比{word}0.1%以内"
    return f"同比{word}{abs(pct)}%"


def difference(current: Any, previous: Any, unit: str = "") -> str:
    """``比上年增加12件`` / ``比上年减少3件`` / ``与上年持平`` / ``上年无数据``."""
    cur, prev = _number(current), _number(previous)
    if cur is None or prev is None:
        return NO_DATA
    if cur == prev:
        return SAME
    diff = cur - prev
    text = format(abs(diff).normalize(), "f")
    return f"比上年{'增加' if diff > 0 else '减少'}{text}{unit}"
