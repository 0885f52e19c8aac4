"""A polite HTTP client for the crawler (no Django): robots.txt, one request per ``delay`` seconds per
host, timeouts, retries with backoff for 5xx and timeouts only, redirects checked hop by hop against
the allow-list, size caps, and conditional requests (``If-None-Match`` / ``If-Modified-Since``)
against a cache of what was fetched before, so that a rerun transfers nothing unchanged.

The clock and the sleep are injected (tests keep the politeness without waiting), and so is the
store of cached responses (:class:`MemoryStore` here; the database one in ``store.py``).
"""

from __future__ import annotations

import hashlib
import socket
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urljoin, urlsplit

from gongkai.websites.links import host_of

USER_AGENT = "Mozilla/5.0 (compatible; GongkaiBot/1.0; Gongkai annual-report audit of government websites)"
ROBOTS_AGENT = "GongkaiBot"
MAX_PAGE_BYTES = 5 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 30 * 1024 * 1024
PAGE = "page"
ATTACHMENT = "attachment"


@dataclass
class CacheEntry:
    url: str
    etag: str = ""
    last_modified: str = ""
    content_hash: str = ""
    status: int = 0
    content_type: str = ""
    body: bytes | None = None  # pages and robots.txt keep their body; attachments only the hash
    fetched_at: float = 0.0


class Store(Protocol):
    def get(self, url: str) -> CacheEntry | None: ...

    def put(self, entry: CacheEntry) -> None: ...


class MemoryStore:
    def __init__(self) -> None:
        self.entries: dict[str, CacheEntry] = {}

    def get(self, url: str) -> CacheEntry | None:
        return self.entries.get(url)

    def put(self, entry: CacheEntry) -> None:
        self.entries[entry.url] = entry


@dataclass
class Fetched:
    """The outcome of one GET (after redirects): ``ok`` with the body, or ``error`` in Chinese."""

    url: str
    status: int = 0
    body: bytes | None = None
    content_type: str = ""
    last_modified: str = ""
    content_hash: str = ""
    etag: str = ""
    location: str = ""  # a redirect's next hop (absolute)
    changed: bool = True  # False: 304 or the same bytes as the cached copy
    error: str = ""
    requests: int = 0

    @property
    def ok(self) -> bool:
        return not self.error and 200 <= self.status < 300


@dataclass
class Log:
    """Every request sent, in order (the tests and the bench read it)."""

    lines: list[tuple[str, bool, int, float]] = field(default_factory=list)  # (url, conditional, status, at)

    def add(self, url: str, conditional: bool, status: int, at: float) -> None:
        self.lines.append((url, conditional, status, at))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D401 - urllib's signature
        return None


