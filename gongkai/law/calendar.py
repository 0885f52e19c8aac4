"""Working-day calendar (domain.md 3.1, 3.2).

A working day is Monday–Friday, minus the rest days of the State Council General Office's annual
holiday notice, plus the weekend make-up workdays (调休上班) it names. The calendar is data, not
rules: a set of per-date overrides on top of Monday–Friday, and the set of years whose data is
complete.

A year whose arrangement is not entered and confirmed is never a wall (revised 3.1): its days
off follow the statutory rule (``holiday_rules``) and every result that examined it is marked
provisional, to be recomputed when the notice is entered. Only a strict view raises
:class:`CalendarMissing` naming that year.

Pure Python: no Django import. The Django side (``gongkai.holidays``) builds a
:class:`WorkCalendar` from the built-in data plus administrator overrides.
"""

from __future__ import annotations

import copy
import datetime as dt
import threading
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from gongkai.law import holiday_rules

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


def provisional_note(years: Iterable[int]) -> str:
    """What every provisional date says (3.1), e.g. on the case page and in the API."""
    years = sorted(set(years))
    if not years:
        return ""
    names = "、".join(f"{y}年" for y in years)
    return f"暂定：按法定节假日推算，待录入国务院办公厅{names}节假日安排后自动重算。"


@dataclass(frozen=True)
class DayNote:
    """A non-ordinary day met while counting: a holiday on a weekday or a make-up workday."""

    date: dt.date
    kind: str  # HOLIDAY or WORKDAY
    note: str = ""


PROVISIONAL = "provisional"  # years not confirmed follow the statutory rule, marked (default)
STRICT = "strict"  # years not confirmed raise CalendarMissing (deadline --strict)
EARLIEST = "earliest"  # years not confirmed: weekdays minus statutory festival days only


class _Span:
    """Working days of the years lo..hi as one sorted list of ordinals, plus the special days."""

    __slots__ = ("lo", "hi", "days", "special", "special_ordinals")

    def __init__(self, lo, hi, days, special):
        self.lo, self.hi, self.days, self.special = lo, hi, days, special
        self.special_ordinals = [d.date.toordinal() for d in special]


