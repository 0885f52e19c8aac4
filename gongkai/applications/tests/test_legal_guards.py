"""Guards on decisions, fees, transfer and closures (issue 14; legal-review.md A1–A4, B4–B6, B9–B11,
B17), each built from the case the review describes. Every refusal leaves the case as it was."""

import datetime as dt

import pytest
from django.urls import reverse

from conftest import applicant_data
from gongkai.applications import handling, services
from gongkai.applications.models import Application, EventKind, Status, TimelineEvent
from gongkai.applications.services import ActionError
from gongkai.holidays.services import current_calendar

D = dt.date.fromisoformat
PAY = {"payment_method": "nontax_code", "payment_reference": "3301-2025-000123"}


def reload(app):
    return Application.objects.get(pk=app.pk)


def text(letter) -> str:
    return "".join(letter.paragraphs)


def unchanged(app, before):
    """Nothing saved: same status, version, outcome, events and letters."""
    now = reload(app)
    assert (now.status, now.version, now.outcome) == before[:3]
    assert (now.events.count(), now.letters.count()) == before[3:]


def snapshot(app):
    app = reload(app)
    return app.status, app.version, app.outcome, app.events.count(), app.letters.count()


# -- A1: no pause for 协办机关 -----------------------------------------------------------------------

def test_assistance_is_no_consultation_and_never_pauses_a1(received_app, staff):
    app = received_app(D("2026-06-01"))
    assert reload(app).due_on == D("2026-06-30")
    before = snapshot(app)
    with pytest.raises(ActionError, match="不属于征求意见，不暂停计时"):
        services.consult(app, staff["a_handler"], D("2026-06-03"), party="示例市统计局", kind="assistance",
                         matters="协助提供统计数据", served_on=D("2026-06-03"))
    unchanged(app, before)
    # A case recorded before the fix: its "协办机关" pause no longer moves the due date (06-30, not 07-21).
    TimelineEvent.objects.create(application=app, kind=EventKind.CONSULTATION_SENT, occurred_on=D("2026-06-03"),
                                 data={"party": "示例市统计局", "party_kind": "assistance", "matters": "x",
                                       "served_on": "2026-06-03"})
    services.refresh_clock(reload(app))
    assert reload(app).due_on == D("2026-06-30")


# -- A2: disclosure over a third party's objection -----------------------------------------------

def _objected(received_app, staff):
    app = received_app(D("2025-09-01"))
    h = staff["a_handler"]
    services.consult(app, h, D("2025-09-10"), party="某建材公司", kind="third_party", matters="供货合同",
                     served_on=D("2025-09-10"))
    sent = reload(app).events.get(kind=EventKind.CONSULTATION_SENT)
    services.record_consultation_reply(reload(app), h, D("2025-09-22"), consultation_id=sent.id, opinion="object",
                                       note="认为涉及商业秘密")
    return reload(app)


def test_disclosure_over_an_objection_needs_the_reason_the_notice_and_the_wait_a2(received_app, staff):
    app = _objected(received_app, staff)
    h, r = staff["a_handler"], staff["a_reviewer"]
    before = snapshot(app)
    with pytest.raises(ActionError, match="某建材公司不同意公开.*公共利益"):
        services.decide(app, h, D("2025-09-24"), outcome="1", details={"how_to_obtain": "邮寄复制件"})
    unchanged(app, before)

    reason = "合同涉及饮用水管网改造的质量责任，公众知情利益重大"
    services.decide(app, h, D("2025-09-24"), outcome="1",
                    details={"how_to_obtain": "邮寄复制件", "public_interest_reason": reason})
    app = reload(app)
    notice = app.letters.get(kind="third_party_disclosure_notice")  # issued by itself, to the third party
    assert notice.addressee == "某建材公司" and reason in text(notice) and "供货合同" in text(notice)
    assert "送达贵方之日起15个工作日届满后" in text(notice)
    with pytest.raises(ActionError, match="请先登记该告知书的送达日期"):
        services.issue_answer(app, r, D("2025-09-25"))
    handling.record_service(app, h, D("2025-09-26"), letter_id=notice.pk, method="邮寄签收")
    held = current_calendar().wd_after(D("2025-09-26"), 15)
    assert held == D("2025-10-23")  # 国庆 2025: 10-01 to 10-08 off, 09-28 and 10-11 worked
    with pytest.raises(ActionError, match="2025年10月23日之后"):
        services.issue_answer(reload(app), r, held)
    assert reload(app).status == Status.DECIDED
    letter = services.issue_answer(reload(app), r, D("2025-10-24"))
    assert letter.kind == "answer_letter" and reload(app).status == Status.ANSWERED


