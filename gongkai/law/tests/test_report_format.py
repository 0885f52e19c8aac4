"""Tests for gongkai.law.report_format (domain.md 5.1–5.5 and 5.9)."""

from __future__ import annotations

import ast
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.law import outcomes
from gongkai.law import report_format as rf
from gongkai.law.report_format import (
    FORMAT_2019,
    FORMAT_2021,
    SCHEMA_2019,
    SCHEMA_2021,
    LayoutRow,
    UnknownFormat,
    cell_id,
    empty_tables,
    from_cells,
    get_cell,
    guess_format,
    is_table_missing,
    iter_cells,
    layout,
    match_column,
    match_column_label,
    match_row,
    match_row_label,
    normalize_label,
    parse_cell_id,
    publication_deadline,
    schema_for,
    schema_for_year,
    to_rows,
)

LAW = Path(__file__).resolve().parent.parent
BOTH = [FORMAT_2021, FORMAT_2019]

# ---------------------------------------------------------------------------
# Expected labels, copied character for character from domain.md 5.2–5.5 and 5.9
# ---------------------------------------------------------------------------

SECTION_TITLES = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]

APPLICATION_COLUMNS = [
    ("natural_person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("social_welfare", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other_org", "其他"),
    ("total", "总计"),
]

# (code, exact label, group label, outcome code)
APPLICATION_ROWS_2021 = [
    ("new", "一、本年新收政府信息公开申请数量", None, None),
    ("carried_in", "二、上年结转政府信息公开申请数量", None, None),
    ("disclosed", "（一）予以公开", None, "1"),
    ("partially_disclosed", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None, "2"),
    ("withheld_state_secret", "1.属于国家秘密", "（三）不予公开", "3.1"),
    ("withheld_law_prohibited", "2.其他法律行政法规禁止公开", "（三）不予公开", "3.2"),
    ("withheld_security_stability", "3.危及“三安全一稳定”", "（三）不予公开", "3.3"),
    ("withheld_third_party", "4.保护第三方合法权益", "（三）不予公开", "3.4"),
    ("withheld_internal_affairs", "5.属于三类内部事务信息", "（三）不予公开", "3.5"),
    ("withheld_process_info", "6.属于四类过程性信息", "（三）不予公开", "3.6"),
    ("withheld_enforcement_file", "7.属于行政执法案卷", "（三）不予公开", "3.7"),
    ("withheld_administrative_query", "8.属于行政查询事项", "（三）不予公开", "3.8"),
    ("unavailable_not_held", "1.本机关不掌握相关政府信息", "（四）无法提供", "4.1"),
    ("unavailable_needs_creation", "2.没有现成信息需要另行制作", "（四）无法提供", "4.2"),
    ("unavailable_unclear", "3.补正后申请内容仍不明确", "（四）无法提供", "4.3"),
    ("not_processed_petition", "1.信访举报投诉类申请", "（五）不予处理", "5.1"),
    ("not_processed_duplicate", "2.重复申请", "（五）不予处理", "5.2"),
    ("not_processed_publication", "3.要求提供公开出版物", "（五）不予处理", "5.3"),
    ("not_processed_excessive", "4.无正当理由大量反复申请", "（五）不予处理", "5.4"),
    ("not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息", "（五）不予处理", "5.5"),
    (
        "other_no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "（六）其他处理",
        "6.1",
    ),
    (
        "other_no_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "（六）其他处理",
        "6.2",
    ),
    ("other_other", "3.其他", "（六）其他处理", "6.3"),
    ("processed_total", "（七）总计", None, None),
    ("carried_out", "四、结转下年度继续办理", None, None),
]
APPLICATION_ROWS_2019 = [
    *APPLICATION_ROWS_2021[:20],
    ("other_processing", "（六）其他处理", None, "6"),
    *APPLICATION_ROWS_2021[23:],
]

ROW_CODES_2021 = (
    "new carried_in disclosed partially_disclosed withheld_state_secret withheld_law_prohibited "
    "withheld_security_stability withheld_third_party withheld_internal_affairs withheld_process_info "
    "withheld_enforcement_file withheld_administrative_query unavailable_not_held unavailable_needs_creation "
    "unavailable_unclear not_processed_petition not_processed_duplicate not_processed_publication "
    "not_processed_excessive not_processed_confirmation other_no_correction other_no_fee other_other "
    "processed_total carried_out"
).split()

REVIEW_COLUMNS = [
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
]
REVIEW_ROWS = [
    ("review", "行政复议"),
    ("suit_direct", "未经复议直接起诉"),
    ("suit_after_review", "复议后起诉"),
]

# (sub-table code, caption, [(column code, label)], [(row code, label)])
PROACTIVE_2021 = [
    (
        "art20_1",
        "第二十条第（一）项",
        [("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数")],
        [("rules", "规章"), ("normative_documents", "行政规范性文件")],
    ),
    ("art20_5", "第二十条第（五）项", [("decisions", "本年处理决定数量")], [("licensing", "行政许可")]),
    (
        "art20_6",
        "第二十条第（六）项",
        [("decisions", "本年处理决定数量")],
        [("penalties", "行政处罚"), ("enforcement", "行政强制")],
    ),
    (
        "art20_8",
        "第二十条第（八）项",
        [("amount_10k_yuan", "本年收费金额（单位：万元）")],
        [("fees", "行政事业性收费")],
    ),
]
_ITEMS = [("prior_items", "上一年项目数量"), ("change", "本年增/减"), ("decisions", "处理决定数量")]
PROACTIVE_2019 = [
    (
        "art20_1",
        "第二十条第（一）项",
        [("made", "本年新制作数量"), ("published", "本年新公开数量"), ("total_published", "对外公开总数量")],
        [("rules", "规章"), ("normative_documents", "规范性文件")],
    ),
    (
        "art20_5",
        "第二十条第（五）项",
        _ITEMS,
        [("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")],
    ),
    ("art20_6", "第二十条第（六）项", _ITEMS, [("penalties", "行政处罚"), ("enforcement", "行政强制")]),
    ("art20_8", "第二十条第（八）项", _ITEMS[:2], [("fees", "行政事业性收费")]),
    (
        "art20_9",
        "第二十条第（九）项",
        [("projects", "采购项目数量"), ("amount_10k_yuan", "采购总金额")],
        [("procurement", "政府集中采购")],
    ),
]


