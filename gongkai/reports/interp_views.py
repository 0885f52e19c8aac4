"""Pages of the 年报解读 (issue 17 item 1). Thin: parse input, call interpretations.py, render.

Staff: /staff/reports/interpretations/new/ (generate), /staff/reports/interpretations/<pk>/ (preview,
flags, edit, publish), …/<pk>/interpretation.png|docx. Public (the 年报 column):
/gk/reports/<code>/<year>/interpretation/ and its .png / .docx."""

from __future__ import annotations

from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from gongkai.core.decorators import staff_required
from gongkai.law import workflows

from . import access, interp_outputs, interpretations
from .errors import ReportError
from .interp_charts import charts
from .interp_render import body_html
from .interp_text import expected
from .models import AnnualReport, PastReport, Scope
from .public_views import COLUMN

CONTENT_TYPES = {"png": "image/png",
                 "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
FILE_CACHE_SECONDS = 24 * 3600


def _file(ri, fmt: str, filename: str) -> HttpResponse:
    """The PNG or DOCX, kept in the cache per version (drawing the long image takes a moment)."""
    if fmt not in CONTENT_TYPES:
        raise Http404("不支持的格式")
    key = f"report-interp:{ri.pk}:{ri.version}:{fmt}"
    body = cache.get(key)
    if body is None:
        try:
            body = interp_outputs.to_png(ri) if fmt == "png" else interp_outputs.to_docx(ri)
        except ReportError as e:
            raise Http404(str(e)) from None
        cache.set(key, body, FILE_CACHE_SECONDS)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "png" else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{filename}.{fmt}"
    return response


# ---------------------------------------------------------------------------------------------
# Staff
# ---------------------------------------------------------------------------------------------


def _readable_or_404(request, pk):
    ri = access.readable_interpretations(request.user).select_related("agency", "report", "past").filter(pk=pk).first()
    if ri is None:
        raise Http404("未找到该解读")
    return ri


@staff_required
@require_POST
def interpretation_new(request):
    report = past = None
    if request.POST.get("report"):
        report = get_object_or_404(access.readable(request.user), pk=request.POST["report"])
    elif request.POST.get("past"):
        past = get_object_or_404(PastReport.objects.filter(
            agency__in=access.readable_agencies_for_past(request.user)), pk=request.POST["past"])
    try:
        ri = interpretations.generate(request.user, report=report, past=past)
    except ReportError as e:
        messages.error(request, str(e))
        return redirect("reports:detail", pk=report.pk) if report else redirect("reports:past")
    messages.success(request, "已根据冻结数据生成解读，请核对文字后发布")
    return redirect("reports:interpretation", pk=ri.pk)


def _act(request, ri) -> None:
    action = request.POST.get("action")
    version = request.POST.get("version")
    if action == "save":
        texts = {s["key"]: request.POST.get(f"text-{s['key']}", s["text"]) for s in ri.sections}
        found = interpretations.save_text(ri, request.user, texts, expected_version=version)
        if found:
            messages.warning(request, f"已保存。有 {len(found)} 处数据与冻结数据不符，修正后才能发布")
        else:
            messages.success(request, "已保存，数据与冻结数据一致")
    elif action == "regenerate":
        interpretations.generate(request.user, report=ri.report, past=ri.past, regenerate=True)
        messages.success(request, "已按冻结数据重新生成解读（此前的修改已被替换）")
    elif action == "publish":
        if request.POST.get(workflows.CONFIRM_FIELD) != "1":
            raise ReportError("请勾选确认后再发布")
        interpretations.publish(ri, request.user, expected_version=version)
        messages.success(request, "解读已发布到“政府信息公开年报”栏目")
    else:
        raise ReportError("未知的操作")


@staff_required
def interpretation_detail(request, pk):
    ri = _readable_or_404(request, pk)
    if request.method == "POST":
        try:
            _act(request, ri)
        except ReportError as e:
            messages.error(request, str(e))
        return redirect("reports:interpretation", pk=ri.pk)
    source = interpretations.source_of(ri)
    found = interpretations.flags(ri)
    wrong = {f.label for f in found if f.label}
    values = expected(source, ri.figures) if source else {}
    chips = [{"label": label, "value": values.get(label) or "—", "unit": f.get("unit", ""), "expr": f["expr"]}
             for label, f in ri.figures.items()]
    return render(request, "reports/interpretation.html", {
        "ri": ri, "flags": found, "chips": chips,
        "preview": body_html(source, ri.sections, ri.figures, prefix="sp", wrong=wrong, heading_level=3)
        if source else "",
        "can_edit": access.can_edit_interpretation(request.user, ri.agency) and not ri.is_published,
        "can_publish": access.can_publish_interpretation(request.user, ri.agency) and not ri.is_published,
        "report_published": ri.past_id is not None or (ri.report and ri.report.status == "published"),
        "confirm_field": workflows.CONFIRM_FIELD, "public_url": _public_url(ri),
    })


@staff_required
def interpretation_file(request, pk, fmt):
    ri = _readable_or_404(request, pk)
    return _file(ri, fmt, f"interpretation-{ri.agency.code}-{ri.year}")


def _public_url(ri) -> str:
    name = "reports_public:summary-interpretation" if ri.scope == Scope.ROLLUP else "reports_public:interpretation"
    return reverse(name, args=[ri.agency.code, ri.year])


# ---------------------------------------------------------------------------------------------
# Public
# ---------------------------------------------------------------------------------------------


def _public_or_404(code, year, scope):
    ri = interpretations.public_one(code, year, scope)
    if ri is None:
        raise Http404("未找到该年报解读")
    return ri


def _report_link(ri) -> tuple[str, str] | None:
    """(url, title) of the report the 解读 tells: the platform's page, else its document."""
    if ri.report_id and ri.report.status == "published":
        name = "reports_public:summary" if ri.scope == Scope.ROLLUP else "reports_public:detail"
        return reverse(name, args=[ri.agency.code, ri.year]), ri.report.title
    if ri.document_id and ri.document.status == "published":
        return reverse("public:doc", args=[ri.document_id]), ri.document.title
    return None


def public_page(request, code, year, scope=Scope.ORGAN):
    ri = _public_or_404(code, year, scope)
    source = interpretations.source_of(ri)
    if source is None:
        raise Http404("未找到该年报解读")
    base = _public_url(ri)
    return render(request, "reports/public/interpretation.html", {
        "ri": ri, "agency": ri.agency, "column": COLUMN,
        "body": body_html(source, ri.sections, ri.figures, prefix="pi"),
        "report_link": _report_link(ri), "base": base, "page_url": request.build_absolute_uri(),
        "chart_count": len(charts(source)),
        "description": f"{ri.agency.name}{ri.year}年政府信息公开工作年度报告的图解：关键数据、同比变化和图表",
    })


def public_file(request, code, year, fmt, scope=Scope.ORGAN):
    ri = _public_or_404(code, year, scope)
    return _file(ri, fmt, f"interpretation-{code}-{year}")


def published_for(report: AnnualReport):
    """The published 解读 of a report (for its pages), or None."""
    return interpretations.public_interpretations().filter(
        agency_id=report.agency_id, year=report.year, scope=report.scope).first()
