"""Letters against the legal review (issue 14; legal-review.md B1–B3, B12, B13, C1, C3–C11).

Every outcome leaf is rendered under both reconsideration settings and checked for its required
clauses; then one test per finding, built from the case the review describes.
"""

import datetime as dt

import pytest

from gongkai.agencies.models import Agency
from gongkai.applications.models import TimelineEvent
from gongkai.applications.services import ActionError
from gongkai.law import outcomes
from gongkai.letters.models import Letter
from gongkai.letters.services import issue_letter
from gongkai.letters.tests import test_letters

ON = dt.date(2025, 4, 1)
RECEIVED = dt.date(2025, 3, 3)
ORGAN = "示例市人民政府"
COURT = "示例市南湖区人民法院"
REGULATION = outcomes.REGULATION

# legal-review.md B2 / domain 2.11 item 7, with ``{act}`` 答复 or 告知.
FIRST = (
    "如对本{act}不服，应当先自收到本{act}之日起60日内向示例市人民政府申请行政复议；对行政复议决定不服，"
    "或者行政复议机关不予受理、逾期不作决定的，可以自收到行政复议决定书（不予受理决定书）之日起"
    "或者行政复议期限届满之日起15日内依法向人民法院提起行政诉讼。"
)
DIRECT = (
    "如对本{act}不服，可以自收到本{act}之日起60日内向示例市人民政府申请行政复议，"
    "或者自收到本{act}之日起6个月内向示例市南湖区人民法院提起行政诉讼。"
)
# What the organ must never print instead of a name (legal-review.md B12, B13).
DESCRIPTIONS = ("所属的本级人民政府", "的上一级人民政府", "有管辖权的人民法院", "有权机关")

# What the deciding handler records per leaf: (details, reasons, the basis the letter must cite).
CASES = {
    "1": ({"published_where": "门户网站“政府信息公开”专栏，索引号：11010000/2025-00012"}, "",
          "第三十六条第（一）项"),
    "2": ({"how_to_obtain": "本机关于2025年4月3日通过电子邮件提供", "exemption_basis": f"{REGULATION}第十五条"},
          "其中的身份证号码属于个人隐私", "第三十七条、第三十六条第（三）项"),
    "3.1": ({}, "该信息经依法定密，属于机密级国家秘密", "第十四条、第三十六条第（三）项"),
    "3.2": ({"special_law": "《中华人民共和国统计法》第三十九条"}, "属于能够识别单个统计调查对象的资料",
            "第十四条、第三十六条第（三）项"),
    "3.3": ({}, "公开后可能危及公共安全", "第十四条、第三十六条第（三）项"),
    "3.4": ({}, "该信息包含企业的成本构成，属于商业秘密", "第十五条"),
    "3.5": ({}, "属于本机关人事管理信息", "第十六条第一款、第三十六条第（三）项"),
    "3.6": ({}, "属于尚未定稿的讨论记录", "第十六条第二款、第三十六条第（三）项"),
    "3.7": ({}, "属于行政处罚案卷材料", "第十六条第二款、第三十六条第（三）项"),
    "3.8": ({"special_law": "《不动产登记暂行条例》"}, "您申请的是不动产登记资料", "第三十六条第（七）项"),
    "4.1": ({"other_agency": "示例市自然资源和规划局", "other_agency_contact": "0100-87654321"},
            "该信息由示例市自然资源和规划局制作", "第三十六条第（五）项"),
    "4.2": ({}, "本机关没有按您要求的口径汇总的数据", "第三十八条"),
    "4.3": ({}, "补正后仍未能说明所需信息的名称", "第三十条"),
    "5.1": ({}, "您的申请实为对物业公司的投诉", "第三十九条第一款"),
    "5.2": ({"earlier_letter": "示政依复〔2025〕第3号，2025年2月10日"}, "与此前申请相同", "第三十六条第（六）项"),
    "5.3": ({"publication_where": "《示例市人民政府公报》2024年第5期"}, "您要求提供的是政府公报", "第三十九条第二款"),
    "5.4": ({}, "您在一个月内提出了120件内容相近的申请", "第三十五条"),
    "5.5": ({}, "您要求本机关对已获取的批复文件加盖印章予以确认", "第二条"),
    "6.1": ({"correction_due": "2025-03-26"}, "", "第三十条"),
    "6.2": ({"payment_due": "2025-03-28", "amount": 1000}, "", "第四十二条"),
    "6.3": ({"withdrawal": "申请人书面撤回"}, "申请人撤回申请：申请人书面撤回", ""),
}


