"""Issue 17 item 4: a publication against its catalogue item's time limit, 一次性公开 staleness, counts per unit."""

import datetime as dt

import pytest

from gongkai.law import inspection as i

D = dt.date.fromisoformat


@pytest.mark.parametrize("due, published, today, expected", [
    ("2026-03-16", "2026-03-16", "2026-04-01", i.ON_TIME),  # on the due date: on time
    ("2026-03-16", "2026-03-17", "2026-04-01", i.LATE),
    ("2026-03-16", None, "2026-03-16", i.PENDING),
    ("2026-03-16", None, "2026-03-17", i.OVERDUE),
])
def test_publication_timeliness(due, published, today, expected):
    assert i.publication_timeliness(D(due), published and D(published), D(today)) == expected


def test_no_due_date_is_not_judged():
    assert i.publication_timeliness(None, D("2026-03-01"), D("2026-04-01")) is None


def test_once_dynamic_status():
    today = D("2026-12-31")
    assert i.once_dynamic_status(0, None, today) == i.EMPTY
    assert i.once_dynamic_status(1, D("2026-01-01"), today) == i.OK  # 364 days
    assert i.once_dynamic_status(1, D("2025-12-30"), today) == i.WARNING  # 366 days
    assert i.once_dynamic_status(3, None, today) == i.WARNING
    assert i.once_dynamic_status(1, D("2026-06-01"), today, i.InspectionRules(once_dynamic_max_age_days=30)) == i.WARNING


def test_by_unit_counts_and_orders():
    found = [("办公室", i.LATE), ("人事科", i.LATE), ("人事科", i.OVERDUE), ("人事科", i.LATE), ("法制科", "stale")]
    assert i.by_unit(found) == [("人事科", {i.LATE: 2, i.OVERDUE: 1}, 3), ("办公室", {i.LATE: 1}, 1),
                                ("法制科", {"stale": 1}, 1)]
    assert i.by_unit([]) == []
