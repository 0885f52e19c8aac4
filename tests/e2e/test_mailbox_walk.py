"""领导信箱 end to end in Debian's chromium (issue 17 item 3): home → 互动交流 → an organ's mailbox →
write a message (consent asked, default no) → the 查询号 shown once → the progress query → the reply
on the progress page once the organ answered → the reply published (consent) on the mailbox page.
axe-core finds no serious or critical violation on the pages walked. Staff steps go through the
services (the staff screens are covered by gongkai/mailbox/tests)."""

import datetime as dt

import pytest
from django.core.cache import cache

from gongkai.mailbox import services
from gongkai.mailbox.models import Mailbox, Message
from tests.e2e.browser import AXE, CHROMIUM, axe_violations, browser_context

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium 未安装（apt-get install chromium）"),
    pytest.mark.skipif(not AXE.exists(), reason="axe-core 未安装（pip install axe-playwright-python）"),
]


def audit(page, label, found):
    violations = axe_violations(page)
    if violations:
        found[label] = violations


@pytest.mark.django_db(transaction=True)
def test_message_reference_and_progress(live_server, tree, staff, pin_today):
    pin_today(dt.date(2025, 3, 3))
    cache.clear()
    Mailbox.objects.create(agency=tree["a"], name="局长信箱")
    base, found = live_server.url, {}
    with browser_context() as ctx:
        page = ctx.new_page()
        page.goto(base + "/")
        page.get_by_role("link", name="领导信箱").click()
        audit(page, "index", found)
        page.get_by_role("link", name="局长信箱").click()
        assert page.locator("h1").inner_text() == "测试市甲局局长信箱"
        assert page.get_by_label("不同意公开（默认）", exact=False).is_checked()
        audit(page, "organ", found)
        # A wrong phone first: a Chinese message, nothing lost.
        page.get_by_label("姓名", exact=True).fill("张三丰")
        page.get_by_label("联系电话").fill("12345")
        page.get_by_label("咨询").check()
        page.get_by_label("标题").fill("老旧小区改造何时开工")
        page.get_by_label("来信内容").fill("请问我们小区的改造什么时候开工？")
        page.get_by_label("同意公开：", exact=False).check()
        page.get_by_role("button", name="提交来信").click()
        assert "来信未提交" in page.locator("main").inner_text()
        assert page.get_by_label("标题").input_value() == "老旧小区改造何时开工"
        audit(page, "organ+errors", found)
        page.get_by_label("联系电话").fill("13812341234")
        page.get_by_role("button", name="提交来信").click()
        reference = page.locator("#mailbox-reference").inner_text().strip()
        msg = Message.objects.get()
        assert reference == msg.reference and msg.consent_publish
        audit(page, "done", found)
        # The progress query from a fresh session.
        ctx.clear_cookies()
        page.goto(base + "/mailbox/query/")
        audit(page, "query", found)
        page.get_by_label("查询号").fill(reference.lower())
        page.get_by_label("姓名", exact=True).fill("张三丰")
        page.get_by_role("button", name="查询").click()
        assert page.locator("#mailbox-status").inner_text() == "待受理"
        audit(page, "progress", found)
        # The organ answers; the writer sees the reply; it is published with consent.
        msg = services.accept(msg, staff["a_handler"])
        msg = services.draft_reply(msg, staff["a_handler"], "您好！您所在小区计划于下季度开工。")
        msg = services.approve(msg, staff["a_reviewer"])
        services.publish(msg, staff["a_handler"])
        page.reload()
        assert page.locator("#mailbox-status").inner_text() == "已答复"
        assert "计划于下季度开工" in page.locator("main").inner_text()
        audit(page, "progress+reply", found)
        page.goto(base + "/mailbox/deptA/")
        page.get_by_role("link", name="老旧小区改造何时开工").click()
        text = page.locator("main").inner_text()
        assert "张**" in text and "张三丰" not in text and "13812341234" not in text
        audit(page, "published reply", found)
    assert found == {}, found
