"""Use cases on applications. Each action is one transaction, one permission check, one (or a few)
timeline events, and a refreshed clock cache. Views only parse input and call these.

Every action takes ``on``: the legal date of the act (a letter signed for yesterday is recorded
with yesterday's date). It may not lie in the future or before the receipt.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, Membership, next_number
from gongkai.core.errors import ConflictError, RuleError
from gongkai.core.versioning import VersionLock
from gongkai.holidays.services import current_calendar
from gongkai.law import clock as lawclock
from gongkai.law import fees as lawfees
from gongkai.law import outcomes, workflows
from gongkai.law import today as law_today
from gongkai.law.calendar import CalendarMissing
from gongkai.law.identifiers import new_tracking_code

from . import access
from .models import (
    CLOCKED_STATUSES,
    Application,
    Attachment,
    Channel,
    EventKind,
    Status,
    TimelineEvent,
)

log = logging.getLogger("gongkai.applications")


class ActionError(RuleError):
    """An action the rules forbid; the message is Chinese and shown to the user as is."""


class StaleVersionError(ActionError, ConflictError):
    """The form was rendered from an older version of the case: someone acted meanwhile."""


# -- the clock ------------------------------------------------------------------------------

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


def clock_events(events) -> list[lawclock.Event]:
    """The clock-relevant events of a timeline; superseded events are ignored."""
    superseded = {e.supersedes_id for e in events if e.supersedes_id}
    out = []
    for e in events:
        if e.kind not in CLOCK_KINDS or e.id in superseded:
            continue
        d = e.data or {}
        ref = d.get("ref")
        out.append(
            lawclock.Event(
                type=CLOCK_KINDS[e.kind],
                date=e.occurred_on,
                period_days=d.get("period_days"),
                days=d.get("days"),
                served_on=dt.date.fromisoformat(d["served_on"]) if d.get("served_on") else None,
                ref=str(ref) if ref is not None else (str(e.id) if e.kind == EventKind.CONSULTATION_SENT else None),
                due=dt.date.fromisoformat(d["due"]) if d.get("due") else None,
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


# -- intake ---------------------------------------------------------------------------------

APPLICANT_FIELDS = (
    "applicant_kind", "org_type", "name", "id_type", "id_number", "legal_representative", "contact_name",
    "phone", "email", "address", "postcode", "employer", "fax", "is_proxy", "agent_name", "agent_id_number",
    "agent_phone", "info_title", "info_doc_no", "info_index_no", "description", "purpose", "carrier",
    "delivery", "accept_other_delivery",
)


@dataclass
class Upload:
    kind: str
    name: str
    content: bytes
    content_type: str


def _new_application(agency: Agency, data: dict, *, channel: str, submitted_at: dt.datetime) -> Application:
    app = Application(agency=agency, channel=channel, submitted_at=submitted_at,
                      submitted_on=timezone.localtime(submitted_at).date())
    for f in APPLICANT_FIELDS:
        if f in data:
            setattr(app, f, data[f])
    year = app.submitted_on.year
    app.reference = f"{year}-{next_number(agency, 'application', year):05d}"
    for _ in range(10):
        code = new_tracking_code()
        if not Application.objects.filter(tracking_code=code).exists():
            app.tracking_code = code
            break
    app.save()
    return app


def _save_uploads(app: Application, uploads: list[Upload], actor=None) -> None:
    from django.core.files.base import ContentFile

    for up in uploads:
        att = Attachment(
            application=app, kind=up.kind, original_name=up.name[:200], content_type=up.content_type,
            size=len(up.content), uploaded_by=actor,
        )
        att.file.save(up.name, ContentFile(up.content), save=False)
        att.save()


def _event(app, kind, on, actor=None, note="", **data) -> TimelineEvent:
    return TimelineEvent.objects.create(
        application=app, kind=kind, occurred_on=on, actor=actor if actor and actor.is_authenticated else None,
        data=data, note=note,
    )


def submit_online(agency: Agency, data: dict, uploads: list[Upload]) -> Application:
    """The public online form. Receipt needs the organ's confirmation (Art. 31) unless the organ
    auto-confirms online applications."""
    with transaction.atomic():
        now = law_today.now()
        app = _new_application(agency, data, channel=Channel.ONLINE, submitted_at=now)
        _save_uploads(app, uploads)
        _event(app, EventKind.SUBMITTED, app.submitted_on, channel=Channel.ONLINE)
        if agency.auto_confirm_online:
            app.received_on = app.submitted_on
            app.status = Status.IN_PROGRESS
            app.save(update_fields=["received_on", "status"])
            _event(app, EventKind.RECEIPT_CONFIRMED, app.received_on, note="机关设置网上申请自动确认收到")
            refresh_clock(app)
    _notify_submitted(app)
    return app


def register(agency: Agency, data: dict, uploads: list[Upload], *, actor, channel: str,
             submitted_on: dt.date, received_on: dt.date | None = None, is_oral: bool = False) -> Application:
    """Staff registration of an application that arrived in person, by post, fax, e-mail or
    otherwise (Art. 29: oral applications are written down by staff)."""
    if not access.can_register(actor, agency):
        raise ActionError("您无权为该机关登记申请")
    if submitted_on > law_today.today():
        raise ActionError("提交日期不能晚于今天")
    if channel == Channel.IN_PERSON:
        received_on = submitted_on  # Art. 31(一)
    if channel == Channel.REGISTERED_POST and received_on is None:
        raise ActionError("挂号信须填写签收日期（条例第三十一条第（二）项）")
    if received_on is not None:
        if received_on < submitted_on:
            raise ActionError("收到日期不能早于提交日期")
        if received_on > law_today.today():
            raise ActionError("收到日期不能晚于今天")
    with transaction.atomic():
        app = _new_application(
            agency, data, channel=channel,
            submitted_at=timezone.make_aware(dt.datetime.combine(submitted_on, dt.time(9, 0))),
        )
        app.is_oral = is_oral
        app.assigned_to = actor
        app.save(update_fields=["is_oral", "assigned_to"])
        _save_uploads(app, uploads, actor)
        _event(app, EventKind.REGISTERED, submitted_on, actor, channel=channel, oral=is_oral)
        if channel == Channel.IN_PERSON or is_oral:
            # Art. 29: in-person and oral applications get a registration form for signature.
            _issue(app, "registration_form", actor, submitted_on)
        if received_on is not None:
            app.received_on = received_on
            app.status = Status.IN_PROGRESS
            app.save(update_fields=["received_on", "status"])
            _event(app, EventKind.RECEIPT_CONFIRMED, received_on, actor)
            refresh_clock(app)
            _issue(app, "receipt", actor, received_on)
    _notify_submitted(app)
    return app


def _notify_submitted(app: Application) -> None:
    """E-mail the 查询号 through the job queue (retried until the mail server takes it, sent once):
    a mail server that is down never loses or delays the application."""
    if not app.email:
        return
    from gongkai.jobs.mail import send_mail

    send_mail(
        f"application-submitted:{app.pk}",
        f"【{app.agency.name}】政府信息公开申请已提交，查询号{app.tracking_code}",
        f"{app.name}：\n\n您向{app.agency.name}提交的政府信息公开申请已登记。\n"
        f"查询号：{app.tracking_code}\n登记编号：{app.reference}\n"
        "请妥善保存查询号，凭申请人姓名（名称）和查询号可查询办理进度。\n",
        [app.email],
    )


# -- actions ----------------------------------------------------------------------------------


WORKFLOW = workflows.APPLICATION


class _Action:
    """Lock the row, check the version (core.versioning), then the step of law/workflows.APPLICATION:
    the actor's role and the case's state, as the case page offers it; then run the body atomically
    and bump the version."""

    def __init__(self, app, actor, *, step: str, expected_version=None):
        self.actor, self.step = actor, WORKFLOW.step(step)
        self.lock = VersionLock(Application.objects.select_related("agency"), app.pk,
                                expected_version=expected_version, what="该申请", error=StaleVersionError)

    def __enter__(self) -> Application:
        app = self.lock.acquire()
        try:
            if app.status == Status.PAUSED:
                refresh_clock(app)  # a lapsed consultation window resumes the case before any action
            held = access.roles(self.actor, app)
            if not held:
                raise ActionError("您无权办理该申请")
            self.lock.check()  # after the permission check, as the case page orders them
            refusal = WORKFLOW.refusal(self.step.name, app.status, held)
            if refusal:
                raise ActionError(refusal)
        except BaseException:
            self.lock.release(bump=False)  # a refused action keeps what refresh_clock wrote, as before
            raise
        self.app = app
        return app

    def __exit__(self, exc_type, exc, tb):
        return self.lock.release(exc_type, exc, tb)


def _check_date(app: Application, on: dt.date, what: str = "日期") -> None:
    if on > law_today.today():
        raise ActionError(f"{what}不能晚于今天")
    floor = app.received_on or app.submitted_on
    if on < floor:
        raise ActionError(f"{what}不能早于{'收到申请' if app.received_on else '提交'}日期（{floor.isoformat()}）")


def _with_clock_check(app: Application, extra: lawclock.Event):
    """Run the clock with the new event to enforce the Regulation's rules before saving."""
    try:
        return compute_clock(app, [extra], as_of=extra.date)
    except lawclock.ClockError as e:
        raise ActionError(str(e))
    except CalendarMissing as e:
        raise ActionError(str(e))


