"""年报体检 end to end in Debian's chromium: paste two years of one district's reports (PDF text), see
the summary table, the findings in plain Chinese and the failing cells of table 四 marked by ✗ and
screen-reader text; upload a file; the page passes axe-core (no serious or critical violations) at
desktop width and at 320 px."""

import pytest
from django.core.cache import cache

from gongkai.auditor.tests.test_published import published  # noqa: F401 (fixture)
from gongkai.reportreader.tests.report_fixtures import DATA, T02, T03
from tests.e2e.browser import AXE, CHROMIUM, axe_violations, browser_context, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium 未安装（apt-get install chromium）"),
]


@pytest.mark.django_db(transaction=True)
def test_audit_pasted_reports_and_an_upload(live_server, tmp_path):
    cache.clear()
    base = live_server.url
    text = (DATA / T02).read_text(encoding="utf-8") + "\n" + (DATA / T03).read_text(encoding="utf-8")
    with browser_context() as ctx:
        page = ctx.new_page()
        page.goto(f"{base}/audit/")
        page.get_by_label("粘贴年度报告全文").fill(text)
        page.get_by_role("button", name="开始体检").click()
        page.wait_for_load_state()
        main = page.locator("main")
        assert "共 2 份报告" in main.inner_text()
        assert page.locator("article.audit-report").count() == 2
        first = page.locator("article.audit-report").first
        assert "错误 · 复议、诉讼总计" in first.inner_text()
        failing = first.locator("table.audit-table.review_litigation td.fails")
        assert failing.count() >= 6  # 维持 10, 纠正 1, … and 总计 0 of 行政复议; 复议后起诉 likewise
        assert "有误" in failing.first.inner_text()
        second = page.locator("article.audit-report").nth(1)
        assert "正文与表格不一致" in second.inner_text() and "17" in second.inner_text()
        shot(page, "audit01-results")
        if AXE.exists():
            assert axe_violations(page) == []
            page.set_viewport_size({"width": 320, "height": 800})
            assert axe_violations(page) == []
            shot(page, "audit02-results-320")
            page.set_viewport_size({"width": 1280, "height": 900})

        # Upload the HTML of another report.
        upload = tmp_path / "report.html"
        upload.write_bytes((DATA / "html/shanghai_office_2019.html").read_bytes())
        page.goto(f"{base}/audit/")
        page.get_by_label("或上传文件").set_input_files(str(upload))
        page.get_by_role("button", name="开始体检").click()
        page.wait_for_load_state()
        assert "上海市人民政府办公厅 2019 年度" in page.locator("main").inner_text()
        shot(page, "audit03-upload")


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("published")
def test_supervisor_audits_published_reports_in_one_click(live_server, staff):
    """From the report dashboard, one button audits what the supervised organs published: the
    platform's own report reads back clean, 乙局's typed report shows its row-sum error, the
    carry-over mismatch with its 2024 report and its late date; 测试市人民政府 published nothing."""
    cache.clear()
    base = live_server.url
    with browser_context() as ctx:
        page = ctx.new_page()
        page.goto(f"{base}/staff/login/")
        page.get_by_label("用户名").fill("supervisor")
        page.get_by_label("密码").fill("pw-123456")
        page.get_by_role("button", name="登录").click()
        page.goto(f"{base}/staff/reports/dashboard/?year=2025")
        page.get_by_role("button", name="审查 2025 年度已发布的年报").click()
        page.wait_for_load_state()
        main = page.locator("main")
        text = main.inner_text()
        assert "审查已发布年报：2025年度" in text
        assert "未找到已发布的年度报告" in text
        summary = page.locator("table.audit-summary")
        assert "测试市乙局" in summary.inner_text() and "申请人各列之和" in summary.inner_text()
        typed = page.locator("article.audit-report", has_text="测试市乙局")
        assert "跨年度结转" in typed.inner_text() and "发布逾期" in typed.inner_text()
        assert typed.locator("table.audit-table.applications td.fails").count() >= 1
        shot(page, "audit04-supervisor")
        if AXE.exists():
            assert axe_violations(page) == []
            page.set_viewport_size({"width": 320, "height": 800})
            assert axe_violations(page) == []
