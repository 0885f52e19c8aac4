"""Scans uploaded to the public 年报体检, read by OCR in a job (``tasks.ocr_audit``): the upload is kept
in the private storage until the job has read it, the page (``views.ocr_job``) shows the progress
page by page and then the result, to the browser session that uploaded it only, reached by an
unguessable token. Jobs and their files are deleted after :data:`KEEP`
(``tasks.delete_expired_ocr_jobs``, hourly)."""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction

from gongkai.auditor.models import OcrJob
from gongkai.law import today as law_today

log = logging.getLogger("gongkai.auditor")

KEEP = timedelta(hours=24)
SCAN_ROLE = "扫描件"


def create(session_key: str, name: str, data: bytes, text: str = "") -> OcrJob:
    """A pending job holding the upload (private storage) and any text pasted with it."""
    token = secrets.token_urlsafe(32)
    job = OcrJob(token=token, session_key=session_key, name=(name or SCAN_ROLE)[:200], text=text)
    job.upload.save(token, ContentFile(data), save=False)
    job.save()
    return job


def visible(token: str, session_key: str | None) -> OcrJob | None:
    """The job of ``token`` if it belongs to this browser session (and has not expired)."""
    if not token or not session_key:
        return None
    return OcrJob.objects.filter(token=token, session_key=session_key,
                                 created_at__gte=law_today.now() - KEEP).first()


def _progress(job_id: int):
    def report(done: int, total: int) -> None:
        OcrJob.objects.filter(pk=job_id).update(progress_done=done, progress_total=total)

    return report


def execute(job_id: int) -> None:
    """Read the scan (and the text pasted with it), store the result, delete the upload."""
    from gongkai.auditor import services

    with transaction.atomic():
        job = OcrJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status != OcrJob.PENDING:
            return  # deleted, or already taken by another worker
        job.status = OcrJob.RUNNING
        job.save(update_fields=["status"])
    try:
        with job.upload.open("rb") as f:
            data = f.read()
        inputs = [(job.name, data)] + ([("粘贴的文本", job.text)] if job.text.strip() else [])
        results = services.audit_batch(inputs, ocr=True, progress=_progress(job.pk))
    except Exception as e:
        log.exception("ocr job %s failed", job_id)
        OcrJob.objects.filter(pk=job_id).update(status=OcrJob.FAILED, error=f"读取时出错（{type(e).__name__}）",
                                                finished_at=law_today.now())
        raise
    job.refresh_from_db()
    job.result = results
    job.status = OcrJob.DONE
    job.finished_at = law_today.now()
    job.upload.delete(save=False)  # read: the scan is not kept
    job.save()


def delete_expired() -> int:
    """Delete jobs older than :data:`KEEP` with their files; the number deleted."""
    count = 0
    for job in OcrJob.objects.filter(created_at__lt=law_today.now() - KEEP):
        if job.upload:
            job.upload.delete(save=False)
        job.delete()
        count += 1
    return count
