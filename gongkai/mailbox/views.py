"""Staff pages of the mailbox: the list (filters, overdue marks), a message with its timeline and the
steps law/mailbox opens to the user, the public texts, the yearly statistics, and the one click that
brings an application (Art. 39, （五）1) here. Reads go through access.py; every page that shows a
writer's personal data unmasked writes a ReadLog row."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.agencies import access as agency_access
from gongkai.core.decorators import staff_required
from gongkai.core.errors import GongkaiError
from gongkai.law import mailbox as rules
from gongkai.law import today as law_today

from . import access, conversion, services, statistics
from .forms import STEP_FORMS, FromApplicationForm, PublicTextForm
from .models import Message

PAGE_SIZE = 50


def _filtered(request, qs):
    status = request.GET.get("status", "")
    if status == "open":
        qs = qs.filter(status__in=rules.OPEN_STATUSES)
    elif status in dict(rules.STATUSES):
        qs = qs.filter(status=status)
    if (category := request.GET.get("category", "")) in dict(rules.CATEGORIES):
        qs = qs.filter(category=category)
    if request.GET.get("overdue"):
        qs = qs.filter(status__in=rules.OPEN_STATUSES, due_on__lt=law_today.today())
    return qs


@staff_required
def message_list(request):
    qs = _filtered(request, access.readable(request.user)).select_related("agency", "mailbox", "handler")
    page = Paginator(qs.order_by("-received_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    today = law_today.today()
    rows = [{"m": m, "name": access.shown_name(request.user, m),
             "subject": access.writer_view(request.user, m)["subject"],
             "overdue": rules.is_overdue(m.status, m.due_on, today)} for m in page]
    access.log_list_read(request.user, "来信列表", list(page))
    return render(request, "mailbox/staff_list.html", {
        "rows": rows, "page": page, "statuses": rules.STATUSES, "categories": rules.CATEGORIES,
        "status": request.GET.get("status", ""), "category": request.GET.get("category", ""),
        "overdue": bool(request.GET.get("overdue")), "query": request.GET.urlencode()})


def _readable_or_404(request, pk) -> Message:
    msg = access.readable(request.user).select_related("agency", "mailbox", "handler", "application").filter(
        pk=pk).first()
    if msg is None:
        raise Http404("未找到该来信")
    return msg


def _step_forms(msg, user):
    names = rules.available(msg.status, access.roles(user, msg), is_drafter=access.is_drafter(user, msg))
    reply = services.reply_of(msg)
    out = []
    for name in names:
        initial = {"version": msg.version}
        if name == "draft" and reply is not None:
            initial["text"] = reply.text
        if name == "publish" and (reply is None or reply.published or services.publication_refusal(msg, reply)):
            continue  # the page says why it cannot be published
        if name == "unpublish" and (reply is None or not reply.published):
            continue
        out.append((name, rules.step(name).label, STEP_FORMS[name](initial=initial, prefix=name)))
    return out


@staff_required
def message_detail(request, pk):
    msg = _readable_or_404(request, pk)
    handling = access.sees_personal_data(request.user, msg)
    if handling:
        access.log_read(request.user, msg, "查看来信")
    reply = services.reply_of(msg)
    events = list(msg.events.select_related("actor"))
    if not handling:
        for e in events:  # display only; events are never saved again
            e.note = access.mask_free_text(e.note, msg)
    public_form = None
    if handling and msg.status == rules.REPLIED:
        public_form = PublicTextForm(initial={"version": msg.version, "public_subject": msg.public_subject,
                                              "public_text": msg.public_text}, prefix="public")
    return render(request, "mailbox/staff_detail.html", {
        "msg": msg, "writer": access.writer_view(request.user, msg), "handling": handling, "reply": reply,
        "reply_text": (reply.text if handling else access.mask_free_text(reply.text, msg)) if reply else "",
        "events": events, "step_forms": _step_forms(msg, request.user) if handling else [],
        "overdue": rules.is_overdue(msg.status, msg.due_on, law_today.today()),
        "public_form": public_form, "consent": msg.consent_publish,
        "publication_refusal": services.publication_refusal(msg, reply) if msg.status == rules.REPLIED else None,
        "personal_data": rules.personal_data_labels(msg.public_subject, msg.public_text, reply.text if reply else ""),
    })


def _perform(name, msg, user, d):
    v = d["version"]
    if name == "accept":
        return services.accept(msg, user, expected_version=v)
    if name == "draft":
        return services.draft_reply(msg, user, d["text"], expected_version=v)
    if name == "approve":
        return services.approve(msg, user, note=d["note"], expected_version=v)
    if name == "return":
        return services.return_reply(msg, user, note=d["note"], expected_version=v)
    if name == "convert":
        return conversion.convert(msg, user, note=d["note"], expected_version=v)
    if name == "publish":
        return services.publish(msg, user, expected_version=v)
    if name == "unpublish":
        return services.unpublish(msg, user, reason=d["reason"], expected_version=v)
    return services.add_note(msg, user, text=d["text"], expected_version=v)


def _errors(form) -> str:
    return "；".join(m for ms in form.errors.values() for m in ms)


@staff_required
@require_POST
def message_action(request, pk, name):
    msg = _readable_or_404(request, pk)
    if name not in STEP_FORMS and name != "public":
        raise Http404()
    if not access.can_handle(request.user, msg):
        raise PermissionDenied("您无权办理该来信")
    label = "修改公开文本" if name == "public" else rules.step(name).label
    form = (PublicTextForm if name == "public" else STEP_FORMS[name])(request.POST, prefix=name)
    if not form.is_valid():
        messages.error(request, f"“{label}”未完成：{_errors(form)}")
        return redirect("mailbox_staff:detail", pk=pk)
    try:
        if name == "public":
            services.set_public_text(msg, request.user, subject=form.cleaned_data["public_subject"],
                                     text=form.cleaned_data["public_text"], expected_version=form.cleaned_data["version"])
        else:
            _perform(name, msg, request.user, form.cleaned_data)
    except GongkaiError as e:
        messages.error(request, f"“{label}”未完成：{e}")
        return redirect("mailbox_staff:detail", pk=pk)
    messages.success(request, f"已完成：{label}")
    return redirect("mailbox_staff:detail", pk=pk)


@staff_required
def yearly(request):
    year = statistics.year_param(request)
    organs = list(agency_access.readable_agencies(request.user).filter(mailbox__isnull=False).order_by("path"))
    rows = [{"agency": a, "stats": statistics.for_agencies([a.pk], year)} for a in organs]
    total = statistics.for_agencies([a.pk for a in organs], year)
    return render(request, "mailbox/staff_stats.html", {"rows": rows, "total": total, "year": year,
                                                        "years": statistics.years(),
                                                        "categories": rules.CATEGORIES, "statuses": rules.STATUSES})


@staff_required
@require_POST
def from_application(request, pk):
    """The case page's one click: decide as （五）1 naming the mailbox and bring the text here."""
    from gongkai.applications import access as app_access
    from gongkai.applications.models import Application

    app = app_access.readable(request.user).filter(pk=pk).first()
    if app is None:
        raise Http404("未找到该申请")
    if not app_access.can_handle(request.user, app):
        raise PermissionDenied("您无权办理该申请")
    form = FromApplicationForm(request.POST, prefix="mailbox")
    if not form.is_valid():
        messages.error(request, f"“转入信箱办理”未完成：{_errors(form)}")
        return redirect("case", pk=pk)
    try:
        msg = conversion.from_application(Application.objects.get(pk=pk), request.user,
                                          reasons=form.cleaned_data["reasons"],
                                          expected_version=form.cleaned_data["version"])
    except GongkaiError as e:
        messages.error(request, f"“转入信箱办理”未完成：{e}")
        return redirect("case", pk=pk)
    messages.success(request, "已按条例第三十九条第一款作出决定（不予处理：信访举报投诉类申请），请由负责人签发答复书；"
                              "申请内容已转入信箱办理")
    return redirect("mailbox_staff:detail", pk=msg.pk)