@pytest.fixture
def agency(db):
    return Agency.objects.create(
        code="shi-fgw", name="示例市发展和改革委员会", kind=Agency.DEPARTMENT, letter_prefix="示发改依复",
        reconsideration_organ=ORGAN, court=COURT, office_phone="0100-12345678",
    )


def make_app(agency, n=1, **over):
    over.setdefault("description", "2024年度老旧小区改造项目的资金使用明细")
    return test_letters.make_app(agency, n, **over)


def answer(agency, officer, code, n=1, **app_over):
    details, reasons, _basis = CASES[code]
    oc = outcomes.by_code(code)
    app = make_app(agency, n=n, outcome=code, outcome_reasons=reasons, **app_over)
    return issue_letter(app, oc.letter_kind, actor=officer, on=ON, extra={"signed": True, "outcome": code, **details})


def text_of(letter):
    return "\n".join(letter.paragraphs)


def test_cases_cover_every_leaf():
    assert set(CASES) == {o.code for o in outcomes.LEAVES}


# -- every leaf under both settings --------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("first", [True, False], ids=["reconsideration-first", "direct-suit"])
@pytest.mark.parametrize("code", list(CASES))
def test_every_leaf_under_both_reconsideration_settings(agency, officer, code, first):
    agency.reconsideration_first = {o.code: first for o in outcomes.LEAVES}
    agency.save()
    oc = outcomes.by_code(code)
    letter = answer(agency, officer, code)
    text = text_of(letter)

    basis = CASES[code][2]
    if basis:
        assert f"根据{REGULATION}{basis}" in text or f"根据{REGULATION}第十五条、第三十二条" in text, basis
    act = "告知" if oc.group == "6" else "答复"
    remedies = [p for p in letter.paragraphs if "行政复议" in p or "行政诉讼" in p]
    if code == "6.3":  # withdrawal: no remedy paragraph, the applicant may apply again (C6, C7)
        assert remedies == []
        assert "您如仍需获取相关政府信息，可以重新提出申请。" in text
    elif first:
        assert remedies == [FIRST.format(act=act)]
        assert "行政复议机关不予受理、逾期不作决定的" in remedies[0]
    else:
        assert remedies == [DIRECT.format(act=act)]
        assert f"自收到本{act}之日起6个月内向{COURT}" in remedies[0]
    if remedies:
        assert ORGAN in remedies[0]
        assert ("如对本告知不服" in remedies[0]) is (oc.group == "6")
    for phrase in DESCRIPTIONS:
        assert phrase not in text
    assert "{{" not in text and "{%" not in text


@pytest.mark.django_db
@pytest.mark.parametrize("code", list(CASES))
def test_default_setting_is_reconsideration_first_unless_the_applicant_gets_the_information(agency, officer, code):
    # legal-review.md B1: on for （二）, （三）, （四）, （五）, （六）1–2; off for （一） and withdrawal.
    text = text_of(answer(agency, officer, code))
    if code in ("1", "6.3"):
        assert "应当先" not in text
    else:
        assert "应当先自收到本" in text and "申请行政复议" in text


# -- B1: the per-organ setting ------------------------------------------------------------------


@pytest.mark.django_db
def test_b1_needs_creation_answer_tells_the_applicant_to_seek_reconsideration_first(agency, officer):
    # The review's case: a （四） answer inviting a direct suit, which would be dismissed (行诉法第四十四条).
    text = text_of(answer(agency, officer, "4.1"))
    assert FIRST.format(act="答复") in text
    assert "或者自收到本答复之日起6个月内" not in text


@pytest.mark.django_db
def test_b1_an_organ_may_narrow_the_setting_per_outcome(agency, officer):
    agency.reconsideration_first = {"4.2": False}
    agency.save()
    assert DIRECT.format(act="答复") in text_of(answer(agency, officer, "4.2", n=1))
    assert FIRST.format(act="答复") in text_of(answer(agency, officer, "4.1", n=2))  # others keep the default
    assert agency.reconsideration_first_for("4.2") is False
    assert agency.reconsideration_first_for("4.1") is True


