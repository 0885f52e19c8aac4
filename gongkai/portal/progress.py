"""The applicant's progress page (申请查询, domain.md 7.4; issue 15 item 2).

- Lookup by applicant type + 姓名/名称 + 查询号 (``lookup``). A wrong combination gets the same message,
  status and roughly the same time whether or not the 查询号 exists. Only FAILED lookups are counted
  (per client address and per 查询号), so an applicant is never locked out of their own case by their
  own successful visits; a blocked lookup gets a 429 that says when to try again (Retry-After).
- A successful lookup (or the applicant's own submission, ``apply``) puts the case into the session
  (``queried_applications``); ``/query/<查询号>/`` shows it again to that session only. Any other
  session is sent to the lookup form with the 查询号 filled in, whether or not the case exists.
- While a correction (补正, Art. 30) is pending, the applicant sends it online: text and up to three
  files with the application form's upload checks, recorded through ``handling.record_correction``
  as the correction received today (one transaction; a second submit finds nothing pending).
"""

from __future__ import annotations

import math
import time

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_ratelimit.core import get_usage

from gongkai.applications import access as app_access
from gongkai.applications import handling
from gongkai.applications.actions import ActionError
from gongkai.applications.deadlines import compute_clock
from gongkai.applications.forms import sniff_upload
from gongkai.applications.intake import _save_uploads
from gongkai.applications.models import PUBLIC_KINDS, Application, Attachment, EventKind, Status
from gongkai.law import today as law_today
from gongkai.law.calendar import CalendarMissing
from gongkai.law.clock import ClockError
from gongkai.law.identifiers import TRACKING_CODE_MAX_LENGTH, normalize_tracking_code
from gongkai.letters.services import NON_PUBLIC_KINDS
from gongkai.ops.failed_lookups import FailedLookups, configured_rate

QUERY_FAILED = "未查询到匹配的申请，请核对后重试"
SESSION_KEY = "queried_applications"
# Failed lookups allowed per hour (settings.GONGKAI_RATE_LIMITS may override each).
DEFAULT_RATES = {"query_failed_ip": "10/h", "query_failed_code": "5/h", "correction": "10/h"}
FAILURE_SECONDS = 0.15  # every failed lookup takes at least this long (no timing oracle)
MAX_CORRECTION_FILES = 3
DONE_STATUSES = (Status.ANSWERED, Status.CLOSED, Status.WITHDRAWN, Status.ROUTED)


def _rate(name: str) -> str | None:
    return configured_rate(name, DEFAULT_RATES)


# -- rate limits: failures only (ops/failed_lookups) ---------------------------------------------

LOOKUPS = FailedLookups("gongkai.portal", per_address="query_failed_ip", per_reference="query_failed_code",
                        field="tracking_code", defaults=DEFAULT_RATES)
blocked_for = LOOKUPS.blocked_for
count_failure = LOOKUPS.count_failure


def too_many(request, seconds: int):
    """The 429 page: when to try again, in minutes, and the Retry-After header."""
    seconds = max(1, int(seconds))
    response = render(request, "portal/rate_limited.html",
                      {"minutes": math.ceil(seconds / 60), "exact": True, "protect": True}, status=429)
    response["Retry-After"] = str(seconds)
    return response


# -- the session's cases -----------------------------------------------------------------------


def remember(request, app: Application) -> None:
    seen = request.session.get(SESSION_KEY, [])
    if app.pk not in seen:
        request.session[SESSION_KEY] = [*seen, app.pk]


def held_case(request, code: str) -> Application | None:
    """The case with this 查询号 if this session proved it (lookup or its own submission), else None."""
    code = normalize_tracking_code(code or "")[:TRACKING_CODE_MAX_LENGTH]
    pks = request.session.get(SESSION_KEY, [])
    if not code or not pks:
        return None
    return Application.objects.select_related("agency").filter(tracking_code=code, pk__in=pks).first()


def session_cases(request) -> list[Application]:
    """The cases this session proved, newest first (the lookup page links back to them)."""
    pks = request.session.get(SESSION_KEY, [])[-10:]
    if not pks:
        return []
    return list(Application.objects.select_related("agency").filter(pk__in=pks).order_by("-submitted_at"))


