"""Facet counts of the library search (issue 15 item 5): right on a small fixture, capped, cached per
content generation and ended by a publication change."""

import datetime as dt

import pytest

from gongkai.publishing.models import Document
from gongkai.search import facets, index

from .conftest import make_document

pytestmark = pytest.mark.django_db


def spec(key, **over):
    return {"key": key, "title": f"关于{key}的通知", "body": "正文", **over}


@pytest.fixture
def small(agencies):
    docs = [
        make_document(agencies, **spec("a", title="户籍登记办法", agency="gaj", subject="公安、安全、司法\\公安",
                                       doc_type="通知", published=dt.date(2021, 3, 1))),
        make_document(agencies, **spec("b", title="户籍迁移规定", agency="gaj", subject="公安、安全、司法\\司法",
                                       doc_type="规定", validity="repealed", published=dt.date(2022, 5, 1))),
        make_document(agencies, **spec("c", title="户籍窗口服务意见", agency="gov", subject="综合政务\\政务公开",
                                       doc_type="意见", published=dt.date(2022, 7, 1))),
        make_document(agencies, **spec("d", title="医疗保障经办通知", agency="ybj", subject="卫生、体育\\医药管理",
                                       doc_type="通知", published=dt.date(2023, 1, 5))),
        # Not public: never counted.
        make_document(agencies, **spec("e", title="户籍草稿", agency="gaj", status="draft")),
    ]
    index.rebuild()
    return docs


def counts(result, key):
    facet = next(f for f in result.facets if f.key == key)
    return {v.value: v.count for v in facet.values}


def test_plain_list_counts_every_public_document_exactly(small):
    result = facets.facets("")
    assert (result.counted, result.capped) == (4, False)
    assert counts(result, "agency") == {"gaj": 2, "gov": 1, "ybj": 1}
    assert counts(result, "subject") == {"公安、安全、司法": 2, "综合政务": 1, "卫生、体育": 1}
    assert counts(result, "year") == {"2021": 1, "2022": 2, "2023": 1}
    assert counts(result, "doc_type") == {"通知": 2, "规定": 1, "意见": 1}
    assert counts(result, "validity") == {"in_force": 3, "repealed": 1}


def test_counts_follow_the_words_and_the_filters(small):
    result = facets.facets("户籍")
    assert result.counted == 3
    assert counts(result, "agency") == {"gaj": 2, "gov": 1}
    assert counts(result, "year") == {"2021": 1, "2022": 2}
    narrowed = facets.facets("户籍", agency_codes=["gaj"], validity="in_force")
    assert narrowed.counted == 1
    assert counts(narrowed, "doc_type") == {"通知": 1}
    assert counts(facets.facets("", doc_type="通知"), "agency") == {"gaj": 1, "ybj": 1}


def test_facet_counts_agree_with_the_search_totals(small):
    for value, n in counts(facets.facets("户籍"), "agency").items():
        assert index.search("户籍", agency_codes=[value]).total == n
    for value, n in counts(facets.facets(""), "year").items():
        y = int(value)
        assert index.search("", published_from=dt.date(y, 1, 1), published_to=dt.date(y, 12, 31)).total == n


def test_values_are_ordered_by_count_and_years_newest_first(small):
    result = facets.facets("")
    assert [v.value for v in next(f for f in result.facets if f.key == "agency").values][0] == "gaj"
    assert [v.value for v in next(f for f in result.facets if f.key == "year").values] == ["2023", "2022", "2021"]
    labels = {v.value: v.label for f in result.facets for v in f.values}
    assert labels["gaj"] == "测试市公安局" and labels["repealed"] == "已废止" and labels["2022"] == "2022年"


def test_capped_when_more_match_than_the_cap(small, monkeypatch):
    monkeypatch.setattr(index, "COUNT_CAP", 2)
    listed = facets.facets("", validity="in_force")  # three match, two counted
    assert (listed.counted, listed.capped) == (2, True)
    assert sum(counts(listed, "validity").values()) == 2
    searched = facets.facets("户籍")
    assert (searched.counted, searched.capped) == (2, True)
    assert facets.facets("医疗").capped is False


