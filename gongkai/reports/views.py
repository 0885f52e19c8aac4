"""Staff pages of the annual report. Thin: parse input, call services, render."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Agency
from gongkai.core.decorators import staff_required
from gongkai.law import report_format as rf
from gongkai.law import today as law_today
from gongkai.law import workflows
from gongkai.law.reconciliation import Finding, cells_with_findings

from . import access, compute, entry, importers, narrative, office, services
from . import render as out
from .forms import (
    AdjustmentForm,
    FigureImportForm,
    ManualFigureForm,
    NarrativeForm,
    NewReportForm,
    PastReportForm,
    ReasonForm,
)
from .models import AnnualReport, ManualFigure, PastReport, Scope
from .past import previous_year

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
    "html": "text/html; charset=utf-8",
}


def _report_or_404(request, pk) -> AnnualReport:
    report = access.readable(request.user).select_related("agency").filter(pk=pk).first()
    if report is None:
        raise Http404("未找到该年度报告")
    return report


def _default_year() -> int:
    return law_today.today().year - 1


def download(doc, fmt: str, filename: str) -> HttpResponse:
    if fmt == "docx":
        body = office.to_docx(doc)
    elif fmt == "xlsx":
        body = office.to_xlsx(doc)
    elif fmt == "json":
        body = json.dumps(out.to_json(doc), ensure_ascii=False, indent=2).encode("utf-8")
    elif fmt == "html":
        body = out.to_html_document(doc).encode("utf-8")
    else:
        raise Http404("不支持的格式")
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    if fmt == "html":  # read by django-csp's middleware: allow the page's own inline style, nothing else
        response._csp_update = {"style-src": [out.HTML_DOCUMENT_CSS_HASH]}
    if fmt in ("docx", "xlsx"):
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}.{fmt}"
    return response


# ---------------------------------------------------------------------------------------------
# List, new, dashboard
# ---------------------------------------------------------------------------------------------


@staff_required
def report_list(request):
    reports = access.readable(request.user).select_related("agency").order_by("-year", "agency__path", "scope")
    form = NewReportForm(initial={"year": _default_year()})
    own = access.creatable_agencies(request.user, Scope.ORGAN).order_by("path")
    rollup = access.creatable_agencies(request.user, Scope.ROLLUP).order_by("path")
    form.fields["agency"].queryset = rollup if rollup.exists() else own
    first = own.first() or rollup.first()
    if first is not None:
        form.initial["agency"] = first.pk
    working = Agency.objects.filter(pk__in=agency_access.working_agency_ids(request.user))
    return render(request, "reports/list.html", {
        "reports": reports, "form": form, "can_create": own.exists() or rollup.exists(),
        "reminders": services.reminders(agencies=working) if working else [],
        "is_supervisor": agency_access.is_supervisor(request.user),
    })


@staff_required
@require_POST
def report_new(request):
    form = NewReportForm(request.POST)
    form.fields["agency"].queryset = access.creatable_agencies(request.user, request.POST.get("scope", Scope.ORGAN))
    if not form.is_valid():
        messages.error(request, "请检查填写的内容：" + "；".join(e for errs in form.errors.values() for e in errs))
        return redirect("reports:list")
    try:
        report = services.create_report(form.cleaned_data["agency"], form.cleaned_data["year"], request.user,
                                        scope=form.cleaned_data["scope"])
    except services.ReportError as e:
        messages.error(request, str(e))
        return redirect("reports:list")
    messages.success(request, f"已创建{report.title}")
    return redirect("reports:detail", pk=report.pk)


@staff_required
def dashboard(request):
    """Supervisor dashboard: every organ of the subtree, report status, lateness, failing checks."""
    if not agency_access.is_supervisor(request.user):
        raise PermissionDenied("仅政务公开办可查看")
    try:
        year = int(request.GET.get("year") or _default_year())
    except ValueError:
        year = _default_year()
    rows = services.dashboard(request.user, year)
    counts = {}
    for r in rows:
        counts[r.state] = counts.get(r.state, 0) + 1
    rollups = access.readable(request.user).filter(scope=Scope.ROLLUP, year=year).select_related("agency")
    return render(request, "reports/dashboard.html", {
        "rows": rows, "year": year, "years": list(range(law_today.today().year, rf.FIRST_YEAR[rf.FORMAT_2019] - 1, -1)),
        "counts": [(label, counts.get(state, 0)) for state, label in services.STATE_LABELS.items()],
        "late": sum(1 for r in rows if r.late), "failing": sum(1 for r in rows if r.errors),
        "rollups": rollups, "today": law_today.today(),
    })


# ---------------------------------------------------------------------------------------------
# One report
# ---------------------------------------------------------------------------------------------


def _cell_link(report):
    def link(cid: str) -> str:
        return reverse("reports:cell", args=[report.pk, cid])

    return link


@staff_required
def report_detail(request, pk):
    report = _report_or_404(request, pk)
    view = services.report_view(report)
    doc = services.report_doc(report, view)
    link = _cell_link(report)
    tables = [(key, title, out.html_table(doc, key, link=link, marks=view.marks, staff=True))
              for key, title in rf.SECTIONS if key in rf.TABLES]
    adjustments = [(out.cell_name(report.format_version, cell), adj)
                   for cell, adjs in view.adjustments.items() for adj in adjs]
    return render(request, "reports/detail.html", {
        "report": report, "view": view, "doc": doc, "tables": tables,
        "sections": [(k, t, view.narrative.get(k, "")) for k, t in rf.SECTIONS],
        "adjustments": adjustments,
        "deadline": services.deadline(report), "late": services.is_late(report),
        "can_edit": access.can_edit(request.user, report),
        "steps": services.available_steps(report, request.user),  # law/workflows.ANNUAL_REPORT
        "events": report.events.select_related("actor").order_by("-id")[:30],
        "chart_outcomes": out.svg_outcomes(doc, f"c{report.pk}-o"),
        "chart_years": out.svg_years(doc, f"c{report.pk}-y"),
        "reason_form": ReasonForm(initial={"version": report.version}),
        "manual_missing": [c for c, s in view.sources.items()
                           if s.get("kind") == compute.KIND_MANUAL and not s.get("figure_id")],
        "snapshot": report.snapshot,
        # Irreversible steps ask for a ticked confirmation (law/workflows: Step.confirm).
        "confirm": {n: workflows.ANNUAL_REPORT.step(n).confirm for n in ("approve", "publish")},
        "confirm_field": workflows.CONFIRM_FIELD,
        "warnings": [f for f in view.findings if f.severity == "warning"],
        # Why approval/publication is not offered yet (the table's guard: the year has not ended).
        "year_not_ended": workflows.YEAR_ENDED.check({"year": report.year})
        if report.status in (workflows.REVIEWED, workflows.APPROVED) else None,
    })


@staff_required
def report_edit(request, pk):
    report = _report_or_404(request, pk)
    if not access.can_edit(request.user, report):
        raise PermissionDenied("报告已批准冻结或您无权修改")
    initial = {"version": report.version, **{k: (report.narrative or {}).get(k, "") for k in narrative.NARRATIVE_SECTIONS}}
    form = NarrativeForm(request.POST or None, initial=initial)
    facts = services.overview_facts(report)
    proposal = narrative.propose_overview(facts)
    six = _proposals_sentence(report)  # 六: 人大代表建议和政协提案办理结果公开情况 (gongkai/proposals)
    if request.method == "POST" and "insert" in request.POST:
        data = request.POST.copy()
        current = data.get("overview", "").strip()
        data["overview"] = (current + "\n\n" + proposal).strip() if current else proposal
        if six and six not in data.get("other_matters", ""):
            data["other_matters"] = (data.get("other_matters", "").strip() + "\n\n" + six).strip()
        form = NarrativeForm(data)
        form.is_valid()
        messages.info(request, "已在“一、总体情况”末尾插入系统生成的数据段落，请修改文字后保存")
    elif request.method == "POST" and form.is_valid():
        try:
            built = services.save_narrative(
                report, request.user, {k: form.cleaned_data[k] for k in narrative.NARRATIVE_SECTIONS},
                expected_version=form.cleaned_data["version"],
            )
        except services.ReportError as e:
            messages.error(request, str(e))
        else:
            n = sum(1 for f in built.findings if f.rule in ("text_vs_table", "copy_paste"))
            messages.success(request, "已保存" + (f"；正文有{n}项提示，请查看核对结果" if n else ""))
            return redirect("reports:detail", pk=report.pk)
    tables = compute.load_tables(report.tables, report.format_version)
    # The proposal's {{yoy:…}} compares with last year's figures (frozen, entered or draft), as the
    # saved narrative does; without them the preview said 「较上年（无上年数据）」 (issue 15).
    previous = previous_year(report)
    preview = narrative.render(proposal, tables, report.format_version,
                               previous.tables if previous else None,
                               previous.format_version if previous else None)
    return render(request, "reports/edit.html", {
        "report": report, "form": form, "proposal": proposal, "preview": preview, "facts": facts, "six": six,
        "tokens": _token_help(report.format_version),
    })


def _proposals_sentence(report) -> str:
    """The generated sentence on 建议提案 of the report's organs and year ("" when there were none)."""
    from gongkai.proposals.reporting import counts_of_year

    counts = counts_of_year(services.member_ids(report), report.year)
    return counts.sentence() if counts.total else ""


