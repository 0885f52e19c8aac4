"""index.search over the labelled corpus; the same tests run on SQLite (FTS5) and PostgreSQL (tsvector)."""

import datetime as dt

import pytest
from django.db import connection

from gongkai.publishing.models import Document
from gongkai.search import index
from gongkai.search.models import SearchEntry

from .conftest import aware, make_document
from .corpus import HIDDEN, RELEVANCE

pytestmark = pytest.mark.django_db


def keys(results, corpus):
    by_pk = {d.pk: k for k, d in corpus.items()}
    return [by_pk[h.document.pk] for h in results.hits]


def pks(results):
    return [h.document.pk for h in results.hits]


def test_recall_at_10(corpus):
    assert len(RELEVANCE) >= 30 and len(corpus) - len(HIDDEN) >= 60
    per_query, found, wanted, misses = [], 0, 0, []
    for query, relevant in RELEVANCE.items():
        top = keys(index.search(query, per_page=10), corpus)
        hit = [k for k in relevant if k in top]
        per_query.append(len(hit) / len(relevant))
        found, wanted = found + len(hit), wanted + len(relevant)
        if len(hit) < len(relevant):
            misses.append((query, sorted(set(relevant) - set(hit))))
    recall = sum(per_query) / len(per_query)
    print(f"\n[{connection.vendor}] recall@10 over {len(RELEVANCE)} queries, {len(corpus) - len(HIDDEN)} documents: "
          f"macro {recall:.3f}, micro {found / wanted:.3f} ({found}/{wanted}); misses: {misses or 'none'}")
    assert recall >= 0.95


def test_two_character_query_matches_inside_longer_words(corpus):
    # 户籍 inside 户籍制度改革 (hj1) and 户籍管理 (hj2), 户籍地 (yl3), 户籍所在地 (db2)
    found = keys(index.search("户籍"), corpus)
    assert {"hj1", "hj2", "hj4", "yl3", "db2"} <= set(found)
    # 保险 occurs only inside longer words (医疗保险, 养老保险, 护理保险)
    found = keys(index.search("保险"), corpus)
    assert {"yb1", "yb2", "yb4", "yb5", "yl3"} <= set(found)
    # a substring that jieba never produces as a token: 籍管 (户籍管理)
    assert set(keys(index.search("籍管"), corpus)) == {"hj2", "hj4"}


def test_title_hits_rank_first(corpus):
    found = keys(index.search("户籍管理"), corpus)
    assert set(found[:2]) == {"hj2", "hj4"}
    found = keys(index.search("住房公积金"), corpus)
    assert set(found[:3]) == {"gjj1", "gjj2", "gjj3"}


def test_attachment_text_is_searched(corpus):
    assert keys(index.search("居家护理"), corpus) == ["yb5"]


@pytest.mark.parametrize("spelling", [
    "测公发〔2022〕5号", "测公发[2022]5号", "测公发［2022］5号", "测公发(2022)5号", "测公发（2022）5号",
    "测公发【2022】5号", "测公发〔２０２２〕５号", "测公发 〔2022〕 第5号", "测公发〔2022〕第5号", "测公发（2022）第５号",
])
def test_doc_no_variants_put_the_document_first(corpus, spelling):
    results = index.search(spelling)
    assert results.doc_no_match is True
    assert results.hits[0].document == corpus["hj2"]


def test_doc_no_inside_a_sentence_and_cited_documents_follow(corpus):
    results = index.search("测政发[2021]12号 户籍")
    assert results.doc_no_match and results.hits[0].document == corpus["hj1"]
    # hj4 cites 测政发〔2021〕12号 in its body: a full-text hit after the 文号 match, counted once
    found = keys(results, corpus)
    assert "hj4" in found[1:] and found.count("hj1") == 1
    assert results.total == len(found)


def test_doc_no_filter_is_exact(corpus):
    results = index.search(doc_no="测政发（2021）第3号")
    assert keys(results, corpus) == ["zd2"]
    assert index.search(doc_no="测政发〔2021〕30号").total == 0
    assert index.search("征地", doc_no="测政发[2021]3号").total == 1


def test_no_doc_no_match_for_plain_text(corpus):
    assert index.search("户籍").doc_no_match is False
    assert index.search("测公发〔2099〕1号").doc_no_match is False


