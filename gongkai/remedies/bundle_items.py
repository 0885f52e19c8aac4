"""The items of the defence bundle (remedies/bundle.py), gathered from the record: the application as
registered and its attachments as uploaded, every issued letter as its frozen file (letters/pdf.py
``stored_pdf``; the DOCX from the frozen paragraphs if no PDF can be made), the service record, the
consultations, the fees, the timeline, the clock at each step and the draft 答辩提纲 — each with its
name, date, 证明目的 (purpose), file name, data and the pages it adds to the single PDF.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone

from gongkai.applications.models import EventKind

from . import pdf
from .bundle_pages import (
    application_html,
    clock_html,
    consultations_html,
    fees_html,
    service_html,
    timeline_html,
)
from .bundle_record import Record, cn_date, safe_name
from .defence_outline import OUTLINE_STEM, outline, outline_html

ATTACHMENT_PURPOSE = {
    "identity": "证明申请人的身份（条例第二十九条第二款第（一）项）",
    "authorisation": "证明申请人委托代理人的授权范围",
    "agent_identity": "证明代理人的身份",
    "request": "证明申请人随申请提交的材料",
    "information": "证明本机关向申请人提供的政府信息内容",
    "correction": "证明申请人提交的补正材料内容（条例第三十条），答复期限自收到补正之日起重新计算",
}
LETTER_PURPOSE = {
    "registration_form": "证明申请人当面（口头）提出申请的内容及登记情况（条例第二十九条）",
    "receipt": "证明本机关收到申请的日期（条例第三十一条），答复期限自该日起算",
    "correction_notice": "证明本机关在收到申请之日起7个工作日内一次性告知补正事项及合理补正期限（条例第三十条）",
    "explanation_request": "证明本机关要求申请人说明理由（条例第三十五条）",
    "deferral_notice": "证明本机关依条例第三十五条确定延迟答复的期限并告知申请人",
    "extension_notice": "证明延长答复期限经负责人同意并告知申请人（条例第三十三条第二款）",
    "third_party_consultation": "证明本机关书面征求第三方意见（条例第三十二条）",
    "consultation_notice": "证明本机关告知申请人征求意见所需时间不计入答复期限（条例第三十三条第三款）",
    "third_party_disclosure_notice": "证明决定公开前书面告知第三方（条例第三十二条）",
    "co_maker_consultation": "证明本机关征求共同制作机关意见（条例第三十四条）",
    "fee_notice": "证明收取信息处理费的标准、金额、理由及缴费方式已告知申请人（条例第四十二条，国办函〔2020〕109号）",
    "answer_letter": "证明本机关依法作出答复的内容、理由、法律依据及救济途径告知（条例第三十六条）",
    "closure_notice": "证明本机关终止办理的事实、依据及告知情况",
    "supplementary_answer": "证明本机关作出补充答复的内容",
    "record_correction_answer": "证明本机关对更正申请的答复（条例第四十一条）",
}


@dataclass
class Item:
    name: str
    date: dt.date | None
    purpose: str
    filename: str
    data: bytes
    pdf: bytes | None = None  # the pages in the single PDF (None: listed with a note)
    note: str = ""
    evidence: bool = True
    no: int = 0
    pages: str = ""



def _letter_file(letter) -> tuple[bytes, str, bytes | None, str]:
    """(data, extension, pdf pages, note) of an issued letter: its frozen PDF, else the DOCX."""
    from gongkai.letters.pdf import stored_pdf
    from gongkai.letters.services import render_docx

    try:
        data = stored_pdf(letter)
        return data, "pdf", data, ""
    except Exception:  # no PDF can be made here: the DOCX from the same frozen paragraphs
        return render_docx(letter), "docx", None, "PDF未能生成，附DOCX（由同一冻结文本生成）"


def _attachment_file(att) -> tuple[bytes, bytes | None, str]:
    with att.file.open("rb") as handle:
        data = handle.read()
    kind = (att.content_type or "").lower()
    name = att.original_name.lower()
    try:
        if kind == "application/pdf" or name.endswith(".pdf"):
            pdf.page_count(data)  # readable
            return data, data, ""
        if kind.startswith("image/") or name.endswith((".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff")):
            return data, pdf.image_to_pdf(data), ""
    except Exception:
        pass
    return data, None, "该文件格式无法嵌入合并PDF，原件见ZIP"


def _ext(name: str, default: str = "bin") -> str:
    m = re.search(r"\.([A-Za-z0-9]{1,8})$", name)
    return m.group(1).lower() if m else default


def items(rec: Record) -> list[Item]:
    app = rec.app
    out: list[Item] = [Item(
        name="政府信息公开申请（申请内容）", date=app.submitted_on,
        purpose=f"证明申请人于{cn_date(app.submitted_on)}提出申请、所申请的内容及方式，本机关收到申请日期为"
                f"{cn_date(app.received_on)}（条例第二十九条、第三十一条）",
        filename="申请内容.pdf", data=b"", pdf=pdf.html_to_pdf(application_html(rec)),
    )]
    out[0].data = out[0].pdf
    for att in rec.attachments:
        data, pages, note = _attachment_file(att)
        # Proofs and materials came with the application; information provided later has its own date.
        date = timezone.localtime(att.uploaded_at).date() if att.kind == "information" else app.submitted_on
        out.append(Item(
            name=f"{att.get_kind_display()}：{att.original_name}", date=date,
            purpose=ATTACHMENT_PURPOSE.get(att.kind, "申请人提交的材料"),
            filename=f"{att.get_kind_display()}_{safe_name(att.original_name.rsplit('.', 1)[0], 40)}.{_ext(att.original_name)}",
            data=data, pdf=pages, note=note))
    for letter in rec.letters:
        data, ext, pages, note = _letter_file(letter)
        out.append(Item(
            name=f"《{letter.title}》{letter.number}", date=letter.issued_on,
            purpose=f"{LETTER_PURPOSE.get(letter.kind, '本机关出具的文书')}；送达：{rec.service_of(letter)}",
            filename=f"{safe_name(letter.get_kind_display(), 20)}_{safe_name(letter.number, 30)}.{ext}",
            data=data, pdf=pages, note=note))
    if rec.letters:
        page = pdf.html_to_pdf(service_html(rec))
        out.append(Item(name="文书送达记录", date=max((x.delivered_on or x.issued_on) for x in rec.letters),
                        purpose="证明各告知书、答复书的送达日期及方式，相关期限自送达之日起计算",
                        filename="送达记录.pdf", data=page, pdf=page))
    if rec.of(EventKind.CONSULTATION_SENT):
        page = pdf.html_to_pdf(consultations_html(rec))
        last = rec.of(EventKind.CONSULTATION_SENT, EventKind.CONSULTATION_ANSWERED)[-1].occurred_on
        out.append(Item(name="征求意见及答复记录", date=last,
                        purpose="证明本机关依法书面征求意见及被征求意见方的答复，征求意见时间不计入答复期限（条例第三十二条、"
                                "第三十三条第三款、第三十四条）",
                        filename="征求意见答复记录.pdf", data=page, pdf=page))
    if rec.of(EventKind.FEE_NOTICE_SENT):
        page = pdf.html_to_pdf(fees_html(rec))
        last = rec.of(EventKind.FEE_NOTICE_SENT, EventKind.FEE_PAID)[-1].occurred_on
        out.append(Item(name="信息处理费收费记录", date=last,
                        purpose="证明收费的依据、标准、金额、告知及缴费情况（条例第四十二条，国办函〔2020〕109号）",
                        filename="收费记录.pdf", data=page, pdf=page))
    last_day = rec.events[-1].occurred_on if rec.events else None
    page = pdf.html_to_pdf(timeline_html(rec))
    out.append(Item(name="办理记录（时间轴）", date=last_day, purpose="证明本案办理的全过程及各环节日期（系统只增不改的记录）",
                    filename="办理记录.pdf", data=page, pdf=page))
    page = pdf.html_to_pdf(clock_html(rec))
    out.append(Item(name="答复期限计算说明（逐步）", date=last_day,
                    purpose="证明每一环节后的答复期限及计算依据，答复在法定期限内作出（条例第三十三条）",
                    filename="答复期限计算说明.pdf", data=page, pdf=page))
    sections = outline(rec)
    page = pdf.html_to_pdf(outline_html(rec, sections))
    out.append(Item(name=OUTLINE_STEM, date=None, purpose="供本机关及代理律师修改的答辩提纲，非证据（另附可编辑DOCX）",
                    filename=f"{OUTLINE_STEM}.pdf", data=page, pdf=page, evidence=False))
    for no, item in enumerate(out, 1):
        item.no = no
        item.filename = f"{no:02d}_{item.filename}"
    return out

