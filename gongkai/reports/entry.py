"""Figures typed or imported by people: one value (blank or ``/`` is None, never a guessed 0; signed
deltas; units), a cell id checked against the format, whole tables in the documented JSON shape."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from gongkai.law import report_format as rf

from . import compute
from .errors import ReportError


def parse_value(raw: Any, column: rf.Column) -> int | Decimal | None:
    """An entered value: blank or ``/`` → None (never a guessed 0); signed deltas (+1, -14, 减4);
    units stripped (``563.75 万元``)."""
    if raw is None:
        return None
    if isinstance(raw, int | float | Decimal) and not isinstance(raw, bool):
        text = str(raw)
    else:
        text = str(raw).strip()
    text = text.replace("，", "").replace(",", "").replace(" ", "")
    if text in ("", "/", "／", "-", "—", "无"):
        return None
    sign = 1
    for prefix, s in (("减", -1), ("增", 1), ("约", 1), ("+", 1), ("＋", 1), ("−", -1), ("－", -1)):
        if text.startswith(prefix):
            text, sign = text[len(prefix):], s * sign
    for unit in ("万元", "元", "件", "项", "个", "条"):
        if text.endswith(unit):
            text = text[: -len(unit)]
            if unit == "元":
                # yuan → 万元
                try:
                    return (Decimal(text) * sign / Decimal(10000)).quantize(Decimal("0.01"))
                except InvalidOperation:
                    raise ReportError(f"“{raw}”不是有效的数值") from None
    try:
        number = Decimal(text) * sign
    except InvalidOperation:
        raise ReportError(f"“{raw}”不是有效的数值") from None
    if column.kind == rf.KIND_AMOUNT:
        if number < 0:
            raise ReportError("金额不能为负数")
        return number.quantize(Decimal("0.01"))
    if number != number.to_integral_value():
        raise ReportError(f"“{raw}”不是整数（{column.label}应为整数）")
    if column.kind != rf.KIND_DELTA and number < 0:
        raise ReportError(f"“{raw}”是负数（{column.label}应为非负整数）")
    return int(number)


def cell_column(fmt: str, cell: str) -> rf.Column:
    try:
        table, row, column = rf.parse_cell_id(cell)
        t = rf.schema_for(fmt).table(table)
    except (KeyError, ValueError):
        raise ReportError(f"未知的单元格：{cell}") from None
    if not t.has_cell(row, column):
        raise ReportError(f"{rf.FORMAT_DOCUMENTS[fmt]}没有单元格 {cell}")
    return t.column(column)


def validate_tables(data: Any, fmt: str) -> dict:
    """Tables in the documented JSON shape → schema tables; unknown cells or non-numbers refused."""
    if not isinstance(data, dict):
        raise ReportError("tables 应为对象：{\"proactive\": …, \"applications\": …, \"review_litigation\": …}")
    schema = rf.schema_for(fmt)
    tables = schema.empty_tables()
    problems = []
    for table, rows in data.items():
        if table not in tables:
            problems.append(f"未知的表格 {table}")
            continue
        if not isinstance(rows, dict):
            problems.append(f"表格 {table} 应为对象")
            continue
        t = schema.table(table)
        for row, cols in rows.items():
            if row not in tables[table] or not isinstance(cols, dict):
                problems.append(f"{table} 没有行 {row}")
                continue
            for col, value in cols.items():
                if col not in tables[table][row]:
                    problems.append(f"{table}.{row} 没有列 {col}")
                    continue
                if value is None:
                    continue
                if isinstance(value, bool) or not isinstance(value, int | float | str):
                    problems.append(f"{table}.{row}.{col} 的值不是数值")
                    continue
                try:
                    tables[table][row][col] = parse_value(value, t.column(col)) if isinstance(value, str) \
                        else compute.coerce(value, t.column(col))
                except ReportError as e:
                    problems.append(f"{table}.{row}.{col}：{e}")
    if problems:
        raise ReportError("；".join(problems[:10]) + (f" 等{len(problems)}处" if len(problems) > 10 else ""))
    return tables
