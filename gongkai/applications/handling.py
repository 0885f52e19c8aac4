"""The steps while a case is open: receipt, assignment, routing and transfer, correction (Art. 30),
consultation (Arts. 32, 34), extension (Art. 33), deferral and explanation (Art. 35), notes."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError

from gongkai.agencies.models import Agency, Membership
from gongkai.holidays.services import current_calendar
from gongkai.law import answers
from gongkai.law import clock as lawclock
from gongkai.law import today as law_today

from . import deadlines
from .actions import ActionError, _Action, _check_date, _event, _issue, _with_clock_check
from .closing import answer_facts, decide
from .deadlines import compute_clock
from .intake import APPLICANT_FIELDS, _new_application, check_arrival, mark_confirmation, new_reference
from .models import Application, EventKind, Status, TimelineEvent


def confirm_receipt(app, actor, on: dt.date, *, expected_version=None, note="", pieces: int | None = None,
                    arrived_on: dt.date | None = None):
    """Art. 31: the receipt date of online, e-mail, fax and ordinary-letter applications is the
    date the organ confirms receipt. ``pieces``: the split into pieces for the 按件 count (109号第四条),
    recorded here for applications that arrived without staff registration. ``arrived_on``: the day
    an ordinary letter arrived. A confirmation later than the rule allows sets the permanent
    late-confirmation mark and says so on the event (legal-review.md B7)."""
    if pieces is not None and pieces < 1:
        raise ActionError("件数至少为1")
    with _Action(app, actor, step="confirm", expected_version=expected_version) as app:
        if on < app.submitted_on:
            raise ActionError("确认收到日期不能早于提交日期")
        if on > law_today.today():
            raise ActionError("确认收到日期不能晚于今天")
        check_arrival(app.channel, app.submitted_on, arrived_on or app.arrived_on, on)
        app.received_on = on
        app.status = Status.IN_PROGRESS
        if app.assigned_to_id is None:
            app.assigned_to = actor
        app.pieces = pieces or app.pieces
        app.arrived_on = arrived_on or app.arrived_on
        late_note = mark_confirmation(app, on)
        app.save(update_fields=["received_on", "status", "assigned_to", "pieces", "arrived_on",
                                "late_confirmation", "confirm_due_by"])
        _event(app, EventKind.RECEIPT_CONFIRMED, on, actor, note="；".join(n for n in (note, late_note) if n),
               **({"late_confirmation": True, "confirm_due_by": app.confirm_due_by.isoformat()}
                  if app.late_confirmation else {}))
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
        # The 登记编号 is unique per organ only: the receiving organ numbers the case anew from its
        # own counter (locked until commit); the old number stays on the timeline.
        old_reference, new = app.reference, new_reference(to_agency, app.submitted_on.year)
        _event(app, EventKind.ROUTED, law_today.today(), actor, note=reason, from_agency=old.name, to_agency=to_agency.name,
               from_reference=old_reference, to_reference=new)
        app.agency, app.reference = to_agency, new
        app.assigned_to = None
        app.save(update_fields=["agency", "reference", "assigned_to"])
    return app


def transfer(app, actor, on: dt.date, *, to_agency: Agency, reasons: str, consent: str = "",
             expected_version=None) -> Application | None:
    """After receipt, information that is another organ's to disclose: answer under Art. 36(五)
    (outcome （四）1, naming the responsible organ and its contact details). Only with the applicant's
    recorded ``consent`` (how and when it was given; 个人信息保护法第十三条、第三十四条) is a copy
    forwarded to that organ as a new application awaiting its own confirmation (its receipt date will be
    its own, Art. 31), and the letter says so; returns that copy, or None (legal-review.md B11)."""
    if to_agency.pk == app.agency_id:
        raise ActionError("不能转送给本机关")
    contact = "；".join(x for x in (to_agency.office_address, to_agency.office_phone) if x)
    consent = (consent or "").strip()
    # One transaction: the answer and the forwarded copy happen together or not at all.
    with _Action(app, actor, step="transfer", expected_version=expected_version) as locked:
        decide(locked, actor, on, outcome="4.1", reasons=reasons or f"该政府信息由{to_agency.name}负责公开",
               details={"other_agency": to_agency.name, "other_agency_contact": contact},
               data={"transfer_consent": consent} if consent else None)
        if not consent:
            return None
        original = Application.objects.get(pk=app.pk)
        data = {f: getattr(original, f) for f in APPLICANT_FIELDS}
        forwarded = _new_application(to_agency, data, channel=original.channel, submitted_at=law_today.now())
        forwarded.forwarded_from = original
        forwarded.save(update_fields=["forwarded_from"])
        _event(forwarded, EventKind.SUBMITTED, forwarded.submitted_on, actor,
               note=f"由{original.agency.name}转送（原登记编号{original.reference}）")
        _event(original, EventKind.ROUTED, on, actor, note=reasons, from_agency=original.agency.name,
               to_agency=to_agency.name, forwarded_reference=forwarded.reference, consent=consent)
    return forwarded


def request_correction(app, actor, on: dt.date, *, items: str, period_days: int | None = None,
                       served_on: dt.date | None = None, expected_version=None):
    """Art. 30: one correction notice, within 7 WD of receipt; the answer period restarts when
    the corrected application arrives. The correction period (at least 10 WD, default 15) runs from
    the notice's service (domain.md 3.3 c; legal-review.md B8): ``served_on`` when it is known at
    sending (electronic delivery), otherwise recorded later (``record_service``); until then the
    period cannot lapse and the notice states it "自收到本告知书之日起" without a date."""
    if not items.strip():
        raise ActionError("请逐项写明需要补正的内容（一次性告知）")
    period = period_days or settings.GONGKAI["CORRECTION_PERIOD_DAYS"]
    if period < lawclock.MIN_CORRECTION_PERIOD_DAYS:
        raise ActionError(f"补正期限至少为{lawclock.MIN_CORRECTION_PERIOD_DAYS}个工作日（条例第三十条“合理的补正期限”）")
    with _Action(app, actor, step="correction", expected_version=expected_version) as app:
        _check_date(app, on, "补正告知日期")
        _check_served(on, served_on)
        if app.events.filter(kind=EventKind.CORRECTION_REQUESTED).exists():
            raise ActionError("每件申请只能发出一次补正告知（条例第三十条“一次性告知”）")
        result = _with_clock_check(app, lawclock.Event(lawclock.CORRECTION_REQUESTED, on, period_days=period,
                                                       served_on=served_on, awaiting_service=served_on is None))
        if on > result.correction_notice_due:
            raise ActionError(
                f"补正告知须在收到申请之日起7个工作日内发出（最迟{result.correction_notice_due.isoformat()}）"
            )
        served = {"served_on": served_on.isoformat()} if served_on else {}
        try:
            _event(app, EventKind.CORRECTION_REQUESTED, on, actor, items=items, period_days=period, **served)
        except IntegrityError:
            raise ActionError("每件申请只能发出一次补正告知")
        app.status = Status.AWAITING_CORRECTION
        app.save(update_fields=["status"])
        deadlines.refresh_clock(app)
        letter = _issue(app, "correction_notice", actor, on, items=items, period_days=period,
                        correction_due=result.correction_due)
        _mark_served(letter, served_on)
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


# Only Art. 32 (third party) and Art. 34 (co-maker, or another organ whose opinion on disclosure is
# needed) consultations pause the clock, each with its letter (条例第三十三条第三款). Asking another
# organ to search for or supply information is no consultation (legal-review.md A1): a note, or
# Art. 10 / 36(五).
CONSULTATION_KINDS = {
    "third_party": ("第三方", "third_party_consultation"),
    "co_maker": ("共同制作机关", "co_maker_consultation"),
}


def consult(app, actor, on: dt.date, *, party: str, kind: str, matters: str, served_on: dt.date | None = None,
            expected_version=None):
    """Arts. 32, 34: consultation pauses the clock until the reply or the end of the 15-WD window,
    which runs from the letter's service (domain.md 3.3 d; legal-review.md A5): ``served_on`` when
    known at sending, otherwise recorded later (``record_service``); until then it cannot lapse."""
    if kind not in CONSULTATION_KINDS:
        raise ActionError("征求意见对象须为第三方（条例第三十二条）或共同制作机关（条例第三十四条）；"
                          "请其他机关协助检索、提供信息不属于征求意见，不暂停计时")
    if not party.strip():
        raise ActionError("请填写被征求意见方名称")
    with _Action(app, actor, step="consult", expected_version=expected_version) as app:
        _check_date(app, on, "发函日期")
        _check_served(on, served_on)
        _with_clock_check(app, lawclock.Event(lawclock.CONSULTATION_SENT, on, served_on=served_on, ref="new",
                                              awaiting_service=served_on is None))
        served = {"served_on": served_on.isoformat()} if served_on else {}
        ev = _event(app, EventKind.CONSULTATION_SENT, on, actor, party=party, party_kind=kind, matters=matters,
                    **served)
        app.status = Status.PAUSED
        app.save(update_fields=["status"])
        deadlines.refresh_clock(app)
        window = current_calendar().wd_after(served_on, lawclock.CONSULTATION_REPLY_DAYS) if served_on else None
        letter = _issue(app, CONSULTATION_KINDS[kind][1], actor, on, party=party, matters=matters, reply_by=window,
                        event_id=ev.id)
        _mark_served(letter, served_on)
        _issue(app, "consultation_notice", actor, on, party_label=CONSULTATION_KINDS[kind][0])
    return app


# Notices with a period that runs from their service (送达), and the timeline event whose period it
# is (domain.md 3.3 c, d, f; legal-review.md A5, B8). The explanation request has its own reply date.
SERVED_NOTICES = {
    "correction_notice": EventKind.CORRECTION_REQUESTED,
    "third_party_consultation": EventKind.CONSULTATION_SENT,
    "co_maker_consultation": EventKind.CONSULTATION_SENT,
    "fee_notice": EventKind.FEE_NOTICE_SENT,
    "explanation_request": None,
    "third_party_disclosure_notice": None,  # Art. 32: the wait before release runs from its service
}


def _check_served(on: dt.date, served_on: dt.date | None) -> None:
    if served_on is None:
        return
    if served_on < on:
        raise ActionError("送达日期不能早于发出日期")
    if served_on > law_today.today():
        raise ActionError("送达日期不能晚于今天")


def _mark_served(letter, served_on: dt.date | None, method: str = "发出时登记送达") -> None:
    """A notice served when it was sent (electronic delivery): its letter carries the date."""
    if letter is not None and served_on is not None:
        letter.delivered_on, letter.delivery_method = served_on, method
        letter.save(update_fields=["delivered_on", "delivery_method"])


def notice_event(app: Application, letter) -> TimelineEvent | None:
    """The timeline event a notice letter was issued for (the latest of its kind before the letter)."""
    kind = SERVED_NOTICES.get(letter.kind)
    if kind is None:
        return None
    issued = app.events.filter(kind=EventKind.LETTER_ISSUED, data__letter_id=letter.pk).first()
    events = app.events.filter(kind=kind).order_by("-id")
    if issued is not None:
        events = events.filter(id__lt=issued.id)
    return events.first()


def awaiting_service(app: Application) -> list:
    """The notices whose period runs from service and whose service is not recorded yet."""
    if not app.pk:
        return []
    out = []
    for letter in app.letters.filter(kind__in=list(SERVED_NOTICES), delivered_on__isnull=True).order_by("id"):
        ev = notice_event(app, letter)
        if ev is not None and (ev.data or {}).get("served_on"):
            continue  # served at sending (recorded on the event, before letters carried it)
        out.append(letter)
    return out


def served_notices(app: Application) -> list:
    """The notices whose service was recorded as its own event, whose date may be corrected."""
    if not app.pk:
        return []
    return list(app.letters.filter(kind__in=list(SERVED_NOTICES), delivered_on__isnull=False).order_by("id"))


def record_service(app, actor, on: dt.date, *, letter_id: int, method: str, reason: str = "",
                   expected_version=None):
    """送达 as its own, later, append-only event (legal-review.md A5, B8): the date a correction
    notice, consultation letter, fee notice or explanation request reached its addressee (post: the
    signing date). The correction period, the consultation window and the payment period run from it;
    until it is recorded they cannot lapse and the case cannot be closed for them. A service date
    already recorded is corrected by a new event that supersedes the old one, with a reason (3.3 g)."""
    if not method.strip():
        raise ActionError("请填写送达方式")
    with _Action(app, actor, step="record_service", expected_version=expected_version) as app:
        _check_date(app, on, "送达日期")
        letter = next((x for x in awaiting_service(app) if x.pk == int(letter_id)), None)
        previous = None
        if letter is None:
            letter = next((x for x in served_notices(app) if x.pk == int(letter_id)), None)
            if letter is None:
                raise ActionError("没有对应的待登记送达的告知书")
            if not reason.strip():
                raise ActionError(f"该告知书已登记于{letter.delivered_on.isoformat()}送达；更正送达日期须写明理由")
            previous = (app.events.filter(kind=EventKind.DELIVERED, data__letter_id=letter.pk,
                                          superseded_by__isnull=True).order_by("-id").first())
        if on < letter.issued_on:
            raise ActionError("送达日期不能早于文书日期")
        ev = notice_event(app, letter)
        letter.delivered_on, letter.delivery_method = on, method.strip()
        letter.save(update_fields=["delivered_on", "delivery_method"])
        label = letter.get_kind_display()
        TimelineEvent.objects.create(
            application=app, kind=EventKind.DELIVERED, occurred_on=on,
            actor=actor if actor and actor.is_authenticated else None, supersedes=previous,
            note=f"《{label}》送达" + (f"（更正此前登记的送达日期：{reason.strip()}）" if reason.strip() else ""),
            data={"letter": letter.number, "letter_id": letter.pk, "letter_kind": letter.kind,
                  "method": method.strip(), "notice_event": ev.id if ev is not None else None},
        )
        deadlines.refresh_clock(app, reason=f"《{label}》送达，期限自送达之日起计算")
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


def defer(app, actor, on: dt.date, *, due: dt.date, reason: str, explanation: str = "", expected_version=None):
    """Art. 35: a large request whose reasons, given on the organ's 说明理由告知书, are reasonable gets a
    fixed, later answer date. ``explanation``: the applicant's reasons, as received (B6)."""
    if not reason.strip():
        raise ActionError("请填写延迟答复理由")
    explanation = (explanation or "").strip().rstrip("。．.；;，, ")
    with _Action(app, actor, step="defer", expected_version=expected_version) as app:
        _check_date(app, on)
        refusal = answers.explanation_refusal(answer_facts(app), on, deferral=True, replied=bool(explanation))
        if refusal:
            raise ActionError(refusal)
        _with_clock_check(app, lawclock.Event(lawclock.DEFERRAL, on, due=due))
        _event(app, EventKind.DEFERRAL, on, actor, note=reason, due=due.isoformat(),
               explanation=explanation)
        deadlines.refresh_clock(app)
        _issue(app, "deferral_notice", actor, on, due=due, reason=reason, explanation=explanation)
    return app


