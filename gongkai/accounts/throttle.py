"""The per-address limit of failed sign-ins, apart from django-axes' per-account lock-out.

django-axes locks one account after ``GONGKAI_LOGIN_FAILURE_LIMIT`` (5) failed passwords, from any
address. One address is treated more generously: a county government's whole office often reaches
the platform through one NAT address, and five colleagues mistyping on a Monday morning must not
lock them all out. The address is refused after ``GONGKAI_LOGIN_ADDRESS_FAILURES`` (30) failures
within ``GONGKAI_LOGIN_LOCKOUT_MINUTES`` (a fixed window, counted by django-ratelimit in the shared
cache), which still stops one machine guessing passwords across many user names.

Counted from Django's ``user_login_failed`` signal; refused by :class:`AddressThrottleBackend`, the
first authentication backend, which hands the refusal to django-axes' middleware so that the visitor
sees the same Chinese lock-out page (``views.locked_out``).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django_ratelimit.core import get_usage

GROUP = "gongkai.login_failures"


def _rate() -> str:
    failures = int(getattr(settings, "GONGKAI_LOGIN_ADDRESS_FAILURES", 30))
    return f"{failures}/{int(settings.AXES_COOLOFF_TIME.total_seconds())}s"


def _usage(request, *, increment: bool) -> dict | None:
    if request is None or not hasattr(request, "META"):
        return None
    return get_usage(request, group=GROUP, key="ip", rate=_rate(), increment=increment)


def address_refused(request) -> bool:
    usage = _usage(request, increment=False)
    return bool(usage and usage["count"] >= usage["limit"])  # N failures made: the next try is refused


@receiver(user_login_failed, dispatch_uid="gongkai.accounts.throttle.count")
def count_failure(sender, credentials=None, request=None, **kwargs):
    _usage(request, increment=True)


class AddressThrottleBackend:
    """First in AUTHENTICATION_BACKENDS: an address over its limit gets the lock-out page; the
    password is not checked. Only ``authenticate``: without ``get_user`` it is never the backend a
    session is remembered by (Django picks the first backend that has one)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is not None and address_refused(request):
            request.axes_locked_out = True
            request.axes_credentials = {"username": username}
            raise PermissionDenied
        return None
