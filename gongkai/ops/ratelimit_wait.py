"""How long a visitor refused by a django-ratelimit decorator must wait (issue 15: every 429 says
when to try again and sends ``Retry-After``).

django-ratelimit's ``Ratelimited`` exception carries nothing about the limit that refused the request.
:func:`ratelimit` is its decorator unchanged, except that it notes on the request the limits it checks;
:func:`wait_for` then reads their counters (``get_usage`` without counting) and returns the seconds left
in the refusing window, which django-ratelimit computes exactly. When no counter can be read (a view
refused without this decorator, the cache failed), the answer is an upper bound: the longest period of
the noted rates, or :data:`FALLBACK_SECONDS`, marked ``exact=False`` so the page says 约.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from django_ratelimit import ALL
from django_ratelimit.core import _split_rate, get_usage
from django_ratelimit.decorators import ratelimit as _ratelimit

ATTR = "_gongkai_ratelimits"
FALLBACK_SECONDS = 3600  # every decorator rate of the platform is per hour or shorter


@dataclass(frozen=True)
class Wait:
    seconds: int
    exact: bool

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.seconds / 60))


def ratelimit(group=None, key=None, rate=None, method=ALL, block=True):
    """``django_ratelimit.decorators.ratelimit``, noting each checked limit on the request."""

    def decorator(fn):
        limited = _ratelimit(group=group, key=key, rate=rate, method=method, block=block)(fn)

        @functools.wraps(fn)
        def wrapped(request, *args, **kwargs):
            getattr(request, ATTR, None) or setattr(request, ATTR, [])
            getattr(request, ATTR).append({"group": group, "fn": fn, "key": key, "rate": rate, "method": method})
            return limited(request, *args, **kwargs)

        return wrapped

    return decorator


def _period(spec: dict, request) -> int | None:
    rate = spec["rate"]
    if callable(rate):
        rate = rate(spec["group"], request)
    if not rate:
        return None
    return _split_rate(rate)[1]


def wait_for(request) -> Wait:
    """The wait before the refused request may be tried again (exact where the counters say it)."""
    specs = getattr(request, ATTR, [])
    exact = 0
    for spec in specs:
        usage = get_usage(request, increment=False, **spec)
        if usage and usage["limit"] and usage["count"] > usage["limit"] and usage["time_left"] > 0:
            exact = max(exact, usage["time_left"])
    if exact:
        return Wait(exact, True)
    periods = [p for p in (_period(s, request) for s in specs) if p]
    return Wait(max(periods) if periods else FALLBACK_SECONDS, False)


def retry_after(response, wait: Wait):
    response["Retry-After"] = str(max(1, int(wait.seconds)))
    return response
