"""Rate limits of the public search and the open-data API (django-ratelimit, in the shared cache).

Keyed on the client's address: django-ratelimit's ``ip`` key, which reads it through
``settings.RATELIMIT_IP_META_KEY`` (the real client behind the nginx of ``deploy/``, see
``gongkai/client_address.py``) or, when that is not set, REMOTE_ADDR. Rates are settings
(``GONGKAI_RATE_LIMITS``, from ``GONGKAI_RATE_SEARCH`` and ``GONGKAI_RATE_OPEN_API``; ``off``
disables one). Over the limit a page answers 429 with a Chinese page that says how long to wait,
the API 429 with a JSON ``detail``; both send ``Retry-After``.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import _split_rate, get_usage
from rest_framework.exceptions import Throttled
from rest_framework.throttling import BaseThrottle

log = logging.getLogger("gongkai.ratelimit")

GROUPS = {"search": "政策文件检索", "open_api": "开放数据接口"}
_UNITS = {1: "秒", 60: "分钟", 3600: "小时", 86400: "天"}


def rate_for(group: str) -> str | None:
    """The configured rate of a group ("30/m"), or None when it is switched off."""
    value = (getattr(settings, "GONGKAI_RATE_LIMITS", {}) or {}).get(group)
    if not value or str(value).lower() in ("0", "off", "none"):
        return None
    return str(value)


def describe(rate: str) -> tuple[int, str]:
    """(limit, period in Chinese) of a rate: "30/m" → (30, "分钟"), "100/5m" → (100, "5分钟")."""
    limit, seconds = _split_rate(rate)
    for unit, name in sorted(_UNITS.items(), reverse=True):
        if seconds % unit == 0:
            n = seconds // unit
            return limit, name if n == 1 else f"{n}{name}"
    return limit, f"{seconds}秒"  # pragma: no cover - every period is a whole number of seconds


def usage(request, group: str) -> dict | None:
    """Count this request in its group; django-ratelimit's usage dict, or None when not limited."""
    rate = rate_for(group)
    if rate is None:
        return None
    return get_usage(request, group=f"gongkai.{group}", key="ip", rate=rate, increment=True)


def _wait(u: dict) -> int:
    return max(1, int(u.get("time_left") or 1))


def too_many(request, group: str, u: dict):
    limit, period = describe(rate_for(group) or "1/m")
    wait = _wait(u)
    log.info("rate limited", extra={"group": group})
    response = render(request, "ops/rate_limited.html",
                      {"what": GROUPS.get(group, group), "limit": limit, "period": period, "wait": wait},
                      status=429)
    response["Retry-After"] = str(wait)
    return response


def limit(group: str, *, when: Callable | None = None):
    """Decorator of a function view: count each request (those for which ``when(request)`` holds)
    and answer 429 over the group's rate."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if when is None or when(request):
                u = usage(request, group)
                if u is not None and u["should_limit"]:
                    return too_many(request, group, u)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


class TooManyRequests(Throttled):
    default_detail = "访问过于频繁。"
    extra_detail_singular = extra_detail_plural = "请在{wait}秒后重试。"


class OpenApiThrottle(BaseThrottle):
    """DRF throttle of the open-data API on django-ratelimit's counter (group ``open_api``)."""

    group = "open_api"

    def allow_request(self, request, view) -> bool:
        self._usage = usage(request, self.group)
        return not (self._usage and self._usage["should_limit"])

    def wait(self) -> float | None:
        return _wait(self._usage) if self._usage else None


class OpenApiRateLimited:
    """Mixin of the open-data viewsets: the throttle above, its 429 said in Chinese."""

    throttle_classes = [OpenApiThrottle]

    def throttled(self, request, wait):
        limit_, period = describe(rate_for(OpenApiThrottle.group) or "1/m")
        log.info("rate limited", extra={"group": OpenApiThrottle.group})
        raise TooManyRequests(wait=wait, detail=f"访问过于频繁：开放数据接口每{period}最多{limit_}次。")
