"""Public pages of proactive publication: an organ's statutory catalogue (法定主动公开内容, domain.md
6.5): the catalogue tree, its node pages and their document counts."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from gongkai.agencies.models import Agency
from gongkai.ops import page_cache

from .access import public_documents
from .models import CatalogueNode, DisclosureAttribute, DocStatus, Document
from .public_views import PER_PAGE, _column, _page_pager

# ----------------------------------------------------------------------------------------- catalogue


def _agency_nodes(agency):
    return list(CatalogueNode.objects.filter(agency=agency).order_by("section", "position", "id"))


def _children_map(nodes):
    children = {}
    for n in nodes:
        children.setdefault(n.parent_id, []).append(n)
    return children


def _subtree_ids(node, children) -> list[int]:
    ids, stack = [], [node]
    while stack:
        n = stack.pop()
        if n.pk not in ids:  # (a loop in the tree data must not hang the page)
            ids.append(n.pk)
            stack.extend(children.get(n.pk, []))
    return ids


def _tree(roots, children, counts, depth=0):
    return [{"node": n, "count": counts.get(n.pk, 0), "depth": depth,
             "children": _tree(children.get(n.pk, []), children, counts, depth + 1)} for n in roots]


def _not_public() -> list[Q]:
    """The documents outside ``access.public_documents()`` (its exact complement: both columns are NOT
    NULL), as conditions each of which one index serves (queried one by one: as one OR, SQLite's
    planner reads the whole table). Drafts, withdrawn, 依申请公开 … are few, so they are found from
    the document side instead of checking every filed document."""
    published, proactive = DocStatus.PUBLISHED, DisclosureAttribute.PROACTIVE
    return [Q(status__lt=published), Q(status__gt=published),
            Q(status=published, disclosure_attribute__lt=proactive),
            Q(status=published, disclosure_attribute__gt=proactive)]


COUNTS_CACHE_SECONDS = 600


def _column_counts(targets, children) -> tuple[dict[int, int], dict[int, int]]:
    """``_count_columns``, kept in the shared cache for the current generation of the public content
    (``page_cache.generation()``: every change of a document, link or column ends it, so never stale);
    the first view after a change counts."""
    subtrees = sorted((n.pk, tuple(_subtree_ids(n, children))) for n in targets)
    digest = hashlib.sha256(repr(subtrees).encode()).hexdigest()
    key = f"gk:column-counts:{page_cache.generation()}:{digest}"
    kept = cache.get(key)
    if kept is None:
        kept = _count_columns(targets, children)
        cache.set(key, kept, COUNTS_CACHE_SECONDS)
    return kept


def _count_columns(targets, children) -> tuple[dict[int, int], dict[int, int]]:
    """Number of distinct public documents in each column of ``targets`` and the columns below it, and
    the number of (column, document) links of every column of those subtrees (public or not).

    Never by checking each filed document (tens of thousands per organ at 300k documents): the links
    per column are counted on the link table's column index, minus the links of the few documents
    that are not public (``_not_public``); a column with filled sub-columns counts its documents
    distinct (a document may sit in several of them).
    """
    through = Document.columns.through
    subtrees = {n.pk: _subtree_ids(n, children) for n in targets}
    ids = sorted({pk for sub in subtrees.values() for pk in sub})
    if not ids:
        return {}, {}
    filed = dict(through.objects.filter(cataloguenode_id__in=ids).order_by().values("cataloguenode_id")
                 .annotate(n=Count("*")).values_list("cataloguenode_id", "n"))
    hidden: dict[int, set[int]] = {}
    for condition in _not_public() if filed else ():
        for node_id, doc_id in through.objects.filter(
                cataloguenode_id__in=list(filed), document_id__in=Document.objects.filter(condition).values("pk")
        ).values_list("cataloguenode_id", "document_id"):
            hidden.setdefault(node_id, set()).add(doc_id)
    counts = {}
    for pk, subtree in subtrees.items():
        filled = [c for c in subtree if filed.get(c)]
        if len(filled) <= 1:
            counts[pk] = filed[filled[0]] - len(hidden.get(filled[0], ())) if filled else 0
        else:
            distinct = through.objects.filter(cataloguenode_id__in=filled).aggregate(
                n=Count("document_id", distinct=True))["n"]
            counts[pk] = distinct - len(set().union(*(hidden.get(c, set()) for c in filled)))
    return counts, filed


# Two ways to list the public documents of some columns newest first. Every column belongs to one
# organ and holds only that organ's documents (signals.columns_of_the_publishing_organ). A correlated
# EXISTS walks the organ's public documents newest first (the doc_agency index) and stops after the
# page: quick when the columns hold many of the organ's documents (it probes about organ documents ÷
# filed of them per row shown, each probe a look-up per column), slow when they hold few. Otherwise
# the documents filed there are read from the link table's (column, document) index, checked and
# dated on doc_public_by_id and sorted: about the number filed. The walk is chosen while
# rows × organ documents × (2 + columns) < EXISTS_FACTOR × filed² (bench/public_pages_bench.py).
EXISTS_FACTOR = 3


def _walk(ids, filed: int, rows: int, organ_documents: int) -> bool:
    """Whether the first ``rows`` of the documents of the columns ``ids`` (``filed`` links) are best
    found by the correlated EXISTS walk over the organ's ``organ_documents`` public documents."""
    if not filed:
        return False
    return rows * organ_documents * (2 + len(ids)) < EXISTS_FACTOR * filed * filed


