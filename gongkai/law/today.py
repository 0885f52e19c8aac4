"""What day it is: the one place that says so (domain.md 3.1; the suite never depends on the real date).

Every legal date in the product — receipt, lapse, due-soon, the year of an annual report — is
compared with :func:`today`. It is the date in China Standard Time, unless pinned:

- the environment variable ``GONGKAI_TODAY=YYYY-MM-DD`` pins it for a whole process (the demo,
  ``make test-dates``, a server started by a browser test);
- :func:`pinned` pins it inside a ``with`` block (tests).

:func:`now` is the matching moment: the real time of day on the pinned date, so an act recorded
"now" and its date agree. Record timestamps (``auto_now``) stay real; they are never a legal date.

A test (``test_today.py``) fails on any direct ``date.today()``, ``timezone.localdate()`` or
``datetime.now()`` elsewhere in the code.

Pure Python: no Django import.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["ENV_VAR", "CHINA_TZ", "today", "now", "pinned", "pinned_from_env"]

ENV_VAR = "GONGKAI_TODAY"

# China has observed no daylight saving time since 1991: a fixed UTC+8 offset is exact and needs
# no tz database.
CHINA_TZ = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")

_global_pin: list[dt.date] = []  # the innermost pin of any thread (tests pin from the main thread)


def pinned_from_env() -> dt.date | None:
    """The date ``GONGKAI_TODAY`` pins, or None. A malformed value is an error, never ignored."""
    raw = os.environ.get(ENV_VAR, "").strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"{ENV_VAR} 格式无效：{raw!r}（应为 YYYY-MM-DD）") from None


def _real_now() -> dt.datetime:
    return dt.datetime.now(CHINA_TZ)


def today() -> dt.date:
    """Today's date in China (or the pinned date)."""
    if _global_pin:
        return _global_pin[-1]
    return pinned_from_env() or _real_now().date()


def now() -> dt.datetime:
    """The current moment, aware, in China time; on the pinned date when today is pinned."""
    real = _real_now()
    day = today()
    if day == real.date():
        return real
    return dt.datetime.combine(day, real.timetz())


@contextmanager
def pinned(day: dt.date | str) -> Iterator[dt.date]:
    """Pin today (for every thread, e.g. a live test server) inside the block."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    _global_pin.append(day)
    try:
        yield day
    finally:
        _global_pin.pop()
