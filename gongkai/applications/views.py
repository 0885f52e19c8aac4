"""Staff workbench (工作台). Thin views: parse input, call services, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.forms import BooleanField
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_POST

from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Agency
from gongkai.core.decorators import staff_required
from gongkai.core.errors import GongkaiError
from gongkai.law import clock as lawclock
from gongkai.law import outcomes, workflows
from gongkai.law import today as law_today
from gongkai.law.calendar import CalendarMissing

from . import access, forms, queries, services, sorting
from .handling import awaiting_service, record_service, served_notices
from .models import (
    ApplicantKind,
    Application,
    Channel,
    OrgType,
    Status,
)


def _filter_context(request):
    agencies = agency_access.readable_agencies(request.user).order_by("path")
    return {
        "statuses": Status.choices,
        "outcome_choices": [(o.code, o.short_label) for o in outcomes.LEAVES],
        "channels": Channel.choices,
        "applicant_types": [(ApplicantKind.NATURAL_PERSON, "自然人")] + list(OrgType.choices),
        "agencies": agencies,
        "params": {k: request.GET.get(k, "") for k in queries.FILTER_KEYS} | _defaults(request),
    }


def _defaults(request) -> dict:
    """The workbench's own defaults (my open cases), shown as the chosen tab and filters."""
    return {k: request.GET.get(k) or v for k, v in (("scope", "mine"), ("status", "open"))}


@staff_required
def workbench(request):
    params = request.GET.copy()
    params.setdefault("scope", "mine")
    params.setdefault("status", "open")
    qs, marks = queries.filtered(request.user, params)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    # The 所需信息 column is the applicant's own text (unmasked for the handling organ): one AccessLog
    # row a page shown, as for the export and the API.
    read = access.BulkRead(request.user, "申请列表", request.GET.urlencode())
    rows = [(app, _row(request.user, app, marks, read)) for app in page.object_list]
    read.save()
    ctx = _filter_context(request)
    ctx["params"].update({"scope": params["scope"], "status": params["status"]})
    query = params.copy()
    query.pop("page", None)
    ctx.update(
        page=page, rows=rows, marks=marks, querystring=query.urlencode(), headers=sorting.headers(params),
        recomputed=queries.recently_recomputed(request.user, marks.today),
        can_register=bool(agency_access.working_agency_ids(request.user)),
    )
    return render(request, "applications/workbench.html", ctx)


def _row(user, app, marks, read) -> dict:
    row = marks.row(app)
    read.add(app)
    row["summary"] = access.summary(user, app)  # masked outside the handling organ
    return row