def _token_help(fmt: str) -> list[tuple[str, str]]:
    app = "applications"
    return [
        (f"{{{{value:{app}.new.total}}}}", "本年新收申请总数"),
        (f"{{{{value:{app}.withheld.total}}}}", "（三）不予公开合计（分组求和）"),
        (f"{{{{pct:{app}.disclosed.total/{app}.processed_total.total}}}}", "予以公开占办结总数的百分比"),
        (f"{{{{yoy:{app}.new.total}}}}", "新收申请较上年的变化（增长/下降x%）"),
    ]


@staff_required
def report_members(request, pk):
    report = _report_or_404(request, pk)
    if report.scope != Scope.ROLLUP or not access.can_edit(request.user, report):
        raise PermissionDenied("您无权修改汇总范围")
    choices = list(access.rollup_member_choices(request.user, report.agency).order_by("path"))
    chosen = set(services.member_ids(report))
    if request.method == "POST":
        ids = {int(x) for x in request.POST.getlist("members") if x.isdigit()}
        try:
            services.set_members(report, request.user, [a for a in choices if a.pk in ids],
                                 expected_version=request.POST.get("version"))
        except services.ReportError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, "已更新汇总范围并重新计算")
            return redirect("reports:detail", pk=report.pk)
    return render(request, "reports/members.html", {"report": report, "choices": choices, "chosen": chosen})