def test_kept_per_generation_and_renewed_by_a_publication(small, django_assert_max_num_queries):
    facets.facets("户籍")
    with django_assert_max_num_queries(1):  # the generation only (cache reads are not queries)
        again = facets.facets("户籍")
    assert again.counted == 3
    # A publication change (any save in publishing) ends the generation: the next call counts anew.
    draft = Document.objects.get(title="户籍草稿")
    draft.status = "published"
    draft.save()
    index.update_document(draft.pk)
    assert facets.facets("户籍").counted == 4


def test_traditional_query_counts_as_its_simplified_form(small):
    assert facets.facets("戶籍") == facets.facets("户籍")


def test_plain_list_shows_the_last_counts_while_the_job_counts_anew(small, monkeypatch):
    from gongkai.search import tasks

    assert facets.facets("").counted == 4
    queued = []
    monkeypatch.setattr(tasks, "refresh_library_facets", lambda: queued.append(1))  # a worker not yet run
    draft = Document.objects.get(title="户籍草稿")
    draft.status = "published"
    draft.save()
    index.update_document(draft.pk)
    stale = facets.facets("")
    assert (stale.counted, stale.stale) == (4, True) and queued == [1]
    facets.facets("")
    assert queued == [1]  # one job per generation
    facets.refresh_plain()  # what the job does
    fresh = facets.facets("")
    assert (fresh.counted, fresh.stale) == (5, False)


def test_years_are_calendar_years_in_china(agencies):
    # 2022-01-01 00:30 in Shanghai is 2021-12-31 16:30 UTC: a 2022 document, in both ways of counting.
    make_document(agencies, **spec("ny", title="元旦发布的户籍通知",
                                   published=dt.datetime(2022, 1, 1, 0, 30)))
    make_document(agencies, **spec("ye", title="岁末发布的户籍通知",
                                   published=dt.datetime(2021, 12, 31, 23, 30)))
    index.rebuild()
    assert counts(facets.facets(""), "year") == {"2021": 1, "2022": 1}
    assert counts(facets.facets("户籍"), "year") == {"2021": 1, "2022": 1}
    assert counts(facets.facets("", doc_type="通知"), "year") == {"2021": 1, "2022": 1}


def test_every_facet_of_a_filtered_list_agrees_with_the_search_totals(small):
    """A list without words counted in SQL (GROUPING SETS on PostgreSQL, one GROUP BY a facet on SQLite)."""
    result = facets.facets("", doc_type="通知")
    assert result.counted == index.search("", doc_type="通知").total
    filters = {"agency": lambda v: {"agency_codes": [v]}, "doc_type": lambda v: {"doc_type": v},
               "validity": lambda v: {"validity": v}, "subject": lambda v: {"subject": v},
               "year": lambda v: {"published_from": dt.date(int(v), 1, 1), "published_to": dt.date(int(v), 12, 31)}}
    for key, narrowing in filters.items():
        for value, n in counts(result, key).items():
            assert index.search("", **({"doc_type": "通知"} | narrowing(value))).total == n, (key, value)


def test_a_filtered_list_shows_its_last_counts_while_the_job_counts_anew(small, monkeypatch):
    from gongkai.search import tasks

    assert facets.facets("", doc_type="通知").counted == 2  # the first count ever: in the request
    queued = []
    monkeypatch.setattr(tasks, "refresh_library_facets", lambda filters=None: queued.append(filters))
    draft = Document.objects.get(title="户籍草稿")
    draft.status = "published"
    draft.save()
    index.update_document(draft.pk)
    stale = facets.facets("", doc_type="通知")
    assert stale.stale and queued == [{"doc_type": "通知"}]
    facets.facets("", doc_type="通知")
    assert len(queued) == 1  # one job per generation and filters
    facets.recount_listed({"doc_type": "通知"})  # what the job does
    assert facets.facets("", doc_type="通知").stale is False
