"""Proactive publication's time limit (domain.md 6.2; 条例第二十六条).

Pure standard-library module: no Django import. The publishing service reads the date the
information was formed or changed and the calendar in force, and asks ``publish_due``.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

__all__ = ["PUBLISH_WORKING_DAYS", "publish_due"]

# 条例第二十六条: 「属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开」.
PUBLISH_WORKING_DAYS = 20


class _Calendar(Protocol):
    def wd_after(self, day: dt.date, n: int) -> dt.date: ...


def publish_due(formed_or_changed_on: dt.date | None, calendar: _Calendar) -> dt.date | None:
    """The last day to publish: ``wd_after(formed_or_changed_on, 20)`` (convention 3.3 a: counting
    starts the next working day); None when the date is not recorded."""
    if formed_or_changed_on is None:
        return None
    return calendar.wd_after(formed_or_changed_on, PUBLISH_WORKING_DAYS)
