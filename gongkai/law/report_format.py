"""The tables of the annual report (政府信息公开工作年度报告) as data (domain.md section 5).

Pure standard-library module: no Django import.

One schema describes both formats the software reads:

- ``FORMAT_2021`` (``"2021"``): 《中华人民共和国政府信息公开工作年度报告格式》, 国办公开办函〔2021〕30号,
  used for the reports on 2021 and later years;
- ``FORMAT_2019`` (``"2019_trial"``): 年度报告格式（试行）, 国办公开办函〔2019〕60号, used for the reports
  on 2019 and 2020 (domain 5.9). Reports on earlier years are not parsed (``schema_for_year`` → None).

The same schema serves computing, checking (:mod:`gongkai.law.reconciliation`), rendering, importing and
the auditor of published reports. Labels are reproduced character for character (full-width punctuation,
curly quotes in ``3.危及“三安全一稳定”``, ``、`` in （六）1 and （六）2). The leaf outcome rows of table 三 are
built from :mod:`gongkai.law.outcomes`, so their labels live in one place.

Data shape (the JSON schema shared by the annual-report app and the auditor)
-------------------------------------------------------------------------------
Every table is a two-level mapping ``{ROW: {COLUMN: value}}``; the three tables together::

    {"proactive": {"rules": {"issued": 0, "repealed": 5, "in_force": 5}, ...},
     "applications": {"new": {"natural_person": 21, ..., "total": 21}, ...},
     "review_litigation": {"review": {"upheld": 10, ..., "total": 11}, ...}}

A value is an ``int`` (counts; the trial-format ``change`` column is signed), an amount in 万元 (``Decimal``
or ``int``; up to 2 decimals) or ``None`` for a cell that is blank or not present: never a guessed 0.
A cell is named by its id ``"<table>.<row>.<column>"``, e.g. ``"applications.new.total"``.

Stable codes
------------
- tables: ``proactive`` (section 二), ``applications`` (三), ``review_litigation`` (四);
- table 三 columns: natural_person, commercial, research, social_welfare, legal_service, other_org, total;
- table 三 rows: new, carried_in, the outcome leaves (their :attr:`Outcome.key`), processed_total,
  carried_out; the trial format has ``other_processing`` (aggregate outcome code ``"6"``) instead of
  other_no_correction, other_no_fee and other_other;
- table 三 merged label cells (groups, no numbers): ``outcomes`` (三、本年度办理结果), ``withheld``,
  ``unavailable``, ``not_processed`` and, in the 2021 format, ``other_processing`` (（六）其他处理);
- table 四 rows: review, suit_direct, suit_after_review (group ``litigation`` = 行政诉讼); columns upheld,
  corrected, other, pending, total;
- table 二 rows and columns: see ``SCHEMA_2021.proactive`` and ``SCHEMA_2019.proactive``; its captioned
  sub-tables are ``art20_1``, ``art20_5``, ``art20_6``, ``art20_8`` and (trial only) ``art20_9``.

Main entry points
-----------------
``schema_for(format_version)``, ``schema_for_year(year)``, ``ReportSchema.table(code)``,
``TableSchema.cell_ids()``, ``match_row_label(text, table=..., format_version=...)``,
``match_column_label(...)``, ``empty_tables(format_version)``, ``iter_cells``, ``to_rows``, ``from_cells``,
``layout(table, format_version)`` (the official merged-cell layout) and ``publication_deadline``.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from gongkai.law.outcomes import GROUP_LABELS, LEAVES

__all__ = [
    "FORMAT_2021",
    "FORMAT_2019",
    "FORMATS",
    "FORMAT_DOCUMENTS",
    "FIRST_YEAR",
    "UnknownFormat",
    "SECTIONS",
    "SECTION_TITLES",
    "TABLE_PROACTIVE",
    "TABLE_APPLICATIONS",
    "TABLE_REVIEW_LITIGATION",
    "TABLES",
    "APPLICANT_COLUMNS",
    "TOTAL",
    "REVIEW_PARTS",
    "NOTE_LABEL",
    "APPLICANT_HEADER",
    "ORGANISATION_HEADER",
    "INFO_CONTENT_LABEL",
    "KIND_COUNT",
    "KIND_DELTA",
    "KIND_AMOUNT",
    "MATCH_EXACT",
    "MATCH_NORMALIZED",
    "MATCH_VARIANT",
    "MATCH_FUZZY",
    "Column",
    "Row",
    "RowGroup",
    "SubTable",
    "TableSchema",
    "ReportSchema",
    "LabelMatch",
    "LayoutCell",
    "LayoutRow",
    "SCHEMA_2021",
    "SCHEMA_2019",
    "schema_for",
    "format_for_year",
    "schema_for_year",
    "normalize_label",
    "match_row",
    "match_row_label",
    "match_column",
    "match_column_label",
    "cell_id",
    "parse_cell_id",
    "get_cell",
    "empty_tables",
    "iter_cells",
    "to_rows",
    "from_cells",
    "is_table_missing",
    "guess_format",
    "layout",
    "header_rows",
    "ORGAN_GOVERNMENT",
    "ORGAN_DEPARTMENT",
    "ORGAN_TOWNSHIP",
    "DEFAULT_DEADLINES",
    "report_period",
    "publication_deadline",
    "is_late",
]

# ---------------------------------------------------------------------------
# Formats
# ---------------------------------------------------------------------------

FORMAT_2021 = "2021"
FORMAT_2019 = "2019_trial"
FORMATS: tuple[str, ...] = (FORMAT_2019, FORMAT_2021)

# The documents that fix each format (domain "Normative basis" and 5.9).
FORMAT_DOCUMENTS: dict[str, str] = {
    FORMAT_2021: "《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）",
    FORMAT_2019: "政府信息公开工作年度报告格式（试行）（国办公开办函〔2019〕60号）",
}

# First report year of each format: the trial format for the reports on 2019 and 2020, the 30号
# format from the reports on 2021 onward (domain 5.9).
FIRST_YEAR: dict[str, int] = {FORMAT_2019: 2019, FORMAT_2021: 2021}


class UnknownFormat(ValueError):
    """Unknown report format version; ``str(e)`` is the Chinese message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


