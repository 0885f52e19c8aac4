"""The queue's own job: delivering e-mail (``mail.send_mail`` queues it). The apps' on-demand jobs
live in their own ``tasks.py`` (see the package docstring); the periodic ones in ``schedule.py``.

``deliver`` sends one e-mail once per key (``SentMail``). Like every task, ``deliver_mail`` is a thin
wrapper around a plain function, idempotent, so a retry or a second enqueue has one effect.
"""

from __future__ import annotations

import logging

from django.db.models import F
from django.db.models.functions import Now
from huey.contrib.djhuey import db_task

from . import AUDIT, EXTRACT, INDEX, MAIL, RECOMPUTE  # noqa: F401 (their old home)
from .labels import describe

log = logging.getLogger("gongkai.jobs")


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


@db_task(retries=6, retry_delay=60, retry_backoff=2, priority=MAIL)
def deliver_mail(key: str, subject: str, message: str, recipient_list: list[str], from_email: str | None = None):
    """Send one e-mail once: retried with backoff (1, 2, 4 … minutes) until the server takes it."""
    return deliver(key, subject, message, recipient_list, from_email)


describe(deliver_mail, "发送邮件",
         lambda args, kwargs: f"key={args[0] if args else kwargs.get('key')}，"
                              f"收件人{len(args[3] if len(args) > 3 else kwargs.get('recipient_list', []))}个")
