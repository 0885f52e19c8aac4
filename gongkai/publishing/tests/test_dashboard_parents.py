"""The inspection dashboard (栏目检查) counts a column with its sub-columns: a parent whose descendants
hold published items is not empty (issue 15: 法定主动公开内容 was flagged 空白栏目 beside 618 items)."""

import datetime as dt

from django.urls import reverse

from gongkai.agencies.models import Membership
from gongkai.law import today as law_today
from gongkai.publishing.models import CatalogueNode, DocStatus, Document


def _rows(client):
    resp = client.get(reverse("publishing-dashboard"))
    assert resp.status_code == 200
    return {col.pk: (n, latest, status) for col, n, latest, status in resp.context["rows"]}


def test_parent_with_items_in_children_is_not_empty(client, tree, make_user, pin_today):
    pin_today(dt.date(2026, 11, 20))
    a = tree["a"]
    client.force_login(make_user("ed", a, Membership.EDITOR))
    root = CatalogueNode.objects.get(agency=a, section=CatalogueNode.STATUTORY, parent=None)
    item = CatalogueNode.objects.get(agency=a, item_code="第二十条（一）")
    assert item.parent_id == root.pk or CatalogueNode.objects.get(pk=item.parent_id).parent_id == root.pk
    assert _rows(client)[root.pk][2] == "empty"  # nothing published yet: the parent is empty too

    published = law_today.now().replace(year=2026, month=11, day=18)
    doc = Document.objects.create(agency=a, title="测试市甲局规范性文件管理办法", doc_type="行政规范性文件",
                                  status=DocStatus.PUBLISHED, published_at=published)
    doc.columns.add(item)
    rows = _rows(client)
    assert root.pk not in rows or rows[root.pk][2] != "empty"
    assert item.pk not in rows  # the item itself is up to date
    # A sibling without items is still flagged.
    sibling = CatalogueNode.objects.get(agency=a, item_code="第二十条（二）")
    assert rows[sibling.pk][2] == "empty"


def test_parent_counts_include_descendants(client, tree, make_user, pin_today):
    pin_today(dt.date(2026, 11, 20))
    a = tree["a"]
    client.force_login(make_user("ed", a, Membership.EDITOR))
    root = CatalogueNode.objects.get(agency=a, section=CatalogueNode.STATUTORY, parent=None)
    root.update_kind = CatalogueNode.POLICY  # a 6-month column: listed once stale, with its figures
    root.save(update_fields=["update_kind"])
    item = CatalogueNode.objects.get(agency=a, item_code="第二十条（一）")
    old = law_today.now().replace(year=2025, month=1, day=6)  # stale: the parent is listed as not updated
    doc = Document.objects.create(agency=a, title="旧文件", doc_type="通知", status=DocStatus.PUBLISHED,
                                  published_at=old)
    doc.columns.add(item)
    n, latest, status = _rows(client)[root.pk]
    assert (n, latest, status) == (1, dt.date(2025, 1, 6), "veto")  # stale, not empty
