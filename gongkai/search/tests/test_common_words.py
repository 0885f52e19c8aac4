"""Very common words (issue 15 item 5, ``ranking.py``): the plan is chosen by the estimate, a bounded
window is ranked, filters hold, totals are labelled estimates, rare words keep exact counts. The
thresholds are lowered so that the small corpus takes the common-word paths; on SQLite and PostgreSQL."""

import pytest
from django.db import connection
from django.urls import reverse

from gongkai.publishing.access import public_documents
from gongkai.search import backends, estimate, facets, index, ranking, text
from gongkai.search.text import parse_query

pytestmark = pytest.mark.django_db


def pks(results):
    return [h.document.pk for h in results.hits]


@pytest.fixture
def plans(corpus, monkeypatch):
    """Every word counts as common (no RUM unless a test allows it); yields the backend plans used."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE search_searchentry")
    estimate.clear()
    monkeypatch.setattr(ranking, "RARE_MATCHES", 1)
    monkeypatch.setattr(ranking, "RUM_MATCHES", 0)
    used = []
    backend = backends.get_backend()
    for name in ("page", "window_page", "date_page", "rum_page"):
        if hasattr(backend, name):
            original = getattr(backend, name)

            def spy(*args, _name=name, _original=original, **kwargs):
                used.append(_name)
                return _original(*args, **kwargs)

            monkeypatch.setattr(backend, name, spy)
    yield used
    estimate.clear()


def exact(query, monkeypatch, **options):
    """The same search ranked and counted in full (every word rare)."""
    with monkeypatch.context() as m:
        m.setattr(ranking, "RARE_MATCHES", 10**9)
        return index.search(query, per_page=100, **options)


def newest(n, **filters):
    return list(index._filtered(**{k: filters.get(k) for k in (
        "agency_codes", "issuer", "subject", "doc_type", "validity", "published_from", "published_to",
        "signed_from", "signed_to", "doc_no")}).order_by("-published_at", "-pk").values_list("pk", flat=True)[:n])


def window_of(n, full, **filters):
    """The documents a window of ``n`` reads: PostgreSQL the newest of the list (发布日期), SQLite the
    ``n`` matches added last (highest ids, the order FTS5 yields cheaply)."""
    if connection.vendor == "sqlite":
        return set(sorted(pks(full), reverse=True)[:n])
    return set(newest(n, **filters))


def test_common_words_rank_the_matches_among_the_newest_documents(plans, monkeypatch):
    monkeypatch.setattr(ranking, "WINDOW", 12)
    results = index.search("管理", per_page=100)
    assert plans == ["window_page"]
    full = exact("管理", monkeypatch)
    window = window_of(12, full)
    # real matches, in the order the full ranking gives them, from the window only
    assert pks(results) == [pk for pk in pks(full) if pk in window] and results.hits
    assert results.estimated and results.listed == len(results.hits) < full.total
    assert results.total >= len(results.hits) and results.pages == -(-len(results.hits) // 100)


def test_a_window_holding_the_whole_list_is_exact(plans, monkeypatch):
    for query, options in (("管理", {}), ("户籍", {}), ("管理", {"agency_codes": ["gaj"]}),
                           ("医保", {"validity": "in_force"}), ("养老 服务", {"doc_type": "通知"})):
        results = index.search(query, per_page=100, **options)
        full = exact(query, monkeypatch, **options)
        assert (pks(results), results.total, results.estimated) == (pks(full), full.total, False), query
    assert "window_page" in plans


def test_filters_hold_on_the_window(plans, monkeypatch):
    monkeypatch.setattr(ranking, "WINDOW", 3)
    monkeypatch.setattr(ranking, "size", lambda qs: 10**6)  # as if the list were long: an estimate
    results = index.search("管理", agency_codes=["gaj"], per_page=100)
    assert results.hits and all(h.document.agency.code == "gaj" for h in results.hits)
    full = exact("管理", monkeypatch, agency_codes=["gaj"])
    assert set(pks(results)) <= window_of(3, full, agency_codes=["gaj"])
    # (SQLite: a window that holds every match counts them exactly)
    assert results.estimated == (connection.vendor == "postgresql" or full.total > 3)


def test_date_order_of_common_words_walks_the_list(plans, monkeypatch):
    for sort in ("date", "date_asc"):
        full = exact("管理", monkeypatch, sort=sort)
        plans.clear()
        pages = [index.search("管理", sort=sort, page=p, per_page=3) for p in (1, 2, 3)]
        assert [pk for r in pages for pk in pks(r)] == pks(full)[:9]
        assert all(r.estimated for r in pages)
        assert "date_page" in plans and "page" not in plans


def test_rare_words_keep_exact_counts(corpus):
    results = index.search("户籍", per_page=100)
    assert not results.estimated and results.listed is None and results.total == len(results.hits) > 0


def test_the_plan_follows_the_estimate(plans, monkeypatch):
    monkeypatch.setattr(ranking, "RARE_MATCHES", 10**9)
    index.search("管理")
    assert plans == ["page"]
    monkeypatch.setattr(ranking, "RARE_MATCHES", 1)
    index.search("管理")
    assert plans[-1] == "window_page"


def test_estimate_of_a_word(corpus):
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE search_searchentry")
    estimate.clear()
    parsed = parse_query("落户")
    assert [t.alternatives for t in parsed.terms] == [(("落户",),)]
    est = estimate.estimate(parsed)
    matches = exact_total = index.search("落户").total
    assert exact_total > 0
    public = public_documents().count()
    unknown = estimate.estimate(parse_query("没有这个词语")).upper
    if connection.vendor == "sqlite":  # fts5vocab: the exact number of documents of the token
        assert round(est.upper * public) == matches and unknown == 0
    else:  # ANALYZE statistics: a share; a word not among the most common, half the rarest listed
        assert 0 < unknown < est.upper <= 1
    estimate.clear()


def test_no_match_in_the_window_falls_back_to_the_exact_plan(plans, monkeypatch, corpus):
    if connection.vendor == "sqlite":
        pytest.skip("the SQLite window is made of matches: never empty while documents match")
    monkeypatch.setattr(ranking, "WINDOW", 1)
    newest_doc = public_documents().order_by("-published_at", "-pk").first()
    assert "户籍" not in newest_doc.title + newest_doc.body
    results = index.search("户籍", per_page=100)
    assert results.hits and not results.estimated and plans[-1] == "page"


def test_any_word_fallback_on_the_window(plans, monkeypatch):
    monkeypatch.setattr(ranking, "WINDOW", 1000)
    results = index.search("管理 航天", per_page=100)
    assert results.relaxed and results.hits
    assert pks(results) == pks(exact("管理 航天", monkeypatch))


def test_ranked_by_rum_or_without_it(plans, monkeypatch):
    """PostgreSQL: with the RUM index a common word is ranked by the index; without it (extension
    missing), by the window."""
    if connection.vendor != "postgresql":
        pytest.skip("RUM is a PostgreSQL index")
    monkeypatch.setattr(ranking, "RUM_MATCHES", 10**9)
    backends._RUM.clear()
    full = exact("管理", monkeypatch)
    if backends.get_backend().has_rum():
        results = index.search("管理", per_page=100)
        assert plans[-1] == "rum_page" and set(pks(results)) == set(pks(full)) and results.estimated
        scores = [h.score for h in results.hits]
        assert scores == sorted(scores, reverse=True)
        with connection.cursor() as cur:
            cur.execute(f"DROP INDEX {backends.RUM_INDEX}")  # rolled back with the test
        backends._RUM.clear()
    results = index.search("管理", per_page=100)
    assert plans[-1] == "window_page" and pks(results) == pks(full)
    backends._RUM.clear()


def test_facets_of_common_words_count_the_window_and_say_so(plans, monkeypatch):
    monkeypatch.setattr(ranking, "WINDOW", 5)
    result = facets.facets("管理")
    matched = len(index.search("管理", per_page=100).hits)
    assert result.capped and result.counted == matched
    assert sum(v.count for v in result.facets[-1].values) == matched  # 有效性 of the sample


def test_the_library_labels_an_estimated_total(plans, monkeypatch, client):
    monkeypatch.setattr(ranking, "WINDOW", 5)
    monkeypatch.setattr(ranking, "size", lambda qs: 10**6)
    page = client.get(reverse("public:library"), {"q": "管理"}).content.decode()
    assert "找到约" in page and "估计" in page
    page = client.get(reverse("public:library"), {"q": "户籍", "sort": "date"}).content.decode()
    assert "找到约" in page


def test_title_only_totals_are_estimated_from_the_titles(plans, monkeypatch):
    """A title-only search of a common word is estimated from the titles, not from whole documents
    (the word is in far more bodies than titles)."""
    titles = exact("管理", monkeypatch, title_only=True).total
    assert 0 < titles < exact("管理", monkeypatch).total
    results = index.search("管理", title_only=True, sort="date", per_page=100)
    assert plans[-1] == "date_page" and results.estimated and results.total == titles
    if connection.vendor == "sqlite":  # the title column's own counts (fts5vocab 'col')
        est = estimate.estimate(parse_query("管理"), title_only=True)
        assert round(est.upper * public_documents().count()) == titles
        # the 3 title matches added last, among the documents from the lowest of their ids on
        window = sorted(pks(exact("管理", monkeypatch, title_only=True)), reverse=True)[:3]
        read = public_documents().filter(pk__gte=window[-1]).count()
        monkeypatch.setattr(ranking, "WINDOW", 3)
        results = index.search("管理", title_only=True)
        assert plans[-1] == "window_page" and results.estimated
        assert results.total == max(3, round(3 / read * public_documents().count()))
    else:  # no title statistics: the share among the newest documents (here all of them)
        monkeypatch.setattr(ranking, "RUM_MATCHES", 10**9)
        backends._RUM.clear()
        results = index.search("管理", title_only=True)
        assert results.estimated == (plans[-1] == "rum_page")
        assert results.total == titles
        backends._RUM.clear()


def test_estimate_counts_overlapping_alternatives_once(corpus):
    """住房公积金 is found wherever 公积金 is, 户籍管理 wherever 户籍 and 管理 are: the estimate does not
    add their documents twice (SQLite: then it is the exact count of a single word)."""
    parsed = parse_query("住房公积金")
    assert {w for alt in text.alternatives(parsed.terms[0]) for w in alt} == {"公积金"}
    assert text.alternatives(parse_query("户籍管理").terms[0]) == [("户籍", "管理")]
    assert len(text.alternatives(parse_query("医保").terms[0])) == 3  # synonyms: all counted
    if connection.vendor == "sqlite":
        public = public_documents().count()
        exact_total = index.search("住房公积金").total
        assert exact_total == index.search("公积金").total > 0
        assert round(estimate.estimate(parsed).upper * public) == exact_total


def test_several_common_words_in_date_order_are_counted_in_a_sample(plans, monkeypatch):
    """Words of one query are seldom independent (安全 生产): their total in date order comes from a
    sample of the list (here the whole list), not from the product of their shares."""
    full = exact("养老 服务", monkeypatch)
    results = index.search("养老 服务", sort="date", per_page=100)
    assert plans[-1] == "date_page" and results.estimated and results.total == full.total > 0


def test_filtered_date_order_on_sqlite_sorts_the_matches_instead_of_walking(plans, monkeypatch):
    """A filter leaves few documents, and a common word may match none of them: walking the list and
    looking each document up in FTS5 (≈10 ms a lookup at 300k) read every filtered document (6 s of
    CPU for 营商环境 + 主题 其他 by date). SQLite sorts the matches of the filtered list instead;
    PostgreSQL keeps the walk (its lookups are index probes)."""
    full = exact("管理", monkeypatch, agency_codes=["gaj"], sort="date")
    plans.clear()
    results = index.search("管理", agency_codes=["gaj"], sort="date", per_page=100)
    assert pks(results) == pks(full)
    if connection.vendor == "sqlite":
        assert "date_page" not in plans and "page" in plans
    else:
        assert "date_page" in plans
