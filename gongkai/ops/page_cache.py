"""The page cache of anonymous public pages (issue 12 item 6).

A visitor without a session (no login, no pending message) asking with GET or HEAD for one of the
pages of ``PAGES`` gets the page from the shared cache (Redis in production, diskcache on the
embedded default) when another visitor has asked for it before; otherwise the page is rendered,
and kept when it is a plain 200 HTML/XML page that sets no cookie and is not marked private.

No stale page is served after a change. Every key carries the *generation* of the public content,
a counter in the shared cache that :func:`bump` increments when a row of an app that feeds public
pages (``settings.GONGKAI_PAGE_CACHE_APPS``: publishing, agencies, reports, proposals, holidays and
the search index) is saved or deleted, or when code that writes such rows in bulk says so
(``bump_on_commit``): at once and again on commit, so that a page rendered from the old rows before
the commit is kept under a generation that is already over and never served. Keys also carry "today"
(consultation windows, 意见征集 status and every date-relative label change at midnight), the host
(absolute links and QR codes) and the visitor's display preferences (长者模式, 繁體), so each variant
is its own entry. The pages of an app whose rows the public writes (``GONGKAI_PAGE_CACHE_SCOPED_APPS``:
the 领导信箱, where every letter changes the yearly counts) carry the generation of that app as well
(``SCOPES``): a letter ends those pages only, not every page of the site. Entries expire after
``GONGKAI_PAGE_CACHE_SECONDS`` (10 minutes by default) as a bound on memory, not on staleness.

What is cached is declared once, here: a URL name and the query parameters its page reads; a
request with any other parameter, or with a search word (``q``, 文号), is rendered every time (a
search is rate limited per address; arbitrary parameters must not fill the cache). A response from
the cache carries ``X-Page-Cache: hit`` (for the bench and the tests), a fresh one ``miss``.

``GONGKAI_PAGE_CACHE=0`` in the environment switches the cache off (the uncached measurements of
bench/public_pages_bench.py and bench/load_bench.py).

A hit still passes through gunicorn and Django (about 1 ms of the app's time, but a worker and the
middleware each time), so it cannot approach nginx serving a file. For sites that need that, the
nginx site of deploy/ can keep the same pages for a few seconds itself (``GONGKAI_NGINX_MICROCACHE_SECONDS``,
off by default): the trade is that for up to that many seconds after a change nginx may still
serve the page as it was. The default keeps the promise above exactly (ARCHITECTURE.md "Public pages").
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpResponse
from django.urls import Resolver404, resolve

from gongkai.law import today as law_today

log = logging.getLogger("gongkai.page_cache")

GENERATION_KEY = "gk:pages:generation"
HIT_HEADER = "X-Page-Cache"

_LIBRARY = ("scope", "issuer", "agency", "l1", "l2", "doc_type", "validity", "pub_range", "pub_from", "pub_to",
            "signed_from", "signed_to", "sort", "page", "q", "doc_no")
# URL name → the query parameters its page reads. Anything else in the query string: not cached.
PAGES: dict[str, tuple[str, ...]] = {
    "portal-home": (),
    "column": (),
    "guide": (),
    "public:doc": (),
    "public:library": _LIBRARY,
    "public:interpretation": (),
    "public:gazette": ("year", "issue_no", "cumulative_no", "title", "page"),
    "public:gazette-issue": (),
    "public:consultations": ("status", "page"),
    "public:sitemap": ("part",),
    "public:catalogue": (),
    "public:catalogue-node": ("page",),
    "reports_public:index": (),
    "reports_public:detail": (),
    "reports_public:summary": (),
    "reports_public:interpretation": (),
    "reports_public:summary-interpretation": (),
    "proposals_public:index": ("q", "year", "session", "kind", "classification", "page"),
    "proposals_public:detail": (),
    "mailbox:index": (),
    "mailbox:replies": ("q", "page"),
    "mailbox:reply": (),
    "mailbox:summary": ("year",),
}
# Page → the scoped app whose own generation its key carries too (see the module's docstring).
SCOPES: dict[str, str] = {"mailbox:replies": "mailbox", "mailbox:reply": "mailbox", "mailbox:summary": "mailbox"}
# Parameters that make a request a search: rendered every time (and counted by the search limit).
SEARCH_PARAMS = ("q", "doc_no", "title")
CACHEABLE_TYPES = ("text/html", "application/xml")
# Headers of the page itself; the security headers (HSTS, CSP, Referrer-Policy, …) are added to a hit
# by SecurityMiddleware and CSPMiddleware, which come before this one (settings.MIDDLEWARE).
KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "X-Frame-Options")
MAX_QUERY = 300


def enabled() -> bool:
    return bool(getattr(settings, "GONGKAI_PAGE_CACHE", True))


def _generation_key(scope: str) -> str:
    return f"{GENERATION_KEY}:{scope}" if scope else GENERATION_KEY


def generation(scope: str = "") -> int:
    """The generation of the site's public content, or of one scoped app's (``scope``)."""
    key = _generation_key(scope)
    value = cache.get(key)
    if value is None:
        cache.add(key, 1, timeout=None)
        value = cache.get(key) or 1
    return int(value)


def remember(name: str, build, timeout: int):
    """``build()`` kept in the shared cache for the current content generation under ``name`` (a part of
    a page several pages share: the column tree, the home page's blocks). Built afresh, and not kept,
    while the cache cannot be reached: a cache that is down never takes a page with it."""
    try:
        key = f"gk:{name}:{generation()}"
        kept = cache.get(key)
    except Exception:  # noqa: BLE001 - any cache failure
        log.warning("shared cache unreachable: %s built without it", name.split(":")[0])
        return build()
    if kept is None:
        kept = build()
        try:
            cache.set(key, kept, timeout)
        except Exception:  # noqa: BLE001
            log.warning("shared cache unreachable: %s not kept", name.split(":")[0])
    return kept


def bump(scope: str = "") -> None:
    """A public page may have changed: every cached page (with ``scope``: every page of ``SCOPES``
    under that scope) is out of date from now on."""
    key = _generation_key(scope)
    try:
        cache.incr(key)
    except ValueError:  # not there yet (a new or flushed cache): any value differs from the old keys'
        cache.add(key, 2, timeout=None) or cache.incr(key)


def bump_on_commit(scope: str = "") -> None:
    """Now, and again when the transaction commits: a page rendered in between from the rows before
    the commit was kept under the middle generation, which the second bump ends."""
    bump(scope)
    transaction.on_commit(lambda: bump(scope))


def _on_change(sender, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    label = sender._meta.app_label
    if label in getattr(settings, "GONGKAI_PAGE_CACHE_APPS", ()):
        bump_on_commit()
    elif label in getattr(settings, "GONGKAI_PAGE_CACHE_SCOPED_APPS", ()):
        bump_on_commit(label)


def connect_signals() -> None:
    """Called by OpsConfig.ready in every process (web, job worker, commands), so that a change made
    anywhere ends the cached pages everywhere."""
    post_save.connect(_on_change, dispatch_uid="gongkai.page_cache.save")
    post_delete.connect(_on_change, dispatch_uid="gongkai.page_cache.delete")
    m2m_changed.connect(_on_change, dispatch_uid="gongkai.page_cache.m2m")
    # A release is deployed with `migrate` (deploy/serve.sh, README "Deploying"): pages rendered by
    # the old code must not outlive it, so every migrate run ends the cached pages too.
    post_migrate.connect(_on_migrate, dispatch_uid="gongkai.page_cache.migrate")


def _on_migrate(sender, **kwargs) -> None:
    # (sent once per app with models; a few bumps for one run do no harm)
    try:
        bump()
    except Exception:  # no cache reachable while migrating: nothing cached to end either
        pass


def _page_of(request) -> str | None:
    """The URL name of a cacheable page asked for by an anonymous visitor, or None."""
    if request.method not in ("GET", "HEAD"):
        return None
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return None
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    name = match.view_name
    allowed = PAGES.get(name)
    if allowed is None:
        return None
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY:
        return None
    for param, values in request.GET.lists():
        if param not in allowed:
            return None
        if param in SEARCH_PARAMS and any(v.strip() for v in values):
            return None
    return name


def _key(request, name: str) -> str:
    # The display preferences (publishing/context.py: 长者模式, 繁體) are cookies; each combination is
    # its own page. Named in settings so that ops (infrastructure) imports no domain app.
    variant = "".join("1" if request.COOKIES.get(name) == "1" else "0"
                      for name in getattr(settings, "GONGKAI_PAGE_CACHE_VARIANT_COOKIES", ()))
    query = sorted((k, v) for k, values in request.GET.lists() for v in values)
    raw = f"{request.get_host()}|{request.path}|{query}|{variant}|{law_today.today().isoformat()}"
    scope = SCOPES.get(name)
    current = f"{generation()}.{generation(scope)}" if scope else generation()
    return f"gk:page:{current}:{hashlib.sha256(raw.encode()).hexdigest()}"


def _keepable(response) -> bool:
    if response.status_code != 200 or getattr(response, "streaming", False) or response.cookies:
        return False
    if not response.get("Content-Type", "").lower().startswith(CACHEABLE_TYPES):
        return False
    control = response.get("Cache-Control", "").lower()
    return not ("private" in control or "no-store" in control or response.has_header("Content-Disposition"))


class PublicPageCacheMiddleware:
    """Serves and keeps anonymous public pages. In MIDDLEWARE after SecurityMiddleware, WhiteNoise and
    CSPMiddleware (a hit still gets the HTTPS redirect and the security headers) and before the
    session: a hit skips the rest."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = _page_of(request) if enabled() else None
        if name is None:
            return self.get_response(request)
        try:
            key = _key(request, name)
            entry = cache.get(key)
        except Exception:  # a cache that is down must not take the public pages with it
            log.warning("page cache unavailable", exc_info=True)
            return self.get_response(request)
        if entry is not None:
            content, headers = entry
            response = HttpResponse(content, status=200)
            for header, value in headers:
                response[header] = value
            response[HIT_HEADER] = "hit"
            return _for_nginx(response)
        response = self.get_response(request)
        if _keepable(response):
            headers = [(h, response[h]) for h in KEPT_HEADERS if response.has_header(h)]
            try:
                cache.set(key, (response.content, headers), getattr(settings, "GONGKAI_PAGE_CACHE_SECONDS", 600))
            except Exception:
                log.warning("page cache unavailable", exc_info=True)
            response[HIT_HEADER] = "miss"
            _for_nginx(response)
        return response


def _for_nginx(response):
    """The nginx micro-cache (opt-in, ``GONGKAI_NGINX_MICROCACHE_SECONDS``): nginx keeps a page for that
    many seconds only when the app says so with ``X-Accel-Expires`` (which nginx strips), and the app
    says so only here, for the pages above. Off (0) by default: then nginx caches no page at all."""
    seconds = int(getattr(settings, "GONGKAI_NGINX_MICROCACHE_SECONDS", 0) or 0)
    if seconds > 0:
        response["X-Accel-Expires"] = str(seconds)
    return response
