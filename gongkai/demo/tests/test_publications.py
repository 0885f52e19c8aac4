"""The demo publications look real (issue 15 item 7): distinct titles and bodies, 文号 per organ,
interpretations written from their document, a complete statutory catalogue for 示例市人民政府, and no
timestamp after today — on 31 December and early in a year alike.

The organs, staff, documents and reports are loaded without the applications (which
test_applications.py and test_reports.py load): this keeps each load to seconds."""

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.demo import publishing
from gongkai.demo import reports as reports_demo
from gongkai.demo.applications import Demo
from gongkai.law import today as law_today
from gongkai.publishing.models import CatalogueNode, DocStatus, Document, Interpretation

from .helpers import future_values


def _load(day: dt.date, pin_today, count: int = 2100) -> dict:
    pin_today(day)
    demo = Demo()
    demo.build_organs()
    demo.build_staff()
    result = publishing.load_documents(count=count)
    reports_demo.load()
    return result


@pytest.mark.django_db
@pytest.mark.parametrize("day", [dt.date(2026, 1, 5), dt.date(2026, 12, 31)])
def test_no_demo_timestamp_after_today(day, pin_today):
    _load(day, pin_today, count=400)
    assert Document.objects.exists()
    assert future_values(day, ("publishing", "reports")) == []
    # Nothing published today either: a document of "today" would appear before its time of day.
    latest = Document.objects.order_by("-published_at").first().published_at
    assert timezone.localtime(latest, law_today.CHINA_TZ).date() < day


@pytest.mark.django_db
def test_documents_have_distinct_titles_bodies_and_numbers(pin_today):
    result = _load(dt.date(2026, 11, 20), pin_today)
    docs = Document.objects.filter(status=DocStatus.PUBLISHED)
    assert docs.count() == result["documents"] + 6 and result["documents"] >= 2100  # + the 2024 reports
    assert docs.values("title").distinct().count() == docs.count()
    assert docs.values("body").distinct().count() == docs.count()
    numbered = docs.exclude(doc_no="")
    assert numbered.values("doc_no").distinct().count() == numbered.count()
    # 文号 per organ, in date order within a prefix and year (as an office numbers its documents).
    for prefix, year in {(d.doc_no_prefix, d.doc_no_year) for d in numbered.filter(agency__code="shi")}:
        serials = list(numbered.filter(doc_no_prefix=prefix, doc_no_year=year).order_by("signed_on", "title")
                       .values_list("doc_no_serial", flat=True))
        assert serials == list(range(1, len(serials) + 1)), (prefix, year)
    assert numbered.filter(agency__code="zjj", doc_no_prefix__startswith="示住建").count() \
        == numbered.filter(agency__code="zjj").count()
    # Every year from 2019 on, every common 文种, and all four validity states.
    years = {d.year for d in docs.values_list("signed_on", flat=True)}
    assert set(range(2019, 2027)) <= years
    assert {"通知", "意见", "公告", "批复", "报告", "行政规范性文件", "规章"} <= set(docs.values_list("doc_type", flat=True))
    assert set(docs.values_list("validity", flat=True)) == {"in_force", "amended", "repealed", "expired"}
    # A department writes on its own subjects: no 户籍 document from the 生态环境局.
    assert not docs.filter(agency__code="sthj", keywords__contains="户籍").exists()


@pytest.mark.django_db
def test_interpretations_are_written_from_their_document(pin_today):
    _load(dt.date(2026, 11, 20), pin_today, count=600)
    interps = Interpretation.objects.prefetch_related("documents")
    assert interps.count() >= 30
    assert set(interps.values_list("form", flat=True)) == {"文字", "问答", "访谈"}
    assert interps.values("body").distinct().count() == interps.count()
    for interp in interps:
        (doc,) = interp.documents.all()
        assert doc.doc_type in ("规章", "行政规范性文件", "意见")
        assert interp.published_at >= doc.published_at
        assert doc.keywords in interp.body
        name = interp.title.split("《", 1)[1].split("》", 1)[0]
        assert name in doc.title or name in doc.body


@pytest.mark.django_db
def test_statutory_catalogue_of_the_city_government_is_complete(pin_today):
    _load(dt.date(2026, 11, 20), pin_today)
    nodes = CatalogueNode.objects.filter(agency__code="shi")
    items = nodes.filter(section=CatalogueNode.STATUTORY).exclude(item_code="")
    assert items.filter(item_code__startswith="第二十条").count() == 15
    assert items.filter(item_code="第二十一条").count() == 7
    rules = nodes.get(section=CatalogueNode.RULES, parent=None)
    reports = nodes.get(section=CatalogueNode.ANNUAL_REPORTS, parent=None)
    empty = [f"{n.item_code} {n.title}" for n in (*items, rules, reports)
             if not n.documents.filter(status=DocStatus.PUBLISHED).exists()]
    assert empty == []
    functions = nodes.get(item_code="第二十条（二）").documents.values_list("body", flat=True)
    assert any("人民大道1号" in body and "0999-8120001" in body for body in functions)
    # Departments too: a column outside an organ's remit carries its statement instead of standing empty.
    bare = CatalogueNode.objects.filter(section=CatalogueNode.STATUTORY, parent__isnull=False, documents=None)
    assert list(bare.values_list("agency__code", "title")) == []
    assert Document.objects.filter(agency__code="scjg", title__contains="第二十一条“治安管理”").exists()
