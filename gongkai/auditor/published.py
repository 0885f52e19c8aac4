"""The published annual reports of a supervisor's organs, audited in one click (年报体检 from the
supervisor dashboard).

What counts as published, for year Y of every organ in the user's supervised subtrees:

* a report published through the platform (``reports.AnnualReport``, status published): its public
  page as the public sees it (``render.to_html_document`` of the frozen figures);
* a document published in the organ's 政府信息公开年报 column (reports published outside the
  report workflow, e.g. before go-live or as a scanned-and-typed file): its body and each attachment
  (the file itself, read like an upload to the public tool).

The reports of year Y − 1 are audited with them so that ``cross_year`` compares 上年结转 with last
year's 结转下年度; they are listed apart. Every organ of the subtree gets a row, also when nothing
published was found (that itself is a finding for a supervisor).

Parsing every organ's files takes long, so the page does not: it starts a run (``tasks.start_run``,
an ``AuditRun``), a job (``tasks.audit_published_reports``) executes it (``execute_run``, storing progress and then the result), and the page
shows the progress until the result is there. A run covers the organs its supervisor supervised when
it started and is visible only to users who supervise all of them (``can_see``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.auditor import services
from gongkai.auditor.models import AuditRun
from gongkai.publishing.models import CatalogueNode, DocStatus, Document, DocumentAttachment
from gongkai.reports import access as report_access
from gongkai.reports import render as report_render
from gongkai.reports import services as report_services
from gongkai.reports.models import AnnualReport, ReportStatus, Scope

PLATFORM = "platform"
DOCUMENT = "document"

_TITLE_YEAR = re.compile(r"(20\d\d)\s*年")


@dataclass
class Source:
    """One published text to audit."""

    agency: Agency
    kind: str
    label: str
    url: str
    content: str | bytes
    hints: dict[str, Any] = field(default_factory=dict)

    @property
    def source(self) -> str:
        return f"{self.agency.name} · {self.label}"


@dataclass
class OrganRow:
    """One organ of the subtree with the audit results of its year-Y reports."""

    agency: Agency
    results: list[dict[str, Any]]

    @property
    def errors(self) -> int:
        return sum(r["summary"]["errors"] for r in self.results)

    @property
    def warnings(self) -> int:
        return sum(r["summary"]["warnings"] for r in self.results)


def _title_year(title: str) -> int | None:
    m = _TITLE_YEAR.search(title or "")
    return int(m.group(1)) if m else None


def _document_in_scope(doc: Document, years: set[int]) -> bool:
    declared = _title_year(doc.title)
    if declared is not None:
        return declared in years
    # No year in the title: a report of Y is published in Y + 1 (by 31 January or 31 March).
    return doc.published_at is not None and (timezone.localtime(doc.published_at).year - 1) in years


def _attachment_bytes(att: DocumentAttachment) -> bytes | str:
    try:
        with att.file.open("rb") as fh:
            return fh.read()
    except (OSError, ValueError):
        return att.text or ""  # the file is gone: the text extracted at upload time


def sources(user, year: int) -> tuple[list[Agency], list[Source]]:
    """The organs the user supervises and every published report of year and year − 1 among them."""
    return sources_for(list(report_access.supervised_agencies(user).order_by("path")), year)


def sources_for(agencies: list[Agency], year: int) -> tuple[list[Agency], list[Source]]:
    """Every published report of year and year − 1 of these organs."""
    ids = [a.pk for a in agencies]
    by_id = {a.pk: a for a in agencies}
    years = {year, year - 1}
    out: list[Source] = []
    reports = (
        AnnualReport.objects.filter(agency_id__in=ids, year__in=years, scope=Scope.ORGAN,
                                    status=ReportStatus.PUBLISHED)
        .select_related("agency")
        .order_by("agency__path", "-year")
    )
    for report in reports:
        doc = report_services.report_doc(report)
        out.append(
            Source(
                agency=by_id[report.agency_id],
                kind=PLATFORM,
                label=f"平台发布的{report.year}年度报告",
                url=reverse("reports_public:detail", args=[report.agency.code, report.year]),
                content=report_render.to_html_document(doc),
                hints={"agency": report.agency.name, "year": report.year, "published_on": report.published_on},
            )
        )
    documents = (
        Document.objects.filter(agency_id__in=ids, status=DocStatus.PUBLISHED,
                                columns__section=CatalogueNode.ANNUAL_REPORTS)
        .distinct()
        .select_related("agency")
        .prefetch_related(Prefetch("attachments", queryset=DocumentAttachment.objects.order_by("id")))
        .order_by("agency__path", "-published_at", "id")
    )
    fetcher = None  # made when a body links a report file
    for doc in documents:
        if not _document_in_scope(doc, years):
            continue
        agency = by_id[doc.agency_id]
        published_on: date | None = timezone.localtime(doc.published_at).date() if doc.published_at else None
        hints = {"agency": agency.name, "published_on": published_on}
        url = reverse("public:doc", args=[doc.pk])
        if doc.body.strip():
            text = f"{doc.title}\n{doc.body}"
            out.append(Source(agency, DOCUMENT, f"《{doc.title}》正文", url, text, hints))
        uploaded = set()
        for att in doc.attachments.all():
            uploaded.add(att.original_name)
            out.append(Source(agency, DOCUMENT, f"《{doc.title}》附件 {att.original_name}", url,
                              _attachment_bytes(att), hints))
        for link in linked_files(doc.body, uploaded):
            fetcher = fetcher or _link_fetcher()
            out.append(Source(agency, DOCUMENT, f"《{doc.title}》链接的附件 {link}", url,
                              _linked_bytes(link, fetcher), hints))
    return agencies, out


# -- report files the body only links (“附件：…年度报告.pdf” with the file on another server) --------

_LINKED = re.compile(r"https?://[^\s<>\"'（）()，。；]+", re.I)


def linked_files(body: str, uploaded: set[str] = frozenset()) -> list[str]:
    """The report files (PDF, DOC(X), WPS, XLS(X), ET, OFD) a document's text links by address, except
    one uploaded under the same file name."""
    from urllib.parse import unquote, urlsplit

    from gongkai.websites.links import is_attachment

    out: list[str] = []
    for m in _LINKED.finditer(body or ""):
        link = m.group(0).rstrip(".,;")
        name = unquote(urlsplit(link).path.rsplit("/", 1)[-1])
        if is_attachment(link) and name not in uploaded and link not in out:
            out.append(link)
    return out[:5]


def _link_fetcher():
    from django.conf import settings

    from gongkai.websites.fetch import Fetcher

    own = getattr(settings, "GONGKAI", {})
    return Fetcher(timeout=float(own.get("SITE_TIMEOUT", 10)), private_ok=bool(own.get("SITE_ALLOW_PRIVATE", False)))


def _linked_bytes(link: str, fetcher) -> bytes:
    """The linked file, fetched politely (the website crawler's client: robots.txt, one request per
    second per host, size cap); empty when it cannot be fetched (the audit then says it is unreadable)."""
    from gongkai.websites.fetch import ATTACHMENT

    got = fetcher.get(link, ATTACHMENT, conditional=False)
    return got.body if got.ok and got.body else b""


def audit_published(user, year: int, present=None) -> dict[str, Any]:
    """Audit every published report of the user's supervised organs for ``year`` (and ``year − 1``
    for the cross-year check). ``present`` turns a result into what the template shows."""
    return audit_agencies(list(report_access.supervised_agencies(user).order_by("path")), year, present)


def _counted(items: list, progress):
    """Yield the items, telling ``progress(done, total)`` how many the consumer has taken and read."""
    for i, item in enumerate(items):
        progress(i, len(items))
        yield item
    progress(len(items), len(items))


def audit_agencies(agencies: list[Agency], year: int, present=None, progress=None) -> dict[str, Any]:
    """``audit_published`` for a list of organs; ``progress(done, total)`` is told as texts are read."""
    agencies, found = sources_for(agencies, year)
    by_source: dict[str, Source] = {}
    for s in found:  # the source names the result; two documents may share a title
        name, n = s.source, 1
        while name in by_source:
            n += 1
            name = f"{s.source}（{n}）"
        by_source[name] = s
    inputs = [(name, s.content, s.hints) for name, s in by_source.items()]
    results = services.audit_batch(_counted(inputs, progress) if progress else inputs)
    rows: dict[int, OrganRow] = {a.pk: OrganRow(a, []) for a in agencies}
    previous: list[dict[str, Any]] = []
    with_tables = {by_source[r["source"]].url for r in results if _has_table(r)}
    for result in results:
        src = by_source[result["source"]]
        if src.kind == DOCUMENT and not _has_table(result) and src.url in with_tables:
            continue  # a body that only says “详见附件”, beside the attachment that is the report
        shown = dict(present(result) if present else result)
        shown.setdefault("summary", services.summary_row(result))  # the page's present() gives it already
        shown.update(url=src.url, origin=src.kind, label=src.label)
        if result.get("year") == year - 1:
            previous.append(shown)
        else:
            rows[src.agency.pk].results.append(shown)
    organ_rows = list(rows.values())
    for i, row in enumerate(organ_rows, 1):
        for j, shown in enumerate(row.results, 1):
            shown["rid"] = f"p{i}-{j}"
    return {
        "year": year,
        "rows": organ_rows,
        "previous": previous,
        "audited": len(results),
        "missing": sum(1 for r in organ_rows if not r.results),
        "with_errors": sum(1 for r in organ_rows if r.errors),
    }


def _has_table(result: dict[str, Any]) -> bool:
    return any(c.get("present") for c in (result.get("completeness") or {}).values())


# -- runs (the page starts one, a job executes it) ---------------------------------------------

# A run still queued or running this long after it was started is taken as lost (its worker died):
# the page offers a new one instead of waiting for it.
STALE_AFTER = dt.timedelta(minutes=30)


def scope_of(user) -> list[int]:
    return sorted(report_access.supervised_agencies(user).values_list("pk", flat=True))


def _scope_key(ids) -> str:
    return hashlib.sha256(",".join(map(str, sorted(ids))).encode()).hexdigest()[:32]


def can_see(user, run: AuditRun) -> bool:
    """A run is visible to a user who supervises every organ it covered (its starter while still in
    office, colleagues of the same office); never to one who could not read those organs."""
    ids = set(scope_of(user))
    return bool(ids) and bool(run.agency_ids) and set(run.agency_ids) <= ids


def latest_run(user, year: int) -> AuditRun | None:
    """The user's latest run for the year over the organs the user supervises now."""
    return AuditRun.objects.filter(scope_key=_scope_key(scope_of(user)), year=year).first()


