"""The writer's progress query (as portal/progress.py for applications): 查询号 + 姓名.

A wrong pair gets the same message, status and roughly the same time whether or not the 查询号
exists; only failed lookups are counted, per client address and per 查询号 (``GONGKAI_RATE_LIMITS``
``mailbox_query_failed_ip`` 10/h, ``mailbox_query_failed_code`` 5/h), and a blocked lookup gets the
429 page with Retry-After. A successful lookup (or the writer's own submission) puts the message
into the session; ``/mailbox/query/<查询号>/`` shows it to that session only.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_ratelimit.core import get_usage

from gongkai.law.identifiers import TRACKING_CODE_MAX_LENGTH, normalize_tracking_code
from gongkai.portal.progress import too_many

from .conversion import PREFILL_SESSION_KEY, apply_prefill
from .forms import QueryForm
from .models import Message, Reply

QUERY_FAILED = "未查询到匹配的来信，请核对查询号和姓名后重试"
SESSION_KEY = "mailbox_messages"
DEFAULT_RATES = {"mailbox_query_failed_ip": "10/h", "mailbox_query_failed_code": "5/h"}
FAILURE_SECONDS = 0.15


def _rate(name: str) -> str | None:
    rate = getattr(settings, "GONGKAI_RATE_LIMITS", {}).get(name, DEFAULT_RATES[name])
    return None if not rate or str(rate).lower() in ("0", "off", "none") else rate


def _code(value: str) -> str:
    return normalize_tracking_code(value or "")[:TRACKING_CODE_MAX_LENGTH]


def _code_key(group, request) -> str:
    return hashlib.sha256(_code(request.POST.get("reference", "")).encode()).hexdigest()[:16]


def _limits():
    out = []
    for group, key in (("mailbox_query_failed_ip", "ip"), ("mailbox_query_failed_code", _code_key)):
        rate = _rate(group)
        if rate:
            out.append((f"gongkai.mailbox.{group}", key, rate))
    return out


def blocked_for(request) -> int:
    wait = 0
    for group, key, rate in _limits():
        usage = get_usage(request, group=group, key=key, rate=rate, method="POST", increment=False)
        if usage and usage["count"] >= usage["limit"]:
            wait = max(wait, usage["time_left"] if usage["time_left"] > 0 else 60)
    return wait


def count_failure(request) -> None:
    for group, key, rate in _limits():
        get_usage(request, group=group, key=key, rate=rate, method="POST", increment=True)


def remember(request, msg: Message) -> None:
    seen = request.session.get(SESSION_KEY, [])
    if msg.pk not in seen:
        request.session[SESSION_KEY] = [*seen, msg.pk][-20:]


def held(request, code: str) -> Message | None:
    code, pks = _code(code), request.session.get(SESSION_KEY, [])
    if not code or not pks:
        return None
    return Message.objects.select_related("agency", "mailbox").filter(reference=code, pk__in=pks).first()


def lookup(request, form) -> Message | None:
    started = time.monotonic()
    msg = None
    if form.is_valid():
        msg = Message.objects.filter(reference=_code(form.cleaned_data["reference"]),
                                     writer_name=form.cleaned_data["writer_name"].strip()).first()
    if msg is None:
        count_failure(request)
        time.sleep(max(0.0, FAILURE_SECONDS - (time.monotonic() - started)))
    else:
        remember(request, msg)
    return msg


@never_cache
def query(request):
    prefill = _code(request.GET.get("code", ""))
    form = QueryForm(request.POST or None, initial={"reference": prefill})
    failed = False
    if request.method == "GET" and (msg := held(request, prefill)) is not None:
        return redirect("mailbox:query-message", code=msg.reference)
    if request.method == "POST":
        wait = blocked_for(request)
        if wait:
            return too_many(request, wait)
        msg = lookup(request, form)
        if msg is not None:
            return redirect("mailbox:query-message", code=msg.reference)
        failed = True
    return render(request, "mailbox/query.html", {"form": form, "failed": failed, "message": QUERY_FAILED})


def _to_lookup(code: str):
    return redirect(f"{reverse('mailbox:query')}?{urlencode({'code': _code(code)})}")


@never_cache
def message_page(request, code):
    msg = held(request, code)
    if msg is None:
        return _to_lookup(code)
    reply = Reply.objects.filter(message=msg, state=Reply.APPROVED).first()
    response = render(request, "mailbox/progress.html", {
        "msg": msg, "reply": reply, "events": msg.events.filter(public=True).order_by("at", "id")})
    add_never_cache_headers(response)
    return response


@never_cache
@require_POST
def apply_from_message(request, code):
    """The writer's one click from a converted message to the application form, text filled in."""
    msg = held(request, code)
    if msg is None:
        return _to_lookup(code)
    request.session[PREFILL_SESSION_KEY] = apply_prefill(msg)
    return redirect(f"{reverse('apply')}?{urlencode({'agency': msg.agency.code})}")
