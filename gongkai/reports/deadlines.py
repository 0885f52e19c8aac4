"""Deadlines of the annual report (domain 5.1; ``report_format.publication_deadline``): an organ's
deadline for a year, lateness and its finding, the daily reminders that escalate toward the deadline
(with their e-mails), and the supervisor's dashboard of the subtree."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.conf import settings

from gongkai.agencies.models import Agency, Membership
from gongkai.law import report_format as rf
from gongkai.law import today as law_today
from gongkai.law.reconciliation import ERROR, WARNING, Finding

from . import access
from .models import AnnualReport, ReportStatus, Scope


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
        counts = Counter(f.get("severity") for f in report.findings or [])
        late = (report.published_on > limit) if report.published_on else on > limit
        rows.append(DashboardRow(agency, report, limit, late, counts.get(ERROR, 0), counts.get(WARNING, 0),
                                 report.status))
    return rows
