"""建议提案办理 end to end in Debian's chromium (issue 17 item 2): a handler registers a 人大代表建议 with a
co-handling organ, the co-handler adds its opinion, the handler answers with a 复文 (B类) and submits
the full text for publication; 科室审核 and 保密审查 pass and it is published; a visitor opens the
organ's 政府信息公开 column, follows 建议提案办理 in the column tree to the 建议提案办理结果 column,
searches it, filters it and reads the 复文 with the proposer's mobile number masked. axe-core finds no
serious or critical violation on the pages walked, at desktop width and on a phone."""

import pytest
from django.core.cache import cache

from gongkai.agencies.models import Membership
from gongkai.law import today as law_today
from gongkai.proposals.models import Proposal
from gongkai.publishing import services as publishing
from tests.e2e.browser import AXE, CHROMIUM, axe_violations, browser_context, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.heavy,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium 未安装（apt-get install chromium）"),
]


def login(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/staff/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("pw-123456")
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()


def submit(page, section):
    page.locator(f"#action-{section} summary").click()
    return page.locator(f"#action-{section}")


def ok(page):
    page.wait_for_load_state()
    assert page.locator(".messages .success").count() == 1, page.locator("main").inner_text()[:400]


def audit(page, label, found):
    if AXE.exists():
        violations = axe_violations(page)
        if violations:
            found[label] = violations


@pytest.mark.django_db(transaction=True)
def test_register_answer_publish_and_find(live_server, tree, make_user):
    cache.clear()
    a, b = tree["a"], tree["b"]
    people = {}
    for name, agency, roles in (("handler", a, (Membership.HANDLER, Membership.EDITOR)),
                                ("reviewer", a, (Membership.HANDLER, Membership.REVIEWER)),
                                ("secrecy", a, (Membership.SECRECY,)), ("co", b, (Membership.HANDLER,))):
        people[name] = make_user(f"w_{name}", agency, *roles)
        people[name].set_password("pw-123456")
        people[name].save()
    today = law_today.today()
    base, found = live_server.url, {}
    with browser_context() as ctx:
        page = ctx.new_page()
        login(page, base, "w_handler")
        page.get_by_role("link", name="建议提案").click()
        audit(page, "staff list", found)
        page.get_by_role("link", name="登记建议提案").click()
        page.get_by_label("人大代表建议").check()
        page.get_by_label("届次会议").fill("测试市第十七届人民代表大会第五次会议")
        page.get_by_label("编号").fill("第88号")
        page.get_by_label("标题").fill("关于加快老旧小区加装电梯的建议")
        page.get_by_label("代表或委员").fill("张建国（13812341234）")
        page.get_by_label(b.name).check()
        page.get_by_label("交办日期").fill(today.isoformat())
        audit(page, "register", found)
        page.get_by_role("button", name="登记").click()
        ok(page)
        p = Proposal.objects.get()
        assert p.due_on > today and "答复期限" in page.locator("main").inner_text()

        login(page, base, "w_co")
        page.goto(f"{base}/staff/proposals/{p.pk}/")
        form = submit(page, "opinion")
        form.get_by_label("会办意见").fill("乙局同意加装电梯的财政补助方案")
        form.get_by_role("button", name="提交").click()
        ok(page)

        login(page, base, "w_handler")
        page.goto(f"{base}/staff/proposals/{p.pk}/")
        form = submit(page, "answer")
        form.get_by_label("B类：正在解决或列入计划").check()
        form.get_by_label("复文内容").fill("张建国代表：\n您提出的加装电梯建议已列入明年计划，联系电话13812341234。")
        form.get_by_role("button", name="提交").click()
        ok(page)
        audit(page, "staff detail", found)
        form = submit(page, "publish")
        form.get_by_label("公开复文全文").check()
        form.get_by_role("button", name="提交").click()
        ok(page)
        assert "待科室审核" in page.locator("main").inner_text()
        shot(page, "proposals-staff-detail")

    p.refresh_from_db()
    publishing.section_approve(p.document, people["reviewer"])
    publishing.secrecy_approve(p.document, people["secrecy"])
    publishing.publish(p.document, people["handler"])

    for width in (1280, 375):
        with browser_context(viewport={"width": width, "height": 900}) as ctx:
            page = ctx.new_page()
            page.goto(f"{base}/gk/{a.code}/catalogue/")
            if width < 600:
                page.get_by_text("栏目导航").click()
            page.locator("nav, aside").get_by_role("link", name="建议提案办理").first.click()
            page.wait_for_load_state()
            assert page.locator("h1").inner_text() == "建议提案办理结果"
            page.get_by_label("关键词").fill("电梯")
            page.get_by_label("类别").select_option(label="人大代表建议")
            page.get_by_role("button", name="检索").click()
            page.wait_for_load_state()
            assert "关于加快老旧小区加装电梯的建议" in page.locator("main").inner_text()
            audit(page, f"public list {width}", found)
            page.get_by_label("办理结果分类").select_option(label="A类：已解决或采纳")
            page.get_by_role("button", name="检索").click()
            page.wait_for_load_state()
            assert "没有符合条件的办理结果" in page.locator("main").inner_text()
            page.get_by_label("办理结果分类").select_option(label="B类：正在解决或列入计划")
            page.get_by_role("button", name="检索").click()
            page.get_by_role("link", name="关于加快老旧小区加装电梯的建议").click()
            page.wait_for_load_state()
            text = page.locator("main").inner_text()
            assert "复文全文" in text and "已列入明年计划" in text
            assert "13812341234" not in text and "138****1234" in text
            audit(page, f"public detail {width}", found)
            shot(page, f"proposals-public-{width}")
    assert found == {}, found
