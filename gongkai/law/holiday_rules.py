"""The statutory holidays of 《全国年节及纪念日放假办法》, as data with its source (domain.md 3.1).

For a year whose arrangement (the 国务院办公厅 notice) is not yet entered and confirmed, working days
follow the statutory rule in force for that year: its festival days off, and for a statutory day
that falls on a Saturday or Sunday a weekday off in lieu (第六条: "全体公民放假的假日，如果适逢星期六、
星期日，应当在工作日补假"), placed on the next weekday(s) after that festival. A statutory day shared by
two festivals (国庆节 and 中秋节 on 1 October 2020) also gives a day in lieu. No make-up workday is
guessed: that is the notice's choice.

Each amendment is one :class:`HolidayRule` in :data:`RULES`, with the date it took effect and its
source, so a future amendment is a data change and a past year is always checked against the rule
that was in force for it. Lunar dates come from the ``lunardate`` package and the 清明 solar term
from ``chinesecalendar``; nothing here is a hand-typed table of dates.

Pure Python: no Django import.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "Festival",
    "HolidayRule",
    "RULES",
    "rule_for",
    "statutory_days",
    "in_lieu_days",
    "provisional_holidays",
    "earliest_holidays",
    "FIRST_YEAR",
    "LAST_YEAR",
    "check_arrangement",
]

SOLAR = "solar"  # a fixed Gregorian date
LUNAR = "lunar"  # a date of the Chinese lunar calendar
TERM = "term"  # a solar term (清明)

# The range the lunar library covers (lunardate: 1900–2099) and the first rule below.
FIRST_YEAR = 2008
LAST_YEAR = 2099

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Festival:
    """One festival of 第二条: its first statutory day and how many days off it gives.

    ``offset`` moves the first day from the anchor: 春节 since 2025 starts on 除夕, the day before
    正月初一 (whose length, 29 or 30 days of the twelfth month, the lunar library knows).
    """

    name: str
    anchor: str
    month: int = 0
    day: int = 0
    term: str = ""
    offset: int = 0
    days: int = 1

    def dates(self, year: int) -> list[dt.date]:
        first = self._anchor_date(year) + dt.timedelta(days=self.offset)
        return [first + dt.timedelta(days=i) for i in range(self.days)]

    def _anchor_date(self, year: int) -> dt.date:
        if self.anchor == SOLAR:
            return dt.date(year, self.month, self.day)
        if self.anchor == LUNAR:
            from lunardate import LunarDate  # noqa: PLC0415 — loaded only for provisional years

            return LunarDate(year, self.month, self.day).to_solar_date()
        if self.anchor == TERM:
            from chinese_calendar import get_solar_terms  # noqa: PLC0415

            for day, name in get_solar_terms(dt.date(year, 1, 1), dt.date(year, 12, 31)):
                if name == self.term:
                    return day
            raise ValueError(f"{year}年没有节气{self.term}")
        raise ValueError(f"unknown anchor {self.anchor!r}")


@dataclass(frozen=True)
class HolidayRule:
    in_force_from: dt.date
    source: str
    festivals: tuple[Festival, ...]


def _festivals(*, spring_offset: int, spring_days: int, labour_days: int) -> tuple[Festival, ...]:
    return (
        Festival("元旦", SOLAR, 1, 1),
        Festival("春节", LUNAR, 1, 1, offset=spring_offset, days=spring_days),
        Festival("清明节", TERM, term="清明"),
        Festival("劳动节", SOLAR, 5, 1, days=labour_days),
        Festival("端午节", LUNAR, 5, 5),
        Festival("中秋节", LUNAR, 8, 15),
        Festival("国庆节", SOLAR, 10, 1, days=3),
    )


# Oldest first. 第二条 of each version; the in-lieu rule (第六条) is the same in all three.
RULES: tuple[HolidayRule, ...] = (
    HolidayRule(
        dt.date(2008, 1, 1),
        "《全国年节及纪念日放假办法》（2007年12月14日国务院令第513号修订）：春节3天（农历除夕、正月初一、初二），劳动节1天",
        _festivals(spring_offset=-1, spring_days=3, labour_days=1),
    ),
    HolidayRule(
        dt.date(2014, 1, 1),
        "《全国年节及纪念日放假办法》（2013年12月11日国务院令第644号修订）：春节3天（农历正月初一至初三），劳动节1天",
        _festivals(spring_offset=0, spring_days=3, labour_days=1),
    ),
    HolidayRule(
        dt.date(2025, 1, 1),
        "《全国年节及纪念日放假办法》（2024年11月10日国务院令第795号修订）：春节4天（农历除夕、正月初一至初三），劳动节2天",
        _festivals(spring_offset=-1, spring_days=4, labour_days=2),
    ),
)


def rule_for(year: int) -> HolidayRule:
    """The rule in force on 1 January of ``year``. Raises ValueError outside FIRST_YEAR–LAST_YEAR."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"{year}年不在法定节假日推算范围（{FIRST_YEAR}–{LAST_YEAR}年）内")
    start = dt.date(year, 1, 1)
    return [r for r in RULES if r.in_force_from <= start][-1]


