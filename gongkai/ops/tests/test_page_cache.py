"""The page cache of anonymous public pages (gongkai/ops/page_cache.py): a second visitor gets the
page from the cache; no stale page after publication, withdrawal, repeal or any other change of
public content; staff, searches, odd parameters and pages with cookies never come from it; each
display variant and each day is its own entry."""

import datetime as dt
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from gongkai.ops import page_cache
from gongkai.publishing import services
from gongkai.publishing.models import DocStatus, Document
from gongkai.publishing.tests.test_public_pages import make_doc

HIT = page_cache.HIT_HEADER


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def admin(make_user):
    return make_user("pc_admin", superuser=True)


def get(client, url, **params):
    return client.get(url, params)


def state(response) -> str:
    return response.get(HIT, "")


def test_every_declared_page_is_a_real_url_name():
    from django.urls import NoReverseMatch, get_resolver

    names = set()
    resolver = get_resolver()
    for name in page_cache.PAGES:
        try:
            reverse(name)
            names.add(name)
        except NoReverseMatch:
            ns, _, short = name.rpartition(":")
            lookups = resolver.namespace_dict[ns][1].reverse_dict if ns else resolver.reverse_dict
            assert short in lookups, name


def test_a_second_anonymous_visitor_gets_the_page_from_the_cache(client, tree):
    make_doc(tree["gov"], "关于缓存测试的通知")
    first = client.get("/")
    assert first.status_code == 200 and state(first) == "miss"
    second = Client().get("/")
    assert state(second) == "hit" and second.content == first.content
    assert second["Content-Type"].startswith("text/html")
    # The security headers are there on a hit too (added by the middleware before the cache).
    assert "Content-Security-Policy" in second and second["X-Frame-Options"] == "DENY"
    assert not second.cookies


def test_publication_withdrawal_and_repeal_show_at_once(client, tree, admin):
    gov = tree["gov"]
    doc = make_doc(gov, "关于缓存发布测试的通知", status=DocStatus.APPROVED, index_no=None)
    column, library = reverse("column", args=[gov.code]), reverse("public:library")
    for url in (column, library):
        assert "关于缓存发布测试的通知" not in client.get(url).content.decode()
        assert state(client.get(url)) == "hit"

    services.publish(doc, admin)
    for url in (column, library):
        r = client.get(url)
        assert state(r) == "miss" and "关于缓存发布测试的通知" in r.content.decode(), url
    page = reverse("public:doc", args=[doc.pk])
    assert client.get(page).status_code == 200 and state(client.get(page)) == "hit"

    services.change_validity(Document.objects.get(pk=doc.pk), admin, "repealed", on=dt.date(2026, 12, 1))
    r = client.get(page)
    assert state(r) == "miss" and "已废止" in r.content.decode()

    services.withdraw(Document.objects.get(pk=doc.pk), admin, "内容有误")
    assert client.get(page).status_code == 404
    for url in (column, library):
        assert "关于缓存发布测试的通知" not in client.get(url).content.decode(), url


def test_a_change_made_by_another_process_ends_the_cached_pages(tree):
    """The signals are connected by the app config, not by the middleware: a job worker or a
    command that never served a page still ends them."""
    before = page_cache.generation()
    make_doc(tree["gov"])
    assert page_cache.generation() > before
    from django.db.models.signals import post_save

    assert any("gongkai.page_cache.save" in str(r[0]) for r in post_save.receivers)


def test_staff_searches_and_odd_parameters_are_never_cached(client, tree, admin):
    make_doc(tree["gov"], "关于户籍管理的通知")
    library = reverse("public:library")
    for params in ({"q": "户籍"}, {"doc_no": "测政发"}, {"utm_source": "x"}, {"page": "1" * 400}):
        client.get(library, params)
        assert state(client.get(library, params)) == "", params
    assert state(client.get(library, {"doc_type": "通知", "q": ""})) == "miss"
    assert state(client.get(library, {"q": "", "doc_type": "通知"})) == "hit"  # order does not matter
    client.get("/")
    staff = Client()
    staff.force_login(admin)
    r = staff.get("/")
    assert state(r) == "" and "退出" in r.content.decode()


