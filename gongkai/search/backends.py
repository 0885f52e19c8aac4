"""Database-specific full-text matching, chosen by ``connection.vendor``.

Both backends see the same :class:`~gongkai.search.text.ParsedQuery` and give the same semantics:

- every term must occur (``AND``); a term matches if any of its alternatives occurs (the word,
  its synonyms, or all the shorter words a long word is made of);
- an alternative of two or more CJK characters occurs if it is a jieba token of the document or
  its character bigrams occur (FTS5: as a phrase, i.e. as a substring; PostgreSQL: all of them,
  because tsvector positions stop at 16383 and a phrase would miss text further down a long
  document); one CJK character matches any token starting with it; other words match as tokens;
- ``title_only`` restricts matching to the title column (FTS5 column filter / tsvector weight A);
- the score is higher-is-better: ``-bm25`` with column weights title 10, metadata 3, body 1 on
  SQLite, ``ts_rank`` with weights A 1.0, B 0.4, D 0.1 (length-normalised) on PostgreSQL.

Query shape: the full-text side drives (FTS5 ``CROSS JOIN`` the document by rowid; on PostgreSQL
the GIN index, with sequential scans disabled for the statement), the filters of ``base`` are
checked on the joined document row, and one materialised pass yields the page and the count.
"""

from __future__ import annotations

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connection, transaction

from gongkai.publishing.models import Document

from .text import ParsedQuery, alternatives, bigrams, is_cjk

SQLITE_SCHEMA = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "title_tokens, meta_tokens, body_tokens, content='search_searchentry', content_rowid='document_id', "
    "tokenize='unicode61')",
    "CREATE TRIGGER IF NOT EXISTS search_fts_ai AFTER INSERT ON search_searchentry BEGIN "
    "INSERT INTO search_fts(rowid, title_tokens, meta_tokens, body_tokens) "
    "VALUES (new.document_id, new.title_tokens, new.meta_tokens, new.body_tokens); END",
    "CREATE TRIGGER IF NOT EXISTS search_fts_ad AFTER DELETE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title_tokens, meta_tokens, body_tokens) "
    "VALUES ('delete', old.document_id, old.title_tokens, old.meta_tokens, old.body_tokens); END",
    "CREATE TRIGGER IF NOT EXISTS search_fts_au AFTER UPDATE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title_tokens, meta_tokens, body_tokens) "
    "VALUES ('delete', old.document_id, old.title_tokens, old.meta_tokens, old.body_tokens); "
    "INSERT INTO search_fts(rowid, title_tokens, meta_tokens, body_tokens) "
    "VALUES (new.document_id, new.title_tokens, new.meta_tokens, new.body_tokens); END",
    # The number of documents of each token, read by ``estimate`` (from the FTS5 index itself).
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_vocab USING fts5vocab(search_fts, 'row')",
    # The same per column: title-only searches are estimated from the titles (migration 0003).
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_vocab_col USING fts5vocab(search_fts, 'col')",
]
SQLITE_TRIGGERS = ["search_fts_ai", "search_fts_ad", "search_fts_au"]
# The RUM index of migration 0002 (PostgreSQL, where the extension is available).
RUM_INDEX = "search_searchentry_vector_rum"
_RUM: dict[str, bool] = {}  # database alias → whether RUM_INDEX exists


def _group(op: str, items: list[str]) -> str:
    return items[0] if len(items) == 1 else "(" + op.join(items) + ")"


def _fts_quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _fts_alternative(word: str) -> str:
    if is_cjk(word):
        if len(word) == 1:
            return _fts_quote(word) + "*"
        grams = bigrams(word)
        if len(grams) == 1:
            return _fts_quote(word)
        return f"({_fts_quote(word)} OR {_fts_quote(' '.join(grams))})"
    return _fts_quote(word)


def fts5_expression(parsed: ParsedQuery, *, title_only: bool = False, any_term: bool = False,
                    minimal: bool = False) -> str:
    """``minimal``: without the alternatives others include (``text.alternatives``): the same matches,
    fewer phrases to read (bm25 counts the documents of every phrase of the query in the whole index)."""
    parts = []
    for term in parsed.terms:
        alts = [_group(" AND ", [_fts_alternative(w) for w in alt])
                for alt in (alternatives(term) if minimal else term.alternatives)]
        parts.append(_group(" OR ", alts))
    expr = (" OR " if any_term else " AND ").join(parts)
    if title_only:
        expr = "{title_tokens} : (" + expr + ")"
    return expr


