"""axe-core (the copy in the axe-playwright-python wheel; tests/e2e/browser.py) finds no serious or
critical violation of WCAG 2.1 A/AA (≈ GB/T 37668 level 2) on the pages issue 15 added or changed,
at desktop width and on a phone, in the normal display and in 长者模式 (the gk_senior cookie).

Public: home, an organ's column page, a catalogue column, a document, the library with facets, a
consultation, /apply/, the progress lookup and a case's progress page (a correction pending), the 429
page, the 建议提案办理结果 column searched and a result. Staff: sign-in, workbench, case page,
supervision, the 建议提案 list and a proposal.
"""

import datetime as dt
import re

import pytest
from django.core.cache import cache

from gongkai.applications import services
from gongkai.mailbox.models import Mailbox
from gongkai.proposals.tests.helpers import published_example
from gongkai.publishing.context import SENIOR_COOKIE
from gongkai.publishing.models import CatalogueNode, Validity
from gongkai.publishing.tests.test_public_pages import consultation, make_doc
from gongkai.search import index
from tests.e2e.browser import AXE, CHROMIUM, axe_violations, browser_context
from tests.e2e.test_interpretation_walk import past_interpretation

D = dt.date.fromisoformat
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium 未安装（apt-get install chromium）"),
    pytest.mark.skipif(not AXE.exists(), reason="axe-core 未安装（pip install axe-playwright-python）"),
]


@pytest.fixture
def site(tree, staff, received_app, pin_today, make_user):
    """Something on every page: documents in a catalogue column, an open consultation, a case awaiting
    a correction (with its notice) and a case decided, waiting for a signature."""
    pin_today(D("2025-03-03"))
    gov, a = tree["gov"], tree["a"]
    Mailbox.objects.create(agency=a, name="局长信箱")  # 领导信箱 (issue 17 item 3)
    root = CatalogueNode.objects.create(agency=a, title="法定主动公开内容", item_code="第二十条",
                                        section=CatalogueNode.STATUTORY)
    column = CatalogueNode.objects.create(agency=a, parent=root, title="行政规范性文件",
                                          section=CatalogueNode.STATUTORY, description="本机关规范性文件")
    docs = [make_doc(a, "关于户籍迁移的通知", when=dt.datetime(2024, 6, 1, 9, 0), body="户籍迁移的办理。"),
            make_doc(a, "户籍登记工作规则", when=dt.datetime(2021, 4, 1, 9, 0), validity=Validity.REPEALED),
            make_doc(gov, "关于印发政务公开工作要点的通知", when=dt.datetime(2025, 2, 1, 9, 0))]
    for doc in docs[:2]:
        doc.columns.add(column)
    index.rebuild()
    talk = consultation(tree, D("2025-02-20"), D("2025-03-20"), title="关于老旧小区改造方案的征求意见稿")
    waiting = received_app(on=D("2025-03-03"))
    services.request_correction(waiting, staff["a_handler"], D("2025-03-03"), items="1. 请写明房屋所在小区名称",
                                served_on=D("2025-03-03"))
    decided = received_app(on=D("2025-03-03"), name="李四")
    services.decide(decided, staff["a_handler"], D("2025-03-03"), outcome="1",
                    details={"published_where": "本机关门户网站"})
    proposal = published_example(tree, make_user)  # 建议提案办理结果 (issue 17 item 2)
    past_interpretation(a, staff["a_handler"], staff["a_reviewer"])  # 年报解读 (issue 17)
    return {"agency": a, "column": column, "doc": docs[0], "consultation": talk, "waiting": waiting,
            "decided": decided, "proposal": proposal}


def check(page, url, found):
    response = page.goto(url)
    assert response.status == 200, f"{url}: HTTP {response.status}"
    audit(page, page.url, found)


def audit(page, label, found):
    violations = axe_violations(page)
    if violations:
        found[label] = violations


