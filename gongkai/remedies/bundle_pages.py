"""The pages of the defence bundle rendered from the record (remedies/bundle_record.py): the
application as registered, the service of the letters, the consultations, the fees, the timeline and
the clock at each step (law/clock.py recomputed over the events up to each one). Each returns HTML;
remedies/bundle_items.py makes them PDFs.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from django.utils import timezone

from gongkai.applications.models import Application, EventKind
from gongkai.law import clock as lawclock
from gongkai.law.calendar import CalendarMissing

from .bundle_record import (
    FEE_SCALES,
    OPINIONS,
    PARTY_KINDS,
    REGULATION,
    Record,
    actor_name,
    event_facts,
    html_page,
    html_table,
    iso,
)


def application_html(rec: Record) -> str:
    app = rec.app
    rows = []
    for field in ("reference", "case_type", "channel", "submitted_on", "received_on", "applicant_kind", "org_type",
                  "name", "id_type", "id_number", "legal_representative", "contact_name", "phone", "email",
                  "address", "postcode", "employer", "fax", "agent_name", "agent_id_number", "agent_phone",
                  "info_title", "info_doc_no", "info_index_no", "description", "purpose", "carrier", "delivery",
                  "accept_other_delivery", "pieces"):
        f = Application._meta.get_field(field)
        value = getattr(app, field)
        if f.choices and value:
            value = getattr(app, f"get_{field}_display")()
        if isinstance(value, bool):
            value = "是" if value else "否"
        if value in ("", None):
            continue
        rows.append([str(f.verbose_name), iso(value) if isinstance(value, dt.date) else str(value)])
    body = html_table(["项目", "内容"], rows)
    body += ('<p class="muted">以上为本机关系统中登记的申请内容（网上申请为申请人提交的表单数据，当面、'
             "信函等申请为登记内容），申请人个人信息未作遮蔽，仅供复议、诉讼使用。</p>")
    return html_page("政府信息公开申请（申请内容）", body, f"{app.agency.name} · 登记编号 {app.reference}")


def service_html(rec: Record) -> str:
    rows = [[str(i), letter.number, letter.title, iso(letter.issued_on), rec.service_of(letter)]
            for i, letter in enumerate(rec.letters, 1)]
    body = html_table(["序号", "文书编号", "文书", "文书日期", "送达日期及方式"], rows)
    delivered = rec.of(EventKind.DELIVERED)
    if delivered:
        body += "<h2>办理记录中的送达登记</h2>" + html_table(
            ["日期", "送达事项", "文书编号", "方式", "登记人"],
            [[iso(e.occurred_on), e.note or "答复文书送达", (e.data or {}).get("letter", ""),
              (e.data or {}).get("method", ""), actor_name(e)] for e in delivered])
    body += ('<p class="muted">补正期限、征求意见期限和缴费期限自相应告知书送达之日起计算'
             "（条例第三十条、第三十二条，国办函〔2020〕109号）。</p>")
    return html_page("文书送达记录", body, f"登记编号 {rec.app.reference}")


def consultations_html(rec: Record) -> str:
    sent = rec.of(EventKind.CONSULTATION_SENT)
    answers = {str((e.data or {}).get("ref")): e for e in rec.of(EventKind.CONSULTATION_ANSWERED)}
    rows = []
    for e in sent:
        d = e.data or {}
        label, article = PARTY_KINDS.get(d.get("party_kind"), ("其他", ""))
        reply = answers.get(str(e.id))
        rows.append([d.get("party", ""), f"{label}（条例{article}）" if article else label, d.get("matters", ""),
                     iso(e.occurred_on), d.get("served_on") or "见送达记录",
                     iso(reply.occurred_on) if reply else "未收到答复",
                     OPINIONS.get((reply.data or {}).get("opinion"), "") if reply else "",
                     reply.note if reply else ""])
    body = html_table(["被征求意见方", "类别", "征求事项", "发函日期", "送达日期", "答复日期", "意见", "答复说明"], rows)
    body += '<p class="muted">征求意见所需时间不计算在答复期限内（条例第三十三条第三款）。</p>'
    return html_page("征求意见及答复记录", body, f"登记编号 {rec.app.reference}")


def fees_html(rec: Record) -> str:
    rows = []
    for e in rec.of(EventKind.FEE_NOTICE_SENT):
        d = e.data or {}
        rows += [["收费通知日期", iso(e.occurred_on)], ["计收方式", FEE_SCALES.get(d.get("scale"), d.get("scale", ""))],
                 ["数量", str(d.get("units", ""))], ["金额（元）", str(d.get("amount", ""))],
                 ["计算过程", d.get("explanation", "")], ["收费理由", e.note],
                 ["缴费方式", d.get("payment_method", "")], ["缴费识别号", d.get("payment_reference", "")],
                 ["送达日期", d.get("served_on") or "见送达记录"], ["缴费期限", d.get("payment_due") or "自送达之日起计算"]]
    for e in rec.of(EventKind.FEE_PAID):
        rows.append(["缴费日期", iso(e.occurred_on)])
    body = html_table(["项目", "内容"], rows)
    body += '<p class="muted">依据：条例第四十二条，《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）。</p>'
    return html_page("信息处理费收费记录", body, f"登记编号 {rec.app.reference}")

def timeline_html(rec: Record) -> str:
    rows = []
    for i, e in enumerate(rec.events, 1):
        mark = "（已被更正）" if e.id in rec.superseded else ""
        rows.append([str(i), iso(e.occurred_on), e.get_kind_display() + mark, event_facts(e), e.note, actor_name(e),
                     timezone.localtime(e.created_at).strftime("%Y-%m-%d %H:%M")])
    body = html_table(["序号", "日期", "事项", "要点", "说明", "办理人", "记录时间"], rows)
    body += ('<p class="muted">办理记录只增不改：记录一经写入不能修改或删除，更正以新记录覆盖旧记录'
             "（“已被更正”者）。“记录时间”为系统写入时间。</p>")
    return html_page("办理记录（时间轴）", body, f"登记编号 {rec.app.reference}")


def clock_html(rec: Record) -> str:
    """The due date and its explanation after each event (law/clock.py over the events so far)."""
    parts = ['<p class="muted">每一步均以本案办理记录中截至该步的事项，按'
             f"{REGULATION}第三十三条等规定和工作日历重新计算答复期限；与上一步相同的说明不重复列出。</p>"]
    previous: list[str] = []
    for i, e in enumerate(rec.events):
        if e.kind == EventKind.DUE_RECOMPUTED:
            continue
        head = f"{i + 1}. {iso(e.occurred_on)} {e.get_kind_display()}"
        try:
            res = rec.clock_after(i, e.occurred_on)
        except (lawclock.ClockError, CalendarMissing) as err:
            parts.append(f"<h3>{escape(head)}</h3><p>期限无法计算：{escape(str(err))}</p>")
            continue
        if res is None:
            parts.append(f"<h3>{escape(head)}</h3><p>尚未收到申请，答复期限尚未起算。</p>")
            continue
        due = f"答复期限：{lawclock.fmt(res.due)}" if res.due else "答复期限：暂无（计时暂停或等待补正）"
        left = f"，截至当日剩余{res.remaining}个工作日" if res.remaining is not None and res.due else ""
        parts.append(f"<h3>{escape(head)}</h3><p><strong>{escape(due)}</strong>；状态：{escape(res.state_label)}；"
                     f"答复期限共{res.allowed}个工作日{left}。</p>")
        lines = list(res.explanation)
        new = [x for x in lines if x not in previous]
        if new:
            parts.append("<ul>" + "".join(f"<li>{escape(x)}</li>" for x in new) + "</ul>")
        else:
            parts.append('<p class="muted">期限及其计算说明未变。</p>')
        previous = lines
    return html_page("答复期限计算说明（逐步）", "".join(parts), f"登记编号 {rec.app.reference}")

