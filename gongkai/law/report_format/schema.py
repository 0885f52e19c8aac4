"""The schema objects: columns, rows, merged row groups, the captioned sub-tables of table 二, one
table in one format (``TableSchema``) and the three tables of a format (``ReportSchema``)."""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.law.report_format.cells import cell_id
from gongkai.law.report_format.codes import _SECTION_TITLE, KIND_COUNT, KIND_DELTA, SECTION_TITLES
from gongkai.law.report_format.labels import LabelMatch, _match, column_index, row_index
from gongkai.law.report_format.layout import LayoutRow, table_layout


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
        return _match(row_index((self,), groups), text, fuzzy)

    def match_row_label(self, text: str, *, groups: bool = False, fuzzy: bool = False) -> str | None:
        m = self.match_row(text, groups=groups, fuzzy=fuzzy)
        return m.code if m else None

    def match_column(self, text: str, *, fuzzy: bool = False) -> LabelMatch | None:
        return _match(column_index((self,)), text, fuzzy)

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
        return table_layout(self.table(table))
