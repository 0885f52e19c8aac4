"""Pre-publication checks: personal data in text, masking, sensitive words.

Pure standard-library module: no Django import. See docs/domain.md 6.2 and 6.6.

Art. 15 and domain 6.2: before publication the text is checked for personal data (ID numbers,
mobile numbers, bank cards) and the masked form is suggested; only the masked version is
published (domain 6.6). Detection errs on the side of reporting: an 18-character run that
looks like an ID number but fails the GB 11643-1999 checksum is still reported, with
``confidence == 'low'``. Nothing is reported inside dates, 文号, 索引号 or amounts.

Two more kinds, fixed-line telephone numbers (:data:`LANDLINE`) and e-mail addresses
(:data:`EMAIL`), are found only on request: they are not in :data:`KINDS`, the default of the
pre-publication check, because organs publish their own office numbers and mailboxes in their
documents. :data:`FREE_TEXT_KINDS` adds them for what applicants type (an application's
description, names …), masked for every reader outside the handling organ.

Masked forms (the original characters, full-width ones included, and separators are kept):

* ID number ``35*************123`` (first 2, last 3) and mobile ``138****1234`` (first 3, last 4),
  domain 6.6; bank card ``6222***********0128`` (first 4, last 4, project convention).
* Fixed line (project convention): the area code, with its country code, brackets and separator,
  and the last 2 digits of the subscriber number are kept; the other digits of the subscriber
  number and the whole extension are masked: ``0755-******34``, ``010-******78``,
  ``(020)******21``, ``020 **** **21``, ``0571-*****32-***``, ``+86-10-******78``. A number
  needs an area code (010, 02X, 0XXX; after +86/0086 without the 0); service numbers (400 and
  800 …, 95XXX, 12345) are not personal data and are not reported.
* E-mail (project convention, as the applicant's e-mail field in gongkai.applications.access):
  the first character of the local part and the domain are kept, the rest of the local part
  becomes ``***`` whatever its length: ``zhang.san@example.com`` → ``z***@example.com``. This
  is the one masked form that does not keep the length of the original. Only ASCII addresses
  (full-width letters and ``＠`` included) are recognised, so Chinese text written against
  the address (``邮箱zs_1990@163.com``) is not taken into it.

Findings never overlap: ID numbers, bank cards and mobiles are found first, then fixed lines,
then e-mail addresses (``13812341234@qq.com`` is a mobile, masked ``138****1234@qq.com``).
Nothing of the two new kinds is reported inside a URL (``http(s)://``, ``ftp://``, ``www.``).

Every pattern is applied to untrusted text and is bounded: no nested or unbounded quantifier
before a required character, so the work per starting position is constant and a search is
linear in the length of the text (tests: 100 KB of digits, hyphens and ``@``).
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
    "LANDLINE",
    "EMAIL",
    "KINDS",
    "FREE_TEXT_KINDS",
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
LANDLINE = "landline"
EMAIL = "email"
# The pre-publication check of documents: an organ's own office phone and mailbox are not personal.
KINDS = (RESIDENT_ID, MOBILE, BANK_CARD)
# What an applicant types (description, names …), masked for readers outside the handling organ.
FREE_TEXT_KINDS = KINDS + (LANDLINE, EMAIL)
KIND_LABELS = {RESIDENT_ID: "居民身份证号码", MOBILE: "手机号码", BANK_CARD: "银行卡号",
               LANDLINE: "固定电话号码", EMAIL: "电子邮箱"}

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


# Fixed-line numbers (GB/T 13955 numbering plan): an area code — 010, 02X or 0XXX (3-9 after the
# 0), in brackets or not; or +86/0086, an optional (0) or 0, and the area code without its 0 (400
# and 800 are service numbers) — then a 7- or 8-digit subscriber number, solid or split once
# (3-4 or 4-4), then an optional extension (-801, 转801, 分机801). Every quantifier is bounded.
_AREA = r"(?:10|2[0-9]|[3-9][0-9]{2})"
_LANDLINE = re.compile(
    rf"(?<![0-9]){_NOT_DECIMAL_BEFORE}"
    rf"(?P<area>(?:\+|00)86[- ]?(?:\(0\)|0)?(?!400|800){_AREA}[- ]?|\(0{_AREA}\)[- ]?|0{_AREA}[- ]?)"
    r"(?P<local>[1-9][0-9]{2,3}[- ]?[0-9]{4})"
    r"(?P<ext>(?:-|转|分机)[0-9]{1,5}(?![0-9])(?!-[0-9]))?"
    rf"(?![0-9]){_NOT_DECIMAL_AFTER}"
)
# E-mail addresses, ASCII only (the text is scanned half-width). The local part starts where a run
# of local-part characters starts (the lookbehind keeps a long run from being tried at every
# character); the domain is one flat run checked label by label in Python (_domain_length).
_EMAIL_LOCAL_CHARS = "A-Za-z0-9._%+-"
_EMAIL = re.compile(
    rf"(?<![{_EMAIL_LOCAL_CHARS}])(?P<local>[{_EMAIL_LOCAL_CHARS}]{{1,64}})@(?P<domain>[A-Za-z0-9][A-Za-z0-9.-]{{0,252}})"
)
_TLD = re.compile(r"[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59}")
# URLs: nothing of LANDLINE or EMAIL is reported inside one (searched in the original text: a
# full-width comma ends it).
_URL = re.compile(r"(?<![A-Za-z0-9])(?:(?:https?|ftp)://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+;=%]+", re.I)


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


def _mask_landline(value: str, m: re.Match, offset: int) -> str:
    """Keep the area part and the last 2 subscriber digits; mask the rest of the number and the extension."""
    local_start, local_end = m.start("local") - offset, m.end("local") - offset
    chars = list(value)
    local_digits = [i for i in range(local_start, local_end) if chars[i].translate(_HALFWIDTH).isdigit()]
    hidden = local_digits[:-2]
    if m["ext"]:
        hidden += [i for i in range(local_end, len(value)) if chars[i].translate(_HALFWIDTH).isdigit()]
    for i in hidden:
        chars[i] = "*"
    return "".join(chars)


def _is_label(label: str) -> bool:
    """A DNS label; ``label`` is already made of ASCII letters, digits and hyphens."""
    return 0 < len(label) <= 63 and label[0] != "-" and label[-1] != "-"


def _domain_length(domain: str) -> int:
    """Length of the longest prefix of ``domain`` that is a domain name with a TLD, else 0."""
    labels: list[str] = []
    for label in domain.split("."):
        if not _is_label(label):
            trimmed = label.rstrip("-")  # "example.com-": the hyphen is punctuation after the address
            if trimmed != label and _is_label(trimmed):
                labels.append(trimmed)
            break
        labels.append(label)
    while len(labels) >= 2 and not _TLD.fullmatch(labels[-1]):
        labels.pop()
    return len(".".join(labels)) if len(labels) >= 2 else 0

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
    """Find ID numbers, mobile numbers and bank card numbers (on request also fixed-line numbers and
    e-mail addresses) in ``text``, ordered by position.

    ``kinds`` limits the search (default: :data:`KINDS`; :data:`FREE_TEXT_KINDS` adds fixed-line
    numbers and e-mail addresses); ``today`` (China date) bounds plausible birth dates and is for
    tests. Findings never overlap, whatever ``kinds`` selects.
    """
    if not text:
        return []
    wanted = set(KINDS if kinds is None else kinds)
    unknown = wanted - set(FREE_TEXT_KINDS)
    if unknown:
        raise ValueError(f"未知的个人信息类型：{'、'.join(sorted(unknown))}")
    if today is None:
        today = china_today()
    scan = text.translate(_HALFWIDTH)
    findings: list[Finding] = []
    taken = bytearray(len(text))  # 1 where a finding already covers the character

    def free(start: int, end: int) -> bool:
        return not any(taken[start:end])

    def add(kind: str, start: int, end: int, masked_keep: tuple[int, int] | str, confidence: str = HIGH) -> None:
        value = text[start:end]
        taken[start:end] = b"\x01" * (end - start)
        if kind in wanted:
            masked = masked_keep if isinstance(masked_keep, str) else _mask_significant(value, *masked_keep)
            findings.append(Finding(kind, start, end, value, masked, confidence))

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
    if LANDLINE in wanted or EMAIL in wanted:  # fixed lines first: an e-mail never overlaps one either
        for m in _URL.finditer(text):
            taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
        for m in _LANDLINE.finditer(scan):
            if free(m.start(), m.end()):
                add(LANDLINE, m.start(), m.end(), _mask_landline(text[m.start() : m.end()], m, m.start()))
    if EMAIL in wanted:
        for m in _EMAIL.finditer(scan):
            start, at = m.span("local")
            end = m.start("domain") + _domain_length(m["domain"])
            if end == m.start("domain") or not free(at, end):
                continue
            # "电话13812341234zs@163.com": the local part starts after the number found before it.
            start = max([start] + [i + 1 for i in range(start, at) if taken[i]])
            if start < at:
                value = text[start:end]
                add(EMAIL, start, end, value[:1] + "***" + value[at - start :])  # z***@example.com
    findings.sort(key=lambda f: f.start)
    return findings


def mask_text(text: str | None, kinds: Iterable[str] | None = None, *, today: date | None = None) -> str:
    """Return ``text`` with the personal data of ``kinds`` (default: :data:`KINDS`) masked as in domain 6.6.

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
