"""Property tests of gongkai.law.clock.compute and the calendar arithmetic (domain.md 3.2–3.5).

Received dates lie in 2019-01-01..2026-06-30 so every computation stays inside the built-in data.
The reference models at the bottom count day by day over ``chinese_calendar.is_workday`` and share
no code with the module under test.
"""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gongkai.law.calendar import builtin_calendar
from gongkai.law.clock import (
    CONSULTATION_ANSWERED,
    CONSULTATION_SENT,
    CORRECTION_RECEIVED,
    CORRECTION_REQUESTED,
    EXTENSION,
    FEE_NOTICE_SENT,
    FEE_PAID,
    PAUSED,
    RUNNING,
    ClockError,
    Event,
    compute,
)

CAL = builtin_calendar()
ONE = dt.timedelta(days=1)
RECEIVED = st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2026, 6, 30))
OFFSET = st.integers(min_value=0, max_value=60)
PROPS = settings(max_examples=200, deadline=None)


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def ref_wd_after(start: dt.date, n: int) -> dt.date:
    day = start
    while n:
        day += ONE
        if chinese_calendar.is_workday(day):
            n -= 1
    return day


def ref_wd_between(a: dt.date, b: dt.date) -> int:
    count = 0
    while a < b:
        a += ONE
        count += chinese_calendar.is_workday(a)
    return count


@st.composite
def closed_consultation(draw, received: dt.date):
    """A consultation sent within 12 days of receipt and answered within its window."""
    sent = received + days(draw(st.integers(0, 12)))
    reply = sent + days(draw(st.integers(0, 20)))
    return sent, min(reply, CAL.wd_after(sent, 15))


# ---------------------------------------------------------------------------
# Calendar arithmetic
# ---------------------------------------------------------------------------


@PROPS
@given(RECEIVED, st.integers(0, 60))
def test_wd_after_matches_day_by_day(start, n):
    assert CAL.wd_after(start, n) == ref_wd_after(start, n)


@PROPS
@given(RECEIVED, st.integers(0, 120))
def test_wd_between_matches_day_by_day(a, span):
    b = a + days(span)
    assert CAL.wd_between(a, b) == ref_wd_between(a, b)
    assert CAL.wd_between(b, a) == 0


@PROPS
@given(RECEIVED, st.integers(1, 60))
def test_wd_after_lands_on_a_working_day_and_inverts_wd_between(start, n):
    end = CAL.wd_after(start, n)
    assert CAL.is_working_day(end)
    assert CAL.wd_between(start, end) == n
    assert CAL.wd_between(start, end - ONE) == n - 1


# ---------------------------------------------------------------------------
# The clock
# ---------------------------------------------------------------------------


@PROPS
@given(RECEIVED)
def test_no_events_due_is_wd_after_20(received):
    res = compute(received, [], CAL)
    assert res.state == RUNNING
    assert res.due == CAL.wd_after(received, 20) == ref_wd_after(received, 20)
    assert res.correction_notice_due == ref_wd_after(received, 7)


@PROPS
@given(
    RECEIVED,
    st.data(),
    st.booleans(),
    st.one_of(st.none(), st.tuples(st.integers(0, 20), st.integers(1, 20))),
    st.one_of(st.none(), OFFSET),
)
def test_due_is_always_a_working_day(received, data, with_pause, extension, as_of_offset):
    events = []
    if with_pause:
        sent = received + days(data.draw(st.integers(0, 25)))
        events.append(Event(CONSULTATION_SENT, sent))
        reply = data.draw(st.one_of(st.none(), st.integers(0, 40)))
        if reply is not None:
            events.append(Event(CONSULTATION_ANSWERED, sent + days(reply)))
    if extension is not None:
        events.append(Event(EXTENSION, received + days(extension[0]), days=extension[1]))
    as_of = None if as_of_offset is None else received + days(as_of_offset)
    try:
        res = compute(received, events, CAL, as_of=as_of)
    except ClockError:
        assume(False)
        raise
    if res.state == RUNNING:
        assert CAL.is_working_day(res.due)
        assert chinese_calendar.is_workday(res.due)
    else:
        assert res.state == PAUSED and res.due is None


@PROPS
@given(RECEIVED, st.integers(0, 30), st.integers(0, 60), st.booleans())
def test_a_pause_never_shortens_the_period(received, sent_offset, reply_offset, replied):
    plain_due = compute(received, [], CAL).due
    sent = received + days(sent_offset)
    assume(sent < plain_due)
    events = [Event(CONSULTATION_SENT, sent)]
    if replied:
        events.append(Event(CONSULTATION_ANSWERED, sent + days(reply_offset)))
        res = compute(received, events, CAL)
    else:
        res = compute(received, events, CAL, as_of=sent + days(reply_offset + 30))  # window has lapsed
    assert res.state == RUNNING
    assert res.due >= plain_due


