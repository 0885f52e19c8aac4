"""What the faster public lists compute must not change (speed: bench/public_pages_bench.py):
the 主题分类 filter as an index range, the catalogue counts from link counts minus the few
documents that are not public, and the catalogue column pages whichever query form lists them."""

import datetime as dt
import itertools
import re

import pytest
from django.urls import reverse

from gongkai.ops import page_cache
from gongkai.publishing import public_catalogue, public_views
from gongkai.publishing.access import public_documents
from gongkai.publishing.models import CatalogueNode, DisclosureAttribute, DocStatus, Document
from gongkai.search import index

from .test_public_pages import body_text, make_doc


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.GONGKAI_PAGE_CACHE = False
    settings.GONGKAI_RATE_LIMITS = {}


def test_not_public_is_the_complement_of_public_documents(tree):
    for status, attribute in itertools.product(DocStatus.values, DisclosureAttribute.values):
        make_doc(tree["gov"], f"{status}-{attribute}", status=status, disclosure_attribute=attribute, index_no=None)
    public = set(public_documents().values_list("pk", flat=True))
    parts = [set(Document.objects.filter(q).values_list("pk", flat=True)) for q in public_catalogue._not_public()]
    hidden = set().union(*parts)
    assert len(public) == 1 and not public & hidden and sum(map(len, parts)) == len(hidden)
    assert public | hidden == set(Document.objects.values_list("pk", flat=True))


def test_subject_filter_is_the_path_and_below_it(tree):
    gov = tree["gov"]
    subjects = ["卫生、体育", "卫生、体育\\卫生", "卫生、体育\\卫生\\第三级", "卫生、体育\\体育", "卫生、体育A",
                "卫生、体育、其他\\x", "卫生", "综合政务\\政务公开", "卫生、体育]", ""]
    docs = {s: make_doc(gov, f"文件 {s}", subject=s) for s in subjects}
    index.rebuild()

    def found(subject):
        return {h.document.pk for h in index.search(subject=subject, per_page=100).hits}

    assert found("卫生、体育") == {docs[s].pk for s in subjects[:4]}
    assert found("卫生、体育\\") == found("卫生、体育")
    assert found("卫生、体育\\卫生") == {docs["卫生、体育\\卫生"].pk, docs["卫生、体育\\卫生\\第三级"].pk}
    assert found("卫生") == {docs["卫生"].pk}
    assert found("综合政务") == {docs["综合政务\\政务公开"].pk}
    assert index.search(subject="卫生、体育").total == 4


def _catalogue(gov):
    root = CatalogueNode.objects.get(agency=gov, section=CatalogueNode.STATUTORY, parent=None)
    leaves = list(CatalogueNode.objects.filter(parent=root).order_by("position", "id")[:3])
    return root, leaves


def _counts(html):
    return {k.strip(): v for k, v in re.findall(r">([^<>]+)</a> <span class=\"small muted\">（(\d+) 条）", html)}


@pytest.fixture
def filed(tree):
    gov = tree["gov"]
    root, (a, b, c) = _catalogue(gov)
    when = dt.datetime(2024, 1, 1, 9)
    public = [make_doc(gov, f"公开文件{i}", when=when + dt.timedelta(days=i)) for i in range(45)]
    for i, doc in enumerate(public):
        doc.columns.add(a if i % 2 else b)
        if i % 5 == 0:
            doc.columns.add(c)  # in two columns
    public[0].columns.add(root)
    hidden = [
        make_doc(gov, "草稿甲", status=DocStatus.DRAFT, index_no=None, when=when + dt.timedelta(days=99)),
        make_doc(gov, "已撤回乙", status=DocStatus.WITHDRAWN, when=when + dt.timedelta(days=98)),
        make_doc(gov, "依申请丙", disclosure_attribute=DisclosureAttribute.ON_REQUEST, when=when + dt.timedelta(days=97)),
    ]
    for doc in hidden:
        doc.columns.add(a, c)
    hidden[0].columns.add(root)
    return {"root": root, "leaves": (a, b, c), "public": public, "hidden": hidden}


def _expected(columns, public):
    ids = {n.pk for n in columns}
    return [d for d in sorted(public, key=lambda d: (d.published_at, d.pk), reverse=True)
            if ids & set(d.columns.values_list("pk", flat=True))]


