"""The published annual reports of a supervisor's organs, audited in one click (年报体检 from the
supervisor dashboard).

What counts as published, for year Y of every organ in the user's supervised subtrees:

* a report published through the platform (``reports.AnnualReport``, status published): its public
  page as the public sees it (``render.to_html_document`` of the frozen figures);
* a document published in the organ's 政府信息公开年报 column (reports published outside the
  report workflow, e.g. before go-live or as a scanned-and-typed file): its body and each attachment
  (the file itself, read like an upload to the public tool).

The reports of year Y − 1 are audited with them so that ``cross_year`` compares 上年结转 with last
year's 结转下年度; they are listed apart. Nothing is stored: a run reads and checks, like the public
tool. Every organ of the subtree gets a row, also when nothing published was found (that itself is
a finding for a supervisor).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.auditor import services
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
    agencies = list(report_access.supervised_agencies(user).order_by("path"))
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
        for att in doc.attachments.all():
            out.append(Source(agency, DOCUMENT, f"《{doc.title}》附件 {att.original_name}", url,
                              _attachment_bytes(att), hints))
    return agencies, out


def audit_published(user, year: int, present=None) -> dict[str, Any]:
    """Audit every published report of the user's supervised organs for ``year`` (and ``year − 1``
    for the cross-year check). ``present`` turns a result into what the template shows."""
    agencies, found = sources(user, year)
    by_source: dict[str, Source] = {}
    for s in found:  # the source names the result; two documents may share a title
        name, n = s.source, 1
        while name in by_source:
            n += 1
            name = f"{s.source}（{n}）"
        by_source[name] = s
    results = services.audit_batch((name, s.content, s.hints) for name, s in by_source.items())
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
