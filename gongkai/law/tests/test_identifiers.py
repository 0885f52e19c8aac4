"""Tests for gongkai.law.identifiers (domain.md 6.6, 7.3, 7.4)."""

from __future__ import annotations

import ast
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.law import identifiers
from gongkai.law.identifiers import (
    TRACKING_ALPHABET,
    USCC_ALPHABET,
    InvalidIdentifier,
    is_tracking_code_shaped,
    mask_address,
    mask_id_number,
    mask_name,
    mask_phone,
    new_tracking_code,
    normalize,
    normalize_tracking_code,
    resident_id_check_char,
    uscc_check_char,
    validate_email,
    validate_mobile,
    validate_phone,
    validate_postcode,
    validate_resident_id,
    validate_uscc,
)

TODAY = date(2025, 6, 15)


def make_resident_id(area: str, birth: str, seq: str) -> str:
    first17 = area + birth + seq
    return first17 + resident_id_check_char(first17)


def raises_message(func, value, *fragments, **kwargs) -> str:
    with pytest.raises(InvalidIdentifier) as info:
        func(value, **kwargs)
    message = str(info.value)
    assert message == info.value.message
    for fragment in fragments:
        assert fragment in message, (fragment, message)
    return message


# ---------------------------------------------------------------------------
# Purity
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("module", ["identifiers", "fees", "outcomes"])
def test_law_modules_import_only_the_standard_library(module):
    import sys

    source = (Path(identifiers.__file__).parent / f"{module}.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            imported.add(node.module.split(".")[0])
    assert "django" not in imported
    # gongkai.law.today (itself pure) is the one allowed import from the project.
    assert imported <= set(sys.stdlib_module_names) | {"__future__", "gongkai"}, imported
    assert all(node.module in (None, "gongkai.law.today") for node in ast.walk(tree)
               if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("gongkai"))


def test_invalid_identifier_is_value_error_with_chinese_message():
    error = InvalidIdentifier("居民身份证号码校验码错误")
    assert isinstance(error, ValueError)
    assert str(error) == "居民身份证号码校验码错误"
    assert error.message == "居民身份证号码校验码错误"


# ---------------------------------------------------------------------------
# normalize
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  11010519491231002x  ", "11010519491231002X"),
        ("１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X"),
        ("１１０１０５１９４９１２３１００２ｘ", "11010519491231002X"),
        ("\u3000９１３５０１００ｍ０００１００ｙ４３\u3000", "91350100M000100Y43"),
        ("\tabc\n", "ABC"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalize(raw, expected):
    assert normalize(raw) == expected


@given(st.text())
def test_normalize_is_idempotent(s):
    assert normalize(normalize(s)) == normalize(s)


# ---------------------------------------------------------------------------
# Citizen ID number, GB 11643-1999
# ---------------------------------------------------------------------------


def test_resident_id_reference_value():
    assert validate_resident_id("11010519491231002X") == "11010519491231002X"
    assert resident_id_check_char("11010519491231002") == "X"


@pytest.mark.parametrize(
    "raw",
    [
        "11010519491231002x",
        " 11010519491231002X ",
        "１１０１０５１９４９１２３１００２Ｘ",
        "１１０１０５１９４９１２３１００２ｘ",
    ],
)
def test_resident_id_is_normalized(raw):
    assert validate_resident_id(raw) == "11010519491231002X"


def test_resident_id_every_check_character_can_occur():
    seen = set()
    for seq in range(1000):
        seen.add(resident_id_check_char(f"110105194912310{seq:03d}"[:17]))
    assert seen == set("10X98765432")


def test_resident_id_empty():
    raises_message(validate_resident_id, "", "请填写")
    raises_message(validate_resident_id, "   ", "请填写")


def test_resident_id_legacy_15_digits_rejected_with_specific_message():
    message = raises_message(validate_resident_id, "110105491231002", "15位", "18位")
    assert "长度不对" not in message


@pytest.mark.parametrize("raw", ["1101051949123100", "11010519491231002X1", "1", "11010519491231"])
def test_resident_id_wrong_length(raw):
    raises_message(validate_resident_id, raw, "长度不对", f"{len(raw)}位")


@pytest.mark.parametrize(
    "raw", ["1101051949123100AX", "X1010519491231002X", "11010519491231002Y", "11010519491231002-"]
)
def test_resident_id_bad_characters(raw):
    raises_message(validate_resident_id, raw, "格式不对")


@pytest.mark.parametrize(
    "birth",
    [
        "19490230",  # no 30 February
        "19491301",  # month 13
        "19490001",  # month 0
        "19490100",  # day 0
        "19490431",  # April has 30 days
        "19000229",  # 1900 is not a leap year
        "18991231",  # before 1900
        "00000000",
        "20250616",  # the day after TODAY
        "20991231",  # future
    ],
)
def test_resident_id_invalid_birth_date(birth):
    value = make_resident_id("110105", birth, "002")
    raises_message(validate_resident_id, value, "出生日期无效", today=TODAY)


@pytest.mark.parametrize("birth", ["19000101", "20000229", "19491231", "20250615"])
def test_resident_id_boundary_birth_dates_accepted(birth):
    value = make_resident_id("110105", birth, "002")
    assert validate_resident_id(value, today=TODAY) == value


def test_resident_id_future_check_uses_current_china_date_by_default():
    from gongkai.law import today as law_today

    tomorrow = law_today.today() + timedelta(days=2)
    value = make_resident_id("110105", tomorrow.strftime("%Y%m%d"), "002")
    raises_message(validate_resident_id, value, "出生日期无效")


@pytest.mark.parametrize("check", [c for c in "0123456789X" if c != "X"])
def test_resident_id_wrong_check_character(check):
    raises_message(validate_resident_id, "11010519491231002" + check, "校验码错误")


def test_resident_id_messages_are_distinct():
    messages = {
        raises_message(validate_resident_id, ""),
        raises_message(validate_resident_id, "110105491231002"),
        raises_message(validate_resident_id, "1101051949123100"),
        raises_message(validate_resident_id, "1101051949123100AX"),
        raises_message(validate_resident_id, make_resident_id("110105", "19490230", "002")),
        raises_message(validate_resident_id, "110105194912310021"),
    }
    assert len(messages) == 6


birth_dates = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
id_prefixes = st.from_regex(r"[1-9][0-9]{5}", fullmatch=True)
id_sequences = st.from_regex(r"[0-9]{3}", fullmatch=True)


@given(id_prefixes, birth_dates, id_sequences)
def test_resident_id_generated_values_are_valid(area, birth, seq):
    value = make_resident_id(area, birth.strftime("%Y%m%d"), seq)
    assert validate_resident_id(value, today=TODAY) == value
    assert validate_resident_id(value.lower(), today=TODAY) == value


@given(id_prefixes, birth_dates, id_sequences, st.integers(0, 17), st.sampled_from("0123456789X"))
def test_resident_id_any_single_substitution_is_rejected(area, birth, seq, position, replacement):
    value = make_resident_id(area, birth.strftime("%Y%m%d"), seq)
    if value[position] == replacement or (replacement == "X" and position < 17):
        return
    mutated = value[:position] + replacement + value[position + 1 :]
    with pytest.raises(InvalidIdentifier):
        validate_resident_id(mutated, today=TODAY)


# ---------------------------------------------------------------------------
# 统一社会信用代码, GB 32100-2015
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["11441700007280420Y", "91350100M000100Y43"])
def test_uscc_reference_values(value):
    assert validate_uscc(value) == value
    assert uscc_check_char(value[:17]) == value[17]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("91350100m000100y43", "91350100M000100Y43"),
        ("  91350100M000100Y43 ", "91350100M000100Y43"),
        ("９１３５０１００Ｍ０００１００Ｙ４３", "91350100M000100Y43"),
    ],
)
def test_uscc_normalized(raw, expected):
    assert validate_uscc(raw) == expected


