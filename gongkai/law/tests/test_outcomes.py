"""Tests for gongkai.law.outcomes (domain.md sections 2.6, 2.9, 2.10, 2.11 and 4)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.law.outcomes import (
    ANSWER_LETTER,
    CHOICES,
    CLOSURE_NOTICE,
    COMPLAINT_ROUTE,
    GROUP_LABELS,
    GROUPS,
    LEAVES,
    RECONSIDERATION_FIRST_DEFAULT,
    REGULATION,
    Outcome,
    UnknownOutcome,
    by_code,
    by_key,
    notice_remedy_clause,
    public_remedies,
    reconsideration_first,
    remedy_clause,
    suggest_outcome,
)

# Copied character for character from domain.md 4.1 (report format 国办公开办函〔2021〕30号).
EXPECTED_LEAVES = [
    ("1", "disclosed", "（一）予以公开"),
    ("2", "partially_disclosed", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("3.1", "withheld_state_secret", "1.属于国家秘密"),
    ("3.2", "withheld_law_prohibited", "2.其他法律行政法规禁止公开"),
    ("3.3", "withheld_security_stability", "3.危及“三安全一稳定”"),
    ("3.4", "withheld_third_party", "4.保护第三方合法权益"),
    ("3.5", "withheld_internal_affairs", "5.属于三类内部事务信息"),
    ("3.6", "withheld_process_info", "6.属于四类过程性信息"),
    ("3.7", "withheld_enforcement_file", "7.属于行政执法案卷"),
    ("3.8", "withheld_administrative_query", "8.属于行政查询事项"),
    ("4.1", "unavailable_not_held", "1.本机关不掌握相关政府信息"),
    ("4.2", "unavailable_needs_creation", "2.没有现成信息需要另行制作"),
    ("4.3", "unavailable_unclear", "3.补正后申请内容仍不明确"),
    ("5.1", "not_processed_petition", "1.信访举报投诉类申请"),
    ("5.2", "not_processed_duplicate", "2.重复申请"),
    ("5.3", "not_processed_publication", "3.要求提供公开出版物"),
    ("5.4", "not_processed_excessive", "4.无正当理由大量反复申请"),
    ("5.5", "not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息"),
    ("6.1", "other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("6.2", "other_no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("6.3", "other_other", "3.其他"),
]

EXPECTED_GROUPS = [
    ("1", "（一）予以公开"),
    ("2", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("3", "（三）不予公开"),
    ("4", "（四）无法提供"),
    ("5", "（五）不予处理"),
    ("6", "（六）其他处理"),
]

EXPECTED_SHORT_LABELS = {
    "1": "予以公开",
    "2": "部分公开",
    "3.1": "不予公开（国家秘密）",
    "3.8": "行政查询事项（依照特别规定办理）",  # legal-review.md C8: a referral, not a refusal
    "4.1": "无法提供（本机关不掌握）",
    "5.5": "不予处理（确认或重新出具）",
    "6.3": "其他处理（其他）",
}

EXPECTED_BASIS = {
    "1": REGULATION + "第三十六条第（一）项或第（二）项",
    "2": REGULATION + "第三十七条、第三十六条第（三）项",
    "3.1": REGULATION + "第十四条、第三十六条第（三）项",
    "3.2": REGULATION + "第十四条、第三十六条第（三）项",
    "3.3": REGULATION + "第十四条、第三十六条第（三）项",
    "3.4": REGULATION + "第十五条、第三十二条、第三十六条第（三）项",
    "3.5": REGULATION + "第十六条第一款、第三十六条第（三）项",
    "3.6": REGULATION + "第十六条第二款、第三十六条第（三）项",
    "3.7": REGULATION + "第十六条第二款、第三十六条第（三）项",
    "3.8": REGULATION + "第三十六条第（七）项",
    "4.1": REGULATION + "第三十六条第（四）项（或第（五）项）",
    "4.2": REGULATION + "第三十八条",
    "4.3": REGULATION + "第三十条",
    "5.1": REGULATION + "第三十九条第一款",
    "5.2": REGULATION + "第三十六条第（六）项",
    "5.3": REGULATION + "第三十九条第二款",
    "5.4": REGULATION + "第三十五条",
    "5.5": REGULATION + "第二条",  # legal-review.md B3: never a bare 第三十六条
    "6.1": REGULATION + "第三十条",
    "6.2": REGULATION + "第四十二条及《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
    "6.3": "",
}

ALL_CODES = [code for code, _, _ in EXPECTED_LEAVES]


# ---------------------------------------------------------------------------
# The fixed set of leaves
# ---------------------------------------------------------------------------


def test_exactly_21_leaves_in_report_order():
    assert len(LEAVES) == 21
    assert [(o.code, o.key, o.label) for o in LEAVES] == EXPECTED_LEAVES


@pytest.mark.parametrize(("code", "key", "label"), EXPECTED_LEAVES)
def test_each_label_character_for_character(code, key, label):
    outcome = by_code(code)
    assert outcome.key == key
    assert outcome.label == label
    assert [ord(c) for c in outcome.label] == [ord(c) for c in label]


def test_codes_and_keys_unique():
    assert len({o.code for o in LEAVES}) == 21
    assert len({o.key for o in LEAVES}) == 21
    assert len({o.short_label for o in LEAVES}) == 21


def test_labels_use_full_width_punctuation_and_curly_quotes():
    assert by_code("3.3").label == "3.危及\u201c三安全一稳定\u201d"
    for outcome in LEAVES:
        assert '"' not in outcome.label
        assert "(" not in outcome.label and ")" not in outcome.label
        assert "," not in outcome.label
    assert "\uff08" in by_code("2").label and "\uff0c" in by_code("2").label
    assert "\u3001" in by_code("6.1").label


def test_report_row_equals_key():
    for outcome in LEAVES:
        assert outcome.report_row == outcome.key


def test_outcomes_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        LEAVES[0].label = "x"


# ---------------------------------------------------------------------------
# Groups
# ---------------------------------------------------------------------------


def test_groups():
    assert [(g, label) for g, label, _ in GROUPS] == EXPECTED_GROUPS
    assert list(GROUP_LABELS.items()) == EXPECTED_GROUPS
    assert [len(leaves) for _, _, leaves in GROUPS] == [1, 1, 8, 3, 5, 3]
    assert tuple(o for _, _, leaves in GROUPS for o in leaves) == LEAVES


@pytest.mark.parametrize("outcome", LEAVES, ids=lambda o: o.code)
def test_group_fields(outcome):
    assert outcome.group == outcome.code.split(".")[0]
    assert outcome.group_label == dict(EXPECTED_GROUPS)[outcome.group]
    if outcome.code in ("1", "2"):
        assert outcome.group_label == outcome.label
        assert "." not in outcome.code
    else:
        assert outcome.label.startswith(outcome.code.split(".")[1] + ".")


def test_short_labels():
    for code, short in EXPECTED_SHORT_LABELS.items():
        assert by_code(code).short_label == short
    prefixes = {
        "1": "予以公开",
        "2": "部分公开",
        "3": "不予公开（",
        "4": "无法提供（",
        "5": "不予处理（",
        "6": "其他处理（",
    }
    for outcome in LEAVES:
        if outcome.code != "3.8":
            assert outcome.short_label.startswith(prefixes[outcome.group])


def test_administrative_query_short_label_is_not_a_refusal_but_its_report_label_is_unchanged():
    # legal-review.md C8: the letter refers the applicant to another procedure; the 30号 row stays.
    oc = by_code("3.8")
    assert oc.short_label == "行政查询事项（依照特别规定办理）"
    assert "不予公开" not in oc.short_label
    assert oc.label == "8.属于行政查询事项"
    assert oc.choice_label == "（三）不予公开 / 8.属于行政查询事项"


def test_choices():
    assert len(CHOICES) == 21
    assert CHOICES[0] == ("1", "（一）予以公开")
    assert CHOICES[1] == ("2", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")
    assert CHOICES[2] == ("3.1", "（三）不予公开 / 1.属于国家秘密")
    assert CHOICES[10] == ("4.1", "（四）无法提供 / 1.本机关不掌握相关政府信息")
    assert CHOICES[17] == ("5.5", "（五）不予处理 / 5.要求行政机关确认或重新出具已获取信息")
    assert CHOICES[20] == ("6.3", "（六）其他处理 / 3.其他")
    assert [code for code, _ in CHOICES] == ALL_CODES
    for (_code, text), outcome in zip(CHOICES, LEAVES, strict=True):
        assert text == outcome.choice_label


# ---------------------------------------------------------------------------
# Flags
# ---------------------------------------------------------------------------


def test_adverse_is_everything_but_disclosed():
    assert [o.code for o in LEAVES if not o.adverse] == ["1"]


def test_reconsideration_first_flags():
    # Domain 2.9 revised (legal-review.md B1): on for every outcome by which the applicant does not
    # get the information, off for （一） and withdrawal （六）3.
    off = [o.code for o in LEAVES if not o.reconsideration_first]
    assert off == ["1", "6.3"]
    assert RECONSIDERATION_FIRST_DEFAULT == {o.code: o.code not in ("1", "6.3") for o in LEAVES}
    for code in ("4.1", "4.2", "4.3", "5.1", "5.2", "5.3", "5.4", "5.5", "6.1", "6.2"):
        assert by_code(code).reconsideration_first, code


def test_reconsideration_first_per_organ_overrides():
    assert reconsideration_first("4.2") is True
    assert reconsideration_first("4.2", {"4.2": False}) is False
    assert reconsideration_first("1", {"1": True}) is True
    assert reconsideration_first("3.1", {"4.2": False}) is True  # other leaves keep the default
    assert reconsideration_first("3.1", {"3.1": "no"}) is True  # not a bool: the default
    assert reconsideration_first(by_code("6.3"), None) is False


def test_requires_reasons():
    on = {o.code for o in LEAVES if o.requires_reasons}
    assert on == {"2"} | {c for c in ALL_CODES if c[0] in "345"}
    assert not by_code("1").requires_reasons
    assert not any(by_code(c).requires_reasons for c in ("6.1", "6.2", "6.3"))


def test_letter_kind():
    closure = [o.code for o in LEAVES if o.letter_kind == CLOSURE_NOTICE]
    assert closure == ["6.1", "6.2", "6.3"]
    assert all(o.letter_kind == ANSWER_LETTER for o in LEAVES if o.group != "6")
    assert ANSWER_LETTER == "answer_letter" and CLOSURE_NOTICE == "closure_notice"


@pytest.mark.parametrize(("code", "basis"), EXPECTED_BASIS.items())
def test_legal_basis(code, basis):
    assert by_code(code).legal_basis == basis


def test_basis_notes_where_the_law_is_not_specific():
    assert "第二条" in by_code("5.5").basis_note
    assert by_code("6.3").basis_note
    assert by_code("1").basis_note and by_code("4.1").basis_note


@pytest.mark.parametrize("outcome", LEAVES, ids=lambda o: o.code)
def test_required_content_is_chinese_text(outcome):
    assert isinstance(outcome.required_content, tuple)
    assert outcome.required_content
    for phrase in outcome.required_content:
        assert isinstance(phrase, str) and phrase
        assert any("\u4e00" <= c <= "\u9fff" for c in phrase)


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("1", "索引号"),  # 36(一): where it is published
        ("1", "方式、途径和时间"),  # 36(二): manner, channel and time
        ("2", "理由"),
        ("3.1", "国家秘密"),
        ("3.4", "第三方"),
        ("3.8", "法律、行政法规"),  # 36(七): the special law to follow
        ("4.1", "不存在"),  # 36(四)
        ("4.1", "名称、联系方式"),  # 36(五)
        ("5.2", "文号和日期"),  # 36(六): the earlier letter
        ("5.3", "途径"),  # 39(2): where to obtain it
        ("6.2", "收费通知书"),
    ],
)
def test_required_content_covers_domain_2_11_item_6(code, fragment):
    assert any(fragment in phrase for phrase in by_code(code).required_content)


# ---------------------------------------------------------------------------
# Look-ups
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(("code", "key", "label"), EXPECTED_LEAVES)
def test_by_code_and_by_key(code, key, label):
    assert by_code(code) is by_key(key)
    assert isinstance(by_code(code), Outcome)


@pytest.mark.parametrize("code", ["3", "7", "3.9", "", "1.0", None, "disclosed"])
def test_by_code_unknown(code):
    with pytest.raises(KeyError) as info:
        by_code(code)
    assert isinstance(info.value, UnknownOutcome)
    assert str(info.value) == f"未知的办理结果代码：{code}"


@pytest.mark.parametrize("key", ["", "1", "withheld", None, "DISCLOSED"])
def test_by_key_unknown(key):
    with pytest.raises(KeyError) as info:
        by_key(key)
    assert str(info.value) == f"未知的办理结果标识：{key}"


# ---------------------------------------------------------------------------
# Remedy clause (domain 2.11 item 7)
# ---------------------------------------------------------------------------

ORGAN = "聊城市人民政府"
COURT = "聊城市东昌府区人民法院"
DIRECT = (
    "如对本答复不服，可以自收到本答复之日起60日内向聊城市人民政府申请行政复议，"
    "或者自收到本答复之日起6个月内向聊城市东昌府区人民法院提起行政诉讼。"
)
RECONSIDERATION_FIRST = (
    "如对本答复不服，应当先自收到本答复之日起60日内向聊城市人民政府申请行政复议；"
    "对行政复议决定不服，或者行政复议机关不予受理、逾期不作决定的，"
    "可以自收到行政复议决定书（不予受理决定书）之日起或者行政复议期限届满之日起15日内依法向人民法院提起行政诉讼。"
)


@pytest.mark.parametrize("outcome", LEAVES, ids=lambda o: o.code)
def test_remedy_clause_texts(outcome):
    expected = RECONSIDERATION_FIRST if outcome.reconsideration_first else DIRECT
    assert remedy_clause(outcome, ORGAN, COURT) == expected
    assert remedy_clause(outcome.code, ORGAN, COURT) == expected


def test_remedy_clause_templates_match_domain_text():
    # domain.md 2.11 item 7 (revised Dec 2026), character for character.
    assert remedy_clause("1", "{复议机关}", "{人民法院}") == (
        "如对本答复不服，可以自收到本答复之日起60日内向{复议机关}申请行政复议，"
        "或者自收到本答复之日起6个月内向{人民法院}提起行政诉讼。"
    )
    assert remedy_clause("3.1", "{复议机关}", "{人民法院}") == (
        "如对本答复不服，应当先自收到本答复之日起60日内向{复议机关}申请行政复议；对行政复议决定不服，"
        "或者行政复议机关不予受理、逾期不作决定的，可以自收到行政复议决定书（不予受理决定书）之日起"
        "或者行政复议期限届满之日起15日内依法向人民法院提起行政诉讼。"
    )


def test_direct_suit_period_has_its_starting_point():
    # legal-review.md C3: 「或者在6个月内」 gave no start.
    text = remedy_clause("1", ORGAN, COURT)
    assert "自收到本答复之日起6个月内" in text and "或者在6个月内" not in text


def test_reconsideration_first_clause_covers_refusal_and_failure_to_decide():
    # legal-review.md B2: 复议法第三十四条, 行诉法第四十五条.
    text = remedy_clause("2", ORGAN, COURT)
    assert "行政复议机关不予受理、逾期不作决定的" in text
    assert "行政复议期限届满之日起15日内" in text


def test_remedy_clause_follows_the_organ_setting():
    assert remedy_clause("4.2", ORGAN, COURT) == RECONSIDERATION_FIRST
    assert remedy_clause("4.2", ORGAN, COURT, {"4.2": False}) == DIRECT
    assert remedy_clause("1", ORGAN, COURT, {"1": True}) == RECONSIDERATION_FIRST


def test_notice_remedy_clause_says_notice_and_none_after_withdrawal():
    # legal-review.md C6; domain 2.11 item 7.
    assert notice_remedy_clause("6.1", ORGAN, COURT) == RECONSIDERATION_FIRST.replace("本答复", "本告知")
    assert notice_remedy_clause("6.2", ORGAN, COURT, {"6.2": False}) == DIRECT.replace("本答复", "本告知")
    assert notice_remedy_clause("6.3", ORGAN, COURT, withdrawal=True) == ""
    assert notice_remedy_clause("6.3", ORGAN, COURT) == DIRECT.replace("本答复", "本告知")


def test_public_remedies_reuse_the_letter_clauses():
    groups = public_remedies(ORGAN, COURT)
    assert [g["first"] for g in groups] == [True, False]
    assert groups[0]["text"] == RECONSIDERATION_FIRST and groups[1]["text"] == DIRECT
    assert [o.code for o in groups[1]["outcomes"]] == ["1", "6.3"]
    only_direct = public_remedies(ORGAN, COURT, {o.code: False for o in LEAVES})
    assert [g["first"] for g in only_direct] == [False]
    assert "第五十一条" in COMPLAINT_ROUTE and "投诉、举报" in COMPLAINT_ROUTE


def test_remedy_clause_strips_names():
    assert remedy_clause("1", f"  {ORGAN} ", f" {COURT}  ") == DIRECT


@pytest.mark.parametrize("organ", ["", "   ", None])
def test_remedy_clause_requires_organ(organ):
    with pytest.raises(ValueError, match="请填写行政复议机关名称"):
        remedy_clause("1", organ, COURT)
    with pytest.raises(ValueError, match="请填写行政复议机关名称"):
        remedy_clause("2", organ, COURT)


def test_remedy_clause_requires_court_only_when_direct_suit_is_offered():
    with pytest.raises(ValueError, match="请填写人民法院名称"):
        remedy_clause("1", ORGAN, "")
    assert remedy_clause("3.2", ORGAN, "") == RECONSIDERATION_FIRST


def test_remedy_clause_unknown_code():
    with pytest.raises(KeyError):
        remedy_clause("9", ORGAN, COURT)


# ---------------------------------------------------------------------------
# suggest_outcome (domain 4.2)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([], None),
        (["1"], "1"),
        (["1", "1", "1"], "1"),
        (["2"], "2"),
        (["1", "2"], "2"),
        (["2", "2"], "2"),
        (["1", "3.1"], "2"),
        (["3.6", "1"], "2"),
        (["1", "4.1"], "2"),  # one item under 36(二), another under 36(五)
        (["2", "5.2"], "2"),
        (["1", "6.3"], "2"),
        (["3.1"], "3.1"),
        (["3.1", "3.1"], "3.1"),
        (["4.1", "4.1", "4.1"], "4.1"),
        (["3.1", "3.4"], None),
        (["4.1", "4.2"], None),
        (["3.5", "5.1"], None),
    ],
)
def test_suggest_outcome(items, expected):
    assert suggest_outcome(items) == expected


def test_suggest_outcome_rejects_unknown_codes():
    with pytest.raises(KeyError, match="未知的办理结果代码"):
        suggest_outcome(["1", "7"])


@given(st.lists(st.sampled_from(ALL_CODES), min_size=1, max_size=8))
def test_suggest_outcome_properties(items):
    result = suggest_outcome(items)
    provided = {"1", "2"}
    if set(items) == {"1"}:
        assert result == "1"
    elif provided & set(items):
        assert result == "2"
    elif len(set(items)) == 1:
        assert result == items[0]
    else:
        assert result is None
    # Order of items never matters.
    assert suggest_outcome(list(reversed(items))) == result
