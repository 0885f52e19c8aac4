"""The defence bundle as a job (found by djhuey's autodiscovery of ``tasks`` modules).

Measured on the test case of remedies/tests/test_bundle.py (8 letters, correction, consultation,
extension; 23 pages): 10–40 s on the 2-core development machine, most of it WeasyPrint laying out
CJK text and embedding font subsets. Too slow for a request, so the click starts a job
(``start_bundle``) and the remedy case page shows the generation until it is done."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models.functions import Now
from huey.contrib.djhuey import db_task

from gongkai.jobs import INDEX, enqueue_on_commit
from gongkai.jobs.labels import describe

from .models import DefenceBundle

STALE_AFTER = dt.timedelta(minutes=30)  # a generation pending longer than this was lost (worker down)


@db_task(retries=0, priority=INDEX)  # a person waits for it: before recomputation and audits
def build_defence_bundle(bundle_id: int) -> None:
    """Assemble one DefenceBundle (remedies/bundle.py). Not retried: a failure is recorded on the
    row and the page offers a new generation."""
    from .bundle import build

    bundle = DefenceBundle.objects.filter(pk=bundle_id, status=DefenceBundle.PENDING).first()
    if bundle is not None:
        build(bundle)


describe(build_defence_bundle, "生成应诉材料", lambda args, kwargs: f"应诉材料 #{args[0] if args else kwargs.get('bundle_id')}")


def start_bundle(case, user) -> DefenceBundle:
    """Record a generation on the case's history and build it in the job queue once committed. A
    generation already under way for the case is returned instead (one click builds once)."""
    with transaction.atomic():
        under_way = DefenceBundle.objects.select_for_update().filter(
            remedy_case=case, status=DefenceBundle.PENDING, requested_at__gte=Now() - STALE_AFTER).first()
        if under_way is not None:
            return under_way
        DefenceBundle.objects.filter(remedy_case=case, status=DefenceBundle.PENDING).update(
            status=DefenceBundle.FAILED, error="生成超时未完成，请重新生成")
        bundle = DefenceBundle.objects.create(remedy_case=case, requested_by=user)
        enqueue_on_commit(build_defence_bundle, bundle.pk)
    return bundle
