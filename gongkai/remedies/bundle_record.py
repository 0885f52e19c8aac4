"""What the defence bundle (remedies/bundle.py) reads of one application, and the helpers its pages share.

``Record`` reads the application, its events, letters and attachments once; the Chinese labels of the
timeline's facts, the date formats and the HTML page and table used by every page of the bundle
(remedies/bundle_pages.py, remedies/defence_outline.py, remedies/bundle.py) are here.
"""

from __future__ import annotations

import datetime as dt
import re
from html import escape

from django.conf import settings

from gongkai.applications import services as app_services
from gongkai.applications.models import Application, Channel, EventKind
from gongkai.holidays.services import current_calendar
from gongkai.law import clock as lawclock
from gongkai.law.calendar import CalendarMissing

from .models import RemedyCase

REGULATION = "《中华人民共和国政府信息公开条例》"
# The facts of the timeline worth a column, in Chinese.
DATA_LABELS = {
    "channel": "申请方式", "items": "补正事项", "period_days": "补正期限（工作日）", "served_on": "送达日期",
    "party": "被征求意见方", "matters": "征求事项", "opinion": "意见", "days": "延长（工作日）",
    "approver_name": "批准人", "due": "答复日期", "outcome_label": "办理结果", "number": "文书编号",
    "title": "文书", "letter": "文书编号", "method": "送达方式", "amount": "金额（元）", "units": "数量",
    "payment_method": "缴费方式", "payment_due": "缴费期限", "old": "原期限", "new": "新期限",
    "to_agency": "转至", "exemption_basis": "不予公开依据", "special_law": "法律、行政法规",
}
OPINIONS = {"agree": "同意公开", "object": "不同意公开", "none": "逾期未答复"}
PARTY_KINDS = {"third_party": ("第三方", "第三十二条"), "co_maker": ("共同制作机关", "第三十四条")}
FEE_SCALES = {"per_piece": "按件计收", "per_volume": "按量计收"}
UNSAFE = re.compile(r"[\\/:*?\"<>|\s.]+")


class BundleError(Exception):
    """The bundle cannot be made for this case; the message is Chinese."""


def cn_date(d: dt.date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else "—"


def iso(d: dt.date | None) -> str:
    return d.isoformat() if d else "—"


def safe_name(text: str, limit: int = 60) -> str:
    return UNSAFE.sub("_", text).strip("_")[:limit] or "文件"


def html_page(title: str, body: str, subtitle: str = "", style: str = "") -> str:
    sub = f'<p class="muted" style="text-align:center">{escape(subtitle)}</p>' if subtitle else ""
    style = f"<style>{style}</style>" if style else ""
    return (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title>{style}</head>'
            f"<body><h1>{escape(title)}</h1>{sub}{body}</body></html>")


def html_table(head: list[str], rows: list[list[str]], raw: bool = False, widths: list[int] = ()) -> str:
    cell = (lambda v: v) if raw else (lambda v: escape(str(v)))
    th = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
    cols = "".join(f'<col style="width:{w}%">' for w in widths)
    if cols:
        return (f"<table><colgroup>{cols}</colgroup><thead><tr>{th}</tr></thead><tbody>"
                + "".join("<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>" for row in rows)
                + "</tbody></table>")
    body = "".join("<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


# ------------------------------------------------------------------------------------ the record

class Record:
    """What the bundle reads of one application, read once."""

    def __init__(self, case: RemedyCase):
        if case.application_id is None:
            raise BundleError("该复议诉讼案件未关联申请，无法生成应诉材料")
        self.case = case
        self.app: Application = Application.objects.select_related("agency").get(pk=case.application_id)
        self.events = list(self.app.events.select_related("actor").order_by("occurred_on", "id"))
        self.letters = list(self.app.letters.order_by("issued_on", "id"))
        self.attachments = list(self.app.attachments.order_by("uploaded_at", "id"))
        self.superseded = {e.supersedes_id for e in self.events if e.supersedes_id}
        self.cal = current_calendar()
        self.rules = lawclock.ClockRules(correction_period_days=settings.GONGKAI["CORRECTION_PERIOD_DAYS"])

    def of(self, *kinds) -> list:
        return [e for e in self.events if e.kind in kinds and e.id not in self.superseded]

    def clock_after(self, index: int, as_of: dt.date):
        """The clock over the events up to and including ``self.events[index]`` as of ``as_of``."""
        if self.app.received_on is None or as_of < self.app.received_on:
            return None
        prefix = self.events[: index + 1]
        return lawclock.compute(self.app.received_on, app_services.clock_events(prefix), self.cal,
                                as_of=as_of, rules=self.rules)

    def answer_letter(self):
        kinds = ("answer_letter", "closure_notice")
        return next((x for x in self.letters if x.kind in kinds), None)

    def letter_event_index(self, letter) -> int | None:
        for i, e in enumerate(self.events):
            if e.kind == EventKind.LETTER_ISSUED and (e.data or {}).get("letter_id") == letter.pk:
                return i
        return None

    def due_at_answer(self):
        """(answer letter, the due date in force when it was issued, the clock result) or Nones."""
        letter = self.answer_letter()
        if letter is None:
            return None, None, None
        i = self.letter_event_index(letter)
        if i is None:
            i = max((k for k, e in enumerate(self.events) if e.occurred_on <= letter.issued_on), default=0)
        # The clock just before the answer was issued: every event before its LETTER_ISSUED entry.
        try:
            res = self.clock_after(max(i - 1, 0), letter.issued_on)
        except (lawclock.ClockError, CalendarMissing):
            return letter, None, None
        return letter, res.due if res else None, res

    def service_of(self, letter) -> str:
        if letter.delivered_on:
            return f"{iso(letter.delivered_on)}（{letter.delivery_method or '送达方式未登记'}）"
        return "未登记送达"


def actor_name(e) -> str:
    if e.actor is None:
        return "系统"
    return e.actor.get_full_name() or e.actor.get_username()


def event_facts(e) -> str:
    d = e.data or {}
    parts = []
    for key, label in DATA_LABELS.items():
        if d.get(key) not in (None, "", [], {}):
            value = d[key]
            if key == "opinion":
                value = OPINIONS.get(value, value)
            if key == "channel":
                value = Channel(value).label if value in Channel.values else value
            if key == "scale":
                value = FEE_SCALES.get(value, value)
            parts.append(f"{label}：{value}")
    return "；".join(parts)

