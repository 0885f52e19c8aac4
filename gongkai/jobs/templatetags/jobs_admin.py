"""The failed-jobs line on the admin home page (templates/admin/index.html)."""

import datetime as dt

from django import template
from django.db.models import Q
from django.db.models.functions import Now

register = template.Library()

RECENT = dt.timedelta(days=7)


@register.simple_tag
def job_failures():
    """{'failed': jobs that gave up, 'retrying': jobs waiting to retry}, over the last 7 days."""
    from gongkai.jobs.models import JobFailure

    recent = JobFailure.objects.filter(updated_at__gte=Now() - RECENT)
    counts = recent.aggregate(failed=_count(JobFailure.FAILED), retrying=_count(JobFailure.RETRYING))
    return {k: v or 0 for k, v in counts.items()}


def _count(status):
    from django.db.models import Count

    return Count("pk", filter=Q(status=status))
