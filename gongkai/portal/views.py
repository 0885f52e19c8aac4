"""Public pages: the 政府信息公开 column, the application guide, the online form and the progress
query. No login; forms are rate-limited; the query never reveals whether a 查询号 exists."""

import hashlib
import time

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django_ratelimit.decorators import ratelimit

from gongkai.agencies.models import Agency
from gongkai.applications import forms as app_forms
from gongkai.applications import services
from gongkai.applications.models import PUBLIC_KINDS, Application, Status
from gongkai.law import outcomes
from gongkai.law.identifiers import normalize_tracking_code
from gongkai.letters.services import NON_PUBLIC_KINDS

QUERY_FAILED = "未查询到匹配的申请，请核对后重试"


def rate_limited(request, exception=None):
    return render(request, "portal/rate_limited.html", status=429)


def home(request):
    agencies = Agency.objects.order_by("path")
    return render(request, "portal/home.html", {"agencies": agencies})


def column(request, code):
    """The 政府信息公开 column: exactly four first-level columns (国办公开办函〔2019〕61号) plus the
    依申请公开 entrance within two clicks."""
    from gongkai.publishing.access import public_documents
    from gongkai.publishing.models import CatalogueNode

    agency = get_object_or_404(Agency, code=code)
    tops = {n.section: n for n in CatalogueNode.objects.filter(agency=agency, parent__isnull=True)}
    latest = public_documents().filter(agency=agency).order_by("-published_at")[:8]
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
            app = services.submit_online(agency, data, form.cleaned_data["uploads"])
            request.session["submitted_application"] = app.pk
            request.session["queried_applications"] = [app.pk]
            return redirect("apply-done")
        messages.error(request, "申请未提交，请按提示修改标红的项目（已填写的内容已保留，附件需重新选择）")
    else:
        form = app_forms.PublicApplicationForm(initial={"agency": initial_agency, "carrier": "email",
                                                        "delivery": "email", "applicant_kind": "natural_person",
                                                        "id_type": "resident_id"})
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


def _query_key(group, request):
    code = normalize_tracking_code(request.POST.get("tracking_code", "")) if request.method == "POST" else ""
    return hashlib.sha256(code.encode()).hexdigest()[:16]


@ratelimit(key="ip", rate="20/h", method="POST", block=True)
@ratelimit(key=_query_key, rate="5/h", method="POST", block=True)
def query(request):
    """Progress query by applicant type + name + 查询号 (domain.md 7.4)."""
    app = None
    failed = False
    form = app_forms.QueryForm(request.POST or None)
    if request.method == "POST":
        started = time.monotonic()
        if form.is_valid():
            d = form.cleaned_data
            code = normalize_tracking_code(d["tracking_code"])
            app = (
                Application.objects.select_related("agency")
                .filter(tracking_code=code, applicant_kind=d["applicant_kind"], name=d["name"].strip())
                .first()
            )
        failed = app is None
        if failed:
            # Same message, status and roughly the same time whether or not the code exists.
            time.sleep(max(0.0, 0.15 - (time.monotonic() - started)))
        else:
            seen = request.session.get("queried_applications", [])
            request.session["queried_applications"] = list({*seen, app.pk})
    ctx = {"form": form, "failed": failed, "message": QUERY_FAILED}
    if app is not None:
        ctx.update(
            app=app,
            steps=[
                e for e in app.events.filter(kind__in=PUBLIC_KINDS).order_by("occurred_on", "id")
                if not (e.kind == "letter_issued" and e.data.get("kind") in NON_PUBLIC_KINDS)
            ],
            letters=app.letters.filter(public=True).order_by("issued_on", "id"),
            done=app.status in (Status.ANSWERED, Status.CLOSED, Status.WITHDRAWN, Status.ROUTED),
        )
    return render(request, "portal/query.html", ctx)
