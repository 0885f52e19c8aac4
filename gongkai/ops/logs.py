"""Structured logs: one JSON object a line, with the request id and the user id, and no personal data.

- :class:`RequestContextFilter` (on the handler) adds ``request_id`` and ``user_id`` to every record,
  from the context that :class:`gongkai.ops.middleware.RequestContextMiddleware` sets per request
  (``-`` and ``null`` outside a request, e.g. in a job).
- :class:`JsonFormatter` (python-json-logger) writes ``time``, ``level``, ``logger``, ``message``,
  ``request_id``, ``user_id``, the record's extra fields and ``exc_info``; Django's ``request``
  object (passed by ``django.request``) becomes its method and path, never its query string, body,
  cookies or headers.
- Personal data: the code logs ids, never names, ID numbers, phones, e-mail addresses or bodies; as a
  net for what an exception message may carry (a database error quoting a value), :func:`scrub`
  hides every run of 11 or more digits (mobile, ID and bank-card numbers) and every e-mail address
  in the message and the traceback.

``GONGKAI_LOG_FORMAT=text`` gives readable lines with the same fields instead (the default with
DEBUG=1, i.e. ``make run``).
"""

from __future__ import annotations

import contextvars
import datetime as dt
import logging
import re
from typing import Any

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("gongkai_request_id", default="-")
user_id_var: contextvars.ContextVar[int | None] = contextvars.ContextVar("gongkai_user_id", default=None)

# Linear-time patterns (each digit run is tried once from its start; the address parts are bounded).
_LONG_NUMBER = re.compile(r"(?<![0-9])[0-9]{11,}[Xx]?")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}")
MASK = "***"


def scrub(text: str) -> str:
    """``text`` with long digit runs and e-mail addresses replaced by ``***``."""
    if not text:
        return text
    return _EMAIL.sub(MASK, _LONG_NUMBER.sub(MASK, text))


class RequestContextFilter(logging.Filter):
    """Adds ``request_id`` and ``user_id`` to every record; scrubs its message and arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        # django.request logs a 4xx/5xx after the middleware has left the request: its id is on it.
        request = getattr(record, "request", None)
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
            if record.request_id == "-" and request is not None:
                record.request_id = getattr(request, "request_id", "-")
        if not hasattr(record, "user_id"):
            record.user_id = user_id_var.get()
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string stays the logging module's problem
            return True
        clean = scrub(message)
        if clean != message:
            record.msg, record.args = clean, None
        return True


_DROP = {"request"}  # Django's request object: replaced by method and path below


class JsonFormatter(_JsonFormatter):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("json_ensure_ascii", False)
        kwargs.setdefault("timestamp", False)
        super().__init__(*args, **kwargs)

    def add_fields(self, log_data: dict[str, Any], record: logging.LogRecord, message_dict: dict[str, Any]) -> None:
        super().add_fields(log_data, record, message_dict)
        log_data["time"] = dt.datetime.fromtimestamp(record.created).astimezone().isoformat(timespec="milliseconds")
        log_data["level"] = record.levelname
        log_data["logger"] = record.name
        log_data["request_id"] = getattr(record, "request_id", "-")
        log_data["user_id"] = getattr(record, "user_id", None)
        request = log_data.pop("request", None) or getattr(record, "request", None)
        for key in _DROP:
            log_data.pop(key, None)
        if request is not None and hasattr(request, "path"):
            log_data.setdefault("method", getattr(request, "method", None))
            log_data.setdefault("path", request.path)
        for key in ("exc_info", "stack_info"):
            if isinstance(log_data.get(key), str):
                log_data[key] = scrub(log_data[key])


class TextFormatter(logging.Formatter):
    """Readable lines for development, with the same context fields."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s user=%(user_id)s] %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        record.__dict__.setdefault("request_id", "-")
        record.__dict__.setdefault("user_id", None)
        return scrub(super().format(record))


def logging_config(fmt: str, level: str = "INFO") -> dict[str, Any]:
    """The LOGGING dictionary of settings: one handler on stderr, JSON or text."""
    formatter = (
        {"()": "gongkai.ops.logs.JsonFormatter", "fmt": "%(message)s"}
        if fmt == "json"
        else {"()": "gongkai.ops.logs.TextFormatter"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"context": {"()": "gongkai.ops.logs.RequestContextFilter"}},
        "formatters": {"main": formatter},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "main", "filters": ["context"]}},
        "root": {"handlers": ["console"], "level": "WARNING"},
        "loggers": {
            "gongkai": {"level": level},
            # Errors of requests (500s with their traceback) and security events; through the root
            # handler, so in the same format. Django's own console/mail handlers are not used.
            "django": {"level": "INFO", "handlers": [], "propagate": True},
            "django.server": {"level": "INFO", "handlers": ["console"], "propagate": False},
            # A handler of its own, so `run_huey` does not add its plain-text one (each line twice).
            "huey": {"level": "INFO", "handlers": ["console"], "propagate": False},
        },
    }
