"""Workbench list queries: filtering, due-soon/overdue marks, counts. Shared by the HTML list,
the XLSX export and the API so they can never disagree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q

from gongkai.agencies import access as agency_access
from gongkai.holidays.services import current_calendar
from gongkai.law import clock as lawclock
from gongkai.law import receipt
from gongkai.law import today as law_today
from gongkai.law.calendar import CalendarMissing

from . import access, sorting
from .models import CONFIRMATION_CHANNELS, OPEN_STATUSES, Application, Status


@dataclass
class Marks:
    """Thresholds for due-soon and overdue, computed once per request (not per row)."""

    today: dt.date
    due_soon_limit: dt.date | None
    confirm_overdue_before: dt.date | None

    @classmethod
    def now(cls) -> Marks:
        t = law_today.today()
        cal = current_calendar()
        try:
            limit = cal.wd_after(t, settings.GONGKAI["DUE_SOON_WORKING_DAYS"])
        except CalendarMissing:
            limit = None
        try:
            confirm_before = lawclock.confirmation_late_before(
                t, cal, settings.GONGKAI["CONFIRM_ONLINE_WITHIN_WORKING_DAYS"])
        except CalendarMissing:
            confirm_before = None
        return cls(t, limit, confirm_before)

    def row(self, app: Application) -> dict:
        # While provisional, alerts use the earliest plausible date (revised 3.1): a notice that
        # moves the date earlier never makes an organ late unwarned. A case confirmed late also
        # escalates on its court-safe date when that is earlier (legal-review.md B7).
        court_due = court_safe_due(app)
        alert = receipt.earlier(app.alert_due, court_due) if app.alert_due else None
        overdue = app.is_open and alert is not None and alert < self.today
        due_soon = (
            app.is_open and not overdue and alert is not None and self.due_soon_limit is not None
            and alert <= self.due_soon_limit
        )
        confirm_late = (
            app.status == Status.PENDING and app.channel in CONFIRMATION_CHANNELS
            and self.confirm_overdue_before is not None and app.submitted_on < self.confirm_overdue_before
        )
        return {"overdue": overdue, "due_soon": due_soon, "confirm_late": confirm_late,
                "provisional": app.due_provisional, "late_confirmation": app.late_confirmation,
                "court_due": court_due}


def court_safe_due(app: Application) -> dt.date | None:
    """The due date a court may apply to a case whose receipt was confirmed late: the statutory
    clock's events counted from the arrival (ordinary letter) or the submission (law/receipt.py).
    None for a case without the mark, and while the clock is paused or cannot be computed."""
    if not app.late_confirmation or app.received_on is None:
        return None
    from .deadlines import clock_events

    try:
        return receipt.court_safe_due(
            receipt.court_anchor(app.submitted_on, app.arrived_on),
            clock_events(list(app.events.all())),
            current_calendar(),
            as_of=law_today.today(),
            rules=lawclock.ClockRules(correction_period_days=settings.GONGKAI["CORRECTION_PERIOD_DAYS"]),
        )
    except CalendarMissing:
        return None


FILTER_KEYS = ("scope", "status", "outcome", "channel", "applicant", "agency", "from", "to", "q", "flag", "sort")


def filtered(user, params) -> tuple:
    """The applications this user may read, filtered by the request parameters."""
    qs = access.readable(user).select_related("agency", "assigned_to")
    scope = params.get("scope") or "mine"
    if scope == "mine":
        qs = qs.filter(assigned_to=user)
    status = params.get("status")
    if status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif status:
        qs = qs.filter(status=status)
    if params.get("outcome"):
        qs = qs.filter(outcome=params["outcome"])
    if params.get("channel"):
        qs = qs.filter(channel=params["channel"])
    applicant = params.get("applicant")
    if applicant == "natural_person":
        qs = qs.filter(applicant_kind="natural_person")
    elif applicant:
        qs = qs.filter(applicant_kind="organisation", org_type=applicant)
    if params.get("agency"):
        qs = qs.filter(agency__code=params["agency"])
    for key, lookup in (("from", "submitted_on__gte"), ("to", "submitted_on__lte")):
        value = params.get(key)
        if value:
            try:
                qs = qs.filter(**{lookup: dt.date.fromisoformat(value)})
            except ValueError:
                pass
    q = (params.get("q") or "").strip()
    if q:
        text = Q(description__icontains=q) | Q(info_title__icontains=q)
        if access.looks_personal(q) and not user.is_superuser:
            # Searching the free text for an ID number or phone would tell a reader who sees it masked
            # that it is there: such a search reaches only the cases this user handles.
            text &= Q(agency_id__in=agency_access.working_agency_ids(user))
        qs = qs.filter(text | Q(reference__icontains=q) | Q(info_doc_no__icontains=q))
    marks = Marks.now()
    flag = params.get("flag")
    if flag == "overdue":
        qs = qs.filter(Q(status__in=OPEN_STATUSES, due_earliest__lt=marks.today)
                       | Q(pk__in=_escalated(qs, marks, "overdue")))
    elif flag == "due_soon" and marks.due_soon_limit:
        qs = qs.filter(Q(status__in=OPEN_STATUSES, due_earliest__gte=marks.today,
                         due_earliest__lte=marks.due_soon_limit)
                       | Q(pk__in=_escalated(qs, marks, "due_soon")))
        qs = qs.exclude(pk__in=_escalated(qs, marks, "overdue"))
    elif flag == "provisional":
        qs = qs.filter(status__in=OPEN_STATUSES).exclude(due_provisional_years="")
    elif flag == "confirm_late" and marks.confirm_overdue_before:
        qs = qs.filter(status=Status.PENDING, channel__in=CONFIRMATION_CHANNELS,
                       submitted_on__lt=marks.confirm_overdue_before)
    qs = sorting.order(qs, params.get("sort"))  # ?sort= by column; by due date by default
    return qs, marks


def _escalated(qs, marks: Marks, key: str) -> list[int]:
    """The open cases confirmed late whose court-safe date makes them ``key`` (overdue, due_soon):
    few, so their mark is computed row by row (legal-review.md B7)."""
    return [a.pk for a in qs.filter(status__in=OPEN_STATUSES, late_confirmation=True) if marks.row(a)[key]]


def counts_by_agency(user, marks: Marks):
    """Supervisor view: open, due-soon and overdue counts per organ of the readable subtree."""
    qs = access.readable(user).filter(status__in=OPEN_STATUSES)
    soon = Q(due_earliest__gte=marks.today)
    if marks.due_soon_limit:
        soon &= Q(due_earliest__lte=marks.due_soon_limit)
    else:
        soon = Q(pk__in=[])
    rows = (
        qs.values("agency__id", "agency__name", "agency__code", "agency__path")
        .annotate(
            open=Count("id"),
            overdue=Count("id", filter=Q(due_earliest__lt=marks.today)),
            due_soon=Count("id", filter=soon),
            provisional=Count("id", filter=~Q(due_provisional_years="")),
            unconfirmed=Count("id", filter=Q(status=Status.PENDING)),
        )
        .order_by("agency__path")
    )
    return list(rows)


def recently_recomputed(user, today: dt.date, days: int = 14, limit: int = 20):
    """Due dates recomputed after a calendar change in the last ``days`` days, on the cases this
    user handles (assigned) or, for others, may read: shown on the workbench (revised 3.1)."""
    from .models import EventKind, TimelineEvent

    apps = access.readable(user).filter(status__in=OPEN_STATUSES)
    mine = apps.filter(assigned_to=user)
    qs = TimelineEvent.objects.filter(
        kind=EventKind.DUE_RECOMPUTED, occurred_on__gte=today - dt.timedelta(days=days),
        application__in=mine if mine.exists() else apps,
    ).select_related("application").order_by("-occurred_on", "-id")
    return list(qs[:limit])
