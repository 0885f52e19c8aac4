"""Pre-publication checks: personal data in text, masking, sensitive words.

Pure standard-library module: no Django import. See docs/domain.md 6.2 and 6.6.

Art. 15 and domain 6.2: before publication the text is checked for personal data (ID numbers,
mobile numbers, bank cards) and the masked form is suggested; only the masked version is
published (domain 6.6). Detection errs on the side of reporting: an 18-character run that
looks like an ID number but fails the GB 11643-1999 checksum is still reported, with
``confidence == 'low'``. Nothing is reported inside dates, 文号, 索引号 or amounts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from gongkai.law.identifiers import InvalidIdentifier, validate_resident_id, validate_uscc
from gongkai.law.today import today as china_today

__all__ = [
    "RESIDENT_ID",
    "MOBILE",
    "BANK_CARD",
    "KINDS",
    "KIND_LABELS",
    "Finding",
    "WordHit",
    "find_personal_data",
    "mask_text",
    "find_sensitive_words",
    "luhn_valid",
]

RESIDENT_ID = "resident_id_no"
MOBILE = "mobile"
BANK_CARD = "bank_card"
KINDS = (RESIDENT_ID, MOBILE, BANK_CARD)
KIND_LABELS = {RESIDENT_ID: "居民身份证号码", MOBILE: "手机号码", BANK_CARD: "银行卡号"}

HIGH = "high"
LOW = "low"


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: ``text[start:end] == value``; ``masked`` replaces it on publication."""

    kind: str
    start: int
    end: int
    value: str
    masked: str
    confidence: str = HIGH  # "low": looks like the kind but fails its check (report, do not trust)

    @property
    def label(self) -> str:
        """Chinese label for the check list, e.g. ``居民身份证号码`` or ``疑似居民身份证号码``."""
        label = KIND_LABELS[self.kind]
        return label if self.confidence == HIGH else f"疑似{label}"


class WordHit(NamedTuple):
    word: str
    start: int


# Full-width ASCII block → half-width, one character for one, so offsets stay valid.
_HALFWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}

# A digit run directly followed by "/YYYY-" heads an 索引号 (domain 6.4), e.g. 000014349/2017-00110.
_NOT_INDEX_NO = r"(?!/[0-9]{4}-)"
# Decimal amounts: 13800000000.00 is money, not a phone number.
_NOT_DECIMAL_BEFORE = r"(?<![0-9][.])"
_NOT_DECIMAL_AFTER = r"(?![.][0-9])"

# GB 11643-1999: 17 digits and a check character; not part of a longer alphanumeric code.
_ID18 = re.compile(rf"(?<![0-9A-Za-z]){_NOT_DECIMAL_BEFORE}[0-9]{{17}}[0-9Xx](?![0-9A-Za-z]){_NOT_DECIMAL_AFTER}{_NOT_INDEX_NO}")
# Legacy 15-digit ID numbers (6-digit area, YYMMDD, 3-digit sequence) still occur in old records.
_ID15 = re.compile(rf"(?<![0-9A-Za-z]){_NOT_DECIMAL_BEFORE}[0-9]{{15}}(?![0-9A-Za-z]){_NOT_DECIMAL_AFTER}{_NOT_INDEX_NO}")
# GB/T 2260 province-level codes (first two digits of an ID number); 83 = 台湾居民居住证.
_PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83".split()
)
# Mainland mobile (domain 7.3): 11 digits starting with 1[3-9]; an optional +86/0086/86 prefix;
# written solid or as 3-4-4 with one kind of separator.
_MOBILE = re.compile(
    rf"(?<![0-9]){_NOT_DECIMAL_BEFORE}(?:(?:\+|00)?86[- ]?)?"
    r"(?P<number>1[3-9][0-9](?P<sep>[- ]?)[0-9]{4}(?P=sep)[0-9]{4})"
    rf"(?![0-9])(?!(?P=sep)[0-9]){_NOT_DECIMAL_AFTER}"
)
# Bank cards: 16-19 digits, solid or in groups of 4 separated by one space or hyphen. Card
# numbers start with 3, 4, 5, 6 or 9 (ISO/IEC 7812 major industry identifiers in use for
# payment cards); this keeps date-like and serial runs that start with 0, 1, 2, 7, 8 out.
_BANK = re.compile(
    rf"(?<![0-9A-Za-z]){_NOT_DECIMAL_BEFORE}"
    r"(?P<number>[3-69][0-9]{15,18}|[3-69][0-9]{3}(?P<sep>[- ])[0-9]{4}(?:(?P=sep)[0-9]{4}){2}(?:(?P=sep)[0-9]{1,3})?)"
    rf"(?![0-9A-Za-z])(?!(?P=sep)[0-9]){_NOT_DECIMAL_AFTER}{_NOT_INDEX_NO}"
)


def luhn_valid(digits: str) -> bool:
    """ISO/IEC 7812 (Luhn) check of a digit string."""
    if not digits or not digits.isascii() or not digits.isdigit():
        return False
    total = 0
    for i, c in enumerate(reversed(digits)):
        n = int(c)
        if i % 2:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


_SIGNIFICANT = frozenset("0123456789Xx")


