"""The mailbox's use cases: one function per step, the one door for views, the demo and tests.

Each staff step locks the message (``VersionLock``: row lock + the form's version), asks
law/mailbox.refusal whether the actor's roles allow it in the message's state, changes the message
and appends its timeline event in one transaction. Messages to the writer are queued on commit
(notify.py)."""

from __future__ import annotations

from contextlib import contextmanager

from django.db import IntegrityError, transaction

from gongkai.core.errors import ConflictError, RuleError
from gongkai.core.versioning import VersionLock
from gongkai.law import mailbox as rules
from gongkai.law import today as law_today
from gongkai.law.identifiers import new_tracking_code
from gongkai.ops import page_cache

from . import access, notify
from .models import Mailbox, Message, MessageEvent, Reply


class MailboxError(RuleError):
    """A step the rules refuse; the message is shown as is."""


WRITER_FIELDS = ("writer_name", "phone", "email", "subject", "text", "category", "consent_publish")


def event(message: Message, kind: str, label: str, actor=None, *, note: str = "", public: bool = False,
          **data) -> MessageEvent:
    return MessageEvent.objects.create(message=message, kind=kind, label=label, at=law_today.now(),
                                       actor=actor if getattr(actor, "is_authenticated", False) else None,
                                       note=note, public=public, data=data)


def compute_due(mailbox: Mailbox, received_on):
    from gongkai.holidays.services import current_calendar

    return rules.due_on(received_on, mailbox.answer_days, current_calendar())


def _new_reference() -> str:
    return new_tracking_code(12)


def create_message(mailbox: Mailbox, data: dict, *, application=None, actor=None,
                   label: str = "收到来信") -> Message:
    """A new message with its random 查询号 and its due date, and the ``received`` event."""
    now = law_today.now()
    received_on = law_today.today()
    fields = {k: data.get(k) for k in WRITER_FIELDS}
    fields["email"] = fields.get("email") or ""
    fields["consent_publish"] = bool(fields.get("consent_publish"))
    for _ in range(5):  # a collision of 31^12 codes is astronomically rare; never a 500 for it
        try:
            with transaction.atomic():
                msg = Message.objects.create(
                    mailbox=mailbox, agency=mailbox.agency, reference=_new_reference(), received_at=now,
                    received_on=received_on, due_on=compute_due(mailbox, received_on), application=application,
                    **fields)
                break
        except IntegrityError:
            if application is not None and Message.objects.filter(application=application).exists():
                raise MailboxError("该申请已转入信箱办理")
    else:  # pragma: no cover
        raise MailboxError("生成查询号失败，请重试")
    event(msg, "received", label, actor, public=True, due_on=msg.due_on.isoformat(),
          category=msg.category, consent=msg.consent_publish)
    return msg


def submit(mailbox: Mailbox, data: dict) -> Message:
    """A message written on the public form: saved, then the writer told its 查询号 by e-mail."""
    if not mailbox.is_open:
        raise MailboxError(f"{mailbox.name}暂停接收来信")
    with transaction.atomic():
        msg = create_message(mailbox, data)
        notify.received(msg)
    return msg


@contextmanager
def _step(message: Message, actor, name: str, expected_version=None):
    """Lock the message, check the form's version and the step, yield the fresh row."""
    with VersionLock(Message.objects.select_related("agency", "mailbox"), message.pk,
                     expected_version=expected_version, what="该来信", error=ConflictError) as msg:
        why = rules.refusal(name, msg.status, access.roles(actor, msg), is_drafter=access.is_drafter(actor, msg))
        if why:
            raise MailboxError(why)
        yield msg


def _save(msg: Message, *fields) -> None:
    msg.save(update_fields=list(fields))


def accept(message, actor, *, expected_version=None) -> Message:
    with _step(message, actor, "accept", expected_version) as msg:
        msg.status, msg.handler = rules.HANDLING, actor
        _save(msg, "status", "handler")
        event(msg, "accepted", "已受理", actor, public=True)
    return msg


def draft_reply(message, actor, text: str, *, expected_version=None) -> Message:
    """The handler's reply, sent to the organ's reviewer (a returned reply is revised here)."""
    text = (text or "").strip()
    if not text:
        raise MailboxError("请填写答复内容")
    with _step(message, actor, "draft", expected_version) as msg:
        now = law_today.now()
        Reply.objects.update_or_create(message=msg, defaults={
            "text": text, "drafted_by": actor, "drafted_at": now, "state": Reply.DRAFT,
            "reviewed_by": None, "reviewed_at": None, "published": False, "published_at": None})
        msg.status = rules.REVIEW
        msg.handler = msg.handler or actor
        _save(msg, "status", "handler")
        event(msg, "drafted", "答复已提交审核", actor, text=text)
    return msg


