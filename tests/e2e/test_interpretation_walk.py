"""年报解读 (issue 17 item 1) end to end in Debian's chromium: the handler generates the 解读 of the
approved and published 2025 report from its staff page, edits a figure (flagged, publication
blocked) and puts it back, the reviewer publishes; the public finds it in the 政府信息公开年报 column,
goes from the 解读 to the report and back, downloads the long image; the public and staff pages pass
axe-core (no serious or critical violation), also in 长者模式 and on a phone."""

import datetime as dt

import pytest
from django.core.cache import cache

from gongkai.publishing.context import SENIOR_COOKIE
from gongkai.reports import services
from gongkai.reports.tests.helpers import conclude, received
from tests.e2e.browser import AXE, CHROMIUM, axe_violations, browser_context

D = dt.date.fromisoformat
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium 未安装（apt-get install chromium）"),
    pytest.mark.skipif(not AXE.exists(), reason="axe-core 未安装（pip install axe-playwright-python）"),
]


def published_report(tree, staff):
    """测试市甲局's 2025 report, approved and published, with 2024 figures entered to compare with."""
    a, h, r = tree["a"], staff["a_handler"], staff["a_reviewer"]
    apps = [received(a, h, D(on)) for on in ("2025-02-03", "2025-03-03", "2025-04-07")]
    conclude(apps[0], h, r, D("2025-02-10"), "1")
    conclude(apps[1], h, r, D("2025-03-10"), "1")
    services.enter_past_report(a, 2024, {"applications": {"new": {"natural_person": 2, "total": 2}}}, h,
                               source_note="本机关网站公布的2024年年度报告")
    report = services.create_report(a, 2025, h)
    services.mark_reviewed(report, h)
    services.approve(report, r)
    services.publish(report, r, on=D("2026-01-20"))
    return report


def login(page, base, username):
    page.goto(f"{base}/staff/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("pw-123456")
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()


def no_violations(page, found, label):
    violations = axe_violations(page)
    if violations:
        found[label] = violations


@pytest.mark.django_db(transaction=True)
def test_generate_edit_publish_and_read_in_the_column(live_server, tree, staff):
    cache.clear()
    for user in staff.values():
        user.set_password("pw-123456")
        user.save()
    report = published_report(tree, staff)
    base, found = live_server.url, {}
    with browser_context() as ctx:
        page = ctx.new_page()
        login(page, base, "a_handler")
        page.goto(f"{base}/staff/reports/{report.pk}/")
        page.get_by_role("button", name="生成年报解读").click()
        page.wait_for_load_state()
        assert "全部数据与冻结数据一致" in page.locator("main").inner_text()
        no_violations(page, found, "staff")
        box = page.get_by_role("textbox", name="三、收到和处理政府信息公开申请情况")
        text = box.input_value()
        assert "【本年新收申请：3】件" in text and "【本年新收申请同比：同比增长50.0%】" in text
        box.fill(text.replace("【本年新收申请：3】", "【本年新收申请：5】"))
        page.get_by_role("button", name="保存并核对").click()
        page.wait_for_load_state()
        assert "“本年新收申请”写为5，与冻结数据3不符" in page.locator("main").inner_text()
        page.get_by_role("textbox", name="三、收到和处理政府信息公开申请情况").fill(text + "\n\n申请渠道更加便利。")
        page.get_by_role("button", name="保存并核对").click()
        page.wait_for_load_state()
        assert "全部数据与冻结数据一致" in page.locator("main").inner_text()
        staff_url = page.url

        ctx.clear_cookies()
        login(page, base, "a_reviewer")
        page.goto(staff_url)
        page.get_by_label("确认发布").check()
        page.get_by_role("button", name="发布解读").click()
        page.wait_for_load_state()
        assert "解读已发布" in page.locator("main").inner_text()

        ctx.clear_cookies()
        for senior in (False, True):
            if senior:
                ctx.add_cookies([{"name": SENIOR_COOKIE, "value": "1", "url": base}])
            page.goto(f"{base}/gk/reports/{report.agency.code}/")
            page.get_by_role("link", name="图解：测试市甲局2025年政府信息公开工作年度报告").click()
            page.wait_for_load_state()
            main = page.locator("main").inner_text()
            assert "申请渠道更加便利。" in main and "同比增长50.0%" in main and "【" not in main
            assert page.locator("figure svg[role=img]").count() >= 3
            assert page.locator("figure table.chart-data").count() == page.locator("figure").count()
            no_violations(page, found, f"public senior={senior}")
        page.set_viewport_size({"width": 375, "height": 800})
        no_violations(page, found, "public phone")
        with page.expect_download() as got:
            page.get_by_role("link", name="DOCX").click()
        assert got.value.suggested_filename.endswith(".docx")
        href = page.get_by_role("link", name="长图（PNG，适用于政务新媒体）").get_attribute("href")
        image = page.request.get(base + href)
        assert image.ok and image.body().startswith(b"\x89PNG")
        page.get_by_role("link", name="测试市甲局2025年政府信息公开工作年度报告").first.click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == "测试市甲局2025年政府信息公开工作年度报告"
        page.get_by_role("link", name="图解：测试市甲局2025年政府信息公开工作年度报告").click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text().startswith("图解：")
    assert found == {}, found


def past_interpretation(agency, handler, reviewer):
    """A published 解读 of the organ's 2024 report, entered as past figures (for the axe list of
    tests/e2e/test_accessibility.py): its page is /gk/reports/<code>/2024/interpretation/."""
    from gongkai.reports import interpretations

    tables = {"applications": {"new": {"natural_person": 3, "commercial": 1, "total": 4},
                               "disclosed": {"natural_person": 2, "total": 2},
                               "processed_total": {"natural_person": 2, "total": 2},
                               "carried_out": {"natural_person": 1, "commercial": 1, "total": 2}},
              "review_litigation": {"review": {"upheld": 1, "total": 1}}}
    past = services.enter_past_report(agency, 2024, tables, handler, source_note="本机关网站公布的2024年年度报告")
    return interpretations.publish(interpretations.generate(handler, past=past), reviewer)
