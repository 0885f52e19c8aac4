"""Public publishing pages: document detail (metadata block, meta tags, validity banner, QR code,
interpretations both ways), library, catalogue, gazette, consultations (moderated comments, rate
limit, closing), sitemap, and the 长者模式 / 繁體 display preferences."""

import datetime as dt
import re
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from gongkai.law import today as law_today
from gongkai.law.docnumber import doc_no_key
from gongkai.publishing.models import (
    CatalogueNode,
    Comment,
    Consultation,
    DisclosureAttribute,
    DocStatus,
    Document,
    DocumentAttachment,
    GazetteIssue,
    Interpretation,
    Validity,
)
from gongkai.search import index

TZ = ZoneInfo("Asia/Shanghai")
MIDDLEWARE = "gongkai.publishing.middleware.DisplayPreferencesMiddleware"
PROCESSOR = "gongkai.publishing.context.display_prefs"


@pytest.fixture(autouse=True)
def _clean_cache_and_prefs(settings):
    cache.clear()  # rate-limit counters live in the local-memory cache
    if MIDDLEWARE not in settings.MIDDLEWARE:
        settings.MIDDLEWARE = [*settings.MIDDLEWARE, MIDDLEWARE]
    processors = settings.TEMPLATES[0]["OPTIONS"]["context_processors"]
    if PROCESSOR not in processors:
        templates = [dict(t) for t in settings.TEMPLATES]
        templates[0]["OPTIONS"] = {**templates[0]["OPTIONS"], "context_processors": [*processors, PROCESSOR]}
        settings.TEMPLATES = templates
    yield
    cache.clear()


_serial = iter(range(1, 10_000))


def make_doc(agency, title="关于加强政府信息公开工作的通知", *, when=dt.datetime(2024, 5, 6, 9, 30), **over):
    n = next(_serial)
    data = {
        "agency": agency, "title": title, "doc_no": f"测政发〔2024〕{n}号", "doc_no_prefix": "测政发",
        "doc_no_year": 2024, "doc_no_serial": n, "issuers": agency.name, "signed_on": dt.date(2024, 5, 1),
        "published_at": when.replace(tzinfo=TZ), "subject": "综合政务\\政务公开", "doc_type": "通知",
        "keywords": "政务公开 通知", "summary": "明确政务公开工作要求。", "body": "第一段正文。\n\n第二段正文。",
        "status": DocStatus.PUBLISHED, "disclosure_attribute": DisclosureAttribute.PROACTIVE,
        "index_no": f"11441700007280420Y/2024-{n:05d}",
    }
    data.update(over)
    data.setdefault("doc_no_key", doc_no_key(data["doc_no"]) if data["doc_no"] else "")
    return Document.objects.create(**data)


@pytest.fixture
def docs(tree):
    gov = tree["gov"]
    public = make_doc(gov, "关于加强政府信息公开工作的通知")
    hidden = {
        "draft": make_doc(gov, "草稿文件政务公开", status=DocStatus.DRAFT, index_no=None),
        "review": make_doc(gov, "审核中文件政务公开", status=DocStatus.SECRECY_REVIEW, index_no=None),
        "scheduled": make_doc(gov, "定时发布文件政务公开", status=DocStatus.SCHEDULED),
        "withdrawn": make_doc(gov, "已撤回文件政务公开", status=DocStatus.WITHDRAWN),
        "on_request": make_doc(gov, "依申请公开文件政务公开", disclosure_attribute=DisclosureAttribute.ON_REQUEST),
        "withheld": make_doc(gov, "不予公开文件政务公开", disclosure_attribute=DisclosureAttribute.WITHHELD,
                             withheld_reason="涉及国家秘密"),
    }
    return {"public": public, "hidden": hidden}


def body_text(response) -> str:
    return response.content.decode()


# ------------------------------------------------------------------------------------- detail page


