"""Tests for gongkai.law.holiday_notice (domain.md 3.1).

The notices in data/holiday_notices/ are published texts (sources in its README.md). The expected days come
from the chinesecalendar package, which transcribes the same notices independently of this parser.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from chinese_calendar import constants as chinesecalendar
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.law.calendar import HOLIDAY, WORKDAY
from gongkai.law.holiday_notice import (
    FESTIVALS,
    MAX_NOTICE_CHARS,
    MAX_RANGE_DAYS,
    FestivalEntry,
    NoticeProblem,
    ParsedNotice,
    accepted_overrides,
    check_notice,
    parse_notice,
)

DATA = Path(__file__).resolve().parent / "data" / "holiday_notices"
YEARS = sorted(int(p.stem) for p in DATA.glob("*.txt"))
D = date.fromisoformat


def read(year: int) -> str:
    return (DATA / f"{year}.txt").read_text(encoding="utf-8")


def days(first: str, last: str) -> list[date]:
    start, end = D(first), D(last)
    return [start + timedelta(n) for n in range((end - start).days + 1)]


def line_of(text: str, fragment: str) -> int:
    """1-based number of the only line that contains ``fragment``."""
    numbers = [n for n, line in enumerate(text.split("\n"), 1) if fragment in line]
    assert len(numbers) == 1, (fragment, numbers)
    return numbers[0]


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def messages(notice_or_problems) -> list[str]:
    problems = (
        notice_or_problems.problems if isinstance(notice_or_problems, ParsedNotice) else notice_or_problems
    )
    return [p.message for p in problems]


# ---------------------------------------------------------------------------------------------------------
# Real notices against chinesecalendar
# ---------------------------------------------------------------------------------------------------------

# Days that later, separate notices changed; chinesecalendar holds the changed state (README.md).
LATER_NOTICES = {
    # 抗战胜利70周年纪念日 (国务院, 2015-05-13): 9月3日至5日调休放假, 9月6日（星期日）上班.
    2015: ({D("2015-09-03"), D("2015-09-04")}, {D("2015-09-06")}),
    # 国办发明电〔2019〕3号: 劳动节 became 5月1日至4日, with 4月28日、5月5日 worked.
    2019: ({D("2019-05-02"), D("2019-05-03")}, {D("2019-04-28"), D("2019-05-05")}),
    # 国办发明电〔2020〕1号: 春节 extended to 2月2日 (epidemic), so 2月1日 was not worked after all.
    2020: ({D("2020-01-31")}, {D("2020-02-01")}),
}


def chinesecalendar_days(year: int) -> tuple[set[date], set[date]]:
    """The weekday holidays and weekend workdays of ``year``'s notice, according to chinesecalendar.

    The notice for Y also governs the days around 元旦 in December of Y-1 (2019: 2018-12-29 to 31), and the
    December days of Y around the next 元旦 belong to the next notice.
    """

    def governed(day: date, festival: str) -> bool:
        new_year = festival == "New Year's Day" and day.month == 12
        return (day.year == year and not new_year) or (day.year == year - 1 and new_year)

    holidays = {d for d, f in chinesecalendar.holidays.items() if governed(d, f) and d.weekday() < 5}
    workdays = {d for d, f in chinesecalendar.workdays.items() if governed(d, f) and d.weekday() >= 5}
    # A later notice added these days or took them back: the annual notice has them the other way.
    later_off, later_work = LATER_NOTICES.get(year, (set(), set()))
    return holidays ^ later_off, workdays ^ later_work


def test_at_least_six_older_years_besides_2025_and_2026():
    assert {2025, 2026} <= set(YEARS)
    assert len(set(YEARS) - {2025, 2026}) >= 6


@pytest.mark.parametrize("year", YEARS)
def test_real_notice_agrees_with_chinesecalendar(year):
    notice = parse_notice(read(year))
    assert notice.problems == []
    expected_holidays, expected_workdays = chinesecalendar_days(year)
    assert {d for d in notice.holidays if d.weekday() < 5} == expected_holidays
    assert {d for d in notice.workdays if d.weekday() >= 5} == expected_workdays
    # Nothing else: no workday on a weekday (that would be a problem), no day both off and worked.
    assert all(d.weekday() >= 5 for d in notice.workdays)
    assert not set(notice.holidays) & set(notice.workdays)


@pytest.mark.parametrize("year", sorted(LATER_NOTICES))
def test_days_of_later_notices_are_really_in_chinesecalendar_and_not_in_the_annual_notice(year):
    later_off, later_work = LATER_NOTICES[year]
    assert later_off <= set(chinesecalendar.holidays)
    assert not later_off & set(parse_notice(read(year)).holidays)
    for day in later_work:
        assert (day in chinesecalendar.workdays) != (day in parse_notice(read(year)).workdays)


METADATA = {
    2007: ("国办发明电〔2006〕49号", "2006-12-14", 4),
    2010: ("国办发明电〔2009〕27号", "2009-12-07", 7),
    2011: ("国办发明电〔2010〕40号", "2010-12-09", 7),
    2012: ("国办发明电〔2011〕45号", "2011-12-05", 6),
    2013: ("国办发明电〔2012〕33号", "2012-12-08", 7),
    2014: ("国办发明电〔2013〕28号", "2013-12-11", 7),
    2015: ("国办发明电〔2014〕28号", "2014-12-16", 7),
    2017: ("国办发明电〔2016〕17号", "2016-12-01", 6),
    2018: ("国办发明电〔2017〕12号", "2017-11-30", 7),
    2019: ("国办发明电〔2018〕15号", "2018-12-04", 7),
    2020: ("国办发明电〔2019〕16号", "2019-11-21", 6),
    2023: ("国办发明电〔2022〕16号", "2022-12-08", 6),
    2024: ("国办发明电〔2023〕7号", "2023-10-25", 7),
    2025: ("国办发明电〔2024〕12号", "2024-11-12", 6),
    2026: ("", "2025-11-04", 7),
}


def test_metadata_table_covers_every_fixture():
    assert set(METADATA) == set(YEARS)


@pytest.mark.parametrize("year", YEARS)
def test_real_notice_title_number_and_signature(year):
    number, issued_on, entries = METADATA[year]
    notice = parse_notice(read(year))
    assert notice.year == year
    assert notice.title == f"国务院办公厅关于{year}年部分节假日安排的通知"
    assert notice.number == number
    assert notice.issued_on == D(issued_on)
    assert len(notice.festivals) == entries
    for entry in notice.festivals:
        assert set(entry.names) <= set(FESTIVALS)
        assert entry.stated_total in (None, len(entry.days_off))


# domain.md 3.1, typed once in test_calendar.py: (name, days off, make-up workdays); the notice names
# the combined festival "国庆节、中秋节".
def domain_table(year: int) -> list:
    from gongkai.law.tests.test_calendar import TABLES

    return [(name.replace("+", "、"), off, mk) for name, off, mk in TABLES[year]]


@pytest.mark.parametrize("year", [2025, 2026])
def test_2025_and_2026_entries_as_in_domain_table(year):
    table = domain_table(year)
    notice = parse_notice(read(year))
    got = [(e.name, e.days_off, [d.isoformat() for d in e.workdays]) for e in notice.festivals]
    assert got == table
    assert [e.stated_total for e in notice.festivals] == [len(t[1]) for t in table]
    item_lines = [
        n for n, line in enumerate(read(year).split("\n"), 1) if re.match("[一二三四五六七]、", line)
    ]
    assert [e.line for e in notice.festivals] == item_lines


# ---------------------------------------------------------------------------------------------------------
# Wordings of the older notices
# ---------------------------------------------------------------------------------------------------------


def entry(notice: ParsedNotice, name: str) -> FestivalEntry:
    (found,) = [e for e in notice.festivals if e.name == name]
    return found


def test_2019_new_year_across_the_year_boundary_named_with_years():
    new_year = entry(parse_notice(read(2019)), "元旦")
    assert new_year.days_off == days("2018-12-30", "2019-01-01")
    assert new_year.workdays == [D("2018-12-29")]
    assert new_year.stated_total == 3


def test_2023_new_year_range_starting_in_the_year_before():
    assert entry(parse_notice(read(2023)), "元旦").days_off == days("2022-12-31", "2023-01-02")


def test_2012_make_up_day_in_the_previous_year_split_title_and_chinese_numeral_signature():
    notice = parse_notice(read(2012))
    assert entry(notice, "元旦").workdays == [D("2011-12-31")]
    assert notice.title == "国务院办公厅关于2012年部分节假日安排的通知"
    assert notice.issued_on == D("2011-12-05")
    assert entry(notice, "中秋节、国庆节").names == ("中秋节", "国庆节")


def test_2010_bare_day_takes_month_from_the_date_before():
    notice = parse_notice(read(2010))
    assert entry(notice, "春节").workdays == [D("2010-02-20"), D("2010-02-21")]
    assert entry(notice, "中秋节").workdays == [D("2010-09-19"), D("2010-09-25")]
    assert notice.issued_on == D("2009-12-07")  # 二○○九年十二月七日 (U+25CB)


def test_2007_bare_days_transfer_sentences_and_old_heading_names():
    notice = parse_notice(read(2007))
    assert [e.name for e in notice.festivals] == ["元旦", "春节", "劳动节", "国庆节"]
    assert entry(notice, "元旦").workdays == [D("2006-12-30"), D("2006-12-31")]
    # 将17日（星期六）、18日（星期日）、25日（星期日）三个公休日分别调至21日…: no day named by the transfer.
    assert entry(notice, "春节").days_off == days("2007-02-18", "2007-02-24")
    assert entry(notice, "春节").workdays == [D("2007-02-17"), D("2007-02-25")]


def test_2015_make_up_rest_day_and_with_the_weekend():
    notice = parse_notice(read(2015))
    assert entry(notice, "清明节").days_off == [D("2015-04-05"), D("2015-04-06")]  # 4月6日（星期一）补休
    assert entry(notice, "劳动节").days_off == [D("2015-05-01")]  # 与周末连休 names no further day
    assert entry(notice, "中秋节").days_off == [D("2015-09-27")]
    assert entry(notice, "中秋节").stated_total is None


def test_2014_one_day_stated_after_off():
    notice = parse_notice(read(2014))
    assert entry(notice, "元旦").days_off == [D("2014-01-01")]
    assert entry(notice, "元旦").stated_total == 1  # 1月1日放假1天


def test_2024_date_in_commentary_is_not_a_day_off():
    spring = entry(parse_notice(read(2024)), "春节")
    assert D("2024-02-09") not in spring.days_off  # 鼓励……安排职工在除夕（2月9日）休息
    assert spring.days_off == days("2024-02-10", "2024-02-17")


def test_2025_combined_entry_in_the_order_printed():
    combined = entry(parse_notice(read(2025)), "国庆节、中秋节")
    assert combined.names == ("国庆节", "中秋节")


# The first five items of the 2008 notice (国办发明电〔2007〕40号), as printed; README.md gives the source.
NOTICE_2008_ITEMS = """\
一、元旦：2007年12月30日-2008年1月1日放假，共3天。其中：1月1日（星期二）为法定节假日，12月30日（星期日）为公休日，12月29日（星期六）公休日调至12月31日（星期一），12月29日（星期六）上班。

