"""Middleware of operations (settings.MIDDLEWARE, first of all):

- :class:`RequestContextMiddleware` — the request id (``X-Request-ID`` from nginx when well formed,
  else a new one; echoed in the response), the user id for the logs, one access-log line a request;
  a database that stays locked past ``GONGKAI_DB_BUSY_SECONDS`` (SQLite's busy timeout, PostgreSQL's
  ``lock_timeout``) gives a Chinese
  "系统繁忙，请稍后重试" page with 503 and ``Retry-After`` instead of a traceback, wherever the
  error arose (view, session save, another middleware);
- :class:`BodySizeLimitMiddleware` — a request whose ``Content-Length`` exceeds the limit of its path
  (``GONGKAI_BODY_LIMITS``) is answered 413 before a byte of its body is read.
"""

from __future__ import annotations

import logging
import re
import time
import uuid

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

from .logs import request_id_var, user_id_var

log = logging.getLogger("gongkai.request")

REQUEST_ID_HEADER = "X-Request-ID"
# nginx's $request_id is 32 hex digits; a UUID has dashes. Anything else is replaced, so a client
# cannot write arbitrary text (or personal data) into every log line of its request.
_WELL_FORMED_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{7,63}")
QUIET_PATHS = ("/healthz",)  # the load balancer asks every few seconds: logged only when not 200


def _site() -> dict:
    conf = getattr(settings, "GONGKAI", {})
    return {"site_name": conf.get("SITE_NAME", ""), "site_id_code": conf.get("SITE_ID_CODE", ""),
            "site_icp": conf.get("ICP", "")}


def is_database_busy(exc: BaseException | None) -> bool:
    """Another writer held on too long: SQLite's "database is locked" / "database table is locked",
    PostgreSQL's "canceling statement due to lock timeout" (``lock_timeout``, set in settings)."""
    if not isinstance(exc, OperationalError):
        return False
    message = str(exc).lower()
    return "locked" in message or "lock timeout" in message


def busy_response() -> HttpResponse:
    """503 with a Chinese page, rendered without the request or the database (no context processor)."""
    retry = max(1, int(round(getattr(settings, "GONGKAI_DB_BUSY_SECONDS", 5))))
    response = HttpResponse(render_to_string("ops/busy.html", {**_site(), "retry": retry}), status=503)
    response["Retry-After"] = str(retry)
    return response


def _user_id(request) -> int | None:
    user = getattr(request, "user", None)
    if user is None:
        return None
    wrapped = getattr(user, "_wrapped", user)
    from django.utils.functional import empty

    if wrapped is empty:
        return None  # not looked up by anything yet: do not cost a query for the log
    return wrapped.pk if getattr(wrapped, "is_authenticated", False) else None


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if _WELL_FORMED_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        id_token = request_id_var.set(request_id)
        user_token = user_id_var.set(None)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            if getattr(request, "_gongkai_db_busy", False) and response.status_code >= 500:
                response = busy_response()
            response[REQUEST_ID_HEADER] = request_id
            self._log(request, response, started)
            return response
        finally:
            request_id_var.reset(id_token)
            user_id_var.reset(user_token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # After AuthenticationMiddleware: the user is known (looked up lazily; a lookup that fails,
        # e.g. on a locked database, leaves the id unset rather than failing the request here).
        try:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                user_id_var.set(user.pk)
        except Exception:  # noqa: BLE001
            pass
        return None

    def process_exception(self, request, exception):
        if is_database_busy(exception):
            request._gongkai_db_busy = True
            log.warning("database busy", extra={"path": request.path})
            return busy_response()
        return None

    @staticmethod
    def _log(request, response, started) -> None:
        status = response.status_code
        if request.path in QUIET_PATHS and status == 200:
            return
        user_id = _user_id(request) or user_id_var.get()
        level = logging.WARNING if status >= 500 else logging.INFO
        log.log(level, "%s %s %s", request.method, request.path, status, extra={
            "method": request.method, "path": request.path, "status": status, "user_id": user_id,
            "duration_ms": round((time.monotonic() - started) * 1000, 1),
        })


def _mark_busy(sender, request=None, **kwargs) -> None:
    """Django turns an exception outside the view into a 500 before an outer middleware sees it;
    it sends this signal while the exception is handled, so the 500 can be replaced by the 503."""
    import sys

    if request is not None and is_database_busy(sys.exc_info()[1]):
        request._gongkai_db_busy = True


got_request_exception.connect(_mark_busy, dispatch_uid="gongkai.ops.busy")


def body_limit(path: str) -> int:
    """The largest request body accepted for ``path``: the longest matching prefix of
    ``GONGKAI_BODY_LIMITS`` (bytes; the entry ``""`` is the default)."""
    limits = getattr(settings, "GONGKAI_BODY_LIMITS", {"": 2 * 1024 * 1024})
    best = ""
    for prefix in limits:
        if path.startswith(prefix) and len(prefix) > len(best):
            best = prefix
    return int(limits.get(best, limits.get("", 2 * 1024 * 1024)))


class BodySizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = body_limit(request.path)
        if length > limit:
            log.warning("request body over limit", extra={"path": request.path, "content_length": length,
                                                          "limit": limit})
            size = f"{limit / (1024 * 1024):.0f} MB" if limit >= 1024 * 1024 else f"{max(1, limit // 1024)} KB"
            body = render_to_string("ops/too_large.html", {**_site(), "limit": size})
            # The body is left unread (nginx, which buffers request bodies, has already refused anything
            # over its own cap; a hop-by-hop "Connection" header is not the application's to send).
            return HttpResponse(body, status=413)
        return self.get_response(request)
