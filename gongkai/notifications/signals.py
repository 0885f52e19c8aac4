"""A timeline event the applicant must know about is announced once its transaction commits
(``services.notify``). The timeline is append-only: each event is announced at most once, and a
correcting event is announced as itself, never by re-sending the one it supersedes.

``muted()`` silences it for bulk work with fictional applicants (the demo world)."""

from __future__ import annotations

import contextlib
import threading

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from gongkai.applications.models import TimelineEvent

from .facts import NOTIFIED_KINDS

_state = threading.local()


@contextlib.contextmanager
def muted():
    previous = getattr(_state, "muted", False)
    _state.muted = True
    try:
        yield
    finally:
        _state.muted = previous


@receiver(post_save, sender=TimelineEvent, dispatch_uid="notifications.announce_event")
def announce_event(sender, instance: TimelineEvent, created: bool, raw: bool = False, **kwargs):
    if not created or raw or instance.kind not in NOTIFIED_KINDS or getattr(_state, "muted", False):
        return
    from .services import notify

    event_id = instance.pk
    transaction.on_commit(lambda: notify(event_id), robust=True)
