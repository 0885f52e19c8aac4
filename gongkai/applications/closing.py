"""The end of a case: the decision (one reportable outcome), the answer and its delivery, closure
of lapsed corrections and payments (by hand, or by the daily job), withdrawal, supplementary answers."""

from __future__ import annotations

import datetime as dt
import logging

from gongkai.law import clock as lawclock
from gongkai.law import outcomes, workflows
from gongkai.law import today as law_today
from gongkai.law.calendar import CalendarMissing

from . import deadlines
from .actions import ActionError, _Action, _check_date, _event, _issue
from .deadlines import compute_clock, refresh_open_deadlines
from .models import Application, EventKind, Status, TimelineEvent

log = logging.getLogger("gongkai.applications")


# Fields an answer may need beyond the reasons, by outcome (domain.md 2.11 item 6).
DETAIL_FIELDS = {
    "published_where": "公开的位置（网址、栏目、索引号）",
    "how_to_obtain": "获取方式、途径和时间",
    "other_agency": "负责公开该信息的机关名称",
    "other_agency_contact": "该机关联系方式",
    "earlier_letter": "此前答复的文书编号和日期",
    "special_law": "应依照办理的法律、行政法规",
    "publication_where": "公开出版物的获取途径",
    "exemption_basis": "不予公开的具体依据（条款）",
    "proper_channel": "信访、投诉、举报的办理渠道",
}


def decide(app, actor, on: dt.date, *, outcome: str, reasons: str = "", details: dict | None = None,
           expected_version=None):
    """Record the one reportable outcome (domain.md 4). Adverse outcomes need reasons and their
    legal basis; partial disclosure counts only as （二）."""
    try:
        oc = outcomes.by_code(outcome)
    except KeyError as e:
        raise ActionError(str(e))
    if oc.code in ("6.1", "6.2"):
        raise ActionError("逾期不补正、逾期未缴费由系统在期限届满后终止办理，不能直接选择")
    details = {k: (v or "").strip() for k, v in (details or {}).items() if k in DETAIL_FIELDS}
    if oc.requires_reasons and not reasons.strip():
        raise ActionError(f"“{oc.short_label}”须写明理由")
    if oc.code == "4.1" and not (details.get("other_agency") or reasons.strip()):
        raise ActionError("请写明不掌握的理由，或写明负责公开该信息的机关")
    if oc.code == "5.2" and not details.get("earlier_letter"):
        raise ActionError("重复申请须写明此前答复的文书编号和日期（条例第三十六条第（六）项）")
    if oc.code == "1" and not (details.get("published_where") or details.get("how_to_obtain")):
        raise ActionError("予以公开须写明获取方式或已公开的位置（条例第三十六条第（一）、（二）项）")
    with _Action(app, actor, step="decide", expected_version=expected_version) as app:
        _check_date(app, on, "决定日期")
        app.outcome, app.outcome_reasons, app.decided_on = oc.code, reasons.strip(), on
        app.status = Status.DECIDED
        app.save(update_fields=["outcome", "outcome_reasons", "decided_on", "status"])
        _event(app, EventKind.DECIDED, on, actor, note=reasons, outcome=oc.code, outcome_label=oc.label, **details)
        deadlines.refresh_clock(app)
    return app


def latest_decision(app: Application) -> TimelineEvent | None:
    return app.events.filter(kind=EventKind.DECIDED).order_by("-id").first()


def issue_answer(app, actor, on: dt.date, *, expected_version=None):
    """The unit head signs and issues the answer letter (or closure notice); the case is then
    concluded for the annual report (domain.md 5.7)."""
    with _Action(app, actor, step="issue", expected_version=expected_version) as app:
        _check_date(app, on, "答复日期")
        decision = latest_decision(app)
        oc = outcomes.by_code(app.outcome)
        letter = _issue(app, oc.letter_kind, actor, on, signed=True, **(decision.data if decision else {}))
        app.status = Status.ANSWERED
        app.concluded_on = on
        app.save(update_fields=["status", "concluded_on"])
        deadlines.refresh_clock(app)
    return letter


def record_delivery(app, actor, on: dt.date, *, method: str, letter_id: int | None = None, expected_version=None):
    if not method.strip():
        raise ActionError("请填写送达方式")
    with _Action(app, actor, step="delivery", expected_version=expected_version) as app:
        _check_date(app, on, "送达日期")
        letters = app.letters.filter(kind__in=("answer_letter", "closure_notice"), delivered_on__isnull=True)
        if letter_id:
            letters = letters.filter(pk=letter_id)
        letter = letters.order_by("-id").first()
        if letter is None:
            raise ActionError("没有待送达的答复文书")
        if on < letter.issued_on:
            raise ActionError("送达日期不能早于文书日期")
        letter.delivered_on, letter.delivery_method = on, method
        letter.save(update_fields=["delivered_on", "delivery_method"])
        _event(app, EventKind.DELIVERED, on, actor, letter=letter.number, method=method)
        app.status = Status.CLOSED
        app.save(update_fields=["status"])
        _event(app, EventKind.CLOSED, on, actor)
    return app


