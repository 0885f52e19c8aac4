"""Issue 15 end to end in Debian's chromium: the applicant's online case with the e-mails it sends
(receipt, correction requested, correction received, answer) and the correction sent from the progress
page; ask before you apply; home → open consultation → comment; the library's facets and a
traditional-character query; a reviewer's landing page; the workbench as cards on a phone.

Staff steps go through the service functions (test_application_walk.py walks the staff screens).
E-mails: Django's locmem outbox, Huey immediate (gongkai/settings_test.py). Screenshots: var/screenshots/.
"""

import datetime as dt
import io
import re

import pytest
from django.core import mail
from django.core.cache import cache

from conftest import VALID_ID
from gongkai.applications import services
from gongkai.applications.models import Application, EventKind, Status
from gongkai.publishing.models import Comment, Validity
from gongkai.publishing.tests.test_public_pages import consultation, make_doc
from gongkai.search import index
from tests.e2e.browser import CHROMIUM, browser_context, shot

D = dt.date.fromisoformat
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium 未安装（apt-get install chromium）"),
]


def png_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def fill_application(page, description):
    page.get_by_label("自然人").check()
    page.get_by_label("姓名", exact=True).fill("陈晓")
    page.get_by_label("证件类型").select_option("resident_id")
    page.get_by_label("证件号码", exact=True).fill(VALID_ID)
    page.get_by_label("联系电话").fill("13900001111")
    page.get_by_label("通信地址").fill("测试市某区某街道8号")
    page.get_by_label("电子邮箱").fill("chenxiao@example.com")
    page.get_by_label("所需信息的特征性描述").fill(description)