def test_public_document_detail_shows_metadata_block(client, docs):
    doc = docs["public"]
    r = client.get(reverse("public:doc", args=[doc.pk]))
    assert r.status_code == 200
    html = body_text(r)
    for label in ("索引号", "主题分类", "发文机关", "成文日期", "标题", "发文字号", "发布日期", "主题词", "有效性"):
        assert f'<th scope="row">{label}</th>' in html, label
    assert doc.index_no in html and "综合政务\\政务公开" in html and doc.doc_no in html
    assert "2024-05-01" in html and "2024-05-06" in html and "测试市人民政府" in html
    assert "第一段正文。" in html and "<p>第二段正文。</p>" in html
    assert "发布日期：" in html  # a visible date on the page


@pytest.mark.parametrize("kind", ["draft", "review", "scheduled", "withdrawn", "on_request", "withheld"])
def test_non_public_documents_404(client, docs, kind):
    doc = docs["hidden"][kind]
    assert client.get(reverse("public:doc", args=[doc.pk])).status_code == 404


def test_detail_meta_tags(client, docs):
    doc = docs["public"]
    html = body_text(client.get(reverse("public:doc", args=[doc.pk])))
    metas = dict(re.findall(r'<meta name="(\w+)" content="([^"]*)">', html))
    for name in ("SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnDescription", "ColumnKeywords",
                 "ColumnType", "ArticleTitle", "PubDate", "ContentSource", "Keywords", "Author", "Description",
                 "Url"):
        assert name in metas, name
    assert metas["PubDate"] == "2024-05-06 09:30"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", metas["PubDate"])
    assert metas["ArticleTitle"] == doc.title
    assert metas["Url"] == f"http://testserver/gk/docs/{doc.pk}/"
    assert metas["ContentSource"] == "测试市人民政府"


def test_detail_column_meta_uses_the_documents_column(client, tree, docs):
    node = CatalogueNode.objects.create(agency=tree["gov"], title="行政规范性文件", description="本机关规范性文件",
                                        section=CatalogueNode.STATUTORY)
    docs["public"].columns.add(node)
    html = body_text(client.get(reverse("public:doc", args=[docs["public"].pk])))
    assert '<meta name="ColumnName" content="行政规范性文件">' in html
    assert '<meta name="ColumnDescription" content="本机关规范性文件">' in html


def test_repealed_document_banner_links_replacement(client, tree, docs):
    new = docs["public"]
    old = make_doc(tree["gov"], "旧的办法", validity=Validity.REPEALED, validity_changed_on=dt.date(2024, 6, 1),
                   replaced_by=new)
    html = body_text(client.get(reverse("public:doc", args=[old.pk])))
    assert "本文件已废止" in html and "2024-06-01" in html
    banner = html[html.index('class="validity-banner"'):]
    banner = banner[: banner.index("</div>")]
    assert f'href="{reverse("public:doc", args=[new.pk])}"' in banner and new.title in banner
    # In force: no banner.
    assert "validity-banner" not in body_text(client.get(reverse("public:doc", args=[new.pk])))


@pytest.mark.parametrize("validity,label", [(Validity.AMENDED, "本文件已修改"), (Validity.EXPIRED, "本文件已失效")])
def test_other_validity_banners(client, tree, validity, label):
    doc = make_doc(tree["gov"], validity=validity)
    assert label in body_text(client.get(reverse("public:doc", args=[doc.pk])))


def test_banner_does_not_link_a_non_public_replacement(client, tree, docs):
    old = make_doc(tree["gov"], "旧的办法", validity=Validity.REPEALED, replaced_by=docs["hidden"]["draft"])
    html = body_text(client.get(reverse("public:doc", args=[old.pk])))
    assert "本文件已废止" in html
    assert docs["hidden"]["draft"].title not in html


def test_qr_code_is_inline_svg_of_the_page_url(client, docs):
    html = body_text(client.get(reverse("public:doc", args=[docs["public"].pk])))
    assert re.search(r'<svg role="img" aria-label="本页网址二维码"[^>]*class="qr"', html)
    assert "<path" in html and "扫一扫" in html


