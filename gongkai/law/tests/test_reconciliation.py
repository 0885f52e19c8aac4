"""Tests for gongkai.law.reconciliation (domain.md 5.6, 5.9 and 5.10).

The real tables below are typed in by hand from the seeds (../shared/seeds) and the testdata reports.
"""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.law import reconciliation as rc
from gongkai.law.reconciliation import ERROR, INFO, WARNING, Finding, check
from gongkai.law.report_format import (
    APPLICANT_COLUMNS,
    FORMAT_2019,
    FORMAT_2021,
    KIND_AMOUNT,
    KIND_DELTA,
    REVIEW_PARTS,
    UnknownFormat,
    empty_tables,
    schema_for,
)

COLS = (*APPLICANT_COLUMNS, "total")


def _rule_ids(findings):
    return [f.rule for f in findings]


def _errors(findings):
    return [f for f in findings if f.severity == ERROR]


def _fill(tables, table, rows: dict[str, list]):
    for row, values in rows.items():
        columns = list(tables[table][row])
        assert len(values) == len(columns), row
        tables[table][row] = dict(zip(columns, values, strict=True))
    return tables


def _zeros(fmt):
    tables = empty_tables(fmt)
    for rows in tables.values():
        for values in rows.values():
            for c in values:
                values[c] = 0
    return tables


def _blank(row):
    """A row with only 总计 filled, as in the trial reports that left applicant columns blank."""
    return [None] * 6 + [row]


# 聊城市行政审批服务局, report for 2021 (dated 2022-01-17), seed 001; domain 5.10.
def liaocheng_bureau_2021():
    tables = _zeros(FORMAT_2021)
    _fill(
        tables,
        "applications",
        {
            "new": [31, 0, 0, 0, 0, 0, 31],
            "disclosed": [0, 0, 0, 0, 0, 0, 7],
            "unavailable_not_held": [0, 0, 0, 0, 0, 0, 24],
            "processed_total": [31, 0, 0, 0, 0, 0, 31],
        },
    )
    _fill(
        tables,
        "proactive",
        {
            "licensing": [42141],
            "fees": [Decimal("27577.5")],
        },
    )
    return tables


# The same organ's report for 2020 (dated 2021-01-26, trial format), seed 000; domain 5.10.
def liaocheng_bureau_2020():
    tables = empty_tables(FORMAT_2019)
    _fill(
        tables,
        "applications",
        {
            "new": [17, None, None, None, None, None, 17],
            "carried_in": _blank(0),
            "disclosed": _blank(10),
            "partially_disclosed": _blank(0),
            **{row: _blank(0) for row in schema_for(FORMAT_2019).applications.row_codes[4:12]},
            "unavailable_not_held": _blank(7),
            "unavailable_needs_creation": _blank(0),
            "unavailable_unclear": _blank(0),
            "not_processed_petition": _blank(0),
            "not_processed_duplicate": _blank(0),
            "not_processed_publication": _blank(0),
            "not_processed_excessive": _blank(0),
            "not_processed_confirmation": _blank(0),
            "other_processing": _blank(0),
            "processed_total": _blank(17),
            "carried_out": _blank(0),
        },
    )
    _fill(
        tables,
        "proactive",
        {
            "rules": [0, 0, 0],
            "normative_documents": [0, 0, 0],
            "licensing": [164, -14, 27922],
            "other_services": [0, 0, 0],
            "penalties": [0, 0, 0],
            "enforcement": [0, 0, 0],
            "fees": [5, 1],
            "procurement": [5, Decimal("563.75")],
        },
    )
    _fill(tables, "review_litigation", {g: [0] * 5 for g in ("review", "suit_direct", "suit_after_review")})
    return tables


