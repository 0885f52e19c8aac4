"""The auditor's own rules: text_vs_table, format_outdated, late_publication, truncated input,
unreadable/unrecognised results and the summary row."""

from __future__ import annotations

import json

import pytest

from gongkai.law import report_format as rf
from gongkai.reportreader import (
    audit,
    narrative_figures,
    organ_kind,
    parse_reports,
    summary_row,
    unreadable_result,
    unrecognised_result,
)
from gongkai.reportreader.tests.report_fixtures import DATA, T04
from gongkai.reportreader.tests.report_layouts import render


def _rules(result, severity=None):
    return {f["rule"] for f in result["findings"] if severity is None or f["severity"] == severity}


def _full_tables(fmt: str, value: int = 0):
    tables = rf.empty_tables(fmt)
    for t in rf.schema_for(fmt).tables:
        for row in t.rows:
            for col in row.columns:
                tables[t.code][row.code][col] = value
    return tables


def _consistent_2021():
    """A consistent table set: 5 new + 1 carried = 4 disclosed + 1 not held + 1 carried out."""
    t = _full_tables(rf.FORMAT_2021)
    apps = t["applications"]
    apps["new"].update(natural_person=5, total=5)
    apps["carried_in"].update(natural_person=1, total=1)
    apps["disclosed"].update(natural_person=4, total=4)
    apps["unavailable_not_held"].update(natural_person=1, total=1)
    apps["processed_total"].update(natural_person=5, total=5)
    apps["carried_out"].update(natural_person=1, total=1)
    t["review_litigation"]["review"].update(upheld=1, total=1)
    return t


def test_narrative_figures_with_percentages_and_remedies():
    text = (
        "2024年，全市共受理政府信息公开申请 3119 件，答复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到"
        "下年度答复）。政府信息公开行政复议 351\n件，其中结果维持 72 件；政府信息公开行政诉讼 46 件，其中结果维持 25"
        "\n件。予以公开632件，占60.13%，其他处理24件，占2.29%。"
    )
    found = {(f.key, f.value, f.percent) for f in narrative_figures(text)}
    assert found >= {
        ("new", 3119, None),
        ("processed", 3050, None),
        ("carried_in", 34, None),
        ("carried_out", 103, None),
        ("review_total", 351, None),
        ("review_upheld", 72, None),
        ("litigation_total", 46, None),
        ("litigation_upheld", 25, None),
        ("disclosed", 632, "60.13"),
        ("other_processing", 24, "2.29"),
    }


def test_new_and_carried_in_together_and_combined_outcomes():
    found = {(f.key, f.value) for f in narrative_figures("收到政府信息公开申请和上年结转件1064件，予以公开及部分公开258件")}
    assert found == {("new_and_carried_in", 1064), ("disclosed_and_partial", 258)}


def test_consistent_report_has_no_finding():
    narrative = "本年度共收到政府信息公开申请5件，办结答复5件，结转下年度继续办理1件。予以公开4件，占80%。行政复议1件，结果维持1件。"
    text = render(_consistent_2021(), rf.FORMAT_2021, "pipe", year=2023, narrative=narrative,
                  published="2024年1月20日")
    (result,) = audit(parse_reports(text))
    assert result["findings"] == []
    assert result["published_on"] == "2024-01-20"
    json.dumps(result, ensure_ascii=False)


def test_text_vs_table_counts_and_percentages():
    narrative = "本年度共收到政府信息公开申请7件，办结答复5件。予以公开4件，占75%。"
    text = render(_consistent_2021(), rf.FORMAT_2021, "pipe", year=2023, narrative=narrative)
    (result,) = audit(parse_reports(text))
    messages = [f["message"] for f in result["findings"] if f["rule"] == "text_vs_table"]
    assert len(messages) == 2
    assert any("7 件" in m and "5 件" in m for m in messages)
    assert any("75%" in m and "80%" in m for m in messages)


def test_rounding_down_is_accepted_in_percentages():
    # 35 of 805 = 4.3478…%: 4.34 (truncated) and 4.35 (rounded) are both right.
    t = _consistent_2021()
    t["applications"]["processed_total"]["total"] = 805
    for text in ("不予公开35件，占4.34%", "不予公开35件，占4.35%"):
        report = parse_reports(render(t, rf.FORMAT_2021, "pipe", year=2023, narrative=text))
        (result,) = audit(report)
        assert not [f for f in result["findings"] if "比例" in f["message"]]