def test_qr_code_is_drawn_once_per_address(client, docs, monkeypatch):
    from gongkai.publishing import public_views

    drawn = []
    real = public_views.segno.make
    monkeypatch.setattr(public_views.segno, "make", lambda *a, **k: drawn.append(a[0]) or real(*a, **k))
    url = reverse("public:doc", args=[docs["public"].pk])
    first = body_text(client.get(url))
    second = body_text(client.get(url))
    assert len(drawn) == 1 and drawn[0].endswith(url)  # the second page came from the cache
    assert first.count('aria-label="本页网址二维码"') == second.count('aria-label="本页网址二维码"') == 1


def test_attachment_download_only_for_public_documents(client, docs):
    att = DocumentAttachment(document=docs["public"], original_name="附件1.txt", content_type="text/plain", size=6)
    att.file.save("a1.txt", ContentFile("附件内容".encode()), save=True)
    hidden = DocumentAttachment(document=docs["hidden"]["draft"], original_name="x.txt", content_type="text/plain",
                                size=1)
    hidden.file.save("x.txt", ContentFile(b"x"), save=True)
    html = body_text(client.get(reverse("public:doc", args=[docs["public"].pk])))
    url = reverse("public:doc-attachment", args=[docs["public"].pk, att.pk])
    assert url in html and "附件1.txt" in html
    r = client.get(url)
    assert r.status_code == 200 and "attachment" in r["Content-Disposition"]
    assert b"".join(r.streaming_content) == "附件内容".encode()
    assert client.get(reverse("public:doc-attachment", args=[docs["hidden"]["draft"].pk, hidden.pk])).status_code == 404
    assert client.get(reverse("public:doc-attachment", args=[docs["public"].pk, hidden.pk])).status_code == 404


# ---------------------------------------------------------------------------------- interpretations


def test_interpretation_links_both_ways(client, tree, docs):
    doc = docs["public"]
    interp = Interpretation.objects.create(agency=tree["gov"], title="《关于加强政府信息公开工作的通知》解读",
                                           body="一、起草背景……", published_at=law_today.now())
    interp.documents.add(doc, docs["hidden"]["draft"])
    doc_html = body_text(client.get(reverse("public:doc", args=[doc.pk])))
    assert f'href="{reverse("public:interpretation", args=[interp.pk])}"' in doc_html
    r = client.get(reverse("public:interpretation", args=[interp.pk]))
    assert r.status_code == 200
    html = body_text(r)
    assert f'href="{reverse("public:doc", args=[doc.pk])}"' in html
    assert docs["hidden"]["draft"].title not in html
    assert '<meta name="PubDate"' in html


def test_unpublished_interpretations_are_hidden(client, tree, docs):
    draft = Interpretation.objects.create(agency=tree["gov"], title="未发布的解读", body="……")
    draft.documents.add(docs["public"])
    future = Interpretation.objects.create(agency=tree["gov"], title="定时发布的解读", body="……",
                                           published_at=law_today.now() + dt.timedelta(days=1))
    future.documents.add(docs["public"])
    orphan = Interpretation.objects.create(agency=tree["gov"], title="只解读草稿的解读", body="……",
                                           published_at=law_today.now())
    orphan.documents.add(docs["hidden"]["draft"])
    for i in (draft, future, orphan):
        assert client.get(reverse("public:interpretation", args=[i.pk])).status_code == 404
    html = body_text(client.get(reverse("public:doc", args=[docs["public"].pk])))
    assert "未发布的解读" not in html and "定时发布的解读" not in html


# ----------------------------------------------------------------------------------------- library