二、春节：2月6日—12日（即农历除夕至正月初六）放假，共7天。其中，2月6日（除夕）、2月7日（春节）、2月8日（正月初二）为法定节假日，2月9日（星期六）、2月10日（星期日）照常公休，将2月2日（星期六）、2月3日（星期日）两个公休日调至2月11日（星期一）、2月12日（星期二），2月2日（星期六）、2月3日（星期日）上班。

三、清明节：4月4日—6日放假，共3天。其中：4月4日（清明节），为法定节假日，4月5日（星期六）、4月6日（星期日）照常公休。

四、“五一”国际劳动节：5月1日—3日放假，共3天。其中，5月1日为法定节假日，5月3日（星期六）为公休日，5月4日（星期日）公休日调至5月2日（星期五），5月4日（星期日）上班。

五、端午节：6月7日—9日放假，共3天。其中：6月7日（星期六）照常公休，6月8日（农历五月初五，端午节）为法定节假日，6月8日（星期日）公休日调至6月9日（星期一）。
"""


def test_2008_long_wording_with_transfer_sentences():
    notice = parse_notice(NOTICE_2008_ITEMS, year=2008)
    assert notice.problems == []
    assert notice.title == "" and notice.year == 2008
    got = [(e.name, e.days_off, e.workdays) for e in notice.festivals]
    assert got == [
        # 12月29日（星期六）上班: December's year was written earlier in the entry (2007年12月30日).
        ("元旦", days("2007-12-30", "2008-01-01"), [D("2007-12-29")]),
        ("春节", days("2008-02-06", "2008-02-12"), [D("2008-02-02"), D("2008-02-03")]),
        ("清明节", days("2008-04-04", "2008-04-06"), []),
        ("劳动节", days("2008-05-01", "2008-05-03"), [D("2008-05-04")]),
        ("端午节", days("2008-06-07", "2008-06-09"), []),
    ]
    # The same days as chinesecalendar for the first half of 2008.
    window = (D("2007-12-15"), D("2008-06-30"))
    in_window = lambda ds: {d for d in ds if window[0] <= d <= window[1]}  # noqa: E731
    assert in_window(notice.holidays) == in_window(chinesecalendar.holidays)
    assert in_window(notice.workdays) == in_window(chinesecalendar.workdays)


FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


@pytest.mark.parametrize(
    "transform",
    [
        pytest.param(lambda t: t.translate(FULL_WIDTH_DIGITS), id="full-width digits"),
        pytest.param(
            lambda t: t.replace("（", "(").replace("）", ")").replace("：", ":"), id="half-width brackets"
        ),
        pytest.param(lambda t: t.replace("，", ",").replace("。", ";"), id="half-width commas"),
        pytest.param(lambda t: t.replace("至", "～"), id="full-width wave"),
        pytest.param(lambda t: t.replace("至", "~"), id="wave"),
        pytest.param(lambda t: t.replace("至", "-"), id="hyphen"),
        pytest.param(lambda t: t.replace("至", "—"), id="em dash"),
        pytest.param(lambda t: t.replace("至", "——"), id="double em dash"),
        pytest.param(lambda t: t.replace("至", "到"), id="到"),
        pytest.param(lambda t: t.replace("周", "星期"), id="星期"),
        pytest.param(lambda t: t.replace("（周", "（礼拜"), id="礼拜"),
        pytest.param(lambda t: t.replace("\n", "\r\n"), id="CRLF"),
        pytest.param(lambda t: "\ufeff" + t.replace("\n\n", "\n   \n\u3000\u3000"), id="BOM and indentation"),
        pytest.param(lambda t: t.replace("、元旦：", "、元旦：\n"), id="body on the next line"),
        pytest.param(lambda t: t.replace("共9天。", "共9天。\n"), id="make-up days on the next line"),
        pytest.param(lambda t: t.replace("（周六）、2月28日", "（周六）、28日"), id="bare day"),
    ],
)
def test_2026_spellings_read_the_same(transform):
    original = parse_notice(read(2026))
    notice = parse_notice(transform(read(2026)))
    assert notice.problems == []
    assert (notice.holidays, notice.workdays) == (original.holidays, original.workdays)
    assert [e.name for e in notice.festivals] == [e.name for e in original.festivals]


def test_chinese_numerals_for_a_year_in_the_body_and_for_a_total():
    text = replace_once(read(2019), "2018年12月30日至", "二〇一八年12月30日至")
    text = replace_once(text, "共3天。2018年", "共三天。2018年")
    assert parse_notice(text).to_json() == parse_notice(read(2019)).to_json()


def test_notice_pasted_as_one_line():
    text = read(2019).replace("\n", "")
    notice = parse_notice(text)
    expected = parse_notice(read(2019))
    assert (notice.holidays, notice.workdays) == (expected.holidays, expected.workdays)
    assert (notice.title, notice.number) == (expected.title, expected.number)
    assert notice.problems == []


def test_older_heading_names_and_ordinals():
    text = (
        "（一）新年：1月1日至3日放假调休，共3天。1月4日（周日）上班。\n"
        "1、“五一”劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。\n"
        "二、国庆、中秋：9月25日至10月1日放假调休，共7天。\n"
    )
    notice = parse_notice(text, year=2026)
    assert [e.name for e in notice.festivals] == ["元旦", "劳动节", "国庆节、中秋节"]
    assert notice.problems == []


# ---------------------------------------------------------------------------------------------------------
# Checks: each malformed line gives a problem naming that line
# ---------------------------------------------------------------------------------------------------------


def test_wrong_weekday_is_a_problem_with_the_line_and_the_days_are_still_returned():
    text = replace_once(read(2026), "5月1日（周五）", "5月1日（周四）")
    notice = parse_notice(text)
    line = line_of(text, "四、劳动节")
    assert notice.problems == [NoticeProblem(line, f"第{line}行：5月1日标注为（周四），实际是星期五")]
    assert notice.holidays == parse_notice(read(2026)).holidays  # parse still returns days
    assert accepted_overrides(notice) == {}  # … but nothing is stored


def test_wrong_weekday_in_older_wording_and_in_a_lunar_note():
    text = replace_once(read(2019), "9月29日（星期日）", "9月29日（星期六）")
    line = line_of(text, "七、国庆节")
    assert messages(parse_notice(text)) == [f"第{line}行：9月29日标注为（星期六），实际是星期日"]
    text = replace_once(read(2025), "（农历除夕、周二）", "（农历除夕、周三）")
    line = line_of(text, "二、春节")
    assert messages(parse_notice(text)) == [f"第{line}行：1月28日标注为（周三），实际是星期二"]


def test_weekday_in_a_commentary_clause_is_checked_too():
    text = NOTICE_2008_ITEMS.replace("1月1日（星期二）为法定节假日", "1月1日（星期三）为法定节假日")
    assert messages(parse_notice(text, year=2008)) == ["第1行：1月1日标注为（星期三），实际是星期二"]


def test_stated_total_must_equal_the_days_off():
    text = replace_once(read(2026), "共9天", "共8天")
    line = line_of(text, "二、春节")
    assert messages(parse_notice(text)) == [f"第{line}行：春节写明共8天，但列出的放假日期是9天"]


def test_make_up_workday_must_be_a_weekend_day():
    text = replace_once(read(2026), "2月14日（周六）", "2月13日（周五）")
    line = line_of(text, "二、春节")
    assert messages(parse_notice(text)) == [f"第{line}行：调休上班日2月13日是星期五，不是周六或周日"]


def test_day_in_the_previous_year_must_be_written_with_its_year():
    text = replace_once(read(2019), "2018年12月30日至2019年1月1日", "12月30日至1月1日")
    line = line_of(text, "一、元旦")
    assert messages(parse_notice(text)) == [
        f"第{line}行：12月30日不在2019年内；跨年的日期须写明年份（如“2018年12月30日”）"
    ]


def test_make_up_day_in_the_previous_year_without_its_year():
    text = replace_once(read(2012), "2011年12月31日（星期六）上班", "12月31日（星期六）上班")
    line = line_of(text, "一、元旦")
    assert messages(parse_notice(text)) == [
        f"第{line}行：12月31日标注为（星期六），实际是星期一（若指2011年12月31日，须写明年份）",
        f"第{line}行：调休上班日12月31日是星期一，不是周六或周日",
    ]


def test_year_written_for_a_month_carries_to_later_dates_of_that_month_in_the_entry():
    # As in 2008: 2007年12月30日-2008年1月1日放假……12月29日（星期六）上班.
    text = replace_once(read(2019), "2018年12月29日（星期六）上班", "12月29日（星期六）上班")
    notice = parse_notice(text)
    assert notice.problems == []
    assert entry(notice, "元旦").workdays == [D("2018-12-29")]


def test_workday_on_a_continuation_line_is_reported_on_that_line():
    text = replace_once(read(2026), "共9天。2月14日（周六）", "共9天。\n2月13日（周五）")
    line = line_of(text, "2月13日（周五）")
    assert messages(parse_notice(text)) == [f"第{line}行：调休上班日2月13日是星期五，不是周六或周日"]


@pytest.mark.parametrize(
    ("year", "line", "expected"),
    [
        (2024, "一、元旦：2月29日至1月1日放假，共3天。", "日期范围“2月29日至1月1日”起止颠倒"),
        (1, "一、元旦：12月31日（星期六）至1月1日放假，共2天。", "12月31日标注为（星期六），实际是星期一"),
        (9999, "一、元旦：9999年12月31日至10000年1月1日放假。", "“10000年1月1日”不是有效日期"),
    ],
)
def test_edge_years_and_impossible_ranges_are_problems(year, line, expected):
    problems = messages(parse_notice(f"{line}\n二、春节：2月1日至3日放假。", year=year))
    assert f"第1行：{expected}" in problems


def test_day_far_from_the_notice_year_is_refused():
    text = replace_once(read(2026), "1月4日（周日）上班", "2030年1月6日（周日）上班")
    line = line_of(text, "一、元旦")
    assert messages(parse_notice(text)) == [f"第{line}行：2030年1月6日与通知年份2026年相距过远"]


def test_day_of_the_next_or_previous_year_away_from_the_year_boundary_is_refused():
    text = replace_once(read(2026), "1月4日（周日）上班", "2025年6月1日（周日）上班")
    line = line_of(text, "一、元旦")
    assert messages(parse_notice(text)) == [f"第{line}行：2025年6月1日与通知年份2026年相距过远"]


def test_range_longer_than_a_month_is_a_problem():
    text = replace_once(read(2026), "10月1日（周四）至7日（周三）", "10月1日（周四）至11月7日（周六）")
    line = line_of(text, "七、国庆节")
    assert messages(parse_notice(text)) == [
        f"第{line}行：日期范围“10月1日至11月7日”长达38天，超过{MAX_RANGE_DAYS}天"
    ]


def test_year_argument_must_agree_with_the_title():
    notice = parse_notice(read(2026), year=2025)
    assert notice.year == 2026  # the title wins
    assert messages(notice) == ["第1行：标题中的年份为2026年，与指定的2025年不一致"]
    assert parse_notice(read(2026), year=2026).problems == []


def test_year_argument_is_used_without_a_title():
    body = "\n".join(line for line in read(2026).split("\n")[1:])
    assert parse_notice(body, year=2026).holidays == parse_notice(read(2026)).holidays
    notice = parse_notice(body)
    assert notice.year is None and notice.festivals == []
    assert messages(notice) == [
        "未能确定通知的年份：标题中没有“关于YYYY年部分节假日安排的通知”，也未指定年份"
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("一、元旦：放假一天。", "未能读出元旦的放假日期"),
        ("一、元旦：13月40日放假，共1天。", "“13月40日”不是有效日期"),
        ("一、元旦：2月30日放假，共1天。", "“2月30日”不是有效日期"),
        ("一、元旦：3日放假，共1天。", "“3日”缺少月份"),
        ("一、元旦：去年12月31日至1月1日放假，共2天。", "“12月31日”前的年份无法识别"),
        ("一、元旦：20261月1日放假，共1天。", "“1日”缺少月份"),
        ("一、元旦：1月3日至1日放假，共3天。", "日期范围“1月3日至1日”起止颠倒"),
        ("一、元旦：1月1日、2日、3日。", "未能读出元旦的放假日期"),
        ("一、植树节：3月12日放假，共1天。", "未知的节日名称“植树节”"),
        ("一、元旦、植树节：1月1日放假，共1天。", "未知的节日名称“植树节”"),
        ("一、1月1日至3日放假，共3天。", "未能识别节日名称：“1月1日至3日放假”"),
    ],
)
def test_unreadable_festival_line_is_reported_with_its_line(line, expected):
    text = replace_once(
        read(2026), "一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。", line
    )
    number = line_of(text, line)
    assert f"第{number}行：{expected}" in messages(parse_notice(text))
    assert all(p.line in (number, 0) for p in parse_notice(text).problems), messages(parse_notice(text))


def test_no_festival_at_all():
    text = "国务院办公厅关于2026年部分节假日安排的通知\n\n节假日期间，各地区、各部门要妥善安排好值班工作。\n"
    notice = parse_notice(text)
    assert notice.festivals == []
    assert messages(notice) == ["通知中未找到节日安排（应为“一、元旦：1月1日放假……”这样的编号行）"]


def test_only_one_day_found():
    notice = parse_notice("国务院办公厅关于2026年部分节假日安排的通知\n一、元旦：1月1日放假。\n")
    assert notice.holidays == [D("2026-01-01")]
    assert messages(notice) == ["通知中只识别到1天，不能作为全年安排"]


def test_day_both_off_and_workday():
    text = replace_once(read(2026), "1月4日（周日）上班", "1月3日（周六）上班")
    line = line_of(text, "一、元旦")
    assert messages(parse_notice(text)) == [f"第{line}行：1月3日既列为放假日又列为上班日"]


def test_day_off_in_one_entry_and_workday_in_another():
    text = replace_once(
        read(2026), "9月20日（周日）、10月10日（周六）上班", "9月27日（周日）、10月10日（周六）上班"
    )
    line = line_of(text, "七、国庆节")
    other = line_of(text, "六、中秋节")
    assert messages(parse_notice(text)) == [
        f"第{line}行：9月27日既列为放假日又列为上班日（另见第{other}行中秋节）"
    ]


def test_day_off_named_by_two_entries():
    text = replace_once(
        read(2026),
        "10月1日（周四）至7日（周三）放假调休，共7天",
        "9月27日（周日）至10月7日（周三）放假调休，共11天",
    )
    line = line_of(text, "七、国庆节")
    other = line_of(text, "六、中秋节")
    assert messages(parse_notice(text)) == [f"第{line}行：9月27日重复列出（另见第{other}行中秋节）"]


def test_invalid_signature_date():
    text = replace_once(read(2026), "2025年11月4日", "2025年11月31日")
    notice = parse_notice(text)
    assert notice.issued_on is None
    assert messages(notice) == [
        f"第{line_of(text, '2025年11月31日')}行：落款日期“2025年11月31日”不是有效日期"
    ]


@pytest.mark.parametrize("text", ["", "   \n\t\n\u3000 ", "\ufeff"])
def test_empty_text_is_one_problem(text):
    notice = parse_notice(text, year=2026)
    assert notice.problems == [NoticeProblem(0, "通知内容为空")]
    assert notice.festivals == [] and notice.holidays == []


def test_over_long_text_is_one_problem_and_nothing_parsed():
    text = read(2026) + "。" * (MAX_NOTICE_CHARS - len(read(2026)) + 1)
    notice = parse_notice(text)
    assert notice.problems == [
        NoticeProblem(0, f"通知文本共{MAX_NOTICE_CHARS + 1}字，超过{MAX_NOTICE_CHARS}字的上限，未解析")
    ]
    assert (notice.title, notice.festivals, notice.issued_on) == ("", [], None)
    assert parse_notice(text[:MAX_NOTICE_CHARS]).problems == []  # exactly the limit is read


def test_problems_are_ordered_by_line_whole_text_last():
    text = replace_once(read(2026), "5月1日（周五）", "5月1日（周四）")
    text = replace_once(text, "共9天", "共8天")
    lines = [p.line for p in parse_notice(text, year=2025).problems]
    assert lines == sorted(lines, key=lambda n: (n == 0, n)) and len(lines) == 3


# ---------------------------------------------------------------------------------------------------------
# check_notice: the statutory days
# ---------------------------------------------------------------------------------------------------------

# Hand-made from 《全国年节及纪念日放假办法》 (2024 amendment) for 2026: 除夕 2026-02-16, 清明 04-05,
# 端午 06-19, 中秋 09-25.
STATUTORY_2026 = {
    D("2026-01-01"): "元旦",
    D("2026-02-16"): "春节（农历除夕）",
    D("2026-02-17"): "春节（正月初一）",
    D("2026-02-18"): "春节（正月初二）",
    D("2026-02-19"): "春节（正月初三）",
    D("2026-04-05"): "清明节",
    D("2026-05-01"): "劳动节",
    D("2026-05-02"): "劳动节",
    D("2026-06-19"): "端午节",
    D("2026-09-25"): "中秋节",
    D("2026-10-01"): "国庆节",
    D("2026-10-02"): "国庆节",
    D("2026-10-03"): "国庆节",
}


def test_real_notice_covers_the_statutory_days():
    notice = parse_notice(read(2026))
    assert check_notice(notice, STATUTORY_2026) == []
    assert check_notice(notice) == [] and check_notice(notice, {}) == []


def test_statutory_day_missing_from_the_days_off():
    text = replace_once(
        read(2026),
        "2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天",
        "2月17日至23日放假调休，共7天",
    )
    notice = parse_notice(text)
    assert notice.problems == []
    line = line_of(text, "二、春节")
    assert check_notice(notice, STATUTORY_2026) == [
        NoticeProblem(line, f"第{line}行：春节法定假日2月16日（农历除夕）不在放假日期内")
    ]
    assert accepted_overrides(notice, STATUTORY_2026) == {}


def test_statutory_day_of_a_festival_without_an_entry_is_reported_for_the_whole_text():
    text = "\n".join(line for line in read(2026).split("\n") if not line.startswith("六、中秋节"))
    problems = check_notice(parse_notice(text), STATUTORY_2026)
    assert problems == [NoticeProblem(0, "中秋节法定假日9月25日不在放假日期内")]


def test_statutory_check_finds_a_combined_entry():
    statutory = {D("2025-10-06"): "中秋节", D("2025-10-01"): "国庆节"}
    assert check_notice(parse_notice(read(2025)), statutory) == []
    line = line_of(read(2025), "六、国庆节、中秋节")
    assert check_notice(parse_notice(read(2025)), {D("2025-10-09"): "中秋节、国庆节"}) == [
        NoticeProblem(line, f"第{line}行：中秋节、国庆节法定假日10月9日不在放假日期内")
    ]


def test_check_notice_keeps_the_parse_problems_first():
    text = replace_once(read(2026), "5月1日（周五）", "5月1日（周四）")
    notice = parse_notice(text)
    problems = check_notice(notice, {D("2026-12-25"): "圣诞节"})
    assert problems[:-1] == notice.problems
    assert problems[-1] == NoticeProblem(0, "圣诞节法定假日12月25日不在放假日期内")


def test_accepted_overrides_of_a_clean_notice():
    overrides = accepted_overrides(parse_notice(read(2026)), STATUTORY_2026)
    assert overrides[D("2026-02-16")] == HOLIDAY and overrides[D("2026-02-14")] == WORKDAY
    assert sum(kind == WORKDAY for kind in overrides.values()) == 6
    assert sum(kind == HOLIDAY for kind in overrides.values()) == 33


# ---------------------------------------------------------------------------------------------------------
# JSON
# ---------------------------------------------------------------------------------------------------------


def test_to_json():
    data = parse_notice(read(2026)).to_json()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert data["year"] == 2026 and data["number"] == "" and data["issued_on"] == "2025-11-04"
    assert data["holidays"][:3] == ["2026-01-01", "2026-01-02", "2026-01-03"]
    assert data["workdays"] == [
        "2026-01-04",
        "2026-02-14",
        "2026-02-28",
        "2026-05-09",
        "2026-09-20",
        "2026-10-10",
    ]
    assert data["festivals"][0] == {
        "name": "元旦",
        "line": 7,
        "days_off": ["2026-01-01", "2026-01-02", "2026-01-03"],
        "workdays": ["2026-01-04"],
        "stated_total": 3,
    }
    assert data["problems"] == []
    bad = parse_notice(replace_once(read(2026), "共9天", "共8天")).to_json()
    assert bad["problems"] == [{"line": 9, "message": "第9行：春节写明共8天，但列出的放假日期是9天"}]


# ---------------------------------------------------------------------------------------------------------
# Properties: never raises, only problems
# ---------------------------------------------------------------------------------------------------------

FRAGMENTS = [
    "国务院办公厅关于2026年部分节假日安排的通知",
    "国办发明电〔2024〕12号",
    "一、",
    "二、",
    "（一）",
    "元旦",
    "春节",
    "中秋节、国庆节",
    "植树节",
    "：",
    ":",
    "，",
    "。",
    "、",
    "（",
    "）",
    "(",
    ")",
    "周四",
    "星期日",
    "农历除夕",
    "1月",
    "12月",
    "13月",
    "2018年",
    "9999年",
    "0000年",
    "1日",
    "31日",
    "40日",
    "至",
    "～",
    "-",
    "—",
    "到",
    "放假",
    "调休",
    "不调休",
    "上班",
    "补休",
    "调至",
    "共3天",
    "共99999999999天",
    "放假一天",
    "与周末连休",
    "\n",
    "\r\n",
    "\u3000",
    "国务院办公厅",
    "2025年11月4日",
    "二〇二五年十一月四日",
    "二〇二五年十十月四日",
]


def assert_well_formed(notice: ParsedNotice, text: str) -> None:
    assert isinstance(notice, ParsedNotice)
    lines = len(re.split(r"\r\n|\r|\n", text))
    for problem in notice.problems:
        assert 0 <= problem.line <= lines
        assert re.search(r"[\u4e00-\u9fff]", problem.message)
        assert problem.line == 0 or problem.message.startswith(f"第{problem.line}行：")
    json.dumps(notice.to_json(), ensure_ascii=False)
    check_notice(notice, STATUTORY_2026)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400), st.one_of(st.none(), st.integers(min_value=1, max_value=9999)))
def test_arbitrary_text_never_raises(text, year):
    assert_well_formed(parse_notice(text, year), text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(FRAGMENTS), max_size=60), st.one_of(st.none(), st.sampled_from([1, 2026, 9999]))
)
def test_notice_like_text_never_raises(fragments, year):
    text = "".join(fragments)
    assert_well_formed(parse_notice(text, year), text)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=2000), st.text(alphabet="日月年至1２（）", max_size=20))
def test_corrupted_real_notice_never_raises(position, insert):
    text = read(2026)
    text = text[:position] + insert + text[position:]
    assert_well_formed(parse_notice(text), text)
