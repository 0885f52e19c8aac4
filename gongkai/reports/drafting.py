"""Creating and editing a report while it is a draft: a new report (an organ's or a roll-up), the
roll-up's members, the text of the six sections, a recompute. A change to a reviewed report returns
it to draft."""

from __future__ import annotations

from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.law import report_format as rf
from gongkai.law import today as law_today

from . import access, narrative
from .actions import _bump, _event, _locked
from .building import Built, refresh
from .errors import ReportError
from .models import AnnualReport, ReportEvent, ReportStatus, Scope


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
