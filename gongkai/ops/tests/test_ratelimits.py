"""Rate limits of the public search and the open-data API, per client address (the real client
behind the nginx of deploy/: settings.RATELIMIT_IP_META_KEY), with a Chinese 429 that says how long
to wait. The counters live in the shared cache."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from gongkai.ops.ratelimits import describe

NGINX = "127.0.0.1"  # a trusted proxy of settings.GONGKAI_TRUSTED_PROXIES


@pytest.fixture(autouse=True)
def _counters(settings, monkeypatch):
    settings.GONGKAI_RATE_LIMITS = {"search": "3/m", "open_api": "2/m"}
    # django-ratelimit counts in fixed windows of the clock: a window ending between two requests of a
    # test (a slow machine) would reset the count. Its clock stands still here.
    import types

    import django_ratelimit.core

    monkeypatch.setattr(django_ratelimit.core, "time", types.SimpleNamespace(time=lambda: 1_800_000_030.0))
    cache.clear()
    yield
    cache.clear()


def _search(client, ip, q="户籍", via_nginx=False):
    meta = {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": ip} if via_nginx else {"REMOTE_ADDR": ip}
    return client.get("/gk/library/", {"q": q}, **meta)


def test_search_is_limited_per_client_with_a_chinese_page(client, tree):
    assert [_search(client, "203.0.113.5").status_code for _ in range(3)] == [200, 200, 200]
    r = _search(client, "203.0.113.5")
    assert r.status_code == 429
    wait = int(r["Retry-After"])
    assert 1 <= wait <= 60
    html = r.content.decode()
    assert "访问过于频繁" in html and f"请在 {wait} 秒后重试" in html and "每分钟3次" in html
    assert _search(client, "198.51.100.7").status_code == 200  # another client is not affected


def test_the_plain_library_list_is_not_counted(client, tree):
    assert all(client.get("/gk/library/").status_code == 200 for _ in range(6))


def test_search_limit_keys_on_the_real_client_behind_nginx(client, tree):
    for _ in range(3):
        assert _search(client, "203.0.113.5", via_nginx=True).status_code == 200
    assert _search(client, "203.0.113.5", via_nginx=True).status_code == 429
    # Same proxy address, another client behind it: its own counter.
    assert _search(client, "198.51.100.7", via_nginx=True).status_code == 200
    # A client cannot escape by writing its own X-Forwarded-For when it talks to the app directly.
    for _ in range(3):
        client.get("/gk/library/", {"q": "x"}, REMOTE_ADDR="192.0.2.9", HTTP_X_FORWARDED_FOR="10.9.9.9")
    r = client.get("/gk/library/", {"q": "x"}, REMOTE_ADDR="192.0.2.9", HTTP_X_FORWARDED_FOR="10.9.9.10")
    assert r.status_code == 429


def test_open_api_is_limited_with_json_in_chinese(client, tree):
    for _ in range(2):
        assert client.get("/api/open/documents/", REMOTE_ADDR="203.0.113.5").status_code == 200
    r = client.get("/api/open/catalogue/", REMOTE_ADDR="203.0.113.5")  # one counter for the whole API
    assert r.status_code == 429
    wait = int(r["Retry-After"])
    assert r.json()["detail"] == f"访问过于频繁：开放数据接口每分钟最多2次。 请在{wait}秒后重试。"
    assert client.get("/api/open/documents/", REMOTE_ADDR="198.51.100.7").status_code == 200


def test_a_limit_can_be_switched_off(client, tree, settings):
    settings.GONGKAI_RATE_LIMITS = {"search": "off", "open_api": "off"}
    assert all(_search(client, "203.0.113.5").status_code == 200 for _ in range(5))
    assert all(client.get("/api/open/documents/").status_code == 200 for _ in range(5))


def test_describe():
    assert describe("30/m") == (30, "分钟")
    assert describe("100/5m") == (100, "5分钟")
    assert describe("1000/h") == (1000, "小时")
    assert describe("10/s") == (10, "秒")
    assert describe("5000/d") == (5000, "天")