# ---------------------------------------------------------------------------
# Sections (domain 5.2; identical in both formats)
# ---------------------------------------------------------------------------

TABLE_PROACTIVE = "proactive"
TABLE_APPLICATIONS = "applications"
TABLE_REVIEW_LITIGATION = "review_litigation"
TABLES: tuple[str, ...] = (TABLE_PROACTIVE, TABLE_APPLICATIONS, TABLE_REVIEW_LITIGATION)

# (key, exact title) in order. Sections 二, 三 and 四 hold the tables and share their keys with them.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("overview", "一、总体情况"),
    (TABLE_PROACTIVE, "二、主动公开政府信息情况"),
    (TABLE_APPLICATIONS, "三、收到和处理政府信息公开申请情况"),
    (TABLE_REVIEW_LITIGATION, "四、政府信息公开行政复议、行政诉讼情况"),
    ("problems", "五、存在的主要问题及改进情况"),
    ("other_matters", "六、其他需要报告的事项"),
)
SECTION_TITLES: tuple[str, ...] = tuple(title for _, title in SECTIONS)
_SECTION_TITLE = dict(SECTIONS)

# ---------------------------------------------------------------------------
# Schema objects
# ---------------------------------------------------------------------------

KIND_COUNT = "count"  # non-negative integer (件, 项, 个)
KIND_DELTA = "delta"  # signed integer: the trial format's 本年增/减
KIND_AMOUNT = "amount"  # non-negative decimal in 万元, up to 2 places


@dataclass(frozen=True)
class Column:
    """One numeric column. ``label_variants`` are non-standard spellings seen in published reports."""

    code: str
    label: str
    unit: str = "件"
    kind: str = KIND_COUNT
    decimal_places: int = 0
    label_variants: tuple[str, ...] = ()

    @property
    def signed(self) -> bool:
        """Whether negative values are legitimate (only the trial format's ``change``)."""
        return self.kind == KIND_DELTA


@dataclass(frozen=True)
class Row:
    """One data row (a row that carries numbers).

    ``columns`` are the codes of the columns this row has, in order. ``group``/``group_label`` name the
    merged label cell to the row's left in table 三 (``withheld`` / ``（三）不予公开`` …; None when the row
    label stands alone). ``outcome`` is the leaf code of :mod:`gongkai.law.outcomes` (``"3.1"``), ``"6"``
    for the trial format's aggregate ``other_processing`` row, else None. ``is_leaf`` marks the outcome
    rows whose sum is ``（七）总计`` (rule R2). ``subtable`` is the captioned sub-table of table 二.
    ``ref`` is the short reference used in messages (``一``, ``三（四）1``, ``三（七）`` …).
    """

    code: str
    label: str
    columns: tuple[str, ...]
    group: str | None = None
    group_label: str | None = None
    outcome: str | None = None
    is_leaf: bool = False
    subtable: str | None = None
    ref: str = ""
    label_variants: tuple[str, ...] = ()

    @property
    def full_label(self) -> str:
        """The label with its group enumerator, e.g. ``（四）1.本机关不掌握相关政府信息``."""
        if self.group_label and self.group_label.startswith("（"):
            return self.group_label[: self.group_label.index("）") + 1] + self.label
        return self.label


@dataclass(frozen=True)
class RowGroup:
    """A merged label cell spanning several rows; it carries no numbers (``三、本年度办理结果`` …)."""

    code: str
    label: str
    rows: tuple[str, ...]
    label_variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class SubTable:
    """A captioned sub-table of table 二 (``第二十条第（一）项`` …)."""

    code: str
    caption: str
    columns: tuple[str, ...]
    rows: tuple[str, ...]


@dataclass(frozen=True)
class LabelMatch:
    """Result of matching a label found in a report against the schema.

    ``how`` is ``exact`` (character for character), ``normalized`` (equal after normalising width,
    spaces, punctuation, quotes and enumerators), ``variant`` (a known non-standard label, or the label
    without a parenthesised annotation or unit) or ``fuzzy`` (closest label, only when asked for).
    An auditor reports anything but ``exact``/``normalized`` as a ``label_mismatch``.
    """

    code: str
    label: str
    how: str
    is_group: bool = False


