"""建议提案办理: the answer deadline (three months by default, configurable), states, on-time and the
section 六 sentence (law/proposals.py)."""

import ast
import datetime as dt
import sys
from pathlib import Path

import pytest

from gongkai.law import proposals as rule
from gongkai.law.calendar import HOLIDAY, WORKDAY, WorkCalendar

D = dt.date


def test_three_calendar_months_by_default():
    r = rule.parse_rule("")
    assert r == rule.DeadlineRule(months=3)
    assert r.due(D(2026, 3, 10)) == D(2026, 6, 10)
    assert r.due(D(2026, 10, 15)) == D(2027, 1, 15)  # across the year end
    assert r.describe() == "自交办之日起三个月内答复"


@pytest.mark.parametrize("assigned, due", [
    (D(2026, 11, 30), D(2027, 2, 28)),  # February is shorter: its last day
    (D(2027, 11, 30), D(2028, 2, 29)),  # leap year
    (D(2026, 5, 31), D(2026, 8, 31)),
    (D(2026, 3, 31), D(2026, 6, 30)),
    (D(2026, 12, 31), D(2027, 3, 31)),
])
def test_month_end_is_clamped(assigned, due):
    assert rule.add_months(assigned, 3) == due


def test_months_and_working_days_are_configurable():
    assert rule.parse_rule("2m").due(D(2026, 1, 5)) == D(2026, 3, 5)
    overrides = {D(2026, 10, d): HOLIDAY for d in range(1, 9)} | {D(2026, 9, 27): WORKDAY}
    cal = WorkCalendar(overrides, [2026])
    r = rule.parse_rule("5wd")
    assert r.needs_calendar and r.describe() == "自交办之日起5个工作日内答复"
    # assigned Wednesday 2026-09-23 (not counted): 24, 25, Sunday 27 (make-up), 28, 29 → the 5th is 29
    assert r.due(D(2026, 9, 23), cal) == D(2026, 9, 29)
    # and over the National Day holiday: 30 Sep, then 9 Oct (Fri), 12, 13, 14
    assert r.due(D(2026, 9, 29), cal) == D(2026, 10, 14)
    with pytest.raises(ValueError):
        r.due(D(2026, 9, 23))


@pytest.mark.parametrize("text", ["3", "m", "三个月", "0m", "-1wd", "3d"])
def test_bad_rules_are_refused_in_chinese(text):
    with pytest.raises(ValueError) as e:
        rule.parse_rule(text)
    assert "答复期限" in str(e.value)


def test_on_time_overdue_and_due_soon():
    due = D(2026, 6, 10)
    assert rule.on_time(due, due) and rule.on_time(due, D(2026, 6, 1))
    assert not rule.on_time(due, D(2026, 6, 11)) and not rule.on_time(due, None)
    assert rule.overdue(due, rule.HANDLING, D(2026, 6, 11))
    assert not rule.overdue(due, rule.HANDLING, due)
    assert not rule.overdue(due, rule.ANSWERED, D(2026, 7, 1))  # answered late is not "overdue" any more
    assert rule.due_soon(due, rule.ASSIGNED, D(2026, 6, 1)) and not rule.due_soon(due, rule.ASSIGNED, D(2026, 5, 1))


def test_steps_by_state():
    assert rule.refusal("answer", rule.HANDLING) is None
    assert rule.next_state("answer", rule.HANDLING) == rule.ANSWERED
    assert rule.next_state("progress", rule.ASSIGNED) == rule.HANDLING
    assert rule.next_state("opinion", rule.ASSIGNED) == rule.ASSIGNED
    assert rule.refusal("answer", rule.ANSWERED) == "当前状态为“已答复”，不能进行此操作"
    assert rule.refusal("feedback", rule.HANDLING)
    assert rule.refusal("feedback", rule.CLOSED)  # feedback once
    assert rule.refusal("publish", rule.HANDLING) and rule.refusal("publish", rule.CLOSED) is None


def test_labels_are_the_practice_wording():
    assert dict(rule.CLASSIFICATIONS)["A"].endswith("已解决或采纳")
    assert dict(rule.CLASSIFICATIONS)["B"].endswith("正在解决或列入计划")
    assert dict(rule.CLASSIFICATIONS)["C"].endswith("因条件限制暂时不能解决")
    assert [label for _, label in rule.FEEDBACK] == ["满意", "基本满意", "不满意"]


def test_section_six_sentence():
    assert rule.YearCounts().sentence() == "本年度未承办人大代表建议和政协委员提案。"
    c = rule.YearCounts(deputy=8, member=5, answered=13, on_time=12, published=11)
    assert c.total == 13
    assert c.sentence() == ("本年度共承办人大代表建议8件、政协委员提案5件，已全部办结，其中按时办结12件；"
                            "公开办理结果11件。")
    assert "已办结10件" in rule.YearCounts(deputy=8, member=5, answered=10, on_time=9, published=9).sentence()


def test_pure_python():
    tree = ast.parse(Path(rule.__file__).read_text(encoding="utf-8"))
    names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    names |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert all(n.split(".")[0] in sys.stdlib_module_names | {"__future__"} for n in names), names