def test_library_lists_public_documents_only(client, docs):
    index.rebuild()
    r = client.get(reverse("public:library"))
    assert r.status_code == 200
    html = body_text(r)
    assert docs["public"].title in html
    for doc in docs["hidden"].values():
        assert doc.title not in html
    # Every row shows 文号, 发布机构 and 发布日期.
    assert docs["public"].doc_no in html and "<dt>发布机构</dt>" in html and "2024-05-06" in html
    html = body_text(client.get(reverse("public:library"), {"q": "政务公开"}))
    for doc in docs["hidden"].values():
        assert doc.title not in html


def test_library_search_highlights_and_filters(client, tree, docs):
    repealed = make_doc(tree["a"], "户籍管理办法", validity=Validity.REPEALED, issuers="测试市甲局",
                        subject="公安、安全、司法\\公安", doc_type="规章", when=dt.datetime(2024, 1, 2, 10, 0))
    index.rebuild()
    html = body_text(client.get(reverse("public:library"), {"q": "户籍", "scope": "title"}))
    assert "<mark>户籍</mark>管理办法" in html
    assert '<span class="badge validity validity-repealed">已废止</span>' in html
    assert docs["public"].title not in html
    url = reverse("public:library")
    assert repealed.title in body_text(client.get(url, {"validity": "repealed"}))
    assert docs["public"].title not in body_text(client.get(url, {"validity": "repealed"}))
    assert repealed.title in body_text(client.get(url, {"agency": "deptA"}))
    assert repealed.title in body_text(client.get(url, {"issuer": "deptA"}))
    assert docs["public"].title not in body_text(client.get(url, {"issuer": "deptA"}))
    assert repealed.title in body_text(client.get(url, {"doc_type": "规章"}))
    assert repealed.title in body_text(client.get(url, {"pub_from": "2024-01-01", "pub_to": "2024-01-31"}))
    assert docs["public"].title not in body_text(client.get(url, {"pub_from": "2024-01-01", "pub_to": "2024-01-31"}))
    assert repealed.title in body_text(client.get(url, {"doc_no": repealed.doc_no.replace("〔", "[").replace("〕", "]")}))
    assert repealed.title in body_text(client.get(url, {"signed_from": "2024-05-01", "signed_to": "2024-05-01"}))


def test_library_no_results_and_invalid_dates(client, docs):
    index.rebuild()
    html = body_text(client.get(reverse("public:library"), {"q": "完全不存在的词语组合"}))
    assert "未找到符合条件的文件" in html
    html = body_text(client.get(reverse("public:library"), {"pub_from": "2024-13-40"}))
    assert "请输入有效日期" in html and 'role="alert"' in html
    html = body_text(client.get(reverse("public:library"), {"pub_from": "2024-05-01", "pub_to": "2024-04-01"}))
    assert "截止日期不能早于起始日期" in html


def test_library_presets(client, tree, docs):
    now = law_today.now()  # "this week" is relative to gongkai's today (pinned by make test-dates)
    recent = make_doc(tree["gov"], "本周发布的通知", when=now.replace(tzinfo=None) - dt.timedelta(days=2))
    index.rebuild()
    html = body_text(client.get(reverse("public:library"), {"pub_range": "week"}))
    assert recent.title in html and docs["public"].title not in html
    assert "近一周" in html and "近一月" in html and "近一年" in html


def test_library_pagination(client, tree):
    for i in range(25):
        make_doc(tree["gov"], f"分页测试文件{i:02d}", when=dt.datetime(2024, 3, 1, 9, 0) + dt.timedelta(hours=i))
    index.rebuild()
    html = body_text(client.get(reverse("public:library")))
    assert "共 25 条" in html and 'aria-label="分页"' in html and "?page=2" in html
    html2 = body_text(client.get(reverse("public:library"), {"page": 2}))
    assert "分页测试文件00" in html2 and "分页测试文件24" not in html2


class LabelChecker(HTMLParser):
    def __init__(self):
        super().__init__()
        self.controls, self.labels = [], set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "label" and a.get("for"):
            self.labels.add(a["for"])
        if tag in ("input", "select", "textarea") and a.get("type") not in ("hidden", "submit"):
            self.controls.append(a.get("id"))


