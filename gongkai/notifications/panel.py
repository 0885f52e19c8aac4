"""What the staff case page shows of the applicant's notifications: channel, subject, time and
status, with the e-mail's status read from the queue's own records (``SentMail``; ``JobFailure`` once
its retries are used up). No recipient address or phone number is shown."""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.jobs.models import JobFailure, SentMail

from .models import Notification

EMAIL_STATUS = {SentMail.SENT: "已发送", SentMail.SENDING: "发送中", SentMail.PENDING: "待发送"}


@dataclass
class Row:
    created_at: object
    channel: str
    what: str
    status: str
    failed: bool
    attempts: int


def rows_for(app) -> list[Row]:
    notes = list(Notification.objects.filter(application=app).order_by("created_at", "id"))
    keys = [n.mail_key for n in notes if n.channel == Notification.EMAIL]
    mails = {m.key: m for m in SentMail.objects.filter(key__in=keys)} if keys else {}
    given_up = _given_up(keys)
    return [_row(n, mails.get(n.mail_key), n.mail_key in given_up) for n in notes]


def _given_up(keys: list[str]) -> set[str]:
    """Keys of e-mails whose delivery job failed for good (``deliver_mail`` summarises its arguments as
    "key=…，收件人1个"; these e-mails have one recipient)."""
    if not keys:
        return set()
    summaries = {f"key={k}，收件人1个": k for k in keys}
    failed = JobFailure.objects.filter(task_name="gongkai.jobs.tasks.deliver_mail", status=JobFailure.FAILED,
                                       arguments__in=list(summaries)).values_list("arguments", flat=True)
    return {summaries[s] for s in failed}


def _row(n: Notification, mail: SentMail | None, given_up: bool) -> Row:
    what = n.get_kind_display()
    if n.channel == Notification.SMS:
        failed = n.status == Notification.FAILED or (n.status == Notification.PENDING and n.attempts > 0)
        status = n.get_status_display()
        if n.status == Notification.PENDING and n.attempts:
            status = f"发送失败，等待重试（已尝试{n.attempts}次）"
        return Row(n.created_at, n.get_channel_display(), what, status, failed, n.attempts)
    if mail is None:
        return Row(n.created_at, n.get_channel_display(), what, "已排队", False, 0)
    status = EMAIL_STATUS.get(mail.status, mail.status)
    failed = given_up or (mail.status == SentMail.PENDING and mail.attempts > 0)
    if given_up:
        status = "发送失败（重试已用尽）"
    elif failed:
        status = f"发送失败，等待重试（已尝试{mail.attempts}次）"
    return Row(n.created_at, n.get_channel_display(), what, status, failed, mail.attempts)