def _schema(fmt):
    return schema_for(fmt)


def _rows(fmt):
    return APPLICATION_ROWS_2021 if fmt == FORMAT_2021 else APPLICATION_ROWS_2019


def _proactive(fmt):
    return PROACTIVE_2021 if fmt == FORMAT_2021 else PROACTIVE_2019


# ---------------------------------------------------------------------------
# Purity and exports
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("module", ["report_format", "reconciliation"])
def test_imports_only_the_standard_library(module):
    # report_format is a package (issue 13): every one of its modules.
    paths = sorted((LAW / module).glob("*.py")) if (LAW / module).is_dir() else [LAW / f"{module}.py"]
    assert paths
    imported = set()
    for node in (n for p in paths for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, "use absolute imports"
            imported.add(node.module)
    outside = {
        name for name in imported if name.split(".")[0] not in sys.stdlib_module_names | {"__future__"}
    }
    assert all(name.startswith("gongkai.law.") for name in outside), outside
    assert not any(name.split(".")[0] == "django" for name in imported)


@pytest.mark.parametrize("module", ["report_format", "reconciliation"])
def test_all_is_complete(module):
    mod = __import__(f"gongkai.law.{module}", fromlist=["__all__"])
    assert len(set(mod.__all__)) == len(mod.__all__)
    for name in mod.__all__:
        assert hasattr(mod, name), name


# ---------------------------------------------------------------------------
# Formats and years
# ---------------------------------------------------------------------------


def test_format_constants():
    assert FORMAT_2021 == "2021"
    assert FORMAT_2019 == "2019_trial"
    assert rf.FORMATS == (FORMAT_2019, FORMAT_2021)
    assert "国办公开办函〔2021〕30号" in rf.FORMAT_DOCUMENTS[FORMAT_2021]
    assert "国办公开办函〔2019〕60号" in rf.FORMAT_DOCUMENTS[FORMAT_2019]
    assert SCHEMA_2021.format_version == FORMAT_2021 and SCHEMA_2021.first_year == 2021
    assert SCHEMA_2019.format_version == FORMAT_2019 and SCHEMA_2019.first_year == 2019
    assert SCHEMA_2021.document == rf.FORMAT_DOCUMENTS[FORMAT_2021]


def test_schema_for():
    assert schema_for("2021") is SCHEMA_2021
    assert schema_for("2019_trial") is SCHEMA_2019
    for bad in ("2019", "2020", "", None, 2021):
        with pytest.raises(UnknownFormat) as exc:
            schema_for(bad)
        assert isinstance(exc.value, ValueError)
        assert "未知的年度报告格式" in str(exc.value)


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2008, None),
        (2017, None),
        (2018, None),
        (2019, FORMAT_2019),
        (2020, FORMAT_2019),
        (2021, FORMAT_2021),
        (2022, FORMAT_2021),
        (2035, FORMAT_2021),
    ],
)
def test_schema_for_year(year, expected):
    assert rf.format_for_year(year) == expected
    schema = schema_for_year(year)
    if expected is None:
        assert schema is None
    else:
        assert schema is schema_for(expected)


def test_section_titles():
    assert list(rf.SECTION_TITLES) == SECTION_TITLES
    assert [key for key, _ in rf.SECTIONS] == [
        "overview",
        "proactive",
        "applications",
        "review_litigation",
        "problems",
        "other_matters",
    ]
    for fmt in BOTH:
        schema = _schema(fmt)
        assert schema.section_titles == tuple(SECTION_TITLES)
        assert [t.code for t in schema.tables] == ["proactive", "applications", "review_litigation"]
        assert [t.title for t in schema.tables] == SECTION_TITLES[1:4]


# ---------------------------------------------------------------------------
# Table 三
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", BOTH)
def test_application_columns(fmt):
    t = _schema(fmt).applications
    assert [(c.code, c.label) for c in t.columns] == APPLICATION_COLUMNS
    assert rf.APPLICANT_COLUMNS == tuple(code for code, _ in APPLICATION_COLUMNS[:6])
    assert rf.TOTAL == "total"
    assert all(c.unit == "件" and c.kind == rf.KIND_COUNT and not c.signed for c in t.columns)
    assert t.column("social_welfare").label_variants == ("社会组织",)


def test_header_labels():
    assert rf.NOTE_LABEL == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert rf.APPLICANT_HEADER == "申请人情况"
    assert rf.ORGANISATION_HEADER == "法人或其他组织"
    assert rf.INFO_CONTENT_LABEL == "信息内容"


@pytest.mark.parametrize("fmt", BOTH)
def test_application_rows(fmt):
    t = _schema(fmt).applications
    assert [(r.code, r.label, r.group_label, r.outcome) for r in t.rows] == _rows(fmt)
    for r in t.rows:
        assert r.columns == tuple(code for code, _ in APPLICATION_COLUMNS)
        assert r.is_leaf == (r.outcome is not None)
        if r.outcome and r.outcome != "6":
            leaf = outcomes.by_code(r.outcome)
            # Reused from gongkai.law.outcomes, not duplicated.
            assert (leaf.key, leaf.label, leaf.report_row) == (r.code, r.label, r.code)


