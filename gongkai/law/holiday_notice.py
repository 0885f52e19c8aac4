"""Parser and checker for the annual holiday notice of the State Council General Office (domain.md 3.1).

An administrator enters a year's arrangement by pasting the text of 国务院办公厅关于YYYY年部分节假日安排的通知.
:func:`parse_notice` reads the text; :func:`check_notice` adds the checks that need the statutory rule.
A notice is acceptable only if the combined list of problems is empty.

What is read
------------
The text is read line by line (line numbers are 1-based, as an editor shows them). Each line is first
normalised: NFKC (full-width digits, brackets, colons and commas become half-width), whitespace and
zero-width characters dropped, the wave and dash variants unified.

- **Title**: ``国务院办公厅关于2026年部分节假日安排的通知``, also split over two lines
  (``…关于2012年`` / ``部分节假日安排的通知``). Its year is the notice's year.
- **Document number**: a line before the first festival that is a 发文字号 (``国办发明电〔2024〕12号``),
  rendered canonically by :mod:`gongkai.law.docnumber`.
- **Festival lines**: an ordinal (``一、`` ``（一）`` ``1、``), the festival name(s), a colon, the body:
  ``一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。``. Combined entries
  (``中秋节、国庆节`` or ``国庆节、中秋节``) and older names (``“五一”国际劳动节``) are understood. A body that
  starts on the next line, or make-up days continued on the next line, belong to the same entry.
- **Dates**: ``2月15日``, ``2018年12月30日``, or a bare ``23日`` that takes month (and year) from the date before
  it. A date without a year is in the notice's year, unless the same entry already named a year for that
  month (2008: ``2007年12月30日-2008年1月1日放假……12月29日（星期六）上班``). Ranges use 至 到 - — – ~ 〜.
  A parenthesis right after a date is its note: ``（周四）``, ``（星期日）``, ``（农历除夕、周二）``.
  Other parentheses (``在除夕（2月9日）休息``) are commentary and name no day.
- **Clauses** (split at 。；，：) give each date its meaning from the nearest keyword after it (else before it):
  ``放假`` ``补休`` ``调休`` → day off; ``上班`` ``补班`` → make-up workday; ``调至`` → a transfer sentence of
  the older notices (``12月29日（星期六）公休日调至12月31日（星期一）``), which names no new day.
  Clauses without a keyword (``为法定节假日``, ``照常公休``, ``与周末连休``) name no day; their printed
  weekdays are still checked. ``与周末连休`` adds no day: only the days named are recorded.
- **Totals**: ``共8天``, else ``放假1天``.
- **Signature date**: the last line after the festivals that is a date, in Arabic (``2025年11月4日``) or
  Chinese numerals (``二〇一一年十二月五日``), optionally after ``国务院办公厅`` on the same line.

Text pasted without line breaks is split before each ``。二、``-style ordinal.

Checks (each a :class:`NoticeProblem` naming the line; messages in Chinese): the printed weekday matches
the date; ``共N天`` equals the days off found; make-up workdays fall on Saturday or Sunday; a day outside
the notice's year only where that year is written, and only in the December before or the January after;
the ``year`` argument agrees with the title; unreadable festival lines (also a range longer than
:data:`MAX_RANGE_DAYS`, a typo) and unknown festival names; at least two days off in all; no day both off
and a workday or listed twice; empty or over-long text. :func:`check_notice` adds: every statutory day is
a day off.

Pure Python: standard library and ``gongkai.law`` only, no Django import.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from gongkai.law.calendar import HOLIDAY, WORKDAY
from gongkai.law.docnumber import find_doc_nos, parse_doc_no

__all__ = [
    "MAX_NOTICE_CHARS",
    "MAX_RANGE_DAYS",
    "FESTIVALS",
    "NoticeProblem",
    "FestivalEntry",
    "ParsedNotice",
    "parse_notice",
    "check_notice",
    "accepted_overrides",
]

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


# -- public functions --------------------------------------------------------------------------------------


def parse_notice(text: str, year: int | None = None) -> ParsedNotice:
    """Read a pasted notice. Never raises on any text: what cannot be read becomes a problem."""
    text = "" if text is None else str(text)
    if len(text) > MAX_NOTICE_CHARS:
        return _refused(year, f"通知文本共{len(text)}字，超过{MAX_NOTICE_CHARS}字的上限，未解析")
    if not _INVISIBLE.sub("", text):
        return _refused(year, "通知内容为空")

    problems = _Problems()
    lines = [_normalize(raw) for raw in _LINE_BREAK.split(text)]
    first_item = next((i for i, s in enumerate(lines) if _ORDINAL.match(s)), len(lines))

    title, title_line, title_year = _find_title(lines[:first_item])
    notice_year = title_year if title_year is not None else year
    if title_year is not None and year is not None and year != title_year:
        problems.add(title_line, f"标题中的年份为{title_year}年，与指定的{year}年不一致")
    notice = ParsedNotice(
        year=notice_year,
        title=title,
        number=_find_number(lines[:first_item], skip=title_line),
        issued_on=None,
        problems=problems.items,
    )
    if notice_year is None:
        problems.add(0, "未能确定通知的年份：标题中没有“关于YYYY年部分节假日安排的通知”，也未指定年份")
        return _finish(notice, problems)

    blocks, last_line = _collect_blocks(lines, problems)
    notice.festivals = [_parse_entry(block, notice_year, problems) for block in blocks]
    notice.issued_on = _find_signature(lines, after=last_line, problems=problems)
    _check_duplicates(notice, problems)
    if not notice.festivals:
        problems.add(0, "通知中未找到节日安排（应为“一、元旦：1月1日放假……”这样的编号行）")
    elif len(notice.holidays) < 2:
        problems.add(0, f"通知中只识别到{len(notice.holidays)}天，不能作为全年安排")
    return _finish(notice, problems)


def check_notice(notice: ParsedNotice, statutory: Mapping[date, str] | None = None) -> list[NoticeProblem]:
    """The parse problems plus the checks that need the statutory rule.

    ``statutory`` maps each statutory holiday of the year (from the holiday law) to its festival name,
    optionally with a note: ``{date(2026, 2, 16): "春节（农历除夕）"}``. Every such day must be a day off.
    """
    problems = list(notice.problems)
    if not statutory:
        return problems
    holidays = set(notice.holidays)
    for day, label in sorted(statutory.items()):
        if day in holidays:
            continue
        names, festival, note = _split_statutory_label(str(label))
        entry = next((e for e in notice.festivals if set(names) & set(e.names)), None)
        line = entry.line if entry else 0
        text = f"{festival}法定假日{_label(day, notice.year)}{note}不在放假日期内"
        problems.append(NoticeProblem(line, _with_line(line, text)))
    return problems


def accepted_overrides(notice: ParsedNotice, statutory: Mapping[date, str] | None = None) -> dict[date, str]:
    """The calendar overrides to store, or an empty dict if the notice has any problem."""
    if check_notice(notice, statutory):
        return {}
    return notice.overrides()


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


def _refused(year: int | None, message: str) -> ParsedNotice:
    return ParsedNotice(year=year, title="", number="", issued_on=None, problems=[NoticeProblem(0, message)])


def _finish(notice: ParsedNotice, problems: _Problems) -> ParsedNotice:
    # Problems by line; those about the whole text (line 0) last.
    notice.problems = sorted(problems.items, key=lambda p: (p.line == 0, p.line))
    return notice


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


@dataclass
class _Token:
    """One printed date, with the note in the parenthesis right after it."""

    start: int
    end: int
    raw: str
    year: str | None
    month: str | None
    day: str
    note: str
    kind: str | None = None
    year_unreadable: bool = False  # 年 right before the date, but no year that could be read


@dataclass
class _Resolver:
    """Turns printed dates of one entry into dates, in reading order (month and year carry forward)."""

    notice_year: int
    problems: _Problems
    previous: tuple[int, int, bool] | None = None  # (year, month, year written) of the date before
    named_years: dict[int, int] = field(default_factory=dict)  # month → year written in this entry

    def resolve(self, token: _Token, line: int) -> tuple[date, bool] | None:
        """(date, year written) or None; reports dates that do not exist and wrong weekdays."""
        if token.year_unreadable:
            self.problems.add(line, f"“{token.raw}”前的年份无法识别")
            return None
        if token.month is None:
            if self.previous is None:
                self.problems.add(line, f"“{token.raw}”缺少月份")
                return None
            year, month, written = self.previous
        else:
            month = int(token.month)
            if token.year is not None:
                year, written = _written_year(token.year), True
                self.named_years[month] = year
            elif month in self.named_years:
                year, written = self.named_years[month], True
            else:
                year, written = self.notice_year, False
        try:
            day = date(year, month, int(token.day))
        except ValueError:
            self.problems.add(line, f"“{token.raw}”不是有效日期")
            return None
        self.previous = (year, month, written)
        self._check_weekday(token, day, written, line)
        return day, written

    def _check_weekday(self, token: _Token, day: date, written: bool, line: int) -> None:
        """Rule 1: the printed weekday (周四, 星期六, 农历除夕、周二) is the date's weekday."""
        printed = _WEEKDAY_NOTE.search(token.note)
        if printed is None:
            return
        expected = _WEEKDAY_NAMES.index(printed.group(0)[-1].replace("天", "日"))
        if expected == day.weekday():
            return
        text = (
            f"{_label(day, self.notice_year)}标注为（{printed.group(0)}），"
            f"实际是星期{_WEEKDAY_NAMES[day.weekday()]}"
        )
        if (
            not written
            and day.month == 12
            and day.year > 1
            and date(day.year - 1, 12, day.day).weekday() == expected
        ):
            # A make-up day of the previous December written without its year (rule 4).
            text += f"（若指{day.year - 1}年{day.month}月{day.day}日，须写明年份）"
        self.problems.add(line, text)

    def in_notice_year(self, day: date, written: bool, line: int) -> bool:
        """Rule 4: a day outside the notice's year only where that year is written, and only where a
        festival can cross the year boundary (December before, January after)."""
        if day.year == self.notice_year:
            return True
        if not written:
            self.problems.add(
                line,
                f"{day.month}月{day.day}日不在{self.notice_year}年内；跨年的日期须写明年份"
                f"（如“{day.year}年{day.month}月{day.day}日”）",
            )
            return False
        boundary = (day.year, day.month) in ((self.notice_year - 1, 12), (self.notice_year + 1, 1))
        if not boundary:
            self.problems.add(line, f"{_label(day, self.notice_year)}与通知年份{self.notice_year}年相距过远")
            return False
        return True


