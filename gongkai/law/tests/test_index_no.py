"""Tests for gongkai.law.index_no (domain.md 6.4)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.law.index_no import DEFAULT_TEMPLATE, format_index_no, parse_index_no, validate_template

USCC = "11441700007280420Y"


def test_default_template():
    assert DEFAULT_TEMPLATE == "{uscc}/{YYYY}-{NNNNN}"
    assert validate_template(DEFAULT_TEMPLATE) == DEFAULT_TEMPLATE


def test_domain_example():
    assert format_index_no(DEFAULT_TEMPLATE, uscc=USCC, year=2021, serial=50) == "11441700007280420Y/2021-00050"


def test_organisation_code_of_older_central_documents():
    assert format_index_no(DEFAULT_TEMPLATE, uscc="000014349", year=2017, serial=110) == "000014349/2017-00110"


def test_uscc_is_normalised():
    assert format_index_no(DEFAULT_TEMPLATE, uscc=" １１４４１７００００７２８０４２０ｙ ", year=2021,
                           serial=1) == "11441700007280420Y/2021-00001"


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("{uscc}/{YYYY}-{NNN}", "11441700007280420Y/2021-050"),
        ("{uscc}/{YYYY}-{NNNN}", "11441700007280420Y/2021-0050"),
        ("{uscc}/{YYYY}-{NNNNNN}", "11441700007280420Y/2021-000050"),
        ("{uscc}/{YYYY}-{NNNNNNNN}", "11441700007280420Y/2021-00000050"),
        ("{code}-{YY}-{NNNN}", "lc-gov-21-0050"),
        ("{code}{YYYY}{NNNNN}", "lc-gov202100050"),
        ("GK/{uscc}/{code}/{YYYY}/{NNN}", "GK/11441700007280420Y/lc-gov/2021/050"),
        ("{YYYY}-{NNNNN}", "2021-00050"),
        ("{NNNNN}/{YY}", "00050/21"),
        ("索引{YYYY}第{NNNNN}号", "索引2021第00050号"),
    ],
)
def test_placeholders(template, expected):
    assert format_index_no(template, uscc=USCC, year=2021, serial=50, agency_code="lc-gov") == expected


def test_yy_is_zero_padded():
    assert format_index_no("{YY}-{NNN}", uscc="", year=2005, serial=1) == "05-001"
    assert format_index_no("{YY}-{NNN}", uscc="", year=2000, serial=1) == "00-001"


def test_serial_that_fills_the_width_exactly():
    assert format_index_no(DEFAULT_TEMPLATE, uscc=USCC, year=2021, serial=99999).endswith("-99999")


@pytest.mark.parametrize(
    ("template", "fragment"),
    [
        ("{uscc}/{YYYY}", "序号"),
        ("{uscc}-{NNNNN}", "年份"),
        ("{uscc}", "序号"),
        ("", "不能为空"),
        ("   ", "不能为空"),
        ("{uscc}/{YYYY}-{NN}", "3至8个N"),
        ("{uscc}/{YYYY}-{NNNNNNNNN}", "3至8个N"),
        ("{uscc}/{YYY}-{NNNNN}", "无法识别的占位符"),
        ("{uscc}/{yyyy}-{NNNNN}", "无法识别的占位符"),
        ("{USCC}/{YYYY}-{NNNNN}", "无法识别的占位符"),
        ("{uscc}/{YYYY}-{nnnnn}", "无法识别的占位符"),
        ("{}/{YYYY}-{NNNNN}", "无法识别的占位符"),
        ("{uscc/{YYYY}-{NNNNN}", "花括号"),
        ("{uscc}/{YYYY}-{NNNNN}}", "花括号"),
        ("{uscc}/{YYYY}-{NNNNN}-{NNN}", "只能有一个序号"),
    ],
)
def test_invalid_templates(template, fragment):
    with pytest.raises(ValueError) as info:
        validate_template(template)
    assert fragment in str(info.value)
    with pytest.raises(ValueError):
        format_index_no(template, uscc=USCC, year=2021, serial=1, agency_code="x")


def test_validate_template_rejects_non_strings():
    with pytest.raises(ValueError):
        validate_template(None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"serial": 100000}, "超出"),
        ({"serial": 0}, "正整数"),
        ({"serial": -1}, "正整数"),
        ({"serial": True}, "正整数"),
        ({"year": 21}, "4位"),
        ({"year": 10000}, "4位"),
        ({"year": "2021"}, "4位"),
        ({"uscc": ""}, "统一社会信用代码"),
        ({"uscc": "   "}, "统一社会信用代码"),
        ({"uscc": "1144 17"}, "空格"),
    ],
)
def test_invalid_values(kwargs, fragment):
    values = {"uscc": USCC, "year": 2021, "serial": 1} | kwargs
    with pytest.raises(ValueError) as info:
        format_index_no(DEFAULT_TEMPLATE, **values)
    assert fragment in str(info.value)


def test_code_placeholder_needs_agency_code():
    with pytest.raises(ValueError) as info:
        format_index_no("{code}/{YYYY}-{NNNNN}", uscc=USCC, year=2021, serial=1)
    assert "机关代码" in str(info.value)


def test_unused_values_are_not_required():
    assert format_index_no("{code}/{YYYY}-{NNNNN}", uscc="", year=2021, serial=1, agency_code="A") == "A/2021-00001"


def test_parse_domain_examples():
    assert parse_index_no(DEFAULT_TEMPLATE, "11441700007280420Y/2021-00050") == {
        "uscc": USCC, "year": 2021, "serial": 50,
    }
    assert parse_index_no(DEFAULT_TEMPLATE, "000014349/2017-00110") == {"uscc": "000014349", "year": 2017, "serial": 110}


def test_parse_yy_and_code():
    assert parse_index_no("{code}-{YY}-{NNNN}", "lc-gov-21-0050") == {"code": "lc-gov", "year": 2021, "serial": 50}


@pytest.mark.parametrize("value", ["", "11441700007280420Y/2021-0050", "11441700007280420Y/21-00050", "/2021-00050",
                                   "11441700007280420Y/2021-00050x", "11441700007280420Y 2021-00050"])
def test_parse_rejects_values_that_do_not_fit(value):
    assert parse_index_no(DEFAULT_TEMPLATE, value) is None


@given(
    st.sampled_from([DEFAULT_TEMPLATE, "{code}-{YY}-{NNNN}", "{uscc}.{code}.{YYYY}.{NNNNNNNN}", "{YYYY}{NNN}"]),
    st.integers(2000, 2099),
    st.integers(1, 999),
)
def test_format_then_parse(template, year, serial):
    value = format_index_no(template, uscc=USCC, year=year, serial=serial, agency_code="gov")
    parts = parse_index_no(template, value)
    assert parts["year"] == year and parts["serial"] == serial


@given(st.integers(1, 99998))
def test_serial_order_is_text_order(serial):
    a = format_index_no(DEFAULT_TEMPLATE, uscc=USCC, year=2021, serial=serial)
    b = format_index_no(DEFAULT_TEMPLATE, uscc=USCC, year=2021, serial=serial + 1)
    assert a < b and len(a) == len(b)
