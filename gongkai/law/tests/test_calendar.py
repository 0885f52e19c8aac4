"""Tests for gongkai.law.calendar (domain.md 3.1, 3.2 and the counting examples of 3.3).

The holiday tables below are typed from domain.md 3.1 (国办发明电〔2024〕12号 for 2025 and the
国务院办公厅 notice of 2025-11-04 for 2026), not read from the code under test or from chinesecalendar.
"""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.law.calendar import (
    BUILTIN_FIRST_YEAR,
    BUILTIN_LAST_YEAR,
    HOLIDAY,
    WORKDAY,
    CalendarMissing,
    WorkCalendar,
    builtin_calendar,
    builtin_overrides,
)

D = dt.date.fromisoformat
ONE = dt.timedelta(days=1)


def days(first: str, last: str) -> list[dt.date]:
    out, day = [], D(first)
    while day <= D(last):
        out.append(day)
        day += ONE
    return out


# domain.md 3.1: (holiday, days off, make-up workdays)
TABLE_2025 = [
    ("元旦", days("2025-01-01", "2025-01-01"), []),
    ("春节", days("2025-01-28", "2025-02-04"), ["2025-01-26", "2025-02-08"]),
    ("清明节", days("2025-04-04", "2025-04-06"), []),
    ("劳动节", days("2025-05-01", "2025-05-05"), ["2025-04-27"]),
    ("端午节", days("2025-05-31", "2025-06-02"), []),
    ("国庆节+中秋节", days("2025-10-01", "2025-10-08"), ["2025-09-28", "2025-10-11"]),
]
TABLE_2026 = [
    ("元旦", days("2026-01-01", "2026-01-03"), ["2026-01-04"]),
    ("春节", days("2026-02-15", "2026-02-23"), ["2026-02-14", "2026-02-28"]),
    ("清明节", days("2026-04-04", "2026-04-06"), []),
    ("劳动节", days("2026-05-01", "2026-05-05"), ["2026-05-09"]),
    ("端午节", days("2026-06-19", "2026-06-21"), []),
    ("中秋节", days("2026-09-25", "2026-09-27"), []),
    ("国庆节", days("2026-10-01", "2026-10-07"), ["2026-09-20", "2026-10-10"]),
]
TABLES = {2025: TABLE_2025, 2026: TABLE_2026}

# The weekday named in the domain.md table next to each boundary date (0 = Monday).
TABLE_WEEKDAYS = {
    "2025-01-01": 2, "2025-01-28": 1, "2025-02-04": 1, "2025-01-26": 6, "2025-02-08": 5,
    "2025-04-04": 4, "2025-04-06": 6, "2025-05-01": 3, "2025-05-05": 0, "2025-04-27": 6,
    "2025-05-31": 5, "2025-06-02": 0, "2025-10-01": 2, "2025-10-08": 2, "2025-09-28": 6,
    "2025-10-11": 5,
    "2026-01-01": 3, "2026-01-03": 5, "2026-01-04": 6, "2026-02-15": 6, "2026-02-23": 0,
    "2026-02-14": 5, "2026-02-28": 5, "2026-04-04": 5, "2026-04-06": 0, "2026-05-01": 4,
    "2026-05-05": 1, "2026-05-09": 5, "2026-06-19": 4, "2026-06-21": 6, "2026-09-25": 4,
    "2026-09-27": 6, "2026-10-01": 3, "2026-10-07": 2, "2026-09-20": 6, "2026-10-10": 5,
}  # fmt: skip

MISSING_2027 = "无法计算期限：2027年节假日安排尚未录入。请平台管理员依据国务院办公厅通知录入并确认后重试。"


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return builtin_calendar()


def days_off(year: int) -> list[dt.date]:
    return [d for _name, off, _mk in TABLES[year] for d in off]


def makeup_days(year: int) -> list[dt.date]:
    return [D(m) for _name, _off, mk in TABLES[year] for m in mk]


# ---------------------------------------------------------------------------
# 3.1: the built-in data against the 2025 and 2026 notices
# ---------------------------------------------------------------------------


def test_table_weekdays_match_the_calendar():
    # Guards the transcription above: every weekday printed in domain.md 3.1 is right.
    for iso, weekday in TABLE_WEEKDAYS.items():
        assert D(iso).weekday() == weekday, iso


@pytest.mark.parametrize(
    ("year", "name", "day"),
    [(y, name, d) for y in (2025, 2026) for name, off, _mk in TABLES[y] for d in off],
    ids=lambda v: v.isoformat() if isinstance(v, dt.date) else str(v),
)
def test_every_listed_day_off_is_not_a_working_day(cal, year, name, day):
    assert cal.is_working_day(day) is False, f"{name} {day}"


