"""Working-day calendar (domain.md 3.1, 3.2).

A working day is Monday–Friday, minus the rest days of the State Council General Office's annual
holiday notice, plus the weekend make-up workdays (调休上班) it names. The calendar is data, not
rules: a set of per-date overrides on top of Monday–Friday, and the set of years whose data is
complete. Nothing is derived from the lunar calendar.

Any computation that must examine a day in a year that is not complete raises
:class:`CalendarMissing` naming that year; a guessed date is never returned.

Pure Python: no Django import. The Django side (``gongkai.holidays``) builds a
:class:`WorkCalendar` from the built-in data plus administrator overrides.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

HOLIDAY = "holiday"
WORKDAY = "workday"

# Years shipped with the product, seeded from the chinesecalendar package (which transcribes the
# annual 国务院办公厅 notices). Administrators add later years and correct dates as overrides.
BUILTIN_FIRST_YEAR = 2019
BUILTIN_LAST_YEAR = 2026


class CalendarMissing(Exception):
    """A computation needed a day in a year whose holiday arrangement is not entered (3.1)."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(
            f"无法计算期限：{year}年节假日安排尚未录入。请平台管理员依据国务院办公厅通知录入并确认后重试。"
        )

    @property
    def pending_label(self) -> str:
        return f"期限待定（缺少{self.year}年节假日数据）"


@dataclass(frozen=True)
class DayNote:
    """A non-ordinary day met while counting: a holiday on a weekday or a make-up workday."""

    date: dt.date
    kind: str  # HOLIDAY or WORKDAY
    note: str = ""


class WorkCalendar:
    """Working days over a set of complete years.

    ``overrides`` maps a date to ``HOLIDAY`` (a weekday off) or ``WORKDAY`` (a weekend make-up
    workday); an override that restates the default (a holiday on a Sunday) is harmless.
    ``complete_years`` are the years whose arrangement is entered and confirmed.

    Counting is O(log n): the working days of all complete years are kept as one sorted list of
    ordinals, so ``wd_after`` is an index lookup and ``wd_between`` a difference of two bisections.
    """

    def __init__(
        self,
        overrides: Mapping[dt.date, str],
        complete_years: Iterable[int],
        notes: Mapping[dt.date, str] | None = None,
    ):
        self.overrides = dict(overrides)
        self.complete_years = frozenset(complete_years)
        self.notes = dict(notes or {})
        for kind in self.overrides.values():
            if kind not in (HOLIDAY, WORKDAY):
                raise ValueError(f"unknown override kind {kind!r}")
        days: list[int] = []
        for year in sorted(self.complete_years):
            day = dt.date(year, 1, 1)
            end = dt.date(year, 12, 31)
            one = dt.timedelta(days=1)
            while day <= end:
                if self._is_working(day):
                    days.append(day.toordinal())
                day += one
        self._days = days
        # Only the days that differ from Monday–Friday, sorted, for explanations.
        self._special = [
            DayNote(day, kind, self.notes.get(day, ""))
            for day, kind in sorted(self.overrides.items())
            if kind == HOLIDAY and day.weekday() < 5 or kind == WORKDAY and day.weekday() >= 5
        ]
        self._special_ordinals = [d.date.toordinal() for d in self._special]

    # -- single days -------------------------------------------------------------------------

    def _is_working(self, day: dt.date) -> bool:
        kind = self.overrides.get(day)
        if kind == HOLIDAY:
            return False
        if kind == WORKDAY:
            return True
        return day.weekday() < 5

    def _require(self, year: int) -> None:
        if year not in self.complete_years:
            raise CalendarMissing(year)

    def is_working_day(self, day: dt.date) -> bool:
        self._require(day.year)
        return self._is_working(day)

    def _require_span(self, first: dt.date, last: dt.date) -> None:
        """Every year from ``first`` to ``last`` (inclusive) must be complete."""
        for year in range(first.year, last.year + 1):
            self._require(year)

    # -- counting (3.2) ------------------------------------------------------------------------

    def wd_after(self, start: dt.date, n: int) -> dt.date:
        """The n-th working day after ``start``; ``start`` itself is never counted (3.3 a).

        ``wd_after(d, 0)`` is ``d``.
        """
        if n < 0:
            raise ValueError("n must be non-negative")
        if n == 0:
            return start
        self._require((start + dt.timedelta(days=1)).year)
        index = bisect_right(self._days, start.toordinal()) + n - 1
        if index >= len(self._days) or not self._contiguous(start, self._days[index]):
            # The answer lies in (or beyond) a year without data: name the first missing year.
            year = (start + dt.timedelta(days=1)).year
            while year in self.complete_years:
                year += 1
            raise CalendarMissing(year)
        return dt.date.fromordinal(self._days[index])

    def _contiguous(self, start: dt.date, end_ordinal: int) -> bool:
        end = dt.date.fromordinal(end_ordinal)
        return all(y in self.complete_years for y in range((start + dt.timedelta(days=1)).year, end.year + 1))

    def wd_between(self, a: dt.date, b: dt.date) -> int:
        """Working days in the half-open interval (a, b]; 0 when b <= a."""
        if b <= a:
            return 0
        self._require_span(a + dt.timedelta(days=1), b)
        return bisect_right(self._days, b.toordinal()) - bisect_right(self._days, a.toordinal())

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        return self.wd_after(day, 1)

    def on_or_next_working_day(self, day: dt.date) -> dt.date:
        """``day`` if it is a working day, else the next one (3.4: remedy end dates)."""
        return day if self.is_working_day(day) else self.wd_after(day, 1)

    def special_days(self, a: dt.date, b: dt.date) -> list[DayNote]:
        """Holidays falling on weekdays and make-up workdays in (a, b], for explanations."""
        lo = bisect_right(self._special_ordinals, a.toordinal())
        hi = bisect_right(self._special_ordinals, b.toordinal())
        return self._special[lo:hi]


def builtin_overrides() -> tuple[dict[dt.date, str], dict[dt.date, str], set[int]]:
    """The shipped arrangement for 2019–2026, from the chinesecalendar package.

    Returns (overrides, notes, complete years). Only deviations from Monday–Friday are kept.
    """
    import chinese_calendar.constants as cc  # noqa: PLC0415 — loaded only when the built-in data is asked for

    overrides: dict[dt.date, str] = {}
    notes: dict[dt.date, str] = {}
    for day, name in cc.holidays.items():
        if BUILTIN_FIRST_YEAR <= day.year <= BUILTIN_LAST_YEAR and day.weekday() < 5:
            overrides[day] = HOLIDAY
            notes[day] = HOLIDAY_NAMES.get(str(name), str(name))
    for day, name in cc.workdays.items():
        if BUILTIN_FIRST_YEAR <= day.year <= BUILTIN_LAST_YEAR and day.weekday() >= 5:
            overrides[day] = WORKDAY
            notes[day] = HOLIDAY_NAMES.get(str(name), str(name)) + "调休上班"
    return overrides, notes, set(range(BUILTIN_FIRST_YEAR, BUILTIN_LAST_YEAR + 1))


HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}

_builtin: WorkCalendar | None = None


def builtin_calendar() -> WorkCalendar:
    """The shipped calendar, without administrator overrides (used by tests and the CLI core)."""
    global _builtin
    if _builtin is None:
        overrides, notes, years = builtin_overrides()
        _builtin = WorkCalendar(overrides, years, notes)
    return _builtin
