"""Issued letters as printable HTML, DOCX and PDF: staff through the applications access door, the
public only for letters of an application they have just looked up with name + 查询号.

Letters carry the applicant's personal data: every staff opening (page, DOCX or PDF) writes an
AccessLog row. HTML and DOCX are rendered from the frozen paragraphs on each request; the PDF is
frozen in the private storage at issue (letters/pdf.py) and leaves only through files.serving.

``verify`` is the public 文书核验 page: letter number + 核验码 → whether they match an issued letter,
showing only the organ, the kind of letter and its date.
"""

import time

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from gongkai.applications import access
from gongkai.core.decorators import staff_required
from gongkai.files import serving
from gongkai.law.docnumber import doc_no_key, parse_doc_no
from gongkai.ops.ratelimit_wait import ratelimit

from . import codes
from .models import Letter
from .pdf import CONTENT_TYPE as PDF
from .pdf import freeze_pdf
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


def _pdf_response(letter):
    freeze_pdf(letter)  # a no-op for letters frozen at issue
    return serving.serve(letter.pdf, filename=f"letter-{letter.pk}.pdf", content_type=PDF, as_attachment=True)


@staff_required
def staff_letter(request, pk):
    letter = _staff_letter(request, pk)
    access.log_read(request.user, letter.application, f"查看文书：{letter.number or letter.get_kind_display()}")
    return render(request, "letters/letter.html", {"letter": letter, "pdf_url": reverse("letter-pdf", args=[pk])})


@staff_required
def staff_letter_docx(request, pk):
    letter = _staff_letter(request, pk)
    access.log_read(request.user, letter.application, f"下载文书DOCX：{letter.number or letter.get_kind_display()}")
    return _docx_response(letter)


@staff_required
def staff_letter_pdf(request, pk):
    letter = _staff_letter(request, pk)
    access.log_read(request.user, letter.application, f"下载文书PDF：{letter.number or letter.get_kind_display()}")
    return _pdf_response(letter)


def _public_letter(request, pk):
    letter = get_object_or_404(Letter, pk=pk, public=True)
    if letter.application_id not in request.session.get("queried_applications", []):
        raise Http404("未找到该文书")
    return letter


def public_letter(request, pk):
    return render(request, "letters/letter.html",
                  {"letter": _public_letter(request, pk), "pdf_url": reverse("public-letter-pdf", args=[pk])})


def public_letter_docx(request, pk):
    return _docx_response(_public_letter(request, pk))


def public_letter_pdf(request, pk):
    return _pdf_response(_public_letter(request, pk))


# -- 文书核验 (public) -------------------------------------------------------------------------------

NO_MATCH = "不一致：未找到与该文书编号和核验码相符的已出具文书。请核对后重试；如有疑问，请联系出具文书的机关。"


class VerifyForm(forms.Form):
    number = forms.CharField(label="文书编号", max_length=60, help_text="如：示政依复〔2025〕第1号（括号可用[]或()代替）")
    code = forms.CharField(label="核验码", max_length=30, help_text="文书页脚所印的12位核验码，如：ABCD-EFGH-JKLM")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.update({"autocomplete": "off", "aria-describedby": f"id_{name}_help"})
        self.fields["number"].widget.attrs["size"] = 28  # a whole 文书编号 visible (示住建依复〔2025〕第1号)


def find_verified(number: str, code: str) -> Letter | None:
    """The issued letter with this number (any spelling of the brackets) and 核验码, or None."""
    parsed = parse_doc_no(number)
    if parsed is not None and parsed.year:
        key = doc_no_key(number)
        candidates = [
            letter for letter in Letter.objects.filter(year=parsed.year, serial=parsed.serial).select_related("agency")
            if doc_no_key(letter.number) == key
        ]
    else:
        candidates = list(Letter.objects.filter(number=" ".join(number.split())).select_related("agency"))
    matched = [letter for letter in candidates if codes.matches(letter.verification_code, code)]
    return matched[0] if len(matched) == 1 else None


@ratelimit(key="ip", rate="20/h", method="POST", block=True)
def verify(request):
    """Public: does a copy's number and 核验码 match an issued letter? Only organ, kind and date are
    shown; a wrong code and an unknown number give the same answer (no oracle of the numbers)."""
    form = VerifyForm(request.POST or None)
    letter, checked = None, False
    if request.method == "POST" and form.is_valid():
        started = time.monotonic()
        checked = True
        letter = find_verified(form.cleaned_data["number"], form.cleaned_data["code"])
        if letter is None:
            time.sleep(max(0.0, 0.1 - (time.monotonic() - started)))
    result = None
    if letter is not None:
        result = {"agency": letter.agency.name, "kind": letter.get_kind_display(), "issued_on": letter.issued_on}
    return render(request, "letters/verify.html",
                  {"form": form, "checked": checked, "result": result, "no_match": NO_MATCH})
