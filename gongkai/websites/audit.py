"""A crawled report audited (``gongkai.auditor.services``) and summed up in one row per organ:
errors and warnings, late or not against the organ's deadline (domain 5.1), and 与上年报告雷同
against last year's report found in the same column or published on the platform."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings

from gongkai.agencies.models import Agency
from gongkai.auditor import readers, services
from gongkai.law import report_format as rf
from gongkai.law import today as law_today
from gongkai.law.reconciliation import ERROR, WARNING, Finding
from gongkai.ops import sandbox
from gongkai.reportreader.htmltext import html_to_text
from gongkai.reportreader.metadata import organ_kind
from gongkai.websites import links as L
from gongkai.websites.crawl import FOUND, Document, Outcome

DEFAULT_SIMILARITY = 0.6  # Jaccard over character 5-shingles of the narratives


def similarity_threshold() -> float:
    return float(getattr(settings, "GONGKAI", {}).get("SITE_COPY_SIMILARITY", DEFAULT_SIMILARITY))


def deadline(organ: str, year: int) -> dt.date:
    """The organ's deadline: by its record on the platform if it has one (tenant deadlines), else by
    its name (人民政府 31 March, others 31 January)."""
    agency = Agency.objects.filter(name=organ).first()
    if agency is not None:
        from gongkai.reports.deadlines import deadline_for

        return deadline_for(agency, year)
    return rf.publication_deadline(year, organ_kind(organ),
                                   deadlines=getattr(settings, "GONGKAI", {}).get("REPORT_DEADLINES"))


def text_of(doc: Document) -> str:
    """The plain text of a report: a page flattened, an attachment read within the parsing budget."""
    if doc.text is not None:
        return html_to_text(doc.text)
    try:
        return sandbox.run(readers.read_text, doc.data or b"")
    except Exception:  # an unreadable file has no narrative to compare; its audit says why
        return ""


def platform_previous(organ: str, year: int) -> tuple[str, str] | None:
    """(url, text) of last year's report the organ published on the platform, if any."""
    from django.urls import reverse

    from gongkai.reports import render as report_render
    from gongkai.reports import services as report_services
    from gongkai.reports.models import AnnualReport, ReportStatus, Scope

    report = (AnnualReport.objects.filter(agency__name=organ, year=year - 1, scope=Scope.ORGAN,
                                          status=ReportStatus.PUBLISHED).select_related("agency").first())
    if report is None:
        return None
    html = report_render.to_html_document(report_services.report_doc(report))
    return reverse("reports_public:detail", args=[report.agency.code, report.year]), html_to_text(html)


def audit_outcome(organ: str, year: int, outcome: Outcome) -> dict[str, Any]:
    """The row of one organ (without its identity): status, report_url, late, counts, findings."""
    limit = deadline(organ, year)
    row: dict[str, Any] = {"status": outcome.status, "report_url": "", "year": year, "published_on": None,
                           "late": False, "errors": 0, "warnings": 0, "findings": [], "similarity": None,
                           "previous_url": "", "report_hash": "", "previous_hash": "", "note": outcome.note}
    if outcome.status != FOUND or outcome.report is None:
        row["late"] = outcome.status == "not_found" and law_today.today() > limit
        return row
    doc = outcome.report
    row.update(report_url=doc.url, report_hash=doc.content_hash)
    inputs = [(doc.url, doc.text if doc.text is not None else doc.data or b"",
               {"agency": organ, "year": year, "published_on": doc.published_on})]
    prev = outcome.previous  # compared for 雷同 below; not audited (one parse per organ)
    results = services.audit_batch(inputs)
    chosen = [r for r in results if r.get("year") == year] or results
    findings = [f for r in chosen for f in r.get("findings") or []]
    printed = next((r["published_on"] for r in chosen if r.get("published_on")), None)
    published = doc.published_on or (dt.date.fromisoformat(printed) if printed else None)
    row["published_on"] = published
    row["late"] = bool(published and published > limit)
    if row["late"] and not any(f["rule"] == "late_publication" for f in findings):
        findings.append(Finding("late_publication", WARNING,
                                f"发布日期 {published.isoformat()} 晚于法定期限 {limit.isoformat()}").to_dict())
    findings += _copy_findings(row, doc, prev, organ, year)
    row["findings"] = findings
    row["errors"] = sum(1 for f in findings if f["severity"] == ERROR)
    row["warnings"] = sum(1 for f in findings if f["severity"] == WARNING)
    return row


def _copy_findings(row: dict[str, Any], doc: Document, prev: Document | None, organ: str,
                   year: int) -> list[dict[str, Any]]:
    """与上年报告雷同: the narrative against last year's (the same column, else the platform)."""
    if prev is not None:
        previous_url, previous_text = prev.url, text_of(prev)
        row.update(previous_url=prev.url, previous_hash=prev.content_hash)
    else:
        on_platform = platform_previous(organ, year)
        if on_platform is None:
            return []
        previous_url, previous_text = on_platform
        row["previous_url"] = previous_url
    this, last = L.narrative(text_of(doc)), L.narrative(previous_text)
    if len(this) < 100 or len(last) < 100:
        return []
    ratio = L.similarity(this, last)
    row["similarity"] = round(ratio, 4)
    if ratio < similarity_threshold():
        return []
    excerpts = L.shared_excerpts(this, last)
    message = f"与上年报告雷同（相似度{ratio:.0%}）"
    if excerpts:
        message += "：" + "；".join(f"“{e}”" for e in excerpts)
    return [Finding("copy_paste", WARNING, message).to_dict()]
