"""What the applicant is told, as text: an event of the case and its facts → subject, e-mail body and
SMS text. Pure Python (no Django): the facts are gathered by ``facts.py``, the sending is ``services.py``.

Every message names the organ, the 查询号 and the date of the act, and ends with the link to the
progress page. It never carries an ID number, and names no third party or member of staff (a
consultation is described in general terms). A period that runs from the service (送达) of a notice
is stated "自收到…之日起" until the service date is known (legal-review.md A5, B8), as the letters do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# The kinds of message (one per kind of event the applicant must know about).
SUBMITTED = "submitted"
RECEIVED = "received"
ROUTED = "routed"
CORRECTION_REQUESTED = "correction_requested"
CORRECTION_RECEIVED = "correction_received"
CONSULTATION = "consultation"
RESUMED = "resumed"
FEE_PAID = "fee_paid"
EXTENSION = "extension"
DEFERRAL = "deferral"
FEE_NOTICE = "fee_notice"
NOTICE_SERVED = "notice_served"
EXPLANATION = "explanation_request"
ANSWERED = "answered"
SUPPLEMENTARY = "supplementary"
WITHDRAWN = "withdrawn"

KIND_LABELS = {
    SUBMITTED: "申请已提交", RECEIVED: "申请已收到", ROUTED: "申请已转至其他机关", CORRECTION_REQUESTED: "补正告知",
    CORRECTION_RECEIVED: "已收到补正", CONSULTATION: "征求意见期间暂停计时", RESUMED: "恢复计算答复期限", FEE_PAID: "已收到缴费",
    EXTENSION: "延期答复", DEFERRAL: "延迟答复", FEE_NOTICE: "收费通知", NOTICE_SERVED: "告知书已送达",
    EXPLANATION: "说明理由告知", ANSWERED: "已作出答复", SUPPLEMENTARY: "补充答复", WITHDRAWN: "申请已撤回",
}


@dataclass(frozen=True)
class Facts:
    """What one message may say. ``name`` only greets the applicant in the e-mail (never in the SMS)."""

    kind: str
    organ: str
    tracking_code: str
    on: dt.date
    link: str
    name: str = ""
    due: dt.date | None = None
    due_provisional: bool = False
    items: str = ""
    period_days: int | None = None
    deadline: dt.date | None = None  # the end of a period that runs from service, once known
    days: int | None = None
    reason: str = ""
    amount: str = ""
    payment_method: str = ""
    payment_reference: str = ""
    letter_title: str = ""
    letter_number: str = ""
    other_organ: str = ""
    consult_kind: str = ""
    forwarded_from: str = ""
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Message:
    subject: str
    body: str
    sms: str


def cn(d: dt.date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def _due(f: Facts) -> str:
    if f.due is None:
        return ""
    note = "（暂定：待国务院办公厅公布相关年度节假日安排后可能调整）" if f.due_provisional else ""
    return f"答复期限：最迟于{cn(f.due)}{note}。"


def _period(f: Facts, what: str, notice: str, *, next_day: bool = False) -> str:
    """A period running from the service of ``notice``: the end date once service is recorded."""
    start = f"自收到{notice}之{'次' if next_day else ''}日起"
    days = f"{f.period_days}个工作日内" if f.period_days else ""
    if f.deadline is not None:
        return f"请最迟于{cn(f.deadline)}{what}（{start}{days}）。"
    return f"请{start}{days}{what}。"


def _received(f: Facts) -> str:
    return f"本机关已于{cn(f.on)}收到您的政府信息公开申请。{_due(f)}"


def _correction(f: Facts) -> str:
    return (f"本机关于{cn(f.on)}向您发出补正告知书，需要补正的内容如下：\n{f.items}\n"
            + _period(f, "补正", "补正告知书")
            + "无正当理由逾期不补正的，视为放弃申请（条例第三十条）。补正后，答复期限自本机关收到补正之日起重新计算。")


def _consultation(f: Facts) -> str:
    whom = {"third_party": "第三方", "co_maker": "有关机关"}.get(f.consult_kind, "有关方面")
    article = {"third_party": "第三十二条", "co_maker": "第三十四条"}.get(f.consult_kind, "第三十二条、第三十四条")
    return (f"因您申请的信息涉及{whom}，本机关于{cn(f.on)}依照《中华人民共和国政府信息公开条例》{article}"
            "征求意见。征求意见所需时间不计算在答复期限内，答复期限暂停计算，收到意见或者期限届满后恢复计算。")


def _extension(f: Facts) -> str:
    why = f"延期理由：{f.reason}。" if f.reason else ""
    return (f"经本机关政府信息公开工作机构负责人同意，答复期限于{cn(f.on)}延长{f.days or ''}个工作日"
            f"（条例第三十三条）。{why}{_due(f)}")


def _fee(f: Facts) -> str:
    how = "；".join(x for x in (f.payment_method, f.payment_reference) if x)
    return (f"本机关于{cn(f.on)}向您发出收费通知书，信息处理费金额为{f.amount}元。"
            + (f"缴纳方式：{how}。" if how else "")
            + _period(f, "缴纳", "收费通知书", next_day=True)
            + "逾期未缴纳的，视为放弃申请。自通知发出之日至缴费之日的时间不计算在答复期限内。")


def _served(f: Facts) -> str:
    if f.deadline is None:
        return ""
    what = {"correction_notice": "补正", "fee_notice": "缴纳信息处理费"}.get(f.extra.get("letter_kind", ""), "办理")
    corrected = "（更正此前通知的送达日期）" if f.extra.get("corrected") else ""
    return f"《{f.letter_title}》已于{cn(f.on)}送达{corrected}，请最迟于{cn(f.deadline)}{what}。"


def _answered(f: Facts) -> str:
    how = f.extra.get("delivery")
    then = f"；文书另按您选择的获取方式（{how}）送达。" if how else "。"
    return (f"本机关已于{cn(f.on)}就您的申请作出《{f.letter_title}》（{f.letter_number}）。"
            f"请在办理进度查询页面查看并下载该文书{then}")


BODIES = {
    SUBMITTED: lambda f: (f"您的政府信息公开申请已于{cn(f.on)}提交"
                          + (f"（由{f.forwarded_from}转送）" if f.forwarded_from else "")
                          + "，本机关将确认收到后告知答复期限。请妥善保存查询号。"),
    RECEIVED: _received,
    ROUTED: lambda f: (f"您的申请不属于原受理机关的办理范围，已于{cn(f.on)}转至{f.other_organ}办理，"
                       "收到日期以该机关确认为准。查询号不变。"),
    CORRECTION_REQUESTED: _correction,
    CORRECTION_RECEIVED: lambda f: f"本机关已于{cn(f.on)}收到您的补正材料。{_due(f)}",
    CONSULTATION: _consultation,
    RESUMED: lambda f: f"征求意见已于{cn(f.on)}结束，答复期限恢复计算。{_due(f)}",
    FEE_PAID: lambda f: f"本机关已于{cn(f.on)}确认您已缴纳信息处理费，答复期限恢复计算。{_due(f)}",
    EXTENSION: _extension,
    DEFERRAL: lambda f: (f"本机关于{cn(f.on)}决定延迟答复（条例第三十五条）。"
                         + (f"理由：{f.reason}。" if f.reason else "") + _due(f)),
    FEE_NOTICE: _fee,
    NOTICE_SERVED: _served,
    EXPLANATION: lambda f: (f"本机关于{cn(f.on)}向您发出《{f.letter_title}》（{f.letter_number}），"
                            "请您说明申请的理由（条例第三十五条）"
                            + (f"，并最迟于{cn(f.deadline)}回复" if f.deadline else "")
                            + "。文书可在办理进度查询页面查看。"),
    ANSWERED: _answered,
    SUPPLEMENTARY: lambda f: (f"本机关于{cn(f.on)}就您的申请作出《{f.letter_title}》（{f.letter_number}），"
                              "请在办理进度查询页面查看并下载。"),
    WITHDRAWN: lambda f: f"本机关已于{cn(f.on)}登记您撤回政府信息公开申请。",
}


def compose(f: Facts) -> Message | None:
    """The message for ``f``, or None when there is nothing the applicant needs to know."""
    body_of = BODIES.get(f.kind)
    core = body_of(f) if body_of else ""
    if not core:
        return None
    label = KIND_LABELS[f.kind]
    subject = f"【{f.organ}】{label}（查询号{f.tracking_code}）"
    greeting = f"{f.name}：\n\n" if f.name else "您好：\n\n"
    body = (f"{greeting}{core}\n\n受理机关：{f.organ}\n查询号：{f.tracking_code}\n"
            f"查询办理进度：{f.link}\n（凭申请人姓名或名称和查询号查询。本邮件由系统自动发送，请勿直接回复。）\n")
    sms = f"【{f.organ}】{label}：{_sms_core(f, core)}查询号{f.tracking_code}，进度：{f.link}"
    return Message(subject=subject, body=body, sms=sms)


def _sms_core(f: Facts, core: str) -> str:
    """The SMS says the same in short: the items of a correction stay on the progress page."""
    if f.kind == CORRECTION_REQUESTED:
        return (f"本机关于{cn(f.on)}发出补正告知，" + _period(f, "补正", "补正告知书")
                + "补正内容请查看进度页面或告知书。")
    if f.kind == CONSULTATION:
        return f"本机关于{cn(f.on)}依法征求意见，期间不计入答复期限。"
    return core.replace("\n", "")
