"""Use cases of the annual report. Each action: one transaction, one permission check, one event.

The tables are recomputed and every check (``gongkai.law.reconciliation`` R1–R6 and the app's own
rules: text_vs_table, copy_paste, late_publication, unclassified_records) runs on the server on
every save (:func:`refresh`). Approval and publication are refused while any error fails.
Approval freezes a :class:`ReportSnapshot` that later record changes never alter.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter as _Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from gongkai.agencies.models import Agency, Membership
from gongkai.applications.models import Application, CaseType, Channel
from gongkai.law import reconciliation, workflows
from gongkai.law import report_format as rf
from gongkai.law import today as law_today
from gongkai.law.reconciliation import ERROR, INFO, WARNING, Finding
from gongkai.ops import page_cache
from gongkai.publishing.models import DocStatus, Document, Interpretation

from . import access, compute, narrative
from .models import (
    FROZEN_STATUSES,
    Adjustment,
    AnnualReport,
    ManualFigure,
    PastReport,
    ReportEvent,
    ReportSnapshot,
    ReportStatus,
    Scope,
)


class ReportError(Exception):
    """An action the rules forbid; the message is Chinese and shown as is."""



# ---------------------------------------------------------------------------------------------
# Deadlines (domain 5.1; report_format.publication_deadline)
# ---------------------------------------------------------------------------------------------


def organ_kind(agency: Agency) -> str:
    return {Agency.GOVERNMENT: rf.ORGAN_GOVERNMENT, Agency.TOWNSHIP: rf.ORGAN_TOWNSHIP}.get(
        agency.kind, rf.ORGAN_DEPARTMENT
    )


def deadline_for(agency: Agency, year: int, override: dt.date | None = None) -> dt.date:
    """31 January (departments, townships) or 31 March (governments) of Y+1; a tenant setting
    ``GONGKAI["REPORT_DEADLINES"]`` ({kind: (month, day)}) and a per-report override may be earlier."""
    return rf.publication_deadline(
        year, organ_kind(agency), override=override,
        deadlines=getattr(settings, "GONGKAI", {}).get("REPORT_DEADLINES"),
    )


def deadline(report: AnnualReport) -> dt.date:
    return deadline_for(report.agency, report.year, report.deadline_override)


def is_late(report: AnnualReport, on: dt.date | None = None) -> bool:
    """Published after the deadline, or not published and the deadline has passed."""
    limit = deadline(report)
    if report.published_on:
        return report.published_on > limit
    return (on or law_today.today()) > limit


def late_findings(report: AnnualReport, on: dt.date | None = None) -> list[Finding]:
    limit = deadline(report)
    if report.published_on and report.published_on > limit:
        days = (report.published_on - limit).days
        return [Finding("late_publication", WARNING,
                        f"发布日期{report.published_on:%Y-%m-%d}晚于法定期限{limit:%Y-%m-%d}（逾期{days}天）", [])]
    if not report.published_on and (on or law_today.today()) > limit:
        days = ((on or law_today.today()) - limit).days
        return [Finding("late_publication", WARNING,
                        f"已超过发布期限{limit:%Y-%m-%d}（逾期{days}天）仍未发布", [])]
    return []


# ---------------------------------------------------------------------------------------------
# Members, previous year
# ---------------------------------------------------------------------------------------------


def member_ids(report: AnnualReport) -> list[int]:
    if report.scope == Scope.ROLLUP:
        ids = list(report.members.order_by("path").values_list("id", flat=True))
        return ids or [report.agency_id]
    return [report.agency_id]


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


# ---------------------------------------------------------------------------------------------
# Building (compute + manual + adjustments + checks)
# ---------------------------------------------------------------------------------------------


@dataclass
class Built:
    tables: dict
    sources: dict
    findings: list[Finding]
    narrative: dict
    breakdown: list[dict]
    previous: Previous | None


# The rules re-applied to every member of a roll-up (R1–R4, R6); blanks and cross-year are the
# member's own report's business.
MEMBER_RULES = frozenset({"balance", "outcome_sum", "row_sum", "review_total", "non_negative",
                          "unclassified_records"})


def _prefix(findings: list[Finding], name: str) -> list[Finding]:
    return [Finding(f.rule, f.severity, f"【{name}】{f.message}", []) for f in findings]


def _member_tables(report: AnnualReport, ids: list[int]) -> list[dict]:
    """Per member of a roll-up: its frozen figures when its own report is approved or published,
    else its live figures."""
    fmt = report.format_version
    live = compute.compute_members(ids, report.year, fmt)
    frozen = {
        r.agency_id: r
        for r in AnnualReport.objects.filter(agency_id__in=ids, year=report.year, scope=Scope.ORGAN,
                                             status__in=FROZEN_STATUSES)
    }
    agencies = {a.pk: a for a in Agency.objects.filter(pk__in=ids)}
    out = []
    for a in ids:
        organ_report = frozen.get(a)
        snap = organ_report.snapshot if organ_report else None
        findings = None
        if snap is not None and snap.format_version == fmt:
            tables, basis = compute.load_tables(snap.tables, fmt), "frozen"
            unclassified = 0
            findings = [Finding.from_dict(f) for f in snap.findings if f["rule"] in MEMBER_RULES]
        else:
            tables, basis, unclassified = live[a].tables, "live", live[a].unclassified
        out.append({"agency_id": a, "code": agencies[a].code, "name": agencies[a].name, "tables": tables,
                    "basis": basis, "report_id": organ_report.pk if organ_report else None,
                    "unclassified": unclassified, "findings": findings})
    return out


def build(report: AnnualReport, *, on: dt.date | None = None) -> Built:
    fmt = report.format_version
    ids = member_ids(report)
    breakdown: list[dict] = []
    member_findings: list[Finding] = []
    if report.scope == Scope.ROLLUP:
        breakdown = _member_tables(report, ids)
        total = compute.sum_tables([m["tables"] for m in breakdown], fmt)
        for m in breakdown:
            # Every check at every level (R1–R4, R6 on each member's figures). A member whose own
            # report is frozen keeps the findings frozen with it (same figures, same rules).
            member = m.pop("findings", None)
            if member is None:
                member = [f for f in reconciliation.check(m["tables"], fmt) if f.rule in MEMBER_RULES]
                member += compute.data_findings(compute.Computed(m["tables"], {}, m["unclassified"]))
            member_findings += _prefix(member, m["name"])
        sources = {cid: {"kind": "rollup"} for cid in rf.schema_for(fmt).cell_ids()}
        computed = compute.Computed(total, sources, sum(m["unclassified"] for m in breakdown))
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
# Facts for 一、总体情况 and the charts
# ---------------------------------------------------------------------------------------------


def overview_facts(report: AnnualReport) -> dict[str, Any]:
    ids = member_ids(report)
    year = report.year

    def published_in(y: int) -> int:
        start, end = compute._aware_bounds(y)
        return Document.objects.filter(agency_id__in=ids, status=DocStatus.PUBLISHED,
                                       published_at__gte=start, published_at__lt=end).count()

    start, end = compute._aware_bounds(year)
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
    return {
        "published": published_in(year),
        "published_previous": published_in(year - 1),
        "interpretations": forms,
        "interpretations_by_leader": interps.filter(by_leader=True).count(),
        "channels": channels,
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
# Actions
# ---------------------------------------------------------------------------------------------


def _event(report, kind, actor, note="", **data) -> ReportEvent:
    return ReportEvent.objects.create(
        report=report, kind=kind, actor=actor if actor and actor.is_authenticated else None, note=note, data=data
    )


def _locked(report: AnnualReport, expected_version: int | None = None) -> AnnualReport:
    fresh = AnnualReport.objects.select_for_update().select_related("agency").get(pk=report.pk)
    if expected_version is not None and int(expected_version) != fresh.version:
        raise ReportError("报告已被他人修改，请刷新页面后重试")
    return fresh


WORKFLOW = workflows.ANNUAL_REPORT
STEP_OF_EVENT = {ReportEvent.REVIEWED: "mark_reviewed", ReportEvent.RETURNED: "return_to_draft",
                 ReportEvent.APPROVED: "approve", ReportEvent.REOPENED: "reopen", ReportEvent.PUBLISHED: "publish"}


def last_actors(report: AnnualReport) -> dict[str, int | None]:
    out: dict[str, int | None] = {}
    for kind, actor_id in ReportEvent.objects.filter(report=report).order_by("id").values_list("kind", "actor_id"):
        if kind in STEP_OF_EVENT:
            out[STEP_OF_EVENT[kind]] = actor_id
    return out


def available_steps(report: AnnualReport, user) -> list[str]:
    """The steps of law/workflows.ANNUAL_REPORT the page offers (the same check as the services)."""
    return WORKFLOW.available(report.status, access.roles(user, report), actor=getattr(user, "pk", None),
                              last_actors=last_actors(report))


def _step(report: AnnualReport, actor, name: str, expected_version=None) -> AnnualReport:
    """Inside a transaction: the locked report, after the version and the table's step (role, state,
    separation of duties) were checked."""
    report = _locked(report, expected_version)
    refusal = WORKFLOW.refusal(name, report.status, access.roles(actor, report), actor=getattr(actor, "pk", None),
                               last_actors=last_actors(report))
    if refusal:
        raise ReportError(refusal)
    return report


def _bump(report: AnnualReport, **fields) -> None:
    report.version += 1
    for k, v in fields.items():
        setattr(report, k, v)
    report.save(update_fields=["version", "updated_at", *fields])


def create_report(agency: Agency, year: int, actor, *, scope: str = Scope.ORGAN, members=None) -> AnnualReport:
    if not access.can_create(actor, agency, scope):
        raise ReportError("您无权为该机关编制年度报告")
    fmt = rf.format_for_year(int(year))
    if fmt is None:
        raise ReportError("2019年以前的年度报告不在本系统编制（仅作为文件保存）")
    if int(year) > law_today.today().year:
        raise ReportError("不能编制未来年度的报告")
    if AnnualReport.objects.filter(agency=agency, year=year, scope=scope).exists():
        raise ReportError(f"{agency.name}{year}年度报告已存在")
    with transaction.atomic():
        report = AnnualReport.objects.create(agency=agency, year=year, scope=scope, format_version=fmt,
                                             created_by=actor if actor and actor.is_authenticated else None)
        if scope == Scope.ROLLUP:
            allowed = access.rollup_member_choices(actor, agency)
            chosen = list(members) if members is not None else list(allowed)
            allowed_ids = set(allowed.values_list("id", flat=True))
            bad = [m for m in chosen if m.pk not in allowed_ids]
            if bad:
                raise ReportError(f"{bad[0].name}不在可汇总的范围内")
            report.members.set(chosen or [agency])
        _event(report, ReportEvent.CREATED, actor, note=f"格式：{rf.FORMAT_DOCUMENTS[fmt]}")
    refresh(report)
    return report


def set_members(report: AnnualReport, actor, members, *, expected_version=None) -> AnnualReport:
    with transaction.atomic():
        report = _locked(report, expected_version)
        if report.scope != Scope.ROLLUP or not access.can_edit(actor, report):
            raise ReportError("您无权修改汇总范围")
        allowed_ids = set(access.rollup_member_choices(actor, report.agency).values_list("id", flat=True))
        chosen = list(members)
        if not chosen:
            raise ReportError("请至少选择一个机关")
        bad = [m for m in chosen if m.pk not in allowed_ids]
        if bad:
            raise ReportError(f"{bad[0].name}不在可汇总的范围内")
        report.members.set(chosen)
        _bump(report, status=ReportStatus.DRAFT)
        _event(report, ReportEvent.SAVED, actor, note="修改汇总范围", members=[m.code for m in chosen])
    refresh(report)
    return report


def save_narrative(report: AnnualReport, actor, sections: dict[str, str], *, expected_version=None) -> Built:
    """Save the text of the six sections; a reviewed report returns to draft."""
    with transaction.atomic():
        report = _locked(report, expected_version)
        if not access.can_edit(actor, report):
            raise ReportError("报告已批准冻结或您无权修改")
        text = dict(report.narrative or {})
        for key in narrative.NARRATIVE_SECTIONS:
            if key in sections:
                text[key] = (sections[key] or "").replace("\r\n", "\n").strip()
        was = report.status
        _bump(report, narrative=text, status=ReportStatus.DRAFT)
        _event(report, ReportEvent.SAVED, actor, note="修改正文后退回草稿" if was != ReportStatus.DRAFT else "")
    return refresh(report)


def recompute(report: AnnualReport, actor) -> Built:
    if not access.can_edit(actor, report):
        raise ReportError("报告已批准冻结或您无权修改")
    return refresh(report)


def _parse_value(raw: Any, column: rf.Column) -> int | Decimal | None:
    """An entered value: blank or ``/`` → None (never a guessed 0); signed deltas (+1, -14, 减4);
    units stripped (``563.75 万元``)."""
    if raw is None:
        return None
    if isinstance(raw, int | float | Decimal) and not isinstance(raw, bool):
        text = str(raw)
    else:
        text = str(raw).strip()
    text = text.replace("，", "").replace(",", "").replace(" ", "")
    if text in ("", "/", "／", "-", "—", "无"):
        return None
    sign = 1
    for prefix, s in (("减", -1), ("增", 1), ("约", 1), ("+", 1), ("＋", 1), ("−", -1), ("－", -1)):
        if text.startswith(prefix):
            text, sign = text[len(prefix):], s * sign
    for unit in ("万元", "元", "件", "项", "个", "条"):
        if text.endswith(unit):
            text = text[: -len(unit)]
            if unit == "元":
                # yuan → 万元
                try:
                    return (Decimal(text) * sign / Decimal(10000)).quantize(Decimal("0.01"))
                except InvalidOperation:
                    raise ReportError(f"“{raw}”不是有效的数值") from None
    try:
        number = Decimal(text) * sign
    except InvalidOperation:
        raise ReportError(f"“{raw}”不是有效的数值") from None
    if column.kind == rf.KIND_AMOUNT:
        if number < 0:
            raise ReportError("金额不能为负数")
        return number.quantize(Decimal("0.01"))
    if number != number.to_integral_value():
        raise ReportError(f"“{raw}”不是整数（{column.label}应为整数）")
    if column.kind != rf.KIND_DELTA and number < 0:
        raise ReportError(f"“{raw}”是负数（{column.label}应为非负整数）")
    return int(number)


def _column(fmt: str, cell: str) -> rf.Column:
    try:
        table, row, column = rf.parse_cell_id(cell)
        t = rf.schema_for(fmt).table(table)
    except (KeyError, ValueError):
        raise ReportError(f"未知的单元格：{cell}") from None
    if not t.has_cell(row, column):
        raise ReportError(f"{rf.FORMAT_DOCUMENTS[fmt]}没有单元格 {cell}")
    return t.column(column)


def _refresh_open_reports(agency: Agency, year: int) -> None:
    for report in AnnualReport.objects.filter(agency=agency, year=year).exclude(status__in=FROZEN_STATUSES):
        refresh(report)


def record_manual_figure(agency: Agency, year: int, cell: str, value: Any, source_note: str, actor) -> ManualFigure:
    """A figure from another system with its source. A change is a new record (never an edit)."""
    if not access.can_enter_figures(actor, agency):
        raise ReportError("您无权为该机关录入数据")
    fmt = rf.format_for_year(int(year))
    if fmt is None:
        raise ReportError("该年度不使用年度报告格式")
    column = _column(fmt, cell)
    if not compute.is_manual(fmt, cell):
        raise ReportError("该单元格由系统根据记录计算，不能录入；如确需更正，请在报告中登记数据调整并说明理由")
    if not (source_note or "").strip():
        raise ReportError("请填写数据来源（如：来自某某系统的统计表）")
    parsed = _parse_value(value, column)
    if AnnualReport.objects.filter(agency=agency, year=year, status__in=FROZEN_STATUSES,
                                   scope=Scope.ORGAN).exists():
        raise ReportError("本年度报告已批准冻结，不能再录入数据")
    with transaction.atomic():
        figure = ManualFigure.objects.create(
            agency=agency, year=year, cell=cell, value=parsed, source_note=source_note.strip()[:300],
            author=actor if actor and actor.is_authenticated else None,
        )
        for report in AnnualReport.objects.filter(agency=agency, year=year, scope=Scope.ORGAN):
            _event(report, ReportEvent.MANUAL, actor, note=f"{cell} = {parsed}（来源：{figure.source_note}）",
                   cell=cell, figure=figure.pk)
    _refresh_open_reports(agency, int(year))
    return figure


def record_manual_figures(agency: Agency, year: int, rows: list[tuple[str, Any, str]], actor) -> list[ManualFigure]:
    """Several figures at once (an import): all are validated first, then all are recorded or none."""
    fmt = rf.format_for_year(int(year))
    if fmt is None:
        raise ReportError("该年度不使用年度报告格式")
    problems = []
    for i, (cell, value, note) in enumerate(rows, 1):
        try:
            column = _column(fmt, cell)
            if not compute.is_manual(fmt, cell):
                raise ReportError(f"{cell} 由系统计算，不能录入")
            if not (note or "").strip():
                raise ReportError("缺少数据来源")
            _parse_value(value, column)
        except ReportError as e:
            problems.append(f"第{i}项：{e}")
    if problems:
        raise ReportError("；".join(problems))
    with transaction.atomic():
        return [record_manual_figure(agency, year, cell, value, note, actor) for cell, value, note in rows]


def adjust(report: AnnualReport, actor, cell: str, new_value: Any, reason: str, *, expected_version=None) -> Adjustment:
    """Override a computed cell with a recorded reason (domain 5.6); shown next to the cell."""
    if not (reason or "").strip():
        raise ReportError("调整数据必须填写理由")
    with transaction.atomic():
        report = _locked(report, expected_version)
        if not access.can_edit(actor, report):
            raise ReportError("报告已批准冻结或您无权调整数据")
        column = _column(report.format_version, cell)
        if compute.is_manual(report.format_version, cell) and report.scope == Scope.ORGAN:
            raise ReportError("录入类数据请通过“录入数据”登记新的数值和来源")
        parsed = _parse_value(new_value, column)
        current = rf.get_cell(build(report).tables, cell)
        adj = Adjustment.objects.create(
            report=report, cell=cell, old_value=None if current is None else Decimal(str(current)),
            new_value=None if parsed is None else Decimal(str(parsed)), reason=reason.strip(),
            author=actor if actor and actor.is_authenticated else None,
        )
        _bump(report, status=ReportStatus.DRAFT)
        _event(report, ReportEvent.ADJUSTED, actor, note=f"{cell}：{current} → {parsed}；理由：{adj.reason}",
               cell=cell, adjustment=adj.pk)
    refresh(report)
    return adj


def mark_reviewed(report: AnnualReport, actor, *, note: str = "", expected_version=None) -> AnnualReport:
    """Internal review done (draft → reviewed)."""
    with transaction.atomic():
        report = _step(report, actor, "mark_reviewed", expected_version)
        _bump(report, status=ReportStatus.REVIEWED, reviewed_by=actor, reviewed_at=law_today.now())
        _event(report, ReportEvent.REVIEWED, actor, note=note)
    refresh(report)
    return report


def return_to_draft(report: AnnualReport, actor, *, reason: str, expected_version=None) -> AnnualReport:
    if not (reason or "").strip():
        raise ReportError("请填写退回理由")
    with transaction.atomic():
        report = _step(report, actor, "return_to_draft", expected_version)
        _bump(report, status=ReportStatus.DRAFT)
        _event(report, ReportEvent.RETURNED, actor, note=reason.strip())
    return report


def _blocking_message(errors: list[Finding]) -> str:
    head = "；".join(f.message for f in errors[:3])
    more = f" 等{len(errors)}项" if len(errors) > 3 else ""
    return f"勾稽关系核对未通过，不能批准或发布：{head}{more}"


def approve(report: AnnualReport, actor, *, note: str = "", expected_version=None) -> ReportSnapshot:
    """Approve and freeze (reviewed → approved): values, format, RULES_VERSION, rendered narrative and
    the record ids behind every cell. Refused while any error fails."""
    with transaction.atomic():
        report = _step(report, actor, "approve", expected_version)
        built = build(report)
        errors = errors_of(built.findings)
        if errors:
            raise ReportError(_blocking_message(errors))
        fmt = report.format_version
        ids = member_ids(report)
        records: dict[str, list[int]] = {}
        if report.scope == Scope.ROLLUP:
            live_ids = [m["agency_id"] for m in built.breakdown if m["basis"] == "live"]
            records = compute.collect_record_ids(live_ids, report.year, fmt) if live_ids else {}
            for m in built.breakdown:
                if m["basis"] == "frozen":
                    member_snapshot = AnnualReport.objects.get(pk=m["report_id"]).snapshot
                    for cid, cell_ids in member_snapshot.records.items():
                        records[cid] = sorted(set(records.get(cid, [])) | set(cell_ids))
        else:
            records = compute.collect_record_ids(ids, report.year, fmt)
        breakdown = [{**m, "tables": compute.dump_tables(m["tables"])} for m in built.breakdown]
        snapshot = ReportSnapshot.objects.create(
            report=report, format_version=fmt, rules_version=reconciliation.RULES_VERSION,
            tables=compute.dump_tables(built.tables),
            findings=[f.to_dict() for f in built.findings if f.rule != "late_publication"],
            narrative=built.narrative, records=records, sources=built.sources, breakdown=breakdown,
            facts={"series": year_series(report, built.tables), "members": ids},
            frozen_by=actor if actor and actor.is_authenticated else None,
        )
        _bump(report, status=ReportStatus.APPROVED, approved_by=actor, approved_at=law_today.now(),
              tables=compute.dump_tables(built.tables), findings=[f.to_dict() for f in built.findings])
        _event(report, ReportEvent.APPROVED, actor, note=note, snapshot=snapshot.pk,
               rules_version=reconciliation.RULES_VERSION)
    report._snapshot_cache = (report.version, snapshot)
    return snapshot


def reopen(report: AnnualReport, actor, *, reason: str, expected_version=None) -> AnnualReport:
    """Withdraw an approval before publication (the old snapshot is kept as history)."""
    if not (reason or "").strip():
        raise ReportError("请填写撤销批准的理由")
    with transaction.atomic():
        report = _step(report, actor, "reopen", expected_version)
        _bump(report, status=ReportStatus.DRAFT)
        _event(report, ReportEvent.REOPENED, actor, note=reason.strip())
    refresh(report)
    return report


def publish(report: AnnualReport, actor, *, on: dt.date | None = None, expected_version=None) -> AnnualReport:
    """Publish the frozen report in 政府信息公开年报. Refused while any error fails."""
    on = on or law_today.today()
    if on > law_today.today():
        raise ReportError("发布日期不能晚于今天")
    with transaction.atomic():
        report = _step(report, actor, "publish", expected_version)
        snap = report.snapshot
        errors = errors_of(snap.findings)
        if errors:
            raise ReportError(_blocking_message([Finding.from_dict(f) if isinstance(f, dict) else f
                                                 for f in errors]))
        _bump(report, status=ReportStatus.PUBLISHED, published_by=actor, published_at=law_today.now(),
              published_on=on)
        late = is_late(report, on)
        _event(report, ReportEvent.PUBLISHED, actor,
               note=f"逾期发布（期限{deadline(report):%Y-%m-%d}）" if late else "", late=late)
    refresh(report)
    return report


# ---------------------------------------------------------------------------------------------
# Past years (R5 from the first year of use)
# ---------------------------------------------------------------------------------------------


def validate_tables(data: Any, fmt: str) -> dict:
    """Tables in the documented JSON shape → schema tables; unknown cells or non-numbers refused."""
    if not isinstance(data, dict):
        raise ReportError("tables 应为对象：{\"proactive\": …, \"applications\": …, \"review_litigation\": …}")
    schema = rf.schema_for(fmt)
    tables = schema.empty_tables()
    problems = []
    for table, rows in data.items():
        if table not in tables:
            problems.append(f"未知的表格 {table}")
            continue
        if not isinstance(rows, dict):
            problems.append(f"表格 {table} 应为对象")
            continue
        t = schema.table(table)
        for row, cols in rows.items():
            if row not in tables[table] or not isinstance(cols, dict):
                problems.append(f"{table} 没有行 {row}")
                continue
            for col, value in cols.items():
                if col not in tables[table][row]:
                    problems.append(f"{table}.{row} 没有列 {col}")
                    continue
                if value is None:
                    continue
                if isinstance(value, bool) or not isinstance(value, int | float | str):
                    problems.append(f"{table}.{row}.{col} 的值不是数值")
                    continue
                try:
                    tables[table][row][col] = _parse_value(value, t.column(col)) if isinstance(value, str) \
                        else compute.coerce(value, t.column(col))
                except ReportError as e:
                    problems.append(f"{table}.{row}.{col}：{e}")
    if problems:
        raise ReportError("；".join(problems[:10]) + (f" 等{len(problems)}处" if len(problems) > 10 else ""))
    return tables


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


# ---------------------------------------------------------------------------------------------
# Reminders and the supervisor dashboard (domain 5.1)
# ---------------------------------------------------------------------------------------------

LEVEL_NOTICE, LEVEL_SOON, LEVEL_URGENT, LEVEL_OVERDUE = "notice", "soon", "urgent", "overdue"
LEVEL_LABELS = {LEVEL_NOTICE: "提醒", LEVEL_SOON: "临近期限", LEVEL_URGENT: "即将逾期", LEVEL_OVERDUE: "已逾期"}


def reminder_level(limit: dt.date, on: dt.date) -> str:
    days = (limit - on).days
    if days < 0:
        return LEVEL_OVERDUE
    if days <= 3:
        return LEVEL_URGENT
    if days <= 10:
        return LEVEL_SOON
    return LEVEL_NOTICE


@dataclass
class Reminder:
    agency: Agency
    year: int
    deadline: dt.date
    days_left: int
    level: str
    report: AnnualReport | None

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS[self.level]

    @property
    def message(self) -> str:
        state = self.report.get_status_display() if self.report else "尚未开始编制"
        if self.level == LEVEL_OVERDUE:
            return (f"{self.agency.name}{self.year}年度政府信息公开工作年度报告已超过发布期限"
                    f"{self.deadline:%Y年%m月%d日}（逾期{-self.days_left}天），当前状态：{state}")
        return (f"{self.agency.name}{self.year}年度政府信息公开工作年度报告应于{self.deadline:%Y年%m月%d日}前发布"
                f"（还有{self.days_left}天），当前状态：{state}")


def reminders(on: dt.date | None = None, agencies=None) -> list[Reminder]:
    """Reports on last year not yet published: reminders start on 1 January and escalate toward
    the deadline (domain 5.1)."""
    on = on or law_today.today()
    year = on.year - 1
    agencies = list(agencies if agencies is not None else Agency.objects.all())
    reports = {r.agency_id: r for r in AnnualReport.objects.filter(year=year, scope=Scope.ORGAN,
                                                                   agency__in=agencies)}
    out = []
    for agency in agencies:
        report = reports.get(agency.pk)
        if report is not None and report.status == ReportStatus.PUBLISHED:
            continue
        limit = deadline_for(agency, year, report.deadline_override if report else None)
        out.append(Reminder(agency, year, limit, (limit - on).days, reminder_level(limit, on), report))
    return out


def reminder_recipients(agency: Agency, level: str) -> list[str]:
    """The organ's staff; supervisors over the organ as well once it is urgent or overdue (督办)."""
    roles = [Membership.HANDLER, Membership.REVIEWER, Membership.ADMIN]
    emails = set(
        Membership.objects.filter(agency=agency, role__in=roles).exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    if level in (LEVEL_URGENT, LEVEL_OVERDUE):
        ancestors = [int(x) for x in agency.path.strip("/").split("/") if x]
        emails |= set(
            Membership.objects.filter(agency_id__in=ancestors, role=Membership.SUPERVISOR)
            .exclude(user__email="").values_list("user__email", flat=True)
        )
    return sorted(emails)


# Days before the deadline on which a reminder is e-mailed (and on 1 January, and daily once late).
SEND_DAYS_LEFT = {31, 10, 3, 1}


def send_reminders(on: dt.date | None = None, *, send: bool = True) -> tuple[list[Reminder], int]:
    """The daily annual-report reminders (domain 5.1; ``report_reminders --send`` and the schedule):
    the reminders within 90 days of the deadline, and how many e-mails were queued. An organ's staff
    (and its supervisors once urgent or overdue) are e-mailed on 1 January, 31, 10, 3 and 1 days
    before the deadline and every day once overdue; each e-mail once (its key names organ, year, day)."""
    from gongkai.jobs.mail import send_mail

    on = on or law_today.today()
    shown = [r for r in reminders(on) if r.days_left <= 90]
    sent = 0
    for r in shown:
        due_today = on == dt.date(on.year, 1, 1) or r.days_left in SEND_DAYS_LEFT or r.days_left < 0
        if send and due_today:
            subject = f"【{r.level_label}】{r.agency.name}{r.year}年度政府信息公开工作年度报告"
            key = f"report-reminder:{r.agency.code}:{r.year}:{on.isoformat()}"
            if send_mail(key, subject, r.message, reminder_recipients(r.agency, r.level), settings.DEFAULT_FROM_EMAIL):
                sent += 1
    return shown, sent


STATE_NOT_STARTED = "not_started"
STATE_LABELS = {STATE_NOT_STARTED: "未开始", **dict(ReportStatus.choices)}


@dataclass
class DashboardRow:
    agency: Agency
    report: AnnualReport | None
    deadline: dt.date
    late: bool
    errors: int
    warnings: int
    state: str

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


def dashboard(user, year: int, on: dt.date | None = None) -> list[DashboardRow]:
    """Every organ of the supervised subtree: report status, lateness and failing checks."""
    on = on or law_today.today()
    agencies = list(access.supervised_agencies(user).order_by("path"))
    reports = {r.agency_id: r for r in AnnualReport.objects.filter(year=year, scope=Scope.ORGAN,
                                                                   agency__in=agencies)}
    rows = []
    for agency in agencies:
        report = reports.get(agency.pk)
        limit = deadline_for(agency, year, report.deadline_override if report else None)
        if report is None:
            late = on > limit
            rows.append(DashboardRow(agency, None, limit, late, 0, 0, STATE_NOT_STARTED))
            continue
        counts = _Counter(f.get("severity") for f in report.findings or [])
        late = (report.published_on > limit) if report.published_on else on > limit
        rows.append(DashboardRow(agency, report, limit, late, counts.get(ERROR, 0), counts.get(WARNING, 0),
                                 report.status))
    return rows


@dataclass
class CellRecords:
    """The records behind a cell: a lazy queryset (live) or a list of ids (frozen)."""

    model: Any
    basis: str
    queryset: Any = None
    ids: list[int] | None = None

    def count(self) -> int:
        return len(self.ids) if self.ids is not None else self.queryset.count()

    def page(self, limit: int = 500) -> list:
        """The first ``limit`` records in id order (never an unbounded IN list)."""
        if self.ids is not None:
            return list(self.model.objects.filter(pk__in=self.ids[:limit]).select_related("agency").order_by("id"))
        return list(self.queryset.select_related("agency").order_by("id")[:limit])


def cell_records(report: AnnualReport, cell: str) -> CellRecords:
    """The records behind a cell: the frozen ids once approved; else live, lazily — in a roll-up,
    members whose own report is frozen contribute their frozen ids."""
    fmt = report.format_version
    model = compute.record_model(fmt, cell)
    snap = report.snapshot
    if snap is not None:
        ids = compute.snapshot_ids(snap.records, snap.format_version, cell)
        return CellRecords(model, f"批准时冻结的记录（{timezone.localtime(snap.frozen_at):%Y-%m-%d %H:%M}）", ids=ids)
    members = member_ids(report)
    if report.scope != Scope.ROLLUP:
        return CellRecords(model, "按当前记录实时计算",
                           queryset=compute.cell_queryset(members, report.year, fmt, cell))
    frozen_ids: set[int] = set()
    frozen_members = []
    for organ in AnnualReport.objects.filter(agency_id__in=members, year=report.year, scope=Scope.ORGAN,
                                             status__in=FROZEN_STATUSES):
        member_snap = organ.snapshot
        if member_snap is not None and member_snap.format_version == fmt:
            frozen_members.append(organ.agency_id)
            frozen_ids.update(compute.snapshot_ids(member_snap.records, fmt, cell))
    live = [m for m in members if m not in frozen_members]
    qs = compute.cell_queryset(live, report.year, fmt, cell)
    if frozen_members:
        ids = sorted(set(qs.values_list("id", flat=True)) | frozen_ids)
        return CellRecords(model, "各机关数据汇总（已批准报告的机关按冻结记录，其余按当前记录实时计算）", ids=ids)
    return CellRecords(model, "各机关数据汇总（按当前记录实时计算）", queryset=qs)


# ---------------------------------------------------------------------------------------------
# Output documents
# ---------------------------------------------------------------------------------------------


def report_doc(report: AnnualReport, view: ReportView | None = None):
    """The :class:`render.ReportDoc` of a report (frozen figures once approved)."""
    from .render import ReportDoc

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
    from .render import ReportDoc

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
