"""Identifier validation, privacy masking and 查询号 generation.

Pure standard-library module: no Django import. See docs/domain.md 6.6, 7.3 and 7.4.

Every validator takes raw user input, normalises it and returns the canonical value,
or raises :class:`InvalidIdentifier` whose ``message`` (and ``str()``) is a Chinese
sentence suitable for showing next to the form field.
"""

from __future__ import annotations

import re
import secrets
from datetime import date

from gongkai.law.today import today as china_today

__all__ = [
    "InvalidIdentifier",
    "normalize",
    "validate_resident_id",
    "validate_uscc",
    "validate_phone",
    "validate_mobile",
    "validate_email",
    "validate_postcode",
    "mask_phone",
    "mask_id_number",
    "mask_name",
    "mask_address",
    "TRACKING_ALPHABET",
    "TRACKING_CODE_MIN_LENGTH",
    "TRACKING_CODE_MAX_LENGTH",
    "new_tracking_code",
    "normalize_tracking_code",
    "is_tracking_code_shaped",
]


def _today_in_china() -> date:
    return china_today()


class InvalidIdentifier(ValueError):
    """Raised when user input is not a valid identifier. ``str(e)`` is the Chinese message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


# ---------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------

# Full-width ASCII block U+FF01..U+FF5E maps to U+0021..U+007E; U+3000 is the ideographic space.
_HALFWIDTH_TABLE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_HALFWIDTH_TABLE[0x3000] = 0x20


def _to_halfwidth(s: str) -> str:
    """Convert full-width digits, letters and ASCII punctuation to half-width."""
    return s.translate(_HALFWIDTH_TABLE)


def normalize(s: str) -> str:
    """Strip, convert full-width characters to half-width, and uppercase.

    ``normalize(' １１０１０５１９４９１２３１００２ｘ ') == '11010519491231002X'``
    """
    if s is None:
        return ""
    return _to_halfwidth(str(s)).strip().upper()


# ---------------------------------------------------------------------------
# Citizen ID number (居民身份证号码), GB 11643-1999
# ---------------------------------------------------------------------------

# GB 11643-1999 第5.2条: weights W_i = 2^(i-1) mod 11 for positions 18..2.
_RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
# GB 11643-1999: (Σ a_i·W_i) mod 11 → check character.
_RESIDENT_ID_CHECK = "10X98765432"
_RESIDENT_ID_SHAPE = re.compile(r"[0-9]{17}[0-9X]")
_EARLIEST_BIRTH_DATE = date(1900, 1, 1)  # project convention; configurable


def resident_id_check_char(first17: str) -> str:
    """Return the GB 11643-1999 check character for the first 17 digits."""
    if len(first17) != 17 or not first17.isdigit() or not first17.isascii():
        raise InvalidIdentifier("居民身份证号码前17位应为数字")
    total = sum(int(c) * w for c, w in zip(first17, _RESIDENT_ID_WEIGHTS, strict=True))
    return _RESIDENT_ID_CHECK[total % 11]


def validate_resident_id(s: str, *, today: date | None = None) -> str:
    """Validate an 18-character citizen ID number (GB 11643-1999) and return it normalised.

    ``today`` (a China-time date) is for tests; by default the current date in China.
    """
    value = normalize(s)
    if not value:
        raise InvalidIdentifier("请填写居民身份证号码")
    # 15-digit legacy numbers are rejected (domain.md 7.3; project convention; configurable).
    if len(value) == 15 and value.isascii() and value.isdigit():
        raise InvalidIdentifier("不再受理15位旧版居民身份证号码，请填写18位居民身份证号码")
    if len(value) != 18:
        raise InvalidIdentifier(f"居民身份证号码长度不对：应为18位，您填写了{len(value)}位")
    if not _RESIDENT_ID_SHAPE.fullmatch(value):
        raise InvalidIdentifier("居民身份证号码格式不对：前17位应为数字，最后一位应为数字或字母X")
    # GB 11643-1999: positions 7-14 are the birth date YYYYMMDD.
    birth_text = value[6:14]
    try:
        birth = date(int(birth_text[:4]), int(birth_text[4:6]), int(birth_text[6:]))
    except ValueError:
        raise InvalidIdentifier("居民身份证号码中的出生日期无效，请核对第7至14位") from None
    if today is None:
        today = _today_in_china()
    if birth > today or birth < _EARLIEST_BIRTH_DATE:
        raise InvalidIdentifier("居民身份证号码中的出生日期无效，请核对第7至14位")
    if resident_id_check_char(value[:17]) != value[17]:
        raise InvalidIdentifier("居民身份证号码校验码错误，请核对后重新填写")
    return value


# ---------------------------------------------------------------------------
# Unified social credit code (统一社会信用代码), GB 32100-2015
# ---------------------------------------------------------------------------

# GB 32100-2015: code character set (no I, O, Z, S, V).
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
# GB 32100-2015: W_i = 3^(i-1) mod 31.
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_VALUE = {c: i for i, c in enumerate(USCC_ALPHABET)}


def uscc_check_char(first17: str) -> str:
    """Return the GB 32100-2015 check character for the first 17 characters."""
    if len(first17) != 17 or any(c not in _USCC_VALUE for c in first17):
        raise InvalidIdentifier("统一社会信用代码前17位含有不允许的字符")
    total = sum(_USCC_VALUE[c] * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    # GB 32100-2015: C18 = 31 − (Σ mod 31); a result of 31 is written as 0.
    return USCC_ALPHABET[(31 - total % 31) % 31]


def validate_uscc(s: str) -> str:
    """Validate an 18-character 统一社会信用代码 (GB 32100-2015) and return it normalised."""
    value = normalize(s)
    if not value:
        raise InvalidIdentifier("请填写统一社会信用代码")
    if len(value) != 18:
        raise InvalidIdentifier(f"统一社会信用代码长度不对：应为18位，您填写了{len(value)}位")
    bad = sorted({c for c in value if c not in _USCC_VALUE})
    if bad:
        shown = "、".join(bad)
        raise InvalidIdentifier(f"统一社会信用代码含有不允许的字符：{shown}（代码中不使用字母I、O、Z、S、V）")
    if uscc_check_char(value[:17]) != value[17]:
        raise InvalidIdentifier("统一社会信用代码校验码错误，请核对后重新填写")
    return value


# ---------------------------------------------------------------------------
# Telephone numbers
# ---------------------------------------------------------------------------

# Mainland mobile: 11 digits starting with 1 (domain.md 7.3).
_MOBILE = re.compile(r"1[0-9]{10}")
# Optional country prefix, stripped: +86, 0086, (+86).
_COUNTRY_PREFIX = re.compile(r"^(?:\(\+86\)|\+86|0086)")
# Landline: area code 010 or 02x (3 digits) or 0[3-9]xx (4 digits) - the sets are prefix-free,
# so the split is unambiguous even without a separator - then a 7- or 8-digit local number,
# then an optional extension of 1-6 digits.
_LANDLINE = re.compile(
    r"(?P<open>\()?(?P<area>010|02[0-9]|0[3-9][0-9][0-9])(?(open)\))(?: ?- ?| )?(?P<local>[0-9]{7,8})"
    r"(?:(?: ?- ?| ?转 ?| ?EXT\.? ?|#)(?P<ext>[0-9]{1,6}))?"
)


def _clean_phone(s: str) -> str:
    value = normalize(s)
    value = re.sub(r"\s+", " ", value)
    return value


def _canonical_mobile(value: str) -> str | None:
    digits = _COUNTRY_PREFIX.sub("", value.replace(" ", "").replace("-", ""))
    return digits if _MOBILE.fullmatch(digits) else None


def _canonical_landline(value: str) -> str | None:
    m = _LANDLINE.fullmatch(value.strip())
    if not m:
        return None
    result = f"{m['area']}-{m['local']}"
    if m["ext"]:
        result += f"-{m['ext']}"
    return result


def validate_mobile(s: str) -> str:
    """Validate a mainland mobile number; returns the 11 digits without separators or +86."""
    value = _clean_phone(s)
    if not value:
        raise InvalidIdentifier("请填写手机号码")
    mobile = _canonical_mobile(value)
    if mobile is None:
        raise InvalidIdentifier("手机号码格式不对：应为以1开头的11位数字")
    return mobile


def validate_phone(s: str) -> str:
    """Validate a mobile number or a landline with area code.

    Returns ``'13812341234'`` for a mobile, ``'0635-8888888'`` or ``'010-12345678-123'``
    for a landline.
    """
    value = _clean_phone(s)
    if not value:
        raise InvalidIdentifier("请填写联系电话")
    canonical = _canonical_mobile(value) or _canonical_landline(value)
    if canonical is None:
        raise InvalidIdentifier(
            "联系电话格式不对：请填写以1开头的11位手机号码，或带区号的固定电话（如0635-8888888）"
        )
    return canonical


# ---------------------------------------------------------------------------
# E-mail and postcode
# ---------------------------------------------------------------------------

_EMAIL_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_EMAIL_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_EMAIL_TLD = re.compile(r"(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})")


def validate_email(s: str) -> str:
    """Validate an e-mail address (standard dot-atom syntax, ASCII); the domain is lowercased."""
    value = _to_halfwidth(s or "").strip()
    if not value:
        raise InvalidIdentifier("请填写电子邮箱")
    message = "电子邮箱格式不对，请填写如 name@example.com 的地址"
    if value.count("@") != 1 or len(value) > 254:
        raise InvalidIdentifier(message)
    local, domain = value.split("@")
    domain = domain.lower()
    if not local or len(local) > 64 or not _EMAIL_LOCAL.fullmatch(local):
        raise InvalidIdentifier(message)
    labels = domain.split(".")
    if len(labels) < 2 or len(domain) > 253:
        raise InvalidIdentifier(message)
    if not all(_EMAIL_LABEL.fullmatch(label) for label in labels) or not _EMAIL_TLD.fullmatch(labels[-1]):
        raise InvalidIdentifier(message)
    return f"{local}@{domain}"


_POSTCODE = re.compile(r"[0-9]{6}")


def validate_postcode(s: str) -> str:
    """Validate a 6-digit mainland postcode (邮政编码)."""
    value = normalize(s)
    if not value:
        raise InvalidIdentifier("请填写邮政编码")
    if not _POSTCODE.fullmatch(value):
        raise InvalidIdentifier("邮政编码格式不对：应为6位数字")
    return value


# ---------------------------------------------------------------------------
# Privacy masking before publication (domain.md 6.6)
# ---------------------------------------------------------------------------


def _mask_keep(value: str, head: int, tail: int) -> str:
    """Keep ``head`` leading and ``tail`` trailing characters, mask the rest with '*'.

    Strings in which fewer characters would be masked than kept are masked completely.
    """
    hidden = len(value) - head - tail
    if hidden < head + tail:
        return "*" * len(value)
    return value[:head] + "*" * hidden + value[len(value) - tail :]


def mask_phone(s: str) -> str:
    """Mask a phone number: first 3 and last 4 characters kept (``138****1234``; domain 6.6)."""
    raw = (s or "").strip()
    if not raw:
        return ""
    cleaned = _clean_phone(raw)
    canonical = _canonical_mobile(cleaned) or _canonical_landline(cleaned) or raw
    if len(canonical) < 8:
        return "*" * len(canonical)
    return canonical[:3] + "*" * (len(canonical) - 7) + canonical[-4:]


def mask_id_number(s: str) -> str:
    """Mask an ID number: first 2 and last 3 kept (``35*************123``; domain 6.6).

    Other lengths are masked the same way; values shorter than 10 characters (where
    fewer characters would be hidden than shown) are masked completely.
    """
    value = (s or "").strip()
    return _mask_keep(value, 2, 3)


def mask_name(s: str) -> str:
    """Mask a personal name: keep the first character (``张三丰`` → ``张**``)."""
    value = (s or "").strip()
    if len(value) <= 1:
        return "*" * len(value)
    return value[0] + "*" * (len(value) - 1)


# Township-level tokens (乡、镇、街道). A token only counts when it ends a place name:
# it must follow a name character (not an administrative suffix such as 省/市/区, so that
# 镇江市, 镇海区, 乡宁县 are not taken for townships) and must not itself be followed by a
# county-level suffix (新乡市, 宁乡市, 新乡县).
_TOWNSHIP = re.compile(r"(?<=[^省市县区旗州盟])(?:街道|乡|镇)(?![市县区旗州盟])")
_ADDRESS_FALLBACK_CHARS = 6


def mask_address(s: str) -> str:
    """Publish an address only down to the 乡镇/街道 level (domain 6.6).

    Keeps the text up to and including the first 乡/镇/街道 token, otherwise the first
    6 characters (at most half of a short address), then appends ``****``.
    """
    value = (s or "").strip()
    if not value:
        return ""
    m = _TOWNSHIP.search(value)
    if m:
        return value[: m.end()] + "****"
    keep = min(_ADDRESS_FALLBACK_CHARS, len(value) // 2)
    return value[:keep] + "****"


# ---------------------------------------------------------------------------
# 查询号 (tracking code), domain.md 7.4
# ---------------------------------------------------------------------------

# Unambiguous alphabet: no 0, O, 1, I, L (domain 7.4).
TRACKING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
# At least 10 characters (domain 7.4).
TRACKING_CODE_MIN_LENGTH = 10
TRACKING_CODE_MAX_LENGTH = 32
_TRACKING_SET = frozenset(TRACKING_ALPHABET)


def new_tracking_code(length: int = 12) -> str:
    """Return a random, non-sequential 查询号 drawn with :mod:`secrets` (domain 7.4)."""
    if isinstance(length, bool) or not isinstance(length, int):
        raise TypeError("查询号长度必须是整数")
    if not TRACKING_CODE_MIN_LENGTH <= length <= TRACKING_CODE_MAX_LENGTH:
        raise ValueError(f"查询号长度应在{TRACKING_CODE_MIN_LENGTH}至{TRACKING_CODE_MAX_LENGTH}位之间")
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(length))


def normalize_tracking_code(s: str) -> str:
    """Normalise user input of a 查询号: half-width, uppercase, spaces and hyphens removed."""
    return re.sub(r"[\s-]+", "", normalize(s))


def is_tracking_code_shaped(s: str, length: int | None = None) -> bool:
    """True if ``s`` (after :func:`normalize_tracking_code`) looks like a 查询号.

    Says nothing about whether such a code exists; callers must keep the generic
    "未查询到匹配的申请" response for both cases (domain 7.4).
    """
    value = normalize_tracking_code(s)
    if length is not None:
        if len(value) != length:
            return False
    elif not TRACKING_CODE_MIN_LENGTH <= len(value) <= TRACKING_CODE_MAX_LENGTH:
        return False
    return all(c in _TRACKING_SET for c in value)