def test_row_codes_match_the_issue():
    assert list(SCHEMA_2021.applications.row_codes) == ROW_CODES_2021
    trial = [c for c in ROW_CODES_2021 if c not in ("other_no_correction", "other_no_fee", "other_other")]
    trial.insert(trial.index("processed_total"), "other_processing")
    assert list(SCHEMA_2019.applications.row_codes) == trial


def test_leaf_rows():
    assert len(SCHEMA_2021.applications.leaf_rows) == 21
    assert [r.outcome for r in SCHEMA_2021.applications.leaf_rows] == [o.code for o in outcomes.LEAVES]
    assert len(SCHEMA_2019.applications.leaf_rows) == 19
    assert SCHEMA_2019.applications.leaf_rows[-1].code == "other_processing"


def test_leaf_row_lookup_by_outcome_code():
    t = SCHEMA_2021.applications
    assert t.row("withheld_state_secret").outcome == "3.1"
    assert t.row("withheld_security_stability").label == "3.危及“三安全一稳定”"
    assert "、" in t.row("other_no_correction").label and "，" not in t.row("other_no_correction").label
    assert "、" in t.row("other_no_fee").label
    with pytest.raises(KeyError):
        t.row("other_processing")
    with pytest.raises(KeyError):
        SCHEMA_2019.applications.row("other_other")
    with pytest.raises(KeyError):
        t.column("subtotal")


@pytest.mark.parametrize("fmt", BOTH)
def test_row_refs_and_full_labels(fmt):
    t = _schema(fmt).applications
    assert t.row("new").ref == "一"
    assert t.row("carried_in").ref == "二"
    assert t.row("disclosed").ref == "三（一）"
    assert t.row("partially_disclosed").ref == "三（二）"
    assert t.row("withheld_state_secret").ref == "三（三）1"
    assert t.row("unavailable_not_held").ref == "三（四）1"
    assert t.row("not_processed_confirmation").ref == "三（五）5"
    assert t.row("processed_total").ref == "三（七）"
    assert t.row("carried_out").ref == "四"
    assert t.row("unavailable_not_held").full_label == "（四）1.本机关不掌握相关政府信息"
    assert t.row("disclosed").full_label == "（一）予以公开"
    if fmt == FORMAT_2021:
        assert t.row("other_other").ref == "三（六）3"
        assert t.row("other_other").full_label == "（六）3.其他"
    else:
        assert t.row("other_processing").ref == "三（六）"


@pytest.mark.parametrize("fmt", BOTH)
def test_application_groups(fmt):
    t = _schema(fmt).applications
    spans = [(g.code, g.label, len(g.rows)) for g in t.groups]
    expected = [
        ("outcomes", "三、本年度办理结果", 22 if fmt == FORMAT_2021 else 20),
        ("withheld", "（三）不予公开", 8),
        ("unavailable", "（四）无法提供", 3),
        ("not_processed", "（五）不予处理", 5),
    ]
    if fmt == FORMAT_2021:
        expected.append(("other_processing", "（六）其他处理", 3))
    assert spans == expected
    assert t.group("outcomes").rows[0] == "disclosed"
    assert t.group("outcomes").rows[-1] == "processed_total"
    for g in t.groups[1:]:
        assert all(t.row(code).group == g.code for code in g.rows)
    with pytest.raises(KeyError):
        t.group("nope")


# ---------------------------------------------------------------------------
# Table 四
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", BOTH)
def test_review_litigation(fmt):
    t = _schema(fmt).review_litigation
    assert [(c.code, c.label) for c in t.columns] == REVIEW_COLUMNS
    assert [(r.code, r.label) for r in t.rows] == REVIEW_ROWS
    assert rf.REVIEW_PARTS == ("upheld", "corrected", "other", "pending")
    assert [(r.group, r.group_label) for r in t.rows] == [
        (None, None),
        ("litigation", "行政诉讼"),
        ("litigation", "行政诉讼"),
    ]
    assert t.group("litigation").label == "行政诉讼"
    assert len(t.cell_ids()) == 15


# ---------------------------------------------------------------------------
# Table 二
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", BOTH)
def test_proactive_subtables(fmt):
    t = _schema(fmt).proactive
    got = [
        (
            s.code,
            s.caption,
            [(c, t.column(c).label) for c in s.columns],
            [(r, t.row(r).label) for r in s.rows],
        )
        for s in t.subtables
    ]
    assert got == _proactive(fmt)
    for s in t.subtables:
        for code in s.rows:
            assert t.row(code).columns == s.columns
            assert t.row(code).subtable == s.code
    assert [r.code for r in t.rows] == [r for s in t.subtables for r in s.rows]
    assert t.subtable("art20_1").caption == "第二十条第（一）项"
    with pytest.raises(KeyError):
        t.subtable("art20_2")


def test_proactive_units():
    t = SCHEMA_2021.proactive
    fee = t.column("amount_10k_yuan")
    assert (fee.unit, fee.kind, fee.decimal_places, fee.signed) == ("万元", rf.KIND_AMOUNT, 2, False)
    assert all(t.column(c).kind == rf.KIND_COUNT for c in ("issued", "repealed", "in_force", "decisions"))
    trial = SCHEMA_2019.proactive
    assert trial.column("change").signed and trial.column("change").kind == rf.KIND_DELTA
    assert trial.column("prior_items").unit == "项"
    purchase = trial.column("amount_10k_yuan")
    assert (purchase.label, purchase.unit, purchase.kind, purchase.decimal_places) == (
        "采购总金额",
        "万元",
        rf.KIND_AMOUNT,
        2,
    )
    assert not any(c.signed for c in t.columns)