def _parse_entry(block: _Block, notice_year: int, problems: _Problems) -> FestivalEntry:
    entry = FestivalEntry(name=block.name, line=block.line)
    resolver = _Resolver(notice_year, problems)
    days_off: set[date] = set()
    workdays: dict[date, int] = {}  # day → the line that names it
    unreadable = False
    for line, body in block.segments:
        masked, groups = _mask_notes(body)
        if entry.stated_total is None:
            entry.stated_total = _stated_total(masked)
        for clause_start, clause_end in _clauses(masked):
            tokens = _tokens(body, masked, groups, clause_start, clause_end)
            for first, last in _spans(tokens, masked):
                before = len(problems.items)
                days = _expand(first, last, resolver, line, problems)
                unreadable |= len(problems.items) > before and days is None
                if days and last.kind == OFF:
                    days_off.update(days)
                elif days and last.kind == WORK:
                    workdays.update((day, workdays.get(day, line)) for day in days)
    entry.days_off = sorted(days_off)
    entry.workdays = sorted(workdays)
    _check_entry(entry, unreadable, problems)
    _check_weekend_workdays(workdays, notice_year, problems)
    return entry


def _stated_total(masked: str) -> int | None:
    match = _TOTAL.search(masked) or _TOTAL_AFTER_OFF.search(masked)
    return _small_number(match["n"]) if match else None