def sign_in(page, base, username):
    page.goto(f"{base}/staff/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("pw-123456")
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()


def subjects():
    return [m.subject for m in mail.outbox]


@pytest.mark.django_db(transaction=True)
def test_apply_correct_online_and_download_the_answer(live_server, settings, tree, staff, pin_today, tmp_path):
    cache.clear()
    settings.GONGKAI = {**settings.GONGKAI, "PUBLIC_BASE_URL": live_server.url}
    base = live_server.url
    handler = staff["a_reviewer"]  # handler and unit head of 甲局
    proof = tmp_path / "id.png"
    proof.write_bytes(png_bytes())
    pin_today(D("2025-03-03"))
    with browser_context() as ctx:
        page = ctx.new_page()
        # 1. The applicant applies online and is told by e-mail.
        page.goto(f"{base}/apply/?agency={tree['a'].code}")
        fill_application(page, "申请公开2025年某路段拓宽工程的规划许可文件")
        page.get_by_label("身份证明（JPG、PNG 或 PDF）").set_input_files(str(proof))
        page.get_by_role("button", name="提交申请").click()
        page.wait_for_url(re.compile(r"/apply/done/"))
        code = page.locator("#tracking-code").inner_text().strip()
        app = Application.objects.get(tracking_code=code)
        assert len(mail.outbox) == 1 and "申请已提交" in mail.outbox[0].subject and code in mail.outbox[0].subject
        assert mail.outbox[0].to == ["chenxiao@example.com"] and VALID_ID not in mail.outbox[0].body

        # 2. Receipt confirmed: the e-mail says so and its link opens the case's progress.
        services.confirm_receipt(app, handler, D("2025-03-03"))
        assert "申请已收到" in mail.outbox[-1].subject and "答复期限" in mail.outbox[-1].body
        link = re.search(r"查询办理进度：(\S+)", mail.outbox[-1].body).group(1)
        assert link == f"{base}/query/?code={code}"

        # 3. The organ asks for a correction (served the same day); the e-mail names it.
        pin_today(D("2025-03-04"))
        services.request_correction(Application.objects.get(pk=app.pk), handler, D("2025-03-04"),
                                    items="1. 请写明拓宽工程的具体路段名称", served_on=D("2025-03-04"))
        assert "补正告知" in mail.outbox[-1].subject and "具体路段名称" in mail.outbox[-1].body

        # 4. The applicant follows the link (this session submitted the case) and corrects online.
        pin_today(D("2025-03-05"))
        page.goto(link)
        page.wait_for_url(re.compile(rf"/query/{code}/"))
        box = page.locator("section.correction-box")
        assert "请写明拓宽工程的具体路段名称" in box.inner_text()
        shot(page, "h01-progress-correction")
        box.get_by_label("补正内容").fill("路段为某路东段（某街至某桥）")
        box.locator("input[type=file]").set_input_files(str(proof))
        box.get_by_role("button", name="提交补正材料").click()
        page.wait_for_load_state()
        assert "补正材料已提交，收到日期为2025-03-05" in page.locator("main").inner_text()
        assert page.locator("section.correction-box").count() == 0
        app = Application.objects.get(pk=app.pk)
        assert app.status == Status.IN_PROGRESS
        assert "某路东段" in app.events.get(kind=EventKind.CORRECTION_RECEIVED).note
        assert app.attachments.count() == 2  # the identity proof and the correction's file
        assert "已收到补正" in mail.outbox[-1].subject

        # 5. The organ answers and the unit head signs.
        pin_today(D("2025-03-10"))
        services.decide(app, handler, D("2025-03-10"), outcome="1",
                        details={"how_to_obtain": "随本答复书以电子邮件提供《规划许可证》扫描件"})
        services.issue_answer(Application.objects.get(pk=app.pk), handler, D("2025-03-10"))
        assert "已作出答复" in mail.outbox[-1].subject and code in mail.outbox[-1].subject
        assert all(code in s for s in subjects())
        assert len(subjects()) == len(set(subjects()))  # each event told once

        # 6. The progress page shows the answer; its letter downloads.
        page.goto(f"{base}/query/{code}/")
        assert "已办结" in page.locator("#query-status").inner_text()
        shot(page, "h02-progress-answered")
        letters = page.locator("ul.letter-list li", has_text="政府信息公开申请答复书")
        with page.expect_download() as dl:
            letters.get_by_role("link", name=re.compile("下载 DOCX")).click()
        from docx import Document

        text = "\n".join(p.text for p in Document(dl.value.path()).paragraphs)
        assert "陈晓" in text and "行政复议" in text
        pdf = page.request.get(base + letters.get_by_role("link", name=re.compile("下载 PDF")).get_attribute("href"))
        assert pdf.status == 200 and pdf.body()[:5] == b"%PDF-"


@pytest.mark.django_db(transaction=True)
def test_ask_before_you_apply_shows_a_matching_document(live_server, tree, pin_today):
    cache.clear()
    pin_today(D("2025-03-03"))
    make_doc(tree["a"], "甲局关于房屋征收补偿标准的通知", body="房屋征收补偿标准。")
    make_doc(tree["a"], "甲局关于春季植树活动的通知", body="植树。")
    index.rebuild()
    with browser_context() as ctx:
        page = ctx.new_page()
        page.goto(f"{live_server.url}/apply/?agency={tree['a'].code}")
        page.get_by_label("所需信息的特征性描述").press_sequentially("房屋征收补偿", delay=30)
        region = page.locator("#suggestions")
        region.get_by_role("link", name=re.compile("房屋征收补偿标准")).wait_for(timeout=10_000)
        assert "以下信息已主动公开" in region.inner_text() and "植树" not in region.inner_text()
        assert region.get_attribute("aria-live") == "polite"
        shot(page, "h03-apply-suggestions")


@pytest.mark.django_db(transaction=True)
def test_home_to_an_open_consultation_and_a_comment(live_server, tree, pin_today):
    cache.clear()
    pin_today(D("2025-03-03"))
    c = consultation(tree, D("2025-02-20"), D("2025-03-20"), title="关于老旧小区改造方案的征求意见稿")
    with browser_context() as ctx:
        page = ctx.new_page()
        page.goto(live_server.url + "/")
        page.locator("section[aria-labelledby=h-consult]").get_by_role("link", name=c.title).click()
        page.wait_for_url(re.compile(rf"/gk/consultations/{c.pk}/"))
        assert "征集中" in page.locator("main").inner_text()
        form = page.locator("#comment-form")
        form.get_by_role("textbox", name=re.compile("^姓名")).fill("张三")
        form.get_by_role("textbox", name=re.compile("^意见建议")).fill("建议增设无障碍坡道。")
        form.get_by_role("button", name=re.compile("提交")).click()
        page.wait_for_load_state()
        assert "经审核后公开" in page.locator("main").inner_text()
        shot(page, "h04-consultation-comment")
    comment = Comment.objects.get()
    assert comment.consultation == c and comment.status == Comment.PENDING and "无障碍" in comment.body


@pytest.mark.django_db(transaction=True)
def test_library_facet_narrows_and_a_traditional_query_finds_the_document(live_server, tree):
    cache.clear()
    make_doc(tree["a"], "户籍登记工作规则", when=dt.datetime(2021, 4, 1, 9, 0), validity=Validity.REPEALED)
    make_doc(tree["a"], "关于户籍迁移的通知", when=dt.datetime(2022, 6, 1, 9, 0), body="户籍迁移的办理。")
    make_doc(tree["b"], "养老保险经办规程", when=dt.datetime(2023, 9, 1, 9, 0), body="养老保险。")
    index.rebuild()
    with browser_context() as ctx:
        page = ctx.new_page()
        page.goto(f"{live_server.url}/gk/library/")
        results = page.locator("main h3 a")
        assert results.count() == 3
        page.get_by_role("link", name=re.compile(r"^测试市乙局 \(1\)")).click()
        page.wait_for_url(re.compile(r"agency=deptB"))
        assert results.all_inner_texts() == ["养老保险经办规程"]
        assert "已选条件" in page.locator("main").inner_text()
        shot(page, "h05-library-facet")
        # 戶籍 (traditional) finds the documents written 户籍.
        page.goto(f"{live_server.url}/gk/library/")
        page.get_by_label("检索词").fill("戶籍")
        page.get_by_label("检索词").press("Enter")
        page.wait_for_url(re.compile(r"q="))
        found = results.all_inner_texts()
        assert "关于户籍迁移的通知" in found and "养老保险经办规程" not in found
        shot(page, "h06-library-traditional")


@pytest.mark.django_db(transaction=True)
def test_a_reviewer_lands_on_the_answers_to_sign(live_server, staff, received_app):
    cache.clear()
    app = received_app(on=D("2025-03-03"))
    services.decide(app, staff["a_handler"], D("2025-03-10"), outcome="1",
                    details={"published_where": "本机关门户网站"})
    app.refresh_from_db()
    with browser_context() as ctx:
        page = ctx.new_page()
        sign_in(page, live_server.url, "a_reviewer")
        assert "/staff/" in page.url and "status=decided" in page.url, page.url
        main = page.locator("main").inner_text()
        assert "待签发" in main and app.reference in main
        shot(page, "h07-reviewer-landing")
        # A handler without the reviewer role lands on the workbench instead.
        page.context.clear_cookies()
        sign_in(page, live_server.url, "a_handler")
        assert "/staff/" in page.url and "status=decided" not in page.url, page.url


@pytest.mark.django_db(transaction=True)
def test_workbench_is_cards_on_a_phone(live_server, staff, received_app):
    cache.clear()
    for n in range(3):
        received_app(on=D("2025-03-03"), description=f"申请公开某小区第{n + 1}期改造资金使用情况")
    with browser_context(viewport={"width": 375, "height": 800}) as ctx:
        page = ctx.new_page()
        sign_in(page, live_server.url, "a_handler")
        page.goto(f"{live_server.url}/staff/?scope=agency&status=open")
        rows = page.locator("table.cards.workbench tbody tr")
        assert rows.count() == 3
        assert rows.first.evaluate("r => getComputedStyle(r).display") == "block"
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 375
        shot(page, "h08-workbench-375")
