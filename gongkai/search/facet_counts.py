"""The counting behind ``facets`` (issue 15 item 5): the exact counts of the plain list (the job
``tasks.refresh_library_facets`` runs ``refresh_plain``) and the capped counts of any other search.
Apart from ``facets`` so that the job's module and the module that enqueues it do not import each other.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Max, Min
from django.db.models.expressions import RawSQL

from gongkai.agencies.models import Agency
from gongkai.ops import page_cache
from gongkai.publishing.access import public_documents
from gongkai.publishing.models import DocType, Document, Validity

from . import ranking
from .backends import get_backend

TZ = ZoneInfo("Asia/Shanghai")
CACHE_SECONDS = 600
PLAIN_LAST = "gk:facets:plain:last"
# (key, heading); the key is also the name of the filter the view sets for a value.
FACETS = (("subject", "主题分类"), ("agency", "发文机关"), ("year", "年份"), ("doc_type", "文种"),
          ("validity", "有效性"))
_COLUMNS = ("agency_id", "subject", "doc_type", "validity")


@dataclass(frozen=True)
class FacetValue:
    value: str  # the filter value: agency code, top-level 主题分类, year, 文种 or 有效性 value
    label: str
    count: int


@dataclass(frozen=True)
class Facet:
    key: str
    label: str
    values: tuple[FacetValue, ...]


@dataclass(frozen=True)
class Facets:
    facets: tuple[Facet, ...]
    counted: int
    capped: bool
    stale: bool = False  # the plain list's counts before the last change, while they are counted anew


def plain_key() -> str:
    from .index import COUNT_CAP

    identity = repr(("", False, [], COUNT_CAP))
    return f"gk:facets:{page_cache.generation()}:{hashlib.sha256(identity.encode()).hexdigest()}"


def count_cap() -> int:
    from .index import COUNT_CAP

    return COUNT_CAP


def digest_of(normalised_query: str, title_only: bool, filters: dict) -> str:
    """The cache identity of one search's facets (its words, scope and filters), across generations."""
    identity = repr((normalised_query, title_only, sorted((k, repr(v)) for k, v in filters.items()), count_cap()))
    return hashlib.sha256(identity.encode()).hexdigest()


LAST_SECONDS = 24 * 3600  # how long a filtered list's last counts may stand in while a worker recounts


def last_key(digest: str) -> str:
    return f"gk:facets:last:{digest}"


def recount_listed(filters: dict) -> Facets:
    """Count a list without words (``filters`` only) for the current generation and keep it as its last
    counts too (the job ``tasks.refresh_library_facets`` with filters; the first visit ever)."""
    from .text import parse_query

    digest = digest_of("", False, filters)
    result = compute(parse_query(""), "", title_only=False, filters=filters, cap=count_cap())
    cache.set(f"gk:facets:{page_cache.generation()}:{digest}", result, CACHE_SECONDS)
    cache.set(last_key(digest), result, LAST_SECONDS)
    return result


def refresh_plain() -> Facets:
    """Count the plain list exactly and keep the result for this generation and as the last one."""
    key = plain_key()  # the generation before counting: a change meanwhile ends it
    result = _exact(public_documents())
    cache.set(key, result, CACHE_SECONDS)
    cache.set(PLAIN_LAST, result, None)
    return result


def compute(parsed, simplified: str, *, title_only: bool, filters: dict, cap: int) -> Facets:
    from .index import _filtered, doc_no_keys

    backend = get_backend()
    year = RawSQL(backend.year_sql(_qualified("published_at")), ())
    base = _filtered(**{name: filters.get(name) for name in _FILTER_ARGS})
    if not parsed.has_text:
        # The newest documents first; but a 主题分类 is a range of its index, not one value, and sorting
        # its tens of thousands of entries by date costs more than the page's budget: the sample is then
        # the first entries of the range (the counts are labelled as a sample either way).
        ordered = base.order_by() if filters.get("subject") else base.order_by("-published_at", "-pk")
        return _grouped(ordered.annotate(y=year).values_list(*_COLUMNS, "y"), cap)
    rows: list[tuple] = []
    keys = doc_no_keys(parsed, simplified)
    if keys:  # a 文号 named in the query: those documents are results too, whatever the words
        rows = list(base.filter(doc_no_key__in=keys).annotate(y=year).values_list(*_COLUMNS, "y")[: cap + 1])
    rest = base.exclude(doc_no_key__in=keys) if rows else base
    columns = [_qualified(c) for c in _COLUMNS] + [backend.year_sql(_qualified("published_at"))]
    mode = {"title_only": title_only, "any_term": False}
    if ranking.is_common(parsed, public_documents()) is not None:
        # Common words: the matches among the newest documents, the sample the page ranks.
        found = backend.match_rows(rest, parsed, columns, **mode, limit=cap, window=ranking.WINDOW)
        if found:
            sampled = _from_rows(rows + list(found), cap)
            return dataclasses.replace(sampled, capped=sampled.capped or ranking.size(rest) > ranking.WINDOW)
    found = backend.match_rows(rest, parsed, columns, **mode, limit=cap + 1 - len(rows))
    if not found and not rows and len(parsed.terms) > 1:  # as index.search: then any of the words
        mode["any_term"] = True
        found = backend.match_rows(rest, parsed, columns, **mode, limit=cap + 1)
    return _from_rows(rows + list(found), cap)


_FILTER_ARGS = ("agency_codes", "issuer", "subject", "doc_type", "validity", "published_from", "published_to",
                "signed_from", "signed_to", "doc_no")