def _clauses(masked: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in _CLAUSE_END.finditer(masked):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(masked)))
    return [(a, b) for a, b in bounds if a < b]


def _tokens(body: str, masked: str, groups: dict[int, int], start: int, end: int) -> list[_Token]:
    """The dates of one clause, each with its note and the meaning of the nearest keyword."""
    clause = masked[start:end]
    keywords = [(m.start(), m.end(), m.lastgroup) for m in _KEYWORD.finditer(clause)]
    tokens = []
    for match in _DATE.finditer(clause):
        token_end = match.end()
        note = ""
        if start + token_end in groups:
            group_end = groups[start + token_end] - start
            note = body[start + token_end + 1 : start + group_end - 1]
            token_end = group_end
        kind = next((k for a, _, k in keywords if a >= token_end), None)
        if kind is None:
            kind = next((k for _, b, k in reversed(keywords) if b <= match.start()), None)
        token = _Token(
            start + match.start(),
            start + token_end,
            match.group(0),
            match["year"],
            match["month"],
            match["day"],
            note,
            kind,
            year_unreadable=match["year"] is None and clause[: match.start()].endswith("年"),
        )
        tokens.append(token)
    return tokens


def _spans(tokens: list[_Token], masked: str) -> list[tuple[_Token, _Token]]:
    """Single dates (first is last) and ranges (two dates joined by a range mark)."""
    spans, index = [], 0
    while index < len(tokens):
        token = tokens[index]
        if index + 1 < len(tokens):
            following = tokens[index + 1]
            gap = masked[token.end : following.start].replace(_MASK, "")
            if _RANGE_MARK.fullmatch(gap):
                if following.kind is None:
                    following.kind = token.kind
                spans.append((token, following))
                index += 2
                continue
        spans.append((token, token))
        index += 1
    return spans


