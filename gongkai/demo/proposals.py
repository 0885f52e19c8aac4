"""Demo 建议提案 of 示例市 (issue 17 item 2): a dozen 人大代表建议 and 政协委员提案 across the organs, in
every state, most answered with a 复文 published through the publishing workflow (submitted, 科室审核,
保密审查, published with the day it would have been published), so that they appear in each organ's
建议提案办理结果 column and in search. Dated relative to today, nothing after yesterday; idempotent."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.law import today as law_today
from gongkai.proposals import services
from gongkai.proposals.models import Proposal
from gongkai.proposals.publication import ensure_column
from gongkai.publishing import services as publishing

NUMERALS = "零一二三四五六七八九十"
BACKDATED = "演示数据：按办理时间补录发布日期"

# organ, kind, number, title, proposers, co-handlers, days ago assigned, then the handling:
# (days to answer or None, class, feedback or None, publication: "full" / "summary" / "review" / None)
PLAN = [
    ("zjj", "deputy", "第12号", "关于加快老旧小区加装电梯的建议", "张明远、李海燕", ("zrzy",), 300,
     (60, "A", "satisfied", "full")),
    ("zjj", "member", "第31号", "关于规范住宅小区物业服务管理的提案", "王丽娟", (), 290, (75, "B", "satisfied", "summary")),
    ("zrzy", "deputy", "第27号", "关于加快推进城区口袋公园建设的建议", "刘文斌、陈秀兰", ("zjj",), 300,
     (80, "A", "basically", "full")),
    ("zrzy", "member", "第8号", "关于优化农村宅基地审批流程的提案", "赵国平", ("xian",), 290, (95, "C", "dissatisfied", "full")),
    ("sthj", "deputy", "第45号", "关于加强城区餐饮油烟治理的建议", "孙志强", ("scjg",), 300, (70, "A", "satisfied", "full")),
    ("sthj", "member", "第19号", "关于推进南湖水环境综合治理的提案", "周红梅、吴家豪", (), 290, (85, "B", "basically", "full")),
    ("scjg", "deputy", "第53号", "关于加强校园周边食品安全监管的建议", "郑春华", (), 300, (50, "A", "satisfied", "full")),
    ("scjg", "member", "第22号", "关于规范农贸市场计量器具管理的提案", "冯振东", (), 290, (100, "B", None, "review")),
    ("xian", "deputy", "第6号", "关于改善示例县农村道路通行条件的建议", "林翠萍", (), 120, (60, "B", "satisfied", "full")),
    ("shi", "deputy", "第1号", "关于完善城市夜间经济发展政策的建议", "何德明、高子涵", ("scjg", "zjj"), 100,
     (None, "", None, None)),  # handling, overdue
    ("shi", "member", "第3号", "关于提升政务服务“一网通办”水平的提案", "许宇航", (), 40, (None, "", None, None)),
    ("xian", "member", "第2号", "关于发展青山镇特色农业产业的提案", "潘欣怡", (), 10, None),  # just assigned
    ("zjj", "deputy", "第66号", "关于推进城中村改造的建议", "曹俊杰", (), 200, (105, "B", None, "full")),  # late answer
]


def _numeral(n: int) -> str:
    return NUMERALS[n] if 0 <= n <= 10 else str(n)


def session(agency: Agency, kind: str, year: int) -> str:
    meeting = _numeral(max(1, min(5, year - 2021)))
    place = "示例县" if agency.code == "xian" else "示例市"
    if kind == "deputy":
        return f"{place}第{'十八' if place == '示例县' else '十七'}届人民代表大会第{meeting}次会议"
    return f"中国人民政治协商会议{place}第{'十' if place == '示例县' else '十四'}届委员会第{meeting}次会议"


def reply_text(agency: Agency, kind: str, title: str, proposers: str, number: str, classification: str,
               signed: dt.date) -> str:
    lead = proposers.split("、")[0]
    whom = f"{lead}代表" if kind == "deputy" else f"{lead}委员"
    result = {"A": "您提出的意见已全部采纳，相关工作已落实。",
              "B": "您提出的意见我们高度重视，已列入下一年度工作计划，正在分步推进。",
              "C": "受现行政策和资金条件限制，您提出的部分意见暂时难以实施，我们将持续跟踪研究。"}[classification]
    topic = title.removeprefix("关于").removesuffix("的建议").removesuffix("的提案")
    return (f"{whom}：\n\n您提出的《{title}》（{number}）收悉。经认真研究，现答复如下：\n\n"
            f"一、基本情况。近年来，我局围绕{topic}开展了专题调研，梳理了存在的主要问题。\n\n"
            f"二、办理措施。我局会同相关单位召开座谈会，逐条研究您的意见，明确了责任分工和完成时限。\n\n"
            f"三、下一步工作。{result}\n\n感谢您对{agency.name}工作的关心和支持。\n\n"
            f"{agency.name}\n{signed.year}年{signed.month}月{signed.day}日\n\n"
            f"（联系单位：{agency.office_name or agency.name}，联系电话：{agency.office_phone or '—'}）")


def _publish(p: Proposal, mode: str, users: dict, when: dt.date) -> None:
    code = p.lead.code
    summary = (f"{p.get_kind_display()}《{p.title}》已办理答复，办理结果为{p.get_classification_display()}。"
               if mode == "summary" else "")
    p = services.submit_publication(p, users[f"{code}_handler"], "summary" if mode == "summary" else "full",
                                    summary, on=when - dt.timedelta(days=2))
    if mode == "review":
        return
    doc = p.document
    publishing.section_approve(doc, users[f"{code}_reviewer"])
    publishing.secrecy_approve(doc, users["shi_secrecy" if code == "shi" else f"{code}_reviewer"])
    at = timezone.make_aware(dt.datetime.combine(when, dt.time(10, 30)))
    publishing.publish(doc, users[f"{code}_handler"], at=at, backdate_reason=BACKDATED)


def _handle(p: Proposal, steps, users: dict, today: dt.date) -> None:
    days, classification, feedback, publication = steps
    handler = users[f"{p.lead.code}_handler"]
    services.record_progress(p, handler, "与代表委员电话沟通，了解建议提案的具体诉求", on=p.assigned_on + dt.timedelta(days=7))
    for co in p.co_handlers.all():
        services.add_opinion(p, users[f"{co.code}_handler"], co, f"{co.name}同意主办单位的办理意见，将按职责配合落实",
                             on=p.assigned_on + dt.timedelta(days=20))
    if days is None:
        return
    signed = min(p.assigned_on + dt.timedelta(days=days), today - dt.timedelta(days=3))
    text = reply_text(p.lead, p.kind, p.title, p.proposers, p.number, classification, signed)
    p = services.answer(p, handler, text=text, classification=classification, answered_on=signed,
                        reply_no=f"{p.lead.letter_prefix.replace('依复', '')}建〔{signed.year}〕{p.number[1:-1]}号")
    if feedback:
        p = services.record_feedback(p, handler, feedback, on=min(signed + dt.timedelta(days=10),
                                                                  today - dt.timedelta(days=1)))
    if publication:
        _publish(p, publication, users, min(signed + dt.timedelta(days=5), today - dt.timedelta(days=1)))


@transaction.atomic
def load(stdout=None) -> dict | None:
    """Load the demo proposals; None (and no change) when there are any or the demo organs are missing."""
    if Proposal.objects.exists():
        return None
    agencies = {a.code: a for a in Agency.objects.all()}
    users = {u.username: u for u in get_user_model().objects.all()}
    codes = {row[0] for row in PLAN} | {c for row in PLAN for c in row[5]}
    if not codes <= set(agencies) or "shi_secrecy" not in users:
        return None
    today = law_today.today()
    for agency in agencies.values():  # every organ shows the column, with results or not yet
        ensure_column(agency)
    made = []
    for code, kind, number, title, proposers, co, ago, steps in PLAN:
        assigned = today - dt.timedelta(days=ago)
        p = services.register(agencies[code], users[f"{code}_handler"], {
            "kind": kind, "session": session(agencies[code], kind, assigned.year), "number": number,
            "title": title, "proposers": proposers, "assigned_on": assigned,
        }, co_handlers=[agencies[c] for c in co])
        if steps:
            _handle(p, steps, users, today)
        made.append(p.pk)
    rows = Proposal.objects.filter(pk__in=made)
    return {"proposals": rows.count(), "published": rows.filter(document__status="published").count()}
