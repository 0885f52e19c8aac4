"""The applications' on-demand job (found by djhuey's autodiscovery of ``tasks`` modules; the
periodic ones are in ``gongkai/jobs/schedule.py``): recompute the open cases after a calendar change.
Enqueued by ``signals.py`` when the holidays app says the calendar changed."""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from gongkai.jobs import RECOMPUTE
from gongkai.jobs.labels import describe


@db_task(retries=3, retry_delay=60, retry_backoff=2, priority=RECOMPUTE)
def recompute_deadlines(reason: str | None = None) -> int:
    """Recompute every open case after a calendar change (domain.md 3.3 g); a case whose date moved
    gets one timeline entry with ``reason``; running it again moves nothing and writes nothing."""
    from .services import refresh_open_deadlines

    return refresh_open_deadlines(reason=reason)


describe(recompute_deadlines, "节假日安排变更后重算期限",
         lambda args, kwargs: str(args[0] if args else kwargs.get("reason") or ""))
