"""Who may read and change annual reports: the one door for the reports app.

- The organ's staff (handler, reviewer, admin of that organ) read and edit their own organ's
  reports; marking a report reviewed is theirs; approval needs the reviewer role (公开工作机构负责人);
  publication the reviewer or the organ's admin.
- A supervisor (政务公开办) reads every report in the supervised subtree (read only), sees the
  dashboard, and runs roll-ups: creating and recomputing a roll-up report of an organ in the subtree.
- The public sees only published reports (``public_reports``).
- Platform administrators (superusers) may do everything.
"""

from __future__ import annotations

from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Agency, Membership
from gongkai.law import workflows

from .models import AnnualReport, ReportStatus, Scope


def public_reports():
    return AnnualReport.objects.filter(status=ReportStatus.PUBLISHED)


def readable(user):
    """Reports the user may read: their own organs' and every report of a supervised subtree."""
    return agency_access.scope(AnnualReport.objects.all(), user)


def can_read(user, report: AnnualReport) -> bool:
    return readable(user).filter(pk=report.pk).exists()


def _supervises(user, agency: Agency) -> bool:
    return any(agency.path.startswith(p) for p in agency_access.supervised_paths(user))


def is_organ_staff(user, agency: Agency) -> bool:
    return user.is_authenticated and (user.is_superuser or agency.pk in agency_access.working_agency_ids(user))


def can_create(user, agency: Agency, scope: str = Scope.ORGAN) -> bool:
    if not user.is_authenticated:
        return False
    if scope == Scope.ROLLUP:
        return is_organ_staff(user, agency) or _supervises(user, agency)
    return is_organ_staff(user, agency)


def roles(user, report: AnnualReport) -> set[str]:
    """The roles of law/workflows.ANNUAL_REPORT that ``user`` holds on ``report``: the organ's staff
    (and, for a roll-up, the supervising office) compile; approval (freezing) is the unit head's, the
    organ's reviewer; the reviewer or the organ's administrator publishes."""
    if user is None or not user.is_authenticated:
        return set()
    held = set()
    if can_create(user, report.agency, report.scope):
        held.add(workflows.COMPILER)
    if user.is_superuser or report.agency_id in agency_access.role_agency_ids(user, Membership.REVIEWER):
        held |= {workflows.UNIT_HEAD, workflows.REPORT_PUBLISHER}
    elif report.agency_id in agency_access.role_agency_ids(user, Membership.ADMIN):
        held.add(workflows.REPORT_PUBLISHER)
    return held


def can_edit(user, report: AnnualReport) -> bool:
    """Edit the narrative, record figures and adjustments, recompute: while not frozen."""
    return workflows.ANNUAL_REPORT.allows("edit", report.status, roles(user, report))


def can_enter_figures(user, agency: Agency) -> bool:
    """Manual figures and past-year figures are the organ's own data."""
    return is_organ_staff(user, agency)


def creatable_agencies(user, scope: str = Scope.ORGAN):
    """Organs for which the user may start a report of this scope."""
    if not user.is_authenticated:
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.all()
    own = Agency.objects.filter(pk__in=agency_access.working_agency_ids(user))
    if scope != Scope.ROLLUP:
        return own
    from django.db.models import Q

    q = Q(pk__in=agency_access.working_agency_ids(user))
    for path in agency_access.supervised_paths(user):
        q |= Q(path__startswith=path)
    return Agency.objects.filter(q)


def supervised_agencies(user):
    """The organs of the supervisor dashboard (the supervised subtrees)."""
    if not user.is_authenticated:
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.all()
    from django.db.models import Q

    paths = agency_access.supervised_paths(user)
    if not paths:
        return Agency.objects.none()
    q = Q()
    for path in paths:
        q |= Q(path__startswith=path)
    return Agency.objects.filter(q)


def rollup_member_choices(user, agency: Agency):
    """Organs a roll-up of ``agency`` may include: the organ and its subtree, as far as the user reads."""
    return agency.subtree() & agency_access.readable_agencies(user)


def can_see_records(user, report: AnnualReport) -> bool:
    return can_read(user, report)


def readable_agencies_for_past(user):
    """Organs whose entered past-year figures the user may read (own organs, supervised subtrees)."""
    return agency_access.readable_agencies(user)


# ---------------------------------------------------------------------------------------------
# 年报解读 (issue 17 item 1)
# ---------------------------------------------------------------------------------------------


def can_edit_interpretation(user, agency: Agency) -> bool:
    """The organ's staff write and edit the 解读 of its reports."""
    return is_organ_staff(user, agency)


def can_publish_interpretation(user, agency: Agency) -> bool:
    """Publication is the reviewer's or the organ administrator's, as for the report."""
    if user is None or not user.is_authenticated:
        return False
    return bool(user.is_superuser
                or agency.pk in agency_access.role_agency_ids(user, Membership.REVIEWER)
                or agency.pk in agency_access.role_agency_ids(user, Membership.ADMIN))


def readable_interpretations(user):
    from .models import ReportInterpretation

    return agency_access.scope(ReportInterpretation.objects.all(), user)
