"""A crawl run executed (by the ``audit_sites`` command or the job): every listed organ crawled with
one polite :class:`Fetcher` (politeness per host across organs), audited, and stored as one
``SiteResult`` per organ. What did not change since the organ's last row (same report bytes, same
last-year report) is not audited again: its findings are carried over."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db.models.functions import Now

from gongkai.websites import audit
from gongkai.websites.crawl import FOUND, Crawler, Document, Outcome
from gongkai.websites.fetch import ATTACHMENT, Fetcher
from gongkai.websites.models import CrawlRun, SiteResult
from gongkai.websites.sites import hosts
from gongkai.websites.store import DatabaseStore

_CARRIED = ("published_on", "late", "errors", "warnings", "findings", "similarity", "previous_url")


def timeout() -> float:
    return float(getattr(settings, "GONGKAI", {}).get("SITE_TIMEOUT", 10))


def private_ok() -> bool:
    """Whether runs started from the web may fetch loopback and private addresses (tests, a closed
    network); the command line always may (its operator chose the list)."""
    return bool(getattr(settings, "GONGKAI", {}).get("SITE_ALLOW_PRIVATE", False))


def make_fetcher(sites: list[dict[str, str]], delay: float, **kwargs: Any) -> Fetcher:
    kwargs.setdefault("store", DatabaseStore())
    kwargs.setdefault("timeout", timeout())
    return Fetcher(page_hosts=hosts(sites), delay=delay, **kwargs)


def crawl_run(run: CrawlRun, *, fetcher: Fetcher | None = None,
              progress: Callable[[int, int], None] | None = None) -> list[SiteResult]:
    """Crawl and audit every site of the run; the rows are stored as they are done."""
    fetcher = fetcher or make_fetcher(run.sites, run.delay)
    crawler = Crawler(fetcher)
    out: list[SiteResult] = []
    total = len(run.sites)
    for i, site in enumerate(run.sites):
        if progress:
            progress(i, total)
        outcome = crawler.crawl(site["url"], run.year)
        row = _row(site, run.year, outcome, fetcher)
        out.append(SiteResult.objects.create(run=run, position=i, organ=site["organ"], url=site["url"], **row))
    if progress:
        progress(total, total)
    return out


def _row(site: dict[str, str], year: int, outcome: Outcome, fetcher: Fetcher) -> dict[str, Any]:
    last = _last_row(site, year)
    if outcome.status == FOUND and last is not None and _unchanged(outcome, last):
        return {"status": FOUND, "report_url": outcome.report.url, "year": year, "note": outcome.note,
                "report_hash": last.report_hash, "previous_hash": last.previous_hash,
                **{k: getattr(last, k) for k in _CARRIED}}
    if outcome.report is not None:
        _ensure_body(outcome.report, fetcher)
    if outcome.previous is not None:
        _ensure_body(outcome.previous, fetcher)
    return audit.audit_outcome(site["organ"], year, outcome)


def _last_row(site: dict[str, str], year: int) -> SiteResult | None:
    return (SiteResult.objects.filter(organ=site["organ"], url=site["url"], year=year, status=FOUND)
            .exclude(report_hash="").order_by("-created_at", "-id").first())


def _unchanged(outcome: Outcome, last: SiteResult) -> bool:
    prev_hash = outcome.previous.content_hash if outcome.previous else ""
    return (outcome.report.content_hash == last.report_hash and prev_hash == last.previous_hash
            and outcome.report.url == last.report_url)


def _ensure_body(doc: Document, fetcher: Fetcher) -> None:
    """An attachment answered 304 has no body here (attachments are not cached): fetch it again."""
    if doc.text is None and doc.data is None:
        got = fetcher.get(doc.url, ATTACHMENT, conditional=False)
        doc.data = got.body if got.ok else b""
        doc.content_hash = got.content_hash or doc.content_hash


def execute_run(run_id: int) -> CrawlRun | None:
    """Execute a queued run (the job): progress as organs are done. A run already taken by another
    worker is left alone."""
    if not CrawlRun.objects.filter(pk=run_id, status=CrawlRun.PENDING).update(status=CrawlRun.RUNNING,
                                                                            started_at=Now()):
        return None
    run = CrawlRun.objects.get(pk=run_id)

    def progress(done: int, total: int) -> None:
        CrawlRun.objects.filter(pk=run_id).update(progress_done=done, progress_total=total)

    fetcher = make_fetcher(run.sites, run.delay, private_ok=private_ok())
    try:
        crawl_run(run, fetcher=fetcher, progress=progress)
    except Exception as e:
        CrawlRun.objects.filter(pk=run_id).update(status=CrawlRun.FAILED, finished_at=Now(),
                                                  error=f"抓取未能完成（{type(e).__name__}）")
        raise
    CrawlRun.objects.filter(pk=run_id).update(status=CrawlRun.DONE, finished_at=Now(),
                                              requests=len(fetcher.log.lines))
    return CrawlRun.objects.get(pk=run_id)
