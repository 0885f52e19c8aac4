"""Late confirmation of receipt (条例第三十一条; domain.md 2.2, 3.3 b; legal-review.md B7).

For online, e-mail, fax and ordinary-letter applications the receipt date is the organ's
confirmation date, so a late confirmation moves the statutory due date. Courts do not let an organ
extend its own deadline that way: a late confirmation leaves a permanent mark, and the case also
shows a court-safe due date counted from the arrival (ordinary letter) or the submission (the other
channels), on which the alerts escalate when it is the earlier one.

Pure Python (no Django): the callers pass the calendar and the clock events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from gongkai.law import clock as lawclock
from gongkai.law.calendar import WorkCalendar
from gongkai.law.clock_model import ANSWER_DAYS, EXTENSION, ClockError, ClockRules, Event


def confirm_by(submitted_on: dt.date, cal: WorkCalendar, *, ordinary_letter: bool,
               arrived_on: dt.date | None = None, within_days: int = 1) -> dt.date:
    """The last day the organ may confirm receipt. Ordinary letter: the day it arrived (Art. 31(二)
    「于收到申请的当日」; the submission date when no arrival was recorded). Online, e-mail, fax: the
    ``within_days``-th working day after submission (domain.md 3.3 b, the 收件确认超时 setting)."""
    if ordinary_letter:
        return arrived_on or submitted_on
    if within_days < 1:
        raise ValueError("within_days must be at least 1")
    return cal.wd_after(submitted_on, within_days)


def is_late(confirmed_on: dt.date, should_by: dt.date) -> bool:
    """A confirmation after the last allowed day is late (an act on that day is on time)."""
    return confirmed_on > should_by


def court_anchor(submitted_on: dt.date, arrived_on: dt.date | None = None) -> dt.date:
    """The date a court may count the 20 working days from: the arrival, else the submission."""
    return arrived_on or submitted_on


def court_safe_due(anchor: dt.date, events: Iterable[Event], cal: WorkCalendar, *,
                   as_of: dt.date | None = None,
                   rules: ClockRules | None = None) -> dt.date | None:
    """The due date counted from ``anchor`` (``court_anchor``) instead of the confirmation date,
    with the case's corrections, pauses and extensions applied exactly as the statutory clock applies
    them (the same ``clock.compute`` on the same events). None while the case is paused (no due date,
    as for the statutory clock). When the timeline read from the earlier anchor is one the clock
    refuses (e.g. a pause recorded after the earlier due date), the plain ``wd_after(anchor, 20 +
    extension days)`` is returned: the court would count that period."""
    events = list(events)
    try:
        return lawclock.compute(anchor, events, cal, as_of=as_of, rules=rules or ClockRules()).due
    except ClockError:
        extra = sum(e.days or 0 for e in events if e.type == EXTENSION)
        return cal.wd_after(anchor, ANSWER_DAYS + extra)


def earlier(statutory: dt.date | None, court_safe: dt.date | None) -> dt.date | None:
    """The date alerts escalate on: the earlier of the two (either may be missing)."""
    dates = [d for d in (statutory, court_safe) if d is not None]
    return min(dates) if dates else None
