"""The policy library's per-request work (issue 15 item 5: ≥ 100 library requests/s uncached, measured by
bench/search_bench.py): the organ and subject options of its form are kept per content generation, and
a change of an organ or of the subject list shows at once; the facet links are built from the request's
parameters encoded once, with the same URLs as a QueryDict copy gave; the queries of a page are few."""

import datetime as dt

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from gongkai.agencies.models import Agency
from gongkai.publishing import library_facets
from gongkai.publishing.models import Subject
from gongkai.search import index

from .test_public_pages import make_doc

pytestmark = pytest.mark.django_db
URL = "/gk/library/"


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.GONGKAI_PAGE_CACHE = False
    settings.GONGKAI_RATE_LIMITS = {}


def _tables(client, params=None) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(URL, params or {})
    assert r.status_code == 200
    return r.content.decode(), [q["sql"] for q in ctx.captured_queries]


def test_form_options_kept_until_an_organ_or_subject_changes(client, tree):
    make_doc(tree["gov"], "关于户籍管理的通知", subject="卫生、体育\\卫生")
    html, first = _tables(client)
    assert any('"agencies_agency"' in sql and '"path"' in sql for sql in first)
    html, again = _tables(client, {"q": "户籍"})
    assert not any("publishing_subject" in sql for sql in again)
    assert not any('FROM "agencies_agency" ORDER BY' in sql for sql in again)
    assert "测试市甲局" in html

    Agency.objects.create(code="deptNew", name="测试市新设局", parent=tree["gov"])
    html, _ = _tables(client)
    assert '<option value="deptNew">　测试市新设局</option>' in html
    Subject.objects.create(path="新的分类\\子类", l1="新的分类", position=999)
    html, _ = _tables(client)
    assert '<option value="新的分类">新的分类</option>' in html
    tree["b"].name = "测试市乙局（更名）"
    tree["b"].save()
    html, _ = _tables(client, {"issuer": "deptB"})
    assert "测试市乙局（更名）</option>" in html


def test_issuer_filter_uses_the_organ_name(client, tree):
    make_doc(tree["a"], "甲局发的文件", issuers="测试市甲局")
    make_doc(tree["b"], "乙局发的文件", issuers="测试市乙局")
    index.rebuild()
    html, _ = _tables(client, {"issuer": "deptA"})
    assert "甲局发的文件" in html and "乙局发的文件" not in html


def _reference_href(request, *, drop=(), **values) -> str:
    """The links as they were built before (a QueryDict copy per link)."""
    params = request.GET.copy()
    for name in ("page", *drop, *values):
        params.pop(name, None)
    for name, value in values.items():
        params[name] = value
    encoded = params.urlencode()
    return f"{request.path}?{encoded}" if encoded else request.path


@pytest.mark.parametrize("query", [
    "", "q=户籍&page=3", "q=a+b%26c&agency=deptA&agency=deptB&l1=卫生、体育&l2=卫生、体育%5C卫生",
    "pub_from=2024-01-01&pub_to=2024-12-31&pub_range=year&sort=date&scope=title", "q=%E6%88%B7&x=<>\"'",
])
def test_facet_links_same_as_a_querydict_copy(query):
    request = RequestFactory().get(f"{URL}?{query}")
    cases = [{}, {"drop": ("l1", "l2")}, {"agency": "deptC"}, {"drop": ("l2",), "l1": "综合政务"},
             {"drop": ("pub_range",), "pub_from": "2023-01-01", "pub_to": "2023-12-31"}, {"q": "新 词&"}]
    for case in cases:
        assert library_facets._href(request, **case) == _reference_href(request, **case), case


def test_library_queries_bounded(client, tree, django_assert_max_num_queries):
    for i in range(30):
        make_doc(tree["a" if i % 2 else "b"], f"关于养老服务第{i}项工作的通知",
                 when=dt.datetime(2024, 1, 1, 9) + dt.timedelta(days=i), subject="卫生、体育\\卫生")
    index.rebuild()
    for params in ({}, {"q": "养老"}, {"q": "养老", "agency": "deptA"}, {"q": "养老", "page": 2},
                   {"validity": "repealed"}, {"l1": "卫生、体育", "sort": "date"}):
        client.get(URL, params)  # counts kept for the generation, options kept
        with django_assert_max_num_queries(8):
            assert client.get(URL, params).status_code == 200


# The result list as the template loop wrote it before ``public_library.result_items``.
RESULT_LOOP = """{% for hit in hits %}{% with doc=hit.document %}
      <li>
        <h3><a href="{% url 'public:doc' doc.pk %}">{{ hit.title_html|safe }}</a> {% if doc.validity != "in_force" %}\
<span class="badge validity validity-{{ doc.validity }}">{{ doc.get_validity_display }}</span>{% endif %}</h3>
        {% if hit.snippet_html %}<p class="snippet">{{ hit.snippet_html|safe }}</p>{% endif %}
        <dl class="row-meta">
          <div><dt>文号</dt><dd>{{ doc.doc_no|default:"—" }}</dd></div>
          <div><dt>发布机构</dt><dd>{{ doc.agency.name }}</dd></div>
          <div><dt>发布日期</dt><dd><time datetime="{{ doc.published_at|date:'Y-m-d' }}">\
{{ doc.published_at|date:"Y-m-d" }}</time></dd></div>
        </dl>
      </li>
    {% endwith %}{% endfor %}"""