# ---------------------------------------------------------------------------
# Cells and data shape
# ---------------------------------------------------------------------------


def test_cell_ids():
    ids = SCHEMA_2021.cell_ids()
    assert len(ids) == len(set(ids)) == 10 + 25 * 7 + 15
    assert ids[0] == "proactive.rules.issued"
    assert "proactive.fees.amount_10k_yuan" in ids
    assert SCHEMA_2021.applications.cell_ids()[0] == "applications.new.natural_person"
    assert SCHEMA_2021.applications.cell_ids()[6] == "applications.new.total"
    assert SCHEMA_2021.review_litigation.cell_ids()[-1] == "review_litigation.suit_after_review.total"
    trial = SCHEMA_2019.cell_ids()
    assert len(trial) == len(set(trial)) == 22 + 23 * 7 + 15
    assert "applications.other_processing.total" in trial
    assert "proactive.procurement.amount_10k_yuan" in trial
    assert "proactive.fees.decisions" not in trial
    assert SCHEMA_2021.applications.has_cell("new", "total")
    assert not SCHEMA_2021.proactive.has_cell("licensing", "issued")


def test_cell_id_helpers():
    assert cell_id("applications", "new", "total") == "applications.new.total"
    assert parse_cell_id("applications.new.total") == ("applications", "new", "total")
    for bad in ("applications.new", "a..b", "a.b.c.d", ""):
        with pytest.raises(ValueError, match="单元格标识格式错误"):
            parse_cell_id(bad)


@pytest.mark.parametrize("fmt", BOTH)
def test_empty_tables(fmt):
    tables = empty_tables(fmt)
    schema = _schema(fmt)
    assert list(tables) == ["proactive", "applications", "review_litigation"]
    assert list(tables["applications"]) == list(schema.applications.row_codes)
    assert list(tables["review_litigation"]) == ["review", "suit_direct", "suit_after_review"]
    for t in schema.tables:
        for r in t.rows:
            assert tables[t.code][r.code] == dict.fromkeys(r.columns)
    assert [cid for cid, _ in iter_cells(tables)] == list(schema.cell_ids())
    # A fresh structure every time.
    tables["applications"]["new"]["total"] = 3
    assert empty_tables(fmt)["applications"]["new"]["total"] is None


def test_get_cell_is_tolerant():
    tables = {"applications": {"new": {"total": 4}}, "proactive": None, "review_litigation": {"review": 3}}
    assert get_cell(tables, "applications.new.total") == 4
    assert get_cell(tables, "applications.new.natural_person") is None
    assert get_cell(tables, "applications.carried_in.total") is None
    assert get_cell(tables, "proactive.rules.issued") is None
    assert get_cell(tables, "review_litigation.review.total") is None
    assert get_cell(None, "applications.new.total") is None


def test_iter_cells_in_schema_order_fills_absent_cells_with_none():
    tables = {"applications": {"new": {"total": 4}}}
    cells = list(iter_cells(tables, FORMAT_2021))
    assert [cid for cid, _ in cells] == list(SCHEMA_2021.cell_ids())
    assert dict(cells)["applications.new.total"] == 4
    assert sum(v is not None for _, v in cells) == 1
    # Without a format: what the mapping holds.
    assert list(iter_cells({"applications": {"new": {"total": 4}, "x": None}, "y": 3})) == [
        ("applications.new.total", 4)
    ]


def test_from_cells_round_trip():
    values = {cid: i for i, cid in enumerate(SCHEMA_2019.cell_ids())}
    tables = from_cells(values, FORMAT_2019)
    assert dict(iter_cells(tables, FORMAT_2019)) == values
    partial = from_cells([("applications.new.total", 5)], FORMAT_2021)
    assert partial["applications"]["new"]["total"] == 5
    assert partial["applications"]["new"]["natural_person"] is None
    with pytest.raises(ValueError, match="applications.other_processing.total"):
        from_cells({"applications.other_processing.total": 1}, FORMAT_2021)
    with pytest.raises(ValueError):
        from_cells({"proactive.fees.decisions": 1}, FORMAT_2021)


def test_to_rows():
    tables = empty_tables(FORMAT_2021)
    tables["applications"]["unavailable_not_held"]["total"] = 24
    tables["proactive"]["fees"]["amount_10k_yuan"] = Decimal("7730.28")
    rows = to_rows(tables, FORMAT_2021)
    assert len(rows) == 6 + 25 + 3
    by_code = {(r["table"], r["row"]): r for r in rows}
    held = by_code[("applications", "unavailable_not_held")]
    assert held["label"] == "1.本机关不掌握相关政府信息"
    assert held["full_label"] == "（四）1.本机关不掌握相关政府信息"
    assert held["group_label"] == "（四）无法提供"
    assert held["columns"] == [c for c, _ in APPLICATION_COLUMNS]
    assert held["column_labels"] == [label for _, label in APPLICATION_COLUMNS]
    assert held["values"] == [None] * 6 + [24]
    assert held["cell_ids"][-1] == "applications.unavailable_not_held.total"
    fees = by_code[("proactive", "fees")]
    assert fees["subtable"] == "第二十条第（八）项"
    assert fees["values"] == [Decimal("7730.28")]
    assert fees["column_labels"] == ["本年收费金额（单位：万元）"]
    only = to_rows(tables, FORMAT_2021, table="review_litigation")
    assert [r["row"] for r in only] == ["review", "suit_direct", "suit_after_review"]


