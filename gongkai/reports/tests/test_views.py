"""The staff pages work end to end: create, edit with generated facts, records behind cells,
adjustments, manual figures, workflow buttons, roll-up members; accessible markup."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.law import report_format as rf
from gongkai.law import today as law_today
from gongkai.publishing.models import DocStatus, DocType, Document, Interpretation
from gongkai.remedies.models import RemedyCase
from gongkai.reports import services
from gongkai.reports.models import Adjustment, AnnualReport, Scope

from .helpers import conclude, received

D = dt.date.fromisoformat


@pytest.fixture
def setup(tree, staff):
    a, h, r = tree["a"], staff["a_handler"], staff["a_reviewer"]
    apps = [received(a, h, D("2025-02-03")), received(a, h, D("2025-05-06"))]
    conclude(apps[0], h, r, D("2025-02-10"), "1")
    RemedyCase.objects.create(agency=a, kind=RemedyCase.RECONSIDERATION, body="测试市人民政府",
                              filed_on=D("2025-04-01"), application=apps[0])
    doc = Document.objects.create(agency=a, title="测试市甲局规范性文件管理办法", doc_type=DocType.NORMATIVE,
                                  signed_on=D("2025-03-01"), status=DocStatus.PUBLISHED,
                                  published_at=law_today.now().replace(year=2025, month=3, day=5))
    interp = Interpretation.objects.create(agency=a, title="解读", form="图解", by_leader=True, body="解读内容",
                                           published_at=law_today.now().replace(year=2025, month=3, day=6))
    interp.documents.add(doc)
    return {"apps": apps, "doc": doc}


def test_create_through_the_list_page(client, setup, staff):
    client.force_login(staff["a_handler"])
    page = client.get(reverse("reports:list")).content.decode()
    assert "编制新的年度报告" in page and 'name="year"' in page
    resp = client.post(reverse("reports:new"), {"agency": setup["apps"][0].agency_id, "year": 2025, "scope": "organ"})
    report = AnnualReport.objects.get()
    assert resp.url == reverse("reports:detail", args=[report.pk])
    resp = client.post(reverse("reports:new"), {"agency": setup["apps"][0].agency_id, "year": 2025, "scope": "organ"},
                       follow=True)
    assert "已存在" in resp.content.decode()
    resp = client.post(reverse("reports:new"), {"agency": setup["apps"][0].agency_id, "year": 2018, "scope": "organ"},
                       follow=True)
    assert AnnualReport.objects.count() == 1


def test_edit_inserts_generated_facts_and_saves(client, setup, tree, staff):
    report = services.create_report(tree["a"], 2025, staff["a_handler"])
    client.force_login(staff["a_handler"])
    url = reverse("reports:edit", args=[report.pk])
    page = client.get(url).content.decode()
    assert "一、总体情况" in page and "六、其他需要报告的事项" in page
    assert "本年度主动公开政府信息1条" in page and "图解解读1篇" in page and "领导干部解读1篇" in page
    resp = client.post(url, {"version": report.version, "overview": "", "insert": "1"})
    assert "{{value:applications.new.total}}" in resp.content.decode()
    form_text = resp.context["form"].data["overview"]
    resp = client.post(url, {"version": report.version, "overview": form_text, "problems": "问题与改进。",
                             "save": "1"})
    assert resp.status_code == 302
    detail = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "本年度新收政府信息公开申请2件" in detail and "当面申请" not in detail
    assert "当面2件，占100.00%" in detail
    # A stale form is refused.
    resp = client.post(url, {"version": report.version, "overview": "旧表单", "save": "1"}, follow=True)
    assert "已被他人修改" in resp.content.decode()


def test_cell_pages_link_to_the_records(client, setup, tree, staff):
    report = services.create_report(tree["a"], 2025, staff["a_handler"])
    client.force_login(staff["a_handler"])
    page = client.get(reverse("reports:cell", args=[report.pk, "applications.new.total"])).content.decode()
    for app in setup["apps"]:
        assert reverse("case", args=[app.pk]) in page and app.reference in page
    page = client.get(reverse("reports:cell", args=[report.pk, "review_litigation.review.pending"])).content.decode()
    assert reverse("case", args=[setup["apps"][0].pk]) in page and "行政复议" in page
    page = client.get(reverse("reports:cell", args=[report.pk, "proactive.normative_documents.issued"])).content
    assert reverse("doc-staff", args=[setup["doc"].pk]) in page.decode()
    page = client.get(reverse("reports:cell", args=[report.pk, "proactive.licensing.decisions"])).content.decode()
    assert "尚未录入" in page and "录入或更新该数据" in page
    assert client.get(reverse("reports:cell", args=[report.pk, "applications.nope.total"])).status_code == 404


def test_adjustment_through_the_cell_page_is_shown_next_to_the_cell(client, setup, tree, staff):
    report = services.create_report(tree["a"], 2025, staff["a_handler"])
    client.force_login(staff["a_handler"])
    url = reverse("reports:cell", args=[report.pk, "applications.new.natural_person"])
    resp = client.post(url, {"version": report.version, "value": "3", "reason": ""})
    assert resp.status_code == 200 and Adjustment.objects.count() == 0  # reason required
    resp = client.post(url, {"version": report.version, "value": "3", "reason": "系统外受理1件"})
    assert resp.status_code == 302
    detail = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "（调整：原值2；系统外受理1件）" in detail
    assert "核对未通过" in detail and "勾稽关系核对有" in detail


def test_manual_figure_single_entry(client, setup, tree, staff):
    client.force_login(staff["a_handler"])
    url = reverse("reports:figures") + "?agency=deptA&year=2025"
    page = client.get(url).content.decode()
    assert "第二十条第（五）项行政许可／本年处理决定数量" in page
    resp = client.post(url, {"single": "1", "agency": "deptA", "year": "2025",
                             "cell": "proactive.licensing.decisions", "value": "88", "source_note": "审批系统"})
    assert resp.status_code == 302
    assert "审批系统" in client.get(url).content.decode()


def test_workflow_buttons(client, setup, tree, staff):
    report = services.create_report(tree["a"], 2025, staff["a_handler"])
    client.force_login(staff["a_handler"])
    client.post(reverse("reports:action", args=[report.pk, "review"]), {"version": report.version})
    report.refresh_from_db()
    assert report.status == "reviewed"
    client.force_login(staff["a_reviewer"])
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "批准并冻结数据" in page and 'name="confirmed"' in page and "确认批准" in page
    # Irreversible steps: the server refuses the form unless the confirmation is ticked.
    refused = client.post(reverse("reports:action", args=[report.pk, "approve"]), {"version": report.version},
                          follow=True)
    report.refresh_from_db()
    assert report.status == "reviewed" and "不可撤销，请勾选" in refused.content.decode()
    client.post(reverse("reports:action", args=[report.pk, "approve"]), {"version": report.version, "confirmed": "1"})
    report.refresh_from_db()
    assert report.status == "approved"
    assert "确认向社会公开发布" in client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    client.post(reverse("reports:action", args=[report.pk, "publish"]), {"version": report.version})
    report.refresh_from_db()
    assert report.status == "approved"
    client.post(reverse("reports:action", args=[report.pk, "publish"]), {"version": report.version, "confirmed": "1"})
    report.refresh_from_db()
    assert report.status == "published"
    public = client.get(reverse("reports_public:detail", args=["deptA", 2025])).content.decode()
    assert "下载" in public and 'role="img"' in public
    assert client.get(reverse("reports_public:file", args=["deptA", 2025, "docx"])).status_code == 200
    assert client.get(reverse("reports_public:chart", args=["deptA", 2025, "outcomes"])).status_code == 200


def test_rollup_members_page(client, setup, tree, staff):
    rollup = services.create_report(tree["gov"], 2025, staff["supervisor"], scope=Scope.ROLLUP)
    client.force_login(staff["supervisor"])
    url = reverse("reports:members", args=[rollup.pk])
    assert "测试市乙局" in client.get(url).content.decode()
    client.post(url, {"version": rollup.version, "members": [tree["a"].pk]})
    assert services.member_ids(AnnualReport.objects.get(pk=rollup.pk)) == [tree["a"].pk]
    detail = client.get(reverse("reports:detail", args=[rollup.pk])).content.decode()
    assert "分机关明细" in detail and "测试市甲局" in detail
    assert rf.NOTE_LABEL in detail