def test_format_outdated_for_a_trial_layout_after_2021():
    text = render(_full_tables(rf.FORMAT_2019), rf.FORMAT_2019, "tab", year=2022)
    (result,) = audit(parse_reports(text))
    assert result["format"] == rf.FORMAT_2019
    (f,) = [f for f in result["findings"] if f["rule"] == "format_outdated"]
    assert f["severity"] == "warning" and "2022" in f["message"] and "30号" in f["message"]


def test_format_outdated_for_old_statistics_after_2019():
    text = (
        "某某市某某局2020年政府信息公开工作年度报告\n一、政府信息公开工作概述\n2020年，我局…\n"
        "二、主动公开政府信息以及公开平台建设情况\n指 标 名 称 | 计量 单位 | 本年累计 |\n一、主动公开信息数 | 条 | 9 |\n"
    )
    (result,) = audit(parse_reports(text))
    assert result["format"] == "pre_2019"
    assert _rules(result) == {"format_outdated"}


def test_pre_2019_reports_are_recognised_but_not_parsed():
    text = "某某市某某局2017年政府信息公开工作年度报告\n一、概述\n2017年，我局…\n六、政府信息公开申请的办理情况\n无。\n"
    (result,) = audit(parse_reports(text))
    assert (result["year"], result["format"], result["tables"], result["findings"]) == (2017, "pre_2019", None, [])


@pytest.mark.parametrize(
    "agency,published,late",
    [
        ("测试市某某局", "2024年2月5日", True),  # departments: 31 January
        ("测试市某某局", "2024年1月31日", False),
        ("测试市人民政府", "2024年3月20日", False),  # governments: 31 March
        ("测试市人民政府", "2024年4月1日", True),
        ("测试县某某镇人民政府", "2024年2月1日", True),  # townships: 31 January
    ],
)
def test_late_publication(agency, published, late):
    text = render(_consistent_2021(), rf.FORMAT_2021, "pipe", agency=agency, year=2023, published=published)
    (result,) = audit(parse_reports(text))
    assert ("late_publication" in _rules(result)) is late


def test_organ_kind():
    assert organ_kind("聊城市人民政府") == rf.ORGAN_GOVERNMENT
    assert organ_kind("聊城市人民政府办公室") == rf.ORGAN_DEPARTMENT
    assert organ_kind("聊城市行政审批服务局") == rf.ORGAN_DEPARTMENT
    assert organ_kind("某县某某镇人民政府") == rf.ORGAN_TOWNSHIP
    assert organ_kind("某区某某街道办事处") == rf.ORGAN_TOWNSHIP


def test_truncated_report_is_incomplete_not_wrong():
    """Cut in the middle of table 三: the missing cells are unknown, so no arithmetic error."""
    text = (DATA / T04).read_text(encoding="utf-8")
    cut = text[: text.index("8.属于行政查询事项")]
    (result,) = audit(parse_reports(cut))
    assert _rules(result, "error") == set()
    assert {"incomplete_table", "missing_table"} <= _rules(result)
    assert result["completeness"]["applications"]["present"] is True
    assert result["completeness"]["review_litigation"]["present"] is False
    assert result["tables"]["applications"]["processed_total"]["total"] is None


def test_unreadable_and_unrecognised_results():
    bad = unreadable_result("x.bin", "不是文本文件")
    assert bad["findings"][0]["rule"] == "unreadable" and bad["source"] == "x.bin"
    none = unrecognised_result("notes.txt")
    assert none["findings"][0]["rule"] == "unrecognised"
    assert parse_reports("会议纪要\n今天天气很好。") == []


def test_summary_row():
    text = (DATA / "testdata/02_huaian_hongzequ_2023.txt").read_text(encoding="utf-8")
    (result,) = audit(parse_reports(text, source="02.txt"))
    row = summary_row(result)
    assert row["source"] == "02.txt" and row["year"] == 2023 and row["format"] == "2021"
    assert row["errors"] == 2 and row["warnings"] >= 2
    assert row["rules"].split()[0] == "review_total"
