"""Intake: the public online form and staff registration (Arts. 29, 31), uploads and the 查询号.
The applicant is told of the submission (and of every later event) by gongkai/notifications."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, next_number
from gongkai.law import today as law_today
from gongkai.law.identifiers import new_tracking_code

from . import access, deadlines
from .actions import ActionError, _event, _issue
from .models import Application, Attachment, Channel, EventKind, Status

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


def new_reference(agency: Agency, year: int) -> str:
    """The organ's next 登记编号 of the year ("2025-00042"), unique per organ only. Inside a
    transaction: ``next_number`` locks the organ's counter row until it commits."""
    return f"{year}-{next_number(agency, 'application', year):05d}"


def _new_application(agency: Agency, data: dict, *, channel: str, submitted_at: dt.datetime) -> Application:
    app = Application(agency=agency, channel=channel, submitted_at=submitted_at,
                      submitted_on=timezone.localtime(submitted_at).date())
    for f in APPLICANT_FIELDS:
        if f in data:
            setattr(app, f, data[f])
    app.reference = new_reference(agency, app.submitted_on.year)
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
            deadlines.refresh_clock(app)
    return app


def check_arrival(channel: str, submitted_on: dt.date, arrived_on: dt.date | None,
                  confirmed_on: dt.date | None) -> None:
    """The arrival date (到达日期) is recorded for ordinary letters only, between the submission
    and the confirmation."""
    if arrived_on is None:
        return
    if channel != Channel.ORDINARY_LETTER:
        raise ActionError("到达日期仅适用于平信（条例第三十一条第（二）项）")
    if arrived_on < submitted_on:
        raise ActionError("到达日期不能早于提交（寄出）日期")
    if arrived_on > law_today.today():
        raise ActionError("到达日期不能晚于今天")
    if confirmed_on is not None and confirmed_on < arrived_on:
        raise ActionError("确认收到日期不能早于到达日期")


def mark_confirmation(app: Application, on: dt.date) -> str:
    """At the confirmation of receipt (Art. 31): set the permanent late-confirmation mark when the
    organ confirmed later than the rule allows (legal-review.md B7; law/receipt.py) and return the
    timeline note saying so ("" when on time or not a confirmation channel). Never clears a mark.
    The caller saves ``late_confirmation`` and ``confirm_due_by``."""
    from django.conf import settings

    from gongkai.holidays.services import current_calendar
    from gongkai.law import receipt
    from gongkai.law.calendar import CalendarMissing

    from .models import CONFIRMATION_CHANNELS

    if app.channel not in CONFIRMATION_CHANNELS:
        return ""
    try:
        should = receipt.confirm_by(
            app.submitted_on, current_calendar(), ordinary_letter=app.channel == Channel.ORDINARY_LETTER,
            arrived_on=app.arrived_on, within_days=settings.GONGKAI["CONFIRM_ONLINE_WITHIN_WORKING_DAYS"])
    except CalendarMissing:
        return ""
    if app.confirm_due_by is None:
        app.confirm_due_by = should
    if not receipt.is_late(on, should):
        return ""
    app.late_confirmation = True
    anchor = receipt.court_anchor(app.submitted_on, app.arrived_on)
    what = "平信到达" if app.channel == Channel.ORDINARY_LETTER else "提交"
    return (f"收件确认晚于规定：应于{_cn(should)}确认收到，实际于{_cn(on)}确认；"
            f"法院可能自{what}之日（{_cn(anchor)}）起计算答复期限（条例第三十一条）")


def _cn(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def register(agency: Agency, data: dict, uploads: list[Upload], *, actor, channel: str,
             submitted_on: dt.date, received_on: dt.date | None = None, is_oral: bool = False,
             pieces: int = 1, arrived_on: dt.date | None = None) -> Application:
    """Staff registration of an application that arrived in person, by post, fax, e-mail or
    otherwise (Art. 29: oral applications are written down by staff). ``pieces``: how many pieces
    (件) the request is split into for the 按件 fee count (国办函〔2020〕109号第四条). ``arrived_on``:
    the day an ordinary letter arrived (its confirmation is due that day, Art. 31(二))."""
    if not access.can_register(actor, agency):
        raise ActionError("您无权为该机关登记申请")
    if submitted_on > law_today.today():
        raise ActionError("提交日期不能晚于今天")
    if not isinstance(pieces, int) or pieces < 1:
        raise ActionError("件数至少为1")
    if channel == Channel.IN_PERSON:
        received_on = submitted_on  # Art. 31(一)
    if channel == Channel.REGISTERED_POST and received_on is None:
        raise ActionError("挂号信须填写签收日期（条例第三十一条第（二）项）")
    if received_on is not None:
        if received_on < submitted_on:
            raise ActionError("收到日期不能早于提交日期")
        if received_on > law_today.today():
            raise ActionError("收到日期不能晚于今天")
    check_arrival(channel, submitted_on, arrived_on, received_on)
    with transaction.atomic():
        app = _new_application(
            agency, data, channel=channel,
            submitted_at=timezone.make_aware(dt.datetime.combine(submitted_on, dt.time(9, 0))),
        )
        app.is_oral = is_oral
        app.assigned_to = actor
        app.pieces = pieces
        app.arrived_on = arrived_on
        app.save(update_fields=["is_oral", "assigned_to", "pieces", "arrived_on"])
        _save_uploads(app, uploads, actor)
        _event(app, EventKind.REGISTERED, submitted_on, actor, channel=channel, oral=is_oral)
        if channel == Channel.IN_PERSON or is_oral:
            # Art. 29: in-person and oral applications get a registration form for signature.
            _issue(app, "registration_form", actor, submitted_on)
        if received_on is not None:
            app.received_on = received_on
            app.status = Status.IN_PROGRESS
            late_note = mark_confirmation(app, received_on)
            app.save(update_fields=["received_on", "status", "late_confirmation", "confirm_due_by"])
            _event(app, EventKind.RECEIPT_CONFIRMED, received_on, actor, note=late_note,
                   **({"late_confirmation": True, "confirm_due_by": app.confirm_due_by.isoformat()}
                      if app.late_confirmation else {}))
            deadlines.refresh_clock(app)
            _issue(app, "receipt", actor, received_on)
    return app

