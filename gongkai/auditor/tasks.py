"""The supervisor's audit of published annual reports as a job (found by djhuey's autodiscovery of
``tasks`` modules): the page starts a run (``start_run``), the job executes it
(``published.execute_run``). Starting lives here, beside the job it enqueues, so that the audit
itself (``published.py``) does not import its own job. The same for the public page's OCR of scans
(``start_ocr_job``, ``ocr_audit``; ``ocrjobs.py``)."""

from __future__ import annotations

from django.db import transaction
from django.db.models.functions import Now
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from gongkai.jobs import AUDIT, enqueue_on_commit
from gongkai.jobs.labels import describe

from . import ocrjobs
from .models import AuditRun, OcrJob
from .published import STALE_AFTER, _scope_key, execute_run, scope_of


@db_task(retries=0, priority=AUDIT)
def audit_published_reports(run_id: int) -> None:
    """The supervisor's audit of published annual reports (auditor.AuditRun): progress and result
    are stored on the run. Not retried: a failed run is marked failed and the page offers a new one."""
    execute_run(run_id)


describe(audit_published_reports, "审查已发布年报")


def start_run(user, year: int) -> AuditRun:
    """Start a run (or return the one already under way for the same organs and year: one click
    never audits twice). The job is enqueued when the transaction commits."""
    ids = scope_of(user)
    key = _scope_key(ids)
    with transaction.atomic():
        under_way = AuditRun.objects.select_for_update().filter(
            scope_key=key, year=year, status__in=(AuditRun.PENDING, AuditRun.RUNNING),
            created_at__gte=Now() - STALE_AFTER,
        ).first()
        if under_way is not None:
            return under_way
        run = AuditRun.objects.create(year=year, created_by=user if user.is_authenticated else None,
                                      agency_ids=ids, scope_key=key)
        enqueue_on_commit(audit_published_reports, run.pk)
    return run


@db_task(retries=0, priority=AUDIT)
def ocr_audit(job_id: int) -> None:
    """A scan uploaded to the public 年报体检 read by OCR page by page (auditor.OcrJob: progress
    and result on the job). Not retried: a failed job says so and the visitor may upload again."""
    ocrjobs.execute(job_id)


describe(ocr_audit, "扫描件文字识别")


@db_periodic_task(crontab(minute="20"))
def delete_expired_ocr_jobs():
    """Scans and their results are kept for a day (ocrjobs.KEEP), then deleted."""
    return ocrjobs.delete_expired()


describe(delete_expired_ocr_jobs, "清理过期的扫描件识别任务")


def start_ocr_job(session_key: str, name: str, data: bytes, text: str = "") -> OcrJob:
    """Store the scan and enqueue its job when the transaction commits."""
    with transaction.atomic():
        job = ocrjobs.create(session_key, name, data, text)
        enqueue_on_commit(ocr_audit, job.pk)
    return job
