"""A change to the calendar data re-computes every open case's due date (domain.md 3.3 g)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import CalendarDay, CalendarYear


@receiver([post_save, post_delete], sender=CalendarDay)
@receiver([post_save, post_delete], sender=CalendarYear)
def calendar_changed(sender, **kwargs):
    from gongkai.applications.services import refresh_open_deadlines

    transaction.on_commit(lambda: refresh_open_deadlines(reason="节假日安排数据变更"))