@pytest.mark.parametrize("factor", [0, 10**9])  # always pk IN (…) / always the correlated EXISTS
def test_catalogue_counts_and_pages(client, tree, filed, monkeypatch, factor):
    monkeypatch.setattr(public_catalogue, "EXISTS_FACTOR", factor)
    root, (a, b, c), public = filed["root"], filed["leaves"], filed["public"]
    html = body_text(client.get(reverse("public:catalogue", args=["gov"])))
    counts = _counts(html)
    assert counts[a.title] == str(len(_expected([a], public))) == "22"
    assert counts[b.title] == "23" and counts[c.title] == "9"
    assert counts[root.title] == "45"  # each public document once, none of the hidden ones
    assert f"更新日期：<time datetime=\"{public[-1].published_at.date()}\"" in html

    for node, columns in ((root, [root, a, b, c]), (a, [a]), (c, [c])):
        expected = _expected(columns, public)
        url = reverse("public:catalogue-node", args=["gov", node.pk])
        seen = []
        for page in range(1, -(-len(expected) // public_views.PER_PAGE) + 1):
            html = body_text(client.get(f"{url}?page={page}"))
            seen += [int(pk) for pk in re.findall(r'data-label="名称"><a href="/gk/docs/(\d+)/">', html)]
        assert seen == [d.pk for d in expected], node.title
        assert f"本栏目更新日期：<time datetime=\"{expected[0].published_at.date()}\"" in html
        assert not any(d.title in html for d in filed["hidden"])
    sub = _counts(body_text(client.get(reverse("public:catalogue-node", args=["gov", root.pk]))))
    assert (sub[a.title], sub[b.title], sub[c.title]) == ("22", "23", "9")
    last = body_text(client.get(reverse("public:catalogue-node", args=["gov", root.pk]) + "?page=99"))
    assert str(public[0].pk) in last  # beyond the last page: the last page


def test_empty_and_hidden_only_columns(client, tree, filed):
    root = filed["root"]
    empty = CatalogueNode.objects.create(agency=tree["gov"], parent=root, section=CatalogueNode.STATUTORY,
                                         title="空栏目", position=500)
    only_hidden = CatalogueNode.objects.create(agency=tree["gov"], parent=root, section=CatalogueNode.STATUTORY,
                                               title="只有未公开文件的栏目", position=501)
    filed["hidden"][1].columns.add(only_hidden)
    counts = _counts(body_text(client.get(reverse("public:catalogue", args=["gov"]))))
    assert counts["空栏目"] == "0" and counts["只有未公开文件的栏目"] == "0"
    for node in (empty, only_hidden):
        html = body_text(client.get(reverse("public:catalogue-node", args=["gov", node.pk])))
        assert "本栏目暂无公开信息。" in html and "本栏目更新日期：暂无更新" in html
    other = tree["a"]
    html = body_text(client.get(reverse("public:catalogue", args=["deptA"])))
    assert "暂无更新" in html and other.name in html


def test_counts_kept_per_generation_follow_every_change(client, tree, filed, django_assert_max_num_queries):
    a = filed["leaves"][0]
    catalogue, lib = reverse("public:catalogue", args=["gov"]), reverse("public:library")
    assert _counts(body_text(client.get(catalogue)))[a.title] == "22"
    assert "共找到 45 个文件" in body_text(client.get(f"{lib}?agency=gov"))
    first = client.get(catalogue)  # counted once per generation: fewer queries the second time
    with django_assert_max_num_queries(100) as cold:
        page_cache.bump()
        client.get(catalogue)
    with django_assert_max_num_queries(100) as warm:
        client.get(catalogue)
    assert len(warm.captured_queries) < len(cold.captured_queries) and first.status_code == 200
    doc = make_doc(tree["gov"], "新文件")
    doc.columns.add(a)
    assert _counts(body_text(client.get(catalogue)))[a.title] == "23"
    assert "共找到 46 个文件" in body_text(client.get(f"{lib}?agency=gov"))
    Document.objects.filter(pk=doc.pk).update(status=DocStatus.WITHDRAWN)  # no signal: as the services do,
    page_cache.bump_on_commit()  # say so
    assert _counts(body_text(client.get(catalogue)))[a.title] == "22"
    assert "共找到 45 个文件" in body_text(client.get(f"{lib}?agency=gov"))
    doc.columns.remove(a)
    filed["public"][1].columns.remove(a)
    assert _counts(body_text(client.get(catalogue)))[a.title] == "21"


def test_library_past_the_count_cap_says_more_and_pages_end(client, tree, monkeypatch):
    """The library lists at most COUNT_CAP documents without words: it says 超过, its pages end there
    (a deeper page number shows the last page), and the oldest-first sort reaches the other end."""
    for n in range(7):
        make_doc(tree["gov"], f"第{n}号文件", when=dt.datetime(2024, 1, 1 + n, 9))
    index.rebuild()
    monkeypatch.setattr(index, "COUNT_CAP", 4)
    monkeypatch.setattr(public_views, "PER_PAGE", 2)
    monkeypatch.setattr("gongkai.publishing.public_library.PER_PAGE", 2)
    text = body_text(client.get(reverse("public:library"), {"sort": "date", "page": "9"}))
    assert "找到超过 4 个文件" in text and "第 2 / 2 页" in text and "第3号文件" in text
    oldest = body_text(client.get(reverse("public:library"), {"sort": "date_asc"}))
    assert "第0号文件" in oldest and "第6号文件" not in oldest


def test_a_document_is_filed_only_in_its_own_organs_columns(tree):
    """The column pages list a column's documents from its organ's documents: a document of another
    organ cannot be filed there, from either side of the link."""
    from django.core.exceptions import ValidationError
    from django.db import transaction

    other = tree["a"]
    column = CatalogueNode.objects.filter(agency=tree["gov"], section=CatalogueNode.STATUTORY).first()
    own, foreign = make_doc(tree["gov"], "本机关文件"), make_doc(other, "其他机关文件")
    own.columns.add(column)
    with pytest.raises(ValidationError, match="只能归入其发布机关自己的栏目"), transaction.atomic():
        foreign.columns.add(column)
    with pytest.raises(ValidationError), transaction.atomic():
        column.documents.add(foreign)
    assert list(column.documents.all()) == [own]


def test_library_page_past_the_last_shows_the_last_page(client, tree, monkeypatch):
    """A page number past the end (an old link, a typed URL) shows the last page, not "未找到"."""
    for n in range(7):
        make_doc(tree["gov"], f"第{n}号文件", when=dt.datetime(2024, 1, 1 + n, 9))
    index.rebuild()
    monkeypatch.setattr(public_views, "PER_PAGE", 2)
    monkeypatch.setattr("gongkai.publishing.public_library.PER_PAGE", 2)
    text = body_text(client.get(reverse("public:library"), {"sort": "date", "page": "99"}))
    assert "第 4 / 4 页" in text and "第0号文件" in text and "未找到符合条件的文件" not in text
