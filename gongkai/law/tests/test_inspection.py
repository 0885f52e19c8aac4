"""Tests for gongkai.law.inspection (domain.md 7.8, 6.3)."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.law.inspection import (
    CATALOGUE,
    DEFAULT_RULES,
    EMPTY,
    HOME,
    NEWS,
    NOTICE,
    OK,
    OTHER,
    POLICY,
    STATUS_LABELS,
    VETO,
    WARNING,
    InspectionRules,
    add_months,
    availability_status,
    column_status,
    message_status,
    site_veto_summary,
)

TODAY = date(2025, 6, 15)


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


# ---------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------


def test_default_thresholds():
    r = InspectionRules()
    assert (r.home_page_veto_days, r.home_page_warn_days) == (14, 10)
    assert (r.news_veto_days, r.news_warn_days) == (14, 10)
    assert (r.policy_veto_months, r.policy_warn_months) == (6, 5)
    assert r.stale_column_veto_count == 5
    assert (r.empty_column_veto_count, r.empty_column_warn_count) == (5, 1)
    assert (r.catalogue_min_entries, r.catalogue_max_age_days) == (4, 90)
    assert (r.message_veto_months, r.message_warn_months) == (3, 2)
    assert (r.unreachable_veto_percent, r.unreachable_warn_percent, r.slow_response_seconds) == (5, 3, 15)
    assert r == DEFAULT_RULES


def test_rules_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_RULES.news_veto_days = 30  # type: ignore[misc]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"news_warn_days": 15},
        {"home_page_warn_days": 20},
        {"policy_warn_months": 7},
        {"empty_column_warn_count": 6},
        {"message_warn_months": 4},
        {"unreachable_warn_percent": 6},
        {"news_veto_days": -1, "news_warn_days": -2},
        {"stale_column_veto_count": "5"},
        {"catalogue_min_entries": True},
    ],
)
def test_inconsistent_rules_are_rejected(kwargs):
    with pytest.raises(ValueError) as info:
        InspectionRules(**kwargs)
    assert "检查规则" in str(info.value)


def test_configurable():
    rules = InspectionRules(news_veto_days=7, news_warn_days=5)
    assert column_status(NEWS, 3, days_ago(7), TODAY, rules) == VETO
    assert column_status(NEWS, 3, days_ago(5), TODAY, rules) == WARNING
    assert column_status(NEWS, 3, days_ago(4), TODAY, rules) == OK


# ---------------------------------------------------------------------------
# add_months
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 1, 15), 6, date(2025, 7, 15)),
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
        (date(2025, 12, 31), 2, date(2026, 2, 28)),
        (date(2025, 3, 31), 1, date(2025, 4, 30)),
        (date(2025, 6, 15), 0, date(2025, 6, 15)),
        (date(2025, 6, 15), -6, date(2024, 12, 15)),
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
    ],
)
def test_add_months(start, months, expected):
    assert add_months(start, months) == expected


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)), st.integers(0, 60))
def test_add_months_properties(d, n):
    result = add_months(d, n)
    assert (result.year * 12 + result.month) - (d.year * 12 + d.month) == n
    assert result.day <= d.day
    assert result >= d


# ---------------------------------------------------------------------------
# column_status
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [HOME, NEWS])
@pytest.mark.parametrize(
    ("age", "expected"),
    [(0, OK), (1, OK), (9, OK), (10, WARNING), (13, WARNING), (14, VETO), (15, VETO), (400, VETO), (-3, OK)],
)
def test_two_week_columns(kind, age, expected):
    assert column_status(kind, 20, days_ago(age), TODAY, DEFAULT_RULES) == expected


@pytest.mark.parametrize("kind", [POLICY, NOTICE])
@pytest.mark.parametrize(
    ("latest", "expected"),
    [
        (date(2025, 6, 15), OK),
        (date(2025, 1, 16), OK),  # 4 months 30 days
        (date(2025, 1, 15), WARNING),  # exactly 5 months
        (date(2024, 12, 16), WARNING),
        (date(2024, 12, 15), VETO),  # exactly 6 months
        (date(2023, 1, 1), VETO),
    ],
)
def test_six_month_columns(kind, latest, expected):
    assert column_status(kind, 20, latest, TODAY) == expected


def test_six_months_from_the_31st():
    # 2024-08-31 + 6 months = 2025-02-28.
    assert column_status(POLICY, 1, date(2024, 8, 31), date(2025, 2, 27)) == WARNING
    assert column_status(POLICY, 1, date(2024, 8, 31), date(2025, 2, 28)) == VETO


@pytest.mark.parametrize("kind", [NEWS, POLICY, NOTICE, CATALOGUE, OTHER])
def test_empty_columns(kind):
    assert column_status(kind, 0, None, TODAY) == EMPTY


def test_home_page_without_items_is_not_updated():
    assert column_status(HOME, 0, None, TODAY) == VETO
    assert column_status(HOME, 5, None, TODAY) == VETO


@pytest.mark.parametrize("kind", [NEWS, POLICY])
def test_entries_without_a_visible_date_count_as_not_updated(kind):
    assert column_status(kind, 5, None, TODAY) == VETO


def test_other_columns_have_no_update_frequency():
    assert column_status(OTHER, 1, date(2010, 1, 1), TODAY) == OK
    assert column_status(OTHER, 1, None, TODAY) == OK


@pytest.mark.parametrize(
    ("count", "age", "expected"),
    [
        (4, 0, OK),
        (4, 90, OK),
        (4, 91, WARNING),
        (3, 0, WARNING),
        (1, 0, WARNING),
        (100, 89, OK),
        (100, 365, WARNING),
    ],
)
def test_catalogue_items(count, age, expected):
    assert column_status(CATALOGUE, count, days_ago(age), TODAY) == expected


def test_catalogue_item_without_date_is_stale():
    assert column_status(CATALOGUE, 10, None, TODAY) == WARNING


def test_datetimes_are_accepted():
    assert column_status(NEWS, 1, datetime(2025, 6, 1, 23, 59), datetime(2025, 6, 15, 0, 1)) == VETO


@pytest.mark.parametrize(
    ("kind", "count"),
    [("weekly", 1), ("", 1), (NEWS, -1), (NEWS, 1.5), (NEWS, True)],
)
def test_invalid_arguments(kind, count):
    with pytest.raises(ValueError):
        column_status(kind, count, TODAY, TODAY)


@given(
    st.sampled_from([HOME, NEWS, POLICY, NOTICE, CATALOGUE, OTHER]),
    st.integers(0, 50),
    st.one_of(st.none(), st.dates(min_value=date(2015, 1, 1), max_value=TODAY)),
)
def test_status_is_one_of_four_and_monotone_in_time(kind, count, latest):
    order = {OK: 0, WARNING: 1, VETO: 2, EMPTY: 3}
    status = column_status(kind, count, latest, TODAY)
    assert status in STATUS_LABELS
    later = column_status(kind, count, latest, TODAY + timedelta(days=30))
    assert order[later] >= order[status]


# ---------------------------------------------------------------------------
# message_status
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2025, 1, 15), OK),
        (date(2025, 3, 14), OK),
        (date(2025, 3, 15), WARNING),  # 2 months
        (date(2025, 4, 15), WARNING),  # exactly 3 months: not yet "more than"
        (date(2025, 4, 16), VETO),
        (date(2026, 1, 1), VETO),
    ],
)
def test_unanswered_message(today, expected):
    assert message_status(date(2025, 1, 15), today) == expected


def test_answered_message_is_judged_at_its_answer_date():
    received = date(2025, 1, 15)
    assert message_status(received, TODAY, answered_on=date(2025, 2, 1)) == OK
    assert message_status(received, TODAY, answered_on=date(2025, 3, 20)) == WARNING
    assert message_status(received, TODAY, answered_on=date(2025, 5, 1)) == VETO


def test_message_rules_configurable():
    rules = InspectionRules(message_warn_months=1, message_veto_months=2)
    assert message_status(date(2025, 1, 15), date(2025, 2, 15), rules) == WARNING
    assert message_status(date(2025, 1, 15), date(2025, 3, 16), rules) == VETO


# ---------------------------------------------------------------------------
# availability_status
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("failures", "attempts", "expected"),
    [(0, 140, OK), (4, 140, OK), (5, 140, WARNING), (6, 140, WARNING), (7, 140, VETO), (3, 100, WARNING),
     (5, 100, VETO), (2, 100, OK), (0, 0, OK)],
)
def test_availability(failures, attempts, expected):
    assert availability_status(failures, attempts) == expected


def test_availability_invalid():
    with pytest.raises(ValueError):
        availability_status(10, 5)
    with pytest.raises(ValueError):
        availability_status(-1, 5)


# ---------------------------------------------------------------------------
# site_veto_summary
# ---------------------------------------------------------------------------


def test_summary_of_a_healthy_site():
    s = site_veto_summary([OK, OK, OK])
    assert s["columns"] == 3 and s["ok"] == 3
    assert (s["warning"], s["veto"], s["empty"]) == (0, 0, 0)
    assert s["vetoed"] is False
    assert s["vetoes"] == [] and s["warnings"] == []
    assert s["home_page"] is None


def test_summary_empty_input():
    s = site_veto_summary([])
    assert s["columns"] == 0 and s["vetoed"] is False


def test_four_stale_columns_warn_five_veto():
    four = site_veto_summary([VETO] * 4 + [OK])
    assert four["veto"] == 4 and not four["stale_veto"] and not four["vetoed"]
    assert any("4个栏目超过更新期限" in w for w in four["warnings"])
    five = site_veto_summary([VETO] * 5)
    assert five["stale_veto"] and five["vetoed"]
    assert any("栏目不更新" in v for v in five["vetoes"])


def test_one_empty_column_warns_five_veto():
    one = site_veto_summary([EMPTY, OK])
    assert one["empty"] == 1 and not one["empty_veto"] and not one["vetoed"]
    assert any("空白栏目" in w for w in one["warnings"])
    five = site_veto_summary([EMPTY] * 5)
    assert five["empty_veto"] and five["vetoed"]
    assert any("空白栏目" in v for v in five["vetoes"])


def test_stale_and_empty_are_counted_separately():
    s = site_veto_summary([VETO] * 4 + [EMPTY] * 4)
    assert not s["vetoed"]
    assert len(s["warnings"]) == 2


def test_warning_columns():
    s = site_veto_summary([WARNING, WARNING, OK])
    assert s["warning"] == 2 and not s["vetoed"]
    assert any("2个栏目即将超过更新期限" in w for w in s["warnings"])


def test_home_page_in_pairs():
    s = site_veto_summary([(HOME, VETO), (NEWS, OK), (POLICY, OK)])
    assert s["columns"] == 2 and s["home_page"] == VETO
    assert s["home_page_veto"] and s["vetoed"]
    assert any("首页不更新" in v for v in s["vetoes"])
    w = site_veto_summary([(HOME, WARNING), (NEWS, OK)])
    assert not w["vetoed"] and any("首页" in x for x in w["warnings"])


def test_mixed_bare_statuses_and_pairs():
    s = site_veto_summary([OK, (NEWS, VETO), (POLICY, EMPTY)])
    assert (s["columns"], s["ok"], s["veto"], s["empty"]) == (3, 1, 1, 1)


def test_summary_respects_rules():
    rules = InspectionRules(stale_column_veto_count=2, empty_column_veto_count=3, empty_column_warn_count=2)
    assert site_veto_summary([VETO, VETO], rules)["vetoed"]
    s = site_veto_summary([EMPTY], rules)
    assert s["warnings"] == [] and not s["vetoed"]


def test_unknown_status():
    with pytest.raises(ValueError):
        site_veto_summary(["bad"])


def test_end_to_end_with_column_status():
    columns = [
        (NEWS, 30, days_ago(3)),
        (NEWS, 30, days_ago(20)),
        (POLICY, 8, days_ago(200)),
        (POLICY, 0, None),
        (CATALOGUE, 2, days_ago(1)),
        (OTHER, 1, days_ago(999)),
    ]
    statuses = [(k, column_status(k, n, latest, TODAY)) for k, n, latest in columns]
    assert [s for _, s in statuses] == [OK, VETO, VETO, EMPTY, WARNING, OK]
    s = site_veto_summary(statuses)
    assert (s["ok"], s["warning"], s["veto"], s["empty"]) == (2, 1, 2, 1)
    assert not s["vetoed"]