def test_refusing_after_an_objection_issues_no_disclosure_notice(received_app, staff):
    app = _objected(received_app, staff)
    services.decide(app, staff["a_handler"], D("2025-09-24"), outcome="3.4", reasons="涉及该企业商业秘密")
    assert not reload(app).letters.filter(kind="third_party_disclosure_notice").exists()


# -- A3 / B6: Art. 35 in its order ---------------------------------------------------------------

def test_not_processed_needs_the_explanation_request_and_its_deadline_a3(received_app, staff):
    app = received_app(D("2024-09-30"))
    h = staff["a_handler"]
    reasons = "您于2024年9月以相同内容连续提出申请60件"
    before = snapshot(app)
    with pytest.raises(ActionError, match="须先向申请人发出《说明理由告知书》"):
        services.decide(app, h, D("2024-10-08"), outcome="5.4", reasons=reasons)
    unchanged(app, before)
    with pytest.raises(ActionError, match="请写明说明理由的期限"):
        services.request_explanation(app, h, D("2024-10-08"), reason="一月内申请60件")
    request = services.request_explanation(app, h, D("2024-10-08"), reason="一月内申请60件", reply_by=D("2024-10-15"))
    with pytest.raises(ActionError, match="尚未届满"):
        services.decide(reload(app), h, D("2024-10-15"), outcome="5.4", reasons=reasons)
    services.decide(reload(app), h, D("2024-10-16"), outcome="5.4", reasons=reasons)
    letter = services.issue_answer(reload(app), staff["a_reviewer"], D("2024-10-16"))
    body = text(letter)
    assert f"本机关已于2024年10月8日向您发出《说明理由告知书》（{request.number}）" in body
    assert "要求您最迟于2024年10月15日说明申请理由" in body and "截至该期限届满，您未说明申请理由" in body
    assert "申请理由不合理" not in body


def test_not_processed_before_the_deadline_when_the_reasons_are_unreasonable_a3(received_app, staff):
    app = received_app(D("2024-09-30"))
    h = staff["a_handler"]
    services.request_explanation(app, h, D("2024-10-08"), reason="一月内申请60件", reply_by=D("2024-10-15"))
    services.decide(reload(app), h, D("2024-10-10"), outcome="5.4", reasons="申请数量明显超过合理范围",
                    details={"explanation_reply": "申请人10月9日来电称“想看看”。"})
    letter = services.issue_answer(reload(app), staff["a_reviewer"], D("2024-10-10"))
    assert "您说明的理由为：申请人10月9日来电称“想看看”。经审查，本机关认为您的申请理由不合理" in text(letter)


def test_deferral_needs_the_explanation_request_and_refers_to_it_b6(received_app, staff):
    app = received_app(D("2025-05-06"))  # the review's demo case 2025-00005 of 自规局: no request at all
    r = staff["a_reviewer"]
    before = snapshot(app)
    with pytest.raises(ActionError, match="延迟答复前须先向申请人发出《说明理由告知书》"):
        services.defer(app, r, D("2025-05-09"), due=D("2025-07-15"), reason="约300份出让合同需逐份调档")
    unchanged(app, before)
    request = services.request_explanation(app, staff["a_handler"], D("2025-05-09"), reason="一次申请300份合同",
                                           reply_by=D("2025-05-20"))
    with pytest.raises(ActionError, match="请记录申请人说明的理由"):
        services.defer(reload(app), r, D("2025-05-16"), due=D("2025-07-15"), reason="约300份出让合同需逐份调档")
    services.defer(reload(app), r, D("2025-05-16"), due=D("2025-07-15"), reason="约300份出让合同需逐份调档",
                   explanation="申请人5月14日书面说明系开展土地出让课题研究所需。")
    notice = reload(app).letters.get(kind="deferral_notice")
    assert (f"本机关已于2025年5月9日向您发出《说明理由告知书》（{request.number}）" in text(notice)
            and "您说明的理由为：申请人5月14日书面说明系开展土地出让课题研究所需。经审查" in text(notice))
    assert reload(app).due_on == D("2025-07-15")


