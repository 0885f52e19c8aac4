"""The official layout of the tables (merged header cells) for HTML and DOCX, built from a
``TableSchema``; ``layout(table, format_version)`` (schemas.py) is the entry point."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gongkai.law.report_format.cells import cell_id
from gongkai.law.report_format.codes import (
    APPLICANT_COLUMNS,
    APPLICANT_HEADER,
    INFO_CONTENT_LABEL,
    NOTE_LABEL,
    ORGANISATION_HEADER,
    TABLE_APPLICATIONS,
    TABLE_REVIEW_LITIGATION,
    TOTAL,
)

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


def _applications_layout(t: Any) -> tuple[LayoutRow, ...]:
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


def _review_layout(t: Any) -> tuple[LayoutRow, ...]:
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


def _proactive_layout(t: Any) -> tuple[LayoutRow, ...]:
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


# Built once per (format, table): every caller gets the same rows.
_LAYOUTS: dict[tuple[str, str], tuple[LayoutRow, ...]] = {}


def table_layout(t: Any) -> tuple[LayoutRow, ...]:
    """The official layout of one ``TableSchema`` (see ``schemas.layout``)."""
    key = (t.format_version, t.code)
    rows = _LAYOUTS.get(key)
    if rows is None:
        if t.code == TABLE_APPLICATIONS:
            rows = _applications_layout(t)
        elif t.code == TABLE_REVIEW_LITIGATION:
            rows = _review_layout(t)
        else:
            rows = _proactive_layout(t)
        rows = _LAYOUTS.setdefault(key, rows)
    return rows
