"""Roll-ups (汇总报告): the organs a report covers and the figures of its members — a member's
frozen figures once its own report is approved or published, else its live figures — with the checks
re-applied to every member (R1–R4, R6)."""

from __future__ import annotations

from gongkai.agencies.models import Agency
from gongkai.law import reconciliation
from gongkai.law import report_format as rf
from gongkai.law.reconciliation import Finding

from . import compute
from .models import FROZEN_STATUSES, AnnualReport, Scope


def member_ids(report: AnnualReport) -> list[int]:
    if report.scope == Scope.ROLLUP:
        # Tree order: the path's ids compared as numbers ("/1/99999/" before "/1/100000/"; as text the
        # longer id came first).
        members = sorted(report.members.values_list("path", "id"),
                         key=lambda m: [int(part) for part in m[0].strip("/").split("/") if part])
        return [pk for _path, pk in members] or [report.agency_id]
    return [report.agency_id]


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


def rollup_tables(report: AnnualReport, ids: list[int]) -> tuple[compute.Computed, list[dict], list[Finding]]:
    """A roll-up's summed tables, the breakdown per member and the members' findings (prefixed with
    the member's name)."""
    fmt = report.format_version
    member_findings: list[Finding] = []
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
    return computed, breakdown, member_findings