@pytest.mark.parametrize(
    ("year", "name", "day"),
    [(y, name, D(m)) for y in (2025, 2026) for name, _off, mk in TABLES[y] for m in mk],
    ids=lambda v: v.isoformat() if isinstance(v, dt.date) else str(v),
)
def test_every_listed_makeup_day_is_a_working_day(cal, year, name, day):
    assert day.weekday() >= 5, "make-up days in the tables are all weekend days"
    assert cal.is_working_day(day) is True, f"{name} {day}"


def test_day_counts_of_the_tables():
    # domain.md: 春节 2025 is 8 days, 春节 2026 is 9 days.
    assert len(dict((n, o) for n, o, _ in TABLE_2025)["春节"]) == 8
    assert len(dict((n, o) for n, o, _ in TABLE_2026)["春节"]) == 9
    assert len(days_off(2025)) == 1 + 8 + 3 + 5 + 3 + 8
    assert len(days_off(2026)) == 3 + 9 + 3 + 5 + 3 + 3 + 7


@pytest.mark.parametrize("year", [2025, 2026])
def test_no_other_deviation_from_monday_to_friday(cal, year):
    """Apart from the listed days, every weekday works and every weekend day rests."""
    off = set(days_off(year))
    makeup = set(makeup_days(year))
    for day in days(f"{year}-01-01", f"{year}-12-31"):
        expected = day in makeup or (day.weekday() < 5 and day not in off)
        assert cal.is_working_day(day) is expected, day


@pytest.mark.parametrize("year", [2025, 2026])
def test_working_day_total(cal, year):
    weekdays = sum(1 for d in days(f"{year}-01-01", f"{year}-12-31") if d.weekday() < 5)
    weekday_holidays = sum(1 for d in days_off(year) if d.weekday() < 5)
    expected = weekdays - weekday_holidays + len(makeup_days(year))
    assert cal.wd_between(D(f"{year - 1}-12-31"), D(f"{year}-12-31")) == expected
    # 261 weekdays each; 2025: 18 weekday holidays, 5 make-up days; 2026: 19 and 6.
    assert expected == {2025: 248, 2026: 248}[year]


def test_national_day_2024(cal):
    for day in days("2024-10-01", "2024-10-07"):
        assert not cal.is_working_day(day), day
    assert cal.is_working_day(D("2024-09-29"))  # Sunday make-up
    assert cal.is_working_day(D("2024-10-12"))  # Saturday make-up
    assert D("2024-09-29").weekday() == 6 and D("2024-10-12").weekday() == 5
    assert cal.is_working_day(D("2024-09-30"))
    assert cal.is_working_day(D("2024-10-08"))
    assert not cal.is_working_day(D("2024-10-13"))  # an ordinary Sunday


def test_builtin_years_and_override_kinds():
    overrides, notes, years = builtin_overrides()
    assert years == set(range(2019, 2027))
    assert (BUILTIN_FIRST_YEAR, BUILTIN_LAST_YEAR) == (2019, 2026)
    assert set(overrides.values()) == {HOLIDAY, WORKDAY}
    # Only deviations from Monday–Friday are stored.
    for day, kind in overrides.items():
        assert (kind == HOLIDAY) == (day.weekday() < 5), day
    assert notes[D("2025-09-28")] == "国庆节调休上班"
    assert notes[D("2026-02-16")] == "春节"


def test_special_days_for_the_national_day_example(cal):
    notes = cal.special_days(D("2024-09-30"), D("2024-11-01"))
    assert [(n.date, n.kind) for n in notes] == [
        (D("2024-10-01"), HOLIDAY),
        (D("2024-10-02"), HOLIDAY),
        (D("2024-10-03"), HOLIDAY),
        (D("2024-10-04"), HOLIDAY),
        (D("2024-10-07"), HOLIDAY),
        (D("2024-10-12"), WORKDAY),
    ]


