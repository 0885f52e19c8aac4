"""Public pages of proactive publication (domain.md 6.4, 6.5, 7): document detail, the policy
document library (政策文件库), an organ's statutory catalogue (法定主动公开内容), interpretations,
the gazette, major-decision consultations, the sitemap and the display-preference switches.

Every document shown here comes from ``access.public_documents()``; interpretations, gazette issues
and consultations are shown only once published, and only with their public documents.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

import segno
from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.decorators import ratelimit

from gongkai.agencies.models import Agency
from gongkai.files import serving
from gongkai.law import today as law_today
from gongkai.ops import page_cache
from gongkai.ops.ratelimits import limit

from .access import public_documents
from .context import COOKIE_MAX_AGE, PREF_COOKIES
from .models import (
    CatalogueNode,
    Comment,
    Consultation,
    DisclosureAttribute,
    DocStatus,
    DocType,
    Document,
    DocumentAttachment,
    GazetteIssue,
    Interpretation,
    Subject,
    Validity,
)

PER_PAGE = 20
SITEMAP_LIMIT = 50_000  # URLs in one sitemap file (sitemaps.org protocol)
SITEMAP_PART = 2_500  # document ids per child sitemap of the sitemap index (each renders in ~25 ms)

# --------------------------------------------------------------------------------------------- helpers


def _column(name: str, description: str = "", keywords: str = "", kind: str = "") -> dict:
    """The column meta tags of domain.md 7.5 (ColumnName, ColumnDescription, ColumnKeywords, ColumnType)."""
    return {"name": name, "description": description or name, "keywords": keywords or name, "type": kind or name}


def _page(request, items, per_page=PER_PAGE):
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def pager(current: int, num_pages: int, total: int, width: int = 2) -> dict:
    """Page links: first, a window around the current page, last; None marks a gap."""
    pages: list[int | None] = []
    for n in range(1, num_pages + 1):
        if n in (1, num_pages) or abs(n - current) <= width:
            pages.append(n)
        elif pages and pages[-1] is not None:
            pages.append(None)
    return {"current": current, "last": num_pages, "total": total, "pages": pages,
            "prev": current - 1 if current > 1 else None, "next": current + 1 if current < num_pages else None}


def _page_pager(page) -> dict:
    return pager(page.number, page.paginator.num_pages, page.paginator.count)


QR_CACHE_SECONDS = 30 * 24 * 3600


def _qr_svg(url: str) -> str:
    """The page address as an inline SVG QR code, rendered on the server once per address and kept in
    the shared cache (drawing it took 25–135 ms of every document page; issue 12, item 6)."""
    key = "qr:" + hashlib.sha256(url.encode("utf-8")).hexdigest()

    def draw() -> str:
        svg = segno.make(url, error="m").svg_inline(scale=3, border=2, svgclass="qr", title="本页网址二维码")
        return svg.replace("<svg ", '<svg role="img" aria-label="本页网址二维码" focusable="false" ', 1)

    return mark_safe(cache.get_or_set(key, draw, QR_CACHE_SECONDS))


def _mask_name(name: str) -> str:
    name = name.strip()
    return name[:1] + "*" * min(max(len(name) - 1, 1), 3) if name else "匿名"


# ----------------------------------------------------------------------------------- document detail


def document_detail(request, pk):
    doc = get_object_or_404(public_documents().select_related("agency", "replaced_by"), pk=pk)
    now = law_today.now()
    replacement = doc.replaced_by if doc.replaced_by_id and doc.replaced_by.is_public else None
    interpretations = doc.interpretations.filter(published_at__lte=now).order_by("-published_at", "-id")
    node = doc.columns.order_by("section", "position", "id").first()
    if node is not None:
        column = _column(node.title, node.description, node.title, node.get_section_display())
    else:
        column = _column("政策文件", "政府信息公开政策文件", "政策文件,政府信息公开", "政策文件")
    url = request.build_absolute_uri(reverse("public:doc", args=[doc.pk]))
    description = doc.summary or doc.body
    return render(request, "publishing/public/document.html", {
        "doc": doc,
        "replacement": replacement,
        "banner": doc.validity != Validity.IN_FORCE,
        "attachments": doc.attachments.order_by("id"),
        "interpretations": interpretations,
        "gazette_issues": doc.gazette_issues.filter(published_on__lte=law_today.today()),
        "column": column,
        "node": node,
        "page_url": url,
        "description": " ".join(description.split())[:200],
        "qr_svg": _qr_svg(url),
    })


def document_attachment(request, pk, att):
    """Attachments are in the private storage; this door opens only while the document is public, so
    withdrawing a document closes its attachments at once (X-Accel-Redirect in production)."""
    doc = get_object_or_404(public_documents(), pk=pk)
    attachment = get_object_or_404(DocumentAttachment, pk=att, document=doc)
    return serving.serve(attachment.file, filename=attachment.original_name, content_type=attachment.content_type,
                         as_attachment=True, restricted=False)


# ------------------------------------------------------------------------------------------- library

SCOPE_CHOICES = [("full", "全文"), ("title", "标题")]
SORT_CHOICES = [("relevance", "相关度"), ("date", "发布日期")]
RANGE_CHOICES = [("", "不限"), ("week", "近一周"), ("month", "近一月"), ("year", "近一年")]


def _months_back(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def preset_start(preset: str, today: dt.date) -> dt.date | None:
    if preset == "week":
        return today - dt.timedelta(days=7)
    if preset == "month":
        return _months_back(today, 1)
    if preset == "year":
        return _months_back(today, 12)
    return None


def _subject_choices():
    paths = list(Subject.objects.values_list("path", flat=True))
    if not paths:
        paths = sorted(set(public_documents().exclude(subject="").values_list("subject", flat=True)))
    l1s, l2s = [], {}
    for path in paths:
        l1, _, l2 = path.partition("\\")
        if l1 not in l1s:
            l1s.append(l1)
        if l2:
            l2s.setdefault(l1, []).append((path, l2))
    return (
        [("", "全部")] + [(v, v) for v in l1s],
        [("", "全部")] + [(l1, l2s[l1]) for l1 in l1s if l1 in l2s],
    )


def _attrs_html(attrs: dict) -> str:
    """django/forms/widgets/attrs.html in Python."""
    return "".join(f" {conditional_escape(name)}" if value is True else
                   f' {conditional_escape(name)}="{conditional_escape(value)}"'
                   for name, value in attrs.items() if value is not False)


class Select(forms.Select):
    """Django's ``Select`` with the same HTML as its templates (django/forms/widgets/select.html and
    select_option.html, attributes, selection and escaping included), written out in Python: the
    library form's ~100 options through the template engine took 25–35 ms of every library page.
    ``test_library_form_html`` compares the two renderings."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        out = [f'<select name="{conditional_escape(widget["name"])}"{_attrs_html(widget["attrs"])}>']
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                out.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in group_choices:
                out.append(f'\n  <option value="{conditional_escape(option["value"])}"'
                           f'{_attrs_html(option["attrs"])}>{conditional_escape(option["label"])}</option>\n')
            if group_name:
                out.append("\n  </optgroup>")
        out.append("\n</select>")
        return mark_safe("".join(out))


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class LibraryForm(forms.Form):
    q = forms.CharField(label="检索词", required=False, max_length=200)
    scope = forms.ChoiceField(label="检索范围", choices=SCOPE_CHOICES, required=False, widget=forms.RadioSelect)
    issuer = forms.ChoiceField(label="发文机关", required=False, widget=Select)
    agency = forms.ChoiceField(label="发布机构", required=False, widget=Select)
    l1 = forms.ChoiceField(label="主题分类", required=False, widget=Select)
    l2 = forms.ChoiceField(label="二级分类", required=False, widget=Select)
    doc_type = forms.ChoiceField(label="文种", required=False, widget=Select,
                                 choices=[("", "全部")] + list(DocType.choices))
    validity = forms.ChoiceField(label="有效性", required=False, widget=Select,
                                 choices=[("", "全部")] + list(Validity.choices))
    pub_range = forms.ChoiceField(label="发布时间", required=False, widget=Select, choices=RANGE_CHOICES)
    pub_from = forms.DateField(label="发布日期（起）", required=False, widget=DateInput())
    pub_to = forms.DateField(label="发布日期（止）", required=False, widget=DateInput())
    signed_from = forms.DateField(label="成文日期（起）", required=False, widget=DateInput())
    signed_to = forms.DateField(label="成文日期（止）", required=False, widget=DateInput())
    doc_no = forms.CharField(label="发文字号", required=False, max_length=80,
                             help_text="可输入完整文号或部分，如 聊政发〔2020〕9号、聊政发 2020")
    sort = forms.ChoiceField(label="排序", choices=SORT_CHOICES, required=False, widget=Select)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = list(Agency.objects.order_by("path"))
        self.agencies = {a.code: a for a in agencies}
        options = [("", "全部")] + [(a.code, "　" * a.depth + a.name) for a in agencies]
        self.fields["issuer"].choices = options
        self.fields["agency"].choices = options
        self.fields["l1"].choices, self.fields["l2"].choices = _subject_choices()
        for name in ("pub_from", "pub_to", "signed_from", "signed_to"):
            self.fields[name].error_messages["invalid"] = "请输入有效日期，格式为 YYYY-MM-DD"
        self.fields["scope"].initial = "full"

    def clean(self):
        data = super().clean()
        l1, l2 = data.get("l1"), data.get("l2")
        if l1 and l2 and not l2.startswith(l1 + "\\"):
            self.add_error("l2", "所选二级分类不属于所选主题分类")
        for lo, hi, label in (("pub_from", "pub_to", "发布日期"), ("signed_from", "signed_to", "成文日期")):
            if data.get(lo) and data.get(hi) and data[lo] > data[hi]:
                self.add_error(hi, f"{label}的截止日期不能早于起始日期")
        return data

    def search_kwargs(self, today: dt.date) -> dict:
        d = self.cleaned_data
        published_from = preset_start(d.get("pub_range") or "", today) or d.get("pub_from")
        published_to = today if d.get("pub_range") else d.get("pub_to")
        issuer = self.agencies.get(d.get("issuer") or "")
        return {
            "agency_codes": [d["agency"]] if d.get("agency") else None,
            "title_only": d.get("scope") == "title",
            "issuer": issuer.name if issuer else "",
            "subject": d.get("l2") or d.get("l1") or "",
            "doc_type": d.get("doc_type") or "",
            "validity": d.get("validity") or "",
            "published_from": published_from,
            "published_to": published_to,
            "signed_from": d.get("signed_from"),
            "signed_to": d.get("signed_to"),
            "doc_no": (d.get("doc_no") or "").strip(),
        }


