"""Facts for 一、总体情况 (documents published, interpretations, requests by channel) and the
year-over-year chart (each year's figures: the frozen report, entered past figures, the draft or live)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Sum

from gongkai.agencies.models import Agency
from gongkai.applications.models import Application, CaseType, Channel, SuggestionTally
from gongkai.law import report_format as rf
from gongkai.publishing.models import DocStatus, Document, Interpretation

from . import compute
from .models import AnnualReport, PastReport, Scope
from .past import previous_year
from .rollup import member_ids


def overview_facts(report: AnnualReport) -> dict[str, Any]:
    ids = member_ids(report)
    year = report.year

    def published_in(y: int) -> int:
        start, end = compute.aware_bounds(y)
        return Document.objects.filter(agency_id__in=ids, status=DocStatus.PUBLISHED,
                                       published_at__gte=start, published_at__lt=end).count()

    start, end = compute.aware_bounds(year)
    interps = Interpretation.objects.filter(agency_id__in=ids, published_at__gte=start, published_at__lt=end)
    by_form = dict(interps.values_list("form").annotate(n=Count("id")).order_by())
    forms = {f: by_form.get(f, 0) for f, _ in Interpretation.FORM_CHOICES}
    p_start, p_end = rf.report_period(year)
    channel_counts = dict(
        Application.objects.filter(agency_id__in=ids, received_on__gte=p_start, received_on__lte=p_end)
        .exclude(case_type=CaseType.RECORD_CORRECTION)
        .values_list("channel").annotate(n=Count("id")).order_by()
    )
    channels = {label: channel_counts.get(value, 0) for value, label in Channel.choices}
    # Issue 15 item 3: documents suggested on the online form before applying, and opened.
    suggestions = SuggestionTally.objects.filter(agency_id__in=ids, day__gte=p_start, day__lte=p_end).aggregate(
        shown=Sum("shown", default=0), opened=Sum("opened", default=0))
    return {
        "published": published_in(year),
        "published_previous": published_in(year - 1),
        "interpretations": forms,
        "interpretations_by_leader": interps.filter(by_leader=True).count(),
        "channels": channels,
        "suggestions": suggestions,
        "has_previous": previous_year(report) is not None,
    }


def figures_for_year(agency: Agency, year: int, scope: str = Scope.ORGAN) -> tuple[dict, str, str] | None:
    """(tables, format, basis) of an organ's year for charts: frozen report, past figures or live."""
    fmt = rf.format_for_year(year)
    if fmt is None:
        return None
    report = AnnualReport.objects.filter(agency=agency, year=year, scope=scope).first()
    if report is not None and report.snapshot is not None:
        return compute.load_tables(report.snapshot.tables, report.snapshot.format_version), \
            report.snapshot.format_version, "frozen"
    past = PastReport.objects.filter(agency=agency, year=year, scope=scope).order_by("-id").first()
    if past is not None:
        return compute.load_tables(past.tables, past.format_version), past.format_version, "past"
    if report is not None and report.tables:
        return compute.load_tables(report.tables, report.format_version), report.format_version, "draft"
    if scope == Scope.ORGAN:
        apps, _ = compute.compute_applications([agency.pk], year, fmt)
        return {rf.TABLE_APPLICATIONS: apps}, fmt, "live"
    return None


def year_series(report: AnnualReport, tables: dict, years: int = 5) -> list[dict]:
    """New and processed applications for the last ``years`` years (the year-over-year chart)."""
    out = []
    for y in range(report.year - years + 1, report.year + 1):
        if y == report.year:
            t, basis = tables, "current"
        else:
            got = figures_for_year(report.agency, y, report.scope)
            if got is None:
                continue
            t, _fmt, basis = got
        new = rf.get_cell(t, "applications.new.total")
        done = rf.get_cell(t, "applications.processed_total.total")
        if (new is None and done is None) or (basis == "live" and not new and not done):
            continue  # no figures for that year (a year before the platform without entered figures)
        out.append({"year": y, "new": new or 0, "processed": done or 0, "basis": basis})
    return out
