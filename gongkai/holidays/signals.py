"""A change to the calendar data re-computes every open case's due date (domain.md 3.3 g).

However many rows one transaction changes (a whole year's notice is some 35 days and the year),
the open cases are recomputed once, after the commit, and each case whose date moved records why:
"期限已按2027年节假日安排重算" when a year is confirmed, else "节假日安排数据变更".
"""

import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import CalendarDay, CalendarYear

_pending = threading.local()


def recompute_reason(years_confirmed) -> str:
    if years_confirmed:
        return "期限已按" + "、".join(f"{y}年" for y in sorted(years_confirmed)) + "节假日安排重算"
    return "节假日安排数据变更"


def _run():
    state = getattr(_pending, "state", None)
    _pending.state = None
    if state is None:
        return
    from gongkai.applications.services import refresh_open_deadlines

    refresh_open_deadlines(reason=recompute_reason(state["years"]))


@receiver([post_save, post_delete], sender=CalendarDay)
@receiver([post_save, post_delete], sender=CalendarYear)
def calendar_changed(sender, instance=None, **kwargs):
    from .services import forget_calendar

    forget_calendar()
    state = getattr(_pending, "state", None)
    if state is None:
        state = _pending.state = {"years": set()}
    transaction.on_commit(_run)  # the first callback after the commit does the work, the others nothing
    if sender is CalendarYear and instance is not None and instance.complete and kwargs.get("signal") is post_save:
        state["years"].add(instance.year)
