"""The served stack under load, through the nginx of deploy/, beside nginx serving a static file (issue 12).

    .venv/bin/python bench/load_bench.py [--duration 60] [--db sqlite|postgres] [--keep]   (make bench-load)

Needs nginx and wrk (Debian: ``sudo apt-get install nginx-light wrk``); no root: nginx runs as the
current user with its prefix, pid, logs and temporary files in the scratch directory, on loopback ports.

What it does:

1. A scratch directory ``var/bench-load-*`` (removed at the end unless ``--keep``) is the stack's
   ``GONGKAI_VAR``: the SQLite database (default), the diskcache, the job queue, static and private
   files. ``--db postgres`` uses the throwaway database ``gongkai_bench_load`` on
   postgres://postgres@127.0.0.1:5432 instead (``BENCH_PG_URL`` to change it), created and dropped.
   The demo data is loaded as ``make demo`` loads it (``manage.py migrate``, ``manage.py load_demo``).
2. The stack is started by ``deploy/serve.sh`` itself (what ``make serve`` runs: collectstatic, migrate,
   the Huey worker, gunicorn with deploy/gunicorn.conf.py and production settings) with HOST/PORT on a
   free loopback port, once with the page cache on (the default), once with ``GONGKAI_PAGE_CACHE=0``
   and once with the opt-in nginx micro-cache (``--microcache 1``: ``GONGKAI_NGINX_MICROCACHE_SECONDS``;
   nginx then keeps the public pages that many seconds itself; ``--microcache 0`` skips the run).
3. nginx runs with a copy of deploy/nginx/gongkai.conf rendered for this machine (``render_site``):
   the same upstream keep-alive, proxy headers and timeouts, body limits and locations, with these
   changes only: the upstream port is the scratch port; the port-80 redirect server is dropped; the
   HTTPS server listens on plain HTTP at 127.0.0.1:<free port> (no ``ssl``/``http2``, no ``ssl_*``
   lines, no IPv6 listen); log and ``/srv/gongkai/var/`` paths point into the scratch directory; and one
   location is added, ``/_bench/``, a directory holding the home page saved as a file
   (``/_bench/home.html``), which nginx serves itself. The main nginx.conf around it follows Debian's
   (worker_processes auto, sendfile, tcp_nopush, mime.types) with the paths of the scratch directory.
4. wrk (``-t2 -c200 --latency``, ``-s bench/wrk_report.lua`` for p95, which wrk's table lacks) runs
   ``--duration`` seconds against the static file, then against each public page through nginx: home
   ``/``, library ``/gk/library/``, a search ``/gk/library/?q=<a word that hits>``, a document
   ``/gk/docs/<pk>/`` and a column ``/gk/<code>/`` — with the page cache, then without. A search is
   never cached (gongkai/ops/page_cache.py): its "cached" row is rendered every time too.
5. During the cached home page run, a Python client posts ``--rate`` (20) applications a second
   through nginx for the whole run (GET the form for the csrftoken cookie and token, POST it with an
   identity proof PNG and an empty honeypot, follow the redirect to /apply/done/), and afterwards
   counts the rows the run added to ``applications_application``: accepted must equal rows, 0 errors.

Bench-only settings of the stack (environment of serve.sh): ``GONGKAI_RATE_APPLY=100000/h`` (the
public form's limit per address, "10/h" in production: the client posts from 127.0.0.1, 20 a second),
``GONGKAI_RATE_SEARCH=off`` (the search limit per address, "30/m" in production: wrk is one address),
``GONGKAI_HEALTH_MIN_FREE_MB=1``. Everything else is production's (DEBUG off, 3 gunicorn workers).

Goal (issue 12): the cached public pages reach at least 30% of nginx's static-file req/s.

Result in short: the app's own page cache, which is exact (a change ends the cached pages at once),
serves a hit in about 1 ms of the app's time but every hit still costs a gunicorn worker and the
middleware: ~1% of nginx's static rate on this machine — the goal is not met that way. The opt-in
nginx micro-cache of 1 second meets it (45–74% of static), at the price of a change taking up to a
second to show on a public page; it stays off unless an operator sets it (ARCHITECTURE.md "Public
pages"). ``--duration 5 --no-uncached`` on 2026-12-07, load average 7.7–11.6 (other test runs):

    page       mode      cache     req/s  p50 ms  p95 ms  p99 ms non2xx errors    KB vs static  cores app/nginx/wrk
    ---------------------------------------------------------------------------------------------------------------
    home       static    -         38691     4.9    12.4    16.8      0      0   2.8    100.0%      0.00/0.41/0.25
    home       cached    hit          18    25.8     323    3072      0      0   3.2      0.0%      0.39/0.02/0.01
    library    cached    hit         283     2.5     7.5    1644      0      0  32.5      0.7%      0.57/0.04/0.01
    document   cached    hit         349     2.1     7.3    2006      0      0   7.6      0.9%      0.67/0.06/0.01
    column     cached    hit         259     2.4    20.4    2505      0      0   4.9      0.7%      0.58/0.06/0.03
    home       microcache HIT       28622     6.0     513     873      0      0   3.2     74.0%      0.15/0.36/0.17
    library    microcache HIT       17584     7.4     755    1474      0      0  32.4     45.4%      0.14/0.26/0.17
    search     microcache MISS          8    60.2     148    2065      0      0  33.2      0.0%      0.44/0.00/0.00
    document   microcache HIT       20181     8.3     458     994      0      0   7.6     52.2%      0.14/0.32/0.19
    column     microcache HIT       26162     6.4     551    1145      0      0   4.9     67.6%      0.14/0.36/0.18

Results — 2026-12-07, this machine: 2 CPU cores shared by wrk, nginx, gunicorn (3 sync workers), the
Huey worker, the submission client — and other people's test runs (load average 7-8 before each
run: the stack got 0.4-0.9 of a core, see the last column), so these are a floor, not a capacity
figure. SQLite. "cores": CPU the stack / nginx / wrk used during the run.

``--duration 60``:

    page       mode      cache     req/s  p50 ms  p95 ms  p99 ms non2xx errors    KB vs static  cores app/nginx/wrk
    ---------------------------------------------------------------------------------------------------------------
    home       static    -         51994     3.6     9.6    13.9      0      0   2.8    100.0%      0.00/0.49/0.31
    home       cached    hit          23    5019   23087   24990      0      0   3.2      0.0%      0.46/0.01/0.00
    library    cached    hit         328     605    3214    5342      0      0  32.4      0.6%      0.66/0.06/0.02
    search     cached    -            15   14425   17650   17971      0      0  33.2      0.0%      0.79/0.00/0.00
    document   cached    hit         295     553    1675    2702      0      0   7.6      0.6%      0.66/0.06/0.02
    column     cached    hit         308     558    1439    2740      0      0   4.9      0.6%      0.66/0.05/0.02
    home       uncached  -           152    1017    2523    2860      0      0   3.2      0.3%      0.85/0.03/0.01
    library    uncached  -             9   19421   23475   24525      0      0  32.4      0.0%      0.47/0.00/0.00
    search     uncached  -             8   24518   27970   28087      0      0  33.2      0.0%      0.50/0.00/0.00
    document   uncached  -            37    4816    8276    9057      0      0   7.6      0.1%      0.63/0.01/0.00
    column     uncached  -            79    2126    4111    4403      0      0   4.8      0.2%      0.77/0.02/0.01

    Submissions during the cached home run: 1200 started at 20/s, 1200 accepted, 0 errors, 1200 rows
    added to applications_application (form+post+done p50 57 s, p95 80 s: queued behind wrk's 200
    connections on 3 sync workers; the submissions also cut the cached home page's rate to 23 req/s).

``--duration 10``:

    page       mode      cache     req/s  p50 ms  p95 ms  p99 ms non2xx errors    KB vs static  cores app/nginx/wrk
    ---------------------------------------------------------------------------------------------------------------
    home       static    -         49658     3.8    12.5    17.3      0      0   2.8    100.0%      0.00/0.43/0.25
    home       cached    hit          71    1356    5205    5485      0      0   3.2      0.1%      0.45/0.02/0.01
    library    cached    hit         183    1073    1223    1248      0      0  32.4      0.4%      0.40/0.03/0.01
    search     cached    -             8    5346    9547   10004      0      0  33.2      0.0%      0.41/0.00/0.01
    document   cached    hit         233     652     785     800      0      0   7.6      0.5%      0.48/0.04/0.01
    column     cached    hit         328     522     918     949      0      0   4.9      0.7%      0.59/0.05/0.01
    home       uncached  -            82    2312    2665    2688      0      0   3.2      0.2%      0.48/0.02/0.01
    library    uncached  -            11    5104    9531    9840      0      0  32.4      0.0%      0.49/0.00/0.01
    search     uncached  -             9    4998    9599    9926      0      0  33.2      0.0%      0.50/0.00/0.01
    document   uncached  -            47    3838    4799    4869      0      0   7.6      0.1%      0.59/0.01/0.01
    column     uncached  -            52    2948    4932    5068      0      0   4.8      0.1%      0.48/0.01/0.01

    Submissions: 200 started at 20/s, 200 accepted, 0 errors, 200 rows added.

Goal not met: cached pages reach 0.4-0.7% of nginx's static req/s (300 of ~50 000), not 30%. A
cached hit still goes nginx → gunicorn sync worker → Django's middleware → the diskcache lookup (the
app's request log says 0.8 ms median per hit; the rest is gunicorn, logging and the shared cores);
30% of a static file needs nginx to answer the hit itself. Uncached: library and search are the slow pages (about 10 req/s).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.stack.test_stack import Client, free_port, multipart, png, stop  # noqa: E402

PY = str(Path(sys.executable).parent / "python")
SERVE = ROOT / "deploy" / "serve.sh"
SITE = ROOT / "deploy" / "nginx" / "gongkai.conf"
LUA = ROOT / "bench" / "wrk_report.lua"
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/gongkai_bench_load")
GOAL = 0.30  # cached public pages ≥ 30% of nginx's static req/s
SEARCH_WORDS = ("政府", "通知", "管理", "公开", "办法")
INSTALL_HINT = ("需要 nginx 和 wrk：sudo apt-get install nginx-light wrk（Debian/Ubuntu；无 nginx-light 时装 nginx）"
                " — nginx and wrk are needed: sudo apt-get install nginx-light wrk")


# --- tools -------------------------------------------------------------------------------------------

def tool(name: str) -> str | None:
    """A program on PATH, or in /usr/sbin and /sbin (nginx is there, often not on a user's PATH)."""
    return shutil.which(name) or next((str(p) for p in (Path("/usr/sbin") / name, Path("/sbin") / name)
                                       if p.exists()), None)


# --- databases -----------------------------------------------------------------------------------------

def pg_admin(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(sql)


class Database:
    def __init__(self, kind: str, var: Path):
        self.kind, self.var = kind, var
        self.url = PG_URL if kind == "postgres" else f"sqlite:///{var / 'gongkai.sqlite3'}"
        self.name = PG_URL.rsplit("/", 1)[1]

    def create(self) -> None:
        if self.kind == "postgres":
            pg_admin(self.url, f'DROP DATABASE IF EXISTS "{self.name}"')
            pg_admin(self.url, f'CREATE DATABASE "{self.name}"')

    def drop(self) -> None:
        if self.kind == "postgres":
            pg_admin(self.url, f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def applications(self) -> int:
        sql = "SELECT COUNT(*) FROM applications_application"
        if self.kind == "postgres":
            import psycopg

            with psycopg.connect(self.url) as conn:
                return conn.execute(sql).fetchone()[0]
        with sqlite3.connect(self.var / "gongkai.sqlite3", timeout=30) as conn:
            return conn.execute(sql).fetchone()[0]


# --- the stack ------------------------------------------------------------------------------------------

def base_env(var: Path, db: Database) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "GONGKAI_TODAY", "DEBUG",
                        "GONGKAI_PAGE_CACHE", "HUEY_IMMEDIATE")}
    env.update(GONGKAI_VAR=str(var), DATABASE_URL=db.url, PYTHONUNBUFFERED="1")
    return env


def manage(env: dict, *args: str, timeout=900) -> str:
    r = subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                       timeout=timeout)
    if r.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}")
    return r.stdout


