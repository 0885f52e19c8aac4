"""Public pages: the 政府信息公开 column, the application guide, the online form and the progress
query. No login; forms are rate-limited; the query never reveals whether a 查询号 exists."""

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from gongkai.agencies.models import Agency
from gongkai.applications import forms as app_forms
from gongkai.applications import services
from gongkai.applications.models import Application
from gongkai.law import outcomes
from gongkai.ops import ratelimit_wait
from gongkai.ops.ratelimit_wait import ratelimit
from gongkai.portal import progress, suggest
from gongkai.portal.progress import QUERY_FAILED


def rate_limited(request, exception=None):
    """RATELIMIT_VIEW of the django-ratelimit decorators (``gongkai.ops.ratelimit_wait.ratelimit``):
    the 429 page says when to try again and sends Retry-After (exact from the refusing counter, or
    an upper bound said with 约); the progress query answers its own (progress.too_many)."""
    wait = ratelimit_wait.wait_for(request)
    response = render(request, "portal/rate_limited.html", {"minutes": wait.minutes, "exact": wait.exact}, status=429)
    return ratelimit_wait.retry_after(response, wait)


def home(request):
    from gongkai.portal.home import home_context

    return render(request, "portal/home.html", home_context())


def column(request, code):
    """The 政府信息公开 column: exactly four first-level columns (国办公开办函〔2019〕61号) plus the
    依申请公开 entrance within two clicks."""
    from gongkai.publishing.access import public_documents
    from gongkai.publishing.models import CatalogueNode

    agency = get_object_or_404(Agency, code=code)
    tops = {n.section: n for n in CatalogueNode.objects.filter(agency=agency, parent__isnull=True)}
    latest = public_documents().filter(agency=agency).order_by("-published_at", "-id")[:8]
    return render(request, "portal/column.html", {"agency": agency, "tops": tops, "latest": latest})


def _outcome_names(leaves) -> str:
    """「不予公开、无法提供、其他处理（逾期不补正）」: a whole group by its name, else its leaves."""
    names = []
    for group, label, members in outcomes.GROUPS:
        chosen = [o for o in members if o in leaves]
        if not chosen:
            continue
        if len(chosen) == len(members) and group not in ("1", "2"):
            names.append(label.split("）", 1)[1])
        else:  # a withdrawal (（六）3) gets no remedy paragraph at all (domain 2.11 item 7)
            names.extend("其他终止办理（申请人撤回申请的除外）" if o.code == "6.3" else o.short_label for o in chosen)
    return "、".join(names)


def guide_remedies(agency) -> list[dict]:
    """The guide's remedies (legal-review.md B13): the letters' own clauses under the organ's
    reconsideration-first setting; [] while the organ has not named its reconsideration organ and court."""
    if agency.missing_remedy_fields():
        return []
    groups = outcomes.public_remedies(agency.reconsideration_organ.strip(), agency.court.strip(),
                                      agency.reconsideration_first)
    return [dict(g, names=_outcome_names(g["outcomes"])) for g in groups]


def guide(request, code):
    agency = get_object_or_404(Agency, code=code)
    return render(request, "portal/guide.html", {
        "agency": agency, "remedies": guide_remedies(agency), "complaint_route": outcomes.COMPLAINT_ROUTE,
        "first_on_silence": outcomes.RECONSIDERATION_FIRST_ON_SILENCE,
    })


def _apply_rate(group, request):
    """The public form's limit per address: ``GONGKAI_RATE_APPLY`` ("10/h"; raised only by the load
    bench, bench/load_bench.py; "off" disables it)."""
    rate = getattr(settings, "GONGKAI_RATE_APPLY", "10/h")
    return None if not rate or str(rate).lower() in ("0", "off", "none") else rate


@ratelimit(key="ip", rate=_apply_rate, method="POST", block=True)
def apply(request):
    initial_agency = Agency.objects.filter(code=request.GET.get("agency", "")).first()
    if request.method == "POST":
        form = app_forms.PublicApplicationForm(request.POST, request.FILES)
        if form.is_valid():
            if form.cleaned_data.get("website"):
                # A bot filled the hidden field: pretend success without saving anything.
                return redirect("portal-home")
            data = form.application_data()
            agency = data.pop("agency")
            data.pop("website", None)
            shown = suggest.snapshot(data.pop("suggestions", ""))
            with transaction.atomic():
                app = services.submit_online(agency, data, form.cleaned_data["uploads"])
                if shown:  # what the form suggested before submission (issue 15 item 3)
                    Application.objects.filter(pk=app.pk).update(suggestions_shown=shown)
            request.session["submitted_application"] = app.pk
            request.session["queried_applications"] = [app.pk]
            return redirect("apply-done")
        messages.error(request, "申请未提交，请按提示修改标红的项目（已填写的内容已保留，附件需重新选择）")
    else:
        # A 领导信箱 message pointed here (gongkai/mailbox/conversion.py) fills in its text, once.
        prefill = {k: v for k, v in (request.session.pop("apply_prefill", None) or {}).items()
                   if k in ("description", "name", "phone", "email")}
        form = app_forms.PublicApplicationForm(initial={"agency": initial_agency, "carrier": "email",
                                                        "delivery": "email", "applicant_kind": "natural_person",
                                                        "id_type": "resident_id", **prefill})
    return render(request, "portal/apply.html", {"form": form})


def _submitted(request) -> Application:
    pk = request.session.get("submitted_application")
    app = Application.objects.select_related("agency").filter(pk=pk).first() if pk else None
    if app is None:
        raise Http404("没有刚提交的申请")
    return app


def apply_done(request):
    return render(request, "portal/apply_done.html", {"app": _submitted(request)})


def receipt(request):
    """Printable submission receipt (回执) with the 查询号."""
    return render(request, "portal/receipt.html", {"app": _submitted(request)})


def query(request):
    """Progress query by applicant type + name + 查询号 (domain.md 7.4); the page, the failure-only
    rate limits and the online correction live in portal/progress.py."""
    form = app_forms.QueryForm(request.POST or None, initial={"tracking_code": progress.prefill_code(request)})
    if request.method == "GET":
        held = progress.held_case(request, progress.prefill_code(request))
        if held is not None:  # this session already proved the case (e.g. the link in an e-mail)
            return redirect("query-case", code=held.tracking_code)
    response, failed = progress.query(request, form)
    if response is not None:
        return response
    return render(request, "portal/query.html", {"form": form, "failed": failed, "message": QUERY_FAILED,
                                                 "held": progress.session_cases(request)})