@pytest.mark.parametrize("url", ["/gk/library/", "/gk/gazette/", "/gk/consultations/"])
def test_every_form_field_has_a_label(client, docs, url):
    parser = LabelChecker()
    parser.feed(body_text(client.get(url)))
    assert parser.controls
    assert all(c and c in parser.labels for c in parser.controls), parser.controls


# --------------------------------------------------------------------------------------- catalogue


def test_catalogue_tree_and_column_lists_public_documents(client, tree, docs):
    gov = tree["gov"]
    root = CatalogueNode.objects.create(agency=gov, title="行政法规、规章和规范性文件", item_code="第二十条（一）",
                                        section=CatalogueNode.STATUTORY)
    child = CatalogueNode.objects.create(agency=gov, parent=root, title="规范性文件", section=CatalogueNode.STATUTORY)
    CatalogueNode.objects.create(agency=gov, title="政府信息公开指南", section=CatalogueNode.GUIDE)
    docs["public"].columns.add(child)
    for doc in docs["hidden"].values():
        doc.columns.add(child)
    r = client.get(reverse("public:catalogue", args=["gov"]))
    assert r.status_code == 200
    html = body_text(r)
    listed = html.split('id="h-tree"', 1)[1]  # the statutory catalogue (the column tree beside it has every section)
    assert "行政法规、规章和规范性文件" in listed and "规范性文件" in listed and "政府信息公开指南" not in listed
    assert "更新日期：" in html and "2024-05-06" in html
    assert html.count("（1 条）") == 2  # root and child: only the public document counts
    for node in (root, child):
        html = body_text(client.get(reverse("public:catalogue-node", args=["gov", node.pk])))
        assert docs["public"].title in html and "2024-05-06" in html
        for doc in docs["hidden"].values():
            assert doc.title not in html
    assert client.get(reverse("public:catalogue-node", args=["deptA", root.pk])).status_code == 404
    assert client.get(reverse("public:catalogue", args=["nosuch"])).status_code == 404


def test_catalogue_column_paginates(client, tree):
    node = CatalogueNode.objects.create(agency=tree["gov"], title="通知公告", section=CatalogueNode.STATUTORY)
    for i in range(23):
        make_doc(tree["gov"], f"栏目文件{i:02d}", when=dt.datetime(2024, 2, 1, 9, 0) + dt.timedelta(days=i)).columns.add(node)
    url = reverse("public:catalogue-node", args=["gov", node.pk])
    html = body_text(client.get(url))
    assert "栏目文件22" in html and "栏目文件00" not in html and "共 23 条" in html
    assert "栏目文件00" in body_text(client.get(url, {"page": 2}))


def test_portal_column_route_still_works(client, tree):
    assert client.get("/gk/gov/").status_code == 200
    assert client.get("/gk/gov/guide/").status_code == 200


# ----------------------------------------------------------------------------------------- gazette


