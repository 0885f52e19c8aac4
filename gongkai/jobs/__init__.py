"""Background jobs and the schedule (Huey; ARCHITECTURE.md "Jobs and schedule, shared cache").

This package is the queue's plumbing and imports no app (issue 13); the schedule alone calls into them:

- ``enqueue_on_commit`` and the priorities below;
- ``mail.send_mail``: every e-mail the product sends, once per event, with retries (the one task of
  this package, ``tasks.deliver_mail``);
- ``schedule``: the statutory schedule as code (periodic tasks; it imports the apps, nothing imports it);
- ``failures``: failed jobs recorded for administrators (``JobFailure``); ``labels``: each task's
  Chinese label (``describe``).

Each app's on-demand jobs live in its own ``tasks.py`` (``applications.tasks.recompute_deadlines``,
``search.tasks.index_document`` and ``extract_attachment_text``, ``auditor.tasks.audit_published_reports``):
the worker finds them through djhuey's autodiscovery of ``tasks`` modules, and ``JobsConfig.ready``
imports them in every process too (labels for the admin).

``python manage.py run_huey`` runs the worker and the scheduler; with ``HUEY_IMMEDIATE=1`` (development
and tests) each job runs at once where it is enqueued.
"""

# Priorities (higher first; SqliteHuey and PriorityRedisHuey honour them): what a person waits for
# comes before bulk work.
MAIL, INDEX, RECOMPUTE, EXTRACT, AUDIT = 50, 40, 30, 20, 10


def enqueue_on_commit(task, *args, **kwargs) -> None:
    """Enqueue ``task(*args, **kwargs)`` when the current transaction commits (at once outside one).
    A queue that cannot be reached is logged, never turned into an error for a committed request; the
    repair jobs of the schedule catch up on what was lost."""
    from django.db import transaction

    transaction.on_commit(lambda: task(*args, **kwargs), robust=True)
