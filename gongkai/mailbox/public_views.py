"""Public mailbox pages: the organs with a mailbox, an organ's mailbox (the form and its latest
published replies), all its published replies (with search), the page that shows the 查询号 once,
published replies, the yearly summary. No login. The pages without a form (the list of published
replies, a reply, the summary, the index) come from the page cache for anonymous visitors
(ops/page_cache.PAGES); the form page never does (it carries the visitor's CSRF token). The form
is rate-limited per address like the application form (``GONGKAI_RATE_LIMITS["mailbox"]``, 10 an
hour by default; 429 with Retry-After) and has the same hidden field for bots."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from gongkai.law import mailbox as rules
from gongkai.law import today as law_today
from gongkai.ops.ratelimit_wait import ratelimit
from gongkai.ops.ratelimits import limit

from . import services, statistics
from .forms import MessageForm
from .models import Mailbox, Message

SUBMITTED_KEY = "mailbox_submitted"
DEFAULT_RATE = "10/h"
PAGE_SIZE = 20
LATEST = 5  # published replies on the form page; all of them (with search) on the replies page


def _form_rate(group, request):
    rate = getattr(settings, "GONGKAI_RATE_LIMITS", {}).get("mailbox", DEFAULT_RATE)
    return None if not rate or str(rate).lower() in ("0", "off", "none") else rate


def index(request):
    boxes = Mailbox.objects.select_related("agency").order_by("agency__path")
    return render(request, "mailbox/index.html", {"boxes": boxes, "year": law_today.today().year})


def published_replies(mailbox: Mailbox):
    """The messages whose reply is published (consent given, reviewed): the only public rows."""
    return (Message.objects.filter(mailbox=mailbox, status=rules.REPLIED, consent_publish=True,
                                   reply__published=True)
            .select_related("reply").order_by("-reply__published_at", "-id"))


def _mailbox(code) -> Mailbox:
    return get_object_or_404(Mailbox.objects.select_related("agency"), agency__code=code)


@ratelimit(key="ip", rate=_form_rate, method="POST", block=True)
def organ(request, code):
    mailbox = _mailbox(code)
    form = MessageForm(request.POST or None)
    if request.method == "POST":
        if not mailbox.is_open:
            messages.error(request, f"{mailbox.name}暂停接收来信")
        elif form.is_valid():
            if form.cleaned_data.get("website"):
                return redirect("mailbox:organ", code=code)  # a bot: pretend success, save nothing
            msg = services.submit(mailbox, form.message_data())
            request.session[SUBMITTED_KEY] = msg.pk
            from .public_query import remember

            remember(request, msg)
            return redirect("mailbox:done", code=code)
        else:
            messages.error(request, "来信未提交，请按提示修改标红的项目（已填写的内容已保留）")
    latest = list(published_replies(mailbox)[:LATEST + 1])
    return render(request, "mailbox/organ.html", {"mailbox": mailbox, "agency": mailbox.agency, "form": form,
                                                  "latest": latest[:LATEST], "more": len(latest) > LATEST})


def _query(request) -> str:
    return (request.GET.get("q") or "").strip()[:50]


@limit("search", when=lambda request: bool(_query(request)))
def replies(request, code):
    """All the organ's published replies, newest first, with a search (a search is counted against
    the search rate limit per address, as the policy library's)."""
    mailbox = _mailbox(code)
    q = _query(request)
    rows = published_replies(mailbox)
    if q:
        rows = rows.filter(Q(public_subject__icontains=q) | Q(public_text__icontains=q) | Q(reply__text__icontains=q))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "mailbox/replies.html", {"mailbox": mailbox, "agency": mailbox.agency, "page": page,
                                                    "q": q})


@never_cache
def done(request, code):
    """The 查询号, shown once: the session's note is consumed by this page."""
    pk = request.session.pop(SUBMITTED_KEY, None)
    msg = Message.objects.select_related("mailbox", "agency").filter(pk=pk, agency__code=code).first() if pk else None
    if msg is None:
        raise Http404("没有刚提交的来信")
    return render(request, "mailbox/done.html", {"msg": msg})


def reply_detail(request, code, pk):
    mailbox = _mailbox(code)
    msg = published_replies(mailbox).filter(pk=pk).first()
    if msg is None:
        raise Http404("未找到该公开答复")
    return render(request, "mailbox/reply.html", {"mailbox": mailbox, "msg": msg,
                                                  "writer": rules.public_name(msg.writer_name)})


def summary(request, code):
    """The organ's yearly summary (counts only, no message)."""
    mailbox = _mailbox(code)
    year = statistics.year_param(request)
    return render(request, "mailbox/summary.html", {
        "mailbox": mailbox, "stats": statistics.for_agencies([mailbox.agency_id], year),
        "years": statistics.years(), "year": year})
