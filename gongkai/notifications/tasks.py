"""The notifications' job: deliver one SMS (``send_sms``), retried with backoff until the
gateway takes it; the last refusal marks the notification failed. (E-mail goes through the queue's
own ``deliver_mail``.) Found by djhuey's autodiscovery of ``tasks`` modules."""

from __future__ import annotations

import logging

from huey.contrib.djhuey import db_task

from gongkai.jobs import MAIL
from gongkai.jobs.labels import describe
from gongkai.law import today as law_today

log = logging.getLogger("gongkai.notifications")


@db_task(retries=5, retry_delay=60, retry_backoff=2, priority=MAIL, context=True)
def deliver_sms(notification_id: int, task=None) -> bool:
    return send_sms(notification_id, last_attempt=task is None or not task.retries)


def send_sms(notification_id: int, *, last_attempt: bool) -> bool:
    """Send one SMS once (the row is claimed first). Raises when the gateway refuses, so the task is
    retried; the last refused attempt marks the row failed. True when this call sent it. At most
    once, as the e-mail: a worker that dies while the gateway has the text leaves the row 发送中."""
    from django.db.models import F

    from gongkai.jobs.failures import clean_error

    from .models import Notification
    from .sms import get_backend, mobile_of

    claimed = Notification.objects.filter(pk=notification_id, status=Notification.PENDING).update(
        status=Notification.SENDING, attempts=F("attempts") + 1)
    if not claimed:
        log.info("SMS notification %s already sent or being sent; not sending again", notification_id)
        return False
    row = Notification.objects.select_related("application").get(pk=notification_id)
    phone = mobile_of(row.application.phone)
    if phone is None:
        Notification.objects.filter(pk=row.pk).update(status=Notification.FAILED, error="联系电话不是手机号码")
        return False
    try:
        get_backend().send(phone, row.body)
    except Exception as e:
        status = Notification.FAILED if last_attempt else Notification.PENDING
        Notification.objects.filter(pk=row.pk).update(status=status, error=clean_error(e)[:500])
        raise
    Notification.objects.filter(pk=row.pk).update(status=Notification.SENT, sent_at=law_today.now(), error="")
    return True


describe(deliver_sms, "发送短信通知",
         lambda args, kwargs: f"通知#{args[0] if args else kwargs.get('notification_id')}")
