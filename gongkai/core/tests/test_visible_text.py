"""No English word or raw key where a user looks (issue 15, item 6): a walk through every page reachable
by links — public, and as each staff role (handler, reviewer/unit head, supervisor, editor, organ
administrator) — plus the error pages of the main forms, on a small world of cases in several states,
an annual report and published and draft documents.
The text a user reads is extracted (<script>, <style> and attribute values left out) and must hold no
ASCII identifier outside the codes that are really written that way (PDF, DOCX, 文号, e-mail addresses,
domain names, …).

The walk (``walk``) and the checker (``offending``) also run against the demo world by hand:
``DATABASE_URL=… .venv/bin/python -m gongkai.core.tests.test_visible_text`` (see the end of this file).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

import pytest
from django.urls import reverse

# Codes and abbreviations that are written in Latin letters in Chinese government text.
ALLOWED = {
    "PDF", "DOCX", "DOC", "XLSX", "XLS", "CSV", "TXT", "ODS", "ODT", "WPS", "ET", "JPG", "JPEG", "PNG", "ZIP", "OFD",
    "API", "URL", "QR", "ICP", "TOTP", "RSS", "XML", "JSON", "HTML", "ID", "GB", "KB", "MB", "APP", "IP", "SMS",
    "CA", "OCR", "HTTP", "HTTPS", "WWW", "IPv", "Google", "Microsoft", "Authenticator", "FreeOTP", "WiFi", "Wi-Fi",
    "Ctrl",
}
# A run of ASCII that may be one token of text (letters, digits and the joiners of keys, codes, addresses).
TOKEN = re.compile(r"[/A-Za-z0-9_][A-Za-z0-9_.@/:\-]*[A-Za-z0-9_/]|[A-Za-z_]")
CODE = re.compile(r"^[A-Z]{8,}$")  # 查询号, 核验码 parts: upper-case letters only (keys are lower case)
EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$")
DOMAIN = re.compile(r"^(https?://)?([a-z0-9-]+\.)+[a-z]{2,}(:\d+)?(/\S*)?$", re.I)
URL_PATH = re.compile(r"^/[\w./\-]*$")
# Not read: scripts and styles; and <code>/<kbd>/<samp>, text the user types exactly (a TOTP secret,
# a report's placeholder), which is a code by definition.
SKIPPED_TAGS = {"script", "style", "template", "code", "kbd", "samp"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Text(HTMLParser):
    """The visible text of a page: text nodes outside SKIPPED_TAGS and elements marked ``hidden``; no
    attribute values (hidden inputs, data-, title and aria- attributes are not read)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip_depth = 0
        self.stack: list[str] = []
        self.parts: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in VOID:
            return
        self.stack.append(tag)
        if self.skip_depth or tag in SKIPPED_TAGS or "hidden" in attrs:
            self.skip_depth += 1

    def handle_endtag(self, tag):
        if tag in VOID or tag not in self.stack:
            return
        while self.stack:
            top = self.stack.pop()
            if self.skip_depth:
                self.skip_depth -= 1
            if top == tag:
                break

    def handle_data(self, data):
        if not self.skip_depth:
            self.parts.append(data)


def visible(html: str) -> tuple[str, list[str]]:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return " ".join(" ".join(parser.parts).split()), parser.links


def offending(text: str) -> list[str]:
    """The ASCII identifiers and English words of ``text`` that are not allowed codes."""
    bad = []
    for m in TOKEN.finditer(text):
        token = m.group(0).rstrip(".:/-")
        if EMAIL.match(token) or DOMAIN.match(token) or URL_PATH.match(token) or CODE.match(token) or token in ALLOWED:
            continue
        letters = re.sub(r"[^A-Za-z]", "", token)
        if "_" in token and letters:
            bad.append(token)  # a key: resident_id_no, amount_10k_yuan
        elif re.search(r"[a-z]\.[a-z]", token):
            bad.append(token)  # a dotted key: proactive.fees.amount
        elif token.isalpha() and len(token) >= 3 and token.upper() not in ALLOWED:
            bad.append(token)  # an English word: mobile, Pending, None
    return bad


