"""The draft 答辩提纲 of the defence bundle (remedies/bundle.py): the case, the facts of the record with
their dates, the points of the defence (受理及时, 答复及时, 程序合法, 适用法律正确, 告知权利救济途径),
the articles applied and a closing opinion for the organ's lawyer to complete. Marked 草稿 on every
page; a PDF for the bundle and an editable DOCX.
"""

from __future__ import annotations

import io
import re
from html import escape

from gongkai.applications.models import Channel, EventKind
from gongkai.law import clock as lawclock

from .bundle_record import (
    DATA_LABELS,
    FEE_SCALES,
    OPINIONS,
    PARTY_KINDS,
    REGULATION,
    Record,
    cn_date,
    event_facts,
    html_page,
)
from .models import RemedyCase

OUTLINE_STEM = "答辩提纲（草稿）"
DRAFT_NOTE = ("草稿：本提纲由系统依据本案办理记录自动生成，供本机关及代理律师修改完善；不是证据，"
              "不得未经核对直接提交。所列日期、期限和条款均须与卷宗原件逐项核对。")
# Every page of the outline says it is a draft.
DRAFT_HEADER = ('@page { @top-center { content: "草稿 · 供代理人修改 · 非证据"; color: #b00; font-size: 10pt; '
                'font-weight: bold; } }')
ARTICLE = re.compile(r"第[一二三四五六七八九十百]+条(?:第[一二三四五六七八九十]+款)?(?:第（[一二三四五六七八九十]+）项)?")

Section = tuple[str, list[str]]


def outline(rec: Record) -> list[Section]:
    """The draft 答辩提纲: (heading, paragraphs). Facts with dates, the articles applied, the points."""
    # Articles of the Regulation applied (without its name) and other sources, in the order met.
    articles: list[str] = ["第三十一条（收到申请日期）", "第三十三条第一款（20个工作日内答复）"]
    sources: list[str] = []
    letter, due, _res = rec.due_at_answer()
    points = [
        _receipt_point(rec),
        _answer_point(rec, letter, due),
        _procedure_point(rec, articles, sources),
        _law_point(rec, letter, articles),
        _remedy_point(letter),
    ]
    return [
        _case_section(rec),
        ("一、事实（依办理记录）", _facts(rec)),
        ("二、答辩要点", points),
        _law_section(articles, sources),
        ("四、答辩意见（待代理人完善）", [
            "综上，被申请人/被告收到申请后依法登记、按期答复，程序合法，适用法律正确，并告知了救济途径。"
            "请求依法维持（驳回申请人/原告的请求）。",
        ]),
    ]


def _case_section(rec: Record) -> Section:
    app, case = rec.app, rec.case
    answer_doc = ("行政复议答复书（行政复议法第四十八条：自收到申请书副本之日起十日内提出书面答复，并提交证据、依据和其他有关材料）"
                  if case.kind == RemedyCase.RECONSIDERATION else
                  "答辩状（行政诉讼法第六十七条：自收到起诉状副本之日起十五日内提交证据、规范性文件并提出答辩状；第三十四条：被告对作出的行政行为负有举证责任）")
    return ("案件", [
        f"{case.get_kind_display()}：{case.case_no or '（案号待填）'}，{case.body}，申请人/原告于{cn_date(case.filed_on)}提出。",
        f"被申请人/被告：{case.agency.name}。申请人/原告：{app.name}。关联申请：登记编号{app.reference}。",
        f"拟提交：{answer_doc}。",
    ])


def _facts(rec: Record) -> list[str]:
    """One dated line per event of the record (corrected, clock, assignment and note entries left out)."""
    facts = []
    for e in rec.events:
        if e.id in rec.superseded or e.kind in (EventKind.DUE_RECOMPUTED, EventKind.ASSIGNED, EventKind.NOTE):
            continue
        d = e.data or {}
        if e.kind == EventKind.LETTER_ISSUED:
            line = f"{cn_date(e.occurred_on)}，出具《{d.get('title', '')}》（{d.get('number', '')}）"
        elif e.kind == EventKind.DELIVERED and d.get("letter"):
            line = f"{cn_date(e.occurred_on)}，{e.note or '文书送达'}（{d.get('letter')}，{d.get('method', '')}）"
        else:
            line = f"{cn_date(e.occurred_on)}，{e.get_kind_display()}"
            facts_text = event_facts(e)
            if facts_text:
                line += f"（{facts_text}）"
        facts.append(line + "。")
    return facts


