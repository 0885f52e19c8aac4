"""Ask before you apply (issue 15 item 3): while an applicant describes the information wanted on
the online form, show the published documents that match it, found by the policy library's own
search (``search.index.search``), within the chosen organ and its subordinate organs.

- ``fragment`` (GET /apply/suggest/?q=…&agency=<pk>): the server-rendered list the form's script
  (static/gongkai/apply-suggest.js) puts into an ``aria-live`` region; rate limited per address,
  at least ``MIN_CHARS`` characters, the query cut to ``MAX_CHARS``; one search per request.
- ``fallback`` (POST /apply/suggest/, the 「查找已公开信息」 button without JavaScript): the form
  rendered again with what was typed (attachments excepted) and the suggestions under the description.
- ``open_document`` (GET /apply/suggest/open/<pk>/): counts that an applicant opened a suggestion,
  then redirects to the document.
- ``snapshot``: the ids the form carried back, kept if still public documents, as they were when
  the application was submitted (``Application.suggestions_shown``).

Counts go to ``applications.SuggestionTally`` per organ and day: ``shown`` once per address, organ
and day when a list with documents was shown, ``opened`` once per address, document and day. The
address is only hashed into a short-lived cache key, never stored.
"""

from __future__ import annotations

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.core import _split_rate, get_usage

from gongkai.agencies.models import Agency
from gongkai.applications import forms as app_forms
from gongkai.applications.models import SuggestionTally
from gongkai.client_address import client_ip
from gongkai.law import today as law_today
from gongkai.publishing.access import public_documents
from gongkai.search import index

MIN_CHARS = 2  # a two-character word (户籍) is already a useful query
MAX_CHARS = 100  # the start of a description carries its subject; longer text only slows the search
LIMIT = 5
MAX_SHOWN = 20  # ids carried by the form and recorded with the application
QUERY_FIELDS = ("info_doc_no", "info_title", "description")  # a 文号 first: the search puts it on top
_IDS = re.compile(r"\d{1,10}")


def _rate(group, request):
    """``GONGKAI_RATE_SUGGEST`` ("60/m" by default; "off" disables it)."""
    rate = getattr(settings, "GONGKAI_RATE_SUGGEST", "60/m")
    return None if not rate or str(rate).lower() in ("0", "off", "none") else rate


def _limited(request, group: str) -> int:
    """Count this request; the seconds until the next is allowed when over the limit, else 0."""
    rate = _rate(group, request)
    if rate is None:
        return 0
    usage = get_usage(request, group=f"gongkai.suggest.{group}", key="ip", rate=rate, increment=True)
    if not (usage and usage["should_limit"]):
        return 0
    return usage["time_left"] if usage["time_left"] > 0 else _split_rate(rate)[1]  # else an upper bound


def query_text(values) -> str:
    """The search words from the form's fields: 文号, name and description, whitespace collapsed, cut."""
    text = " ".join(str(values.get(f, "") or "").strip() for f in QUERY_FIELDS)
    return " ".join(text.split())[:MAX_CHARS]


def _agency(value) -> Agency | None:
    value = str(value or "").strip()
    return Agency.objects.filter(pk=int(value)).first() if value.isdigit() and len(value) <= 10 else None


def find(query: str, agency: Agency | None) -> list:
    """The first ``LIMIT`` public documents matching ``query`` (the library's ranking), of the organ
    and its subordinate organs when one is chosen; [] for a query shorter than ``MIN_CHARS``."""
    query = " ".join((query or "").split())[:MAX_CHARS]
    if len(query) < MIN_CHARS:
        return []
    codes = list(agency.subtree().values_list("code", flat=True)) if agency else None
    return [hit.document for hit in index.search(query, agency_codes=codes, per_page=LIMIT).hits]


def _once(kind: str, request, *parts) -> bool:
    """True the first time today this address does ``kind`` on ``parts`` (a hashed cache key)."""
    raw = "|".join([kind, client_ip(request), law_today.today().isoformat(), *map(str, parts)])
    key = "gk:suggest:" + hashlib.sha256(raw.encode()).hexdigest()[:24]
    return cache.add(key, 1, timeout=86400)


