"""The supervisor's audit of published annual reports as a job (found by djhuey's autodiscovery of
``tasks`` modules): the page starts a run (``start_run``), the job executes it
(``published.execute_run``). Starting lives here, beside the job it enqueues, so that the audit
itself (``published.py``) does not import its own job."""

from __future__ import annotations

from django.db import transaction
from django.db.models.functions import Now
from huey.contrib.djhuey import db_task

from gongkai.jobs import AUDIT, enqueue_on_commit
from gongkai.jobs.labels import describe

from .models import AuditRun
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