# 聊城市人民政府, report for 2020 (trial format), seed 004: a consistent table.
def liaocheng_city_2020():
    tables = _zeros(FORMAT_2019)
    _fill(
        tables,
        "applications",
        {
            "new": [967, 29, 5, 3, 44, 6, 1054],
            "carried_in": [10, 0, 0, 0, 0, 0, 10],
            "disclosed": [597, 10, 2, 2, 19, 2, 632],
            "partially_disclosed": [77, 3, 0, 0, 4, 0, 84],
            "withheld_law_prohibited": [2, 0, 0, 0, 0, 0, 2],
            "withheld_third_party": [6, 0, 0, 0, 0, 0, 6],
            "withheld_internal_affairs": [4, 4, 0, 0, 0, 0, 8],
            "withheld_process_info": [5, 0, 0, 0, 0, 0, 5],
            "withheld_administrative_query": [12, 0, 0, 0, 0, 0, 12],
            "unavailable_not_held": [233, 3, 3, 1, 21, 2, 263],
            "unavailable_needs_creation": [6, 0, 0, 0, 0, 0, 6],
            "not_processed_petition": [1, 0, 0, 0, 0, 0, 1],
            "not_processed_duplicate": [7, 0, 0, 0, 0, 0, 7],
            "not_processed_publication": [1, 0, 0, 0, 0, 0, 1],
            "other_processing": [13, 9, 0, 0, 0, 2, 24],
            "processed_total": [964, 29, 5, 3, 44, 6, 1051],
            "carried_out": [13, 0, 0, 0, 0, 0, 13],
        },
    )
    _fill(
        tables,
        "proactive",
        {
            "rules": [6, 6, 9],
            "normative_documents": [131, 131, 277],
            "licensing": [1373, -540, 107719],
            "other_services": [615, 103, 3542],
            "penalties": [2119, 2203, 371049],
            "enforcement": [75, 101, 7436],
            "fees": [25, 26],
            "procurement": [3894, Decimal("1278848.63")],
        },
    )
    _fill(
        tables,
        "review_litigation",
        {
            "review": [15, 0, 9, 4, 28],
            "suit_direct": [9, 0, 13, 6, 28],
            "suit_after_review": [1, 0, 0, 1, 2],
        },
    )
    return tables


# 淮安市洪泽区人民政府, report for 2023, testdata 02: （六） printed as one row, table 四 inconsistent.
def hongze_2023():
    tables = _zeros(FORMAT_2021)
    _fill(
        tables,
        "applications",
        {
            "new": [21, 0, 0, 0, 0, 0, 21],
            "partially_disclosed": [4, 0, 0, 0, 0, 0, 4],
            "withheld_state_secret": [1, 0, 0, 0, 0, 0, 1],
            "withheld_process_info": [1, 0, 0, 0, 0, 0, 1],
            "withheld_enforcement_file": [1, 0, 0, 0, 0, 0, 1],
            "unavailable_not_held": [10, 0, 0, 0, 0, 0, 10],
            "unavailable_needs_creation": [3, 0, 0, 0, 0, 0, 3],
            "not_processed_petition": [1, 0, 0, 0, 0, 0, 1],
            "processed_total": [21, 0, 0, 0, 0, 0, 21],
        },
    )
    for row in ("other_no_correction", "other_no_fee", "other_other"):
        tables["applications"][row] = dict.fromkeys(COLS)
    _fill(
        tables,
        "proactive",
        {
            "rules": [0, 0, 0],
            "normative_documents": [0, 5, 5],
            "licensing": [550],
            "penalties": [4119],
            "enforcement": [195],
            "fees": [Decimal("7730.28")],
        },
    )
    _fill(
        tables,
        "review_litigation",
        {
            "review": [10, 1, 0, 0, 0],
            "suit_direct": [0, 0, 0, 0, 0],
            "suit_after_review": [5, 0, 0, 0, 0],
        },
    )
    return tables


# ---------------------------------------------------------------------------
# Rules as data
# ---------------------------------------------------------------------------


def test_rules_as_data():
    assert [(r.id, r.number, r.severity, r.blocking) for r in rc.RULES] == [
        ("balance", "R1", ERROR, True),
        ("outcome_sum", "R2", ERROR, True),
        ("row_sum", "R3", ERROR, True),
        ("review_total", "R4", ERROR, True),
        ("cross_year", "R5", ERROR, True),
        ("non_negative", "R6", ERROR, True),
        ("blank_cells", "", WARNING, False),
        ("in_force_trend", "", WARNING, False),
    ]
    for r in rc.ALL_RULES:
        assert r.description and r.scope
        assert any("\u4e00" <= ch <= "\u9fff" for ch in r.description)
        assert r.to_dict()["id"] == r.id
        assert rc.rule(r.id) is r
        assert r.blocking == (r.severity == ERROR)
    assert all(r.checked_here for r in rc.RULES)
    assert not any(r.checked_here for r in rc.OTHER_RULES)
    # The ids shared with the annual-report app and the auditor (issues 4 and 5).
    assert set(rc.RULE_IDS) >= {
        "balance",
        "row_sum",
        "outcome_sum",
        "review_total",
        "cross_year",
        "text_vs_table",
        "missing_table",
        "incomplete_table",
        "blank_cells",
        "label_mismatch",
        "format_outdated",
        "late_publication",
        "non_negative",
        "in_force_trend",
    }
    assert len(set(rc.RULE_IDS)) == len(rc.RULE_IDS)
    assert all(r.severity == WARNING for r in rc.OTHER_RULES)
    with pytest.raises(KeyError, match="未知的核对规则"):
        rc.rule("nope")
    assert rc.RULES_VERSION