def test_uscc_alphabet():
    assert USCC_ALPHABET == "0123456789ABCDEFGHJKLMNPQRTUWXY"
    assert len(USCC_ALPHABET) == 31
    assert not set("IOZSV") & set(USCC_ALPHABET)


def test_uscc_empty():
    raises_message(validate_uscc, "", "请填写")


@pytest.mark.parametrize("raw", ["11441700007280420", "11441700007280420YY", "9135"])
def test_uscc_wrong_length(raw):
    raises_message(validate_uscc, raw, "长度不对", f"{len(raw)}位")


@pytest.mark.parametrize("letter", list("IOZSV"))
def test_uscc_forbidden_letters(letter):
    raw = "91350100" + letter + "000100Y43"
    raises_message(validate_uscc, raw, "不允许的字符", letter)


def test_uscc_forbidden_punctuation():
    raises_message(validate_uscc, "91350100-000100Y43", "不允许的字符")


def test_uscc_wrong_check_character():
    raises_message(validate_uscc, "11441700007280420X", "校验码错误")
    raises_message(validate_uscc, "91350100M000100Y44", "校验码错误")


def test_uscc_check_of_zero_remainder_is_zero():
    # Σ mod 31 == 0 must give check character '0', not an out-of-range 31.
    assert uscc_check_char("0" * 17) == "0"
    assert validate_uscc("0" * 18) == "0" * 18


