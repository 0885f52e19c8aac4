"""The supervisor's pages: upload the list, start the crawl (a job), read the summary, download it;
only supervisors, and a run only for its starter or who supervises its organs."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.websites import runs
from gongkai.websites.models import CrawlRun
from gongkai.websites.tests.fixture_sites import build_world


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(settings, monkeypatch):
    settings.GONGKAI = {**settings.GONGKAI, "SITE_TIMEOUT": 0.3, "SITE_ALLOW_PRIVATE": True}  # fixture sites on loopback
    real = runs.make_fetcher
    monkeypatch.setattr(runs, "make_fetcher", lambda sites, delay, **kw: real(sites, delay, sleep=lambda s: None, **kw))
    w = build_world(slow=1.0)
    yield w
    w.stop()


def upload(world, organs):
    lines = "organ,url\n" + "".join(f"{s['organ']},{s['url']}\n" for s in world.sites if s["organ"] in organs)
    return SimpleUploadedFile("sites.csv", lines.encode("utf-8"), content_type="text/csv")


def test_a_supervisor_uploads_the_list_and_reads_the_summary(world, client, staff, pin_today,
                                                             django_capture_on_commit_callbacks):
    pin_today(dt.date(2025, 6, 1))
    client.force_login(staff["supervisor"])
    dashboard = client.get(reverse("reports:dashboard")).content.decode()
    assert reverse("websites:crawls") in dashboard
    assert "开始抓取" in client.get(reverse("websites:crawls")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(reverse("websites:crawls"),
                              {"year": "2024", "sites": upload(world, ["测试市教育局", "测试市交通运输局"])})
    run = CrawlRun.objects.get()
    assert started.status_code == 302 and started["Location"] == reverse("websites:run", args=[run.pk])
    assert run.status == CrawlRun.DONE and run.created_by == staff["supervisor"] and run.delay == 1.0
    html = client.get(started["Location"]).content.decode()
    assert 'http-equiv="refresh"' not in html
    assert world.main.url("/jyj/nb/2024.html") in html and "与上年报告雷同（相似度" in html
    assert "所列页面不存在（HTTP 404）" in html
    csv_text = client.get(reverse("websites:export", args=[run.pk, "csv"])).content.decode("utf-8-sig")
    assert csv_text.startswith("organ,url,status,report_url,year,late,errors,warnings")
    assert "测试市交通运输局" in csv_text and "not_found" in csv_text
    xlsx = client.get(reverse("websites:export", args=[run.pk, "xlsx"]))
    from openpyxl import load_workbook

    assert load_workbook(io.BytesIO(xlsx.content)).active.max_row == 4
    # the last list can be used again
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("websites:crawls"), {"year": "2024", "reuse": "on"})
    assert CrawlRun.objects.count() == 2 and CrawlRun.objects.first().sites == run.sites


def test_bad_lists_are_refused_in_chinese_and_start_nothing(world, client, staff):
    client.force_login(staff["supervisor"])
    bad = SimpleUploadedFile("sites.csv", "机关名,地址\n甲,http://x\n".encode(), content_type="text/csv")
    html = client.post(reverse("websites:crawls"), {"year": "2024", "sites": bad}).content.decode()
    assert "列名 organ,url" in html
    html = client.post(reverse("websites:crawls"), {"year": "2024"}).content.decode()
    assert "请上传网站清单" in html
    assert not CrawlRun.objects.exists()


def test_a_run_is_seen_only_by_its_starter_or_who_supervises_its_organs(world, client, staff, tree, make_user):
    from gongkai.agencies.models import Membership
    from gongkai.websites.tasks import start_run

    run = start_run(staff["supervisor"], 2024, [{"organ": "测试市交通运输局", "url": world.sites[3]["url"]}])
    runs.execute_run(run.pk)
    url = reverse("websites:run", args=[run.pk])
    client.force_login(make_user("colleague", tree["gov"], Membership.SUPERVISOR))
    assert client.get(url).status_code == 200
    client.force_login(make_user("narrow", tree["b"], Membership.SUPERVISOR))
    assert client.get(url).status_code == 404
    assert client.get(reverse("websites:export", args=[run.pk, "csv"])).status_code == 404
    client.force_login(staff["a_handler"])
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(reverse("websites:crawls")).status_code == 302


def test_runs_from_the_web_never_fetch_internal_addresses_by_default(world, staff, settings):
    from gongkai.websites.tasks import start_run

    settings.GONGKAI = {**settings.GONGKAI, "SITE_ALLOW_PRIVATE": False}
    run = start_run(staff["supervisor"], 2024, [world.sites[0]])
    runs.execute_run(run.pk)
    (row,) = CrawlRun.objects.get(pk=run.pk).results.all()
    assert row.status == "unreachable" and "内网" in row.note and world.main.log == []


def test_copying_the_report_the_organ_published_on_the_platform_last_year_is_flagged(world, tree, staff, pin_today):
    """No last-year report in the column: the organ's own report on the platform is compared."""
    from gongkai.reports import render as report_render
    from gongkai.reports import services as report_services
    from gongkai.reports.drafting import save_narrative
    from gongkai.reports.tests.helpers import conclude, received
    from gongkai.websites.tasks import start_run
    from gongkai.websites.tests.fixture_sites import column

    pin_today(dt.date(2024, 6, 1))
    first = received(tree["a"], staff["a_handler"], dt.date(2023, 3, 3))
    conclude(first, staff["a_handler"], staff["a_reviewer"], dt.date(2023, 3, 10))
    report = report_services.create_report(tree["a"], 2023, staff["a_handler"])
    save_narrative(report, staff["a_handler"], {
        "overview": "本局坚持以公开为常态、不公开为例外，围绕中心工作推进政务公开标准化规范化，完善主动公开目录，"
                    "加强政策解读和回应关切，依法办理政府信息公开申请，强化政府网站和政务新媒体管理。",
        "problems": "存在的主要问题是政策解读形式较为单一，基层政务公开标准化建设有待深化。下一步将丰富解读形式，"
                    "加强业务培训，推动公开工作提质增效。"})
    report.refresh_from_db()
    report_services.mark_reviewed(report, staff["a_handler"])
    report_services.approve(report, staff["a_reviewer"])
    report_services.publish(report, staff["a_reviewer"], on=dt.date(2024, 1, 20))
    html = report_render.to_html_document(report_services.report_doc(report)).replace("2023", "2024")
    world.main.add("/a/nb/index.html", column("年报", [("/a/nb/2024.html", "测试市甲局2024年政府信息公开工作年度报告")]))
    world.main.add("/a/nb/2024.html", html.replace("<body>", "<body><p>发布时间：2025-01-20</p>", 1))
    pin_today(dt.date(2025, 6, 1))
    run = start_run(staff["supervisor"], 2024, [{"organ": tree["a"].name, "url": world.main.url("/a/nb/index.html")}])
    runs.execute_run(run.pk)
    (row,) = CrawlRun.objects.get(pk=run.pk).results.all()
    assert row.status == "found" and row.previous_url == reverse("reports_public:detail", args=[tree["a"].code, 2023])
    assert row.similarity > 0.6 and any(f["rule"] == "copy_paste" for f in row.findings)