def test_is_table_missing():
    assert is_table_missing({}, "applications", FORMAT_2021)
    assert is_table_missing({"applications": None}, "applications", FORMAT_2021)
    assert is_table_missing(empty_tables(FORMAT_2021), "applications", FORMAT_2021)
    assert not is_table_missing({"applications": {"new": {"total": 0}}}, "applications", FORMAT_2021)


def test_guess_format():
    assert guess_format(empty_tables(FORMAT_2021)) == FORMAT_2021
    assert guess_format(empty_tables(FORMAT_2019)) == FORMAT_2019
    assert guess_format({"applications": {"other_processing": {}}}) == FORMAT_2019
    assert guess_format({"proactive": {"rules": {"issued": 1}}}) == FORMAT_2021
    assert guess_format({"applications": {"new": {"total": 1}}}) is None
    assert guess_format(None) is None


# ---------------------------------------------------------------------------
# Label matching
# ---------------------------------------------------------------------------

_HALF = str.maketrans({"（": "(", "）": ")", "：": ":", "，": ",", "“": '"', "”": '"', "、": ","})


def _all_row_labels(fmt, table):
    t = _schema(fmt).table(table)
    return [(r.code, r.label) for r in t.rows]


def _cases():
    for fmt in BOTH:
        for table in rf.TABLES:
            for code, label in _all_row_labels(fmt, table):
                yield fmt, table, code, label


ROW_CASES = list(_cases())


@pytest.mark.parametrize(("fmt", "table", "code", "label"), ROW_CASES)
def test_every_exact_row_label_matches(fmt, table, code, label):
    m = match_row(label, table=table, format_version=fmt)
    assert (m.code, m.label, m.how, m.is_group) == (code, label, rf.MATCH_EXACT, False)
    assert match_row_label(label, table=table, format_version=fmt) == code
    assert _schema(fmt).table(table).match_row_label(label) == code
    # Padding is not a difference.
    assert match_row(f"  {label}\n", table=table, format_version=fmt).how == rf.MATCH_EXACT


@pytest.mark.parametrize(("fmt", "table", "code", "label"), ROW_CASES)
def test_row_label_variants_of_typography(fmt, table, code, label):
    half = label.translate(_HALF)
    spaced = " ".join(label)
    no_enumerator = normalize_label(label)
    straight = label.replace("“", '"').replace("”", '"')
    for text in {half, spaced, no_enumerator, straight, label.replace("、", "，")}:
        assert match_row_label(text, table=table, format_version=fmt) == code, text
        assert match_row_label(text, table=table) == code, text
    if half != label:
        assert match_row(half, table=table, format_version=fmt).how == rf.MATCH_NORMALIZED


@pytest.mark.parametrize("fmt", BOTH)
@pytest.mark.parametrize("table", rf.TABLES)
def test_listed_variants_match(fmt, table):
    t = _schema(fmt).table(table)
    for item in (*t.rows, *t.groups):
        for variant in item.label_variants:
            m = t.match_row(variant, groups=True)
            assert m is not None and m.code == item.code, variant
            assert m.how in (rf.MATCH_VARIANT, rf.MATCH_NORMALIZED)
    for column in t.columns:
        for variant in column.label_variants:
            m = t.match_column(variant)
            assert m is not None and m.code == column.code, variant
            assert m.how in (rf.MATCH_VARIANT, rf.MATCH_NORMALIZED)


@pytest.mark.parametrize("fmt", BOTH)
@pytest.mark.parametrize("table", rf.TABLES)
def test_labels_are_unambiguous(fmt, table):
    """No two codes share a normalised label or variant within one format and table."""
    t = _schema(fmt).table(table)
    for items in ((*t.rows, *t.groups), t.columns):
        seen: dict[str, str] = {}
        for item in items:
            label = getattr(item, "label", None)
            for text in (label, *item.label_variants):
                key = normalize_label(text)
                assert key, text
                # The 2021 group （六）其他处理 and the trial row share the code other_processing.
                assert seen.setdefault(key, item.code) == item.code, (text, seen[key], item.code)
    for s in t.subtables:
        assert t.match_row_label(s.caption, groups=True) == s.code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # Typography and layout noise seen in the seeds and testdata.
        ("(一) 予以公开", "disclosed"),
        ("(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)", "partially_disclosed"),
        ("（二）部分公开", "partially_disclosed"),
        ("1. 属于国家秘密", "withheld_state_secret"),
        ("1、属于国家秘密", "withheld_state_secret"),
        ("属于国家秘密", "withheld_state_secret"),
        ("3. 危及“三安全一稳定”", "withheld_security_stability"),
        ('3.危及"三安全一稳定"', "withheld_security_stability"),
        ("3.危及‘三安全一稳定’", "withheld_security_stability"),
        ("3.危及「三安全一稳定」", "withheld_security_stability"),
        ("3.危及三安全一稳定", "withheld_security_stability"),
        ("2.其他法律法规行政法规禁止公开", "withheld_law_prohibited"),
        ("2.其他法律行政止公开", "withheld_law_prohibited"),
        ("4. 保 护第 三方 合法 权益", "withheld_third_party"),
        ("5.要求行政机关确认或重新 出具已获取信息", "not_processed_confirmation"),
        ("1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请", "other_no_correction"),
        ("2.申请人逾期未按收费通知要求缴纳费用，行政机关不再处理其政府信息公开申请", "other_no_fee"),
        ("(七) 总计", "processed_total"),
        ("（七）总 计", "processed_total"),
        ("一、本年新收政府信息公 开申请数量", "new"),
        ("二、上年结转政府信息公开申请数量", "carried_in"),
        ("四、结转下年度继续办理", "carried_out"),
        ("３．其他", "other_other"),
    ],
)
def test_match_row_label_real_world(text, code):
    assert match_row_label(text, format_version=FORMAT_2021) == code