def _column_rows(agency_id: int, ids, filed: int, rows: int, dated: bool = False):
    """(id, 发布日期) of the public documents filed in any of the columns ``ids`` of the organ
    ``agency_id`` (``filed`` links), newest first (``-published_at, -id``), without duplicates; the first
    ``rows`` of them will be read. With ``dated``: only those with a 发布日期."""
    through = Document.columns.through
    organ = public_documents().filter(agency_id=agency_id)
    if _walk(ids, filed, rows, organ.count()):
        docs = organ.filter(Exists(through.objects.filter(document_id=OuterRef("pk"), cataloguenode_id__in=ids)))
    elif connection.vendor == "postgresql":
        # As a join from the link side: PostgreSQL plans "pk IN (the filed ones)" as a walk over every
        # public document by date (~200 ms for page 50 of a 10k-document column), this one as a sort of
        # the filed ones. (The conditions are those of access.public_documents().)
        listed = through.objects.filter(
            cataloguenode_id__in=ids, document__status=DocStatus.PUBLISHED,
            document__disclosure_attribute=DisclosureAttribute.PROACTIVE)
        if dated:
            listed = listed.exclude(document__published_at=None)
        return listed.values_list("document_id", "document__published_at").distinct().order_by(
            "-document__published_at", "-document_id")
    else:
        docs = public_documents().filter(pk__in=through.objects.filter(cataloguenode_id__in=ids).values("document_id"))
    if dated:
        docs = docs.exclude(published_at=None)
    return docs.order_by("-published_at", "-id").values_list("pk", "published_at")


def _column_page(request, agency_id: int, filled, links: int, count: int):
    """The page asked for of the public documents of the columns ``filled`` (``links`` links, ``count``
    documents): the page number first (the count is known), then the ids of that page (never sorting
    whole rows — bodies make rows fat), then those documents."""
    page = Paginator(range(count), PER_PAGE).get_page(request.GET.get("page"))  # (a range: no query)
    offset = (page.number - 1) * PER_PAGE
    rows = _column_rows(agency_id, filled, links, offset + PER_PAGE)[offset:offset + PER_PAGE] if links else []
    ids = [pk for pk, _ in rows]
    docs = public_documents().in_bulk(ids)
    page.object_list = [docs[pk] for pk in ids if pk in docs]
    return page


def _latest(agency_id: int, filled, links: int):
    """The latest 发布日期 of the public documents of the columns ``filled`` (``links`` links)."""
    first = _column_rows(agency_id, filled, links, 1, dated=True).first() if links else None
    return first[1] if first else None


def catalogue(request, code):
    agency = get_object_or_404(Agency, code=code)
    nodes = [n for n in _agency_nodes(agency) if n.section == CatalogueNode.STATUTORY]
    children = _children_map(nodes)
    ids = {n.pk for n in nodes}
    roots = [n for n in nodes if n.parent_id is None or n.parent_id not in ids]
    counts, filed = _column_counts(nodes, children)
    filled = [pk for pk in ids if filed.get(pk)]
    updated = _latest(agency.pk, filled, sum(filed.values()))
    return render(request, "publishing/public/catalogue.html", {
        "agency": agency,
        "tree": _tree(roots, children, counts),
        "updated": updated,
        "column": _column("法定主动公开内容", f"{agency.name}依照《中华人民共和国政府信息公开条例》第二十条、第二十一条主动公开的政府信息",
                          "法定主动公开内容,政府信息公开,公开目录", "政府信息公开"),
    })


def catalogue_node(request, code, node):
    agency = get_object_or_404(Agency, code=code)
    nodes = _agency_nodes(agency)
    current = next((n for n in nodes if n.pk == node), None)
    if current is None:
        raise Http404("栏目不存在")
    by_id = {n.pk: n for n in nodes}
    children = _children_map(nodes)
    subcolumns = children.get(current.pk, [])
    counts, filed = _column_counts([current, *subcolumns], children)
    filled = [pk for pk in _subtree_ids(current, children) if filed.get(pk)]
    links = sum(filed.get(pk, 0) for pk in filled)
    page = _column_page(request, agency.pk, filled, links, counts[current.pk])
    updated = _latest(agency.pk, filled, links)
    trail, p = [], by_id.get(current.parent_id)
    while p is not None and p not in trail:
        trail.insert(0, p)
        p = by_id.get(p.parent_id)
    section = current.get_section_display()
    # The section's root column bears the section's name: named once in the crumbs, not twice.
    trail = [n for n in trail if not (n.parent_id is None and n.title == section)]
    return render(request, "publishing/public/catalogue_node.html", {
        "agency": agency,
        "node": current,
        "trail": trail,
        "section_crumb": not (current.parent_id is None and current.title == section),
        "subcolumns": [(c, counts.get(c.pk, 0)) for c in subcolumns],
        "page": page,
        "pager": _page_pager(page),
        "updated": updated,
        "column": _column(current.title, current.description, current.title, current.get_section_display()),
    })
