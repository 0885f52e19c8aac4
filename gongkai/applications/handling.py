"""The steps while a case is open: receipt, assignment, routing and transfer, correction (Art. 30),
consultation (Arts. 32, 34), extension (Art. 33), deferral and explanation (Art. 35), notes."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError

from gongkai.agencies.models import Agency, Membership
from gongkai.holidays.services import current_calendar
from gongkai.law import clock as lawclock
from gongkai.law import today as law_today

from . import deadlines
from .actions import ActionError, _Action, _check_date, _event, _issue, _with_clock_check
from .closing import decide
from .deadlines import compute_clock
from .intake import APPLICANT_FIELDS, _new_application
from .models import Application, EventKind, Status, TimelineEvent


def confirm_receipt(app, actor, on: dt.date, *, expected_version=None, note=""):
    """Art. 31: the receipt date of online, e-mail, fax and ordinary-letter applications is the
    date the organ confirms receipt."""
    with _Action(app, actor, step="confirm", expected_version=expected_version) as app:
        if on < app.submitted_on:
            raise ActionError("确认收到日期不能早于提交日期")
        if on > law_today.today():
            raise ActionError("确认收到日期不能晚于今天")
        app.received_on = on
        app.status = Status.IN_PROGRESS
        if app.assigned_to_id is None:
            app.assigned_to = actor
        app.save(update_fields=["received_on", "status", "assigned_to"])
        _event(app, EventKind.RECEIPT_CONFIRMED, on, actor, note=note)
        deadlines.refresh_clock(app)
        _issue(app, "receipt", actor, on)
    return app


def assign(app, actor, user, *, expected_version=None):
    with _Action(app, actor, step="assign", expected_version=expected_version) as app:
        if not Membership.objects.filter(user=user, agency=app.agency).exclude(role=Membership.SUPERVISOR).exists():
            raise ActionError("只能分配给本机关的工作人员")
        app.assigned_to = user
        app.save(update_fields=["assigned_to"])
        _event(app, EventKind.ASSIGNED, law_today.today(), actor, user=user.get_username(), user_name=user.get_full_name())
    return app


def route(app, actor, to_agency: Agency, *, reason: str, expected_version=None):
    """Before receipt is confirmed an application sent to the wrong organ is moved to the right one
    inside the platform; the receiving organ's confirmation date will be the receipt date and the
    routing creates no outcome (domain.md 2.1, project convention)."""
    with _Action(app, actor, step="route", expected_version=expected_version) as app:
        if to_agency.pk == app.agency_id:
            raise ActionError("不能转给本机关")
        if not reason.strip():
            raise ActionError("请填写转办理由")
        old = app.agency
        _event(app, EventKind.ROUTED, law_today.today(), actor, note=reason, from_agency=old.name, to_agency=to_agency.name)
        app.agency = to_agency
        app.assigned_to = None
        app.save(update_fields=["agency", "assigned_to"])
    return app


def transfer(app, actor, on: dt.date, *, to_agency: Agency, reasons: str, expected_version=None) -> Application:
    """After receipt, information that is another organ's to disclose: answer under Art. 36(五)
    (outcome （四）1, naming the responsible organ and its contact details) and, when that organ is on
    the platform, forward a copy to it as a new application awaiting its own confirmation (its
    receipt date will be its own, Art. 31)."""
    if to_agency.pk == app.agency_id:
        raise ActionError("不能转送给本机关")
    contact = "；".join(x for x in (to_agency.office_address, to_agency.office_phone) if x)
    # One transaction: the answer and the forwarded copy happen together or not at all.
    with _Action(app, actor, step="transfer", expected_version=expected_version) as locked:
        decide(locked, actor, on, outcome="4.1", reasons=reasons or f"该政府信息由{to_agency.name}负责公开",
               details={"other_agency": to_agency.name, "other_agency_contact": contact})
        original = Application.objects.get(pk=app.pk)
        data = {f: getattr(original, f) for f in APPLICANT_FIELDS}
        forwarded = _new_application(to_agency, data, channel=original.channel, submitted_at=law_today.now())
        forwarded.forwarded_from = original
        forwarded.save(update_fields=["forwarded_from"])
        _event(forwarded, EventKind.SUBMITTED, forwarded.submitted_on, actor,
               note=f"由{original.agency.name}转送（原登记编号{original.reference}）")
        _event(original, EventKind.ROUTED, on, actor, note=reasons, from_agency=original.agency.name,
               to_agency=to_agency.name, forwarded_reference=forwarded.reference)
    return forwarded


def request_correction(app, actor, on: dt.date, *, items: str, period_days: int | None = None,
                       expected_version=None):
    """Art. 30: one correction notice, within 7 WD of receipt; the answer period restarts when
    the corrected application arrives."""
    if not items.strip():
        raise ActionError("请逐项写明需要补正的内容（一次性告知）")
    period = period_days or settings.GONGKAI["CORRECTION_PERIOD_DAYS"]
    with _Action(app, actor, step="correction", expected_version=expected_version) as app:
        _check_date(app, on, "补正告知日期")
        if app.events.filter(kind=EventKind.CORRECTION_REQUESTED).exists():
            raise ActionError("每件申请只能发出一次补正告知（条例第三十条“一次性告知”）")
        result = _with_clock_check(app, lawclock.Event(lawclock.CORRECTION_REQUESTED, on, period_days=period))
        if on > result.correction_notice_due:
            raise ActionError(
                f"补正告知须在收到申请之日起7个工作日内发出（最迟{result.correction_notice_due.isoformat()}）"
            )
        try:
            _event(app, EventKind.CORRECTION_REQUESTED, on, actor, items=items, period_days=period,
                   correction_due=result.correction_due.isoformat())
        except IntegrityError:
            raise ActionError("每件申请只能发出一次补正告知")
        app.status = Status.AWAITING_CORRECTION
        app.save(update_fields=["status"])
        deadlines.refresh_clock(app)
        _issue(app, "correction_notice", actor, on, items=items, period_days=period,
               correction_due=result.correction_due)
    return app


def record_correction(app, actor, on: dt.date, *, note: str = "", expected_version=None):
    with _Action(app, actor, step="record_correction", expected_version=expected_version) as app:
        _check_date(app, on, "收到补正日期")
        _with_clock_check(app, lawclock.Event(lawclock.CORRECTION_RECEIVED, on))
        _event(app, EventKind.CORRECTION_RECEIVED, on, actor, note=note)
        app.status = Status.IN_PROGRESS
        app.save(update_fields=["status"])
        deadlines.refresh_clock(app)
    return app


CONSULTATION_KINDS = {
    "third_party": ("第三方", "third_party_consultation"),
    "co_maker": ("共同制作机关", "co_maker_consultation"),
    "assistance": ("协办机关", "assistance_letter"),
}


def consult(app, actor, on: dt.date, *, party: str, kind: str, matters: str, served_on: dt.date | None = None,
            expected_version=None):
    """Arts. 32, 34: consultation pauses the clock until the reply or the end of the 15-WD window."""
    if kind not in CONSULTATION_KINDS:
        raise ActionError("征求意见对象类型无效")
    if not party.strip():
        raise ActionError("请填写被征求意见方名称")
    with _Action(app, actor, step="consult", expected_version=expected_version) as app:
        _check_date(app, on, "发函日期")
        served = served_on or on
        if served < on:
            raise ActionError("送达日期不能早于发函日期")
        _with_clock_check(app, lawclock.Event(lawclock.CONSULTATION_SENT, on, served_on=served, ref="new"))
        ev = _event(app, EventKind.CONSULTATION_SENT, on, actor, party=party, party_kind=kind, matters=matters,
                    served_on=served.isoformat())
        app.status = Status.PAUSED
        app.save(update_fields=["status"])
        deadlines.refresh_clock(app)
        window = current_calendar().wd_after(served, lawclock.CONSULTATION_REPLY_DAYS)
        letter_kind = CONSULTATION_KINDS[kind][1]
        if letter_kind != "assistance_letter":
            _issue(app, letter_kind, actor, on, party=party, matters=matters, reply_by=window, event_id=ev.id)
        _issue(app, "consultation_notice", actor, on, party_label=CONSULTATION_KINDS[kind][0])
    return app


def open_consultations(app: Application) -> list[TimelineEvent]:
    events = list(app.events.all())
    answered = {str(e.data.get("ref")) for e in events if e.kind == EventKind.CONSULTATION_ANSWERED}
    return [e for e in events if e.kind == EventKind.CONSULTATION_SENT and str(e.id) not in answered]


def record_consultation_reply(app, actor, on: dt.date, *, consultation_id: int, opinion: str, note: str = "",
                              expected_version=None):
    if opinion not in ("agree", "object", "none"):
        raise ActionError("请选择答复意见")
    with _Action(app, actor, step="consultation_reply", expected_version=expected_version) as app:
        _check_date(app, on, "收到答复日期")
        sent = next((e for e in open_consultations(app) if e.id == int(consultation_id)), None)
        if sent is None:
            raise ActionError("没有对应的待答复征求意见")
        if on < sent.occurred_on:
            raise ActionError("答复日期不能早于发函日期")
        _event(app, EventKind.CONSULTATION_ANSWERED, on, actor, note=note, ref=sent.id, opinion=opinion,
               party=sent.data.get("party"))
        _resume_if_clear(app)
    return app


def _resume_if_clear(app):
    result = compute_clock(app)
    if app.status == Status.PAUSED and result.state == lawclock.RUNNING:
        app.status = Status.IN_PROGRESS
        app.save(update_fields=["status"])
    deadlines.refresh_clock(app)


def extend(app, actor, on: dt.date, *, days: int, reason: str, expected_version=None):
    """Art. 33: one extension of at most 20 WD, approved by the head of the disclosure unit before
    the period expires; the applicant is notified."""
    if not reason.strip():
        raise ActionError("请填写延期理由")
    with _Action(app, actor, step="extend", expected_version=expected_version) as app:
        _check_date(app, on, "批准日期")
        if app.events.filter(kind=EventKind.EXTENSION).exists():
            raise ActionError("每件申请只能延期一次（条例第三十三条）")
        _with_clock_check(app, lawclock.Event(lawclock.EXTENSION, on, days=days))
        try:
            _event(app, EventKind.EXTENSION, on, actor, note=reason, days=days,
                   approver=actor.get_username(), approver_name=actor.get_full_name() or actor.get_username())
        except IntegrityError:
            raise ActionError("每件申请只能延期一次（条例第三十三条）")
        app.extended = True
        app.save(update_fields=["extended"])
        deadlines.refresh_clock(app)
        _issue(app, "extension_notice", actor, on, days=days, reason=reason, new_due=app.due_on)
    return app


def defer(app, actor, on: dt.date, *, due: dt.date, reason: str, expected_version=None):
    """Art. 35: a reasonable but large request gets a fixed, later answer date."""
    if not reason.strip():
        raise ActionError("请填写延迟答复理由")
    with _Action(app, actor, step="defer", expected_version=expected_version) as app:
        _check_date(app, on)
        _with_clock_check(app, lawclock.Event(lawclock.DEFERRAL, on, due=due))
        _event(app, EventKind.DEFERRAL, on, actor, note=reason, due=due.isoformat())
        deadlines.refresh_clock(app)
        _issue(app, "deferral_notice", actor, on, due=due, reason=reason)
    return app


def request_explanation(app, actor, on: dt.date, *, reason: str, reply_by: dt.date | None = None,
                        expected_version=None):
    """Art. 35: requests clearly beyond a reasonable number or frequency — ask the applicant to
    explain. The clock keeps running; the outcome is decided later (（五）4 or a deferral)."""
    if not reason.strip():
        raise ActionError("请写明申请数量、频次明显超过合理范围的情况")
    with _Action(app, actor, step="explanation", expected_version=expected_version) as app:
        _check_date(app, on, "告知日期")
        if reply_by is not None and reply_by <= on:
            raise ActionError("说明理由的期限须晚于告知日期")
        _event(app, EventKind.NOTE, on, actor, note=f"发出说明理由告知书：{reason}")
        return _issue(app, "explanation_request", actor, on, reason=reason, reply_by=reply_by)


def add_note(app, actor, text: str):
    if not text.strip():
        raise ActionError("备注不能为空")
    with _Action(app, actor, step="note") as app:
        _event(app, EventKind.NOTE, law_today.today(), actor, note=text)
    return app