@staff_required
def export_xlsx(request):
    """The filtered list as XLSX, through the same access door as the list; one AccessLog row."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from gongkai.files.spreadsheet import xlsx_bytes

    qs, marks = queries.filtered(request.user, request.GET)
    read = access.BulkRead(request.user, "导出申请列表XLSX", request.GET.urlencode())
    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = "申请列表"
    headers = ["登记编号", "受理机关", "申请方式", "申请人类型", "申请人", "所需信息", "提交日期", "收到日期",
               "办理状态", "答复期限", "期限是否暂定", "期限标记", "办理结果", "办结日期", "经办人"]
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for app in qs.iterator(chunk_size=1000):
        row = marks.row(app)
        flag = "逾期" if row["overdue"] else "即将逾期" if row["due_soon"] else "收件确认超时" if row["confirm_late"] else ""
        full = read.add(app)
        name = app.name if full else access.masked_value("name", app.name, app)
        info = (app.info_title or app.description) if full else access.summary(request.user, app)
        ws.append([
            app.reference, app.agency.name, app.get_channel_display(), app.report_column_label, name,
            info if app.info_title else info[:60], app.submitted_on, app.received_on, app.get_status_display(),
            app.due_on or app.clock_problem,
            f"暂定（按法定节假日推算，待录入{'、'.join(f'{y}年' for y in app.provisional_years)}节假日安排后重算）"
            if app.due_provisional else "", flag, app.outcome_obj.short_label if app.outcome else "",
            app.concluded_on, app.assigned_to.get_full_name() if app.assigned_to else "",
        ])
    for col, width in zip("ABCDEFGHIJKLMNO", (12, 20, 8, 12, 12, 40, 12, 12, 12, 12, 24, 10, 16, 12, 10), strict=True):
        ws.column_dimensions[col].width = width
    body = xlsx_bytes(wb)
    read.save()
    response = HttpResponse(body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = "attachment; filename*=UTF-8''applications.xlsx"
    return response


def _readable_or_404(request, pk) -> Application:
    app = access.readable(request.user).select_related("agency", "assigned_to").filter(pk=pk).first()
    if app is None:
        raise Http404("未找到该申请")
    return app


# The form of each step of law/workflows.APPLICATION; which steps a user sees, and their labels,
# come from the table (services.WORKFLOW), the same one the services check.
FORMS = {
    "confirm": forms.ConfirmReceiptForm,
    "assign": forms.AssignForm,
    "route": forms.RouteForm,
    "transfer": forms.TransferForm,
    "correction": forms.CorrectionForm,
    "record_correction": forms.RecordCorrectionForm,
    "consult": forms.ConsultForm,
    "consultation_reply": forms.ConsultationReplyForm,
    "extend": forms.ExtendForm,
    "defer": forms.DeferForm,
    "explanation": forms.ExplanationForm,
    "fee": forms.FeeForm,
    "payment": forms.PaymentForm,
    "record_service": forms.ServiceForm,
    "decide": forms.DecideForm,
    "issue": forms.DatedActionForm,
    "delivery": forms.DeliveryForm,
    "close_lapsed": forms.DatedActionForm,
    "withdraw": forms.WithdrawForm,
    "supplementary": forms.SupplementaryForm,
    "note": forms.NoteForm,
}


def _label(name: str) -> str:
    return services.WORKFLOW.step(name).label


def _build_form(name, app, user, data=None):
    form_class = FORMS[name]
    initial = {"version": app.version, "on": law_today.today()}
    form = form_class(data, initial=initial, prefix=name)
    if name == "assign":
        users = get_user_model().objects.filter(
            memberships__agency=app.agency, memberships__role__in=agency_access.STAFF_ROLES
        ).distinct().order_by("username")
        form.fields["user"].choices = [(u.pk, u.get_full_name() or u.username) for u in users]
    if name == "consultation_reply":
        form.fields["consultation_id"].choices = [
            (e.id, f"{e.occurred_on} {e.data.get('party', '')}") for e in services.open_consultations(app)
        ]
    if name == "record_service":
        form.fields["letter_id"].choices = [
            (x.pk, f"{x.number} {x.get_kind_display()}（{x.issued_on}发出）") for x in awaiting_service(app)
        ] + [(x.pk, f"{x.number} {x.get_kind_display()}（已登记{x.delivered_on}送达，更正）") for x in served_notices(app)]
    if name in ("route", "transfer"):
        form.fields["to_agency"].queryset = Agency.objects.exclude(pk=app.agency_id).order_by("path")
    if services.WORKFLOW.step(name).confirm:  # irreversible (签发, 终止, 撤回): the user ticks the sentence
        form.fields[workflows.CONFIRM_FIELD] = BooleanField(label=services.WORKFLOW.step(name).confirm)
    return form


class _Preview(Exception):
    """Raised to roll back the signing that produced the preview."""


def signing_preview(app, user) -> tuple[str, str]:
    """The letter exactly as 签发 would issue it today, before signing: the same service, template and
    number, rendered by the issued letter's own template, then rolled back (nothing is saved, no number
    is used). (html, "") or ("", why it cannot be issued)."""
    try:
        with transaction.atomic():
            letter = services.issue_answer(app, user, law_today.today(), expected_version=app.version)
            html = render_to_string("letters/letter.html", {"letter": letter})
            raise _Preview
    except _Preview:
        return html, ""
    except GongkaiError as e:  # refused (ActionError), stale or not allowed: say why instead of a preview
        return "", str(e)


def allowed_actions(app, user) -> list[str]:
    """The steps the table opens to this user in the case's state (the services accept exactly these)."""
    return services.WORKFLOW.available(app.status, access.roles(user, app)) if user is not None else []


@staff_required
def case_detail(request, pk):
    app = _readable_or_404(request, pk)
    handling = access.sees_personal_data(request.user, app)
    if handling:
        access.log_read(request.user, app, "查看案件")
    clock = error = None
    if app.received_on and app.is_open:
        try:
            clock = services.compute_clock(app)
        except (CalendarMissing, lawclock.ClockError) as e:
            error = str(e)
    events = list(app.events.select_related("actor").order_by("occurred_on", "id"))
    if not handling:
        for e in events:  # display only; timeline events are never saved again
            e.note = access.mask_free_text(e.note, app)
    action_forms = [(n, _label(n), _build_form(n, app, request.user)) for n in allowed_actions(app, request.user)]
    signing = any(n == "issue" for n, _, _ in action_forms)
    preview, preview_error = signing_preview(app, request.user) if signing else ("", "")
    return render(request, "applications/case.html", {
        "app": app,
        "applicant": access.applicant_view(request.user, app),
        "texts": access.text_view(request.user, app),
        "handling": handling,
        "clock": clock,
        "clock_error": error,
        "events": events,
        "letters": app.letters.order_by("issued_on", "id"),
        "attachments": app.attachments.all() if handling else [],
        "action_forms": action_forms,
        "marks": queries.Marks.now().row(app),
        "remedies": app.remedy_cases.all(),
        "outcome": app.outcome_obj,
        "signing_preview": preview,  # the letter as 签发 will issue it (the issue form shows it)
        "signing_preview_error": preview_error,
    })


