"""Failed jobs, visible to administrators (``JobFailure``, read-only in Django admin, counted on
the admin home page).

Huey retries a failing task after its delay (``retries``, ``retry_delay``, ``retry_backoff`` on each
task); every failed attempt updates one row per task run: attempts so far, the last error, and
whether it will be retried, has given up, or later succeeded. Arguments are summarised without
personal data: numbers, dates and keys are shown, free text only as its length; each task may name
its own summary (``labels.describe``). Error messages pass through the masking of applicants' free text
(gongkai.law.privacy ``FREE_TEXT_KINDS``: ID numbers, mobiles, bank cards, fixed lines, e-mail
addresses ``w***@example.com``); an address that module does not recognise (non-ASCII) becomes
``***@***``.
"""

from __future__ import annotations

import datetime as dt
import logging
import re

from huey import signals as S
from huey.contrib.djhuey import HUEY

from gongkai.law.privacy import FREE_TEXT_KINDS, mask_text

from .labels import LABELS, SUMMARIES, describe, full_name, task_label  # noqa: F401 (their old home)
from .models import JobFailure

log = logging.getLogger("gongkai.jobs")

# Backstop for addresses privacy.EMAIL leaves (non-ASCII); tried only where a run starts: linear.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _value(v) -> str:
    if v is None or isinstance(v, bool | int | float | dt.date):
        return str(v)
    if isinstance(v, str):
        return f"（文本{len(v)}字）"
    if isinstance(v, list | tuple | set | dict):
        return f"（{len(v)}项）"
    return f"（{type(v).__name__}）"


def summarise(name: str, args: tuple, kwargs: dict) -> str:
    custom = SUMMARIES.get(name)
    if custom is not None:
        text = custom(tuple(args), dict(kwargs))
    else:
        parts = [_value(a) for a in args] + [f"{k}={_value(v)}" for k, v in sorted(kwargs.items())]
        text = ", ".join(parts)
    return text[:500]


def clean_error(exc: BaseException | None, fallback: str = "") -> str:
    if exc is None:
        return fallback
    text = f"{type(exc).__name__}: {exc}"
    return _EMAIL.sub("***@***", mask_text(text, FREE_TEXT_KINDS))[:2000]


def record_failure(task, exc: BaseException | None, *, fallback: str = "") -> None:
    """Write (or update) the failure row of this task run."""
    name = full_name(task)
    total = getattr(type(task), "default_retries", 0) or 0
    left = task.retries or 0
    attempts = max(total - left, 0) + 1
    status = JobFailure.RETRYING if left > 0 else JobFailure.FAILED
    log.warning("job %s failed (attempt %s, %s)", name, attempts, "will retry" if left else "giving up")
    try:
        JobFailure.objects.update_or_create(task_id=str(task.id), defaults={
            "task_name": name, "arguments": summarise(name, task.args, task.kwargs),
            "error": clean_error(exc, fallback), "attempts": attempts, "status": status,
        })
    except Exception:  # the record must never hide the failure it reports, nor fail the worker
        log.exception("could not record the failure of job %s", name)


@HUEY.signal(S.SIGNAL_ERROR)
def _on_error(signal, task, exc=None):
    record_failure(task, exc)


@HUEY.signal(S.SIGNAL_TIMEOUT)
def _on_timeout(signal, task, *args):
    record_failure(task, None, fallback=f"执行超过{task.timeout}秒，已中止")


@HUEY.signal(S.SIGNAL_COMPLETE)
def _on_complete(signal, task, *args):
    total = getattr(type(task), "default_retries", 0) or 0
    if total and (task.retries or 0) < total:  # this run had failed before: it recovered
        try:
            JobFailure.objects.filter(task_id=str(task.id), status=JobFailure.RETRYING).update(
                status=JobFailure.RECOVERED)
        except Exception:
            log.exception("could not mark job %s as recovered", full_name(task))
