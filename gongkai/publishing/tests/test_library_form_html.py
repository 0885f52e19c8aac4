"""The policy library's filter selects are written out in Python (``public_library.Select``) instead of
through Django's widget templates (speed: bench/public_pages_bench.py). The page must stay exactly
what the templates made: same fields, names, values, labels, optgroups, selected option, ``required``
/ ``aria-invalid`` / ``aria-describedby``, escaping."""

from urllib.parse import urlencode

import pytest
from django import forms
from django.urls import reverse

from gongkai.agencies.models import Agency
from gongkai.publishing import public_library
from gongkai.publishing.models import Subject

from .test_public_pages import make_doc


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.GONGKAI_PAGE_CACHE = False
    settings.GONGKAI_RATE_LIMITS = {}


QUERIES = [
    {},
    {"l1": "卫生、体育"},
    {"l1": "卫生、体育", "l2": "卫生、体育\\卫生"},
    {"l1": "综合政务", "l2": "卫生、体育\\卫生"},  # l2 not under l1: an error on l2
    {"l1": "没有这个分类"},  # not a choice: an error on l1
    {"agency": "deptA", "issuer": "gov", "doc_type": "规章", "validity": "repealed", "sort": "date"},
    {"pub_range": "year", "page": "2"},
    {"pub_from": "2024-13-01", "doc_no": "测政发"},  # an invalid date
    {"doc_type": "<script>"},
]


def _pages(client):
    lib = reverse("public:library")
    return [client.get(f"{lib}?{urlencode(q)}" if q else lib).content.decode() for q in QUERIES]


def test_library_form_html_same_as_django_templates(client, tree, monkeypatch):
    for i in range(3):
        make_doc(tree["gov"], f"文件{i}", subject="卫生、体育\\卫生")
    # Names and labels that need escaping, and a first-level subject without second-level ones.
    Agency.objects.create(code="x&y", name='测试<市>"丙"局 & 办', parent=tree["gov"])
    Subject.objects.create(path="<甲&乙>", l1="<甲&乙>", position=999)
    fast = _pages(client)
    monkeypatch.setattr(public_library.Select, "render", forms.Select.render)
    monkeypatch.setattr(public_library.PythonInput, "render", forms.Widget.render)  # inputs (text, date)
    slow = _pages(client)
    for query, a, b in zip(QUERIES, fast, slow, strict=True):
        assert a == b, query
    assert '<option value="卫生、体育\\卫生" selected>卫生</option>' in fast[2]
    assert 'aria-invalid="true"' in fast[4] and "&lt;甲&amp;乙&gt;" in fast[0]
    assert '<optgroup label="卫生、体育">' in fast[0]


def test_library_selects_do_not_use_the_template_engine(client, tree, monkeypatch):
    rendered = []
    real = forms.Select._render

    def spy(self, template_name, context, renderer=None):
        rendered.append(template_name)
        return real(self, template_name, context, renderer)

    monkeypatch.setattr(forms.Select, "_render", spy)
    assert client.get(reverse("public:library")).status_code == 200
    assert not [t for t in rendered if "select" in t]
