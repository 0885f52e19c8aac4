"""Each event the applicant must know produces its message once, by e-mail (the queue's send_mail,
Django's locmem outbox, Huey immediate) and SMS (the locmem backend); staff-only events produce none."""

import datetime as dt
import logging

import pytest
from django.core import mail
from huey.contrib.djhuey import HUEY

from gongkai.applications import services
from gongkai.applications.models import Application, EventKind
from gongkai.jobs.models import JobFailure, SentMail
from gongkai.notifications import services as notifications
from gongkai.notifications.models import Notification
from gongkai.notifications.sms import LocmemSmsBackend

D = dt.date.fromisoformat
pytestmark = pytest.mark.django_db
ID = "11010519491231002X"


@pytest.fixture(autouse=True)
def _channels(settings):
    settings.GONGKAI_SMS_BACKEND = "gongkai.notifications.sms.LocmemSmsBackend"
    settings.GONGKAI = {**settings.GONGKAI, "PUBLIC_BASE_URL": "https://gk.example.gov.cn/"}
    LocmemSmsBackend.outbox = []
    HUEY.storage.flush_all()
    yield
    HUEY.storage.flush_all()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a service and its on-commit work (the notification, then the queued jobs)."""
    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)
    return run


def reload(app):
    return Application.objects.get(pk=app.pk)


def test_receipt_is_told_once_with_the_due_date_and_a_link_with_the_code(received_app, committed):
    app = committed(received_app, D("2025-03-03"))
    app = reload(app)
    (msg,) = mail.outbox  # registered and received at once (in person): one message, not two
    link = f"https://gk.example.gov.cn/query/?code={app.tracking_code}"
    assert msg.to == ["wang@example.com"] and "申请已收到" in msg.subject and app.tracking_code in msg.subject
    assert f"答复期限：最迟于{app.due_on.year}年{app.due_on.month}月{app.due_on.day}日" in msg.body
    assert link in msg.body and "测试市甲局" in msg.body and ID not in msg.body
    ((phone, text),) = LocmemSmsBackend.outbox
    assert phone == "13812341234" and link in text and ID not in text and "王小明" not in text
    event = app.events.get(kind=EventKind.RECEIPT_CONFIRMED)
    assert SentMail.objects.get().key == f"application-event:{event.pk}"
    # Announced again (a repeated commit hook, a retried job): nothing more is sent.
    committed(notifications.notify, event.pk)
    assert len(mail.outbox) == 1 and len(LocmemSmsBackend.outbox) == 1
    assert sorted(Notification.objects.values_list("channel", "status")) == [("email", "pending"), ("sms", "sent")]


def test_online_submission_is_told_then_the_confirmation_with_its_due_date(tree, staff, committed, pin_today):
    from conftest import applicant_data

    pin_today(D("2025-03-03"))
    app = committed(services.submit_online, tree["a"], applicant_data(phone="0635-8888888"), [])
    (submitted,) = mail.outbox
    assert "申请已提交" in submitted.subject and app.tracking_code in submitted.body
    assert LocmemSmsBackend.outbox == []  # a landline gets no SMS
    pin_today(D("2025-03-04"))
    committed(services.confirm_receipt, reload(app), staff["a_handler"], D("2025-03-04"))
    assert len(mail.outbox) == 2 and "申请已收到" in mail.outbox[1].subject
    assert "答复期限" in mail.outbox[1].body


def _subjects():
    return [m.subject.split("】")[1].split("（")[0] for m in mail.outbox]


def test_each_step_of_a_case_is_told_once(received_app, staff, committed, pin_today):
    h, r = staff["a_handler"], staff["a_reviewer"]
    pin_today(D("2025-03-20"))
    app = committed(received_app, D("2025-03-03"))
    committed(services.request_correction, reload(app), h, D("2025-03-05"), items="请写明文件名称和年份")
    committed(services.record_correction, reload(app), h, D("2025-03-07"))
    committed(services.consult, reload(app), h, D("2025-03-10"), party="某建材公司", kind="third_party",
              matters="合同", served_on=D("2025-03-10"))
    consultation = reload(app).events.get(kind=EventKind.CONSULTATION_SENT)
    committed(services.record_consultation_reply, reload(app), h, D("2025-03-12"), consultation_id=consultation.pk,
              opinion="agree")
    committed(services.extend, reload(app), r, D("2025-03-13"), days=10, reason="材料较多")
    committed(services.add_note, reload(app), h, "内部备注：申请人来电")  # staff only
    committed(services.assign, reload(app), h, r)  # staff only
    committed(services.decide, reload(app), h, D("2025-03-14"), outcome="1", reasons="",
              details={"published_where": "本机关门户网站"})  # not told until signed
    committed(services.issue_answer, reload(app), r, D("2025-03-17"))
    committed(services.record_delivery, reload(app), h, D("2025-03-18"), method="电子邮件")  # closes; nothing new
    assert _subjects() == ["申请已收到", "补正告知", "已收到补正", "征求意见期间暂停计时", "恢复计算答复期限",
                           "延期答复", "已作出答复"]
    assert len(LocmemSmsBackend.outbox) == len(mail.outbox)
    by_subject = {s: m for s, m in zip(_subjects(), mail.outbox, strict=True)}
    correction = by_subject["补正告知"].body
    assert "请写明文件名称和年份" in correction and "请自收到补正告知书之日起15个工作日内补正" in correction
    assert "某建材公司" not in by_subject["征求意见期间暂停计时"].body  # the third party is not named
    app = reload(app)
    extension = by_subject["延期答复"].body
    assert "延长10个工作日" in extension and "材料较多" in extension
    letter = app.letters.get(kind="answer_letter")
    assert letter.number in by_subject["已作出答复"].body and "下载" in by_subject["已作出答复"].body
    assert all(app.tracking_code in m.body and ID not in m.body for m in mail.outbox)
    assert not Notification.objects.filter(event__kind__in=[EventKind.NOTE, EventKind.ASSIGNED,
                                                             EventKind.DECIDED, EventKind.CLOSED]).exists()


def test_a_fee_notice_and_the_service_recorded_later_give_the_payment_date(received_app, staff, committed, pin_today):
    h = staff["a_handler"]
    pin_today(D("2025-11-14"))
    app = committed(received_app, D("2025-11-03"))
    committed(services.issue_fee_notice, reload(app), h, D("2025-11-14"), scale="per_volume", units=250,
              reason="申请页数明显超过合理范围", payment_method="nontax_code", payment_reference="3301-2025-000123")
    fee = mail.outbox[-1].body
    assert "收费通知" in mail.outbox[-1].subject and "3301-2025-000123" in fee
    assert "请自收到收费通知书之次日起20个工作日内缴纳" in fee and "最迟于" not in fee
    notice = reload(app).letters.get(kind="fee_notice")
    pin_today(D("2025-11-25"))
    committed(services.record_service, reload(app), h, D("2025-11-19"), letter_id=notice.pk, method="邮寄签收")
    assert "请最迟于2025年12月17日缴纳信息处理费" in mail.outbox[-1].body
    # The service date corrected (a new event superseding the first): one corrected message, no repeat.
    committed(services.record_service, reload(app), h, D("2025-11-20"), letter_id=notice.pk, method="邮寄签收",
              reason="签收日期登记有误")
    assert len(mail.outbox) == 4 and "请最迟于2025年12月18日缴纳" in mail.outbox[-1].body and "更正" in mail.outbox[-1].body
    for event in reload(app).events.all():
        committed(notifications.notify, event.pk)
    assert len(mail.outbox) == 4


def test_sms_log_backend_masks_the_phone(received_app, committed, settings, caplog):
    settings.GONGKAI_SMS_BACKEND = "gongkai.notifications.sms.LogSmsBackend"
    with caplog.at_level(logging.INFO, logger="gongkai.notifications"):
        app = committed(received_app, D("2025-03-03"))
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name == "gongkai.notifications")
    assert "138****1234" in logged and "13812341234" not in logged and reload(app).tracking_code in logged
    assert "王小明" not in logged and ID not in logged
    assert Notification.objects.get(channel="sms").status == Notification.SENT


class Refusing:
    def send(self, phone, text):
        raise ConnectionError(f"gateway down for {phone}")


def test_a_failing_sms_gateway_is_retried_then_recorded_as_failed(received_app, committed, settings, client, staff):
    settings.GONGKAI_SMS_BACKEND = "gongkai.notifications.tests.test_notify.Refusing"
    committed(received_app, D("2025-03-03"))
    row = Notification.objects.get(channel="sms")
    assert row.status == Notification.PENDING and row.attempts == 1 and "13812341234" not in row.error
    later = dt.datetime.now() + dt.timedelta(days=1)
    for _ in range(10):  # run the scheduled retries (1, 2, 4 … minutes later) until they are used up
        due = HUEY.read_schedule(later)  # taken off the schedule
        if not due:
            break
        for retry in due:
            HUEY.execute(retry, timestamp=later)
    row.refresh_from_db()
    assert row.status == Notification.FAILED and row.attempts == 6  # the first try and 5 retries
    failure = JobFailure.objects.get(task_name="gongkai.notifications.tasks.deliver_sms")
    assert failure.status == JobFailure.FAILED and "13812341234" not in failure.error
    assert len(mail.outbox) == 1  # the e-mail went out regardless
    client.force_login(staff["a_handler"])
    panel = client.get(f"/staff/applications/{row.application_id}/").content.decode().split('id="h-notifications"')[1]
    assert "发送失败" in panel and "已发送" in panel  # the SMS failed, the e-mail went


def test_the_case_page_lists_the_notifications(client, received_app, staff, committed):
    app = committed(received_app, D("2025-03-03"))
    client.force_login(staff["a_handler"])
    page = client.get(f"/staff/applications/{app.pk}/").content.decode()
    assert "通知申请人" in page and "电子邮件" in page and "短信" in page and "已发送" in page
    assert "申请已收到" in page and "wang@example.com" not in page.split('id="h-notifications"')[1]


def test_no_address_no_mobile_no_message(received_app, committed):
    committed(received_app, D("2025-03-03"), email="", phone="010-12345678")
    assert mail.outbox == [] and LocmemSmsBackend.outbox == [] and not Notification.objects.exists()


def test_transfer_routing_and_withdrawal_are_told_to_the_right_case(tree, staff, received_app, committed, pin_today):
    from conftest import applicant_data

    app = committed(received_app, D("2025-03-03"))
    pin_today(D("2025-03-05"))
    forwarded = committed(services.transfer, reload(app), staff["a_handler"], D("2025-03-05"), to_agency=tree["b"],
                          reasons="该信息由乙局制作", consent="申请人2025年3月5日电话同意转送")
    assert len(mail.outbox) == 2  # the receipt, then only the new case's own message with its own 查询号
    told = mail.outbox[-1]
    assert "【测试市乙局】申请已提交" in told.subject and forwarded.tracking_code in told.body
    assert "由测试市甲局转送" in told.body and app.tracking_code not in told.body

    online = committed(services.submit_online, tree["a"], applicant_data(), [])
    committed(services.route, reload(online), staff["a_handler"], tree["b"], reason="属乙局职责")
    routed = mail.outbox[-1]
    assert "申请已转至其他机关" in routed.subject and "转至测试市乙局办理" in routed.body
    assert "【测试市甲局】" in routed.subject and online.tracking_code in routed.body
    committed(services.withdraw, reload(online), staff["b_handler"], D("2025-03-05"), reason="申请人电话撤回")
    assert "申请已撤回" in mail.outbox[-1].subject and len(mail.outbox) == 5


def test_an_explanation_request_gives_its_reply_date(received_app, staff, committed, pin_today):
    pin_today(D("2025-03-10"))
    app = committed(received_app, D("2025-03-03"))
    committed(services.request_explanation, reload(app), staff["a_handler"], D("2025-03-10"),
              reason="同一申请人本月提交申请40件", reply_by=D("2025-03-20"))
    last = mail.outbox[-1]
    assert "说明理由告知" in last.subject and "最迟于2025年3月20日回复" in last.body


def test_muted_work_tells_nobody(received_app, committed):
    from gongkai.notifications.signals import muted

    with muted():  # the demo world's fictional applicants
        committed(received_app, D("2025-03-03"))
    assert mail.outbox == [] and LocmemSmsBackend.outbox == [] and not Notification.objects.exists()
