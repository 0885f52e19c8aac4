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

The reading lives in two stages: ``holiday_notice_text.py`` (normalisation, line shapes, the results,
title, number, festival blocks, signature) and ``holiday_notice_days.py`` (the days of one entry and the
checks on them); this module is the public door (:func:`parse_notice`, :func:`check_notice`).

Pure Python: standard library and ``gongkai.law`` only, no Django import.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from gongkai.law.holiday_notice_days import _check_duplicates, _parse_entry
from gongkai.law.holiday_notice_text import (
    _INVISIBLE,
    _LINE_BREAK,
    _ORDINAL,
    FESTIVALS,
    MAX_NOTICE_CHARS,
    MAX_RANGE_DAYS,
    FestivalEntry,
    NoticeProblem,
    ParsedNotice,
    _collect_blocks,
    _find_number,
    _find_signature,
    _find_title,
    _label,
    _normalize,
    _Problems,
    _split_statutory_label,
    _with_line,
)

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


def _refused(year: int | None, message: str) -> ParsedNotice:
    return ParsedNotice(year=year, title="", number="", issued_on=None, problems=[NoticeProblem(0, message)])


def _finish(notice: ParsedNotice, problems: _Problems) -> ParsedNotice:
    # Problems by line; those about the whole text (line 0) last.
    notice.problems = sorted(problems.items, key=lambda p: (p.line == 0, p.line))
    return notice
