"""Screening an attachment: read its file, inspect it under the parsing budget, store the findings
for its current content (by SHA-256). Run by the job when an attachment is added (tasks.py) and again,
synchronously, before the 保密审查 gate for any attachment whose screening is missing or stale."""

from __future__ import annotations

import hashlib
import logging

from gongkai.law import today as law_today
from gongkai.publishing.models import DocumentAttachment

from . import findings as F
from . import inspect
from .models import AttachmentScreening

log = logging.getLogger("gongkai.screening")


def digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def read(att: DocumentAttachment) -> bytes | None:
    try:
        with att.file.open("rb") as fh:
            return fh.read()
    except (OSError, ValueError):
        return None


def store(att: DocumentAttachment, content: bytes | None, report: F.Report | None = None) -> AttachmentScreening:
    """Inspect ``content`` (or take ``report``) and keep the findings for this content."""
    if content is None:
        found = [F.make(F.UNREADABLE, "整个文件：附件文件缺失，无法检查", cleanable=False).as_dict()]
        key = ""
    else:
        report = report or inspect.inspect(content, att.content_type)
        found, key = [f.as_dict() for f in report.findings], digest(content)
    screening, _ = AttachmentScreening.objects.update_or_create(
        attachment=att, defaults={"digest": key, "findings": found, "screened_at": law_today.now()})
    return screening


def screen_attachment(pk: int) -> AttachmentScreening | None:
    """The job's work; idempotent (a screening of the same content is kept)."""
    att = DocumentAttachment.objects.filter(pk=pk).first()
    if att is None:
        return None
    content = read(att)
    current = AttachmentScreening.objects.filter(attachment=att).first()
    if current is not None and content is not None and current.digest == digest(content):
        return current
    return store(att, content)


def screen_pending(doc) -> int:
    """Screen every attachment of ``doc`` whose screening is missing or was of other content; how many."""
    n = 0
    for att in DocumentAttachment.objects.filter(document=doc):
        content = read(att)
        current = AttachmentScreening.objects.filter(attachment=att).first()
        if current is None or content is None or current.digest != digest(content):
            store(att, content)
            n += 1
    return n


def screening_of(att: DocumentAttachment, content: bytes) -> AttachmentScreening:
    """The screening of exactly this content (made now when missing or stale)."""
    current = AttachmentScreening.objects.filter(attachment=att).first()
    if current is not None and current.digest == digest(content):
        return current
    return store(att, content)
