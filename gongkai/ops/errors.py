"""Optional error tracking: sentry-sdk, initialised only when ``SENTRY_DSN`` is set (a self-hosted
Sentry or a compatible server such as GlitchTip; off by default). Install with ``pip install
'.[sentry]'``.

No personal data leaves the server: ``send_default_pii=False`` (no cookies, user names, e-mail or IP
addresses), no request bodies, no local variables of stack frames; :func:`before_send` also drops the
query string, cookies and headers other than a few harmless ones, keeps only the user id, scrubs
long digit runs and e-mail addresses from messages (as the logs do) and tags the request id.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured

from .logs import request_id_var, scrub, user_id_var

_KEEP_HEADERS = {"Host", "User-Agent", "Accept", "Accept-Language", "Content-Type", "Content-Length", "Referer"}


def before_send(event: dict[str, Any], hint: dict[str, Any] | None = None) -> dict[str, Any]:
    request = event.get("request")
    if isinstance(request, dict):
        for key in ("data", "cookies", "query_string", "env"):
            request.pop(key, None)
        headers = request.get("headers")
        if isinstance(headers, dict):
            request["headers"] = {k: v for k, v in headers.items() if k in _KEEP_HEADERS}
        if isinstance(request.get("url"), str):
            request["url"] = request["url"].split("?", 1)[0]
    user_id = user_id_var.get()
    event["user"] = {"id": str(user_id)} if user_id else {}
    event.setdefault("tags", {})["request_id"] = request_id_var.get()
    if isinstance(event.get("message"), str):
        event["message"] = scrub(event["message"])
    if isinstance(event.get("logentry"), dict):
        for key in ("message", "formatted"):
            if isinstance(event["logentry"].get(key), str):
                event["logentry"][key] = scrub(event["logentry"][key])
        event["logentry"].pop("params", None)
    for exc in (event.get("exception") or {}).get("values") or []:
        if isinstance(exc.get("value"), str):
            exc["value"] = scrub(exc["value"])
        for frame in (exc.get("stacktrace") or {}).get("frames") or []:
            frame.pop("vars", None)
    return event


def init_sentry(dsn: str, *, environment: str = "production", release: str | None = None,
                traces_sample_rate: float = 0.0, **extra: Any) -> None:
    try:
        import sentry_sdk
        from sentry_sdk.integrations.django import DjangoIntegration
    except ImportError:
        raise ImproperlyConfigured(
            "已设置 SENTRY_DSN，但未安装 sentry-sdk：请执行 pip install '.[sentry]'，或删除 SENTRY_DSN"
        ) from None
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release,
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        traces_sample_rate=traces_sample_rate,
        before_send=before_send,
        integrations=[DjangoIntegration()],
        **extra,
    )
