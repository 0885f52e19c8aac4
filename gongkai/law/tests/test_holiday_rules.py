"""The statutory rule for years not yet confirmed (domain.md 3.1, revised), and the provisional
calendar built on it."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.law import holiday_rules as hr
from gongkai.law.calendar import HOLIDAY, WorkCalendar, builtin_calendar, builtin_overrides
from gongkai.law.clock import Event, compute

D = dt.date.fromisoformat


def official_days_off(year: int) -> set[dt.date]:
    """Weekdays off in the built-in (official) arrangement of ``year``."""
    overrides, _, _ = builtin_overrides()
    return {d for d, kind in overrides.items() if d.year == year and kind == HOLIDAY}


@pytest.mark.parametrize("year", [2025, 2026])
def test_rule_is_a_subset_of_the_official_arrangement(year):
    provisional = set(hr.provisional_holidays(year))
    assert provisional, "the rule gives days off"
    assert provisional <= official_days_off(year), sorted(provisional - official_days_off(year))


@pytest.mark.parametrize("year", range(2019, 2025))
def test_earlier_rule_is_a_subset_for_earlier_years_too(year):
    """2019–2024 under the 2013 version (春节 初一至初三, 劳动节 1 day); 2020 has 国庆 and 中秋 on 1 October."""
    assert set(hr.provisional_holidays(year)) <= official_days_off(year)


def test_the_rule_in_force_for_each_year():
    assert "第795号" in hr.rule_for(2025).source and "第795号" in hr.rule_for(2027).source
    assert "第644号" in hr.rule_for(2024).source and "第644号" in hr.rule_for(2014).source
    assert "第513号" in hr.rule_for(2013).source
    with pytest.raises(ValueError):
        hr.rule_for(2007)


def test_spring_festival_and_labour_day_by_version():
    # 2024 (2013 version): 初一至初三 = 2024-02-10..12; 劳动节 one day.
    s2024 = hr.statutory_days(2024)
    assert [d for d, n in s2024.items() if n == "春节"] == [D("2024-02-10"), D("2024-02-11"), D("2024-02-12")]
    assert [d for d, n in s2024.items() if n == "劳动节"] == [D("2024-05-01")]
    # 2025 (2024 version): 除夕 2025-01-28 and 初一至初三; 劳动节 1–2 May.
    s2025 = hr.statutory_days(2025)
    assert [d for d, n in s2025.items() if n == "春节"] == [D("2025-01-28"), D("2025-01-29"), D("2025-01-30"),
                                                           D("2025-01-31")]
    assert [d for d, n in s2025.items() if n == "劳动节"] == [D("2025-05-01"), D("2025-05-02")]
    # 2013 (2007 version): 除夕、初一、初二 = 2013-02-09..11.
    assert [d for d, n in hr.statutory_days(2013).items() if n == "春节"] == [D("2013-02-09"), D("2013-02-10"),
                                                                            D("2013-02-11")]


def test_2027_by_hand():
    """2027, worked out from a printed calendar: 春节 除夕 Fri 02-05, 初一–初三 Sat–Mon (two weekend
    days → Tue 02-09, Wed 02-10 in lieu); 清明 Mon 04-05; 劳动节 Sat–Sun (→ Mon 05-03, Tue 05-04);
    端午 Wed 06-09; 中秋 Wed 09-15; 国庆 Fri–Sun (→ Mon 10-04, Tue 10-05)."""
    assert sorted(hr.provisional_holidays(2027)) == [D(x) for x in (
        "2027-01-01", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-04-05", "2027-05-03",
        "2027-05-04", "2027-06-09", "2027-09-15", "2027-10-01", "2027-10-04", "2027-10-05")]
    assert hr.in_lieu_days(2027) == {D("2027-02-09"): "春节", D("2027-02-10"): "春节", D("2027-05-03"): "劳动节",
                                     D("2027-05-04"): "劳动节", D("2027-10-04"): "国庆节", D("2027-10-05"): "国庆节"}
    # The earliest plausible calendar has the festival weekdays only, no day in lieu.
    assert sorted(hr.earliest_holidays(2027)) == [D(x) for x in (
        "2027-01-01", "2027-02-05", "2027-02-08", "2027-04-05", "2027-06-09", "2027-09-15", "2027-10-01")]


def test_weekend_statutory_day_gives_the_next_weekday():
    # 2026: 清明 Sunday 04-05 → Monday 04-06; 劳动节 Fri 05-01 + Sat 05-02 → Monday 05-04.
    lieu = hr.in_lieu_days(2026)
    assert lieu[D("2026-04-06")] == "清明节" and lieu[D("2026-05-04")] == "劳动节"
    assert all(d.weekday() < 5 for y in range(2008, 2040) for d in hr.in_lieu_days(y))


def test_shared_day_gives_a_day_in_lieu():
    # 2020: 中秋 fell on 国庆 (10-01) — a day in lieu for it, as the 2020 notice gave (8 days).
    # 国庆 gets two: one for Saturday 10-03, one for the day it shares with 中秋.
    assert hr.statutory_days(2020)[D("2020-10-01")] == "中秋节、国庆节"
    assert [d for d, name in hr.in_lieu_days(2020).items() if name == "国庆节"] == [D("2020-10-05"), D("2020-10-06")]


def test_provisional_calendar_marks_only_unconfirmed_years():
    cal = builtin_calendar().tracking()
    assert cal.wd_after(D("2026-11-02"), 20) == D("2026-11-30") and cal.touched == set()
    assert cal.wd_after(D("2026-12-07"), 20) == D("2027-01-05") and cal.touched == {2027}


def test_clock_result_is_marked_provisional():
    res = compute(D("2026-12-07"), [], builtin_calendar())
    assert res.due == D("2027-01-05") and res.provisional and res.provisional_years == [2027]
    assert res.to_dict()["provisional"] is True and res.to_dict()["provisional_years"] == [2027]
    assert "待录入国务院办公厅2027年节假日安排后自动重算" in res.explanation[-1]
    final = compute(D("2026-11-02"), [], builtin_calendar())
    assert not final.provisional and final.to_dict()["provisional_years"] == [] and final.earliest_due == final.due


def test_earliest_plausible_date_before_a_day_in_lieu():
    # Received 2027-01-20: provisional due skips 春节 02-05, 02-08 and the days in lieu 02-09, 02-10;
    # the earliest plausible date skips only the festival weekdays.
    res = compute(D("2027-01-20"), [], builtin_calendar())
    assert res.due == D("2027-02-23") and res.earliest_due == D("2027-02-19")


def test_confirming_the_year_replaces_the_rule():
    overrides, notes, years = builtin_overrides()
    overrides[D("2027-01-04")] = HOLIDAY  # an invented arrangement, to see it take over
    confirmed = WorkCalendar(overrides, years | {2027}, notes)
    res = compute(D("2026-12-07"), [], confirmed)
    assert not res.provisional and res.due == D("2027-01-05")  # 01-01 is no longer off, 01-04 is


@settings(max_examples=300, deadline=None)
@given(start=st.dates(D("2026-06-01"), D("2029-12-31")), n=st.integers(1, 60))
def test_provisional_due_date_is_a_working_day_of_the_provisional_calendar(start, n):
    cal = builtin_calendar()
    due = cal.wd_after(start, n)
    assert cal.is_working_day(due)
    assert cal.wd_between(start, due) == n
    early = cal.earliest()
    assert early.wd_after(start, n) <= due


@settings(max_examples=200, deadline=None)
@given(received=st.dates(D("2026-10-01"), D("2027-12-31")), sent=st.integers(1, 10))
def test_provisional_with_a_pause(received, sent):
    cal = builtin_calendar()
    at = cal.wd_after(received, sent)
    res = compute(received, [Event("consultation_sent", at), Event("consultation_answered", at + dt.timedelta(3))],
                  cal)
    assert res.due is not None and cal.is_working_day(res.due)
    assert res.earliest_due <= res.due
    # Provisional exactly when the counted span reaches 2027 (a past consultation window does not count).
    assert res.provisional == (res.due.year >= 2027)
