"""Demo of the leak guard (issue 16 item 5; gongkai/screening) in 示例市人民政府: one document waiting at
保密审查 whose attachments hide what must not be published — a Word file with a comment naming a mobile
number and an author in its properties, a workbook with a hidden sheet — and one published document
whose attachment was replaced by its clean copy (the original kept privately) and whose body holds a
duty telephone accepted by the 保密审查员 with a reason. Made through publishing.services, so each
attachment is screened as in real work (the job, and the gate's own screening); dated today, nothing
later. Idempotent: nothing happens when the waiting document exists."""

from __future__ import annotations

import datetime as dt
import io

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.law import today as law_today
from gongkai.publishing import services as publishing
from gongkai.publishing.models import Document

WAITING_TITLE = "关于2026年度城乡困难群众临时救助情况的公示"
PUBLISHED_TITLE = "关于做好今冬明春城市供暖保障工作的通知"
ACCEPT_REASON = "该号码为市供暖保障工作专班对外公布的24小时值班电话，不属于个人信息，同意公开"


def _docx_with_comment() -> bytes:
    """A notice whose comment names a case worker's mobile number; the author left in its properties."""
    from docx import Document as Word

    word = Word()
    word.add_paragraph(WAITING_TITLE)
    p = word.add_paragraph("经街道审核、区民政局审批，本年度共对12户困难家庭实施临时救助，救助金额合计4.8万元。")
    word.add_comment(p.runs, text="救助对象张某某，联系电话13907991234，核实后再公开", author="民政科 李科长",
                     initials="L")
    word.add_paragraph("公示期为5个工作日。对公示内容有异议的，请向示例市民政局反映。")
    word.core_properties.author = "王思源"
    word.core_properties.last_modified_by = "民政科 李科长"
    word.core_properties.title = WAITING_TITLE
    word.core_properties.comments = ""
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _xlsx_with_hidden_sheet() -> bytes:
    """The published table; the working sheet with names and mobile numbers is hidden, not removed."""
    from openpyxl import Workbook

    book = Workbook()
    shown = book.active
    shown.title = "公示"
    shown.append(["序号", "街道", "户数", "救助金额（元）"])
    for n, (street, homes, amount) in enumerate((("和平街道", 3, 12000), ("建设街道", 4, 16000),
                                                 ("湖滨街道", 5, 20000)), start=1):
        shown.append([n, street, homes, amount])
    work = book.create_sheet("底稿")
    work.append(["姓名", "联系电话", "街道", "金额（元）"])
    work.append(["张某某", "13907991234", "和平街道", 4000])
    work.append(["李某某", "13807995678", "建设街道", 4000])
    work.sheet_state = "hidden"
    book.properties.creator = "王思源"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _draft(shi, editor, title: str, body: str, today: dt.date) -> Document:
    formed = today - dt.timedelta(days=3)
    return publishing.save_draft(shi, editor, {
        "title": title, "issuers": shi.name, "signed_on": formed, "formed_on": formed, "doc_type": "通知",
        "summary": "", "body": body, "disclosure_attribute": "proactive"})


@transaction.atomic
def load(stdout=None) -> dict | None:
    """The two documents; None (and no change) when they exist or the organ's staff are missing."""
    from gongkai.screening import runner, services

    users = {u.username: u for u in get_user_model().objects.filter(
        username__in=("shi_handler", "shi_reviewer", "shi_secrecy"))}
    shi = Agency.objects.filter(code="shi").first()
    if shi is None or len(users) < 3 or Document.objects.filter(agency=shi, title=WAITING_TITLE).exists():
        return None
    editor, reviewer, secrecy = users["shi_handler"], users["shi_reviewer"], users["shi_secrecy"]
    today = law_today.today()

    # A published notice: its Word attachment cleaned at 保密审查, the duty telephone accepted.
    doc = _draft(shi, editor, PUBLISHED_TITLE, (
        "各区人民政府，市政府各部门：\n\n为确保今冬明春城市供暖安全稳定，现就有关事项通知如下。\n\n"
        "一、各供热企业要在11月15日前完成设备检修和试运行。\n\n"
        "二、市供暖保障工作专班24小时值班电话：13907990000。\n\n示例市人民政府"), today)
    cleaned = publishing.add_attachment(doc, editor, name="供暖保障工作安排.docx", content=_docx_with_comment())
    doc = publishing.section_approve(publishing.submit(doc, editor), reviewer)
    runner.screen_pending(doc)  # as the gate would, whether or not the job ran already
    services.clean_copy(doc, secrecy, cleaned.pk)
    from gongkai.screening import gate

    for item in gate.open_items(doc):  # the duty telephone in the body (the copy left nothing open)
        if item.attachment is None:
            services.accept(doc, secrecy, item.key, ACCEPT_REASON)
    publishing.secrecy_approve(Document.objects.get(pk=doc.pk), secrecy)
    publishing.publish(Document.objects.get(pk=doc.pk), editor)

    # The document waiting at 保密审查, its findings open.
    waiting = _draft(shi, editor, WAITING_TITLE, (
        "根据《示例市临时救助实施办法》，现将2026年度城乡困难群众临时救助情况予以公示，详见附件。\n\n"
        "示例市人民政府办公室"), today)
    publishing.add_attachment(waiting, editor, name="临时救助情况公示.docx", content=_docx_with_comment())
    publishing.add_attachment(waiting, editor, name="临时救助情况汇总表.xlsx", content=_xlsx_with_hidden_sheet())
    waiting = publishing.section_approve(publishing.submit(waiting, editor), reviewer)
    runner.screen_pending(waiting)  # findings shown at once, even with the job queue off
    return {"waiting": 1, "published": 1, "open": len(gate.open_items(waiting))}