def request_explanation(app, actor, on: dt.date, *, reason: str, reply_by: dt.date | None = None,
                        expected_version=None):
    """Art. 35: requests clearly beyond a reasonable number or frequency — ask the applicant to
    explain by ``reply_by`` (mandatory, at least 5 working days; B6). The clock keeps running; the
    outcome is decided later (（五）4 once the date has passed or the reasons are unreasonable, or a
    deferral once reasonable reasons arrived)."""
    if not reason.strip():
        raise ActionError("请写明申请数量、频次明显超过合理范围的情况")
    with _Action(app, actor, step="explanation", expected_version=expected_version) as app:
        _check_date(app, on, "告知日期")
        if reply_by is None:
            raise ActionError("请写明说明理由的期限（条例第三十五条）")
        earliest = current_calendar().wd_after(on, answers.MIN_EXPLANATION_WORKING_DAYS)
        if reply_by < earliest:
            raise ActionError(f"说明理由的期限至少为{answers.MIN_EXPLANATION_WORKING_DAYS}个工作日"
                              f"（不早于{answers.cn(earliest)}）")
        letter = _issue(app, "explanation_request", actor, on, reason=reason, reply_by=reply_by)
        _event(app, EventKind.NOTE, on, actor, note=f"发出说明理由告知书（{letter.number}）：{reason}",
               explanation_letter=letter.number, reply_by=reply_by.isoformat())
        return letter


def add_note(app, actor, text: str):
    if not text.strip():
        raise ActionError("备注不能为空")
    with _Action(app, actor, step="note") as app:
        _event(app, EventKind.NOTE, law_today.today(), actor, note=text)
    return app