def _action_refused(request, app, name):
    """The redirect refusing a step the user may not take now, or whose irreversible-step sentence
    was not ticked; None when the step may go on. Raises PermissionDenied for a non-handler."""
    if name not in allowed_actions(app, request.user):
        if not access.can_handle(request.user, app):
            raise PermissionDenied("您无权办理该申请")
        messages.error(request, services.WORKFLOW.refusal(name, app.status, access.roles(request.user, app)))
        return redirect("case", pk=app.pk)
    refused = workflows.confirmation_refusal(  # irreversible steps: refused unless the sentence was ticked
        services.WORKFLOW.step(name), {workflows.CONFIRM_FIELD: request.POST.get(f"{name}-{workflows.CONFIRM_FIELD}")})
    if refused:
        messages.error(request, refused)
        return redirect("case", pk=app.pk)
    return None


def _perform_action(request, app, name, d):
    """Run step ``name`` with its form's cleaned data ``d`` through the service layer. Returns the
    redirect for steps that end elsewhere or say more than "已完成", else None. Raises ActionError."""
    kw = {"expected_version": d["version"]}
    user = request.user
    pk = app.pk
    if name == "confirm":
        done = services.confirm_receipt(app, user, d["on"], note=d["note"], pieces=d["pieces"],
                                        arrived_on=d.get("arrived_on"), **kw)
        if done.late_confirmation:  # non-blocking (legal-review.md B7): the case page keeps the mark
            messages.warning(request, "收件确认日期晚于规定，已作永久标记；请按“法院可能认定的期限”答复")
    elif name == "assign":
        services.assign(app, user, get_user_model().objects.get(pk=d["user"]), **kw)
    elif name == "route":
        services.route(app, user, d["to_agency"], reason=d["reason"], **kw)
        messages.success(request, f"已转至{d['to_agency'].name}")
        return redirect("workbench")
    elif name == "transfer":
        fwd = services.transfer(app, user, d["on"], to_agency=d["to_agency"], reasons=d["reasons"],
                                consent=d["consent"], **kw)
        if fwd is None:
            messages.success(request, f"已决定告知申请人向{d['to_agency'].name}提出申请（未经申请人同意，不转送），请签发告知书")
        else:
            messages.success(request, f"经申请人同意已转送{d['to_agency'].name}（对方登记编号 {fwd.reference}），请签发告知书")
        return redirect("case", pk=pk)
    elif name == "correction":
        services.request_correction(app, user, d["on"], items=d["items"], period_days=d["period_days"],
                                    served_on=d["served_on"], **kw)
    elif name == "record_correction":
        services.record_correction(app, user, d["on"], note=d["note"], **kw)
    elif name == "consult":
        services.consult(app, user, d["on"], party=d["party"], kind=d["kind"], matters=d["matters"],
                         served_on=d["served_on"], **kw)
    elif name == "consultation_reply":
        services.record_consultation_reply(app, user, d["on"], consultation_id=int(d["consultation_id"]),
                                           opinion=d["opinion"], note=d["note"], **kw)
    elif name == "extend":
        services.extend(app, user, d["on"], days=d["days"], reason=d["reason"], **kw)
    elif name == "defer":
        services.defer(app, user, d["on"], due=d["due"], reason=d["reason"], explanation=d["explanation"], **kw)
    elif name == "explanation":
        services.request_explanation(app, user, d["on"], reason=d["reason"], reply_by=d["reply_by"], **kw)
    elif name == "fee":
        services.issue_fee_notice(app, user, d["on"], scale=d["scale"], units=d["units"], reason=d["reason"],
                                  payment_method=d["payment_method"], payment_reference=d["payment_reference"],
                                  served_on=d["served_on"], **kw)
    elif name == "record_service":
        record_service(app, user, d["on"], letter_id=int(d["letter_id"]), method=d["method"],
                       reason=d["reason"], **kw)
    elif name == "payment":
        services.record_payment(app, user, d["on"], note=d["note"], **kw)
    elif name == "decide":
        details = {k: d.get(k, "") for k in services.DETAIL_FIELDS}
        services.decide(app, user, d["on"], outcome=d["outcome"], reasons=d["reasons"], details=details, **kw)
    elif name == "issue":
        services.issue_answer(app, user, d["on"], **kw)
    elif name == "delivery":
        services.record_delivery(app, user, d["on"], method=d["method"], **kw)
    elif name == "close_lapsed":
        services.close_lapsed(app, user, d["on"], **kw)
    elif name == "withdraw":
        services.withdraw(app, user, d["on"], reason=d["reason"], **kw)
    elif name == "supplementary":
        services.supplementary_answer(app, user, d["on"], text=d["text"], **kw)
    elif name == "note":
        services.add_note(app, user, d["text"])
    return None