def _receipt_point(rec: Record) -> str:
    """（一）受理及时."""
    app = rec.app
    submitted, received = app.submitted_on, app.received_on
    confirm = [f"申请人于{cn_date(submitted)}以{app.get_channel_display()}方式提出申请，本机关收到申请日期为{cn_date(received)}"
               f"（条例第三十一条）。"]
    if received and app.channel in (Channel.ONLINE, Channel.EMAIL, Channel.FAX, Channel.ORDINARY_LETTER):
        limit = rec.cal.wd_after(submitted, lawclock.CONFIRM_WITHIN_DAYS)
        confirm.append("在提交后1个工作日内确认收到。" if received <= limit
                       else f"确认收到晚于提交后1个工作日（应不迟于{cn_date(limit)}），请核实原因并准备说明。")
    receipt = next((x for x in rec.letters if x.kind == "receipt"), None)
    if receipt:
        confirm.append(f"已出具《{receipt.title}》（{receipt.number}，{cn_date(receipt.issued_on)}）。")
    return "（一）受理及时：" + "".join(confirm)


def _answer_point(rec: Record, letter, due) -> str:
    """（二）答复及时: the answer letter against the due date in force when it was issued."""
    if letter is None:
        return "（二）答复及时：办理记录中没有答复书或终止办理告知书，请核实。"
    when = f"本机关于{cn_date(letter.issued_on)}作出《{letter.title}》（{letter.number}）"
    if due is None:
        timely = "，答复期限无法依记录计算，请核实。"
    elif letter.issued_on <= due:
        left = rec.cal.wd_between(letter.issued_on, due)
        timely = f"，答复期限为{cn_date(due)}，在期限内作出（距期限届满尚有{left}个工作日）。"
    else:
        timely = f"，答复期限为{cn_date(due)}，晚于期限——请核实原因并准备说明。"
    served = (f"该文书于{cn_date(letter.delivered_on)}以{letter.delivery_method}方式送达。" if letter.delivered_on
              else "该文书未登记送达日期，请补充送达凭证。")
    return "（二）答复及时：" + when + timely + served


def _procedure_point(rec: Record, articles: list[str], sources: list[str]) -> str:
    """（三）程序合法: correction, consultation, extension, deferral and fee steps; adds their articles."""
    procedure = (_correction_steps(rec, articles) + _consultation_steps(rec, articles)
                 + _extension_steps(rec, articles) + _fee_steps(rec, articles, sources))
    if not procedure:
        procedure.append("本案未发生补正、征求意见、延期或收费程序。")
    return "（三）程序合法：" + "".join(procedure)


def _correction_steps(rec: Record, articles: list[str]) -> list[str]:
    received = rec.app.received_on
    procedure = []
    for e in rec.of(EventKind.CORRECTION_REQUESTED):
        d = e.data or {}
        res0 = lawclock.compute(received, [], rec.cal, rules=rec.rules) if received else None
        within = (f"在收到申请之日起7个工作日内（最迟{cn_date(res0.correction_notice_due)}）" if res0 and
                  e.occurred_on <= res0.correction_notice_due else "（晚于收到申请后7个工作日，请核实）")
        procedure.append(f"补正：{cn_date(e.occurred_on)}{within}一次性告知补正事项“{d.get('items', '')}”，补正期限"
                         f"{d.get('period_days', '')}个工作日，自送达之日（{d.get('served_on') or '见送达记录'}）起计算"
                         "（条例第三十条）。")
        articles.append("第三十条（补正）")
    for e in rec.of(EventKind.CORRECTION_RECEIVED):
        procedure.append(f"{cn_date(e.occurred_on)}收到补正材料，答复期限自该日起重新计算（条例第三十条）。")
    return procedure


def _consultation_steps(rec: Record, articles: list[str]) -> list[str]:
    procedure = []
    replies = {str((e.data or {}).get("ref")): e for e in rec.of(EventKind.CONSULTATION_ANSWERED)}
    for e in rec.of(EventKind.CONSULTATION_SENT):
        d = e.data or {}
        label, article = PARTY_KINDS.get(d.get("party_kind"), ("其他", ""))
        reply = replies.get(str(e.id))
        said = (f"{cn_date(reply.occurred_on)}收到答复（{OPINIONS.get((reply.data or {}).get('opinion'), '')}）"
                if reply else "未收到答复")
        notice = next((x for x in rec.letters if x.kind == "consultation_notice" and x.issued_on >= e.occurred_on), None)
        told = (f"并以《{notice.title}》（{notice.number}）告知申请人" if notice
                else "未见告知申请人的文书，请核实")
        procedure.append(f"征求意见：{cn_date(e.occurred_on)}书面征求{label}“{d.get('party', '')}”意见（条例{article}），"
                         f"送达日期{d.get('served_on') or '见送达记录'}，{said}；征求意见期间不计入答复期限，{told}"
                         "（条例第三十三条第三款）。")
        if article:
            articles.append(f"{article}（征求意见）")
        articles.append("第三十三条第三款（征求意见时间不计入答复期限）")
    return procedure