def test_title_only(corpus):
    everywhere = set(keys(index.search("户籍"), corpus))
    titles = set(keys(index.search("户籍", title_only=True), corpus))
    assert titles == {"hj1", "hj2", "hj3", "hj4"}  # hj3 says 户口 (a synonym) in its title
    assert titles < everywhere
    assert set(keys(index.search("校长"), corpus)) == {"jy2", "sp2"}  # in bodies only
    assert index.search("校长", title_only=True).total == 0


def test_filter_agency(corpus):
    assert set(keys(index.search("户籍", agency_codes=["gaj"]), corpus)) == {"hj2", "hj3"}
    assert set(keys(index.search(agency_codes=["gjj"]), corpus)) == {"gjj1", "gjj2", "gjj3"}
    assert index.search("户籍", agency_codes=["nope"]).total == 0


def test_filter_issuer_substring(corpus):
    found = set(keys(index.search(issuer="测试市财政局", per_page=100), corpus))
    assert found == {"yl2", "yl4", "db1", "jye2", "xc2", "cs1", "cz1"}


def test_filter_subject_prefix(corpus):
    l1 = set(keys(index.search(subject="卫生、体育", per_page=100), corpus))
    assert l1 == {"yq1", "wsyy1", "ws1", "ty2"}
    assert set(keys(index.search(subject="卫生、体育\\医药管理"), corpus)) == {"wsyy1"}
    assert index.search(subject="卫生").total == 0  # a path prefix, not a string prefix


def test_filter_doc_type_and_validity(corpus):
    assert set(keys(index.search("户籍", doc_type="规章"), corpus)) == {"hj4"}
    assert set(keys(index.search("户籍", validity="repealed"), corpus)) == {"hj4"}
    assert set(keys(index.search(validity="已修改"), corpus)) == {"yb5"}
    assert "hj4" not in keys(index.search("户籍", validity="in_force"), corpus)


def test_filter_published_dates_on_shanghai_calendar(corpus):
    # "edge" was published at 2024-03-01 00:30 in Shanghai, i.e. on 29 February in UTC.
    on_first = keys(index.search(published_from=dt.date(2024, 3, 1), published_to=dt.date(2024, 3, 1)), corpus)
    assert on_first == ["edge"]
    assert "edge" not in keys(index.search(published_to=dt.date(2024, 2, 29), per_page=100), corpus)
    found = set(keys(index.search("户籍", published_from=dt.date(2022, 1, 1), published_to=dt.date(2022, 12, 31)),
                     corpus))
    assert found == {"hj2", "db2"}


def test_filter_signed_dates(corpus):
    found = keys(index.search(signed_from=dt.date(2021, 5, 1), signed_to=dt.date(2021, 5, 6)), corpus)
    assert found == ["hj1"]


def test_empty_query_lists_by_date(corpus):
    results = index.search(per_page=100)
    dates = [h.document.published_at for h in results.hits]
    assert dates == sorted(dates, reverse=True)
    assert results.total == len(corpus) - len(HIDDEN)
    assert all(h.score == 0.0 for h in results.hits)


def test_sort_by_date(corpus):
    results = index.search("医保", sort="date")
    dates = [h.document.published_at for h in results.hits]
    assert len(dates) >= 5 and dates == sorted(dates, reverse=True)
    by_relevance = index.search("医保")
    assert {h.document.pk for h in by_relevance.hits} == {h.document.pk for h in results.hits}


def test_oldest_first(corpus):
    listed = [h.document.published_at for h in index.search(per_page=100, sort="date_asc").hits]
    assert listed == sorted(listed) and len(listed) == len(corpus) - len(HIDDEN)
    found = [h.document.published_at for h in index.search("医保", sort="date_asc").hits]
    assert len(found) >= 5 and found == sorted(found)


def test_list_counted_up_to_the_cap(corpus, monkeypatch):
    """A list without words is counted up to COUNT_CAP ("more than" beyond it) and pages end there;
    a search with words is counted exactly."""
    public = len(corpus) - len(HIDDEN)
    assert not index.search(per_page=10).more
    monkeypatch.setattr(index, "COUNT_CAP", 25)
    results = index.search(per_page=10, page=3)
    assert (results.total, results.more, results.pages) == (25, True, 3) and public > 25
    assert len(results.hits) == 5  # the window ends at the cap
    assert index.search(per_page=10, page=4).hits == []
    newest = index.search(per_page=25).hits
    oldest = index.search(per_page=25, sort="date_asc").hits
    assert {h.document.pk for h in newest} != {h.document.pk for h in oldest}  # both ends reachable
    assert not index.search("医保").more