def test_match_row_label_is_format_aware():
    sixth = "（六）其他处理"
    assert match_row_label(sixth, format_version=FORMAT_2019) == "other_processing"
    assert match_row_label("(六) 其他处理", format_version=FORMAT_2019) == "other_processing"
    # In the 2021 format （六） is a group cell without numbers.
    assert match_row_label(sixth, format_version=FORMAT_2021) is None
    m = match_row(sixth, format_version=FORMAT_2021, groups=True)
    assert (m.code, m.is_group) == ("other_processing", True)
    # Both formats searched by default.
    assert match_row_label(sixth) == "other_processing"
    assert match_row_label("3.其他", format_version=FORMAT_2019) is None
    assert (
        match_row_label(
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", format_version=FORMAT_2019
        )
        is None
    )
    assert (
        match_row_label("规范性文件", table="proactive", format_version=FORMAT_2021) == "normative_documents"
    )
    assert match_row("规范性文件", table="proactive", format_version=FORMAT_2021).how == rf.MATCH_VARIANT
    assert match_row("规范性文件", table="proactive", format_version=FORMAT_2019).how == rf.MATCH_EXACT
    assert match_row("行政规范性文件", table="proactive", format_version=FORMAT_2019).how == rf.MATCH_VARIANT
    assert match_row_label("政府集中采购", table="proactive", format_version=FORMAT_2021) is None
    assert match_row_label("政府集中采购", table="proactive") == "procurement"
    assert (
        match_row_label("其他对外管理服务事项", table="proactive", format_version=FORMAT_2019)
        == "other_services"
    )


@pytest.mark.parametrize(
    ("text", "table", "fmt", "code"),
    [
        ("三、本年度办理结果", "applications", FORMAT_2021, "outcomes"),
        ("三、本年度办理结果", "applications", FORMAT_2019, "outcomes"),
        ("（三）不予公开", "applications", FORMAT_2021, "withheld"),
        ("(四) 无法提供", "applications", FORMAT_2019, "unavailable"),
        ("（五）不予处理", "applications", None, "not_processed"),
        ("行政诉讼", "review_litigation", FORMAT_2021, "litigation"),
        ("第二十条第（一）项", "proactive", FORMAT_2021, "art20_1"),
        ("第二十条第(五)项", "proactive", FORMAT_2021, "art20_5"),
        ("第二十条第（九）项", "proactive", FORMAT_2019, "art20_9"),
    ],
)
def test_group_labels(text, table, fmt, code):
    m = match_row(text, table=table, format_version=fmt, groups=True)
    assert m is not None and m.code == code and m.is_group
    assert match_row_label(text, table=table, format_version=fmt) is None


def test_group_caption_of_removed_subtable():
    assert (
        match_row_label("第二十条第（九）项", table="proactive", format_version=FORMAT_2021, groups=True)
        is None
    )


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("6.属于四类过程信息", "withheld_process_info"),
        ("1.本机关不掌握相关信息", "unavailable_not_held"),
        ("4.无正当理由大量重复申请", "not_processed_excessive"),
        ("2.没有现成信息需另行制作", "unavailable_needs_creation"),
    ],
)
def test_fuzzy_matching_is_opt_in(text, code):
    assert match_row_label(text, format_version=FORMAT_2021) is None
    m = match_row(text, format_version=FORMAT_2021, fuzzy=True)
    assert (m.code, m.how) == (code, rf.MATCH_FUZZY)


@pytest.mark.parametrize(
    "text",
    ["", "   ", None, "（一）", "合计", "其它", "总体情况", "申请人情况", "属于信息", "一、总体情况", "abc"],
)
def test_non_labels_do_not_match(text):
    assert match_row_label(text) is None
    assert match_row_label(text, fuzzy=True) is None


@pytest.mark.parametrize(
    ("text", "table", "fmt", "code"),
    [
        ("自然人", "applications", FORMAT_2021, "natural_person"),
        ("自 然人", "applications", FORMAT_2021, "natural_person"),
        ("商 业企 业", "applications", FORMAT_2021, "commercial"),
        ("社会组织", "applications", FORMAT_2021, "social_welfare"),
        ("社 会公 益组 织", "applications", FORMAT_2019, "social_welfare"),
        ("其他", "applications", FORMAT_2021, "other_org"),
        ("总 计", "applications", FORMAT_2021, "total"),
        ("合计", "applications", FORMAT_2021, "total"),
        ("结果 维持", "review_litigation", FORMAT_2021, "upheld"),
        ("其他 结果", "review_litigation", FORMAT_2019, "other"),
        ("尚未 审结", "review_litigation", None, "pending"),
        ("本年制发件数", "proactive", FORMAT_2021, "issued"),
        ("本年收费金额(单位:万元)", "proactive", FORMAT_2021, "amount_10k_yuan"),
        ("本年收费金额", "proactive", FORMAT_2021, "amount_10k_yuan"),
        ("处理决定数量", "proactive", FORMAT_2021, "decisions"),
        ("本年处理决定数量", "proactive", FORMAT_2019, "decisions"),
        ("上一年项目 数量", "proactive", FORMAT_2019, "prior_items"),
        ("本年增/减", "proactive", FORMAT_2019, "change"),
        ("本年增减", "proactive", FORMAT_2019, "change"),
        ("采购项目数 量", "proactive", FORMAT_2019, "projects"),
        ("采购总金额（万元）", "proactive", FORMAT_2019, "amount_10k_yuan"),
        ("采购总金额", "proactive", FORMAT_2019, "amount_10k_yuan"),
        ("本年新制作数量", "proactive", None, "made"),
    ],
)
def test_match_column_label(text, table, fmt, code):
    assert match_column_label(text, table=table, format_version=fmt) == code
    schema_table = _schema(fmt or FORMAT_2021).table(table)
    if fmt:
        assert schema_table.match_column_label(text) == code


