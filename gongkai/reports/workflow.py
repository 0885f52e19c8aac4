"""The report's lifecycle, the steps of ``law/workflows.ANNUAL_REPORT``: internal review, return to
draft, approval (which freezes a :class:`ReportSnapshot` — values, format, RULES_VERSION, rendered
narrative and the record ids behind every cell — that later record changes never alter), reopening,
publication. Each step: one transaction, the table's check (role, state, separation of duties, and
the guard that the report's year has ended), one event. Approval and publication are refused while
any error fails."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from gongkai.law import reconciliation, workflows
from gongkai.law import today as law_today
from gongkai.law.reconciliation import Finding

from . import access, compute
from .actions import _bump, _event, _locked
from .building import build, errors_of, refresh
from .deadlines import deadline, is_late
from .errors import ReportError
from .facts import overview_facts, year_series
from .models import AnnualReport, ReportEvent, ReportSnapshot, ReportStatus, Scope
from .records import collect_record_ids
from .rollup import member_ids

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
                              last_actors=last_actors(report), facts=facts(report))


def facts(report: AnnualReport) -> dict[str, object]:
    """What the table's guards read (law/workflows.YEAR_ENDED: the report's year has ended)."""
    return {"year": report.year}


def _step(report: AnnualReport, actor, name: str, expected_version=None) -> AnnualReport:
    """Inside a transaction: the locked report, after the version and the table's step (role, state,
    separation of duties) were checked."""
    report = _locked(report, expected_version)
    refusal = WORKFLOW.refusal(name, report.status, access.roles(actor, report), actor=getattr(actor, "pk", None),
                               last_actors=last_actors(report), facts=facts(report))
    if refusal:
        raise ReportError(refusal)
    return report


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
            records = collect_record_ids(live_ids, report.year, fmt) if live_ids else {}
            for m in built.breakdown:
                if m["basis"] == "frozen":
                    member_snapshot = AnnualReport.objects.get(pk=m["report_id"]).snapshot
                    for cid, cell_ids in member_snapshot.records.items():
                        records[cid] = sorted(set(records.get(cid, [])) | set(cell_ids))
        else:
            records = collect_record_ids(ids, report.year, fmt)
        breakdown = [{**m, "tables": compute.dump_tables(m["tables"])} for m in built.breakdown]
        snapshot = ReportSnapshot.objects.create(
            report=report, format_version=fmt, rules_version=reconciliation.RULES_VERSION,
            tables=compute.dump_tables(built.tables),
            findings=[f.to_dict() for f in built.findings if f.rule != "late_publication"],
            narrative=built.narrative, records=records, sources=built.sources, breakdown=breakdown,
            # 一、总体情况's facts frozen too: the 年报解读 is made from the snapshot only (issue 17).
            facts={"series": year_series(report, built.tables), "members": ids,
                   "overview": overview_facts(report)},
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