uscc_bodies = st.text(alphabet=USCC_ALPHABET, min_size=17, max_size=17)


@given(uscc_bodies)
def test_uscc_generated_values_are_valid(body):
    value = body + uscc_check_char(body)
    assert validate_uscc(value) == value
    assert validate_uscc(value.lower()) == value


@given(uscc_bodies, st.integers(0, 17), st.sampled_from(USCC_ALPHABET))
def test_uscc_any_single_substitution_is_rejected(body, position, replacement):
    value = body + uscc_check_char(body)
    if value[position] == replacement:
        return
    mutated = value[:position] + replacement + value[position + 1 :]
    with pytest.raises(InvalidIdentifier, match="校验码错误"):
        validate_uscc(mutated)


# ---------------------------------------------------------------------------
# Telephone numbers
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "13812341234",
        " 13812341234 ",
        "138 1234 1234",
        "138-1234-1234",
        "+8613812341234",
        "+86 138 1234 1234",
        "+86-138-1234-1234",
        "008613812341234",
        "(+86)13812341234",
        "１３８１２３４１２３４",
    ],
)
def test_mobile_formats(raw):
    assert validate_mobile(raw) == "13812341234"
    assert validate_phone(raw) == "13812341234"


@pytest.mark.parametrize(
    "raw",
    [
        "1381234123",
        "138123412345",
        "23812341234",
        "13812341a34",
        "8613812341234",
        "+85213812341234",
        "0635-8888888",
    ],
)
def test_mobile_invalid(raw):
    raises_message(validate_mobile, raw, "手机号码格式不对")


def test_mobile_empty():
    raises_message(validate_mobile, "", "请填写手机号码")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0635-8888888", "0635-8888888"),
        ("010-12345678", "010-12345678"),
        ("010-12345678-123", "010-12345678-123"),
        ("0635-8888888-1", "0635-8888888-1"),
        ("(0635)8888888", "0635-8888888"),
        ("（０６３５）８８８８８８８", "0635-8888888"),
        ("0635 8888888", "0635-8888888"),
        ("0635 - 8888888", "0635-8888888"),
        ("06358888888", "0635-8888888"),
        ("01012345678", "010-12345678"),
        ("021-87654321", "021-87654321"),
        ("0635-8888888转123", "0635-8888888-123"),
        ("0635-8888888 ext 12", "0635-8888888-12"),
        ("0635-88888888", "0635-88888888"),
    ],
)
def test_landline_formats(raw, expected):
    assert validate_phone(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "8888888",  # no area code
        "635-8888888",  # area code without leading 0
        "0635-888888",  # local number too short
        "0635-888888888",  # local number too long
        "0635-8888888-1234567",  # extension too long
        "(0635 8888888",  # unbalanced parenthesis
        "011-12345678",  # 01x other than 010 is not an area code
        "0635-8888888-",
        "电话0635-8888888",
        "abc",
        "+86 0635-8888888",
    ],
)
def test_phone_invalid(raw):
    raises_message(validate_phone, raw, "联系电话格式不对")


def test_phone_empty():
    raises_message(validate_phone, "", "请填写联系电话")
    raises_message(validate_phone, None, "请填写联系电话")