@pytest.mark.parametrize("fmt", BOTH)
@pytest.mark.parametrize("table", rf.TABLES)
def test_every_exact_column_label_matches(fmt, table):
    for c in _schema(fmt).table(table).columns:
        m = match_column(c.label, table=table, format_version=fmt)
        assert (m.code, m.how) == (c.code, rf.MATCH_EXACT)
        assert match_column_label(c.label.translate(_HALF), table=table, format_version=fmt) == c.code


def test_column_matching_is_format_aware():
    assert match_column_label("本年制发件数", table="proactive", format_version=FORMAT_2019) is None
    assert match_column_label("采购项目数量", table="proactive", format_version=FORMAT_2021) is None
    assert match_column_label("法人或其他组织") is None
    assert match_column_label("信息内容", table="proactive") is None


def test_normalize_label():
    assert normalize_label("（六）其他处理") == "其他处理"
    assert normalize_label("三、本年度办理结果") == "本年度办理结果"
    assert normalize_label("3.危及“三安全一稳定”") == "危及三安全一稳定"
    assert normalize_label(" 总 计 ") == "总计"
    assert normalize_label("１．属于国家秘密") == "属于国家秘密"
    assert normalize_label("本年增/减") == "本年增减"
    assert normalize_label(None) == ""


def test_unknown_format_in_matching():
    with pytest.raises(UnknownFormat):
        match_row_label("规章", table="proactive", format_version="2019")
    with pytest.raises(KeyError):
        match_row_label("规章", table="narrative")


@given(
    st.sampled_from(ROW_CASES),
    st.lists(st.sampled_from([" ", "\u3000", "\t", "\n"]), max_size=4),
    st.booleans(),
)
def test_whitespace_anywhere_and_width_never_break_matching(case, spaces, half):
    fmt, table, code, label = case
    text = label.translate(_HALF) if half else label
    chars = list(text)
    for i, space in enumerate(spaces):
        chars.insert((i * 7) % (len(chars) + 1), space)
    assert match_row_label("".join(chars), table=table, format_version=fmt) == code


# ---------------------------------------------------------------------------
# Layout
# ---------------------------------------------------------------------------


def _grid(rows: tuple[LayoutRow, ...]):
    """Place the cells as a browser would; return (grid, width). Fails on overlap or ragged rows."""
    grid: dict[tuple[int, int], object] = {}
    for ri, row in enumerate(rows):
        ci = 0
        for cell in row.cells:
            while (ri, ci) in grid:
                ci += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    assert (ri + dr, ci + dc) not in grid, (ri, ci, cell)
                    grid[(ri + dr, ci + dc)] = cell
            ci += cell.colspan
    width = max(c for _, c in grid) + 1
    assert max(r for r, _ in grid) == len(rows) - 1, "a rowspan runs past the table"
    for ri in range(len(rows)):
        assert [c for r, c in sorted(grid) if r == ri] == list(range(width)), f"row {ri} is ragged"
    return grid, width


@pytest.mark.parametrize("fmt", BOTH)
@pytest.mark.parametrize("table", rf.TABLES)
def test_layout_is_a_rectangular_grid_with_every_cell_once(fmt, table):
    rows = layout(table, fmt)
    _, width = _grid(rows)
    assert width == {"proactive": 4, "applications": 10, "review_litigation": 15}[table]
    value_ids = [c.cell_id for r in rows for c in r.cells if c.kind == "value"]
    assert value_ids == list(_schema(fmt).table(table).cell_ids())
    for r in rows:
        for c in r.cells:
            assert (c.kind == "value") == (c.cell_id is not None)
            if c.kind != "value":
                assert c.text
    assert _schema(fmt).layout(table) == rows


@pytest.mark.parametrize("fmt", BOTH)
def test_applications_layout(fmt):
    rows = layout("applications", fmt)
    h1, h2, h3 = rf.header_rows("applications", fmt)
    assert [(c.text, c.colspan, c.rowspan) for c in h1.cells] == [
        ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3),
        ("申请人情况", 7, 1),
    ]
    assert [(c.text, c.colspan, c.rowspan) for c in h2.cells] == [
        ("自然人", 1, 2),
        ("法人或其他组织", 5, 1),
        ("总计", 1, 2),
    ]
    assert [c.text for c in h3.cells] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    body = {r.row: r for r in rows if not r.header}
    assert list(body) == list(_schema(fmt).applications.row_codes)
    labels = {
        r.row: [(c.text, c.colspan, c.rowspan) for c in r.cells if c.kind == "label"] for r in body.values()
    }
    outcome_span = 22 if fmt == FORMAT_2021 else 20
    assert labels["new"] == [("一、本年新收政府信息公开申请数量", 3, 1)]
    assert labels["disclosed"] == [("三、本年度办理结果", 1, outcome_span), ("（一）予以公开", 2, 1)]
    assert labels["withheld_state_secret"] == [("（三）不予公开", 1, 8), ("1.属于国家秘密", 1, 1)]
    assert labels["withheld_law_prohibited"] == [("2.其他法律行政法规禁止公开", 1, 1)]
    assert labels["unavailable_not_held"] == [("（四）无法提供", 1, 3), ("1.本机关不掌握相关政府信息", 1, 1)]
    assert labels["not_processed_petition"] == [("（五）不予处理", 1, 5), ("1.信访举报投诉类申请", 1, 1)]
    assert labels["processed_total"] == [("（七）总计", 2, 1)]
    assert labels["carried_out"] == [("四、结转下年度继续办理", 3, 1)]
    if fmt == FORMAT_2021:
        assert labels["other_no_correction"][0] == ("（六）其他处理", 1, 3)
    else:
        assert labels["other_processing"] == [("（六）其他处理", 2, 1)]
    group_spans = [
        c.rowspan
        for r in rows
        for c in r.cells
        if c.code in ("withheld", "unavailable", "not_processed", "other_processing")
        and c.kind == "label"
        and c.rowspan > 1
    ]
    assert group_spans == ([8, 3, 5, 3] if fmt == FORMAT_2021 else [8, 3, 5])


