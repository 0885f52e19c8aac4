"""The public mailbox: the form's validation (as the application form), the 查询号 shown once and
mailed, the rate limits with Retry-After, and the progress query that reveals nothing on a wrong pair."""

import datetime as dt
import re

from django.core import mail
from django.urls import reverse

from gongkai.law import mailbox as rules
from gongkai.mailbox.models import Message


def post(client, mailbox, data):
    return client.post(reverse("mailbox:organ", args=[mailbox.agency.code]), data)


def test_message_saved_with_due_date_and_reference_shown_once(client, mailbox, letter, pin_today,
                                                               django_capture_on_commit_callbacks):
    pin_today(dt.date(2025, 3, 3))
    with django_capture_on_commit_callbacks(execute=True):
        r = post(client, mailbox, letter())
    assert r.status_code == 302 and r["Location"].endswith("/done/")
    msg = Message.objects.get()
    assert (msg.status, msg.received_on, msg.due_on) == (rules.NEW, dt.date(2025, 3, 3), dt.date(2025, 3, 24))
    assert msg.consent_publish is True and len(msg.reference) == 12
    page = client.get(r["Location"])
    assert msg.reference in page.content.decode()
    assert client.get(r["Location"]).status_code == 404  # shown once
    assert len(mail.outbox) == 1 and msg.reference in mail.outbox[0].body
    assert mail.outbox[0].to == ["zhang@example.com"]


def test_consent_is_asked_and_defaults_to_no(client, mailbox, letter):
    page = client.get(reverse("mailbox:organ", args=["deptA"])).content.decode()
    no = re.search(r'<input type="radio" name="consent_publish" value="no"[^>]*>', page).group(0)
    yes = re.search(r'<input type="radio" name="consent_publish" value="yes"[^>]*>', page).group(0)
    assert "checked" in no and "checked" not in yes
    data = letter()
    del data["consent_publish"]
    r = post(client, mailbox, data)
    assert r.status_code == 200 and not Message.objects.exists()
    post(client, mailbox, letter(consent_publish="no"))
    assert Message.objects.get().consent_publish is False


def test_bad_input_gets_chinese_messages_and_keeps_what_was_typed(client, mailbox, letter):
    r = post(client, mailbox, letter(phone="12345", email="not-an-email", text="请问"))
    body = r.content.decode()
    assert r.status_code == 200 and not Message.objects.exists()
    assert "来信未提交" in body and "来信内容过短" in body
    assert "老旧小区改造何时开工" in body  # kept
    assert 'aria-invalid="true"' in body


def test_bot_field_saves_nothing(client, mailbox, letter):
    r = post(client, mailbox, letter(website="http://spam.example"))
    assert r.status_code == 302 and not Message.objects.exists()


def test_closed_mailbox_takes_no_message(client, mailbox, letter):
    mailbox.is_open = False
    mailbox.save()
    r = post(client, mailbox, letter())
    assert not Message.objects.exists() and "暂停接收来信" in r.content.decode()


def test_form_is_rate_limited_with_retry_after(client, mailbox, letter, settings):
    settings.GONGKAI_RATE_LIMITS = {**settings.GONGKAI_RATE_LIMITS, "mailbox": "3/h"}
    codes = [post(client, mailbox, letter(subject=f"来信{i}")).status_code for i in range(4)]
    assert codes == [302, 302, 302, 429]
    r = post(client, mailbox, letter())
    assert r.status_code == 429 and int(r["Retry-After"]) > 0
    assert Message.objects.count() == 3


def query(client, reference, name):
    return client.post(reverse("mailbox:query"), {"reference": reference, "writer_name": name})


def test_query_shows_progress_to_the_session_only(client, message):
    msg = message()
    r = query(client, msg.reference.lower(), "张三丰")
    assert r.status_code == 302
    page = client.get(r["Location"]).content.decode()
    assert "老旧小区改造何时开工" in page and "待受理" in page
    other = client.__class__()
    r = other.get(reverse("mailbox:query-message", args=[msg.reference]))
    assert r.status_code == 302 and "?code=" in r["Location"]


def test_wrong_pair_reveals_nothing(client, message):
    msg = message()
    wrong_name = query(client, msg.reference, "李四")
    no_such = query(client, "ABCDEFGHJKMN", "张三丰")
    assert wrong_name.status_code == no_such.status_code == 200
    assert "未查询到匹配的来信" in wrong_name.content.decode()
    def strip(r):
        text = r.content.decode().replace(msg.reference, "").replace("ABCDEFGHJKMN", "")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)

    assert strip(wrong_name).replace("李四", "") == strip(no_such).replace("张三丰", "")


def test_failed_queries_are_limited_per_address_and_per_reference(client, message, settings):
    msg = message()
    codes = [query(client, msg.reference, "李四").status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]  # 5 failures per 查询号 an hour
    r = query(client, msg.reference, "张三丰")
    assert r.status_code == 429 and int(r["Retry-After"]) > 0  # even the right pair waits
    settings.GONGKAI_RATE_LIMITS = {**settings.GONGKAI_RATE_LIMITS, "mailbox_query_failed_code": "off"}
    codes = [query(client, f"ABCDEFGHJK{i:02d}", "张三丰").status_code for i in range(11)]
    assert codes[-1] == 429  # 10 failures per address an hour


def test_successful_queries_are_not_counted(client, message):
    msg = message()
    assert all(query(client, msg.reference, "张三丰").status_code == 302 for _ in range(12))
