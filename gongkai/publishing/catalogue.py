"""Seeding and import/export of the catalogue (公开目录) and the standard catalogue (标准目录)."""

from __future__ import annotations

import io

from django.db import transaction

from gongkai.law import catalogue_items as items
from gongkai.law.subjects import TAXONOMY
from gongkai.ops import sandbox

from .models import CatalogueNode, StandardCatalogueItem, Subject

# Columns of Art. 20 whose content is policy documents or notices (6-month staleness rule);
# the others follow the catalogue rule (domain.md 6.3, 7.8).
POLICY_ITEMS = {"（一）", "（三）", "（十一）", "（十二）", "（十五）"}


def seed_subjects() -> int:
    n = 0
    position = 0
    for l1, subs in TAXONOMY:
        position += 1
        _, created = Subject.objects.get_or_create(path=l1, defaults={"l1": l1, "position": position * 100})
        n += created
        for i, l2 in enumerate(subs, 1):
            _, created = Subject.objects.get_or_create(
                path=f"{l1}\\{l2}", defaults={"l1": l1, "l2": l2, "position": position * 100 + i}
            )
            n += created
    return n


@transaction.atomic
def seed_catalogue(agency) -> None:
    """The four first-level columns (国办公开办函〔2019〕61号) and the Art. 20 (+ Art. 21) sub-tree."""
    if CatalogueNode.objects.filter(agency=agency).exists():
        return
    top = {}
    for position, (section, label) in enumerate(CatalogueNode.SECTION_CHOICES, 1):
        top[section] = CatalogueNode.objects.create(agency=agency, section=section, title=label, position=position)
    parent = top[CatalogueNode.STATUTORY]
    for position, item in enumerate(items.ARTICLE_20, 1):
        CatalogueNode.objects.create(
            agency=agency, parent=parent, section=CatalogueNode.STATUTORY, item_code=f"第二十条{item.code}",
            title=item.title, position=position,
            update_kind=CatalogueNode.POLICY if item.code in POLICY_ITEMS else CatalogueNode.OTHER,
        )
    extra = ()
    if agency.kind == "government" and agency.parent_id is None or agency.kind == "department":
        extra = items.ARTICLE_21_CITY_COUNTY
    elif agency.kind == "township":
        extra = items.ARTICLE_21_TOWNSHIP
    elif agency.kind == "government":
        extra = items.ARTICLE_21_CITY_COUNTY  # county governments
    for position, title in enumerate(extra, 100):
        CatalogueNode.objects.create(agency=agency, parent=parent, section=CatalogueNode.STATUTORY,
                                     item_code="第二十一条", title=title, position=position)


def _optional(normalize, value):
    """Blank optional cells stay blank; filled ones must be valid."""
    return normalize(value) if value else ""


def export_standard_catalogue(agency) -> bytes:
    from openpyxl import Workbook

    from gongkai.files.spreadsheet import xlsx_bytes

    wb = Workbook()
    ws = wb.active
    ws.title = "标准目录"
    ws.append([header for _, header in items.STANDARD_CATALOGUE_COLUMNS])
    for row in StandardCatalogueItem.objects.filter(agency=agency):
        values = {
            "seq": row.seq, "process": row.stage, "item_l1": row.l1, "item_l2": row.l2, "item_code": row.code,
            "elements": row.elements, "basis": row.basis, "time_limit": row.time_limit,
            "responsible": row.responsible, "channels": items.format_channels(row.channels),
            "audience": row.audience, "manner": row.manner, "level": row.level,
        }
        ws.append([values.get(key, "") for key, _ in items.STANDARD_CATALOGUE_COLUMNS])
    return xlsx_bytes(wb)


def _sheet_rows(content: bytes) -> list[tuple]:
    """The rows (values) of the active sheet of an XLSX file (run in the sandbox; failures raised)."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    rows = list(wb.active.iter_rows(values_only=True))
    wb.close()
    return rows


def import_standard_catalogue(agency, content: bytes) -> tuple[int, list[str]]:
    """Rows with errors are reported with their row number and skipped; nothing half-imported per row."""
    try:
        # A file from elsewhere: ZIP directory checked, then read within the parsing budget.
        sandbox.check_zip(content)
        sheet = sandbox.run(_sheet_rows, content)
    except sandbox.Refused as e:
        return 0, [e.message]
    except Exception:  # noqa: BLE001 — any unreadable file gets the same message
        return 0, ["文件无法读取：请上传 XLSX 格式的标准目录"]
    rows = iter(sheet)
    header = next(rows, None) or ()
    keys = [items.column_key(str(h or "")) for h in header]
    if "item_l1" not in keys:
        return 0, ["表头缺少“一级事项”列"]
    errors, created = [], 0
    for number, values in enumerate(rows, 2):
        record = {k: ("" if v is None else str(v).strip()) for k, v in zip(keys, values, strict=False) if k}
        if not any(record.values()):
            continue
        try:
            if not record.get("item_l1"):
                raise ValueError("一级事项不能为空")
            StandardCatalogueItem.objects.create(
                agency=agency, seq=int(float(record.get("seq") or 0)),
                stage=items.normalize_process_stage(record.get("process")), l1=record["item_l1"],
                l2=record.get("item_l2", ""), code=record.get("item_code", ""),
                elements=record.get("elements", ""), basis=record.get("basis", ""),
                time_limit=record.get("time_limit", ""), responsible=record.get("responsible", ""),
                channels=items.parse_channels(record.get("channels")),
                audience=_optional(items.normalize_audience, record.get("audience")),
                manner=_optional(items.normalize_manner, record.get("manner")),
                level=_optional(items.normalize_level, record.get("level")),
            )
            created += 1
        except ValueError as e:
            errors.append(f"第{number}行：{e}")
    return created, errors
