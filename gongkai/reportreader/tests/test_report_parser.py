"""The parser and auditor of published annual reports on every real report of the test data.

Each report's every cell is compared with the table transcribed by hand in report_fixtures.py.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import pytest

from gongkai.law import report_format as rf
from gongkai.reportreader import audit, normalize_text, parse_html, parse_reports, parse_value
from gongkai.reportreader.metadata import year_of as _year_of
from gongkai.reportreader.tests.report_fixtures import DATA, EXPECTED, FILES, Expected


@cache
def _parsed(file: str):
    text = (DATA / file).read_text(encoding="utf-8")
    parse = parse_html if file.endswith(".html") else parse_reports
    return tuple(parse(text, source=file))


@cache
def _audited():
    """Every report of every file in one batch (as ``audit_report`` over the folder would)."""
    reports = [r for f in FILES for r in _parsed(f)]
    return {(r["source"], r["index"]): r for r in audit(reports)}


def _id(e: Expected) -> str:
    return f"{e.file.split('/')[-1][:6]}-{e.index}-{e.year}"


def test_every_report_of_every_file_is_found():
    for file in FILES:
        found = [(r.index, r.year, r.format) for r in _parsed(file)]
        expected = [(e.index, e.year, e.format) for e in EXPECTED if e.file == file]
        assert found == expected, file


@pytest.mark.parametrize("e", EXPECTED, ids=_id)
def test_metadata(e: Expected):
    r = _parsed(e.file)[e.index]
    assert (r.agency, r.year, r.format, r.kind, r.published_on) == (
        e.agency,
        e.year,
        e.format,
        e.kind,
        e.published_on,
    )


def _table_rows(e: Expected, table: str) -> dict[str, list]:
    if table == rf.TABLE_PROACTIVE:
        return e.proactive
    if table == rf.TABLE_APPLICATIONS:
        return e.applications
    review = e.review
    return {"review": review[0:5], "suit_direct": review[5:10], "suit_after_review": review[10:15]}


@pytest.mark.parametrize("e", [e for e in EXPECTED if e.format in rf.FORMATS], ids=_id)
def test_every_cell(e: Expected):
    r = _parsed(e.file)[e.index]
    schema = rf.schema_for(e.format)
    wrong = []
    for t in schema.tables:
        expected = _table_rows(e, t.code)
        assert set(expected) == set(t.row_codes), t.code  # the fixture covers every row
        for row in t.rows:
            got = [r.tables[t.code][row.code][c] for c in row.columns]
            want = expected[row.code]
            assert len(want) == len(row.columns), (t.code, row.code)
            for col, g, w in zip(row.columns, got, want, strict=True):
                if g != w or type(g) is not type(w) and not (isinstance(g, int | Decimal) and g == w):
                    wrong.append((rf.cell_id(t.code, row.code, col), g, w))
    assert wrong == []


@pytest.mark.parametrize("e", [e for e in EXPECTED if e.format in rf.FORMATS], ids=_id)
def test_completeness(e: Expected):
    r = _parsed(e.file)[e.index]
    for t in rf.schema_for(e.format).tables:
        expected = e.cells.get(t.code, len(t.cell_ids()))
        assert r.completeness[t.code] == {"present": True, "cells": expected, "expected": len(t.cell_ids())}


@pytest.mark.parametrize("e", [e for e in EXPECTED if e.aggregates], ids=_id)
def test_trial_style_other_processing_row_in_a_2021_table(e: Expected):
    r = _parsed(e.file)[e.index]
    cols = rf.schema_for(e.format).applications.column_codes
    assert {k: [v[c] for c in cols] for k, v in r.aggregates.items()} == e.aggregates


@pytest.mark.parametrize("e", EXPECTED, ids=_id)
def test_findings(e: Expected):
    result = _audited()[(e.file, e.index)]
    errors = {f["rule"] for f in result["findings"] if f["severity"] == "error"}
    warnings = {f["rule"] for f in result["findings"] if f["severity"] == "warning"}
    assert (errors, warnings) == (e.errors, e.warnings)


def _findings(file, index, rule):
    return [f for f in _audited()[(file, index)]["findings"] if f["rule"] == rule]


def test_known_error_liaocheng_2021_disclosed_row():
    """domain 5.10: （一）予以公开 has 0 in every applicant column but 7 in 总计; （四）1 24; （七）31."""
    row_sums = _findings("seeds/001_75c59c17b5b0da39.txt", 2, "row_sum")
    assert {tuple(f["cells"][-1:]) for f in row_sums} == {
        ("applications.disclosed.total",),
        ("applications.unavailable_not_held.total",),
    }
    assert "不等于总计（7）" in row_sums[0]["message"]
    (outcome,) = _findings("seeds/001_75c59c17b5b0da39.txt", 2, "outcome_sum")
    assert outcome["cells"][0] == "applications.processed_total.natural_person"
    assert "（31）" in outcome["message"]


def test_known_error_liaocheng_2020_balance_in_the_natural_person_column():
    for file, index in (("seeds/000_5e68d1451a079f05.txt", 0), ("seeds/001_75c59c17b5b0da39.txt", 3)):
        (balance,) = _findings(file, index, "balance")
        assert balance["cells"][0] == "applications.new.natural_person"
        assert "一（17）" in balance["message"]


def test_known_error_hongze_2023_review_totals():
    found = _findings("testdata/02_huaian_hongzequ_2023.txt", 0, "review_total")
    assert sorted(f["cells"][-1] for f in found) == [
        "review_litigation.review.total",
        "review_litigation.suit_after_review.total",
    ]
    assert all(f["severity"] == "error" for f in found)


def test_known_error_hongze_2024_narrative_17_vs_table_95():
    (f,) = _findings("testdata/03_huaian_hongzequ_2024.txt", 0, "text_vs_table")
    assert "17" in f["message"] and "95" in f["message"]
    assert f["cells"] == ["applications.new.total"]


def test_known_error_liaocheng_city_2020_percentage():
    (f,) = _findings("seeds/004_5dbc8bb928f0c1a8.txt", 0, "text_vs_table")
    assert "2.29%" in f["message"] and "2.28%" in f["message"]


def test_cross_year_is_checked_within_the_batch():
    """001 holds 2019–2023 of one agency and 02/03 two years of 洪泽区: all carry-overs agree."""
    for key, result in _audited().items():
        assert not [f for f in result["findings"] if f["rule"] == "cross_year"], key


def test_cross_year_finds_a_broken_carry_over():
    text = (DATA / "testdata/03_huaian_hongzequ_2024.txt").read_text(encoding="utf-8")
    broken = text.replace("二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0", "二、上年结转政府信息公开申请数量 2 0 0 0 0 0 2")
    assert broken != text
    last_year = parse_reports((DATA / "testdata/02_huaian_hongzequ_2023.txt").read_text(encoding="utf-8"))
    (result,) = [r for r in audit([*last_year, *parse_reports(broken)]) if r["year"] == 2024]
    cross = [f for f in result["findings"] if f["rule"] == "cross_year"]
    assert {f["cells"][0] for f in cross} == {"applications.carried_in.natural_person", "applications.carried_in.total"}


@pytest.mark.parametrize(
    "text,number,unit,signed",
    [
        ("26463.43万元", Decimal("26463.43"), "万元", False),
        ("约679.7万元", Decimal("679.7"), "万元", False),
        ("563.75 万元", Decimal("563.75"), "万元", False),
        ("251000元", Decimal("251000"), "元", False),
        ("+1", Decimal(1), "", True),
        ("-14", Decimal(-14), "", True),
        ("减4", Decimal(-4), "", True),
        ("１，０５１", Decimal(1051), "", False),
        ("１７", Decimal(17), "", False),
    ],
)
def test_parse_value(text, number, unit, signed):
    v = parse_value(text)
    assert (v.number, v.unit, v.signed) == (number, unit, signed)


@pytest.mark.parametrize("text", ["", "/", "-", "—", "——", "无", "1.属于国家秘密", "第二十条第（一）项"])
def test_parse_value_none(text):
    assert parse_value(text) is None


def test_amount_in_yuan_becomes_wan_yuan():
    assert parse_value("251000元").as_amount() == Decimal("25.1")
    assert parse_value("7545").for_kind(rf.KIND_AMOUNT) == 7545


def test_interpretation_figures_in_prose():
    """Seed 002 is a 解读: no tables, but its prose gives 3 applications, 2 concluded, 1 carried over."""
    (result,) = [r for k, r in _audited().items() if k[0].startswith("seeds/002")]
    assert result["tables"] is None and result["kind"] == "interpretation"
    assert {(f["key"], f["value"]) for f in result["narrative_figures"]} == {
        ("new", 3),
        ("processed", 2),
        ("carried_out", 1),
    }


def test_rows_without_labels_in_one_cell_per_line_text():
    """The eight （三） leaf labels removed from a one-cell-per-line copy: their 56 numbers run together,
    are cut into rows of seven and placed, because the labelled rows around them leave no choice."""
    from gongkai.reportreader.tests.report_layouts import render

    (original,) = _parsed("testdata/04_huaian_shi_2024.txt")
    leaves = {r.label for r in rf.schema_for("2021").applications.rows if r.group == "withheld"}
    text = render(original.tables, "2021", "cell", year=2024)
    (report,) = parse_reports("\n".join(line for line in text.split("\n") if line not in leaves))
    assert report.tables["applications"] == original.tables["applications"]


def test_pinyin_inserted_by_mirror_sites_is_dropped():
    """Traditional mirrors insert the reading after some characters: "數(shù)據(jù)", "鎮(zhèn)"."""
    text = (
        "根據(jù)《條例》規(guī)定,向社會公布本級政府信息公開工作年度報告。本報告中所列數(shù)據(jù)的統(tǒng)計時限為"
        "2021年1月1日至2021年12月31日。如需咨詢,請與柞水縣鳳凰鎮(zhèn)人民政府黨政辦公室聯(lián)系(tufwp.cn)。\n"
    )
    normalized = normalize_text(text)
    assert "(zhèn)" not in normalized and "数据的统计时限为2021年" in normalized
    assert "(tufwp.cn)" in normalized  # not a reading: kept
    assert normalize_text("规章(abc)与(Zhèn)") == "规章(abc)与(Zhèn)"  # only lower-case toned readings go


def test_year_in_the_statistics_period_and_in_a_line_before_the_first_section():
    assert _year_of("本报告中所列数据的统计时限为2021年1月1日至2021年12月31日。", "") == 2021
    text = "2024年,我局坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻落实党的二十大精神。\n一、总体情况\n(一)主动公开情况。\n"
    (report,) = parse_reports(text)
    assert report.year == 2024


def _one_cell_per_paragraph(rows: list[tuple[str, list[str]]], blank: str) -> str:
    """Table 三 rows as some converters write them: every filled cell "\\n\\n" + value, every blank
    cell ``blank``."""
    head = "三、收到和处理政府信息公开申请情况\n\n申请人情况\n\n自然人\n\n法人或其他组织\n\n总计\n\n商业企业\n\n科研机构\n\n社会公益组织\n\n法律服务机构\n\n其他"
    out = [head]
    for label, cells in rows:
        out.append("\n\n" + label)
        out.extend(blank if c == "" else "\n\n" + c for c in cells)
    return "示例镇2023年政府信息公开工作年度报告\n\n" + "".join(out) + "\n\n(二)部分公开\n"


@pytest.mark.parametrize("blank", ["\n", "\n\n"])
def test_blank_cells_written_as_one_or_two_extra_lines(blank):
    rows = [
        ("一、本年新收政府信息公开申请数量", ["12", "", "", "", "", "", "12"]),
        ("二、上年结转政府信息公开申请数量", [""] * 7),
        ("(一)予以公开", ["4", "", "", "", "", "", ""]),
    ]
    text = _one_cell_per_paragraph(rows, blank) + "\n\n1.属于国家秘密" + blank * 6 + "\n\n3\n\n"
    (report,) = parse_reports(text)
    apps = report.tables["applications"]
    assert apps["new"]["natural_person"] == 12 and apps["new"]["total"] == 12
    assert apps["carried_in"] == dict.fromkeys(apps["carried_in"])
    assert apps["disclosed"]["natural_person"] == 4 and apps["disclosed"]["total"] is None
    assert apps["withheld_state_secret"]["total"] == 3 and apps["withheld_state_secret"]["natural_person"] is None


@pytest.mark.parametrize(
    "text, year",
    [
        ("鄂城区市场监管局政府信息公开工作年度报告(2024年度)\n日期:2025-01-06\n", 2024),
        ("(二)政府信息依申请公开情况\n2020年度我街办未接到提出公开政府信息的申请。\n", 2020),
        ("(二)政府信息依申请公开情况\n 2019年度街道受理信息公开申请0件。\n", 2019),
        ("  一、总体情况\n  2024年,鄂城区市场监督管理局坚持以习近平新时代中国特色社会主义思想为指导。\n", 2024),
    ],
)
def test_year_named_in_title_brackets_or_an_indented_opening(text, year):
    assert _year_of(text, text) == year


def test_misprinted_caption_section_heading_and_row_label_of_a_real_trial_report():
    """开化县林山乡 2020: "第二十一条第(一)项", "二、主动公开政府信息工作情况", "二、上年转结…"."""
    text = "\n".join(
        [
            "林山乡2020年政府信息公开工作年度报告",
            "二、主动公开政府信息工作情况",
            "第二十一条第(一)项",
            "信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量",
            "规章", "0", "0", "0",
            "规范性文件", "1", "1", "1",
            "第二十一条第(五)项",
            "信息内容", "上一年项目数量", "本年增/减", "处理决定数量",
            "行政许可", "3", "/", "2",
            "三、收到和处理政府信息公开申请情况",
            "申请人情况", "自然人", "法人或其他组织", "总计",
            "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他",
            "一、本年新收政府信息公开申请数量", "1", "/", "/", "/", "/", "/", "1",
            "二、上年转结政府信息公开申请数量", "/", "/", "/", "/", "/", "/", "0",
            "",
        ]
    )
    (report,) = parse_reports(text)
    assert report.format == rf.FORMAT_2019
    proactive, apps = report.tables["proactive"], report.tables["applications"]
    assert proactive["normative_documents"] == {"made": 1, "published": 1, "total_published": 1}
    assert proactive["licensing"] == {"prior_items": 3, "change": None, "decisions": 2}
    assert apps["carried_in"]["total"] == 0 and apps["carried_in"]["natural_person"] is None
    (result,) = audit([report])
    assert "label_mismatch" in {f["rule"] for f in result["findings"]}  # 转结 is not the standard label


@pytest.mark.parametrize(
    "cell, number",
    [("? 0", 0), ("？12", 12), ("未增未减", 0), ("无增减", 0), ("?", None), ("0?", None), ("?a", None)],
)
def test_noise_before_a_number_and_no_change_in_words(cell, number):
    value = parse_value(cell)
    assert (value.number if value else None) == number


def test_label_opened_by_a_grid_pipe_with_its_cells_on_pipe_separated_lines():
    """遂宁市安居区 2022: "| 规章" / "|" / "0" / "|" / "0" / "|" / "0" / "|"."""
    lines = ["示例局2022年政府信息公开工作年度报告", "二、主动公开政府信息情况", "| 第二十条第(一)项", "|", "|||",
             "| 信息内容", "|", "本年制发件数", "|", "本年废止件数", "|", "现行有效件数", "|",
             "| 规章", "|", "0", "|", "0", "|", "0", "|",
             "| 行政规范性文件", "|", "2", "|", "1", "|", "7", "|", "第二十条第(五)项", "|", "|||"]
    (report,) = parse_reports("\n".join(lines) + "\n")
    assert report.tables["proactive"]["rules"] == {"issued": 0, "repealed": 0, "in_force": 0}
    assert report.tables["proactive"]["normative_documents"] == {"issued": 2, "repealed": 1, "in_force": 7}


def test_tables_flattened_onto_one_space_separated_line():
    """汉台区 2025: from 二、主动公开 to the end, one line with every cell separated by a space."""
    flat = (
        "二、主动公开政府信息情况 第二十条第(一)项 信息内容 本年制发件数 本年废止件数 现行有效件数 规 章 0 0 0 "
        "行政规范性文件 3 1 9 第二十条第(五)项 信息内容 本年处理决定数量 行政许可 52 第二十条第(六)项 信息内容 "
        "本年处理决定数量 行政处罚 15 行政强制 0 第二十条第(八)项 信息内容 本年收费金额(单位:万元) 行政事业性收费 0 "
        "三、收到和处理政府信息公开申请情况 (本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) 申请人情况 "
        "自然人 法人或其他组织 总计 商业 企业 科研 机构 社会公益组织 法律服务机构 其他 "
        "一、本年新收政府信息公开申请数量 2 0 0 0 0 1 3 二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0 三、本年度办理结"
    )
    text = "一、总体情况\n2025年,区农业农村局坚持把做好信息公开工作作为依法行政的重要内容。\n" + flat
    (report,) = parse_reports(text)
    proactive, apps = report.tables["proactive"], report.tables["applications"]
    assert proactive["rules"] == {"issued": 0, "repealed": 0, "in_force": 0}
    assert proactive["normative_documents"] == {"issued": 3, "repealed": 1, "in_force": 9}
    assert [proactive[r]["decisions"] for r in ("licensing", "penalties", "enforcement")] == [52, 15, 0]
    assert apps["new"] == dict(zip(apps["new"], [2, 0, 0, 0, 0, 1, 3], strict=True))
    (result,) = audit([report])
    assert "label_mismatch" not in {f["rule"] for f in result["findings"]}


def test_trial_headers_in_subtable_one_and_the_2021_layout_elsewhere_read_as_2021():
    """A 2021 report (日照市岚山区教育局) printing 本年新制作数量… in (一) but 2021 sub-tables (五)–(八)."""
    text = "\n".join(
        [
            "2021年政府信息公开工作年度报告",
            "二、主动公开政府信息情况",
            "第二十条第(一)项", "信息内容", "本年新", "制作数量", "本年新", "公开数量", "对外公开总数量",
            "规章", "0", "0", "0", "规范性文件", "1", "0", "4",
            "第二十条第(五)项", "信息内容", "本年处理决定数量", "行政许可", "5",
            "第二十条第(八)项", "信息内容", "本年收费金额(单位:万元)", "行政事业性收费", "282.1",
            "",
        ]
    )
    (report,) = parse_reports(text)
    assert report.format == rf.FORMAT_2021
    proactive = report.tables["proactive"]
    assert proactive["normative_documents"] == {"issued": 1, "repealed": 0, "in_force": 4}
    assert proactive["licensing"] == {"decisions": 5}
    assert proactive["fees"] == {"amount_10k_yuan": Decimal("282.1")}
    (result,) = audit([report])
    assert "label_mismatch" in {f["rule"] for f in result["findings"]}  # the trial headers are reported


@pytest.mark.parametrize("sep", ["\n\n", " "])
def test_a_row_of_zeros_printed_without_separators(sep):
    """潮州市湘桥区 2023: every row of table 三 printed as one token "0000000"."""
    head = ["三、收到和处理政府信息公开申请情况", "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)",
            "申请人情况", "自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    rows = [f"{label}{sep}0000000" for label in ("一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量")]
    text = "湘桥区教育局2023年政府信息公开工作年度报告\n\n" + "\n\n".join(head + rows) + "\n\n三、本年度办理结果\n"
    (report,) = parse_reports(text)
    apps = report.tables["applications"]
    assert list(apps["new"].values()) == [0] * 7 and list(apps["carried_in"].values()) == [0] * 7


def test_pipe_rows_ended_by_a_pipe_keep_their_blank_cells_in_place():
    """永康市 2020: "行政许可 | 106 | 2939 | |" is 106, 2939 and a blank 处理决定数量."""
    text = "\n".join(
        [
            "永康市交通运输局2020年政府信息公开工作年度报告",
            "二、主动公开政府信息情况",
            "第二十条第(五)项 | |||",
            "信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |",
            "行政许可 | 106 | 2939 | |",
            "其他对外管理服务事项 | 40 | 3068 | |",
            "第二十条第(六)项 | |||",
            "信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |",
            "行政处罚 | 663 | 519 | 333 |",
            "行政强制 | 0 | ||",
            "",
        ]
    )
    (report,) = parse_reports(text)
    proactive = report.tables["proactive"]
    assert proactive["licensing"] == {"prior_items": 106, "change": 2939, "decisions": None}
    assert proactive["penalties"] == {"prior_items": 663, "change": 519, "decisions": 333}
    assert proactive["enforcement"] == {"prior_items": 0, "change": None, "decisions": None}
    assert "proactive.licensing.decisions" in report.located  # printed blank, not missing


def test_tables_double_spaced_under_a_single_spaced_page_header():
    """互助县 2020: metadata and narrative line by line, the tables one paragraph per cell."""
    header = [f"索 引 号:{n}" for n in range(12)] + ["互助县政务服务中心2020年政府信息公开工作年度报告"]
    table = ["二、主动公开政府信息情况", "第二十条第(一)项", "信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量",
             "规章", " ", " ", " ", "规范性文件", "1", " ", "3", "第二十条第(五)项", "信息内容", "上一年项目数量", "本年增/减", "处理决定数量",
             "行政许可", " 148", " ", " ", "其他对外管理服务事项", " 257", " ", " ",
             "第二十条第(六)项", "信息内容", "上一年项目数量", "本年增/减", "处理决定数量",
             "行政处罚", " ", " ", " ", "行政强制", " ", "2", " "]
    (report,) = parse_reports("\n".join(header) + "\n" + "\n\n".join(table) + "\n")
    proactive = report.tables["proactive"]
    assert proactive["normative_documents"] == {"made": 1, "published": None, "total_published": 3}
    assert proactive["licensing"] == {"prior_items": 148, "change": None, "decisions": None}
    assert proactive["other_services"] == {"prior_items": 257, "change": None, "decisions": None}
    assert proactive["enforcement"] == {"prior_items": None, "change": 2, "decisions": None}


@pytest.mark.parametrize(
    "text, agency",
    [
        ("湘桥区教育局政府信息公开工作年度报告\n\n2024-01-23 16:45  稿件作者:   浏览量:- 【浏览字体: 】    分享到:\n\n"
         "一、总体情况\n2023年,区教育局坚持以公开为常态。\n", "湘桥区教育局"),
        ("一、总体情况\n2022年,句容市水利局认真贯彻落实《中华人民共和国政府信息公开条例》。\n", "句容市水利局"),
        ("一、总体情况\n根据《条例》要求,现公布法库县自然资源局2022年政府信息公开工作年度报告。\n", "法库县自然资源局"),
        ("一、总体情况\n2020年,我局认真贯彻执行《条例》。如对本报告有任何疑问,请联系桃江县审计局办公室。\n", "桃江县审计局"),
        ("一、总体情况\n我镇认真贯彻《条例》。如需咨询,请与柞水县凤凰镇人民政府党政办公室联系。\n", "柞水县凤凰镇人民政府"),
    ],
)
def test_agency_from_a_yearless_title_an_opening_or_the_contact_sentence(text, agency):
    (report,) = parse_reports(text)
    assert report.agency == agency


@pytest.mark.parametrize(
    "text, agency",
    [
        # Page metadata in front of the title (heldout7: 淄博 中埠镇, 雷州 乌石镇): not part of the name.
        ("标题: 中埠镇人民政府2020年政府信息公开工作年度报告\n索引号: /2021-None\n一、总体情况\n我镇认真贯彻。\n",
         "中埠镇人民政府"),
        ("名称: 雷州市乌石镇2021年度政府信息公开工作年度报告\n一、总体情况\n我镇认真贯彻。\n", "雷州市乌石镇"),
        # "信息公开年度报告" without 政府 (琼海 大路镇), the organ on the line above (固阳县民政局).
        ("大路镇人民政府2019年信息公开年度报告\n发布日期:2020-01-20\n一、总体情况\n我镇严格按照《条例》。\n",
         "大路镇人民政府"),
        ("固阳县民政局\n2021年信息公开工作年度报告\n一、总体情况\n根据《条例》编制。\n", "固阳县民政局"),
        # Openings: after a sub-heading, an organ before the year, a clause before the organ, a 开发区.
        ("一、总体情况\n(一)主动公开情况。2021年,乳山经济开发区认真贯彻落实《条例》。\n", "乳山经济开发区"),
        ("一、总体情况\n临河区医疗保障局2023年为深入推进和落实政府信息公开工作,局党组高度重视。\n", "临河区医疗保障局"),
        ("一、总体情况\n2019年,根据县政府的工作要求和部署,自然资源局认真贯彻落实《条例》。\n", "自然资源局"),
        ("一、总体情况\n2020年,武汉经济技术开发区(汉南区)医疗保障局政府信息公开工作在工委的领导下。\n",
         "武汉经济技术开发区(汉南区)医疗保障局"),
    ],
)
def test_agency_behind_page_metadata_and_in_more_openings(text, agency):
    (report,) = parse_reports(text)
    assert report.agency == agency


def test_a_row_printed_blank_in_one_cell_per_line_text_is_blank_not_missing():
    """兴化市大营镇 2023 (heldout4a): one paragraph per cell, an empty cell one extra line. Rows whose
    seven cells are all empty were shown as not found; they are printed, blank."""
    text = (DATA / "heldout4a" / "xinghua_daying_2023.txt").read_text(encoding="utf-8")
    (report,) = parse_reports(text)
    blank_rows = ("carried_in", "partially_disclosed", "withheld_state_secret", "withheld_internal_affairs")
    for row in blank_rows:
        for column in rf.schema_for("2021").table("applications").row(row).columns:
            cid = f"applications.{row}.{column}"
            assert cid in report.located and rf.get_cell(report.tables, cid) is None
    assert report.completeness["applications"]["cells"] == 70  # ten rows printed before the text stops
    assert report.tables["applications"]["new"]["total"] == 12
