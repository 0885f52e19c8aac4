"""年报体检: a public page to audit published annual reports (paste text or upload a file).

Nothing is stored. The POST is rate-limited per IP like the other public forms.
"""

from django.shortcuts import render
from django_ratelimit.decorators import ratelimit

from gongkai.auditor import services
from gongkai.auditor.forms import AuditForm
from gongkai.law.reconciliation import ERROR, WARNING


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
