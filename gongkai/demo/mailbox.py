"""领导信箱 demo (issue 17 item 3): a mailbox for every organ of the 示例市 world and messages in every
state — new, being handled, reply awaiting review, replied (not published: no consent), reply
published (consent), overdue, converted to 依申请公开, and one brought from an application decided
under Art. 39 (（五）1). Built through gongkai.mailbox's services with "today" pinned to each act's
date; nothing is dated after yesterday. Writers are fictional; no e-mail is sent (notify.muted)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.core.errors import GongkaiError
from gongkai.holidays.services import current_calendar
from gongkai.law import today as law_today
from gongkai.mailbox import conversion, notify, services
from gongkai.mailbox.models import Mailbox, Message

NAMES = {"shi": "市长信箱", "xian": "县长信箱"}  # departments: 局长信箱

# (organ, working days before yesterday, final state, category, consent, subject, text, reply)
LETTERS = [
    ("zjj", 40, "published", "consult", True, "老旧小区改造何时开工",
     "我住在东城区和平街道某小区，听说今年列入老旧小区改造计划，请问什么时候开工？改造包括哪些内容？",
     "您好！您所在小区已列入本年度老旧小区改造计划，计划于下季度开工，改造内容包括外墙保温、管网更新和加装电梯等。"
     "具体安排将由街道在小区内公示。感谢您的关注。"),
    ("zjj", 30, "replied", "complaint", False, "施工夜间噪声扰民",
     "某工地连续多日夜间施工到凌晨，噪声很大，严重影响休息，请尽快处理。",
     "您好！经核查，该工地未办理夜间施工许可，我局已责令其停止夜间施工并约谈施工单位。如再发生，请拨打本局值班电话反映。"),
    ("zjj", 25, "converted", "consult", True, "申请提供小区规划许可文件",
     "请提供我小区所在地块的建设工程规划许可证及附图，我需要核实楼间距。", ""),
    ("zjj", 35, "overdue", "help", False, "房屋漏水维修基金使用",
     "我家顶楼漏水，物业说要使用维修基金，但一直没有办理，请问如何申请使用维修基金？", ""),
    ("zjj", 6, "review", "suggest", True, "建议增设电动自行车充电设施",
     "小区内电动自行车充电难，飞线充电现象普遍，建议在新建和改造小区统一增设集中充电设施。",
     "您好！您的建议很有意义。我局正会同有关部门制定住宅小区电动自行车集中充电设施建设指引，将在老旧小区改造中同步推进。"),
    ("zjj", 3, "handling", "consult", False, "公租房申请条件",
     "请问本市公共租赁住房的申请条件有哪些？外地户籍在本市工作可以申请吗？", ""),
    ("zjj", 1, "new", "other", False, "物业收费标准咨询",
     "我们小区物业费去年上调了，请问物业收费标准由谁核定？业主能否提出异议？", ""),
    ("shi", 28, "published", "suggest", True, "建议延长市民中心周末服务时间",
     "市民中心周末只开放半天，上班族办事不方便，建议周六全天开放。",
     "您好！感谢您的建议。市民中心已自本月起试行周六全天服务，具体服务事项以市民中心公告为准。"),
    ("shi", 12, "replied", "help", False, "低保申请进度",
     "我母亲申请低保已经两个多月，还没有结果，请帮忙了解一下进度。",
     "您好！经了解，您母亲的低保申请已完成入户调查，正在公示阶段，公示期满无异议后即可发放。"),
    ("shi", 2, "new", "complaint", True, "公交站台破损",
     "人民大道某公交站台顶棚破损，下雨时无法避雨，请尽快维修。", ""),
    ("sthj", 20, "published", "complaint", True, "河道异味",
     "湖滨路附近河道近期有明显异味，怀疑有污水直排。",
     "您好！接到您的来信后，我局立即组织现场检查，发现一处雨污混接口，已责令相关单位完成整改，并将持续开展水质监测。"),
    ("sthj", 4, "handling", "consult", False, "环评公示查询",
     "某建设项目的环评报告在哪里可以查看？", ""),
    ("scjg", 9, "replied", "complaint", False, "商家拒绝退货",
     "我在某商场购买的电器出现质量问题，商家拒绝退货，请求帮助。",
     "您好！我局已受理您的投诉并组织调解，商家同意为您办理退货。如有其他问题，可拨打12315反映。"),
    ("xian", 7, "new", "help", False, "农村道路损坏",
     "青山镇某村通村道路路面损坏严重，雨天通行困难，希望尽快修复。", ""),
]

PHONES = ["0999-6123401", "0999-8123402", "0999-8123403", "0999-8123404"]


def _users():
    User = get_user_model()
    return {u.username: u for u in User.objects.filter(username__contains="_")}


def _day(cal, back: int, yesterday: dt.date) -> dt.date:
    """The working day ``back`` working days before yesterday (yesterday itself for 0)."""
    d = yesterday
    while not cal.is_working_day(d):
        d -= dt.timedelta(days=1)
    count = 0
    while count < back:
        d -= dt.timedelta(days=1)
        if cal.is_working_day(d):
            count += 1
    return d


def _writer(i: int) -> dict:
    surnames, given = "张王李赵刘陈杨黄周吴徐孙", ["明", "丽", "强", "静", "伟", "芳"]
    name = surnames[i % len(surnames)] + given[i % len(given)] + "华"
    return {"writer_name": name, "phone": PHONES[i % len(PHONES)],
            "email": f"writer{i + 1}@example.com" if i % 3 else ""}


def _run(msg, state, reply, users, code, cal, start, yesterday):
    handler, reviewer = users[f"{code}_handler"], users[f"{code}_reviewer"]
    days = iter(range(1, 10))

    def next_day():
        return min(cal.wd_after(start, next(days)), yesterday)

    if state == "new":
        return msg
    with law_today.pinned(next_day()):
        msg = services.accept(msg, handler)
    if state in ("handling", "overdue"):
        return msg
    if state == "converted":
        with law_today.pinned(next_day()):
            return conversion.convert(msg, handler, note="所需信息为建设工程规划许可证及附图。")
    with law_today.pinned(next_day()):
        msg = services.draft_reply(msg, handler, reply)
    if state == "review":
        return msg
    with law_today.pinned(next_day()):
        msg = services.approve(msg, reviewer)
    if state == "published":
        with law_today.pinned(next_day()):
            msg = services.publish(msg, handler)
    return msg


COMPLAINT = ("举报和平街道某小区物业公司擅自提高停车费、挪用公共收益，请求依法查处并责令退还多收的费用，"
             "并公开对该物业公司的处理结果。")


def _from_application(users, cal, yesterday) -> Message | None:
    """A complaint written as an application to 示例市住房和城乡建设局 (registered in person two
    working days before yesterday), decided as （五）1 and brought to its mailbox."""
    from gongkai.applications import services as app_services
    from gongkai.law.identifiers import resident_id_check_char
    from gongkai.notifications.signals import muted

    handler = users["zjj_handler"]
    first17 = "99010219780315271"  # the fictional region 99xxxx (world.py)
    data = {"applicant_kind": "natural_person", "org_type": "", "name": "韩立新", "id_type": "resident_id",
            "id_number": first17 + resident_id_check_char(first17), "phone": "13899812345",
            "email": "hanlixin@example.com", "address": "示例市东城区和平街道和平小区3号楼", "description": COMPLAINT,
            "carrier": "paper", "delivery": "pickup", "accept_other_delivery": True}
    try:
        with muted(), transaction.atomic():
            received = _day(cal, 2, yesterday)
            with law_today.pinned(received):
                app = app_services.register(Agency.objects.get(code="zjj"), data, [], actor=handler,
                                            channel="in_person", submitted_on=received)
            with law_today.pinned(yesterday):
                return conversion.from_application(app, handler, reasons="您所提事项是对物业公司的举报，请求查处，属于投诉举报事项")
    except GongkaiError:
        return None


def load(stdout=None) -> dict | None:
    """Mailboxes and messages; None (and no change) when the demo mailboxes exist."""
    if Mailbox.objects.filter(agency__code="shi").exists() or not Agency.objects.filter(code="shi").exists():
        return None
    yesterday = law_today.today() - dt.timedelta(days=1)
    cal = current_calendar()
    users = _users()
    counts: dict[str, int] = {}
    with notify.muted(), transaction.atomic():
        boxes = {}
        for agency in Agency.objects.order_by("path"):
            boxes[agency.code] = Mailbox.objects.create(
                agency=agency, name=NAMES.get(agency.code, "局长信箱"),
                intro="本信箱受理对本机关工作的咨询、建议、投诉和求助。涉及信访事项的，请通过信访渠道反映。")
        for i, (code, back, state, category, consent, subject, text, reply) in enumerate(LETTERS):
            if code not in boxes:
                continue
            start = _day(cal, back, yesterday)
            with law_today.pinned(start):
                msg = services.create_message(boxes[code], {
                    **_writer(i), "subject": subject, "text": text, "category": category, "consent_publish": consent})
            msg = _run(msg, state, reply, users, code, cal, start, yesterday)
            counts[state] = counts.get(state, 0) + 1
        if _from_application(users, cal, yesterday) is not None:
            counts["from_application"] = 1
    return {"mailboxes": len(boxes), "messages": Message.objects.count(), "by_state": counts}
