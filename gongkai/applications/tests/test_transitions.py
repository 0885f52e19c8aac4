"""Every allowed and forbidden transition of the application lifecycle, through the services."""

import datetime as dt

import pytest

from gongkai.applications import services
from gongkai.applications.models import Application, EventKind, Status, TimelineEvent
from gongkai.applications.services import ActionError
from gongkai.law import today as law_today

D = dt.date.fromisoformat


def reload(app):
    return Application.objects.get(pk=app.pk)


def test_in_person_application_is_received_on_submission(received_app):
    app = received_app(D("2024-09-30"))
    assert app.status == Status.IN_PROGRESS
    assert app.received_on == D("2024-09-30")
    assert reload(app).due_on == D("2024-11-01")  # domain.md 3.3 a
    assert app.letters.filter(kind="receipt").count() == 1


def test_online_application_waits_for_confirmation(tree, staff):
    from conftest import applicant_data

    app = services.submit_online(tree["a"], applicant_data(), [])
    assert app.status == Status.PENDING and app.received_on is None and app.due_on is None
    assert len(app.tracking_code) >= 10
    with pytest.raises(ActionError, match="早于提交日期"):
        services.confirm_receipt(app, staff["a_handler"], app.submitted_on - dt.timedelta(days=1))
    services.confirm_receipt(app, staff["a_handler"], app.submitted_on)
    app = reload(app)
    assert app.status == Status.IN_PROGRESS and app.received_on == app.submitted_on
    with pytest.raises(ActionError, match="当前状态"):
        services.confirm_receipt(app, staff["a_handler"], app.submitted_on)


def test_auto_confirm_online(tree):
    from conftest import applicant_data

    tree["a"].auto_confirm_online = True
    tree["a"].save()
    app = services.submit_online(tree["a"], applicant_data(), [])
    assert app.status == Status.IN_PROGRESS and app.received_on == app.submitted_on


def test_correction_once_within_seven_working_days_and_restart(received_app, staff):
    app = received_app(D("2025-03-03"))
    h = staff["a_handler"]
    with pytest.raises(ActionError, match="7个工作日内"):
        services.request_correction(app, h, D("2025-03-13"), items="请写明文件名称")
    services.request_correction(app, h, D("2025-03-05"), items="请写明文件名称", period_days=15)
    app = reload(app)
    assert app.status == Status.AWAITING_CORRECTION and app.due_on is None
    # No second correction, no pause, no extension while awaiting correction.
    with pytest.raises(ActionError):
        services.request_correction(app, h, D("2025-03-06"), items="再次补正")
    with pytest.raises(ActionError):
        services.consult(app, h, D("2025-03-06"), party="某公司", kind="third_party", matters="x")
    with pytest.raises(ActionError):
        services.extend(app, staff["a_reviewer"], D("2025-03-06"), days=10, reason="r")
    services.record_correction(app, h, D("2025-03-20"))
    app = reload(app)
    assert app.status == Status.IN_PROGRESS and app.due_on == D("2025-04-18")  # domain.md 3.3 c
    with pytest.raises(ActionError):
        services.request_correction(app, h, D("2025-03-21"), items="第三次")


def test_correction_lapse_closes_as_6_1(received_app, staff):
    app = received_app(D("2025-03-03"))
    h = staff["a_handler"]
    services.request_correction(app, h, D("2025-03-05"), items="请写明文件名称", served_on=D("2025-03-05"))
    services.close_lapsed(reload(app), h, D("2025-03-27"))
    app = reload(app)
    assert app.outcome == "6.1" and app.status == Status.DECIDED and app.concluded_on is None
    letter = services.issue_answer(app, staff["a_reviewer"], D("2025-03-27"))  # signed like an answer (B17)
    app = reload(app)
    assert app.concluded_on == D("2025-03-27") and app.status == Status.ANSWERED
    assert letter.kind == "closure_notice" and letter.signed_by == staff["a_reviewer"]