def _page_number(request) -> int:
    try:
        return max(1, min(int(request.GET.get("page", 1)), 10_000))
    except (TypeError, ValueError):
        return 1


@require_GET
@limit("search", when=lambda request: bool(request.GET))  # a search or filtered list, per client address
def library(request):
    data = None
    if request.GET:
        data = request.GET.copy()
        data.setdefault("scope", "full")
    form = LibraryForm(data)
    results = hits = None
    page_nav = None
    searched = bool(request.GET)
    if form.is_bound and not form.is_valid():
        searched = False
    else:
        from gongkai.search import index

        if form.is_bound:
            kwargs = form.search_kwargs(law_today.today())
            query = form.cleaned_data.get("q", "").strip()
            sort = form.cleaned_data.get("sort") or ("relevance" if query else "date")
        else:
            kwargs, query, sort = {}, "", "date"
        results = index.search(query, sort=sort, page=_page_number(request), per_page=PER_PAGE, **kwargs)
        # Defence in depth: the index holds public documents only, but never show anything else.
        hits = [h for h in results.hits if h.document.is_public]
        num_pages = -(-results.total // results.per_page) if results.total else 0
        page_nav = pager(results.page, num_pages, results.total)
    return render(request, "publishing/public/library.html", {
        "form": form,
        "results": results,
        "hits": hits,
        "searched": searched,
        "pager": page_nav,
        "start": (results.page - 1) * results.per_page + 1 if results else 1,
        "filters_open": bool(form.is_bound and (form.errors or any(
            form.data.get(name) for name in form.fields if name not in ("q", "scope", "page")))),
        "column": _column("政策文件库", "跨机关检索本级政府及其部门公开的政策文件",
                          "政策文件,政策文件库,文件检索,政府信息公开", "政策文件"),
    })


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


# Two ways to list the public documents of some columns newest first. A correlated EXISTS walks the
# date index newest first and stops after the page: quick when the columns hold many of all documents
# (it probes about documents ÷ filed of them per row shown, each probe a look-up per column), slow when
# they hold few. Otherwise the documents filed there are read from the link table's (column, document)
# index, checked and dated on doc_public_by_id and sorted: about the number filed. The walk is chosen
# while rows × documents × (2 + columns) < EXISTS_FACTOR × filed² (bench/public_pages_bench.py).
EXISTS_FACTOR = 3


def _walk(ids, filed: int, rows: int) -> bool:
    """Whether the first ``rows`` of the documents of the columns ``ids`` (``filed`` links) are best
    found by the correlated EXISTS walk."""
    if not filed:
        return False
    top = Document.objects.order_by("-pk").values_list("pk", flat=True).first() or 0  # ≈ all documents
    return rows * top * (2 + len(ids)) < EXISTS_FACTOR * filed * filed


def _column_rows(ids, filed: int, rows: int, dated: bool = False):
    """(id, 发布日期) of the public documents filed in any of the columns ``ids`` (``filed`` links), newest
    first (``-published_at, -id``), without duplicates; the first ``rows`` of them will be read. With
    ``dated``: only those with a 发布日期."""
    through = Document.columns.through
    if _walk(ids, filed, rows):
        docs = public_documents().filter(
            Exists(through.objects.filter(document_id=OuterRef("pk"), cataloguenode_id__in=ids)))
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


def _column_page(request, filled, links: int, count: int):
    """The page asked for of the public documents of the columns ``filled`` (``links`` links, ``count``
    documents): the page number first (the count is known), then the ids of that page (never sorting
    whole rows — bodies make rows fat), then those documents."""
    page = Paginator(range(count), PER_PAGE).get_page(request.GET.get("page"))  # (a range: no query)
    offset = (page.number - 1) * PER_PAGE
    ids = [pk for pk, _ in _column_rows(filled, links, offset + PER_PAGE)[offset:offset + PER_PAGE]] if links else []
    docs = public_documents().in_bulk(ids)
    page.object_list = [docs[pk] for pk in ids if pk in docs]
    return page


def _latest(filled, links: int):
    """The latest 发布日期 of the public documents of the columns ``filled`` (``links`` links)."""
    first = _column_rows(filled, links, 1, dated=True).first() if links else None
    return first[1] if first else None


def catalogue(request, code):
    agency = get_object_or_404(Agency, code=code)
    nodes = [n for n in _agency_nodes(agency) if n.section == CatalogueNode.STATUTORY]
    children = _children_map(nodes)
    ids = {n.pk for n in nodes}
    roots = [n for n in nodes if n.parent_id is None or n.parent_id not in ids]
    counts, filed = _column_counts(nodes, children)
    filled = [pk for pk in ids if filed.get(pk)]
    updated = _latest(filled, sum(filed.values()))
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
    page = _column_page(request, filled, links, counts[current.pk])
    updated = _latest(filled, links)
    trail, p = [], by_id.get(current.parent_id)
    while p is not None and p not in trail:
        trail.insert(0, p)
        p = by_id.get(p.parent_id)
    return render(request, "publishing/public/catalogue_node.html", {
        "agency": agency,
        "node": current,
        "trail": trail,
        "subcolumns": [(c, counts.get(c.pk, 0)) for c in subcolumns],
        "page": page,
        "pager": _page_pager(page),
        "updated": updated,
        "column": _column(current.title, current.description, current.title, current.get_section_display()),
    })


# ------------------------------------------------------------------------------------ interpretation


def interpretation_detail(request, pk):
    interp = get_object_or_404(Interpretation.objects.select_related("agency"), pk=pk,
                               published_at__isnull=False, published_at__lte=law_today.now())
    docs = list(public_documents().filter(interpretations=interp).order_by("-published_at", "-id"))
    if not docs:
        raise Http404("解读不存在")
    url = request.build_absolute_uri(reverse("public:interpretation", args=[interp.pk]))
    return render(request, "publishing/public/interpretation.html", {
        "interp": interp,
        "docs": docs,
        "page_url": url,
        "description": " ".join(interp.body.split())[:200],
        "column": _column("政策解读", "政策文件的解读材料（谁起草、谁解读）", "政策解读,政府信息公开", "政策解读"),
    })


# -------------------------------------------------------------------------------------------- gazette


class GazetteSearchForm(forms.Form):
    year = forms.IntegerField(label="年份", required=False, min_value=1949, max_value=2100)
    issue_no = forms.IntegerField(label="期号", required=False, min_value=1, max_value=999)
    cumulative_no = forms.IntegerField(label="总期数", required=False, min_value=1, max_value=99999)
    title = forms.CharField(label="文件标题或发文字号", required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.IntegerField):
                field.error_messages["invalid"] = "请输入数字"
                field.error_messages["min_value"] = "请输入有效的数字"
                field.error_messages["max_value"] = "请输入有效的数字"


def _visible_issues():
    return GazetteIssue.objects.filter(published_on__lte=law_today.today()).select_related("agency")


@require_GET
def gazette_list(request):
    form = GazetteSearchForm(request.GET or None)
    issues = _visible_issues().order_by("-published_on", "-year", "-issue_no")
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        if d.get("year"):
            issues = issues.filter(year=d["year"])
        if d.get("issue_no"):
            issues = issues.filter(issue_no=d["issue_no"])
        if d.get("cumulative_no"):
            issues = issues.filter(cumulative_no=d["cumulative_no"])
        title = (d.get("title") or "").strip()
        if title:
            matching = public_documents().filter(Q(title__icontains=title) | Q(doc_no__icontains=title))
            issues = issues.filter(documents__in=matching.values("pk")).distinct()
    elif form.is_bound:
        issues = issues.none()
    page = _page(request, issues)
    return render(request, "publishing/public/gazette_list.html", {
        "form": form,
        "page": page,
        "pager": _page_pager(page),
        "column": _column("政府公报", "政府公报各期目录及全文", "政府公报,公报,政府信息公开", "政府公报"),
    })


def gazette_issue(request, pk):
    issue = get_object_or_404(_visible_issues(), pk=pk)
    docs = public_documents().filter(gazette_issues=issue).order_by("id")
    return render(request, "publishing/public/gazette_issue.html", {
        "issue": issue,
        "docs": docs,
        "column": _column("政府公报", "政府公报各期目录及全文", "政府公报,公报,政府信息公开", "政府公报"),
    })


def gazette_pdf(request, pk):
    # Before its publication date an issue's PDF (private storage) opens only for those who may edit it.
    issues = GazetteIssue.objects if request.user.has_perm("publishing.change_gazetteissue") else _visible_issues()
    issue = get_object_or_404(issues, pk=pk)
    if not issue.pdf:
        raise Http404("本期暂无PDF版")
    return serving.serve(issue.pdf, filename=f"政府公报{issue.year}年第{issue.issue_no}期.pdf",
                         content_type="application/pdf", restricted=issue.published_on > law_today.today())


# -------------------------------------------------------------------------------------- consultations

STATUS_FILTERS = [("", "全部"), ("open", "征集中"), ("closed", "已结束")]


def _visible_consultations():
    return Consultation.objects.filter(published_at__isnull=False, published_at__lte=law_today.now()) \
        .select_related("agency")


def _has_feedback(c) -> bool:
    return bool(c.feedback_published_at and c.feedback_published_at <= law_today.now())


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(label="征集状态", choices=STATUS_FILTERS, required=False)


@require_GET
def consultation_list(request):
    today = law_today.today()
    form = StatusFilterForm(request.GET or None)
    items = _visible_consultations().order_by("-starts_on", "-id")
    status = form.cleaned_data.get("status") if form.is_bound and form.is_valid() else ""
    if status == "open":
        items = items.filter(starts_on__lte=today, ends_on__gte=today)
    elif status == "closed":
        items = items.filter(ends_on__lt=today)
    page = _page(request, items)
    rows = [{"c": c, "status": c.status_on(today), "has_feedback": _has_feedback(c)} for c in page]
    return render(request, "publishing/public/consultation_list.html", {
        "form": form,
        "page": page,
        "pager": _page_pager(page),
        "rows": rows,
        "column": _column("意见征集", "重大行政决策预公开及意见征集", "意见征集,重大决策预公开,征求意见稿", "意见征集"),
    })


class CommentForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["name", "contact", "body"]
        labels = {"name": "姓名", "contact": "联系方式（选填）", "body": "意见建议"}
        help_texts = {"contact": "电话或电子邮箱，仅用于必要时与您联系，不会公开", "body": "不超过2000字"}
        widgets = {"body": forms.Textarea(attrs={"rows": 8, "maxlength": 2000})}
        error_messages = {"name": {"required": "请填写姓名"}, "body": {"required": "请填写意见"}}

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError("请填写意见")
        if len(body) > 2000:
            raise forms.ValidationError("意见不超过2000字")
        return body

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("请填写姓名")
        return name


@ratelimit(key="ip", rate="5/h", method="POST", block=True)
def consultation_detail(request, pk):
    c = get_object_or_404(_visible_consultations(), pk=pk)
    today = law_today.today()
    status = c.status_on(today)
    is_open = status == "征集中"
    form = None
    http_status = 200
    if is_open:
        form = CommentForm(request.POST or None)
        if request.method == "POST":
            if form.is_valid():
                comment = form.save(commit=False)
                comment.consultation = c
                comment.status = Comment.PENDING
                comment.save()
                messages.success(request, "您的意见已提交，经审核后公开。感谢您的参与！")
                return redirect(reverse("public:consultation", args=[c.pk]) + "#comment-form")
            http_status = 400
    elif request.method == "POST":
        http_status = 403
        messages.error(request, "本次意见征集已结束，不再接收意见。" if status == "已结束" else "意见征集尚未开始。")
    comments = [(_mask_name(x.name), x) for x in c.comments.filter(status=Comment.APPROVED).order_by("submitted_at")]
    return render(request, "publishing/public/consultation.html", {
        "c": c,
        "status": status,
        "is_open": is_open,
        "form": form,
        "comments": comments,
        "has_feedback": _has_feedback(c),
        "page_url": request.build_absolute_uri(reverse("public:consultation", args=[c.pk])),
        "description": " ".join(c.body.split())[:200],
        "column": _column("意见征集", "重大行政决策预公开及意见征集", "意见征集,重大决策预公开,征求意见稿", "意见征集"),
    }, status=http_status)


# -------------------------------------------------------------------------------------------- sitemap


@require_GET
def sitemap(request):
    """/gk/sitemap.xml: every public document (sitemaps.org protocol).

    While the documents' ids stay below SITEMAP_PART it is one ``urlset``, newest first. Above that it
    is a ``sitemapindex`` of child sitemaps ``?part=N``, each with the public documents whose id is in
    [N × SITEMAP_PART, (N + 1) × SITEMAP_PART) — at most SITEMAP_PART URLs, well under the protocol's
    SITEMAP_LIMIT of 50,000, and each read by a primary-key range, so every file is quick at any size.
    """
    docs = public_documents()
    top = docs.order_by("-pk").values_list("pk", flat=True).first() or 0
    part = request.GET.get("part")
    if part is None:
        if top < SITEMAP_PART:
            return _urlset(request, docs.order_by("-published_at", "-id"))
        parts = _filled_parts(docs, top // SITEMAP_PART + 1)
        loc = request.build_absolute_uri(reverse("public:sitemap"))
        lines = ['<?xml version="1.0" encoding="UTF-8"?>',
                 '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
        lines += [f"<sitemap><loc>{escape(loc)}?part={n}</loc></sitemap>" for n in parts]
        lines.append("</sitemapindex>")
        return HttpResponse("\n".join(lines) + "\n", content_type="application/xml; charset=utf-8")
    if not part.isdigit() or int(part) > top // SITEMAP_PART:
        raise Http404("没有这一部分站点地图")
    return _urlset(request, _sitemap_part(docs, int(part)).order_by("pk"))


def _sitemap_part(docs, n: int):
    return docs.filter(pk__gte=n * SITEMAP_PART, pk__lt=(n + 1) * SITEMAP_PART)


_FROM = -918273645  # placeholder of the lower id bound in the SQL compiled once


def _filled_parts(docs, count: int) -> list[int]:
    """The parts 0 … count − 1 with at least one public document, in one statement that skips from
    part to part: the part of the first public document, then of the first one from the next part on
    (a recursive CTE, an index seek per part, the same SQL on SQLite and PostgreSQL). Through the ORM,
    one ``exists()`` per part took ~50 ms at 300k documents on SQLite, ~80 ms on PostgreSQL."""
    sql, params = docs.filter(pk__gte=_FROM).order_by("pk").values("pk")[:1].query.sql_with_params()
    params, pieces = list(params), sql.split("%s")
    if params.count(_FROM) != 1 or len(pieces) != len(params) + 1:  # (never: then the ORM way, to be safe)
        return [n for n in range(count) if _sitemap_part(docs, n).exists()]
    k = params.index(_FROM)
    rest = params[:k] + params[k + 1:]
    step = "%s".join(pieces[:k + 1]) + f"((p.n + 1) * {SITEMAP_PART})" + "%s".join(pieces[k + 1:])
    statement = (f"WITH RECURSIVE p(n) AS (SELECT ({sql}) / {SITEMAP_PART} UNION ALL "
                 f"SELECT ({step}) / {SITEMAP_PART} FROM p WHERE p.n IS NOT NULL) "
                 "SELECT n FROM p WHERE n IS NOT NULL")
    with connection.cursor() as cursor:
        cursor.execute(statement, [0 if p == _FROM and i == k else p for i, p in enumerate(params)] + rest)
        return [n for (n,) in cursor.fetchall() if n < count]


def _urlset(request, docs) -> HttpResponse:
    marker = 918273645  # the document address is built once, then filled with each id
    head, tail = (escape(x) for x in request.build_absolute_uri(
        reverse("public:doc", args=[marker])).rsplit(str(marker), 1))
    tz = timezone.get_current_timezone()
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for pk, stamp in docs.values_list("pk", Coalesce("updated_at", "published_at"))[:SITEMAP_LIMIT]:
        lastmod = f"<lastmod>{stamp.astimezone(tz).date().isoformat()}</lastmod>" if stamp else ""
        lines.append(f"<url><loc>{head}{pk}{tail}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return HttpResponse("\n".join(lines) + "\n", content_type="application/xml; charset=utf-8")


# --------------------------------------------------------------------------------- display switches

def _safe_next(request) -> str:
    """Back to the page the visitor came from: a local path only."""
    target = request.POST.get("next", "")
    if not target:
        ref = urlsplit(request.META.get("HTTP_REFERER", ""))
        if ref.netloc == request.get_host():
            target = ref.path + (f"?{ref.query}" if ref.query else "")
    ok = target.startswith("/") and not target.startswith("//") and "\\" not in target and \
        url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return target if ok else "/"


@csrf_exempt  # its only effect is a display cookie of the visitor's own browser; no token, so pages
@require_POST  # that carry the switches hold nothing per visitor and can be cached (gongkai/ops/page_cache.py)
def display_switch(request, pref):
    cookie = PREF_COOKIES.get(pref)
    if cookie is None:
        raise Http404("未知的显示设置")
    target = _safe_next(request)
    response = HttpResponseRedirect(target)
    if request.POST.get("value") == "1":
        response.set_cookie(cookie, "1", max_age=COOKIE_MAX_AGE, samesite="Lax", httponly=True,
                            secure=request.is_secure())
    else:
        response.delete_cookie(cookie, samesite="Lax")
    return response
