"""End to end in Debian's chromium (Playwright, never a downloaded browser): an applicant submits
online and queries progress; staff confirm receipt, request a correction, record it, decide; the
unit head signs; the letter downloads; the public query shows the answer.

Screenshots of each step go to var/screenshots/ for people to look at.
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from django.core.cache import cache

from conftest import VALID_ID
from gongkai.agencies.models import Membership

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium 未安装（apt-get install chromium）"),
]


@pytest.fixture
def browser_page():
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's loop runs in this thread
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        context = browser.new_context(accept_downloads=True, locale="zh-CN", viewport={"width": 1280, "height": 900})
        yield context
        browser.close()


def shot(page, name):
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.django_db(transaction=True)
def test_online_application_walk(live_server, browser_page, tree, make_user, tmp_path):
    cache.clear()
    handler = make_user("officer", tree["a"], Membership.HANDLER, Membership.REVIEWER)
    handler.set_password("pw-123456")
    handler.save()
    id_proof = tmp_path / "id.png"
    id_proof.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)

    public = browser_page.new_page()
    # 1. The applicant submits online.
    public.goto(f"{live_server.url}/apply/?agency={tree['a'].code}")
    public.get_by_label("自然人").check()
    # The form names its fields for the applicant type chosen (static/gongkai/applicant-form.js).
    public.get_by_label("姓名", exact=True).fill("陈晓")
    public.get_by_label("证件类型").select_option("resident_id")
    public.get_by_label("证件号码", exact=True).fill(VALID_ID)
    public.get_by_label("联系电话").fill("13900001111")
    public.get_by_label("通信地址").fill("测试市某区某街道8号")
    public.get_by_label("电子邮箱").fill("chenxiao@example.com")
    public.get_by_label("所需信息的特征性描述").fill("申请公开2025年某路段拓宽工程的规划许可文件")
    public.get_by_label("身份证明（JPG、PNG 或 PDF）").set_input_files(str(id_proof))
    shot(public, "01-apply-form")
    public.get_by_role("button", name="提交申请").click()
    public.wait_for_load_state()
    shot(public, "01b-after-submit")
    public.wait_for_url(re.compile(r"/apply/done/"))
    code = public.locator("#tracking-code").inner_text().strip()
    assert len(code) >= 10
    shot(public, "02-apply-done")

    # 2. The applicant queries progress: received, not yet confirmed.
    def query():
        public.goto(f"{live_server.url}/query/")
        public.get_by_label("自然人").check()
        public.get_by_label("姓名/名称").fill("陈晓")
        public.get_by_label("查询号").fill(code)
        public.get_by_role("button", name="查询").click()

    query()
    assert "办理中" in public.locator("#query-status").inner_text()
    shot(public, "03-query-pending")

    # 3. Staff log in and confirm receipt.
    staff = browser_page.new_page()
    staff.goto(f"{live_server.url}/staff/login/")
    staff.get_by_label("用户名").fill("officer")
    staff.get_by_label("密码").fill("pw-123456")
    staff.get_by_role("button", name="登录").click()
    staff.goto(f"{live_server.url}/staff/?scope=agency&status=open")
    shot(staff, "04-workbench")
    staff.get_by_role("link", name=re.compile(r"\d{4}-\d{5}")).first.click()

    def act(summary, fill=None):
        staff.locator("details.action summary", has_text=re.compile(f"^{re.escape(summary)}$")).click()
        form = staff.locator("details.action[open] form")
        if fill:
            fill(form)
        form.get_by_role("button", name=summary).click()
        staff.wait_for_load_state()
        assert staff.locator(".messages .success").count() == 1, staff.locator(".messages").inner_text()

    act("确认收到")
    shot(staff, "05-case-received")
    assert "答复期限" in staff.content()

    # 4. Correction requested, then recorded.
    act("补正告知", lambda f: f.get_by_label("需补正的事项（逐项写明）").fill("请写明拓宽工程的具体路段名称"))
    assert "等待补正" in staff.content() or "待补正" in staff.content()
    act("登记补正材料", lambda f: f.get_by_label("补正内容摘要").fill("路段为某路东段"))

    # 5. Decide and sign the answer.
    def decide(form):
        form.get_by_label("办理结果").select_option("1")
        form.get_by_label("获取方式、途径和时间").fill("随本答复书以电子邮件提供《规划许可证》扫描件")

    act("作出决定", decide)
    # Before signing: the letter as it will be issued, and the confirmation the server requires.
    assert staff.frame_locator("iframe.letter-preview").locator("main.sheet").count() == 1
    act("签发答复书", lambda f: f.get_by_label("我已逐字核对上方预览的文书，确认以本机关名义签发").check())
    shot(staff, "06-case-answered")

    # 6. Download the answer letter as DOCX.
    row = staff.locator("tr", has_text="政府信息公开申请答复书")
    with staff.expect_download() as dl:
        row.get_by_role("link", name="DOCX").click()
    path = dl.value.path()
    from docx import Document

    text = "\n".join(p.text for p in Document(path).paragraphs)
    assert "陈晓" in text and "第三十六条" in text and "行政复议" in text

    # 7. The public query now shows the answer and its letter.
    query()
    assert "已办结" in public.locator("#query-status").inner_text()
    assert public.get_by_text("政府信息公开申请答复书").count() >= 1
    shot(public, "07-query-answered")
    public.get_by_role("link", name="查看").last.click()
    # Wait for the letter page itself: content() read mid-navigation is empty (a CI failure).
    public.wait_for_url(re.compile(r"/query/letters/\d+/$"))
    public.wait_for_load_state("domcontentloaded")
    assert "陈晓" in public.locator("body").inner_text()
    shot(public, "08-public-letter")
