"""Roll-up: a government's report over itself, chosen departments and lower governments, with a
per-agency breakdown and every check at every level; the supervisor dashboard."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.agencies.models import Agency
from gongkai.law import report_format as rf
from gongkai.reports import compute, services
from gongkai.reports.models import AnnualReport, Scope

from .helpers import received

D = dt.date.fromisoformat


@pytest.fixture
def town(tree):
    return Agency.objects.create(code="town", name="测试市某镇人民政府", kind=Agency.TOWNSHIP, parent=tree["gov"])


@pytest.fixture
def data(tree, staff, town, make_user):
    from gongkai.agencies.models import Membership

    gov_handler = make_user("gov_handler", tree["gov"], Membership.HANDLER, Membership.REVIEWER)
    town_handler = make_user("town_handler", town, Membership.HANDLER)
    for agency, handler, n in ((tree["gov"], gov_handler, 1), (tree["a"], staff["a_handler"], 2),
                               (tree["b"], staff["b_handler"], 3), (town, town_handler, 4)):
        for i in range(n):
            received(agency, handler, D("2025-03-03") + dt.timedelta(days=i))
    return {"gov_handler": gov_handler}


def test_rollup_sums_members_with_breakdown(data, tree, staff, town):
    rollup = services.create_report(tree["gov"], 2025, staff["supervisor"], scope=Scope.ROLLUP,
                                    members=[tree["gov"], tree["a"], town])
    assert rollup.tables["applications"]["new"]["total"] == 1 + 2 + 4
    view = services.report_view(rollup)
    names = [m["name"] for m in view.breakdown]
    assert names == ["测试市人民政府", "测试市甲局", "测试市某镇人民政府"]
    assert [m["tables"]["applications"]["new"]["total"] for m in view.breakdown] == [1, 2, 4]
    assert all(m["basis"] == "live" for m in view.breakdown)
    services.set_members(rollup, staff["supervisor"], [tree["gov"], tree["a"], tree["b"], town])
    assert AnnualReport.objects.get(pk=rollup.pk).tables["applications"]["new"]["total"] == 10


def test_rollup_uses_frozen_member_figures_and_checks_every_level(data, tree, staff, town):
    a_report = services.create_report(tree["a"], 2025, staff["a_handler"])
    services.adjust(a_report, staff["a_handler"], "applications.new.natural_person", "5", "测试：下级数据有误")
    rollup = services.create_report(tree["gov"], 2025, staff["supervisor"], scope=Scope.ROLLUP)
    found = [f for f in AnnualReport.objects.get(pk=rollup.pk).findings if f["severity"] == "error"]
    # The department's live figures are right; only its own report carries the adjustment.
    assert not any("测试市甲局" in f["message"] for f in found)

    b_report = services.create_report(tree["b"], 2025, staff["b_handler"])
    services.mark_reviewed(b_report, staff["b_handler"])
    services.approve(b_report, staff["b_reviewer"])
    received(tree["b"], staff["b_handler"], D("2025-06-01"))  # after B's approval
    services.recompute(rollup, staff["supervisor"])
    view = services.report_view(AnnualReport.objects.get(pk=rollup.pk))
    b = next(m for m in view.breakdown if m["code"] == "deptB")
    assert b["basis"] == "frozen" and b["tables"]["applications"]["new"]["total"] == 3
    assert view.tables["applications"]["new"]["total"] == 1 + 2 + 3 + 4


def test_member_level_errors_are_reported_with_the_organ_name(data, tree, staff, town):
    """Every check runs on each member's figures as well as on the total."""
    from gongkai.applications.models import Application

    # A town case concluded without an outcome breaks R1 in the town's column and in the total.
    app = Application.objects.filter(agency=town).first()
    Application.objects.filter(pk=app.pk).update(concluded_on=D("2025-05-01"))
    rollup = services.create_report(tree["gov"], 2025, staff["supervisor"], scope=Scope.ROLLUP)
    findings = AnnualReport.objects.get(pk=rollup.pk).findings
    assert any(f["rule"] == "balance" and f["message"].startswith("【测试市某镇人民政府】") for f in findings)
    assert any(f["rule"] == "balance" and not f["message"].startswith("【") for f in findings)  # the total too
    assert not any(f["message"].startswith("【测试市甲局】") for f in findings)
    assert any(f["rule"] == "unclassified_records" for f in findings)


