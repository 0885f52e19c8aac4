"""The polite HTTP client against local fixture servers: robots.txt, per-host delay (a fake clock),
retries for 5xx only, redirects checked against the allow-list, size caps, conditional requests."""

from __future__ import annotations

import pytest

from gongkai.websites import fetch as F
from gongkai.websites.tests.fixture_sites import Site


class FakeClock:
    def __init__(self):
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def site():
    s = Site().start()
    s.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    for i in range(3):
        s.add(f"/p{i}.html", f"<p>第{i}页</p>")
    s.add("/private/x.html", "<p>内部</p>")
    yield s
    s.stop()


def fetcher(site, clock=None, **kw):
    clock = clock or FakeClock()
    return F.Fetcher(page_hosts={site.host}, clock=clock, sleep=clock.sleep, **kw), clock


def test_one_request_per_second_per_host_and_robots_txt_kept(site):
    f, clock = fetcher(site, delay=1.0)
    for i in range(3):
        assert f.get(site.url(f"/p{i}.html")).ok
    got = f.get(site.url("/private/x.html"))
    assert not got.ok and "robots.txt" in got.error
    assert site.paths() == ["/robots.txt", "/p0.html", "/p1.html", "/p2.html"]  # never the disallowed path
    times = [at for _u, _c, _s, at in f.log.lines]
    assert all(b - a >= 1.0 for a, b in zip(times, times[1:], strict=False))


def test_a_robots_crawl_delay_longer_than_ours_is_kept(site):
    site.add("/robots.txt", "User-agent: *\nCrawl-delay: 5\n", "text/plain")
    f, clock = fetcher(site, delay=1.0)
    f.get(site.url("/p0.html"))
    f.get(site.url("/p1.html"))
    times = [at for *_x, at in f.log.lines]
    assert times[-1] - times[-2] >= 5


def test_pages_only_on_listed_hosts_and_redirects_checked_hop_by_hop(site):
    other = Site().start()
    try:
        other.add("/page.html", "<p>别处</p>")
        f, _ = fetcher(site, delay=0)
        got = f.get(other.url("/page.html"))
        assert not got.ok and other.log == []
        # an attachment may live on another host
        other.add("/r.pdf", b"%PDF-1.4 x", "application/pdf")
        assert f.get(other.url("/r.pdf"), F.ATTACHMENT).ok
    finally:
        other.stop()


def test_redirect_off_the_listed_hosts_is_not_followed():
    import http.server
    import threading

    other = Site().start()
    target = other.url("/landing.html")

    class Redirect(http.server.BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_GET(self):  # noqa: N802
            self.send_response(302)
            self.send_header("Location", target if self.path == "/away" else "/here.html")
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host = f"127.0.0.1:{server.server_address[1]}"
    try:
        f = F.Fetcher(page_hosts={host}, delay=0)
        got = f.get(f"http://{host}/away")
        assert not got.ok and "跳转" in got.error and other.log == []
        loop = f.get(f"http://{host}/loop")
        assert not loop.ok and "重定向次数过多" in loop.error
    finally:
        server.shutdown()
        other.stop()


def test_retries_for_server_errors_with_backoff_but_not_for_404(site):
    calls = {"n": 0}
    orig = F.Fetcher._request

    def flaky(self, url, cap, cached):
        if url.endswith("/p1.html"):
            calls["n"] += 1
            if calls["n"] < 3:
                return F.Fetched(url, 503)
        return orig(self, url, cap, cached)

    F.Fetcher._request = flaky
    try:
        f, clock = fetcher(site, delay=1.0, retries=2)
        assert f.get(site.url("/p1.html")).ok and calls["n"] == 3
        assert 1.0 in clock.slept and 2.0 in clock.slept  # backoff 1 s, then 2 s
        before = len(f.log.lines)
        assert f.get(site.url("/missing.html")).status == 404
        assert len(f.log.lines) == before + 1
    finally:
        F.Fetcher._request = orig


def test_a_rerun_sends_conditional_requests_and_gets_nothing_new(site):
    store = F.MemoryStore()
    f, _ = fetcher(site, delay=0, store=store)
    first = f.get(site.url("/p0.html"))
    assert first.changed and first.ok
    f2, _ = fetcher(site, delay=0, store=store)
    again = f2.get(site.url("/p0.html"))
    assert again.ok and not again.changed and again.body == first.body
    assert site.log[-1] == ("/p0.html", True, 304)
    site.add("/p0.html", "<p>改了</p>")
    changed = F.Fetcher(page_hosts={site.host}, delay=0, store=store).get(site.url("/p0.html"))
    assert changed.changed and "改了" in changed.body.decode()


def test_oversized_responses_are_refused(site, monkeypatch):
    monkeypatch.setattr(F, "MAX_PAGE_BYTES", 10)
    f, _ = fetcher(site, delay=0)
    got = f.get(site.url("/p0.html"))
    assert not got.ok and "超过" in got.error


def test_a_host_that_does_not_answer_in_time_is_unreachable_and_not_asked_again():
    slow = Site(slow=0.6).start()
    try:
        slow.add("/a.html", "<p>a</p>")
        f = F.Fetcher(page_hosts={slow.host}, delay=0, timeout=0.2, retries=1)
        got = f.get(slow.url("/a.html"))
        assert not got.ok and "连接超时" in got.error
        assert [u for u, *_ in f.log.lines] == [slow.url("/robots.txt")] * 2  # robots.txt tried twice, then given up
    finally:
        slow.stop()
