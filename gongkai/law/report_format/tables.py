"""Tables 三 (applications received and processed; domain 5.4 and 5.9: the trial format has one
aggregate row （六）其他处理) and 四 (administrative review and litigation; 5.5, identical in both
formats): their rows, columns and merged label cells. The outcome rows of 三 are built from
:mod:`gongkai.law.outcomes`, so their labels live in one place."""

from __future__ import annotations

from gongkai.law.outcomes import GROUP_LABELS, LEAVES
from gongkai.law.report_format.codes import FORMAT_2019, TABLE_APPLICATIONS, TABLE_REVIEW_LITIGATION, TOTAL
from gongkai.law.report_format.schema import Column, Row, RowGroup, TableSchema

# ---------------------------------------------------------------------------
# Table 三 (domain 5.4 and 5.9)
# ---------------------------------------------------------------------------

_APPLICATION_COLUMNS: tuple[Column, ...] = (
    Column("natural_person", "自然人"),
    Column("commercial", "商业企业"),
    Column("research", "科研机构"),
    # 社会组织: seen in published reports for 社会公益组织 (domain 5.9).
    Column("social_welfare", "社会公益组织", label_variants=("社会组织",)),
    Column("legal_service", "法律服务机构"),
    Column("other_org", "其他"),
    Column(TOTAL, "总计", label_variants=("合计",)),
)
_APP_COLS = tuple(c.code for c in _APPLICATION_COLUMNS)

_OUTCOMES_GROUP_LABEL = "三、本年度办理结果"
# Merged label cells of the outcome groups （三）–（六） (GROUP_LABELS of gongkai.law.outcomes).
_GROUP_CODES = {"3": "withheld", "4": "unavailable", "5": "not_processed", "6": "other_processing"}
_CHINESE_NUMERALS = "一二三四五六七"

# Known non-standard leaf labels in published reports (seeds and testdata of the project).
_LEAF_VARIANTS: dict[str, tuple[str, ...]] = {
    # 聊城市人民政府 2020 report: an extra 法规.
    # testdata 02 (洪泽区 2023, text extracted from the PDF): 法规禁 lost.
    "withheld_law_prohibited": (
        "2.其他法律法规行政法规禁止公开",
        "2.其他法律、行政法规禁止公开",
        "2.其他法律行政止公开",
    ),
    "withheld_security_stability": ("3.危及三安全一稳定",),
    # Clauses joined by ， instead of 、 (domain 5.4) are equal after normalisation; listed for clarity.
    "other_no_correction": ("1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请",),
    "other_no_fee": ("2.申请人逾期未按收费通知要求缴纳费用，行政机关不再处理其政府信息公开申请",),
}


def _application_rows(format_version: str) -> tuple[Row, ...]:
    rows = [
        Row("new", "一、本年新收政府信息公开申请数量", _APP_COLS, ref="一"),
        Row(
            "carried_in",
            "二、上年结转政府信息公开申请数量",
            _APP_COLS,
            ref="二",
            label_variants=("二、上年转结政府信息公开申请数量",),  # 开化县林山乡 2020: 转结
        ),
    ]
    for o in LEAVES:
        if format_version == FORMAT_2019 and o.group == "6":
            continue
        grouped = o.group in _GROUP_CODES
        number = _CHINESE_NUMERALS[int(o.group) - 1]
        rows.append(
            Row(
                o.key,
                o.label,
                _APP_COLS,
                group=_GROUP_CODES[o.group] if grouped else None,
                group_label=GROUP_LABELS[o.group] if grouped else None,
                outcome=o.code,
                is_leaf=True,
                ref=f"三（{number}）{o.code.split('.')[1]}" if grouped else f"三（{number}）",
                label_variants=_LEAF_VARIANTS.get(o.key, ()),
            )
        )
        if format_version == FORMAT_2019 and o.code == "5.5":
            # Trial format: one aggregate row （六）其他处理 (domain 5.9; stored as outcome code 6).
            rows.append(
                Row(
                    "other_processing",
                    GROUP_LABELS["6"],
                    _APP_COLS,
                    outcome="6",
                    is_leaf=True,
                    ref="三（六）",
                )
            )
    rows.append(Row("processed_total", "（七）总计", _APP_COLS, ref="三（七）"))
    rows.append(Row("carried_out", "四、结转下年度继续办理", _APP_COLS, ref="四"))
    return tuple(rows)


def _application_groups(rows: tuple[Row, ...]) -> tuple[RowGroup, ...]:
    outcome_rows = tuple(r.code for r in rows if r.is_leaf or r.code == "processed_total")
    groups = [RowGroup("outcomes", _OUTCOMES_GROUP_LABEL, outcome_rows)]
    for number, code in _GROUP_CODES.items():
        members = tuple(r.code for r in rows if r.group == code)
        if members:
            groups.append(RowGroup(code, GROUP_LABELS[number], members))
    return tuple(groups)


def _applications(format_version: str) -> TableSchema:
    rows = _application_rows(format_version)
    return TableSchema(
        TABLE_APPLICATIONS, format_version, rows, _APPLICATION_COLUMNS, _application_groups(rows)
    )


# ---------------------------------------------------------------------------
# Table 四 (domain 5.5; identical in both formats)
# ---------------------------------------------------------------------------

_REVIEW_COLUMNS: tuple[Column, ...] = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column(TOTAL, "总计", label_variants=("合计",)),
)
_REV_COLS = tuple(c.code for c in _REVIEW_COLUMNS)
_LITIGATION_LABEL = "行政诉讼"


def _review_litigation(format_version: str) -> TableSchema:
    rows = (
        Row("review", "行政复议", _REV_COLS),
        Row("suit_direct", "未经复议直接起诉", _REV_COLS, group="litigation", group_label=_LITIGATION_LABEL),
        Row("suit_after_review", "复议后起诉", _REV_COLS, group="litigation", group_label=_LITIGATION_LABEL),
    )
    groups = (RowGroup("litigation", _LITIGATION_LABEL, ("suit_direct", "suit_after_review")),)
    return TableSchema(TABLE_REVIEW_LITIGATION, format_version, rows, _REVIEW_COLUMNS, groups)
