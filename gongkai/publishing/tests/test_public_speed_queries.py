"""The public pages must stay fast at 300k documents (issue: ≤ 50 ms uncached, bench/public_pages_bench.py).
Timing is the bench's job; here: the number of queries of each page does not grow with the number of
documents (no N+1 in views or templates), catalogue counts are right when a document sits in
several columns, and the sitemap becomes an index of child sitemaps of bounded size."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from gongkai.publishing import public_views
from gongkai.publishing.models import CatalogueNode, DocStatus, GazetteIssue, Interpretation

from .test_public_pages import body_text, make_doc


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.GONGKAI_PAGE_CACHE = False
    settings.GONGKAI_RATE_LIMITS = {}


def _nodes(agency):
    root = CatalogueNode.objects.get(agency=agency, section=CatalogueNode.STATUTORY, parent=None)
    leaves = list(CatalogueNode.objects.filter(parent=root).order_by("position", "id")[:3])
    return root, leaves


def _fill(agency, n, leaves):
    docs = []
    for i in range(n):
        doc = make_doc(agency, f"关于第{i}项工作的通知", when=dt.datetime(2024, 1, 1, 9) + dt.timedelta(days=i),
                       doc_type=["通知", "规章"][i % 2], subject="卫生、体育\\卫生" if i % 3 else "综合政务\\政务公开")
        doc.columns.add(leaves[i % len(leaves)])
        docs.append(doc)
    return docs


def _pages(tree, docs, root, leaf):
    gov = tree["gov"]
    issue = GazetteIssue.objects.create(agency=gov, year=2024, issue_no=1, cumulative_no=1,
                                        published_on=dt.date(2024, 6, 1))
    issue.documents.set(docs[:5])
    interp = Interpretation.objects.create(agency=gov, title="解读", body="解读正文", published_at=docs[0].published_at)
    interp.documents.set(docs[:2])
    lib = reverse("public:library")
    return [
        "/", reverse("column", args=["gov"]), reverse("guide", args=["gov"]),
        reverse("public:doc", args=[docs[0].pk]), reverse("public:doc", args=[docs[-1].pk]),
        lib, f"{lib}?page=2", f"{lib}?doc_type=规章", f"{lib}?l1=卫生、体育", f"{lib}?validity=in_force",
        f"{lib}?pub_from=2024-01-01&pub_to=2024-12-31", f"{lib}?agency=gov",
        reverse("public:catalogue", args=["gov"]), reverse("public:catalogue-node", args=["gov", root.pk]),
        reverse("public:catalogue-node", args=["gov", leaf.pk]),
        reverse("public:gazette"), reverse("public:gazette-issue", args=[issue.pk]),
        reverse("public:consultations"), reverse("public:interpretation", args=[interp.pk]),
        reverse("public:sitemap"), reverse("reports_public:index", args=["gov"]),
    ]


def _queries(client, django_assert_max_num_queries, url, limit=40):
    with django_assert_max_num_queries(limit) as ctx:
        r = client.get(url)
    assert r.status_code == 200, url
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_documents(client, tree, django_assert_max_num_queries):
    root, leaves = _nodes(tree["gov"])
    docs = _fill(tree["gov"], 45, leaves)  # more than two pages of every list
    urls = _pages(tree, docs, root, leaves[0])
    few = {url: _queries(client, django_assert_max_num_queries, url) for url in urls}
    docs += _fill(tree["gov"], 60, leaves)
    for doc in docs[:40]:
        doc.columns.add(leaves[-1])  # in two columns
    for url in urls:
        assert _queries(client, django_assert_max_num_queries, url, few[url]) <= few[url], url


def test_catalogue_counts_each_document_once(client, tree):
    gov = tree["gov"]
    root, leaves = _nodes(gov)
    both = make_doc(gov, "两个栏目中的文件")
    both.columns.add(leaves[0], leaves[1])
    one = make_doc(gov, "一个栏目中的文件")
    one.columns.add(leaves[1], root)
    make_doc(gov, "草稿", status=DocStatus.DRAFT, index_no=None).columns.add(leaves[0])
    html = body_text(client.get(reverse("public:catalogue", args=["gov"])))
    assert "（2 条）" in html  # root: both documents once each, the draft not at all
    html = body_text(client.get(reverse("public:catalogue-node", args=["gov", root.pk])))
    assert html.count("两个栏目中的文件") == 1 and html.count("一个栏目中的文件") == 1
    assert re.search(rf"{re.escape(leaves[0].title)}</a> <span class=\"small muted\">（1 条）", html)
    assert re.search(rf"{re.escape(leaves[1].title)}</a> <span class=\"small muted\">（2 条）", html)


def test_sitemap_index_of_bounded_parts(client, tree, monkeypatch):
    monkeypatch.setattr(public_views, "SITEMAP_PART", 4)
    docs = [make_doc(tree["gov"], f"文件{i}") for i in range(10)]
    hidden = make_doc(tree["gov"], "草稿", status=DocStatus.DRAFT, index_no=None)
    r = client.get(reverse("public:sitemap"))
    xml = body_text(r)
    assert r.status_code == 200 and "<sitemapindex" in xml and "<url>" not in xml
    parts = re.findall(r"<loc>http://testserver(/gk/sitemap\.xml\?part=\d+)</loc>", xml)
    assert parts and len(parts) == len(set(parts))
    listed = []
    for url in parts:
        part = body_text(client.get(url))
        assert part.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<urlset')
        assert 0 < part.count("<url>") <= 4
        listed += [int(pk) for pk in re.findall(r"<loc>http://testserver/gk/docs/(\d+)/</loc>", part)]
    assert sorted(listed) == sorted(d.pk for d in docs) and hidden.pk not in listed
    beyond = max(d.pk for d in docs) // 4 + 1  # ids keep counting across tests: past the last part
    assert client.get(reverse("public:sitemap") + f"?part={beyond}").status_code == 404
    assert client.get(reverse("public:sitemap") + "?part=x").status_code == 404
