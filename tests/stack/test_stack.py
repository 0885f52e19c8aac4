"""The real stack, as `make serve` starts it (deploy/serve.sh), on a scratch directory: migrate,
collectstatic, gunicorn with 3 workers and the Huey worker, on the embedded SQLite default, then
checked over HTTP — an application submitted through the public form, a rate limit that holds across
the workers (the shared diskcache), private files that have no URL, and /healthz. Issue 12.

Marked ``stack``: the normal suite deselects it (pyproject.toml); `make test-stack` runs it (CI).
"""

import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
import zlib
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.stack

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PY = str(BIN / "python")
GUNICORN = str(BIN / "gunicorn")
RATE_LIMIT = 4  # GONGKAI_RATE_SEARCH of the child, per hour: a window boundary mid-test is ~1 in 3600


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def png() -> bytes:
    """A valid 1×1 PNG."""
    def chunk(kind, data):
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", bytes([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b""))


def multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content, ctype) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                     f"Content-Type: {ctype}\r\n\r\n".encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """urllib with a cookie jar; every request on a new connection (urllib sends Connection: close),
    so the kernel hands them to whichever gunicorn worker accepts first."""

    def __init__(self, base: str, follow=True):
        self.base = base
        self.jar = CookieJar()
        handlers = [urllib.request.HTTPCookieProcessor(self.jar)] + ([] if follow else [NoRedirect()])
        self.opener = urllib.request.build_opener(*handlers)

    def request(self, path, data=None, headers=None, timeout=20):
        req = urllib.request.Request(self.base + path, data=data, headers={"Connection": "close", **(headers or {})})
        try:
            with self.opener.open(req, timeout=timeout) as r:
                return r.status, r.geturl(), dict(r.headers), r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.geturl(), dict(e.headers), e.read()

    def cookie(self, name):
        return next((c.value for c in self.jar if c.name == name), None)


def stop(proc: subprocess.Popen) -> None:
    """SIGTERM the process group, SIGKILL it after 10 s."""
    if proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


@pytest.fixture
def stack(tmp_path):
    var = tmp_path / "var"
    port = free_port()
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "GONGKAI_TODAY")}
    env.update(
        GONGKAI_VAR=str(var), DEBUG="0", SECRET_KEY="stack-test-" + uuid.uuid4().hex * 2,
        ALLOWED_HOSTS="127.0.0.1,localhost", GONGKAI_BIND=f"127.0.0.1:{port}", GONGKAI_ALLOW_HTTP_LOOPBACK="1",
        HUEY_IMMEDIATE="0", WEB_CONCURRENCY="3", GONGKAI_RATE_SEARCH=f"{RATE_LIMIT}/h",
        GONGKAI_HEALTH_MIN_FREE_MB="1",  # the check's wiring, not this machine's free disk
        PYTHONUNBUFFERED="1",
    )

    def manage(*args, timeout=120):
        r = subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                           timeout=timeout)
        assert r.returncode == 0, f"manage.py {' '.join(args)}:\n{r.stdout}\n{r.stderr}"
        return r.stdout

    manage("migrate", "--noinput", "-v0")
    manage("collectstatic", "--noinput", "-v0")
    manage("agencies", "add", "--code", "gov", "--name", "示例市人民政府")

    logs = {name: open(tmp_path / f"{name}.log", "w+b") for name in ("web", "worker")}
    procs = {}
    try:
        procs["worker"] = subprocess.Popen([PY, "manage.py", "run_huey", "--workers", "1"], cwd=ROOT, env=env,
                                           stdout=logs["worker"], stderr=subprocess.STDOUT, start_new_session=True)
        procs["web"] = subprocess.Popen([GUNICORN, "-c", "deploy/gunicorn.conf.py", "gongkai.wsgi:application"],
                                        cwd=ROOT, env=env, stdout=logs["web"], stderr=subprocess.STDOUT,
                                        start_new_session=True)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            for name, p in procs.items():
                assert p.poll() is None, f"{name} exited: {(tmp_path / f'{name}.log').read_text()[-3000:]}"
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=5) as r:
                    if r.status == 200:
                        break
            except (OSError, urllib.error.URLError):
                pass
            assert time.monotonic() < deadline, "/healthz did not answer 200 within 60 s:\n" + (
                tmp_path / "web.log").read_text()[-3000:]
            time.sleep(0.3)
        yield {"base": base, "var": var, "manage": manage, "web": procs["web"], "logs": tmp_path}
    finally:
        for p in procs.values():
            stop(p)
        for f in logs.values():
            f.close()


