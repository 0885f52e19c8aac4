"""Tests for gongkai.law.catalogue_items (domain.md 6.1, 6.3)."""

from __future__ import annotations

import pytest

from gongkai.law.catalogue_items import (
    ARTICLE_20,
    ARTICLE_21_CITY_COUNTY,
    ARTICLE_21_TOWNSHIP,
    AUDIENCES,
    CHANNELS,
    GRASSROOTS_AREAS,
    LEVELS,
    MANNERS,
    PROCESS_STAGES,
    STANDARD_CATALOGUE_COLUMNS,
    TIME_LIMIT_EXAMPLES,
    StatutoryItem,
    article_20_item,
    column_key,
    format_channels,
    normalize_audience,
    normalize_channel,
    normalize_level,
    normalize_manner,
    normalize_process_stage,
    parse_channels,
    parse_levels,
)

# ---------------------------------------------------------------------------
# Art. 20 and 21
# ---------------------------------------------------------------------------


def test_article_20_has_fifteen_items_with_codes_in_order():
    codes = "一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五".split()
    assert len(ARTICLE_20) == 15
    assert [item.code for item in ARTICLE_20] == [f"（{c}）" for c in codes]
    assert all(isinstance(item, StatutoryItem) for item in ARTICLE_20)


@pytest.mark.parametrize(
    ("index", "title"),
    [
        (0, "行政法规、规章和规范性文件"),
        (1, "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"),
        (2, "国民经济和社会发展规划、专项规划、区域规划及相关政策"),
        (3, "国民经济和社会发展统计信息"),
        (4, "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果"),
        (5, "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定"),
        (6, "财政预算、决算信息"),
        (7, "行政事业性收费项目及其依据、标准"),
        (8, "政府集中采购项目的目录、标准及实施情况"),
        (9, "重大建设项目的批准和实施情况"),
        (10, "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"),
        (11, "突发公共事件的应急预案、预警信息及应对情况"),
        (12, "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"),
        (13, "公务员招考的职位、名额、报考条件等事项以及录用结果"),
        (14, "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息"),
    ],
)
def test_article_20_titles(index, title):
    assert ARTICLE_20[index].title == title


def test_article_20_codes_use_full_width_parentheses():
    for item in ARTICLE_20:
        assert item.code.startswith("\uff08") and item.code.endswith("\uff09")


def test_article_20_item_lookup():
    assert article_20_item("（七）").title == "财政预算、决算信息"
    assert article_20_item("(十五)").code == "（十五）"
    with pytest.raises(ValueError) as info:
        article_20_item("（十六）")
    assert "第二十条" in str(info.value)


def test_article_21():
    assert ARTICLE_21_CITY_COUNTY == ("市政建设", "公共服务", "公益事业", "土地征收", "房屋征收", "治安管理", "社会救助")
    assert ARTICLE_21_TOWNSHIP == (
        "贯彻落实农业农村政策", "农田水利工程建设运营", "农村土地承包经营权流转", "宅基地使用情况审核",
        "土地征收", "房屋征收", "筹资筹劳", "社会救助",
    )


def test_grassroots_areas():
    assert len(GRASSROOTS_AREAS) == 26 == len(set(GRASSROOTS_AREAS))
    assert GRASSROOTS_AREAS[0] == "城乡规划"
    assert GRASSROOTS_AREAS[7] == "国有土地上房屋征收与补偿"
    assert GRASSROOTS_AREAS[-1] == "市政服务"
    assert "食品药品监管" in GRASSROOTS_AREAS


def test_vocabularies():
    assert PROCESS_STAGES == ("决策", "执行", "管理", "服务", "结果")
    assert AUDIENCES == ("全社会", "特定群体")
    assert MANNERS == ("主动", "依申请")
    assert LEVELS == ("县级", "乡（镇）级", "村级")
    assert TIME_LIMIT_EXAMPLES[0] == "自该信息形成或者变更之日起20个工作日内"


def test_channels_exact_labels():
    assert CHANNELS == (
        "政府网站", "政府公报", "两微一端", "发布会/听证会", "广播电视", "纸质媒体", "公开查阅点", "政务服务中心",
        "便民服务站", "入户/现场", "社区/企事业单位/村公示栏（电子屏）", "精准推送", "12345热线", "其他",
    )
    assert len(CHANNELS) == 14


def test_standard_catalogue_columns():
    assert [header for _, header in STANDARD_CATALOGUE_COLUMNS] == [
        "序号", "过程", "一级事项", "二级事项", "事项代码", "公开内容（要素）", "公开依据", "公开时限", "公开主体",
        "公开渠道和载体", "公开对象", "公开方式", "公开层级",
    ]
    keys = [key for key, _ in STANDARD_CATALOGUE_COLUMNS]
    assert len(set(keys)) == len(keys)
    assert all(key.isascii() and key.isidentifier() for key in keys)
    assert dict(STANDARD_CATALOGUE_COLUMNS)["channels"] == "公开渠道和载体"


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("序号", "seq"),
        ("公开内容（要素）", "elements"),
        ("公开内容(要素)", "elements"),
        (" 公开内容 （要素） ", "elements"),
        ("公开渠道和载体", "channels"),
        ("channels", "channels"),
        ("公开层级", "level"),
        ("备注", None),
        ("", None),
    ],
)
def test_column_key(header, key):
    assert column_key(header) == key