@staff_required
def cell_records(request, pk, cell):
    """The records behind one cell (frozen ids once approved), with links to their pages, and the
    adjustment form for a computed cell."""
    report = _report_or_404(request, pk)
    fmt = report.format_version
    try:
        table, row, column = rf.parse_cell_id(cell)
        if not rf.schema_for(fmt).table(table).has_cell(row, column):
            raise KeyError(cell)
    except (KeyError, ValueError):
        raise Http404("未知的单元格")
    found = services.cell_records(report, cell)
    model = found.model
    records, total, basis = found.page(500), found.count(), found.basis
    view = services.report_view(report)
    source = view.sources.get(cell, {})
    adjust_form = None
    if access.can_edit(request.user, report) and not (compute.is_manual(fmt, cell) and report.scope == Scope.ORGAN):
        adjust_form = AdjustmentForm(request.POST or None, initial={"version": report.version})
        if request.method == "POST" and adjust_form.is_valid():
            try:
                services.adjust(report, request.user, cell, adjust_form.cleaned_data["value"],
                                adjust_form.cleaned_data["reason"],
                                expected_version=adjust_form.cleaned_data["version"])
            except services.ReportError as e:
                messages.error(request, str(e))
            else:
                messages.success(request, "已登记数据调整")
                return redirect("reports:detail", pk=report.pk)
    kind = {"Application": "application", "RemedyCase": "remedy", "Document": "document",
            "ManualFigure": "manual"}[model.__name__]
    return render(request, "reports/cell.html", {
        "report": report, "cell": cell, "cell_name": out.cell_name(fmt, cell),
        "value": out.show_cell(services.report_doc(report, view), cell), "source": source,
        "records": records, "total": total, "kind": kind, "basis": basis, "adjust_form": adjust_form,
        "adjustments": report.adjustments.filter(cell=cell).select_related("author"),
        "is_manual": compute.is_manual(fmt, cell),
    })


