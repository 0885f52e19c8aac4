"""建议提案 from registration to the published 复文: deadline, handling timeline, answer with its
classification, feedback, publication through the review workflow; a double click never applies a step
twice; who reads and handles what (access.py); the public sees only published results."""

import pytest

from gongkai.core.errors import AppendOnlyError
from gongkai.proposals import access, services
from gongkai.proposals.models import ProposalEvent
from gongkai.proposals.services import ProposalError
from gongkai.publishing.models import DocStatus, DocType

from .helpers import D, answered, cast, data, registered  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_registration_to_published_answer(tree, cast, pin_today):  # noqa: F811
    pin_today(D(2026, 7, 1))
    p = registered(tree, cast)
    assert p.due_on == D(2026, 6, 10)  # three calendar months from assignment
    assert p.year == 2026 and p.status == "assigned"
    assert list(p.co_handlers.all()) == [tree["b"]]
    p = services.record_progress(p, cast["handler"], "与张建国代表电话沟通办理思路", on=D(2026, 4, 2))
    assert p.status == "handling"
    p = services.add_opinion(p, cast["co"], tree["b"], "乙局同意甲局的办理意见", on=D(2026, 4, 20))
    p = services.answer(p, cast["handler"], text="张建国代表：\n您提出的建议收悉。", classification="B",
                        answered_on=D(2026, 6, 10), reply_no="测甲建〔2026〕12号")
    assert p.status == "answered" and p.classification == "B" and p.on_time  # the due day itself is on time
    p = services.record_feedback(p, cast["handler"], "basically", on=D(2026, 6, 20), note="希望加快进度")
    assert p.status == "closed" and p.get_feedback_display() == "基本满意"
    assert services.publication_state(p) == "未提交公开"
    assert not access.public_results().filter(pk=p.pk).exists()

    p = services.submit_publication(p, cast["handler"], "full")
    doc = p.document
    assert doc.status == DocStatus.SECTION_REVIEW and doc.doc_type == DocType.LETTER
    assert doc.title == "关于测试市第十七届人民代表大会第五次会议第123号建议的答复"
    assert doc.doc_no == "测甲建〔2026〕12号" and doc.formed_on == D(2026, 6, 10)
    assert doc.columns.get().title == "建议提案办理" and doc.columns.get().parent.section == "statutory"
    assert services.publication_state(p) == "待科室审核"
    assert not access.public_results().filter(pk=p.pk).exists()  # under review: not public

    from gongkai.publishing import services as publishing

    publishing.section_approve(doc, cast["reviewer"])
    publishing.secrecy_approve(doc, cast["secrecy"])
    publishing.publish(doc, cast["handler"])
    assert services.publication_state(type(p).objects.get(pk=p.pk)) == "已发布"
    assert access.public_results().filter(pk=p.pk).exists()
    kinds = list(p.events.values_list("kind", flat=True))
    assert kinds == ["registered", "progress", "opinion", "answered", "feedback", "submitted"]


def test_the_deadline_rule_is_a_setting(tree, cast, settings):  # noqa: F811
    settings.GONGKAI = {**settings.GONGKAI, "PROPOSAL_DEADLINE": "2m"}
    p = registered(tree, cast, assigned_on=D(2025, 12, 31))
    assert p.due_on == D(2026, 2, 28) and p.deadline_rule == "2m"
    settings.GONGKAI = {**settings.GONGKAI, "PROPOSAL_DEADLINE": "20wd"}
    p = registered(tree, cast, number="第124号", assigned_on=D(2026, 9, 21))
    from gongkai.holidays.services import current_calendar

    # 20 working days on the calendar in force: past the National Day holiday (Mon–Fri alone: 19 October)
    assert p.due_on == current_calendar().wd_after(D(2026, 9, 21), 20) and p.due_on > D(2026, 10, 23)


def test_late_answer_and_overdue_marks(tree, cast, pin_today):  # noqa: F811
    from gongkai.proposals import queries

    pin_today(D(2026, 6, 15))
    late = registered(tree, cast)
    other = registered(tree, cast, number="第2号", assigned_on=D(2026, 5, 1))
    assert [p.pk for p in queries.apply(access.readable(cast["handler"]), {"overdue": "1"})] == [late.pk]
    marked = queries.mark([late, other])
    assert marked[0].is_overdue and not marked[1].is_overdue
    late = services.answer(late, cast["handler"], text="答复", classification="C", answered_on=D(2026, 6, 12))
    assert not late.on_time and late.events.get(kind="answered").data["on_time"] is False


