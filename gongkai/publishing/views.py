"""Staff pages for proactive publication: list, edit, review workflow, pre-publication checks and the
inspection dashboard. Thin: services do the work, access decides who may."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Agency
from gongkai.core.decorators import staff_required
from gongkai.core.widgets import DATE_WIDGET
from gongkai.law import today as law_today
from gongkai.law import workflows

from . import access, services
from .models import CatalogueNode, DocStatus, Document, Interpretation, PublicationEvent


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = list(services.EDITABLE_FIELDS)
        widgets = {
            "signed_on": DATE_WIDGET, "formed_on": DATE_WIDGET, "effective_on": DATE_WIDGET,
            "expires_on": DATE_WIDGET, "body": forms.Textarea(attrs={"rows": 14}),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }


class PublishForm(forms.Form):
    at = forms.DateTimeField(label="发布时间（留空为立即发布；晚于现在为定时发布）", required=False,
                             widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    backdate_reason = forms.CharField(label="补录理由（发布时间早于现在时必填）", required=False)
    # Publication cannot be undone (a withdrawal leaves the record public): the server refuses without it.
    confirmed = forms.BooleanField(label=workflows.PUBLICATION.step("publish").confirm, required=True)


class ValidityForm(forms.Form):
    validity = forms.ChoiceField(label="有效性", choices=Document._meta.get_field("validity").choices)
    on = forms.DateField(label="变更日期", widget=DATE_WIDGET)
    replaced_by = forms.IntegerField(label="替代文件编号（选填）", required=False)
    note = forms.CharField(label="说明", required=False)


def _doc_or_404(request, pk) -> Document:
    doc = access.staff_documents(request.user).select_related("agency").filter(pk=pk).first()
    if doc is None:
        raise Http404("未找到该信息")
    return doc


@staff_required
def document_list(request):
    qs = access.staff_documents(request.user).select_related("agency")
    status = request.GET.get("status", "")
    if status:
        qs = qs.filter(status=status)
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(doc_no__icontains=q) | Q(index_no__icontains=q))
    page = Paginator(qs.order_by("-updated_at"), 50).get_page(request.GET.get("page"))
    return render(request, "publishing/staff/list.html", {
        "page": page, "statuses": DocStatus.choices, "status": status, "q": q,
        "can_create": bool(agency_access.publishing_agency_ids(request.user)),
    })


@staff_required
def document_edit(request, pk=None):
    doc = _doc_or_404(request, pk) if pk else None
    editable = [a.pk for a in Agency.objects.filter(pk__in=agency_access.publishing_agency_ids(request.user))
                if access.can_edit(request.user, a)]  # the 保密审查员 reads but never writes
    agencies = Agency.objects.filter(pk__in=editable).order_by("path")
    if not agencies:
        raise PermissionDenied("您无权编辑主动公开信息")
    form = DocumentForm(request.POST or None, instance=doc)
    if request.method == "POST" and form.is_valid():
        agency = doc.agency if doc else agencies.filter(pk=request.POST.get("agency")).first() or agencies.first()
        try:
            saved = services.save_draft(agency, request.user, form.cleaned_data, doc,
                                        expected_version=request.POST.get("version") if doc else None)
        except services.PublishingError as e:
            form.add_error(None, str(e))
        else:
            columns = request.POST.getlist("columns")
            saved.columns.set(CatalogueNode.objects.filter(agency=saved.agency, pk__in=columns))
            messages.success(request, "已保存草稿")
            return redirect("doc-staff", pk=saved.pk)
    columns = CatalogueNode.objects.filter(agency__in=agencies, section=CatalogueNode.STATUTORY)
    return render(request, "publishing/staff/edit.html", {
        "form": form, "doc": doc, "agencies": agencies, "columns": columns,
        "selected_columns": set(doc.columns.values_list("pk", flat=True)) if doc else set(),
    })


def _checks(doc: Document) -> dict:
    """Pre-publication checks (domain.md 6.2): personal data, sensitive words, attachments, links."""
    from gongkai.law.privacy import find_personal_data, find_sensitive_words

    from .models import DocumentAttachment

    text = "\n".join([doc.title, doc.summary, doc.body])
    words = [w for w in (getattr(doc.agency, "sensitive_words", "") or "").split() if w]
    missing = [a.original_name for a in DocumentAttachment.objects.filter(document=doc) if not a.file]
    import re

    links = re.findall(r"/gk/docs/(\d+)/", doc.body)
    broken = [n for n in links if not access.public_documents().filter(pk=int(n)).exists()]
    return {
        "personal": find_personal_data(text),
        "sensitive": find_sensitive_words(text, words) if words else [],
        "missing_attachments": missing,
        "broken_links": broken,
    }


@staff_required
def document_staff(request, pk):
    from gongkai.screening import panel

    doc = _doc_or_404(request, pk)
    events = doc.events.select_related("actor")
    return render(request, "publishing/staff/detail.html", {
        "doc": doc, "events": events, "checks": _checks(doc), "publish_form": PublishForm(),
        "validity_form": ValidityForm(initial={"validity": doc.validity, "on": law_today.today()}),
        "publish_due": services.publish_due(doc),
        "publish_due_provisional": services.publish_due_provisional(doc),
        "steps": services.available_steps(doc, request.user),  # law/workflows.PUBLICATION, as the services check
        "can_edit": access.can_edit(request.user, doc),
        "interpretations": doc.interpretations.all(),
        "leak": panel.context(doc, request.user),  # the leak guard (gongkai/screening)
    })


@staff_required
@require_POST
def document_action(request, pk, name):
    doc = _doc_or_404(request, pk)
    user = request.user
    version = {"expected_version": request.POST.get("version") or None}
    try:
        if name == "submit":
            services.submit(doc, user, **version)
        elif name == "section_approve":
            services.section_approve(doc, user, request.POST.get("note", ""), **version)
        elif name == "secrecy_approve":
            services.secrecy_approve(doc, user, request.POST.get("note", ""), **version)
        elif name == "return":
            services.return_for_changes(doc, user, request.POST.get("note", ""), **version)
        elif name == "publish":
            refused = workflows.confirmation_refusal(workflows.PUBLICATION.step("publish"), request.POST)
            if refused:
                raise services.PublishingError(refused)
            form = PublishForm(request.POST)
            if not form.is_valid():
                raise services.PublishingError("发布时间格式无效")
            at = form.cleaned_data["at"]
            services.publish(doc, user, at=at, backdate_reason=form.cleaned_data["backdate_reason"], **version)
        elif name == "withdraw":
            services.withdraw(doc, user, request.POST.get("note", ""), **version)
        elif name == "validity":
            form = ValidityForm(request.POST)
            if not form.is_valid():
                raise services.PublishingError("请填写有效性和变更日期")
            d = form.cleaned_data
            replaced = None
            if d["replaced_by"]:
                replaced = access.staff_documents(user).filter(pk=d["replaced_by"]).first()
                if replaced is None:
                    raise services.PublishingError("替代文件不存在或无权查看")
            services.change_validity(doc, user, d["validity"], on=d["on"], replaced_by=replaced, note=d["note"],
                                     **version)
        elif name == "mask":
            services.mask_personal_data(doc, user)
        elif name == "attach":
            upload = request.FILES.get("file")
            if upload is None:
                raise services.PublishingError("请选择附件文件")
            services.add_attachment(doc, user, name=upload.name, content=upload.read(),
                                    alt_text=request.POST.get("alt_text", ""))
        else:
            raise Http404()
    except services.PublishingError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, "已完成")
    return redirect("doc-staff", pk=doc.pk)


@staff_required
def attachment(request, pk, att):
    """Any attachment of a document this user may read (drafts, review, withdrawn …), from the private
    storage. Reads of attachments that are not public are logged (AttachmentAccessLog)."""
    from gongkai.files import serving

    from .models import AttachmentAccessLog, DocumentAttachment

    doc = _doc_or_404(request, pk)
    attachment = DocumentAttachment.objects.filter(pk=att, document=doc).select_related("document").first()
    if attachment is None or not access.can_read_attachment(request.user, attachment):
        raise Http404("未找到该附件")
    if not access.is_public(doc):
        AttachmentAccessLog.objects.create(attachment=attachment, user=request.user, document_status=doc.status)
    return serving.serve(attachment.file, filename=attachment.original_name, content_type=attachment.content_type,
                         as_attachment=True)


@staff_required
def dashboard(request):
    """Inspection dashboard: items overdue for publication, stale and empty columns (domain.md 7.8)."""
    from gongkai.law.inspection import InspectionRules, column_status, site_veto_summary

    today = law_today.today()
    agency_ids = agency_access.publishing_agency_ids(request.user) | {
        a.pk for a in agency_access.readable_agencies(request.user)
    }
    pending = Document.objects.filter(agency_id__in=agency_ids, formed_on__isnull=False).exclude(
        status__in=(DocStatus.PUBLISHED, DocStatus.WITHDRAWN))
    overdue = []
    for doc in pending.select_related("agency")[:500]:
        due = services.publish_due(doc)
        if due and due < today + dt.timedelta(days=5):
            overdue.append((doc, due, due < today))
    rules = InspectionRules()
    columns = (
        CatalogueNode.objects.filter(agency_id__in=agency_ids, section=CatalogueNode.STATUTORY)
        .select_related("agency")
        .annotate(
            n=Count("documents", filter=Q(documents__status=DocStatus.PUBLISHED)),
            latest=Max("documents__published_at", filter=Q(documents__status=DocStatus.PUBLISHED)),
        )
    )
    rows = []
    for col, n, latest in _with_descendants(list(columns)):
        latest = timezone.localtime(latest).date() if latest else None
        status = column_status(col.update_kind, n, latest, today, rules)
        rows.append((col, n, latest, status))
    summary = site_veto_summary([r[3] for r in rows])
    from .timeliness import dashboard as timeliness_section

    return render(request, "publishing/staff/dashboard.html", {
        "overdue": overdue, "rows": [r for r in rows if r[3] != "ok"], "summary": summary, "today": today,
        "timeliness": timeliness_section(agency_ids, today),  # issue 17: 逾期事项（按责任主体）
        "normative_without_interpretation": Document.objects.filter(
            agency_id__in=agency_ids, doc_type="行政规范性文件", interpretations__isnull=True,
            no_interpretation_reason="").exclude(status=DocStatus.WITHDRAWN).count(),
    })


def _with_descendants(columns):
    """(column, items, latest) with each column's items counted with its sub-columns': a parent whose
    descendants hold items is not empty (issue 15). An item filed in a parent and a child counts twice."""
    by_pk = {c.pk: c for c in columns}
    n = {c.pk: c.n for c in columns}
    latest = {c.pk: c.latest for c in columns}
    for col in columns:
        parent, seen = by_pk.get(col.parent_id), {col.pk}
        while parent is not None and parent.pk not in seen:  # guarded against a cycle in bad data
            seen.add(parent.pk)
            n[parent.pk] += col.n
            if col.latest and (latest[parent.pk] is None or col.latest > latest[parent.pk]):
                latest[parent.pk] = col.latest
            parent = by_pk.get(parent.parent_id)
    return [(c, n[c.pk], latest[c.pk]) for c in columns]


class InterpretationForm(forms.ModelForm):
    class Meta:
        model = Interpretation
        fields = ["title", "form", "by_leader", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}


@staff_required
def interpretation_new(request, pk):
    """谁起草、谁解读: the interpretation is created from its document's page and linked both ways."""
    doc = _doc_or_404(request, pk)
    if not access.can_edit(request.user, doc):
        raise PermissionDenied("您无权编辑该机关的信息")
    form = InterpretationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        interp = form.save(commit=False)
        interp.agency = doc.agency
        if doc.status == DocStatus.PUBLISHED:
            interp.published_at = law_today.now()
        interp.save()
        interp.documents.add(doc)
        PublicationEvent.objects.create(document=doc, kind=PublicationEvent.EDITED, actor=request.user,
                                        note=f"关联政策解读：{interp.title}")
        messages.success(request, "已关联政策解读")
        return redirect("doc-staff", pk=doc.pk)
    return render(request, "publishing/staff/interpretation.html", {"form": form, "doc": doc})


