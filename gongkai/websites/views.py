"""The supervisor's crawl of the organs' websites (政务公开办): upload the list (or reuse the last),
start a run (a job), follow its progress, read the summary (one row per organ, with links) and
download it as CSV or XLSX."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from gongkai.law import today as law_today
from gongkai.law.reconciliation import ERROR
from gongkai.ops.ratelimit_wait import ratelimit
from gongkai.websites import access, export
from gongkai.websites.export import rule_name
from gongkai.websites.forms import CrawlForm
from gongkai.websites.models import CrawlRun
from gongkai.websites.tasks import start_run


def _supervisor(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not access.is_supervisor(request.user):
        raise PermissionDenied("仅政务公开办可抓取各机关网站的年度报告")
    return None


def _run(request, pk) -> CrawlRun:
    run = CrawlRun.objects.filter(pk=pk).first()
    if run is None or not access.can_see(request.user, run):
        raise Http404("未找到该抓取")
    return run


@ratelimit(key="user_or_ip", rate="30/h", method="POST", block=True)
def crawls(request):
    """GET: the form and the user's latest runs; POST: start a run and show its page."""
    denied = _supervisor(request)
    if denied is not None:
        return denied
    runs = access.visible_runs(request.user)
    last_sites = runs[0].sites if runs else []
    if request.method == "POST":
        form = CrawlForm(request.POST, request.FILES, last_sites=last_sites)
        if form.is_valid():
            run = start_run(request.user, form.cleaned_data["year"], form.cleaned_data["list"])
            return redirect("websites:run", pk=run.pk)
    else:
        form = CrawlForm(initial={"year": law_today.today().year - 1, "reuse": bool(last_sites)},
                         last_sites=last_sites)
    return render(request, "websites/crawls.html", {"form": form, "runs": runs, "last_count": len(last_sites)})


def run_page(request, pk):
    """One run: its progress (the page refreshes itself, no script) and, when done, one row per organ."""
    denied = _supervisor(request)
    if denied is not None:
        return denied
    run = _run(request, pk)
    rows = [_shown(r) for r in run.results.all()] if run.status == CrawlRun.DONE else []
    counts = {
        "found": sum(1 for r in rows if r["status"] == "found"),
        "not_found": sum(1 for r in rows if r["status"] == "not_found"),
        "unreachable": sum(1 for r in rows if r["status"] == "unreachable"),
        "late": sum(1 for r in rows if r["late"]),
        "with_errors": sum(1 for r in rows if r["errors"]),
    }
    return render(request, "websites/run.html", {"run": run, "rows": rows, "counts": counts})


def _shown(result) -> dict:
    findings = [{**f, "rule_name": rule_name(f["rule"]), "is_error": f["severity"] == ERROR}
                for f in result.findings or []]
    return {"r": result, "status": result.status, "late": result.late, "errors": result.errors,
            "findings": findings, "similarity_pct": None if result.similarity is None else round(result.similarity * 100)}


def export_run(request, pk, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404("不支持的格式")
    denied = _supervisor(request)
    if denied is not None:
        return denied
    run = _run(request, pk)
    if run.status != CrawlRun.DONE:
        raise Http404("抓取尚未完成")
    rows = list(run.results.all())
    name = f"websites-{run.year}-{run.pk}"
    if fmt == "xlsx":
        response = HttpResponse(export.to_xlsx(rows, run.year),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    else:
        response = HttpResponse(("\ufeff" + export.to_csv(rows)).encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