def test_relevance_scores_descend(corpus):
    scores = [h.score for h in index.search("养老").hits]
    assert len(scores) >= 4 and scores == sorted(scores, reverse=True) and scores[0] > 0


def test_repealed_documents_are_returned_and_marked(corpus):
    results = index.search("户籍管理暂行办法")
    assert results.hits[0].document == corpus["hj4"]
    assert results.hits[0].document.get_validity_display() == "已废止"


def test_hidden_documents_never_returned(corpus):
    hidden_pks = {corpus[k].pk for k in HIDDEN}
    for query in ("户籍", "户籍窗口", "暂停办理", "内部核查", "涉密目录", ""):
        results = index.search(query, per_page=100)
        assert not hidden_pks & {h.document.pk for h in results.hits}, query
    assert not SearchEntry.objects.filter(document_id__in=hidden_pks).exists()


def test_withdrawn_document_disappears_even_if_its_entry_lingers(corpus):
    doc = corpus["gjj2"]
    assert doc.pk in {h.document.pk for h in index.search("公积金贷款").hits}
    Document.objects.filter(pk=doc.pk).update(status="withdrawn")  # index not told
    assert SearchEntry.objects.filter(document_id=doc.pk).exists()
    results = index.search("公积金贷款")
    assert results.relaxed and doc.pk not in {h.document.pk for h in results.hits}
    assert index.search("测公积金〔2023〕6号").doc_no_match is False
    assert index.search(validity="in_force", doc_no="测公积金〔2023〕6号").total == 0
    index.update_document(doc.pk)
    assert not SearchEntry.objects.filter(document_id=doc.pk).exists()


def test_update_document_follows_changes(corpus, agencies):
    doc = make_document(agencies, key="new", title="关于规范共享电单车停放秩序的通知", body="共享电单车应当停放在指定区域。",
                        status="draft", published=None)
    index.update_document(doc.pk)
    assert doc.pk not in pks(index.search("共享电单车"))
    Document.objects.filter(pk=doc.pk).update(status="published", published_at=aware(dt.date(2024, 5, 1)))
    index.update_document(doc.pk)
    assert [h.document.pk for h in index.search("共享电单车").hits] == [doc.pk]
    Document.objects.filter(pk=doc.pk).update(title="关于规范互联网租赁自行车停放秩序的通知", body="车辆应当停放在指定区域。")
    index.update_document(doc.pk)
    assert doc.pk not in pks(index.search("共享电单车"))
    assert pks(index.search("互联网租赁自行车", title_only=True)) == [doc.pk]
    Document.objects.filter(pk=doc.pk).update(disclosure_attribute="on_request")
    index.update_document(doc.pk)
    assert doc.pk not in pks(index.search("互联网租赁自行车"))
    Document.objects.filter(pk=doc.pk).update(disclosure_attribute="proactive")
    index.update_document(doc.pk)
    Document.objects.filter(pk=doc.pk).delete()
    assert not SearchEntry.objects.filter(document_id=doc.pk).exists()
    assert doc.pk not in pks(index.search("互联网租赁自行车"))


def test_search_text_is_maintained(corpus):
    doc = Document.objects.get(pk=corpus["hj1"].pk)
    assert "户籍" in doc.search_text.split()
    assert Document.objects.get(pk=corpus["draft"].pk).search_text == ""


def test_rebuild_counts_public_documents_and_is_repeatable(corpus):
    n = len(corpus) - len(HIDDEN)
    assert index.rebuild() == n
    assert index.rebuild() == n
    assert SearchEntry.objects.count() == n
    assert index.search("户籍").total == 7
    # the per-document path still works after a rebuild (SQLite triggers restored)
    Document.objects.filter(pk=corpus["hj3"].pk).update(title="关于进一步简化迁移手续的通知", body="无")
    index.update_document(corpus["hj3"].pk)
    assert index.search("户籍").total == 6


def test_highlighting_escapes_html(corpus):
    hit = index.search("网站安全检查").hits[0]
    assert hit.document == corpus["xss"]
    assert "<script>" not in hit.title_html and "<script>" not in hit.snippet_html
    assert "&lt;script&gt;" in hit.title_html
    assert "<mark>网站</mark>" in hit.title_html or "<mark>网站安全检查</mark>" in hit.title_html
    # a query term that is also part of an HTML entity must not break the escaping
    hit = index.search("script").hits[0]
    assert hit.title_html == "关于&lt;<mark>script</mark>&gt;alert(&#x27;x&#x27;)&lt;/<mark>script</mark>&gt;网站安全检查的通知"


