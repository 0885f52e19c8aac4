"""E-mail through the job queue: ``send_mail(key, …)`` queues it when the transaction commits; the
worker sends it with retries, once per ``key`` (``tasks.deliver_mail``, ``tasks.deliver``).

``key`` names the event the e-mail announces (``application-event:42``, a timeline event told to the
applicant by gongkai/notifications; ``report-reminder:deptA:2025:2026-01-21``), never its content:
the ``SentMail`` table keeps the key, so a retried task, or the same event queued twice, never sends
a second e-mail. Delivery is at most once: if a worker dies between handing the message to the mail
server and recording it, the row stays "发送中" and nothing is sent again (administrators see it in
Django admin).
"""

from __future__ import annotations

from django.db import transaction

from .tasks import deliver, deliver_mail  # noqa: F401 (deliver: its old home)


def send_mail(key: str, subject: str, message: str, recipient_list, from_email: str | None = None) -> bool:
    """Queue one e-mail to ``recipient_list``, sent once for ``key``. False when there is nobody to send to."""
    recipients = [r for r in recipient_list if r]
    if not recipients:
        return False
    transaction.on_commit(lambda: deliver_mail(key, subject, message, recipients, from_email), robust=True)
    return True
