"""The tables of the annual report (政府信息公开工作年度报告) as data (domain.md section 5).

Pure standard library: no Django import (a package since issue 13; its modules are listed below).

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

# The package, by concern (each module imports only those above it in this list):
#   codes.py      formats, sections and tables, value kinds, column codes, fixed headings
#   labels.py     label normalisation and matching (indexes built from the tables given)
#   cells.py      cell ids, one cell of the nested tables
#   layout.py     the official merged-cell layout, built from a TableSchema
#   schema.py     Column, Row, RowGroup, SubTable, TableSchema, ReportSchema
#   tables.py     tables 三 and 四;  proactive.py  table 二 (2021 and 2019 trial sub-tables)
#   schemas.py    SCHEMA_2021 / SCHEMA_2019, schema_for(_year), label lookups across formats, layout()
#   data.py       table data: empty_tables, iter_cells, to_rows, from_cells, guess_format …
#   deadlines.py  publication deadlines

from __future__ import annotations

from gongkai.law.report_format.cells import (
    cell_id,
    get_cell,
    parse_cell_id,
)
from gongkai.law.report_format.codes import (
    APPLICANT_COLUMNS,
    APPLICANT_HEADER,
    FIRST_YEAR,
    FORMAT_2019,
    FORMAT_2021,
    FORMAT_DOCUMENTS,
    FORMATS,
    INFO_CONTENT_LABEL,
    KIND_AMOUNT,
    KIND_COUNT,
    KIND_DELTA,
    NOTE_LABEL,
    ORGANISATION_HEADER,
    REVIEW_PARTS,
    SECTION_TITLES,
    SECTIONS,
    TABLE_APPLICATIONS,
    TABLE_PROACTIVE,
    TABLE_REVIEW_LITIGATION,
    TABLES,
    TOTAL,
    UnknownFormat,
)
from gongkai.law.report_format.data import (
    empty_tables,
    from_cells,
    guess_format,
    is_table_missing,
    iter_cells,
    to_rows,
)
from gongkai.law.report_format.deadlines import (
    DEFAULT_DEADLINES,
    ORGAN_DEPARTMENT,
    ORGAN_GOVERNMENT,
    ORGAN_TOWNSHIP,
    is_late,
    publication_deadline,
    report_period,
)
from gongkai.law.report_format.labels import (
    MATCH_EXACT,
    MATCH_FUZZY,
    MATCH_NORMALIZED,
    MATCH_VARIANT,
    LabelMatch,
    normalize_label,
)
from gongkai.law.report_format.layout import (  # noqa: F401 (re-exported)
    CELL_CAPTION,
    CELL_HEADER,
    CELL_LABEL,
    CELL_VALUE,
    LayoutCell,
    LayoutRow,
)
from gongkai.law.report_format.schema import (
    Column,
    ReportSchema,
    Row,
    RowGroup,
    SubTable,
    TableSchema,
)
from gongkai.law.report_format.schemas import (
    SCHEMA_2019,
    SCHEMA_2021,
    format_for_year,
    header_rows,
    layout,
    match_column,
    match_column_label,
    match_row,
    match_row_label,
    schema_for,
    schema_for_year,
)

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
