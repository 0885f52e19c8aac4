"""Failed lookups of a secret reference (a 查询号 with a name), counted against guessing.

Only failures count, per client address and per reference (hashed), so an applicant or writer is
never locked out of their own case by looking it up; a blocked lookup learns how long to wait
(the 429 page of ``portal.progress.too_many``). The rates come from ``GONGKAI_RATE_LIMITS`` under
the two group names, with the defaults given; "0", "off" or "none" turns a counter off.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django_ratelimit.core import get_usage

from gongkai.law.identifiers import TRACKING_CODE_MAX_LENGTH, normalize_tracking_code


def configured_rate(name: str, defaults: dict[str, str]) -> str | None:
    """The rate of ``name`` in ``GONGKAI_RATE_LIMITS`` (else its default); None when turned off."""
    rate = getattr(settings, "GONGKAI_RATE_LIMITS", {}).get(name, defaults[name])
    return None if not rate or str(rate).lower() in ("0", "off", "none") else rate


class FailedLookups:
    def __init__(self, namespace: str, *, per_address: str, per_reference: str, field: str,
                 defaults: dict[str, str]):
        self.namespace, self.field, self.defaults = namespace, field, defaults
        self.groups = ((per_address, "ip"), (per_reference, self._reference_key))

    def _reference_key(self, group, request) -> str:
        code = normalize_tracking_code(request.POST.get(self.field, ""))[:TRACKING_CODE_MAX_LENGTH]
        return hashlib.sha256(code.encode()).hexdigest()[:16]

    def _limits(self):
        """(group, key, rate) of the counters that are on."""
        for name, key in self.groups:
            rate = configured_rate(name, self.defaults)
            if rate:
                yield f"{self.namespace}.{name}", key, rate

    def blocked_for(self, request) -> int:
        """Seconds until the next lookup is allowed (0: allowed now). Reads the counters, never counts."""
        wait = 0
        for group, key, rate in self._limits():
            usage = get_usage(request, group=group, key=key, rate=rate, method="POST", increment=False)
            if usage and usage["count"] >= usage["limit"]:
                wait = max(wait, usage["time_left"] if usage["time_left"] > 0 else 60)
        return wait

    def count_failure(self, request) -> None:
        for group, key, rate in self._limits():
            get_usage(request, group=group, key=key, rate=rate, method="POST", increment=True)