def close_lapsed(app, actor, on: dt.date, *, expected_version=None):
    """No correction (（六）1) or no payment (（六）2) within the period: the case ends on the next
    working day after the period (domain.md 3.3 c, f). The schedule does it by itself the day after
    (``close_lapsed_cases``); a handler may do it on the closing day."""
    with _Action(app, actor, step="close_lapsed", expected_version=expected_version) as app:
        return _close_lapsed(app, actor, on)


def _close_lapsed(app, actor, on: dt.date):
    result = compute_clock(app)
    if result.state == lawclock.CORRECTION_LAPSED:
        code = "6.1"
    elif result.state == lawclock.FEE_LAPSED:
        code = "6.2"
    else:
        raise ActionError("补正期限或缴费期限尚未届满，不能终止办理")
    on = max(on, result.closes_on)
    _check_date(app, on, "终止日期")
    oc = outcomes.by_code(code)
    note = "" if actor is not None else "期限届满，系统按期终止办理"
    app.outcome, app.decided_on, app.status = code, on, Status.DECIDED
    app.outcome_reasons = oc.label
    app.save(update_fields=["outcome", "decided_on", "status", "outcome_reasons"])
    _event(app, EventKind.DECIDED, on, actor, note=note, outcome=code, outcome_label=oc.label)
    letter = _issue(app, "closure_notice", actor, on, outcome=code)
    app.status, app.concluded_on = Status.ANSWERED, on
    app.save(update_fields=["status", "concluded_on"])
    deadlines.refresh_clock(app)
    return letter


LAPSE_STATUSES = tuple(Status(s) for s in workflows.LAPSING)
LAPSED_STATES = (lawclock.CORRECTION_LAPSED, lawclock.FEE_LAPSED)


def close_lapsed_cases(on: dt.date | None = None) -> int:
    """Close by themselves the cases whose correction or payment period ended without the applicant
    acting (domain.md 3.3 c, f: （六）1, （六）2), as ``close_lapsed`` does, dated the closing day
    (the next working day after the period) once that day has passed: the organ has the whole
    closing day to record a correction or payment that arrived in time, or to close it itself.
    Run daily by the schedule; a case already closed is skipped, so running twice closes once."""
    on = on or law_today.today()
    closed = 0
    for app in Application.objects.filter(status__in=LAPSE_STATUSES).select_related("agency"):
        try:
            result = compute_clock(app)
        except (CalendarMissing, lawclock.ClockError):
            continue
        if result is None or result.state not in LAPSED_STATES or result.closes_on >= on:
            continue
        try:
            with _Action(app, None, step="close_lapsed") as locked:
                _close_lapsed(locked, None, result.closes_on)
        except ActionError as e:  # changed meanwhile (a correction recorded, closed by hand)
            log.info("application %s not closed by the schedule: %s", app.pk, e)
            continue
        closed += 1
    return closed


def daily_deadlines(on: dt.date | None = None) -> tuple[int, int]:
    """The daily clock job (``refresh_deadlines``, jobs.schedule): recompute every open case so
    consultation windows and payment periods lapse, then close the lapsed ones. (refreshed, closed)"""
    refreshed = refresh_open_deadlines()
    return refreshed, close_lapsed_cases(on)


def withdraw(app, actor, on: dt.date, *, reason: str, expected_version=None):
    """The applicant withdraws: reported as （六）3 其他 (project convention)."""
    if not reason.strip():
        raise ActionError("请记录撤回方式（如申请人书面撤回、电话撤回）")
    with _Action(app, actor, step="withdraw", expected_version=expected_version) as app:
        _check_date(app, on, "撤回日期")
        was_received = app.received_on is not None
        _event(app, EventKind.WITHDRAWN, on, actor, note=reason)
        app.status = Status.WITHDRAWN
        if was_received:
            app.outcome, app.decided_on, app.concluded_on = "6.3", on, on
            app.outcome_reasons = f"申请人撤回申请：{reason}"
        app.save(update_fields=["status", "outcome", "decided_on", "concluded_on", "outcome_reasons"])
        deadlines.refresh_clock(app)
        if was_received:
            _issue(app, "closure_notice", actor, on, outcome="6.3", withdrawal=reason)
    return app


def supplementary_answer(app, actor, on: dt.date, *, text: str, expected_version=None):
    """补充答复: a new event and letter on the same application; never a second count (4.2)."""
    if not text.strip():
        raise ActionError("请填写补充答复内容")
    with _Action(app, actor, step="supplementary", expected_version=expected_version) as app:
        _check_date(app, on, "补充答复日期")
        original = app.letters.filter(kind__in=("answer_letter", "closure_notice")).order_by("-id").first()
        _event(app, EventKind.SUPPLEMENTARY_ANSWER, on, actor, note=text)
        return _issue(app, "supplementary_answer", actor, on, text=text,
                      original_number=original.number if original else "",
                      original_date=original.issued_on if original else None)