def test_finding_json():
    f = Finding("balance", ERROR, "自然人列：…", ["applications.new.natural_person"])
    assert f.to_dict() == {
        "rule": "balance",
        "severity": "error",
        "message": "自然人列：…",
        "cells": ["applications.new.natural_person"],
    }
    assert Finding.from_dict(f.to_dict()) == f
    assert Finding("blank_cells", WARNING, "x").cells == []
    assert Finding("x", ERROR, "m", ("a.b.c",)).cells == ["a.b.c"]
    assert f.blocking and not Finding("blank_cells", WARNING, "x").blocking
    with pytest.raises(ValueError, match="严重程度"):
        Finding("balance", "fatal", "x")


# ---------------------------------------------------------------------------
# Real reports (domain 5.10)
# ---------------------------------------------------------------------------


def test_liaocheng_bureau_2021_fails_r2_and_r3():
    findings = check(liaocheng_bureau_2021(), FORMAT_2021)
    assert _rule_ids(findings) == ["outcome_sum", "row_sum", "row_sum"]
    outcome_sum, disclosed, not_held = findings
    assert outcome_sum.severity == ERROR
    assert outcome_sum.message == "自然人列：三（七）总计（31）不等于 21 个办理结果小项之和（0）"
    assert outcome_sum.cells[0] == "applications.processed_total.natural_person"
    assert "applications.disclosed.natural_person" in outcome_sum.cells
    assert len(outcome_sum.cells) == 22
    assert disclosed.message == "（一）予以公开：六类申请人之和 0 + 0 + 0 + 0 + 0 + 0 = 0，不等于总计（7）"
    assert disclosed.cells == [f"applications.disclosed.{c}" for c in COLS]
    assert not_held.message == (
        "（四）1.本机关不掌握相关政府信息：六类申请人之和 0 + 0 + 0 + 0 + 0 + 0 = 0，不等于总计（24）"
    )
    assert "applications.unavailable_not_held.total" in not_held.cells
    assert all(f.to_dict()["rule"] in rc.RULE_IDS for f in findings)


def test_liaocheng_bureau_2020_trial_fails_balance_for_natural_persons():
    findings = check(liaocheng_bureau_2020(), FORMAT_2019)
    balance = [f for f in findings if f.rule == "balance"]
    assert len(balance) == 1
    assert balance[0].message == "自然人列：一（17）+ 二（空）= 17，不等于 三（七）总计（空）+ 四（空）= 0"
    assert balance[0].cells == [
        "applications.new.natural_person",
        "applications.carried_in.natural_person",
        "applications.processed_total.natural_person",
        "applications.carried_out.natural_person",
    ]
    # Outcomes only in 总计: the rows do not add up either; the 总计 column itself balances.
    row_sums = [f for f in findings if f.rule == "row_sum"]
    assert [f.cells[-1] for f in row_sums] == [
        "applications.disclosed.total",
        "applications.unavailable_not_held.total",
        "applications.processed_total.total",
    ]
    assert not any(f.rule == "outcome_sum" for f in findings)
    # The blanks are reported, not silently made 0.
    blanks = [f for f in findings if f.rule == "blank_cells"]
    assert len(blanks) == 1 and blanks[0].severity == WARNING
    assert len(blanks[0].cells) == 23 * 6 - 1
    assert "applications.new.commercial" in blanks[0].cells
    assert "applications.new.natural_person" not in blanks[0].cells
    assert "137 个空白单元格" in blanks[0].message
    # The signed 本年增/减 (-14, +1) is legitimate in the trial format.
    assert not any(f.rule == "non_negative" for f in findings)
    assert {f.rule for f in _errors(findings)} == {"balance", "row_sum"}


