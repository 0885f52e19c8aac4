"""The calendar in force: built-in data plus administrator overrides, cached per data version."""

import datetime as dt
import threading

from django.db.models import Count, Max

from gongkai.law import today as days
from gongkai.law.calendar import HOLIDAY, WORKDAY, WorkCalendar, builtin_overrides

from .models import CalendarDay, CalendarYear

_lock = threading.Lock()
_cache: dict = {}


def _version():
    days = CalendarDay.objects.aggregate(n=Count("id"), t=Max("updated_at"))
    years = CalendarYear.objects.aggregate(n=Count("id"), t=Max("updated_at"))
    return (days["n"], days["t"], years["n"], years["t"])


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


def missing_next_year(today: dt.date | None = None) -> int | None:
    """From 1 November, the next year if its arrangement is not yet entered (3.1 reminder)."""
    today = today or days.today()
    if today.month < 11:
        return None
    nxt = today.year + 1
    return None if nxt in current_calendar().complete_years else nxt
