"""From message to published reply: handled by the organ's staff, the reply approved by a reviewer
who did not draft it, the writer told by e-mail, published only with consent and without personal
data; the staff pages' masking outside the organ and the read log."""

import pytest
from django.core import mail
from django.urls import reverse

from gongkai.law import mailbox as rules
from gongkai.mailbox import services
from gongkai.mailbox.models import Message, ReadLog, Reply
from gongkai.mailbox.services import MailboxError


def answer(msg, staff, text="计划于下季度开工。"):
    msg = services.accept(msg, staff["a_handler"], expected_version=msg.version)
    msg = services.draft_reply(msg, staff["a_handler"], text, expected_version=msg.version)
    return services.approve(msg, staff["a_reviewer"], expected_version=msg.version)


def public_page(client, q=""):
    return client.get(reverse("mailbox:replies", args=["deptA"]), {"q": q} if q else {}).content.decode()


def test_message_to_published_reply_with_consent(client, staff, message, django_capture_on_commit_callbacks):
    msg = message(text="我是张三丰，电话13812341234，请问小区改造何时开工？")
    with django_capture_on_commit_callbacks(execute=True):
        msg = answer(msg, staff)
    assert msg.status == rules.REPLIED and msg.answered_on is not None
    assert any("计划于下季度开工" in m.body for m in mail.outbox)  # the writer gets the reply
    # The public text is prefilled masked (the writer's own name and phone, any identifier) ...
    assert msg.public_text == "我是张**，电话138****1234，请问小区改造何时开工？"
    # ... and what staff write there is checked again before publication.
    msg = services.set_public_text(msg, staff["a_handler"], subject=msg.public_subject,
                                   text="我是张三丰，请问小区改造何时开工？", expected_version=msg.version)
    with pytest.raises(MailboxError, match="来信人姓名"):
        services.publish(msg, staff["a_handler"])
    msg = services.set_public_text(msg, staff["a_handler"], subject=msg.public_subject,
                                   text="请问小区改造何时开工？", expected_version=msg.version)
    msg = services.publish(msg, staff["a_handler"])
    assert Reply.objects.get(message=msg).published
    page = public_page(client)
    assert "老旧小区改造何时开工" in page
    detail = client.get(reverse("mailbox:reply", args=["deptA", msg.pk])).content.decode()
    assert "张**" in detail and "计划于下季度开工" in detail
    assert "张三丰" not in detail and "1381234" not in detail and "zhang@example.com" not in detail
    assert "老旧小区" in public_page(client, q="开工") and "老旧小区" not in public_page(client, q="噪声")


def test_without_consent_never_published(client, staff, message):
    msg = answer(message(consent_publish="no"), staff)
    with pytest.raises(MailboxError, match="未同意公开"):
        services.publish(msg, staff["a_handler"])
    assert not Reply.objects.filter(published=True).exists()
    assert "老旧小区改造何时开工" not in public_page(client)
    # and no published row reaches the page even if the flag were set by hand
    Reply.objects.update(published=True)
    assert "老旧小区改造何时开工" not in public_page(client)
    assert client.get(reverse("mailbox:reply", args=["deptA", msg.pk])).status_code == 404


def test_not_published_before_review(staff, message):
    msg = services.draft_reply(message(), staff["a_handler"], "答复")
    with pytest.raises(MailboxError, match="当前状态为“答复待审核”"):
        services.publish(msg, staff["a_handler"])


def test_personal_data_in_reply_blocks_publication(staff, message):
    msg = answer(message(text="请问何时开工？"), staff, text="请联系经办人，手机13912345678。")
    msg.public_text = "请问何时开工？"
    msg.save()
    with pytest.raises(MailboxError, match="手机号码"):
        services.publish(msg, staff["a_handler"])


def test_reviewer_does_not_approve_own_draft(staff, message):
    msg = services.draft_reply(message(), staff["a_reviewer"], "答复")
    with pytest.raises(MailboxError, match="不能审核自己的答复"):
        services.approve(msg, staff["a_reviewer"])
    with pytest.raises(MailboxError, match="须由审核人办理"):
        services.approve(msg, staff["a_handler"])


def test_return_then_revise(staff, message):
    msg = services.draft_reply(message(), staff["a_handler"], "初稿")
    msg = services.return_reply(msg, staff["a_reviewer"], note="请写明开工时间")
    assert msg.status == rules.HANDLING and Reply.objects.get().state == "returned"
    msg = services.draft_reply(msg, staff["a_handler"], "二稿：下季度开工")
    msg = services.approve(msg, staff["a_reviewer"])
    assert Reply.objects.get().text == "二稿：下季度开工"
    assert [e.kind for e in msg.events.all()] == ["received", "drafted", "returned", "drafted", "replied"]


def test_stale_form_never_applies_twice(client, staff, message):
    msg = message()
    client.force_login(staff["a_handler"])
    url = reverse("mailbox_staff:action", args=[msg.pk, "note"])
    for _ in range(2):
        client.post(url, {"note-version": msg.version, "note-text": "电话联系来信人"})
    assert Message.objects.get().events.filter(kind="note").count() == 1


def test_other_organ_cannot_act(staff, message):
    with pytest.raises(MailboxError, match="须由经办人办理"):
        services.accept(message(), staff["b_handler"])


def test_staff_pages_mask_outside_the_organ_and_log_reads(client, staff, message):
    msg = message(text="我的电话是13812341234，请回电")
    msg = services.draft_reply(msg, staff["a_handler"], "张三丰您好，已电话联系13812341234。")
    client.force_login(staff["supervisor"])
    page = client.get(reverse("mailbox_staff:detail", args=[msg.pk])).content.decode()
    assert "张**" in page and "138****1234" in page and "13812341234" not in page and "张三丰" not in page
    listing = client.get(reverse("mailbox_staff:list")).content.decode()
    assert "张**" in listing and "张三丰" not in listing
    assert not ReadLog.objects.exists()  # nothing unmasked shown
    client.force_login(staff["b_handler"])
    assert client.get(reverse("mailbox_staff:detail", args=[msg.pk])).status_code == 404
    client.force_login(staff["a_handler"])
    page = client.get(reverse("mailbox_staff:detail", args=[msg.pk])).content.decode()
    assert "张三丰" in page and "13812341234" in page
    client.get(reverse("mailbox_staff:list"))
    assert list(ReadLog.objects.values_list("what", "message_id", "count")) == [("查看来信", msg.pk, None),
                                                                                ("来信列表", None, 1)]


def test_staff_steps_through_the_pages(client, staff, message):
    msg = message()
    client.force_login(staff["a_handler"])
    detail = reverse("mailbox_staff:detail", args=[msg.pk])
    client.post(reverse("mailbox_staff:action", args=[msg.pk, "accept"]), {"accept-version": msg.version})
    msg.refresh_from_db()
    client.post(reverse("mailbox_staff:action", args=[msg.pk, "draft"]),
                {"draft-version": msg.version, "draft-text": "下季度开工。"})
    msg.refresh_from_db()
    assert msg.status == rules.REVIEW
    r = client.post(reverse("mailbox_staff:action", args=[msg.pk, "approve"]), {"approve-version": msg.version})
    assert r.status_code == 302
    assert "须由审核人办理" in client.get(detail).content.decode()
    client.force_login(staff["a_reviewer"])
    client.post(reverse("mailbox_staff:action", args=[msg.pk, "approve"]), {"approve-version": msg.version})
    msg.refresh_from_db()
    assert msg.status == rules.REPLIED
    page = client.get(detail).content.decode()
    assert "公开答复" in page and "保存公开文本" in page
