"""Public pages of proactive publication (domain.md 6.4, 6.5, 7): document detail and attachments,
interpretations, the sitemap and the display-preference switches, and the helpers the other public
pages share (pager, paging, column meta tags). The policy document library (政策文件库) is in
``public_library``, an organ's statutory catalogue (法定主动公开内容) in ``public_catalogue``, the
gazette and major-decision consultations in ``public_gazette``; they import from here, never back.

Every document shown here comes from ``access.public_documents()``; interpretations, gazette issues
and consultations are shown only once published, and only with their public documents.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

import segno
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from gongkai.files import serving
from gongkai.law import today as law_today
from gongkai.law.docnumber import doc_no_key

from .access import public_documents
from .context import COOKIE_MAX_AGE, PREF_COOKIES
from .models import DocumentAttachment, Interpretation, Validity

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
        "related": related_documents(doc, interpretations),
    })


RELATED_EACH = 5
SERIES_SPAN = 3  # 文号 neighbours on each side: 〔2024〕7号 → 4–6号 and 8–10号


def related_documents(doc, interpretations) -> dict:
    """相关文件 of a document page, each list a few index look-ups (never a scan): the neighbours in its
    文号 series (same 机关代字 and year, serial ± SERIES_SPAN: exact keys on the doc_no_key index), the
    other documents of its interpretations, and the newest of its 主题分类 (doc_public_subject_prefix)."""
    public = public_documents().exclude(pk=doc.pk).only("pk", "title", "doc_no", "doc_no_key", "published_at")
    series = []
    if doc.doc_no_prefix and doc.doc_no_year and doc.doc_no_serial:
        keys = [doc_no_key(f"{doc.doc_no_prefix}〔{doc.doc_no_year}〕{n}号")
                for n in range(max(1, doc.doc_no_serial - SERIES_SPAN), doc.doc_no_serial + SERIES_SPAN + 1)
                if n != doc.doc_no_serial]
        series = sorted(public.filter(doc_no_key__in=keys, agency_id=doc.agency_id),
                        key=lambda d: d.doc_no_key)[:RELATED_EACH * 2]
    shown = {d.pk for d in series}
    interp_ids = [i.pk for i in interpretations]
    interpreted = []
    if interp_ids:
        interpreted = [d for d in public.filter(interpretations__in=interp_ids).distinct()
                       .order_by("-published_at", "-id")[:RELATED_EACH + len(shown)] if d.pk not in shown]
        shown |= {d.pk for d in interpreted}
    subject = []
    if doc.subject:
        subject = [d for d in public.filter(subject=doc.subject).order_by("-published_at", "-id")
                   [:RELATED_EACH + len(shown)] if d.pk not in shown][:RELATED_EACH]
    return {"series": series, "interpreted": interpreted[:RELATED_EACH], "subject": subject}


def document_attachment(request, pk, att):
    """Attachments are in the private storage; this door opens only while the document is public, so
    withdrawing a document closes its attachments at once (X-Accel-Redirect in production)."""
    doc = get_object_or_404(public_documents(), pk=pk)
    attachment = get_object_or_404(DocumentAttachment, pk=att, document=doc)
    return serving.serve(attachment.file, filename=attachment.original_name, content_type=attachment.content_type,
                         as_attachment=True, restricted=False)


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
