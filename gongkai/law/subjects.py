"""主题分类: the two-level subject taxonomy of the policy library, as seed data.

Pure standard-library module: no Django import. See docs/domain.md 8 (and 6.4, 7.6).

There are 22 top-level classes. ``民政、扶贫、救灾`` was renamed ``民政、乡村振兴、救灾``; the
current name is the default and the importer maps the old one to it. Values are stored and
displayed as ``L1\\L2`` paths (``卫生、体育\\医药管理``); a class without sub-classes (``其他``) is
stored as its bare name. Labels are reproduced character for character from the domain
reference, including the ASCII parentheses of ``货币(含外汇)``.
"""

from __future__ import annotations

import re

__all__ = [
    "SEPARATOR",
    "TAXONOMY",
    "TOP_LEVEL",
    "LEGACY_NAMES",
    "all_paths",
    "subclasses",
    "normalize_subject",
    "is_valid_subject",
    "split",
]

SEPARATOR = "\\"

# Domain 8, in order. (top-level class, sub-classes)
TAXONOMY: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("国务院组织机构", (
        "国务院", "国务院办公厅", "国务院组成部门", "国务院直属特设机构", "国务院直属机构", "国务院办事机构",
        "国务院直属事业单位", "国务院部委管理的国家局", "国务院议事协调机构", "其他",
    )),
    ("综合政务", ("政务公开", "政务督查", "应急管理", "电子政务", "文秘工作", "保密工作", "信访", "参事、文史", "其他")),
    ("国民经济管理、国有资产监管", ("宏观经济", "经济体制改革", "统计", "物价", "国有资产监管", "重大建设项目", "其他")),
    ("财政、金融、审计", (
        "财政", "税务", "银行", "货币(含外汇)", "证券", "保险", "社会信用体系建设", "审计", "其他",
    )),
    ("国土资源、能源", ("土地", "矿产", "水资源", "海洋", "煤炭", "石油与天然气", "电力", "其他")),
    ("农业、林业、水利", ("农业、畜牧业、渔业", "林业", "水利", "其他")),
    ("工业、交通", (
        "机械制造与重工业", "轻工纺织", "化工", "国防工业", "航天、航空", "信息产业(含电信)", "公路", "水运", "铁路",
        "民航", "邮政", "其他",
    )),
    ("商贸、海关、旅游", ("对外经贸合作", "国内贸易(含供销)", "海关", "检验、检疫", "旅游", "其他")),
    ("市场监管、安全生产监管", ("工商", "质量监督", "标准", "食品药品监管", "安全生产监管", "其他")),
    ("城乡建设、环境保护", (
        "城市规划", "城乡建设(含住房)", "环境监测、保护与治理", "节能与资源综合利用", "气象、水文、测绘、地震", "其他",
    )),
    ("科技、教育", ("科技", "教育", "知识产权", "其他")),
    ("文化、广电、新闻出版", ("文化", "文物", "新闻出版", "广播、电影、电视", "其他")),
    ("卫生、体育", ("卫生", "医药管理", "体育", "其他")),
    ("人口与计划生育、妇女儿童工作", ("人口与计划生育", "妇女儿童", "其他")),
    ("劳动、人事、监察", ("劳动就业", "社会保障", "人事工作", "军转安置", "监察", "纠正行业不正之风", "其他")),
    ("公安、安全、司法", ("公安", "国家安全", "司法", "其他")),
    ("民政、乡村振兴、救灾", ("减灾救灾", "优抚安置", "社会福利", "行政区划与地名", "社团管理", "扶贫", "其他")),
    ("民族、宗教", ("民族事务", "宗教事务")),
    ("对外事务", ("外交、外事", "国际条约、国际组织", "其他")),
    ("港澳台侨工作", ("港澳工作", "对台工作", "侨务工作")),
    ("国防", ("国防建设", "国防动员")),
    ("其他", ()),
)

TOP_LEVEL: tuple[str, ...] = tuple(name for name, _ in TAXONOMY)

# Domain 8: old top-level name → current name.
LEGACY_NAMES: dict[str, str] = {"民政、扶贫、救灾": "民政、乡村振兴、救灾"}

_SUBCLASSES: dict[str, tuple[str, ...]] = dict(TAXONOMY)
# Accepted separators: \ (the stored form), / and >, in either width.
_SEPARATORS = re.compile(r"[\\/>]")
_SPACE = re.compile(r"\s+")
# Full-width ASCII block → half-width: （含外汇） matches (含外汇), ／＼＞ become separators.
_HALFWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}


def all_paths() -> list[str]:
    """Every leaf path in taxonomy order: ``L1\\L2``, or the bare ``L1`` of a class without sub-classes."""
    paths: list[str] = []
    for name, subs in TAXONOMY:
        if subs:
            paths.extend(f"{name}{SEPARATOR}{sub}" for sub in subs)
        else:
            paths.append(name)
    return paths


def subclasses(l1: str) -> tuple[str, ...]:
    """The sub-classes of a top-level class (the legacy name is accepted); ValueError if unknown."""
    return _SUBCLASSES[_top_level(_clean(l1))]


def _clean(s: str) -> str:
    return _SPACE.sub("", str(s or "").translate(_HALFWIDTH))


def _top_level(name: str) -> str:
    name = LEGACY_NAMES.get(name, name)
    if name not in _SUBCLASSES:
        raise ValueError(f"主题分类中没有一级分类“{name}”")
    return name


def normalize_subject(s: str, *, require_leaf: bool = False) -> str:
    """Return the stored form ``L1\\L2`` (or ``L1``) of a subject; ValueError (Chinese) if unknown.

    Spaces are dropped; ``/``, ``\\`` and ``>`` separate the levels; the legacy name
    ``民政、扶贫、救灾`` becomes ``民政、乡村振兴、救灾``. A bare top-level class that has
    sub-classes is accepted (e.g. for search filters) unless ``require_leaf`` is set.
    """
    value = _clean(s)
    if not value:
        raise ValueError("请选择主题分类")
    parts = _SEPARATORS.split(value)
    if len(parts) > 2:
        raise ValueError(f"主题分类只有两级，“{value}”的层级过多")
    l1 = _top_level(parts[0])
    subs = _SUBCLASSES[l1]
    if len(parts) == 1 or not parts[1]:
        if require_leaf and subs:
            raise ValueError(f"请选择“{l1}”下的二级分类")
        return l1
    l2 = parts[1]
    if l2 not in subs:
        if not subs:
            raise ValueError(f"主题分类“{l1}”没有二级分类")
        raise ValueError(f"主题分类“{l1}”下没有二级分类“{l2}”")
    return f"{l1}{SEPARATOR}{l2}"


def is_valid_subject(s: str, *, require_leaf: bool = False) -> bool:
    """True if :func:`normalize_subject` accepts ``s``."""
    try:
        normalize_subject(s, require_leaf=require_leaf)
    except ValueError:
        return False
    return True


def split(path: str) -> tuple[str, str | None]:
    """``split('卫生、体育\\医药管理') == ('卫生、体育', '医药管理')``; ``split('其他') == ('其他', None)``.

    The path is normalised first, so every accepted spelling works; ValueError if unknown.
    """
    l1, _, l2 = normalize_subject(path).partition(SEPARATOR)
    return l1, (l2 or None)
