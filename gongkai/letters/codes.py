"""The verification code of an issued letter (核验码, issue 14 item 4).

A short hash of the letter's canonical content — number, date, addressee, title and text — printed
in the footer of its PDF, DOCX and HTML and stored on the Letter row. Anyone holding a copy enters
the number and the code on the public page (``views.verify``) to learn whether it matches a letter
the organ issued. The code is not a secret: it proves that the copy's content is the issued one
only together with the number, because the stored code was computed from the issued content.

12 characters of base32 (A–Z, 2–7: 60 bits) of SHA-256; printed in groups of four (ABCD-EFGH-JKLM).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re
import unicodedata

LENGTH = 12
VERSION = "gongkai-letter-v1"

# Characters people mistype for base32 letters when copying from paper.
_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B", "9": "G"})
_NOT_CODE = re.compile(r"[^A-Z2-7]")


def canonical(number: str, issued_on: dt.date, addressee: str, title: str, paragraphs: list[str]) -> bytes:
    """The content the code is computed from (NFC, one field per line, paragraphs separated by
    blank lines: the text exactly as frozen)."""
    parts = [VERSION, number, issued_on.isoformat(), addressee, title, "\n\n".join(paragraphs)]
    return unicodedata.normalize("NFC", "\n".join(str(p) for p in parts)).encode("utf-8")


def compute(number: str, issued_on: dt.date, addressee: str, title: str, paragraphs: list[str]) -> str:
    digest = hashlib.sha256(canonical(number, issued_on, addressee, title, paragraphs)).digest()
    return base64.b32encode(digest).decode("ascii")[:LENGTH]


def for_letter(letter) -> str:
    return compute(letter.number, letter.issued_on, letter.addressee, letter.title, list(letter.paragraphs or []))


def display(code: str) -> str:
    """ABCDEFGHJKLM → ABCD-EFGH-JKLM (as printed)."""
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4)) if code else ""


def normalize(entered: str) -> str:
    """What a person typed (spaces, dashes, lower case, full-width, 0/1 for O/I) → the stored form."""
    text = unicodedata.normalize("NFKC", entered or "").upper().translate(_LOOKALIKES)
    return _NOT_CODE.sub("", text)


def matches(stored: str, entered: str) -> bool:
    """Constant-time comparison of a stored code with what was entered (normalised)."""
    entered = normalize(entered)
    return bool(stored) and len(entered) == LENGTH and hmac.compare_digest(stored, entered)
