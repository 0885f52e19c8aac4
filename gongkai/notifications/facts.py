"""From a timeline event to the facts of the applicant's message (``messages.Facts``), or None when
the event is nothing the applicant needs to be told (staff-only events, a step another message already
covers). Read right after the event's transaction commits, so the case's cached due date is current.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse

from gongkai.applications.models import Application, EventKind, Status, TimelineEvent
from gongkai.law.clock_model import FEE_PAYMENT_DAYS

from . import messages as M

# The timeline kinds that may produce a message; every other kind (notes, assignments, decisions
# before they are signed, recomputed dates, delivery of the answer, closure) produces none.
NOTIFIED_KINDS = frozenset({
    EventKind.SUBMITTED, EventKind.REGISTERED, EventKind.RECEIPT_CONFIRMED, EventKind.ROUTED,
    EventKind.CORRECTION_REQUESTED, EventKind.CORRECTION_RECEIVED, EventKind.CONSULTATION_SENT,
    EventKind.CONSULTATION_ANSWERED, EventKind.EXTENSION, EventKind.DEFERRAL, EventKind.FEE_NOTICE_SENT,
    EventKind.FEE_PAID, EventKind.DELIVERED, EventKind.LETTER_ISSUED, EventKind.WITHDRAWN,
})

# Letters whose issue is itself the news (the answer and what follows it); the other letters go with
# the event they belong to (receipt, correction, extension, fee, consultation notices).
ANSWER_LETTERS = {"answer_letter": M.ANSWERED, "closure_notice": M.ANSWERED, "record_correction_answer": M.ANSWERED,
                  "supplementary_answer": M.SUPPLEMENTARY, "explanation_request": M.EXPLANATION}
# Notices whose period runs from service: once service is recorded, the applicant learns the end date.
SERVED_PERIODS = {"correction_notice": (Status.AWAITING_CORRECTION, "correction_due"),
                  "fee_notice": (Status.PAUSED, "payment_due")}


def progress_link(app: Application) -> str:
    """The progress page with the 查询号 filled in (the applicant still gives the name)."""
    base = settings.GONGKAI.get("PUBLIC_BASE_URL", "").rstrip("/")
    return f"{base}{reverse('query')}?{urlencode({'code': app.tracking_code})}"


def facts_for(event: TimelineEvent) -> M.Facts | None:
    if event.kind not in NOTIFIED_KINDS:
        return None
    app = event.application
    found = _BUILDERS[event.kind](event, app, event.data or {})
    if found is None:
        return None
    kind, more = found
    base = {"organ": app.agency.name, "tracking_code": app.tracking_code, "on": event.occurred_on,
            "link": progress_link(app), "name": app.name}
    return M.Facts(kind=kind, **{**base, **more})


def _due(app: Application) -> dict:
    return {"due": app.due_on, "due_provisional": app.due_provisional}


def _clock(app: Application):
    from gongkai.applications.deadlines import compute_clock

    try:
        return compute_clock(app)
    except Exception:  # a missing calendar year or a clock error: the message goes without the date
        return None


def _submitted(event, app, data):
    if app.events.filter(kind=EventKind.RECEIPT_CONFIRMED).exists():
        return None  # received at once (in person, auto-confirmed): the receipt message says it all
    source = app.forwarded_from.agency.name if app.forwarded_from_id else ""
    return M.SUBMITTED, {"forwarded_from": source}


def _routed(event, app, data):
    if data.get("forwarded_reference"):
        return None  # a transfer with consent: the new case's own message carries its 查询号
    return M.ROUTED, {"other_organ": data.get("to_agency", ""), "organ": data.get("from_agency") or app.agency.name}


def _correction(event, app, data):
    clock = _clock(app) if data.get("served_on") else None
    return M.CORRECTION_REQUESTED, {"items": data.get("items", ""), "period_days": data.get("period_days"),
                                    "deadline": clock.correction_due if clock else None}


def _resumed(kind):
    def build(event, app, data):
        if app.status != Status.IN_PROGRESS:
            return None  # still paused (another consultation open): nothing changed for the applicant
        return kind, _due(app)
    return build


def _fee(event, app, data):
    from gongkai.law.fees import PAYMENT_METHODS

    due = data.get("payment_due")
    return M.FEE_NOTICE, {
        "amount": str(data.get("amount", "")), "payment_method": PAYMENT_METHODS.get(data.get("payment_method"), ""),
        "payment_reference": data.get("payment_reference", ""), "period_days": FEE_PAYMENT_DAYS,
        "deadline": dt.date.fromisoformat(due) if due else None}


def _served(event, app, data):
    """The service of a correction or fee notice recorded: the period now has an end date. A corrected
    service date (an event superseding the earlier one) gives the corrected end date."""
    expected = SERVED_PERIODS.get(data.get("letter_kind", ""))
    if expected is None or app.status != expected[0] or app.events.filter(kind=EventKind.FEE_PAID).exists():
        return None
    clock = _clock(app)
    deadline = getattr(clock, expected[1], None) if clock else None
    if deadline is None:
        return None
    title = app.letters.filter(pk=data.get("letter_id")).values_list("title", flat=True).first() or ""
    return M.NOTICE_SERVED, {"deadline": deadline, "letter_title": title,
                             "extra": {"letter_kind": data["letter_kind"], "corrected": bool(event.supersedes_id)}}


def _letter(event, app, data):
    kind = ANSWER_LETTERS.get(data.get("kind", ""))
    letter = app.letters.filter(pk=data.get("letter_id")).first()
    if kind is None or letter is None or not letter.public:
        return None
    more = {"letter_title": letter.title, "letter_number": letter.number,
            "extra": {"delivery": app.get_delivery_display()}}
    if kind == M.EXPLANATION:
        from gongkai.applications.closing import explanation_request

        request = explanation_request(app)
        more["deadline"] = request.reply_by if request else None
    return kind, more


_BUILDERS = {
    EventKind.SUBMITTED: _submitted,
    EventKind.REGISTERED: _submitted,
    EventKind.RECEIPT_CONFIRMED: lambda event, app, data: (M.RECEIVED, _due(app)),
    EventKind.ROUTED: _routed,
    EventKind.CORRECTION_REQUESTED: _correction,
    EventKind.CORRECTION_RECEIVED: lambda event, app, data: (M.CORRECTION_RECEIVED, _due(app)),
    EventKind.CONSULTATION_SENT: lambda event, app, data: (M.CONSULTATION, {"consult_kind": data.get("party_kind", "")}),
    EventKind.CONSULTATION_ANSWERED: _resumed(M.RESUMED),
    EventKind.FEE_PAID: _resumed(M.FEE_PAID),
    EventKind.EXTENSION: lambda event, app, data: (M.EXTENSION, {"days": data.get("days"), "reason": event.note,
                                                                 **_due(app)}),
    EventKind.DEFERRAL: lambda event, app, data: (M.DEFERRAL, {"reason": event.note, "due_provisional": False,
                                                               "due": dt.date.fromisoformat(data["due"])
                                                               if data.get("due") else app.due_on}),
    EventKind.FEE_NOTICE_SENT: _fee,
    EventKind.DELIVERED: _served,
    EventKind.LETTER_ISSUED: _letter,
    EventKind.WITHDRAWN: lambda event, app, data: (M.WITHDRAWN, {}),
}
