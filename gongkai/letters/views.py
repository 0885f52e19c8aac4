"""Issued letters as printable HTML and DOCX: staff through the applications access door, the
public only for letters of an application they have just looked up with name + 查询号.

Letters carry the applicant's personal data: every staff opening (page or DOCX) writes an AccessLog
row. Nothing is stored as a file: HTML and DOCX are rendered from the frozen paragraphs on each request.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from gongkai.applications import access
from gongkai.core.decorators import staff_required

from .models import Letter
from .services import render_docx

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _docx_response(letter):
    response = HttpResponse(render_docx(letter), content_type=DOCX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''letter-{letter.pk}.docx"
    return response


def _staff_letter(request, pk):
    letter = get_object_or_404(Letter.objects.select_related("application"), pk=pk)
    # Letters carry the applicant's personal data: only the handling organ opens them.
    if not access.sees_personal_data(request.user, letter.application):
        raise Http404("未找到该文书")
    return letter


@staff_required
def staff_letter(request, pk):
    letter = _staff_letter(request, pk)
    access.log_read(request.user, letter.application, f"查看文书：{letter.number or letter.get_kind_display()}")
    return render(request, "letters/letter.html", {"letter": letter})


@staff_required
def staff_letter_docx(request, pk):
    letter = _staff_letter(request, pk)
    access.log_read(request.user, letter.application, f"下载文书DOCX：{letter.number or letter.get_kind_display()}")
    return _docx_response(letter)


def _public_letter(request, pk):
    letter = get_object_or_404(Letter, pk=pk, public=True)
    if letter.application_id not in request.session.get("queried_applications", []):
        raise Http404("未找到该文书")
    return letter


def public_letter(request, pk):
    return render(request, "letters/letter.html", {"letter": _public_letter(request, pk)})


def public_letter_docx(request, pk):
    return _docx_response(_public_letter(request, pk))
