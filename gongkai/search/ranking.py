"""Which plan ranks the words of a search, chosen by how common they are (issue 15 item 5).

Ranking every match of a very common word (管理: two documents in three) reads and scores every
one of them: seconds at 300k documents. So ``estimate`` first says how many documents the words
match, and:

- fewer than ``RARE_MATCHES`` (upper estimate, over all public documents): every match is ranked
  and counted exactly, as before (``Backend.page``);
- more, relevance order, PostgreSQL with the RUM index (``rum``; migration 0002 creates it where the
  extension is available), no filter and at most ``RUM_MATCHES``: every match ranked by the index
  itself, which keeps word positions and scores without reading the rows;
- more, relevance order otherwise: the matches among the newest ``WINDOW`` documents of the list
  (by 发布日期, filters applied) are ranked, and only those are listed (``Backend.window_page``); on
  SQLite, whose FTS5 evaluates its whole query again for every rowid looked up, the ``WINDOW``
  matches added last (highest ids, which FTS5 yields first in descending rowid order);
- more, date order: the list is walked in date order and each document's words are checked until
  the page is full (``Backend.date_page``, at most ``MAX_WALK`` documents for one page); pages past
  ``index.COUNT_CAP`` are not listed, as for lists without words.

The total of a common query is an estimate (``TextPage.estimated``; pages say "约"): the share of
matching documents — in a sample of the list when there is a window (PostgreSQL: the newest
documents; SQLite: the documents from the lowest id of the matches read on, ids being unrelated to
the words), else from the statistics (title-only searches: of the titles; on PostgreSQL, which keeps
none, the share among the newest ``WINDOW`` documents) — times the number of documents of the
filtered list (counted once per content generation and cached), and at least the matches actually
found. A window that holds every match counts them exactly; one that holds no match at all falls
back to the exact plan, so a query never reports nothing while documents match.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

from django.core.cache import cache

from gongkai.ops import page_cache

from . import estimate as estimates
from .backends import get_backend
from .text import ParsedQuery

RARE_MATCHES = 5_000
WINDOW = 1_000
RUM_MATCHES = 10_000
MAX_WALK = 20_000  # date order: documents read at most for one page (past them, the list ends there)
SIZE_CACHE_SECONDS = 600


@dataclass
class TextPage:
    total: int
    rows: list[tuple[int, float]]
    relaxed: bool = False  # no document had every word: these have some of them
    estimated: bool = False  # ``total`` is an estimate
    listed: int | None = None  # how many of ``total`` can be paged through (None: all)
    window: int = 0  # relevance order covers the matches among this many newest documents (0: all)


def size(qs) -> int:
    """Number of documents of a filtered list, counted once per content generation (shared cache)."""
    kept = getattr(qs, "_gk_size", None)  # this queryset's own, from an earlier call (compiling costs 2 ms)
    if kept is not None:
        return kept
    sql, params = qs.query.sql_with_params()
    digest = hashlib.sha256(repr((sql, params)).encode()).hexdigest()
    key = f"gk:size:{page_cache.generation()}:{digest}"
    kept = cache.get(key)
    if kept is None:
        kept = qs.order_by().count()
        cache.set(key, kept, SIZE_CACHE_SECONDS)
    qs._gk_size = kept
    return kept


def _rounded(n: float) -> int:
    """Two significant digits: an estimate should not look like a count."""
    if n < 100:
        return int(round(n))
    step = 10 ** (int(math.log10(n)) - 1)
    return int(round(n / step) * step)


def text_page(base, public, parsed: ParsedQuery, *, title_only: bool, sort: str, offset: int, limit: int,
              filtered: bool, relax: bool, count_cap: int) -> TextPage:
    """One page of the text matches of ``base`` (a filtered list of ``public``, the public documents),
    every word first, then (``relax``, several words, nothing had all) any of them. Date order lists
    at most ``count_cap`` matches (``index.COUNT_CAP``)."""
    options = {"title_only": title_only, "sort": sort, "offset": offset, "limit": limit, "filtered": filtered,
               "count_cap": count_cap}
    result = _text_page(base, public, parsed, any_term=False, **options)
    if result.total == 0 and relax and len(parsed.terms) > 1:
        result = _text_page(base, public, parsed, any_term=True, **options)
        result.relaxed = True
    return result


def is_common(parsed: ParsedQuery, public, *, any_term: bool = False,
              title_only: bool = False) -> estimates.Estimate | None:
    """The estimate of a query whose words match at least ``RARE_MATCHES`` public documents, else None."""
    est = estimates.estimate(parsed, any_term=any_term, title_only=title_only)
    if est.upper <= 0:
        return None
    return est if est.upper * size(public) >= RARE_MATCHES else None


def _guess(backend, base, parsed, est, mode, filtered) -> float:
    """How many documents of ``base`` match, where no window has sampled them: from the statistics
    for one word; else (several words, which are seldom independent; titles only on PostgreSQL, which
    keeps no statistics of them) from a sample of the list (``Backend.sample_share``)."""
    if len(parsed.terms) == 1 and not (mode["title_only"] and backend.window_is_sample):
        return est.share * size(base)
    found, share = backend.sample_share(base, parsed, **mode, window=WINDOW, sample=not filtered)
    return found if share is None else (share or est.share) * size(base)


def _text_page(base, public, parsed, *, title_only, any_term, sort, offset, limit, filtered, count_cap) -> TextPage:
    backend = get_backend()
    mode = {"title_only": title_only, "any_term": any_term}
    est = is_common(parsed, public, any_term=any_term, title_only=title_only)
    if est is None or limit <= 0:
        total, rows = backend.page(base, parsed, **mode, sort=sort, offset=offset, limit=limit)
        return TextPage(total, rows)
    if sort in ("date", "date_asc") and backend.walk_is_slow(parsed, filtered=filtered):
        pass  # every match sorted by date (``page`` below)
    elif sort in ("date", "date_asc"):
        ids, cut = backend.date_page(base, parsed, **mode, ascending=sort == "date_asc", offset=offset, limit=limit,
                                     share=est.upper, max_walk=MAX_WALK)
        if ids or offset:
            total = max(_rounded(_guess(backend, base, parsed, est, mode, filtered)), offset + len(ids))
            listed = offset + len(ids) if cut else min(total, count_cap)
            return TextPage(total, [(pk, 0.0) for pk in ids], estimated=True, listed=listed)
    elif (not filtered and backend.vendor == "postgresql" and backend.has_rum()
          and est.upper * size(public) <= RUM_MATCHES):
        rows = backend.rum_page(base, parsed, **mode, offset=offset, limit=limit)
        if rows or offset:
            total = max(_rounded(_guess(backend, base, parsed, est, mode, filtered)), offset + len(rows))
            return TextPage(total, rows, estimated=True, listed=min(total, count_cap))
    else:
        found, rows, share = backend.window_page(base, parsed, **mode, window=WINDOW, offset=offset, limit=limit,
                                                 sample=not filtered)
        if found and (share is None or size(base) <= WINDOW):  # the window held every match: exact
            return TextPage(found, rows)
        if found:  # the share of matches in a sample of the list (PostgreSQL: the newest documents;
            # SQLite: those from the lowest id among the matches read)
            # (SQLite, filtered: not sampled; the rarest word's share, words of one query being related)
            total = max(_rounded((share or est.upper) * size(base)), found)
            return TextPage(total, rows, estimated=True, listed=found, window=WINDOW)
    # Common words, yet none among the documents read: count and rank exactly rather than say "none".
    total, rows = backend.page(base, parsed, **mode, sort=sort, offset=offset, limit=limit)
    return TextPage(total, rows)