def test_gazette_list_search_and_issue(client, tree, docs):
    gov = tree["gov"]
    g1 = GazetteIssue.objects.create(agency=gov, year=2021, issue_no=1, cumulative_no=214,
                                     published_on=dt.date(2021, 1, 15))
    g1.documents.add(docs["public"], docs["hidden"]["withdrawn"])
    g2 = GazetteIssue.objects.create(agency=gov, year=2021, issue_no=2, cumulative_no=215,
                                     published_on=dt.date(2021, 2, 15))
    future = GazetteIssue.objects.create(agency=gov, year=2099, issue_no=1, cumulative_no=999,
                                         published_on=dt.date(2099, 1, 1))
    html = body_text(client.get(reverse("public:gazette")))
    assert "2021年第1期" in html and "2021年第2期" in html and "2099年" not in html
    html = body_text(client.get(reverse("public:gazette"), {"cumulative_no": 215}))
    assert "2021年第2期" in html and "2021年第1期" not in html
    html = body_text(client.get(reverse("public:gazette"), {"year": 2021, "issue_no": 1}))
    assert "2021年第1期" in html and "2021年第2期" not in html
    html = body_text(client.get(reverse("public:gazette"), {"title": "政府信息公开工作"}))
    assert "2021年第1期" in html and "2021年第2期" not in html
    html = body_text(client.get(reverse("public:gazette"), {"title": "已撤回文件"}))
    assert "未找到符合条件的公报" in html
    html = body_text(client.get(reverse("public:gazette-issue", args=[g1.pk])))
    assert docs["public"].title in html and docs["hidden"]["withdrawn"].title not in html
    assert "第214期" in html and "2021-01-15" in html
    assert client.get(reverse("public:gazette-issue", args=[future.pk])).status_code == 404
    assert client.get(reverse("public:gazette-issue", args=[g2.pk])).status_code == 200
    # The document page names the issue it appeared in.
    assert "政府公报2021年第1期" in body_text(client.get(reverse("public:doc", args=[docs["public"].pk])))


# ----------------------------------------------------------------------------------- consultations


@pytest.fixture
def today(pin_today):
    day = dt.date(2021, 2, 20)
    pin_today(day)
    return day


def consultation(tree, starts, ends, **over):
    data = {"agency": tree["gov"], "title": "关于某项重大决策的征求意见稿", "body": "征求意见稿正文。",
            "starts_on": starts, "ends_on": ends, "how_to_submit": "可通过本页在线提交。",
            "published_at": law_today.now() - dt.timedelta(days=1)}
    data.update(over)
    return Consultation.objects.create(**data)


def test_consultation_list_status_and_period(client, tree, today):
    open_ = consultation(tree, dt.date(2021, 2, 7), dt.date(2021, 3, 9), title="征集中的意见稿")
    closed = consultation(tree, dt.date(2020, 12, 1), dt.date(2020, 12, 31), title="已结束的意见稿")
    consultation(tree, dt.date(2021, 2, 7), dt.date(2021, 3, 9), title="未发布的意见稿", published_at=None)
    html = body_text(client.get(reverse("public:consultations")))
    assert "征集时间：2021-02-07 —— 2021-03-09" in html
    assert open_.title in html and closed.title in html and "未发布的意见稿" not in html
    assert ">征集中<" in html and ">已结束<" in html and "反馈待发布" in html
    html = body_text(client.get(reverse("public:consultations"), {"status": "open"}))
    assert open_.title in html and closed.title not in html


def test_comment_is_saved_pending_and_shown_only_when_approved(client, tree, today):
    c = consultation(tree, dt.date(2021, 2, 7), dt.date(2021, 3, 9))
    url = reverse("public:consultation", args=[c.pk])
    html = body_text(client.get(url))
    assert ">征集中<" in html and "征集时间：2021-02-07 —— 2021-03-09" in html and 'name="body"' in html
    r = client.post(url, {"name": "张三", "contact": "13812341234", "body": "建议延长实施过渡期。"})
    assert r.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.PENDING and comment.consultation == c
    html = body_text(client.get(url))
    assert "建议延长实施过渡期。" not in html and "经审核后公开" in html
    comment.status = Comment.APPROVED
    comment.save()
    html = body_text(client.get(url))
    assert "建议延长实施过渡期。" in html and "张*" in html and "13812341234" not in html


def test_comment_form_validation(client, tree, today):
    c = consultation(tree, dt.date(2021, 2, 7), dt.date(2021, 3, 9))
    r = client.post(reverse("public:consultation", args=[c.pk]), {"name": "", "body": "  "})
    assert r.status_code == 400 and "请填写姓名" in body_text(r) and "请填写意见" in body_text(r)
    assert not Comment.objects.exists()


