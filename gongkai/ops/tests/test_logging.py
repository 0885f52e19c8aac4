"""Structured logs: one JSON object a line, with the request id (from nginx's X-Request-ID when well
formed, else a new one, echoed in the response) and the user id; no personal data."""

from __future__ import annotations

import io
import json
import logging

import pytest

from gongkai.ops.logs import JsonFormatter, RequestContextFilter, scrub

pytestmark = pytest.mark.urls("gongkai.ops.tests.urls")


@pytest.fixture
def json_log():
    """Lines written by a handler configured as in settings.LOGGING (JSON formatter, context filter)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter("%(message)s"))
    handler.addFilter(RequestContextFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    levels = {name: logging.getLogger(name).level for name in ("gongkai", "gongkai.request")}
    logging.getLogger("gongkai").setLevel(logging.INFO)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


def test_request_id_is_generated_and_echoed(client, db, json_log):
    r = client.get("/test/log/")
    rid = r["X-Request-ID"]
    assert len(rid) == 32 and int(rid, 16) >= 0
    lines = json_log()
    assert {line["request_id"] for line in lines} == {rid}
    access = next(line for line in lines if line["logger"] == "gongkai.request")
    assert access["method"] == "GET" and access["path"] == "/test/log/" and access["status"] == 200
    assert access["user_id"] is None and isinstance(access["duration_ms"], float)
    assert access["time"][:2] == "20" and access["level"] == "INFO"


@pytest.mark.parametrize("incoming, kept", [
    ("5f0c6b2e9a7d4c1b8e3f2a1d0c9b8a7e", True),  # nginx's $request_id
    ("0f8fad5b-d9cb-469f-a165-70867728950e", True),
    ("short", False),
    ("王小明13812341234", False),
    ("a" * 65, False),
    ("abc def ghi jkl", False),
])
def test_incoming_request_id_only_when_well_formed(client, db, incoming, kept):
    r = client.get("/healthz", HTTP_X_REQUEST_ID=incoming)
    assert (r["X-Request-ID"] == incoming) is kept


def test_user_id_and_no_personal_data(client, db, make_user, json_log):
    user = make_user("clerk")
    client.force_login(user)
    r = client.get("/test/log/?name=%E7%8E%8B%E5%B0%8F%E6%98%8E&phone=13812341234")
    lines = json_log()
    text = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines)
    assert {line["user_id"] for line in lines} == {user.pk}
    assert {line["request_id"] for line in lines} == {r["X-Request-ID"]}
    for personal in ("13812341234", "11010519491231002X", "wang.xiaoming@example.com", "王小明", "clerk",
                     "name=", "phone="):
        assert personal not in text
    warning = next(line for line in lines if line["logger"] == "gongkai.test")
    assert warning["message"] == "申请人电话***，身份证***，邮箱***"


def test_a_server_error_is_logged_as_json_without_the_request_object(client, db, json_log):
    client.raise_request_exception = False
    r = client.get("/test/locked/", HTTP_COOKIE="sessionid=secret-cookie-value")
    assert r.status_code == 503
    text = json.dumps(json_log(), ensure_ascii=False)
    assert "secret-cookie-value" not in text and "WSGIRequest" not in text


def test_django_request_record_keeps_method_and_path_only(rf):
    request = rf.get("/gk/library/?q=13812341234")
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s", (
        request.path,), None)
    record.request = request
    record.status_code = 500
    RequestContextFilter().filter(record)
    line = json.loads(JsonFormatter("%(message)s").format(record))
    assert line["method"] == "GET" and line["path"] == "/gk/library/" and line["status_code"] == 500
    assert "request" not in line and "13812341234" not in json.dumps(line)


def test_scrub():
    assert scrub("13812341234 6222021234567890123 11010519491231002x a@b.cn") == "*** *** *** ***"
    assert scrub("第2024年12号 共3页 2026-12-07") == "第2024年12号 共3页 2026-12-07"  # short numbers stay
