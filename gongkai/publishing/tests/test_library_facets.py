"""The policy library's facets, active-filter chips, sort toggle and traditional-character queries
(issue 15 item 5), through the page."""

import datetime as dt
import html as htmllib
import re

import pytest

from gongkai.publishing.models import DocStatus, Validity
from gongkai.search import index

from .test_public_pages import make_doc

pytestmark = pytest.mark.django_db
URL = "/gk/library/"


@pytest.fixture
def library(tree):
    docs = {
        "old": make_doc(tree["a"], "户籍登记工作规则", when=dt.datetime(2021, 4, 1, 9, 0), doc_type="规章",
                        subject="公安、安全、司法\\公安", validity=Validity.REPEALED),
        "mid": make_doc(tree["a"], "关于户籍迁移的通知", when=dt.datetime(2022, 6, 1, 9, 0),
                        subject="公安、安全、司法\\公安", body="户籍迁移。户籍迁移。户籍迁移的办理。"),
        "new": make_doc(tree["gov"], "政务服务窗口办事指南", when=dt.datetime(2023, 8, 1, 9, 0),
                        body="窗口受理户籍业务。"),
        "other": make_doc(tree["b"], "养老保险经办规程", when=dt.datetime(2023, 9, 1, 9, 0), doc_type="意见",
                          subject="劳动、人事、监察\\社会保障"),
        "draft": make_doc(tree["b"], "户籍草稿", status=DocStatus.DRAFT, index_no=None),
    }
    index.rebuild()
    return docs


def page(client, **params):
    r = client.get(URL, params)
    assert r.status_code == 200
    return r.content.decode()


def facet_link(html: str, label: str) -> tuple[str, str]:
    """(href, count text) of the facet value ``label``."""
    m = re.search(r'<li><a href="([^"]+)"[^>]*>' + re.escape(label) + r' <span class="facet-count">\(([^)]+)\)</span>',
                  html)
    assert m, f"no facet value {label}"
    return htmllib.unescape(m.group(1)), m.group(2)


def titles(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", t) for t in re.findall(r'<h3><a href="/gk/docs/\d+/">(.*?)</a>', html)]


def test_facets_with_counts_on_the_plain_list(client, library):
    html = page(client)
    assert "主题分类" in html and "发文机关" in html and "年份" in html and "文种" in html and "有效性" in html
    assert facet_link(html, "测试市甲局")[1] == "2"
    assert facet_link(html, "2023年")[1] == "2"
    assert facet_link(html, "公安、安全、司法")[1] == "2"
    assert facet_link(html, "规章")[1] == "1"
    assert facet_link(html, "已废止")[1] == "1"


def test_clicking_a_facet_narrows_and_keeps_the_other_filters(client, library):
    html = page(client, q="户籍")
    assert set(titles(html)) == {"户籍登记工作规则", "关于户籍迁移的通知", "政务服务窗口办事指南"}
    href, count = facet_link(html, "测试市甲局")
    assert count == "2" and "q=%E6%88%B7%E7%B1%8D" in href and "agency=deptA" in href
    narrowed = client.get(href).content.decode()
    assert set(titles(narrowed)) == {"户籍登记工作规则", "关于户籍迁移的通知"}
    # The selected value is marked and links to its removal; the chip too.
    href_sel, _ = facet_link(narrowed, "测试市甲局")
    assert 'aria-current="true" class="active">测试市甲局' in narrowed
    assert "agency=" not in href_sel and "q=" in href_sel
    assert "已选条件" in narrowed and "发布机构：测试市甲局" in narrowed
    # A second facet keeps the first: year 2021 within 测试市甲局.
    href_year, count = facet_link(narrowed, "2021年")
    assert count == "1" and "agency=deptA" in href_year and "pub_from=2021-01-01" in href_year
    assert titles(client.get(href_year).content.decode()) == ["户籍登记工作规则"]
    # 主题分类 facet sets l1.
    href_subject, _ = facet_link(html, "公安、安全、司法")
    assert set(titles(client.get(href_subject).content.decode())) == {"户籍登记工作规则", "关于户籍迁移的通知"}


def test_capped_counts_are_labelled(client, library, monkeypatch):
    monkeypatch.setattr(index, "COUNT_CAP", 2)
    html = page(client, validity="in_force")
    assert "以下数量按其中 2 个文件统计" in html
    assert facet_link(html, "有效")[1].endswith("+")


def test_counts_renewed_after_a_publication(client, library):
    assert '测试市乙局 <span class="facet-count">' not in page(client, q="户籍")
    draft = library["draft"]
    draft.status = DocStatus.PUBLISHED
    draft.index_no = "TEST/draft"
    draft.save()
    index.update_document(draft.pk)
    assert facet_link(page(client, q="户籍"), "测试市乙局")[1] == "1"


def test_sort_toggle(client, library):
    html = page(client, q="户籍")
    assert 'aria-current="true">按相关度</a>' in html
    assert titles(html)[0] == "关于户籍迁移的通知"  # the title and the body say 户籍 most
    by_date = re.search(r'<a href="([^"]+)"[^>]*>按日期</a>', html).group(1)
    html_date = client.get(URL + htmllib.unescape(by_date)).content.decode()
    assert 'aria-current="true">按日期</a>' in html_date
    assert titles(html_date) == ["政务服务窗口办事指南", "关于户籍迁移的通知", "户籍登记工作规则"]
    # The toggle keeps the filters.
    html_f = page(client, q="户籍", agency="deptA")
    assert "agency=deptA" in htmllib.unescape(re.search(r'<a href="([^"]+)"[^>]*>按日期</a>', html_f).group(1))


def test_traditional_query_finds_the_same_documents(client, library):
    simplified = page(client, q="户籍")
    traditional = page(client, q="戶籍")
    assert titles(traditional) == titles(simplified) and len(titles(simplified)) == 3
    assert "<mark>户籍</mark>" in traditional
    assert 'value="戶籍"' in traditional  # the query as typed


def test_traditional_query_in_traditional_mode(client, library):
    client.cookies["gk_trad"] = "1"
    html = page(client, q="戶籍")
    assert len(titles(html)) == 3
    assert "<mark>戶籍</mark>" in html  # the page's text in traditional characters, the marks kept
    assert "測試市甲局" in html  # facet labels converted like other text


def test_stale_counts_are_said_and_not_page_cached(client, library, monkeypatch):
    from gongkai.search import tasks

    page(client)
    monkeypatch.setattr(tasks, "refresh_library_facets", lambda: None)  # the job has not run yet
    draft = library["draft"]
    draft.status = DocStatus.PUBLISHED
    draft.index_no = "TEST/draft"
    draft.save()
    r = client.get(URL)
    assert "分类数量正在重新统计" in r.content.decode()
    assert "private" in r["Cache-Control"]
    assert "分类数量正在重新统计" not in page(client, q="户籍")  # a search counts its own set at once