def test_balance_message_with_zeros():
    tables = liaocheng_bureau_2020()
    for row in tables["applications"].values():
        for c in row:
            row[c] = 0 if row[c] is None else row[c]
    balance = [f for f in check(tables, FORMAT_2019) if f.rule == "balance"]
    assert balance[0].message == "自然人列：一（17）+ 二（0）= 17，不等于 三（七）总计（0）+ 四（0）= 0"


def test_liaocheng_city_2020_is_consistent():
    assert check(liaocheng_city_2020(), FORMAT_2019) == []


def test_hongze_2023_table_four():
    findings = check(hongze_2023(), FORMAT_2021)
    errors = _errors(findings)
    assert _rule_ids(errors) == ["review_total", "review_total"]
    review, after = errors
    assert (
        review.message
        == "行政复议：结果维持（10）+ 结果纠正（1）+ 其他结果（0）+ 尚未审结（0）= 11，不等于总计（0）"
    )
    assert review.cells == [f"review_litigation.review.{c}" for c in (*REVIEW_PARTS, "total")]
    assert after.message == (
        "行政诉讼（复议后起诉）：结果维持（5）+ 结果纠正（0）+ 其他结果（0）+ 尚未审结（0）= 5，不等于总计（0）"
    )
    # （六） printed as one row in a 2021 report: its three sub-rows are blank.
    blanks = [f for f in findings if f.rule == "blank_cells"]
    assert len(blanks) == 1 and len(blanks[0].cells) == 21
    assert blanks[0].cells[0] == "applications.other_no_correction.natural_person"


def test_cross_year_against_trial_format_previous_year():
    # 2020 (trial) 结转下年度 0 in 总计, blank elsewhere; 2021 上年结转 all 0: consistent.
    this, last = liaocheng_bureau_2021(), liaocheng_bureau_2020()
    findings = check(this, FORMAT_2021, previous=last, previous_format=FORMAT_2019)
    assert "cross_year" not in _rule_ids(findings)
    # Format guessed from the codes when not given.
    assert "cross_year" not in _rule_ids(check(this, FORMAT_2021, previous=last))
    last["applications"]["carried_out"]["natural_person"] = 2
    last["applications"]["carried_out"]["total"] = 2
    findings = [f for f in check(this, FORMAT_2021, previous=last) if f.rule == "cross_year"]
    assert [f.cells for f in findings] == [
        ["applications.carried_in.natural_person"],
        ["applications.carried_in.total"],
    ]
    assert findings[0].severity == ERROR
    assert findings[0].message == (
        "自然人列：本年“二、上年结转政府信息公开申请数量”（0）不等于上年“四、结转下年度继续办理”（2）"
    )


def test_cross_year_same_format():
    last = liaocheng_city_2020()
    this = copy.deepcopy(last)
    # 2021 continuing from 13 carried over: 上年结转 must be 13 under 自然人 and 总计.
    assert "cross_year" in _rule_ids(check(this, FORMAT_2019, previous=last))
    this["applications"]["carried_in"] = dict(last["applications"]["carried_out"])
    this["applications"]["new"]["natural_person"] -= 3
    this["applications"]["new"]["total"] -= 3
    assert check(this, FORMAT_2019, previous=last, previous_format=FORMAT_2019) == []


def test_cross_year_without_previous_table():
    findings = check(liaocheng_bureau_2021(), FORMAT_2021, previous={"proactive": {}})
    cross = [f for f in findings if f.rule == "cross_year"]
    assert len(cross) == 1 and cross[0].severity == INFO
    assert "上年报告缺少" in cross[0].message
    # No previous year given: nothing said.
    assert "cross_year" not in _rule_ids(check(liaocheng_bureau_2021(), FORMAT_2021))


# ---------------------------------------------------------------------------
# Each rule on a crafted error
# ---------------------------------------------------------------------------


def consistent_2021():
    tables = _zeros(FORMAT_2021)
    _fill(
        tables,
        "applications",
        {
            "new": [5, 2, 0, 0, 1, 0, 8],
            "carried_in": [1, 0, 0, 0, 0, 0, 1],
            "disclosed": [3, 1, 0, 0, 0, 0, 4],
            "withheld_third_party": [1, 0, 0, 0, 0, 0, 1],
            "other_no_fee": [0, 1, 0, 0, 1, 0, 2],
            "processed_total": [4, 2, 0, 0, 1, 0, 7],
            "carried_out": [2, 0, 0, 0, 0, 0, 2],
        },
    )
    _fill(
        tables,
        "proactive",
        {
            "rules": [1, 0, 4],
            "normative_documents": [3, 1, 12],
            "licensing": [100],
            "penalties": [20],
            "enforcement": [3],
            "fees": [Decimal("12.50")],
        },
    )
    _fill(tables, "review_litigation", {"review": [1, 1, 0, 1, 3], "suit_direct": [0, 0, 1, 0, 1]})
    return tables


