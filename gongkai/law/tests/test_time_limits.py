"""Catalogue time limits: the phrases agencies write (seed 002), their variants, and the due dates."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.law import time_limits as tl
from gongkai.law.calendar import builtin_calendar
from gongkai.law.catalogue_items import column_key, lead_unit

D = dt.date.fromisoformat
CAL = builtin_calendar()


@pytest.mark.parametrize("text, kind, days, working, event", [
    ("自该信息形成或者变更之日起20个工作日内", tl.PERIOD, 20, True, tl.FORMED_OR_CHANGED),
    ("信息形成或变更之日起10个工作日内", tl.PERIOD, 10, True, tl.FORMED_OR_CHANGED),
    ("政策形成或变更之日起10个工作日内", tl.PERIOD, 10, True, tl.FORMED_OR_CHANGED),
    ("信息形成或变更之日起10个工作日内及时公开", tl.PERIOD, 10, True, tl.FORMED_OR_CHANGED),
    ("登记编号之日起2日内在网公布", tl.PERIOD, 2, False, tl.REGISTERED),
    ("一次性公开并动态调整", tl.ONCE_DYNAMIC, None, True, None),
    ("与所解读文件同步公开", tl.WITH_INTERPRETED, 0, True, tl.INTERPRETED_PUBLISHED),
    ("实时公开", tl.REALTIME, 0, False, tl.FORMED_OR_CHANGED),
    ("及时公开", tl.PERIOD, 20, True, tl.FORMED_OR_CHANGED),
    # Variants: full-width digits, Chinese numerals, 天/日/自然日, spaces, no event named.
    ("信息形成或变更之日起１０个工作日内", tl.PERIOD, 10, True, tl.FORMED_OR_CHANGED),
    ("自该信息形成或者变更之日起二十个工作日内", tl.PERIOD, 20, True, tl.FORMED_OR_CHANGED),
    ("形成之日起十个工作日内", tl.PERIOD, 10, True, tl.FORMED_OR_CHANGED),
    ("作出决定之日起七个工作日内公开", tl.PERIOD, 7, True, tl.FORMED_OR_CHANGED),
    ("登记编号之日起 3 天内", tl.PERIOD, 3, False, tl.REGISTERED),
    ("变更后十五日内", tl.PERIOD, 15, False, tl.FORMED_OR_CHANGED),
    ("5个自然日内", tl.PERIOD, 5, False, tl.FORMED_OR_CHANGED),
    ("与政策文件同步发布", tl.WITH_INTERPRETED, 0, True, tl.INTERPRETED_PUBLISHED),
    ("动态更新", tl.ONCE_DYNAMIC, None, True, None),
])
def test_phrases(text, kind, days, working, event):
    rule = tl.parse(text)
    assert (rule.kind, rule.days, rule.working, rule.event) == (kind, days, working, event)
    assert rule.text == text and rule.recognised


def test_timely_is_article_26_and_says_so():
    rule = tl.parse("及时公开")
    assert rule.defaulted and rule.label == "信息形成或变更之日起20个工作日内（按条例第二十六条）"
    assert not tl.parse("信息形成或变更之日起10个工作日内及时公开").defaulted


@pytest.mark.parametrize("text", ["每季度更新", "按上级要求", "年度终了后公开", "5小时内发布", "每年1月31日前",
                                  "三月三十一日前公开"])
def test_unrecognised_text_is_kept_and_flagged(text):
    rule = tl.parse(text)
    assert rule.kind == tl.UNKNOWN and not rule.recognised and rule.text == text
    assert rule.label == "无法识别的时限要求"
    assert tl.due(rule, D("2026-03-02"), CAL) is None


def test_blank_is_no_rule():
    assert tl.parse("") is None and tl.parse("  ") is None and tl.parse(None) is None


def test_round_trip_through_json():
    rule = tl.parse("登记编号之日起2日内在网公布")
    assert tl.TimeLimit.from_dict(rule.as_dict()) == rule
    assert tl.TimeLimit.from_dict({}) is None
    with pytest.raises(ValueError):
        tl.TimeLimit("weekly")


def test_due_dates():
    # Working days: 2026 National Day 10-01..10-07 off, Saturday 10-10 a make-up workday (day 3).
    assert tl.due(tl.parse("信息形成或变更之日起10个工作日内"), D("2026-09-30"), CAL) == D("2026-10-20")
    # Calendar days: registered Thursday 2026-10-08, two days later is Saturday 10-10 — a make-up workday.
    assert tl.due(tl.parse("登记编号之日起2日内在网公布"), D("2026-10-08"), CAL) == D("2026-10-10")
    # … registered Thursday 2026-11-05: Saturday 11-07 is a rest day, so Monday 11-09.
    assert tl.due(tl.parse("登记编号之日起2日内在网公布"), D("2026-11-05"), CAL) == D("2026-11-09")
    assert tl.due(tl.parse("与所解读文件同步公开"), D("2026-05-06"), CAL) == D("2026-05-06")
    assert tl.due(tl.parse("实时公开"), D("2026-05-06"), CAL) == D("2026-05-06")
    assert tl.due(tl.parse("一次性公开并动态调整"), D("2026-05-06"), CAL) is None
    assert tl.due(tl.parse("及时公开"), None, CAL) is None
    assert tl.due(None, D("2026-05-06"), CAL) is None


def _chinese(n: int) -> str:
    digits = "零一二三四五六七八九"
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = f"{digits[hundreds]}百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else digits[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    return out + (digits[ones] if ones else "")


@given(st.integers(min_value=1, max_value=365), st.sampled_from(["个工作日", "工作日", "日", "天", "个自然日"]),
       st.sampled_from(["arabic", "fullwidth", "chinese"]))
def test_any_period_is_read_back(n, unit, style):
    number = {"arabic": str(n), "fullwidth": str(n).translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"}),
              "chinese": _chinese(n)}[style]
    rule = tl.parse(f"信息形成或变更之日起{number}{unit}内")
    assert rule.kind == tl.PERIOD and rule.days == n and rule.working == ("工作日" in unit)
    day = D("2026-03-02")
    assert tl.due(rule, day, CAL) > day


@given(st.integers(min_value=0, max_value=999))
def test_chinese_numbers(n):
    assert tl.chinese_number(_chinese(n) or "零") == n


def test_bad_chinese_numbers():
    for s in ("", "十十十", "abc", "二三十"):
        with pytest.raises(ValueError):
            tl.chinese_number(s)


@pytest.mark.parametrize("cell, unit", [
    ("组织人事科", "组织人事科"),
    ("政策法规科牵头，各发文科（室、组）具体负责，两个以上科室（室、组）共同制作的，由牵头制作的科室（室、组）负责",
     "政策法规科"),
    ("办公室牵头，各科（室、组）配合", "办公室"),
    ("政策法规科牵头，各制定政策科室（室、组）配合", "政策法规科"),
    ("由行政审批科负责", "行政审批科"),
    ("组织人事科、办公室", "组织人事科"),
    ("", ""),
])
def test_lead_unit(cell, unit):
    assert lead_unit(cell) == unit


@pytest.mark.parametrize("header, key", [
    ("一级指标", "item_l1"), ("四级指标 具体指标", "item_l4"), ("维护内容及要求", "elements"),
    ("责任主体", "responsible"), ("公开主体", "responsible"), ("责任单位", "responsible"), ("责任科室", "responsible"),
    ("时限要求", "time_limit"), ("公开时限", "time_limit"), ("时限要求及方式", "time_limit"),
])
def test_header_synonyms(header, key):
    assert column_key(header) == key
