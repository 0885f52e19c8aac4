"""The leak guard's job (found by djhuey's autodiscovery of ``tasks`` modules): screen one uploaded
attachment, enqueued on commit by publishing.services.add_attachment. The gate screens again, under
the same limits, whatever the job has not done (runner.screen_pending)."""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from gongkai.jobs import EXTRACT
from gongkai.jobs.labels import describe


@db_task(retries=2, retry_delay=120, priority=EXTRACT)
def screen_attachment(pk: int) -> None:
    """Inspect one attachment for hidden content and personal data (issue 16 item 5)."""
    from . import runner

    runner.screen_attachment(pk)


describe(screen_attachment, "附件保密检查")
