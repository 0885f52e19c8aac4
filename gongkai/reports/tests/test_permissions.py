"""An organ sees and edits only its own reports; approval needs the reviewer role; a supervisor
reads the subtree (read only) and runs roll-ups; the public sees only published reports."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.agencies.models import Membership
from gongkai.reports import access, services
from gongkai.reports.models import AnnualReport, ManualFigure, Scope
from gongkai.reports.services import ReportError

from .helpers import received

D = dt.date.fromisoformat


@pytest.fixture
def reports(tree, staff):
    received(tree["a"], staff["a_handler"], D("2025-03-03"))
    received(tree["b"], staff["b_handler"], D("2025-03-04"))
    return {
        "a": services.create_report(tree["a"], 2025, staff["a_handler"]),
        "b": services.create_report(tree["b"], 2025, staff["b_handler"]),
    }


def test_readable_scoping(reports, staff, make_user, tree):
    assert set(access.readable(staff["a_handler"])) == {reports["a"]}
    assert set(access.readable(staff["b_reviewer"])) == {reports["b"]}
    assert set(access.readable(staff["supervisor"])) == {reports["a"], reports["b"]}
    outsider = make_user("outsider", tree["b"], Membership.EDITOR)
    assert set(access.readable(outsider)) == set()


def test_other_organ_cannot_create_edit_adjust_or_act(reports, staff, tree):
    a_user, b_report = staff["a_reviewer"], reports["b"]
    with pytest.raises(ReportError):
        services.create_report(tree["b"], 2024, a_user)
    with pytest.raises(ReportError):
        services.save_narrative(b_report, a_user, {"overview": "x"})
    with pytest.raises(ReportError):
        services.adjust(b_report, a_user, "applications.new.total", "1", "x")
    with pytest.raises(ReportError):
        services.record_manual_figure(tree["b"], 2025, "proactive.licensing.decisions", "1", "x", a_user)
    with pytest.raises(ReportError):
        services.mark_reviewed(b_report, a_user)
    with pytest.raises(ReportError):
        services.approve(b_report, a_user)
    assert ManualFigure.objects.count() == 0


def test_other_organ_pages_are_404(client, reports, staff):
    client.force_login(staff["a_handler"])
    b = reports["b"]
    for url in (
        reverse("reports:detail", args=[b.pk]),
        reverse("reports:edit", args=[b.pk]),
        reverse("reports:cell", args=[b.pk, "applications.new.total"]),
        reverse("reports:export", args=[b.pk, "json"]),
        reverse("reports:chart", args=[b.pk, "outcomes"]),
    ):
        assert client.get(url).status_code == 404, url
    before = AnnualReport.objects.get(pk=b.pk).version
    assert client.post(reverse("reports:action", args=[b.pk, "review"])).status_code == 404
    assert AnnualReport.objects.get(pk=b.pk).version == before
    assert client.get(reverse("reports:detail", args=[reports["a"].pk])).status_code == 200


def test_supervisor_reads_subtree_but_cannot_edit(client, reports, staff):
    sup = staff["supervisor"]
    client.force_login(sup)
    a = reports["a"]
    assert client.get(reverse("reports:detail", args=[a.pk])).status_code == 200
    assert client.get(reverse("reports:edit", args=[a.pk])).status_code == 403
    with pytest.raises(ReportError):
        services.save_narrative(a, sup, {"overview": "监督人员改写"})
    with pytest.raises(ReportError):
        services.mark_reviewed(a, sup)
    with pytest.raises(ReportError):
        services.approve(a, sup)
    client.post(reverse("reports:action", args=[a.pk, "review"]))
    assert AnnualReport.objects.get(pk=a.pk).status == "draft"
    dashboard = client.get(reverse("reports:dashboard") + "?year=2025")
    assert dashboard.status_code == 200
    html = dashboard.content.decode()
    assert "测试市甲局" in html and "测试市乙局" in html and "测试市人民政府" in html


def test_only_supervisors_see_the_dashboard_and_supervisors_run_rollups(client, reports, staff, tree):
    client.force_login(staff["a_handler"])
    assert client.get(reverse("reports:dashboard")).status_code == 403
    with pytest.raises(ReportError):
        services.create_report(tree["gov"], 2025, staff["a_handler"], scope=Scope.ROLLUP)
    rollup = services.create_report(tree["gov"], 2025, staff["supervisor"], scope=Scope.ROLLUP)
    assert set(services.member_ids(rollup)) == {tree["gov"].pk, tree["a"].pk, tree["b"].pk}
    # Approval of the government's roll-up is still the government's reviewer's.
    with pytest.raises(ReportError):
        services.approve(rollup, staff["supervisor"])


def test_public_sees_only_published(client, reports, staff):
    a = reports["a"]
    assert client.get(reverse("reports_public:detail", args=["deptA", 2025])).status_code == 404
    assert client.get(reverse("reports_public:file", args=["deptA", 2025, "json"])).status_code == 404
    assert client.get(reverse("reports:detail", args=[a.pk])).status_code == 302  # login
    services.mark_reviewed(a, staff["a_handler"])
    services.approve(a, staff["a_reviewer"])
    assert client.get(reverse("reports_public:detail", args=["deptA", 2025])).status_code == 404  # approved only
    services.publish(a, staff["a_reviewer"])
    assert client.get(reverse("reports_public:detail", args=["deptA", 2025])).status_code == 200
    assert client.get(reverse("reports_public:detail", args=["deptB", 2025])).status_code == 404
