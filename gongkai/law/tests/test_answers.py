"""The answer requirements of law/answers.py (legal-review.md A2, A3, B4, B5, B6), each from the case
the review describes."""

import datetime as dt

import pytest

from gongkai.law import answers
from gongkai.law.answers import ExplanationRequest, Facts, refusal

D = dt.date


def test_partial_disclosure_needs_the_article_per_withheld_part_b4():
    # The demo letter: 「部分内容涉及个人隐私」, no Art. 14, 15 or 16.
    assert "逐项写明" in refusal("2", "部分内容涉及个人隐私", {"how_to_obtain": "邮寄"}, Facts(), D(2026, 6, 1))
    bad = {"exemption_basis": "第3页——第十六条"}  # which paragraph of Art. 16?
    assert "第1行" in refusal("2", "涉及内部事务", bad, Facts(), D(2026, 6, 1))
    good = {"exemption_basis": "第3页联系人信息——第十五条\n第5页会议纪要：16第二款\n统计数据——《中华人民共和国统计法》第二十五条"}
    assert refusal("2", "涉及个人隐私", good, Facts(), D(2026, 6, 1)) is None
    parts, _ = answers.exemption_parts(good["exemption_basis"])
    assert answers.format_exemptions(parts) == (
        "1．第3页联系人信息，依据《中华人民共和国政府信息公开条例》第十五条的规定不予公开；"
        "2．第5页会议纪要，依据《中华人民共和国政府信息公开条例》第十六条第二款的规定不予公开；"
        "3．统计数据，依据《中华人民共和国统计法》第二十五条的规定不予公开")


def test_law_prohibited_needs_the_named_law_b5():
    assert "名称及条款" in refusal("3.2", "法律禁止公开", {}, Facts(), D(2026, 6, 1))
    assert "名称及条款" in refusal("3.2", "法律禁止公开", {"special_law": "统计法"}, Facts(), D(2026, 6, 1))
    assert refusal("3.2", "统计调查对象的资料", {"special_law": "《中华人民共和国统计法》第三十九条"}, Facts(),
                   D(2026, 6, 1)) is None


def test_third_party_refusal_needs_a_consultation_or_a_reason_b5():
    assert "征求第三方意见" in refusal("3.4", "涉及商业秘密", {}, Facts(), D(2026, 6, 1))
    assert refusal("3.4", "涉及商业秘密", {}, Facts(third_party_consulted=True), D(2026, 6, 1)) is None
    assert refusal("3.4", "涉及商业秘密", {"no_consultation_reason": "该企业已注销，无法联系"}, Facts(),
                   D(2026, 6, 1)) is None


def test_disclosure_over_an_objection_needs_a_public_interest_reason_a2():
    facts = Facts(objections=("某建材公司",), third_party_consulted=True)
    msg = refusal("1", "", {"how_to_obtain": "邮寄"}, facts, D(2026, 6, 1))
    assert "某建材公司不同意公开" in msg and "公共利益" in msg
    ok = {"how_to_obtain": "邮寄", "public_interest_reason": "涉及饮用水源安全，公众知情利益重大"}
    assert refusal("1", "", ok, facts, D(2026, 6, 1)) is None
    assert refusal("1", "", {"how_to_obtain": "邮寄"}, Facts(third_party_consulted=True), D(2026, 6, 1)) is None


def test_release_waits_fifteen_working_days_after_the_notice_a2():
    wd_after = lambda d, n: d + dt.timedelta(days=n)  # noqa: E731 — any calendar
    held = answers.release_after(D(2026, 6, 1), wd_after)
    assert held == D(2026, 6, 16)
    assert "2026年6月16日之后" in answers.release_refusal(D(2026, 6, 16), held)
    assert answers.release_refusal(D(2026, 6, 17), held) is None


@pytest.mark.parametrize(("facts", "details", "on", "needle"), [
    (Facts(), {}, D(2026, 6, 20), "须先向申请人发出《说明理由告知书》"),  # A3: no request at all
    (Facts(explanation=ExplanationRequest("测甲依复〔2026〕3号", D(2026, 6, 1), None)), {}, D(2026, 6, 20),
     "未写明说明期限"),
    (Facts(explanation=ExplanationRequest("测甲依复〔2026〕3号", D(2026, 6, 1), D(2026, 6, 15))), {},
     D(2026, 6, 15), "尚未届满"),
])
def test_not_processed_needs_the_explanation_request_first_a3(facts, details, on, needle):
    assert needle in refusal("5.4", "申请数量明显超过合理范围", details, facts, on)


def test_not_processed_after_the_deadline_or_an_unreasonable_reply_a3():
    facts = Facts(explanation=ExplanationRequest("测甲依复〔2026〕3号", D(2026, 6, 1), D(2026, 6, 15)))
    assert refusal("5.4", "数量明显超过合理范围", {}, facts, D(2026, 6, 16)) is None
    replied = {"explanation_reply": "申请人称用于研究，但未说明为何需要全部300份"}
    assert refusal("5.4", "数量明显超过合理范围", replied, facts, D(2026, 6, 10)) is None


def test_deferral_needs_the_request_and_the_applicants_reasons_b6():
    assert "《说明理由告知书》" in answers.explanation_refusal(Facts(), D(2026, 6, 5), deferral=True)
    facts = Facts(explanation=ExplanationRequest("测甲依复〔2026〕3号", D(2026, 6, 1), D(2026, 6, 15)))
    assert "记录申请人说明的理由" in answers.explanation_refusal(facts, D(2026, 6, 5), deferral=True)
    assert answers.explanation_refusal(facts, D(2026, 6, 5), deferral=True, replied=True) is None


def test_every_requirement_names_known_outcomes_and_a_basis():
    from gongkai.law import outcomes

    for req in answers.REQUIREMENTS:
        assert req.basis and req.what
        for code in req.codes:
            outcomes.by_code(code)


def test_partial_disclosure_withholding_the_objectors_part_is_no_disclosure_over_it_a2():
    facts = Facts(objections=("某建材公司",), third_party_consulted=True)
    withheld = {"how_to_obtain": "邮寄", "exemption_basis": "合同价款和付款方式——第十五条"}
    assert refusal("2", "涉及商业秘密", withheld, facts, D(2026, 6, 1)) is None
    assert not answers.discloses_over_objection(withheld, facts)
    other = {"how_to_obtain": "邮寄", "exemption_basis": "内部审核意见——第十六条第二款"}
    assert "公共利益" in refusal("2", "涉及过程性信息", other, facts, D(2026, 6, 1))
