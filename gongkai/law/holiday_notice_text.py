"""Reading the holiday notice, stage 1: the text and its lines (see :mod:`gongkai.law.holiday_notice`).

Normalisation, the shapes of the title, document number, festival lines and signature, the results
(:class:`NoticeProblem`, :class:`FestivalEntry`, :class:`ParsedNotice`), and the festival blocks a
notice is cut into. Pure Python: standard library and ``gongkai.law`` only, no Django import.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from gongkai.law.calendar import HOLIDAY, WORKDAY
from gongkai.law.docnumber import find_doc_nos, parse_doc_no

# Longer text is refused whole: no notice is near this long (the real ones have about 1,500 characters).
MAX_NOTICE_CHARS = 50_000

# A range of days off or workdays longer than this is taken for a typo (the longest since 2007 is 9 days).
MAX_RANGE_DAYS = 31

# The festivals of 《全国年节及纪念日放假办法》 for all citizens, in the order of the notices.
FESTIVALS = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")

# Names printed in notice headings since 2007, quotes removed, mapped to the canonical name.
_ALIASES = {
    "元旦": "元旦",
    "新年": "元旦",
    "春节": "春节",
    "清明节": "清明节",
    "清明": "清明节",
    "劳动节": "劳动节",
    "国际劳动节": "劳动节",
    "五一国际劳动节": "劳动节",
    "五一劳动节": "劳动节",
    "五一": "劳动节",
    "端午节": "端午节",
    "端午": "端午节",
    "中秋节": "中秋节",
    "中秋": "中秋节",
    "国庆节": "国庆节",
    "国庆": "国庆节",
    "十一": "国庆节",
}

_WEEKDAY_NAMES = "一二三四五六日"  # index = date.weekday()

# -- normalisation -----------------------------------------------------------------------------------------

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_INVISIBLE = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]+")
# Dash and wave variants left after NFKC; all become one of the range marks below.
_DASHES = str.maketrans({"〜": "~", "﹣": "-", "‐": "-", "‑": "-", "―": "—", "─": "—", "⁓": "~"})
_QUOTES = re.compile(r"[“”\"‘’'「」『』〝〞]")
_MASK = "\x00"  # stands for every character of a parenthesised note, so its content is never read as text

# -- line shapes -------------------------------------------------------------------------------------------

_TITLE = re.compile(r"(?:国务院办公厅)?关于(?P<year>\d{4})年部分节假日安排的通知")
_TITLE_START = re.compile(r"关于\d{4}年$")
_TITLE_END = re.compile(r"^部分节假日安排的通知")
# An item ordinal: 一、 / （一） / 1、 (not 1. before a digit).
_ORDINAL = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十]{1,3}\)|\d{1,2}[、.](?!\d))"
)
# Where one pasted line holds several items: a sentence end followed by the next ordinal.
_ITEM_BREAK = re.compile(r"(?<=[。;])(?=[一二三四五六七八九十]{1,3}、)")
_HEADING = re.compile(r"^(?P<heading>[^:]{1,40}?):(?P<body>.*)$")
_NAME_SEPARATORS = re.compile(r"[、,和及与/]")
_ARABIC_DATE_LINE = re.compile(r"^(?:国务院办公厅)?(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日$")
_CHINESE_DATE_LINE = re.compile(
    r"^(?:国务院办公厅)?(?P<y>[〇○零O0一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,3})月"
    r"(?P<d>[一二三四五六七八九十]{1,3})日$"
)

# -- inside a festival line --------------------------------------------------------------------------------

# Digit runs are taken whole (a 5-digit year, a 3-digit day) so that they are reported, not half-read.
_DATE = re.compile(
    r"(?<!\d)(?:(?P<year>\d{1,8}|[〇○零一二三四五六七八九]{4})年)?(?:(?P<month>\d{1,3})月)?(?P<day>\d{1,3})日"
)
_RANGE_MARK = re.compile(r"至|到|-|—{1,2}|–|~")
_CLAUSE_END = re.compile(r"[。;,:!?]")
# Alternatives are tried in order at each position: 调休上班 is a workday, 不调休 is no keyword.
_KEYWORD = re.compile(
    r"(?P<transfer>调至|调到|调整为|调为)|(?P<work>(?:调休)?上班|补班)|(?P<off>放假|补休|(?<!不)调休)"
)
_WEEKDAY_NOTE = re.compile(r"(?:星期|周|礼拜)[一二三四五六日天]")
_TOTAL = re.compile(r"共(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})天")
_TOTAL_AFTER_OFF = re.compile(r"放假(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})天")

OFF = "off"
WORK = "work"
TRANSFER = "transfer"


# -- results -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NoticeProblem:
    line: int  # 1-based line number in the given text (0 = the whole text)
    message: str  # Chinese, names what is wrong, e.g. "第5行：5月1日标注为（周四），实际是星期五"


@dataclass
class FestivalEntry:
    name: str  # 元旦 春节 清明节 劳动节 端午节 中秋节 国庆节, or a combined entry such as "中秋节、国庆节"
    line: int
    days_off: list[date] = field(default_factory=list)  # every day off this entry names, weekends included
    workdays: list[date] = field(default_factory=list)  # make-up workdays (调休上班) it names
    stated_total: int | None = None  # the "共N天" if printed

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical festival names of this entry, as printed (``("国庆节", "中秋节")``)."""
        return tuple(self.name.split("、"))

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "line": self.line,
            "days_off": [d.isoformat() for d in self.days_off],
            "workdays": [d.isoformat() for d in self.workdays],
            "stated_total": self.stated_total,
        }


