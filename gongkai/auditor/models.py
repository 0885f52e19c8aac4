"""The supervisor's audits of published annual reports, run as jobs (published.py, tasks.py).

A run is scoped: it records the organs the supervisor supervised when it started, and only a user
who supervises every one of them may see it (``published.visible_runs``). Its result is what the
page shows — findings about published reports, no personal data. ``OcrJob``: a scan uploaded to
the public page, read by OCR in a job.
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from gongkai.files.storage import private_storage
from gongkai.jobs.progress import Progress


class AuditRun(Progress, models.Model):
    STATUSES = Progress.statuses("审查中")

    year = models.PositiveSmallIntegerField("年度")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="发起人", on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    agency_ids = models.JSONField("审查范围（机关）", default=list)
    scope_key = models.CharField(max_length=64, db_index=True)
    status = models.CharField("状态", max_length=10, choices=STATUSES, default=Progress.PENDING)
    progress_done = models.PositiveIntegerField("已审查", default=0)
    progress_total = models.PositiveIntegerField("待审查", default=0)
    result = models.JSONField("结果", null=True, blank=True, encoder=DjangoJSONEncoder)
    error = models.CharField("错误", max_length=500, blank=True)
    created_at = models.DateTimeField("发起时间", auto_now_add=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "已发布年报审查"
        verbose_name_plural = "已发布年报审查"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.year}年度已发布年报审查 #{self.pk}"


def _ocr_upload_path(instance, filename: str) -> str:
    return f"auditor/ocr/{instance.token}"


class OcrJob(Progress, models.Model):
    """A scan uploaded to the public 年报体检, read by OCR in a job (``tasks.ocr_audit``).

    Anonymous: the job belongs to the browser session that uploaded it and is reached by an
    unguessable token (``views.ocr_job``); the upload sits in the private storage, never at a
    public URL; job and file are deleted after ``KEEP`` (``tasks.delete_expired_ocr_jobs``).
    """

    STATUSES = Progress.statuses("识别中")

    token = models.CharField(max_length=64, unique=True)
    session_key = models.CharField(max_length=64, db_index=True)
    name = models.CharField("文件名", max_length=200, blank=True)
    upload = models.FileField("扫描件", upload_to=_ocr_upload_path, storage=private_storage, blank=True)
    text = models.TextField("同时粘贴的文本", blank=True)
    status = models.CharField("状态", max_length=10, choices=STATUSES, default=Progress.PENDING)
    progress_done = models.PositiveIntegerField("已识别页数", default=0)
    progress_total = models.PositiveIntegerField("总页数", default=0)
    result = models.JSONField("结果", null=True, blank=True, encoder=DjangoJSONEncoder)
    error = models.CharField("错误", max_length=500, blank=True)
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "扫描件文字识别任务"
        verbose_name_plural = "扫描件文字识别任务"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"扫描件文字识别 #{self.pk}"