@pytest.mark.parametrize("fmt", BOTH)
def test_review_layout(fmt):
    rows = layout("review_litigation", fmt)
    assert len(rows) == 4
    h1, h2, h3, data = rows
    assert [(c.text, c.colspan, c.rowspan) for c in h1.cells] == [("行政复议", 5, 1), ("行政诉讼", 10, 1)]
    assert [(c.text, c.colspan, c.rowspan) for c in h2.cells] == [
        ("结果维持", 1, 2),
        ("结果纠正", 1, 2),
        ("其他结果", 1, 2),
        ("尚未审结", 1, 2),
        ("总计", 1, 2),
        ("未经复议直接起诉", 5, 1),
        ("复议后起诉", 5, 1),
    ]
    assert [c.text for c in h3.cells] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2
    assert all(r.header for r in (h1, h2, h3)) and not data.header
    assert len(data.cells) == 15


def test_proactive_layout_2021():
    rows = layout("proactive", FORMAT_2021)
    texts = [[(c.text or c.cell_id, c.colspan) for c in r.cells] for r in rows]
    assert texts[:4] == [
        [("第二十条第（一）项", 4)],
        [("信息内容", 1), ("本年制发件数", 1), ("本年废止件数", 1), ("现行有效件数", 1)],
        [
            ("规章", 1),
            ("proactive.rules.issued", 1),
            ("proactive.rules.repealed", 1),
            ("proactive.rules.in_force", 1),
        ],
        [
            ("行政规范性文件", 1),
            ("proactive.normative_documents.issued", 1),
            ("proactive.normative_documents.repealed", 1),
            ("proactive.normative_documents.in_force", 1),
        ],
    ]
    # A single-value column spans the three （一） columns (domain 5.3).
    assert texts[4:7] == [
        [("第二十条第（五）项", 4)],
        [("信息内容", 1), ("本年处理决定数量", 3)],
        [("行政许可", 1), ("proactive.licensing.decisions", 3)],
    ]
    assert texts[-2:] == [
        [("信息内容", 1), ("本年收费金额（单位：万元）", 3)],
        [("行政事业性收费", 1), ("proactive.fees.amount_10k_yuan", 3)],
    ]
    assert [
        r.cells[0].text for r in rf.header_rows("proactive", FORMAT_2021) if r.cells[0].kind == "caption"
    ] == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ]


def test_proactive_layout_trial():
    rows = layout("proactive", FORMAT_2019)
    texts = [[(c.text or c.cell_id, c.colspan) for c in r.cells] for r in rows]
    assert [("信息内容", 1), ("上一年项目数量", 1), ("本年增/减", 2)] in texts
    assert [("信息内容", 1), ("采购项目数量", 1), ("采购总金额", 2)] in texts
    assert texts[-3] == [("第二十条第（九）项", 4)]
    assert sum(1 for r in rows if r.cells[0].kind == "caption") == 5


def test_layout_unknown():
    with pytest.raises(UnknownFormat):
        layout("applications", "2019")
    with pytest.raises(KeyError):
        layout("narrative", FORMAT_2021)


# ---------------------------------------------------------------------------
# Deadlines (domain 5.1)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("department", date(2026, 1, 31)), ("township", date(2026, 1, 31)), ("government", date(2026, 3, 31))],
)
def test_publication_deadline(kind, expected):
    assert publication_deadline(2025, kind) == expected


def test_publication_deadline_overrides():
    assert publication_deadline(2025, "government", override=date(2026, 2, 15)) == date(2026, 2, 15)
    assert publication_deadline(2025, "department", deadlines={"department": (1, 20)}) == date(2026, 1, 20)
    # A partial table keeps the defaults of the other kinds.
    assert publication_deadline(2025, "government", deadlines={"department": (1, 20)}) == date(2026, 3, 31)
    assert rf.DEFAULT_DEADLINES == {"department": (1, 31), "township": (1, 31), "government": (3, 31)}
    with pytest.raises(ValueError, match="未知的机关类型"):
        publication_deadline(2025, "ministry")


def test_is_late_and_period():
    assert not rf.is_late(date(2026, 1, 31), 2025, "department")
    assert rf.is_late(date(2026, 2, 1), 2025, "department")
    assert not rf.is_late(date(2026, 3, 31), 2025, "government")
    assert rf.is_late(date(2026, 4, 1), 2025, "government")
    assert rf.is_late(date(2026, 1, 21), 2025, "department", deadlines={"department": (1, 20)})
    assert rf.report_period(2024) == (date(2024, 1, 1), date(2024, 12, 31))
    # 聊城市行政审批服务局 dated its 2021 report 2022-01-17: in time for a department.
    assert not rf.is_late(date(2022, 1, 17), 2021, "department")


def test_the_report_format_package_keeps_its_modules_small():
    """Issue 13: no module over ~600 lines, no function over ~80 (the module had grown to 1,271)."""
    package = LAW / "report_format"
    for path in package.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert len(text.splitlines()) <= 600, path.name
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef):
                assert node.end_lineno - node.lineno < 80, f"{path.name}: {node.name}"
