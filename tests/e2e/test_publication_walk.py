"""Proactive publication end to end in Debian's chromium: an editor drafts a normative document and
its interpretation, section review and secrecy review pass, it is published; it appears in the
column and the library; search finds it by 文号 (another bracket variant) and by a two-character
word; it is repealed and the banner shows. Key public pages pass axe-core (no serious or critical
violations) at desktop width and at 320 px, in normal and 长者模式."""

import re

import pytest
from django.core.cache import cache

from gongkai.agencies.models import Membership
from gongkai.law import today as law_today
from tests.e2e.browser import AXE, CHROMIUM, axe_violations, browser_context, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium 未安装（apt-get install chromium）"),
]


def login(page, base, username):
    page.goto(f"{base}/staff/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("pw-123456")
    page.get_by_role("button", name="登录").click()


def click_and_ok(page, button):
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()
    assert page.locator(".messages .success").count() == 1, page.locator("main").inner_text()[:400]


@pytest.mark.django_db(transaction=True)
def test_publish_find_repeal(live_server, tree, make_user):
    cache.clear()
    a = tree["a"]
    a.uscc = "11441700007280420Y"
    a.save()
    officer = make_user("pub", a, Membership.EDITOR, Membership.REVIEWER, Membership.SECRECY)
    officer.set_password("pw-123456")
    officer.save()
    checker = make_user("chk", a, Membership.REVIEWER, Membership.SECRECY)  # nobody approves their own draft
    checker.set_password("pw-123456")
    checker.save()
    base = live_server.url
    with browser_context() as ctx:
        page = ctx.new_page()
        login(page, base, "pub")
        # 1. Draft a normative document with a 文号 in ASCII brackets and put it in the Art. 20（一）column.
        page.goto(f"{base}/staff/publishing/new/")
        page.get_by_label("标题").fill("示例市户籍制度改革实施办法")
        page.get_by_label("发文字号").fill("测甲规[2026]1号")
        page.get_by_label("发文机关").fill("测试市甲局")
        page.get_by_label("文种").select_option("行政规范性文件")
        page.get_by_label("主题分类").fill("公安、安全、司法\\公安")
        page.get_by_label("内容概述").fill("放宽城镇落户条件，推进居住证制度，完善配套政策。")
        page.get_by_label("正文").fill("为深化户籍制度改革，促进有能力在城镇稳定就业和生活的常住人口落户，制定本办法。")
        page.get_by_label(re.compile("第二十条（一）")).check()
        shot(page, "p01-draft")
        page.get_by_role("button", name="保存草稿").click()
        page.wait_for_load_state()
        assert "测甲规〔2026〕1号" in page.content()
        doc_url = page.url

        # 2. Interpretation (谁起草、谁解读), then the review chain.
        page.get_by_role("link", name="新增解读").click()
        page.get_by_label("标题").fill("《示例市户籍制度改革实施办法》政策解读")
        page.get_by_label("解读形式").select_option("问答")
        page.get_by_label("解读内容").fill("一、出台背景……二、主要措施……三、与原政策相比的变化……")
        click_and_ok(page, "保存并关联")
        click_and_ok(page, "提交科室审核")
        assert page.get_by_role("button", name="科室审核通过", exact=True).count() == 0  # not for the author
        other = ctx.browser.new_context(locale="zh-CN")  # a second person, signed in on their own
        review = other.new_page()
        login(review, base, "chk")
        review.goto(doc_url)
        click_and_ok(review, "科室审核通过")
        click_and_ok(review, "保密审查通过")
        other.close()
        page.reload()
        page.get_by_label("我已核对文件内容、公开属性和发布日期，确认向社会公开发布").check()
        click_and_ok(page, "发布")
        # The 索引号 carries the year of publication: today's year (GONGKAI_TODAY may pin it).
        assert f"11441700007280420Y/{law_today.today().year}-00001" in page.content()
        shot(page, "p02-published-staff")
        public_url = page.get_by_role("link", name="查看公开页面").get_attribute("href")

        # 3. It appears in the column (catalogue) and the library.
        pub = ctx.new_page()
        pub.goto(f"{base}/gk/{a.code}/catalogue/")
        pub.get_by_role("link", name=re.compile("行政法规、规章和规范性文件")).first.click()
        assert pub.get_by_role("link", name="示例市户籍制度改革实施办法").count() == 1
        pub.goto(f"{base}/gk/library/")
        assert pub.get_by_text("示例市户籍制度改革实施办法").count() >= 1

        # 4. Search by 文号 in another bracket variant, and by a two-character word.
        for query in ("测甲规（2026）第1号", "户籍"):
            pub.goto(f"{base}/gk/library/")
            pub.get_by_label("检索词").fill(query)
            pub.get_by_role("button", name=re.compile("^检索")).first.click()
            pub.wait_for_load_state()
            first = pub.locator("main ol li, main .result").first
            assert "户籍制度改革实施办法" in first.inner_text(), query
        shot(pub, "p03-library-search")

        # 5. The document page: metadata, interpretation link, no banner yet.
        pub.goto(base + public_url)
        body = pub.content()
        assert "索引号" in body and "测甲规〔2026〕1号" in body and "政策解读" in body
        assert "已废止" not in pub.locator("main").inner_text()

        # 6. Repeal it in the workbench; the public page shows the banner.
        page.goto(doc_url)
        page.get_by_label("有效性").select_option("repealed")
        page.get_by_label("变更日期").fill(law_today.today().isoformat())
        click_and_ok(page, "保存有效性")
        pub.goto(base + public_url)
        assert "本文件已废止" in pub.locator("main").inner_text()
        shot(pub, "p04-repealed-banner")


@pytest.mark.skipif(not AXE.exists(), reason="axe-core 未安装（pip install -e .[dev]）")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1280, 320])
def test_key_pages_pass_axe(live_server, tree, width):
    """GB/T 37668 level 2 ≈ WCAG 2.x AA: zero serious or critical axe-core violations."""
    import datetime as dt

    from gongkai.publishing.models import Document, Interpretation

    cache.clear()
    doc = Document.objects.create(
        agency=tree["a"], title="关于做好义务教育招生入学工作的通知", doc_no="测甲发〔2026〕3号", issuers="测试市甲局",
        signed_on=dt.date(2026, 3, 1), published_at=law_today.now(), status="published", validity="repealed",
        disclosure_attribute="proactive", index_no="X/2026-00001", subject="科技、教育\\教育", body="正文",
    )
    interp = Interpretation.objects.create(agency=tree["a"], title="解读", body="解读正文", published_at=law_today.now())
    interp.documents.add(doc)
    from gongkai.search import index

    index.rebuild()
    pages = ["/", f"/gk/{tree['a'].code}/", f"/gk/{tree['a'].code}/guide/", f"/gk/{tree['a'].code}/catalogue/",
             "/gk/library/", "/gk/library/?q=义务教育", f"/gk/docs/{doc.pk}/", f"/gk/interpretations/{interp.pk}/",
             "/apply/", "/query/", "/gk/consultations/"]
    failures = {}
    with browser_context(viewport={"width": width, "height": 800}) as ctx:
        page = ctx.new_page()
        for senior in (False, True):
            if senior:
                page.goto(live_server.url + "/")
                page.get_by_role("button", name=re.compile("长者模式")).first.click()
                page.wait_for_load_state()
            for path in pages:
                page.goto(live_server.url + path)
                found = axe_violations(page)
                if found:
                    failures[(senior, path)] = found
                overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
                if overflow:
                    failures[(senior, path, "horizontal-scroll")] = True
        shot(page, f"axe-senior-{width}")
    import pprint

    assert failures == {}, pprint.pformat(failures, width=150)
