"""What every step on a proposal shares: the row locked with its form's version checked, the
permission and the state checked (``law/proposals.refusal``), the version bumped, the event appended
(``ProposalEvent``, append-only). Used by services.py and publication.py."""

from __future__ import annotations

import datetime as dt

from gongkai.core.versioning import VersionLock
from gongkai.law import proposals as rule
from gongkai.law import today as law_today

from . import access
from .errors import ProposalError
from .models import Proposal, ProposalEvent


def _event(proposal, kind, actor, on, note="", agency=None, **data) -> ProposalEvent:
    return ProposalEvent.objects.create(proposal=proposal, kind=kind, occurred_on=on, note=note, data=data,
                                        actor=actor if actor and actor.is_authenticated else None, agency=agency)


def _day(value, label: str) -> dt.date:
    """A step's date: given or today; never in the future."""
    day = value or law_today.today()
    if day > law_today.today():
        raise ProposalError(f"{label}不能晚于今天")
    return day


class _Step:
    """Lock, version, permission and state for one step; appends nothing itself."""

    def __init__(self, proposal, actor, step: str, expected_version=None, *, check=access.can_handle):
        self.lock = VersionLock(Proposal.objects.select_related("lead"), proposal.pk,
                                expected_version=expected_version, what="该建议提案", error=ProposalError)
        self.actor, self.step, self.check = actor, step, check

    def __enter__(self) -> Proposal:
        p = self.lock.__enter__()
        try:
            if not self.check(self.actor, p):
                raise ProposalError("您无权办理该建议提案")
            refusal = rule.refusal(self.step, p.status)
            if refusal:
                raise ProposalError(refusal)
        except BaseException as e:
            self.lock.release(type(e), e, e.__traceback__)
            raise
        return p

    def __exit__(self, *exc):
        return self.lock.__exit__(*exc)
