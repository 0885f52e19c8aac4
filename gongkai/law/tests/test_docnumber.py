"""Tests for gongkai.law.docnumber (domain.md 6.4, 7.6)."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from gongkai.law.docnumber import (
    _LEADING_WORDS,
    YEAR_MAX,
    YEAR_MIN,
    DocNo,
    doc_no_key,
    find_doc_nos,
    normalize_doc_no,
    parse_doc_no,
)

CANONICAL = "聊政发\u3014" + "2020\u30159号"

# ---------------------------------------------------------------------------
# DocNo
# ---------------------------------------------------------------------------


def test_str_uses_hexagonal_brackets_u3014_u3015():
    text = str(DocNo("聊政发", 2020, 9))
    assert text == "聊政发〔2020〕9号" == CANONICAL
    assert "\u3014" in text and "\u3015" in text


def test_str_without_year_uses_di():
    assert str(DocNo("国务院令", 0, 711)) == "国务院令第711号"


def test_key():
    assert DocNo("聊政发", 2020, 9).key == "聊政发|2020|9"
    assert DocNo("国务院令", 0, 711).key == "国务院令||711"


def test_frozen_and_hashable():
    d = DocNo("国办发", 2019, 54)
    with pytest.raises(AttributeError):
        d.serial = 55  # type: ignore[misc]
    assert {d, DocNo("国办发", 2019, 54)} == {d}


@pytest.mark.parametrize(
    ("prefix", "year", "serial", "fragment"),
    [
        ("", 2020, 9, "机关代字"),
        ("聊政发〔", 2020, 9, "机关代字"),
        ("聊 政发", 2020, 9, "机关代字"),
        ("9聊政发", 2020, 9, "机关代字"),
        ("聊政发9", 2020, 9, "机关代字"),
        ("部令2019年", 0, 1, "年份"),
        ("聊政发", 1948, 9, "年份"),
        ("聊政发", 2101, 9, "年份"),
        ("聊政发", 20, 9, "年份"),
        ("聊政发", 2020, 0, "序号"),
        ("聊政发", 2020, 1_000_000, "序号"),
        ("聊政发", 2020, True, "序号"),
        ("聊政发", "2020", 9, "年份"),
        ("政" * 33, 2020, 9, "32个以内"),
    ],
)
def test_invalid_parts_raise_chinese_value_error(prefix, year, serial, fragment):
    with pytest.raises(ValueError) as info:
        DocNo(prefix, year, serial)
    assert fragment in str(info.value)


# ---------------------------------------------------------------------------
# parse / normalize / key: every variant of domain 7.6
# ---------------------------------------------------------------------------

VARIANTS = [
    "聊政发〔2020〕9号",
    "聊政发[2020]9号",
    "聊政发［2020］9号",
    "聊政发(2020)9号",
    "聊政发（2020）9号",
    "聊政发【2020】9号",
    "聊政发﹝2020﹞9号",
    "聊政发〖2020〗9号",
    "聊政发〔2020〕第9号",
    "聊政发[2020]第9号",
    "聊政发（2020）第9号",
    "聊政发〔２０２０〕９号",
    "聊政发（２０２０）第９号",
    "聊政发〔2020〕9",
    "聊政发〔2020〕09号",
    "聊政发 〔2020〕 9 号",
    " 聊 政 发〔 2020 〕第 9 号 ",
    "聊政发\u3000〔2020〕\u30009号",
    "聊政发\t[2020]\n9号",
    "聊政发〔2020]9号",
    "聊政发2020年9号",
    "聊政发2020年第9号",
    "聊政发２０２０年第９号",
]


@pytest.mark.parametrize("variant", VARIANTS)
def test_all_variants_parse_to_the_same_document_number(variant):
    parsed = parse_doc_no(variant)
    assert parsed == DocNo("聊政发", 2020, 9)
    assert str(parsed) == CANONICAL
    assert normalize_doc_no(variant) == CANONICAL
    assert doc_no_key(variant) == "聊政发|2020|9"


def test_all_variants_share_one_key():
    assert len({doc_no_key(v) for v in VARIANTS}) == 1


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("国办发〔2019〕54号", DocNo("国办发", 2019, 54)),
        ("鲁政办字〔2021〕12号", DocNo("鲁政办字", 2021, 12)),
        ("京政发[2018]3号", DocNo("京政发", 2018, 3)),
        ("国办函〔2020〕109号", DocNo("国办函", 2020, 109)),
        ("国办公开办函〔2019〕60号", DocNo("国办公开办函", 2019, 60)),
        ("国办秘函〔2019〕19号", DocNo("国办秘函", 2019, 19)),
        ("国办发明电〔2024〕12号", DocNo("国办发明电", 2024, 12)),
        ("聊行审依复〔2025〕第16号", DocNo("聊行审依复", 2025, 16)),
        ("国家税务总局公告2019年第1号", DocNo("国家税务总局公告", 2019, 1)),
        ("交通运输部令2019年第1号", DocNo("交通运输部令", 2019, 1)),
        ("国务院令第711号", DocNo("国务院令", 0, 711)),
        ("国务院令 第 492 号", DocNo("国务院令", 0, 492)),
        ("中华人民共和国主席令第29号", DocNo("中华人民共和国主席令", 0, 29)),
        ("ＸＹ发〔2020〕1号", DocNo("XY发", 2020, 1)),
        ("A2B发〔2020〕1号", DocNo("A2B发", 2020, 1)),
        ("GB发(1949)999999号", DocNo("GB发", 1949, 999_999)),
        ("某发〔2100〕1号", DocNo("某发", 2100, 1)),
    ],
)
def test_prefixes_and_forms(raw, expected):
    assert parse_doc_no(raw) == expected


def test_yearless_form_renders_and_keys():
    assert normalize_doc_no("国务院令第 711 号") == "国务院令第711号"
    assert doc_no_key("国务院令第７１１号") == "国务院令||711"


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "",
        "   ",
        "hello",
        "2020年工作报告",
        "第5条",
        "〔2020〕9号",  # no prefix
        "聊政发",
        "聊政发〔2020〕",  # no serial
        "聊政发〔20〕9号",  # 2-digit year
        "聊政发〔1948〕9号",
        "聊政发〔2101〕9号",
        "聊政发〔2020〕0号",
        "聊政发〔2020〕1234567号",
        "聊政发20209号",  # ambiguous without brackets or 年
        "聊政发2020年9",  # without brackets, 号 is required
        "聊政发2020年9月",
        "国务院令711号",  # without a year, 第 is required
        "国务院令第711",  # … and so is 号
        "聊政发〔2020〕9号文",
        "关于聊政发〔2020〕9号的解读",  # free text: use find_doc_nos
        "11441700007280420Y/2021-00050",
        "2020-06-23",
        "聊政发〔二〇二〇〕九号",
        "聊政发〈2020〉9号",
    ],
)
def test_non_numbers_return_none(raw):
    assert parse_doc_no(raw) is None


def test_normalize_and_key_fall_back_to_cleaned_input():
    assert normalize_doc_no(None) == ""
    assert doc_no_key("") == ""
    assert normalize_doc_no(" 见 附件（一） ") == "见附件〔一〕"
    assert doc_no_key("聊政发〔二〇二〇〕九号") == doc_no_key("聊政发（二〇二〇）九号") == "聊政发〔二〇二〇〕九号"


def test_distinct_numbers_have_distinct_keys():
    keys = {
        doc_no_key("聊政发〔2020〕9号"),
        doc_no_key("聊政发〔2020〕19号"),
        doc_no_key("聊政发〔2021〕9号"),
        doc_no_key("聊政办发〔2020〕9号"),
        doc_no_key("聊政发第9号"),
    }
    assert len(keys) == 5


# ---------------------------------------------------------------------------
# Round trip (property)
# ---------------------------------------------------------------------------

_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
_LETTER = st.sampled_from("ABCXYZabcxyz")
_HEAD = st.one_of(_CJK, _LETTER)
_BODY = st.one_of(_CJK, _LETTER, st.sampled_from("0123456789"))


@st.composite
def doc_nos(draw):
    head = draw(_HEAD)
    middle = draw(st.lists(_BODY, max_size=8))
    tail = draw(st.lists(_HEAD, max_size=1))
    prefix = head + "".join(middle) + "".join(tail)
    if prefix[-1].isdigit():
        prefix += draw(_HEAD)
    year = draw(st.one_of(st.just(0), st.integers(YEAR_MIN, YEAR_MAX)))
    serial = draw(st.integers(1, 999_999))
    try:
        return DocNo(prefix, year, serial)
    except ValueError:
        # e.g. a generated prefix containing "2020年"
        return DocNo("聊政发", year, serial)


@given(doc_nos())
def test_round_trip(d):
    assert parse_doc_no(str(d)) == d
    assert str(parse_doc_no(str(d))) == str(d)
    assert doc_no_key(str(d)) == d.key


@given(doc_nos(), st.sampled_from(["[]", "［］", "()", "（）", "【】", "〔〕"]), st.booleans())
def test_round_trip_of_variants(d, brackets, di):
    if d.year == 0:
        return
    variant = f"{d.prefix}{brackets[0]}{d.year}{brackets[1]}{'第' if di else ''}{d.serial}号"
    assert parse_doc_no(variant) == d


@given(doc_nos())
def test_found_in_free_text(d):
    # Words of running text (关于, 印发, 的 …) are cut off a prefix candidate by design.
    assume(not any(word in d.prefix for word in _LEADING_WORDS))
    assert find_doc_nos(f"《关于印发某办法的通知》（{d}）") == [d]


# ---------------------------------------------------------------------------
# find_doc_nos
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("关于聊政发[2020]9号的解读", [DocNo("聊政发", 2020, 9)]),
        ("聊政发〔2020〕9号", [DocNo("聊政发", 2020, 9)]),
        ("关于印发聊政发（２０２０）第９号文件的通知", [DocNo("聊政发", 2020, 9)]),
        ("国务院办公厅关于印发…的通知（国办发〔2019〕54号）", [DocNo("国办发", 2019, 54)]),
        (
            "根据国办公开办函〔2021〕30号和国办函〔2020〕109号",
            [DocNo("国办公开办函", 2021, 30), DocNo("国办函", 2020, 109)],
        ),
        (
            "聊政发〔2020〕9号和聊政发〔2020〕10号",
            [DocNo("聊政发", 2020, 9), DocNo("聊政发", 2020, 10)],
        ),
        ("聊政发〔2020〕9号、聊政发[2020]9号", [DocNo("聊政发", 2020, 9)]),  # duplicates once
        ("条例（国务院令第711号）自2019年5月15日起施行", [DocNo("国务院令", 0, 711)]),
        ("根据国务院令第711号修订", [DocNo("国务院令", 0, 711)]),
        ("依据交通运输部令2019年第1号", [DocNo("交通运输部令", 2019, 1)]),
        ("聊政发〔2020〕9", [DocNo("聊政发", 2020, 9)]),
        ("同政发〔2020〕3号", [DocNo("同政发", 2020, 3)]),
        ("和政发〔2020〕1号", [DocNo("和政发", 2020, 1)]),
        ("聊政发 [2020] 9 号的政策解读", [DocNo("聊政发", 2020, 9)]),
        ("", []),
        (None, []),
        ("2020年9月", []),
        ("关于2020年9号台风的报告", []),
        ("第5条", []),
        ("〔2020〕9号", []),
        ("聊政发〔2020〕1234567号", []),
        ("索引号11441700007280420Y/2021-00050", []),
        ("聊政发〔1800〕9号", []),
    ],
)
def test_find_doc_nos(text, expected):
    assert find_doc_nos(text) == expected


def test_longest_prefix():
    assert parse_doc_no("政" * 32 + "〔2020〕9号") == DocNo("政" * 32, 2020, 9)
    assert parse_doc_no("政" * 33 + "〔2020〕9号") is None
    # In running text only the last 32 characters before the bracket can be the prefix.
    assert find_doc_nos("政" * 5000 + "〔2020〕9号") == [DocNo("政" * 32, 2020, 9)]