def execute_run(run_id: int) -> AuditRun | None:
    """Execute a queued run (the job): progress as texts are read, then the result. A run already
    taken by another worker is left alone (a second enqueue does nothing)."""
    if not AuditRun.objects.filter(pk=run_id, status=AuditRun.PENDING).update(status=AuditRun.RUNNING,
                                                                            started_at=Now()):
        return None
    run = AuditRun.objects.get(pk=run_id)
    agencies = list(Agency.objects.filter(pk__in=run.agency_ids).order_by("path"))

    def progress(done: int, total: int) -> None:
        AuditRun.objects.filter(pk=run_id).update(progress_done=done, progress_total=total)

    try:
        found = audit_agencies(agencies, run.year, progress=progress)
    except Exception as e:
        AuditRun.objects.filter(pk=run_id).update(status=AuditRun.FAILED, finished_at=Now(),
                                                  error=f"审查未能完成（{type(e).__name__}）")
        raise
    AuditRun.objects.filter(pk=run_id).update(status=AuditRun.DONE, finished_at=Now(), result=_stored(found))
    return AuditRun.objects.get(pk=run_id)


def _stored(found: dict[str, Any]) -> dict[str, Any]:
    """The result of ``audit_agencies`` as JSON (organs by id and name)."""
    return {
        **{k: found[k] for k in ("year", "previous", "audited", "missing", "with_errors")},
        "rows": [{"agency": {"id": row.agency.pk, "name": row.agency.name}, "results": row.results,
                  "errors": row.errors, "warnings": row.warnings} for row in found["rows"]],
    }