def _issue(app, kind, actor, on, **extra):
    from gongkai.letters.services import issue_letter

    return issue_letter(app, kind, actor=actor, on=on, extra=extra)


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
        refresh_clock(app)
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
        refresh_clock(app)
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
        refresh_clock(app)
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
        refresh_clock(app)
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
    refresh_clock(app)


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
        refresh_clock(app)
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
        refresh_clock(app)
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


def fee_quote(app: Application, scale: str, units: int, prior_pieces: int = 0):
    if units < 1:
        raise ActionError("件数或页数至少为1")
    try:
        if scale == "per_piece":
            return lawfees.per_piece_fee(prior_pieces, units)
        if scale == "per_volume":
            return lawfees.per_volume_fee(units)
    except ValueError as e:
        raise ActionError(str(e))
    raise ActionError("请选择收费方式（按件或按量，二者择一）")


def prior_pieces_this_month(app: Application) -> int:
    """按件 counts per applicant, cumulative within the calendar month of the receipt date."""
    if not app.received_on:
        return 0
    from django.db.models import Sum  # noqa: F401

    month_start = app.received_on.replace(day=1)
    qs = TimelineEvent.objects.filter(
        kind=EventKind.FEE_NOTICE_SENT, application__id_number=app.id_number,
        application__received_on__gte=month_start, application__received_on__lte=app.received_on,
        data__scale="per_piece",
    ).exclude(application=app)
    return sum(int(e.data.get("units", 0)) for e in qs)


