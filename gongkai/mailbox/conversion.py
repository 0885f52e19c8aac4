"""The two one-click conversions between the mailbox and 依申请公开 (issue 17 item 3).

(a) A message that asks for government information → 依申请公开. Only the applicant may apply
    (条例第二十七条、第二十九条; domain 2.1): staff do not file an application in the writer's name.
    ``convert`` closes the message as 已转依申请公开, tells the writer why (progress page, e-mail),
    and the writer's progress page offers a button that opens the application form with the message
    text filled in (``apply_prefill``; the writer checks it, adds identity proof and submits).
(b) An application that is really a petition, complaint or report → the mailbox. ``from_application``
    decides it under 条例第三十九条第一款 (（五）1 不予处理（信访举报投诉）) through the applications'
    own ``decide`` (the answer letter names the mailbox as the channel in ``proper_channel``; the unit
    head signs it as any answer) and creates a mailbox message with the application's text, linked
    to it, in the same transaction.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from gongkai.law import mailbox as rules
from gongkai.law import today as law_today

from . import notify
from .models import Mailbox, Message
from .services import MailboxError, _save, _step, create_message, event

CONVERT_NOTE = "您的来信所提事项属于获取政府信息的请求，请通过依申请公开渠道提出申请（《中华人民共和国政府信息公开条例》第二十七条）。"
PETITION_REASONS = "您所提事项属于信访、投诉、举报，不属于获取政府信息的请求"
PREFILL_SESSION_KEY = "apply_prefill"


def convert(message, actor, *, note: str = "", expected_version=None) -> Message:
    """(a): the message closed as 已转依申请公开, the writer told how to apply."""
    text = CONVERT_NOTE + ((note or "").strip() and f"\n{note.strip()}")
    with _step(message, actor, "convert", expected_version) as msg:
        msg.status, msg.answered_on = rules.CONVERTED, law_today.today()
        _save(msg, "status", "answered_on")
        event(msg, "converted", "已转依申请公开", actor, note=text, public=True)
        notify.converted(msg, (note or "").strip())
    return msg


def apply_prefill(msg: Message) -> dict:
    """What the writer's click puts into the session for the application form (portal.views.apply)."""
    return {"agency": msg.agency.code, "description": msg.text[:5000], "name": msg.writer_name,
            "phone": msg.phone, "email": msg.email}


def channel_text(mailbox: Mailbox) -> str:
    """How the answer letter names the channel: 「本机关局长信箱（https://…/mailbox/zjj/）」."""
    base = settings.GONGKAI.get("PUBLIC_BASE_URL", "").rstrip("/")
    return f"本机关{mailbox.name}（{base}{reverse('mailbox:organ', args=[mailbox.agency.code])}）"


def from_application(app, actor, *, reasons: str = "", expected_version=None) -> Message:
    """(b): decide the application as （五）1 naming the mailbox, and bring its text to the mailbox."""
    from gongkai.applications import services as app_services

    mailbox = Mailbox.objects.select_related("agency").filter(agency_id=app.agency_id).first()
    if mailbox is None:
        raise MailboxError("本机关尚未开设信箱，请先由机关管理员在配置管理中开设信箱")
    if Message.objects.filter(application_id=app.pk).exists():
        raise MailboxError("该申请已转入信箱办理")
    with transaction.atomic():
        app = app_services.decide(app, actor, law_today.today(), outcome="5.1",
                                  reasons=(reasons or "").strip() or PETITION_REASONS,
                                  details={"proper_channel": channel_text(mailbox)}, expected_version=expected_version)
        subject = (app.info_title or app.description).strip().replace("\n", " ")
        msg = create_message(mailbox, {
            "writer_name": app.name, "phone": app.phone, "email": app.email,
            "subject": subject[:40] + ("…" if len(subject) > 40 else ""), "text": app.description,
            "category": "complaint", "consent_publish": False,
        }, application=app, actor=actor, label=f"由政府信息公开申请{app.reference}转入")
        notify.from_application(msg)
    return msg
