"""The bug of issue 16 item 5: a document with an ID number and a mobile number passed both reviews
and went live (portal, search, open API). Personal data now blocks 保密审查 and publication until it
is masked or an override with a reason is recorded."""

import datetime as dt

import pytest

from gongkai.agencies.models import Membership
from gongkai.publishing import access, services
from gongkai.publishing.models import DocStatus, Document
from gongkai.publishing.services import PublishingError

ID_NO = "110105199003077777"  # not checked against GB 11643 here: reported (low confidence) anyway
MOBILE = "13812345678"


@pytest.fixture
def people(tree, make_user):
    E, R, S = Membership.EDITOR, Membership.REVIEWER, Membership.SECRECY
    return {"editor": make_user("editorA", tree["a"], E), "reviewer": make_user("reviewerA", tree["a"], R),
            "secrecy": make_user("secrecyA", tree["a"], S)}


def _reviewed_draft(tree, people, body):
    doc = services.save_draft(tree["a"], people["editor"], {
        "title": "关于发放困难群众临时救助金的公示", "issuers": "测试市甲局", "signed_on": dt.date(2025, 6, 23),
        "doc_type": "通知", "body": body, "disclosure_attribute": "proactive"})
    services.submit(doc, people["editor"])
    services.section_approve(doc, people["reviewer"], "同意")
    return Document.objects.get(pk=doc.pk)


def test_a_document_with_an_id_number_and_a_mobile_never_goes_live(tree, people):
    doc = _reviewed_draft(tree, people, f"救助对象张某，身份证号{ID_NO}，联系电话{MOBILE}。")
    with pytest.raises(PublishingError, match="个人信息"):
        services.secrecy_approve(doc, people["secrecy"], "不涉密")
    doc = Document.objects.get(pk=doc.pk)
    assert doc.status == DocStatus.SECRECY_REVIEW
    assert not access.public_documents().filter(pk=doc.pk).exists()


def test_masking_the_body_lets_the_document_pass(tree, people):
    doc = _reviewed_draft(tree, people, f"联系电话{MOBILE}。")
    services.return_for_changes(doc, people["secrecy"], "请脱敏")
    services.mask_personal_data(Document.objects.get(pk=doc.pk), people["editor"])
    doc = Document.objects.get(pk=doc.pk)
    services.submit(doc, people["editor"])
    services.section_approve(doc, people["reviewer"], "同意")
    services.secrecy_approve(doc, people["secrecy"], "不涉密")
    doc = services.publish(Document.objects.get(pk=doc.pk), people["reviewer"])
    assert doc.status == DocStatus.PUBLISHED and "138****5678" in doc.body