def test_consistent_table_has_no_findings():
    assert check(consistent_2021(), FORMAT_2021) == []


def test_balance_crafted():
    tables = consistent_2021()
    tables["applications"]["carried_out"]["commercial"] = 1
    tables["applications"]["carried_out"]["total"] = 3
    findings = check(tables, FORMAT_2021)
    assert _rule_ids(findings) == ["balance", "balance"]
    assert findings[0].message == "商业企业列：一（2）+ 二（0）= 2，不等于 三（七）总计（2）+ 四（1）= 3"
    assert findings[1].message.startswith("总计列：一（8）+ 二（1）= 9，")


def test_outcome_sum_crafted():
    tables = consistent_2021()
    tables["applications"]["processed_total"]["natural_person"] = 5
    tables["applications"]["processed_total"]["total"] = 8
    tables["applications"]["new"]["natural_person"] = 6
    tables["applications"]["new"]["total"] = 9
    findings = check(tables, FORMAT_2021)
    assert _rule_ids(findings) == ["outcome_sum", "outcome_sum"]
    assert findings[0].message == (
        "自然人列：三（七）总计（5）不等于 21 个办理结果小项之和（4）（其中非零项：三（一）=3，三（三）4=1）"
    )


def test_outcome_sum_trial_format_counts_other_processing():
    tables = liaocheng_city_2020()
    tables["applications"]["other_processing"]["natural_person"] = 14
    tables["applications"]["other_processing"]["total"] = 25
    findings = check(tables, FORMAT_2019)
    assert _rule_ids(findings) == ["outcome_sum", "outcome_sum"]
    assert "19 个办理结果小项之和（965）" in findings[0].message
    assert "applications.other_processing.natural_person" in findings[0].cells


def test_row_sum_crafted():
    tables = consistent_2021()
    tables["applications"]["carried_out"]["total"] = 3
    tables["applications"]["processed_total"]["total"] = 6
    findings = check(tables, FORMAT_2021)
    assert "row_sum" in _rule_ids(findings)
    rows = [f.cells[-1] for f in findings if f.rule == "row_sum"]
    assert rows == ["applications.processed_total.total", "applications.carried_out.total"]


def test_review_total_crafted():
    tables = consistent_2021()
    tables["review_litigation"]["suit_direct"]["pending"] = 2
    findings = check(tables, FORMAT_2021)
    assert _rule_ids(findings) == ["review_total"]
    assert findings[0].message == (
        "行政诉讼（未经复议直接起诉）：结果维持（0）+ 结果纠正（0）+ 其他结果（1）+ 尚未审结（2）= 3，不等于总计（1）"
    )


@pytest.mark.parametrize(
    ("cell", "value", "reason"),
    [
        (("applications", "disclosed", "natural_person"), -1, "是负数"),
        (("applications", "disclosed", "natural_person"), 1.5, "不是整数"),
        (("applications", "disclosed", "natural_person"), Decimal("2.5"), "不是整数"),
        (("applications", "disclosed", "natural_person"), "3", "不是数值"),
        (("applications", "disclosed", "natural_person"), True, "不是数值"),
        (("applications", "disclosed", "natural_person"), float("nan"), "不是数值"),
        (("review_litigation", "review", "upheld"), -2, "是负数"),
        (("proactive", "rules", "issued"), -1, "是负数"),
        (("proactive", "fees", "amount_10k_yuan"), Decimal("-0.01"), "是负数，金额应为非负数"),
        (("proactive", "fees", "amount_10k_yuan"), "12.5万元", "不是数值"),
    ],
)
def test_non_negative_crafted(cell, value, reason):
    tables = consistent_2021()
    table, row, column = cell
    tables[table][row][column] = value
    findings = [f for f in check(tables, FORMAT_2021) if f.rule == "non_negative"]
    assert len(findings) == 1
    assert findings[0].severity == ERROR
    assert findings[0].cells == [f"{table}.{row}.{column}"]
    assert reason in findings[0].message