# -- B2, C3 ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_b2_clause_covers_refusal_and_failure_to_decide(agency, officer):
    text = text_of(answer(agency, officer, "3.1"))
    assert "或者行政复议机关不予受理、逾期不作决定的" in text
    assert "自收到行政复议决定书（不予受理决定书）之日起或者行政复议期限届满之日起15日内" in text


@pytest.mark.django_db
def test_c3_six_months_run_from_receipt_of_the_answer(agency, officer):
    text = text_of(answer(agency, officer, "1"))
    assert "或者自收到本答复之日起6个月内向示例市南湖区人民法院提起行政诉讼。" in text
    assert "或者在6个月内" not in text


# -- B3 -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_b3_confirmation_request_rests_on_article_2_with_the_explanation(agency, officer):
    text = text_of(answer(agency, officer, "5.5"))
    assert f"根据{REGULATION}第二条的规定" in text
    assert "第三十六条的规定" not in text and "第三十六条。" not in text
    assert "本条例所称政府信息，是指行政机关在履行行政管理职能过程中制作或者获取的" in text
    assert "您已经获取所申请的信息" in text and "确认、证明或者重新出具" in text


# -- B12 ------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("missing", ["court", "reconsideration_organ"])
def test_b12_no_answer_while_the_organ_lacks_a_named_organ_or_court(agency, officer, missing):
    setattr(agency, missing, "")
    agency.save()
    label = {"court": "管辖人民法院", "reconsideration_organ": "行政复议机关"}[missing]
    for code in ("1", "3.1", "6.1"):
        with pytest.raises(ActionError) as info:
            answer(agency, officer, code, n=len(code) + (code == "6.1"))
        message = str(info.value)
        assert f"“{label}”" in message and "机关设置" in message
    assert not Letter.objects.exists()
    # Letters without a remedy paragraph still go out; a withdrawal notice has none.
    app = make_app(agency, n=9)
    assert issue_letter(app, "receipt", actor=officer, on=RECEIVED).number.endswith("第1号")
    notice = answer(agency, officer, "6.3", n=10)
    assert "行政复议" not in text_of(notice)


@pytest.mark.django_db
def test_b12_a_refusal_does_not_use_up_a_letter_number(agency, officer):
    agency.court = ""
    agency.save()
    with pytest.raises(ActionError):
        answer(agency, officer, "1")
    agency.court = COURT
    agency.save()
    assert answer(agency, officer, "1", n=2).number == "示发改依复〔2025〕第1号"


@pytest.mark.django_db
def test_b12_answers_name_the_parent_government_only_when_entered(officer):
    gov = Agency.objects.create(code="shi", name="示例市人民政府", kind=Agency.GOVERNMENT)
    dept = Agency.objects.create(code="shi-jy", name="示例市教育局", parent=gov)
    with pytest.raises(ActionError, match="行政复议机关"):
        answer(dept, officer, "1")
    dept.reconsideration_organ, dept.court = ORGAN, COURT
    dept.save()
    text = text_of(answer(dept, officer, "1", n=2))
    assert DIRECT.format(act="答复") in text


# -- B13: the public guide -------------------------------------------------------------------------


@pytest.mark.django_db
def test_b13_guide_states_reconsideration_first_time_limits_and_the_complaint_route(client, agency):
    html = client.get(f"/gk/{agency.code}/guide/").content.decode()
    assert FIRST.format(act="答复") in html
    assert DIRECT.format(act="答复") in html
    assert "须先申请行政复议" in html and "不予公开" in html and "无法提供" in html and "不予处理" in html
    assert "向上一级行政机关或者政府信息公开工作主管部门投诉、举报（条例第五十一条）" in html
    assert "逾期未作出答复的，申请人应当先申请行政复议" in html
    assert "其他处理（其他）" not in html and "申请人撤回申请的除外" in html
    for phrase in DESCRIPTIONS:
        assert phrase not in html


@pytest.mark.django_db
def test_b13_guide_without_names_prints_no_description(client, db):
    bare = Agency.objects.create(code="bare", name="某局")
    html = client.get("/gk/bare/guide/").content.decode()
    assert bare.name in html
    assert "有权机关" not in html and "尚未公布行政复议机关和管辖人民法院" in html
    assert "投诉、举报" in html