# ---------------------------------------------------------------------------
# 3.2 notation and the counting examples of 3.3
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        ("2024-09-30", 0, "2024-09-30"),  # wd_after(d, 0) is d
        ("2024-09-30", 1, "2024-10-08"),  # 3.3 a: Tuesday 10-08 is day 1
        ("2024-09-30", 5, "2024-10-12"),  # 3.3 a: the make-up Saturday is day 5
        ("2024-09-30", 20, "2024-11-01"),  # 3.3 a
        ("2024-09-30", 40, "2024-11-29"),  # 3.3 e
        ("2025-09-27", 1, "2025-09-28"),  # 3.3 b: the make-up Sunday
        ("2025-09-29", 20, "2025-11-03"),  # 3.3 b
        ("2025-09-27", 20, "2025-10-30"),  # 3.3 b, auto-confirm
        ("2025-03-03", 7, "2025-03-12"),  # 3.3 c: correction notice due
        ("2025-03-05", 15, "2025-03-26"),  # 3.3 c: correction period end
        ("2025-03-20", 20, "2025-04-18"),  # 3.3 c: restart, 清明 skipped
        ("2025-03-26", 1, "2025-03-27"),  # 3.3 c: closes on the next working day
        ("2025-09-01", 20, "2025-09-28"),  # 3.3 d: due on the make-up Sunday
        ("2025-09-22", 13, "2025-10-15"),  # 3.3 d: reply
        ("2025-09-10", 15, "2025-09-30"),  # 3.3 d: window end
        ("2025-09-30", 13, "2025-10-24"),  # 3.3 d: no reply
        ("2025-09-22", 33, "2025-11-12"),  # 3.3 e: pause plus extension
        ("2025-11-14", 20, "2025-12-12"),  # 3.3 f: payment deadline
        ("2025-12-02", 11, "2025-12-17"),  # 3.3 f: paid
        ("2025-12-12", 1, "2025-12-15"),  # 3.3 f: unpaid, closes Monday
        ("2025-09-22", 20, "2025-10-24"),  # 3.3 g
        ("2018-12-31", 1, "2019-01-02"),  # first complete year: 2019-01-01 is 元旦
        ("2026-11-30", 20, "2026-12-28"),  # inside the last complete year
    ],
)
def test_wd_after(cal, start, n, expected):
    assert cal.wd_after(D(start), n) == D(expected)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("2024-09-30", "2024-11-01", 20),
        ("2024-09-30", "2024-10-07", 0),  # the whole holiday
        ("2024-09-30", "2024-10-08", 1),  # half-open: b counts
        ("2024-10-08", "2024-10-08", 0),  # empty interval
        ("2024-11-01", "2024-09-30", 0),  # b before a
        ("2024-09-28", "2024-09-29", 1),  # make-up Sunday counts
        ("2024-09-29", "2024-09-30", 1),  # a itself is not counted
        ("2025-09-01", "2025-09-10", 7),  # 3.3 d
        ("2025-11-03", "2025-11-14", 9),  # 3.3 f
        ("2025-09-01", "2025-09-28", 20),
        ("2025-09-10", "2025-09-30", 15),
        ("2018-12-31", "2019-01-01", 0),
    ],
)
def test_wd_between(cal, a, b, expected):
    assert cal.wd_between(D(a), D(b)) == expected


def test_wd_after_and_wd_between_are_inverse(cal):
    start = D("2024-12-20")
    for n in range(0, 60):
        assert cal.wd_between(start, cal.wd_after(start, n)) == n


def test_negative_n_is_rejected(cal):
    with pytest.raises(ValueError):
        cal.wd_after(D("2025-01-02"), -1)


def test_next_and_on_or_next_working_day(cal):
    assert cal.next_working_day(D("2024-09-30")) == D("2024-10-08")
    assert cal.on_or_next_working_day(D("2024-10-03")) == D("2024-10-08")
    assert cal.on_or_next_working_day(D("2024-10-08")) == D("2024-10-08")
    assert cal.on_or_next_working_day(D("2024-10-12")) == D("2024-10-12")  # make-up Saturday


# ---------------------------------------------------------------------------
# Missing data (3.1)
# ---------------------------------------------------------------------------


def test_calendar_missing_2027_message(cal):
    with pytest.raises(CalendarMissing) as info:
        cal.strict().wd_after(D("2026-12-20"), 20)
    assert info.value.year == 2027
    assert str(info.value) == MISSING_2027
    assert info.value.pending_label == "期限待定（缺少2027年节假日数据）"


def test_calendar_missing_2018(cal):
    with pytest.raises(CalendarMissing) as info:
        cal.strict().wd_after(D("2018-06-01"), 1)
    assert info.value.year == 2018
    assert str(info.value) == (
        "无法计算期限：2018年节假日安排尚未录入。请平台管理员依据国务院办公厅通知录入并确认后重试。"
    )


@pytest.mark.parametrize(
    ("call", "year"),
    [
        (lambda c: c.is_working_day(D("2027-01-04")), 2027),
        (lambda c: c.is_working_day(D("2018-12-28")), 2018),
        (lambda c: c.wd_after(D("2026-12-31"), 1), 2027),
        (lambda c: c.wd_after(D("2018-12-30"), 5), 2018),  # 2018-12-31 must be examined
        (lambda c: c.wd_between(D("2026-12-01"), D("2027-01-10")), 2027),
        (lambda c: c.wd_between(D("2018-12-01"), D("2019-01-10")), 2018),
        (lambda c: c.next_working_day(D("2026-12-31")), 2027),
    ],
    ids=["is_working_day-2027", "is_working_day-2018", "wd_after-2027", "wd_after-2018",
         "wd_between-2027", "wd_between-2018", "next_working_day-2027"],
)  # fmt: skip
def test_calendar_missing_everywhere_when_strict(cal, call, year):
    with pytest.raises(CalendarMissing) as info:
        call(cal.strict())
    assert info.value.year == year
    assert f"{year}年节假日安排尚未录入" in str(info.value)
    # Revised 3.1: the ordinary calendar answers on provisional days and records the year.
    tracked = cal.tracking()
    call(tracked)
    assert tracked.touched == {year}


