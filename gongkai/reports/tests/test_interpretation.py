"""年报解读 (issue 17 item 1): generated from the frozen snapshot (never from live records), edited with
its figures tied to cells, flagged and blocked when a figure contradicts the snapshot, published as a
图解 interpretation that the next report's 一、总体情况 counts, public in the 年报 column."""

import copy
import datetime as dt

import pytest
from django.urls import reverse

from gongkai.law import today as law_today
from gongkai.publishing.models import Interpretation
from gongkai.reports import interpretations, services
from gongkai.reports.models import AnnualReport, ReportSnapshot, ReportStatus
from gongkai.reports.services import ReportError

from .helpers import conclude, received

D = dt.date.fromisoformat


@pytest.fixture
def report(tree, staff):
    """测试市甲局's 2025 report, approved and published; its 2024 figures entered as past figures."""
    a, h, r = tree["a"], staff["a_handler"], staff["a_reviewer"]
    apps = [received(a, h, D(on)) for on in ("2025-02-03", "2025-03-03", "2025-04-07")]
    conclude(apps[0], h, r, D("2025-02-10"), "1")
    conclude(apps[1], h, r, D("2025-03-10"), "1")
    past_tables = {"applications": {"new": {"natural_person": 2, "total": 2},
                                    "disclosed": {"natural_person": 2, "total": 2},
                                    "processed_total": {"natural_person": 2, "total": 2}}}
    services.enter_past_report(a, 2024, past_tables, h, source_note="本机关网站公布的2024年年度报告")
    report = services.create_report(a, 2025, h)
    services.mark_reviewed(report, h)
    services.approve(report, r)
    services.publish(report, r, on=D("2026-01-20"))
    return AnnualReport.objects.get(pk=report.pk)


def _section(ri, key):
    return next(s for s in ri.sections if s["key"] == key)


def test_generated_from_the_snapshot_with_the_change_against_last_year(report, staff):
    ri = interpretations.generate(staff["a_handler"], report=report)
    assert ri.snapshot_id == report.snapshot.pk and ri.previous["label"].startswith("2024年度报告")
    text = _section(ri, "applications")["text"]
    assert "【本年新收申请：3】件" in text and "【本年新收申请同比：同比增长50.0%】" in text  # 3 against 2
    assert "【办结申请同比：与上年持平】" in text  # 2 and 2
    assert interpretations.flags(ri) == []
    # Records changed after approval do not change the 解读: it reads the snapshot only.
    received(report.agency, staff["a_handler"], D("2025-06-02"))
    assert interpretations.flags(ri) == []
    assert "【本年新收申请：3】" in _section(interpretations.for_output(report.agency, 2025), "applications")["text"]


def test_the_snapshot_cannot_be_changed(report, staff):
    snap = report.snapshot
    before = copy.deepcopy((snap.tables, snap.facts, snap.narrative))
    snap.tables["applications"]["new"]["total"] = 99
    with pytest.raises(ValueError, match="冻结数据不能修改"):
        snap.save()
    interpretations.generate(staff["a_handler"], report=report)
    fresh = ReportSnapshot.objects.get(pk=snap.pk)
    assert (fresh.tables, fresh.facts, fresh.narrative) == before and fresh.tables["applications"]["new"]["total"] == 3


def test_an_edited_figure_that_contradicts_the_snapshot_is_flagged_and_blocks_publication(report, staff):
    h, r = staff["a_handler"], staff["a_reviewer"]
    ri = interpretations.generate(h, report=report)
    text = _section(ri, "applications")["text"]
    edited = text.replace("【本年新收申请：3】", "【本年新收申请：4】")
    found = interpretations.save_text(ri, h, {"applications": edited + "\n\n今年本年新收申请5件。"},
                                      expected_version=ri.version)
    messages = " ".join(f.message for f in found)
    assert "“本年新收申请”写为4，与冻结数据3不符" in messages and "正文写“本年新收申请”5" in messages
    ri.refresh_from_db()
    with pytest.raises(ReportError, match="与冻结数据不符"):
        interpretations.publish(ri, r)
    # Typing the right figure back clears the flag; the wording around it stays the officer's.
    interpretations.save_text(ri, h, {"applications": text + "\n\n申请人满意度较高。"}, expected_version=ri.version)
    ri.refresh_from_db()
    assert interpretations.flags(ri) == [] and "申请人满意度较高。" in _section(ri, "applications")["text"]
    with pytest.raises(ReportError, match="已被他人修改"):
        interpretations.save_text(ri, h, {"applications": text}, expected_version=ri.version - 1)


