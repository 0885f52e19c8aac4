"""送达 (service) as its own recorded event (issue 14; legal-review.md A5, B8, B14; domain.md 3.3 c, d, f).

Notices with a period — the correction notice, the consultation letters, the fee notice — are sent
without a service date when it is not known yet (post). Their period runs from the service recorded
later (``record_service``); until then it cannot lapse, the case cannot be closed for it, and the
notice prints "自收到本…之日起X个工作日内" without a date. Each test fails on the code before the fix.
"""

import datetime as dt
import io
import json
import sys

import pytest
from django.core.management import call_command
from django.urls import reverse

from gongkai.applications import closing, forms, handling, services
from gongkai.applications.models import Application, EventKind, Status
from gongkai.applications.services import ActionError
from gongkai.law import clock as lawclock
from gongkai.letters.services import issue_letter

D = dt.date.fromisoformat
FEE = {"scale": "per_volume", "units": 250, "reason": "申请页数明显超过合理范围",
       "payment_method": "nontax_code", "payment_reference": "3301-2025-000123"}


def reload(app):
    return Application.objects.get(pk=app.pk)


def text(letter):
    return "\n".join(letter.paragraphs)


def test_A5_posted_fee_notice_lapses_only_20_working_days_after_its_recorded_service(received_app, staff, pin_today):
    """A fee notice posted 2025-11-14 and signed for 11-19: payment is due 12-17, not 12-12."""
    h = staff["a_handler"]
    pin_today(D("2025-11-14"))
    app = received_app(D("2025-11-03"))
    services.issue_fee_notice(app, h, D("2025-11-14"), **FEE)
    notice = reload(app).letters.get(kind="fee_notice")
    assert "自收到本通知书之次日起20个工作日内缴纳" in text(notice) and "最迟于" not in text(notice)
    # Long after sending, nothing lapses while service is unrecorded.
    pin_today(D("2026-01-30"))
    assert services.compute_clock(reload(app)).state == lawclock.PAUSED
    assert closing.close_lapsed_cases() == 0
    with pytest.raises(ActionError, match="尚未届满"):
        services.close_lapsed(reload(app), h, D("2026-01-30"))
    # Service recorded later, dated the signing day.
    pin_today(D("2025-12-16"))
    handling.record_service(reload(app), h, D("2025-11-19"), letter_id=notice.pk, method="邮寄签收")
    app = reload(app)
    assert app.letters.get(kind="fee_notice").delivered_on == D("2025-11-19")
    served = app.events.get(kind=EventKind.DELIVERED)
    assert served.data["notice_event"] == app.events.get(kind=EventKind.FEE_NOTICE_SENT).id
    result = services.compute_clock(app)
    assert result.payment_due == D("2025-12-17") and result.state == lawclock.PAUSED
    assert closing.close_lapsed_cases() == 0  # on 12-16 the period counted from sending would have ended
    pin_today(D("2025-12-18"))
    result = services.compute_clock(reload(app))
    assert result.state == lawclock.FEE_LAPSED and result.closes_on == D("2025-12-18")
    # Payment inside the period counted from service is accepted (the sending date would refuse it).
    app2 = received_app(D("2025-11-03"))
    pin_today(D("2025-11-14"))
    services.issue_fee_notice(app2, h, D("2025-11-14"), **FEE)
    pin_today(D("2025-12-16"))
    handling.record_service(reload(app2), h, D("2025-11-19"), letter_id=reload(app2).letters.get(kind="fee_notice").pk,
                            method="邮寄签收")
    services.record_payment(reload(app2), h, D("2025-12-16"))
    assert reload(app2).status == Status.IN_PROGRESS


def test_A5_consultation_window_runs_from_the_recorded_service(received_app, staff, pin_today):
    """Letter sent 2025-09-10, signed for 09-15: the window ends 10-11, the answer is due 10-29."""
    h = staff["a_handler"]
    pin_today(D("2025-09-10"))
    app = received_app(D("2025-09-01"))
    services.consult(app, h, D("2025-09-10"), party="某建材公司", kind="third_party", matters="合同价格")
    letter = reload(app).letters.get(kind="third_party_consultation")
    assert "自收到本征求意见书之日起15个工作日内填写" in text(letter) and "最迟于" not in text(letter)
    pin_today(D("2025-10-09"))  # counted from sending the window would have ended on 09-30
    services.refresh_clock(reload(app))
    assert reload(app).status == Status.PAUSED
    handling.record_service(reload(app), h, D("2025-09-15"), letter_id=letter.pk, method="邮寄签收")
    assert services.compute_clock(reload(app)).state == lawclock.PAUSED  # window ends 2025-10-11
    pin_today(D("2025-10-20"))
    services.refresh_clock(reload(app))
    app = reload(app)
    assert app.status == Status.IN_PROGRESS and app.due_on == D("2025-10-29")