# Links not to follow: downloads, the API, the configuration site, signing out, endless variants.
SKIP = re.compile(r"^/(admin|api|static|media|healthz|audit/.*\.(json|csv))|/(pdf|docx|xlsx|zip|download|export)"
                  r"|\.(pdf|docx|xlsx|zip|csv|json|xml|svg|png|jpg|ico)(\?|$)|/logout/|/login/verify/|/sitemap")


def _shape(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def walk(client, seeds, *, per_shape=4, limit=160) -> dict[str, list[str]]:
    """Follow the links of the site from ``seeds`` (GET only): {url: offending tokens} of every page
    with some. Pages are told apart by path and query keys; at most ``per_shape`` pages of one path
    shape (ids replaced) and ``limit`` pages in all."""
    seen, shapes, found = set(), Counter(), {}
    queue = deque(seeds)
    visited = 0
    while queue and visited < limit:
        url = queue.popleft()
        parts = urlsplit(url)
        keys = "&".join(sorted({kv.split("=", 1)[0] for kv in parts.query.split("&") if kv}))
        key = (parts.path, keys)
        if key in seen or SKIP.search(url) or shapes[_shape(parts.path) + keys] >= per_shape:
            continue
        seen.add(key)
        shapes[_shape(parts.path) + keys] += 1
        resp = client.get(url)
        visited += 1
        if "text/html" not in resp.get("Content-Type", ""):
            continue
        text, links = visible(resp.content.decode())
        bad = offending(text)
        if bad:
            found[url] = sorted(set(bad))
        for href in links:
            href = href.split("#", 1)[0]
            if href.startswith("?"):
                queue.append(parts.path + href)
            elif href.startswith("/") and not href.startswith("//"):
                queue.append(href)
    return found


def check_forms(client, case_pk=None) -> dict[str, list[str]]:
    """The error pages of the main forms (bad input): their messages must be Chinese too."""
    posts = [
        (reverse("apply"), {"applicant_kind": "organisation", "id_number": "x", "phone": "1", "email": "a@"}),
        (reverse("query"), {"code": "x", "name": ""}),
        (reverse("letter-verify"), {"number": "x", "code": "y"}),
        (reverse("login"), {"username": "nobody", "password": "x"}),
        (reverse("register"), {"applicant_kind": "natural_person", "submitted_on": "x", "channel": "zz"}),
        (reverse("doc-new"), {"title": ""}),
    ]
    if case_pk:
        posts += [(reverse("case-action", args=[case_pk, name]), {f"{name}-on": "x"})
                  for name in ("decide", "correction", "extend", "fee", "note")]
    found = {}
    for url, data in posts:
        resp = client.post(url, data, follow=True)
        if "text/html" in resp.get("Content-Type", ""):
            bad = offending(visible(resp.content.decode())[0])
            if bad:
                found[f"POST {url}"] = sorted(set(bad))
    return found


def seeds() -> list[str]:
    return [reverse("portal-home"), reverse("apply"), reverse("query"), reverse("letter-verify"),
            reverse("public:library"), reverse("login")]


STAFF_SEEDS = ["workbench", "register", "supervision", "remedies", "remedy-new", "fee-calculator", "doc-list",
               "doc-new", "publishing-dashboard", "standard-catalogue", "reports:list", "two-factor"]


def staff_seeds(extra=()) -> list[str]:
    return [reverse(name) for name in STAFF_SEEDS] + [reverse("workbench") + "?" + urlencode(q) for q in (
        {"scope": "agency", "status": ""}, {"scope": "agency", "status": "decided"})] + list(extra)


# ------------------------------------------------------------------------------------------ world
NAMES = {"a_handler": "张经办", "a_reviewer": "李审核", "b_handler": "王经办", "b_reviewer": "赵审核",
         "supervisor": "陈督办"}


@pytest.fixture
def world(tree, staff, make_user, received_app, pin_today):
    """Cases in several states in organ A, an organisation's case, an annual report with a manual
    figure, published and draft documents."""
    from conftest import VALID_USCC
    from gongkai.agencies.models import Membership
    from gongkai.applications import services
    from gongkai.publishing.tests.test_public_pages import make_doc

    for username, name in NAMES.items():
        staff[username].first_name = name
        staff[username].save(update_fields=["first_name"])
    for username, name, role in (("editor", "周编辑", Membership.EDITOR), ("organ_admin", "吴管理", Membership.ADMIN)):
        user = make_user(username, tree["a"], role)
        user.first_name = name
        user.save(update_fields=["first_name"])
    pin_today(dt.date(2025, 3, 3))
    handler, reviewer = staff["a_handler"], staff["a_reviewer"]
    received = received_app()
    received_app(applicant_kind="organisation", org_type="commercial", name="测试有限公司", id_type="",
                 id_number=VALID_USCC, legal_representative="钱二", contact_name="孙三")
    corrected = received_app(description="申请公开某项目的环评文件")
    decided = received_app(description="申请公开某小区的规划许可")
    issued = received_app(description="申请公开2024年财政预算")
    pin_today(dt.date(2025, 3, 10))
    services.assign(received, handler, handler)
    services.request_correction(corrected, handler, dt.date(2025, 3, 5), items="请写明项目名称和文号")
    services.decide(decided, handler, dt.date(2025, 3, 7), outcome="2", reasons="部分内容涉及个人隐私",
                    details={"how_to_obtain": "电子邮件发送", "exemption_basis": "第3页联系人信息——第十五条"})
    services.decide(issued, handler, dt.date(2025, 3, 7), outcome="1",
                    details={"published_where": "示例市人民政府门户网站政府信息公开专栏"})
    services.issue_answer(issued, reviewer, dt.date(2025, 3, 7))
    from gongkai.reports import services as reports

    reports.create_report(tree["a"], 2024, handler)  # an annual report with a figure from another system
    reports.record_manual_figure(tree["a"], 2024, "proactive.fees.amount_10k_yuan", "1.5", "市财政局统计", handler)
    for n in range(3):
        make_doc(tree["gov"], f"关于做好第{n + 1}批政务公开工作的通知")
    make_doc(tree["a"], "草稿中的通知", status="draft", index_no=None,  # personal data: the pre-publication check
             body="联系人：王小明，手机13812341234，身份证号11010519491231002X。")
    return {"case": received.pk}


# The public, then each role: handler, reviewer (unit head), supervisor, editor, organ administrator
# (机关管理员, no platform administration: /admin/ is not walked).
ROLES = [None, "a_handler", "a_reviewer", "supervisor", "editor", "organ_admin"]


@pytest.mark.django_db
@pytest.mark.parametrize("username", ROLES, ids=lambda u: u or "public")
def test_no_identifier_in_visible_text(client, world, username, django_user_model):
    if username:
        client.force_login(django_user_model.objects.get(username=username))
        start = staff_seeds([reverse("case", args=[world["case"]])]) + seeds()
    else:
        start = seeds()
    found = walk(client, start)
    if username == "a_handler":
        found |= check_forms(client, world["case"])
    elif username is None:
        found |= check_forms(client)
    assert not found, "English words or raw keys in visible text:\n" + "\n".join(
        f"{url}: {', '.join(tokens)}" for url, tokens in found.items())


@pytest.mark.parametrize("text, bad", [
    ("证件类型：resident_id_no", ["resident_id_no"]),
    ("单价 proactive.fees.amount_10k_yuan 元", ["proactive.fees.amount_10k_yuan"]),
    ("联系电话（mobile）", ["mobile"]),
    ("状态：Pending", ["Pending"]),
    ("下载 PDF 或 DOCX；统一社会信用代码 91350100M000100Y43；测政发〔2024〕3号", []),
    ("邮箱 wang@example.com，网址 www.example.gov.cn/gk/，索引号 11441700007280420Y/2024-00001", []),
])
def test_checker(text, bad):
    assert offending(text) == bad


def test_text_extraction_leaves_out_scripts_styles_and_attributes():
    html = ('<p title="raw_key">可见<script>var hidden_js = 1;</script><style>.a_b{}</style>'
            '<input type="hidden" name="resident_id" value="x"><span hidden>secret_key</span>文字</p>')
    assert visible(html)[0] == "可见 文字"


if __name__ == "__main__":  # a walk over the demo world (or any database): prints what it finds
    import os
    import sys

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    for username in [None, *sys.argv[1:]]:
        c = Client()
        if username:
            c.force_login(get_user_model().objects.get(username=username))
        result = walk(c, (staff_seeds() if username else []) + seeds(), per_shape=6, limit=400)
        for url, tokens in result.items():
            print(username or "public", url, tokens)