@staff_required
@require_POST
def case_action(request, pk, name):
    app = _readable_or_404(request, pk)
    if name not in FORMS:
        raise Http404()
    refused = _action_refused(request, app, name)
    if refused is not None:
        return refused
    form = _build_form(name, app, request.user, request.POST)
    if not form.is_valid():
        labels = {f: form.fields[f].label for f in form.errors if f in form.fields and form.fields[f].label}
        errors = "；".join(f"{labels[f]}：{m}" if f in labels else m for f, ms in form.errors.items() for m in ms)
        messages.error(request, f"“{_label(name)}”未完成：{errors}")
        return redirect("case", pk=pk)
    try:
        response = _perform_action(request, app, name, form.cleaned_data)
    except services.ActionError as e:
        messages.error(request, f"“{_label(name)}”未完成：{e}")
        return redirect("case", pk=pk)
    if response is not None:
        return response
    messages.success(request, f"已完成：{_label(name)}")
    return redirect("case", pk=pk)


@staff_required
def register(request):
    agencies = Agency.objects.filter(pk__in=agency_access.working_agency_ids(request.user)).order_by("path")
    if not agencies:
        raise PermissionDenied("您无权登记申请")
    if request.method == "POST":
        form = forms.StaffRegistrationForm(request.POST, request.FILES)
        agency = agencies.filter(pk=request.POST.get("agency")).first() or agencies.first()
        if form.is_valid():
            d = form.cleaned_data
            try:
                app = services.register(
                    agency, form.application_data(), d["uploads"], actor=request.user, channel=d["channel"],
                    submitted_on=d["submitted_on"], received_on=d["received_on"], is_oral=d["is_oral"],
                    pieces=d["pieces"] or 1, arrived_on=d.get("arrived_on"),
                )
            except services.ActionError as e:
                form.add_error(None, str(e))
            else:
                messages.success(request, f"已登记申请 {app.reference}，查询号 {app.tracking_code}")
                if app.late_confirmation:  # non-blocking (legal-review.md B7)
                    messages.warning(request, "收件确认日期晚于规定，已作永久标记；请按“法院可能认定的期限”答复")
                return redirect("case", pk=app.pk)
    else:
        form = forms.StaffRegistrationForm(initial={"submitted_on": law_today.today(), "channel": Channel.IN_PERSON})
    return render(request, "applications/register.html", {"form": form, "agencies": agencies})


@staff_required
def supervision(request):
    if not agency_access.is_supervisor(request.user):
        raise PermissionDenied("仅政务公开办可查看")
    marks = queries.Marks.now()
    rows = queries.counts_by_agency(request.user, marks)
    params = {"scope": "all", "status": "open", "flag": request.GET.get("flag") or "overdue"}
    qs, _ = queries.filtered(request.user, params)
    read = access.BulkRead(request.user, "督办申请列表", f"flag={params['flag']}")
    cases = [(app, _row(request.user, app, marks, read)) for app in qs[:200]]
    read.save()
    return render(request, "applications/supervision.html", {
        "rows": rows, "cases": cases, "flag": params["flag"], "marks": marks,
        "totals": {k: sum(r[k] for r in rows) for k in ("open", "overdue", "due_soon", "unconfirmed", "provisional")},
    })


def case_url(app) -> str:
    return reverse("case", kwargs={"pk": app.pk})



@staff_required
def attachment(request, pk):
    """Identity proofs and other uploads (private storage): only the handling organ opens them, and
    each opening is logged."""
    from gongkai.files import serving

    from .models import Attachment

    att = get_object_or_404(Attachment.objects.select_related("application"), pk=pk)
    if not access.can_open_attachment(request.user, att):
        raise Http404("未找到该附件")
    access.log_read(request.user, att.application, f"查看附件：{att.get_kind_display()}")
    return serving.serve(att.file, filename=att.original_name, content_type=att.content_type)


@staff_required
def fee_calculator(request):
    """Both scales of 国办函〔2020〕109号, for checking a fee before issuing a notice."""
    from gongkai.law import fees

    quote = error = None
    scale = request.GET.get("scale", "per_piece")
    try:
        units = int(request.GET.get("units") or 0)
        prior = int(request.GET.get("prior") or 0)
        if units:
            quote = fees.per_piece_fee(prior, units) if scale == "per_piece" else fees.per_volume_fee(units)
    except (ValueError, TypeError) as e:
        error = str(e) if str(e) and not str(e).startswith("invalid literal") else "请输入非负整数"
    return render(request, "applications/fees.html", {
        "quote": quote, "error": error, "scale": scale,
        "units": request.GET.get("units", ""), "prior": request.GET.get("prior", ""),
    })
