"""Yearly statistics of the mailbox (staff page and public summary): the rows of one year read in one
query, counted by law/mailbox.yearly_statistics."""

from __future__ import annotations

from gongkai.law import mailbox as rules
from gongkai.law import today as law_today

from .models import Message


def year_param(request) -> int:
    raw = (request.GET.get("year") or "").strip()
    this_year = law_today.today().year
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= this_year else this_year


def years() -> list[int]:
    this_year = law_today.today().year
    first = Message.objects.order_by("received_on").values_list("received_on", flat=True).first()
    return list(range(this_year, (first.year if first else this_year) - 1, -1))


def for_messages(queryset, year: int) -> rules.Statistics:
    values = queryset.filter(received_on__year=year).values_list(
        "category", "status", "received_on", "due_on", "answered_on", "reply__published", "application_id")
    rows = [rules.Row(c, s, r, d, a, bool(p), bool(app)) for c, s, r, d, a, p, app in values]
    return rules.yearly_statistics(year, rows, law_today.today())


def for_agencies(agency_ids, year: int) -> rules.Statistics:
    return for_messages(Message.objects.filter(agency_id__in=list(agency_ids)), year)
