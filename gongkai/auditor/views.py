"""年报体检: a public page to audit published annual reports (paste text or upload a file).

Nothing is stored. The POST is rate-limited per IP like the other public forms. ``published`` is the
supervisor's one-click audit of the published reports of the organs they supervise.
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django_ratelimit.decorators import ratelimit

from gongkai.agencies import access as agency_access
from gongkai.auditor import services
from gongkai.auditor.forms import AuditForm
from gongkai.auditor.published import audit_published
from gongkai.law import report_format as rf
from gongkai.law import today as law_today
from gongkai.law.reconciliation import ERROR, WARNING
from gongkai.law.report_audit import format_name


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


@ratelimit(key="ip", rate="30/h", method="POST", block=True)
def audit(request):
    results = None
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
            results = [_present(r) for r in services.audit_batch(inputs)]
    else:
        form = AuditForm()
    return render(request, "auditor/audit.html", {"form": form, "results": results})


@ratelimit(key="user_or_ip", rate="30/h", method="GET", block=True)
def published(request):
    """The supervisor's one click: audit every published annual report of the supervised organs."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not agency_access.is_supervisor(request.user):
        raise PermissionDenied("仅政务公开办可审查所监督机关的年度报告")
    default = law_today.today().year - 1
    try:
        year = int(request.GET.get("year") or default)
    except ValueError:
        year = default
    if not rf.FIRST_YEAR[rf.FORMAT_2019] <= year <= law_today.today().year:
        year = default
    run = audit_published(request.user, year, present=_present)
    return render(request, "auditor/published.html", {"run": run, "year": year})
