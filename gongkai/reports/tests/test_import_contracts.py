"""Contracts of import_applications: ``outcome`` by code, schema key or exact label (read from
gongkai.law.outcomes / report_format), an unknown value is a line-numbered error, and the CSV is read
strictly (an unclosed quote that merges records is an error naming the lines, never a silent merge)."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.applications.models import Application
from gongkai.law import outcomes
from gongkai.reports import importers

HEADER = "received_date,channel,applicant_type,outcome,closed_date,description\n"


def run(tmp_path, body: str):
    path = tmp_path / "apps.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_applications", str(path), agency="deptA", stdout=out, stderr=err)
    except CommandError as e:
        return out.getvalue(), err.getvalue(), e
    return out.getvalue(), err.getvalue(), None


@pytest.mark.parametrize("value", ["3.1", "withheld_state_secret", "1.属于国家秘密", "（三）1.属于国家秘密",
                                   "（三）不予公开 / 1.属于国家秘密"])
def test_outcome_by_code_key_or_label(tmp_path, tree, value):
    out, err, error = run(tmp_path, f"2024-03-01,当面,自然人,{value},2024-03-10,甲\n")
    assert error is None, err
    assert Application.objects.get().outcome == "3.1"


def test_every_leaf_is_accepted_by_code_key_and_label():
    for leaf in outcomes.LEAVES:
        for name in (leaf.code, leaf.key, leaf.label):
            assert importers.resolve_outcome(name) == leaf.code, name


@pytest.mark.parametrize("value", ["9.9", "withheld", "属于国家秘密", "3.1 ", "6"])
def test_unknown_outcome_is_a_line_numbered_error(tmp_path, tree, value):
    body = "2024-03-01,当面,自然人,1,2024-03-10,好\n" f'2024-03-02,网络,自然人,"{value}",2024-03-10,坏\n'
    out, err, error = run(tmp_path, body)
    if value == "3.1 ":
        assert error is None  # cells are stripped, like every other cell
        return
    assert error is not None and "未导入任何记录" in str(error)
    assert "第3行" in err and f"办理结果“{value}”无效" in err and "第2行" not in err
    assert Application.objects.count() == 0


FOUR_RECORDS = (
    '2024-03-01,当面,自然人,1,2024-03-10,"甲的申请\n'
    "2024-03-02,网络,自然人,2,2024-03-12,乙\n"
    "2024-03-03,网络,商业企业,3.1,2024-03-13,丙\n"
    '2024-03-04,信函,自然人,,,丁"\n'
)


def test_four_records_merged_into_one_is_an_error(tmp_path, tree):
    # Without the check, csv (even strict) reads ONE valid record whose description swallows 3 lines.
    import csv

    assert len(list(csv.reader(io.StringIO(HEADER + FOUR_RECORDS), strict=True))) == 2
    out, err, error = run(tmp_path, FOUR_RECORDS)
    assert error is not None and "未导入任何记录" in str(error)
    assert "第2行" in err and "第2—5行" in err and "4 行" in err and "引号未闭合" in err
    assert Application.objects.count() == 0


def test_an_unclosed_quote_until_the_end_of_file_is_an_error(tmp_path, tree):
    out, err, error = run(tmp_path, "2024-03-01,当面,自然人,1,2024-03-10,甲\n"
                                    '2024-03-02,网络,"自然人,2,2024-03-12,乙\n'
                                    "2024-03-03,网络,商业企业,,,丙\n")
    assert error is not None and "第3行" in err and "未闭合的引号" in err
    assert Application.objects.count() == 0


def test_an_unclosed_quote_in_another_field_is_an_error(tmp_path, tree):
    out, err, error = run(tmp_path, '2024-03-01,当面,"自然人,1,2024-03-10,甲\n'
                                    '2024-03-02,网络,自然人,2",2024-03-12,乙\n')
    assert error is not None and "第2行" in err and "applicant_type" in err and "第2—3行" in err
    # Where the stray quote leaves text the strict reader cannot parse, that is a line error too.
    out, err, error = run(tmp_path, '2024-03-01,当面,"自然人,1,2024-03-10,甲\n'
                                    '2024-03-02,网络,自然人,2,2024-03-12,"乙"\n')
    assert error is not None and "第2行" in err and "CSV 格式错误" in err
    assert Application.objects.count() == 0


def test_a_quoted_multi_line_description_is_still_accepted(tmp_path, tree):
    out, err, error = run(tmp_path, '2024-03-01,当面,自然人,1,2024-03-10,"第一段\n第二段，含逗号"\n'
                                    "2024-03-02,网络,自然人,刚才那行跨两行,2024-03-12,乙\n")
    # The second record is line 4 (physical lines), and its outcome is wrong.
    assert error is not None and "第4行" in err and "第2行" not in err
    out, err, error = run(tmp_path, '2024-03-01,当面,自然人,1,2024-03-10,"第一段\n第二段，含逗号"\n')
    assert error is None, err
    assert Application.objects.get().description == "第一段\n第二段，含逗号"