@lru_cache(maxsize=256)
def _statutory(year: int) -> tuple[tuple[dt.date, str], ...]:
    """(date, festival) for every statutory day of ``year``, in festival order (a shared day twice)."""
    return tuple((day, f.name) for f in rule_for(year).festivals for day in f.dates(year))


def statutory_days(year: int) -> dict[dt.date, str]:
    """Every statutory day off of ``year`` (weekends included) → its festival; a day two festivals
    share is named "国庆节、中秋节"."""
    out: dict[dt.date, str] = {}
    for day, name in _statutory(year):
        out[day] = f"{out[day]}、{name}" if day in out else name
    return out


@lru_cache(maxsize=256)
def _in_lieu(year: int) -> tuple[tuple[dt.date, str], ...]:
    pairs = _statutory(year)
    statutory = {day for day, _ in pairs}
    taken: set[dt.date] = set()
    out: list[tuple[dt.date, str]] = []
    seen: set[dt.date] = set()
    for festival in rule_for(year).festivals:
        days = festival.dates(year)
        owed = 0
        for day in days:
            if day.weekday() >= 5 or day in seen:
                owed += 1
            seen.add(day)
        cursor = max(days)
        while owed:
            cursor += ONE_DAY
            if cursor.weekday() < 5 and cursor not in statutory and cursor not in taken:
                taken.add(cursor)
                out.append((cursor, festival.name))
                owed -= 1
    return tuple(out)


def in_lieu_days(year: int) -> dict[dt.date, str]:
    """The weekdays off in lieu of statutory days on a weekend (or shared by two festivals)."""
    return dict(_in_lieu(year))


def provisional_holidays(year: int) -> dict[dt.date, str]:
    """The weekdays off of a year not yet confirmed: statutory weekdays and days in lieu → a note."""
    out = {day: f"{name}，按法定节假日推算" for day, name in statutory_days(year).items() if day.weekday() < 5}
    for day, name in in_lieu_days(year).items():
        out[day] = f"{name}补休，按法定节假日推算"
    return dict(sorted(out.items()))


def earliest_holidays(year: int) -> dict[dt.date, str]:
    """The fewest weekdays off any notice can give: the statutory weekdays alone (no day in lieu,
    since a notice may place it elsewhere). Counting over these gives the earliest plausible date."""
    return {day: name for day, name in statutory_days(year).items() if day.weekday() < 5}


_WEEKDAYS = "一二三四五六日"


def check_arrangement(year: int, days_off, workdays) -> list[str]:
    """Checks before a year's arrangement may be marked confirmed (3.1), whatever way it was entered
    (the notice, the staff page, Django admin). Returns Chinese messages; empty means acceptable.

    ``days_off`` are the year's days off (weekdays at least; weekends may be listed); ``workdays``
    the make-up workdays.
    """
    off = set(days_off)
    work = set(workdays)
    problems: list[str] = []
    in_year = sorted(d for d in off if d.year == year)
    if len(in_year) < 2:
        problems.append(f"{year}年只录入了{len(in_year)}天放假日期，不能标记为已确认；请依据国务院办公厅通知录入全年安排")
    try:
        statutory = statutory_days(year)
    except ValueError as e:
        return problems + [str(e)]
    for day, name in statutory.items():
        if day in work or (day.weekday() < 5 and day not in off):
            problems.append(f"{name}法定假日{day.month}月{day.day}日（星期{_WEEKDAYS[day.weekday()]}）不在放假日期内")
    for day in sorted(work):
        if day.weekday() < 5:
            problems.append(f"调休上班日{day.month}月{day.day}日是星期{_WEEKDAYS[day.weekday()]}，调休上班日应为星期六或星期日")
    for day in sorted(off & work):
        problems.append(f"{day.month}月{day.day}日既是放假日又是调休上班日")
    return problems