MATCH_EXACT = "exact"
MATCH_NORMALIZED = "normalized"
MATCH_VARIANT = "variant"
MATCH_FUZZY = "fuzzy"


@dataclass(frozen=True)
class TableSchema:
    """One table of the report in one format: ordered rows and columns with exact labels."""

    code: str
    format_version: str
    rows: tuple[Row, ...]
    columns: tuple[Column, ...]
    groups: tuple[RowGroup, ...] = ()
    subtables: tuple[SubTable, ...] = ()

    @property
    def title(self) -> str:
        """The section title the table belongs to (``三、收到和处理政府信息公开申请情况``)."""
        return _SECTION_TITLE[self.code]

    @property
    def row_codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.rows)

    @property
    def column_codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.columns)

    @property
    def leaf_rows(self) -> tuple[Row, ...]:
        """The outcome rows whose sum is ``（七）总计`` (21 in 2021, 19 in the trial format)."""
        return tuple(r for r in self.rows if r.is_leaf)

    def row(self, code: str) -> Row:
        for r in self.rows:
            if r.code == code:
                return r
        raise KeyError(f"表格 {self.code}（{self.format_version}）没有行 {code}")

    def column(self, code: str) -> Column:
        for c in self.columns:
            if c.code == code:
                return c
        raise KeyError(f"表格 {self.code}（{self.format_version}）没有列 {code}")

    def group(self, code: str) -> RowGroup:
        for g in self.groups:
            if g.code == code:
                return g
        raise KeyError(f"表格 {self.code}（{self.format_version}）没有分组 {code}")

    def subtable(self, code: str) -> SubTable:
        for s in self.subtables:
            if s.code == code:
                return s
        raise KeyError(f"表格 {self.code}（{self.format_version}）没有子表 {code}")

    def has_cell(self, row: str, column: str) -> bool:
        return any(r.code == row and column in r.columns for r in self.rows)

    def cells(self) -> tuple[tuple[str, str], ...]:
        """Every (row, column) pair of the table, in reading order."""
        return tuple((r.code, c) for r in self.rows for c in r.columns)

    def cell_ids(self) -> tuple[str, ...]:
        """Every cell id of the table in reading order, e.g. ``applications.new.natural_person``."""
        return tuple(cell_id(self.code, r, c) for r, c in self.cells())

    def empty(self) -> dict[str, dict[str, None]]:
        """``{ROW: {COL: None}}`` for this table."""
        return {r.code: dict.fromkeys(r.columns) for r in self.rows}

    def match_row(self, text: str, *, groups: bool = False, fuzzy: bool = False) -> LabelMatch | None:
        """Match a row label (``groups=True`` also matches merged group cells and captions)."""
        return _match(_row_index(self.format_version, self.code, groups), text, fuzzy)

    def match_row_label(self, text: str, *, groups: bool = False, fuzzy: bool = False) -> str | None:
        m = self.match_row(text, groups=groups, fuzzy=fuzzy)
        return m.code if m else None

    def match_column(self, text: str, *, fuzzy: bool = False) -> LabelMatch | None:
        return _match(_column_index(self.format_version, self.code), text, fuzzy)

    def match_column_label(self, text: str, *, fuzzy: bool = False) -> str | None:
        m = self.match_column(text, fuzzy=fuzzy)
        return m.code if m else None


@dataclass(frozen=True)
class ReportSchema:
    """The three tables of one report format."""

    format_version: str
    document: str
    first_year: int
    proactive: TableSchema
    applications: TableSchema
    review_litigation: TableSchema

    @property
    def tables(self) -> tuple[TableSchema, ...]:
        return (self.proactive, self.applications, self.review_litigation)

    @property
    def section_titles(self) -> tuple[str, ...]:
        return SECTION_TITLES

    def table(self, code: str) -> TableSchema:
        for t in self.tables:
            if t.code == code:
                return t
        raise KeyError(f"未知的表格：{code}")

    def cell_ids(self) -> tuple[str, ...]:
        """Every cell id of the report, table by table in reading order."""
        return tuple(i for t in self.tables for i in t.cell_ids())

    def empty_tables(self) -> dict[str, dict[str, dict[str, None]]]:
        return {t.code: t.empty() for t in self.tables}

    def layout(self, table: str) -> tuple[LayoutRow, ...]:
        return layout(table, self.format_version)


# ---------------------------------------------------------------------------
# Table 三 (domain 5.4 and 5.9)
# ---------------------------------------------------------------------------

APPLICANT_COLUMNS: tuple[str, ...] = (
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_service",
    "other_org",
)
TOTAL = "total"

NOTE_LABEL = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANT_HEADER = "申请人情况"
ORGANISATION_HEADER = "法人或其他组织"

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

REVIEW_PARTS: tuple[str, ...] = ("upheld", "corrected", "other", "pending")
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