def lookup(request, form) -> Application | None:
    """Check the POSTed 查询号 + applicant type + name. Counts and slows down failures only."""
    started = time.monotonic()
    app = None
    if form.is_valid():
        d = form.cleaned_data
        app = (
            Application.objects.select_related("agency")
            .filter(tracking_code=normalize_tracking_code(d["tracking_code"]), applicant_kind=d["applicant_kind"],
                    name=d["name"].strip())
            .first()
        )
    if app is None:
        count_failure(request)
        # Same message, status and roughly the same time whether or not the code exists.
        time.sleep(max(0.0, FAILURE_SECONDS - (time.monotonic() - started)))
    else:
        remember(request, app)
    return app


def prefill_code(request) -> str:
    """``GET /query/?code=…`` (the link in every message to the applicant): the 查询号 to fill in."""
    return normalize_tracking_code(request.GET.get("code", ""))[:TRACKING_CODE_MAX_LENGTH]


# -- what the page shows -----------------------------------------------------------------------

STEP_LABELS = ("提交", "收到", "办理", "答复")


def step_indicator(app: Application) -> list[dict]:
    """提交 → 收到 → 办理 → 答复, each with its state in words (已完成/进行中/未开始) and its date; a
    withdrawn or routed case ends at the last step with what happened."""
    ended = app.status in (Status.WITHDRAWN, Status.ROUTED)
    if app.status == Status.PENDING:
        current = 1  # submitted, waiting for the organ to confirm receipt (Art. 31)
    elif app.status in (Status.ANSWERED, Status.CLOSED):
        current = len(STEP_LABELS)  # every step done
    else:
        current = 3 if ended else 2
    dates = (app.submitted_on, app.received_on, None, app.concluded_on)
    notes = {
        Status.PENDING: ("", "等待机关确认收到", "", ""),
        Status.AWAITING_CORRECTION: ("", "", "等待申请人补正", ""),
        Status.PAUSED: ("", "", "暂停计时（征求意见或待缴费）", ""),
        Status.DECIDED: ("", "", "已作出决定，待出具答复", ""),
        Status.WITHDRAWN: ("", "", "", "申请已撤回，办理结束"),
        Status.ROUTED: ("", "", "", "已转至其他机关办理"),
    }.get(app.status, ("", "", "", ""))
    steps = []
    for i, label in enumerate(STEP_LABELS):
        if i < current and ended and i in (1, 2) and app.received_on is None:
            state, word = "skipped", "未进行"
        elif i < current:
            state, word = "done", "已完成"
        elif i == current:
            state, word = "current", "已结束" if ended else "进行中"
        else:
            state, word = "todo", "未开始"
        steps.append({"label": label, "state": state, "word": word, "note": notes[i],
                      "date": dates[i] if state == "done" or (ended and i == 3) else None})
    return steps


def pending_correction(app: Application) -> dict | None:
    """What the organ asked for and by when, while a correction is pending; else None."""
    if app.status != Status.AWAITING_CORRECTION:
        return None
    ev = app.events.filter(kind=EventKind.CORRECTION_REQUESTED).order_by("-id").first()
    if ev is None:
        return None
    try:
        clock = compute_clock(app)
        due = clock.correction_due if clock else None
    except (CalendarMissing, ClockError):  # the period is then said in words
        due = None
    period = ev.data.get("period_days") or settings.GONGKAI["CORRECTION_PERIOD_DAYS"]
    return {"items": ev.data.get("items", ""), "requested_on": ev.occurred_on, "due": due,
            "period_words": f"自收到补正通知之日起{period}个工作日内"}


def page_context(app: Application) -> dict:
    return {
        "app": app,
        "steps": step_indicator(app),
        "timeline": [
            e for e in app.events.filter(kind__in=PUBLIC_KINDS).order_by("occurred_on", "id")
            if not (e.kind == EventKind.LETTER_ISSUED and e.data.get("kind") in NON_PUBLIC_KINDS)
        ],
        "letters": app.letters.filter(public=True).order_by("issued_on", "id"),
        "done": app.status in DONE_STATUSES,
        "correction": pending_correction(app),
    }


def render_case(request, app: Application, *, correction_form=None, status=200):
    ctx = page_context(app)
    if ctx["correction"] is not None:
        ctx["correction_form"] = correction_form or CorrectionForm()
    response = render(request, "portal/progress.html", ctx, status=status)
    add_never_cache_headers(response)  # personal: never kept by a browser or proxy cache
    return response


