"""Facet counts of a library search (issue 15 item 5): 主题分类 (top level), 发文机关, 年份, 文种, 有效性.

    from gongkai.search import facets

    result = facets.facets("户籍", validity="in_force")   # same query and filters as index.search
    for facet in result.facets:                           # in FACETS order
        facet.key, facet.label                            # "agency", "发文机关"
        for v in facet.values:                            # v.value (the filter value), v.label, v.count
            ...
    result.counted                                        # documents counted
    result.capped                                         # more matched than were counted

Counts never scan the table on every request:

- The plain list (no words, no filter) is counted exactly (one GROUP BY per facet on its covering
  index, the years as index ranges) by the job ``tasks.refresh_library_facets``, enqueued by the
  first visit of each generation of the public content (``page_cache.generation()``, ended by every
  publication change); until it has run, that visit and the next show the previous counts with
  ``stale`` set (the page says so and is not page-cached). Only the very first count is made in
  the request.
- A list narrowed by filters but without words does the same once it has been counted: after a
  change its last counts stand in (``stale``) while the job recounts (``recount_listed``); only a
  combination of filters never counted before is counted in the request.
- Any other search counts its first ``index.COUNT_CAP`` matches (the newest for a list without
  words, the first the full-text index yields for words; for very common words the matches of the
  window their page ranks, ``ranking.WINDOW``): one query reads their five facet columns, and they
  are counted in Python. When more matched, ``capped`` is set and the page says the counts
  cover the first COUNT_CAP documents only (Elasticsearch's ``track_total_hits`` trade).
- Either way the result is kept in the shared cache under the generation and a digest of the
  normalised query (traditional characters converted as ``index.search`` does) and the filters.
"""

from __future__ import annotations

import dataclasses
import logging

from django.core.cache import cache

from gongkai.ops import page_cache

from . import text
from .facet_counts import (
    CACHE_SECONDS,
    FACETS,
    PLAIN_LAST,
    Facet,
    Facets,
    FacetValue,
    compute,
    count_cap,
    digest_of,
    last_key,
    plain_key,
    recount_listed,
    refresh_plain,
)

log = logging.getLogger("gongkai.search")

__all__ = ["FACETS", "Facet", "FacetValue", "Facets", "facets", "recount_listed", "refresh_plain"]


def facets(query: str = "", *, title_only: bool = False, **filters) -> Facets:
    """Facet counts of the documents ``index.search(query, title_only=..., **filters)`` finds.

    ``filters`` are the filter arguments of ``index.search`` (``sort``, ``page`` and ``per_page`` are
    ignored). Kept in the shared cache for the current content generation."""
    filters = {k: v for k, v in filters.items() if k not in ("sort", "page", "per_page") and v}
    simplified = text.to_simplified((query or "").strip())
    normalised = " ".join(text.normalize(simplified).split())
    digest = digest_of(normalised, bool(title_only and normalised), filters)
    key = f"gk:facets:{page_cache.generation()}:{digest}"
    parsed = text.parse_query(simplified)
    if not parsed.has_text and not filters:
        return _revalidated(plain_key(), PLAIN_LAST, refresh_plain)
    if not parsed.has_text:
        return _revalidated(key, last_key(digest), lambda: recount_listed(filters), filters)
    kept = cache.get(key)
    if kept is None:
        kept = compute(parsed, simplified, title_only=title_only, filters=filters, cap=count_cap())
        cache.set(key, kept, CACHE_SECONDS)
    return kept


def _revalidated(key: str, last: str, recount, filters: dict | None = None) -> Facets:
    """Counts of a list without words (the plain list, or ``filters``): of this generation if counted,
    else the last ones (``stale``) while the job ``refresh_library_facets`` counts anew; counted here
    (``recount``) only when the list was never counted."""
    kept = cache.get(key)
    if kept is not None:
        return kept
    previous = cache.get(last)
    if previous is None:
        return recount()
    if cache.add(key + ":refreshing", 1, CACHE_SECONDS):
        from .tasks import refresh_library_facets

        try:
            refresh_library_facets(*([filters] if filters else []))
        except Exception:  # the queue is down: the page still shows the last counts
            log.exception("library facets: the recount could not be enqueued")
        kept = cache.get(key)  # a worker in immediate mode (tests, the bench) has counted already
        if kept is not None:
            return kept
    return dataclasses.replace(previous, stale=True)