def test_comment_requires_csrf(tree, today):
    from django.test import Client

    c = consultation(tree, dt.date(2021, 2, 7), dt.date(2021, 3, 9))
    r = Client(enforce_csrf_checks=True).post(reverse("public:consultation", args=[c.pk]),
                                              {"name": "张三", "body": "意见"})
    assert r.status_code == 403 and not Comment.objects.exists()


def test_comment_rate_limit(client, tree, today):
    c = consultation(tree, dt.date(2021, 2, 7), dt.date(2021, 3, 9))
    url = reverse("public:consultation", args=[c.pk])
    for i in range(5):
        assert client.post(url, {"name": "李四", "body": f"意见{i}"}).status_code == 302
    r = client.post(url, {"name": "李四", "body": "第六条意见"})
    assert r.status_code == 429 and "操作过于频繁" in body_text(r)
    assert Comment.objects.count() == 5
    assert client.get(url).status_code == 200  # reading is never limited


def test_form_closed_after_end_and_feedback(client, tree, today):
    c = consultation(tree, dt.date(2021, 1, 1), dt.date(2021, 1, 31))
    url = reverse("public:consultation", args=[c.pk])
    html = body_text(client.get(url))
    assert ">已结束<" in html and 'name="body"' not in html and "不再接收意见" in html and "反馈待发布" in html
    r = client.post(url, {"name": "王五", "body": "迟到的意见"})
    assert r.status_code == 403 and not Comment.objects.exists()
    c.feedback = "部分意见因超出本决策范围未予采纳。"
    c.opinions_received, c.opinions_adopted = 12, 5
    c.feedback_published_at = law_today.now()
    c.save()
    html = body_text(client.get(url))
    assert "反馈待发布" not in html and "12 条" in html and "5 条" in html and "超出本决策范围" in html


def test_unpublished_consultation_404(client, tree, today):
    c = consultation(tree, dt.date(2021, 2, 7), dt.date(2021, 3, 9), published_at=None)
    assert client.get(reverse("public:consultation", args=[c.pk])).status_code == 404


# ----------------------------------------------------------------------------------------- sitemap


def test_sitemap_lists_public_documents_only(client, docs):
    r = client.get(reverse("public:sitemap"))
    assert r.status_code == 200 and r["Content-Type"].startswith("application/xml")
    xml = body_text(r)
    if "<sitemapindex" in xml:  # ids past one part (PostgreSQL keeps counting across tests): read the parts
        parts = re.findall(r"<loc>http://testserver(/gk/sitemap\.xml\?part=\d+)</loc>", xml)
        xml = "".join(body_text(client.get(part)) for part in parts)
    assert f"<loc>http://testserver/gk/docs/{docs['public'].pk}/</loc>" in xml
    for doc in docs["hidden"].values():
        assert f"/gk/docs/{doc.pk}/<" not in xml
    assert xml.count("<url>") == 1


# ---------------------------------------------------------------------------- display preferences


def test_senior_mode_persists_across_pages(client, docs):
    assert 'class="senior"' not in body_text(client.get(reverse("public:library")))
    r = client.post(reverse("public:display", args=["senior"]), {"value": "1", "next": "/gk/library/?q=x"})
    assert r.status_code == 302 and r["Location"] == "/gk/library/?q=x"
    assert client.cookies["gk_senior"].value == "1"
    for url in (reverse("public:doc", args=[docs["public"].pk]), reverse("public:library"),
                reverse("public:consultations"), "/"):
        assert '<body class="senior"' in body_text(client.get(url)), url
    html = body_text(client.get(reverse("public:doc", args=[docs["public"].pk])))
    assert html.count("senior") >= 1 and 'class="senior senior"' not in html
    client.post(reverse("public:display", args=["senior"]), {"value": "0", "next": "/"})
    assert 'class="senior"' not in body_text(client.get(reverse("public:library")))


