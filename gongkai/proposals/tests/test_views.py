"""The staff pages (list with filters and overdue marks, registration, detail with its step forms,
the 复文 file) and the public column 建议提案办理结果 (search and filters; published results only)."""

import re

import pytest
from django.urls import reverse

from gongkai.proposals import services
from gongkai.proposals.models import Proposal

from .helpers import D, answered, cast, publish_result, registered  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_register_and_handle_through_the_pages(client, tree, cast, pin_today):  # noqa: F811
    pin_today(D(2026, 7, 1))
    client.force_login(cast["handler"])
    page = client.get(reverse("proposals:new")).content.decode()
    assert "自交办之日起三个月内答复" in page
    resp = client.post(reverse("proposals:new"), {
        "kind": "member", "session": "测试市政协第十四届委员会第五次会议", "number": "第45号",
        "title": "关于推进垃圾分类的提案", "proposers": "赵国强", "lead": tree["a"].pk, "co_handlers": [tree["b"].pk],
        "assigned_on": "2026-03-31"})
    p = Proposal.objects.get()
    assert resp.url == reverse("proposals:detail", args=[p.pk]) and p.due_on == D(2026, 6, 30)
    url = reverse("proposals:action", args=[p.pk, "answer"])
    resp = client.post(url, {"answer-version": p.version, "answer-classification": "A",
                             "answer-answered_on": "2026-06-29", "answer-text": ""})
    assert resp.status_code == 400 and "请填写复文内容或上传复文文件" in resp.content.decode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    resp = client.post(url, {"answer-version": p.version, "answer-classification": "A",
                             "answer-answered_on": "2026-06-29", "answer-text": "赵国强委员：……",
                             "answer-file": SimpleUploadedFile("复文.pdf", PDF, content_type="application/pdf")})
    assert resp.status_code == 302
    p.refresh_from_db()
    assert p.status == "answered" and p.reply_file_name == "复文.pdf"
    got = client.get(reverse("proposals:reply-file", args=[p.pk]))
    assert b"".join(got.streaming_content) == PDF
    client.force_login(cast["co"])  # the co-handler reads the case, not the unmasked file
    assert client.get(reverse("proposals:reply-file", args=[p.pk])).status_code == 403
    assert "仅主办单位可下载" in client.get(reverse("proposals:detail", args=[p.pk])).content.decode()
    client.force_login(cast["handler"])
    # a second post of the same (now stale) form changes nothing
    resp = client.post(url, {"answer-version": p.version - 1, "answer-classification": "B",
                             "answer-answered_on": "2026-06-29", "answer-text": "又一次"})
    assert resp.status_code == 400 and "已被他人更新" in resp.content.decode()
    resp = client.post(reverse("proposals:action", args=[p.pk, "publish"]),
                       {"publish-version": p.version, "publish-mode": "full", "publish-summary": ""})
    assert resp.status_code == 302
    p.refresh_from_db()
    detail = client.get(reverse("proposals:detail", args=[p.pk])).content.decode()
    assert "待科室审核" in detail and "提交公开审核" in detail and p.document.attachments.count() == 1


def test_list_filters_and_overdue_marks(client, tree, cast, pin_today):  # noqa: F811
    pin_today(D(2026, 7, 1))
    registered(tree, cast)  # due 2026-06-10: overdue
    answered(tree, cast, number="第7号", title="关于增设公交线路的建议", on=D(2026, 4, 1))
    client.force_login(cast["handler"])
    page = client.get(reverse("proposals:list")).content.decode()
    assert "逾期</span>" in page and "关于增设公交线路的建议" in page
    page = client.get(reverse("proposals:list"), {"overdue": "1"}).content.decode()
    assert "关于增设公交线路的建议" not in page and "加装电梯" in page
    page = client.get(reverse("proposals:list"), {"q": "公交"}).content.decode()
    assert "关于增设公交线路的建议" in page and "加装电梯" not in page


def test_outsiders_see_nothing(client, tree, cast):  # noqa: F811
    p = registered(tree, cast)
    client.force_login(cast["outsider"])
    assert client.get(reverse("proposals:detail", args=[p.pk])).status_code == 404
    assert "加装电梯" not in client.get(reverse("proposals:list")).content.decode()
    assert client.post(reverse("proposals:action", args=[p.pk, "progress"]), {}).status_code == 404
    client.force_login(cast["co"])  # the co-handler reads and may add its opinion, nothing else
    page = client.get(reverse("proposals:detail", args=[p.pk])).content.decode()
    assert "填写会办意见" in page and "登记答复（复文）" not in page
    resp = client.post(reverse("proposals:action", args=[p.pk, "answer"]), {
        "answer-version": p.version, "answer-classification": "A", "answer-answered_on": "2026-04-01",
        "answer-text": "越权答复"})
    assert resp.status_code == 400 and "无权办理" in resp.content.decode()


def test_the_public_column_searches_published_results_only(client, tree, cast, pin_today):  # noqa: F811
    pin_today(D(2026, 7, 1))
    shown = publish_result(answered(tree, cast, proposers="张建国（13812341234）"), cast)
    publish_result(answered(tree, cast, number="第8号", kind="member", title="关于保护古树名木的提案",
                            classification="B"), cast, mode="summary", summary="已列入明年计划。")
    submitted = services.submit_publication(answered(tree, cast, number="第9号", title="关于夜市管理的建议"),
                                            cast["handler"], "full")  # under review
    answered(tree, cast, number="第10号", title="关于停车难的建议")  # answered, not submitted
    url = reverse("proposals_public:index", args=[tree["a"].code])
    page = client.get(url).content.decode()
    assert "加装电梯" in page and "古树名木" in page
    assert "夜市管理" not in page and "停车难" not in page
    page = client.get(url, {"q": "古树"}).content.decode()
    assert "古树名木" in page and "加装电梯" not in page and "检索结果" in page
    assert "古树名木" not in client.get(url, {"kind": "deputy"}).content.decode()
    assert "加装电梯" not in client.get(url, {"classification": "B"}).content.decode()
    assert "加装电梯" in client.get(url, {"year": "2026", "session": shown.session}).content.decode()
    assert "没有符合条件" in client.get(url, {"year": "2025"}).content.decode()
    detail = client.get(reverse("proposals_public:detail", args=[tree["a"].code, shown.pk])).content.decode()
    assert "复文全文" in detail and "13812341234" not in detail and "138****1234" in detail
    assert client.get(reverse("proposals_public:detail", args=[tree["a"].code, submitted.pk])).status_code == 404
    assert client.get(reverse("proposals_public:index", args=["nosuch"])).status_code == 404


def test_the_column_tree_links_the_results_page(client, tree, cast, pin_today):  # noqa: F811
    pin_today(D(2026, 7, 1))
    publish_result(answered(tree, cast), cast)
    page = client.get(reverse("proposals_public:index", args=[tree["a"].code])).content.decode()
    link = reverse("proposals_public:index", args=[tree["a"].code])
    assert re.search(rf'<a href="{re.escape(link)}" data-gk="node:\d+" aria-current="page">建议提案办理</a>', page)