def test_snippet_is_around_the_first_hit(corpus):
    hit = index.search("居家护理").hits[0]
    assert "<mark>居家护理</mark>" in hit.snippet_html
    assert len(hit.snippet_html.replace("<mark>", "").replace("</mark>", "")) <= 125
    hit = index.search("垃圾分类").hits[0]
    assert "<mark>" in hit.title_html and "<mark>" in hit.snippet_html


def test_synonyms(corpus):
    # 医保 finds documents that only say 医疗保险 / 医疗保障
    assert {"yb2", "yb4", "yb5"} <= set(keys(index.search("医保"), corpus))
    assert {"db1", "db2", "yb4"} <= set(keys(index.search("最低生活保障"), corpus))


def test_falls_back_to_any_word_when_nothing_has_all(corpus):
    assert index.search("户籍 管理").relaxed is False
    results = index.search("户籍 航天")
    assert results.relaxed is True
    assert results.total > 0 and {"hj1", "hj2"} <= set(keys(results, corpus))


def test_pagination(corpus):
    everything = index.search("管理", per_page=100)
    assert everything.total > 10
    pages = [index.search("管理", page=p, per_page=4) for p in range(1, -(-everything.total // 4) + 1)]
    assert everything.total == pages[0].total and pages[0].pages == -(-everything.total // 4)
    assert [h.document.pk for r in pages for h in r.hits] == [h.document.pk for h in everything.hits]
    assert index.search("管理", page=999).hits == []


def test_pagination_with_doc_no_match(corpus):
    full = index.search("测政发〔2021〕12号", per_page=100)
    paged = [h.document.pk for p in (1, 2, 3) for h in index.search("测政发〔2021〕12号", page=p, per_page=1).hits]
    assert paged == [h.document.pk for h in full.hits][:3]
    assert paged[0] == corpus["hj1"].pk


def test_odd_input_does_not_break(corpus):
    for q in ['"', "'", "*", "AND OR NOT", "（）", "NEAR(", "户籍\"管理", "\\", "：", "a:b", "-", "{title_tokens}"]:
        index.search(q)
        index.search(q, title_only=True)


def test_long_documents(agencies):
    """Text far beyond 16383 tsvector positions is still found; huge texts stay indexable."""
    import random

    filler = "本条例所称的各项工作应当依法依规认真组织实施。" * 3000  # ~72,000 characters
    long_doc = make_document(agencies, key="long", title="测试市某某条例", body=filler + "全面推行林长制。")
    rng = random.Random(7)
    noise = "".join(chr(0x4E00 + rng.randrange(3500)) for _ in range(150_000))  # many distinct pairs
    huge = make_document(agencies, key="huge", title="测试市随机文本汇编", body=noise)
    index.update_document(long_doc.pk)
    index.update_document(huge.pk)
    assert pks(index.search("林长制")) == [long_doc.pk]
    assert pks(index.search("随机文本汇编")) == [huge.pk]
    assert pks(index.search(noise[:12])) == [huge.pk]  # the beginning of the body is indexed
    entry = SearchEntry.objects.get(document_id=huge.pk)
    assert index._vector_bytes(entry.body_tokens.split()) <= index.INDEX_BYTES_BUDGET


def test_a_list_shows_the_same_snippet_without_reading_whole_texts(agencies, django_assert_max_num_queries):
    """A list without words reads only the beginning of bodies and attachment texts (_load brief), and
    shows what the whole texts would give: the beginning of the first non-empty one."""
    from gongkai.search import text as search_text

    body = "　正文开头　" + "很长的正文。" * 3000
    docs = [make_document(agencies, key="s1", title="有摘要", summary="本文件的摘要。", body=body),
            make_document(agencies, key="s2", title="无摘要", summary="", body=body),
            make_document(agencies, key="s3", title="只有附件", summary="", body="", attachment="附件的文字" * 2000)]
    index.rebuild()
    with django_assert_max_num_queries(6):
        hits = {h.document.title: h.snippet_html for h in index.search(per_page=50).hits}
    for doc in docs:
        whole = search_text.snippet([doc.summary, doc.body, *[a.text for a in doc.attachments.all()]], [])
        assert hits[doc.title] == whole and whole
