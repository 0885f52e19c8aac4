"""Seeding and import/export of the catalogue (公开目录) and the standard catalogue (标准目录)."""

from __future__ import annotations

from django.db import transaction

from gongkai.law import catalogue_items as items
from gongkai.law.subjects import TAXONOMY

from .catalogue_import import import_standard_catalogue  # noqa: F401 — the import lives there (issue 17)
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


def export_standard_catalogue(agency) -> bytes:
    from openpyxl import Workbook

    from gongkai.files.spreadsheet import xlsx_bytes

    wb = Workbook()
    ws = wb.active
    ws.title = "标准目录"
    columns = items.STANDARD_CATALOGUE_COLUMNS + items.EXTRA_CATALOGUE_COLUMNS
    ws.append([header for _, header in columns])
    for row in StandardCatalogueItem.objects.filter(agency=agency).select_related("owner"):
        values = {
            "seq": row.seq, "process": row.stage, "item_l1": row.l1, "item_l2": row.l2, "item_code": row.code,
            "elements": row.elements, "basis": row.basis, "time_limit": row.time_limit,
            "responsible": row.responsible or (row.owner.name if row.owner else ""),
            "channels": items.format_channels(row.channels),
            "audience": row.audience, "manner": row.manner, "level": row.level, "item_l3": row.l3, "item_l4": row.l4,
        }
        ws.append([values.get(key, "") for key, _ in columns])
    return xlsx_bytes(wb)
