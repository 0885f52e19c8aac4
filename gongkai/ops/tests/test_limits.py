"""Request bodies are capped before they are read (413 with a Chinese page), per path; a locked
SQLite database or a row locked on PostgreSQL gives a Chinese 503 "系统繁忙" after a short wait
instead of a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from gongkai.ops.middleware import body_limit

pytestmark = pytest.mark.urls("gongkai.ops.tests.urls")
MB = 1024 * 1024


def test_limits_by_longest_prefix(settings):
    settings.GONGKAI_BODY_LIMITS = {"": 1 * MB, "/staff/": 31 * MB, "/staff/publishing/": 51 * MB, "/audit/": 8 * MB}
    assert body_limit("/query/") == 1 * MB
    assert body_limit("/audit/") == 8 * MB
    assert body_limit("/staff/register/") == 31 * MB
    assert body_limit("/staff/publishing/docs/1/attachments/") == 51 * MB


def test_defaults_cover_the_upload_forms(settings):
    assert body_limit("/apply/") >= 3 * settings.UPLOAD_MAX_BYTES  # three uploads of the public form
    assert body_limit("/staff/publishing/") > 50 * MB  # a document attachment of the largest size
    assert body_limit("/audit/") > 5 * MB + 600_000 * 3  # a 5 MB file and pasted text
    assert body_limit("/query/") <= 1 * MB


def test_oversized_body_is_refused_before_it_is_read(client, db, settings):
    settings.GONGKAI_BODY_LIMITS = {"": 1000, "/audit/": 5000}
    # The header announces more than the limit: refused at once; the (small) body is never read.
    r = client.post("/test/echo/", data="x" * 10, content_type="text/plain", CONTENT_LENGTH="1001")
    assert r.status_code == 413
    html = r.content.decode()
    assert "提交的内容过大（413）" in html and "不能超过 1 KB" in html
    assert client.post("/test/echo/", data="x" * 1000, content_type="text/plain").content == b"1000"
    assert client.post("/audit/echo/", data="x" * 4000, content_type="text/plain").content == b"4000"
    assert client.post("/audit/echo/", data="x" * 5001, content_type="text/plain").status_code == 413


def test_a_huge_upload_to_the_public_form_is_refused_with_a_chinese_page(client, db):
    r = client.post("/apply/", data=b"--x--", content_type="multipart/form-data; boundary=x",
                    CONTENT_LENGTH=str(300 * MB))
    assert r.status_code == 413
    assert "不能超过 31 MB" in r.content.decode()


def test_locked_database_in_a_view_gives_the_busy_page(client, db):
    client.raise_request_exception = False
    r = client.get("/test/locked/")
    assert r.status_code == 503 and r["Retry-After"] == "5"
    html = r.content.decode()
    assert "系统繁忙，请稍后重试" in html and "Traceback" not in html and "OperationalError" not in html


def test_sqlite_waits_the_configured_time(settings):
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        assert settings.DATABASES["default"]["OPTIONS"]["timeout"] == settings.GONGKAI_DB_BUSY_SECONDS == 5


BUSY_SCRIPT = textwrap.dedent("""
    import os, sqlite3, sys, time
    import django
    django.setup()
    from django.test import Client
    from django.test.utils import override_settings

    path = os.environ["PROBE_DB"]
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE IF NOT EXISTS busy_probe (n INTEGER)")
    con.commit()
    client = Client(raise_request_exception=False)
    with override_settings(ROOT_URLCONF="gongkai.ops.tests.urls"):
        # The first request loads URLconf, middleware and templates (seconds on a loaded CI machine,
        # a CI failure): done before the lock, so the timed request measures the wait.
        assert client.get("/test/write/").status_code == 200
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process's writer holds the lock
    holder.execute("INSERT INTO busy_probe (n) VALUES (0)")
    with override_settings(ROOT_URLCONF="gongkai.ops.tests.urls"):
        started = time.monotonic()
        r = client.get("/test/write/")
        waited = time.monotonic() - started
        holder.execute("ROLLBACK")
        after = client.get("/test/write/")
    print(r.status_code, r["Retry-After"], "系统繁忙，请稍后重试" in r.content.decode(), after.status_code)
    print(round(waited, 1), file=sys.stderr)
""")


def test_a_write_lock_held_by_another_connection(tmp_path):
    """A real SQLite file, a writer holding the lock from another connection: the request waits
    GONGKAI_DB_BUSY_SECONDS (here 1), then answers 503 with the Chinese page; once the lock is gone
    the same request succeeds. Run in a child process on its own database file, killed if it hangs."""
    db = tmp_path / "busy.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "PROBE_DB": str(db), "GONGKAI_DB_BUSY_SECONDS": "1",
           "DJANGO_SETTINGS_MODULE": "gongkai.settings_test", "GONGKAI_VAR": str(tmp_path / "var")}
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run([sys.executable, "-c", BUSY_SCRIPT], env=env, cwd=root, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["503", "1", "True", "200"]
    assert 0.8 <= float(done.stderr.strip().splitlines()[-1]) < 5  # the configured wait, not 20 s


@pytest.mark.django_db(transaction=True)
def test_a_row_lock_held_on_postgresql_gives_the_busy_page(client, settings):
    """PostgreSQL: a table locked by another connection past lock_timeout (GONGKAI_DB_BUSY_SECONDS,
    set on every connection by settings) cancels the statement; the visitor gets the 503 page."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (the suite runs on it in CI)")
    import psycopg

    assert f"lock_timeout={int(settings.GONGKAI_DB_BUSY_SECONDS * 1000)}" in \
        settings.DATABASES["default"]["OPTIONS"]["options"]
    params = connection.get_connection_params()
    holder = psycopg.connect(**{k: v for k, v in params.items() if k != "cursor_factory"}, autocommit=True)
    try:
        holder.execute("CREATE TABLE IF NOT EXISTS busy_probe (n INTEGER)")
        holder.execute("BEGIN")
        holder.execute("LOCK TABLE busy_probe IN ACCESS EXCLUSIVE MODE")
        client.raise_request_exception = False
        r = client.get("/test/write/")
        assert r.status_code == 503 and "系统繁忙，请稍后重试" in r.content.decode()
        holder.execute("ROLLBACK")
        assert client.get("/test/write/").content == b"written"
    finally:
        if holder.info.transaction_status:
            holder.execute("ROLLBACK")
        holder.execute("DROP TABLE IF EXISTS busy_probe")
        holder.close()