# ---------------------------------------------------------------------------
# E-mail
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("user@example.com", "user@example.com"),
        ("  user@example.com ", "user@example.com"),
        ("First.Last+tag@Mail.Example.COM", "First.Last+tag@mail.example.com"),
        ("zhang_san-1@sub.domain.gov.cn", "zhang_san-1@sub.domain.gov.cn"),
        ("user＠example.com", "user@example.com"),
        ("a@b.cn", "a@b.cn"),
        ("o'brien@example.org", "o'brien@example.org"),
        ("x@xn--fiqs8s.xn--fiqz9s", "x@xn--fiqs8s.xn--fiqz9s"),
        ("123456@qq.com", "123456@qq.com"),
    ],
)
def test_email_valid(raw, expected):
    assert validate_email(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "userexample.com",
        "user@@example.com",
        "a@b@example.com",
        "@example.com",
        "user@",
        ".user@example.com",
        "user.@example.com",
        "us..er@example.com",
        "user@example",
        "user@-example.com",
        "user@example-.com",
        "user@exa_mple.com",
        "user@example..com",
        "user@example.com.",
        "user@example.c",
        "user@example.123",
        "us er@example.com",
        "用户@example.com",
        "user@例子.中国",
        "a" * 65 + "@example.com",
        "user@" + "a" * 64 + ".com",
        "user@" + ".".join(["abcdefghi"] * 30) + ".com",
    ],
)
def test_email_invalid(raw):
    raises_message(validate_email, raw, "电子邮箱格式不对")


def test_email_empty():
    raises_message(validate_email, "", "请填写电子邮箱")
    raises_message(validate_email, None, "请填写电子邮箱")


# ---------------------------------------------------------------------------
# Postcode
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"), [("252000", "252000"), (" 100000 ", "100000"), ("２５２０００", "252000")]
)
def test_postcode_valid(raw, expected):
    assert validate_postcode(raw) == expected


@pytest.mark.parametrize("raw", ["25200", "2520000", "25200a", "252 000", "-25200"])
def test_postcode_invalid(raw):
    raises_message(validate_postcode, raw, "邮政编码格式不对", "6位数字")


def test_postcode_empty():
    raises_message(validate_postcode, "", "请填写邮政编码")


