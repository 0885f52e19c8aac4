"""What every action on a report shares: the row locked with its form's version checked, the version
bumped, the event appended (``ReportEvent``, append-only). Used by the action modules (drafting,
figures, workflow); callers call the actions."""

from __future__ import annotations

from .errors import ReportError
from .models import AnnualReport, ReportEvent


def _event(report, kind, actor, note="", **data) -> ReportEvent:
    return ReportEvent.objects.create(
        report=report, kind=kind, actor=actor if actor and actor.is_authenticated else None, note=note, data=data
    )


def _locked(report: AnnualReport, expected_version: int | None = None) -> AnnualReport:
    fresh = AnnualReport.objects.select_for_update().select_related("agency").get(pk=report.pk)
    if expected_version is not None and int(expected_version) != fresh.version:
        raise ReportError("报告已被他人修改，请刷新页面后重试")
    return fresh


def _bump(report: AnnualReport, **fields) -> None:
    report.version += 1
    for k, v in fields.items():
        setattr(report, k, v)
    report.save(update_fields=["version", "updated_at", *fields])
