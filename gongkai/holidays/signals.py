"""A change to the calendar data re-computes every open case's due date (domain.md 3.3 g).

However many rows one transaction changes (a whole year's notice is some 35 days and the year),
``calendar_updated`` is sent once after the commit, with the reason each case whose date moved
records: "期限已按2027年节假日安排重算" when a year is confirmed, else "节假日安排数据变更". The
applications app receives it and enqueues the recompute job (``applications.signals``,
``applications.tasks.recompute_deadlines``, run by the worker, at once with HUEY_IMMEDIATE); this
app imports nothing of the applications.
"""

import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from .models import CalendarDay, CalendarYear

_pending = threading.local()

# Sent once per transaction that changed the calendar data, after its commit: ``reason`` (str) and
# ``years`` (the years confirmed, a set).
calendar_updated = Signal()


def recompute_reason(years_confirmed) -> str:
    if years_confirmed:
        return "期限已按" + "、".join(f"{y}年" for y in sorted(years_confirmed)) + "节假日安排重算"
    return "节假日安排数据变更"


def _run():
    state = getattr(_pending, "state", None)
    _pending.state = None
    if state is None:
        return
    # A job, not the request: the applications app enqueues the recompute of every open case.
    calendar_updated.send(sender=CalendarYear, reason=recompute_reason(state["years"]), years=set(state["years"]))


def _registered() -> bool:
    """Whether this transaction already has our callback: a rolled-back transaction drops its
    callbacks, and with them the state it had gathered, which must not leak into the next one."""
    connection = transaction.get_connection()
    return any(entry[1] is _run for entry in connection.run_on_commit)


@receiver([post_save, post_delete], sender=CalendarDay)
@receiver([post_save, post_delete], sender=CalendarYear)
def calendar_changed(sender, instance=None, **kwargs):
    from .services import forget_calendar

    forget_calendar()
    state = getattr(_pending, "state", None)
    if state is None or not _registered():
        state = _pending.state = {"years": set()}
    if sender is CalendarYear and instance is not None and instance.complete and kwargs.get("signal") is post_save:
        state["years"].add(instance.year)
    # The first callback after the commit enqueues the job, the others nothing (outside a
    # transaction it runs at once). A queue that cannot be reached is logged (robust): the daily
    # recompute of the schedule catches up, without the reason.
    transaction.on_commit(_run, robust=True)