def _ts_lexeme(token: str, weight: str, prefix: bool = False) -> str:
    return "'" + token.replace("'", "''").replace("\\", "\\\\") + "'" + (":" if prefix or weight else "") + (
        "*" if prefix else "") + weight


def _ts_alternative(word: str, weight: str) -> str:
    if is_cjk(word):
        if len(word) == 1:
            return _ts_lexeme(word, weight, prefix=True)
        grams = list(dict.fromkeys(bigrams(word)))
        if len(grams) == 1:
            return _ts_lexeme(word, weight)
        return f"({_ts_lexeme(word, weight)} | (" + " & ".join(_ts_lexeme(g, weight) for g in grams) + "))"
    return _ts_lexeme(word, weight)


def tsquery_expression(parsed: ParsedQuery, *, title_only: bool = False, any_term: bool = False) -> str:
    weight = "A" if title_only else ""
    parts = []
    for term in parsed.terms:
        alts = [_group(" & ", [_ts_alternative(w, weight) for w in alt]) for alt in term.alternatives]
        parts.append(_group(" | ", alts))
    return (" | " if any_term else " & ").join(parts)


def _where(qs) -> tuple[str, list] | None:
    """The WHERE clause of a Document queryset over the unaliased table; None if it matches nothing."""
    query = qs.query
    if len(query.alias_map) > 1:
        # Filters that join other tables: check membership in the filtered set instead.
        d = connection.ops.quote_name(Document._meta.db_table)
        try:
            sub_sql, sub_params = qs.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:
            return None
        return f"{d}.id IN ({sub_sql})", list(sub_params)
    compiler = query.get_compiler(connection=connection)
    try:
        sql, params = compiler.compile(query.where)
    except EmptyResultSet:
        return None
    except FullResultSet:
        return "1 = 1", []
    return sql or "1 = 1", list(params)


