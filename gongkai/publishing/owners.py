"""Owners (责任主体: an internal unit of the organ) and time limits (时限要求) of catalogue items
(issue 17). The rules themselves are law/time_limits and law/catalogue_items.lead_unit; this module
stores them and says which rule applies to a column.

A column's rule is its own 时限要求 when one is written; else that of the standard-catalogue item
linked to it; else its parent column's. Its owner likewise.
"""

from __future__ import annotations

from django.db import transaction

from gongkai.law import catalogue_items as items
from gongkai.law import time_limits
from gongkai.law import today as law_today

from .models import CatalogueNode, OrganUnit, StandardCatalogueItem


def rule_dict(text: str) -> dict | None:
    """The structured rule of a 时限要求 text, as stored (None for a blank one)."""
    rule = time_limits.parse(text)
    return rule.as_dict() if rule else None


def unit_for(agency, responsible: str, *, notes: list[str] | None = None) -> OrganUnit | None:
    """The organ's unit named as lead in a 责任主体 cell, created on first use (with a note)."""
    name = items.lead_unit(responsible)
    if not name:
        return None
    unit, created = OrganUnit.objects.get_or_create(
        agency=agency, name=name,
        defaults={"note": f"{law_today.today():%Y-%m-%d} 由公开目录导入新建（原文：{responsible.strip()[:120]}）"},
    )
    if created and notes is not None:
        notes.append(f"新建责任主体“{name}”")
    return unit


@transaction.atomic
def set_column_limits(node: CatalogueNode, *, owner_name: str, time_limit: str) -> CatalogueNode:
    """Set a column's 责任主体 (a unit of its organ, created if new) and 时限要求 (staff edit)."""
    node = CatalogueNode.objects.select_for_update().get(pk=node.pk)
    name = owner_name.strip()[:50]
    node.owner = OrganUnit.objects.get_or_create(agency_id=node.agency_id, name=name,
                                                 defaults={"note": "由目录管理页新建"})[0] if name else None
    node.time_limit = time_limit.strip()[:200]
    node.time_rule = rule_dict(node.time_limit)
    node.save(update_fields=["owner", "time_limit", "time_rule"])
    return node


class ColumnRule:
    """The owner and rule that apply to one column, and where they come from."""

    __slots__ = ("owner", "rule", "text")

    def __init__(self, owner: OrganUnit | None, rule: time_limits.TimeLimit | None, text: str):
        self.owner, self.rule, self.text = owner, rule, text


def column_rules(agency_ids) -> dict[int, ColumnRule]:
    """Every catalogue column of these organs → its effective owner and rule (own, standard item, parent)."""
    nodes = {n.pk: n for n in CatalogueNode.objects.filter(agency_id__in=agency_ids).select_related("owner")}
    standard: dict[int, StandardCatalogueItem] = {}
    for item in StandardCatalogueItem.objects.filter(agency_id__in=agency_ids, column__isnull=False) \
            .select_related("owner").order_by("seq", "id"):
        standard.setdefault(item.column_id, item)
    resolved: dict[int, ColumnRule] = {}

    def resolve(pk: int, seen: frozenset = frozenset()) -> ColumnRule:
        if pk in resolved:
            return resolved[pk]
        node = nodes[pk]
        item = standard.get(pk)
        owner = node.owner or (item.owner if item else None)
        text = node.time_limit or (item.time_limit if item else "")
        rule = time_limits.parse(text)  # the text is the source; time_rule is its stored reading
        parent = node.parent_id
        if (owner is None or rule is None) and parent in nodes and parent not in seen:
            above = resolve(parent, seen | {pk})
            owner = owner or above.owner
            if rule is None:
                rule, text = above.rule, above.text
        resolved[pk] = ColumnRule(owner, rule, text)
        return resolved[pk]

    for pk in nodes:
        resolve(pk)
    return resolved