# -- B4, B5: the legal basis of adverse answers ----------------------------------------------------

def test_partial_disclosure_prints_the_article_of_each_withheld_part_b4(received_app, staff):
    app = received_app(D("2026-06-01"))
    h = staff["a_handler"]
    before = snapshot(app)
    with pytest.raises(ActionError, match="逐项写明不予公开的部分及其依据"):
        services.decide(app, h, D("2026-06-05"), outcome="2", reasons="部分内容涉及个人隐私",
                        details={"how_to_obtain": "电子邮件发送"})
    unchanged(app, before)
    services.decide(app, h, D("2026-06-05"), outcome="2", reasons="部分内容涉及个人隐私",
                    details={"how_to_obtain": "电子邮件发送",
                             "exemption_basis": "附件2被征收人姓名和身份证号码——第十五条\n内部审核意见——16第二款"})
    body = text(services.issue_answer(reload(app), staff["a_reviewer"], D("2026-06-05")))
    assert ("1．附件2被征收人姓名和身份证号码，依据《中华人民共和国政府信息公开条例》第十五条的规定不予公开；"
            "2．内部审核意见，依据《中华人民共和国政府信息公开条例》第十六条第二款的规定不予公开。") in body


def test_third_party_refusal_cites_art_32_only_after_a_consultation_b5(received_app, staff):
    h, r = staff["a_handler"], staff["a_reviewer"]
    app = received_app(D("2026-06-01"))
    before = snapshot(app)
    with pytest.raises(ActionError, match="须先书面征求第三方意见"):
        services.decide(app, h, D("2026-06-05"), outcome="3.4", reasons="涉及商业秘密")
    unchanged(app, before)
    services.decide(app, h, D("2026-06-05"), outcome="3.4", reasons="涉及商业秘密",
                    details={"no_consultation_reason": "该企业已于2025年注销，无法征求意见"})
    body = text(services.issue_answer(reload(app), r, D("2026-06-05")))
    assert "本机关未征求第三方意见，理由是：该企业已于2025年注销，无法征求意见。" in body
    assert "第十五条、第三十六条第（三）项的规定" in body and "第三十二条" not in body

    consulted = _objected(received_app, staff)
    services.decide(consulted, h, D("2025-09-24"), outcome="3.4", reasons="涉及该企业商业秘密")
    body = text(services.issue_answer(reload(consulted), r, D("2025-09-24")))
    assert "第十五条、第三十二条、第三十六条第（三）项的规定" in body and "某建材公司" in body


def test_law_prohibited_names_the_law_b5(received_app, staff):
    app = received_app(D("2026-06-01"))
    h = staff["a_handler"]
    before = snapshot(app)
    with pytest.raises(ActionError, match="名称及条款"):
        services.decide(app, h, D("2026-06-05"), outcome="3.2", reasons="属于统计调查对象的原始资料")
    unchanged(app, before)
    services.decide(app, h, D("2026-06-05"), outcome="3.2", reasons="属于统计调查对象的原始资料",
                    details={"special_law": "《中华人民共和国统计法》第三十九条"})
    body = text(services.issue_answer(reload(app), staff["a_reviewer"], D("2026-06-05")))
    assert "禁止公开该政府信息的法律、行政法规为《中华人民共和国统计法》第三十九条。" in body


# -- A4, B9, B10: fees -----------------------------------------------------------------------------