@staff_required
def standard_catalogue(request):
    """The organ's basic-level standard catalogue: view, XLSX export and import."""
    from django.http import HttpResponse

    from .catalogue import export_standard_catalogue, import_standard_catalogue
    from .models import StandardCatalogueItem

    agencies = Agency.objects.filter(pk__in=agency_access.publishing_agency_ids(request.user)).order_by("path")
    if not agencies:
        raise PermissionDenied("您无权管理公开目录")
    agency = agencies.filter(code=request.GET.get("agency") or request.POST.get("agency")).first() or agencies.first()
    if request.GET.get("export"):
        response = HttpResponse(export_standard_catalogue(agency),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = "attachment; filename*=UTF-8''standard-catalogue.xlsx"
        return response
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, "请选择 XLSX 文件")
        else:
            result = import_standard_catalogue(agency, upload.read())
            created, errors = result
            for e in errors[:50]:
                messages.error(request, e)
            for note in result.notes[:50]:  # units created, time limits not recognised (issue 17)
                messages.warning(request, note)
            messages.success(request, f"已导入 {created} 项" + (f"，{len(errors)} 行有误已跳过" if errors else ""))
        return redirect(f"{request.path}?agency={agency.code}")
    from .catalogue_views import limits_context

    return render(request, "publishing/staff/catalogue.html", {
        "agency": agency, "agencies": agencies,
        "items": StandardCatalogueItem.objects.filter(agency=agency).select_related("column", "owner"),
        "nodes": CatalogueNode.objects.filter(agency=agency).order_by("section", "position"),
        **limits_context(request.user, agency),  # issue 17: 责任主体 and 时限要求 per item
    })
