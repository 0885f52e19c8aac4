"""Reading the holiday notice, stage 2: the days of one festival entry (dates, ranges, notes,
keywords) and the checks on them (see :mod:`gongkai.law.holiday_notice`).

Pure Python: standard library and ``gongkai.law`` only, no Django import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from gongkai.law.holiday_notice_text import (
    _CLAUSE_END,
    _DATE,
    _KEYWORD,
    _MASK,
    _RANGE_MARK,
    _TOTAL,
    _TOTAL_AFTER_OFF,
    _WEEKDAY_NAMES,
    _WEEKDAY_NOTE,
    MAX_RANGE_DAYS,
    OFF,
    WORK,
    FestivalEntry,
    ParsedNotice,
    _Block,
    _label,
    _mask_notes,
    _Problems,
    _small_number,
    _written_year,
)


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
