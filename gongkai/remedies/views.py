from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Agency
from gongkai.applications import access as app_access
from gongkai.core.decorators import staff_required
from gongkai.files import serving

from . import access
from .forms import RemedyCaseForm
from .models import DefenceBundle, RemedyCase


@staff_required
def remedy_list(request):
    cases = access.readable(request.user).select_related("agency", "application").order_by("-filed_on")
    return render(request, "remedies/list.html", {"cases": cases})


@staff_required
def remedy_new(request):
    agencies = Agency.objects.filter(pk__in=agency_access.working_agency_ids(request.user)).order_by("path")
    if not agencies:
        raise PermissionDenied("您无权登记复议诉讼案件")
    form = RemedyCaseForm(request.POST or None, initial={"application_reference": request.GET.get("ref", "")})
    form.fields["agency"].queryset = agencies
    if request.method == "POST" and form.is_valid():
        case = form.save(commit=False)
        ref = form.cleaned_data["application_reference"].strip()
        if ref:
            app = app_access.readable(request.user).filter(agency=case.agency, reference=ref).first()
            if app is None:
                form.add_error("application_reference", "本机关没有该登记编号的申请")
            case.application = app
        case.created_by = request.user
        if not form.errors:
            try:
                case.full_clean()
            except Exception as e:  # ValidationError
                for field, errs in getattr(e, "message_dict", {"__all__": [str(e)]}).items():
                    form.add_error(field if field in form.fields else None, errs)
        if not form.errors:
            case.save()
            messages.success(request, "已登记复议诉讼案件")
            if case.application_id:
                return redirect("case", pk=case.application_id)
            return redirect("remedies")
    return render(request, "remedies/new.html", {"form": form})


# -------------------------------------------------------------------------------- the defence bundle

NO_BUNDLE = "您无权生成或下载该案件的应诉材料（仅限办理该申请的机关工作人员）"


@staff_required
def remedy_detail(request, pk):
    """One remedy case and the history of its defence bundles (应诉材料)."""
    case = access.readable(request.user).select_related("agency", "application", "prior").filter(pk=pk).first()
    if case is None:
        raise Http404("未找到该案件")
    allowed = access.can_build_bundle(request.user, case)
    bundles = case.bundles.select_related("requested_by") if allowed else DefenceBundle.objects.none()
    return render(request, "remedies/detail.html", {
        "case": case, "bundle_allowed": allowed, "bundles": bundles,
        "pending": any(b.status == DefenceBundle.PENDING for b in bundles),
    })


def _bundle_case(request, pk) -> RemedyCase:
    case = get_object_or_404(RemedyCase.objects.select_related("agency", "application"), pk=pk)
    if not access.can_build_bundle(request.user, case):
        raise PermissionDenied(NO_BUNDLE)
    return case


@staff_required
@require_POST
def bundle_create(request, pk):
    """One click: the bundle is generated in the job queue (remedies/tasks.py) and logged as a read of
    the applicant's personal data."""
    from .tasks import start_bundle

    case = _bundle_case(request, pk)
    bundle = start_bundle(case, request.user)
    app_access.log_read(request.user, case.application, f"生成应诉材料 #{bundle.pk}")
    messages.success(request, "已开始生成应诉材料，完成后可在本页下载")
    return redirect("remedy", pk=case.pk)


FORMATS = {"zip": ("zip_file", "application/zip", "ZIP"), "pdf": ("pdf_file", "application/pdf", "PDF")}


@staff_required
def bundle_download(request, pk, fmt):
    bundle = get_object_or_404(DefenceBundle.objects.select_related("remedy_case__application"), pk=pk)
    if fmt not in FORMATS:
        raise Http404("未找到该文件")
    case = _bundle_case(request, bundle.remedy_case_id)
    if bundle.status != DefenceBundle.DONE:
        raise Http404("应诉材料尚未生成完成")
    field, content_type, label = FORMATS[fmt]
    app_access.log_read(request.user, case.application, f"下载应诉材料{label} #{bundle.pk}")
    name = f"应诉材料_{case.application.reference}_{bundle.pk}.{fmt}"
    return serving.serve(getattr(bundle, field), filename=name, content_type=content_type, as_attachment=True)
