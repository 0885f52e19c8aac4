"""draft → reviewed → approved (frozen) → published; an approved snapshot never changes when the
records change later; published reports appear in the public 政府信息公开年报 column."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.applications import services as app_services
from gongkai.applications.models import Application
from gongkai.law import reconciliation
from gongkai.law import report_format as rf
from gongkai.reports import compute, services
from gongkai.reports.models import AnnualReport, ReportEvent, ReportSnapshot, ReportStatus
from gongkai.reports.records import cell_queryset, snapshot_ids
from gongkai.reports.services import ReportError

from .helpers import conclude, received

D = dt.date.fromisoformat


@pytest.fixture
def report(tree, staff):
    a, h, r = tree["a"], staff["a_handler"], staff["a_reviewer"]
    apps = [received(a, h, D(on)) for on in ("2025-02-03", "2025-03-03", "2025-12-29")]
    conclude(apps[0], h, r, D("2025-02-10"), "1")
    conclude(apps[1], h, r, D("2025-03-10"), "4.1")
    report = services.create_report(a, 2025, h)
    services.save_narrative(report, h, {"overview": "本年度新收申请{{value:applications.new.total}}件。"})
    return AnnualReport.objects.get(pk=report.pk)


def test_full_workflow(report, staff):
    h, r = staff["a_handler"], staff["a_reviewer"]
    with pytest.raises(ReportError, match="先经审核"):
        services.approve(report, r)
    with pytest.raises(ReportError, match="审核人"):
        services.approve(report, h)  # the handler is not the unit head
    services.mark_reviewed(report, h)
    report.refresh_from_db()
    assert report.status == ReportStatus.REVIEWED
    snap = services.approve(report, r, note="同意")
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED and report.snapshot == snap
    assert snap.rules_version == reconciliation.RULES_VERSION and snap.format_version == rf.FORMAT_2021
    assert snap.narrative["overview"] == "本年度新收申请3件。"
    with pytest.raises(ReportError, match="冻结"):
        services.save_narrative(report, h, {"overview": "改动"})
    with pytest.raises(ReportError, match="审核人或管理员"):
        services.publish(report, h)
    services.publish(report, r, on=D("2026-01-20"))
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED and report.published_on == D("2026-01-20")
    assert not services.is_late(report)
    kinds = list(report.events.values_list("kind", flat=True))
    assert kinds[-3:] == [ReportEvent.REVIEWED, ReportEvent.APPROVED, ReportEvent.PUBLISHED]


def test_snapshot_does_not_change_when_records_change_later(report, staff, tree):
    h, r = staff["a_handler"], staff["a_reviewer"]
    services.mark_reviewed(report, h)
    snap = services.approve(report, r)
    before = dict(snap.tables["applications"]["new"])
    ids_before = snapshot_ids(snap.records, snap.format_version, "applications.carried_out.total")
    assert len(ids_before) == 1

    # Later: the open case is answered, a back-dated application is registered, one is re-answered.
    open_app = Application.objects.get(pk=ids_before[0])
    conclude(open_app, h, r, D("2025-12-31"), "1")
    received(tree["a"], h, D("2025-06-01"))
    live, _ = compute.compute_applications([tree["a"].pk], 2025, rf.FORMAT_2021)
    assert live["new"]["total"] == 4 and live["processed_total"]["total"] == 3
    live_open = list(cell_queryset([tree["a"].pk], 2025, rf.FORMAT_2021, "applications.carried_out.total"))
    assert [a.pk for a in live_open] != ids_before

    report = AnnualReport.objects.get(pk=report.pk)
    view = services.report_view(report)
    assert view.tables["applications"]["new"] == before
    assert view.tables["applications"]["carried_out"]["total"] == 1
    assert view.frozen
    snap2 = ReportSnapshot.objects.get(pk=snap.pk)
    assert snapshot_ids(snap2.records, snap2.format_version, "applications.carried_out.total") == ids_before
    with pytest.raises(ValueError):
        snap2.save()
    # The records page of a frozen cell lists the frozen ids.
    from django.test import Client

    client = Client()
    client.force_login(h)
    page = client.get(reverse("reports:cell", args=[report.pk, "applications.carried_out.total"]))
    assert page.status_code == 200 and open_app.reference in page.content.decode()


def test_reopen_keeps_old_snapshot_and_next_approval_freezes_new(report, staff):
    h, r = staff["a_handler"], staff["a_reviewer"]
    services.mark_reviewed(report, h)
    first = services.approve(report, r)
    with pytest.raises(ReportError, match="理由"):
        services.reopen(report, r, reason="")
    services.reopen(report, r, reason="数据需更正")
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and report.snapshot is None
    services.mark_reviewed(report, h)
    second = services.approve(report, r)
    assert second.pk != first.pk and ReportSnapshot.objects.filter(report=report).count() == 2


def test_published_report_appears_in_the_public_column(client, report, staff, tree):
    url = reverse("reports_public:detail", args=["deptA", 2025])
    assert client.get(url).status_code == 404  # not published yet
    assert "本栏目暂无公开的年度报告" in client.get(reverse("reports_public:index", args=["deptA"])).content.decode()
    services.mark_reviewed(report, staff["a_handler"])
    services.approve(report, staff["a_reviewer"])
    services.publish(report, staff["a_reviewer"], on=D("2026-01-20"))
    index = client.get(reverse("reports_public:index", args=["deptA"])).content.decode()
    assert "测试市甲局2025年政府信息公开工作年度报告" in index and index.count(f'href="{url}"') == 1
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    for title in rf.SECTION_TITLES:
        assert title in html
    assert "本年度新收申请3件。" in html
    assert '<meta name="ColumnName" content="政府信息公开年报">' in html


def test_withdrawal_after_approval_does_not_change_the_snapshot(report, staff):
    h, r = staff["a_handler"], staff["a_reviewer"]
    services.mark_reviewed(report, h)
    snap = services.approve(report, r)
    open_id = snapshot_ids(snap.records, snap.format_version, "applications.carried_out.total")[0]
    app_services.withdraw(Application.objects.get(pk=open_id), h, D("2025-12-30"), reason="撤回")
    report = AnnualReport.objects.get(pk=report.pk)
    assert services.report_view(report).tables["applications"]["other_other"]["total"] == 0


def test_template_tag_lists_published_reports_for_the_column(report, staff, tree):
    from django.template import Context, Template

    tpl = Template("{% load reports_tags %}{% annual_report_list agency %}")
    assert "暂无公开的年度报告" in tpl.render(Context({"agency": tree["a"]}))
    services.mark_reviewed(report, staff["a_handler"])
    services.approve(report, staff["a_reviewer"])
    services.publish(report, staff["a_reviewer"], on=D("2026-01-20"))
    html = tpl.render(Context({"agency": tree["a"]}))
    assert reverse("reports_public:detail", args=["deptA", 2025]) in html and "2026-01-20" in html


def test_the_checker_of_a_report_does_not_approve_it(report, staff):
    """Separation of duties (law/workflows.ANNUAL_REPORT): who marked it reviewed may not approve it."""
    head = staff["a_reviewer"]
    services.mark_reviewed(report, head)
    with pytest.raises(ReportError, match="须由不同的人办理"):
        services.approve(report, head)
    assert "approve" not in services.available_steps(report, head)


def test_the_report_page_offers_exactly_the_table_steps(client, report, staff):
    import re

    names = {"review": "mark_reviewed", "approve": "approve", "return": "return_to_draft", "reopen": "reopen",
             "publish": "publish"}
    for stage in ("draft", "reviewed", "approved"):
        if stage == "reviewed":
            services.mark_reviewed(report, staff["a_handler"])
        elif stage == "approved":
            services.approve(report, staff["a_reviewer"])
        report = AnnualReport.objects.get(pk=report.pk)
        for who in ("a_handler", "a_reviewer", "supervisor"):
            client.force_login(staff[who])
            html = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
            found = re.findall(rf'/staff/reports/{report.pk}/action/([a-z_]+)/"', html)
            offered = {names[n] for n in found if n in names}
            assert offered == set(services.available_steps(report, staff[who])) - {"edit"}, (stage, who)
    assert services.available_steps(report, staff["a_reviewer"]) == ["reopen", "publish"]


def test_the_report_states_are_the_table_states():
    from gongkai.law import workflows

    assert dict(ReportStatus.choices) == workflows.ANNUAL_REPORT.state_labels


def test_a_report_of_a_year_that_has_not_ended_is_neither_approved_nor_published(client, tree, staff, pin_today):
    """条例第四十九条 (issue 14, item 3): the guard of law/workflows.ANNUAL_REPORT on approve and publish,
    by gongkai.law.today — the page does not offer the step and the service refuses it in Chinese."""
    h, r = staff["a_handler"], staff["a_reviewer"]
    pin_today(D("2026-12-31"))
    report = services.create_report(tree["a"], 2026, h)
    services.mark_reviewed(report, h)
    report = AnnualReport.objects.get(pk=report.pk)
    assert "approve" not in services.available_steps(report, r)
    with pytest.raises(ReportError, match="2026年度尚未结束"):
        services.approve(report, r)
    client.force_login(r)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert f"/staff/reports/{report.pk}/action/approve/" not in page
    assert "2026年度尚未结束" in page  # the page says why
    refused = client.post(reverse("reports:action", args=[report.pk, "approve"]),
                          {"version": report.version, "confirmed": "1"}, follow=True).content.decode()
    assert "2026年度尚未结束" in refused
    assert AnnualReport.objects.get(pk=report.pk).status == ReportStatus.REVIEWED

    pin_today(D("2027-01-04"))
    assert "approve" in services.available_steps(report, r)
    services.approve(report, r)
    report = AnnualReport.objects.get(pk=report.pk)
    assert report.status == ReportStatus.APPROVED

    pin_today(D("2026-12-31"))  # an approval recorded earlier (data from before the guard): not published
    assert "publish" not in services.available_steps(report, r)
    with pytest.raises(ReportError, match="尚未结束"):
        services.publish(report, r)

    pin_today(D("2027-01-04"))
    assert "publish" in services.available_steps(report, r)
    services.publish(report, r)
    assert AnnualReport.objects.get(pk=report.pk).status == ReportStatus.PUBLISHED