def _expand(
    first: _Token, last: _Token, resolver: _Resolver, line: int, problems: _Problems
) -> list[date] | None:
    """The days of a single date or a range (none for commentary); None if a date is unreadable or refused."""
    start = resolver.resolve(first, line)
    end = start if last is first else resolver.resolve(last, line)
    if start is None or end is None:
        return None
    if last.kind not in (OFF, WORK):
        return []  # commentary (为法定节假日, 照常公休, 调至 …): weekdays checked, no day named
    if (
        end[0] < start[0]
        and not start[1]
        and start[0].month == 12
        and end[0].month < 12
        and start[0].year > 1
    ):
        # 12月30日至1月1日: the range starts in the December before, whose year is not written (rule 4).
        start = (date(start[0].year - 1, start[0].month, start[0].day), False)
    if not (resolver.in_notice_year(*start, line) and resolver.in_notice_year(*end, line)):
        return None
    if end[0] < start[0]:
        problems.add(line, f"日期范围“{first.raw}至{last.raw}”起止颠倒")
        return None
    length = (end[0] - start[0]).days + 1
    if length > MAX_RANGE_DAYS:
        # A typo such as 1月28日至12月4日; no arrangement is this long (the longest is 9 days).
        problems.add(line, f"日期范围“{first.raw}至{last.raw}”长达{length}天，超过{MAX_RANGE_DAYS}天")
        return None
    return [date.fromordinal(o) for o in range(start[0].toordinal(), end[0].toordinal() + 1)]


def _check_entry(entry: FestivalEntry, unreadable: bool, problems: _Problems) -> None:
    """Rules 6 and 2: the entry names days off, as many as its total says."""
    if not entry.days_off:
        if not unreadable:
            problems.add(entry.line, f"未能读出{entry.name}的放假日期")
        return
    if entry.stated_total is not None and entry.stated_total != len(entry.days_off):
        problems.add(
            entry.line, f"{entry.name}写明共{entry.stated_total}天，但列出的放假日期是{len(entry.days_off)}天"
        )


def _check_weekend_workdays(workdays: dict[date, int], notice_year: int, problems: _Problems) -> None:
    """Rule 3: a make-up workday is a Saturday or a Sunday."""
    for day, line in sorted(workdays.items()):
        if day.weekday() < 5:
            weekday = _WEEKDAY_NAMES[day.weekday()]
            problems.add(line, f"调休上班日{_label(day, notice_year)}是星期{weekday}，不是周六或周日")


def _check_duplicates(notice: ParsedNotice, problems: _Problems) -> None:
    """Rule 9: a day named as off and as a workday, or by two entries."""
    seen: dict[date, tuple[str, FestivalEntry]] = {}
    for entry in notice.festivals:
        for kind, days in ((OFF, entry.days_off), (WORK, entry.workdays)):
            for day in days:
                if day not in seen:
                    seen[day] = (kind, entry)
                    continue
                other_kind, other = seen[day]
                label = _label(day, notice.year)
                where = "" if other is entry else f"（另见第{other.line}行{other.name}）"
                if other_kind != kind:
                    problems.add(entry.line, f"{label}既列为放假日又列为上班日{where}")
                else:
                    problems.add(entry.line, f"{label}重复列出{where}")


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