# ---------------------------------------------------------------------------
# Table 二 (domain 5.3 and 5.9)
# ---------------------------------------------------------------------------

INFO_CONTENT_LABEL = "信息内容"

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


# ---------------------------------------------------------------------------
# The two schemas
# ---------------------------------------------------------------------------


def _schema(format_version: str) -> ReportSchema:
    return ReportSchema(
        format_version=format_version,
        document=FORMAT_DOCUMENTS[format_version],
        first_year=FIRST_YEAR[format_version],
        proactive=_proactive(format_version),
        applications=_applications(format_version),
        review_litigation=_review_litigation(format_version),
    )


SCHEMA_2021 = _schema(FORMAT_2021)
SCHEMA_2019 = _schema(FORMAT_2019)
_SCHEMAS = {FORMAT_2021: SCHEMA_2021, FORMAT_2019: SCHEMA_2019}


def schema_for(format_version: str) -> ReportSchema:
    """The schema of ``"2021"`` or ``"2019_trial"``; raises :class:`UnknownFormat` (a ValueError)."""
    try:
        return _SCHEMAS[format_version]
    except (KeyError, TypeError):
        raise UnknownFormat(f"未知的年度报告格式：{format_version}（应为 2021 或 2019_trial）") from None


def format_for_year(year: int) -> str | None:
    """The format of the report on ``year``: trial for 2019 and 2020, 2021 from 2021; None before 2019."""
    if year >= FIRST_YEAR[FORMAT_2021]:
        return FORMAT_2021
    if year >= FIRST_YEAR[FORMAT_2019]:
        return FORMAT_2019
    # Pre-2019 statistical tables are kept as documents and not parsed (domain 5.9).
    return None


def schema_for_year(year: int) -> ReportSchema | None:
    """The schema of the report on ``year`` (None for pre-2019 reports, which are not parsed)."""
    fmt = format_for_year(year)
    return _SCHEMAS[fmt] if fmt else None


def _table(table: str, format_version: str) -> TableSchema:
    return schema_for(format_version).table(table)


# ---------------------------------------------------------------------------
# Label matching
# ---------------------------------------------------------------------------

# Leading enumerators after NFKC: 一、 一， 三、 (一) (七) 1. 1、 1， 1) (1) …
_ENUMERATOR = re.compile(r"^(?:[一二三四五六七八九十]+[、.,]|\([一二三四五六七八九十]+\)|\d+[.、,)]|\(\d+\))")
# A parenthesised annotation or unit (after NFKC the parentheses are ASCII).
_PARENTHESISED = re.compile(r"\([^()]*\)")


def _nfkc_compact(text: str) -> str:
    s = unicodedata.normalize("NFKC", str(text))
    # NFKC maps full-width ASCII to ASCII; these two are not covered by it.
    s = s.replace("〔", "[").replace("〕", "]")
    s = "".join(ch for ch in s if not ch.isspace())
    while True:
        stripped = _ENUMERATOR.sub("", s, count=1)
        if stripped == s:
            return s
        s = stripped


def _strip_punctuation(s: str) -> str:
    return "".join(ch for ch in s if not unicodedata.category(ch).startswith("P")).lower()


def normalize_label(text: str) -> str:
    """The comparison key of a label.

    Full-width → half-width (NFKC), all whitespace removed (``总 计``), leading enumerators removed
    (``一、``, ``（一）``, ``1.``, ``1、``), then every punctuation mark removed (parentheses, quotes of every
    kind, ``、`` and ``，``, ``/``). ``normalize_label('（六）其他处理') == '其他处理'``. Traditional characters
    are not converted: callers convert them first.
    """
    if text is None:
        return ""
    return _strip_punctuation(_nfkc_compact(text))


def _annotation_key(text: str) -> str:
    """The key without parenthesised annotations or units: ``采购总金额（万元）`` → ``采购总金额``."""
    if text is None:
        return ""
    s = _nfkc_compact(text)
    previous = None
    while previous != s:
        previous, s = s, _PARENTHESISED.sub("", s)
    return _strip_punctuation(s)


@dataclass(frozen=True)
class _Index:
    exact: dict[str, tuple[str, str, bool]]
    normalized: dict[str, tuple[str, str, bool]]
    variants: dict[str, tuple[str, str, bool]]
    annotated: dict[str, tuple[str, str, bool]]


def _build_index(entries: list[tuple[str, str, tuple[str, ...], bool]]) -> _Index:
    """entries: (code, canonical label, variants, is_group), earlier entries win across formats."""
    exact: dict[str, tuple[str, str, bool]] = {}
    normalized: dict[str, tuple[str, str, bool]] = {}
    variants: dict[str, tuple[str, str, bool]] = {}
    annotated: dict[str, tuple[str, str, bool] | None] = {}
    for code, label, label_variants, is_group in entries:
        value = (code, label, is_group)
        exact.setdefault(label, value)
        normalized.setdefault(normalize_label(label), value)
        for variant in label_variants:
            variants.setdefault(normalize_label(variant), value)
        for text in (label, *label_variants):
            key = _annotation_key(text)
            if not key:
                continue
            if key in annotated and annotated[key] is not None and annotated[key][0] != code:
                annotated[key] = None  # ambiguous once annotations are dropped: never guess
            else:
                annotated.setdefault(key, value)
    return _Index(exact, normalized, variants, {k: v for k, v in annotated.items() if v is not None})


