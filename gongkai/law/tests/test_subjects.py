"""Tests for gongkai.law.subjects (domain.md 8)."""

from __future__ import annotations

import pytest

from gongkai.law.subjects import (
    LEGACY_NAMES,
    SEPARATOR,
    TAXONOMY,
    TOP_LEVEL,
    all_paths,
    is_valid_subject,
    normalize_subject,
    split,
    subclasses,
)

# Domain 8, in order: top-level class → number of sub-classes.
EXPECTED_COUNTS = [
    ("国务院组织机构", 10),
    ("综合政务", 9),
    ("国民经济管理、国有资产监管", 7),
    ("财政、金融、审计", 9),
    ("国土资源、能源", 8),
    ("农业、林业、水利", 4),
    ("工业、交通", 12),
    ("商贸、海关、旅游", 6),
    ("市场监管、安全生产监管", 6),
    ("城乡建设、环境保护", 6),
    ("科技、教育", 4),
    ("文化、广电、新闻出版", 5),
    ("卫生、体育", 4),
    ("人口与计划生育、妇女儿童工作", 3),
    ("劳动、人事、监察", 7),
    ("公安、安全、司法", 4),
    ("民政、乡村振兴、救灾", 7),
    ("民族、宗教", 2),
    ("对外事务", 3),
    ("港澳台侨工作", 3),
    ("国防", 2),
    ("其他", 0),
]


def test_twenty_two_top_level_classes_in_order():
    assert len(TAXONOMY) == 22
    assert TOP_LEVEL == tuple(name for name, _ in EXPECTED_COUNTS)
    assert len(set(TOP_LEVEL)) == 22


@pytest.mark.parametrize(("name", "count"), EXPECTED_COUNTS)
def test_subclass_counts(name, count):
    assert len(subclasses(name)) == count
    assert len(set(subclasses(name))) == count


def test_exact_labels_and_order_of_some_classes():
    table = dict(TAXONOMY)
    assert table["卫生、体育"] == ("卫生", "医药管理", "体育", "其他")
    assert table["财政、金融、审计"][3] == "货币(含外汇)"
    assert table["工业、交通"][5] == "信息产业(含电信)"
    assert table["商贸、海关、旅游"][1] == "国内贸易(含供销)"
    assert table["城乡建设、环境保护"][1] == "城乡建设(含住房)"
    assert table["城乡建设、环境保护"][4] == "气象、水文、测绘、地震"
    assert table["农业、林业、水利"][0] == "农业、畜牧业、渔业"
    assert table["民政、乡村振兴、救灾"] == ("减灾救灾", "优抚安置", "社会福利", "行政区划与地名", "社团管理", "扶贫", "其他")
    assert table["民族、宗教"] == ("民族事务", "宗教事务")
    assert table["港澳台侨工作"] == ("港澳工作", "对台工作", "侨务工作")
    assert table["国防"] == ("国防建设", "国防动员")
    assert table["其他"] == ()


def test_labels_use_the_chinese_enumeration_comma_and_no_spaces():
    for name, subs in TAXONOMY:
        for label in (name, *subs):
            assert "," not in label and "，" not in label and " " not in label
            assert not set(label) & set("\\/>")
    assert "、" in TOP_LEVEL[2]


def test_all_paths():
    paths = all_paths()
    assert len(paths) == sum(count for _, count in EXPECTED_COUNTS) + 1 == 122
    assert paths[0] == "国务院组织机构\\国务院"
    assert paths[-1] == "其他"
    assert "卫生、体育\\医药管理" in paths
    assert "卫生、体育" not in paths  # has sub-classes: only leaves are listed
    assert len(set(paths)) == len(paths)
    assert all(normalize_subject(p, require_leaf=True) == p for p in paths)


def test_legacy_name():
    assert LEGACY_NAMES == {"民政、扶贫、救灾": "民政、乡村振兴、救灾"}
    assert "民政、扶贫、救灾" not in TOP_LEVEL
    assert normalize_subject("民政、扶贫、救灾") == "民政、乡村振兴、救灾"
    assert normalize_subject("民政、扶贫、救灾\\扶贫") == "民政、乡村振兴、救灾\\扶贫"
    assert normalize_subject("民政、扶贫、救灾/社会福利") == "民政、乡村振兴、救灾\\社会福利"
    assert subclasses("民政、扶贫、救灾") == subclasses("民政、乡村振兴、救灾")
    assert split("民政、扶贫、救灾>其他") == ("民政、乡村振兴、救灾", "其他")


@pytest.mark.parametrize(
    "raw",
    [
        "卫生、体育\\医药管理",
        "卫生、体育/医药管理",
        "卫生、体育>医药管理",
        "卫生、体育 / 医药管理",
        " 卫生、体育 > 医药管理 ",
        "卫生、体育／医药管理",
        "卫生、体育＼医药管理",
        "卫生、体育＞医药管理",
        "卫生、 体育\u3000\\\u3000医药 管理",
    ],
)
def test_separators_and_spaces(raw):
    assert normalize_subject(raw) == "卫生、体育\\医药管理"


def test_full_width_parentheses_match():
    assert normalize_subject("财政、金融、审计/货币（含外汇）") == "财政、金融、审计\\货币(含外汇)"


def test_bare_top_level():
    assert normalize_subject("其他") == "其他"
    assert normalize_subject("其他", require_leaf=True) == "其他"
    assert normalize_subject("卫生、体育") == "卫生、体育"
    assert normalize_subject("卫生、体育/") == "卫生、体育"
    with pytest.raises(ValueError) as info:
        normalize_subject("卫生、体育", require_leaf=True)
    assert "二级分类" in str(info.value)


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("", "请选择"),
        (None, "请选择"),
        ("   ", "请选择"),
        ("不存在的分类", "没有一级分类"),
        ("医药管理", "没有一级分类"),
        ("卫生、体育\\不存在", "没有二级分类"),
        ("卫生、体育\\体育\\足球", "两级"),
        ("其他\\其他", "没有二级分类"),
        ("卫生,体育\\医药管理", "没有一级分类"),
        ("/医药管理", "没有一级分类"),
    ],
)
def test_unknown_subjects_raise_chinese_value_error(raw, fragment):
    with pytest.raises(ValueError) as info:
        normalize_subject(raw)
    assert fragment in str(info.value)
    assert not is_valid_subject(raw)


def test_is_valid_subject():
    assert is_valid_subject("国防/国防动员")
    assert is_valid_subject("国防")
    assert not is_valid_subject("国防", require_leaf=True)


def test_split():
    assert SEPARATOR == "\\"
    assert split("卫生、体育\\医药管理") == ("卫生、体育", "医药管理")
    assert split("其他") == ("其他", None)
    assert split("卫生、体育") == ("卫生、体育", None)
    assert split("综合政务 / 参事、文史") == ("综合政务", "参事、文史")
    with pytest.raises(ValueError):
        split("没有")


def test_subclasses_unknown():
    with pytest.raises(ValueError):
        subclasses("没有")
