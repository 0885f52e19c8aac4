"""The demo catalogue with owners and time limits (issue 17 item 4): 示例市人民政府's 基本目录 imported,
columns owned, and the inspection dashboard shows an overdue item per unit and a late interpretation —
on the first working day of January and on 31 December alike."""

import datetime as dt

import pytest

from gongkai.agencies.models import Agency
from gongkai.demo import catalogue_limits, publishing
from gongkai.demo.applications import Demo
from gongkai.publishing import timeliness
from gongkai.publishing.models import CatalogueNode, OrganUnit, StandardCatalogueItem

from .helpers import future_values


@pytest.mark.django_db
@pytest.mark.parametrize("day", [dt.date(2026, 1, 5), dt.date(2026, 12, 31)])
def test_demo_catalogue_has_owners_time_limits_and_overdue_items(day, pin_today):
    pin_today(day)
    demo = Demo()
    demo.build_organs()
    demo.build_staff()
    publishing.load_documents(count=300)
    result = catalogue_limits.load()
    shi = Agency.objects.get(code="shi")
    assert result["items"] == StandardCatalogueItem.objects.filter(agency=shi).count() == len(catalogue_limits.ROWS)
    assert set(OrganUnit.objects.filter(agency=shi).values_list("name", flat=True)) >= {"人事科", "法制科", "秘书科"}
    column = CatalogueNode.objects.get(agency=shi, item_code="第二十条（十四）")
    assert column.owner.name == "人事科" and column.time_rule["days"] == 10
    section = timeliness.dashboard([shi.pk], day)
    kinds = {(f.unit, f.kind) for f in section["findings"]}
    assert ("示例市人民政府 · 人事科", "late") in kinds and ("示例市人民政府 · 人事科", "overdue") in kinds
    assert any(f.kind == "late_interpretation" and "优化营商环境" in f.title for f in section["findings"])
    assert [text for _where, text in section["unknown"]] == ["每年1月31日前"]
    assert future_values(day, ("publishing",)) == []
    assert catalogue_limits.load() is None  # idempotent