def test_last_days_of_2026_still_compute(cal):
    # The last working day of the data: 2026-12-31 is a Thursday.
    assert cal.wd_after(D("2026-12-30"), 1) == D("2026-12-31")
    assert cal.wd_between(D("2026-12-01"), D("2026-12-31")) == 22


# ---------------------------------------------------------------------------
# Overrides and incomplete years
# ---------------------------------------------------------------------------


def builtin_with(changes: dict[dt.date, str | None], years=None) -> WorkCalendar:
    overrides, notes, complete = builtin_overrides()
    for day, kind in changes.items():
        if kind is None:
            overrides.pop(day, None)
        else:
            overrides[day] = kind
    return WorkCalendar(overrides, complete if years is None else years, notes)


def test_extra_holiday_pushes_the_due_date(cal):
    assert cal.wd_after(D("2025-03-03"), 20) == D("2025-03-31")
    changed = builtin_with({D("2025-03-10"): HOLIDAY})
    assert not changed.is_working_day(D("2025-03-10"))
    assert changed.wd_after(D("2025-03-03"), 20) == D("2025-04-01")
    assert changed.wd_between(D("2025-03-03"), D("2025-03-31")) == 19


def test_extra_workday_pulls_the_due_date(cal):
    changed = builtin_with({D("2025-03-08"): WORKDAY})  # a Saturday
    assert changed.is_working_day(D("2025-03-08"))
    assert changed.wd_after(D("2025-03-03"), 20) == D("2025-03-28")
    assert changed.wd_after(D("2025-03-07"), 1) == D("2025-03-08")


def test_example_g_forgotten_makeup_saturday(cal):
    """3.3 g: without the make-up Saturday 2025-10-11 the case received 2025-09-22 is due 10-27."""
    broken = builtin_with({D("2025-10-11"): None})
    assert not broken.is_working_day(D("2025-10-11"))
    assert broken.wd_after(D("2025-09-22"), 20) == D("2025-10-27")
    assert cal.wd_after(D("2025-09-22"), 20) == D("2025-10-24")


def test_unknown_override_kind_rejected():
    with pytest.raises(ValueError):
        WorkCalendar({D("2025-01-01"): "vacation"}, [2025])


def test_redundant_override_is_harmless():
    plain = WorkCalendar({}, [2025])
    redundant = WorkCalendar({D("2025-03-09"): HOLIDAY, D("2025-03-10"): WORKDAY}, [2025])
    for n in (1, 5, 20):
        assert plain.wd_after(D("2025-03-03"), n) == redundant.wd_after(D("2025-03-03"), n)


def test_incomplete_year_refuses_when_strict():
    years = set(range(2019, 2027)) - {2025}
    partial = builtin_with({}, years=years).strict()
    # Inside complete years nothing changes.
    assert partial.wd_after(D("2024-09-30"), 20) == D("2024-11-01")
    assert partial.wd_after(D("2026-02-14"), 20) == D("2026-03-20")
    # Anything touching 2025 refuses, naming 2025.
    calls = [
        lambda: partial.wd_after(D("2024-12-20"), 20),
        lambda: partial.wd_after(D("2024-12-31"), 1),
        lambda: partial.wd_after(D("2024-06-03"), 400),  # would land in 2026
        lambda: partial.wd_between(D("2024-12-01"), D("2026-01-10")),
        lambda: partial.is_working_day(D("2025-06-03")),
    ]
    for call in calls:
        with pytest.raises(CalendarMissing) as info:
            call()
        assert info.value.year == 2025
        assert str(info.value).startswith("无法计算期限：2025年节假日安排尚未录入。")


def test_overrides_alone_do_not_make_a_year_complete():
    cal = WorkCalendar({D("2027-01-01"): HOLIDAY}, [2026])
    with pytest.raises(CalendarMissing) as info:
        cal.strict().wd_after(D("2026-12-31"), 1)
    assert str(info.value) == MISSING_2027
    tracked = cal.tracking()
    assert tracked.wd_after(D("2026-12-31"), 1) == D("2027-01-04") and tracked.touched == {2027}


def test_plain_monday_to_friday_calendar():
    cal = WorkCalendar({}, [2030])
    assert cal.wd_after(D("2030-01-04"), 1) == D("2030-01-07")  # Friday → Monday
    assert cal.wd_between(D("2029-12-31"), D("2030-12-31")) == 261  # (a, b]: 2029-12-31 not examined
    assert cal.wd_between(D("2030-01-01"), D("2030-12-31")) == 260  # Tuesday 01-01 not counted
