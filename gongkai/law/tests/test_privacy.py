"""Tests for gongkai.law.privacy (domain.md 6.2, 6.6)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.law.identifiers import mask_id_number, mask_phone, resident_id_check_char
from gongkai.law.privacy import (
    BANK_CARD,
    EMAIL,
    FREE_TEXT_KINDS,
    KINDS,
    LANDLINE,
    MOBILE,
    RESIDENT_ID,
    Finding,
    WordHit,
    find_personal_data,
    find_sensitive_words,
    luhn_valid,
    mask_text,
)

TODAY = date(2025, 6, 15)
VALID_ID = "11010519491231002X"
VALID_ID_2 = "35010219900101123" + resident_id_check_char("35010219900101123")
CARD_19 = "6222021234567890128"  # Luhn-valid
CARD_16 = "4111111111111111"  # Luhn-valid test Visa number


def find(text, **kwargs):
    return find_personal_data(text, today=TODAY, **kwargs)


def kinds(text, **kwargs):
    return [(f.kind, f.value) for f in find(text, **kwargs)]


def luhn_complete(prefix: str) -> str:
    for d in "0123456789":
        if luhn_valid(prefix + d):
            return prefix + d
    raise AssertionError


# ---------------------------------------------------------------------------
# Luhn
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("number", [CARD_19, CARD_16, "79927398713", "0"])
def test_luhn_valid(number):
    assert luhn_valid(number)


@pytest.mark.parametrize("number", ["6222021234567890127", "79927398710", "", "12a4", "１２３"])
def test_luhn_invalid(number):
    assert not luhn_valid(number)


# ---------------------------------------------------------------------------
# ID numbers
# ---------------------------------------------------------------------------


def test_valid_id_number():
    [f] = find(f"申请人身份证号{VALID_ID}。")
    assert f == Finding(RESIDENT_ID, 7, 25, VALID_ID, "11*************02X", "high")
    assert f.label == "居民身份证号码"


def test_masks_agree_with_identifiers():
    [f] = find(VALID_ID_2)
    assert f.masked == mask_id_number(VALID_ID_2)
    assert f.masked.startswith("35") and f.masked.count("*") == 13 and len(f.masked) == 18
    [m] = find("13812341234")
    assert m.masked == mask_phone("13812341234") == "138****1234"


def test_lowercase_x_and_full_width_digits():
    [f] = find("11010519491231002x")
    assert f.confidence == "high"
    full = "１１０１０５１９４９１２３１００２Ｘ"
    [g] = find(f"号码{full}")
    assert (g.kind, g.start, g.end, g.value) == (RESIDENT_ID, 2, 20, full)
    assert g.masked == "１１" + "*" * 13 + "０２Ｘ"


def test_checksum_invalid_id_is_reported_with_low_confidence():
    bad = VALID_ID[:17] + "1"
    [f] = find(f"身份证：{bad}")
    assert (f.kind, f.value, f.confidence) == (RESIDENT_ID, bad, "low")
    assert f.label == "疑似居民身份证号码"
    assert f.masked == "11*************021"


def test_impossible_birth_date_is_not_an_id():
    for birth in ("20300101", "19491331", "18991231"):
        first17 = f"110105{birth}002"
        value = first17 + resident_id_check_char(first17)
        assert [f for f in find(value) if f.kind == RESIDENT_ID] == []


def test_legacy_15_digit_id_is_low_confidence():
    [f] = find("旧身份证号110105491231002，")
    assert (f.kind, f.value, f.confidence) == (RESIDENT_ID, "110105491231002", "low")
    assert f.masked == "11**********002"


def test_eighteen_digits_that_do_not_look_like_an_id():
    # Invalid area and invalid birth date: not an ID; not Luhn-valid either.
    assert find("990105194913310021") == []


def test_id_number_not_inside_longer_codes():
    assert find("A" + VALID_ID) == []
    assert find(VALID_ID + "7") == []
    assert find("9" + VALID_ID) == []


def test_id_that_is_also_luhn_valid_is_reported_once_as_id():
    # Search a valid ID whose digits also pass Luhn: it must not be reported as a bank card too.
    for seq in range(1000):
        first17 = f"35010219900101{seq:03d}"
        value = first17 + resident_id_check_char(first17)
        if value.isdigit() and luhn_valid(value):
            break
    else:
        pytest.skip("no such ID in range")
    assert kinds(value) == [(RESIDENT_ID, value)]


# ---------------------------------------------------------------------------
# Mobile numbers
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "masked"),
    [
        ("电话13812341234", "13812341234", "138****1234"),
        ("手机：19912345678。", "19912345678", "199****5678"),
        ("+8613812341234", "13812341234", "138****1234"),
        ("+86 13812341234", "13812341234", "138****1234"),
        ("008613812341234", "13812341234", "138****1234"),
        ("8613812341234", "13812341234", "138****1234"),
        ("138-1234-1234", "138-1234-1234", "138-****-1234"),
        ("138 1234 1234", "138 1234 1234", "138 **** 1234"),
        ("１３８１２３４１２３４", "１３８１２３４１２３４", "１３８****１２３４"),
        ("tel:13812341234;", "13812341234", "138****1234"),
    ],
)
def test_mobile_numbers(text, value, masked):
    [f] = find(text)
    assert (f.kind, f.value, f.masked, f.confidence) == (MOBILE, value, masked, "high")
    assert text[f.start : f.end] == value
    assert f.label == "手机号码"


def test_two_mobiles_separated_by_comma():
    assert kinds("13812341234,13912341234") == [(MOBILE, "13812341234"), (MOBILE, "13912341234")]
    assert kinds("13812341234、13912341234") == [(MOBILE, "13812341234"), (MOBILE, "13912341234")]


@pytest.mark.parametrize(
    "text",
    [
        "12812341234",  # 1[3-9] required
        "10012345678",
        "1381234123",  # 10 digits
        "138123412345",  # 12 digits
        "213812341234",  # part of a longer run
        "13800000000.00元",  # an amount
        "0.13812341234",
        "138-1234 1234",  # mixed separators
        "0635-8888888",  # landline
    ],
)
def test_not_mobile_numbers(text):
    assert [f for f in find(text) if f.kind == MOBILE] == []


# ---------------------------------------------------------------------------
# Bank cards
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "masked"),
    [
        (f"卡号{CARD_19}", CARD_19, "6222***********0128"),
        (f"卡号：{CARD_16}，", CARD_16, "4111********1111"),
        ("4111 1111 1111 1111", "4111 1111 1111 1111", "4111 **** **** 1111"),
        ("4111-1111-1111-1111", "4111-1111-1111-1111", "4111-****-****-1111"),
        ("6222 0212 3456 7890 128", "6222 0212 3456 7890 128", "6222 **** **** ***0 128"),
    ],
)
def test_bank_cards(text, value, masked):
    [f] = find(text)
    assert (f.kind, f.value, f.masked) == (BANK_CARD, value, masked)
    assert f.label == "银行卡号"


def test_bank_card_lengths_16_to_19():
    for length in range(16, 20):
        card = luhn_complete("6" + "2" * (length - 2))
        assert kinds(f"账号{card}") == [(BANK_CARD, card)]
    short = luhn_complete("6" + "2" * 13)  # 15 digits
    long = luhn_complete("6" + "2" * 18)  # 20 digits
    assert [f for f in find(short) if f.kind == BANK_CARD] == []
    assert find(long) == []


@pytest.mark.parametrize(
    "text",
    [
        "6222021234567890127",  # Luhn fails
        "2020062312345678",  # starts with 2
        "1000000000000000007",
        "4111 1111 1111 1111 1111",  # a group too many
        "4111 1111-1111 1111",  # mixed separators
        "X4111111111111111",
    ],
)
def test_not_bank_cards(text):
    assert [f for f in find(text) if f.kind == BANK_CARD] == []


def test_all_digit_uscc_is_not_a_bank_card():
    from gongkai.law.identifiers import uscc_check_char

    for n in range(10_000):
        first17 = f"9135010012345{n:04d}"
        value = first17 + uscc_check_char(first17)
        if value.isdigit() and luhn_valid(value):
            break
    else:
        pytest.skip("no such code in range")
    assert find(f"统一社会信用代码：{value}") == []


# ---------------------------------------------------------------------------
# No false positives
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "成文日期：2020-06-23，发布日期：2020-06-25",
        "2020年6月23日",
        "20200623",
        "2021-02-07 10:30",
        "征集时间: 2021-02-07 —— 2021-03-09",
        "聊政发〔2020〕9号",
        "国办公开办函〔2019〕61号",
        "国务院令第711号",
        "索引号：11441700007280420Y/2021-00050",
        "索引号：000014349/2017-00110",
        "统一社会信用代码91350100M000100Y43",
        "金额1,380,000.00元",
        "共计13812341234.56元",
        "预算1234567890123456.78元",
        "网站标识码1304000009",
        "邮编252000，电话0635-8888888",
        "查询号 23456789ABCDEFGH",
        "2021年第1期（总第214期）",
        "",
    ],
)
def test_no_false_positives(text):
    assert find(text) == []
    assert mask_text(text, today=TODAY) == text


def test_index_number_with_all_digit_head_is_not_personal_data():
    card_like = luhn_complete("6" + "2" * 16)  # 18 digits
    assert find(f"{card_like}/2021-00050") == []


# ---------------------------------------------------------------------------
# kinds, ordering, mask_text
# ---------------------------------------------------------------------------

MIXED = f"张三，身份证{VALID_ID}，手机13812341234，银行卡{CARD_19}。"


def test_findings_are_ordered_and_offsets_are_exact():
    findings = find(MIXED)
    assert [f.kind for f in findings] == [RESIDENT_ID, MOBILE, BANK_CARD]
    for f in findings:
        assert MIXED[f.start : f.end] == f.value


def test_kinds_filter():
    assert [f.kind for f in find(MIXED, kinds=[MOBILE])] == [MOBILE]
    assert [f.kind for f in find(MIXED, kinds=(BANK_CARD, RESIDENT_ID))] == [RESIDENT_ID, BANK_CARD]
    assert find(MIXED, kinds=[]) == []
    with pytest.raises(ValueError):
        find(MIXED, kinds=["passport"])


def test_mask_text():
    assert mask_text(MIXED, today=TODAY) == (
        "张三，身份证11*************02X，手机138****1234，银行卡6222***********0128。"
    )
    assert mask_text(MIXED, [MOBILE], today=TODAY) == (
        f"张三，身份证{VALID_ID}，手机138****1234，银行卡{CARD_19}。"
    )
    assert mask_text("", today=TODAY) == ""
    assert mask_text(None) == ""


def test_many_findings():
    text = MIXED * 3000
    findings = find(text)
    assert len(findings) == 9000
    assert mask_text(text, today=TODAY) == mask_text(MIXED, today=TODAY) * 3000


def test_mask_text_masks_low_confidence_too():
    bad = VALID_ID[:17] + "1"
    assert mask_text(f"身份证{bad}", today=TODAY) == "身份证11*************021"


def test_default_today_works():
    assert find_personal_data(VALID_ID)[0].confidence == "high"
    assert find_personal_data(None) == []


@given(st.text(alphabet="0123456789-/年月日号〔〕., 元X", max_size=60))
def test_mask_text_is_idempotent_and_length_preserving(text):
    masked = mask_text(text, today=TODAY)
    assert len(masked) == len(text)
    assert mask_text(masked, today=TODAY) == masked
    assert find(masked) == []


# ---------------------------------------------------------------------------
# Fixed-line numbers and e-mail addresses (FREE_TEXT_KINDS only)
# ---------------------------------------------------------------------------


def free(text):
    return find(text, kinds=FREE_TEXT_KINDS)


def free_mask(text):
    return mask_text(text, FREE_TEXT_KINDS, today=TODAY)


def test_free_text_kinds():
    assert KINDS == (RESIDENT_ID, MOBILE, BANK_CARD)
    assert FREE_TEXT_KINDS == KINDS + (LANDLINE, EMAIL) == (RESIDENT_ID, MOBILE, BANK_CARD, "landline", "email")


@pytest.mark.parametrize(
    ("text", "value", "masked"),
    [
        ("电话0755-86001234。", "0755-86001234", "0755-******34"),
        ("010-12345678", "010-12345678", "010-******78"),
        ("(020)87654321", "(020)87654321", "(020)******21"),
        ("（020）８７６５４３２１，", "（020）８７６５４３２１", "（020）******２１"),
        ("020 8765 4321", "020 8765 4321", "020 **** **21"),
        ("020-8765-4321", "020-8765-4321", "020-****-**21"),
        ("0571-8765432-801", "0571-8765432-801", "0571-*****32-***"),
        ("0755-86001234转801", "0755-86001234转801", "0755-******34转***"),
        ("+86-10-12345678", "+86-10-12345678", "+86-10-******78"),
        ("+86 755 8600 1234", "+86 755 8600 1234", "+86 755 **** **34"),
        ("0086-10-12345678", "0086-10-12345678", "0086-10-******78"),
        ("+86 (0)10 12345678", "+86 (0)10 12345678", "+86 (0)10 ******78"),
        ("座机075586001234", "075586001234", "0755******34"),
        ("0635-8888888", "0635-8888888", "0635-*****88"),
        ("tel:0755-86001234;", "0755-86001234", "0755-******34"),
    ],
)
def test_landlines(text, value, masked):
    [f] = free(text)
    assert (f.kind, f.value, f.masked, f.confidence) == (LANDLINE, value, masked, "high")
    assert text[f.start : f.end] == value
    assert f.label == "固定电话号码"
    assert free_mask(text) == text.replace(value, masked)


@pytest.mark.parametrize(
    "text",
    [
        "400-123-4567",  # service numbers are not personal data
        "4008-123-456",
        "800-820-8820",
        "+86 400 123 4567",
        "+86-800-820-8820",
        "95588",
        "12345",
        "0755-123456",  # 6-digit subscriber number
        "0755-860012345",  # 9 digits
        "0755-0123456",  # subscriber numbers do not start with 0
        "001-12345678",  # no such area code
        "30755-86001234",  # part of a longer run
        "金额0755-86001234.00元",
        "0.0755-86001234",
        "2024-05-06",
        "2024年05月06日 0755",
    ],
)
def test_not_landlines(text):
    assert [f for f in free(text) if f.kind == LANDLINE] == []


@pytest.mark.parametrize(
    ("text", "value", "masked"),
    [
        ("zhang.san@example.com", "zhang.san@example.com", "z***@example.com"),
        ("张三的邮箱zs_1990@163.com，", "zs_1990@163.com", "z***@163.com"),
        ("邮箱：zs＠163.com", "zs＠163.com", "z***＠163.com"),
        ("ｚｓ＠１６３．ｃｏｍ", "ｚｓ＠１６３．ｃｏｍ", "ｚ***＠１６３．ｃｏｍ"),
        ("Mail: Li.Si+gk@mail.example.gov.cn.", "Li.Si+gk@mail.example.gov.cn", "L***@mail.example.gov.cn"),
        ("<a@b.co>", "a@b.co", "a***@b.co"),
        ("x@example.com-", "x@example.com", "x***@example.com"),
        ("123456789@qq.com", "123456789@qq.com", "1***@qq.com"),
        ("mailto:wang@example.org", "wang@example.org", "w***@example.org"),
    ],
)
def test_emails(text, value, masked):
    [f] = free(text)
    assert (f.kind, f.value, f.masked) == (EMAIL, value, masked)
    assert text[f.start : f.end] == value
    assert f.label == "电子邮箱"
    assert free_mask(text) == text.replace(value, masked)


@pytest.mark.parametrize(
    "text",
    ["user@localhost", "a@b", "a@b.c", "a@b.c0m", "@example.com", "张三@example", "＠张三", "a@-b.com",
     "x" * 65 + "@example.com"],
)
def test_not_emails(text):
    assert free(text) == []


def test_new_kinds_are_not_in_the_default_check():
    text = "联系人张三，电话0755-86001234，邮箱zs@163.com，手机13812341234"
    assert kinds(text) == [(MOBILE, "13812341234")]
    assert mask_text(text, today=TODAY) == "联系人张三，电话0755-86001234，邮箱zs@163.com，手机138****1234"
    assert free_mask(text) == "联系人张三，电话0755-******34，邮箱z***@163.com，手机138****1234"
    assert [f.kind for f in find(text, kinds=[EMAIL])] == [EMAIL]
    assert [f.kind for f in find(text, kinds=[LANDLINE])] == [LANDLINE]


def test_no_overlap_with_id_mobile_bank_card():
    assert kinds("13812341234@qq.com", kinds=FREE_TEXT_KINDS) == [(MOBILE, "13812341234")]
    assert free_mask("13812341234@qq.com") == "138****1234@qq.com"
    assert kinds("+86 13812341234", kinds=FREE_TEXT_KINDS) == [(MOBILE, "13812341234")]
    assert kinds("0086-138-1234-1234", kinds=FREE_TEXT_KINDS) == [(MOBILE, "138-1234-1234")]
    assert kinds(f"{VALID_ID}@example.com", kinds=FREE_TEXT_KINDS) == [(RESIDENT_ID, VALID_ID)]
    # The e-mail glued to a number starts after it.
    assert kinds("电话13812341234zs@163.com", kinds=FREE_TEXT_KINDS) == [(MOBILE, "13812341234"),
                                                                        (EMAIL, "zs@163.com")]
    assert kinds("电话0755-86001234zs@163.com", kinds=FREE_TEXT_KINDS) == [(LANDLINE, "0755-86001234"),
                                                                          (EMAIL, "zs@163.com")]
    # Whatever kinds are asked for, the same spans are taken.
    assert find("13812341234@qq.com", kinds=[EMAIL]) == []
    findings = free(f"{MIXED}座机0755-86001234，zs@163.com")
    assert [f.kind for f in findings] == [RESIDENT_ID, MOBILE, BANK_CARD, LANDLINE, EMAIL]
    assert all(a.end <= b.start for a, b in zip(findings, findings[1:], strict=False))


def test_nothing_reported_inside_urls():
    text = "详见http://www.example.gov.cn/0755-86001234/index.html，或https://u:p@x.gov.cn/a?tel=010-12345678"
    assert free(text) == []
    text = "网址www.example.gov.cn/zs@163.com，联系电话0755-86001234，邮箱zs@163.com"
    assert [(f.kind, f.value) for f in free(text)] == [(LANDLINE, "0755-86001234"), (EMAIL, "zs@163.com")]
    # ID numbers and mobiles in a URL are still personal data (unchanged behaviour).
    assert kinds("http://x.cn/?m=13812341234", kinds=FREE_TEXT_KINDS) == [(MOBILE, "13812341234")]


FREE_TEXT_NEGATIVES = [
    "成文日期：2020-06-23，发布日期：2020-06-25",
    "2024-05-06",
    "2024/05/06 09:30",
    "示政发〔2024〕12号",
    "聊政发〔2020〕9号",
    "索引号：11441700007280420Y/2024-00001",
    "索引号：000014349/2017-00110",
    "金额1,380,000.00元",
    "共计0755.00元",
    "预算1234567890123456.78元",
    "网站标识码1304000009",
    "服务热线400-123-4567，12345",
    "查询号 23456789ABCDEFGH",
    "2021年第1期（总第214期）",
    "@张三 请回复",
]


@pytest.mark.parametrize("text", FREE_TEXT_NEGATIVES)
def test_free_text_no_false_positives(text):
    assert free(text) == []
    assert free_mask(text) == text


_AREAS = ["010", "020", "021", "025", "0755", "0571", "0635", "0431", "0871"]


@st.composite
def landlines(draw):
    area = draw(st.sampled_from(_AREAS))
    local = draw(st.sampled_from("23456789")) + draw(st.text("0123456789", min_size=6, max_size=7))
    style = draw(st.sampled_from(["{a}-{l}", "({a}){l}", "{a} {l}", "{a}{l}", "+86-{a1}-{l}", "0086 {a1} {l}"]))
    return style.format(a=area, a1=area[1:], l=local), local


CONTEXT = st.text(alphabet="，。、；：的申请人电话联系方式张三 ", max_size=8)


@given(CONTEXT, landlines(), CONTEXT)
def test_masked_landline_never_shows_the_number(before, number_and_local, after):
    number, local = number_and_local
    text = f"{before}{number}{after}"
    [f] = free(text)
    assert (f.kind, f.value) == (LANDLINE, number)
    masked = free_mask(text)
    assert number not in masked and local[:-2] not in masked and local not in masked
    assert masked.count("*") == len(local) - 2 and masked.endswith(local[-2:] + after)
    assert free(masked) == []  # idempotent


_LOCAL_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._+-"


@given(
    CONTEXT,
    st.text(alphabet=_LOCAL_CHARS, min_size=2, max_size=30).filter(lambda s: s[0].isalnum()),
    st.lists(st.text(alphabet="abcdefghij", min_size=1, max_size=10), min_size=1, max_size=3),
    st.sampled_from(["com", "cn", "org", "net"]),
    CONTEXT,
)
def test_masked_email_never_shows_the_local_part(before, local, labels, tld, after):
    domain = ".".join([*labels, tld])
    text = f"{before}{local}@{domain}{after}"
    [f] = free(text)
    assert (f.kind, f.value) == (EMAIL, f"{local}@{domain}")
    masked = free_mask(text)
    assert local not in masked
    assert masked == f"{before}{local[0]}***@{domain}{after}"
    assert free(masked) == []


_NOT_PERSONAL = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: f"{d.year}年{d.month}月{d.day}日"),
    st.dates().map(lambda d: f"{d:%Y/%m/%d}"),
    st.dates().map(lambda d: f"{d:%Y%m%d}"),
    st.tuples(st.sampled_from(["示政发", "聊政发", "国办发", "国办公开办函"]), st.integers(1990, 2099),
              st.integers(1, 999)).map(lambda t: f"{t[0]}〔{t[1]}〕{t[2]}号"),
    st.tuples(st.sampled_from(["11441700007280420Y", "000014349"]), st.integers(2000, 2099),
              st.integers(1, 99999)).map(lambda t: f"{t[0]}/{t[1]}-{t[2]:05d}"),
    st.decimals(min_value=0, max_value=10**12, places=2).map(lambda d: f"{d:,}元"),
    st.decimals(min_value=0, max_value=10**12, places=2).map(lambda d: f"{d}元"),
    st.times().map(lambda t: f"{t:%H:%M}"),
)


@given(st.lists(_NOT_PERSONAL, min_size=1, max_size=5), st.sampled_from([" ", "，", "、", "至", "；", "——"]))
def test_no_finding_in_dates_document_numbers_index_numbers_and_amounts(parts, sep):
    text = sep.join(parts)
    assert free(text) == []
    assert free_mask(text) == text


# 100 KB of digits, hyphens and @ (and what the patterns look for next to them). Each input runs
# under a sandbox budget (as in test_report_redos): a super-linear pattern fails the test with
# BudgetExceeded instead of hanging the suite; the assertions are on the results.
N = 100_000
ADVERSARIAL = {
    "digits": ("1" * N, 0),
    "zeros": ("0" * N, 0),
    "digit-hyphen": ("0-" * (N // 2), 0),
    "area then hyphens": ("0755-" * (N // 5), 0),
    "hyphens": ("-" * N, 0),
    "at signs": ("@" * N, 0),
    "digit-at": ("1@" * (N // 2), 0),
    "digits then at": ("1" * N + "@163.com", 0),
    "letters then at": ("a" * N + "@example.com", 0),
    "long local part of dots and hyphens": ("a.-" * (N // 3) + "@example.com", 0),
    "long domain": ("a@" + "a." * (N // 2), 0),
    "long domain of hyphens": ("a@a" + "-" * N, 0),
    "at-dot": ("@." * (N // 2), 0),
    "digits hyphens at": ("0-1@" * (N // 4), 0),
    "plus86": ("+86-" * (N // 4), 0),
    "brackets": ("(010)" * (N // 5), 0),
    "almost landlines": ("0755-8600123" * (N // 12), 0),
    "landlines": ("0755-86001234，" * (N // 14), N // 14),
    "e-mails": ("zs@163.com " * (N // 11), N // 11),
    "url": ("http://" + "0755-86001234@a.cn/" * (N // 19), 0),
}


def _count(text):
    findings = find_personal_data(text, kinds=FREE_TEXT_KINDS, today=TODAY)
    return len(findings), len(mask_text(text, FREE_TEXT_KINDS, today=TODAY))


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_adversarial_input_is_linear(name):
    from gongkai.ops.sandbox import Budget, run

    text, expected = ADVERSARIAL[name]
    assert len(text) >= N - 20
    count, _ = run(_count, text, budget=Budget(seconds=8, memory_mb=1024))
    assert count == expected


# ---------------------------------------------------------------------------
# Sensitive words
# ---------------------------------------------------------------------------


def test_find_sensitive_words():
    text = "某某局长张三在会上讲话，张三表示……"
    assert find_sensitive_words(text, ["张三", "局长"]) == [("局长", 2), ("张三", 4), ("张三", 12)]
    hit = find_sensitive_words(text, ["张三"])[0]
    assert isinstance(hit, WordHit) and hit.word == "张三" and hit.start == 4


def test_sensitive_words_overlapping_and_nested():
    assert find_sensitive_words("哈哈哈", ["哈哈"]) == [("哈哈", 0), ("哈哈", 1)]
    assert find_sensitive_words("中华人民共和国", ["人民", "中华人民"]) == [("中华人民", 0), ("人民", 2)]
    # Same start: longer word first.
    assert find_sensitive_words("人民政府", ["人民", "人民政府"]) == [("人民政府", 0), ("人民", 0)]


def test_sensitive_words_fold_width_and_ascii_case():
    assert find_sensitive_words("访问ＶＰＮ和vpn", ["VPN"]) == [("VPN", 2), ("VPN", 6)]


def test_sensitive_words_ignore_empty_and_duplicates():
    assert find_sensitive_words("abc", ["", "  ", "b", "b", " b "]) == [("b", 1)]
    assert find_sensitive_words("", ["a"]) == []
    assert find_sensitive_words(None, ["a"]) == []
    assert find_sensitive_words("abc", []) == []
