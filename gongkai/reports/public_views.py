"""Public pages of 政府信息公开年报: published reports only (``access.public_reports``)."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from gongkai.agencies.models import Agency
from gongkai.law import report_format as rf

from . import access, services
from . import render as out
from .models import Scope
from .views import download

COLUMN = {
    "name": "政府信息公开年报",
    "description": "政府信息公开工作年度报告",
    "keywords": "政府信息公开,年度报告,年报",
    "type": "政府信息公开年报",
}


def report_index(request, code):
    agency = get_object_or_404(Agency, code=code)
    reports = access.public_reports().filter(agency=agency).order_by("-year", "scope")
    updated = max((r.published_at for r in reports), default=None)
    return render(request, "reports/public/list.html", {
        "agency": agency, "reports": reports, "column": COLUMN, "updated": updated,
    })


def _published(code: str, year: int, scope: str):
    report = access.public_reports().select_related("agency").filter(
        agency__code=code, year=year, scope=scope
    ).first()
    if report is None:
        raise Http404("未找到该年度报告")
    return report


def report_page(request, code, year, scope=Scope.ORGAN):
    report = _published(code, year, scope)
    doc = services.report_doc(report)
    tables = {key: out.html_table(doc, key) for key in rf.TABLES}
    base = reverse("reports_public:detail" if scope == Scope.ORGAN else "reports_public:summary",
                   args=[code, year])
    return render(request, "reports/public/detail.html", {
        "report": report, "doc": doc, "column": COLUMN,
        "sections": [(k, t, doc.narrative.get(k, ""), tables.get(k)) for k, t in rf.SECTIONS],
        "chart_outcomes": out.svg_outcomes(doc, "p-o"), "chart_years": out.svg_years(doc, "p-y"),
        "base": base, "page_url": request.build_absolute_uri(),
    })


def report_file(request, code, year, fmt, scope=Scope.ORGAN):
    report = _published(code, year, scope)
    if fmt not in ("docx", "xlsx", "json"):
        raise Http404("不支持的格式")
    return download(services.report_doc(report), fmt, f"annual-report-{code}-{year}")


def report_chart(request, code, year, name, scope=Scope.ORGAN):
    report = _published(code, year, scope)
    doc = services.report_doc(report)
    if name == "outcomes":
        svg = out.svg_outcomes(doc)
    elif name == "years":
        svg = out.svg_years(doc)
    else:
        raise Http404("未知的图表")
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