# ---------------------------------------------------------------------------
# parse_channels
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("", []),
        (None, []),
        ("  ", []),
        ("政府网站", ["政府网站"]),
        ("发布会/听证会", ["发布会/听证会"]),
        ("入户/现场", ["入户/现场"]),
        ("社区/企事业单位/村公示栏（电子屏）", ["社区/企事业单位/村公示栏（电子屏）"]),
        ("社区/企事业单位/村公示栏(电子屏)", ["社区/企事业单位/村公示栏（电子屏）"]),
        ("政府网站、政府公报", ["政府网站", "政府公报"]),
        ("政府公报，政府网站", ["政府网站", "政府公报"]),  # canonical order
        ("政府网站,政府公报;两微一端；精准推送", ["政府网站", "政府公报", "两微一端", "精准推送"]),
        ("政府网站\n政府公报\r\n12345热线", ["政府网站", "政府公报", "12345热线"]),
        ("政府网站/政府公报", ["政府网站", "政府公报"]),
        ("政府网站/发布会/听证会", ["政府网站", "发布会/听证会"]),
        ("发布会/听证会/政府网站", ["政府网站", "发布会/听证会"]),
        ("入户/现场/社区/企事业单位/村公示栏（电子屏）/精准推送",
         ["入户/现场", "社区/企事业单位/村公示栏（电子屏）", "精准推送"]),
        ("政府网站 、 政府公报", ["政府网站", "政府公报"]),
        ("政府网站、政府网站", ["政府网站"]),
        ("两微一端", ["两微一端"]),
        ("微博、微信、客户端", ["两微一端"]),
        ("政务新媒体", ["两微一端"]),
        ("新闻发布会", ["发布会/听证会"]),
        ("发布会、听证会", ["发布会/听证会"]),
        ("入户、现场", ["入户/现场"]),
        ("村务公开栏", ["社区/企事业单位/村公示栏（电子屏）"]),
        ("12345政务服务热线", ["12345热线"]),
        ("１２３４５热线", ["12345热线"]),
        ("政府门户网站、报纸、广播、电视", ["政府网站", "广播电视", "纸质媒体"]),
        ("其它", ["其他"]),
        ("政府网站、", ["政府网站"]),
    ],
)
def test_parse_channels(cell, expected):
    assert parse_channels(cell) == expected


@pytest.mark.parametrize(
    ("cell", "unknown"),
    [
        ("电报", "电报"),
        ("政府网站、电报", "电报"),
        ("政府网站/飞鸽传书", "飞鸽传书"),
        ("听证会/电报", "电报"),
    ],
)
def test_parse_channels_rejects_unknown_names(cell, unknown):
    with pytest.raises(ValueError) as info:
        parse_channels(cell)
    message = str(info.value)
    assert "无法识别的公开渠道和载体" in message and unknown in message
    assert "发布会/听证会" in message  # the allowed list is shown


def test_every_channel_round_trips():
    for label in CHANNELS:
        assert parse_channels(label) == [label]
        assert normalize_channel(label) == label
    assert parse_channels(format_channels(CHANNELS)) == list(CHANNELS)
    assert parse_channels("、".join(reversed(CHANNELS))) == list(CHANNELS)


def test_format_channels():
    assert format_channels(["政府公报", "政府网站", "微信"]) == "政府网站、政府公报、两微一端"
    assert format_channels([]) == ""
    with pytest.raises(ValueError):
        format_channels(["电报"])


# ---------------------------------------------------------------------------
# Other vocabularies
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("全社会", "全社会"), ("特定群体", "特定群体"), ("特定群众", "特定群体"), (" 特定群众 ", "特定群体")],
)
def test_normalize_audience(raw, expected):
    assert normalize_audience(raw) == expected


@pytest.mark.parametrize(("raw", "fragment"), [("", "请填写公开对象"), (None, "请填写公开对象"), ("群众", "无法识别")])
def test_normalize_audience_rejects(raw, fragment):
    with pytest.raises(ValueError) as info:
        normalize_audience(raw)
    assert fragment in str(info.value)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("主动", "主动"), ("主动公开", "主动"), ("依申请", "依申请"), ("依申请公开", "依申请")],
)
def test_normalize_manner(raw, expected):
    assert normalize_manner(raw) == expected


def test_normalize_manner_rejects():
    with pytest.raises(ValueError) as info:
        normalize_manner("不予公开")
    assert "公开方式" in str(info.value)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("县级", "县级"),
        ("乡（镇）级", "乡（镇）级"),
        ("乡(镇)级", "乡（镇）级"),
        ("乡镇级", "乡（镇）级"),
        ("镇级", "乡（镇）级"),
        ("村级", "村级"),
    ],
)
def test_normalize_level(raw, expected):
    assert normalize_level(raw) == expected


def test_normalize_level_rejects():
    with pytest.raises(ValueError):
        normalize_level("省级")


def test_parse_levels():
    assert parse_levels("村级、县级，乡镇级") == ["县级", "乡（镇）级", "村级"]
    assert parse_levels("") == []
    with pytest.raises(ValueError):
        parse_levels("县级、省级")


def test_normalize_process_stage_is_optional():
    assert normalize_process_stage("") == ""
    assert normalize_process_stage(None) == ""
    assert normalize_process_stage(" 决策 ") == "决策"
    with pytest.raises(ValueError) as info:
        normalize_process_stage("监督")
    assert "过程" in str(info.value)
