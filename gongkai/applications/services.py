"""Use cases on applications: the one door for views, API, CLIs, jobs, the demo and other apps. Each
action is one transaction, one permission check, one (or a few) timeline events, and a refreshed clock
cache. Views only parse input and call these.

Every action takes ``on``: the legal date of the act (a letter signed for yesterday is recorded
with yesterday's date). It may not lie in the future or before the receipt.

The code lives by concern (each module says what it owns):

- ``deadlines.py`` the clock: timeline → law.clock, the cached due date, recomputing open cases
- ``actions.py``   errors, ``_Action`` (lock, version, permission, workflow step), shared checks
- ``intake.py``    online submission, staff registration, uploads (the applicant is told by gongkai/notifications)
- ``handling.py``  receipt, assignment, routing/transfer, correction, consultation, extension,
  deferral, explanation, notes
- ``fees.py``      fee quotes, pieces this month, fee notice, payment
- ``closing.py``   decision, answer, delivery, lapse closing (and the daily job), withdrawal,
  supplementary answer
"""

from .actions import WORKFLOW, ActionError, StaleVersionError
from .closing import (
    DETAIL_FIELDS,
    LAPSE_STATUSES,
    LAPSED_STATES,
    close_lapsed,
    close_lapsed_cases,
    daily_deadlines,
    decide,
    issue_answer,
    latest_decision,
    record_delivery,
    supplementary_answer,
    withdraw,
)
from .deadlines import CLOCK_KINDS, clock_events, compute_clock, refresh_clock, refresh_open_deadlines
from .fees import fee_quote, issue_fee_notice, prior_pieces_this_month, record_payment
from .handling import (
    CONSULTATION_KINDS,
    add_note,
    assign,
    confirm_receipt,
    consult,
    defer,
    extend,
    open_consultations,
    record_consultation_reply,
    record_correction,
    record_service,
    request_correction,
    request_explanation,
    route,
    transfer,
)
from .intake import APPLICANT_FIELDS, Upload, register, submit_online

__all__ = [
    "APPLICANT_FIELDS", "CLOCK_KINDS", "CONSULTATION_KINDS", "DETAIL_FIELDS", "LAPSED_STATES", "LAPSE_STATUSES",
    "WORKFLOW", "ActionError", "StaleVersionError", "Upload", "add_note", "assign", "clock_events",
    "close_lapsed", "close_lapsed_cases", "compute_clock", "confirm_receipt", "consult", "daily_deadlines",
    "decide", "defer", "extend", "fee_quote", "issue_answer", "issue_fee_notice", "latest_decision",
    "open_consultations", "prior_pieces_this_month", "record_consultation_reply", "record_correction",
    "record_delivery", "record_payment", "record_service", "refresh_clock", "refresh_open_deadlines", "register",
    "request_correction", "request_explanation", "route", "submit_online", "supplementary_answer",
    "transfer", "withdraw",
]
