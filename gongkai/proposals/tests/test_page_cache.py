"""The public column 建议提案办理结果 in the page cache (ops/page_cache.py): the list and a result's
page come from the cache for anonymous visitors, a 复文 published shows on the next visit, a search
is rendered every time, and the staff pages never come from it."""

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.ops import page_cache

from .helpers import D, answered, cast, publish_result  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
HIT = page_cache.HIT_HEADER


def state(response) -> str:
    return response.get(HIT, "")


def test_a_published_reply_shows_on_the_next_anonymous_visit(
    client,
    tree,
    cast,  # noqa: F811
    pin_today,
    django_assert_num_queries,
):
    pin_today(D(2026, 7, 1))
    first = publish_result(answered(tree, cast), cast)
    url = reverse("proposals_public:index", args=[tree["a"].code])
    assert state(client.get(url)) == "miss"
    with django_assert_num_queries(0):
        r = Client().get(url)
    assert state(r) == "hit" and "加装电梯" in r.content.decode()
    detail = reverse("proposals_public:detail", args=[tree["a"].code, first.pk])
    assert state(Client().get(detail)) == "miss" and state(Client().get(detail)) == "hit"
    filtered = {"year": "2026", "kind": "member"}
    assert "古树名木" not in Client().get(url, filtered).content.decode()

    publish_result(answered(tree, cast, number="第8号", kind="member", title="关于保护古树名木的提案"), cast)
    for params in ({}, filtered):
        r = Client().get(url, params)
        assert state(r) == "miss" and "古树名木" in r.content.decode(), params
    for _ in range(2):
        assert state(Client().get(url, {"q": "古树"})) == ""  # a search: rendered every time
    staff = Client()
    staff.force_login(cast["handler"])
    assert state(staff.get(url)) == "" and state(staff.get(reverse("proposals:list"))) == ""