def sign_in(page, base, username):
    page.goto(f"{base}/staff/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("pw-123456")
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("senior", [False, True], ids=["normal", "senior"])
@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.django_db(transaction=True)
def test_issue15_pages_have_no_serious_violations(live_server, settings, site, width, senior):
    cache.clear()
    settings.GONGKAI_RATE_LIMITS = {**getattr(settings, "GONGKAI_RATE_LIMITS", {}), "query_failed_ip": "1/h"}
    base = live_server.url
    found = {}
    with browser_context(viewport={"width": width, "height": 900}) as ctx:
        if senior:
            ctx.add_cookies([{"name": SENIOR_COOKIE, "value": "1", "url": base}])
        page = ctx.new_page()
        a = site["agency"]
        for path in ("/", f"/gk/{a.code}/", f"/gk/{a.code}/catalogue/",
                     f"/gk/{a.code}/catalogue/{site['column'].pk}/", f"/gk/docs/{site['doc'].pk}/",
                     "/gk/library/?q=户籍", f"/gk/consultations/{site['consultation'].pk}/",
                     "/mailbox/", f"/mailbox/{a.code}/", f"/mailbox/{a.code}/replies/", f"/mailbox/{a.code}/summary/",
                     "/mailbox/query/",  # issue 17 item 3
                     "/query/", f"/gk/reports/{a.code}/2024/interpretation/", f"/apply/?agency={a.code}"):
            check(page, base + path, found)
        # /apply/ with the suggestions of "ask before you apply" shown.
        page.get_by_label("所需信息的特征性描述").press_sequentially("户籍迁移", delay=20)
        page.locator("#suggestions a").first.wait_for()
        audit(page, "apply+suggestions", found)
        if senior:
            assert "senior" in (page.locator("body").get_attribute("class") or "").split(), "长者模式未生效"
        for path in (f"/gk/proposals/{a.code}/?q=电梯", f"/gk/proposals/{a.code}/{site['proposal'].pk}/"):
            check(page, base + path, found)  # 建议提案办理结果, searched, and a result

        # The progress page of a case awaiting a correction (the lookup puts it in this session).
        def look_up(name):
            page.goto(f"{base}/query/")
            page.get_by_label("自然人").check()
            page.get_by_label("姓名/名称").fill(name)
            page.get_by_label("查询号").fill(site["waiting"].tracking_code)
            page.get_by_role("button", name="查询").click()
            page.wait_for_load_state()

        look_up("王小明")
        assert "需要您补正" in page.locator("main").inner_text()
        audit(page, "progress", found)
        # Two failed lookups: the second is refused with the 429 page.
        look_up("张冠李戴")
        look_up("张冠李戴")
        assert page.locator("h1").inner_text() == "操作过于频繁"
        assert re.search(r"请于约\d+分钟后再试", page.locator("main").inner_text())
        audit(page, "429", found)

        check(page, f"{base}/staff/login/", found)
        sign_in(page, base, "a_reviewer")
        for path in ("/staff/?scope=agency&status=open", "/staff/mailbox/", "/staff/mailbox/statistics/",
                     f"/staff/applications/{site['waiting'].pk}/",
                     f"/staff/applications/{site['decided'].pk}/", "/staff/proposals/",
                     f"/staff/proposals/{site['proposal'].pk}/",
                     "/staff/publishing/dashboard/", "/staff/publishing/catalogue/"):  # issue 17 item 4
            check(page, base + path, found)
        ctx.clear_cookies()
        if senior:
            ctx.add_cookies([{"name": SENIOR_COOKIE, "value": "1", "url": base}])
        sign_in(page, base, "supervisor")
        for path in ("/staff/supervision/", "/staff/websites/"):  # issue 16 item 4: the website crawl
            check(page, base + path, found)
    assert found == {}, found


@pytest.mark.django_db(transaction=True)
def test_the_check_sees_a_violation(live_server, tree):
    """The check above can fail: a form field without a label, added to the home page, is reported."""
    with browser_context() as ctx:
        page = ctx.new_page()
        page.goto(live_server.url + "/")
        assert axe_violations(page) == []
        page.evaluate("document.querySelector('main').appendChild(document.createElement('input'))")
        assert "label" in {v["id"] for v in axe_violations(page)}
