"""XLSX import of a catalogue as agencies write it (issue 17): the 54号 standard catalogue layout and
the 主动公开基本目录 layout of seed 002 (一级指标 … 四级指标 具体指标, 维护内容及要求, 责任主体,
时限要求及方式).

Read leniently: the header row may come after a title row, and may be split over two rows; header
synonyms come from law/catalogue_items.column_key; a cell merged down the rows repeats; a blank
level, 责任主体 or 时限要求 cell repeats the row above (agencies leave repeated cells blank, or merge
them). Each row gets its owner (the lead unit named in 责任主体, created on first use with a note) and
its time limit (law/time_limits; text kept verbatim, an unrecognised one flagged, never guessed).
A row with an error is reported with its row number and skipped; nothing is half-imported per row.
"""

from __future__ import annotations

import io

from django.db import transaction

from gongkai.law import catalogue_items as items
from gongkai.ops import sandbox

from . import owners
from .models import CatalogueNode, StandardCatalogueItem

MAX_ROWS = 5000
MAX_COLUMNS = 40
HEADER_SCAN_ROWS = 10
LEVELS = ("item_l1", "item_l2", "item_l3", "item_l4")
INHERITED = ("responsible", "time_limit")


def _sheet_rows(content: bytes) -> list[list]:
    """The rows (values) of the active sheet, a cell merged down the rows repeated in each row (run in
    the sandbox; failures raised). A cell merged across columns stays in its first column."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(content), read_only=False, data_only=True)
    ws = wb.active
    if (ws.max_row or 0) > MAX_ROWS:
        raise sandbox.Refused(f"目录超过{MAX_ROWS}行，请分批导入")
    rows = [list(row[:MAX_COLUMNS]) for row in ws.iter_rows(values_only=True)]
    for rng in ws.merged_cells.ranges:
        if rng.min_col > MAX_COLUMNS:
            continue
        value = rows[rng.min_row - 1][rng.min_col - 1]
        for r in range(rng.min_row + 1, min(rng.max_row, len(rows)) + 1):
            rows[r - 1][rng.min_col - 1] = value
    wb.close()
    return rows


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _header(rows: list[list]) -> tuple[int, list[str | None]] | None:
    """(index of the last header row, column keys); a header split over two rows is read as one."""
    previous: list = []
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        keys = [items.column_key(_text(v)) for v in row]
        if "item_l1" in keys:
            keys = [k or (items.column_key(_text(previous[c])) if c < len(previous) else None)
                    for c, k in enumerate(keys)]
            return i, keys
        previous = row
    return None


def _records(rows: list[list], start: int, keys: list[str | None]):
    """(row number, record) with blank repeated cells filled from the row above."""
    above: dict[str, str] = {}
    for number, values in enumerate(rows[start:], start + 1):
        record = {k: _text(v) for k, v in zip(keys, values, strict=False) if k}
        if not any(record.values()):
            continue
        deepest = max((i for i, k in enumerate(LEVELS) if record.get(k)), default=None)
        for i, key in enumerate(LEVELS):
            if not record.get(key) and (deepest is None or i < deepest):
                record[key] = above.get(key, "")
        same_group = record.get("item_l1") == above.get("item_l1")
        for key in INHERITED:
            if not record.get(key) and same_group:
                record[key] = above.get(key, "")
        above = record
        yield number, record


def _column(agency, record) -> CatalogueNode | None:
    """The catalogue column named like the row's deepest level (or a level above), if the organ has one."""
    titles = [record.get(k) for k in reversed(LEVELS) if record.get(k)]
    nodes = {n.title: n for n in CatalogueNode.objects.filter(agency=agency, title__in=titles)}
    return next((nodes[t] for t in titles if t in nodes), None)


def _create(agency, number: int, record: dict, notes: list[str], position: int) -> None:
    if not record.get("item_l1"):
        raise ValueError("一级事项不能为空")
    time_limit = record.get("time_limit", "")
    rule = owners.rule_dict(time_limit)
    if rule and rule["kind"] == "unknown":
        notes.append(f"第{number}行：无法识别的时限要求“{time_limit}”，已原样保存，请管理员核实")
    owner = owners.unit_for(agency, record.get("responsible", ""), notes=notes)
    StandardCatalogueItem.objects.create(
        # A table without 序号 (seed 002) is numbered in its order.
        agency=agency, seq=int(float(record["seq"])) if _is_number(record.get("seq")) else position,
        stage=items.normalize_process_stage(record.get("process")), l1=record["item_l1"][:100],
        l2=record.get("item_l2", "")[:100], l3=record.get("item_l3", "")[:100], l4=record.get("item_l4", "")[:100],
        code=record.get("item_code", "")[:20], elements=record.get("elements", ""), basis=record.get("basis", ""),
        time_limit=time_limit[:200], time_rule=rule, responsible=record.get("responsible", "")[:200], owner=owner,
        channels=items.parse_channels(record.get("channels")),
        audience=_optional(items.normalize_audience, record.get("audience")),
        manner=_optional(items.normalize_manner, record.get("manner")),
        level=_optional(items.normalize_level, record.get("level")),
        column=_column(agency, record),
    )


def _is_number(value) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True


def _optional(normalize, value):
    """Blank optional cells stay blank; filled ones must be valid."""
    return normalize(value) if value else ""


class ImportResult(tuple):
    """``(created, errors)`` as before issue 17, plus ``notes``: the units created and the time limits
    not recognised (kept verbatim), to show the admin."""

    def __new__(cls, created: int, errors: list[str], notes: list[str] | None = None):
        result = super().__new__(cls, (created, errors))
        result.notes = list(notes or [])
        return result

    created = property(lambda self: self[0])
    errors = property(lambda self: self[1])


def import_standard_catalogue(agency, content: bytes) -> ImportResult:
    """Rows with errors are reported with their row number and skipped; nothing half-imported per row."""
    try:
        # A file from elsewhere: ZIP directory checked, then read within the parsing budget.
        sandbox.check_zip(content)
        sheet = sandbox.run(_sheet_rows, content)
    except sandbox.Refused as e:
        return ImportResult(0, [e.message])
    except Exception:  # noqa: BLE001 — any unreadable file gets the same message
        return ImportResult(0, ["文件无法读取：请上传 XLSX 格式的标准目录"])
    found = _header(sheet)
    if found is None:
        return ImportResult(0, ["表头缺少“一级事项”（或“一级指标”）列"])
    index, keys = found
    errors: list[str] = []
    notes: list[str] = []
    created = 0
    for position, (number, record) in enumerate(_records(sheet, index + 1, keys), 1):
        row_notes: list[str] = []
        try:
            with transaction.atomic():
                _create(agency, number, record, row_notes, position)
        except ValueError as e:
            errors.append(f"第{number}行：{e}")
        else:
            created += 1
            notes.extend(row_notes)
    return ImportResult(created, errors, notes)
