"""Late confirmation of receipt (legal-review.md B7): the last day to confirm, the court-safe due
date counted from arrival/submission, and the earlier of the two for alerts."""

from __future__ import annotations

import datetime as dt

from gongkai.law import receipt
from gongkai.law.calendar import builtin_calendar
from gongkai.law.clock import CONSULTATION_ANSWERED, CONSULTATION_SENT, EXTENSION, Event, compute

D = dt.date.fromisoformat
CAL = builtin_calendar()


def test_online_confirmed_three_weeks_late_review_case():
    # B7: submitted Friday 2026-09-18, confirmed 2026-10-09.
    should = receipt.confirm_by(D("2026-09-18"), CAL, ordinary_letter=False, within_days=1)
    assert should == D("2026-09-20")  # the make-up Sunday before National Day is a working day
    assert receipt.is_late(D("2026-10-09"), should)
    assert compute(D("2026-10-09"), [], CAL).due == D("2026-11-05")  # the statutory date
    anchor = receipt.court_anchor(D("2026-09-18"))
    assert receipt.court_safe_due(anchor, [], CAL) == D("2026-10-22")
    assert receipt.earlier(D("2026-11-05"), D("2026-10-22")) == D("2026-10-22")


def test_online_confirmed_on_the_next_working_day_is_on_time():
    should = receipt.confirm_by(D("2026-09-18"), CAL, ordinary_letter=False, within_days=1)
    assert not receipt.is_late(D("2026-09-20"), should)
    assert not receipt.is_late(D("2026-09-18"), should)
    assert receipt.is_late(D("2026-09-21"), should)
    assert receipt.confirm_by(D("2026-09-18"), CAL, ordinary_letter=False, within_days=2) == D("2026-09-21")


def test_ordinary_letter_must_be_confirmed_on_the_day_it_arrived():
    should = receipt.confirm_by(D("2026-09-15"), CAL, ordinary_letter=True, arrived_on=D("2026-09-18"))
    assert should == D("2026-09-18")
    assert not receipt.is_late(D("2026-09-18"), should)
    assert receipt.is_late(D("2026-09-21"), should)
    # Arrived 09-18, confirmed 09-30: statutory due 11-03, the court counts from 09-18.
    assert compute(D("2026-09-30"), [], CAL).due == D("2026-11-03")
    assert receipt.court_safe_due(receipt.court_anchor(D("2026-09-15"), D("2026-09-18")), [], CAL) == D("2026-10-22")


def test_court_safe_date_applies_pauses_and_extension_like_the_clock():
    # Anchor 09-18; a consultation served 10-12 and answered 10-14 pauses the clock, then 10 WD extension.
    events = [
        Event(type=CONSULTATION_SENT, date=D("2026-10-12"), served_on=D("2026-10-12"), ref="c1"),
        Event(type=CONSULTATION_ANSWERED, date=D("2026-10-14"), ref="c1"),
        Event(type=EXTENSION, date=D("2026-10-15"), days=10),
    ]
    got = receipt.court_safe_due(D("2026-09-18"), events, CAL)
    assert got == compute(D("2026-09-18"), events, CAL).due
    assert got > CAL.wd_after(D("2026-09-18"), 30)  # the pause moved it


def test_refused_timeline_falls_back_to_plain_count_with_extension():
    # An extension granted after the court-safe due date (10-22) is refused by the clock from the
    # earlier anchor; the court counts plain 20 + 5 WD from arrival.
    events = [Event(type=EXTENSION, date=D("2026-10-30"), days=5)]
    assert compute(D("2026-10-09"), events, CAL).due == CAL.wd_after(D("2026-10-09"), 25)
    assert receipt.court_safe_due(D("2026-09-18"), events, CAL) == CAL.wd_after(D("2026-09-18"), 25)


def test_earlier_with_missing_dates():
    assert receipt.earlier(None, D("2026-10-22")) == D("2026-10-22")
    assert receipt.earlier(D("2026-11-05"), None) == D("2026-11-05")
    assert receipt.earlier(None, None) is None
