"""Staff edit of the catalogue's owners (责任主体) and time limits (时限要求), issue 17. Thin: the organ
admin only (access.can_manage_catalogue); owners.set_column_limits and the standard-item update do
the work in a transaction."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from gongkai.agencies import access as agency_access
from gongkai.core.decorators import staff_required
from gongkai.law.catalogue_items import lead_unit

from . import access, owners
from .models import CatalogueNode, StandardCatalogueItem


@staff_required
@require_POST
def catalogue_limits(request):
    """One row of the catalogue page: a column's or a standard item's 责任主体 and 时限要求."""
    model = StandardCatalogueItem if request.POST.get("kind") == "item" else CatalogueNode
    obj = model.objects.filter(pk=request.POST.get("pk"),
                               agency_id__in=agency_access.publishing_agency_ids(request.user)) \
        .select_related("agency").first()
    if obj is None:
        raise Http404("未找到该目录事项")
    if not access.can_manage_catalogue(request.user, obj.agency):
        raise PermissionDenied("只有机关管理员可以设置责任主体和时限要求")
    owner_name = request.POST.get("owner", "")[:50]
    time_limit = request.POST.get("time_limit", "")[:200]
    if model is CatalogueNode:
        obj = owners.set_column_limits(obj, owner_name=owner_name, time_limit=time_limit)
        rule = owners.rule_dict(obj.time_limit)
    else:
        rule = _save_item(obj, owner_name, time_limit, request.POST.get("column", ""))
    if rule and rule["kind"] == "unknown":
        messages.warning(request, f"已保存。时限要求“{time_limit.strip()}”无法识别，已原样保存，系统不据此核对时限")
    else:
        messages.success(request, "已保存责任主体和时限要求")
    return redirect(f"{reverse('standard-catalogue')}?agency={obj.agency.code}#limits")


@transaction.atomic
def _save_item(item: StandardCatalogueItem, owner_name: str, time_limit: str, column: str) -> dict | None:
    item = StandardCatalogueItem.objects.select_for_update().get(pk=item.pk)
    name = owner_name.strip()
    item.owner = owners.unit_for(item.agency, name) if name else None
    if lead_unit(item.responsible) != lead_unit(name):  # the written text is kept while it names the same unit
        item.responsible = name
    item.time_limit = time_limit.strip()
    item.time_rule = owners.rule_dict(item.time_limit)
    item.column = CatalogueNode.objects.filter(agency_id=item.agency_id, pk=column).first() if column.isdigit() \
        else None
    item.save(update_fields=["owner", "responsible", "time_limit", "time_rule", "column"])
    return item.time_rule


def limits_context(user, agency) -> dict:
    """The catalogue page's 责任主体/时限要求 part: each statutory column with its own and effective
    owner and rule, the organ's units, and whether this user may edit."""
    from gongkai.law.catalogue_items import TIME_LIMIT_EXAMPLES

    from .models import OrganUnit

    rules = owners.column_rules([agency.pk])
    columns = CatalogueNode.objects.filter(agency=agency, section=CatalogueNode.STATUTORY).select_related("owner") \
        .order_by("position", "id")
    return {
        # The section's own row first, then its columns in order.
        "limit_rows": sorted(((c, rules.get(c.pk)) for c in columns), key=lambda r: r[0].parent_id is not None),
        "units": OrganUnit.objects.filter(agency=agency),
        "time_limit_examples": TIME_LIMIT_EXAMPLES + ("信息形成或变更之日起10个工作日内", "登记编号之日起2日内在网公布",
                                                      "一次性公开并动态调整", "与所解读文件同步公开"),
        "can_manage_catalogue": access.can_manage_catalogue(user, agency),
    }
