"""E-mails to the writer (through ``jobs.mail.send_mail``: queued on commit, sent once per key): the
查询号 when a message is received (the only time it is sent), the reply when it is approved, and the
pointer to 依申请公开 when a message is converted. A writer without an e-mail address reads them on
the progress page."""

from __future__ import annotations

import contextlib
import threading

from django.conf import settings
from django.urls import reverse
from django.utils.http import urlencode

_state = threading.local()


@contextlib.contextmanager
def muted():
    """No e-mail inside the block (the demo's writers are fictional)."""
    _state.muted = getattr(_state, "muted", 0) + 1
    try:
        yield
    finally:
        _state.muted -= 1


def query_url(msg) -> str:
    base = settings.GONGKAI.get("PUBLIC_BASE_URL", "").rstrip("/")
    return f"{base}{reverse('mailbox:query')}?{urlencode({'code': msg.reference})}"


def _send(msg, key: str, subject: str, body: str) -> bool:
    from gongkai.jobs.mail import send_mail

    if getattr(_state, "muted", 0):
        return False
    return send_mail(f"mailbox:{msg.pk}:{key}", subject, body, [msg.email])


def _footer(msg) -> str:
    return (f"\n\n查询办理进度：{query_url(msg)}\n（查询时请输入查询号和您的姓名）\n\n"
            f"{msg.agency.name}\n本邮件由系统自动发送，请勿直接回复。")


def received(msg) -> bool:
    mailbox = msg.mailbox
    body = (f"{msg.writer_name}：\n\n{msg.agency.name}{mailbox.name}已于{msg.received_at:%Y年%m月%d日}收到您的来信"
            f"“{msg.subject}”。\n查询号：{msg.reference}\n请妥善保存查询号，本机关不会再次告知。"
            f"本机关将在{mailbox.answer_days}个工作日内（{msg.due_on:%Y年%m月%d日}前）答复。" + _footer(msg))
    return _send(msg, "received", f"{mailbox.name}已收到您的来信", body)


def replied(msg, reply) -> bool:
    body = (f"{msg.writer_name}：\n\n您的来信“{msg.subject}”已办理，答复如下：\n\n{reply.text}" + _footer(msg))
    return _send(msg, "replied", f"{msg.mailbox.name}来信答复", body)


def converted(msg, note: str) -> bool:
    body = (f"{msg.writer_name}：\n\n您的来信“{msg.subject}”所提事项属于获取政府信息的请求。{note}\n\n"
            "请通过依申请公开渠道提出申请：登录查询页面后，点击“填写政府信息公开申请”，您的来信内容将自动填入申请表。"
            + _footer(msg))
    return _send(msg, "converted", "请通过依申请公开渠道提出申请", body)


def from_application(msg) -> bool:
    body = (f"{msg.writer_name}：\n\n您向{msg.agency.name}提出的政府信息公开申请，经审查属于信访、投诉、举报类事项，"
            f"不作为政府信息公开申请处理（答复书另行送达），已转入本机关{msg.mailbox.name}办理。\n"
            f"查询号：{msg.reference}" + _footer(msg))
    return _send(msg, "from-application", f"您的申请已转入{msg.mailbox.name}办理", body)