class WorkCalendar:
    """Working days: confirmed years from their overrides, the others provisional (3.1).

    ``overrides`` maps a date to ``HOLIDAY`` (a weekday off) or ``WORKDAY`` (a weekend make-up
    workday); an override that restates the default (a holiday on a Sunday) is harmless.
    ``complete_years`` are the years whose arrangement is entered and confirmed. For any other year
    the statutory rule of :mod:`gongkai.law.holiday_rules` gives the days off (plus any override
    already entered for that year), and every result that examined such a year is provisional:
    :meth:`tracking` returns a view that records those years in ``touched``. :meth:`strict`
    refuses them instead (CalendarMissing); :meth:`earliest` counts them with the fewest days off
    any notice could give (for due-soon and overdue alerts).

    Counting is O(log n): the working days of the years in use are kept as one sorted list of
    ordinals, so ``wd_after`` is an index lookup and ``wd_between`` a difference of two bisections.
    The list grows by whole years when a computation reaches past it.
    """

    def __init__(
        self,
        overrides: Mapping[dt.date, str],
        complete_years: Iterable[int],
        notes: Mapping[dt.date, str] | None = None,
        *,
        mode: str = PROVISIONAL,
    ):
        self.overrides = dict(overrides)
        self.complete_years = frozenset(complete_years)
        self.notes = dict(notes or {})
        for kind in self.overrides.values():
            if kind not in (HOLIDAY, WORKDAY):
                raise ValueError(f"unknown override kind {kind!r}")
        if mode not in (PROVISIONAL, STRICT, EARLIEST):
            raise ValueError(f"unknown mode {mode!r}")
        self.mode = mode
        self.touched: set[int] | None = None
        by_year: dict[int, dict[dt.date, str]] = {}
        for day, kind in self.overrides.items():
            by_year.setdefault(day.year, {})[day] = kind
        # Shared by every view of this calendar: per-year overrides, built spans per data kind.
        self._shared = {"by_year": by_year, "years": {}, "spans": {}, "lock": threading.Lock()}

    # -- views ---------------------------------------------------------------------------------

    def _view(self, mode: str, *, track: bool = False) -> WorkCalendar:
        view = copy.copy(self)
        view.mode = mode
        view.touched = set() if track else None
        return view

    def strict(self) -> WorkCalendar:
        """The same calendar, refusing (CalendarMissing) any year not confirmed."""
        return self._view(STRICT)

    def earliest(self) -> WorkCalendar:
        """The same calendar, counting unconfirmed years with the fewest plausible days off."""
        return self._view(EARLIEST)

    def tracking(self) -> WorkCalendar:
        """A view that records in ``touched`` every unconfirmed year a computation examined."""
        return self._view(self.mode, track=True)

    def provisional_years_between(self, first: dt.date, last: dt.date) -> list[int]:
        """The unconfirmed years among those of ``first``..``last``."""
        return [y for y in range(first.year, last.year + 1) if y not in self.complete_years]

    # -- data per year ---------------------------------------------------------------------------

    def _data_kind(self) -> str:
        return EARLIEST if self.mode == EARLIEST else PROVISIONAL

    def _year(self, year: int) -> tuple[dict[dt.date, str], dict[dt.date, str]]:
        """(overrides, notes) in force for ``year`` under this view's data kind."""
        key = (self._data_kind(), year)
        cache = self._shared["years"]
        found = cache.get(key)
        if found is not None:
            return found
        entered = self._shared["by_year"].get(year, {})
        if year in self.complete_years:
            overrides = dict(entered)
            notes = {d: self.notes.get(d, "") for d in overrides}
        else:
            try:
                guessed = (
                    holiday_rules.earliest_holidays(year) if self.mode == EARLIEST
                    else holiday_rules.provisional_holidays(year)
                )
            except ValueError:
                raise CalendarMissing(year) from None
            overrides = dict.fromkeys(guessed, HOLIDAY)
            notes = dict(guessed)
            for day, kind in entered.items():  # what an administrator entered already counts
                overrides[day] = kind
                notes[day] = self.notes.get(day, "")
        cache[key] = (overrides, notes)
        return overrides, notes

    def _span(self, lo: int, hi: int) -> _Span:
        """A span covering at least the years lo..hi."""
        kind = self._data_kind()
        span = self._shared["spans"].get(kind)
        if span is not None and span.lo <= lo and hi <= span.hi:
            return span
        with self._shared["lock"]:
            span = self._shared["spans"].get(kind)
            if span is not None:
                lo, hi = min(lo, span.lo), max(hi, span.hi)
            days: list[int] = []
            special: list[DayNote] = []
            one = dt.timedelta(days=1)
            for year in range(lo, hi + 1):
                overrides, notes = self._year(year)
                day = dt.date(year, 1, 1)
                while day.year == year:
                    kind_of_day = overrides.get(day)
                    working = day.weekday() < 5 if kind_of_day is None else kind_of_day == WORKDAY
                    if working:
                        days.append(day.toordinal())
                    if (kind_of_day == HOLIDAY and day.weekday() < 5) or (
                        kind_of_day == WORKDAY and day.weekday() >= 5
                    ):
                        special.append(DayNote(day, kind_of_day, notes.get(day, "")))
                    day += one
            span = _Span(lo, hi, days, special)
            self._shared["spans"][kind] = span
            return span

    def _note(self, first_year: int, last_year: int) -> None:
        """Every year first..last is examined: strict refuses unconfirmed ones, tracking records them."""
        for year in range(first_year, last_year + 1):
            if year not in self.complete_years:
                if self.mode == STRICT:
                    raise CalendarMissing(year)
                if self.touched is not None:
                    self.touched.add(year)

    # -- single days -------------------------------------------------------------------------

    def is_working_day(self, day: dt.date) -> bool:
        self._note(day.year, day.year)
        kind = self._year(day.year)[0].get(day)
        if kind == HOLIDAY:
            return False
        if kind == WORKDAY:
            return True
        return day.weekday() < 5

    # -- counting (3.2) ------------------------------------------------------------------------

    def wd_after(self, start: dt.date, n: int) -> dt.date:
        """The n-th working day after ``start``; ``start`` itself is never counted (3.3 a).

        ``wd_after(d, 0)`` is ``d``.
        """
        if n < 0:
            raise ValueError("n must be non-negative")
        if n == 0:
            return start
        first_year = (start + dt.timedelta(days=1)).year
        if self.mode == STRICT:
            self._note(first_year, first_year)
        hi = first_year
        while True:
            span = self._span(first_year, hi)
            index = bisect_right(span.days, start.toordinal()) + n - 1
            if index < len(span.days):
                result = dt.date.fromordinal(span.days[index])
                break
            hi = span.hi + max(1, n // 240 + 1)
            if hi > holiday_rules.LAST_YEAR and hi not in self.complete_years:
                raise CalendarMissing(hi)
        self._note(first_year, result.year)
        return result

    def wd_between(self, a: dt.date, b: dt.date) -> int:
        """Working days in the half-open interval (a, b]; 0 when b <= a."""
        if b <= a:
            return 0
        first = a + dt.timedelta(days=1)
        self._note(first.year, b.year)
        span = self._span(first.year, b.year)
        return bisect_right(span.days, b.toordinal()) - bisect_right(span.days, a.toordinal())

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        return self.wd_after(day, 1)

    def on_or_next_working_day(self, day: dt.date) -> dt.date:
        """``day`` if it is a working day, else the next one (3.4: remedy end dates)."""
        return day if self.is_working_day(day) else self.wd_after(day, 1)

    def special_days(self, a: dt.date, b: dt.date) -> list[DayNote]:
        """Holidays falling on weekdays and make-up workdays in (a, b], for explanations."""
        if b <= a:
            return []
        span = self._span((a + dt.timedelta(days=1)).year, b.year)
        lo = bisect_right(span.special_ordinals, a.toordinal())
        hi = bisect_right(span.special_ordinals, b.toordinal())
        return span.special[lo:hi]


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
