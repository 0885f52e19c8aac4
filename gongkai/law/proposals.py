"""建议提案办理: the vocabulary and the answer deadline of 人大代表建议 and 政协委员提案 (issue 17 item 2).

Pure Python: no Django import.

- The answer deadline: 《全国人民代表大会代表建议、批评和意见办理办法》 (and the local rules modelled on
  it) and the CPPCC's 提案工作条例 ask the handling organ to answer 自交办之日起三个月内. The default rule is
  therefore three calendar months from the day of assignment: the same day number three months later,
  or the month's last day when that month is shorter (30 November → 28/29 February). An installation
  may configure another number of months, or a number of working days counted on the working-day
  calendar (``law/calendar.WorkCalendar.wd_after``, which never counts the day of assignment).
  The rule is written as text in the settings (``GONGKAI["PROPOSAL_DEADLINE"]``): ``"3m"`` (default),
  ``"2m"``, ``"60wd"``.
- The answer (复文) classification of the handling result: A 已解决或采纳, B 正在解决或列入计划,
  C 因条件限制暂时不能解决 (the three categories used in 办理复文 across provinces).
- The deputy's or member's feedback on the answer: 满意 / 基本满意 / 不满意.
- The lifecycle: 已交办 → 办理中 → 已答复 → 已办结 (feedback recorded); an answer is on time when it is
  signed on or before the due day.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Protocol

DEFAULT_RULE_TEXT = "3m"

# Kinds (identifier → label).
DEPUTY = "deputy"  # 人大代表建议
MEMBER = "member"  # 政协委员提案
KINDS = ((DEPUTY, "人大代表建议"), (MEMBER, "政协委员提案"))
KIND_SHORT = {DEPUTY: "建议", MEMBER: "提案"}
PROPOSERS_LABEL = {DEPUTY: "提出代表", MEMBER: "提案委员"}

# Answer classification (复文分类).
CLASS_A, CLASS_B, CLASS_C = "A", "B", "C"
CLASSIFICATIONS = (
    (CLASS_A, "A类：已解决或采纳"),
    (CLASS_B, "B类：正在解决或列入计划"),
    (CLASS_C, "C类：因条件限制暂时不能解决"),
)

# Feedback of the deputy or member (代表委员意见).
SATISFIED, BASICALLY, DISSATISFIED = "satisfied", "basically", "dissatisfied"
FEEDBACK = ((SATISFIED, "满意"), (BASICALLY, "基本满意"), (DISSATISFIED, "不满意"))

# States.
ASSIGNED, HANDLING, ANSWERED, CLOSED = "assigned", "handling", "answered", "closed"
STATES = ((ASSIGNED, "已交办"), (HANDLING, "办理中"), (ANSWERED, "已答复"), (CLOSED, "已办结"))
OPEN_STATES = (ASSIGNED, HANDLING)
ANSWERED_STATES = (ANSWERED, CLOSED)

# Publication of the result: the full text of the answer, or a summary of it.
FULL_TEXT, SUMMARY = "full", "summary"
PUBLICATION_MODES = ((FULL_TEXT, "公开复文全文"), (SUMMARY, "公开复文摘要"))

# Which step may be taken from which state (the services check it; the pages offer only these).
STEPS = {
    "progress": ((ASSIGNED, HANDLING), HANDLING),  # 登记办理情况 (a contact, a meeting, a draft)
    "opinion": ((ASSIGNED, HANDLING), None),  # 会办意见 of a co-handling organ (state unchanged)
    "answer": ((ASSIGNED, HANDLING), ANSWERED),  # 复文 with its classification
    "feedback": ((ANSWERED,), CLOSED),  # the deputy's or member's feedback
    "publish": ((ANSWERED, CLOSED), None),  # submit the result for publication (state unchanged)
}
STATE_LABEL = dict(STATES)


def refusal(step: str, state: str) -> str | None:
    """Why ``step`` may not be taken in ``state`` (Chinese), or None."""
    allowed, _to = STEPS[step]
    if state in allowed:
        return None
    return f"当前状态为“{STATE_LABEL.get(state, state)}”，不能进行此操作"


def next_state(step: str, state: str) -> str:
    _allowed, to = STEPS[step]
    return to or state


class Calendar(Protocol):
    def wd_after(self, start: dt.date, n: int) -> dt.date: ...


@dataclass(frozen=True)
class DeadlineRule:
    """``months`` calendar months, or ``working_days`` working days, from the day of assignment."""

    months: int = 3
    working_days: int = 0

    def __post_init__(self):
        if self.working_days < 0 or self.months < 0 or (self.working_days == 0) == (self.months == 0):
            raise ValueError("答复期限规则须为正的月数或工作日数之一")

    @property
    def needs_calendar(self) -> bool:
        return bool(self.working_days)

    def due(self, assigned_on: dt.date, calendar: Calendar | None = None) -> dt.date:
        """The last day to answer; a working-day rule needs the calendar in force."""
        if self.working_days:
            if calendar is None:
                raise ValueError("按工作日计算答复期限须提供工作日历")
            return calendar.wd_after(assigned_on, self.working_days)
        return add_months(assigned_on, self.months)

    def describe(self) -> str:
        if self.working_days:
            return f"自交办之日起{self.working_days}个工作日内答复"
        return f"自交办之日起{_months_text(self.months)}内答复"


def _months_text(n: int) -> str:
    words = {1: "一", 2: "两", 3: "三", 4: "四", 5: "五", 6: "六"}
    return f"{words[n]}个月" if n in words else f"{n}个月"


_RULE = re.compile(r"^\s*(\d{1,3})\s*(m|wd)\s*$", re.I)


def parse_rule(text: str | None) -> DeadlineRule:
    """``"3m"`` → three months; ``"60wd"`` → 60 working days; empty → the default (three months)."""
    if not text or not str(text).strip():
        text = DEFAULT_RULE_TEXT
    m = _RULE.match(str(text))
    if not m:
        raise ValueError(f"答复期限规则无法识别：{text!r}（应形如 3m 或 60wd）")
    n, unit = int(m.group(1)), m.group(2).lower()
    return DeadlineRule(months=n, working_days=0) if unit == "m" else DeadlineRule(months=0, working_days=n)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day number ``months`` later, or that month's last day when it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def on_time(due_on: dt.date | None, answered_on: dt.date | None) -> bool:
    """Answered within the deadline (on the due day itself counts)."""
    return bool(due_on and answered_on and answered_on <= due_on)


def overdue(due_on: dt.date | None, state: str, today: dt.date) -> bool:
    """Still open after the due day."""
    return bool(due_on and state in OPEN_STATES and today > due_on)


def due_soon(due_on: dt.date | None, state: str, today: dt.date, days: int = 15) -> bool:
    """Open and due within ``days`` calendar days (not yet overdue)."""
    return bool(due_on and state in OPEN_STATES and today <= due_on <= today + dt.timedelta(days=days))


@dataclass(frozen=True)
class YearCounts:
    """What section 六 of the annual report says of one year (domain.md 5.8)."""

    deputy: int = 0  # 人大代表建议 assigned in the year
    member: int = 0  # 政协委员提案 assigned in the year
    answered: int = 0  # of them, answered (办结)
    on_time: int = 0  # of them, answered by the due day (按时办结)
    published: int = 0  # of them, whose result is published (公开办理结果)

    @property
    def total(self) -> int:
        return self.deputy + self.member

    def sentence(self) -> str:
        """The generated sentence of 人大代表建议和政协提案办理结果公开情况."""
        if not self.total:
            return "本年度未承办人大代表建议和政协委员提案。"
        done = "已全部办结" if self.answered == self.total else f"已办结{self.answered}件"
        return (f"本年度共承办人大代表建议{self.deputy}件、政协委员提案{self.member}件，{done}，"
                f"其中按时办结{self.on_time}件；公开办理结果{self.published}件。")
