"""The tables' data (``{ROW: {COLUMN: value}}`` per table): the empty shape of a format, every cell
in reading order, one record per row, built from cell ids, missing tables, the format guessed from
the codes present."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from gongkai.law.report_format.cells import cell_id, get_cell, parse_cell_id
from gongkai.law.report_format.codes import FORMAT_2019, FORMAT_2021, TABLE_APPLICATIONS, TABLE_PROACTIVE
from gongkai.law.report_format.schemas import _table, schema_for


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