def test_close_lapsed_refused_while_period_runs(received_app, staff, pin_today):
    app = received_app(D("2025-03-03"))
    services.request_correction(app, staff["a_handler"], D("2025-03-05"), items="x")
    pin_today(D("2025-03-20"))
    with pytest.raises(ActionError, match="尚未届满"):
        services.close_lapsed(reload(app), staff["a_handler"], D("2025-03-20"))


def test_consultation_pauses_and_reply_resumes(received_app, staff, pin_today):
    app = received_app(D("2025-09-01"))
    pin_today(D("2025-09-12"))
    h = staff["a_handler"]
    services.consult(app, h, D("2025-09-10"), party="某建材公司", kind="third_party", matters="合同")
    app = reload(app)
    assert app.status == Status.PAUSED
    assert app.letters.filter(kind="third_party_consultation", public=False).exists()
    assert app.letters.filter(kind="consultation_notice").exists()
    sent = app.events.get(kind=EventKind.CONSULTATION_SENT)
    pin_today(D("2025-09-22"))
    services.record_consultation_reply(app, h, D("2025-09-22"), consultation_id=sent.id, opinion="agree")
    app = reload(app)
    assert app.status == Status.IN_PROGRESS and app.due_on == D("2025-10-15")  # domain.md 3.3 d
    with pytest.raises(ActionError):
        services.record_consultation_reply(app, h, D("2025-09-23"), consultation_id=sent.id, opinion="agree")


def test_unanswered_consultation_resumes_at_window_end(received_app, staff):
    app = received_app(D("2025-09-01"))
    services.consult(app, staff["a_handler"], D("2025-09-10"), party="某公司", kind="co_maker", matters="x",
                     served_on=D("2025-09-10"))
    services.refresh_clock(reload(app))
    assert reload(app).due_on == D("2025-10-24")  # today is past the window end 2025-09-30


def test_extension_needs_reviewer_once_and_before_due(received_app, staff):
    app = received_app(D("2024-09-30"))
    with pytest.raises(ActionError, match="无权"):
        services.extend(app, staff["a_handler"], D("2024-10-28"), days=20, reason="材料较多")
    with pytest.raises(ActionError, match="延期须在答复期限届满前批准"):
        services.extend(app, staff["a_reviewer"], D("2024-11-04"), days=20, reason="材料较多")
    with pytest.raises(ActionError, match="1至20"):
        services.extend(app, staff["a_reviewer"], D("2024-10-28"), days=21, reason="材料较多")
    services.extend(app, staff["a_reviewer"], D("2024-10-28"), days=20, reason="材料较多")
    app = reload(app)
    assert app.due_on == D("2024-11-29") and app.extended  # domain.md 3.3 e
    ev = app.events.get(kind=EventKind.EXTENSION)
    assert ev.data["approver"] == "a_reviewer"
    assert app.letters.filter(kind="extension_notice").exists()
    with pytest.raises(ActionError, match="只能延期一次"):
        services.extend(app, staff["a_reviewer"], D("2024-10-29"), days=5, reason="再次")


def test_extension_on_the_due_date_itself_is_allowed(received_app, staff):
    app = received_app(D("2024-09-30"))
    services.extend(app, staff["a_reviewer"], D("2024-11-01"), days=5, reason="r")
    assert reload(app).due_on == D("2024-11-08")