def _formats(format_version: str | None) -> tuple[str, ...]:
    if format_version is None:
        return (FORMAT_2021, FORMAT_2019)
    schema_for(format_version)  # validates
    return (format_version,)


@cache
def _row_index(format_version: str | None, table: str, groups: bool) -> _Index:
    entries: list[tuple[str, str, tuple[str, ...], bool]] = []
    for fmt in _formats(format_version):
        t = _table(table, fmt)
        entries.extend((r.code, r.label, r.label_variants, False) for r in t.rows)
        if groups:
            entries.extend((g.code, g.label, g.label_variants, True) for g in t.groups)
            entries.extend((s.code, s.caption, (), True) for s in t.subtables)
    return _build_index(entries)


@cache
def _column_index(format_version: str | None, table: str) -> _Index:
    entries: list[tuple[str, str, tuple[str, ...], bool]] = []
    for fmt in _formats(format_version):
        t = _table(table, fmt)
        entries.extend((c.code, c.label, c.label_variants, False) for c in t.columns)
    return _build_index(entries)


# Fuzzy matching: only for labels of some length, with a clear winner (project convention).
_FUZZY_MIN_LENGTH = 4
_FUZZY_MIN_RATIO = 0.8
_FUZZY_MARGIN = 0.08


def _match(index: _Index, text: str, fuzzy: bool) -> LabelMatch | None:
    if text is None:
        return None
    raw = str(text).strip()
    if raw in index.exact:
        code, label, is_group = index.exact[raw]
        return LabelMatch(code, label, MATCH_EXACT, is_group)
    key = normalize_label(raw)
    if not key:
        return None
    if key in index.normalized:
        code, label, is_group = index.normalized[key]
        return LabelMatch(code, label, MATCH_NORMALIZED, is_group)
    if key in index.variants:
        code, label, is_group = index.variants[key]
        return LabelMatch(code, label, MATCH_VARIANT, is_group)
    annotated = _annotation_key(raw)
    if annotated in index.annotated:
        code, label, is_group = index.annotated[annotated]
        return LabelMatch(code, label, MATCH_VARIANT, is_group)
    if not fuzzy or len(key) < _FUZZY_MIN_LENGTH:
        return None
    scored: dict[str, tuple[float, tuple[str, str, bool]]] = {}
    for candidates in (index.normalized, index.variants):
        for candidate, value in candidates.items():
            ratio = difflib.SequenceMatcher(None, key, candidate).ratio()
            if ratio > scored.get(value[0], (-1.0,))[0]:
                scored[value[0]] = (ratio, value)
    ranked = sorted(scored.values(), key=lambda item: item[0], reverse=True)
    if not ranked or ranked[0][0] < _FUZZY_MIN_RATIO:
        return None
    if len(ranked) > 1 and ranked[0][0] - ranked[1][0] < _FUZZY_MARGIN:
        return None
    code, label, is_group = ranked[0][1]
    return LabelMatch(code, label, MATCH_FUZZY, is_group)


def match_row(
    text: str,
    *,
    table: str = TABLE_APPLICATIONS,
    format_version: str | None = None,
    groups: bool = False,
    fuzzy: bool = False,
) -> LabelMatch | None:
    """Match a row label of ``table`` to its code, with how it matched (see :class:`LabelMatch`).

    ``format_version=None`` searches both formats (2021 first). ``groups=True`` also matches labels
    that carry no numbers: merged group cells (``三、本年度办理结果`` → ``outcomes``, ``（三）不予公开`` →
    ``withheld``, ``（六）其他处理`` in the 2021 format → ``other_processing``), ``行政诉讼`` →
    ``litigation`` and the table 二 captions (``第二十条第（五）项`` → ``art20_5``).
    """
    return _match(_row_index(format_version, table, groups), text, fuzzy)


def match_row_label(
    text: str,
    *,
    table: str = TABLE_APPLICATIONS,
    format_version: str | None = None,
    groups: bool = False,
    fuzzy: bool = False,
) -> str | None:
    """The row code for a label found in a report, or None.

    ``match_row_label('1.属于国家秘密') == 'withheld_state_secret'``; tolerant of full/half width,
    spaces, quotes, parentheses, enumerators and known variants (see :func:`normalize_label`).
    """
    m = match_row(text, table=table, format_version=format_version, groups=groups, fuzzy=fuzzy)
    return m.code if m else None


def match_column(
    text: str, *, table: str = TABLE_APPLICATIONS, format_version: str | None = None, fuzzy: bool = False
) -> LabelMatch | None:
    """Match a column header of ``table`` (``社会组织`` → ``social_welfare``, ``总 计`` → ``total``)."""
    return _match(_column_index(format_version, table), text, fuzzy)


