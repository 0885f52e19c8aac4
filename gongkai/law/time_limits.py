"""Catalogue time limits (时限要求 / 公开时限) as structured rules (domain.md 6.2, 6.3).

Pure standard-library module: no Django import. Agencies write a catalogue item's time limit as
free text (seed 002: ``信息形成或变更之日起10个工作日内``, ``登记编号之日起2日内在网公布``,
``一次性公开并动态调整``, ``与所解读文件同步公开``); :func:`parse` reads it into a
:class:`TimeLimit`, :func:`due` turns a rule and its event date into the last day to publish.

Conventions (project convention; configurable):

- ``N个工作日`` counts with ``wd_after`` (3.3 a: the event day itself is not counted).
- ``N日`` / ``N天`` / ``N个自然日`` are calendar days counted from the day after the event; a last
  day on a rest day moves to the next working day (the 民法典 rule for periods, as domain 3.4 does
  for remedy periods).
- ``及时公开`` with no period of its own is Art. 26: 20 working days from the day the information is
  formed or changed (条例第二十六条 「……20个工作日内及时公开」); the rule says it was defaulted.
- ``实时公开`` is due on the event day itself.
- ``一次性公开并动态调整`` has no due date: its column is checked for staleness instead.
- ``与所解读文件同步公开``: due on the publication day of the interpreted document (same China day).
- Anything else is kept verbatim and reported as ``无法识别的时限要求``, never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from typing import Protocol

__all__ = [
    "PERIOD",
    "ONCE_DYNAMIC",
    "WITH_INTERPRETED",
    "REALTIME",
    "UNKNOWN",
    "FORMED_OR_CHANGED",
    "REGISTERED",
    "INTERPRETED_PUBLISHED",
    "EVENT_LABELS",
    "UNKNOWN_LABEL",
    "ART26_WORKING_DAYS",
    "TimeLimit",
    "chinese_number",
    "parse",
    "due",
]

PERIOD = "period"
ONCE_DYNAMIC = "once_dynamic"
WITH_INTERPRETED = "with_interpreted"
REALTIME = "realtime"
UNKNOWN = "unknown"
KINDS = (PERIOD, ONCE_DYNAMIC, WITH_INTERPRETED, REALTIME, UNKNOWN)

FORMED_OR_CHANGED = "formed_or_changed"
REGISTERED = "registered"
INTERPRETED_PUBLISHED = "interpreted_published"
EVENT_LABELS = {
    FORMED_OR_CHANGED: "信息形成或变更之日",
    REGISTERED: "登记编号之日",
    INTERPRETED_PUBLISHED: "所解读文件公开之日",
}
UNKNOWN_LABEL = "无法识别的时限要求"
# 条例第二十六条.
ART26_WORKING_DAYS = 20


@dataclass(frozen=True)
class TimeLimit:
    """A parsed time limit. ``text`` is what the agency wrote, kept verbatim."""

    kind: str
    text: str = ""
    days: int | None = None
    working: bool = True
    event: str | None = None
    defaulted: bool = False  # 及时公开 read as Art. 26

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"未知的时限类型：{self.kind}")

    @property
    def recognised(self) -> bool:
        return self.kind != UNKNOWN

    @property
    def label(self) -> str:
        """How the rule is shown to staff (Chinese)."""
        if self.kind == PERIOD:
            unit = "个工作日" if self.working else "日"
            text = f"{EVENT_LABELS.get(self.event, '信息形成或变更之日')}起{self.days}{unit}内"
            return text + ("（按条例第二十六条）" if self.defaulted else "")
        return {
            ONCE_DYNAMIC: "一次性公开并动态调整",
            WITH_INTERPRETED: "与所解读文件同步公开",
            REALTIME: "实时公开（信息形成当日）",
        }.get(self.kind, UNKNOWN_LABEL)

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict | None) -> TimeLimit | None:
        """The rule stored by :meth:`as_dict`; None for an empty value."""
        if not data:
            return None
        return cls(**{k: data.get(k) for k in ("kind", "text", "days", "working", "event", "defaulted")
                      if k in data})


# ---------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------

_HALFWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_SPACE = re.compile(r"\s+")
_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUMBER = "〇零一二两三四五六七八九十百"


def chinese_number(s: str) -> int:
    """``十`` → 10, ``二十`` → 20, ``十五`` → 15, ``一百二十`` → 120, ``三〇`` → 30; ValueError otherwise."""
    if not s or any(c not in _CN_NUMBER for c in s):
        raise ValueError(f"不是中文数字：{s}")
    if "十" not in s and "百" not in s:
        return int("".join(str(_DIGITS[c]) for c in s))
    total, rest = 0, s
    for mark, unit in (("百", 100), ("十", 10)):
        if mark in rest:
            head, rest = rest.split(mark, 1)
            if len(head) > 1:
                raise ValueError(f"不是中文数字：{s}")
            total += (_DIGITS[head] if head else 1) * unit
    if rest:
        rest = rest.lstrip("零〇")
        if len(rest) > 1:
            raise ValueError(f"不是中文数字：{s}")
        total += _DIGITS[rest] if rest else 0
    return total


# A period, not a date: ``1月31日前`` and ``三月三十一日`` are dates (the number follows 月).
_PERIOD = re.compile(
    rf"(?<![月年\d{_CN_NUMBER}])(?P<n>\d+|[{_CN_NUMBER}]+)个?(?P<unit>工作日|自然日|日历日|日|天)"
)
_EVENTS = (
    (REGISTERED, re.compile(r"登记|编号|备案")),
    (FORMED_OR_CHANGED, re.compile(r"形成|变更|产生|作出|做出|制作|生成|印发|签发|成文")),
)
_WITH_INTERPRETED = re.compile(r"同步")
_ONCE_DYNAMIC = re.compile(r"一次性公开|动态调整|动态更新|动态公开")
_REALTIME = re.compile(r"实时")
_TIMELY = re.compile(r"及时")


def _normalise(text: str) -> str:
    return _SPACE.sub("", str(text or "").translate(_HALFWIDTH))


def parse(text: str | None) -> TimeLimit | None:
    """The rule written in ``text``; None for a blank cell, ``kind='unknown'`` when unrecognised."""
    raw = str(text or "").strip()
    s = _normalise(raw)
    if not s:
        return None
    match = _PERIOD.search(s)
    if match:
        number = match.group("n")
        try:
            days = int(number) if number.isdigit() else chinese_number(number)
        except ValueError:
            return TimeLimit(UNKNOWN, raw)
        before = s[: match.start()]
        event = next((e for e, pattern in _EVENTS if pattern.search(before)), FORMED_OR_CHANGED)
        return TimeLimit(PERIOD, raw, days=days, working=match.group("unit") == "工作日", event=event)
    if _WITH_INTERPRETED.search(s) and ("解读" in s or "文件" in s):
        return TimeLimit(WITH_INTERPRETED, raw, days=0, event=INTERPRETED_PUBLISHED)
    if _ONCE_DYNAMIC.search(s):
        return TimeLimit(ONCE_DYNAMIC, raw)
    if _REALTIME.search(s):
        return TimeLimit(REALTIME, raw, days=0, working=False, event=FORMED_OR_CHANGED)
    if _TIMELY.search(s):
        return TimeLimit(PERIOD, raw, days=ART26_WORKING_DAYS, working=True, event=FORMED_OR_CHANGED,
                         defaulted=True)
    return TimeLimit(UNKNOWN, raw)


# ---------------------------------------------------------------------------
# Due dates
# ---------------------------------------------------------------------------


class _Calendar(Protocol):
    def wd_after(self, day: dt.date, n: int) -> dt.date: ...

    def on_or_next_working_day(self, day: dt.date) -> dt.date: ...


def due(rule: TimeLimit | None, event_on: dt.date | None, calendar: _Calendar) -> dt.date | None:
    """The last day to publish under ``rule`` for an event on ``event_on``.

    None when there is no rule, no event date, or the rule has no due date (一次性公开并动态调整,
    unrecognised text). For ``with_interpreted``, ``event_on`` is the interpreted document's
    publication day and the result is that day.
    """
    if rule is None or event_on is None or rule.kind in (ONCE_DYNAMIC, UNKNOWN):
        return None
    if rule.kind in (REALTIME, WITH_INTERPRETED) or not rule.days:
        return event_on
    if rule.working:
        return calendar.wd_after(event_on, rule.days)
    return calendar.on_or_next_working_day(event_on + dt.timedelta(days=rule.days))