def test_bad_input_is_refused_in_chinese_and_loses_nothing(tree, cast, pin_today):  # noqa: F811
    pin_today(D(2026, 7, 1))
    with pytest.raises(ProposalError, match="标题不能为空"):
        services.register(tree["a"], cast["handler"], data(title=" "))
    with pytest.raises(ProposalError, match="交办日期不能晚于今天"):
        services.register(tree["a"], cast["handler"], data(assigned_on=D(2026, 7, 2)))
    p = registered(tree, cast)
    with pytest.raises(ProposalError, match="已登记"):
        registered(tree, cast)
    with pytest.raises(ProposalError, match="办理结果分类"):
        services.answer(p, cast["handler"], text="答复", classification="D")
    with pytest.raises(ProposalError, match="复文内容或上传复文文件"):
        services.answer(p, cast["handler"], text=" ", classification="A")
    with pytest.raises(ProposalError, match="只接受"):
        services.answer(p, cast["handler"], text="", classification="A", file=("reply.exe", b"MZ\x90\x00"))
    with pytest.raises(ProposalError, match="不能早于交办日期"):
        services.answer(p, cast["handler"], text="答复", classification="A", answered_on=D(2026, 3, 1))
    with pytest.raises(ProposalError, match="当前状态为“已交办”"):
        services.record_feedback(p, cast["handler"], "satisfied")
    with pytest.raises(ProposalError, match="公开摘要不能为空"):
        services.submit_publication(p, cast["handler"], "summary", "")
    p.refresh_from_db()
    assert p.status == "assigned" and p.version == 0 and p.events.count() == 1


def test_a_double_click_never_applies_twice(tree, cast, pin_today):  # noqa: F811
    pin_today(D(2026, 7, 1))
    p = registered(tree, cast)
    shown = p.version
    services.answer(p, cast["handler"], text="答复一", classification="A", expected_version=shown)
    with pytest.raises(ProposalError, match="已被他人更新"):
        services.answer(p, cast["handler"], text="答复二", classification="B", expected_version=shown)
    with pytest.raises(ProposalError, match="当前状态为“已答复”"):
        services.answer(p, cast["handler"], text="答复二", classification="B")  # and without the form's version
    p.refresh_from_db()
    assert p.reply_text == "答复一" and p.events.filter(kind="answered").count() == 1
    p = services.submit_publication(p, cast["handler"], "summary", "已采纳，列入年度计划")
    with pytest.raises(ProposalError, match="不能重复提交"):
        services.submit_publication(p, cast["handler"], "summary", "再次提交")
    assert p.events.filter(kind="submitted").count() == 1


def test_a_returned_result_is_updated_and_submitted_again(tree, cast, pin_today):  # noqa: F811
    from gongkai.publishing import services as publishing

    pin_today(D(2026, 7, 1))
    p = services.submit_publication(answered(tree, cast), cast["handler"], "full")
    publishing.return_for_changes(p.document, cast["reviewer"], "请改为公开摘要")
    p = services.submit_publication(p, cast["handler"], "summary", "建议已采纳并落实。")
    doc = p.document
    assert doc.status == DocStatus.SECTION_REVIEW and doc.body == "建议已采纳并落实。"
    assert type(doc).objects.filter(proposal=p).count() == 1  # the same document, not a second one


def test_personal_data_is_masked_outside_the_lead_organ_and_in_what_is_published(tree, cast, pin_today):  # noqa: F811
    pin_today(D(2026, 7, 1))
    p = registered(tree, cast, proposers="张建国（13812341234）")
    p = services.answer(p, cast["handler"], text="联系人手机13812341234，身份证11010519491231002X。",
                        classification="A")
    assert access.text_view(cast["handler"], p, p.proposers) == "张建国（13812341234）"
    assert access.text_view(cast["supervisor"], p, p.proposers) == "张建国（138****1234）"
    p = services.submit_publication(p, cast["handler"], "full")
    assert "13812341234" not in p.document.body and "138****1234" in p.document.body
    assert "11010519491231002X" not in p.document.body


def test_who_reads_and_handles_what(tree, cast, pin_today):  # noqa: F811
    pin_today(D(2026, 7, 1))
    p = registered(tree, cast)
    readers = {name for name, user in cast.items() if access.can_read(user, p)}
    assert readers == {"handler", "reviewer", "co", "supervisor"}  # not the outsider, not the secrecy-only member
    assert access.can_handle(cast["handler"], p) and not access.can_handle(cast["co"], p)
    assert not access.can_handle(cast["supervisor"], p)
    assert access.can_add_opinion(cast["co"], p) and not access.can_add_opinion(cast["handler"], p)
    for user, step in ((cast["co"], lambda u: services.record_progress(p, u, "越权")),
                       (cast["supervisor"], lambda u: services.answer(p, u, text="越权", classification="A")),
                       (cast["outsider"], lambda u: services.record_progress(p, u, "越权"))):
        with pytest.raises(ProposalError, match="无权办理"):
            step(user)
    with pytest.raises(ProposalError, match="无权办理"):
        services.add_opinion(p, cast["handler"], tree["b"], "替乙局写的意见")
    with pytest.raises(ProposalError, match="无权为该机关登记"):
        services.register(tree["a"], cast["co"], data(number="第9号"))
    assert not access.readable(cast["outsider"]).exists()


def test_the_timeline_is_append_only(tree, cast):  # noqa: F811
    p = registered(tree, cast)
    e = p.events.get()
    e.note = "改写历史"
    with pytest.raises(AppendOnlyError):
        e.save()
    with pytest.raises(AppendOnlyError):
        ProposalEvent.objects.filter(pk=e.pk).delete()
