"""Figures not counted from records: the manual figures of table 二 (from other systems, each with
its source; a change is a new record, never an edit) and adjustments of computed cells with a
recorded reason, shown next to the cell (domain 5.6)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.law import report_format as rf

from . import access, compute
from .actions import _bump, _event, _locked
from .building import build, refresh
from .entry import cell_column, parse_value
from .errors import ReportError
from .models import FROZEN_STATUSES, Adjustment, AnnualReport, ManualFigure, ReportEvent, ReportStatus, Scope
from .render import cell_name


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
    column = cell_column(fmt, cell)
    if not compute.is_manual(fmt, cell):
        raise ReportError("该单元格由系统根据记录计算，不能录入；如确需更正，请在报告中登记数据调整并说明理由")
    if not (source_note or "").strip():
        raise ReportError("请填写数据来源（如：来自某某系统的统计表）")
    parsed = parse_value(value, column)
    if AnnualReport.objects.filter(agency=agency, year=year, status__in=FROZEN_STATUSES,
                                   scope=Scope.ORGAN).exists():
        raise ReportError("本年度报告已批准冻结，不能再录入数据")
    with transaction.atomic():
        figure = ManualFigure.objects.create(
            agency=agency, year=year, cell=cell, value=parsed, source_note=source_note.strip()[:300],
            author=actor if actor and actor.is_authenticated else None,
        )
        for report in AnnualReport.objects.filter(agency=agency, year=year, scope=Scope.ORGAN):
            _event(report, ReportEvent.MANUAL, actor, note=f"{cell_name(fmt, cell)} = {parsed}（来源：{figure.source_note}）",
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
            column = cell_column(fmt, cell)
            if not compute.is_manual(fmt, cell):
                raise ReportError(f"{cell} 由系统计算，不能录入")
            if not (note or "").strip():
                raise ReportError("缺少数据来源")
            parse_value(value, column)
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
        column = cell_column(report.format_version, cell)
        if compute.is_manual(report.format_version, cell) and report.scope == Scope.ORGAN:
            raise ReportError("录入类数据请通过“录入数据”登记新的数值和来源")
        parsed = parse_value(new_value, column)
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