def test_fee_notice_pause_payment_and_lapse(received_app, staff):
    app = received_app(D("2025-11-03"))
    h = staff["a_handler"]
    with pytest.raises(ActionError, match="理由"):
        services.issue_fee_notice(app, h, D("2025-11-14"), scale="per_volume", units=250, reason="")
    with pytest.raises(ActionError, match="0元"):
        services.issue_fee_notice(app, h, D("2025-11-14"), scale="per_volume", units=30, reason="超量", payment_method="nontax_code", payment_reference="3301-2025-000123")
    services.issue_fee_notice(app, h, D("2025-11-14"), scale="per_volume", units=250, reason="申请页数明显超过合理范围",
                              payment_method="nontax_code", payment_reference="3301-2025-000123",
                              served_on=D("2025-11-14"))
    app = reload(app)
    notice = app.events.get(kind=EventKind.FEE_NOTICE_SENT)
    assert notice.data["amount"] == 4700 and notice.data["payment_due"] == "2025-12-12"
    assert app.status == Status.PAUSED
    with pytest.raises(ActionError, match="当前状态|只能发出一次收费通知"):
        services.issue_fee_notice(app, h, D("2025-11-15"), scale="per_piece", units=20, reason="x")
    services.record_payment(app, h, D("2025-12-02"))
    app = reload(app)
    assert app.status == Status.IN_PROGRESS and app.due_on == D("2025-12-17")  # domain.md 3.3 f


def test_fee_lapse_closes_as_6_2(received_app, staff):
    app = received_app(D("2025-11-03"))
    services.issue_fee_notice(app, staff["a_handler"], D("2025-11-14"), scale="per_volume", units=140, reason="页数过多",
                              payment_method="nontax_code", payment_reference="3301-2025-000123", served_on=D("2025-11-14"))
    services.close_lapsed(reload(app), staff["a_handler"], D("2025-12-15"))
    services.issue_answer(reload(app), staff["a_reviewer"], D("2025-12-15"))
    app = reload(app)
    assert app.outcome == "6.2" and app.concluded_on == D("2025-12-15")


def test_decide_issue_deliver_close(received_app, staff):
    app = received_app(D("2025-03-03"))
    h, r = staff["a_handler"], staff["a_reviewer"]
    with pytest.raises(ActionError, match="理由"):
        services.decide(app, h, D("2025-03-10"), outcome="3.4", reasons="")
    with pytest.raises(ActionError, match="逾期"):
        services.decide(app, h, D("2025-03-10"), outcome="6.1", reasons="x")
    with pytest.raises(ActionError):
        services.decide(app, h, D("2025-03-10"), outcome="9.9", reasons="x")
    services.decide(app, h, D("2025-03-10"), outcome="3.4", reasons="涉及商业秘密",
                    details={"no_consultation_reason": "该企业已注销，无法征求意见"})
    app = reload(app)
    assert app.status == Status.DECIDED and app.outcome == "3.4"
    with pytest.raises(ActionError, match="无权"):
        services.issue_answer(app, h, D("2025-03-11"))
    letter = services.issue_answer(app, r, D("2025-03-11"))
    app = reload(app)
    assert app.status == Status.ANSWERED and app.concluded_on == D("2025-03-11")
    assert letter.kind == "answer_letter" and letter.signed_by == r
    with pytest.raises(ActionError):
        services.decide(app, h, D("2025-03-12"), outcome="1", reasons="", details={"how_to_obtain": "x"})
    services.record_delivery(app, h, D("2025-03-12"), method="电子邮件")
    app = reload(app)
    assert app.status == Status.CLOSED
    assert app.letters.get(pk=letter.pk).delivered_on == D("2025-03-12")
    # Supplementary answer: a new event and letter, not a second count.
    services.supplementary_answer(app, r, D("2025-03-20"), text="补充提供2024年度的相关信息")
    app = reload(app)
    assert app.outcome == "3.4" and app.concluded_on == D("2025-03-11")
    assert app.letters.filter(kind="supplementary_answer").count() == 1


def test_withdrawal_counts_as_6_3_and_blocks_answers(received_app, staff):
    app = received_app(D("2025-03-03"))
    h = staff["a_handler"]
    services.withdraw(app, h, D("2025-03-05"), reason="申请人书面撤回")
    app = reload(app)
    assert app.status == Status.DECIDED and app.outcome == "6.3" and app.concluded_on is None
    for call in (
        lambda: services.decide(app, h, D("2025-03-06"), outcome="1", details={"how_to_obtain": "x"}),
        lambda: services.withdraw(app, h, D("2025-03-06"), reason="x"),
    ):
        with pytest.raises(ActionError, match="已终止办理"):
            call()
    with pytest.raises(ActionError, match="当前状态"):
        services.request_correction(app, h, D("2025-03-06"), items="x")
    letter = services.issue_answer(app, staff["a_reviewer"], D("2025-03-06"))  # signed like an answer (B17)
    app = reload(app)
    assert letter.kind == "closure_notice" and letter.signed_by == staff["a_reviewer"]
    assert app.status == Status.ANSWERED and app.concluded_on == D("2025-03-06")


