"""Table 二 (proactive disclosure; domain 5.3 and 5.9): the captioned sub-tables of Art. 20, their
columns and rows in the 2021 format and in the 2019 trial format (which counts items and their
change, and has （九） procurement)."""

from __future__ import annotations

from gongkai.law.report_format.codes import FORMAT_2019, FORMAT_2021, KIND_AMOUNT, KIND_DELTA, TABLE_PROACTIVE
from gongkai.law.report_format.schema import Column, Row, SubTable, TableSchema

# 2021 format (国办公开办函〔2021〕30号).
_PROACTIVE_COLUMNS_2021: tuple[Column, ...] = (
    Column("issued", "本年制发件数"),
    Column("repealed", "本年废止件数"),
    Column("in_force", "现行有效件数"),
    Column("decisions", "本年处理决定数量", label_variants=("处理决定数量",)),
    Column(
        "amount_10k_yuan",
        "本年收费金额（单位：万元）",
        unit="万元",
        kind=KIND_AMOUNT,
        decimal_places=2,
        label_variants=("本年收费金额",),
    ),
)
_SUBTABLES_2021: tuple[SubTable, ...] = (
    SubTable(
        "art20_1", "第二十条第（一）项", ("issued", "repealed", "in_force"), ("rules", "normative_documents")
    ),
    SubTable("art20_5", "第二十条第（五）项", ("decisions",), ("licensing",)),
    SubTable("art20_6", "第二十条第（六）项", ("decisions",), ("penalties", "enforcement")),
    SubTable("art20_8", "第二十条第（八）项", ("amount_10k_yuan",), ("fees",)),
)

# 2019 trial format (国办公开办函〔2019〕60号).
_PROACTIVE_COLUMNS_2019: tuple[Column, ...] = (
    Column("made", "本年新制作数量"),
    Column("published", "本年新公开数量"),
    Column("total_published", "对外公开总数量"),
    Column("prior_items", "上一年项目数量", unit="项"),
    Column("change", "本年增/减", unit="项", kind=KIND_DELTA, label_variants=("本年增减",)),
    Column("decisions", "处理决定数量", label_variants=("本年处理决定数量",)),
    Column("projects", "采购项目数量", unit="个"),
    Column(
        "amount_10k_yuan",
        "采购总金额",
        unit="万元",
        kind=KIND_AMOUNT,
        decimal_places=2,
        label_variants=("采购总金额（万元）", "采购总金额（单位：万元）"),
    ),
)
_SUBTABLES_2019: tuple[SubTable, ...] = (
    SubTable(
        "art20_1",
        "第二十条第（一）项",
        ("made", "published", "total_published"),
        ("rules", "normative_documents"),
    ),
    SubTable(
        "art20_5",
        "第二十条第（五）项",
        ("prior_items", "change", "decisions"),
        ("licensing", "other_services"),
    ),
    SubTable(
        "art20_6", "第二十条第（六）项", ("prior_items", "change", "decisions"), ("penalties", "enforcement")
    ),
    SubTable("art20_8", "第二十条第（八）项", ("prior_items", "change"), ("fees",)),
    SubTable("art20_9", "第二十条第（九）项", ("projects", "amount_10k_yuan"), ("procurement",)),
)

# Row labels of table 二; the label of normative documents differs between the formats.
_PROACTIVE_ROW_LABELS: dict[str, dict[str, str]] = {
    FORMAT_2021: {"normative_documents": "行政规范性文件"},
    FORMAT_2019: {"normative_documents": "规范性文件"},
}
_PROACTIVE_ROW_LABEL = {
    "rules": "规章",
    "licensing": "行政许可",
    "other_services": "其他对外管理服务事项",
    "penalties": "行政处罚",
    "enforcement": "行政强制",
    "fees": "行政事业性收费",
    "procurement": "政府集中采购",
}
# 规范性档案: copies converted with Taiwan wording (文件 → 檔案), then back to simplified characters.
_PROACTIVE_ROW_VARIANTS = {
    FORMAT_2021: {"normative_documents": ("规范性文件", "行政规范性档案", "规范性档案")},
    FORMAT_2019: {"normative_documents": ("行政规范性文件", "规范性档案", "行政规范性档案")},
}


def _proactive(format_version: str) -> TableSchema:
    subtables = _SUBTABLES_2021 if format_version == FORMAT_2021 else _SUBTABLES_2019
    columns = _PROACTIVE_COLUMNS_2021 if format_version == FORMAT_2021 else _PROACTIVE_COLUMNS_2019
    labels = {**_PROACTIVE_ROW_LABEL, **_PROACTIVE_ROW_LABELS[format_version]}
    rows = tuple(
        Row(
            code,
            labels[code],
            sub.columns,
            subtable=sub.code,
            label_variants=_PROACTIVE_ROW_VARIANTS[format_version].get(code, ()),
        )
        for sub in subtables
        for code in sub.rows
    )
    return TableSchema(TABLE_PROACTIVE, format_version, rows, columns, subtables=subtables)