class Backend:
    """Runs the text part of a search over a filtered Document queryset (``base``, join-free).

    The full-text table drives the query (it is the selective side) and each match is joined to
    its document by primary key, where the filters are checked.
    """

    vendor = ""
    doc_table = Document._meta.db_table
    window_is_sample = True  # window_page reads the newest documents, matching or not

    def expression(self, parsed: ParsedQuery, *, title_only: bool, any_term: bool, ranked: bool = False) -> str:
        """The query's text condition; ``ranked``: as scored by an exact ranking (else it may leave out
        what changes only the scores)."""
        raise NotImplementedError

    def _from(self) -> str:
        raise NotImplementedError

    score_sql = ""

    def count(self, base, parsed: ParsedQuery, *, title_only: bool, any_term: bool) -> int:
        where = _where(base)
        if where is None:
            return 0
        expr = self.expression(parsed, title_only=title_only, any_term=any_term)
        rows = self._query(f"SELECT COUNT(*) {self._from()} AND ({where[0]})", [expr, *where[1]])
        return rows[0][0]

    def page(self, base, parsed: ParsedQuery, *, title_only: bool, any_term: bool, sort: str, offset: int,
             limit: int) -> tuple[int, list[tuple[int, float]]]:
        """The number of matches and (document id, score) of one page; score is higher-is-better."""
        where = _where(base)
        if where is None:
            return 0, []
        if limit <= 0:
            return self.count(base, parsed, title_only=title_only, any_term=any_term), []
        expr = self.expression(parsed, title_only=title_only, any_term=any_term, ranked=sort not in ("date", "date_asc"))
        d = connection.ops.quote_name(self.doc_table)
        by_date = "published_at DESC, id DESC"
        if sort == "date_asc":  # no ranking needed
            order, score_sql, score_params = "published_at ASC, id ASC", "0.0", []
        elif sort == "date":
            order, score_sql, score_params = by_date, "0.0", []
        else:
            order, score_sql, score_params = f"score DESC, {by_date}", self.score_sql, self.score_params(expr)
        # One pass over the matches gives both the ranking and the count (window function). The
        # scores are computed inside the materialised CTE, where FTS5 allows bm25().
        sql = (f"WITH m AS MATERIALIZED (SELECT {d}.id AS id, {d}.published_at AS published_at, "
               f"{score_sql} AS score {self._from()} AND ({where[0]})) "
               f"SELECT id, score, COUNT(*) OVER () FROM m ORDER BY {order} LIMIT %s OFFSET %s")
        rows = self._query(sql, [*score_params, expr, *where[1], limit, offset])
        if not rows:
            total = self.count(base, parsed, title_only=title_only, any_term=any_term) if offset else 0
            return total, []
        return rows[0][2], [(pk, float(score or 0.0)) for pk, score, _ in rows]

    # The calendar year of a timestamp column in China Standard Time (UTC+8, no daylight saving).
    year_template = ""

    def year_sql(self, column: str) -> str:
        return self.year_template.format(column)

    def match_rows(self, base, parsed: ParsedQuery, columns: list[str], *, title_only: bool, any_term: bool,
                   limit: int, window: int = 0) -> list[tuple]:
        """``columns`` (SQL over the document table) of up to ``limit`` matches, in no particular order
        (the sample that facets count); with ``window``, of the matches among the newest ``window``
        documents (a common query: the sample its page ranks)."""
        where = _where(base)
        if where is None or limit <= 0:
            return []
        expr = self.expression(parsed, title_only=title_only, any_term=any_term)
        if window:
            newest = self._newest(base, "-", window)
            d = connection.ops.quote_name(self.doc_table)
            sql = (f"WITH w AS MATERIALIZED ({newest[0]}) SELECT {', '.join(columns)} "
                   f"{self._window_from(f' JOIN {d} ON {d}.id = w.id')} LIMIT %s")
            return self._query(sql, [*newest[1], expr, limit])
        return self._query(f"SELECT {', '.join(columns)} {self._from()} AND ({where[0]}) LIMIT %s",
                           [expr, *where[1], limit])

    def window_page(self, base, parsed: ParsedQuery, *, title_only: bool, any_term: bool, window: int, offset: int,
                    limit: int, sample: bool = True) -> tuple[int, list[tuple[int, float]], float | None]:
        """Relevance order of the matches among the newest ``window`` documents of ``base`` (by 发布日期):
        (how many matched there, (document id, score) of one page, the share of matching documents
        this sample gives). Ranks at most ``window`` rows however common the words are (issue 15 item 5)."""
        newest = self._newest(base, "-", window)
        if newest is None:
            return 0, [], None
        expr = self.expression(parsed, title_only=title_only, any_term=any_term)
        sql = (f"WITH w AS MATERIALIZED ({newest[0]}), c AS MATERIALIZED (SELECT w.id AS id, "
               f"w.published_at AS published_at, {self.score_sql} AS score {self._window_from()}) "
               "SELECT id, score, (SELECT COUNT(*) FROM c) FROM c "
               "ORDER BY score DESC, published_at DESC, id DESC LIMIT %s OFFSET %s")
        rows = self._query(sql, [*newest[1], *self.score_params(expr), expr, limit, offset])
        if not rows:
            if not offset:
                return 0, [], None
            rows = self._query(f"WITH w AS MATERIALIZED ({newest[0]}) SELECT COUNT(*) {self._window_from()}",
                               [*newest[1], expr])
            return rows[0][0], [], rows[0][0] / window
        return rows[0][2], [(pk, float(score or 0.0)) for pk, score, _ in rows], rows[0][2] / window

    def sample_share(self, base, parsed: ParsedQuery, *, title_only: bool, any_term: bool, window: int,
                     sample: bool = True) -> tuple[int, float | None]:
        """(matches, their share) in a sample of ``base``, here its newest ``window`` documents; share
        None when the matches found are all there are, 0.0 when not known (SQLite)."""
        newest = self._newest(base, "-", window)
        if newest is None:
            return 0, 0.0
        expr = self.expression(parsed, title_only=title_only, any_term=any_term)
        sql = f"WITH w AS MATERIALIZED ({newest[0]}) SELECT (SELECT COUNT(*) FROM w), COUNT(*) {self._window_from()}"
        read, found = self._query(sql, [*newest[1], expr])[0]
        return found, (found / read if read else 0.0)

    def date_page(self, base, parsed: ParsedQuery, *, title_only: bool, any_term: bool, ascending: bool, offset: int,
                  limit: int, share: float, max_walk: int) -> tuple[list[int], bool]:
        """Matches of a common query in date order, found by walking ``base`` in that order and checking
        the words of each document (no ranking, no count): (ids of one page, whether the walk ended
        before ``offset + limit`` matches because it read ``max_walk`` documents). ``share`` (the
        estimated share of matching documents) sizes the first stretch read; it grows fourfold while
        too few matched."""
        need = offset + limit
        walk = min(max_walk, int(need / max(share, 1e-6) * 1.5) + 100)
        expr = self.expression(parsed, title_only=title_only, any_term=any_term)
        direction = "ASC" if ascending else "DESC"
        while True:
            newest = self._newest(base, "" if ascending else "-", walk)
            if newest is None:
                return [], False
            sql = (f"WITH w AS MATERIALIZED ({newest[0]}) SELECT w.id {self._window_from()} "
                   f"ORDER BY w.published_at {direction}, w.id {direction} LIMIT %s")
            ids = [row[0] for row in self._query(sql, [*newest[1], expr, need])]
            if len(ids) >= need or walk >= max_walk or not self._longer_than(base, walk):
                return ids[offset:], len(ids) < need and walk >= max_walk
            walk = min(max_walk, walk * 4)

    def _newest(self, base, sign: str, n: int) -> tuple[str, list] | None:
        """SQL of the ids and dates of the first ``n`` documents of ``base`` by date (``sign`` "-": newest)."""
        qs = base.order_by(f"{sign}published_at", f"{sign}pk").values_list("id", "published_at")[:n]
        try:
            sql, params = qs.query.sql_with_params()
        except EmptyResultSet:
            return None
        return sql, list(params)

    def _longer_than(self, base, n: int) -> bool:
        return base.order_by().values("pk")[n : n + 1].exists()

    def _window_from(self, join: str = "") -> str:
        """FROM the window ``w`` (ids and dates), each document's index entry (and ``join``), WHERE it matches."""
        raise NotImplementedError

    def has_rum(self) -> bool:
        return False

    def walk_is_slow(self, parsed: ParsedQuery, *, filtered: bool = False) -> bool:
        """Whether checking the words document by document (``date_page``) costs too much: then the
        date order ranks all matches (``page``)."""
        return False

    def score_params(self, expr: str) -> list:
        return []

    def _query(self, sql: str, params: list) -> list[tuple]:
        with connection.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall()

    def ensure_schema(self) -> None:
        """Recreate index objects a table remake may have dropped (idempotent)."""

    def before_bulk_load(self) -> None:
        """Called by ``rebuild`` inside its transaction, before the entries are replaced."""

    def after_bulk_load(self) -> None:
        """Called by ``rebuild`` inside its transaction, after the entries are replaced."""