def test_rollup_compute_matches_per_organ_compute(data, tree, town):
    ids = [tree["gov"].pk, tree["a"].pk, tree["b"].pk, town.pk]
    by_agency = compute.compute_members(ids, 2025, rf.FORMAT_2021)
    for pk in ids:
        assert by_agency[pk].tables == compute.compute_organ(pk, 2025, rf.FORMAT_2021).tables


def test_dashboard_lists_status_late_and_failing(client, data, tree, staff, town):
    a_report = services.create_report(tree["a"], 2025, staff["a_handler"])
    services.adjust(a_report, staff["a_handler"], "applications.new.total", "9", "测试")
    b_report = services.create_report(tree["b"], 2025, staff["b_handler"])
    services.mark_reviewed(b_report, staff["b_handler"])
    services.approve(b_report, staff["b_reviewer"])
    services.publish(b_report, staff["b_reviewer"], on=D("2026-01-30"))
    rows = {r.agency.code: r for r in services.dashboard(staff["supervisor"], 2025, on=D("2026-02-15"))}
    assert rows["deptA"].state == "draft" and rows["deptA"].errors >= 1 and rows["deptA"].late
    assert rows["deptB"].state == "published" and not rows["deptB"].late
    assert rows["town"].state == "not_started" and rows["town"].late
    assert rows["gov"].state == "not_started" and not rows["gov"].late  # governments: 31 March
    client.force_login(staff["supervisor"])
    html = client.get(reverse("reports:dashboard") + "?year=2025").content.decode()
    assert "未开始" in html and "已发布" in html and "AUDITOR HOOK" not in html


def test_reminders_escalate_toward_the_deadline(data, tree, staff, town):
    levels = {r.agency.code: r.level for r in services.reminders(D("2026-01-25"))}
    assert levels["deptA"] == "soon" and levels["gov"] == "notice"
    levels = {r.agency.code: r.level for r in services.reminders(D("2026-01-29"))}
    assert levels["town"] == "urgent"
    levels = {r.agency.code: r.level for r in services.reminders(D("2026-02-02"))}
    assert levels["town"] == "overdue"
    assert "supervisor@example.com" not in services.reminder_recipients(town, "overdue")
    staff["supervisor"].email = "supervisor@example.com"
    staff["supervisor"].save()
    assert "supervisor@example.com" in services.reminder_recipients(town, "overdue")
    assert "supervisor@example.com" not in services.reminder_recipients(town, "soon")


def test_rollup_cell_records_use_frozen_ids_of_approved_members(data, tree, staff, town):
    from gongkai.applications.models import Application

    b_report = services.create_report(tree["b"], 2025, staff["b_handler"])
    services.mark_reviewed(b_report, staff["b_handler"])
    services.approve(b_report, staff["b_reviewer"])
    late = received(tree["b"], staff["b_handler"], D("2025-06-01"))  # after B's approval
    rollup = services.create_report(tree["gov"], 2025, staff["supervisor"], scope=Scope.ROLLUP)
    found = services.cell_records(rollup, "applications.new.total")
    expected = set(Application.objects.filter(received_on__year=2025).exclude(pk=late.pk).values_list("id", flat=True))
    assert set(found.ids) == expected and found.count() == 10
    assert late.pk not in {a.pk for a in found.page()}


def test_rollup_members_in_tree_order_whatever_their_ids(tree):
    """The materialised path holds ids as text ("/1/100000/" sorts before "/1/99999/"): a member whose id has
    one digit more came first (a CI failure, depending on the ids a test run hands out)."""
    nine = Agency.objects.create(pk=99_999, code="nine", name="第九局", kind=Agency.DEPARTMENT, parent=tree["gov"])
    ten = Agency.objects.create(pk=100_000, code="ten", name="第十局", kind=Agency.DEPARTMENT, parent=tree["gov"])
    report = AnnualReport.objects.create(agency=tree["gov"], year=2025, scope=Scope.ROLLUP)
    report.members.set([ten, nine, tree["gov"]])
    from gongkai.reports import rollup

    assert rollup.member_ids(report) == [tree["gov"].pk, nine.pk, ten.pk]