class Stack:
    """deploy/serve.sh on a scratch port (its own process group)."""

    def __init__(self, scratch: Path, env: dict, port: int, mode: str, workers: int, microcache: int = 0):
        self.port, self.cached = port, mode != "uncached"
        self.env = dict(env, HOST="127.0.0.1", PORT=str(port), SECRET_KEY="bench-load-" + uuid.uuid4().hex * 2,
                        WEB_CONCURRENCY=str(workers), GONGKAI_RATE_APPLY="100000/h", GONGKAI_RATE_SEARCH="off",
                        GONGKAI_HEALTH_MIN_FREE_MB="1", GONGKAI_PAGE_CACHE="1" if self.cached else "0",
                        GONGKAI_NGINX_MICROCACHE_SECONDS=str(microcache if mode == "microcache" else 0))
        self.log_path = scratch / f"serve-{mode}.log"
        self.proc = None

    def start(self) -> None:
        self.log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(["bash", str(SERVE)], cwd=ROOT, env=self.env, stdout=self.log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        wait_for(f"http://127.0.0.1:{self.port}/healthz", self.proc, self.log_path, 120)

    def stop(self) -> None:
        if self.proc:
            stop(self.proc)
            self.log.close()


def wait_for(url: str, proc: subprocess.Popen, log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        if proc.poll() is not None:
            raise SystemExit(f"{proc.args} exited ({proc.returncode}):\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                if r.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"{url} did not answer 200 within {seconds:.0f} s:\n"
                             f"{log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.3)


# --- nginx ------------------------------------------------------------------------------------------------

def _sub(pattern: str, repl: str, text: str, flags=0, count=0) -> str:
    new, n = re.subn(pattern, repl, text, count=count, flags=flags)
    if not n:
        raise SystemExit(f"deploy/nginx/gongkai.conf changed: no match for {pattern!r}; update render_site()")
    return new


def render_site(conf: str, app_port: int, port: int, var: Path, logs: Path, static: Path) -> str:
    """deploy/nginx/gongkai.conf for this machine: plain HTTP on a loopback port, scratch paths (docstring)."""
    conf = _sub(r"server 127\.0\.0\.1:8000;", f"server 127.0.0.1:{app_port};", conf)
    conf = _sub(r"server \{\s*listen 80;.*?return 301[^\n]*\n\}\n", "", conf, flags=re.S)  # the redirect
    conf = _sub(r"^\s*listen 443 [^\n]*\n", f"    listen 127.0.0.1:{port};  # bench: plain HTTP, loopback\n",
                conf, flags=re.M, count=1)
    conf = _sub(r"^\s*listen \[::\]:443 [^\n]*\n", "", conf, flags=re.M)
    conf = _sub(r"^\s*ssl_[^\n]*\n", "", conf, flags=re.M)
    conf = _sub(r"/var/log/nginx/", f"{logs}/", conf)
    conf = _sub(r"/srv/gongkai/var/", f"{var}/", conf)
    conf = _sub(r"/var/cache/gongkai-nginx", f"{var}/nginx-cache", conf)
    return _sub(r"(\n    location /static/ \{)",
                f"\n    # bench: a public page saved as a file, served by nginx itself.\n"
                f"    location /_bench/ {{\n        alias {static}/;\n    }}\n\\1", conf, count=1)


def render_main(scratch: Path, site: Path) -> str:
    tmp = scratch / "nginx" / "tmp"
    mime = Path("/etc/nginx/mime.types")
    types = f"include {mime};" if mime.exists() else "types { text/html html; text/css css; }"
    user = "user root;\n" if os.geteuid() == 0 else ""  # as root, keep the workers' access to the scratch dir
    return f"""# bench/load_bench.py: nginx as the current user; Debian's nginx.conf defaults, scratch paths.
{user}worker_processes auto;
daemon off;
pid {scratch}/nginx/nginx.pid;
error_log {scratch}/nginx/logs/error.log;
events {{
    worker_connections 1024;
}}
http {{
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    server_tokens off;
    {types}
    default_type application/octet-stream;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    gzip on;
    include {site};
}}
"""


class Nginx:
    def __init__(self, binary: str, scratch: Path, app_port: int, var: Path):
        self.binary, self.dir = binary, scratch / "nginx"
        self.port = free_port()
        for sub in ("logs", "tmp", "static"):
            (self.dir / sub).mkdir(parents=True, exist_ok=True)
        self.static = self.dir / "static"
        site = self.dir / "gongkai.conf"
        site.write_text(render_site(SITE.read_text(), app_port, self.port, var, self.dir / "logs", self.static))
        self.conf = self.dir / "nginx.conf"
        self.conf.write_text(render_main(scratch, site))
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = None

    def command(self, *extra: str) -> list[str]:
        return [self.binary, "-p", f"{self.dir}/", "-c", str(self.conf), "-e", str(self.dir / "logs" / "error.log"),
                *extra]

    def start(self) -> None:
        r = subprocess.run(self.command("-t"), capture_output=True, text=True)
        if r.returncode != 0:
            raise SystemExit(f"nginx -t failed for {self.conf}:\n{r.stderr}")
        (self.static / "ready.txt").write_text("ok\n")
        self.log = open(self.dir / "logs" / "stdout.log", "wb")
        self.proc = subprocess.Popen(self.command(), stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        wait_for(self.base + "/_bench/ready.txt", self.proc, self.dir / "logs" / "error.log", 20)

    def stop(self) -> None:
        if self.proc:
            stop(self.proc)
            self.log.close()


def cpu_seconds(session: int) -> float:
    """CPU time (user + system) of a session's processes (the stack's or nginx's), with that of their
    children that ended (gunicorn recycles workers after max_requests)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session:  # after the name: state ppid pgrp session … utime stime cutime cstime
            total += sum(int(x) for x in fields[11:15])
    return total / os.sysconf("SC_CLK_TCK")


# --- wrk -----------------------------------------------------------------------------------------------------

def wrk(binary: str, url: str, args, log: Path, sessions: dict[str, int]) -> dict:
    """One wrk run; its summary, with the cores each of ``sessions`` (name → session id) used meanwhile."""
    before = {k: cpu_seconds(v) for k, v in sessions.items()}
    wrk_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    cmd = [binary, f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s", "--timeout", "65s",
           "--latency", "-s", str(LUA), url]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=args.duration + 120)
    with open(log, "a") as f:
        f.write(f"$ {' '.join(cmd)}\n{r.stdout}{r.stderr}\n")
    line = next((x for x in r.stdout.splitlines() if x.startswith("WRK_JSON ")), None)
    if r.returncode != 0 or line is None:
        raise SystemExit(f"wrk failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
    s = json.loads(line.split(" ", 1)[1])
    wall = s["duration_us"] / 1e6
    s["cpu"] = {k: max(0.0, cpu_seconds(v) - before[k]) / wall for k, v in sessions.items()}
    wrk_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    s["cpu"]["wrk"] = (wrk_after.ru_utime + wrk_after.ru_stime - wrk_before.ru_utime - wrk_before.ru_stime) / wall
    s["rps"] = s["requests"] / (s["duration_us"] / 1e6)
    s["errors"] = s["connect"] + s["read"] + s["write"] + s["timeout"]
    s["kb"] = s["bytes"] / max(1, s["requests"]) / 1024
    return s


# --- the submission client ---------------------------------------------------------------------------------------

class Submitter:
    """``rate`` applications a second through nginx for ``duration`` seconds, each a new visitor."""

    def __init__(self, base: str, agency_code: str, rate: float, duration: float):
        self.base, self.code, self.rate, self.duration = base, agency_code, rate, duration
        self.accepted = 0
        self.errors: dict[str, int] = {}
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self.thread.start()

    def join(self) -> None:
        self.thread.join()

    def _error(self, what: str) -> None:
        with self.lock:
            self.errors[what] = self.errors.get(what, 0) + 1

    def _one(self, i: int) -> None:
        started = time.monotonic()
        try:
            client = Client(self.base)
            status, _, _, body = client.request(f"/apply/?agency={self.code}", timeout=70)
            html = body.decode(errors="replace")
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
            agency = re.search(r'<option value="(\d+)" selected', html)
            if status != 200 or not token or not agency or not client.cookie("csrftoken"):
                return self._error(f"form GET {status}")
            fields = {
                "csrfmiddlewaretoken": token.group(1), "agency": agency.group(1), "website": "",
                "applicant_kind": "natural_person", "org_type": "", "name": "王小明", "id_type": "resident_id",
                "id_number": "11010519491231002X", "phone": "13812341234", "email": "wang@example.com",
                "address": "测试市某区某街道1号", "description": f"压力测试申请第{i}件：申请公开某小区房屋征收补偿方案",
                "carrier": "email", "delivery": "email", "accept_other_delivery": "on",
            }
            data, ctype = multipart(fields, {"identity_proof": ("id.png", png(), "image/png")})
            status, url, _, body = client.request("/apply/", data=data, timeout=70,
                                                  headers={"Content-Type": ctype, "Referer": self.base + "/apply/"})
            if status == 200 and url.endswith("/apply/done/"):
                with self.lock:
                    self.accepted += 1
                    self.latencies.append(time.monotonic() - started)
            else:
                self._error(f"POST {status} {url.removeprefix(self.base)}")
        except Exception as e:  # noqa: BLE001 - every failure is counted and reported
            self._error(f"{type(e).__name__}: {e}"[:120])

    def _run(self) -> None:
        """Open loop: one submission every 1/rate s whatever the answers take (threads enough for 30 s each)."""
        n = int(self.rate * self.duration)
        with ThreadPoolExecutor(max_workers=max(16, int(self.rate * 30))) as pool:
            t0 = time.monotonic()
            for i in range(n):
                delay = t0 + i / self.rate - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                pool.submit(self._one, i)
            self.sending = time.monotonic() - t0
        self.finished = time.monotonic() - t0
        self.sent = n


# --- the run -----------------------------------------------------------------------------------------------------

def fetch(base: str, path: str) -> tuple[int, dict, str]:
    status, _, headers, body = Client(base).request(path, timeout=60)
    return status, headers, body.decode(errors="replace")


def find_pages(base: str) -> dict[str, str]:
    """The public pages: home, library, a search that hits, a document and a column of the demo data."""
    _, _, home = fetch(base, "/")
    codes = [c for c in re.findall(r'href="/gk/([\w-]+)/"', home)
             if c not in ("library", "gazette", "consultations", "reports", "docs")]
    _, _, library = fetch(base, "/gk/library/")
    docs = re.findall(r'href="/gk/docs/(\d+)/"', library)
    if not codes or not docs:
        raise SystemExit("the demo data has no column or document link on / and /gk/library/")
    search = None
    for word in SEARCH_WORDS:
        path = f"/gk/library/?q={quote(word)}"
        status, _, html = fetch(base, path)
        if status == 200 and re.search(r'href="/gk/docs/\d+/"', html):
            search = path
            break
    if search is None:
        raise SystemExit(f"no search hit for any of {SEARCH_WORDS}")
    return {"home": "/", "library": "/gk/library/", "search": search, "document": f"/gk/docs/{docs[0]}/",
            "column": f"/gk/{codes[0]}/"}


def ms(x: float) -> str:
    return f"{x:.1f}" if x < 100 else f"{x:.0f}"


def table(rows: list[dict], static_rps: float) -> list[str]:
    head = f"{'page':<10} {'mode':<9} {'cache':<6} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} " \
           f"{'non2xx':>6} {'errors':>6} {'KB':>5} {'vs static':>9}  cores app/nginx/wrk"
    out = [head, "-" * len(head)]
    for r in rows:
        s = r["wrk"]
        out.append(f"{r['page']:<10} {r['mode']:<9} {r['cache']:<6} {s['rps']:>8.0f} {ms(s['p50']):>7} "
                   f"{ms(s['p95']):>7} {ms(s['p99']):>7} {s['status']:>6} {s['errors']:>6} {s['kb']:>5.1f} "
                   f"{s['rps'] / static_rps:>9.1%} "
                   f"{s['cpu'].get('app', 0):>9.2f}/{s['cpu'].get('nginx', 0):.2f}/{s['cpu']['wrk']:.2f}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds of each wrk run (default 60)")
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2: this machine's cores)")
    parser.add_argument("--rate", type=float, default=20, help="application submissions a second (default 20)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (WEB_CONCURRENCY; deployed: 3)")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--no-uncached", action="store_true", help="skip the runs with GONGKAI_PAGE_CACHE=0")
    parser.add_argument("--microcache", type=int, default=1, metavar="SECONDS",
                        help="also run with the opt-in nginx micro-cache (GONGKAI_NGINX_MICROCACHE_SECONDS; "
                             "default 1; 0 skips it)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory (logs, configs, database)")
    args = parser.parse_args()

    nginx_bin, wrk_bin = tool("nginx"), tool("wrk")
    if not nginx_bin or not wrk_bin:
        print(INSTALL_HINT, file=sys.stderr)
        return 2

    load_before = os.getloadavg()[0]
    if load_before > 1:
        print(f"warning: load average {load_before:.1f} before the start — other work on this machine "
              "takes cores from the stack, nginx and wrk; the numbers are not those of an idle machine")
    scratch = ROOT / "var" / f"bench-load-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
    var = scratch / "var"
    var.mkdir(parents=True)
    db = Database(args.db, var)
    env = base_env(var, db)
    wrk_log = scratch / "wrk.log"
    nginx = stack = None
    failed = True  # until the run completes: keep the logs of a run that broke
    try:
        db.create()
        t = time.monotonic()
        demo_env = dict(env, DEBUG="1")  # as `make demo` (jobs such as search indexing run at once)
        manage(demo_env, "migrate", "--noinput", "-v0")
        manage(demo_env, "load_demo")
        print(f"demo data loaded ({args.db}) in {time.monotonic() - t:.0f} s; scratch {scratch.relative_to(ROOT)}")

        app_port = free_port()
        nginx = Nginx(nginx_bin, scratch, app_port, var)
        rows: list[dict] = []
        submitter = None
        static_rps = None
        pages = None
        modes = ["cached"] + ([] if args.no_uncached else ["uncached"]) + (["microcache"] if args.microcache else [])
        for mode in modes:
            cached = mode == "cached"
            stack = Stack(scratch, env, app_port, mode, args.workers, args.microcache)
            stack.start()
            if nginx.proc is None:
                nginx.start()
            print(f"stack up ({mode}): serve.sh on 127.0.0.1:{app_port}, nginx on {nginx.base}")
            if pages is None:
                pages = find_pages(nginx.base)
                status, _, home = fetch(nginx.base, "/")  # the home page, saved as nginx's static file
                if status != 200:
                    raise SystemExit(f"/ answered {status}")
                (nginx.static / "home.html").write_text(home)
                print("pages: " + ", ".join(f"{k} {v}" for k, v in pages.items()))
                print(f"wrk: -t{args.threads} -c{args.connections} -d{args.duration}s each")
                s = wrk(wrk_bin, nginx.base + "/_bench/home.html", args, wrk_log, {"nginx": nginx.proc.pid})
                static_rps = s["rps"]
                rows.append({"page": "home", "mode": "static", "cache": "-", "wrk": s})
                print(f"  static home.html: {s['rps']:.0f} req/s")
                before = db.applications()
            for name, path in pages.items():
                for _ in range(3):  # warm up: the first render fills the page cache
                    status, headers, _ = fetch(nginx.base, path)
                    if status != 200:
                        raise SystemExit(f"{path} answered {status} before the run")
                low = {k.lower(): v for k, v in headers.items()}
                hit = low.get("x-cache", "-") if mode == "microcache" else low.get("x-page-cache", "-")
                if cached and name == "home":
                    submitter = Submitter(nginx.base, pages["column"].split("/")[2], args.rate, args.duration)
                    submitter.start()
                s = wrk(wrk_bin, nginx.base + path, args, wrk_log,
                        {"nginx": nginx.proc.pid, "app": stack.proc.pid})
                if cached and name == "home":
                    submitter.join()
                rows.append({"page": name, "mode": mode, "cache": hit, "wrk": s})
                print(f"  {name:<9} {mode:<9} {s['rps']:>7.0f} req/s  p99 {ms(s['p99'])} ms  "
                      f"non2xx {s['status']}  errors {s['errors']}"
                      + (f"  (submissions: {submitter.accepted} accepted)" if cached and name == "home" else ""))
            stack.stop()
            stack = None
        added = db.applications() - before

        print()
        print(f"Load bench {time.strftime('%Y-%m-%d')}: {os.cpu_count()} cores, wrk -t{args.threads} "
              f"-c{args.connections} -d{args.duration}s, gunicorn {args.workers} workers, {args.db}; "
              f"load average {load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end")
        lines = table(rows, static_rps)
        print("\n".join(lines))
        errs = sum(submitter.errors.values())
        lat = sorted(submitter.latencies)
        p = (lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000) if lat else (lambda q: 0.0)
        print(f"\nSubmissions during the cached home run: {submitter.sent} started at {args.rate:g}/s "
              f"({submitter.sent / submitter.sending:.1f}/s achieved; the last answered "
              f"{submitter.finished:.0f} s after the first was sent), {submitter.accepted} accepted, "
              f"{errs} errors, {added} rows added to applications_application; "
              f"form+post+done p50 {ms(p(0.5))} ms, p95 {ms(p(0.95))} ms")
        for what, n in sorted(submitter.errors.items()):
            print(f"  error x{n}: {what}")
        ok_submit = errs == 0 and submitter.accepted == added == submitter.sent
        print(f"  accepted == rows and 0 errors: {'yes' if ok_submit else 'NO'}")

        for which in ("cached", "microcache"):
            cached_rows = [r for r in rows if r["mode"] == which and r["page"] != "search"]
            if not cached_rows:
                continue
            short = [r["page"] for r in cached_rows if r["wrk"]["rps"] < GOAL * static_rps]
            print(f"\nGoal ({which}): cached public pages ≥ {GOAL:.0%} of nginx's static req/s "
                  f"({GOAL * static_rps:.0f} req/s); search is never cached (rendered every time). "
                  + ("Met." if not short else f"Not met for: {', '.join(short)}."))
        bad = [f"{r['page']}/{r['mode']}" for r in rows if r["wrk"]["status"] or r["wrk"]["errors"]]
        if bad:
            print(f"Non-2xx responses or socket errors in: {', '.join(bad)} (see {wrk_log.relative_to(ROOT)})")
        failed = not ok_submit or bool(bad)
        return 1 if failed else 0
    finally:
        if stack:
            stack.stop()
        if nginx:
            nginx.stop()
        if args.keep or failed:
            print(f"kept {scratch.relative_to(ROOT)} (logs, nginx config, wrk output"
                  + (", database)" if args.keep else ")"))
        else:
            shutil.rmtree(scratch, ignore_errors=True)
        if not args.keep:
            db.drop()

if __name__ == "__main__":
    sys.exit(main())