def test_the_stack_over_http(stack):
    base, var = stack["base"], stack["var"]

    # Gunicorn runs with 3 workers (their rate-limit counts must meet in the shared cache).
    deadline = time.monotonic() + 15
    while len(children(stack["web"].pid)) < 3 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(children(stack["web"].pid)) == 3

    # An application through the public form: GET (csrftoken cookie + form token), POST, the done page.
    client = Client(base)
    status, _, _, body = client.request("/apply/?agency=gov")
    assert status == 200
    html = body.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    assert client.cookie("csrftoken")
    agency = re.search(r'<option value="(\d+)"[^>]*>\s*示例市人民政府', html).group(1)
    fields = {
        "csrfmiddlewaretoken": token, "agency": agency, "website": "",
        "applicant_kind": "natural_person", "org_type": "", "name": "王小明", "id_type": "resident_id",
        "id_number": "11010519491231002X", "phone": "13812341234", "email": "wang@example.com",
        "address": "测试市某区某街道1号", "description": "申请公开2024年某小区房屋征收补偿方案",
        "carrier": "email", "delivery": "email", "accept_other_delivery": "on",
    }
    data, ctype = multipart(fields, {"identity_proof": ("id.png", png(), "image/png")})
    status, url, _, body = client.request("/apply/", data=data,
                                          headers={"Content-Type": ctype, "Referer": base + "/apply/"})
    assert status == 200 and url.endswith("/apply/done/"), body.decode()[:3000]

    with sqlite3.connect(var / "gongkai.sqlite3") as db:
        apps = db.execute("SELECT id, tracking_code, name, channel FROM applications_application").fetchall()
        assert len(apps) == 1
        app_id, tracking, name, channel = apps[0]
        assert name == "王小明" and channel == "online"
        att_id, stored = db.execute("SELECT id, file FROM applications_attachment WHERE application_id = ?",
                                    (app_id,)).fetchone()
    assert tracking in body.decode()  # the done page shows the 查询号
    # The identity proof is in the private directory, never under the public media root.
    assert (var / "private" / stored).read_bytes() == png()
    assert not list((var / "media").rglob("*.png"))

    # Private files have no URL: the stored path under /media/, a guessed one, and nginx's internal
    # prefix all answer 404; the attachment view without login sends to the login page, no file.
    anonymous = Client(base, follow=False)
    for path in (f"/media/{stored}", "/media/applications/1/identity/x.jpg", f"/_private/{stored}",
                 f"/private/{stored}"):
        status, _, _, body = anonymous.request(path)
        assert status == 404, path
        assert png() not in body
    status, _, headers, body = anonymous.request(f"/staff/attachments/{att_id}/")
    assert status == 302 and "/staff/login/" in headers["Location"], (status, headers)
    assert png() not in body

    # The rate limit of the library search holds across the workers: each request on a new connection.
    statuses = [anonymous.request(f"/gk/library/?q={quote('政府')}{i}")[0] for i in range(RATE_LIMIT + 3)]
    assert statuses == [200] * RATE_LIMIT + [429] * 3, statuses

    # The job worker, not the request, sent the 查询号 mail (console backend: the worker's output).
    deadline = time.monotonic() + 20
    worker_log = stack["logs"] / "worker.log"
    while tracking not in worker_log.read_text(errors="replace") and time.monotonic() < deadline:
        time.sleep(0.3)
    assert tracking in worker_log.read_text(errors="replace"), worker_log.read_text()[-3000:]

    # /healthz: every check ok, jobs on the real queue (not immediate mode).
    status, _, _, body = anonymous.request("/healthz")
    health = json.loads(body)
    assert status == 200 and health["status"] == "ok", health
    assert health["checks"]["jobs"]["status"] == "ok" and "pending" in health["checks"]["jobs"], health
    # Every check ok; a replica or buckets the stack does not use are "not configured".
    assert all(c["status"] in ("ok", "not configured") for c in health["checks"].values()), health
    assert health["checks"]["database"]["status"] == health["checks"]["cache"]["status"] == "ok", health
