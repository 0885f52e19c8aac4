"""Who may crawl the organs' websites and see a crawl: supervisors (政务公开办) only. A run records the
organs its starter supervised when it started; it is visible to its starter while still a
supervisor and to any user who supervises every one of those organs."""

from __future__ import annotations

from gongkai.agencies import access as agency_access
from gongkai.reports import access as report_access
from gongkai.websites.models import CrawlRun


def is_supervisor(user) -> bool:
    return agency_access.is_supervisor(user)


def scope_of(user) -> list[int]:
    return sorted(report_access.supervised_agencies(user).values_list("pk", flat=True))


def can_see(user, run: CrawlRun) -> bool:
    if not is_supervisor(user):
        return False
    if run.created_by_id is not None and run.created_by_id == user.pk:
        return True
    ids = set(scope_of(user))
    return bool(ids) and bool(run.agency_ids) and set(run.agency_ids) <= ids


def visible_runs(user, limit: int = 10) -> list[CrawlRun]:
    """The latest runs the user may see (the web's runs; the command's have no starter nor scope)."""
    if not is_supervisor(user):
        return []
    candidates = CrawlRun.objects.exclude(created_by=None).order_by("-created_at", "-id")[:200]
    return [r for r in candidates if can_see(user, r)][:limit]