def test_route_before_receipt_only(tree, staff, received_app):
    from conftest import applicant_data

    app = services.submit_online(tree["a"], applicant_data(), [])
    services.route(app, staff["a_handler"], tree["b"], reason="属乙局职责")
    app = reload(app)
    assert app.agency == tree["b"] and app.outcome == "" and app.status == Status.PENDING
    received = received_app(D("2025-03-03"))
    with pytest.raises(ActionError, match="当前状态"):
        services.route(received, staff["a_handler"], tree["b"], reason="x")


def test_dates_in_the_future_or_before_receipt_rejected(received_app, staff):
    app = received_app(D("2025-03-03"))
    with pytest.raises(ActionError, match="晚于今天"):
        services.decide(app, staff["a_handler"], law_today.today() + dt.timedelta(days=1), outcome="1",
                        details={"how_to_obtain": "x"})
    with pytest.raises(ActionError, match="早于"):
        services.decide(app, staff["a_handler"], D("2025-03-01"), outcome="1", details={"how_to_obtain": "x"})


def test_stale_version_cannot_double_apply(received_app, staff):
    """Two officers submit the same form rendered at the same version: only one applies."""
    app = received_app(D("2024-09-30"))
    version = reload(app).version
    services.extend(app, staff["a_reviewer"], D("2024-10-28"), days=20, reason="r", expected_version=version)
    with pytest.raises(ActionError, match="已被他人更新"):
        services.extend(app, staff["a_reviewer"], D("2024-10-28"), days=20, reason="r", expected_version=version)
    assert reload(app).events.filter(kind=EventKind.EXTENSION).count() == 1


def test_timeline_is_append_only(received_app):
    from gongkai.applications.models import AppendOnlyError

    app = received_app(D("2025-03-03"))
    event = app.events.first()
    event.note = "篡改"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    assert TimelineEvent.objects.get(pk=event.pk).note == ""


def test_once_only_events_are_unique_in_the_database(received_app, staff):
    from django.db import IntegrityError, transaction

    app = received_app(D("2024-09-30"))
    services.extend(app, staff["a_reviewer"], D("2024-10-28"), days=20, reason="r")
    with pytest.raises(IntegrityError), transaction.atomic():
        TimelineEvent.objects.create(application=app, kind=EventKind.EXTENSION, occurred_on=D("2024-10-29"),
                                     data={"days": 5})


def test_calendar_change_recomputes_open_cases(received_app, staff, django_capture_on_commit_callbacks):
    """domain.md 3.3 g: fixing holiday data fixes open cases, and the history says why."""
    from gongkai.holidays.models import CalendarDay

    app = received_app(D("2025-09-22"))
    assert reload(app).due_on == D("2025-10-24")
    with django_capture_on_commit_callbacks(execute=True):
        CalendarDay.objects.create(date=D("2025-10-11"), kind=CalendarDay.HOLIDAY, note="模拟漏录调休")
    app = reload(app)
    assert app.due_on == D("2025-10-27")
    with django_capture_on_commit_callbacks(execute=True):
        CalendarDay.objects.filter(date=D("2025-10-11")).delete()
    app = reload(app)
    assert app.due_on == D("2025-10-24")
    notes = list(app.events.filter(kind=EventKind.DUE_RECOMPUTED).values_list("note", flat=True))
    assert notes == ["节假日安排数据变更", "节假日安排数据变更"]


