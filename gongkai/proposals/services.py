"""Use cases of 建议提案办理: one transaction, one permission check, one timeline event each — the one
door for views, the demo and other apps. Publication of the result is in ``publication.py``
(re-exported here).

Every step locks the proposal's row and checks the form's version (``core.versioning.VersionLock``),
then the state (``law/proposals.refusal``): a double click or two people on one proposal never apply
a step twice.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from gongkai.law import proposals as rule
from gongkai.law.calendar import CalendarMissing

from . import access
from .actions import _day, _event, _Step
from .errors import ProposalError
from .models import Kind, Proposal, ProposalEvent

__all__ = [
    "ProposalError", "add_opinion", "answer", "deadline_rule", "due_for", "record_feedback", "record_progress",
    "register", "submit_publication", "publication_state",
]


def deadline_rule() -> rule.DeadlineRule:
    """The installation's rule (``GONGKAI["PROPOSAL_DEADLINE"]``; three months by default)."""
    return rule.parse_rule(getattr(settings, "GONGKAI", {}).get("PROPOSAL_DEADLINE", rule.DEFAULT_RULE_TEXT))


def due_for(assigned_on: dt.date, the_rule: rule.DeadlineRule | None = None) -> dt.date:
    the_rule = the_rule or deadline_rule()
    if not the_rule.needs_calendar:
        return the_rule.due(assigned_on)
    from gongkai.holidays.services import current_calendar

    try:
        return the_rule.due(assigned_on, current_calendar().strict())
    except CalendarMissing as e:
        raise ProposalError(str(e)) from None


def register(lead, actor, data: dict, co_handlers=()) -> Proposal:
    """Register a proposal assigned to ``lead``; its due date follows the deadline rule."""
    if not access.registering_agencies(actor).filter(pk=lead.pk).exists():
        raise ProposalError("您无权为该机关登记建议提案")
    kind = data.get("kind")
    if kind not in Kind.values:
        raise ProposalError("请选择类别（人大代表建议或政协委员提案）")
    for field, label in (("session", "届次会议"), ("number", "编号"), ("title", "标题"), ("proposers", "代表或委员")):
        if not str(data.get(field) or "").strip():
            raise ProposalError(f"{label}不能为空")
    assigned_on = _day(data.get("assigned_on"), "交办日期")
    co = [a for a in co_handlers if a.pk != lead.pk]
    the_rule = deadline_rule()
    p = Proposal(kind=kind, session=data["session"].strip(), number=data["number"].strip(),
                 title=data["title"].strip(), proposers=data["proposers"].strip(), lead=lead,
                 assigned_on=assigned_on, year=assigned_on.year, due_on=due_for(assigned_on, the_rule),
                 deadline_rule=data.get("deadline_rule") or getattr(settings, "GONGKAI", {}).get(
                     "PROPOSAL_DEADLINE", rule.DEFAULT_RULE_TEXT),
                 created_by=actor if actor and actor.is_authenticated else None)
    try:
        with transaction.atomic():
            p.save()
            p.co_handlers.set(co)
            _event(p, ProposalEvent.REGISTERED, actor, assigned_on, note=the_rule.describe(),
                   due_on=p.due_on.isoformat(), co_handlers=[a.name for a in co])
    except IntegrityError:
        raise ProposalError(f"{p.session}{p.number}{p.get_kind_display()}已登记") from None
    return p


def record_progress(proposal, actor, note: str, *, on=None, expected_version=None) -> Proposal:
    """登记办理情况 (contact with the proposer, a meeting, a visit); the first one starts the handling."""
    if not (note or "").strip():
        raise ProposalError("请填写办理情况")
    with _Step(proposal, actor, "progress", expected_version) as p:
        day = _day(on, "办理日期")
        p.status = rule.next_state("progress", p.status)
        p.save(update_fields=["status", "updated_at"])
        _event(p, ProposalEvent.PROGRESS, actor, day, note=note.strip())
    return p


def add_opinion(proposal, actor, agency, note: str, *, on=None, expected_version=None) -> Proposal:
    """会办意见: a co-handling organ's opinion, sent to the lead organ."""
    if not (note or "").strip():
        raise ProposalError("请填写会办意见")

    def may(user, p):
        return agency.pk in {a.pk for a in access.opinion_agencies(user, p)}

    with _Step(proposal, actor, "opinion", expected_version, check=may) as p:
        _event(p, ProposalEvent.OPINION, actor, _day(on, "日期"), note=note.strip(), agency=agency)
    return p


def answer(proposal, actor, *, text: str, classification: str, answered_on=None, reply_no: str = "",
           file: tuple[str, bytes] | None = None, expected_version=None) -> Proposal:
    """The answer letter (复文): its text and/or file, its A/B/C classification and signing date."""
    from gongkai.publishing.attachments import AttachmentError, check

    if classification not in dict(rule.CLASSIFICATIONS):
        raise ProposalError("请选择办理结果分类（A、B、C类）")
    if not (text or "").strip() and not file:
        raise ProposalError("请填写复文内容或上传复文文件")
    ctype = ""
    if file:
        try:
            ctype = check(file[1], alt_text=file[0])
        except AttachmentError as e:
            raise ProposalError(str(e)) from None
    with _Step(proposal, actor, "answer", expected_version) as p:
        day = _day(answered_on, "答复日期")
        if day < p.assigned_on:
            raise ProposalError("答复日期不能早于交办日期")
        p.reply_text, p.classification, p.answered_on = (text or "").strip(), classification, day
        p.reply_no = (reply_no or "").strip()
        p.status = rule.next_state("answer", p.status)
        if file:
            name = file[0].rsplit("/", 1)[-1][:100] or "reply"
            p.reply_file.save(name, ContentFile(file[1]), save=False)
            p.reply_file_name, p.reply_file_type = name, ctype
        p.save()
        _event(p, ProposalEvent.ANSWERED, actor, day, note=dict(rule.CLASSIFICATIONS)[classification],
               classification=classification, on_time=rule.on_time(p.due_on, day), reply_no=p.reply_no)
    return p


def record_feedback(proposal, actor, feedback: str, *, on=None, note: str = "", expected_version=None) -> Proposal:
    """The proposer's opinion on the answer (满意/基本满意/不满意); the proposal is then 已办结."""
    if feedback not in dict(rule.FEEDBACK):
        raise ProposalError("请选择代表委员意见（满意、基本满意或不满意）")
    with _Step(proposal, actor, "feedback", expected_version) as p:
        day = _day(on, "反馈日期")
        if p.answered_on and day < p.answered_on:
            raise ProposalError("反馈日期不能早于答复日期")
        p.feedback, p.feedback_on = feedback, day
        p.status = rule.next_state("feedback", p.status)
        p.save(update_fields=["feedback", "feedback_on", "status", "updated_at"])
        _event(p, ProposalEvent.FEEDBACK, actor, day, note=(dict(rule.FEEDBACK)[feedback] + (
            f"：{note.strip()}" if note.strip() else "")), feedback=feedback)
    return p


from .publication import publication_state, submit_publication  # noqa: E402  (re-exported)