def test_B8_closure_without_recorded_delivery_says_sent_not_served(received_app, staff, pin_today):
    h = staff["a_handler"]
    pin_today(D("2025-03-05"))
    app = received_app(D("2025-03-03"))
    notice = issue_letter(app, "correction_notice", actor=h, on=D("2025-03-05"), extra={"items": "请写明文号",
                                                                                        "period_days": 15})
    assert notice.delivered_on is None
    app.outcome = "6.1"
    app.save(update_fields=["outcome"])
    closure = issue_letter(app, "closure_notice", actor=h, on=D("2025-03-27"), extra={"outcome": "6.1"})
    assert f"2025年3月5日向您发出《补正告知书》（{notice.number}）" in text(closure)
    assert "送达" not in text(closure)


def test_B8_correction_period_runs_from_service_and_the_closure_names_it(received_app, staff, pin_today):
    h, r = staff["a_handler"], staff["a_reviewer"]
    pin_today(D("2025-03-05"))
    app = received_app(D("2025-03-03"))
    services.request_correction(app, h, D("2025-03-05"), items="请写明文件名称")
    notice = reload(app).letters.get(kind="correction_notice")
    assert "请您自收到本告知书之日起15个工作日内将补正后的申请提交本机关" in text(notice)
    assert "最迟于" not in text(notice)
    pin_today(D("2025-06-30"))
    assert services.compute_clock(reload(app)).state == lawclock.AWAITING_CORRECTION  # never lapses unserved
    assert closing.close_lapsed_cases() == 0
    handling.record_service(reload(app), h, D("2025-03-07"), letter_id=notice.pk, method="邮寄签收")
    result = services.compute_clock(reload(app))
    assert result.correction_due == D("2025-03-28") and result.closes_on == D("2025-03-31")
    services.close_lapsed(reload(app), h, D("2025-03-31"))
    letter = services.issue_answer(reload(app), r, D("2025-06-30"))
    assert letter.kind == "closure_notice"
    assert "该告知书已于2025年3月7日送达" in text(letter)
    assert "最迟于2025年3月28日作出补正" in text(letter)


def test_B8_correction_period_of_less_than_10_working_days_is_refused(received_app, staff):
    app = received_app(D("2025-03-03"))
    with pytest.raises(ActionError, match="补正期限至少为10个工作日"):
        services.request_correction(app, staff["a_handler"], D("2025-03-05"), items="x", period_days=1)
    form = forms.CorrectionForm({"version": 1, "on": "2025-03-05", "items": "x", "period_days": 9})
    assert not form.is_valid() and "period_days" in form.errors
    assert forms.CorrectionForm().fields["period_days"].initial == 15


def test_B14_late_correction_notice_refused_by_the_service(received_app, staff):
    app = received_app(D("2025-03-03"))
    with pytest.raises(ActionError, match="7个工作日内.*2025-03-12"):
        services.request_correction(app, staff["a_handler"], D("2025-03-13"), items="x")
    assert not reload(app).events.filter(kind=EventKind.CORRECTION_REQUESTED).exists()


def test_B14_deadline_command_keeps_the_anchor_for_a_late_correction_notice(db, monkeypatch):
    timeline = {"received": "2025-03-03", "events": [{"type": "correction_requested", "date": "2025-03-13"},
                                                     {"type": "correction_received", "date": "2025-03-24"}]}
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(timeline)))
    out = io.StringIO()
    call_command("deadline", stdout=out)  # exit 0: no SystemExit
    result = json.loads(out.getvalue())
    assert result["due"] == "2025-03-31" and result["anchor"] == "2025-03-03"
    assert any("不因补正重新起算" in line for line in result["explanation"])


