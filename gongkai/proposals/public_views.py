"""The public column 建议提案办理结果 of an organ: published results only (``access.public_results``),
with a text search and filters (year, session, kind, classification), and each result's page with the
复文 in full or its summary as published. A search or filtered list counts against the search rate
limit per address, as the policy library does (ops/ratelimits.py)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from gongkai.agencies.models import Agency
from gongkai.law import proposals as rule
from gongkai.ops.ratelimits import limit
from gongkai.publishing.models import CatalogueNode
from gongkai.publishing.public_views import _column, _page_pager

from . import access, queries
from .models import Kind
from .publication import COLUMN_CODE

PER_PAGE = 20
TITLE = "建议提案办理结果"
COLUMN = _column(TITLE, "人大代表建议和政协委员提案办理结果", "建议提案办理,人大代表建议,政协委员提案,复文", TITLE)


def _tree_key(agency) -> str:
    node = CatalogueNode.objects.filter(agency=agency, item_code=COLUMN_CODE).only("pk").first()
    return f"node:{node.pk}" if node is not None else "catalogue"


@limit("search", when=lambda request: bool(request.GET))
def result_list(request, code):
    agency = get_object_or_404(Agency, code=code)
    base = access.public_results().filter(lead=agency)
    f = queries.clean(request.GET)
    f["status"] = f["overdue"] = ""  # (staff filters only)
    qs = queries.apply(base, f).select_related("document").order_by("-year", "kind", "-document__published_at", "-id")
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    sessions = base.values_list("session", flat=True).distinct().order_by("-session")
    updated = base.order_by("-document__published_at").values_list("document__published_at", flat=True).first()
    filtered = any(f.get(k) for k in ("q", "year", "session", "kind", "classification"))
    return render(request, "proposals/public/list.html", {
        "agency": agency, "page": page, "pager": _page_pager(page), "f": f, "column": COLUMN,
        "years": list(base.values_list("year", flat=True).distinct().order_by("-year")),
        "sessions": list(sessions), "kinds": Kind.choices, "classes": rule.CLASSIFICATIONS,
        "tree_key": _tree_key(agency), "updated": updated, "filtered": filtered,
    })


def result_detail(request, code, pk):
    agency = get_object_or_404(Agency, code=code)
    p = get_object_or_404(access.public_results().select_related("document", "lead"), lead=agency, pk=pk)
    doc = p.document
    return render(request, "proposals/public/detail.html", {
        "agency": agency, "p": p, "doc": doc, "column": COLUMN, "tree_key": _tree_key(agency),
        "proposers": access.public_text(p.proposers), "full": p.publication_mode == rule.FULL_TEXT,
        "attachments": list(doc.attachments.all()),
    })
