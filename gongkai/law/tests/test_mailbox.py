"""law/mailbox.py: the answer deadline in working days, overdue and on-time, the steps and who may
take them, the publication rule (consent, review, no personal data) and the yearly statistics."""

import datetime as dt

import pytest

from gongkai.law import mailbox as rules
from gongkai.law.calendar import builtin_calendar

CAL = builtin_calendar()


def test_deadline_counts_working_days_after_receipt():
    # Friday 2025-09-26 + 15 WD: the National Day week (1–8 Oct) is skipped, 28 Sep and 11 Oct are make-up days.
    assert rules.due_on(dt.date(2025, 9, 26), 15, CAL) == CAL.wd_after(dt.date(2025, 9, 26), 15)
    assert rules.due_on(dt.date(2025, 3, 3), 1, CAL) == dt.date(2025, 3, 4)  # the day of receipt not counted
    assert rules.due_on(dt.date(2025, 3, 7), 1, CAL) == dt.date(2025, 3, 10)  # Friday → Monday


def test_deadline_across_the_year_end():
    due = rules.due_on(dt.date(2025, 12, 31), 15, CAL)
    assert due.year == 2026 and CAL.wd_between(dt.date(2025, 12, 31), due) == 15


@pytest.mark.parametrize("days", [0, 61, -1, True, "15", 1.5])
def test_deadline_days_out_of_range(days):
    assert rules.answer_days_refusal(days)
    with pytest.raises(ValueError, match="工作日"):
        rules.due_on(dt.date(2025, 3, 3), days, CAL)


def test_overdue_only_after_the_due_day_and_while_open():
    due = dt.date(2025, 3, 24)
    assert not rules.is_overdue(rules.HANDLING, due, due)
    assert rules.is_overdue(rules.HANDLING, due, due + dt.timedelta(days=1))
    assert rules.is_overdue(rules.REVIEW, due, due + dt.timedelta(days=1))
    assert not rules.is_overdue(rules.REPLIED, due, due + dt.timedelta(days=30))
    assert not rules.is_overdue(rules.CONVERTED, due, due + dt.timedelta(days=30))


def test_on_time():
    due = dt.date(2025, 3, 24)
    assert rules.on_time(due, due) is True
    assert rules.on_time(due, due + dt.timedelta(days=1)) is False
    assert rules.on_time(due, None) is None


def test_steps_by_state_and_role():
    assert rules.available(rules.NEW, {rules.HANDLER}) == ["accept", "draft", "convert", "note"]
    assert rules.available(rules.REVIEW, {rules.HANDLER}) == ["note"]
    assert rules.available(rules.REVIEW, {rules.HANDLER, rules.REVIEWER}) == ["approve", "return", "note"]
    assert rules.available(rules.REPLIED, {rules.HANDLER}) == ["publish", "note"]
    assert rules.available(rules.CONVERTED, {rules.HANDLER, rules.REVIEWER}) == ["note"]
    assert rules.refusal("approve", rules.REVIEW, {rules.HANDLER}) == "“审核通过并答复来信人”须由审核人办理"


def test_reviewer_may_not_approve_own_draft():
    roles = {rules.HANDLER, rules.REVIEWER}
    assert "不能审核自己的答复" in rules.refusal("approve", rules.REVIEW, roles, is_drafter=True)
    assert "approve" not in rules.available(rules.REVIEW, roles, is_drafter=True)
    assert "return" in rules.available(rules.REVIEW, roles, is_drafter=True)


def test_wrong_state_is_refused_in_chinese():
    assert rules.refusal("convert", rules.REPLIED, {rules.HANDLER}) == "当前状态为“已答复”，不能“转为政府信息公开申请”"


def _pub(**over):
    kw = {"consent": True, "status": rules.REPLIED, "reply_approved": True,
          "texts": ["小区改造何时开工", "请问何时开工？", "计划下季度开工。"], "writer_name": "张三丰"}
    kw.update(over)
    return rules.publication_refusal(**kw)


def test_publication_needs_consent_review_and_clean_text():
    assert _pub() is None
    assert "未同意公开" in _pub(consent=False)
    assert "审核通过" in _pub(reply_approved=False)
    assert "审核通过" in _pub(status=rules.REVIEW)
    assert "手机号码" in _pub(texts=["标题", "我的电话13812341234", "答复"])
    assert "居民身份证号码" in _pub(texts=["标题", "身份证11010519491231002X", "答复"])
    assert "电子邮" in _pub(texts=["标题", "邮箱zs@example.com", "答复"])
    assert "0755-" not in _pub(texts=["标题", "电话0755-26781234", "答复"])  # the message names the kind only
    assert "来信人姓名" in _pub(texts=["标题", "我是张三丰，住在某小区", "答复"])


def test_public_name_masks_the_writer():
    assert rules.public_name("张三丰") == "张**"
    assert rules.public_name("") == "匿名"


def test_yearly_statistics():
    d = dt.date
    rows = [
        rules.Row("consult", rules.REPLIED, d(2025, 3, 3), d(2025, 3, 24), d(2025, 3, 20), True),
        rules.Row("consult", rules.REPLIED, d(2025, 3, 3), d(2025, 3, 24), d(2025, 3, 25), False),
        rules.Row("complaint", rules.HANDLING, d(2025, 4, 1), d(2025, 4, 22), None, False, True),
        rules.Row("suggest", rules.CONVERTED, d(2025, 5, 6), d(2025, 5, 27), d(2025, 5, 7), False),
        rules.Row("help", rules.NEW, d(2024, 12, 30), d(2025, 1, 21), None, False),  # another year
    ]
    s = rules.yearly_statistics(2025, rows, today=d(2025, 6, 1))
    assert s.total == 4
    assert dict((c, n) for c, _, n in s.by_category) == {"consult": 2, "suggest": 1, "complaint": 1, "help": 0,
                                                         "other": 0}
    assert dict((c, n) for c, _, n in s.by_status)[rules.REPLIED] == 2
    assert (s.answered, s.answered_on_time, s.on_time_rate) == (3, 2, "66.7%")
    assert (s.overdue_open, s.published, s.converted, s.from_applications) == (1, 1, 1, 1)
    assert rules.yearly_statistics(2023, rows, today=d(2025, 6, 1)).on_time_rate == "—"