def test_result_items_same_as_the_template_loop(tree):
    from django.template import engines

    from gongkai.publishing.models import Validity
    from gongkai.publishing.public_library import result_items

    tree["a"].name = '测试市<甲>局 & "办"'
    tree["a"].save()
    make_doc(tree["a"], "关于户籍<b>管理</b>的通知", doc_no="测<政>发〔2024〕1号", validity=Validity.REPEALED,
             when=dt.datetime(2024, 12, 31, 23, 30))  # late evening: the date in Beijing time
    make_doc(tree["gov"], "户籍迁移办法", doc_no="", body="户籍迁移的条件 & 办理。", when=dt.datetime(2023, 1, 2, 0, 5))
    make_doc(tree["b"], "养老服务通知", validity=Validity.EXPIRED)
    index.rebuild()
    hits = index.search("户籍").hits + index.search("养老").hits
    assert len(hits) == 3 and any(h.snippet_html for h in hits)
    expected = engines["django"].from_string(RESULT_LOOP).render({"hits": hits})
    assert result_items(hits) == expected
    assert "2024-12-31" in expected and "已废止" in expected and "&lt;甲&gt;" in expected


# The facet panel as the template ``_library_facets.html`` wrote it before ``library_facets.panel_html``.
FACETS_TEMPLATE = '<details class="facet-panel" open>\n  <summary id="h-facets">分类筛选（主题分类、发文机关、年份、文种、有效性）</summary>\n  {% if facets.stale %}<p class="small muted">文件刚有更新，分类数量正在重新统计，可能稍有滞后。</p>{% endif %}\n  {% if facets.capped %}<p class="small muted">符合条件的文件超过 {{ facets.counted }} 个，以下数量按其中 {{ facets.counted }} 个文件统计（样本），标“+”的实际数量可能更多。</p>{% endif %}\n  {% for group in facets.groups %}\n  <div class="facet">\n    <h3 id="facet-{{ group.key }}">{{ group.label }}</h3>\n    <ul aria-labelledby="facet-{{ group.key }}">{% for item in group.shown %}<li><a href="{{ item.href }}"{% if item.active %} aria-current="true" class="active"{% endif %}>{{ item.label }} <span class="facet-count">({{ item.count }}{% if facets.capped %}+{% endif %})</span>{% if item.active %} <span aria-hidden="true">✕</span><span class="visually-hidden">（已选，点击取消）</span>{% endif %}</a></li>{% endfor %}</ul>\n    {% if group.more %}<details class="facet-more"><summary>更多{{ group.label }}（{{ group.more|length }}）</summary>\n    <ul aria-labelledby="facet-{{ group.key }}">{% for item in group.more %}<li><a href="{{ item.href }}"{% if item.active %} aria-current="true" class="active"{% endif %}>{{ item.label }} <span class="facet-count">({{ item.count }}{% if facets.capped %}+{% endif %})</span>{% if item.active %} <span aria-hidden="true">✕</span><span class="visually-hidden">（已选，点击取消）</span>{% endif %}</a></li>{% endfor %}</ul></details>{% endif %}\n  </div>\n  {% endfor %}\n</details>\n'


@pytest.mark.parametrize("params", [{}, {"q": "户籍"}, {"agency": "deptA", "l1": "公安、安全、司法"}])
@pytest.mark.parametrize("capped, stale", [(False, False), (True, True)])
def test_facet_panel_same_as_the_template(tree, params, capped, stale):
    from django.template import engines

    from gongkai.publishing.models import Validity
    from gongkai.publishing.public_library import LibraryForm

    Agency.objects.create(code="x&y", name='测试<市>"丙"局 & 办', parent=tree["gov"])
    for i in range(12):  # more values than SHOWN: a 「更多」 list
        make_doc(tree["a"] if i % 2 else Agency.objects.get(code="x&y"), f"户籍管理第{i}号",
                 when=dt.datetime(2012 + i, 3, 1, 9), subject=f"公安、安全、司法\\公安{i}" if i % 3 else "<甲&乙>",
                 validity=Validity.REPEALED if i % 4 == 0 else Validity.IN_FORCE)
    index.rebuild()
    request = RequestFactory().get(URL, params)
    form = LibraryForm(dict(params, scope="full") if params else None)
    assert not form.is_bound or form.is_valid()
    kwargs = form.search_kwargs(dt.date(2026, 1, 1)) if form.is_bound else {}
    facets = library_facets.panel(request, form, params.get("q", ""), kwargs)
    facets.update(capped=capped, stale=stale)
    assert facets["groups"] and (params.get("agency") or any(group["more"] for group in facets["groups"]))
    expected = engines["django"].from_string(FACETS_TEMPLATE).render({"facets": facets})
    assert library_facets.panel_html(facets) == expected