def test_non_negative_message():
    tables = consistent_2021()
    tables["applications"]["unavailable_not_held"]["commercial"] = -1
    f = [f for f in check(tables, FORMAT_2021) if f.rule == "non_negative"][0]
    assert f.message == (
        "三、收到和处理政府信息公开申请情况：（四）1.本机关不掌握相关政府信息／商业企业 的值 -1 是负数，应为非负整数"
    )


@pytest.mark.parametrize(
    "value", [0, 7, Decimal("0"), Decimal("7730.28"), Decimal("26463.43"), 12.5, Decimal("1278848.63")]
)
def test_valid_amounts(value):
    tables = consistent_2021()
    tables["proactive"]["fees"]["amount_10k_yuan"] = value
    assert check(tables, FORMAT_2021) == []


def test_integral_values_of_other_types_are_accepted():
    tables = consistent_2021()
    tables["proactive"]["licensing"]["decisions"] = Decimal("100")
    tables["proactive"]["penalties"]["decisions"] = 20.0
    assert check(tables, FORMAT_2021) == []


def test_trial_signed_change():
    tables = liaocheng_city_2020()
    tables["proactive"]["licensing"]["change"] = -540
    assert check(tables, FORMAT_2019) == []
    tables["proactive"]["licensing"]["change"] = Decimal("-1.5")
    assert _rule_ids(check(tables, FORMAT_2019)) == ["non_negative"]
    tables["proactive"]["licensing"]["change"] = 0
    tables["proactive"]["licensing"]["prior_items"] = -1
    assert _rule_ids(check(tables, FORMAT_2019)) == ["non_negative"]
    tables["proactive"]["licensing"]["prior_items"] = 0
    tables["proactive"]["procurement"]["amount_10k_yuan"] = Decimal("-3")
    assert _rule_ids(check(tables, FORMAT_2019)) == ["non_negative"]


def test_invalid_values_count_as_zero_in_arithmetic():
    tables = consistent_2021()
    tables["review_litigation"]["review"]["upheld"] = "一"
    findings = check(tables, FORMAT_2021)
    assert _rule_ids(findings) == ["review_total", "non_negative"]
    assert "结果维持（一）" in findings[0].message


def test_blank_cells():
    tables = consistent_2021()
    tables["applications"]["disclosed"]["research"] = None
    tables["review_litigation"]["suit_after_review"] = dict.fromkeys(
        ("upheld", "corrected", "other", "pending", "total")
    )
    findings = check(tables, FORMAT_2021)
    assert _rule_ids(findings) == ["blank_cells", "blank_cells"]
    apps, review = findings
    assert apps.severity == WARNING
    assert apps.cells == ["applications.disclosed.research"]
    assert apps.message == (
        "三、收到和处理政府信息公开申请情况有 1 个空白单元格，核对时按 0 计算，但不视为填报了 0：（一）予以公开／科研机构"
    )
    assert len(review.cells) == 5
    assert review.message.endswith(
        "复议后起诉／结果维持；复议后起诉／结果纠正；复议后起诉／其他结果；复议后起诉／尚未审结；复议后起诉／总计"
    )


def test_blank_cells_long_list_is_cut():
    tables = consistent_2021()
    for row in ("penalties", "enforcement"):
        tables["proactive"][row]["decisions"] = None
    for row in ("rules", "normative_documents"):
        tables["proactive"][row]["issued"] = None
    findings = check(tables, FORMAT_2021)
    assert len(findings) == 1
    assert len(findings[0].cells) == 4 and not findings[0].message.endswith("处")
    tables["proactive"]["licensing"]["decisions"] = None
    tables["proactive"]["fees"]["amount_10k_yuan"] = None
    message = check(tables, FORMAT_2021)[0].message
    assert message.endswith(" 等 6 处")
    assert message.count("／") == 5


def test_missing_tables_are_skipped():
    assert check({}, FORMAT_2021) == []
    assert check(None, FORMAT_2021) == []
    assert check(empty_tables(FORMAT_2021), FORMAT_2021) == []
    only_review = {
        "review_litigation": {"review": {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 0}}
    }
    findings = check(only_review, FORMAT_2021)
    assert _rule_ids(findings) == ["review_total", "blank_cells"]
    assert len(findings[1].cells) == 10
    tables = consistent_2021()
    tables["applications"] = None
    assert check(tables, FORMAT_2021) == []