@staff_required
@require_POST
def report_action(request, pk, name):
    report = _report_or_404(request, pk)
    version = request.POST.get("version")
    reason = request.POST.get("reason", "")
    step = {"approve": "approve", "publish": "publish"}.get(name)
    refused = step and workflows.confirmation_refusal(workflows.ANNUAL_REPORT.step(step), request.POST)
    if refused:
        messages.error(request, refused)
        return redirect("reports:detail", pk=report.pk)
    try:
        if name == "recompute":
            services.recompute(report, request.user)
            messages.success(request, "已重新计算并核对")
        elif name == "review":
            services.mark_reviewed(report, request.user, note=reason, expected_version=version)
            messages.success(request, "已审核，等待批准")
        elif name == "return":
            services.return_to_draft(report, request.user, reason=reason, expected_version=version)
            messages.success(request, "已退回修改")
        elif name == "approve":
            services.approve(report, request.user, note=reason, expected_version=version)
            messages.success(request, "已批准，报告数据已冻结")
        elif name == "reopen":
            services.reopen(report, request.user, reason=reason, expected_version=version)
            messages.success(request, "已撤销批准，报告回到草稿状态")
        elif name == "publish":
            services.publish(report, request.user, expected_version=version)
            messages.success(request, "已发布到“政府信息公开年报”栏目")
        else:
            raise Http404("未知的操作")
    except services.ReportError as e:
        messages.error(request, str(e))
    return redirect("reports:detail", pk=report.pk)


@staff_required
def report_export(request, pk, fmt):
    report = _report_or_404(request, pk)
    doc = services.report_doc(report)
    return download(doc, fmt, f"annual-report-{report.agency.code}-{report.year}")


@staff_required
def report_chart(request, pk, name):
    report = _report_or_404(request, pk)
    doc = services.report_doc(report)
    svg = out.svg_outcomes(doc) if name == "outcomes" else out.svg_years(doc) if name == "years" else None
    if svg is None:
        raise Http404("未知的图表")
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


# ---------------------------------------------------------------------------------------------
# Manual figures (table 二（五）（六）（八）)
# ---------------------------------------------------------------------------------------------


@staff_required
def figures(request):
    agencies = Agency.objects.filter(pk__in=agency_access.working_agency_ids(request.user)).order_by("path")
    if not agencies:
        raise PermissionDenied("您无权录入数据")
    agency = agencies.filter(code=request.GET.get("agency") or request.POST.get("agency")).first() or agencies[0]
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or _default_year())
    except ValueError:
        year = _default_year()
    fmt = rf.format_for_year(year)
    if fmt is None:
        raise Http404("该年度不使用年度报告格式")
    cells = compute.manual_cells(fmt)
    form = ManualFigureForm(request.POST if "single" in request.POST else None)
    form.fields["cell"].choices = [(c, out.cell_name(fmt, c)) for c in cells]
    import_form = FigureImportForm(request.POST if "import" in request.POST else None,
                                   request.FILES if "import" in request.POST else None)
    if request.method == "POST":
        try:
            if "single" in request.POST and form.is_valid():
                services.record_manual_figure(agency, year, form.cleaned_data["cell"], form.cleaned_data["value"],
                                              form.cleaned_data["source_note"], request.user)
                messages.success(request, "已录入")
                return redirect(f"{reverse('reports:figures')}?agency={agency.code}&year={year}")
            if "import" in request.POST and import_form.is_valid():
                rows = importers.parse_manual_figures(
                    importers.read_rows(import_form.cleaned_data["file"].read()), fmt,
                    import_form.cleaned_data["source_note"],
                )
                created = services.record_manual_figures(agency, year, rows, request.user)
                messages.success(request, f"已导入{len(created)}项数据")
                return redirect(f"{reverse('reports:figures')}?agency={agency.code}&year={year}")
        except importers.ImportFailed as e:
            messages.error(request, "导入失败，未导入任何数据：" + "；".join(str(p) for p in e.problems[:20]))
        except services.ReportError as e:
            messages.error(request, str(e))
    history = list(ManualFigure.objects.filter(agency=agency, year=year).select_related("author").order_by("cell", "-id"))
    for f in history:
        f.cell_name = out.cell_name(fmt, f.cell)  # the reader sees the cell's name, never its key
    latest = compute.latest_manual_figures([agency.pk], year, fmt).get(agency.pk, {})
    rows = [(c, out.cell_name(fmt, c), latest.get(c)) for c in cells]
    return render(request, "reports/figures.html", {
        "agency": agency, "agencies": agencies, "year": year, "form": form, "import_form": import_form,
        "rows": rows, "history": history,
    })


# ---------------------------------------------------------------------------------------------
# Past years
# ---------------------------------------------------------------------------------------------