def test_a_changed_snapshot_is_flagged(report, staff, tree):
    """The report approved again after the text was generated: figures that changed are flagged."""
    h, r = staff["a_handler"], staff["a_reviewer"]
    report.status = ReportStatus.APPROVED  # (a published report cannot be reopened: test the approved case)
    AnnualReport.objects.filter(pk=report.pk).update(status=ReportStatus.APPROVED)
    ri = interpretations.generate(h, report=report)
    services.reopen(report, r, reason="数据需更正")
    report.refresh_from_db()
    assert "撤销批准" in interpretations.flags(ri)[0].message
    received(report.agency, h, D("2025-06-02"))
    services.mark_reviewed(report, h)
    services.approve(report, r)
    ri.refresh_from_db()
    found = interpretations.flags(ri)
    assert "重新批准" in found[0].message
    assert any("“本年新收申请”写为3，与冻结数据4不符" in f.message for f in found)


def test_publication_counts_in_the_next_reports_overview(report, staff, tree):
    h, r = staff["a_handler"], staff["a_reviewer"]
    ri = interpretations.generate(h, report=report)
    with pytest.raises(ReportError, match="审核人或管理员"):
        interpretations.publish(ri, h)
    with pytest.raises(ReportError, match="无权"):
        interpretations.generate(staff["b_handler"], report=report, regenerate=True)
    at = law_today.now().replace(year=2026, month=1, day=23)
    ri = interpretations.publish(ri, r, at=at)
    interp = Interpretation.objects.get(pk=ri.interpretation_id)
    assert interp.form == "图解" and interp.agency == report.agency and "同比增长50.0%" in interp.body
    assert "【" not in interp.body
    with pytest.raises(ReportError, match="已发布"):
        interpretations.save_text(ri, h, {"overview": "改"})
    nxt = services.create_report(tree["a"], 2026, h)
    assert services.overview_facts(nxt)["interpretations"]["图解"] == 1


def test_public_page_in_the_annual_reports_column_linked_both_ways(client, report, staff):
    ri = interpretations.generate(staff["a_handler"], report=report)
    url = reverse("reports_public:interpretation", args=["deptA", 2025])
    assert client.get(url).status_code == 404  # a draft is not public
    interpretations.publish(ri, staff["a_reviewer"])
    page = client.get(url).content.decode()
    assert ri.title in page and "政府信息公开年报" in page  # the column tree and the crumbs
    assert reverse("reports_public:detail", args=["deptA", 2025]) in page  # 解读 → report
    assert "<figure" in page and "<figcaption" in page and 'class="chart-data"' in page and 'scope="col"' in page
    assert "同比增长50.0%" in page and "【" not in page
    report_page = client.get(reverse("reports_public:detail", args=["deptA", 2025])).content.decode()
    assert url in report_page  # report → 解读
    column = client.get(reverse("reports_public:index", args=["deptA"])).content.decode()
    assert url in column and "年报解读" in column


def test_staff_page_generates_edits_and_publishes(client, report, staff):
    client.force_login(staff["a_handler"])
    detail = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "生成年报解读" in detail
    resp = client.post(reverse("reports:interpretation-new"), {"report": report.pk})
    ri = report.interpretations.get()
    assert resp.url == reverse("reports:interpretation", args=[ri.pk])
    page = client.get(resp.url).content.decode()
    assert "【本年新收申请：3】" in page and "全部数据与冻结数据一致" in page
    text = _section(ri, "overview")["text"].replace("【本年新收申请：3】", "【本年新收申请：30】")
    client.post(resp.url, {"action": "save", "version": ri.version, "text-overview": text})
    page = client.get(resp.url).content.decode()
    assert "与冻结数据3不符" in page and 'class="fig-wrong"' in page
    client.force_login(staff["b_handler"])
    assert client.get(resp.url).status_code == 404  # another organ's