# ---------------------------------------------------------------------------
# Masking (domain 6.6)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("13812341234", "138****1234"),
        (" 13812341234 ", "138****1234"),
        ("+86 138-1234-1234", "138****1234"),
        ("0635-8888888", "063*****8888"),
        ("1234567", "*******"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_phone(raw, expected):
    assert mask_phone(raw) == expected


@given(st.from_regex(r"1[0-9]{10}", fullmatch=True))
def test_mask_phone_mobile_property(mobile):
    masked = mask_phone(mobile)
    assert masked == mobile[:3] + "****" + mobile[-4:]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("350102199001011123", "35*************123"),
        ("11010519491231002X", "11*************02X"),
        (" 350102199001011123 ", "35*************123"),
        ("350102900101123", "35**********123"),  # legacy 15 digits
        ("1234567890", "12*****890"),  # shortest value still partly shown
        ("E12345678", "*********"),  # fewer hidden than shown: mask completely
        ("12345", "*****"),
        ("1", "*"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_id_number(raw, expected):
    assert mask_id_number(raw) == expected


@given(st.text(alphabet="0123456789X", min_size=0, max_size=40))
def test_mask_id_number_properties(value):
    masked = mask_id_number(value)
    assert len(masked) == len(value)
    shown = sum(1 for c in masked if c != "*")
    assert shown <= len(value) - shown or shown == 0


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("张三丰", "张**"),
        ("张三", "张*"),
        ("欧阳娜娜", "欧***"),
        (" 李四 ", "李*"),
        ("张", "*"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_name(raw, expected):
    assert mask_name(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("山东省聊城市东昌府区古楼街道办事处光岳路1号", "山东省聊城市东昌府区古楼街道****"),
        ("山东省聊城市东昌府区郑家镇王屯村3号", "山东省聊城市东昌府区郑家镇****"),
        ("四川省甘孜州乡城县青德乡仲德村", "四川省甘孜州乡城县青德乡****"),
        ("某某县城关镇", "某某县城关镇****"),
        # 镇/乡 starting or inside a city or county name is not a township.
        ("江苏省镇江市京口区正东路街道8号", "江苏省镇江市京口区正东路街道****"),
        ("浙江省宁波市镇海区招宝山街道车站路1号", "浙江省宁波市镇海区招宝山街道****"),
        ("湖南省长沙市宁乡市玉潭镇人民路", "湖南省长沙市宁乡市玉潭镇****"),
        ("山西省临汾市乡宁县昌宁镇", "山西省临汾市乡宁县昌宁镇****"),
        # No township token: first 6 characters.
        ("河南省新乡市红旗区向阳小区", "河南省新乡市****"),
        ("北京市海淀区中关村大街1号", "北京市海淀区****"),
        # Short addresses keep at most half.
        ("光岳路1号", "光岳****"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_address(raw, expected):
    assert mask_address(raw) == expected


@given(st.text(min_size=1, max_size=60).map(str.strip).filter(bool))
def test_mask_address_always_ends_masked_and_hides_something(address):
    masked = mask_address(address)
    assert masked.endswith("****")
    kept = masked[:-4]
    assert address.startswith(kept)
    assert len(kept) <= len(address)


# ---------------------------------------------------------------------------
# 查询号 (domain 7.4)
# ---------------------------------------------------------------------------


def test_tracking_alphabet_is_unambiguous():
    assert not set("0O1IL") & set(TRACKING_ALPHABET)
    assert len(set(TRACKING_ALPHABET)) == len(TRACKING_ALPHABET) == 31
    assert TRACKING_ALPHABET == TRACKING_ALPHABET.upper()
    assert set(TRACKING_ALPHABET) == set("23456789ABCDEFGHJKMNPQRSTUVWXYZ")


def test_new_tracking_code_default():
    code = new_tracking_code()
    assert len(code) == 12
    assert set(code) <= set(TRACKING_ALPHABET)
    assert is_tracking_code_shaped(code)


@pytest.mark.parametrize("length", [10, 16, 32])
def test_new_tracking_code_lengths(length):
    code = new_tracking_code(length)
    assert len(code) == length
    assert is_tracking_code_shaped(code)
    assert is_tracking_code_shaped(code, length=length)


@pytest.mark.parametrize("length", [0, 9, 33, -1])
def test_new_tracking_code_rejects_bad_length(length):
    with pytest.raises(ValueError, match="查询号长度"):
        new_tracking_code(length)


@pytest.mark.parametrize("length", [12.0, "12", True])
def test_new_tracking_code_rejects_non_int_length(length):
    with pytest.raises(TypeError, match="查询号长度"):
        new_tracking_code(length)


def test_new_tracking_codes_are_random_and_use_whole_alphabet():
    codes = {new_tracking_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert set("".join(codes)) == set(TRACKING_ALPHABET)


def test_new_tracking_code_uses_secrets(monkeypatch):
    calls = []

    def fake_choice(seq):
        calls.append(seq)
        return seq[0]

    monkeypatch.setattr(identifiers.secrets, "choice", fake_choice)
    assert new_tracking_code(10) == TRACKING_ALPHABET[0] * 10
    assert len(calls) == 10


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("abcd-efgh-2345", "ABCDEFGH2345"),
        (" ABCD EFGH 2345 ", "ABCDEFGH2345"),
        ("ＡＢＣＤＥＦＧＨ２３４５", "ABCDEFGH2345"),
    ],
)
def test_normalize_tracking_code(raw, expected):
    assert normalize_tracking_code(raw) == expected
    assert is_tracking_code_shaped(raw)


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "ABCDEFGH2",  # 9 characters
        "A" * 33,
        "ABCDEFGH2340",  # contains 0
        "ABCDEFGH234O",  # contains O
        "ABCDEFGH2341",  # contains 1
        "ABCDEFGH234I",  # contains I
        "ABCDEFGH234L",  # contains L
        "ABCDEFGH234!",
        "查询号ABCDEFGH23",
    ],
)
def test_not_tracking_code_shaped(raw):
    assert not is_tracking_code_shaped(raw)


def test_tracking_code_shaped_with_explicit_length():
    code = new_tracking_code(12)
    assert is_tracking_code_shaped(code, length=12)
    assert not is_tracking_code_shaped(code, length=10)


@pytest.mark.parametrize(
    ("func", "value"),
    [
        (validate_resident_id, "11010519491231002" + "\u0663"),  # Arabic-Indic digit
        (validate_resident_id, "\u0661" + "1010519491231002X"),
        (validate_resident_id, "\u0661" * 15),
        (validate_mobile, "1381234123\u0664"),
        (validate_phone, "0635-888888\u0668"),
        (validate_postcode, "25200\u0660"),
    ],
)
def test_non_ascii_digits_are_rejected(func, value):
    with pytest.raises(InvalidIdentifier):
        func(value)
