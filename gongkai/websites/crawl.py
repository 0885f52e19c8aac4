"""One organ's website crawled for its annual report on a year (no Django): the listed page (the 年报
column or the report page itself), the links on it and on the column's next pages, the report
(a page, or an attachment such a page links: “附件：…年度报告.pdf”), and last year's report in the
same column for the 雷同 comparison.

Depth: the listed page is depth 0; pages it links on the same host are depth 1; depth 2 only under
the column's path. Pages are fetched only on the organ's own host; a report attachment linked from
one of them may be on any host.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from gongkai.reportreader.htmltext import html_to_text
from gongkai.websites import links as L
from gongkai.websites.fetch import ATTACHMENT, Fetched, Fetcher

FOUND = "found"
NOT_FOUND = "not_found"
UNREACHABLE = "unreachable"
MAX_COLUMN_PAGES = 3  # the column's first page and up to two next pages
MAX_CANDIDATES = 3


@dataclass
class Document:
    """A report found: a page (``text`` is its HTML) or an attachment (``data``)."""

    url: str
    year: int
    text: str | None = None
    data: bytes | None = None
    published_on: dt.date | None = None
    content_hash: str = ""
    changed: bool = True
    via: str = ""  # the page that linked the attachment

    @property
    def is_attachment(self) -> bool:
        return self.text is None


@dataclass
class Outcome:
    status: str
    note: str = ""
    report: Document | None = None
    previous: Document | None = None
    requests: int = 0
    refused: list[str] = field(default_factory=list)  # URLs seen and not fetched (off-host, depth)
    fetched: dict[str, Fetched] = field(default_factory=dict)  # each page fetched once per organ


@dataclass
class _Page:
    url: str
    html: str
    text: str
    links: list[L.Link]
    fetched: Fetched


class Crawler:
    """Crawls one organ's column with a shared :class:`Fetcher` (politeness is per host, over organs)."""

    def __init__(self, fetcher: Fetcher) -> None:
        self.fetcher = fetcher

    def crawl(self, column_url: str, year: int, *, with_previous: bool = True) -> Outcome:
        start = self.fetcher.get(column_url)
        if not start.ok:
            return Outcome(_failed_status(start), _failed_note(start), requests=start.requests)
        first = _page(start)
        out = Outcome(NOT_FOUND)
        out.report = self._report_in(first, column_url, year, out, depth=0)
        pages = [first]
        if out.report is None or with_previous:
            pages += self._next_pages(first, column_url, out)
        if out.report is None:
            for page in pages[1:]:  # the column's next pages are the column (depth 0)
                out.report = self._report_in(page, column_url, year, out, depth=0)
                if out.report:
                    break
        if out.report is None:
            out.note = f"栏目中未找到{year}年度报告"
            return out
        out.status = FOUND
        if with_previous:
            for page in pages:
                out.previous = self._report_in(page, column_url, year - 1, out, depth=0, skip={out.report.url})
                if out.previous:
                    break
        return out

    # -- steps -------------------------------------------------------------------------------

    def _report_in(self, page: _Page, column_url: str, year: int, out: Outcome, *, depth: int,
                   skip: set[str] = frozenset()) -> Document | None:
        """The report on ``year``: the page itself, or the best of its links (a page, an attachment)."""
        if depth == 0 and L.looks_like_report(page.text, year) and not skip:
            return _page_document(page, year)
        for link in L.best_links(page.links, year, MAX_CANDIDATES + len(skip)):
            if link.url in skip:
                continue
            if L.is_attachment(link.url):  # a column's dates belong to its other items: Last-Modified
                found = self._attachment(link.url, year, via=page, page_dated=depth > 0)
            else:
                found = self._report_page(link.url, column_url, year, out, depth=depth + 1)
            if found:
                return found
        return None

    def _report_page(self, url: str, column_url: str, year: int, out: Outcome, *, depth: int) -> Document | None:
        if not self._may_visit(url, column_url, depth, out):
            return None
        got = self._get(url, out)
        if not got.ok:
            return None
        page = _page(got)
        if L.looks_like_report(page.text, year):
            return _page_document(page, year)
        # A page that only announces the report: “附件：…年度报告.pdf”
        files = [link for link in page.links if L.is_attachment(link.url)]
        best = L.best_links(files, year) or (files[:1] if len(files) == 1 else [])
        for link in best:
            found = self._attachment(link.url, year, via=page)
            if found:
                return found
        # A landing page that links the report page (depth 2: only under the column's path)
        for link in L.best_links([x for x in page.links if not L.is_attachment(x.url) and x.url != page.url], year):
            found = self._report_page(link.url, column_url, year, out, depth=depth + 1)
            if found:
                return found
        return None

    def _attachment(self, url: str, year: int, *, via: _Page, page_dated: bool = True) -> Document | None:
        got = self.fetcher.get(url, ATTACHMENT)
        if not got.ok:
            return None
        published = (L.page_date(via.text) if page_dated else None) or L.http_date(got.last_modified)
        return Document(url=got.url, year=year, data=got.body, published_on=published,
                        content_hash=got.content_hash, changed=got.changed, via=via.url)

    def _next_pages(self, first: _Page, column_url: str, out: Outcome) -> list[_Page]:
        pages: list[_Page] = []
        current = first
        seen = {first.url}
        while len(pages) < MAX_COLUMN_PAGES - 1:
            nxt = next((link for link in current.links if L.is_next_page(link) and link.url not in seen
                        and L.in_column(link.url, column_url)), None)
            if nxt is None:
                break
            seen.add(nxt.url)
            got = self._get(nxt.url, out)
            if not got.ok:
                break
            current = _page(got)
            pages.append(current)
        return pages

    def _may_visit(self, url: str, column_url: str, depth: int, out: Outcome) -> bool:
        same_host = L.host_of(url) == L.host_of(column_url)
        if not same_host or depth > 2 or (depth == 2 and not L.in_column(url, column_url)):
            out.refused.append(url)
            return False
        return True

    def _get(self, url: str, out: Outcome) -> Fetched:
        if url not in out.fetched:
            out.fetched[url] = self.fetcher.get(url)
            out.requests += out.fetched[url].requests
        return out.fetched[url]


def _page(got: Fetched) -> _Page:
    html = L.decode_page(got.body or b"", got.content_type)
    return _Page(got.url, html, html_to_text(html), L.extract_links(html, got.url), got)


def _page_document(page: _Page, year: int) -> Document:
    published = L.page_date(page.text) or L.http_date(page.fetched.last_modified)
    return Document(url=page.url, year=year, text=page.html, published_on=published,
                    content_hash=page.fetched.content_hash, changed=page.fetched.changed)


def _failed_status(got: Fetched) -> str:
    return NOT_FOUND if got.status in (404, 410) else UNREACHABLE


def _failed_note(got: Fetched) -> str:
    if got.status in (404, 410):
        return f"所列页面不存在（HTTP {got.status}）"
    return got.error or f"网站无法访问（HTTP {got.status}）"
