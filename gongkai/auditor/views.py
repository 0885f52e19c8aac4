"""年报体检: a public page to audit published annual reports (paste text or upload a file).

Nothing is stored, except a scan: it is read by OCR in a job (``ocr_job`` shows its progress, then
the result, to the session that uploaded it; anonymous OCR jobs are rate-limited separately, they are
expensive). The POST is rate-limited per IP like the other public forms. ``published`` is the
supervisor's one-click audit of the published reports of the organs they supervise, run as a job
(``AuditRun``); ``published_run`` shows its progress and result.
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render

from gongkai.agencies import access as agency_access
from gongkai.auditor import services
from gongkai.auditor.forms import AuditForm
from gongkai.auditor.models import AuditRun
from gongkai.auditor.ocrjobs import visible
from gongkai.auditor.published import can_see, latest_run
from gongkai.auditor.tasks import start_ocr_job, start_run
from gongkai.law import report_format as rf
from gongkai.law import today as law_today
from gongkai.law.reconciliation import ERROR, WARNING
from gongkai.ops.ratelimit_wait import ATTR, ratelimit
from gongkai.reportreader import format_name


def _present(result: dict) -> dict:
    findings = [
        {**f, "rule_name": services.rule_name(f["rule"])}
        for f in result.get("findings") or []
    ]
    names: list[str] = []
    for f in findings:
        if f["rule_name"] not in names:
            names.append(f["rule_name"])
    return {
        **result,
        "summary": services.summary_row(result),
        "format_name": format_name(result.get("format")),
        "format_short": format_name(result.get("format"), short=True),
        "rule_names": names,
        "aggregate_rows": services.aggregate_rows(result),
        "errors": [f for f in findings if f["severity"] == ERROR],
        "warnings": [f for f in findings if f["severity"] == WARNING],
        "infos": [f for f in findings if f["severity"] not in (ERROR, WARNING)],
        "views": services.table_views(result),
    }


MAX_REPORTS_SHOWN = 30


@ratelimit(key="ip", rate="30/h", method="POST", block=True)
def audit(request):
    results, found = None, 0
    if request.method == "POST":
        form = AuditForm(request.POST, request.FILES)
        if form.is_valid():
            inputs = []
            upload = form.cleaned_data.get("file")
            if upload:
                inputs.append((upload.name, upload.read()))
            text = form.cleaned_data.get("text") or ""
            if text.strip():
                inputs.append(("粘贴的文本", text))
            audited = services.audit_batch(inputs)
            if upload and services.needs_ocr(audited[0]):
                return _start_ocr(request, upload.name, inputs[0][1], text)
            found = len(audited)
            # A page of hundreds of reports costs seconds to render and helps nobody: the first ones
            # are shown, the rest go to the command line (audit_report) or another submission.
            results = [_present(r) for r in audited[:MAX_REPORTS_SHOWN]]
    else:
        form = AuditForm()
    return render(request, "auditor/audit.html", {"form": form, "results": results, "found": found,
                                                  "omitted": max(0, found - MAX_REPORTS_SHOWN)})


OCR_RATE = "6/h"


def _start_ocr(request, name: str, data: bytes, text: str):
    """A scan: stored privately and read by a job; the visitor goes to its progress page."""
    from django_ratelimit.core import is_ratelimited
    from django_ratelimit.exceptions import Ratelimited

    spec = {"group": "auditor.ocr", "key": "ip", "rate": OCR_RATE, "method": "POST"}
    getattr(request, ATTR, None) or setattr(request, ATTR, [])
    getattr(request, ATTR).append({**spec, "fn": None})
    if is_ratelimited(request, increment=True, **spec):
        raise Ratelimited()
    if not request.session.session_key:
        request.session.save()
    job = start_ocr_job(request.session.session_key, name, data, text if text.strip() else "")
    return redirect("auditor:ocr_job", token=job.token)


def ocr_job(request, token):
    """A scan's OCR: its progress (the page refreshes itself, no script) and, when done, its result."""
    job = visible(token, request.session.session_key)
    if job is None:
        raise Http404("未找到该识别任务（任务只对提交它的浏览器可见，结果保存 24 小时）")
    results = None
    if job.status == job.DONE and job.result is not None:
        results = [_present(r) for r in job.result[:MAX_REPORTS_SHOWN]]
    return render(request, "auditor/ocr_job.html", {"job": job, "results": results})


def _supervisor(request):
    """None for a supervisor, else the response (login page) or PermissionDenied."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not agency_access.is_supervisor(request.user):
        raise PermissionDenied("仅政务公开办可审查所监督机关的年度报告")
    return None


def _year(raw) -> int:
    default = law_today.today().year - 1
    try:
        year = int(raw or default)
    except ValueError:
        year = default
    if not rf.FIRST_YEAR[rf.FORMAT_2019] <= year <= law_today.today().year:
        year = default
    return year


@ratelimit(key="user_or_ip", rate="30/h", method="POST", block=True)
def published(request):
    """The supervisor's one click: audit every published annual report of the supervised organs.

    POST starts a run (a job; one under way for the same organs and year is reused) and shows its
    page; GET shows the latest run for the year, or the button that starts one."""
    denied = _supervisor(request)
    if denied is not None:
        return denied
    if request.method == "POST":
        run = start_run(request.user, _year(request.POST.get("year")))
        return redirect("auditor_staff:run", pk=run.pk)
    year = _year(request.GET.get("year"))
    run = latest_run(request.user, year)
    return render(request, "auditor/published.html", _run_context(run, year))


def published_run(request, pk):
    """One run: its progress (the page refreshes itself, no script) and, when done, its result."""
    denied = _supervisor(request)
    if denied is not None:
        return denied
    run = AuditRun.objects.filter(pk=pk).first()
    if run is None or not can_see(request.user, run):
        raise Http404("未找到该审查")
    return render(request, "auditor/published.html", _run_context(run, run.year))


def _run_context(run: AuditRun | None, year: int) -> dict:
    result = None
    if run is not None and run.status == AuditRun.DONE and run.result:
        stored = run.result
        result = {
            **stored,
            "rows": [{**row, "results": [_shown(r) for r in row["results"]]} for row in stored["rows"]],
            "previous": [_shown(r) for r in stored["previous"]],
        }
    return {"run": run, "year": year, "result": result}


def _shown(stored: dict) -> dict:
    """A stored result as the page shows it (the same presentation as the public tool)."""
    return {**_present(stored), **{k: stored[k] for k in ("url", "origin", "label", "rid") if k in stored}}
