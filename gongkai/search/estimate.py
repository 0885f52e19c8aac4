"""How many documents the words of a query match, estimated before a plan is chosen (issue 15 item 5).

Ranking every match of a very common word (管理, 工作: two documents in three) costs seconds; so the
search first asks how common its words are, from statistics the database keeps anyway:

- PostgreSQL: ``pg_stats.most_common_elems`` / ``most_common_elem_freqs`` of
  ``search_searchentry.vector`` (the 1,000 most frequent lexemes and their share of the rows,
  refreshed by ANALYZE and autovacuum); a lexeme not in the list occurs in fewer rows than the
  least frequent one listed (half of that is assumed, as the planner does). No statistics (a new
  database): every word counts as rare.
- SQLite: the ``fts5vocab`` tables ``search_fts_vocab`` (exact number of documents of each token,
  read from the FTS5 index) and ``search_fts_vocab_col`` (the same per column: title-only searches),
  kept per process until the index changes.

The estimate of a query follows its shape (``backends``): the words of one alternative must all
occur (the rarest bounds them: they are parts of one expression), alternatives add up (but one that
another includes is not counted: 户籍管理 within 户籍 + 管理), and the
terms of the query are independent (the product of their shares; the smallest share bounds it from
above, which is what chooses the plan: a query whose rarest word is common is never ranked whole).
The shares are kept per process for ``STATS_SECONDS`` (PostgreSQL) — the statistics change slowly.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.db import connection

from .text import ParsedQuery, alternatives, bigrams, is_cjk

STATS_SECONDS = 600
_pg_stats: dict[str, tuple[float, dict[str, float], float]] = {}  # database alias → (expires, shares, floor)
# SQLite: database alias → (FTS5 averages record, {(vocab table, token): documents})
_sqlite_counts: dict[str, tuple[bytes, dict[tuple[str, str], int]]] = {}
MAX_KEPT = 20_000


@dataclass(frozen=True)
class Estimate:
    upper: float  # share of the indexed documents, an upper bound (the rarest term)
    share: float  # share of the indexed documents, the best guess (terms independent)


def clear() -> None:
    """Forget the cached statistics (after ANALYZE in tests and benchmarks)."""
    _pg_stats.clear()
    _sqlite_counts.clear()


def _postgres_stats() -> tuple[dict[str, float], float]:
    key = connection.alias
    kept = _pg_stats.get(key)
    if kept is not None and kept[0] > time.monotonic():
        return kept[1], kept[2]
    with connection.cursor() as cur:
        cur.execute("SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
                    "WHERE schemaname = current_schema() AND tablename = 'search_searchentry' AND attname = 'vector'")
        row = cur.fetchone()
    shares, floor = {}, 0.0
    if row and row[0] and row[1]:
        elems, freqs = row
        shares = dict(zip(elems, freqs[: len(elems)], strict=True))
        floor = freqs[len(elems)] / 2  # the least frequent listed lexeme's share, halved
    _pg_stats[key] = (time.monotonic() + STATS_SECONDS, shares, floor)
    return shares, floor


def _sqlite_shares(words: set[str], prefixes: set[str], *, title_only: bool = False) -> dict[str, float]:
    """Exact share of the documents of each token (and summed share of the tokens of each prefix); with
    ``title_only``, of the documents whose title has it (``search_fts_vocab_col``, migration 0003).

    Counting the documents of a token reads its whole list in the index (a very common one: 10 ms at
    300k), so the counts are kept per process while FTS5's ``averages`` record (the number of documents
    and of tokens per column, changed by every write) stays the same."""
    table, column = ("search_fts_vocab_col", " AND col = 'title_tokens'") if title_only else ("search_fts_vocab", "")
    with connection.cursor() as cur:
        cur.execute("SELECT block FROM search_fts_data WHERE id = 1")
        row = cur.fetchone()
        averages = bytes(row[0]) if row and row[0] else b""
        total = _varint(averages)
        if not total:
            return {}
        kept = _sqlite_counts.get(connection.alias)
        if kept is None or kept[0] != averages or len(kept[1]) > MAX_KEPT:
            kept = _sqlite_counts[connection.alias] = (averages, {})
        counts = kept[1]
        out = {}
        for word in words:
            key = (table, word)
            if key not in counts:
                cur.execute(f"SELECT doc FROM {table} WHERE term = %s{column}", [word])
                row = cur.fetchone()
                counts[key] = row[0] if row else 0
            out[word] = counts[key] / total
        for prefix in prefixes:
            key = (table, prefix + "*")
            if key not in counts:
                cur.execute(f"SELECT COALESCE(SUM(doc), 0) FROM {table} WHERE term >= %s AND term < %s{column}",
                            [prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)])
                counts[key] = cur.fetchone()[0]
            out[prefix + "*"] = min(1.0, counts[key] / total)
    return out


def _varint(data: bytes) -> int:
    """The first varint of FTS5's ``averages`` record: the number of indexed documents (SQLite's
    big-endian format: 7 bits a byte, the 9th all 8)."""
    value = 0
    for i, byte in enumerate(data[:9]):
        if i == 8:
            return (value << 8) | byte
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value
    return value


def _words(parsed: ParsedQuery) -> tuple[set[str], set[str]]:
    """The tokens and the one-character prefixes the query's expression looks up."""
    words, prefixes = set(), set()
    for term in parsed.terms:
        for alt in alternatives(term):
            for word in alt:
                if is_cjk(word) and len(word) == 1:
                    prefixes.add(word)
                else:
                    words.add(word)
                    if is_cjk(word):
                        words.update(bigrams(word))
    return words, prefixes


def estimate(parsed: ParsedQuery, *, any_term: bool = False, title_only: bool = False) -> Estimate:
    """Share of the indexed documents the text of ``parsed`` matches (see the module docstring);
    ``title_only``: in their titles (SQLite: the title column's own counts; PostgreSQL: the whole
    documents' statistics, an upper bound — ``ranking`` samples the total of a title-only search)."""
    if not parsed.has_text:
        return Estimate(1.0, 1.0)
    words, prefixes = _words(parsed)
    if connection.vendor == "postgresql":
        stats, floor = _postgres_stats()
        if not stats:
            return Estimate(0.0, 0.0)

        def share(token: str) -> float:
            return stats.get(token, floor)

        def prefix_share(char: str) -> float:
            return min(1.0, sum(f for e, f in stats.items() if e.startswith(char)) or floor)
    else:
        shares = _sqlite_shares(words, prefixes, title_only=title_only)

        def share(token: str) -> float:
            return shares.get(token, 0.0)

        def prefix_share(char: str) -> float:
            return shares.get(char + "*", 0.0)

    def word_share(word: str) -> float:
        if is_cjk(word) and len(word) == 1:
            return prefix_share(word)
        if is_cjk(word) and len(grams := list(dict.fromkeys(bigrams(word)))) > 1:
            # the word, or all its character pairs (which include every occurrence of the word)
            return max(share(word), min(share(g) for g in grams))
        return share(word)

    term_shares = [min(1.0, sum(min(word_share(w) for w in alt) for alt in alternatives(term)))
                   for term in parsed.terms]
    if any_term:
        combined = min(1.0, sum(term_shares))
        return Estimate(combined, combined)
    product = 1.0
    for s in term_shares:
        product *= s
    return Estimate(min(term_shares), product)
