"""Remake the README's screenshots from the demo data (issue 15).

    .venv/bin/python docs/screenshots/make_screenshots.py [--axe]

Loads the demo into a scratch SQLite database (a temporary directory), starts ``runserver`` on a free
loopback port, and captures with Debian's chromium (tests/e2e/browser.py): the home page, a document
page, an applicant's progress page (a correction pending) and the workbench, each at 1280 px (desktop)
and 375 px (phone). The PNGs are written here, optimised (palette-quantised when needed) to stay
under 300 KB each. ``--axe`` also runs axe-core on the pages (normal and 长者模式) and prints what
is serious or critical.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.browser import ARGS, CHROMIUM, axe_violations  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
MAX_BYTES = 300 * 1024
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}
PASSWORD = "demo12345"  # the demo accounts' password (gongkai/demo; manage.py demo_info)
FACTS = """
import json
from gongkai.applications.models import Application
from gongkai.publishing.models import Document
app = (Application.objects.filter(status="awaiting_correction", applicant_kind="natural_person")
       .order_by("pk").first())
doc = Document.objects.filter(status="published").exclude(body="").order_by("-published_at").first()
handler = app.agency.memberships.filter(role="handler").select_related("user").first().user.username
print("FACTS" + json.dumps({"code": app.tracking_code, "name": app.name, "doc": doc.pk, "handler": handler}))
"""


def manage(env, *args, capture=False):
    run = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, text=True,
                         capture_output=capture)
    return run.stdout if capture else ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server at {url} did not start")


def save_optimised(png: bytes, path: Path) -> int:
    """Write ``png`` optimised; quantise to a palette (then fewer colours) until under MAX_BYTES."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    for colours in (None, 256, 128, 64):
        out = io.BytesIO()
        (image if colours is None else image.quantize(colours, dither=Image.Dither.NONE)).save(
            out, format="PNG", optimize=True)
        if out.tell() < MAX_BYTES:
            break
    path.write_bytes(out.getvalue())
    return out.tell()


def pages(page, base, facts):
    """(name, callable that brings the page up) in order; staff pages last (they sign in)."""
    def go(path):
        return lambda: page.goto(base + path)

    def progress():
        page.goto(f"{base}/query/")
        page.get_by_label("自然人").check()
        page.get_by_label("姓名/名称").fill(facts["name"])
        page.get_by_label("查询号").fill(facts["code"])
        page.get_by_role("button", name="查询").click()
        page.locator("#query-status").wait_for()

    def workbench():
        page.goto(f"{base}/staff/login/")
        page.get_by_label("用户名").fill(facts["handler"])
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.wait_for_load_state()
        page.goto(f"{base}/staff/?scope=agency&status=open")

    return [("home", go("/")), ("document", go(f"/gk/docs/{facts['doc']}/")), ("progress", progress),
            ("workbench", workbench)]


def capture(base, facts, axe: bool) -> list[str]:
    from playwright.sync_api import sync_playwright

    problems = []
    with sync_playwright() as p:
        # --lang: the browser's own words (file and date inputs) in Chinese, as users see them.
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[*ARGS, "--lang=zh-CN"])
        for size, viewport in SIZES.items():
            for senior in (False, True) if axe else (False,):
                context = browser.new_context(locale="zh-CN", viewport=viewport,
                                              device_scale_factor=2 if size == "phone" else 1)
                if senior:
                    context.add_cookies([{"name": "gk_senior", "value": "1", "url": base}])
                page = context.new_page()
                for name, open_page in pages(page, base, facts):
                    open_page()
                    page.wait_for_load_state("networkidle")
                    if axe:
                        found = axe_violations(page)
                        problems += [f"{name} {size}{' 长者模式' if senior else ''}: {v}" for v in found]
                    if name == "workbench" and size == "phone":  # the cases as cards, not the filters
                        page.locator("table.cards").evaluate("t => t.scrollIntoView()")
                    if not senior:
                        path = HERE / f"{name}-{size}.png"
                        print(f"{path.name}: {save_optimised(page.screenshot(), path) // 1024} KB")
                context.close()
        browser.close()
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--axe", action="store_true", help="also run axe-core on each page")
    options = parser.parse_args()
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with tempfile.TemporaryDirectory(prefix="gongkai-shots-") as scratch:
        env = {**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{scratch}/demo.sqlite3",
               "GONGKAI_VAR": scratch}
        manage(env, "migrate", "-v0")
        manage(env, "load_demo", capture=True)  # its summary is long; errors still raise
        out = manage(env, "shell", "-c", FACTS, capture=True)
        facts = json.loads(next(line[5:] for line in out.splitlines() if line.startswith("FACTS")))
        port = free_port()
        server = subprocess.Popen([PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
                                  cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_up(base + "/healthz")
            problems = capture(base, facts, options.axe)
        finally:
            server.terminate()
            server.wait(timeout=10)
    for line in problems:
        print(line)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