def test_switch_rejects_foreign_redirects(client):
    r = client.post(reverse("public:display", args=["senior"]), {"value": "1", "next": "https://evil.example/"})
    assert r["Location"] == "/"
    r = client.post(reverse("public:display", args=["traditional"]), {"value": "1", "next": "//evil.example/"})
    assert r["Location"] == "/"
    assert client.get(reverse("public:display", args=["senior"])).status_code == 405
    assert client.post(reverse("public:display", args=["nosuch"]), {"value": "1"}).status_code == 404


def test_switches_template(rf: RequestFactory):
    request = rf.get("/gk/library/", {"q": "户籍"})
    html = render_to_string("publishing/public/_switches.html", {"senior_mode": False, "traditional": False},
                            request=request)
    assert 'action="/gk/display/senior/"' in html and 'action="/gk/display/traditional/"' in html
    assert "长者模式" in html and "繁體" in html
    # No CSRF token: the switches are on every public page, which are cached for every visitor.
    assert 'name="csrfmiddlewaretoken"' not in html
    assert 'name="next" value="/gk/library/?q=%E6%88%B7%E7%B1%8D"' in html
    html = render_to_string("publishing/public/_switches.html", {"senior_mode": True, "traditional": True},
                            request=request)
    assert "退出长者模式" in html and "简体" in html and 'name="value" value="0"' in html


def test_traditional_conversion(client, docs):
    client.post(reverse("public:display", args=["traditional"]), {"value": "1", "next": "/"})
    assert client.cookies["gk_trad"].value == "1"
    html = body_text(client.get(reverse("public:doc", args=[docs["public"].pk])))
    assert "政府信息公開" in html or "政府資訊公開" in html
    assert "發布日期" in html or "發佈日期" in html
    assert 'lang="zh-Hant"' in html
    # Attribute values that are data (URLs, form values) are kept as they are.
    html = body_text(client.get(reverse("public:library"), {"l1": "综合政务"}))
    assert 'value="综合政务"' in html
    # Other pages too; the admin never.
    assert "開" in body_text(client.get(reverse("public:consultations")))
    admin = body_text(client.get("/admin/login/"))
    assert "繁" not in admin and "開" not in admin


def test_traditional_never_touches_downloads(client, docs):
    att = DocumentAttachment(document=docs["public"], original_name="说明.txt", content_type="text/html", size=6)
    att.file.save("b.txt", ContentFile("政府信息公开".encode()), save=True)
    client.cookies["gk_trad"] = "1"
    r = client.get(reverse("public:doc-attachment", args=[docs["public"].pk, att.pk]))
    assert b"".join(r.streaming_content).decode() == "政府信息公开"


def test_display_prefs_context(rf):
    from gongkai.publishing.context import display_prefs

    request = rf.get("/")
    assert display_prefs(request) == {"senior_mode": False, "traditional": False}
    request.COOKIES.update({"gk_senior": "1", "gk_trad": "1"})
    assert display_prefs(request) == {"senior_mode": True, "traditional": True}


def test_html_conversion_helpers():
    from gongkai.publishing.middleware import add_body_class, html_to_traditional

    html = ('<html lang="zh-CN"><body class="x"><a href="/gk/?s=开发" title="公开">公开</a>'
            '<textarea>简体开</textarea><script>var s="开";</script></body></html>')
    out = html_to_traditional(html)
    assert 'href="/gk/?s=开发"' in out and 'title="公開"' in out and ">公開</a>" in out
    assert "<textarea>简体开</textarea>" in out and 'var s="开"' in out and 'lang="zh-Hant"' in out
    assert '<body class="x senior">' in add_body_class(html, "senior")
    assert add_body_class(add_body_class(html, "senior"), "senior").count("senior") == 1
    assert '<body class="senior">' in add_body_class("<body>", "senior")


def test_the_page_cache_varies_on_exactly_the_display_cookies(settings):
    from gongkai.publishing.context import PREF_COOKIES

    assert tuple(settings.GONGKAI_PAGE_CACHE_VARIANT_COOKIES) == tuple(PREF_COOKIES.values())
