"""年报体检 end to end in Debian's chromium: paste two years of one district's reports (PDF text), see
the summary table, the findings in plain Chinese and the failing cells of table 四 marked by ✗ and
screen-reader text; upload a file; the page passes axe-core (no serious or critical violations) at
desktop width and at 320 px."""

import pytest
from django.core.cache import cache

from gongkai.law.tests.report_fixtures import DATA, T02, T03
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