class Fetcher:
    def __init__(self, *, store: Store | None = None, page_hosts: set[str] | frozenset[str] = frozenset(),
                 delay: float = 1.0, timeout: float = 10.0, retries: int = 2, max_redirects: int = 5,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep,
                 user_agent: str = USER_AGENT, private_ok: bool = True) -> None:
        self.store = store or MemoryStore()
        self.page_hosts = {h.lower() for h in page_hosts}
        self.delay, self.timeout, self.retries, self.max_redirects = delay, timeout, retries, max_redirects
        self.clock, self.sleep, self.user_agent = clock, sleep, user_agent
        self.private_ok = private_ok  # False: never a loopback, private or link-local address (no SSRF)
        self.log = Log()
        self._last: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._down: dict[str, str] = {}  # host → why it could not be reached (not asked again this crawl)
        self._opener = urllib.request.build_opener(_NoRedirect())

    # -- politeness --------------------------------------------------------------------------

    def _wait(self, host: str) -> float:
        robots = self._robots.get(host)
        delay = max(self.delay, float((robots and robots.crawl_delay(ROBOTS_AGENT)) or 0))
        last = self._last.get(host)
        if last is not None:
            due = last + delay - self.clock()
            if due > 0:
                self.sleep(due)
        self._last[host] = self.clock()
        return self._last[host]

    def allowed(self, url: str) -> bool:
        """robots.txt of the URL's host allows it (fetched once per host and crawl)."""
        host = host_of(url)
        if host not in self._robots:
            parts = urlsplit(url)
            robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
            got = self._get(robots_url, MAX_PAGE_BYTES, keep_body=True, check_hosts=None, robots=False)
            parser = urllib.robotparser.RobotFileParser(robots_url)
            if got.error.startswith("网站无法访问"):
                self._down[host] = got.error
            if got.ok and got.body is not None:
                parser.parse(got.body.decode("utf-8", errors="replace").splitlines())
            elif got.status in (401, 403):
                parser.disallow_all = True
            else:  # none (404) or unreachable: everything allowed, the page fetch tells the rest
                parser.allow_all = True
            self._robots[host] = parser
        parser = self._robots[host]
        return parser is None or parser.can_fetch(ROBOTS_AGENT, url)

    # -- fetching ----------------------------------------------------------------------------

    def get(self, url: str, kind: str = PAGE, *, conditional: bool = True) -> Fetched:
        """GET a page (only on the page hosts) or an attachment (any host), following redirects."""
        if kind == PAGE and host_of(url) not in self.page_hosts:
            return Fetched(url, error="不在所列网站范围内，未抓取")
        cap = MAX_PAGE_BYTES if kind == PAGE else MAX_ATTACHMENT_BYTES
        return self._get(url, cap, keep_body=kind == PAGE, conditional=conditional,
                         check_hosts=self.page_hosts if kind == PAGE else None)

    def _get(self, url: str, cap: int, *, keep_body: bool, check_hosts, robots: bool = True,
             conditional: bool = True) -> Fetched:
        requests = 0
        for _hop in range(self.max_redirects + 1):
            if check_hosts is not None and host_of(url) not in check_hosts:
                return Fetched(url, error="跳转到所列网站以外，未抓取", requests=requests)
            if not self.private_ok and is_internal(url):
                return Fetched(url, error="内网或本机地址，未抓取", requests=requests)
            if robots and not self.allowed(url):
                return Fetched(url, error="robots.txt 不允许抓取", requests=requests)
            if host_of(url) in self._down:
                return Fetched(url, error=self._down[host_of(url)], requests=requests)
            got = self._once(url, cap, keep_body=keep_body, conditional=conditional)
            requests += got.requests
            got.requests = requests
            if got.location:
                url = got.location
                continue
            return got
        return Fetched(url, error="重定向次数过多", requests=requests)

    def _once(self, url: str, cap: int, *, keep_body: bool, conditional: bool) -> Fetched:
        """One URL with retries (5xx, timeouts, connection errors) and backoff."""
        cached = self.store.get(url)
        use_cache = conditional and cached is not None and (cached.body is not None or not keep_body)
        sent = 0
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(self.delay * 2 ** (attempt - 1) or 0.1 * attempt)
            at = self._wait(host_of(url))
            sent += 1
            got = self._request(url, cap, cached if use_cache else None)
            self.log.add(url, bool(use_cache and (cached.etag or cached.last_modified)), got.status, at)
            if got.status >= 500 or got.error == "timeout" or got.error == "connection":
                continue
            break
        got.requests = sent
        if got.error in ("timeout", "connection"):
            got.error = "网站无法访问（连接超时）" if got.error == "timeout" else "网站无法访问（无法连接）"
            return got
        if got.status >= 500:
            got.error = f"网站无法访问（HTTP {got.status}）"
            return got
        if got.status == 304 and cached is not None:  # the cache entry stays as it is
            return Fetched(url, 200, cached.body, cached.content_type, cached.last_modified, cached.content_hash,
                           changed=False, requests=sent)
        if got.ok and got.body is not None:
            got.content_hash = hashlib.sha256(got.body).hexdigest()
            got.changed = cached is None or cached.content_hash != got.content_hash
            self.store.put(CacheEntry(url, got.etag, got.last_modified, got.content_hash, got.status,
                                      got.content_type, got.body if keep_body else None, time.time()))
        return got

    def _request(self, url: str, cap: int, cached: CacheEntry | None) -> Fetched:
        headers = {"User-Agent": self.user_agent, "Accept-Encoding": "identity"}
        if cached is not None:
            if cached.etag:
                headers["If-None-Match"] = cached.etag
            if cached.last_modified:
                headers["If-Modified-Since"] = cached.last_modified
        req = urllib.request.Request(url, headers=headers)
        try:
            with self._opener.open(req, timeout=self.timeout) as resp:
                return _read(url, resp, cap)
        except urllib.error.HTTPError as e:
            if e.code in (301, 302, 303, 307, 308) and e.headers.get("Location"):
                location = urljoin(url, e.headers["Location"])
                if urlsplit(location).scheme not in ("http", "https"):
                    return Fetched(url, e.code, error="重定向网址无效")
                return Fetched(url, e.code, location=location)  # ``_get`` checks the next hop
            return Fetched(url, e.code, error=f"HTTP {e.code}" if e.code != 304 else "")
        except TimeoutError:
            return Fetched(url, error="timeout")
        except (urllib.error.URLError, ConnectionError, OSError) as e:
            if isinstance(getattr(e, "reason", None), (TimeoutError, socket.timeout)):
                return Fetched(url, error="timeout")
            return Fetched(url, error="connection")
        except ValueError:
            return Fetched(url, error="网址无效")


def _read(url: str, resp, cap: int) -> Fetched:
    declared = resp.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > cap:
        return Fetched(url, resp.status, error=f"文件超过 {cap // (1024 * 1024)} MB，未下载")
    chunks, size = [], 0
    try:
        while chunk := resp.read(65536):
            size += len(chunk)
            if size > cap:
                return Fetched(url, resp.status, error=f"文件超过 {cap // (1024 * 1024)} MB，未下载")
            chunks.append(chunk)
    except TimeoutError:
        return Fetched(url, error="timeout")
    return Fetched(url, resp.status, b"".join(chunks), resp.headers.get("Content-Type", ""),
                   resp.headers.get("Last-Modified", ""), etag=resp.headers.get("ETag", ""))


def is_internal(url: str) -> bool:
    """The URL's host is (or resolves to) a loopback, private, link-local or reserved address."""
    import ipaddress

    host = urlsplit(url).hostname or ""
    try:
        infos = socket.getaddrinfo(host, None)
    except (OSError, UnicodeError):
        return False  # does not resolve: the request fails as unreachable
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_reserved or ip.is_multicast \
                or ip.is_unspecified:
            return True
    return False
