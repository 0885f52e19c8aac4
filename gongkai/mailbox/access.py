"""Who may read and change mailbox messages: the one door (as applications/access.py).

- The organ's staff (handler, reviewer, admin) read its messages in full and handle them; reviewers
  approve replies. A supervisor reads its subtree's messages with the writer's personal data masked
  and acts on none. Platform administrators read everything.
- Personal data: the writer's name, phone and e-mail, and identifiers typed into the text; outside
  the organ they are masked. Every read of unmasked personal data is logged (``log_read``).
"""

from __future__ import annotations

from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Membership
from gongkai.law import mailbox as rules
from gongkai.law.identifiers import mask_name, mask_phone
from gongkai.law.privacy import FREE_TEXT_KINDS, mask_text

from .models import Message, ReadLog, Reply


def readable(user):
    return agency_access.scope(Message.objects.all(), user)


def can_handle(user, message: Message) -> bool:
    return bool(user.is_authenticated and (
        user.is_superuser or message.agency_id in agency_access.working_agency_ids(user)))


def can_review(user, message: Message) -> bool:
    return bool(user.is_authenticated and (
        user.is_superuser or message.agency_id in agency_access.role_agency_ids(user, Membership.REVIEWER)))


def roles(user, message: Message) -> set[str]:
    held = set()
    if can_handle(user, message):
        held.add(rules.HANDLER)
        if can_review(user, message):
            held.add(rules.REVIEWER)
    return held


def is_drafter(user, message: Message) -> bool:
    """Whether ``user`` drafted the message's reply (who may then not approve it)."""
    return bool(user.is_authenticated and Reply.objects.filter(message=message, drafted_by_id=user.pk).exists())


def sees_personal_data(user, message: Message) -> bool:
    return can_handle(user, message)


def masked_email(value: str) -> str:
    if not value:
        return value
    local, _, domain = value.partition("@")
    return f"{local[:1]}***@{domain}"


def mask_free_text(text: str, message: Message) -> str:
    """The text as readers outside the organ see it: the writer's own name, phone and e-mail, then any
    identifier (gongkai.law.privacy), masked."""
    if not text:
        return text
    for value, masked in ((message.writer_name, mask_name(message.writer_name)),
                          (message.phone, mask_phone(message.phone)), (message.email, masked_email(message.email))):
        value = (value or "").strip()
        if len(value) >= 2 and value in text:
            text = text.replace(value, masked)
    return mask_text(text, FREE_TEXT_KINDS)


def writer_view(user, message: Message) -> dict:
    """The writer's fields and the message text as ``user`` may see them."""
    if sees_personal_data(user, message):
        return {"name": message.writer_name, "phone": message.phone, "email": message.email,
                "subject": message.subject, "text": message.text}
    return {"name": mask_name(message.writer_name), "phone": mask_phone(message.phone),
            "email": masked_email(message.email), "subject": mask_free_text(message.subject, message),
            "text": mask_free_text(message.text, message)}


def shown_name(user, message: Message) -> str:
    return message.writer_name if sees_personal_data(user, message) else mask_name(message.writer_name)


def log_read(user, message: Message, what: str) -> ReadLog:
    return ReadLog.objects.create(message=message, user=user, what=what[:50])


def log_list_read(user, what: str, messages) -> ReadLog | None:
    """One row for a list page that showed writers' names unmasked (nothing shown, nothing logged)."""
    shown = [m for m in messages if sees_personal_data(user, m)]
    if not shown:
        return None
    return ReadLog.objects.create(user=user, what=what[:50], count=len(shown))
