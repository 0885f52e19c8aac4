"""Both conversions are one click for staff: a message asking for government information is closed
as 已转依申请公开 and the writer's own click fills the application form with its text; an application
that is a petition/complaint is decided under Art. 39 (（五）1, the letter naming the mailbox) and its
text becomes a mailbox message."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.applications.models import Application, Status
from gongkai.law import mailbox as rules
from gongkai.mailbox import conversion
from gongkai.mailbox.models import Message
from gongkai.mailbox.services import MailboxError


def test_message_to_application_is_the_writers_own(client, staff, message):
    msg = message(text="请提供我小区地块的建设工程规划许可证及附图。")
    client.force_login(staff["a_handler"])
    r = client.post(reverse("mailbox_staff:action", args=[msg.pk, "convert"]),
                    {"convert-version": msg.version, "convert-note": "所需信息为规划许可证"})
    assert r.status_code == 302
    msg.refresh_from_db()
    assert msg.status == rules.CONVERTED and msg.answered_on is not None
    assert not Application.objects.exists()  # staff file no application in the writer's name
    client.logout()
    client.post(reverse("mailbox:query"), {"reference": msg.reference, "writer_name": "张三丰"})
    page = client.get(reverse("mailbox:query-message", args=[msg.reference])).content.decode()
    assert "请通过依申请公开渠道提出" in page and "填写政府信息公开申请" in page
    r = client.post(reverse("mailbox:query-apply", args=[msg.reference]))
    assert r["Location"] == reverse("apply") + "?agency=deptA"
    form = client.get(r["Location"]).content.decode()
    assert "请提供我小区地块的建设工程规划许可证及附图。" in form and 'value="13812341234"' in form
    assert "请提供我小区地块" not in client.get(r["Location"]).content.decode()  # filled in once


def test_prefill_needs_the_proved_session(client, message):
    msg = message()
    r = client.post(reverse("mailbox:query-apply", args=[msg.reference]))
    assert "?code=" in r["Location"] and "apply_prefill" not in client.session


def test_converted_message_cannot_be_answered(staff, message):
    msg = conversion.convert(message(), staff["a_handler"])
    with pytest.raises(MailboxError, match="当前状态为“已转依申请公开”"):
        conversion.convert(msg, staff["a_handler"])


@pytest.fixture
def petition(received_app):
    return received_app(description="举报某物业公司违规收费，请求查处并责令退还", on=dt.date(2025, 3, 3))


def test_application_to_mailbox(client, staff, mailbox, petition, pin_today):
    pin_today(dt.date(2025, 3, 10))
    client.force_login(staff["a_handler"])
    case = client.get(reverse("case", args=[petition.pk])).content.decode()
    assert "转入信箱办理" in case
    r = client.post(reverse("mailbox_staff:from-application", args=[petition.pk]),
                    {"mailbox-version": petition.version, "mailbox-reasons": "所提事项属于举报"})
    msg = Message.objects.get()
    assert r["Location"] == reverse("mailbox_staff:detail", args=[msg.pk])
    app = Application.objects.get(pk=petition.pk)
    assert (app.status, app.outcome, app.outcome_reasons) == (Status.DECIDED, "5.1", "所提事项属于举报")
    decided = app.events.get(kind="decided")
    assert decided.data["proper_channel"].startswith("本机关局长信箱（http")
    assert decided.data["proper_channel"].endswith("/mailbox/deptA/）")
    assert (msg.application_id, msg.text, msg.writer_name, msg.category) == (
        app.pk, "举报某物业公司违规收费，请求查处并责令退还", "王小明", "complaint")
    assert msg.consent_publish is False and msg.received_on == dt.date(2025, 3, 10)
    assert msg.events.get().label == f"由政府信息公开申请{app.reference}转入"
    # the answer letter names the mailbox as the channel once the unit head signs it
    from gongkai.applications import services as app_services

    letter = app_services.issue_answer(app, staff["a_reviewer"], dt.date(2025, 3, 10), expected_version=app.version)
    text = "".join(str(p) for p in letter.paragraphs)
    assert "您可以通过本机关局长信箱（" in text and "条例》第三十九条第一款" in text
    detail = client.get(reverse("mailbox_staff:detail", args=[msg.pk])).content.decode()
    assert app.reference in detail


def test_application_brought_once(staff, mailbox, petition):
    conversion.from_application(petition, staff["a_handler"])
    app = Application.objects.get(pk=petition.pk)
    with pytest.raises(MailboxError, match="已转入信箱办理"):
        conversion.from_application(app, staff["a_handler"])
    assert Message.objects.count() == 1


def test_no_mailbox_no_conversion(staff, petition):
    with pytest.raises(MailboxError, match="尚未开设信箱"):
        conversion.from_application(petition, staff["a_handler"])
    assert Application.objects.get(pk=petition.pk).outcome == ""


def test_other_organ_cannot_convert(client, staff, mailbox, petition):
    client.force_login(staff["b_handler"])
    r = client.post(reverse("mailbox_staff:from-application", args=[petition.pk]),
                    {"mailbox-version": petition.version, "mailbox-reasons": "举报"})
    assert r.status_code == 404 and not Message.objects.exists()
