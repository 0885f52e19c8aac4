"""What the job queue leaves for people to see: failed jobs, and the e-mails already sent.

Neither table holds personal data: a failure keeps the task's name, a summary of its arguments
(numbers and keys, never free text, names or addresses) and the error with identifiers masked; a
sent e-mail keeps its idempotency key (the event it announces) and the number of recipients.
"""

from django.db import models

from .labels import task_label


class JobFailure(models.Model):
    """One run of a task that raised. Its retries update the same row (Huey keeps the task id)."""

    RETRYING = "retrying"
    FAILED = "failed"
    RECOVERED = "recovered"
    STATUSES = [(RETRYING, "等待重试"), (FAILED, "已放弃（重试用尽）"), (RECOVERED, "重试后成功")]

    task_id = models.CharField("任务编号", max_length=64, unique=True)
    task_name = models.CharField("任务", max_length=200, db_index=True)
    arguments = models.CharField("参数摘要", max_length=500, blank=True)
    error = models.TextField("错误")
    attempts = models.PositiveIntegerField("已执行次数", default=1)
    status = models.CharField("状态", max_length=12, choices=STATUSES, default=RETRYING, db_index=True)
    first_failed_at = models.DateTimeField("首次失败", auto_now_add=True)
    updated_at = models.DateTimeField("最近更新", auto_now=True, db_index=True)

    class Meta:
        verbose_name = "失败的后台任务"
        verbose_name_plural = "失败的后台任务"
        ordering = ["-updated_at"]

    def __str__(self):
        return f"{self.task_label} #{self.task_id[:8]}"

    @property
    def task_label(self) -> str:
        return task_label(self.task_name)


class SentMail(models.Model):
    """The idempotency key of every e-mail the jobs send: a retried or repeated task never sends twice."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    STATUSES = [(PENDING, "待发送（失败后等待重试）"), (SENDING, "发送中"), (SENT, "已发送")]

    key = models.CharField("幂等键", max_length=200, unique=True)
    status = models.CharField("状态", max_length=10, choices=STATUSES, default=PENDING)
    recipients = models.PositiveIntegerField("收件人数", default=0)
    attempts = models.PositiveIntegerField("发送次数", default=0)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("最近更新", auto_now=True)

    class Meta:
        verbose_name = "已发送邮件（幂等记录）"
        verbose_name_plural = "已发送邮件（幂等记录）"
        ordering = ["-created_at"]

    def __str__(self):
        return self.key