def test_arithmetic_never_writes_values():
    tables = liaocheng_bureau_2020()
    before = copy.deepcopy(tables)
    check(tables, FORMAT_2019, previous=liaocheng_bureau_2020())
    assert tables == before


def test_unknown_format():
    with pytest.raises(UnknownFormat):
        check(consistent_2021(), "2020")
    with pytest.raises(UnknownFormat):
        check(consistent_2021(), FORMAT_2021, previous={}, previous_format="2019")


# ---------------------------------------------------------------------------
# Plausibility: 现行有效件数 (domain 5.6)
# ---------------------------------------------------------------------------


def test_in_force_trend():
    this = consistent_2021()
    last = consistent_2021()
    last["proactive"]["rules"]["in_force"] = 3  # 3 + 1 − 0 = 4
    last["proactive"]["normative_documents"]["in_force"] = 10  # 10 + 3 − 1 = 12
    # Only the carried-over applications disagree (2 carried out last year, 1 carried in).
    assert set(_rule_ids(check(this, FORMAT_2021, previous=last))) == {"cross_year"}
    last["applications"]["carried_out"] = dict(this["applications"]["carried_in"])
    assert check(this, FORMAT_2021, previous=last) == []
    last["proactive"]["normative_documents"]["in_force"] = 11
    findings = check(this, FORMAT_2021, previous=last)
    assert _rule_ids(findings) == ["in_force_trend"]
    assert findings[0].severity == WARNING
    assert findings[0].message == (
        "行政规范性文件：现行有效件数（12）不等于上年现行有效件数（11）+ 本年制发件数（3）− 本年废止件数（1）= 13"
    )
    assert findings[0].cells == [
        "proactive.normative_documents.in_force",
        "proactive.normative_documents.issued",
        "proactive.normative_documents.repealed",
    ]


def test_in_force_trend_needs_two_2021_years():
    this = consistent_2021()
    last = liaocheng_bureau_2020()
    last["applications"]["carried_out"] = dict(this["applications"]["carried_in"])
    # The trial format's 对外公开总数量 is not comparable.
    assert "in_force_trend" not in _rule_ids(check(this, FORMAT_2021, previous=last))
    # Unknown last-year value: nothing to compare.
    last = consistent_2021()
    last["proactive"]["rules"]["in_force"] = None
    last["proactive"]["normative_documents"]["in_force"] = None
    assert "in_force_trend" not in _rule_ids(check(this, FORMAT_2021, previous=last))


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def test_helpers():
    findings = check(liaocheng_bureau_2021(), FORMAT_2021)
    assert rc.has_errors(findings)
    assert rc.errors(findings) == findings
    assert not rc.has_errors([Finding("blank_cells", WARNING, "x")])
    marked = rc.cells_with_findings(findings)
    assert marked["applications.disclosed.total"] == ["row_sum"]
    assert marked["applications.disclosed.natural_person"] == ["outcome_sum", "row_sum"]
    assert "applications.new.total" not in marked


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------


@st.composite
def consistent_tables(draw, fmt):
    """A random table set that satisfies every rule: leaf counts per column, totals derived."""
    schema = schema_for(fmt)
    tables = empty_tables(fmt)
    apps = tables["applications"]
    leaves = [r.code for r in schema.applications.leaf_rows]
    for col in APPLICANT_COLUMNS:
        counts = draw(st.lists(st.integers(0, 40), min_size=len(leaves), max_size=len(leaves)))
        for row, n in zip(leaves, counts, strict=True):
            apps[row][col] = n
        processed = sum(counts)
        carried_out = draw(st.integers(0, 15))
        carried_in = draw(st.integers(0, processed + carried_out))
        apps["processed_total"][col] = processed
        apps["carried_out"][col] = carried_out
        apps["carried_in"][col] = carried_in
        apps["new"][col] = processed + carried_out - carried_in
    for row in apps.values():
        row["total"] = sum(row[c] for c in APPLICANT_COLUMNS)
    for group in tables["review_litigation"].values():
        parts = draw(st.lists(st.integers(0, 30), min_size=4, max_size=4))
        group.update(zip(REVIEW_PARTS, parts, strict=True))
        group["total"] = sum(parts)
    proactive = schema.proactive
    for values in tables["proactive"].values():
        for col in values:
            kind = proactive.column(col).kind
            if kind == KIND_AMOUNT:
                values[col] = draw(st.decimals(0, 10**7, places=2, allow_nan=False, allow_infinity=False))
            elif kind == KIND_DELTA:
                values[col] = draw(st.integers(-500, 500))
            else:
                values[col] = draw(st.integers(0, 10**6))
    return tables