def test_display_variants_and_days_are_entries_of_their_own(client, tree, pin_today):
    make_doc(tree["gov"], "关于政府信息公开工作的通知")
    url = reverse("column", args=[tree["gov"].code])
    plain = client.get(url).content.decode()
    trad = Client()
    trad.cookies["gk_trad"] = "1"
    r = trad.get(url)
    assert state(r) == "miss" and '<html lang="zh-Hant">' in r.content.decode() and '<html lang="zh-CN">' in plain
    senior = Client()
    senior.cookies["gk_senior"] = "1"
    assert state(senior.get(url)) == "miss"
    assert state(Client().get(url)) == "hit"
    pin_today(dt.date(2027, 1, 4))
    assert state(Client().get(url)) == "miss"


def test_the_display_switch_needs_no_token(tree):
    client = Client(enforce_csrf_checks=True)
    r = client.post(reverse("public:display", args=["senior"]), {"value": "1", "next": "/"})
    assert r.status_code == 302 and client.cookies["gk_senior"].value == "1"


def test_a_page_that_sets_a_cookie_or_fails_is_not_kept(client, tree):
    assert client.get(reverse("public:doc", args=[999999])).status_code == 404
    assert state(client.get(reverse("public:doc", args=[999999]))) == ""
    with mock.patch("gongkai.portal.views.render") as render:
        from django.http import HttpResponse

        response = HttpResponse("<p>x</p>")
        response.set_cookie("csrftoken", "abc")
        render.return_value = response
        client.get("/")
    assert state(Client().get("/")) == "miss"


def test_a_cache_that_is_down_does_not_take_the_pages_with_it(client, tree):
    with mock.patch.object(page_cache.cache, "get", side_effect=ConnectionError("redis down")):
        r = client.get("/")
    assert r.status_code == 200 and state(r) == ""


def test_switched_off_by_the_setting(client, tree, settings):
    settings.GONGKAI_PAGE_CACHE = False
    client.get("/")
    assert state(client.get("/")) == ""


def test_nginx_micro_cache_is_told_only_about_the_declared_pages(client, tree, admin, settings):
    assert "X-Accel-Expires" not in client.get("/")  # off by default: nginx caches no page
    settings.GONGKAI_NGINX_MICROCACHE_SECONDS = 2
    assert client.get("/")["X-Accel-Expires"] == "2"  # a miss
    assert client.get("/")["X-Accel-Expires"] == "2"  # a hit
    assert "X-Accel-Expires" not in client.get(reverse("public:library"), {"q": "户籍"})
    assert "X-Accel-Expires" not in client.get(reverse("query"))
    staff = Client()
    staff.force_login(admin)
    assert "X-Accel-Expires" not in staff.get("/")


def test_the_deploy_nginx_site_caches_only_what_the_app_marks():
    from pathlib import Path

    site = (Path(__file__).resolve().parents[3] / "deploy" / "nginx" / "gongkai.conf").read_text()
    location = site[site.index("    location / {"):]
    location = location[:location.index("}")]
    assert "proxy_cache gongkai_pages;" in location and "proxy_cache_valid" not in site  # no time of its own
    assert "proxy_cache_bypass $cookie_sessionid" in location and "proxy_no_cache $cookie_sessionid" in location


def test_a_deploy_ends_the_pages_the_old_code_rendered(client, tree):
    """A release is deployed with `migrate`: a page cached before it is rendered again after it."""
    from django.core.management import call_command

    make_doc(tree["gov"])
    url = reverse("public:library")
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    call_command("migrate", verbosity=0)
    assert client.get(url)["X-Page-Cache"] == "miss"
