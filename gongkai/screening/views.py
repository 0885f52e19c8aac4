"""The leak guard's actions from the document page (thin: services.py does the work, access.py
decides who may): make a clean copy of an attachment, accept a finding with a reason, screen again,
download a kept original (logged)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from gongkai.core.decorators import staff_required
from gongkai.publishing import access as publishing_access

from . import access, runner, services


def _doc_or_404(request, pk):
    doc = publishing_access.staff_documents(request.user).filter(pk=pk).first()
    if doc is None:
        raise Http404("未找到该信息")
    return doc


def _back(doc):
    return redirect(reverse("doc-staff", args=[doc.pk]) + "#leak-guard")


@staff_required
@require_POST
def clean(request, pk, att):
    doc = _doc_or_404(request, pk)
    try:
        copy = services.clean_copy(doc, request.user, att)
    except services.ScreeningError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, f"附件“{copy.original_name}”已替换为清理副本，原件已留存备查")
    return _back(doc)


@staff_required
@require_POST
def accept(request, pk):
    doc = _doc_or_404(request, pk)
    att, key = request.POST.get("attachment") or None, request.POST.get("key", "")
    if request.POST.get("item"):  # the panel's one form: "<attachment id or empty>:<key>"
        att, _, key = request.POST["item"].partition(":")
    try:
        services.accept(doc, request.user, key, request.POST.get("reason", ""),
                        attachment_id=int(att) if att and att.isdigit() else None)
    except services.ScreeningError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, "已记录接受理由")
    return _back(doc)


@staff_required
@require_POST
def rescreen(request, pk):
    doc = _doc_or_404(request, pk)
    n = runner.screen_pending(doc)
    messages.success(request, f"已重新检查{n}个附件" if n else "附件均已检查，内容未变")
    return _back(doc)


@staff_required
def original(request, pk, kept):
    """A kept original from the private storage (files/serving.py): the organ's 保密审查员 only, each
    download logged (models.OriginalReadLog) before the file leaves."""
    from gongkai.files import serving

    from .models import KeptOriginal, OriginalReadLog

    doc = _doc_or_404(request, pk)
    item = KeptOriginal.objects.filter(pk=kept, attachment__document=doc).first()
    if item is None:
        raise Http404("未找到该原件")
    if not access.can_read_original(request.user, doc):
        raise PermissionDenied("只有本机关的保密审查员可以下载清理前的原件")
    OriginalReadLog.objects.create(original=item, user=request.user, document_status=doc.status)
    return serving.serve(item.file, filename=item.original_name, content_type=item.attachment.content_type,
                         as_attachment=True)
