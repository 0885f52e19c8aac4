"""The calendar in force: built-in data plus administrator overrides, cached per data version."""

import datetime as dt
import threading

from django.db.models import Count, Max

from gongkai.law import today as law_today
from gongkai.law.calendar import HOLIDAY, WORKDAY, WorkCalendar, builtin_overrides

from .models import CalendarDay, CalendarYear

_lock = threading.Lock()
_cache: dict = {}


def _version():
    days = CalendarDay.objects.aggregate(n=Count("id"), t=Max("updated_at"))
    years = CalendarYear.objects.aggregate(n=Count("id"), t=Max("updated_at"))
    return (days["n"], days["t"], years["n"], years["t"])


def forget_calendar() -> None:
    """Drop the cached calendar (the data changed)."""
    with _lock:
        _cache.clear()


def current_calendar() -> WorkCalendar:
    """The WorkCalendar every deadline computation uses."""
    version = _version()
    with _lock:
        if _cache.get("version") == version:
            return _cache["calendar"]
    overrides, notes, years = builtin_overrides()
    for day in CalendarDay.objects.all():
        overrides[day.date] = HOLIDAY if day.kind == CalendarDay.HOLIDAY else WORKDAY
        notes[day.date] = day.note
    for row in CalendarYear.objects.all():
        if row.complete:
            years.add(row.year)
        else:
            years.discard(row.year)
    calendar = WorkCalendar(overrides, years, notes)
    with _lock:
        _cache.update(version=version, calendar=calendar)
    return calendar


def unconfirmed_years_ahead(today: dt.date) -> list[int]:
    """Years the banner names: this year if not confirmed, and from 1 November next year if not."""
    complete = current_calendar().complete_years
    years = [today.year] + ([today.year + 1] if today.month >= 11 else [])
    return [y for y in years if y not in complete]


def missing_next_year(today: dt.date | None = None) -> int | None:
    """From 1 November, the next year if its arrangement is not yet entered (3.1 reminder)."""
    today = today or law_today.today()
    if today.month < 11:
        return None
    nxt = today.year + 1
    return None if nxt in current_calendar().complete_years else nxt