@staff_required
def past_reports(request):
    agencies = access.creatable_agencies(request.user, Scope.ROLLUP).order_by("path")
    form = PastReportForm(request.POST or None, request.FILES or None)
    form.fields["agency"].queryset = agencies
    if request.method == "POST" and form.is_valid():
        agency, year = form.cleaned_data["agency"], form.cleaned_data["year"]
        data = form.cleaned_data["file"].read()
        fmt = rf.format_for_year(year)
        try:
            if fmt is None:
                raise services.ReportError("2019年以前的统计表不解析，请作为文件保存")
            text_sections = None
            if data.lstrip()[:1] in (b"{", b"\xef"):
                doc = importers.parse_report_json(data)
                fmt = doc.get("format") or fmt
                if doc.get("year") not in (None, year):
                    raise services.ReportError(f"文件中的年度（{doc.get('year')}）与所选年度不一致")
                tables = doc["tables"]
                text_sections = {s.get("key"): s.get("text", "") for s in doc.get("sections") or []
                                 if isinstance(s, dict)}
            else:
                tables = importers.parse_table3(importers.read_rows(data), fmt)
            past = services.enter_past_report(agency, year, tables, request.user,
                                              source_note=form.cleaned_data["source_note"], format_version=fmt,
                                              scope=form.cleaned_data["scope"], narrative_text=text_sections)
        except importers.ImportFailed as e:
            messages.error(request, "导入失败，未导入任何数据：" + "；".join(str(p) for p in e.problems[:20]))
        except (services.ReportError, rf.UnknownFormat) as e:
            messages.error(request, str(e))
        else:
            n = sum(1 for f in past.findings if f["severity"] == "error")
            messages.success(request, f"已录入{year}年度数据" + (f"；原数据有{n}项勾稽错误，已如实记录" if n else ""))
            return redirect("reports:past-detail", pk=past.pk)
    items = PastReport.objects.filter(agency__in=access.readable_agencies_for_past(request.user)).select_related(
        "agency", "entered_by")
    return render(request, "reports/past_list.html", {"form": form, "items": items})


@staff_required
def past_enter(request):
    """Enter a past year's published table 三 by hand (the opening carry-over at go-live)."""
    agencies = access.creatable_agencies(request.user, Scope.ROLLUP).order_by("path")
    if not agencies:
        raise PermissionDenied("您无权录入往年数据")
    data = request.POST if request.method == "POST" else request.GET
    agency = agencies.filter(code=data.get("agency")).first() or agencies[0]
    try:
        year = int(data.get("year") or _default_year() - 1)
    except ValueError:
        year = _default_year() - 1
    fmt = rf.format_for_year(year)
    scope = data.get("scope") if data.get("scope") in Scope.values else Scope.ORGAN
    tables = rf.empty_tables(fmt) if fmt else {}
    problems: list[str] = []
    if request.method == "POST" and fmt:
        t = rf.schema_for(fmt).applications
        for cid in t.cell_ids():
            raw = request.POST.get(f"cell:{cid}", "")
            _tbl, row, col = rf.parse_cell_id(cid)
            tables[rf.TABLE_APPLICATIONS][row][col] = raw.strip() or None
            try:
                entry.parse_value(raw, t.column(col))
            except services.ReportError as e:
                problems.append(f"{out.cell_name(fmt, cid)}：{e}")
        if not problems:
            try:
                past = services.enter_past_report(agency, year, tables, request.user,
                                                  source_note=request.POST.get("source_note", ""),
                                                  format_version=fmt, scope=scope)
            except services.ReportError as e:
                problems.append(str(e))
            else:
                messages.success(request, f"已录入{agency.name}{year}年度数据")
                return redirect("reports:past-detail", pk=past.pk)
    doc = out.ReportDoc(agency.name, agency.code, year, fmt, tables) if fmt else None
    return render(request, "reports/past_enter.html", {
        "agencies": agencies, "agency": agency, "year": year, "scope": scope, "scopes": Scope.choices,
        "fmt": fmt, "problems": problems, "source_note": data.get("source_note", ""),
        "table": out.html_table(doc, rf.TABLE_APPLICATIONS, inputs=True) if doc else None,
    })


@staff_required
def past_detail(request, pk):
    past = get_object_or_404(
        PastReport.objects.select_related("agency", "entered_by")
        .filter(agency__in=access.readable_agencies_for_past(request.user)), pk=pk
    )
    doc = out.ReportDoc(past.agency.name, past.agency.code, past.year, past.format_version,
                        compute.load_tables(past.tables, past.format_version),
                        findings=[Finding.from_dict(f) for f in past.findings], scope=past.scope)
    marks = cells_with_findings([f for f in doc.findings if f.severity == "error"])
    tables = [(key, out.html_table(doc, key, marks=marks, staff=True)) for key in rf.TABLES]
    return render(request, "reports/past_detail.html", {"past": past, "doc": doc, "tables": tables})