def approve(message, actor, *, note: str = "", expected_version=None) -> Message:
    """The reviewer approves the reply: the message is answered today and the writer gets the reply
    by e-mail; the public texts are prefilled masked (published only later, with consent)."""
    with _step(message, actor, "approve", expected_version) as msg:
        reply = Reply.objects.select_for_update().get(message=msg)
        reply.state, reply.reviewed_by, reply.reviewed_at = Reply.APPROVED, actor, law_today.now()
        reply.save(update_fields=["state", "reviewed_by", "reviewed_at"])
        msg.status, msg.answered_on = rules.REPLIED, law_today.today()
        msg.public_subject = msg.public_subject or access.mask_free_text(msg.subject, msg)
        msg.public_text = msg.public_text or access.mask_free_text(msg.text, msg)
        _save(msg, "status", "answered_on", "public_subject", "public_text")
        event(msg, "replied", "已答复", actor, note=note.strip(), public=True, text=reply.text)
        notify.replied(msg, reply)
    return msg


def return_reply(message, actor, *, note: str, expected_version=None) -> Message:
    note = (note or "").strip()
    if not note:
        raise MailboxError("退回修改须写明意见")
    with _step(message, actor, "return", expected_version) as msg:
        Reply.objects.filter(message=msg).update(state="returned", reviewed_by=actor, reviewed_at=law_today.now())
        msg.status = rules.HANDLING
        _save(msg, "status")
        event(msg, "returned", "答复被退回修改", actor, note=note)
    return msg


def set_public_text(message, actor, *, subject: str, text: str, expected_version=None) -> Message:
    """The subject and message as the public page shows them (staff mask what the check finds)."""
    if not access.can_handle(actor, message):
        raise MailboxError("您无权办理该来信")
    subject, text = (subject or "").strip(), (text or "").strip()
    if not subject or not text:
        raise MailboxError("请填写公开标题和公开的来信内容")
    with VersionLock(Message.objects, message.pk, expected_version=expected_version, what="该来信") as msg:
        reply = Reply.objects.filter(message=msg).first()
        if reply is not None and reply.published:
            why = rules.personal_data_labels(subject, text)
            if why:
                raise MailboxError(f"已公开的内容不能改为含有个人信息（{'、'.join(why)}）的文本")
        msg.public_subject, msg.public_text = subject[:100], text
        _save(msg, "public_subject", "public_text")
        event(msg, "public_text", "修改公开文本", actor)
    return msg


def publication_refusal(msg: Message, reply: Reply | None) -> str | None:
    return rules.publication_refusal(
        consent=msg.consent_publish, status=msg.status, reply_approved=bool(reply and reply.approved),
        texts=(msg.public_subject, msg.public_text, reply.text if reply else ""), writer_name=msg.writer_name)


def publish(message, actor, *, expected_version=None) -> Message:
    """Publish the reply on the mailbox page: only with the writer's consent, after review, and with
    no personal data in what is shown (law/mailbox.publication_refusal)."""
    with _step(message, actor, "publish", expected_version) as msg:
        reply = Reply.objects.select_for_update().filter(message=msg).first()
        why = publication_refusal(msg, reply)
        if why:
            raise MailboxError(why)
        if reply.published:
            raise MailboxError("该答复已公开")
        reply.published, reply.published_at = True, law_today.now()
        reply.save(update_fields=["published", "published_at"])
        event(msg, "published", "答复已公开", actor)
    return msg


def unpublish(message, actor, *, reason: str, expected_version=None) -> Message:
    reason = (reason or "").strip()
    if not reason:
        raise MailboxError("撤下已公开的答复须写明理由")
    with _step(message, actor, "unpublish", expected_version) as msg:
        if not Reply.objects.filter(message=msg, published=True).update(published=False, published_at=None):
            raise MailboxError("该答复未公开")
        page_cache.bump_on_commit("mailbox")  # (an update() sends no signal) the cached replies pages end
        event(msg, "unpublished", "已撤下公开的答复", actor, note=reason)
    return msg


def add_note(message, actor, *, text: str, expected_version=None) -> Message:
    text = (text or "").strip()
    if not text:
        raise MailboxError("请填写备注")
    with _step(message, actor, "note", expected_version) as msg:
        event(msg, "note", "备注", actor, note=text)
    return msg


def reply_of(message: Message) -> Reply | None:
    return Reply.objects.filter(message=message).first()
