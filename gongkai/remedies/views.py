from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Agency
from gongkai.applications import access as app_access
from gongkai.core.decorators import staff_required

from . import access
from .forms import RemedyCaseForm


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
