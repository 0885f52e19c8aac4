"""The writer's progress query (as portal/progress.py for applications): 查询号 + 姓名.

A wrong pair gets the same message, status and roughly the same time whether or not the 查询号
exists; only failed lookups are counted, per client address and per 查询号 (``GONGKAI_RATE_LIMITS``
``mailbox_query_failed_ip`` 10/h, ``mailbox_query_failed_code`` 5/h), and a blocked lookup gets the
429 page with Retry-After. A successful lookup (or the writer's own submission) puts the message
into the session; ``/mailbox/query/<查询号>/`` shows it to that session only.
"""

from __future__ import annotations

import time

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gongkai.law.identifiers import TRACKING_CODE_MAX_LENGTH, normalize_tracking_code
from gongkai.ops.failed_lookups import FailedLookups
from gongkai.portal.progress import too_many

from .conversion import PREFILL_SESSION_KEY, apply_prefill
from .forms import QueryForm
from .models import Message, Reply

QUERY_FAILED = "未查询到匹配的来信，请核对查询号和姓名后重试"
SESSION_KEY = "mailbox_messages"
DEFAULT_RATES = {"mailbox_query_failed_ip": "10/h", "mailbox_query_failed_code": "5/h"}
FAILURE_SECONDS = 0.15


def _code(value: str) -> str:
    return normalize_tracking_code(value or "")[:TRACKING_CODE_MAX_LENGTH]


LOOKUPS = FailedLookups("gongkai.mailbox", per_address="mailbox_query_failed_ip",
                        per_reference="mailbox_query_failed_code", field="reference", defaults=DEFAULT_RATES)
blocked_for = LOOKUPS.blocked_for
count_failure = LOOKUPS.count_failure


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
