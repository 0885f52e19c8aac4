"""The answer clock's vocabulary (domain.md 3.3, 3.5): the project's day counts, the event types of
a timeline and the clock's states, the dataclasses ``compute`` reads and returns (Event, ClockRules,
Pause, Segment, ClockResult), ClockError, and how the explanation writes a date (``fmt``).

The engine is clock.py; it re-exports the names its callers read as ``clock.X``.

Pure Python: no Django import.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Project conventions (domain.md 3.3; configurable through ClockRules).
ANSWER_DAYS = 20  # Art. 33
MAX_EXTENSION_DAYS = 20  # Art. 33
CORRECTION_NOTICE_DAYS = 7  # Art. 30
DEFAULT_CORRECTION_PERIOD_DAYS = 15  # Art. 30 "合理的补正期限" (legal-review.md B8)
MIN_CORRECTION_PERIOD_DAYS = 10  # Art. 30: a shorter period is not 合理 (legal-review.md B8)
CONSULTATION_REPLY_DAYS = 15  # Arts. 32, 34
FEE_PAYMENT_DAYS = 20  # 国办函〔2020〕109号

CORRECTION_REQUESTED = "correction_requested"
CORRECTION_RECEIVED = "correction_received"
CONSULTATION_SENT = "consultation_sent"
CONSULTATION_ANSWERED = "consultation_answered"
FEE_NOTICE_SENT = "fee_notice_sent"
FEE_PAID = "fee_paid"
EXTENSION = "extension"
DEFERRAL = "deferral"
EVENT_TYPES = (
    CORRECTION_REQUESTED,
    CORRECTION_RECEIVED,
    CONSULTATION_SENT,
    CONSULTATION_ANSWERED,
    FEE_NOTICE_SENT,
    FEE_PAID,
    EXTENSION,
    DEFERRAL,
)

# States of the clock (not of the case: the lifecycle lives in the applications app).
RUNNING = "running"
PAUSED = "paused"
AWAITING_CORRECTION = "awaiting_correction"
CORRECTION_LAPSED = "correction_lapsed"  # closes as （六）1
FEE_LAPSED = "fee_lapsed"  # closes as （六）2
STATE_LABELS = {
    RUNNING: "计时中",
    PAUSED: "暂停计时",
    AWAITING_CORRECTION: "等待补正",
    CORRECTION_LAPSED: "逾期未补正",
    FEE_LAPSED: "逾期未缴费",
}

WEEKDAYS = "一二三四五六日"


class ClockError(ValueError):
    """The timeline breaks a rule of the Regulation; the message is Chinese and shown to users."""


@dataclass(frozen=True)
class ClockRules:
    answer_days: int = ANSWER_DAYS
    max_extension_days: int = MAX_EXTENSION_DAYS
    correction_notice_days: int = CORRECTION_NOTICE_DAYS
    correction_period_days: int = DEFAULT_CORRECTION_PERIOD_DAYS
    min_correction_period_days: int = MIN_CORRECTION_PERIOD_DAYS
    consultation_reply_days: int = CONSULTATION_REPLY_DAYS
    fee_payment_days: int = FEE_PAYMENT_DAYS


@dataclass(frozen=True)
class Event:
    """One clock-relevant act. ``date`` is the legal date of the act.

    - ``period_days``: the correction period set in the correction notice (default 15 WD).
    - ``days``: extension length in working days.
    - ``served_on``: for correction notices, consultation letters and fee notices, the date the
      notice was served (post: the signing date); the period runs from it (legal-review.md A5, B8).
      Not given: counted from ``date`` as if served that day, and the explanation says so.
    - ``awaiting_service``: the application's timeline has no service recorded for this notice yet
      (domain.md 3.3 c, d, f): its period has no end date and cannot lapse until service is recorded.
    - ``ref``: pairs a consultation reply with its letter when several run at once.
    - ``due``: the fixed answer date of an Art. 35 deferral.
    """

    type: str
    date: dt.date
    period_days: int | None = None
    days: int | None = None
    served_on: dt.date | None = None
    ref: str | None = None
    due: dt.date | None = None
    awaiting_service: bool = False


@dataclass
class Pause:
    kind: str  # "consultation" or "fee"
    start: dt.date
    end: dt.date | None  # the resume date R; None while open
    latest_end: dt.date | None  # consultation window end / fee payment deadline
    ended_by: str = ""  # "reply", "window", "payment"
    ref: str | None = None
    replied: bool = False


@dataclass
class Segment:
    """A stretch of the timeline, for the "how this due date was computed" view."""

    kind: str  # "counted" or "paused"
    start: dt.date  # exclusive for counted segments (counting starts the day after)
    end: dt.date | None
    working_days: int | None


@dataclass
class ClockResult:
    state: str
    due: dt.date | None
    received: dt.date
    anchor: dt.date
    correction_notice_due: dt.date
    correction_due: dt.date | None = None
    allowed: int = ANSWER_DAYS
    consumed: int = 0
    remaining: int | None = None
    extension_days: int = 0
    deferred_to: dt.date | None = None
    payment_due: dt.date | None = None
    closes_on: dt.date | None = None
    pauses: list[Pause] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    special_days: list = field(default_factory=list)
    explanation: list[str] = field(default_factory=list)
    # Revised 3.1: a date computed over a year whose arrangement is not confirmed is provisional.
    provisional_years: list[int] = field(default_factory=list)
    earliest_due: dt.date | None = None  # the earliest plausible due date (alerts); = due if final

    @property
    def provisional(self) -> bool:
        return bool(self.provisional_years)

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    def to_dict(self) -> dict:
        iso = _iso
        return {
            "due": iso(self.due),
            "state": self.state,
            "correction_notice_due": iso(self.correction_notice_due),
            "correction_due": iso(self.correction_due),
            "anchor": iso(self.anchor),
            "allowed": self.allowed,
            "consumed": self.consumed,
            "remaining": self.remaining,
            "payment_due": iso(self.payment_due),
            "closes_on": iso(self.closes_on),
            "provisional": self.provisional,
            "provisional_years": list(self.provisional_years),
            "earliest_due": iso(self.earliest_due),
            "explanation": list(self.explanation),
        }


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def fmt(d: dt.date) -> str:
    return f"{d.isoformat()}（星期{WEEKDAYS[d.weekday()]}）"