class SqliteBackend(Backend):
    vendor = "sqlite"
    window_is_sample = False  # the window is made of matches (window_page)
    # Stored as UTC text; SQLite's own date functions (Django's ExtractYear with a time zone calls
    # back into Python for every row: 15x slower).
    year_template = "CAST(strftime('%%Y', {0}, '+8 hours') AS INTEGER)"
    # bm25 is lower-is-better; column weights title, metadata, body.
    score_sql = "(-bm25(search_fts, 10.0, 3.0, 1.0))"
    # Whether a window of common words is ranked with the phrases of whole words (``fts5_expression``).
    window_phrases = False

    def expression(self, parsed, *, title_only, any_term, ranked=False):
        return fts5_expression(parsed, title_only=title_only, any_term=any_term, minimal=not ranked)

    def _from(self):
        d = connection.ops.quote_name(self.doc_table)
        # CROSS JOIN fixes the join order: FTS5 first, then the document by rowid.
        return f"FROM search_fts CROSS JOIN {d} ON {d}.id = search_fts.rowid WHERE search_fts MATCH %s"

    def window_page(self, base, parsed, *, title_only, any_term, window, offset, limit, sample=True):
        """FTS5 evaluates its whole query again for each rowid looked up (7–35 ms a document at 300k):
        here the window is the ``window`` matches with the highest ids (the documents added last),
        which FTS5 yields in descending rowid order without reading the others, filters applied.
        Ids do not depend on the words, so the documents of ``base`` from the window's lowest id on are
        a sample of the list: the share of matches among them estimates the share of all (None when
        the window holds every match: then their number is exact; 0.0, unknown, without ``sample``:
        counting them costs 15–40 ms at 300k when filters other than the public ones apply)."""
        where = _where(base)
        if where is None:
            return 0, [], None
        expr = self.expression(parsed, title_only=title_only, any_term=any_term, ranked=self.window_phrases)
        d = connection.ops.quote_name(self.doc_table)
        sql = (f"WITH c AS MATERIALIZED (SELECT {d}.id AS id, {d}.published_at AS published_at, "
               f"{self.score_sql} AS score {self._from()} AND ({where[0]}) ORDER BY search_fts.rowid DESC LIMIT %s) "
               "SELECT id, score, (SELECT COUNT(*) FROM c), (SELECT MIN(id) FROM c) FROM c "
               "ORDER BY score DESC, published_at DESC, id DESC LIMIT %s OFFSET %s")
        rows = self._query(sql, [expr, *where[1], window, limit, offset])
        if rows:
            found, low = rows[0][2], rows[0][3]
        elif offset:
            found, low = self._window_count(expr, where, window)
        else:
            return 0, [], None
        share = self._span_share(where, found, low, window, sample)
        return found, [(pk, float(score or 0.0)) for pk, score, _, _ in rows], share

    def sample_share(self, base, parsed, *, title_only, any_term, window, sample=True):
        # The ``window`` matches added last, as in window_page (without ranking them).
        where = _where(base)
        if where is None:
            return 0, None
        expr = self.expression(parsed, title_only=title_only, any_term=any_term)
        found, low = self._window_count(expr, where, window)
        return found, self._span_share(where, found, low, window, sample)

    def _span_share(self, where, found, low, window, sample):
        if found < window:
            return None
        if not sample:
            return 0.0
        d = connection.ops.quote_name(self.doc_table)
        read = self._query(f"SELECT COUNT(*) FROM {d} WHERE {d}.id >= %s AND ({where[0]})", [low, *where[1]])[0][0]
        return found / read if read else None

    def walk_is_slow(self, parsed, *, filtered=False):
        # A word of three or more CJK characters is a phrase of bigrams: FTS5 evaluates it again for
        # each rowid looked up (7–35 ms a document at 300k); single tokens cost far less. A filtered
        # list may hold few matches or none (营商环境 in 主题 其他: every filtered document looked up,
        # ≈10 ms each, 6 s in all): its matches are sorted by date instead (``page``, FTS5-driven).
        if filtered:
            return True
        return any(is_cjk(w) and len(w) > 2 for term in parsed.terms for alt in term.alternatives for w in alt)

    def _window_count(self, expr, where, window):
        d = connection.ops.quote_name(self.doc_table)
        sql = (f"SELECT COUNT(*), MIN(id) FROM (SELECT {d}.id AS id {self._from()} AND ({where[0]}) "
               "ORDER BY search_fts.rowid DESC LIMIT %s)")
        return self._query(sql, [expr, *where[1], window])[0]

    def match_rows(self, base, parsed, columns, *, title_only, any_term, limit, window=0):
        if not window:
            return super().match_rows(base, parsed, columns, title_only=title_only, any_term=any_term, limit=limit)
        where = _where(base)
        if where is None or limit <= 0:
            return []
        expr = self.expression(parsed, title_only=title_only, any_term=any_term)
        return self._query(f"SELECT {', '.join(columns)} {self._from()} AND ({where[0]}) "
                           "ORDER BY search_fts.rowid DESC LIMIT %s", [expr, *where[1], min(limit, window)])

    def _window_from(self, join=""):
        # Each document of the window looked up in the FTS5 index by rowid (date order only).
        return f"FROM w CROSS JOIN search_fts ON search_fts.rowid = w.id{join.replace(' JOIN', ' CROSS JOIN')} " \
               "WHERE search_fts MATCH %s"

    def ensure_schema(self):
        with connection.cursor() as cur:
            for sql in SQLITE_SCHEMA:
                cur.execute(sql)

    def before_bulk_load(self):
        # Replace all entries without the per-row triggers, then rebuild the FTS index in one pass.
        with connection.cursor() as cur:
            for name in SQLITE_TRIGGERS:
                cur.execute(f"DROP TRIGGER IF EXISTS {name}")

    def after_bulk_load(self):
        with connection.cursor() as cur:
            cur.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
        self.ensure_schema()


