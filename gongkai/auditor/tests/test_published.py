"""The supervisor dashboard's one click: audit every published annual report of the supervised organs
(reports published on the platform and report files in the 政府信息公开年报 column)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.auditor.published import audit_published
from gongkai.law import report_format as rf
from gongkai.law import today as law_today
from gongkai.publishing.models import CatalogueNode, DocStatus, Document, DocumentAttachment
from gongkai.reports import services as report_services
from gongkai.reports.models import AnnualReport
from gongkai.reports.tests.helpers import conclude, received

D = dt.date.fromisoformat
COLS = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def report_text(agency: str, year: int, apps: dict[str, tuple], *, intro: str = "") -> str:
    """A 2021-format report as copied from a web page: tables as tab-separated lines."""
    schema = rf.schema_for(rf.FORMAT_2021)
    lines = [f"{agency}{year}年政府信息公开工作年度报告", "一、总体情况", intro or "本机关依法做好政府信息公开工作。",
             "二、主动公开政府信息情况", "第二十条第（一）项", "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
             "规章\t0\t0\t0", "行政规范性文件\t1\t0\t5", "第二十条第（五）项", "信息内容\t本年处理决定数量", "行政许可\t3",
             "第二十条第（六）项", "信息内容\t本年处理决定数量", "行政处罚\t0", "行政强制\t0", "第二十条第（八）项",
             "信息内容\t本年收费金额（单位：万元）", "行政事业性收费\t0",
             "三、收到和处理政府信息公开申请情况",
             "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况",
             "自然人\t法人或其他组织\t总计", "商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他"]
    for row in schema.applications.rows:
        values = apps.get(row.code, (0,) * 7)
        lines.append("\t".join([row.label, *map(str, values)]))
    lines += ["四、政府信息公开行政复议、行政诉讼情况", "行政复议\t行政诉讼",
              "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉",
              "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
              "\t".join(["0"] * 15), "五、存在的主要问题及改进情况", "无。", "六、其他需要报告的事项", "无。"]
    return "\n".join(lines)


def column(agency: Agency) -> CatalogueNode:
    node, _ = CatalogueNode.objects.get_or_create(agency=agency, section=CatalogueNode.ANNUAL_REPORTS,
                                                  parent=None, defaults={"title": "政府信息公开年报"})
    return node


def publish_document(agency: Agency, title: str, body: str, on: str, attachment: tuple[str, bytes] | None = None):
    doc = Document.objects.create(agency=agency, title=title, body=body, status=DocStatus.PUBLISHED,
                                  published_at=timezone.make_aware(dt.datetime.fromisoformat(on + "T10:00")))
    doc.columns.add(column(agency))
    if attachment:
        name, data = attachment
        att = DocumentAttachment(document=doc, original_name=name, content_type="application/octet-stream",
                                 size=len(data))
        att.file.save(name, ContentFile(data), save=True)
    return doc


@pytest.fixture
def published(tree, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # 甲局: its 2025 report compiled and published on the platform (two applications, one answered).
    first = received(tree["a"], staff["a_handler"], D("2025-03-03"))
    received(tree["a"], staff["a_handler"], D("2025-12-22"))
    conclude(first, staff["a_handler"], staff["a_reviewer"], D("2025-03-10"))
    report = report_services.create_report(tree["a"], 2025, staff["a_handler"])
    report_services.mark_reviewed(report, staff["a_handler"])
    report_services.approve(report, staff["a_reviewer"])
    report_services.publish(report, staff["a_reviewer"], on=D("2026-01-20"))
    # 乙局: reports typed into its 年报 column — 2024 carries 2 applications over, 2025 says 1 came in
    # from last year, and the 2025 予以公开 row adds up to 4 but prints 总计 5.
    publish_document(tree["b"], "测试市乙局2024年政府信息公开工作年度报告",
                     report_text("测试市乙局", 2024, {"new": (6, 0, 0, 0, 0, 0, 6), "disclosed": (4, 0, 0, 0, 0, 0, 4),
                                                 "processed_total": (4, 0, 0, 0, 0, 0, 4),
                                                 "carried_out": (2, 0, 0, 0, 0, 0, 2)}), "2025-01-20")
    publish_document(tree["b"], "测试市乙局2025年政府信息公开工作年度报告",
                     report_text("测试市乙局", 2025, {"new": (4, 0, 0, 0, 0, 0, 4),
                                                 "carried_in": (1, 0, 0, 0, 0, 0, 1),
                                                 "disclosed": (4, 0, 0, 0, 0, 0, 5),
                                                 "processed_total": (5, 0, 0, 0, 0, 0, 5)},
                                 intro="2025年共收到政府信息公开申请4件。"), "2026-02-05")
    return report


def _run(user, year=2025):
    return audit_published(user, year)


def _results(run, name):
    (row,) = [r for r in run["rows"] if r.agency.name == name]
    return row.results


def test_every_organ_gets_a_row_and_the_published_texts_are_audited(published, staff):
    run = _run(staff["supervisor"])
    assert [r.agency.name for r in run["rows"]] == ["测试市人民政府", "测试市甲局", "测试市乙局"]
    assert _results(run, "测试市人民政府") == [] and run["missing"] == 1

    (platform,) = _results(run, "测试市甲局")
    assert platform["origin"] == "platform" and platform["url"] == "/gk/reports/deptA/2025/"
    # What the platform published reads back cell for cell as the frozen figures.
    frozen = AnnualReport.objects.get(pk=published.pk).snapshot.tables
    for cid in rf.schema_for(rf.FORMAT_2021).cell_ids():
        assert rf.get_cell(platform["tables"], cid) == rf.get_cell(frozen, cid), cid
    assert platform["published_on"] == "2026-01-20"
    assert [f for f in platform["findings"] if f["severity"] == "error"] == []

    (typed,) = _results(run, "测试市乙局")
    rules = {f["rule"]: f for f in typed["findings"]}
    assert rules["row_sum"]["severity"] == "error" and "applications.disclosed.total" in rules["row_sum"]["cells"]
    assert "cross_year" in rules  # 上年结转 1 vs last year's 结转下年度 2
    assert "2" in rules["cross_year"]["message"] and "1" in rules["cross_year"]["message"]
    # The page gives the date beside the text: 5 February is after the departments' 31 January.
    assert typed["published_on"] == "2026-02-05" and "late_publication" in rules
    assert [r["year"] for r in run["previous"]] == [2024]


def test_attachment_is_read_and_a_body_pointing_to_it_is_not_reported(published, tree, staff):
    from docx import Document as Docx

    docx = Docx()
    for line in report_text("测试市人民政府", 2025, {"new": (1, 0, 0, 0, 0, 0, 1),
                                                "processed_total": (1, 0, 0, 0, 0, 0, 1)}).split("\n"):
        docx.add_paragraph(line)
    buf = io.BytesIO()
    docx.save(buf)
    publish_document(tree["gov"], "测试市人民政府2025年政府信息公开工作年度报告", "详见附件。", "2026-03-20",
                     attachment=("年报.docx", buf.getvalue()))
    (result,) = _results(_run(staff["supervisor"]), "测试市人民政府")
    assert result["label"].endswith("附件 年报.docx")
    assert result["tables"]["applications"]["new"]["total"] == 1
    # 一 + 二 = 1 but 三（七）+ 四 = 1 + 0: balanced; the error is the missing outcome (row 予以公开 0 vs 总计 1).
    assert {f["rule"] for f in result["findings"] if f["severity"] == "error"} == {"outcome_sum"}


def test_only_the_supervised_subtree_is_read(published, tree, staff, make_user):
    from gongkai.agencies.models import Membership

    other = Agency.objects.create(code="other", name="外市人民政府", kind=Agency.GOVERNMENT)
    publish_document(other, "外市人民政府2025年政府信息公开工作年度报告", report_text("外市人民政府", 2025, {}), "2026-03-01")
    names = [r.agency.name for r in _run(staff["supervisor"])["rows"]]
    assert "外市人民政府" not in names
    # A supervisor of 乙局 alone sees 乙局 only.
    narrow = make_user("narrow", tree["b"], Membership.SUPERVISOR)
    run = _run(narrow)
    assert [r.agency.name for r in run["rows"]] == ["测试市乙局"]
    assert all("甲局" not in (r["source"] or "") for r in run["previous"])


def test_page_one_click_from_the_dashboard(published, client, staff, django_capture_on_commit_callbacks):
    """The click starts a job (AuditRun); its page shows the result once the job has run."""
    from gongkai.auditor.models import AuditRun

    client.force_login(staff["supervisor"])
    dashboard = client.get(reverse("reports:dashboard") + "?year=2025").content.decode()
    assert reverse("auditor_staff:published") in dashboard and "审查 2025 年度已发布的年报" in dashboard
    assert "尚未审查2025年度" in client.get(reverse("auditor_staff:published"), {"year": "2025"}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the job runs when the request commits
        started = client.post(reverse("auditor_staff:published"), {"year": "2025"})
    run = AuditRun.objects.get()
    assert started.status_code == 302 and started["Location"] == reverse("auditor_staff:run", args=[run.pk])
    assert run.status == AuditRun.DONE and run.progress_done == run.progress_total == 3  # 甲局 2025; 乙局 2025 and 2024
    assert run.created_by == staff["supervisor"] and run.finished_at is not None
    page = client.get(started["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert 'http-equiv="refresh"' not in html
    assert "未找到已发布的年度报告" in html  # 测试市人民政府
    assert "申请人各列之和" in html and "跨年度结转" in html
    assert 'class="num fails"' in html  # the failing cell is marked in the official layout
    assert "/gk/reports/deptA/2025/" in html
    # Back on the page later: the stored result, without auditing again.
    again = client.get(reverse("auditor_staff:published"), {"year": "2025"}).content.decode()
    assert "申请人各列之和" in again and AuditRun.objects.count() == 1


def test_a_run_under_way_shows_progress_and_is_not_started_twice(published, client, staff):
    from gongkai.auditor.models import AuditRun
    from gongkai.auditor.published import execute_run

    client.force_login(staff["supervisor"])
    first = client.post(reverse("auditor_staff:published"), {"year": "2025"})  # no commit: the job waits
    second = client.post(reverse("auditor_staff:published"), {"year": "2025"})
    assert first["Location"] == second["Location"] and AuditRun.objects.count() == 1
    html = client.get(first["Location"]).content.decode()
    assert "排队中" in html and '<meta http-equiv="refresh" content="3">' in html and "<progress" in html
    run = AuditRun.objects.get()
    assert execute_run(run.pk).status == AuditRun.DONE
    assert execute_run(run.pk) is None  # a second delivery of the job does nothing
    assert "申请人各列之和" in client.get(first["Location"]).content.decode()


def test_a_run_is_seen_only_by_who_supervises_its_organs(published, tree, staff, client, make_user):
    from gongkai.agencies.models import Membership
    from gongkai.auditor.models import AuditRun
    from gongkai.auditor.published import execute_run
    from gongkai.auditor.tasks import start_run

    run = start_run(staff["supervisor"], 2025)
    execute_run(run.pk)
    url = reverse("auditor_staff:run", args=[run.pk])
    assert sorted(AuditRun.objects.get().agency_ids) == sorted([tree["gov"].pk, tree["a"].pk, tree["b"].pk])
    colleague = make_user("colleague", tree["gov"], Membership.SUPERVISOR)
    client.force_login(colleague)
    assert client.get(url).status_code == 200  # the same office supervises the same organs
    narrow = make_user("narrow", tree["b"], Membership.SUPERVISOR)
    client.force_login(narrow)
    assert client.get(url).status_code == 404  # 乙局's supervisor may not read 甲局's results
    assert "尚未审查" in client.get(reverse("auditor_staff:published"), {"year": "2025"}).content.decode()
    client.force_login(staff["a_handler"])
    assert client.get(url).status_code == 403


def test_a_failing_run_is_marked_and_recorded(published, staff, client, monkeypatch, django_capture_on_commit_callbacks):
    from gongkai.auditor import published as published_module
    from gongkai.auditor.models import AuditRun
    from gongkai.jobs.models import JobFailure

    def broken(*args, **kwargs):
        raise RuntimeError("读取失败")

    monkeypatch.setattr(published_module, "audit_agencies", broken)
    client.force_login(staff["supervisor"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("auditor_staff:published"), {"year": "2025"})
    run = AuditRun.objects.get()
    assert run.status == AuditRun.FAILED and "RuntimeError" in run.error
    failure = JobFailure.objects.get()
    assert failure.task_name.endswith("audit_published_reports") and failure.status == JobFailure.FAILED
    assert failure.arguments == str(run.pk)
    html = client.get(response["Location"]).content.decode()
    assert "审查未能完成" in html and "重新审查" in html


def test_page_refuses_who_is_not_a_supervisor(published, client, staff):
    url = reverse("auditor_staff:published")
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(staff["a_handler"])
    assert client.get(url).status_code == 403


def test_a_bad_year_falls_back_to_last_year(published, client, staff):
    client.force_login(staff["supervisor"])
    page = client.get(reverse("auditor_staff:published"), {"year": "abc"})
    assert page.status_code == 200
    assert f"{law_today.today().year - 1}年度" in page.content.decode()


def test_a_report_the_body_only_links_on_a_file_server_is_fetched_and_read(published, tree, staff, settings):
    """“附件：…年度报告.docx” with the file on the agency's file server: read the same way as an upload."""
    from docx import Document as Docx

    from gongkai.auditor.published import linked_files
    from gongkai.websites.tests.fixture_sites import Site

    settings.GONGKAI = {**settings.GONGKAI, "SITE_TIMEOUT": 2, "SITE_ALLOW_PRIVATE": True}  # the file server is local
    docx = Docx()
    for line in report_text("测试市人民政府", 2025, {"new": (1, 0, 0, 0, 0, 0, 1),
                                                "processed_total": (1, 0, 0, 0, 0, 0, 1)}).split("\n"):
        docx.add_paragraph(line)
    buf = io.BytesIO()
    docx.save(buf)
    files = Site().start()
    try:
        files.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
        files.add("/upload/nb2025.docx", buf.getvalue(), "application/octet-stream")
        link = files.url("/upload/nb2025.docx")
        body = f"附件：测试市人民政府2025年政府信息公开工作年度报告.docx（{link}）\n另见 {files.url('/private/x.pdf')}。"
        assert linked_files(body) == [link, files.url("/private/x.pdf")]
        assert linked_files(body, {"nb2025.docx"}) == [files.url("/private/x.pdf")]
        publish_document(tree["gov"], "测试市人民政府2025年政府信息公开工作年度报告", body, "2026-03-20")
        results = _results(_run(staff["supervisor"]), "测试市人民政府")
    finally:
        files.stop()
    (result,) = [r for r in results if r["tables"]]
    assert result["label"].endswith(link) and result["tables"]["applications"]["new"]["total"] == 1
    assert {f["rule"] for f in result["findings"] if f["severity"] == "error"} == {"outcome_sum"}
    assert "/private/x.pdf" not in files.paths()  # robots.txt kept
    settings.GONGKAI = {**settings.GONGKAI, "SITE_ALLOW_PRIVATE": False}  # the default: no internal address
    (refused,) = [r for r in _results(_run(staff["supervisor"]), "测试市人民政府") if r["label"].endswith(link)]
    assert not refused["tables"] and refused["findings"][0]["rule"] == "unreadable"
