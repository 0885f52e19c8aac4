"""The clock of an application: the timeline mapped to law.clock, the cached due date, and the
recomputation of every open case (after a calendar change, and daily so windows lapse).

Other modules call ``deadlines.refresh_clock`` through this module, so one patch of it (tests) reaches
every caller.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction

from gongkai.holidays.services import current_calendar
from gongkai.law import clock as lawclock
from gongkai.law import today as law_today
from gongkai.law.calendar import CalendarMissing

from .models import CLOCKED_STATUSES, Application, EventKind, Status, TimelineEvent

CLOCK_KINDS = {
    EventKind.CORRECTION_REQUESTED: lawclock.CORRECTION_REQUESTED,
    EventKind.CORRECTION_RECEIVED: lawclock.CORRECTION_RECEIVED,
    EventKind.CONSULTATION_SENT: lawclock.CONSULTATION_SENT,
    EventKind.CONSULTATION_ANSWERED: lawclock.CONSULTATION_ANSWERED,
    EventKind.FEE_NOTICE_SENT: lawclock.FEE_NOTICE_SENT,
    EventKind.FEE_PAID: lawclock.FEE_PAID,
    EventKind.EXTENSION: lawclock.EXTENSION,
    EventKind.DEFERRAL: lawclock.DEFERRAL,
}


# Notices whose period runs from their service (送达): the correction period, the consultation window,
# the payment period (domain.md 3.3 c, d, f; legal-review.md A5, B8).
SERVED_KINDS = (EventKind.CORRECTION_REQUESTED, EventKind.CONSULTATION_SENT, EventKind.FEE_NOTICE_SENT)


def clock_events(events) -> list[lawclock.Event]:
    """The clock-relevant events of a timeline; superseded events are ignored. A notice's service
    date is the ``delivered`` event recorded for it (``record_service``; a correction supersedes the
    earlier one), else the ``served_on`` given at sending; without either the notice is awaiting
    service and its period cannot lapse."""
    superseded = {e.supersedes_id for e in events if e.supersedes_id}
    served_later = {
        int(e.data["notice_event"]): e.occurred_on for e in events
        if e.kind == EventKind.DELIVERED and (e.data or {}).get("notice_event") and e.id not in superseded
    }
    # An old "协办机关" request is not an Art. 32/34 consultation and never paused the clock lawfully
    # (legal-review.md A1): it and its reply are left out.
    assistance = {str(e.id) for e in events
                  if e.kind == EventKind.CONSULTATION_SENT and (e.data or {}).get("party_kind") == "assistance"}
    out = []
    for e in events:
        if e.kind not in CLOCK_KINDS or e.id in superseded:
            continue
        d = e.data or {}
        ref = d.get("ref")
        if str(e.id) in assistance or (e.kind == EventKind.CONSULTATION_ANSWERED and str(ref) in assistance):
            continue
        # A service recorded as its own event is the later record; it prevails over one given at sending.
        served_on = served_later.get(e.id) or (dt.date.fromisoformat(d["served_on"]) if d.get("served_on") else None)
        out.append(
            lawclock.Event(
                type=CLOCK_KINDS[e.kind],
                date=e.occurred_on,
                period_days=d.get("period_days"),
                days=d.get("days"),
                served_on=served_on,
                ref=str(ref) if ref is not None else (str(e.id) if e.kind == EventKind.CONSULTATION_SENT else None),
                due=dt.date.fromisoformat(d["due"]) if d.get("due") else None,
                awaiting_service=e.kind in SERVED_KINDS and served_on is None,
            )
        )
    return out


def compute_clock(app: Application, extra: list[lawclock.Event] = (), as_of: dt.date | None = None):
    """The clock of an application as of today (or ``as_of``). Raises CalendarMissing/ClockError."""
    if app.received_on is None:
        return None
    events = list(app.events.all()) if app.pk else []
    return lawclock.compute(
        app.received_on,
        clock_events(events) + list(extra),
        current_calendar(),
        as_of=as_of or law_today.today(),
        rules=lawclock.ClockRules(correction_period_days=settings.GONGKAI["CORRECTION_PERIOD_DAYS"]),
    )


def _clear_clock(app: Application, problem: str = "") -> None:
    app.due_on, app.clock_state, app.clock_remaining, app.clock_problem = None, "", None, problem
    app.due_earliest, app.due_provisional_years = None, ""


def refresh_clock(app: Application, *, reason: str | None = None) -> None:
    """Recompute the cached due date; record a timeline event when ``reason`` is given and it moved.

    A pause that ended by itself (a consultation window lapsed) returns the case to 办理中. A date
    counted over a year not yet confirmed is cached with its years (provisional) and the earliest
    plausible date, which due-soon and overdue alerts use (revised 3.1)."""
    old = app.due_on
    if app.status not in CLOCKED_STATUSES or app.received_on is None:
        _clear_clock(app)
    else:
        try:
            result = compute_clock(app)
            app.due_on = result.due
            app.clock_state = result.state
            app.clock_remaining = result.remaining
            app.clock_problem = ""
            app.due_earliest = result.earliest_due
            app.due_provisional_years = ",".join(str(y) for y in result.provisional_years)
            if app.status == Status.PAUSED and result.state == lawclock.RUNNING:
                app.status = Status.IN_PROGRESS
                Application.objects.filter(pk=app.pk).update(status=app.status)
                TimelineEvent.objects.create(
                    application=app, kind=EventKind.NOTE, occurred_on=law_today.today(),
                    note="征求意见答复期限届满，恢复计时（条例第三十三条、第三十二条）",
                )
        except CalendarMissing as e:
            _clear_clock(app, e.pending_label)
        except lawclock.ClockError as e:
            _clear_clock(app, f"期限无法计算：{e}")
    Application.objects.filter(pk=app.pk).update(
        due_on=app.due_on, clock_state=app.clock_state, clock_remaining=app.clock_remaining,
        clock_problem=app.clock_problem, due_earliest=app.due_earliest,
        due_provisional_years=app.due_provisional_years,
    )
    if reason and old != app.due_on:
        TimelineEvent.objects.create(
            application=app,
            kind=EventKind.DUE_RECOMPUTED,
            occurred_on=law_today.today(),
            data={"old": old.isoformat() if old else None, "new": app.due_on.isoformat() if app.due_on else None},
            note=reason,
        )


def refresh_open_deadlines(reason: str | None = None) -> int:
    """Recompute every open case (after a calendar change, and daily so windows lapse).

    Each case under its row lock, so a job running beside a handler's action never writes a date
    computed from the timeline before that action. Idempotent: a second run moves nothing, so it
    writes no second ``due_recomputed`` entry."""
    n = 0
    for pk in list(Application.objects.filter(status__in=CLOCKED_STATUSES).values_list("pk", flat=True)):
        with transaction.atomic():
            app = Application.objects.select_for_update().filter(pk=pk, status__in=CLOCKED_STATUSES).first()
            if app is None:
                continue
            refresh_clock(app, reason=reason)
        n += 1
    return n
