"""Background jobs and the schedule (Huey; ARCHITECTURE.md "Jobs and schedule, shared cache").

- ``tasks``: jobs moved out of the request (e-mail, recompute after a calendar change, indexing,
  attachment text, the supervisor's audit of published reports);
- ``schedule``: the statutory schedule as code (periodic tasks);
- ``mail.send_mail``: every e-mail the product sends, once per event, with retries;
- ``failures``: failed jobs recorded for administrators (``JobFailure``).

``python manage.py run_huey`` runs the worker and the scheduler; with ``HUEY_IMMEDIATE=1`` (development
and tests) each job runs at once where it is enqueued.
"""


def enqueue_on_commit(task, *args, **kwargs) -> None:
    """Enqueue ``task(*args, **kwargs)`` when the current transaction commits (at once outside one).
    A queue that cannot be reached is logged, never turned into an error for a committed request; the
    repair jobs of the schedule catch up on what was lost."""
    from django.db import transaction

    transaction.on_commit(lambda: task(*args, **kwargs), robust=True)