class PostgresBackend(Backend):
    vendor = "postgresql"
    year_template = "CAST(EXTRACT(YEAR FROM {0} AT TIME ZONE 'Asia/Shanghai') AS INTEGER)"
    # Weights {D, C, B, A}; normalisation 1 divides by 1 + log(document length).
    score_sql = "ts_rank('{0.1,0.2,0.4,1.0}'::float4[], e.vector, to_tsquery('simple', %s), 1)"

    def expression(self, parsed, *, title_only, any_term, ranked=False):
        return tsquery_expression(parsed, title_only=title_only, any_term=any_term)

    def score_params(self, expr):
        return [expr]

    def _query(self, sql, params, index_order: bool = False):
        # The planner prices "tsvector @@ tsquery" far too low: it picks a sequential scan that
        # detoasts every vector (10x slower than the GIN index at 5 % selectivity). Disable
        # sequential scans for this one statement, then restore the previous setting. In index order
        # (RUM), bitmap scans and sorts are priced out too: they would rank every match.
        names = ["enable_seqscan"] + (["enable_bitmapscan", "enable_sort"] if index_order else [])
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute("SELECT " + ", ".join(f"current_setting('{n}'), set_config('{n}', 'off', true)" for n in names))
            previous = cur.fetchone()[::2]
            cur.execute(sql, params)
            rows = cur.fetchall()
            # (on an error the savepoint or transaction rollback restores the setting)
            cur.execute("SELECT " + ", ".join(f"set_config('{n}', %s, true)" for n in names), list(previous))
            return rows

    def _from(self):
        d = connection.ops.quote_name(self.doc_table)
        return (f"FROM search_searchentry e JOIN {d} ON {d}.id = e.document_id "
                "WHERE e.vector @@ to_tsquery('simple', %s)")

    def _window_from(self, join=""):
        return (f"FROM w JOIN search_searchentry e ON e.document_id = w.id{join} "
                "WHERE e.vector @@ to_tsquery('simple', %s)")

    def has_rum(self) -> bool:
        """Whether the RUM index of migration 0002 exists (checked once per process and database)."""
        key = connection.alias
        if key not in _RUM:
            with connection.cursor() as cur:
                cur.execute("SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND indexname = %s",
                            [RUM_INDEX])
                _RUM[key] = cur.fetchone() is not None
        return _RUM[key]

    def rum_page(self, base, parsed, *, title_only, any_term, offset, limit) -> list[tuple[int, float]]:
        """(document id, score) of one page in relevance order, ranked by the RUM index (``<=>`` is
        the inverse of its rank: word positions and weights, from the index, without reading rows)."""
        where = _where(base)
        if where is None:
            return []
        expr = self.expression(parsed, title_only=title_only, any_term=any_term)
        sql = (f"SELECT e.document_id, e.vector <=> to_tsquery('simple', %s) AS distance {self._from()} "
               f"AND ({where[0]}) ORDER BY distance LIMIT %s OFFSET %s")
        rows = self._query(sql, [expr, expr, *where[1], limit, offset], index_order=True)
        return [(pk, 1.0 / distance if distance else 0.0) for pk, distance in rows]
_BACKENDS = {b.vendor: b for b in (SqliteBackend(), PostgresBackend())}


def get_backend() -> Backend:
    try:
        return _BACKENDS[connection.vendor]
    except KeyError:
        raise NotImplementedError(f"全文检索不支持该数据库：{connection.vendor}")
