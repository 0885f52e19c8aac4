"""Past years: last year's figures for the cross-year check R5 (the frozen report, else entered past
figures, else the draft), and the published figures of a year before the platform, entered with
their source (R5 from the first year of use; domain 5.10)."""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.agencies.models import Agency
from gongkai.law import reconciliation
from gongkai.law import report_format as rf
from gongkai.law import today as law_today

from . import access, compute, narrative
from .entry import validate_tables
from .errors import ReportError
from .models import AnnualReport, PastReport, Scope


@dataclass
class Previous:
    tables: dict
    format_version: str
    label: str
    narrative: dict = field(default_factory=dict)


def previous_year(report: AnnualReport) -> Previous | None:
    """Last year's figures for R5: the frozen report, else entered past figures, else the draft."""
    year = report.year - 1
    prev = (AnnualReport.objects.filter(agency=report.agency, year=year, scope=report.scope)
            .select_related("agency").first())
    if prev is not None and prev.snapshot is not None:
        snap = prev.snapshot
        return Previous(compute.load_tables(snap.tables, snap.format_version), snap.format_version,
                        f"{year}年度报告（{prev.get_status_display()}）", dict(snap.narrative))
    past = PastReport.objects.filter(agency=report.agency, year=year, scope=report.scope).order_by("-id").first()
    if past is not None:
        return Previous(compute.load_tables(past.tables, past.format_version), past.format_version,
                        f"录入的{year}年度数据（{past.source_note}）", dict(past.narrative or {}))
    if prev is not None and prev.tables:
        fmt = prev.format_version
        tables = compute.load_tables(prev.tables, fmt)
        return Previous(tables, fmt, f"{year}年度报告（草稿，未冻结）",
                        narrative.render_all(prev.narrative or {}, tables, fmt))
    return None


def enter_past_report(agency: Agency, year: int, tables: dict, actor, *, source_note: str,
                      format_version: str | None = None, scope: str = Scope.ORGAN,
                      narrative_text: dict | None = None) -> PastReport:
    """Record a past year's published figures. Every failed rule is recorded as a finding; the
    numbers are never "fixed" (domain 5.10)."""
    if scope == Scope.ROLLUP:
        if not access.can_create(actor, agency, scope):
            raise ReportError("您无权录入该机关的往年数据")
    elif not access.can_enter_figures(actor, agency):
        raise ReportError("您无权录入该机关的往年数据")
    if not (source_note or "").strip():
        raise ReportError("请填写数据来源（如：本机关网站公布的2020年年度报告）")
    fmt = format_version or rf.format_for_year(int(year))
    if fmt is None:
        raise ReportError("2019年以前的统计表不解析，请作为文件保存")
    rf.schema_for(fmt)
    if int(year) >= law_today.today().year:
        raise ReportError("只能录入以往年度的数据")
    checked = validate_tables(compute.dump_tables(tables) if tables else {}, fmt)
    findings = reconciliation.check(checked, fmt)
    return PastReport.objects.create(
        agency=agency, year=year, scope=scope, format_version=fmt, tables=compute.dump_tables(checked),
        narrative=narrative_text or {}, findings=[f.to_dict() for f in findings],
        source_note=source_note.strip()[:300], entered_by=actor if actor and actor.is_authenticated else None,
    )
