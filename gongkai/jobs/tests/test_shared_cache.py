"""The shared cache: rate limits hold across worker processes, key on the real client behind the
proxy, and never leak from one test into the next."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import RequestFactory, override_settings
from django_ratelimit.core import get_usage

from gongkai.client_address import client_ip

ROOT = Path(__file__).resolve().parents[3]


def request(remote="127.0.0.1", **headers):
    return RequestFactory().post("/apply/", REMOTE_ADDR=remote, **headers)


@pytest.mark.parametrize("remote, headers, expected", [
    # Behind the nginx of deploy/ (on the loopback): the address nginx saw.
    ("127.0.0.1", {"HTTP_X_REAL_IP": "203.0.113.7", "HTTP_X_FORWARDED_FOR": "203.0.113.7"}, "203.0.113.7"),
    # A client's own X-Forwarded-For sits to the left of what nginx appended: ignored.
    ("127.0.0.1", {"HTTP_X_REAL_IP": "203.0.113.7", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.7"}, "203.0.113.7"),
    ("::1", {"HTTP_X_FORWARDED_FOR": "2001:db8::5"}, "2001:db8::5"),
    ("127.0.0.1", {"HTTP_X_REAL_IP": "203.0.113.9"}, "203.0.113.9"),
    ("127.0.0.1", {}, "127.0.0.1"),
    ("127.0.0.1", {"HTTP_X_FORWARDED_FOR": "not-an-address"}, "127.0.0.1"),
    # Not through the proxy: the headers are the client's own words, never believed.
    ("198.51.100.2", {"HTTP_X_REAL_IP": "1.2.3.4", "HTTP_X_FORWARDED_FOR": "1.2.3.4"}, "198.51.100.2"),
])
def test_the_client_address_behind_the_proxy(remote, headers, expected):
    assert client_ip(request(remote, **headers)) == expected


@override_settings(GONGKAI_TRUSTED_PROXIES=["10.0.0.0/24"])
def test_a_proxy_on_another_machine_is_trusted_by_setting():
    r = request("10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.7, 10.0.0.9")  # load balancer, then nginx
    assert client_ip(r) == "203.0.113.7"
    assert client_ip(request("127.0.0.1", HTTP_X_REAL_IP="1.2.3.4")) == "127.0.0.1"


def test_rate_limits_key_on_the_client_behind_the_proxy():
    for _ in range(3):
        usage = get_usage(request(HTTP_X_REAL_IP="203.0.113.7"), group="t", key="ip", rate="3/h", increment=True)
    assert usage["should_limit"] is False
    assert get_usage(request(HTTP_X_REAL_IP="203.0.113.7"), group="t", key="ip", rate="3/h",
                     increment=True)["should_limit"] is True
    # Another client behind the same proxy has its own count.
    assert get_usage(request(HTTP_X_REAL_IP="203.0.113.8"), group="t", key="ip", rate="3/h",
                     increment=True)["should_limit"] is False


def test_the_rate_limit_holds_across_two_worker_processes_on_one_disk_cache(tmp_path):
    """Two cache clients on the same directory, as two gunicorn workers open it: one count."""
    shared = {"BACKEND": "diskcache.DjangoCache", "LOCATION": str(tmp_path), "SHARDS": 4, "DATABASE_TIMEOUT": 0.25}
    with override_settings(CACHES={"default": shared, "worker1": shared, "worker2": shared}):
        results = []
        for n in range(6):
            with override_settings(RATELIMIT_USE_CACHE=f"worker{n % 2 + 1}"):
                results.append(get_usage(request(HTTP_X_REAL_IP="203.0.113.7"), group="apply", key="ip",
                                         rate="5/h", increment=True)["should_limit"])
    assert results == [False] * 5 + [True]


def test_increments_from_concurrent_processes_are_all_counted(tmp_path):
    """diskcache's increment is atomic across processes (a SQLite transaction): none is lost."""
    script = textwrap.dedent(f"""
        import diskcache, sys
        c = diskcache.FanoutCache({str(tmp_path)!r}, shards=4, timeout=0.25)
        c.add("n", 0)
        for _ in range(200):
            c.incr("n", retry=True)
    """)
    procs = [subprocess.Popen([sys.executable, "-c", script]) for _ in range(3)]
    assert [p.wait(timeout=60) for p in procs] == [0, 0, 0]
    import diskcache

    assert diskcache.FanoutCache(str(tmp_path), shards=4).get("n") == 600


def test_a_count_left_by_a_test_a():
    get_usage(request(), group="leak", key="ip", rate="1/h", increment=True)
    assert get_usage(request(), group="leak", key="ip", rate="1/h", increment=True)["should_limit"] is True


def test_b_starts_on_an_empty_cache():
    assert get_usage(request(), group="leak", key="ip", rate="1/h", increment=True)["should_limit"] is False
    assert cache.get("anything") is None


def _settings_in_a_fresh_process(**env) -> str:
    code = textwrap.dedent("""
        from django.conf import settings
        import django
        django.setup()
        from huey.contrib.djhuey import HUEY
        from django.core.management import call_command
        print(settings.CACHES["default"]["BACKEND"], type(HUEY).__name__, HUEY.immediate)
        call_command("check")
    """)
    full = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "HUEY_IMMEDIATE")}
    full.update(DJANGO_SETTINGS_MODULE="gongkai.settings_test", GONGKAI_VAR=env.pop("var"), **env)
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=full, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout + done.stderr


def test_the_embedded_default_needs_no_other_service_and_its_checks_pass(tmp_path):
    out = _settings_in_a_fresh_process(var=str(tmp_path), HUEY_IMMEDIATE="0")
    assert "diskcache.DjangoCache SqliteHuey False" in out
    assert "System check identified no issues" in out  # django_ratelimit.W001 silenced: see ARCHITECTURE.md
    assert (tmp_path / "jobs.sqlite3").exists()


def test_redis_url_gives_redis_for_the_cache_and_the_queue(tmp_path):
    out = _settings_in_a_fresh_process(var=str(tmp_path), REDIS_URL="redis://127.0.0.1:6379/15", HUEY_IMMEDIATE="0")
    assert "django_redis.cache.RedisCache PriorityRedisHuey False" in out
    assert "System check identified no issues" in out  # django-redis is on django-ratelimit's list
    assert not (tmp_path / "jobs.sqlite3").exists()


def _redis_up() -> bool:
    import redis

    try:
        return redis.Redis.from_url("redis://127.0.0.1:6379/15", socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return False


@pytest.mark.skipif(not _redis_up(), reason="Redis 未在 127.0.0.1:6379 运行")
def test_the_rate_limit_holds_across_two_redis_clients():
    import uuid

    shared = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:6379/15",
              "KEY_PREFIX": f"gongkai-test-{uuid.uuid4().hex}"}
    with override_settings(CACHES={"default": cache_settings_of_this_test(), "worker1": shared, "worker2": shared}):
        results = []
        for n in range(4):
            with override_settings(RATELIMIT_USE_CACHE=f"worker{n % 2 + 1}"):
                results.append(get_usage(request(HTTP_X_REAL_IP="203.0.113.7"), group="apply", key="ip",
                                         rate="3/h", increment=True)["should_limit"])
        from django.core.cache import caches

        caches["worker1"].clear()
    assert results == [False, False, False, True]


def cache_settings_of_this_test():
    from django.conf import settings

    return settings.CACHES["default"]