@PROPS
@given(RECEIVED, st.integers(0, 30), st.integers(0, 40), st.booleans())
def test_a_fee_pause_never_shortens_the_period(received, notice_offset, paid_offset, post):
    plain_due = compute(received, [], CAL).due
    notice = received + days(notice_offset)
    assume(notice < plain_due)
    served = notice + days(3) if post else None
    events = [Event(FEE_NOTICE_SENT, notice, served_on=served), Event(FEE_PAID, notice + days(paid_offset))]
    res = compute(received, events, CAL)
    assert res.due >= plain_due
    assert res.payment_due == ref_wd_after(served or notice, 20)


@PROPS
@given(RECEIVED, st.integers(1, 20), st.integers(0, 45), st.booleans(), st.data())
def test_extension_moves_due_by_exactly_n_working_days(received, n, grant_offset, with_pause, data):
    base = []
    if with_pause:
        sent, reply = data.draw(closed_consultation(received))
        base = [Event(CONSULTATION_SENT, sent), Event(CONSULTATION_ANSWERED, reply)]
    old = compute(received, base, CAL)
    granted = received + days(grant_offset)
    assume(granted <= old.due)  # the due date itself is the last possible day
    new = compute(received, [*base, Event(EXTENSION, granted, days=n)], CAL)
    assert CAL.wd_between(old.due, new.due) == n
    assert ref_wd_between(old.due, new.due) == n
    assert new.due == CAL.wd_after(old.due, n)
    assert new.allowed == 20 + n


@PROPS
@given(RECEIVED, st.integers(1, 20))
def test_extension_after_due_is_rejected(received, n):
    due = compute(received, [], CAL).due
    for late in (due + ONE, CAL.wd_after(due, 1)):
        with pytest.raises(ClockError, match="延期须在答复期限届满前批准"):
            compute(received, [Event(EXTENSION, late, days=n)], CAL)


@PROPS
@given(
    RECEIVED,
    st.integers(0, 30),
    st.one_of(st.none(), st.tuples(st.integers(0, 10), st.integers(1, 20))),
    st.booleans(),
    st.one_of(st.none(), OFFSET),
)
def test_consumed_plus_remaining_is_allowed_while_paused(received, sent_offset, extension, fee, as_of_offset):
    events = []
    allowed = 20
    if extension is not None:
        events.append(Event(EXTENSION, received + days(extension[0]), days=extension[1]))
        allowed += extension[1]
    sent = received + days(sent_offset)
    assume(sent < CAL.wd_after(received, allowed))
    events.append(Event(FEE_NOTICE_SENT if fee else CONSULTATION_SENT, sent))
    as_of = None
    if as_of_offset is not None:
        as_of = sent + days(as_of_offset)
        window = CAL.wd_after(sent, 20 if fee else 15)
        assume(as_of <= window if fee else as_of < window)  # still paused (not lapsed)
    try:
        res = compute(received, events, CAL, as_of=as_of)
    except ClockError:
        assume(False)  # an extension granted after the due date, or a pause before it
        raise
    assert res.state == PAUSED
    assert res.due is None
    assert res.allowed == allowed
    assert res.consumed == ref_wd_between(received, sent)
    assert res.consumed + res.remaining == res.allowed


@PROPS
@given(
    RECEIVED,
    st.data(),
    st.booleans(),
    st.booleans(),
    st.integers(0, 20),
    st.integers(0, 30),
    st.one_of(st.none(), st.integers(0, 200)),
)
def test_correction_restarts_the_clock(
    received, data, with_consultation, with_fee, notice_offset, arrival, as_of
):
    events = []
    if with_consultation:
        sent, reply = data.draw(closed_consultation(received))
        events += [Event(CONSULTATION_SENT, sent), Event(CONSULTATION_ANSWERED, reply)]
    last = max((e.date for e in events), default=received)
    if with_fee:
        notice = last + days(data.draw(st.integers(0, 5)))
        paid = notice + days(data.draw(st.integers(0, 10)))
        events += [Event(FEE_NOTICE_SENT, notice), Event(FEE_PAID, paid)]
        last = paid
    requested = last + days(notice_offset)
    corrected_on = requested + days(arrival)
    events += [Event(CORRECTION_REQUESTED, requested), Event(CORRECTION_RECEIVED, corrected_on)]
    as_of_date = None if as_of is None else received + days(as_of)
    try:
        res = compute(received, events, CAL, as_of=as_of_date)
    except ClockError:
        assume(False)  # earlier events that broke a rule (e.g. a pause after the due date)
        raise
    assert res.state == RUNNING
    if requested > CAL.wd_after(received, 7):  # B14: a late notice neither stops nor restarts the clock
        assert res.anchor == received and res.correction_due is None
        return
    assert res.anchor == corrected_on
    assert res.consumed == 0
    assert res.due == CAL.wd_after(corrected_on, 20) == ref_wd_after(corrected_on, 20)