def match_column_label(
    text: str, *, table: str = TABLE_APPLICATIONS, format_version: str | None = None, fuzzy: bool = False
) -> str | None:
    """The column code for a header found in a report, or None."""
    m = match_column(text, table=table, format_version=format_version, fuzzy=fuzzy)
    return m.code if m else None


# ---------------------------------------------------------------------------
# Cells and table data
# ---------------------------------------------------------------------------


def cell_id(table: str, row: str, column: str) -> str:
    """``cell_id('applications', 'new', 'total') == 'applications.new.total'``."""
    return f"{table}.{row}.{column}"


def parse_cell_id(value: str) -> tuple[str, str, str]:
    """``'applications.new.total'`` → ``('applications', 'new', 'total')``; ValueError if malformed."""
    parts = str(value).split(".")
    if len(parts) != 3 or not all(parts):
        raise ValueError(f"单元格标识格式错误：{value}")
    return parts[0], parts[1], parts[2]


def get_cell(tables: Mapping[str, Any] | None, cell: str) -> Any:
    """The value of a cell, or None when the table, row or cell is absent."""
    table, row, column = parse_cell_id(cell)
    rows = (tables or {}).get(table)
    if not isinstance(rows, Mapping):
        return None
    values = rows.get(row)
    if not isinstance(values, Mapping):
        return None
    return values.get(column)


def empty_tables(format_version: str) -> dict[str, dict[str, dict[str, None]]]:
    """The JSON shape of the three tables with every cell None.

    ``{"proactive": {...}, "applications": {ROW: {COL: None}}, "review_litigation": {"review": {...},
    "suit_direct": {...}, "suit_after_review": {...}}}``
    """
    return schema_for(format_version).empty_tables()


def iter_cells(tables: Mapping[str, Any], format_version: str | None = None) -> Iterator[tuple[str, Any]]:
    """Yield ``(cell_id, value)``.

    With ``format_version``: every cell of the schema in reading order, None where absent (cells not in
    the schema are ignored). Without: whatever the mapping holds, in its own order.
    """
    if format_version is not None:
        for cid in schema_for(format_version).cell_ids():
            yield cid, get_cell(tables, cid)
        return
    for table, rows in (tables or {}).items():
        if not isinstance(rows, Mapping):
            continue
        for row, values in rows.items():
            if not isinstance(values, Mapping):
                continue
            for column, value in values.items():
                yield cell_id(table, row, column), value


def to_rows(tables: Mapping[str, Any], format_version: str, table: str | None = None) -> list[dict[str, Any]]:
    """One record per data row in reading order, for spreadsheets and plain renderings.

    Each record: ``table``, ``row``, ``label``, ``full_label``, ``group_label``, ``subtable`` (caption of
    table 二, else None), ``columns`` (codes), ``column_labels``, ``values`` and ``cell_ids`` (same order).
    ``table`` restricts to one table.
    """
    schema = schema_for(format_version)
    out: list[dict[str, Any]] = []
    for t in schema.tables:
        if table is not None and t.code != table:
            continue
        captions = {s.code: s.caption for s in t.subtables}
        for r in t.rows:
            ids = [cell_id(t.code, r.code, c) for c in r.columns]
            out.append(
                {
                    "table": t.code,
                    "row": r.code,
                    "label": r.label,
                    "full_label": r.full_label,
                    "group_label": r.group_label,
                    "subtable": captions.get(r.subtable) if r.subtable else None,
                    "columns": list(r.columns),
                    "column_labels": [t.column(c).label for c in r.columns],
                    "values": [get_cell(tables, i) for i in ids],
                    "cell_ids": ids,
                }
            )
    return out


def from_cells(
    cells: Mapping[str, Any] | Iterable[tuple[str, Any]], format_version: str
) -> dict[str, dict[str, dict[str, Any]]]:
    """Build the nested tables from ``{cell_id: value}``; cells not given stay None.

    Raises ValueError naming the first cell id that is not in the schema of ``format_version``.
    """
    schema = schema_for(format_version)
    tables = schema.empty_tables()
    items = cells.items() if isinstance(cells, Mapping) else cells
    for cid, value in items:
        table, row, column = parse_cell_id(cid)
        if table not in tables or row not in tables[table] or column not in tables[table][row]:
            raise ValueError(f"单元格 {cid} 不属于 {format_version} 格式的年度报告表格")
        tables[table][row][column] = value
    return tables


def is_table_missing(tables: Mapping[str, Any] | None, table: str, format_version: str) -> bool:
    """True when the table is absent or every one of its cells is None (the parser reports it)."""
    t = _table(table, format_version)
    return all(get_cell(tables, cid) is None for cid in t.cell_ids())


