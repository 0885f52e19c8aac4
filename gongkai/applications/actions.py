"""What every action on an application shares: the errors, ``_Action`` (row lock, version check,
permission and the step of law/workflows.APPLICATION), the date check, the clock check before saving,
timeline events and letters.

Every action takes ``on``: the legal date of the act (a letter signed for yesterday is recorded
with yesterday's date). It may not lie in the future or before the receipt.
"""

from __future__ import annotations

import datetime as dt

from gongkai.core.errors import ConflictError
from gongkai.core.versioning import VersionLock
from gongkai.law import clock as lawclock
from gongkai.law import today as law_today
from gongkai.law import workflows
from gongkai.law.calendar import CalendarMissing

from . import access, deadlines
from .deadlines import compute_clock
from .errors import ActionError
from .models import Application, Status, TimelineEvent


class StaleVersionError(ActionError, ConflictError):
    """The form was rendered from an older version of the case: someone acted meanwhile."""


WORKFLOW = workflows.APPLICATION


class _Action:
    """Lock the row, check the version (core.versioning), then the step of law/workflows.APPLICATION:
    the actor's role and the case's state, as the case page offers it; then run the body atomically
    and bump the version."""

    def __init__(self, app, actor, *, step: str, expected_version=None):
        self.actor, self.step = actor, WORKFLOW.step(step)
        self.lock = VersionLock(Application.objects.select_related("agency"), app.pk,
                                expected_version=expected_version, what="该申请", error=StaleVersionError)

    def __enter__(self) -> Application:
        app = self.lock.acquire()
        try:
            if app.status == Status.PAUSED:
                deadlines.refresh_clock(app)  # a lapsed consultation window resumes the case before any action
            held = access.roles(self.actor, app)
            if not held:
                raise ActionError("您无权办理该申请")
            self.lock.check()  # after the permission check, as the case page orders them
            refusal = WORKFLOW.refusal(self.step.name, app.status, held)
            if refusal:
                raise ActionError(refusal)
        except BaseException:
            self.lock.release(bump=False)  # a refused action keeps what refresh_clock wrote, as before
            raise
        self.app = app
        return app

    def __exit__(self, exc_type, exc, tb):
        return self.lock.release(exc_type, exc, tb)


def _check_date(app: Application, on: dt.date, what: str = "日期") -> None:
    if on > law_today.today():
        raise ActionError(f"{what}不能晚于今天")
    floor = app.received_on or app.submitted_on
    if on < floor:
        raise ActionError(f"{what}不能早于{'收到申请' if app.received_on else '提交'}日期（{floor.isoformat()}）")


def _with_clock_check(app: Application, extra: lawclock.Event):
    """Run the clock with the new event to enforce the Regulation's rules before saving."""
    try:
        return compute_clock(app, [extra], as_of=extra.date)
    except lawclock.ClockError as e:
        raise ActionError(str(e))
    except CalendarMissing as e:
        raise ActionError(str(e))


def _event(app, kind, on, actor=None, note="", **data) -> TimelineEvent:
    return TimelineEvent.objects.create(
        application=app, kind=kind, occurred_on=on, actor=actor if actor and actor.is_authenticated else None,
        data=data, note=note,
    )


def _issue(app, kind, actor, on, **extra):
    from gongkai.letters.services import issue_letter

    return issue_letter(app, kind, actor=actor, on=on, extra=extra)