def _qualified(column: str) -> str:
    return f"{connection.ops.quote_name(Document._meta.db_table)}.{connection.ops.quote_name(column)}"


# Facet key and its column in the sample: each counted by the database over one materialised sample
# (the rows never travel to Python: 10,000 rows cost ~150 ms to fetch and count at 300k documents).
_GROUPS = (("agency", "agency_id"), ("subject", "subject"), ("doc_type", "doc_type"), ("validity", "validity"),
           ("year", "y"))


def _grouped(ordered, cap: int) -> Facets:
    """Counts of a list without words: its first ``cap`` documents (newest first), grouped in SQL."""
    sql, params = ordered[:cap].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(_grouping_sql(sql), params)
        found = cursor.fetchall()
    counters = {key: Counter() for key, _ in FACETS}
    for n, value, count in found:
        key = _GROUPS[n][0]
        if key == "agency":
            value = int(value) if value is not None else None
        elif key == "year":
            value = int(float(value)) if value is not None else None
        counters[key][value] += count
    total = sum(counters["validity"].values())
    capped = total == cap and ordered[cap : cap + 1].exists()
    return _build(counters, counted=total, capped=capped)


def _grouping_sql(sample: str) -> str:
    """(group number, value, count) of each facet over ``sample``: PostgreSQL aggregates the five groups in
    one pass (GROUPING SETS, ~16 ms for 10,000 documents against ~27 ms for five GROUP BYs); SQLite,
    which has no grouping sets, counts each group over the materialised sample."""
    quote = connection.ops.quote_name
    columns = [quote(column) for _key, column in _GROUPS]
    if connection.vendor == "postgresql":
        # GROUPING(...) has one bit per column, set for the columns a row is not grouped by: the
        # row of group n has every bit but bit (4 - n) set.
        bits = {sum(1 << (len(columns) - 1 - i) for i in range(len(columns)) if i != n): n
                for n in range(len(columns))}
        case = " ".join(f"WHEN {g} THEN {n}" for g, n in bits.items())
        value = "COALESCE(" + ", ".join(f"CAST({c} AS TEXT)" for c in columns) + ")"
        return (f"SELECT CASE GROUPING({', '.join(columns)}) {case} END, {value}, COUNT(*) FROM ({sample}) s "
                f"GROUP BY GROUPING SETS ({', '.join(f'({c})' for c in columns)})")
    parts = [f"SELECT {n}, CAST({c} AS TEXT), COUNT(*) FROM s GROUP BY {c}" for n, c in enumerate(columns)]
    return f"WITH s AS MATERIALIZED ({sample}) " + " UNION ALL ".join(parts)


def _from_rows(rows: list[tuple], cap: int) -> Facets:
    capped = len(rows) > cap
    rows = rows[:cap]
    counters = {name: Counter() for name, _ in FACETS}
    for agency_id, subject, doc_type, validity, year in rows:
        counters["agency"][agency_id] += 1
        counters["subject"][subject] += 1
        counters["doc_type"][doc_type] += 1
        counters["validity"][validity] += 1
        counters["year"][year] += 1
    return _build(counters, counted=len(rows), capped=capped)


def _exact(qs) -> Facets:
    """Exact counts of a whole set (the plain list, once per generation, by the job): one GROUP BY per
    facet, each read from its covering index (doc_public_agency_date, _type_date, _validity_date,
    _subject_prefix), and the years as ranges of doc_public_date (no date function on every row)."""
    qs = qs.order_by()
    counters = {key: Counter(dict(qs.values_list(column).annotate(n=Count("*")).values_list(column, "n")))
                for key, column in (("agency", "agency_id"), ("subject", "subject"), ("doc_type", "doc_type"),
                                    ("validity", "validity"))}
    span = qs.aggregate(lo=Min("published_at"), hi=Max("published_at"))
    counters["year"] = Counter()
    if span["lo"] is not None:
        for year in range(span["lo"].astimezone(TZ).year, span["hi"].astimezone(TZ).year + 1):
            n = qs.filter(published_at__gte=dt.datetime(year, 1, 1, tzinfo=TZ),
                          published_at__lt=dt.datetime(year + 1, 1, 1, tzinfo=TZ)).count()
            if n:
                counters["year"][year] = n
    return _build(counters, counted=sum(counters["validity"].values()), capped=False)


def _build(counters: dict[str, Counter], *, counted: int, capped: bool) -> Facets:
    top_level = Counter()
    for path, n in counters["subject"].items():
        if path:
            top_level[path.partition("\\")[0]] += n
    organs = {pk: (code, name) for pk, code, name in Agency.objects.filter(
        pk__in=[pk for pk in counters["agency"] if pk]).values_list("pk", "code", "name")}
    doc_types = dict(DocType.choices)

    def by_count(pairs):
        return sorted(pairs, key=lambda v: (-v.count, v.label))

    values = {
        "subject": by_count(FacetValue(path, path, n) for path, n in top_level.items()),
        "agency": by_count(FacetValue(*organs[pk], n) for pk, n in counters["agency"].items() if pk in organs),
        "year": sorted((FacetValue(str(y), f"{y}年", n) for y, n in counters["year"].items() if y),
                       key=lambda v: v.value, reverse=True),
        "doc_type": by_count(FacetValue(t, doc_types.get(t, t), n) for t, n in counters["doc_type"].items() if t),
        "validity": [FacetValue(v, label, counters["validity"][v]) for v, label in Validity.choices
                     if counters["validity"].get(v)],
    }
    return Facets(facets=tuple(Facet(key, label, tuple(values[key])) for key, label in FACETS),
                  counted=counted, capped=capped)
