"""The leak guard at 保密审查 and publication (issue 16 item 5): an attachment is screened when it is
added; its findings and personal data in the document's text block the step until cleaned, masked or
accepted with a reason by the 保密审查员; the clean copy replaces the attachment, the original is kept,
and the document's timeline says so."""

import datetime as dt

import pytest

from gongkai.agencies.models import Membership
from gongkai.publishing import access, services
from gongkai.publishing.models import DocStatus, Document, DocumentAttachment, PublicationEvent
from gongkai.publishing.services import PublishingError
from gongkai.screening import gate, runner
from gongkai.screening import services as screening
from gongkai.screening.models import AttachmentScreening, Decision, KeptOriginal

from . import crafted as C


@pytest.fixture
def people(tree, make_user):
    E, R, S = Membership.EDITOR, Membership.REVIEWER, Membership.SECRECY
    return {"editor": make_user("editorA", tree["a"], E), "reviewer": make_user("reviewerA", tree["a"], R),
            "secrecy": make_user("secrecyA", tree["a"], S)}


def at_secrecy_review(tree, people, files=(), body="救助金已按规定发放。"):
    doc = services.save_draft(tree["a"], people["editor"], {
        "title": "关于发放困难群众临时救助金的公示", "issuers": "测试市甲局", "signed_on": dt.date(2025, 6, 23),
        "doc_type": "通知", "body": body, "disclosure_attribute": "proactive"})
    for name, content in files:
        services.add_attachment(doc, people["editor"], name=name, content=content,
                                alt_text="示意图" if name.endswith(".jpg") else "")
    services.submit(Document.objects.get(pk=doc.pk), people["editor"])
    services.section_approve(Document.objects.get(pk=doc.pk), people["reviewer"], "同意")
    return Document.objects.get(pk=doc.pk)


def test_adding_an_attachment_enqueues_its_screening(tree, people, django_capture_on_commit_callbacks):
    doc = services.save_draft(tree["a"], people["editor"], {"title": "关于公示的通知", "body": "正文"})
    with django_capture_on_commit_callbacks(execute=True):
        att = services.add_attachment(doc, people["editor"], name="名单.xlsx", content=C.xlsx_hidden_sheet())
    screening = AttachmentScreening.objects.get(attachment=att)
    assert {f["kind"] for f in screening.findings} == {"hidden_sheet", "personal_data"}


def test_hidden_content_blocks_secrecy_review_until_cleaned(tree, people):
    doc = at_secrecy_review(tree, people, [("公示.docx", C.docx_comment())])
    with pytest.raises(PublishingError) as caught:
        services.secrecy_approve(doc, people["secrecy"], "不涉密")
    assert "批注" in str(caught.value) and "个人信息" in str(caught.value)
    assert Document.objects.get(pk=doc.pk).status == DocStatus.SECRECY_REVIEW
    att = doc.attachments.get()
    old_name = att.file.name
    screening.clean_copy(doc, people["secrecy"], att.pk)
    att.refresh_from_db()
    assert att.file.name != old_name and att.original_name == "公示.docx" and att.text_pending
    kept = KeptOriginal.objects.get(attachment=att)
    assert kept.file.name == old_name and kept.file.storage.exists(old_name)
    assert {r["label"] for r in kept.removed} == {"批注", "个人信息"}
    assert gate.open_items(doc) == []
    doc = services.secrecy_approve(Document.objects.get(pk=doc.pk), people["secrecy"], "不涉密")
    assert doc.status == DocStatus.APPROVED
    notes = list(doc.events.filter(kind=PublicationEvent.CLEAN_COPY).values_list("note", flat=True))
    assert any("已替换为清理副本" in n and "原件留存备查" in n for n in notes)
    assert doc.events.get(kind=PublicationEvent.CLEAN_COPY).get_kind_display() == "附件清理"


def test_the_guard_screens_synchronously_what_the_job_has_not(tree, people):
    # (the job never ran: no on-commit callbacks executed)
    doc = at_secrecy_review(tree, people, [("照片.jpg", C.jpeg_with_gps())])
    assert not AttachmentScreening.objects.exists()
    with pytest.raises(PublishingError, match="拍摄地点坐标"):
        services.secrecy_approve(doc, people["secrecy"])
    assert AttachmentScreening.objects.count() == 1


