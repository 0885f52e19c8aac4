"""The statutory catalogue (公开目录) as data: Art. 20 and 21 items, the 26 grassroots pilot areas,
and the vocabularies and column layout of the 基层政务公开标准目录 (国办发〔2019〕54号).

Pure standard-library module: no Django import. See docs/domain.md 6.1 and 6.3.

Labels are reproduced character for character from the domain reference. The ``normalize_*``
and :func:`parse_channels` helpers accept the spellings found in imported spreadsheets and
return the canonical label, or raise ValueError with a Chinese message.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = [
    "StatutoryItem",
    "ARTICLE_20",
    "ARTICLE_21_CITY_COUNTY",
    "ARTICLE_21_TOWNSHIP",
    "GRASSROOTS_AREAS",
    "PROCESS_STAGES",
    "CHANNELS",
    "CHANNEL_SEPARATOR",
    "AUDIENCES",
    "MANNERS",
    "LEVELS",
    "TIME_LIMIT_EXAMPLES",
    "STANDARD_CATALOGUE_COLUMNS",
    "EXTRA_CATALOGUE_COLUMNS",
    "article_20_item",
    "column_key",
    "parse_channels",
    "format_channels",
    "normalize_channel",
    "normalize_process_stage",
    "normalize_audience",
    "normalize_manner",
    "normalize_level",
    "parse_levels",
    "lead_unit",
]


class StatutoryItem(NamedTuple):
    """An item of Art. 20: its code (``（一）``) and content."""

    code: str
    title: str


# Art. 20: the 15 items every organ discloses proactively; the default sub-tree of 法定主动公开内容.
ARTICLE_20: tuple[StatutoryItem, ...] = (
    StatutoryItem("（一）", "行政法规、规章和规范性文件"),
    StatutoryItem("（二）", "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"),
    StatutoryItem("（三）", "国民经济和社会发展规划、专项规划、区域规划及相关政策"),
    StatutoryItem("（四）", "国民经济和社会发展统计信息"),
    StatutoryItem("（五）", "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果"),
    StatutoryItem(
        "（六）", "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定"
    ),
    StatutoryItem("（七）", "财政预算、决算信息"),
    StatutoryItem("（八）", "行政事业性收费项目及其依据、标准"),
    StatutoryItem("（九）", "政府集中采购项目的目录、标准及实施情况"),
    StatutoryItem("（十）", "重大建设项目的批准和实施情况"),
    StatutoryItem("（十一）", "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"),
    StatutoryItem("（十二）", "突发公共事件的应急预案、预警信息及应对情况"),
    StatutoryItem("（十三）", "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"),
    StatutoryItem("（十四）", "公务员招考的职位、名额、报考条件等事项以及录用结果"),
    StatutoryItem("（十五）", "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息"),
)

# Art. 21: governments of districted cities and counties, and their departments, also disclose these.
ARTICLE_21_CITY_COUNTY: tuple[str, ...] = (
    "市政建设", "公共服务", "公益事业", "土地征收", "房屋征收", "治安管理", "社会救助",
)
# Art. 21: township governments also disclose these.
ARTICLE_21_TOWNSHIP: tuple[str, ...] = (
    "贯彻落实农业农村政策", "农田水利工程建设运营", "农村土地承包经营权流转", "宅基地使用情况审核",
    "土地征收", "房屋征收", "筹资筹劳", "社会救助",
)

# 国办发〔2019〕54号: the 26 pilot areas with standard catalogues for grassroots governments.
GRASSROOTS_AREAS: tuple[str, ...] = (
    "城乡规划", "重大建设项目", "公共资源交易", "财政预决算", "安全生产", "税收管理", "征地补偿",
    "国有土地上房屋征收与补偿", "农村危房改造", "城市综合执法", "扶贫", "救灾", "社会救助", "养老服务",
    "户籍管理", "涉农补贴", "义务教育", "卫生健康", "生态环境", "公共文化服务", "公共法律服务", "就业",
    "社会保险", "食品药品监管", "保障性住房", "市政服务",
)

# Domain 6.3, field 过程 (optional).
PROCESS_STAGES: tuple[str, ...] = ("决策", "执行", "管理", "服务", "结果")

# Domain 6.3, field 公开渠道和载体 (multi-select). Three labels contain a slash themselves.
CHANNELS: tuple[str, ...] = (
    "政府网站",
    "政府公报",
    "两微一端",
    "发布会/听证会",
    "广播电视",
    "纸质媒体",
    "公开查阅点",
    "政务服务中心",
    "便民服务站",
    "入户/现场",
    "社区/企事业单位/村公示栏（电子屏）",
    "精准推送",
    "12345热线",
    "其他",
)
# How several channels are written in one spreadsheet cell on export.
CHANNEL_SEPARATOR = "、"

# Domain 6.3, field 公开对象.
AUDIENCES: tuple[str, ...] = ("全社会", "特定群体")
# Domain 6.3, field 公开方式.
MANNERS: tuple[str, ...] = ("主动", "依申请")
# Domain 6.3, field 公开层级.
LEVELS: tuple[str, ...] = ("县级", "乡（镇）级", "村级")

# Domain 6.3, field 公开时限: common values offered as presets; free text is allowed.
TIME_LIMIT_EXAMPLES: tuple[str, ...] = ("自该信息形成或者变更之日起20个工作日内", "实时公开", "及时公开")

# Column layout for XLSX import and export of a 标准目录, in order: (key, Chinese header).
STANDARD_CATALOGUE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("seq", "序号"),
    ("process", "过程"),
    ("item_l1", "一级事项"),
    ("item_l2", "二级事项"),
    ("item_code", "事项代码"),
    ("elements", "公开内容（要素）"),
    ("basis", "公开依据"),
    ("time_limit", "公开时限"),
    ("responsible", "公开主体"),
    ("channels", "公开渠道和载体"),
    ("audience", "公开对象"),
    ("manner", "公开方式"),
    ("level", "公开层级"),
)
# Deeper levels of a 主动公开基本目录 (seed 002: 三级指标, 四级指标): read on import, written after the
# standard columns on export.
EXTRA_CATALOGUE_COLUMNS: tuple[tuple[str, str], ...] = (("item_l3", "三级事项"), ("item_l4", "四级事项"))

# ---------------------------------------------------------------------------
# Lenient matching of imported cells
# ---------------------------------------------------------------------------

# Full-width ASCII block → half-width, so （） and ／ compare equal to () and /.
_HALFWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_SPACE = re.compile(r"\s+")


def _key(s: str) -> str:
    """Comparison key: half-width, no whitespace, ASCII letters lowercased."""
    return _SPACE.sub("", str(s or "").translate(_HALFWIDTH)).lower()


def _lookup(labels, aliases: dict[str, str]) -> dict[str, str]:
    table = {_key(label): label for label in labels}
    table.update({_key(alias): label for alias, label in aliases.items()})
    return table


# Spellings seen in published catalogues → canonical channel (project convention; configurable).
_CHANNEL_ALIASES = {
    "门户网站": "政府网站",
    "政府门户网站": "政府网站",
    "网站": "政府网站",
    "公报": "政府公报",
    "两微一端": "两微一端",
    "政务新媒体": "两微一端",
    "新媒体": "两微一端",
    "微博": "两微一端",
    "政务微博": "两微一端",
    "微信": "两微一端",
    "政务微信": "两微一端",
    "微信公众号": "两微一端",
    "客户端": "两微一端",
    "两微一端一抖": "两微一端",
    "发布会": "发布会/听证会",
    "新闻发布会": "发布会/听证会",
    "听证会": "发布会/听证会",
    "广播": "广播电视",
    "电视": "广播电视",
    "报纸": "纸质媒体",
    "报刊": "纸质媒体",
    "查阅点": "公开查阅点",
    "政府信息公开查阅点": "公开查阅点",
    "政务服务大厅": "政务服务中心",
    "入户": "入户/现场",
    "现场": "入户/现场",
    "公示栏": "社区/企事业单位/村公示栏（电子屏）",
    "公开栏": "社区/企事业单位/村公示栏（电子屏）",
    "电子屏": "社区/企事业单位/村公示栏（电子屏）",
    "村公示栏": "社区/企事业单位/村公示栏（电子屏）",
    "社区公示栏": "社区/企事业单位/村公示栏（电子屏）",
    "村务公开栏": "社区/企事业单位/村公示栏（电子屏）",
    "社区/企事业单位/村公示栏": "社区/企事业单位/村公示栏（电子屏）",
    "社区/企事业单位/村公示栏电子屏": "社区/企事业单位/村公示栏（电子屏）",
    "12345": "12345热线",
    "12345政务服务热线": "12345热线",
    "政务服务热线": "12345热线",
    "热线": "12345热线",
    "其它": "其他",
}
_CHANNEL_TABLE = _lookup(CHANNELS, _CHANNEL_ALIASES)
# Separators between channels in one cell. "/" is handled apart: three labels contain it.
_CHANNEL_SPLIT = re.compile(r"[、,，;；\r\n]+")
_CHANNEL_ORDER = {label: i for i, label in enumerate(CHANNELS)}

_AUDIENCE_TABLE = _lookup(AUDIENCES, {"特定群众": "特定群体"})  # domain 6.3: importer accepts 特定群众
_MANNER_TABLE = _lookup(MANNERS, {"主动公开": "主动", "依申请公开": "依申请"})
_LEVEL_TABLE = _lookup(LEVELS, {"县": "县级", "乡级": "乡（镇）级", "镇级": "乡（镇）级", "乡镇级": "乡（镇）级",
                                "乡（镇）": "乡（镇）级", "村": "村级"})
_PROCESS_TABLE = _lookup(PROCESS_STAGES, {})
_HEADER_TABLE = {_key(header): key for key, header in STANDARD_CATALOGUE_COLUMNS + EXTRA_CATALOGUE_COLUMNS}
_HEADER_TABLE.update({_key(key): key for key, _ in STANDARD_CATALOGUE_COLUMNS + EXTRA_CATALOGUE_COLUMNS})
# Headers as agencies write them (seed 002's 主动公开基本目录: 一级指标 … 四级指标 具体指标, 维护内容及要求,
# 责任主体, 时限要求及方式).
_HEADER_ALIASES = {
    "公开内容": "elements", "公开要素": "elements", "维护内容及要求": "elements", "维护内容": "elements",
    "具体内容": "elements",
    "一级指标": "item_l1", "二级指标": "item_l2", "三级指标": "item_l3", "四级指标": "item_l4",
    "四级指标具体指标": "item_l4", "具体指标": "item_l4",
    "责任主体": "responsible", "责任单位": "responsible", "责任科室": "responsible", "责任部门": "responsible",
    "公开责任主体": "responsible", "公开主体": "responsible",
    "时限要求": "time_limit", "公开时限": "time_limit", "时限要求及方式": "time_limit", "公开时限要求": "time_limit",
    "更新时限": "time_limit", "序号": "seq", "编号": "seq",
}
_HEADER_TABLE.update({_key(alias): key for alias, key in _HEADER_ALIASES.items()})


def article_20_item(code: str) -> StatutoryItem:
    """The Art. 20 item with this code; ``（一）`` and ``(一)`` are both accepted."""
    wanted = _key(code)
    for item in ARTICLE_20:
        if _key(item.code) == wanted:
            return item
    raise ValueError(f"条例第二十条没有第{code}项")


def column_key(header: str) -> str | None:
    """The column key of an XLSX header cell, or ``None`` if it is not a catalogue column.

    Tolerates full-width/half-width parentheses and spaces (``公开内容(要素)`` → ``elements``).
    """
    return _HEADER_TABLE.get(_key(header))


def normalize_channel(s: str) -> str:
    """The canonical label of one channel; ValueError (Chinese) if unknown."""
    label = _CHANNEL_TABLE.get(_key(s))
    if label is None:
        raise ValueError(f"无法识别的公开渠道和载体：{str(s).strip()}（可选：{CHANNEL_SEPARATOR.join(CHANNELS)}）")
    return label


def _channels_of_chunk(chunk: str) -> tuple[list[str], list[str]]:
    """Split one chunk on "/" greedily, keeping the labels that contain a slash whole."""
    whole = _CHANNEL_TABLE.get(_key(chunk))
    if whole:
        return [whole], []
    parts = [p for p in _key(chunk).split("/")]
    found: list[str] = []
    unknown: list[str] = []
    i = 0
    while i < len(parts):
        # Longest run of slash-separated parts that is a known label or alias.
        for j in range(len(parts), i, -1):
            label = _CHANNEL_TABLE.get("/".join(parts[i:j]))
            if label:
                found.append(label)
                i = j
                break
        else:
            if parts[i]:
                unknown.append(parts[i])
            i += 1
    return found, unknown


def parse_channels(cell: str | None) -> list[str]:
    """Parse a 公开渠道和载体 cell into canonical labels, in the order of :data:`CHANNELS`.

    Channels are separated by 、 ， , ; ； / or line breaks; ``发布会/听证会``, ``入户/现场`` and
    ``社区/企事业单位/村公示栏（电子屏）`` stay one channel each. Close variants (``微信``,
    ``新闻发布会``, ``12345政务服务热线`` …) map to their channel. Raises ValueError listing the
    unknown names. An empty cell gives ``[]``.
    """
    found: set[str] = set()
    unknown: list[str] = []
    for chunk in _CHANNEL_SPLIT.split(str(cell or "").translate(_HALFWIDTH)):
        if not _key(chunk):
            continue
        labels, bad = _channels_of_chunk(chunk)
        found.update(labels)
        unknown.extend(bad)
    if unknown:
        raise ValueError(
            f"无法识别的公开渠道和载体：{CHANNEL_SEPARATOR.join(unknown)}（可选：{CHANNEL_SEPARATOR.join(CHANNELS)}）"
        )
    return sorted(found, key=_CHANNEL_ORDER.__getitem__)


def format_channels(channels) -> str:
    """Write channels into one cell, in canonical order (the inverse of :func:`parse_channels`)."""
    labels = {normalize_channel(c) for c in channels}
    return CHANNEL_SEPARATOR.join(sorted(labels, key=_CHANNEL_ORDER.__getitem__))


def _normalize(s: str | None, table: dict[str, str], field: str, allowed) -> str:
    value = _key(s)
    if not value:
        raise ValueError(f"请填写{field}")
    label = table.get(value)
    if label is None:
        raise ValueError(f"{field}“{str(s).strip()}”无法识别（应为：{' / '.join(allowed)}）")
    return label


def normalize_process_stage(s: str | None) -> str:
    """过程 (optional): ``''`` for an empty cell, else one of :data:`PROCESS_STAGES`."""
    if not _key(s):
        return ""
    return _normalize(s, _PROCESS_TABLE, "过程", PROCESS_STAGES)


def normalize_audience(s: str | None) -> str:
    """公开对象: ``全社会`` or ``特定群体``; ``特定群众`` is read as ``特定群体`` (domain 6.3)."""
    return _normalize(s, _AUDIENCE_TABLE, "公开对象", AUDIENCES)


def normalize_manner(s: str | None) -> str:
    """公开方式: ``主动`` or ``依申请`` (``主动公开`` / ``依申请公开`` accepted)."""
    return _normalize(s, _MANNER_TABLE, "公开方式", MANNERS)


def normalize_level(s: str | None) -> str:
    """公开层级: ``县级``, ``乡（镇）级`` or ``村级`` (``乡镇级``, ``乡(镇)级`` … accepted)."""
    return _normalize(s, _LEVEL_TABLE, "公开层级", LEVELS)


def parse_levels(cell: str | None) -> list[str]:
    """Several 公开层级 in one cell (``县级、乡（镇）级``), in the order of :data:`LEVELS`; ``[]`` if empty."""
    order = {label: i for i, label in enumerate(LEVELS)}
    found = {normalize_level(part) for part in _CHANNEL_SPLIT.split(str(cell or "").translate(_HALFWIDTH))
             if _key(part)}
    return sorted(found, key=order.__getitem__)


# How the lead unit is named in a 责任主体 cell: ``政策法规科牵头，各发文科具体负责`` → 政策法规科.
_LEAD = re.compile(r"(牵头|负责|主办)")
_UNIT_SPLIT = re.compile(r"[，,、；;。\r\n]")


def lead_unit(cell: str | None) -> str:
    """The internal unit (科室) that owns a catalogue item, from its 责任主体 cell as agencies write it:
    the unit named before ``牵头`` (``办公室牵头，各科（室、组）配合`` → 办公室), else the first unit of a
    list (``组织人事科、办公室`` → 组织人事科); ``''`` for a blank cell."""
    text = str(cell or "").strip()
    first = _UNIT_SPLIT.split(text, 1)[0].strip()
    match = _LEAD.search(first)
    if match:
        first = first[: match.start()]
    first = first.removeprefix("由").strip()
    return first[:50]
