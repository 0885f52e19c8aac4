"""Cell ids (``"<table>.<row>.<column>"``) and reading one cell of the nested tables."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


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
