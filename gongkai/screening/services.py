"""The 保密审查员's actions on the leak guard's findings: accept one with a reason, or replace an
attachment by its clean copy. Each is one transaction under the document's row lock, checked by
access.py, and written to the document's timeline (publishing.PublicationEvent, append-only)."""

from __future__ import annotations

import posixpath

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F as DbF

from gongkai.core.errors import RuleError
from gongkai.law import today as law_today
from gongkai.ops import sandbox
from gongkai.publishing.attachments import IMAGES
from gongkai.publishing.models import Document, DocumentAttachment, PublicationEvent

from . import access, gate, inspect, runner
from .models import AttachmentScreening, Decision, KeptOriginal

MAX_REASON = 500


class ScreeningError(RuleError):
    """An action the rules refuse; the message is Chinese and shown as is."""


def _locked(doc) -> Document:
    return Document.objects.select_for_update().get(pk=doc.pk)


def accept(doc, actor, key: str, reason: str, *, attachment_id: int | None = None) -> Decision:
    """Accept an open finding of ``doc`` with a reason (who, when, why: on the document page)."""
    reason = (reason or "").strip()
    if not reason:
        raise ScreeningError("接受检查发现须填写理由")
    if len(reason) > MAX_REASON:
        raise ScreeningError(f"理由不超过{MAX_REASON}字")
    with transaction.atomic():
        doc = _locked(doc)
        if not access.can_decide(actor, doc):
            raise ScreeningError("只有保密审查员在保密审查环节可以接受检查发现")
        item = next((i for i in gate.open_items(doc) if i.key == key
                     and (i.attachment.pk if i.attachment else None) == attachment_id), None)
        if item is None or item.key == "unscreened":
            raise ScreeningError("该项已处理或已不存在，请刷新页面")
        decision = Decision.objects.create(
            document=doc, attachment=item.attachment, digest=item.digest, key=item.key, place=item.place[:300],
            label=item.label[:60], reason=reason, actor=actor, at=law_today.now())
        PublicationEvent.objects.create(document=doc, kind=PublicationEvent.FINDING_ACCEPTED, actor=actor,
                                        note=f"保密检查：接受{item.source}“{item.place}”（{item.label}），理由：{reason}",
                                        data={"screening": "accepted", "decision": decision.pk})
    return decision


def _copy_of(att: DocumentAttachment, content: bytes):
    """The clean copy and its inspection, parsed outside the lock (under the sandbox budgets)."""
    try:
        cleaned = inspect.clean(content, att.content_type)
    except sandbox.Refused as e:
        raise ScreeningError(f"无法生成清理副本：{e.message}") from None
    except Exception:  # noqa: BLE001 - a file the library cannot rewrite
        raise ScreeningError("无法生成清理副本：文件格式异常，请重新上传处理后的文件") from None
    report = inspect.inspect(cleaned, att.content_type)
    left = [f for f in report.findings if f.cleanable]
    if left:  # the guard runs again on the copy: what a copy can remove must be gone
        raise ScreeningError(f"清理副本中仍发现{len(left)}项（{left[0].place}），未替换原附件")
    return cleaned, report


def clean_copy(doc, actor, attachment_id: int) -> DocumentAttachment:
    """Replace the attachment's file by its clean copy; the original is kept privately."""
    att = DocumentAttachment.objects.filter(pk=attachment_id, document=doc).first()
    if att is None:
        raise ScreeningError("未找到该附件")
    if not access.can_clean(actor, doc):
        raise ScreeningError("只有保密审查员（保密审查环节）或信息编辑（草稿）可以生成清理副本")
    content = runner.read(att)
    if content is None:
        raise ScreeningError("附件文件缺失，无法清理")
    before = runner.screening_of(att, content)
    removed = [f for f in before.findings if f["cleanable"]]
    if not removed:
        raise ScreeningError("该附件没有可由清理副本去除的内容")
    cleaned, report = _copy_of(att, content)
    with transaction.atomic():
        doc = _locked(doc)
        att = DocumentAttachment.objects.select_for_update().get(pk=att.pk)
        if not access.can_clean(actor, doc):
            raise ScreeningError("文件状态已变化，请刷新页面")
        if runner.digest(runner.read(att) or b"") != runner.digest(content):
            raise ScreeningError("附件已被他人更换，请刷新页面")
        now = law_today.now()
        KeptOriginal.objects.create(attachment=att, file=att.file.name, original_name=att.original_name,
                                    digest=runner.digest(content), size=len(content), actor=actor, at=now,
                                    removed=[{"label": f["label"], "place": f["place"]} for f in removed])
        base = posixpath.basename(att.file.name)
        att.file.save(f"clean-{base}"[:100], ContentFile(cleaned), save=False)
        att.size, att.text_pending = len(cleaned), att.content_type not in IMAGES
        att.text = "" if att.text_pending else att.text
        att.save()
        AttachmentScreening.objects.filter(attachment=att).delete()
        runner.store(att, cleaned, report)
        Document.objects.filter(pk=doc.pk).update(version=DbF("version") + 1)
        summary = "、".join(dict.fromkeys(f["label"] for f in removed))
        PublicationEvent.objects.create(
            document=doc, kind=PublicationEvent.CLEAN_COPY, actor=actor,
            note=f"保密检查：附件“{att.original_name}”已替换为清理副本（清除{len(removed)}项：{summary}），原件留存备查",
            data={"screening": "clean_copy", "attachment": att.pk})
        _after_replacement(att)
    return att


def _after_replacement(att: DocumentAttachment) -> None:
    from gongkai.jobs import enqueue_on_commit
    from gongkai.search.tasks import extract_attachment_text, index_document

    if att.text_pending:
        enqueue_on_commit(extract_attachment_text, att.pk)
    enqueue_on_commit(index_document, att.document_id)