def _previous_for(tables, fmt):
    """A previous year consistent with ``tables`` for cross_year and in_force_trend."""
    previous = empty_tables(fmt)
    previous["applications"]["carried_out"] = dict(tables["applications"]["carried_in"])
    if fmt == FORMAT_2021:
        for row in ("rules", "normative_documents"):
            p = tables["proactive"][row]
            previous["proactive"][row]["in_force"] = p["in_force"] - p["issued"] + p["repealed"]
    return previous


def _arithmetic_cells(fmt):
    schema = schema_for(fmt)
    return [*schema.applications.cell_ids(), *schema.review_litigation.cell_ids()]


FORMATS = st.sampled_from([FORMAT_2021, FORMAT_2019])


@settings(max_examples=60, deadline=None)
@given(st.data(), FORMATS)
def test_consistent_tables_yield_no_findings(data, fmt):
    tables = data.draw(consistent_tables(fmt))
    assert check(tables, fmt) == []
    assert check(tables, fmt, previous=_previous_for(tables, fmt), previous_format=fmt) == []


@settings(max_examples=150, deadline=None)
@given(st.data(), FORMATS, st.integers(-3, 3).filter(bool))
def test_changing_any_cell_is_caught_naming_it(data, fmt, delta):
    tables = data.draw(consistent_tables(fmt))
    target = data.draw(st.sampled_from(_arithmetic_cells(fmt)))
    table, row, column = target.split(".")
    tables[table][row][column] += delta
    findings = check(tables, fmt)
    assert any(f.severity == ERROR and target in f.cells for f in findings), (target, findings)


@settings(max_examples=100, deadline=None)
@given(st.data(), FORMATS)
def test_plus_one_on_any_cell_is_an_error_naming_it(data, fmt):
    tables = data.draw(consistent_tables(fmt))
    for target in data.draw(
        st.lists(st.sampled_from(_arithmetic_cells(fmt)), min_size=1, max_size=5, unique=True)
    ):
        mutated = copy.deepcopy(tables)
        table, row, column = target.split(".")
        mutated[table][row][column] += 1
        assert any(f.severity == ERROR and target in f.cells for f in check(mutated, fmt)), target


def test_plus_one_on_every_cell_exhaustively():
    """Deterministic sweep: every arithmetic cell of both formats, one at a time."""
    for fmt, base in ((FORMAT_2021, consistent_2021()), (FORMAT_2019, liaocheng_city_2020())):
        assert check(base, fmt) == []
        for target in _arithmetic_cells(fmt):
            mutated = copy.deepcopy(base)
            table, row, column = target.split(".")
            mutated[table][row][column] += 1
            findings = check(mutated, fmt)
            assert any(f.severity == ERROR and target in f.cells for f in findings), (fmt, target)


@settings(max_examples=60, deadline=None)
@given(st.data(), FORMATS)
def test_carried_in_change_is_caught_across_years(data, fmt):
    tables = data.draw(consistent_tables(fmt))
    previous = _previous_for(tables, fmt)
    column = data.draw(st.sampled_from(list(tables["applications"]["carried_in"])))
    previous["applications"]["carried_out"][column] += 1
    findings = check(tables, fmt, previous=previous, previous_format=fmt)
    assert [f.cells for f in findings] == [[f"applications.carried_in.{column}"]]
    assert findings[0].rule == "cross_year"


@settings(max_examples=60, deadline=None)
@given(st.data(), FORMATS)
def test_blanking_a_cell_is_reported(data, fmt):
    tables = data.draw(consistent_tables(fmt))
    target = data.draw(st.sampled_from(list(schema_for(fmt).cell_ids())))
    table, row, column = target.split(".")
    was = tables[table][row][column]
    tables[table][row][column] = None
    findings = check(tables, fmt)
    assert any(f.rule == "blank_cells" and target in f.cells for f in findings)
    if was and target in _arithmetic_cells(fmt):
        assert any(f.severity == ERROR and target in f.cells for f in findings)
