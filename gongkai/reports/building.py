"""A report's figures, findings and text. While editable they are built from the records (compute),
the recorded manual figures and the adjustments, and every check runs on the server on every save
(:func:`refresh`): ``gongkai.law.reconciliation`` R1–R6 and the app's own rules (text_vs_table,
copy_paste, late_publication, unclassified_records, statutory_contents: contents.py). Once approved they are read from the frozen
snapshot. Also the page's view of a report (:func:`report_view`) and the output document
(:func:`report_doc`; :func:`live_doc` for an organ's year without a report)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongkai.agencies.models import Agency
from gongkai.law import reconciliation
from gongkai.law import report_format as rf
from gongkai.law import today as law_today
from gongkai.law.reconciliation import ERROR, INFO, Finding
from gongkai.ops import page_cache

from . import compute, contents, narrative, rollup
from .deadlines import deadline, deadline_for, is_late, late_findings
from .errors import ReportError
from .facts import year_series
from .models import Adjustment, AnnualReport, Scope
from .past import Previous, previous_year
from .render import ReportDoc


@dataclass
class Built:
    tables: dict
    sources: dict
    findings: list[Finding]
    narrative: dict
    breakdown: list[dict]
    previous: Previous | None


def build(report: AnnualReport, *, on: dt.date | None = None) -> Built:
    fmt = report.format_version
    ids = rollup.member_ids(report)
    breakdown: list[dict] = []
    member_findings: list[Finding] = []
    if report.scope == Scope.ROLLUP:
        computed, breakdown, member_findings = rollup.rollup_tables(report, ids)
    else:
        computed = compute.compute_organ(report.agency_id, report.year, fmt)
    computed = compute.apply_adjustments(computed, report.adjustments.select_related("author").order_by("id"), fmt)
    tables = computed.tables

    previous = previous_year(report)
    findings = reconciliation.check(
        tables, fmt,
        previous=previous.tables if previous else None,
        previous_format=previous.format_version if previous else None,
    )
    if previous is None and report.year > rf.FIRST_YEAR[rf.FORMAT_2019]:
        findings.append(Finding(
            "cross_year", INFO,
            f"没有{report.year - 1}年度报告或录入的上年数据，无法核对“二、上年结转政府信息公开申请数量”；"
            "请在“往年数据”中录入上年已公布的数据",
            [rf.cell_id(rf.TABLE_APPLICATIONS, "carried_in", c) for c in rf.schema_for(fmt).applications.column_codes],
        ))
    findings += compute.data_findings(computed)
    findings += member_findings
    rendered = narrative.render_all(
        report.narrative or {}, tables, fmt,
        previous.tables if previous else None, previous.format_version if previous else None,
    )
    findings += narrative.text_findings(rendered, tables, fmt)
    findings += narrative.copy_paste_findings(rendered, previous.narrative if previous else None)
    findings += contents.content_findings(report, rendered, ids)
    findings += late_findings(report, on)
    return Built(tables, computed.sources, findings, rendered, breakdown, previous)


def refresh(report: AnnualReport, *, on: dt.date | None = None) -> Built:
    """Recompute and re-check a report that is not frozen; store the caches. Frozen reports keep
    their snapshot; only the late-publication finding is re-evaluated for them."""
    if report.is_frozen:
        snap = report.snapshot
        findings = [Finding.from_dict(f) for f in snap.findings if f["rule"] != "late_publication"]
        findings += late_findings(report, on)
        stored = [f.to_dict() for f in findings]
        if stored != report.findings:  # public pages read frozen reports: write only on a change
            AnnualReport.objects.filter(pk=report.pk).update(findings=stored)
            page_cache.bump_on_commit()
            report.findings = stored
        return Built(compute.load_tables(snap.tables, snap.format_version), snap.sources, findings,
                     snap.narrative, snap.breakdown, None)
    built = build(report, on=on)
    report.tables = compute.dump_tables(built.tables)
    report.findings = [f.to_dict() for f in built.findings]
    report.checked_at = law_today.now()
    AnnualReport.objects.filter(pk=report.pk).update(
        tables=report.tables, findings=report.findings, checked_at=report.checked_at
    )
    return built


def errors_of(findings) -> list[Finding]:
    out = []
    for f in findings:
        f = f if isinstance(f, Finding) else Finding.from_dict(f)
        if f.severity == ERROR:
            out.append(f)
    return out


# ---------------------------------------------------------------------------------------------
# The view of a report (live while editable, frozen once approved)
# ---------------------------------------------------------------------------------------------


@dataclass
class ReportView:
    report: AnnualReport
    format_version: str
    tables: dict
    sources: dict
    findings: list[Finding]
    narrative: dict
    breakdown: list[dict]
    rules_version: str
    frozen: bool
    series: list[dict]
    adjustments: dict[str, list[Adjustment]]

    @property
    def marks(self) -> dict[str, list[str]]:
        """Cells of failing (blocking) checks, for marking in the table."""
        return reconciliation.cells_with_findings(self.errors)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != ERROR]


def report_view(report: AnnualReport, *, on: dt.date | None = None) -> ReportView:
    built = refresh(report, on=on)
    adjustments: dict[str, list[Adjustment]] = {}
    for adj in report.adjustments.select_related("author").order_by("id"):
        adjustments.setdefault(adj.cell, []).append(adj)
    snap = report.snapshot
    if snap is not None:
        series = snap.facts.get("series") or []
        rules_version = snap.rules_version
    else:
        series = year_series(report, built.tables)
        rules_version = reconciliation.RULES_VERSION
    return ReportView(report, report.format_version, built.tables, built.sources, built.findings,
                      built.narrative, built.breakdown, rules_version, snap is not None, series, adjustments)


# ---------------------------------------------------------------------------------------------
# Output documents
# ---------------------------------------------------------------------------------------------


def report_doc(report: AnnualReport, view: ReportView | None = None):
    """The :class:`render.ReportDoc` of a report (frozen figures once approved)."""
    view = view or report_view(report)
    return ReportDoc(
        agency_name=report.agency.name, agency_code=report.agency.code, year=report.year,
        format_version=view.format_version, tables=view.tables, findings=view.findings,
        narrative=view.narrative, sources=view.sources, scope=report.scope, status=report.status,
        status_label=report.get_status_display(), frozen=view.frozen, rules_version=view.rules_version,
        deadline=deadline(report), published_on=report.published_on, late=is_late(report),
        breakdown=view.breakdown, series=view.series,
    )


def live_doc(agency: Agency, year: int):
    """The live figures of an organ's year without a report record (CLI ``annual_report``)."""
    fmt = rf.format_for_year(year)
    if fmt is None:
        raise ReportError("2019年以前的年度报告不在本系统编制")
    computed = compute.compute_organ(agency.pk, year, fmt)
    transient = AnnualReport(agency=agency, year=year, format_version=fmt)
    previous = previous_year(transient)
    findings = reconciliation.check(computed.tables, fmt, previous=previous.tables if previous else None,
                                    previous_format=previous.format_version if previous else None)
    findings += compute.data_findings(computed)
    return ReportDoc(
        agency_name=agency.name, agency_code=agency.code, year=year, format_version=fmt,
        tables=computed.tables, findings=findings, narrative={}, sources=computed.sources,
        status_label="实时计算（未编制报告）", rules_version=reconciliation.RULES_VERSION,
        deadline=deadline_for(agency, year), late=law_today.today() > deadline_for(agency, year),
    )