def _count(agency: Agency, field: str) -> None:
    day = law_today.today()
    with transaction.atomic():
        if not SuggestionTally.objects.filter(agency=agency, day=day).update(**{field: F(field) + 1}):
            try:
                with transaction.atomic():
                    SuggestionTally.objects.create(agency=agency, day=day, **{field: 1})
            except IntegrityError:  # created by a concurrent request in between
                SuggestionTally.objects.filter(agency=agency, day=day).update(**{field: F(field) + 1})


def _count_shown(request, agency: Agency | None, docs: list) -> None:
    organ = agency or docs[0].agency
    if _once("shown", request, organ.pk):
        _count(organ, "shown")


def _context(docs: list, agency: Agency | None) -> dict:
    return {"docs": docs, "agency": agency, "ids": ",".join(str(d.pk) for d in docs)}


@require_http_methods(["GET", "HEAD", "POST"])
def endpoint(request):
    """/apply/suggest/: the fragment (GET, the script) or the whole form again (POST, no script)."""
    return fallback(request) if request.method == "POST" else fragment(request)


def fragment(request):
    wait = _limited(request, "fragment")
    if wait:
        response = HttpResponse("", status=429, content_type="text/html; charset=utf-8")
        response["Retry-After"] = str(wait)
        return response
    agency = _agency(request.GET.get("agency"))
    docs = find(request.GET.get("q", ""), agency)
    if docs:
        _count_shown(request, agency, docs)
    response = render(request, "portal/suggest_fragment.html", _context(docs, agency))
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def merge_ids(*values: str) -> str:
    """Comma-separated ids of several lists, first seen first, at most ``MAX_SHOWN``."""
    ids = dict.fromkeys(int(m) for v in values for m in _IDS.findall(str(v or "")))
    return ",".join(str(i) for i in list(ids)[:MAX_SHOWN])


def _initial(form_class, data) -> dict:
    """What was typed, as the initial values of an unbound form (no errors shown before submitting)."""
    initial = {}
    for name, field in form_class.base_fields.items():
        if name == "website":
            continue
        if isinstance(field, app_forms.forms.BooleanField):
            initial[name] = bool(data.get(name))
        elif not isinstance(field, app_forms.forms.FileField):
            initial[name] = data.get(name, "")
    return initial


def fallback(request):
    """The 「查找已公开信息」 button without JavaScript: the form again, as typed, with suggestions."""
    wait = _limited(request, "fragment")
    if wait:
        response = render(request, "portal/rate_limited.html", {"minutes": -(-wait // 60), "exact": True}, status=429)
        response["Retry-After"] = str(wait)
        return response
    data = request.POST
    agency = _agency(data.get("agency"))
    docs = find(query_text(data), agency)
    if docs:
        _count_shown(request, agency, docs)
    initial = _initial(app_forms.PublicApplicationForm, data)
    initial["suggestions"] = merge_ids(data.get("suggestions", ""), ",".join(str(d.pk) for d in docs))
    form = app_forms.PublicApplicationForm(initial=initial)
    return render(request, "portal/apply.html", {
        "form": form, "suggest": _context(docs, agency) | {"searched": True}, "files_dropped": bool(request.FILES),
    })


@require_GET
def open_document(request, pk: int):
    """An applicant opened a suggested document: count it for the organ applied to, then go there."""
    doc = get_object_or_404(public_documents().select_related("agency"), pk=pk)
    organ = _agency(request.GET.get("agency")) or doc.agency
    if not _limited(request, "open") and _once("opened", request, organ.pk, doc.pk):
        _count(organ, "opened")
    return redirect("public:doc", doc.pk)


def snapshot(value: str) -> list[dict]:
    """The suggested documents the form carried back, still public, as they are now (at submission):
    forged or withdrawn ids are dropped, at most ``MAX_SHOWN``."""
    ids = [int(i) for i in merge_ids(value).split(",") if i]
    if not ids:
        return []
    docs = public_documents().only("pk", "title", "doc_no", "published_at").in_bulk(ids)
    out = []
    for pk in ids:
        doc = docs.get(pk)
        if doc is None:
            continue
        published = timezone.localtime(doc.published_at).date().isoformat() if doc.published_at else ""
        out.append({"id": doc.pk, "title": doc.title, "doc_no": doc.doc_no, "published_on": published})
    return out

