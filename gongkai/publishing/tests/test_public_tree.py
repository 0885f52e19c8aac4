"""The 政府信息公开 column tree on every page of an organ's column (issue 15, item 4): present on each
kind of page with the page's entry marked, kept per content generation and renewed by a change; the
历年年报 list (reports in whichever column); the document page's 打印/字号/分享/相关文件; list tables."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.publishing import public_tree
from gongkai.publishing.models import CatalogueNode, DocType, Interpretation
from gongkai.publishing.tests.test_public_pages import make_doc


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


def _tree(html: str) -> str:
    m = re.search(r'<nav class="gk-tree".*?</nav>', html, re.S)
    assert m, "no column tree on the page"
    return m.group(0)


def _current(html: str) -> list[str]:
    """The text of the tree links marked aria-current."""
    return re.findall(r'<a href="[^"]*" data-gk="[^"]*" aria-current="page">([^<]*)</a>', _tree(html))


def _node(agency, section=CatalogueNode.STATUTORY, parent=True):
    nodes = CatalogueNode.objects.filter(agency=agency, section=section)
    return nodes.exclude(parent=None).order_by("position", "id").first() if parent else nodes.get(parent=None)


def test_tree_on_every_kind_of_organ_page_with_the_current_entry_marked(client, tree):
    gov = tree["gov"]
    leaf = _node(gov)
    rules = _node(gov, CatalogueNode.RULES, parent=False)
    doc = make_doc(gov, "关于某项工作的通知")
    doc.columns.add(leaf)
    pages = {
        reverse("column", args=["gov"]): f"{gov.name}政府信息公开",
        reverse("guide", args=["gov"]): "政府信息公开指南",
        reverse("public:catalogue", args=["gov"]): "法定主动公开内容",
        reverse("public:catalogue-node", args=["gov", leaf.pk]): leaf.title,
        reverse("public:catalogue-node", args=["gov", rules.pk]): "政府信息公开制度",
        reverse("public:doc", args=[doc.pk]): leaf.title,
        reverse("reports_public:index", args=["gov"]): "政府信息公开年报",
    }
    for url, marked in pages.items():
        r = client.get(url)
        assert r.status_code == 200, url
        html = r.content.decode()
        nav = _tree(html)
        for entry in ("政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报", "依申请公开",
                      "在线申请", "申请查询", leaf.title):
            assert entry in nav, (url, entry)
        assert _current(html) == [marked], url
    # A sub-column's page opens the lists above it (法定主动公开内容), and only those.
    html = client.get(reverse("public:catalogue-node", args=["gov", leaf.pk])).content.decode()
    assert re.search(r'<details data-gk-open="catalogue" open>', html)
    assert 'data-gk-open="apply" open' not in html
    # Another organ's tree is its own.
    other = client.get(reverse("column", args=["deptA"])).content.decode()
    assert f"{tree['a'].name}政府信息公开" in _tree(other) and leaf.title in _tree(other)
    assert f'/gk/gov/catalogue/{leaf.pk}/' not in _tree(other)


def test_tree_collapses_on_phones_in_a_details_element(client, tree):
    html = client.get(reverse("column", args=["gov"])).content.decode()
    nav = _tree(html)
    assert '<details class="gk-tree-box" open data-gk-collapse>' in nav and "<summary>栏目导航</summary>" in nav
    assert 'aria-label="测试市人民政府政府信息公开栏目"' in nav


def test_tree_is_kept_per_generation_and_renewed_by_a_change(tree):
    gov = tree["gov"]
    first = public_tree.tree_html(gov, "catalogue")
    with CaptureQueriesContext(connection) as warm:
        again = public_tree.tree_html(gov, "guide")
    assert len(warm.captured_queries) == 0  # once warm: cache reads only
    assert 'data-gk="guide" aria-current="page"' in again and 'data-gk="guide" aria-current' not in first
    # A new column (publication side) shows at once: the save ends the content generation.
    node = CatalogueNode.objects.create(agency=gov, parent=_node(gov, parent=False), section=CatalogueNode.STATUTORY,
                                        title="新设的专题栏目", position=999)
    assert "新设的专题栏目" in public_tree.tree_html(gov)
    node.title = "改名后的专题栏目"
    node.save()
    html = public_tree.tree_html(gov, f"node:{node.pk}")
    assert "改名后的专题栏目" in html and "新设的专题栏目" not in html
    assert f'data-gk="node:{node.pk}" aria-current="page"' in html


def test_tree_on_pages_follows_a_change_through_the_page_cache(client, tree):
    url = reverse("public:catalogue", args=["gov"])
    assert "临时增设栏目" not in client.get(url).content.decode()
    CatalogueNode.objects.create(agency=tree["gov"], parent=_node(tree["gov"], parent=False),
                                 section=CatalogueNode.STATUTORY, title="临时增设栏目", position=998)
    assert "临时增设栏目" in _tree(client.get(url).content.decode())


def test_annual_reports_lists_every_year_whichever_column_holds_the_file(client, tree):
    gov = tree["gov"]
    in_reports = make_doc(gov, "测试市人民政府2024年政府信息公开工作年度报告", doc_type=DocType.REPORT,
                          when=dt.datetime(2025, 1, 20, 9))
    in_reports.columns.add(_node(gov, CatalogueNode.ANNUAL_REPORTS, parent=False))
    elsewhere = make_doc(gov, "测试市人民政府2023年政府信息公开工作年度报告", doc_type=DocType.REPORT,
                         when=dt.datetime(2024, 1, 25, 9))
    elsewhere.columns.add(_node(gov))  # filed under 法定主动公开内容
    make_doc(gov, "测试市人民政府2022年政府信息公开工作年度报告", doc_type=DocType.REPORT,
             when=dt.datetime(2023, 1, 18, 9))  # in no column at all
    make_doc(gov, "关于2024年财政预算执行情况的报告", doc_type=DocType.REPORT)  # a report, not an annual one
    make_doc(tree["a"], "测试市甲局2024年政府信息公开工作年度报告", doc_type=DocType.REPORT)  # another organ
    for url in (reverse("reports_public:index", args=["gov"]), reverse("column", args=["gov"])):
        html = client.get(url).content.decode()
        years = re.findall(r'<span class="year">(\d{4})年度</span>', html)
        assert years == ["2024", "2023", "2022"], url
        assert "财政预算执行情况" not in html.split("h-annual-years", 1)[1]
        assert "测试市甲局" not in html
        assert f'href="{reverse("public:doc", args=[elsewhere.pk])}"' in html


def test_document_page_has_print_font_size_share_and_related(client, tree):
    gov = tree["gov"]
    doc = make_doc(gov, "关于第五号事项的通知", doc_no="测政发〔2024〕500号", doc_no_serial=500)
    neighbour = make_doc(gov, "关于第六号事项的通知", doc_no="测政发〔2024〕501号", doc_no_serial=501)
    far = make_doc(gov, "关于远处事项的通知", doc_no="测政发〔2024〕520号", doc_no_serial=520,
                   subject="卫生、体育\\医药管理")
    same_subject = make_doc(gov, "同一主题的另一文件", subject="综合政务\\政务公开", doc_no="", doc_no_prefix="")
    other_subject = make_doc(gov, "别的主题文件", subject="卫生、体育\\医药管理", doc_no="", doc_no_prefix="")
    paired = make_doc(gov, "一并解读的配套文件", subject="卫生、体育\\医药管理", doc_no="", doc_no_prefix="")
    interp = Interpretation.objects.create(agency=gov, title="一图读懂", body="解读", published_at=doc.published_at)
    interp.documents.set([doc, paired])
    r = client.get(reverse("public:doc", args=[doc.pk]))
    html = r.content.decode()
    assert "data-print" in html and ">打印</button>" in html
    for size, label in (("large", "大"), ("medium", "中"), ("small", "小")):
        assert f'data-font="{size}"' in html and f">{label}</button>" in html
    assert 'href="#doc-share"' in html and "复制链接" in html and '<svg role="img" aria-label="本页网址二维码"' in html
    assert f'value="http://testserver/gk/docs/{doc.pk}/" readonly' in html
    assert "document-tools.js" in html and 'media="print"' in html and "print.css" in html
    assert "索引号：" + doc.index_no in html  # on paper: the address and 索引号
    related = html.split('id="h-related"', 1)[1].split("</section>", 1)[0]
    assert neighbour.title in related and far.title not in related
    assert same_subject.title in related and other_subject.title not in related
    assert paired.title in related and doc.title not in related
    # The buttons are hidden until the script shows them: without JS the page is a plain page.
    assert re.search(r'<button type="button" class="secondary js-only" data-print hidden>', html)


def test_catalogue_column_lists_as_a_table_of_index_no_title_doc_no_date(client, tree):
    gov = tree["gov"]
    leaf = _node(gov)
    doc = make_doc(gov, "列表中的文件")
    doc.columns.add(leaf)
    html = client.get(reverse("public:catalogue-node", args=["gov", leaf.pk])).content.decode()
    table = html.split('<table class="doc-table">', 1)[1].split("</table>", 1)[0]
    heads = re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', table)
    assert heads == ["索引号", "名称", "文号", "日期"]
    assert doc.index_no in table and doc.doc_no in table and "2024-05-06" in table
    assert f'<th scope="row" class="c-title" data-label="名称"><a href="/gk/docs/{doc.pk}/">列表中的文件</a>' in table


def test_breadcrumbs_name_the_section_once(client, tree):
    gov = tree["gov"]
    leaf, root = _node(gov), _node(gov, parent=False)
    for node in (leaf, root):
        html = client.get(reverse("public:catalogue-node", args=["gov", node.pk])).content.decode()
        crumbs = re.search(r'<nav class="crumbs small".*?</nav>', html, re.S).group(0)
        assert crumbs.count(root.get_section_display()) == 1, crumbs
