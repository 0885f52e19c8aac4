"""The crawl of the organs' websites as a job (found by djhuey's autodiscovery of ``tasks`` modules):
the page starts a run (``start_run``), the job executes it (``runs.execute_run``). Starting lives here,
beside the job it enqueues, so that ``runs.py`` does not import its own job."""

from __future__ import annotations

from django.db import transaction
from django.db.models.functions import Now
from huey.contrib.djhuey import db_task

from gongkai.jobs import AUDIT, enqueue_on_commit
from gongkai.jobs.labels import describe

from .access import scope_of
from .models import CrawlRun
from .runs import execute_run

STALE_AFTER_HOURS = 6  # a run still under way after this long is taken as lost (its worker died)


@db_task(retries=0, priority=AUDIT)
def crawl_websites(run_id: int) -> None:
    """The crawl of the listed organs' websites (websites.CrawlRun): progress and one row per organ
    are stored. Not retried: a failed run is marked failed and the page offers a new one."""
    execute_run(run_id)


describe(crawl_websites, "抓取网站年报", lambda args, kwargs: f"抓取 #{args[0] if args else kwargs.get('run_id')}")


def start_run(user, year: int, sites: list[dict[str, str]], delay: float = 1.0) -> CrawlRun:
    """Start a run, or return the one under way for the same user, year and list (one click never
    crawls twice). The job is enqueued when the transaction commits."""
    from datetime import timedelta

    with transaction.atomic():
        under_way = CrawlRun.objects.select_for_update().filter(
            created_by=user, year=year, status__in=(CrawlRun.PENDING, CrawlRun.RUNNING),
            created_at__gte=Now() - timedelta(hours=STALE_AFTER_HOURS),
        ).first()
        if under_way is not None and under_way.sites == sites:
            return under_way
        run = CrawlRun.objects.create(year=year, created_by=user, agency_ids=scope_of(user), sites=sites,
                                      delay=delay, progress_total=len(sites))
        enqueue_on_commit(crawl_websites, run.pk)
    return run
