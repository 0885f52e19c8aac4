"""The demo's 年报解读 (issue 17 item 1): 示例市人民政府's 2024 and 2025 reports each with its published
解读; the 2025 解读 carries every headline figure of the snapshot and its change against 2024 in HTML,
DOCX and the PNG long image."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from gongkai.law import today as law_today
from gongkai.publishing.models import Interpretation
from gongkai.reports import interp_outputs, interpretations
from gongkai.reports.interp_render import key_figures
from gongkai.reports.interp_text import YOY_SUFFIX, expected, headline_labels
from gongkai.reports.models import AnnualReport, ReportInterpretation

pytestmark = pytest.mark.heavy  # one load of the whole demo (minutes on 2 cores) and the PNG/DOCX drawn
TODAY = dt.date(2026, 11, 20)  # inside the built-in holiday data, as the other demo tests


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """One load of the whole demo world for the module, rolled back at the end."""
    with law_today.pinned(TODAY), django_db_blocker.unblock():
        with transaction.atomic():
            out = io.StringIO()
            call_command("load_demo", stdout=out)
            yield out.getvalue()
            transaction.set_rollback(True)


@pytest.fixture
def world(loaded, db):
    with law_today.pinned(TODAY):
        yield loaded


def _city(year):
    return ReportInterpretation.objects.select_related("agency", "report", "past").get(agency__code="shi", year=year)


def test_the_city_has_both_years_published_linked_to_their_reports(world, client):
    assert "已载入年报解读演示数据：2篇，已发布2篇" in world
    past, current = _city(2024), _city(2025)
    assert past.is_published and past.past_id and past.document_id  # the 2024 report's document
    assert current.is_published and current.snapshot_id == AnnualReport.objects.get(
        agency__code="shi", year=2025, scope="organ").snapshot.pk
    for ri in (past, current):
        assert interpretations.flags(ri) == []
        assert Interpretation.objects.get(pk=ri.interpretation_id).form == "图解"
    assert list(Interpretation.objects.get(pk=past.interpretation_id).documents.all()) == [past.document]
    column = client.get(reverse("reports_public:index", args=["shi"])).content.decode()
    for year in (2024, 2025):
        assert reverse("reports_public:interpretation", args=["shi", year]) in column
    page = client.get(reverse("reports_public:interpretation", args=["shi", 2024])).content.decode()
    assert reverse("public:doc", args=[past.document_id]) in page  # 解读 → the report's document


def test_every_headline_figure_and_its_change_in_html_docx_and_png(world, client):
    from docx import Document as Docx
    from PIL import Image

    ri = _city(2025)
    source = interpretations.source_of(ri)
    values = expected(source, ri.figures)
    labels = headline_labels(ri.figures)
    assert {"本年新收申请", "办结申请", "行政复议", "行政诉讼", "制发行政规范性文件"} <= set(labels)
    wanted = [(values[label], values[label + YOY_SUFFIX]) for label in labels]
    assert all(change and change != "上年无数据" for _v, change in wanted)  # 2024 is there to compare with
    page = client.get(reverse("reports_public:interpretation", args=["shi", 2025])).content.decode()
    html = interp_outputs.to_html(ri)
    docx = Docx(io.BytesIO(interp_outputs.to_docx(ri)))
    docx_text = "\n".join([p.text for p in docx.paragraphs]
                          + [c.text for t in docx.tables for row in t.rows for c in row.cells])
    for card in key_figures(source, ri.figures):
        for text in (page, html, docx_text):
            assert card["label"] in text and card["value"] in text and card["change"] in text, card
    assert len(docx.inline_shapes) >= 4  # the charts as pictures
    png = interp_outputs.to_png(ri)
    image = Image.open(io.BytesIO(png))
    assert png.startswith(b"\x89PNG") and image.format == "PNG"
    assert image.height > 4 * image.width  # a long image


def test_a_second_load_adds_no_interpretation(world):
    before = ReportInterpretation.objects.count()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert ReportInterpretation.objects.count() == before == 2
