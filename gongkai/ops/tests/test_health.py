"""/healthz: JSON for the load balancer, no login, never cached, never rate limited, no secrets."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache

from gongkai.ops import health


@pytest.fixture(autouse=True)
def _clean():
    cache.clear()
    yield
    cache.clear()


def test_all_checks_pass(client, db):
    r = client.get("/healthz")
    assert r.status_code == 200 and r["Content-Type"] == "application/json"
    body = r.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "replica", "cache", "jobs", "disk", "buckets"}
    assert body["checks"]["buckets"]["status"] == "not configured"  # files on the local disk
    assert body["checks"]["replica"]["status"] == "not configured"  # no DATABASE_REPLICA_URL
    assert all(c["status"] in ("ok", "not configured") for c in body["checks"].values())
    assert set(body["checks"]["disk"]["storages"]) >= {"var", "media"}
    assert "no-store" in r["Cache-Control"] and "private" in r["Cache-Control"]
    assert r.wsgi_request.user.is_anonymous  # no login


def test_no_secrets_in_the_answer(client, db, settings):
    text = client.get("/healthz").content.decode()
    for secret in (settings.SECRET_KEY, str(settings.VAR_DIR), str(settings.MEDIA_ROOT),
                   str(settings.DATABASES["default"]["NAME"]), settings.DATABASES["default"].get("PASSWORD") or "\0"):
        assert secret not in text
    json.loads(text)


def test_a_failing_check_gives_503_and_names_it(client, db, monkeypatch):
    def broken():
        raise ConnectionError("redis://secret-host:6379 refused")

    monkeypatch.setitem(health.CHECKS, "cache", broken)
    r = client.get("/healthz")
    assert r.status_code == 503
    body = r.json()
    assert body["status"] == "fail"
    assert body["checks"]["cache"] == {"status": "fail", "error": "ConnectionError", "ms": body["checks"]["cache"]["ms"]}
    assert "secret-host" not in r.content.decode()


def test_low_disk_space_fails(client, db, settings):
    settings.GONGKAI_HEALTH_MIN_FREE_MB = 10**12  # more than any disk has
    r = client.get("/healthz")
    assert r.status_code == 503
    assert r.json()["checks"]["disk"]["status"] == "fail"


def test_job_queue_not_configured_is_not_a_failure(client, db, settings):
    settings.HUEY = None
    r = client.get("/healthz")
    assert r.status_code == 200
    assert r.json()["checks"]["jobs"]["status"] == "not configured"


def test_job_queue_storage_is_read(db, tmp_path, monkeypatch):
    # A real queue storage (SQLite here, as on the embedded default; Redis answers the same call).
    import huey.contrib.djhuey as djhuey
    from huey import SqliteHuey

    queue = SqliteHuey("gongkai-test", filename=str(tmp_path / "jobs.sqlite3"))
    monkeypatch.setattr(djhuey, "HUEY", queue)
    assert health.jobs() == {"status": "ok", "pending": 0}
    queue.enqueue(queue.task()(lambda: None).s())
    assert health.jobs() == {"status": "ok", "pending": 1}


def test_unreachable_job_queue_fails(client, db, monkeypatch):
    import huey.contrib.djhuey as djhuey
    from huey import RedisHuey

    # Nothing listens on port 1: the queue cannot be reached.
    monkeypatch.setattr(djhuey, "HUEY", RedisHuey("gongkai-test", url="redis://127.0.0.1:1/0"))
    r = client.get("/healthz")
    assert r.status_code == 503
    assert r.json()["checks"]["jobs"]["status"] == "fail"


def test_never_rate_limited_nor_cached(client, db, settings):
    settings.GONGKAI_RATE_LIMITS = {"search": "1/m", "open_api": "1/m"}
    assert all(client.get("/healthz").status_code == 200 for _ in range(20))
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405