def test_deadline_command_reads_served_on_on_a_correction_notice(db, monkeypatch):
    timeline = {"received": "2025-03-03",
                "events": [{"type": "correction_requested", "date": "2025-03-05", "served_on": "2025-03-07"}]}
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(timeline)))
    out = io.StringIO()
    call_command("deadline", stdout=out)
    assert json.loads(out.getvalue())["correction_due"] == "2025-03-28"


def test_the_case_page_offers_service_and_records_it(client, received_app, staff, pin_today):
    h = staff["a_handler"]
    pin_today(D("2025-09-10"))
    app = received_app(D("2025-09-01"))
    services.consult(app, h, D("2025-09-10"), party="某建材公司", kind="third_party", matters="合同价格")
    letter = reload(app).letters.get(kind="third_party_consultation")
    client.force_login(h)
    html = client.get(reverse("case", args=[app.pk])).content.decode()
    assert f'action="/staff/applications/{app.pk}/record_service/"' in html and letter.number in html
    pin_today(D("2025-09-16"))
    resp = client.post(reverse("case-action", args=[app.pk, "record_service"]), {
        "record_service-version": reload(app).version, "record_service-on": "2025-09-15",
        "record_service-letter_id": letter.pk, "record_service-method": "邮寄签收"})
    assert resp.status_code == 302
    assert reload(app).letters.get(pk=letter.pk).delivered_on == D("2025-09-15")
    assert handling.awaiting_service(reload(app)) == []
    with pytest.raises(ActionError, match="已登记于2025-09-15送达；更正送达日期须写明理由"):
        handling.record_service(reload(app), h, D("2025-09-16"), letter_id=letter.pk, method="邮寄签收")
    with pytest.raises(ActionError, match="没有对应的待登记送达的告知书"):
        handling.record_service(reload(app), h, D("2025-09-16"), letter_id=app.letters.get(kind="receipt").pk,
                                method="邮寄签收")


def test_a_wrong_service_date_is_corrected_by_a_superseding_event(received_app, staff, pin_today):
    """The timeline stays append-only (3.3 g): the correction supersedes the earlier record, with a reason."""
    h = staff["a_handler"]
    pin_today(D("2025-11-14"))
    app = received_app(D("2025-11-03"))
    services.issue_fee_notice(app, h, D("2025-11-14"), **FEE, served_on=D("2025-11-14"))  # entered at sending
    notice = reload(app).letters.get(kind="fee_notice")
    assert notice.delivered_on == D("2025-11-14") and services.compute_clock(reload(app)).payment_due == D("2025-12-12")
    pin_today(D("2025-11-25"))
    handling.record_service(reload(app), h, D("2025-11-19"), letter_id=notice.pk, method="邮寄签收",
                            reason="误填为发出日期，邮件回执显示11月19日签收")
    handling.record_service(reload(app), h, D("2025-11-20"), letter_id=notice.pk, method="邮寄签收",
                            reason="邮政查询确认为11月20日签收")
    app = reload(app)
    served = list(app.events.filter(kind=EventKind.DELIVERED).order_by("id"))
    assert len(served) == 2 and served[1].supersedes_id == served[0].id
    assert app.letters.get(pk=notice.pk).delivered_on == D("2025-11-20")
    assert services.compute_clock(app).payment_due == D("2025-12-18")


def test_service_cannot_precede_the_letter_or_lie_in_the_future(received_app, staff, pin_today):
    h = staff["a_handler"]
    pin_today(D("2025-09-12"))
    app = received_app(D("2025-09-01"))
    services.consult(app, h, D("2025-09-10"), party="某公司", kind="co_maker", matters="x")
    letter = reload(app).letters.get(kind="co_maker_consultation")
    with pytest.raises(ActionError, match="不能早于文书日期"):
        handling.record_service(reload(app), h, D("2025-09-09"), letter_id=letter.pk, method="邮寄")
    with pytest.raises(ActionError, match="不能晚于今天"):
        handling.record_service(reload(app), h, D("2025-09-13"), letter_id=letter.pk, method="邮寄")
    with pytest.raises(ActionError, match="送达日期不能早于发出日期"):
        services.consult(reload(app), h, D("2025-09-11"), party="某公司", kind="co_maker", matters="x",
                         served_on=D("2025-09-10"))
