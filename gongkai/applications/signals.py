"""What the applications do when another app announces a change (connected in ``apps.ready``).

The calendar changed (``holidays.signals.calendar_updated``, sent once per transaction after its
commit): every open case's due date is recomputed by a job (``tasks.recompute_deadlines``), not in
the request. The holidays app knows nothing of the applications: it only announces the change."""

from django.dispatch import receiver

from gongkai.holidays.signals import calendar_updated

from .tasks import recompute_deadlines


@receiver(calendar_updated)
def recompute_open_cases(sender, reason: str, **kwargs):
    recompute_deadlines(reason)
