"""Staff pages of 建议提案办理: the list (filters, overdue marks), registration, the detail with its
timeline and the forms of the steps it allows, and the 复文 file. Thin: access.py decides, services
act."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.core.decorators import staff_required
from gongkai.files.serving import serve
from gongkai.law import proposals as rule
from gongkai.law import today as law_today

from . import access, forms, queries, services
from .models import Kind, Proposal


@staff_required
def proposal_list(request):
    f = queries.clean(request.GET)
    qs = queries.open_first(queries.apply(access.readable(request.user), f)).select_related("lead", "document")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    queries.mark(page.object_list)
    years = access.readable(request.user).values_list("year", flat=True).distinct().order_by("-year")
    return render(request, "proposals/list.html", {
        "page": page, "f": f, "kinds": Kind.choices, "statuses": rule.STATES, "classes": rule.CLASSIFICATIONS,
        "years": list(years), "can_register": access.registering_agencies(request.user).exists(),
        "rule": services.deadline_rule().describe(),
    })


@staff_required
def proposal_new(request):
    leads = access.registering_agencies(request.user)
    if not leads.exists():
        raise PermissionDenied("您无权登记建议提案")
    form = forms.RegisterForm(request.POST or None, leads=leads,
                              initial={"assigned_on": law_today.today(), "lead": leads.first()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            p = services.register(data["lead"], request.user, data, co_handlers=data["co_handlers"])
        except services.ProposalError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, f"已登记，答复期限为{p.due_on:%Y-%m-%d}")
            return redirect("proposals:detail", pk=p.pk)
    return render(request, "proposals/new.html", {"form": form})


def _readable_or_404(request, pk) -> Proposal:
    p = access.readable(request.user).select_related("lead", "document").filter(pk=pk).first()
    if p is None:
        raise Http404("未找到该建议提案")
    return p


def _forms(user, p: Proposal, bound=None) -> dict:
    """The step forms ``user`` may use on ``p`` now (``bound``: the posted one, with its errors)."""
    today, version = law_today.today(), {"version": p.version}
    out = {}
    handle = access.can_handle(user, p)
    if handle and not rule.refusal("progress", p.status):
        out["progress"] = forms.ProgressForm(initial={**version, "occurred_on": today}, prefix="progress")
    agencies = access.opinion_agencies(user, p)
    if agencies and not rule.refusal("opinion", p.status):
        out["opinion"] = forms.OpinionForm(initial={**version, "occurred_on": today}, agencies=agencies,
                                           prefix="opinion")
    if handle and not rule.refusal("answer", p.status):
        out["answer"] = forms.AnswerForm(initial={**version, "answered_on": today}, prefix="answer")
    if handle and not rule.refusal("feedback", p.status):
        out["feedback"] = forms.FeedbackForm(initial={**version, "occurred_on": today}, prefix="feedback")
    doc = p.document
    if handle and not rule.refusal("publish", p.status) and (doc is None or doc.status == "draft"):
        out["publish"] = forms.PublishForm(initial={**version, "mode": p.publication_mode or rule.FULL_TEXT,
                                                    "summary": p.public_summary}, prefix="publish")
    if bound is not None:
        out[bound[0]] = bound[1]
    return out


def _detail(request, p: Proposal, bound=None, status=200):
    user = request.user
    events = list(p.events.select_related("actor", "agency"))
    for e in events:
        e.shown_note = access.text_view(user, p, e.note)
    return render(request, "proposals/detail.html", {
        "p": p, "events": events, "forms": _forms(user, p, bound),
        "proposers": access.text_view(user, p, p.proposers), "reply_text": access.text_view(user, p, p.reply_text),
        "co_handlers": list(p.co_handlers.all()), "can_handle": access.can_handle(user, p),
        "publication_state": services.publication_state(p), "overdue": rule.overdue(
            p.due_on, p.status, law_today.today()),
        "public": access.public_results().filter(pk=p.pk).exists(),
    }, status=status)


@staff_required
def proposal_detail(request, pk):
    return _detail(request, _readable_or_404(request, pk))


STEPS = {
    "progress": (forms.ProgressForm, lambda p, u, d: services.record_progress(
        p, u, d["note"], on=d["occurred_on"], expected_version=d["version"]), "已登记办理情况"),
    "opinion": (forms.OpinionForm, lambda p, u, d: services.add_opinion(
        p, u, d["agency"], d["note"], on=d["occurred_on"], expected_version=d["version"]), "已登记会办意见"),
    "answer": (forms.AnswerForm, lambda p, u, d: services.answer(
        p, u, text=d["text"], classification=d["classification"], answered_on=d["answered_on"],
        reply_no=d["reply_no"], file=(d["file"].name, d["file"].read()) if d.get("file") else None,
        expected_version=d["version"]), "已登记复文"),
    "feedback": (forms.FeedbackForm, lambda p, u, d: services.record_feedback(
        p, u, d["feedback"], on=d["occurred_on"], note=d["note"], expected_version=d["version"]),
        "已登记代表委员意见，该件已办结"),
    "publish": (forms.PublishForm, lambda p, u, d: services.submit_publication(
        p, u, d["mode"], d["summary"], expected_version=d["version"]),
        "办理结果已提交科室审核；审核、保密审查通过后在“建议提案办理”栏目发布"),
}


@staff_required
@require_POST
def proposal_action(request, pk, name):
    p = _readable_or_404(request, pk)
    if name not in STEPS:
        raise Http404("未知的操作")
    form_class, act, done = STEPS[name]
    kwargs = {"agencies": access.opinion_agencies(request.user, p)} if name == "opinion" else {}
    form = form_class(request.POST, request.FILES, prefix=name, **kwargs)
    if form.is_valid():
        try:
            act(p, request.user, form.cleaned_data)
        except services.ProposalError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, done)
            return redirect("proposals:detail", pk=p.pk)
    return _detail(request, p, bound=(name, form), status=400)


@staff_required
def reply_file(request, pk):
    p = _readable_or_404(request, pk)
    if not p.reply_file:
        raise Http404("没有复文文件")
    if not access.can_handle(request.user, p):
        # The file is as uploaded (not masked): outside the lead organ the masked text or the published copy.
        raise PermissionDenied("复文文件仅主办单位可下载")
    return serve(p.reply_file, filename=p.reply_file_name or "复文", content_type=p.reply_file_type)