@pytest.mark.django_db
def test_b13_guide_follows_the_organ_setting(client, agency):
    agency.reconsideration_first = {o.code: False for o in outcomes.LEAVES}
    agency.save()
    html = client.get(f"/gk/{agency.code}/guide/").content.decode()
    assert FIRST.format(act="答复") not in html and DIRECT.format(act="答复") in html


# -- section C ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_c1_article_38_quoted_verbatim(agency, officer):
    text = text_of(answer(agency, officer, "4.2"))
    assert "能够作区分处理的外" in text and "能够做区分处理" not in text


@pytest.mark.django_db
@pytest.mark.parametrize(("over", "phrase"), [
    ({"channel": "email"}, "收到您通过电子邮件提出的政府信息公开申请"),
    ({"channel": "ordinary_letter"}, "收到您通过来信提出的政府信息公开申请"),
    ({"channel": "registered_post"}, "收到您通过来信提出的政府信息公开申请"),
    ({"channel": "fax"}, "收到您通过传真提出的政府信息公开申请"),
    ({"channel": "in_person"}, "收到您当面提交的《政府信息公开申请表》"),
    ({"channel": "online"}, "收到您通过网上申请渠道提交的《政府信息公开申请表》"),
    ({"channel": "in_person", "is_oral": True},
     "收到您以口头方式提出的政府信息公开申请（由本机关代为填写《政府信息公开申请表》）"),
])
def test_c4_receipt_sentence_follows_the_channel(agency, officer, over, phrase):
    text = text_of(answer(agency, officer, "1", **over))
    assert f"本机关于2025年3月3日{phrase}，您申请获取" in text


@pytest.mark.django_db
def test_c5_the_correction_date_is_stated(agency, officer):
    details, reasons, _ = CASES["3.1"]
    app = make_app(agency, outcome="3.1", outcome_reasons=reasons)
    TimelineEvent.objects.create(application=app, kind="correction_received", occurred_on=dt.date(2025, 3, 10))
    letter = issue_letter(app, "answer_letter", actor=officer, on=ON, extra={"outcome": "3.1"})
    assert "您于2025年3月10日提交补正材料。" in letter.paragraphs[1]
    assert "提交补正材料" not in text_of(answer(agency, officer, "3.1", n=2))


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["6.1", "6.2"])
def test_c6_c7_closure_notices_say_notice_and_invite_a_new_application(agency, officer, code):
    letter = answer(agency, officer, code)
    assert letter.kind == "closure_notice"
    text = text_of(letter)
    assert "如对本告知不服" in text and "如对本答复不服" not in text
    assert "您如仍需获取相关政府信息，可以重新提出申请。" in text


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["6.1", "6.2"])
def test_c7_answer_letter_templates_for_closures_invite_a_new_application(agency, officer, code):
    details, reasons, _ = CASES[code]
    app = make_app(agency, outcome=code, outcome_reasons=reasons)
    letter = issue_letter(app, "answer_letter", actor=officer, on=ON, extra={"outcome": code, **details})
    assert letter.template_source == f"default:answer_letter_{code.replace('.', '_')}"
    text = text_of(letter)
    assert "您如仍需获取相关政府信息，可以重新提出申请。" in text
    assert "如对本告知不服" in text


@pytest.mark.django_db
def test_c8_administrative_query_is_labelled_as_a_referral(agency, officer):
    assert outcomes.by_code("3.8").short_label == "行政查询事项（依照特别规定办理）"
    text = text_of(answer(agency, officer, "3.8"))
    assert "请您依照《不动产登记暂行条例》的规定办理" in text


@pytest.mark.django_db
def test_c10_consultation_pause_starts_the_next_day(agency, officer):
    app = make_app(agency, status="paused")
    letter = issue_letter(app, "consultation_notice", actor=officer, on=ON, extra={"party_label": "第三方"})
    text = text_of(letter)
    assert "答复期限自次日起暂停计算" in text and "自即日起" not in text


@pytest.mark.django_db
def test_c11_extension_refers_to_the_statutory_period(agency, officer):
    app = make_app(agency, status="in_progress")
    letter = issue_letter(app, "extension_notice", actor=officer, on=ON,
                          extra={"reason": "需要检索大量档案", "days": 20, "new_due": "2025-04-29"})
    text = text_of(letter)
    assert "本机关不能在法定答复期限内作出答复" in text
    assert "收到申请之日起20个工作日内作出答复" not in text
