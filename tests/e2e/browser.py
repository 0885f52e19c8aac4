"""Shared Playwright helpers: Debian's chromium (never a downloaded browser) and axe-core."""

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
try:  # axe-core as shipped in the wheel of axe-playwright-python (pinned in pyproject.toml; no download)
    import axe_playwright_python

    AXE = Path(axe_playwright_python.__file__).parent / "axe.min.js"
except ImportError:  # pragma: no cover - the dev extras are not installed: the checks are skipped
    AXE = ROOT / "axe-playwright-python-is-not-installed"
SHOTS = ROOT / "var" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@contextmanager
def browser_context(**kwargs):
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's loop runs in the test thread
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        options = {"accept_downloads": True, "locale": "zh-CN", "viewport": {"width": 1280, "height": 900}}
        options.update(kwargs)
        context = browser.new_context(**options)
        # Every page of the walk must obey the Content-Security-Policy (no inline script or style).
        violations = []
        context.on("console", lambda msg: violations.append(msg.text[:300])
                   if "Content Security Policy" in msg.text else None)
        yield context
        browser.close()
        assert violations == [], violations


def shot(page, name):
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def axe_violations(page, impacts=("serious", "critical")):
    """Run axe-core (WCAG 2.x A/AA rules ≈ GB/T 37668 level 2) and return serious/critical violations."""
    # Evaluated through DevTools rather than added as a <script>: the site's CSP refuses inline script.
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"],
         "nodes": [n["target"] for n in v["nodes"][:5]]}
        for v in result["violations"] if v["impact"] in impacts
    ]
