"""The leak guard in Debian's chromium (issue 16 item 5): a draft with a workbook hiding a sheet of ID
numbers and a body with a mobile number reaches 保密审查; the 保密审查员 sees both findings with their
place, cannot pass the review, makes the clean copy with one click, accepts the body's number with a
reason, and passes. The page has no serious or critical axe-core violation, at desktop and phone width."""

import datetime as dt

import pytest
from django.core.cache import cache

from gongkai.agencies.models import Membership
from gongkai.publishing import services
from gongkai.publishing.models import DocStatus, Document
from gongkai.screening.tests import crafted as C
from tests.e2e.browser import AXE, CHROMIUM, axe_violations, browser_context, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium 未安装（apt-get install chromium）"),
    pytest.mark.skipif(not AXE.exists(), reason="axe-core 未安装（pip install axe-playwright-python）"),
]


def login(page, base, username):
    page.goto(f"{base}/staff/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("pw-123456")
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()


@pytest.mark.django_db(transaction=True)
def test_the_secrecy_reviewer_cleans_accepts_and_passes(live_server, tree, make_user):
    cache.clear()
    a = tree["a"]
    editor, reviewer = make_user("ed", a, Membership.EDITOR), make_user("rv", a, Membership.REVIEWER)
    secrecy = make_user("bm", a, Membership.SECRECY)
    secrecy.set_password("pw-123456")
    secrecy.save()
    doc = services.save_draft(a, editor, {"title": "关于临时救助对象的公示", "issuers": "测试市甲局",
                                          "signed_on": dt.date(2025, 6, 23), "body": f"联系电话{C.MOBILE}",
                                          "disclosure_attribute": "proactive"})
    services.add_attachment(doc, editor, name="救助名单.xlsx", content=C.xlsx_hidden_sheet())
    services.submit(Document.objects.get(pk=doc.pk), editor)
    services.section_approve(Document.objects.get(pk=doc.pk), reviewer, "同意")
    base = live_server.url
    with browser_context() as ctx:
        page = ctx.new_page()
        login(page, base, "bm")
        page.goto(f"{base}/staff/publishing/{doc.pk}/")
        page.get_by_role("button", name="重新检查附件").click()  # the job does not run in this test
        page.wait_for_load_state()
        panel = page.locator("#leak-guard")
        assert "工作表“附表”（隐藏）" in panel.inner_text() and C.ID_NO not in panel.inner_text()
        assert axe_violations(page) == []
        shot(page, "leak-01-findings")
        page.set_viewport_size({"width": 375, "height": 800})  # the findings table fits a phone
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        assert axe_violations(page) == []
        page.set_viewport_size({"width": 1280, "height": 900})
        approve = page.get_by_role("button", name="保密审查通过")  # disabled, and says why
        assert approve.is_disabled() and approve.get_attribute("aria-disabled") == "true"
        why = page.locator("#" + approve.get_attribute("aria-describedby"))
        assert "暂不能通过保密审查" in why.inner_text() and why.locator('a[href="#leak-guard"]').count() == 1
        page.get_by_role("button", name="生成清理副本并替换").click()
        page.wait_for_load_state()
        assert "已替换为清理副本" in page.locator(".messages").inner_text()
        page.get_by_label("接受理由").fill("系本局公开的值班电话")
        page.get_by_role("button", name="接受", exact=True).click()
        page.wait_for_load_state()
        assert "已接受：系本局公开的值班电话" in page.locator("#leak-guard").inner_text()
        page.set_viewport_size({"width": 375, "height": 800})
        assert axe_violations(page) == []
        page.get_by_role("button", name="保密审查通过").click()
        page.wait_for_load_state()
        shot(page, "leak-02-passed")
    assert Document.objects.get(pk=doc.pk).status == DocStatus.APPROVED