# ---------------------------------------------------------------------------
# Reference model: receipt + consultations, simulated day by day
# ---------------------------------------------------------------------------


def simulate(received, pauses, as_of):
    """Independent model of 3.3 d.

    ``pauses``: list of (sent, reply or None), sorted by sending date. A pause ends at its reply or
    at the end of its 15-WD window, whichever is earlier; without a reply it ends at the window end
    once ``as_of`` or the date of any recorded event has reached it, else it is still open. Working days are counted after
    ``received``, skipping every day d with P < d <= R for some pause (P, R).

    Returns ("error",) when a letter is sent after the due date in force on that day (on it is
    allowed, legal-review.md B15),
    ("paused", consumed), or ("running", due).
    """
    for i, (sent, _reply) in enumerate(pauses):
        known = []  # the earlier pauses as they stood on the sending date
        for earlier_sent, earlier_reply in pauses[:i]:
            window = ref_wd_after(earlier_sent, 15)
            if earlier_reply is not None and earlier_reply <= sent:
                known.append((earlier_sent, min(earlier_reply, window)))
            elif sent >= window:
                known.append((earlier_sent, window))
            else:
                known.append((earlier_sent, None))
        state = _count(received, known)
        if state[0] == "running" and sent > state[1]:  # B15: the due date itself is allowed
            return ("error",)
    spans = []
    # A recorded event on a date means that date has come: windows ended by then have lapsed.
    dates = [d for pause in pauses for d in pause if d is not None] + ([as_of] if as_of else [])
    horizon = max(dates) if dates else None
    for sent, reply in pauses:
        window = ref_wd_after(sent, 15)
        if reply is not None:
            spans.append((sent, min(reply, window)))
        elif horizon is not None and horizon >= window:
            spans.append((sent, window))
        else:
            spans.append((sent, None))
    return _count(received, spans)


def _count(received, spans):
    counted = 0
    day = received
    while counted < 20:
        day += ONE
        if any(end is None and start < day for start, end in spans):
            return ("paused", counted)
        if any(start < day <= end for start, end in spans if end is not None):
            continue
        if chinese_calendar.is_workday(day):
            counted += 1
    # B15: a pause that starts on the due date itself; the answer is then due on the resume date
    # (with the pauses that began while it was open merged into it).
    while True:
        covering = [end for start, end in spans if start <= day and (end is None or end > day)]
        if not covering:
            return ("running", day)
        if None in covering:
            return ("paused", counted)
        day = max(covering)


def run_clock(received, pauses, as_of):
    events = []
    for ref, (sent, reply) in zip("abc", pauses, strict=False):
        events.append(Event(CONSULTATION_SENT, sent, ref=ref))
        if reply is not None:
            events.append(Event(CONSULTATION_ANSWERED, reply, ref=ref))
    try:
        res = compute(received, events, CAL, as_of=as_of)
    except ClockError as exc:
        assert "暂停计时最迟须在答复期限届满当日" in str(exc)
        return ("error",)
    if res.state == PAUSED:
        assert res.consumed + res.remaining == 20
        return ("paused", res.consumed)
    assert res.state == RUNNING
    return ("running", res.due)


@st.composite
def consultation(draw, received):
    sent = received + days(draw(st.integers(0, 35)))
    reply = draw(st.one_of(st.none(), st.integers(0, 40)))
    return sent, None if reply is None else sent + days(reply)


@PROPS
@given(RECEIVED, st.data(), st.one_of(st.none(), st.integers(0, 90)))
def test_reference_model_one_consultation(received, data, as_of_offset):
    pauses = data.draw(st.lists(consultation(received), max_size=1))
    as_of = None if as_of_offset is None else received + days(as_of_offset)
    assert run_clock(received, pauses, as_of) == simulate(received, pauses, as_of)


@PROPS
@given(RECEIVED, st.data(), st.one_of(st.none(), st.integers(0, 120)))
def test_reference_model_two_consultations(received, data, as_of_offset):
    """Overlapping or separate consultations, paired with their replies by ``ref``."""
    pauses = sorted(data.draw(st.lists(consultation(received), min_size=2, max_size=2)), key=lambda p: p[0])
    as_of = None if as_of_offset is None else received + days(as_of_offset)
    assert run_clock(received, pauses, as_of) == simulate(received, pauses, as_of)