def guess_format(tables: Mapping[str, Any] | None) -> str | None:
    """Guess the format from the row and column codes present (not from values); None if undecidable."""
    tables = tables or {}
    apps = tables.get(TABLE_APPLICATIONS) if isinstance(tables.get(TABLE_APPLICATIONS), Mapping) else {}
    proactive = tables.get(TABLE_PROACTIVE) if isinstance(tables.get(TABLE_PROACTIVE), Mapping) else {}
    trial = "other_processing" in apps or "procurement" in proactive or "other_services" in proactive
    modern = any(k in apps for k in ("other_no_correction", "other_no_fee", "other_other"))
    for values in proactive.values():
        if isinstance(values, Mapping):
            trial = trial or any(k in values for k in ("made", "published", "total_published", "prior_items"))
            modern = modern or any(k in values for k in ("issued", "repealed", "in_force"))
    if trial == modern:
        return None
    return FORMAT_2019 if trial else FORMAT_2021


# ---------------------------------------------------------------------------
# Official layout (merged header cells) for HTML and DOCX
# ---------------------------------------------------------------------------

CELL_CAPTION = "caption"
CELL_HEADER = "header"
CELL_LABEL = "label"
CELL_VALUE = "value"


@dataclass(frozen=True)
class LayoutCell:
    """One cell of the official table. ``kind``: caption, header, label or value.

    Value cells carry ``cell_id`` (their text comes from the data); label and header cells carry their
    exact ``text`` and the ``code`` of the row, column, group or sub-table they stand for.
    """

    kind: str
    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    cell_id: str | None = None
    code: str | None = None


@dataclass(frozen=True)
class LayoutRow:
    """One ``<tr>``: ``header`` is True for caption and column-header rows; ``row`` is the data row code."""

    cells: tuple[LayoutCell, ...]
    header: bool = False
    row: str | None = None


def _applications_layout(t: TableSchema) -> tuple[LayoutRow, ...]:
    cols = t.columns
    org = [c for c in cols if c.code in APPLICANT_COLUMNS[1:]]
    rows: list[LayoutRow] = [
        # Header row 1: the 勾稽 note over the three label columns, 申请人情况 over all 7 data columns.
        LayoutRow(
            (
                LayoutCell(CELL_HEADER, NOTE_LABEL, colspan=3, rowspan=3, code="note"),
                LayoutCell(CELL_HEADER, APPLICANT_HEADER, colspan=len(cols), code="applicant"),
            ),
            header=True,
        ),
        # Header row 2: 自然人 and 总计 span two header rows; 法人或其他组织 spans its five columns.
        LayoutRow(
            (
                LayoutCell(CELL_HEADER, t.column("natural_person").label, rowspan=2, code="natural_person"),
                LayoutCell(CELL_HEADER, ORGANISATION_HEADER, colspan=len(org), code="organisation"),
                LayoutCell(CELL_HEADER, t.column(TOTAL).label, rowspan=2, code=TOTAL),
            ),
            header=True,
        ),
        LayoutRow(tuple(LayoutCell(CELL_HEADER, c.label, code=c.code) for c in org), header=True),
    ]
    outcomes = t.group("outcomes")
    groups = {g.code: g for g in t.groups if g.code != "outcomes"}
    for r in t.rows:
        label_cells: list[LayoutCell] = []
        if r.code in outcomes.rows:
            if r.code == outcomes.rows[0]:
                label_cells.append(
                    LayoutCell(CELL_LABEL, outcomes.label, rowspan=len(outcomes.rows), code=outcomes.code)
                )
            if r.group:
                g = groups[r.group]
                if r.code == g.rows[0]:
                    label_cells.append(LayoutCell(CELL_LABEL, g.label, rowspan=len(g.rows), code=g.code))
                label_cells.append(LayoutCell(CELL_LABEL, r.label, code=r.code))
            else:
                label_cells.append(LayoutCell(CELL_LABEL, r.label, colspan=2, code=r.code))
        else:
            label_cells.append(LayoutCell(CELL_LABEL, r.label, colspan=3, code=r.code))
        values = tuple(LayoutCell(CELL_VALUE, cell_id=cell_id(t.code, r.code, c)) for c in r.columns)
        rows.append(LayoutRow((*label_cells, *values), row=r.code))
    return tuple(rows)


def _review_layout(t: TableSchema) -> tuple[LayoutRow, ...]:
    n = len(t.columns)
    review, direct, after = t.rows
    litigation = t.group("litigation")
    return (
        LayoutRow(
            (
                LayoutCell(CELL_HEADER, review.label, colspan=n, code=review.code),
                LayoutCell(CELL_HEADER, litigation.label, colspan=2 * n, code=litigation.code),
            ),
            header=True,
        ),
        LayoutRow(
            (
                *(LayoutCell(CELL_HEADER, c.label, rowspan=2, code=c.code) for c in t.columns),
                LayoutCell(CELL_HEADER, direct.label, colspan=n, code=direct.code),
                LayoutCell(CELL_HEADER, after.label, colspan=n, code=after.code),
            ),
            header=True,
        ),
        LayoutRow(
            tuple(LayoutCell(CELL_HEADER, c.label, code=c.code) for _ in (direct, after) for c in t.columns),
            header=True,
        ),
        # One data row of 15 numbers (domain 5.5).
        LayoutRow(
            tuple(
                LayoutCell(CELL_VALUE, cell_id=cell_id(t.code, r.code, c)) for r in t.rows for c in r.columns
            ),
            row=None,
        ),
    )