def test_accepting_each_finding_with_a_reason_lets_the_review_pass(tree, people):
    doc = at_secrecy_review(tree, people, [("公示.pdf", C.pdf_metadata())], body=f"联系电话{C.MOBILE}")
    runner.screen_pending(doc)
    left = gate.open_items(doc)
    assert [(i.source, i.label) for i in left] == [("正文", "个人信息"), ("附件“公示.pdf”", "元数据")]
    with pytest.raises(screening.ScreeningError, match="须填写理由"):
        screening.accept(doc, people["secrecy"], left[0].key, "  ")
    with pytest.raises(screening.ScreeningError, match="只有保密审查员"):
        screening.accept(doc, people["editor"], left[0].key, "办公电话")
    screening.accept(doc, people["secrecy"], left[0].key, "系本局公开的值班电话")
    with pytest.raises(PublishingError, match="1项未处理"):
        services.secrecy_approve(Document.objects.get(pk=doc.pk), people["secrecy"])
    screening.accept(doc, people["secrecy"], left[1].key, "作者为本单位名称", attachment_id=left[1].attachment.pk)
    doc = services.secrecy_approve(Document.objects.get(pk=doc.pk), people["secrecy"])
    decisions = Decision.objects.filter(document=doc)
    assert [(d.actor, d.reason) for d in decisions] == [(people["secrecy"], "系本局公开的值班电话"),
                                                       (people["secrecy"], "作者为本单位名称")]
    accepted = doc.events.filter(kind=PublicationEvent.FINDING_ACCEPTED).order_by("id").values_list("note", flat=True)
    assert len(accepted) == 2 and "系本局公开的值班电话" in accepted[0]
    doc = services.publish(doc, people["reviewer"])
    assert access.public_documents().filter(pk=doc.pk).exists()


def test_an_acceptance_does_not_cover_other_personal_data_added_later(tree, people):
    doc = at_secrecy_review(tree, people, body=f"联系电话{C.MOBILE}")
    screening.accept(doc, people["secrecy"], gate.open_items(doc)[0].key, "值班电话")
    services.return_for_changes(doc, people["secrecy"], "补充")
    doc = Document.objects.get(pk=doc.pk)
    services.save_draft(doc.agency, people["editor"], {"body": f"联系电话{C.MOBILE}，另{C.ID_NO}"}, doc)
    assert [i.place for i in gate.open_items(Document.objects.get(pk=doc.pk))] == ["疑似居民身份证号码"]


def test_publication_is_held_too(tree, people):
    """A document approved before the guard existed (or whose attachment changed since) is held at
    publication, and the schedule leaves it scheduled."""
    doc = at_secrecy_review(tree, people)
    doc = services.secrecy_approve(doc, people["secrecy"])
    DocumentAttachment.objects.create(document=doc, file=_stored("a.xlsx", C.xlsx_hidden_row()),
                                      original_name="名单.xlsx", content_type="application/vnd.openxmlformats-"
                                      "officedocument.spreadsheetml.sheet", size=10)
    with pytest.raises(PublishingError, match="隐藏行"):
        services.publish(Document.objects.get(pk=doc.pk), people["reviewer"])
    from gongkai.law import today as law_today

    Document.objects.filter(pk=doc.pk).update(status=DocStatus.SCHEDULED,
                                              scheduled_for=law_today.now() - dt.timedelta(minutes=1))
    assert services.publish_scheduled() == 0
    assert Document.objects.get(pk=doc.pk).status == DocStatus.SCHEDULED


def _stored(name, content):
    from django.core.files.base import ContentFile

    return ContentFile(content, name=name)


def test_clean_copy_only_by_the_secrecy_reviewer_at_review_or_the_editor_of_a_draft(tree, people):
    doc = at_secrecy_review(tree, people, [("公示.docx", C.docx_hidden())])
    att = doc.attachments.get()
    with pytest.raises(screening.ScreeningError, match="只有保密审查员"):
        screening.clean_copy(doc, people["editor"], att.pk)
    with pytest.raises(screening.ScreeningError, match="只有保密审查员"):
        screening.clean_copy(doc, people["reviewer"], att.pk)
    screening.clean_copy(doc, people["secrecy"], att.pk)
    with pytest.raises(screening.ScreeningError, match="没有可由清理副本去除"):
        screening.clean_copy(doc, people["secrecy"], att.pk)


def test_imported_published_documents_are_not_screened_and_do_not_crash(tree):
    doc = services.import_published(tree["a"], {"title": "旧通知", "issuing_agency": "测试市甲局", "validity": "有效",
                                                 "published_date": "2020-01-02", "body": f"电话{C.MOBILE}"})
    assert doc.status == DocStatus.PUBLISHED and AttachmentScreening.objects.count() == 0