def _extension_steps(rec: Record, articles: list[str]) -> list[str]:
    """Extensions (条例第三十三条第二款) then deferrals (第三十五条)."""
    procedure = []
    for e in rec.of(EventKind.EXTENSION):
        d = e.data or {}
        notice = next((x for x in rec.letters if x.kind == "extension_notice"), None)
        told = (f"以《{notice.title}》（{notice.number}）告知申请人，送达：{rec.service_of(notice)}" if notice
                else "未见延期告知书，请核实")
        if notice is not None and not notice.delivered_on:
            told += "（请补充送达凭证）"
        procedure.append(f"延期：{cn_date(e.occurred_on)}经政府信息公开工作机构负责人{d.get('approver_name', '')}同意延长"
                         f"{d.get('days', '')}个工作日（理由：{e.note}），{told}（条例第三十三条第二款）。")
        articles.append("第三十三条第二款（延长答复期限）")
    for e in rec.of(EventKind.DEFERRAL):
        procedure.append(f"延迟答复：{cn_date(e.occurred_on)}依条例第三十五条确定于{(e.data or {}).get('due', '')}前答复。")
        articles.append("第三十五条（延迟答复）")
    return procedure


def _fee_steps(rec: Record, articles: list[str], sources: list[str]) -> list[str]:
    procedure = []
    for e in rec.of(EventKind.FEE_NOTICE_SENT):
        d = e.data or {}
        paid = rec.of(EventKind.FEE_PAID)
        procedure.append(f"收费：{cn_date(e.occurred_on)}发出收费通知，{FEE_SCALES.get(d.get('scale'), '')}{d.get('amount', '')}元，"
                         f"缴费方式{d.get('payment_method', '')}；" + (f"{cn_date(paid[0].occurred_on)}缴费。" if paid else "未缴费。"))
        articles.append("第四十二条（信息处理费）")
        sources.append("《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）")
    return procedure


def _law_point(rec: Record, letter, articles: list[str]) -> str:
    """（四）适用法律正确: the outcome, its reasons and the basis the answer letter states; adds its articles."""
    app = rec.app
    oc = app.outcome_obj
    decided = rec.of(EventKind.DECIDED)
    if oc is None:
        return "（四）适用法律正确：办理记录中没有办理结果，请核实。"
    d = (decided[-1].data or {}) if decided else {}
    extra = "".join(f"{DATA_LABELS[k]}：{d[k]}。" for k in ("exemption_basis", "special_law") if d.get(k))
    reasons = f"理由：{app.outcome_reasons}。" if app.outcome_reasons else ""
    basis = _basis_paragraph(letter)
    cited = ARTICLE.findall(basis) if basis else []
    said = f"答复书载明：“{basis}”" if basis else f"依据{oc.legal_basis}。"
    articles += [f"{a}（办理结果的依据）" for a in cited] or [oc.legal_basis.replace(REGULATION, "")]
    return f"（四）适用法律正确：{cn_date(app.decided_on)}决定“{oc.choice_label}”。{reasons}{extra}{said}"


def _remedy_point(letter) -> str:
    """（五）告知权利救济途径: the answer letter's paragraph on reconsideration and suit."""
    remedy = ""
    if letter is not None:
        remedy = next((p for p in letter.paragraphs if "行政复议" in p or "行政诉讼" in p), "")
    return "（五）告知权利救济途径：" + (f"答复文书已载明：“{remedy}”" if remedy
                                  else "答复文书未见救济途径告知，请核实。")


def _law_section(articles: list[str], sources: list[str]) -> Section:
    seen: list[str] = []
    for a in articles:
        if a and a not in seen:
            seen.append(a)
    return ("三、适用的法律依据", [f"{REGULATION}" + "；".join(seen) + "。", *[f"{x}。" for x in sources],
                          "《最高人民法院关于审理政府信息公开行政案件若干问题的规定》（法释〔2011〕17号）第五条（被告的举证责任）。"])


def _basis_paragraph(letter) -> str:
    """The answer letter's sentence that applies the Regulation (根据……的规定……)."""
    if letter is None:
        return ""
    return next((p for p in letter.paragraphs if "规定" in p and ARTICLE.search(p) and "行政复议" not in p), "")


def outline_html(rec: Record, sections) -> str:
    body = f'<p class="draft">{escape(DRAFT_NOTE)}</p>'
    for heading, paras in sections:
        body += f"<h2>{escape(heading)}</h2>"
        if heading.startswith("一、"):
            body += "<ol>" + "".join(f"<li>{escape(p)}</li>" for p in paras) + "</ol>"
        else:
            body += "".join(f"<p>{escape(p)}</p>" for p in paras)
    return html_page(OUTLINE_STEM, body, f"{rec.case.get_kind_display()} {rec.case.case_no}".strip(),
                     style=DRAFT_HEADER)


def outline_docx(sections) -> bytes:
    from docx import Document

    doc = Document()
    doc.core_properties.title = OUTLINE_STEM
    doc.add_heading(OUTLINE_STEM, level=0)
    doc.add_paragraph(DRAFT_NOTE)
    for heading, paras in sections:
        doc.add_heading(heading, level=1)
        for p in paras:
            doc.add_paragraph(p, style="List Number" if heading.startswith("一、") else None)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
