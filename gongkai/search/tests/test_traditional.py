"""Queries in traditional characters find what their simplified form finds (issue 15 item 5): the
query is converted (OpenCC t2s), the index is unchanged; highlighting marks the document's text."""

import pytest

from gongkai.search import index, text
from gongkai.search.models import SearchEntry

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("typed", "simplified"), [
    ("戶籍", "户籍"), ("養老保險", "养老保险"), ("個人所得稅", "个人所得税"), ("聊政發〔2020〕9號", "聊政发〔2020〕9号"),
])
def test_traditional_query_is_converted(typed, simplified):
    assert text.to_simplified(typed) == simplified


@pytest.mark.parametrize("query", ["户籍", "养老保险 办法", "乾坤", "ABC 123", "", "2020年"])
def test_simplified_and_ascii_queries_are_left_alone(query):
    assert text.to_simplified(query) == query


def ids(results):
    return [h.document.pk for h in results.hits]


def test_traditional_query_finds_the_simplified_documents(corpus):
    simplified = index.search("户籍")
    assert simplified.total > 0
    traditional = index.search("戶籍")
    assert ids(traditional) == ids(simplified)
    assert traditional.total == simplified.total
    assert traditional.query == "戶籍"  # shown as typed
    # Highlighting marks the simplified words of the documents.
    assert "<mark>户籍</mark>" in traditional.hits[0].title_html


def test_traditional_query_with_filters_and_title_only(corpus):
    for kwargs in ({"title_only": True}, {"agency_codes": ["gaj"]}, {"sort": "date"}):
        assert ids(index.search("戶籍管理", **kwargs)) == ids(index.search("户籍管理", **kwargs))


def test_traditional_doc_no_query_puts_the_document_first(corpus):
    results = index.search("測政發〔2021〕12號")
    assert results.doc_no_match
    assert results.hits[0].document.doc_no == "测政发〔2021〕12号"


def test_index_keeps_the_documents_text(corpus):
    # Nothing traditional was written into the index: conversion is of queries only.
    assert not SearchEntry.objects.filter(title_tokens__contains="戶").exists()
    assert SearchEntry.objects.filter(title_tokens__contains="户籍").exists()