def issue_fee_notice(app, actor, on: dt.date, *, scale: str, units: int, reason: str, served_on=None,
                     expected_version=None):
    """Art. 42 and 国办函〔2020〕109号: a fee only for requests clearly beyond a reasonable range;
    one scale per application; the notice pauses the clock until payment."""
    if not reason.strip():
        raise ActionError("收取信息处理费须记录理由（申请数量或频次明显超过合理范围）")
    with _Action(app, actor, step="fee", expected_version=expected_version) as app:
        _check_date(app, on, "收费通知日期")
        if app.events.filter(kind=EventKind.FEE_NOTICE_SENT).exists():
            raise ActionError("每件申请只能发出一次收费通知")
        prior = prior_pieces_this_month(app) if scale == "per_piece" else 0
        quote = fee_quote(app, scale, units, prior)
        if quote.amount <= 0:
            raise ActionError("按所选标准计算费用为0元，无需发出收费通知")
        served = served_on or on
        result = _with_clock_check(app, lawclock.Event(lawclock.FEE_NOTICE_SENT, on, served_on=served))
        _event(app, EventKind.FEE_NOTICE_SENT, on, actor, note=reason, scale=scale, units=units, prior_pieces=prior,
               amount=quote.amount, explanation=quote.explanation(), served_on=served.isoformat(),
               payment_due=result.payment_due.isoformat())
        app.status = Status.PAUSED
        app.save(update_fields=["status"])
        refresh_clock(app)
        _issue(app, "fee_notice", actor, on, scale=scale, units=units, amount=quote.amount,
               fee_explanation=quote.explanation(), payment_due=result.payment_due, reason=reason)
    return app


def record_payment(app, actor, on: dt.date, *, note: str = "", expected_version=None):
    with _Action(app, actor, step="payment", expected_version=expected_version) as app:
        _check_date(app, on, "缴费日期")
        notice = app.events.filter(kind=EventKind.FEE_NOTICE_SENT).first()
        if notice is None or app.events.filter(kind=EventKind.FEE_PAID).exists():
            raise ActionError("没有待缴费的收费通知")
        if on > dt.date.fromisoformat(notice.data["payment_due"]):
            raise ActionError("缴费日期已超过缴费期限，应按逾期未缴费终止办理")
        _event(app, EventKind.FEE_PAID, on, actor, note=note)
        _resume_if_clear(app)
    return app


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
        refresh_clock(app)
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
        refresh_clock(app)
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
    refresh_clock(app)
    return letter


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
        refresh_clock(app)
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


def add_note(app, actor, text: str):
    if not text.strip():
        raise ActionError("备注不能为空")
    with _Action(app, actor, step="note") as app:
        _event(app, EventKind.NOTE, law_today.today(), actor, note=text)
    return app
