"""E-mail through the job queue: ``send_mail(key, …)`` queues it when the transaction commits; the
worker sends it with retries, once per ``key``.

``key`` names the event the e-mail announces (``application-submitted:42``,
``report-reminder:deptA:2025:2026-01-21``), never its content: the ``SentMail`` table keeps the key,
so a retried task, or the same event queued twice, never sends a second e-mail. Delivery is at most
once: if a worker dies between handing the message to the mail server and recording it, the row stays
"发送中" and nothing is sent again (administrators see it in Django admin).
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Now

log = logging.getLogger("gongkai.jobs")


def send_mail(key: str, subject: str, message: str, recipient_list, from_email: str | None = None) -> bool:
    """Queue one e-mail to ``recipient_list``, sent once for ``key``. False when there is nobody to send to."""
    recipients = [r for r in recipient_list if r]
    if not recipients:
        return False
    from .tasks import deliver_mail

    transaction.on_commit(lambda: deliver_mail(key, subject, message, recipients, from_email), robust=True)
    return True


def deliver(key: str, subject: str, message: str, recipient_list: list[str], from_email: str | None = None) -> bool:
    """Send now unless ``key`` was already sent (or is being sent). Raises when the server refuses,
    so that the task is retried. Returns True when this call sent it."""
    from django.core import mail

    from .models import SentMail

    SentMail.objects.get_or_create(key=key[:200], defaults={"recipients": len(recipient_list)})
    claimed = SentMail.objects.filter(key=key[:200], status=SentMail.PENDING).update(
        status=SentMail.SENDING, attempts=F("attempts") + 1, updated_at=Now())
    if not claimed:
        log.info("e-mail %s already sent or being sent; not sending again", key)
        return False
    try:
        mail.send_mail(subject, message, from_email, recipient_list)
    except Exception:
        SentMail.objects.filter(key=key[:200]).update(status=SentMail.PENDING, updated_at=Now())
        raise
    SentMail.objects.filter(key=key[:200]).update(status=SentMail.SENT, updated_at=Now())
    return True