def test_withdrawn_calendar_year_gives_provisional_dates(received_app, django_capture_on_commit_callbacks):
    """Revised 3.1: a year not confirmed is never a wall; the date is counted on the statutory rule."""
    from gongkai.holidays.models import CalendarYear

    app = received_app(D("2026-11-02"))
    assert reload(app).due_on == D("2026-11-30") and not reload(app).due_provisional
    with django_capture_on_commit_callbacks(execute=True):
        CalendarYear.objects.create(year=2026, complete=False)  # an administrator withdraws the year's data
    app = reload(app)
    assert app.due_on == D("2026-11-30") and app.clock_problem == ""
    assert app.due_provisional and app.provisional_years == [2026]


# -- the year boundary (revised 3.1): nothing is refused for lack of next year's data ---------------


@pytest.fixture
def december(pin_today):
    pin_today(D("2026-12-07"))
    return D("2026-12-07")


def test_case_due_next_year_is_provisional(received_app, december):
    app = reload(received_app(december))
    assert app.due_on == D("2027-01-05") and app.due_provisional and app.provisional_years == [2027]
    assert app.due_earliest == D("2027-01-05") and app.clock_problem == ""
    assert "2027年节假日安排" in app.provisional_note


@pytest.mark.parametrize("action", ["correction", "extension", "consultation", "fee"])
def test_no_action_is_refused_for_lack_of_next_years_data(received_app, staff, december, action):
    app = received_app(D("2026-11-27"))  # due 2026-12-25, inside confirmed 2026
    h, r = staff["a_handler"], staff["a_reviewer"]
    on = D("2026-12-04")
    if action == "correction":
        services.request_correction(app, h, D("2026-12-01"), items="请写明文号")  # period ends in 2026
        services.record_correction(reload(app), h, december)
        assert reload(app).due_on == D("2027-01-05")
    elif action == "extension":
        services.extend(app, r, on, days=20, reason="需要检索大量档案")
        assert reload(app).due_on == D("2027-01-25")  # 20 + 20 WD, 元旦 skipped
    elif action == "consultation":
        services.consult(app, h, on, party="某建材公司", kind="third_party", matters="合同")
        assert reload(app).clock_state == "paused"  # its window ends 2026-12-25, inside 2026
    else:
        services.issue_fee_notice(app, h, on, scale="per_volume", units=120, reason="数量明显超过合理范围", payment_method="nontax_code", payment_reference="3301-2025-000123",
                                  served_on=on)
        assert reload(app).clock_state == "paused" and reload(app).due_provisional  # payment due in 2027
    app = reload(app)
    assert app.clock_problem == ""


def test_confirming_the_year_recomputes_and_says_so(received_app, december, django_capture_on_commit_callbacks):
    from gongkai.holidays.models import CalendarDay, CalendarYear

    app = received_app(december)
    assert reload(app).due_on == D("2027-01-05")
    with django_capture_on_commit_callbacks(execute=True):
        # An invented arrangement, to see the change: 01-04 off as well.
        CalendarDay.objects.create(date=D("2027-01-01"), kind=CalendarDay.HOLIDAY, note="元旦")
        CalendarDay.objects.create(date=D("2027-01-04"), kind=CalendarDay.HOLIDAY, note="元旦")
        CalendarYear.objects.create(year=2027, complete=True, source="国务院办公厅关于2027年部分节假日安排的通知")
    app = reload(app)
    assert app.due_on == D("2027-01-06") and not app.due_provisional and app.due_earliest == D("2027-01-06")
    events = list(app.events.filter(kind=EventKind.DUE_RECOMPUTED))
    assert len(events) == 1  # one recomputation for the whole transaction
    assert events[0].note == "期限已按2027年节假日安排重算"
    assert events[0].data == {"old": "2027-01-05", "new": "2027-01-06"}


def test_in_person_registration_issues_a_private_registration_form(received_app):
    app = received_app(D("2025-03-03"))
    form = app.letters.get(kind="registration_form")
    assert form.public is False  # it carries the full ID number and address


