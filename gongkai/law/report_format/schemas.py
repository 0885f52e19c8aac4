"""The two schemas (``SCHEMA_2021``, ``SCHEMA_2019``), the choice by version or by report year, and
the lookups that span them: row and column labels (both formats unless one is named) and the
official layout of a table."""

from __future__ import annotations

from functools import cache

from gongkai.law.report_format.codes import (
    FIRST_YEAR,
    FORMAT_2019,
    FORMAT_2021,
    FORMAT_DOCUMENTS,
    TABLE_APPLICATIONS,
    UnknownFormat,
)
from gongkai.law.report_format.labels import LabelMatch, _Index, _match, column_index, row_index
from gongkai.law.report_format.layout import LayoutRow, table_layout
from gongkai.law.report_format.proactive import _proactive
from gongkai.law.report_format.schema import ReportSchema, TableSchema
from gongkai.law.report_format.tables import _applications, _review_litigation


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
# Label matching across the formats
# ---------------------------------------------------------------------------


def _formats(format_version: str | None) -> tuple[str, ...]:
    if format_version is None:
        return (FORMAT_2021, FORMAT_2019)
    schema_for(format_version)  # validates
    return (format_version,)


@cache
def _row_index(format_version: str | None, table: str, groups: bool) -> _Index:
    return row_index((_table(table, fmt) for fmt in _formats(format_version)), groups)


@cache
def _column_index(format_version: str | None, table: str) -> _Index:
    return column_index(_table(table, fmt) for fmt in _formats(format_version))


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
# Official layout (merged header cells) for HTML and DOCX
# ---------------------------------------------------------------------------


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
    return table_layout(_table(table, format_version))


def header_rows(table: str, format_version: str) -> tuple[LayoutRow, ...]:
    """The caption and column-header rows of :func:`layout` (for table 二: of every sub-table)."""
    return tuple(r for r in layout(table, format_version) if r.header)
