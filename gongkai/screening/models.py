"""The leak guard's records (issue 16 item 5): each attachment's latest screening, the decisions of
the 保密审查员 (a finding accepted with a reason; personal data published by override), and the
originals kept privately when a clean copy replaced them.

Decisions and originals are records of history: written once, never changed (``save`` refuses an
update); the document's own timeline (publishing.PublicationEvent) carries an entry for each too."""

from django.conf import settings
from django.db import models

from gongkai.core.models import AppendOnlyModel
from gongkai.files.storage import private_storage
from gongkai.publishing.models import Document, DocumentAttachment


class AttachmentScreening(models.Model):
    """What the inspectors found in one attachment's current file (``digest``: its SHA-256); run
    again whenever the file changes. ``findings`` is a list of findings.Finding.as_dict()."""

    attachment = models.OneToOneField(DocumentAttachment, on_delete=models.CASCADE, related_name="screening")
    digest = models.CharField("文件摘要", max_length=64)
    findings = models.JSONField("发现", default=list, blank=True)
    screened_at = models.DateTimeField("检查时间")

    class Meta:
        verbose_name = "附件保密检查"
        verbose_name_plural = "附件保密检查"

    def __str__(self):
        return f"{self.attachment}：{len(self.findings)}项"


class WriteOnce(models.Model):
    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValueError("记录只能追加，不能修改")
        super().save(*args, **kwargs)


class Decision(WriteOnce):
    """A finding accepted by the 保密审查员 with a reason: for an attachment's finding, valid while
    the file keeps the same digest; for personal data in the document's own text, while that text
    holds the same data (the key says which)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="screening_decisions")
    attachment = models.ForeignKey(DocumentAttachment, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="screening_decisions")
    digest = models.CharField("文件摘要", max_length=64, blank=True)
    key = models.CharField("发现编号", max_length=64)
    place = models.CharField("位置", max_length=300)
    label = models.CharField("类别", max_length=60)
    reason = models.TextField("理由")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField("时间")

    class Meta:
        verbose_name = "保密检查决定"
        verbose_name_plural = "保密检查决定"
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.label} {self.place}"


def original_path(instance, filename):
    return f"screening/originals/{instance.attachment.document_id}/{filename}"


class KeptOriginal(WriteOnce):
    """The file a clean copy replaced, kept privately for the record (never served to the public)."""

    attachment = models.ForeignKey(DocumentAttachment, on_delete=models.CASCADE, related_name="kept_originals")
    file = models.FileField(upload_to=original_path, storage=private_storage)
    original_name = models.CharField("文件名", max_length=200)
    digest = models.CharField("文件摘要", max_length=64)
    size = models.PositiveIntegerField()
    removed = models.JSONField("清除的内容", default=list, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField("时间")

    class Meta:
        verbose_name = "清理前的原件"
        verbose_name_plural = "清理前的原件"

    def __str__(self):
        return self.original_name


class OriginalReadLog(AppendOnlyModel):
    """Each download of a kept original (it holds what the clean copy removed: personal data,
    comments, hidden sheets): who, which, when, the document's state then. Append-only in the
    database too (migration 0002), like the access logs of applications and attachments."""

    original = models.ForeignKey(KeptOriginal, on_delete=models.CASCADE, related_name="read_log")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    document_status = models.CharField("当时的状态", max_length=20)

    class Meta:
        verbose_name = "原件下载记录"
        verbose_name_plural = "原件下载记录"

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.original}"