_PROACTIVE_VALUE_WIDTH = 3  # the three columns of （一）; narrower sub-tables stretch their last column


def _spans(n: int) -> list[int]:
    # A single-value column spans the three （一） columns (domain 5.3); with two values (trial （八）,
    # （九）) the second spans two (layout choice: the official table is a 4-column grid).
    return [1] * (n - 1) + [_PROACTIVE_VALUE_WIDTH - (n - 1)]


def _proactive_layout(t: TableSchema) -> tuple[LayoutRow, ...]:
    rows: list[LayoutRow] = []
    for sub in t.subtables:
        spans = _spans(len(sub.columns))
        rows.append(
            LayoutRow(
                (LayoutCell(CELL_CAPTION, sub.caption, colspan=1 + _PROACTIVE_VALUE_WIDTH, code=sub.code),),
                header=True,
            )
        )
        rows.append(
            LayoutRow(
                (
                    LayoutCell(CELL_HEADER, INFO_CONTENT_LABEL, code="info_content"),
                    *(
                        LayoutCell(CELL_HEADER, t.column(c).label, colspan=s, code=c)
                        for c, s in zip(sub.columns, spans, strict=True)
                    ),
                ),
                header=True,
            )
        )
        for code in sub.rows:
            r = t.row(code)
            rows.append(
                LayoutRow(
                    (
                        LayoutCell(CELL_LABEL, r.label, code=r.code),
                        *(
                            LayoutCell(CELL_VALUE, colspan=s, cell_id=cell_id(t.code, r.code, c))
                            for c, s in zip(r.columns, spans, strict=True)
                        ),
                    ),
                    row=r.code,
                )
            )
    return tuple(rows)


@cache
def layout(table: str, format_version: str) -> tuple[LayoutRow, ...]:
    """The official layout of a table: every ``<tr>`` with its cells, colspans and rowspans.

    Table 三 is a 10-column grid (3 label columns + 7 numbers): the 勾稽 note spans 3×3, ``申请人情况``
    spans 7, ``自然人`` and ``总计`` span 2 rows; ``三、本年度办理结果`` spans 22 rows (20 in the trial format)
    and the group cells span 8, 3, 5 and 3 rows (8, 3, 5 in the trial format). Table 四 is a 15-column
    grid with a 3-row header and one data row. Table 二 is a 4-column grid of captioned sub-tables.
    Render ``header`` rows and label cells as ``<th>``, value cells as ``<td>`` with the value of
    ``cell_id``.
    """
    t = _table(table, format_version)
    if table == TABLE_APPLICATIONS:
        return _applications_layout(t)
    if table == TABLE_REVIEW_LITIGATION:
        return _review_layout(t)
    return _proactive_layout(t)


def header_rows(table: str, format_version: str) -> tuple[LayoutRow, ...]:
    """The caption and column-header rows of :func:`layout` (for table 二: of every sub-table)."""
    return tuple(r for r in layout(table, format_version) if r.header)


# ---------------------------------------------------------------------------
# Deadlines (domain 5.1)
# ---------------------------------------------------------------------------

ORGAN_GOVERNMENT = "government"
ORGAN_DEPARTMENT = "department"
ORGAN_TOWNSHIP = "township"

# (month, day) of the year after the report year. Art. 49: departments by 31 January; the disclosure
# office of a county-level-and-above government by 31 March; townships and sub-districts follow
# 31 January (project convention; configurable).
DEFAULT_DEADLINES: dict[str, tuple[int, int]] = {
    ORGAN_DEPARTMENT: (1, 31),
    ORGAN_TOWNSHIP: (1, 31),
    ORGAN_GOVERNMENT: (3, 31),
}


def report_period(year: int) -> tuple[date, date]:
    """The period a report covers: 1 January to 31 December of ``year`` (Art. 49)."""
    return date(year, 1, 1), date(year, 12, 31)


def publication_deadline(
    year: int,
    organ_kind: str,
    *,
    override: date | None = None,
    deadlines: Mapping[str, tuple[int, int]] | None = None,
) -> date:
    """Last day to publish the report on ``year``.

    ``date(year + 1, 1, 31)`` for departments and townships, ``date(year + 1, 3, 31)`` for governments.
    Local timetables are often earlier: ``deadlines`` replaces the (month, day) per organ kind (a tenant
    setting) and ``override`` fixes the date outright.
    """
    if override is not None:
        return override
    table = {**DEFAULT_DEADLINES, **(deadlines or {})}
    try:
        month, day = table[organ_kind]
    except (KeyError, TypeError):
        raise ValueError(f"未知的机关类型：{organ_kind}") from None
    return date(year + 1, month, day)


def is_late(
    published_on: date,
    year: int,
    organ_kind: str,
    *,
    override: date | None = None,
    deadlines: Mapping[str, tuple[int, int]] | None = None,
) -> bool:
    """Whether a report on ``year`` published on ``published_on`` missed its deadline."""
    return published_on > publication_deadline(year, organ_kind, override=override, deadlines=deadlines)
