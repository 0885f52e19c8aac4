"""The public mailbox pages in the page cache (ops/page_cache.py): the list of published replies, a
reply, the yearly summary and the index come from the cache for anonymous visitors; a reply
published or withdrawn, or a letter received (the yearly counts), ends the cached copies at once,
and only the mailbox's (a letter does not empty the site's cache); the form page, the 查询 page and
every POST are never cached."""

from django.test import Client
from django.urls import reverse

from gongkai.mailbox import services
from gongkai.ops import page_cache

from .test_flow import answer

HIT = page_cache.HIT_HEADER


def state(response) -> str:
    return response.get(HIT, "")


def published(msg, staff):
    msg = answer(msg, staff)
    return services.publish(msg, staff["a_handler"], expected_version=msg.version)


def test_a_published_reply_shows_on_the_next_anonymous_visit(
    client, staff, message, django_capture_on_commit_callbacks
):
    msg = answer(message(), staff)
    replies = reverse("mailbox:replies", args=["deptA"])
    assert "老旧小区改造何时开工" not in client.get(replies).content.decode()
    assert state(client.get(replies)) == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        msg = services.publish(msg, staff["a_handler"], expected_version=msg.version)
    r = Client().get(replies)
    assert state(r) == "miss" and "老旧小区改造何时开工" in r.content.decode()
    detail = reverse("mailbox:reply", args=["deptA", msg.pk])
    assert Client().get(detail).status_code == 200 and state(Client().get(detail)) == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        services.unpublish(msg, staff["a_reviewer"], reason="来信人要求撤下")
    assert Client().get(detail).status_code == 404
    assert "老旧小区改造何时开工" not in Client().get(replies).content.decode()


def test_a_cached_list_is_served_without_a_query(client, staff, message, django_assert_num_queries):
    published(message(), staff)
    replies = reverse("mailbox:replies", args=["deptA"])
    assert state(client.get(replies)) == "miss"
    with django_assert_num_queries(0):
        r = Client().get(replies)
    assert state(r) == "hit" and "老旧小区改造何时开工" in r.content.decode()


def test_a_letter_ends_the_cached_summary_but_not_the_sites_pages(client, message, mailbox):
    summary = reverse("mailbox:summary", args=["deptA"])
    before = client.get(summary).content.decode()
    assert state(client.get(summary)) == "hit"
    assert state(client.get("/")) == "miss" and state(client.get("/")) == "hit"
    message()
    r = Client().get(summary)
    assert state(r) == "miss" and r.content.decode() != before
    assert state(Client().get("/")) == "hit"  # a letter does not empty the whole cache


def test_forms_the_query_page_and_searches_are_never_cached(mailbox, letter, message):
    organ = reverse("mailbox:organ", args=["deptA"])
    for url in (organ, reverse("mailbox:query"), reverse("mailbox:index")):
        Client().get(url)
    for url in (organ, reverse("mailbox:query")):
        first, second = Client().get(url), Client().get(url)
        assert state(first) == state(second) == "", url
        # each visitor gets a page with a token of its own, set with its cookie
        assert (
            "csrftoken" in first.cookies
            and first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
        )
    assert state(Client().get(reverse("mailbox:index"))) == "hit"
    replies = reverse("mailbox:replies", args=["deptA"])
    for _ in range(2):
        assert state(Client().get(replies, {"q": "开工"})) == ""
    poster = Client()
    assert poster.post(organ, letter()).status_code == 302
    assert state(poster.get(reverse("mailbox:done", args=["deptA"]))) == ""
    code = message().reference
    assert state(Client().get(reverse("mailbox:query-message", args=[code]))) == ""