def test_another_organs_pieces_do_not_make_a_first_application_cost_a4(tree, staff, received_app):
    from gongkai.applications import services as s

    s.register(tree["b"], applicant_data(), [], actor=staff["b_handler"], channel="in_person",
               submitted_on=D("2026-06-02"), pieces=25)
    first = received_app(D("2026-06-10"))  # the same applicant, first application to 甲局 this month
    assert services.prior_pieces_this_month(first) == 0
    with pytest.raises(ActionError, match="0元"):
        services.issue_fee_notice(first, staff["a_handler"], D("2026-06-12"), scale="per_piece", reason="数量较多",
                                  **PAY)


def test_the_twelfth_application_of_the_month_costs_100_yuan_b9(received_app, staff):
    for day in range(1, 12):  # eleven applications, none charged
        received_app(D(f"2026-06-{day:02d}"))
    twelfth = received_app(D("2026-06-12"))
    assert services.prior_pieces_this_month(twelfth) == 11
    services.issue_fee_notice(twelfth, staff["a_handler"], D("2026-06-12"), scale="per_piece",
                              reason="一个月内申请12件", served_on=D("2026-06-12"), **PAY)
    notice = reload(twelfth).events.get(kind=EventKind.FEE_NOTICE_SENT)
    assert notice.data["amount"] == 100 and notice.data["prior_pieces"] == 11
    assert "第12件 1件×100元=100元；合计100元" in text(reload(twelfth).letters.get(kind="fee_notice"))


def test_fee_notice_names_the_payment_method_and_per_volume_follows_the_delivery_b10(received_app, staff):
    h = staff["a_handler"]
    app = received_app(D("2025-11-03"), delivery="post")
    before = snapshot(app)
    with pytest.raises(ActionError, match="须写明缴纳方式"):
        services.issue_fee_notice(app, h, D("2025-11-14"), scale="per_volume", units=250, reason="页数过多")
    unchanged(app, before)
    services.issue_fee_notice(app, h, D("2025-11-14"), scale="per_volume", units=250, reason="页数过多",
                              payment_method="payment_slip", payment_reference="缴款书编号 3301202511140001")
    assert "缴纳方式：缴款书编号，缴款书编号 3301202511140001。" in text(reload(app).letters.get(kind="fee_notice"))

    on_site = received_app(D("2025-11-03"), delivery="on_site")
    before = snapshot(on_site)
    with pytest.raises(ActionError, match="当场阅读、抄录.*不能按量计收"):
        services.issue_fee_notice(on_site, h, D("2025-11-14"), scale="per_volume", units=250, reason="页数过多", **PAY)
    unchanged(on_site, before)


# -- B11: transfer only with consent ---------------------------------------------------------------

def test_transfer_without_consent_only_names_the_organ_b11(received_app, staff, tree):
    app = received_app(D("2025-03-03"))
    count = Application.objects.count()
    assert services.transfer(app, staff["a_handler"], D("2025-03-06"), to_agency=tree["b"], reasons="属乙局职责") is None
    assert Application.objects.count() == count  # nothing forwarded: no personal data leaves the organ
    body = text(services.issue_answer(reload(app), staff["a_reviewer"], D("2025-03-07")))
    assert "负责公开该政府信息的行政机关为测试市乙局" in body and "您可以向该机关提出申请" in body
    assert "转送" not in body


def test_transfer_with_consent_forwards_and_says_so_b11(received_app, staff, tree):
    app = received_app(D("2025-03-03"))
    fwd = services.transfer(app, staff["a_handler"], D("2025-03-06"), to_agency=tree["b"], reasons="属乙局职责",
                            consent="2025年3月5日申请人电话同意，已录音")
    assert fwd.agency == tree["b"] and fwd.forwarded_from_id == app.pk
    body = text(services.issue_answer(reload(app), staff["a_reviewer"], D("2025-03-07")))
    assert "经您同意，本机关已将您的申请转送测试市乙局" in body


# -- B17: closures are signed like answers ---------------------------------------------------------

