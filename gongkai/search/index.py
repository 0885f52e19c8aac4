"""Full-text search of the policy library: the ONE interface of the search engine (domain.md 7.6).

Everything outside ``gongkai.search`` uses only this module, so the engine can be replaced::

    from gongkai.search import index

    results = index.search("户籍", agency_codes=["gov"], validity="in_force", page=2)
    for hit in results.hits:          # best first
        hit.document                  # publishing.Document (agency loaded)
        hit.score                     # float, higher is better (0.0 for list/date order and 文号 hits)
        hit.title_html                # safe HTML: escaped title, query terms in <mark>
        hit.snippet_html              # safe HTML: ~120 characters around the first hit
    results.total, results.page, results.per_page, results.pages, results.query
    results.more                      # True when a list without words has more than results.total
                                      # (COUNT_CAP) documents: counted up to the cap, as Elasticsearch does
    results.estimated                 # True when very common words were not counted: results.total is an
                                      # estimate ("约"), see ranking.py
    results.listed                    # how many results can be paged through when fewer than results.total
                                      # (common words: the matches among the newest documents), else None
    results.window                    # common words by relevance: ranked among this many newest documents
    results.doc_no_match              # True when the query named a 文号 and that document is first
    results.relaxed                   # True when no document had every word and these have some

    index.update_document(pk)         # (re)index one document, or drop it if no longer public
    index.rebuild()                   # reindex every public document; returns the count
    index.repair()                    # reconcile the index with the public documents (daily job)
    index.extract_attachment_text(pk) # an uploaded attachment's text, then its document reindexed
    index.extract_pending_attachments()  # those whose job was lost (daily job, before repair)
    index.segment(text)               # jieba cut_for_search tokens joined by spaces

Facet counts of the same query and filters (主题分类, 发文机关, 年份, 文种, 有效性): ``facets.facets``.

``search`` arguments (all keyword-only except the query; empty values mean "no filter"):

``query``            free text, in simplified or traditional characters (searched as simplified:
                     戶籍 finds 户籍); Chinese is segmented with jieba, every word must occur (synonyms
                     such as 医保/医疗保险 count), a word of two or more characters also matches inside
                     longer words (户籍 finds 户籍制度改革), a long word also matches as its parts
                     (消防安全 → 消防 + 安全). If no document has every word, documents with any
                     of them are returned instead (``relaxed``). A 文号 in any spelling
                     (``聊政发[2020]第9号``, full-width digits, spaces) puts that document first.
``agency_codes``     publishing organs (``Agency.code``); unknown codes simply match nothing
``title_only``       match the title only
``issuer``           substring of 发文机关
``subject``          主题分类 path prefix: ``卫生、体育`` also matches ``卫生、体育\\医药管理``
``doc_type``         文种 value (``通知``, ``行政规范性文件`` …)
``validity``         ``in_force`` / ``amended`` / ``repealed`` / ``expired`` (or the Chinese label);
                     repealed documents are found unless this filter excludes them
``published_from/to``  发布日期 range, inclusive, on the Asia/Shanghai calendar date
``signed_from/to``   成文日期 range, inclusive
``doc_no``           exact 文号 in any spelling (compared by ``doc_no_key``)
``sort``             ``relevance`` (default; an empty query lists by date), ``date`` (newest first) or
                     ``date_asc`` (oldest first)
``page``, ``per_page``  1-based page; per_page is clamped to 1..100

Only documents in ``publishing.access.public_documents()`` are ever indexed or returned; the
condition is applied again in every query, so a withdrawn document disappears at once even if its
index entry were still there.

Indexed: title (also alone, for ``title_only``), 发文字号, 发文机关, 主题词, 内容概述, body and the
extracted text of attachments (the body part up to ``MAX_INDEXED_CHARS``), each as jieba tokens plus
CJK character bigrams (``text.py``). Engines (``backends.py``, chosen by ``connection.vendor``):
SQLite FTS5 (bm25) and PostgreSQL tsvector + GIN (ts_rank). On PostgreSQL the bigrams of a long
word must all occur but need not be adjacent, so it may return a few more loose matches.
``index_fields`` computes an entry without the database, for bulk loaders.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import math
from collections import Counter
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Prefetch, Q
from django.db.models.functions import Substr

from gongkai.agencies.models import Agency
from gongkai.law.docnumber import doc_no_key, normalize_doc_no, parse_doc_no
from gongkai.ops import page_cache
from gongkai.publishing.access import public_documents
from gongkai.publishing.models import Document, DocumentAttachment, Validity

from . import ranking, text
from .backends import get_backend
from .models import SearchEntry
from .text import segment

# Attachment extraction logs where it did when it lived in publishing.services.
_publishing_log = logging.getLogger("gongkai.publishing")

__all__ = ["Hit", "Results", "search", "update_document", "rebuild", "repair", "segment", "index_fields", "SORTS"]

TZ = ZoneInfo("Asia/Shanghai")
SORTS = ("relevance", "date", "date_asc")
MAX_PER_PAGE = 100
# Source characters of the body (text + attachments) indexed per document (project convention).
# The body is cut further if its tokens would come near PostgreSQL's 1 MB tsvector limit
# (INDEX_BYTES_BUDGET, a conservative estimate; only text with very many distinct character pairs
# gets there). The title and metadata are always indexed in full.
MAX_INDEXED_CHARS = 200_000
INDEX_BYTES_BUDGET = 800_000
_VALIDITY_BY_LABEL = {label: value for value, label in Validity.choices}


@dataclass
class Hit:
    document: Document
    score: float
    title_html: str
    snippet_html: str


@dataclass
class Results:
    hits: list[Hit]
    total: int
    page: int
    per_page: int
    query: str
    doc_no_match: bool
    relaxed: bool = False  # no document had every word: these have some of them
    more: bool = False  # a list without words: more than ``total`` (= COUNT_CAP) documents match
    estimated: bool = False  # common words: ``total`` is an estimate (ranking.py), shown as "约"
    listed: int | None = None  # how many of the results can be paged through, if fewer than ``total``
    window: int = 0  # common words in relevance order: the matches among this many newest documents

    @property
    def pages(self) -> int:
        shown = self.total if self.listed is None else min(self.total, self.listed)
        return max(1, math.ceil(shown / self.per_page)) if self.per_page else 1


# ---------------------------------------------------------------------------------------------
# Indexing


def _attachments_text(doc: Document) -> list[str]:
    return [a.text for a in doc.attachments.all() if a.text]


def index_fields(*, title: str, doc_no: str = "", issuers: str = "", keywords: str = "", summary: str = "",
                 body: str = "", attachments: list[str] = ()) -> dict[str, str]:
    """The index columns of one document, and its segmented text (``Document.search_text``).

    Pure (no database access), so bulk loaders can compute entries in worker processes and
    bulk-insert ``SearchEntry(document_id=..., **{k: v for k, v in fields.items() if k != "search_text"})``.
    """
    meta_parts = [doc_no]
    if doc_no:
        canonical = normalize_doc_no(doc_no)
        if canonical != doc_no:
            meta_parts.append(canonical)
    meta_parts += [issuers, keywords, summary]
    meta = "\n".join(m for m in meta_parts if m)
    body = "\n".join([body, *attachments])[:MAX_INDEXED_CHARS]
    columns, segmented = {}, []
    for name, value in (("title_tokens", title), ("meta_tokens", meta), ("body_tokens", body)):
        toks = text.tokens(value)
        column = toks + text.bigrams(value)
        while name == "body_tokens" and (size := _vector_bytes(column)) > INDEX_BYTES_BUDGET:
            value = value[: int(len(value) * INDEX_BYTES_BUDGET / size * 0.9)]
            toks = text.tokens(value)
            column = toks + text.bigrams(value)
        columns[name] = " ".join(column)
        segmented += toks
    columns["search_text"] = " ".join(segmented)
    return columns


def _vector_bytes(tokens: list[str]) -> int:
    """Upper estimate of the size of a PostgreSQL tsvector of these tokens (entry, lexeme, positions)."""
    return 8 + sum(9 + len(t.encode()) + 2 * min(n, 256) for t, n in Counter(tokens).items())


def entry_for(doc: Document) -> tuple[SearchEntry, str]:
    """The (unsaved) index entry of a document and its segmented text.

    ``doc.attachments`` should be prefetched when called in a loop.
    """
    fields = index_fields(title=doc.title, doc_no=doc.doc_no, issuers=doc.issuers, keywords=doc.keywords,
                          summary=doc.summary, body=doc.body, attachments=_attachments_text(doc))
    segmented = fields.pop("search_text")
    return SearchEntry(document_id=doc.pk, **fields), segmented


def _indexable():
    return public_documents().prefetch_related(
        Prefetch("attachments", queryset=DocumentAttachment.objects.only("id", "document_id", "text")))


def update_document(pk: int) -> None:
    """(Re)index one document, or remove it from the index if it is no longer public."""
    with transaction.atomic():
        # Lock the document row: two updates of one document are applied one after the other.
        exists = Document.objects.select_for_update().filter(pk=pk).values_list("pk", flat=True)
        doc = _indexable().filter(pk=pk).first() if list(exists) else None
        if doc is None:
            SearchEntry.objects.filter(document_id=pk).delete()
            Document.objects.filter(pk=pk).exclude(search_text="").update(search_text="")
            return
        entry, segmented = entry_for(doc)
        SearchEntry.objects.update_or_create(document_id=pk, defaults={
            "title_tokens": entry.title_tokens, "meta_tokens": entry.meta_tokens, "body_tokens": entry.body_tokens,
        })
        Document.objects.filter(pk=pk).update(search_text=segmented)


def repair() -> dict[str, int]:
    """Reconcile the index with the public documents (run daily and at start-up by the schedule):
    index every public document that has no entry or changed after it was indexed, drop the entries
    of documents no longer public. Each through ``update_document`` (row-locked, idempotent), so it
    may run beside the indexing jobs. Returns the counts; all zero when the index was in step."""
    from django.db.models import F

    public = public_documents()
    missing = list(public.filter(search_entry__isnull=True).values_list("pk", flat=True))
    stale = list(public.filter(search_entry__indexed_at__lt=F("updated_at")).values_list("pk", flat=True))
    stray = list(SearchEntry.objects.exclude(document_id__in=public.values("pk")).values_list("document_id", flat=True))
    for pk in [*missing, *stale, *stray]:
        update_document(pk)
    return {"missing": len(missing), "stale": len(stale), "stray": len(stray)}


def extract_attachment_text(pk: int) -> bool:
    """Extract the text of one attachment for search (the job ``tasks.extract_attachment_text``; the
    daily repair runs those left pending), then reindex its document. Idempotent: an attachment
    already extracted is left alone. False when there was nothing to do."""
    from gongkai.publishing.attachments import extract_text

    att = DocumentAttachment.objects.filter(pk=pk, text_pending=True).first()
    if att is None:
        return False
    try:
        with att.file.open("rb") as fh:
            content = fh.read()
    except (OSError, ValueError):  # the file is gone: nothing to extract, ever
        _publishing_log.warning("attachment %s: file missing, no text extracted", pk)
        content = b""
    text_ = extract_text(content, att.content_type) if content else ""
    DocumentAttachment.objects.filter(pk=pk).update(text=text_, text_pending=False)
    update_document(att.document_id)
    return True


def extract_pending_attachments() -> int:
    """Run the extraction of every attachment still pending (its job was lost); the daily repair."""
    done = 0
    for pk in list(DocumentAttachment.objects.filter(text_pending=True).values_list("pk", flat=True)):
        try:
            done += extract_attachment_text(pk)
        except Exception:  # one bad attachment must not stop the repair of the others and of the index
            _publishing_log.exception("attachment %s: text extraction failed", pk)
    return done


def rebuild(batch_size: int = 500) -> int:
    """Reindex every public document (and drop everything else); returns the number indexed."""
    backend = get_backend()
    count = 0
    with transaction.atomic():
        backend.ensure_schema()
        backend.before_bulk_load()
        SearchEntry.objects.all().delete()
        Document.objects.exclude(pk__in=public_documents().values("pk")).exclude(search_text="").update(
            search_text="")
        ids = list(public_documents().order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), batch_size):
            docs = list(_indexable().filter(pk__in=ids[start : start + batch_size]))
            entries, changed = [], []
            for doc in docs:
                entry, segmented = entry_for(doc)
                entries.append(entry)
                if doc.search_text != segmented:
                    doc.search_text = segmented
                    changed.append(doc)
            SearchEntry.objects.bulk_create(entries)
            if changed:
                Document.objects.bulk_update(changed, ["search_text"])
            count += len(entries)
        backend.after_bulk_load()
        page_cache.bump_on_commit()  # bulk_create sends no signal; the library lists read the index
    return count


# ---------------------------------------------------------------------------------------------
# Searching


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=TZ)


def _filtered(*, agency_codes, issuer, subject, doc_type, validity, published_from, published_to, signed_from,
              signed_to, doc_no):
    qs = public_documents()
    if agency_codes:
        # Resolved to ids first: the text backends need filters on the document table only.
        ids = list(Agency.objects.filter(code__in=list(agency_codes)).values_list("pk", flat=True))
        qs = qs.filter(agency_id__in=ids)
    if issuer and issuer.strip():
        qs = qs.filter(issuers__contains=issuer.strip())
    if subject and subject.strip("\\ "):
        qs = qs.filter(_subject_q(subject.strip().rstrip("\\")))
    if doc_type:
        qs = qs.filter(doc_type=doc_type)
    if validity:
        validity = _VALIDITY_BY_LABEL.get(validity, validity)
        qs = qs.filter(validity=validity)
    if published_from:
        qs = qs.filter(published_at__gte=_day_start(published_from))
    if published_to:
        qs = qs.filter(published_at__lt=_day_start(published_to + dt.timedelta(days=1)))
    if signed_from:
        qs = qs.filter(signed_on__gte=signed_from)
    if signed_to:
        qs = qs.filter(signed_on__lte=signed_to)
    if doc_no and doc_no.strip():
        qs = qs.filter(doc_no_key=doc_no_key(doc_no))
    return qs


COUNT_CACHE_SECONDS = 600
# A list without words is counted up to this many documents and then said to have "more than" it,
# and pages past it are not listed (Elasticsearch's default ``track_total_hits`` and result window).
# An exact count reads every matching index entry: at 300k documents 90–145 ms on PostgreSQL, and
# OFFSET to page 10,000 walks 200k entries; nobody pages that far, and the filters (year, organ,
# 文种 …) or the oldest-first sort reach every document within the window.
COUNT_CAP = 10_000


def _count(qs) -> tuple[int, bool]:
    """(number of documents of a filtered list up to ``cap``, whether there are more), kept in the
    shared cache for the current generation of the public content (``page_cache.generation()``, ended
    by every change of a public page's rows, so never stale). Reads at most ``cap + 1`` index entries."""
    cap = COUNT_CAP
    sql, params = qs.query.sql_with_params()
    digest = hashlib.sha256(repr((sql, params, cap)).encode()).hexdigest()
    key = f"gk:count:{page_cache.generation()}:{digest}"
    kept = cache.get(key)
    if kept is None:
        n = qs.order_by().values("pk")[: cap + 1].count()
        kept = (min(n, cap), n > cap)
        cache.set(key, kept, COUNT_CACHE_SECONDS)
    return kept


def _subject_q(path: str) -> Q:
    """主题分类 ``path`` or below it (``path\\…``), in a form the (subject, …) index serves.

    SQLite cannot use an index for ``LIKE 'path\\%'`` (its LIKE ignores case), so there the prefix is a
    range: the column has SQLite's BINARY collation (bytes of UTF-8, i.e. code point order), and the
    strings that start with ``path\\`` are exactly those in [``path\\``, ``path]``) (``]`` follows ``\\``).
    PostgreSQL's collation need not be code point order, but ``LIKE 'path%'`` is a range of the
    varchar_pattern_ops index ``doc_public_subject_prefix``.
    """
    if connection.vendor == "sqlite":
        return Q(subject=path) | Q(subject__gte=path + "\\", subject__lt=path + "]")
    # One range of the pattern-ops index (``LIKE 'path%'``), the exact condition checked on its entries:
    # as an OR alone, PostgreSQL reads the rows (a BitmapOr), 130 ms at 300k documents instead of 6.
    return Q(subject__startswith=path) & (Q(subject=path) | Q(subject__startswith=path + "\\"))


def _hit(doc: Document, score: float, parsed: text.ParsedQuery) -> Hit:
    if parsed.has_text:
        sources = [doc.summary, doc.body, *_attachments_text(doc)]
    else:  # loaded by _load(brief=True): the beginnings are enough for a snippet without hits
        sources = [doc.summary, doc.body_head, *(a.text_head for a in doc.attachments.all() if a.text_head)]
    return Hit(document=doc, score=score, title_html=text.mark(doc.title, parsed.highlight),
               snippet_html=text.snippet(sources, parsed.highlight))


# A list without words shows the beginning of the first non-empty text (text.snippet); reading whole
# bodies and attachment texts for it cost ~20 ms a page at 300k documents on PostgreSQL.
HEAD_CHARS = 4 * text.SNIPPET_CHARS


def _load(ids: list[int], *, brief: bool = False) -> dict[int, Document]:
    docs = public_documents().filter(pk__in=ids).select_related("agency")
    if brief:
        heads = DocumentAttachment.objects.only("id", "document_id").annotate(text_head=Substr("text", 1, HEAD_CHARS))
        docs = docs.defer("body").annotate(body_head=Substr("body", 1, HEAD_CHARS)).prefetch_related(
            Prefetch("attachments", queryset=heads))
    else:
        docs = docs.prefetch_related(
            Prefetch("attachments", queryset=DocumentAttachment.objects.only("id", "document_id", "text")))
    return {d.pk: d for d in docs}


def doc_no_keys(parsed: text.ParsedQuery, query: str) -> set[str]:
    """Search keys of the 文号 a query names (in it, or the whole query in any spelling)."""
    keys = {dn.key for dn in parsed.doc_nos}
    whole = parse_doc_no(query)
    if whole is not None:
        keys.add(whole.key)
    return keys


def search(query: str = "", *, agency_codes: list[str] | None = None, title_only: bool = False, issuer: str = "",
           subject: str = "", doc_type: str = "", validity: str = "", published_from: dt.date | None = None,
           published_to: dt.date | None = None, signed_from: dt.date | None = None,
           signed_to: dt.date | None = None, doc_no: str = "", sort: str = "relevance", page: int = 1,
           per_page: int = 20) -> Results:
    """Search public documents; see the module docstring for the arguments."""
    query = (query or "").strip()
    page = max(1, int(page or 1))
    per_page = min(MAX_PER_PAGE, max(1, int(per_page or 20)))
    sort = sort if sort in SORTS else "relevance"
    filters = dict(agency_codes=agency_codes, issuer=issuer, subject=subject, doc_type=doc_type, validity=validity,
                   published_from=published_from, published_to=published_to, signed_from=signed_from,
                   signed_to=signed_to, doc_no=doc_no)
    base = _filtered(**filters)
    filters = any(v for v in filters.values())
    # Traditional characters (戶籍) are searched as their simplified form (户籍); the index is unchanged.
    simplified = text.to_simplified(query)
    parsed = text.parse_query(simplified)
    order = ("published_at", "pk") if sort == "date_asc" else ("-published_at", "-pk")

    # 文号 named in the query: those documents come first (domain.md 7.6).
    keys = doc_no_keys(parsed, simplified)
    doc_no_ids: list[int] = []
    if keys:
        doc_no_ids = list(base.filter(doc_no_key__in=keys).order_by(*order).values_list("pk", flat=True))

    rest = base.exclude(pk__in=doc_no_ids) if doc_no_ids else base
    offset = (page - 1) * per_page
    # The combined list is doc_no_ids followed by the text hits (or, without text, by date).
    scores: dict[int, float] = {pk: 0.0 for pk in doc_no_ids[offset : offset + per_page]}
    need = per_page - len(scores)
    start = max(0, offset - len(doc_no_ids))
    more = False
    relaxed = estimated = False
    listed, window = None, 0
    if parsed.has_text:
        # nothing has every word (and no 文号 matched): fall back to any word (``relaxed``)
        found = ranking.text_page(rest, public_documents(), parsed, title_only=title_only, sort=sort, offset=start,
                                  limit=need, filtered=filters, relax=not doc_no_ids, count_cap=COUNT_CAP)
        total_text, relaxed, estimated, listed, window = (found.total, found.relaxed, found.estimated, found.listed,
                                                          found.window)
        scores.update(found.rows)
    else:
        total_text, more = _count(rest)
        if need > 0 and start < total_text:
            ids = rest.order_by(*order).values_list("pk", flat=True)[start : min(start + need, total_text)]
            scores.update((pk, 0.0) for pk in ids)
    docs = _load(list(scores), brief=not parsed.has_text)
    hits = [_hit(docs[pk], score, parsed) for pk, score in scores.items() if pk in docs]
    return Results(hits=hits, total=len(doc_no_ids) + total_text, page=page, per_page=per_page, query=query,
                   doc_no_match=bool(doc_no_ids), relaxed=relaxed, more=more, estimated=estimated,
                   listed=None if listed is None else len(doc_no_ids) + listed, window=window)