# -- the correction sent online ----------------------------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Django's documented pattern for <input type=file multiple>."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".jpg,.jpeg,.png,.pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class CorrectionForm(forms.Form):
    text = forms.CharField(label="补正内容", widget=forms.Textarea(attrs={"rows": 6}), max_length=5000, required=False,
                           help_text="请针对补正告知书所列事项逐项说明，例如更明确的信息名称、文号、形成时间等。")
    files = MultipleFileField(label=f"补正材料文件（JPG、PNG 或 PDF，最多{MAX_CORRECTION_FILES}个）", required=False,
                              help_text="可一次选择多个文件；文字和文件至少提交一项。")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("text", "files"):  # the ids of field.html's help and error elements
            self.fields[name].widget.attrs["aria-describedby"] = f"id_{name}_help"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs.update({"aria-invalid": "true", "aria-describedby": f"id_{name}_help id_{name}_error"})

    def clean(self):
        data = super().clean()
        if not (data.get("text") or "").strip() and not data.get("files") and not self.has_error("files"):
            self.add_error("text", "请填写补正内容或上传补正材料文件")
        return data

    def clean_files(self):
        files = self.cleaned_data.get("files") or []
        if len(files) > MAX_CORRECTION_FILES:
            raise forms.ValidationError(f"最多上传{MAX_CORRECTION_FILES}个文件，本次选择了{len(files)}个")
        uploads = []
        for f in files:
            up = sniff_upload(f, f"“{(f.name or '').rsplit('/', 1)[-1][:60]}”")
            up.kind = Attachment.CORRECTION
            uploads.append(up)
        return uploads


def correction_note(text: str, uploads) -> str:
    names = "、".join(u.name for u in uploads) or "无"
    return f"申请人在线提交补正：\n{text.strip()}\n附件：{names}"


def send_correction(app: Application, text: str, uploads) -> Application:
    """Record the applicant's correction as received today, with its files, in one transaction."""
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=app.pk)
        if locked.status != Status.AWAITING_CORRECTION:
            raise ActionError("该申请目前没有待补正事项，无需再提交补正材料")
        app = handling.record_correction(locked, app_access.OnlineApplicant(locked.pk), law_today.today(),
                                         note=correction_note(text, uploads))
        _save_uploads(app, uploads)
    return app


# -- views -------------------------------------------------------------------------------------


def _to_lookup(code: str):
    """The lookup form with the 查询号 filled in: the same answer whether or not the case exists."""
    return redirect(f"{reverse('query')}?{urlencode({'code': normalize_tracking_code(code)[:TRACKING_CODE_MAX_LENGTH]})}")


@never_cache
def case_page(request, code):
    """``/query/<查询号>/``: the case this session proved; anyone else goes to the lookup form."""
    app = held_case(request, code)
    if app is None:
        return _to_lookup(code)
    return render_case(request, app)


@never_cache
@require_POST
def correction(request, code):
    app = held_case(request, code)
    if app is None:
        return _to_lookup(code)
    rate = _rate("correction")
    if rate:
        usage = get_usage(request, group="gongkai.portal.correction", key="ip", rate=rate, method="POST",
                          increment=True)
        if usage and usage["should_limit"]:
            return too_many(request, usage["time_left"] if usage["time_left"] > 0 else 60)
    if app.status != Status.AWAITING_CORRECTION:
        messages.info(request, "该申请目前没有待补正事项；如已提交补正材料，请等待机关办理。")
        return redirect("query-case", code=app.tracking_code)
    form = CorrectionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            send_correction(app, form.cleaned_data["text"], form.cleaned_data["files"])
        except ActionError as e:
            messages.error(request, str(e))
            return redirect("query-case", code=app.tracking_code)
        messages.success(request, f"补正材料已提交，收到日期为{law_today.today():%Y-%m-%d}。机关将继续办理，答复期限以本页所示为准。")
        return redirect("query-case", code=app.tracking_code)
    messages.error(request, "补正材料未提交，请按提示修改（已填写的文字已保留，文件需重新选择）")
    return render_case(request, app, correction_form=form)


def query(request, form):
    """The lookup of portal/views.query: (the response, or None to show the form; whether it failed)."""
    if request.method != "POST":
        return None, False
    wait = blocked_for(request)
    if wait:
        return too_many(request, wait), True
    app = lookup(request, form)
    if app is not None:
        return render_case(request, app), False
    return None, True
