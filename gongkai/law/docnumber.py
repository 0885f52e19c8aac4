"""发文字号 (document number) parsing, canonical rendering and search keys.

Pure standard-library module: no Django import. See docs/domain.md 6.4 and 7.6.

A 发文字号 has three parts, 机关代字 / 年 / 号: ``聊政发〔2020〕9号`` = ``聊政发`` + ``2020`` + ``9``,
rendered with the 六角括号 〔 〕 (U+3014/U+3015). Orders of the State Council carry no year
(``国务院令第711号``); they are kept with ``year == 0`` and rendered with 第.

Accepted spellings (domain 7.6, applied to both the index and the query):

- the bracket pairs 〔〕 [] ［］ () （） 【】 are equivalent (so are ﹝﹞ and 〖〗, common in web copies);
- full-width digits and letters become ASCII; all whitespace is dropped;
- 第 before the serial is optional, and so is the trailing 号;
- without brackets the year must be followed by 年 and the number must end in 号
  (``交通运输部令2019年第1号``); ``聊政发20209号`` is ambiguous and is not a 文号;
- a number without a year needs both 第 and 号 (``国务院令第711号``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "DocNo",
    "YEAR_MIN",
    "YEAR_MAX",
    "SERIAL_MAX",
    "PREFIX_MAX_LENGTH",
    "parse_doc_no",
    "normalize_doc_no",
    "doc_no_key",
    "find_doc_nos",
]

# Plausible years of a PRC document (project convention).
YEAR_MIN = 1949
YEAR_MAX = 2100
# 机关代字 longer than this are taken for running text (project convention).
PREFIX_MAX_LENGTH = 32
# Serials have at most 6 digits; longer digit runs are something else (project convention).
SERIAL_MAX = 999_999

# Full-width ASCII block U+FF01..U+FF5E → U+0021..U+007E, as in identifiers._to_halfwidth.
_HALFWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
# Every accepted opening bracket becomes 〔, every closing one 〕 (domain 7.6). Applied after the
# half-width step, so ［］（） are already [] ().
_OPENING = "〔[(【﹝〖"
_CLOSING = "〕])】﹞〗"
_BRACKETS = {ord(c): "〔" for c in _OPENING} | {ord(c): "〕" for c in _CLOSING}
_SPACE = re.compile(r"\s+")

# 机关代字: CJK ideographs and ASCII letters, digits allowed inside (never first or last, so that
# the year that follows is never confused with the prefix).
_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_HEAD = f"[A-Za-z{_CJK}]"
_BODY = f"[0-9A-Za-z{_CJK}]"
# At most PREFIX_MAX_LENGTH characters, which also keeps the search linear on long runs of text.
_PREFIX = rf"(?P<prefix>{_HEAD}(?:{_BODY}{{0,{PREFIX_MAX_LENGTH - 2}}}{_HEAD})?)"
_PREFIX_RE = re.compile(_PREFIX)
_SERIAL = r"(?P<serial>[0-9]{1,6})"

# The three shapes, tried in this order.
_BRACKETED = rf"{_PREFIX}〔(?P<year>[0-9]{{4}})〕第?{_SERIAL}"
_WITH_NIAN = rf"{_PREFIX}(?P<year>[0-9]{{4}})年第?{_SERIAL}号"
_YEARLESS = rf"{_PREFIX}第{_SERIAL}号"
_FULL = [re.compile(_BRACKETED + "号?"), re.compile(_WITH_NIAN), re.compile(_YEARLESS)]

# In free text a serial must not run on into more digits; 号 is still optional after brackets.
_IN_TEXT = re.compile(
    rf"{_BRACKETED}(?![0-9])号?|{_WITH_NIAN.replace('(?P<', '(?P<n_')}|{_YEARLESS.replace('(?P<', '(?P<y_')}"
)

# Words that precede a 文号 in running text but never belong to a 机关代字: everything up to and
# including the last of them is cut from the prefix candidate (``关于印发聊政发`` → ``聊政发``).
_LEADING_WORDS = (
    "关于", "根据", "依据", "按照", "依照", "参照", "对照", "执行", "印发", "转发", "贯彻", "落实", "实施",
    "废止", "修改", "修订", "请问", "查询", "搜索", "查找", "查看", "文号", "字号", "文件", "通知", "解读",
    "以及", "的", "及", "与", "或", "暨", "见", "即",
)
_LEADING_RE = re.compile("|".join(sorted(map(re.escape, _LEADING_WORDS), key=len, reverse=True)))
# Connector between two 文号 (``聊政发〔2020〕9号和聊政发〔2020〕10号``). Cut only right after a
# previous 文号: 和 also begins or occurs inside real prefixes (和政发, 中华人民共和国主席令).
_CONNECTORS = "和"


@dataclass(frozen=True)
class DocNo:
    """A parsed 发文字号. ``year == 0`` means a number without a year (``国务院令第711号``)."""

    prefix: str
    year: int
    serial: int

    def __post_init__(self) -> None:
        if not isinstance(self.prefix, str) or not _PREFIX_RE.fullmatch(self.prefix):
            raise ValueError(
                f"机关代字无效：{self.prefix!r}（应为{PREFIX_MAX_LENGTH}个以内的汉字或字母，不含括号、空格）"
            )
        if re.search(r"[0-9]{4}年", self.prefix):
            raise ValueError(f"机关代字无效：{self.prefix!r}（不能包含年份）")
        if isinstance(self.year, bool) or not isinstance(self.year, int):
            raise ValueError("发文字号的年份必须是整数")
        if self.year != 0 and not YEAR_MIN <= self.year <= YEAR_MAX:
            raise ValueError(f"发文字号的年份应在{YEAR_MIN}至{YEAR_MAX}之间")
        if isinstance(self.serial, bool) or not isinstance(self.serial, int):
            raise ValueError("发文字号的序号必须是整数")
        if not 1 <= self.serial <= SERIAL_MAX:
            raise ValueError(f"发文字号的序号应在1至{SERIAL_MAX}之间")

    def __str__(self) -> str:
        # Domain 6.4: rendered with 〔 〕 (U+3014/U+3015) and no 第.
        if self.year == 0:
            return f"{self.prefix}第{self.serial}号"
        return f"{self.prefix}\u3014{self.year}\u3015{self.serial}号"

    @property
    def key(self) -> str:
        """Compact search key, e.g. ``聊政发|2020|9``; ``国务院令||711`` without a year."""
        return f"{self.prefix}|{self.year or ''}|{self.serial}"


def _clean(s: str | None) -> str:
    """Half-width, whitespace dropped, every bracket unified to 〔 〕."""
    if s is None:
        return ""
    return _SPACE.sub("", str(s).translate(_HALFWIDTH)).translate(_BRACKETS)


def _build(prefix: str, year: str | None, serial: str) -> DocNo | None:
    try:
        return DocNo(prefix, int(year) if year else 0, int(serial))
    except ValueError:
        return None


def parse_doc_no(s: str | None) -> DocNo | None:
    """Parse a whole string as a 发文字号; ``None`` if it is not one.

    ``parse_doc_no('聊政发（２０２０）第9号') == DocNo('聊政发', 2020, 9)``
    """
    value = _clean(s)
    for pattern in _FULL:
        m = pattern.fullmatch(value)
        if m:
            return _build(m["prefix"], m.groupdict().get("year"), m["serial"])
    return None


def normalize_doc_no(s: str | None) -> str:
    """The canonical form (``聊政发〔2020〕9号``), or the cleaned input if it is not a 文号.

    Cleaning converts full-width characters to half-width, drops whitespace and writes every
    bracket as 〔 〕.
    """
    parsed = parse_doc_no(s)
    return str(parsed) if parsed else _clean(s)


def doc_no_key(s: str | None) -> str:
    """A search key that is identical for every spelling of the same 文号 (domain 7.6).

    ``doc_no_key('聊政发[2020]第9号') == doc_no_key('聊政发〔2020〕9号') == '聊政发|2020|9'``.
    Input that is not a 文号 gives its cleaned form (see :func:`normalize_doc_no`).
    """
    parsed = parse_doc_no(s)
    return parsed.key if parsed else _clean(s)


def _trim_prefix(candidate: str, *, after_doc_no: bool) -> str | None:
    """Cut the words of the surrounding sentence off the front of a prefix candidate."""
    last = None
    for m in _LEADING_RE.finditer(candidate):
        last = m
    if last is not None:
        candidate = candidate[last.end() :]
    if after_doc_no:
        candidate = candidate.lstrip(_CONNECTORS)
    return candidate if candidate and _PREFIX_RE.fullmatch(candidate) else None


def find_doc_nos(text: str | None) -> list[DocNo]:
    """Find the 发文字号 mentioned in free text, in order of appearance, without duplicates.

    ``find_doc_nos('关于聊政发[2020]9号的解读') == [DocNo('聊政发', 2020, 9)]``
    """
    value = _clean(text)
    found: list[DocNo] = []
    previous_end = -1
    for m in _IN_TEXT.finditer(value):
        groups = {k.removeprefix("n_").removeprefix("y_"): v for k, v in m.groupdict().items() if v}
        prefix = _trim_prefix(groups["prefix"], after_doc_no=m.start() == previous_end)
        doc_no = _build(prefix, groups.get("year"), groups["serial"]) if prefix else None
        if doc_no is None:
            continue
        previous_end = m.end()
        if doc_no not in found:
            found.append(doc_no)
    return found