def _mask_significant(value: str, head: int, tail: int) -> str:
    """Mask the digits (and X) of ``value`` except the first ``head`` and last ``tail``.

    Separators and the width of the kept characters are preserved.
    """
    positions = [i for i, c in enumerate(value) if c.translate(_HALFWIDTH) in _SIGNIFICANT]
    hidden = set(positions[head : len(positions) - tail] if tail else positions[head:])
    return "".join("*" if i in hidden else c for i, c in enumerate(value))


def _plausible_birth(text: str, today: date) -> bool:
    try:
        born = date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return False
    return date(1900, 1, 1) <= born <= today  # same bounds as identifiers.validate_resident_id


def _id_confidence(value: str, today: date) -> str | None:
    """``'high'`` for a valid ID number, ``'low'`` for one that only looks like it, else None."""
    value = value.upper()
    if len(value) == 18:
        try:
            validate_resident_id(value, today=today)
            return HIGH
        except InvalidIdentifier:
            pass
        if value[:2] in _PROVINCES and _plausible_birth(value[6:14], today):
            return LOW
        return None
    # 15 digits: area, then YYMMDD of a 19xx birth date.
    if value[:2] in _PROVINCES and _plausible_birth("19" + value[6:12], today):
        return LOW
    return None


def _is_uscc(digits: str) -> bool:
    try:
        validate_uscc(digits)
    except InvalidIdentifier:
        return False
    return True


def find_personal_data(text: str | None, *, kinds: Iterable[str] | None = None,
                       today: date | None = None) -> list[Finding]:
    """Find ID numbers, mobile numbers and bank card numbers in ``text``, ordered by position.

    ``kinds`` limits the search (default: all of :data:`KINDS`); ``today`` (China date) bounds
    plausible birth dates and is for tests.
    """
    if not text:
        return []
    wanted = set(KINDS if kinds is None else kinds)
    unknown = wanted - set(KINDS)
    if unknown:
        raise ValueError(f"未知的个人信息类型：{'、'.join(sorted(unknown))}")
    if today is None:
        today = china_today()
    scan = text.translate(_HALFWIDTH)
    findings: list[Finding] = []
    taken = bytearray(len(text))  # 1 where a finding already covers the character

    def free(start: int, end: int) -> bool:
        return not any(taken[start:end])

    def add(kind: str, start: int, end: int, masked_keep: tuple[int, int], confidence: str = HIGH) -> None:
        value = text[start:end]
        taken[start:end] = b"\x01" * (end - start)
        if kind in wanted:
            findings.append(Finding(kind, start, end, value, _mask_significant(value, *masked_keep), confidence))

    # ID numbers first: an 18-digit run that is an ID is not also a bank card.
    for pattern in (_ID18, _ID15):
        for m in pattern.finditer(scan):
            confidence = _id_confidence(m[0], today)
            if confidence is not None:
                add(RESIDENT_ID, m.start(), m.end(), (2, 3), confidence)  # domain 6.6: 35*************123
    for m in _BANK.finditer(scan):
        digits = re.sub(r"[- ]", "", m["number"])
        if not 16 <= len(digits) <= 19 or not luhn_valid(digits) or not free(m.start(), m.end()):
            continue
        if len(digits) == 18 and _is_uscc(digits):
            continue  # an all-digit 统一社会信用代码 is public data of an organisation
        add(BANK_CARD, m.start(), m.end(), (4, 4))  # project convention: first 4 and last 4 kept
    for m in _MOBILE.finditer(scan):
        start, end = m.span("number")
        if free(start, end):
            add(MOBILE, start, end, (3, 4))  # domain 6.6: 138****1234
    findings.sort(key=lambda f: f.start)
    return findings


def mask_text(text: str | None, kinds: Iterable[str] | None = None, *, today: date | None = None) -> str:
    """Return ``text`` with the personal data of ``kinds`` (default: all) masked as in domain 6.6.

    Low-confidence findings are masked too: when in doubt, the published version hides it.
    """
    if not text:
        return text or ""
    pieces: list[str] = []
    position = 0
    for finding in find_personal_data(text, kinds=kinds, today=today):  # ordered, never overlapping
        pieces.append(text[position : finding.start])
        pieces.append(finding.masked)
        position = finding.end
    pieces.append(text[position:])
    return "".join(pieces)


def _fold(s: str) -> str:
    """Half-width and ASCII-lowercase, one character for one (offsets stay valid)."""
    return s.translate(_HALFWIDTH).translate(_ASCII_LOWER)


_ASCII_LOWER = {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}


def find_sensitive_words(text: str | None, words: Iterable[str]) -> list[WordHit]:
    """Every occurrence of each word in ``text`` (overlaps included), ordered by position.

    Matching ignores full-width/half-width and ASCII case; the hit carries the word as given.
    Empty words are ignored, repeated words reported once per occurrence.
    """
    if not text:
        return []
    haystack = _fold(text)
    hits: list[WordHit] = []
    seen: set[str] = set()
    for word in words:
        if not word or not word.strip():
            continue
        word = word.strip()
        needle = _fold(word)
        if needle in seen:
            continue
        seen.add(needle)
        i = haystack.find(needle)
        while i != -1:
            hits.append(WordHit(word, i))
            i = haystack.find(needle, i + 1)
    hits.sort(key=lambda h: (h.start, -len(h.word)))
    return hits
