"""Optional error tracking: off without SENTRY_DSN; with it, events carry no personal data (no
request body, cookies, query string, local variables; only the user id) and the request id."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from gongkai.ops.errors import before_send
from gongkai.ops.logs import request_id_var, user_id_var

sentry_sdk = pytest.importorskip("sentry_sdk")


def test_off_by_default(settings):
    assert not settings.SENTRY_DSN
    assert sentry_sdk.get_client().is_active() is False


def test_before_send_strips_personal_data():
    rid, uid = request_id_var.set("abc123abc123"), user_id_var.set(42)
    try:
        event = before_send({
            "request": {"url": "https://gk.example/query/?name=王小明", "data": {"id_number": "11010519491231002X"},
                        "cookies": {"sessionid": "s"}, "query_string": "name=王小明",
                        "headers": {"Cookie": "sessionid=s", "User-Agent": "x", "X-Real-Ip": "203.0.113.5"}},
            "user": {"username": "clerk", "email": "c@example.com", "ip_address": "203.0.113.5"},
            "message": "电话13812341234",
            "exception": {"values": [{"value": "Key (phone)=(13812341234) exists", "stacktrace": {
                "frames": [{"function": "f", "vars": {"name": "王小明"}}]}}]},
        })
    finally:
        request_id_var.reset(rid)
        user_id_var.reset(uid)
    text = json.dumps(event, ensure_ascii=False)
    for personal in ("王小明", "11010519491231002X", "sessionid", "13812341234", "clerk", "c@example.com",
                     "203.0.113.5"):
        assert personal not in text
    assert event["user"] == {"id": "42"} and event["tags"]["request_id"] == "abc123abc123"
    assert event["request"]["url"] == "https://gk.example/query/"


SCRIPT = textwrap.dedent("""
    import json, django
    django.setup()
    import sentry_sdk
    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings

    sent = []
    client = sentry_sdk.get_client()
    assert client.is_active(), "SENTRY_DSN set: initialised"
    opts = client.options
    print(json.dumps({"pii": opts["send_default_pii"], "locals": opts["include_local_variables"],
                      "body": opts["max_request_body_size"]}))
    client.transport.capture_envelope = lambda envelope: sent.append(envelope)
    with override_settings(ROOT_URLCONF="gongkai.ops.tests.sentry_urls"):
        r = Client(raise_request_exception=False).post("/boom/?phone=13812341234", {"name": "王小明"},
                                                       HTTP_COOKIE="sessionid=secret")
    sentry_sdk.flush()
    print(r.status_code)
    print(json.dumps([item.payload.json for env in sent for item in env.items if item.payload.json],
                     ensure_ascii=False))
""")


def test_initialised_from_the_environment_without_personal_data(tmp_path):
    env = {**os.environ, "SENTRY_DSN": "https://public@sentry.example.invalid/1",
           "DJANGO_SETTINGS_MODULE": "gongkai.settings_test", "GONGKAI_VAR": str(tmp_path / "var"),
           "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, cwd=root, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    options, status, events = done.stdout.strip().splitlines()[-3:]
    assert json.loads(options) == {"pii": False, "locals": False, "body": "never"}
    assert status == "500"
    [event] = [e for e in json.loads(events) if e.get("exception")]
    text = json.dumps(event, ensure_ascii=False)
    assert "ZeroDivisionError" in text
    for personal in ("王小明", "13812341234", "secret", "sessionid"):
        assert personal not in text
    assert event["tags"]["request_id"]
    assert not {"data", "cookies", "query_string", "env"} & set(event.get("request") or {})