@dataclass
class ParsedNotice:
    year: int | None  # from the title, else the ``year`` argument
    title: str
    number: str  # e.g. "国办发明电〔2024〕12号", else ""
    issued_on: date | None  # the signature date near the end
    festivals: list[FestivalEntry] = field(default_factory=list)
    problems: list[NoticeProblem] = field(default_factory=list)

    @property
    def holidays(self) -> list[date]:
        """All entries' days off, sorted and unique."""
        return sorted({d for entry in self.festivals for d in entry.days_off})

    @property
    def workdays(self) -> list[date]:
        """All entries' make-up workdays, sorted and unique."""
        return sorted({d for entry in self.festivals for d in entry.workdays})

    def overrides(self) -> dict[date, str]:
        """The days as calendar overrides (``gongkai.law.calendar``): HOLIDAY or WORKDAY."""
        result = dict.fromkeys(self.holidays, HOLIDAY)
        result.update(dict.fromkeys(self.workdays, WORKDAY))
        return result

    def to_json(self) -> dict:
        return {
            "year": self.year,
            "title": self.title,
            "number": self.number,
            "issued_on": self.issued_on.isoformat() if self.issued_on else None,
            "holidays": [d.isoformat() for d in self.holidays],
            "workdays": [d.isoformat() for d in self.workdays],
            "festivals": [entry.to_json() for entry in self.festivals],
            "problems": [{"line": p.line, "message": p.message} for p in self.problems],
        }


# -- parsing helpers ---------------------------------------------------------------------------------------


class _Problems:
    """Problems in order of discovery, without exact duplicates."""

    def __init__(self) -> None:
        self.items: list[NoticeProblem] = []

    def add(self, line: int, text: str) -> None:
        problem = NoticeProblem(line, _with_line(line, text))
        if problem not in self.items:
            self.items.append(problem)


def _with_line(line: int, text: str) -> str:
    return f"第{line}行：{text}" if line else text


def _normalize(line: str) -> str:
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", line)).translate(_DASHES)


def _find_title(lines: list[str]) -> tuple[str, int, int | None]:
    """(title, line, year) from the lines before the first item; ("", 0, None) if there is none."""
    for index, line in enumerate(lines):
        candidate = line
        if _TITLE_START.search(line) and index + 1 < len(lines) and _TITLE_END.match(lines[index + 1]):
            candidate = line + lines[index + 1]
        match = _TITLE.search(candidate)
        if match:
            return match.group(0), index + 1, int(match["year"])
    return "", 0, None


def _find_number(lines: list[str], skip: int) -> str:
    """The 发文字号 printed on a line of its own before the first item, else a 国办… number in that text."""
    for index, line in enumerate(lines, 1):
        if index == skip or not line:
            continue
        doc_no = parse_doc_no(line)
        if doc_no is not None and doc_no.year:
            return str(doc_no)
    # Pasted without line breaks: the number runs on after the title.
    for doc_no in find_doc_nos("\n".join(lines)):
        if doc_no.year and doc_no.prefix.startswith("国办"):
            return str(doc_no)
    return ""


@dataclass
class _Block:
    """A festival line and the lines that continue it."""

    line: int
    name: str
    segments: list[tuple[int, str]]  # (line, body text)


def _collect_blocks(lines: list[str], problems: _Problems) -> tuple[list[_Block], int]:
    """The festival entries, and the last line that belongs to one (0 if none)."""
    blocks: list[_Block] = []
    current: _Block | None = None
    last_line = 0
    for number, line in enumerate(lines, 1):
        if not line:
            continue
        for piece in _ITEM_BREAK.split(line):
            if not piece:
                continue
            ordinal = _ORDINAL.match(piece)
            if ordinal:
                current = _start_block(number, piece[ordinal.end() :], problems)
                if current is not None:
                    blocks.append(current)
                    last_line = number
            elif current is not None and (not current.segments[-1][1] or _continues(piece)):
                current.segments.append((number, piece))
                last_line = number
            else:
                current = None
    return blocks, last_line