def test_explanation_request_keeps_the_clock_running(received_app, staff):
    app = received_app(D("2024-09-30"))
    with pytest.raises(ActionError, match="至少为5个工作日（不早于2024年10月14日）"):  # 10-12 a make-up Saturday
        services.request_explanation(app, staff["a_handler"], D("2024-10-08"), reason="一月内申请60件",
                                     reply_by=D("2024-10-11"))
    letter = services.request_explanation(app, staff["a_handler"], D("2024-10-08"), reason="一月内申请60件",
                                          reply_by=D("2024-10-15"))
    assert letter.kind == "explanation_request" and "第三十五条" in "".join(letter.paragraphs)
    assert reload(app).due_on == D("2024-11-01")


def test_deferral_fixes_a_later_date_and_needs_the_unit_head(received_app, staff):
    app = received_app(D("2024-09-30"))
    with pytest.raises(ActionError, match="无权"):
        services.defer(app, staff["a_handler"], D("2024-10-10"), due=D("2024-12-20"), reason="申请量大")
    services.request_explanation(app, staff["a_handler"], D("2024-10-08"), reason="一月内申请60件",
                                 reply_by=D("2024-10-15"))
    why = "申请人称系撰写学位论文需要"
    with pytest.raises(ActionError, match="晚于当前答复期限"):
        services.defer(app, staff["a_reviewer"], D("2024-10-10"), due=D("2024-10-31"), reason="申请量大", explanation=why)
    services.defer(app, staff["a_reviewer"], D("2024-10-10"), due=D("2024-12-20"), reason="申请量大", explanation=why)
    app = reload(app)
    assert app.due_on == D("2024-12-20") and app.letters.filter(kind="deferral_notice").exists()


def test_api_schema_generates(client, staff):
    client.force_login(staff["a_handler"])
    resp = client.get("/api/schema/")
    assert resp.status_code == 200 and b"/api/applications/" in resp.content


def test_lapsed_consultation_window_returns_case_to_in_progress(received_app, staff):
    """Regression: after an unanswered consultation's window ended, the case stayed 暂停计时 and
    no decision could be recorded."""
    app = received_app(D("2025-09-01"))
    services.consult(app, staff["a_handler"], D("2025-09-10"), party="某公司", kind="third_party", matters="x",
                     served_on=D("2025-09-10"))
    app = reload(app)
    assert app.status == Status.IN_PROGRESS  # today is long past the window end 2025-09-30
    assert app.due_on == D("2025-10-24")
    services.decide(app, staff["a_handler"], D("2025-10-20"), outcome="1", details={"how_to_obtain": "邮寄"})
    assert reload(app).status == Status.DECIDED


def test_supervisor_cannot_open_letters(client, received_app, staff):
    from django.urls import reverse

    app = received_app(D("2025-03-03"))
    letter = app.letters.get(kind="receipt")
    client.force_login(staff["supervisor"])
    assert client.get(reverse("letter", args=[letter.pk])).status_code == 404
    client.force_login(staff["a_handler"])
    assert client.get(reverse("letter", args=[letter.pk])).status_code == 200


def test_transfer_after_receipt_answers_4_1_and_forwards(received_app, staff, tree):
    app = received_app(D("2025-03-03"))
    fwd = services.transfer(app, staff["a_handler"], D("2025-03-06"), to_agency=tree["b"], reasons="属乙局职责",
                            consent="2025年3月5日申请人电话同意转送，已录音")
    app = reload(app)
    assert app.outcome == "4.1" and app.status == Status.DECIDED
    assert fwd.agency == tree["b"] and fwd.status == Status.PENDING and fwd.forwarded_from == app
    assert fwd.received_on is None and fwd.description == app.description
    letter = services.issue_answer(app, staff["a_reviewer"], D("2025-03-07"))
    text = "".join(letter.paragraphs)
    assert "测试市乙局" in text and "第三十六条第（五）项" in text
    with pytest.raises(ActionError):
        services.transfer(reload(app), staff["a_handler"], D("2025-03-08"), to_agency=tree["b"], reasons="x")