def test_lapse_closure_is_signed_by_the_unit_head_b17(received_app, staff):
    app = received_app(D("2025-11-03"))
    h, r = staff["a_handler"], staff["a_reviewer"]
    services.issue_fee_notice(app, h, D("2025-11-14"), scale="per_volume", units=140, reason="页数过多",
                              served_on=D("2025-11-14"), **PAY)
    assert services.close_lapsed_cases(D("2025-12-16")) == 1  # the schedule records （六）2 …
    app = reload(app)
    assert app.status == Status.DECIDED and app.outcome == "6.2" and not app.letters.filter(kind="closure_notice")
    with pytest.raises(ActionError, match="无权"):  # … and only the unit head signs the notice
        services.issue_answer(app, h, D("2025-12-16"))
    letter = services.issue_answer(app, r, D("2025-12-16"))
    assert letter.kind == "closure_notice" and letter.signed_by == r
    assert reload(app).concluded_on == D("2025-12-16") and reload(app).status == Status.ANSWERED


def test_a_withdrawal_signed_later_prints_the_day_of_the_withdrawal(received_app, staff):
    """B17 makes the unit head sign a withdrawal's notice, perhaps days later: the notice still says when
    the applicant withdrew, not the day it was signed."""
    app = received_app(D("2025-03-03"))
    services.withdraw(app, staff["a_handler"], D("2025-03-05"), reason="申请人书面撤回")
    letter = services.issue_answer(reload(app), staff["a_reviewer"], D("2025-03-10"))
    body = text(letter)
    assert "您已于2025年3月5日撤回上述申请" in body and "2025年3月10日撤回" not in body


def test_withdrawal_before_receipt_needs_no_letter(tree, staff):
    app = services.register(tree["a"], applicant_data(), [], actor=staff["a_handler"], channel="email",
                            submitted_on=D("2025-03-03"))
    services.withdraw(app, staff["a_handler"], D("2025-03-04"), reason="申请人邮件撤回")
    app = reload(app)
    assert app.status == Status.WITHDRAWN and app.outcome == "" and not app.letters.filter(kind="closure_notice")


# -- the form: a clear message, nothing saved ------------------------------------------------------

def test_the_decision_form_shows_the_refusal_and_saves_nothing(client, received_app, staff):
    app = received_app(D("2026-06-01"))
    before = snapshot(app)
    client.force_login(staff["a_handler"])
    resp = client.post(reverse("case-action", args=[app.pk, "decide"]), {
        "decide-version": app.version, "decide-on": "2026-06-05", "decide-outcome": "2",
        "decide-reasons": "部分内容涉及个人隐私", "decide-how_to_obtain": "电子邮件发送",
    }, follow=True)
    assert "“作出决定”未完成：部分公开须逐项写明不予公开的部分及其依据" in resp.content.decode()
    unchanged(app, before)


def test_partial_disclosure_withholding_the_objectors_part_needs_no_notice_a2(received_app, staff):
    app = _objected(received_app, staff)
    services.decide(app, staff["a_handler"], D("2025-09-24"), outcome="2", reasons="供货合同单价属于商业秘密",
                    details={"how_to_obtain": "邮寄复制件", "exemption_basis": "供货合同单价和付款条件——第十五条"})
    assert not reload(app).letters.filter(kind="third_party_disclosure_notice").exists()
    letter = services.issue_answer(reload(app), staff["a_reviewer"], D("2025-09-24"))  # no wait: nothing disclosed over it
    assert "1．供货合同单价和付款条件，依据《中华人民共和国政府信息公开条例》第十五条的规定不予公开" in text(letter)


def test_the_registration_form_records_the_pieces_b9(client, tree, staff):
    from gongkai.applications.tests.test_intake import form_data

    client.force_login(staff["a_handler"])
    client.post(reverse("register"), form_data(tree["a"], channel="in_person", submitted_on="2026-06-03", pieces="12"))
    first = Application.objects.get()
    assert first.pieces == 12
    second = received_app_for(tree, staff, D("2026-06-04"))
    assert services.prior_pieces_this_month(second) == 12  # piece 13 of the month: charged


def received_app_for(tree, staff, on):
    return services.register(tree["a"], applicant_data(), [], actor=staff["a_handler"], channel="in_person",
                             submitted_on=on)


def test_an_online_application_is_split_when_its_receipt_is_confirmed_b9(tree, staff):
    app = services.submit_online(tree["a"], applicant_data(), [])
    services.confirm_receipt(app, staff["a_handler"], app.submitted_on, pieces=3)
    assert reload(app).pieces == 3
