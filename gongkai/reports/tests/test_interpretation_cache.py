"""The public 年报解读 page in the page cache (ops/page_cache.py): served from the cache for anonymous
visitors once public, and its publication shows at once on the report's cached page."""

from django.test import Client
from django.urls import reverse

from gongkai.ops import page_cache
from gongkai.reports import interpretations

from .test_interpretation import report  # noqa: F401  (fixture)

HIT = page_cache.HIT_HEADER


def state(response) -> str:
    return response.get(HIT, "")


def test_the_interpretation_page_is_cached_and_its_publication_shows_at_once(
    report,  # noqa: F811
    staff,
    django_assert_num_queries,
):
    ri = interpretations.generate(staff["a_handler"], report=report)
    url = reverse("reports_public:interpretation", args=["deptA", 2025])
    report_page = reverse("reports_public:detail", args=["deptA", 2025])
    assert Client().get(url).status_code == 404 and state(Client().get(url)) == ""  # a 404 is not kept
    assert url not in Client().get(report_page).content.decode()
    assert state(Client().get(report_page)) == "hit"

    interpretations.publish(ri, staff["a_reviewer"])
    r = Client().get(report_page)
    assert state(r) == "miss" and url in r.content.decode()
    first = Client().get(url)
    assert first.status_code == 200 and state(first) == "miss" and ri.title in first.content.decode()
    with django_assert_num_queries(0):
        second = Client().get(url)
    assert state(second) == "hit" and second.content == first.content