def _start_block(number: int, rest: str, problems: _Problems) -> _Block | None:
    """A numbered line: its festival names and body, or ``None`` (reported if it looks like a festival)."""
    heading, body = _split_heading(rest)
    if heading is None:
        if _DATE.search(rest):
            problems.add(number, f"未能识别节日名称：“{_CLAUSE_END.split(rest)[0][:20]}”")
        return None
    names, unknown = [], []
    for part in _NAME_SEPARATORS.split(_QUOTES.sub("", heading)):
        if not part:
            continue
        canonical = _ALIASES.get(part)
        if canonical is None:
            unknown.append(part)
        elif canonical not in names:
            names.append(canonical)
    if unknown or not names:
        problems.add(number, f"未知的节日名称“{'、'.join(unknown) or heading}”")
        return None
    return _Block(number, "、".join(names), [(number, body)])


def _split_heading(rest: str) -> tuple[str | None, str]:
    """``元旦:1月1日……`` → ("元旦", "1月1日……"); without a colon, a known name followed by a date."""
    match = _HEADING.match(rest)
    if match and not _DATE.search(match["heading"]):
        return match["heading"], match["body"]
    plain = _QUOTES.sub("", rest)
    for alias in sorted(_ALIASES, key=len, reverse=True):
        if plain.startswith(alias) and _DATE.match(plain[len(alias) :]):
            return alias, plain[len(alias) :]
    return None, rest


def _continues(piece: str) -> bool:
    """A line after a festival line that still lists its days (a line break inside the entry)."""
    if _ARABIC_DATE_LINE.match(piece) or _CHINESE_DATE_LINE.match(piece):
        return False  # the signature date
    masked, _ = _mask_notes(piece)
    return bool(_DATE.search(masked) and _KEYWORD.search(masked))


def _mask_notes(text: str) -> tuple[str, dict[int, int]]:
    """Replace every balanced top-level parenthesis by mask characters; return {start: end} of each."""
    groups: dict[int, int] = {}
    depth, start = 0, 0
    for index, char in enumerate(text):
        if char == "(":
            if depth == 0:
                start = index
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                groups[start] = index + 1
    masked = list(text)
    for begin, end in groups.items():
        masked[begin:end] = _MASK * (end - begin)
    return "".join(masked), groups


def _find_signature(lines: list[str], after: int, problems: _Problems) -> date | None:
    """The last line after the festival lines that is a date (the 落款日期)."""
    for number in range(len(lines), after, -1):
        line = lines[number - 1]
        arabic = _ARABIC_DATE_LINE.match(line)
        chinese = None if arabic else _CHINESE_DATE_LINE.match(line)
        match = arabic or chinese
        if match is None:
            continue
        try:
            if arabic:
                return date(int(match["y"]), int(match["m"]), int(match["d"]))
            # _small_number gives None for a malformed numeral (十十): date() then raises TypeError.
            return date(_chinese_year(match["y"]), _small_number(match["m"]), _small_number(match["d"]))
        except (TypeError, ValueError):
            problems.add(number, f"落款日期“{line.removeprefix('国务院办公厅')}”不是有效日期")
            return None
    return None


# -- small helpers -----------------------------------------------------------------------------------------

_CHINESE_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "O": 0,
    "0": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def _written_year(text: str) -> int:
    """A year as printed before 年: four digits, or four Chinese numerals; 0 (no such year) otherwise."""
    if text.isdigit():
        return int(text) if len(text) == 4 else 0
    return _chinese_year(text)


def _chinese_year(text: str) -> int:
    """二〇一一 → 2011 (digit by digit)."""
    return int("".join(str(_CHINESE_DIGITS[c]) for c in text))


def _small_number(text: str) -> int | None:
    """'8' → 8; Chinese numerals up to 99: 八 → 8, 十二 → 12, 二十五 → 25, 三十 → 30."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return _CHINESE_DIGITS.get(text) if len(text) == 1 else None
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1:
        return None
    high = _CHINESE_DIGITS.get(tens, None) if tens else 1
    low = _CHINESE_DIGITS.get(units, None) if units else 0
    if high is None or low is None:
        return None
    return high * 10 + low


def _label(day: date, notice_year: int | None) -> str:
    """2月16日, or 2018年12月29日 outside the notice's year."""
    if day.year == notice_year:
        return f"{day.month}月{day.day}日"
    return f"{day.year}年{day.month}月{day.day}日"


def _split_statutory_label(label: str) -> tuple[tuple[str, ...], str, str]:
    """'春节（农历除夕）' → (('春节',), '春节', '（农历除夕）'); '中秋节、国庆节' names both festivals.

    An unknown name is kept whole, with no note.
    """
    rest = label.strip()
    names: list[str] = []
    while True:
        alias = next((a for a in sorted(_ALIASES, key=len, reverse=True) if rest.startswith(a)), None)
        if alias is None:
            break
        names.append(_ALIASES[alias])
        rest = rest[len(alias) :]
        if not (rest.startswith("、") and any(rest[1:].startswith(a) for a in _ALIASES)):
            break
        rest = rest[1:]
    if not names:
        return (label.strip(),), label.strip(), ""
    return tuple(names), "、".join(names), rest
