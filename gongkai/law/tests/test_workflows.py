"""law/workflows.py on its own: the table's checks, refusals in Chinese, the order of steps; and
the confirmation rule of law/clock.py that the workbench reads (3.3 b)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.law import clock, workflows
from gongkai.law.calendar import builtin_calendar
from gongkai.law.workflows import APPLICATION, Step, Workflow

HANDLER, APPROVER, SYSTEM = workflows.HANDLER, workflows.APPROVER, workflows.SYSTEM


def test_refusals_name_the_state_or_the_role():
    assert APPLICATION.refusal("confirm", workflows.PENDING, {HANDLER}) is None
    assert APPLICATION.refusal("confirm", workflows.CLOSED, {HANDLER}) == "当前状态（已办结）不能进行“确认收到”"
    assert APPLICATION.refusal("issue", workflows.DECIDED, {HANDLER}) == "您无权进行“签发答复书”（须由负责人办理）"
    assert APPLICATION.refusal("close_lapsed", workflows.PAUSED, {SYSTEM}) is None
    assert APPLICATION.refusal("decide", workflows.IN_PROGRESS, {SYSTEM}) is not None  # the schedule decides nothing


def test_available_steps_follow_the_table_order():
    # record_service: a notice (e.g. the Art. 32 disclosure notice) may be served after the decision.
    assert APPLICATION.available(workflows.DECIDED, {HANDLER}) == [
        "assign", "record_service", "decide", "withdraw", "note"]
    assert APPLICATION.available(workflows.DECIDED, {HANDLER, APPROVER}) == [
        "assign", "extend", "record_service", "decide", "issue", "withdraw", "note"]
    assert APPLICATION.available(workflows.CLOSED, set()) == []


def test_the_late_consultation_reply_is_open_after_the_case_resumed():
    assert APPLICATION.allows("consultation_reply", workflows.IN_PROGRESS, {HANDLER})


def test_a_table_with_an_unknown_state_or_role_does_not_load():
    states = (("a", "甲"), ("b", "乙"))
    roles = (("r", "角色"),)
    with pytest.raises(AssertionError):
        Workflow("x", states, (Step("go", "前进", ("a",), ("r",), ("c",)),), roles)
    with pytest.raises(AssertionError):
        Workflow("x", states, (Step("go", "前进", ("a",), ("nobody",)),), roles)
    with pytest.raises(AssertionError):
        Workflow("x", states, (Step("go", "前进", ("a",), ("r",)), Step("go", "再进", ("b",), ("r",))), roles)


CAL = builtin_calendar()


@given(st.dates(dt.date(2020, 1, 10), dt.date(2026, 12, 20)), st.integers(0, 30), st.integers(1, 5))
def test_confirmation_is_late_exactly_when_wd_after_the_submission_has_passed(today, back, days):
    submitted = today - dt.timedelta(days=back)
    late = submitted < clock.confirmation_late_before(today, CAL, days)
    assert late == (CAL.wd_after(submitted, days) < today)


def test_architecture_shows_the_tables_as_they_are_in_the_code():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[3] / "ARCHITECTURE.md").read_text()
    shown = text.split("<!-- workflows:begin -->\n", 1)[1].split("\n<!-- workflows:end -->", 1)[0]
    assert shown == "\n\n".join(workflows.as_markdown(w) for w in workflows.WORKFLOWS)


def test_every_step_names_a_basis_or_is_a_housekeeping_step():
    housekeeping = {"assign", "route", "withdraw", "supplementary", "note", "return", "publish_scheduled", "edit", "mark_reviewed", "return_to_draft", "reopen"}
    for wf in workflows.WORKFLOWS:
        for step in wf.steps:
            assert step.basis or step.name in housekeeping, (wf.name, step.name)


def test_an_annual_report_waits_for_the_end_of_its_year():
    """The guard of approve and publish (条例第四十九条), read from law/today.py; no year, no step."""
    from gongkai.law import today as law_today

    ar = workflows.ANNUAL_REPORT
    head = {workflows.UNIT_HEAD, workflows.REPORT_PUBLISHER}
    with law_today.pinned(dt.date(2026, 12, 31)):
        refusal = ar.refusal("approve", workflows.REVIEWED, head, facts={"year": 2026})
        assert refusal.startswith("2026年度尚未结束") and "条例第四十九条" in refusal
        assert ar.refusal("publish", workflows.APPROVED, head, facts={"year": 2026}) == refusal
        assert ar.available(workflows.APPROVED, head, facts={"year": 2026}) == ["reopen"]
        assert ar.refusal("approve", workflows.REVIEWED, head, facts={"year": 2025}) is None
        assert ar.refusal("approve", workflows.REVIEWED, head) == "未提供报告年度，不能批准或发布"
    with law_today.pinned(dt.date(2027, 1, 4)):
        assert ar.available(workflows.APPROVED, head, facts={"year": 2026}) == ["reopen", "publish"]


def test_irreversible_steps_ask_for_a_confirmation():
    confirmed = {(wf.name, s.name) for wf in workflows.WORKFLOWS for s in wf.steps if s.confirm}
    assert {("application", "issue"), ("application", "close_lapsed"), ("application", "withdraw"),
            ("publication", "publish"), ("annual_report", "approve"), ("annual_report", "publish")} <= confirmed
    step = workflows.ANNUAL_REPORT.step("approve")
    assert "请勾选" in workflows.confirmation_refusal(step, {})
    assert workflows.confirmation_refusal(step, {"confirmed": ""}) is not None
    assert workflows.confirmation_refusal(step, {"confirmed": "1"}) is None
    assert workflows.confirmation_refusal(workflows.ANNUAL_REPORT.step("reopen"), {}) is None
