"""One row per (timeline event, channel): what the applicant was told and whether it went out.

The row is the idempotency record of the SMS (``tasks.deliver_sms`` claims it) and the staff's view of
both channels (``panel.py``); the e-mail itself goes through the job queue's ``send_mail`` under the key
``application-event:<event id>``, whose ``SentMail`` row says whether the mail server took it (so
``status``, ``attempts`` and ``error`` here are the SMS's; an e-mail row keeps its text only).
"""

from django.db import models

from gongkai.applications.models import Application, TimelineEvent

from .messages import KIND_LABELS


class Notification(models.Model):
    EMAIL = "email"
    SMS = "sms"
    CHANNELS = [(EMAIL, "电子邮件"), (SMS, "短信")]

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    STATUSES = [(PENDING, "待发送"), (SENDING, "发送中"), (SENT, "已发送"), (FAILED, "发送失败")]

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notifications")
    event = models.ForeignKey(TimelineEvent, on_delete=models.CASCADE, related_name="notifications")
    channel = models.CharField("渠道", max_length=8, choices=CHANNELS)
    kind = models.CharField("通知事项", max_length=30, choices=list(KIND_LABELS.items()))
    subject = models.CharField("标题", max_length=200)
    body = models.TextField("内容")
    status = models.CharField("状态", max_length=10, choices=STATUSES, default=PENDING)
    attempts = models.PositiveIntegerField("发送次数", default=0)
    error = models.CharField("最近错误（已脱敏）", max_length=500, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)

    class Meta:
        verbose_name = "申请人通知"
        verbose_name_plural = "申请人通知"
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "channel"], name="one_notification_per_event_channel")]

    def __str__(self):
        return f"{self.get_channel_display()} {self.subject}"

    @property
    def mail_key(self) -> str:
        return mail_key(self.event_id)


def mail_key(event_id: int) -> str:
    return f"application-event:{event_id}"
