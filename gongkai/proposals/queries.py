"""List filters shared by the staff list and the public column: text (title, number, session,
proposers), year, session, kind, classification; and the staff's status and overdue marks."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Q, Value, When

from gongkai.law import proposals as rule
from gongkai.law import today as law_today

from .models import Kind

MAX_QUERY = 50


def clean(params) -> dict:
    """The filters of a GET, bounded and limited to known values."""
    def one(name, allowed=None, size=MAX_QUERY):
        value = str(params.get(name, "") or "").strip()[:size]
        return value if allowed is None or value in allowed else ""

    year = one("year")
    return {
        "q": one("q"), "year": int(year) if year.isdigit() and len(year) == 4 else None,
        "session": one("session", size=100), "kind": one("kind", Kind.values),
        "classification": one("classification", dict(rule.CLASSIFICATIONS)),
        "status": one("status", rule.STATE_LABEL), "overdue": one("overdue", ("1",)),
    }


def apply(qs, f: dict):
    if f.get("q"):
        q = f["q"]
        qs = qs.filter(Q(title__icontains=q) | Q(number__icontains=q) | Q(session__icontains=q)
                       | Q(proposers__icontains=q))
    if f.get("year"):
        qs = qs.filter(year=f["year"])
    if f.get("session"):
        qs = qs.filter(session=f["session"])
    if f.get("kind"):
        qs = qs.filter(kind=f["kind"])
    if f.get("classification"):
        qs = qs.filter(classification=f["classification"])
    if f.get("status"):
        qs = qs.filter(status=f["status"])
    if f.get("overdue"):
        qs = qs.filter(status__in=rule.OPEN_STATES, due_on__lt=law_today.today())
    return qs


def open_first(qs):
    """Open proposals first, the earliest due on top; then the answered ones, the latest first."""
    rank = Case(When(status__in=rule.OPEN_STATES, then=Value(0)), default=Value(1), output_field=IntegerField())
    return qs.annotate(closed_rank=rank).order_by("closed_rank", "due_on", "-answered_on", "id")


def mark(proposals) -> list:
    """Each proposal with its overdue / due-soon mark for the list (law/proposals)."""
    today = law_today.today()
    for p in proposals:
        p.is_overdue = rule.overdue(p.due_on, p.status, today)
        p.is_due_soon = rule.due_soon(p.due_on, p.status, today)
    return proposals
