"""The variables a letter template sees (domain.md 2.10, 2.11).

Templates use Django template syntax, are plain text (no HTML) and separate paragraphs with a blank
line. By convention the last two paragraphs of every letter are the organ name and the letter date
(they are printed right-aligned). Dates are already formatted as ``2025年1月2日``. Free-text values
(reasons, reason, text, matters and the answer details below) have their closing punctuation removed,
so a template ends the sentence itself with “。”.

模板可用变量（管理员编辑文书模板时参考）：

机关
  agency                     机关对象，常用 {{ agency.name }}（机关名称）
  agency_name                机关名称
  office_name                政府信息公开工作机构（未填写时为机关名称）
  office_address             办公地址
  office_phone               联系电话
  office_fax                 传真
  office_email               电子邮箱
  office_hours               办公时间
  postcode                   邮政编码
  reconsideration_organ      行政复议机关（机关设置中必须填写，未填写时不能签发答复书）
  court                      管辖人民法院（同上）

申请
  application                申请对象（登记表使用其各字段，如 {{ application.phone }}）
  addressee                  收件人：申请人登记的姓名或名称；致第三方、共同制作机关的文书为被征求意见方
  applicant_name             申请人姓名或名称
  applicant_kind_label       申请人类型（自然人 / 法人或其他组织）
  reference                  登记编号
  tracking_code              查询号
  channel_label              申请方式，用于“收到您通过{{ channel_label }}提交的”（如：网上、当面、来信）
  received_via               收到申请的完整表述，用于“本机关于{{ received_cn }}收到您{{ received_via }}”
                             （如：通过电子邮件提出的政府信息公开申请；口头申请由本机关代为填写的注明）
  correction_received_cn     收到补正材料的日期（有补正时），用于“您于{{ correction_received_cn }}提交补正材料”
  channel_name               申请方式名称（网络、当面、挂号信……）
  form_name                  《政府信息公开申请表》
  submitted_cn               提交日期
  received_cn                收到申请日期（条例第三十一条）
  description                申请人对所需信息的描述（按申请人原文）
  info_title / info_doc_no / info_index_no   所需信息名称、文号、索引号
  carrier_label / delivery_label             载体形式、获取方式
  answer_due_cn              答复期限（计时暂停时为空）

办理结果（答复书、终止办理告知书、补充答复书）
  outcome                    办理结果对象：outcome.code、outcome.label、outcome.legal_basis 等
  outcome_code               办理结果代码，如 3.1
  legal_basis                本件实际适用的条款，如 《中华人民共和国政府信息公开条例》第三十六条第（二）项
                             （予以公开按已公开/可公开、不掌握按不存在/非本机关负责分别只援引实际适用的一项）
  reasons                    理由
  remedy                     救济途径段落（复议前置或直接起诉的法定表述，按本机关的复议前置设置；
                             终止办理告知书为“如对本告知不服……”，撤回申请时为空）
  published_where            已主动公开的位置（网址、栏目、索引号）
  how_to_obtain              获取信息的方式、途径和时间
  other_agency               负责公开该信息的机关名称
  other_agency_contact       该机关的联系方式
  earlier_letter             此前答复的文书编号和日期
  special_law                应依照办理的法律、行政法规
  publication_where          公开出版物的获取途径
  exemption_basis            部分公开时不予公开部分所依据的条款（选填）
  attachments                附件名称列表
  withdrawal                 申请人撤回申请的方式（撤回时）
  correction_notice_number / correction_notice_date_cn / correction_notice_served_cn
                             本案补正告知书的编号、日期、送达日期（仅登记了送达时有值，否则为空：
                             文书只写“发出”，不写“送达”）
  correction_due_cn          补正期限届满日（自送达之日起计算；未登记送达时为空）
  fee_notice_number / fee_notice_date_cn / fee_notice_served_cn
                             本案收费通知书的编号、日期、送达日期（同上，仅登记了送达时有值）
  amount / payment_due_cn    收费金额、缴费期限届满日（未登记送达时为空）
  explanation_request_number / explanation_request_date_cn
                             本案说明理由告知书的编号、日期
  consultation_summary       征求第三方意见的情况（不予公开·保护第三方合法权益时）

文书
  number                     本文书编号，如 示政依复〔2025〕第1号
  letter_date_cn             文书日期
  contact_person             联系人（出具文书的工作人员姓名，未填写姓名时为公开工作机构）
  contact_phone              联系电话

各类通知另有的变量（由办理操作传入；日期类变量另有以 _cn 结尾的中文日期，如 due 与 due_cn）
  correction_notice          items（需补正事项）、period_days（补正期限天数）、correction_due_cn（发出时已登记
                             送达才有日期，否则只写“自收到本告知书之日起X个工作日内”）
  extension_notice           days（延长的工作日数）、reason（延期理由）、new_due_cn（延长后的答复期限）
  deferral_notice            due_cn（确定的答复日期）、reason（理由）
  explanation_request        reply_by_cn（说明理由的期限，选填）、reason（选填）
  third_party_consultation   party（第三方名称）、matters（涉及的信息）、reply_by_cn（15个工作日届满日，
                             发出时已登记送达才有）
  co_maker_consultation      party、matters、reply_by_cn
  consultation_notice        party_label（第三方、共同制作机关或协办机关）
  third_party_disclosure_notice  party、matters、disclosed_content（决定公开的内容，选填）、reasons、
                             disclose_on_cn（拟公开日期，选填）
  fee_notice                 scale_label（按件/按量）、units、unit_name（件/页）、amount、fee_explanation、
                             payment_due_cn、reason
  supplementary_answer       original_number、original_date_cn（原答复书编号和日期）、text（补充答复内容）
  record_correction_answer   result（corrected 已更正 / forwarded 已转送 / refer 告知向有权机关提出）、
                             corrected_content、competent_organ、competent_organ_contact、text
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone

from gongkai.law import outcomes

REGULATION = outcomes.REGULATION
FORM_NAME = "《政府信息公开申请表》"

# How a channel reads in "收到您通过{channel_label}提交的《政府信息公开申请表》" (domain 2.11 item 3).
CHANNEL_PHRASES = {
    "in_person": "当面",
    "registered_post": "来信",
    "ordinary_letter": "来信",
    "online": "网上",
    "fax": "传真",
    "email": "电子邮件",
    "other": "其他方式",
}
ORAL_PHRASE = "口头申请（由本机关代为填写）"

# "本机关于{received_cn}收到您{received_via}" (legal-review.md C4): only a form handed in or filled in
# online is a 《政府信息公开申请表》; a letter, fax or e-mail is an application in the applicant's own
# words, and an oral application is written down by staff (条例第二十九条).
RECEIVED_VIA = {
    "in_person": "当面提交的《政府信息公开申请表》",
    "registered_post": "通过来信提出的政府信息公开申请",
    "ordinary_letter": "通过来信提出的政府信息公开申请",
    "online": "通过网上申请渠道提交的《政府信息公开申请表》",
    "fax": "通过传真提出的政府信息公开申请",
    "email": "通过电子邮件提出的政府信息公开申请",
    "other": "提出的政府信息公开申请",
}
ORAL_RECEIVED_VIA = "以口头方式提出的政府信息公开申请（由本机关代为填写《政府信息公开申请表》）"

# Letters addressed to someone other than the applicant (the addressee is extra["party"]).
PARTY_KINDS = frozenset({"third_party_consultation", "co_maker_consultation", "third_party_disclosure_notice"})

# Fields an answer may carry; always defined so templates can test them with {% if %}.
DETAIL_KEYS = (
    "published_where", "how_to_obtain", "other_agency", "other_agency_contact", "earlier_letter",
    "special_law", "publication_where", "exemption_basis", "withdrawal", "proper_channel",
)

FEE_SCALES = {"per_piece": ("按件", "件"), "per_volume": ("按量", "页")}

# Free-text values that templates follow with their own "。".
SENTENCE_KEYS = DETAIL_KEYS + ("reasons", "reason", "text", "matters", "corrected_content", "disclosed_content")

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def cn_date(d) -> str:
    """``2020年12月18日`` for a date, datetime or ISO string; '' for nothing."""
    if d is None or d == "":
        return ""
    if isinstance(d, str):
        s = d.strip()
        if _ISO_DATE.match(s):
            d = dt.date.fromisoformat(s)
        elif _ISO_DATETIME.match(s):
            d = dt.datetime.fromisoformat(s)
        else:
            return s
    if isinstance(d, dt.datetime):
        d = timezone.localtime(d).date() if timezone.is_aware(d) else d.date()
    return f"{d.year}年{d.month}月{d.day}日"


def sentence(value) -> str:
    """Free text without its closing punctuation, so a template can end the sentence itself."""
    return str(value or "").strip().rstrip("。；;，,.．、 \u3000")


def _is_dateish(value) -> bool:
    if isinstance(value, dt.date):
        return True
    return isinstance(value, str) and bool(_ISO_DATE.match(value.strip()) or _ISO_DATETIME.match(value.strip()))


def specific_legal_basis(outcome, details: dict) -> str:
    """The article and item that actually apply (domain 2.11 item 5).

    Outcomes （一） and （四）1 cover two items of Art. 36; a letter cites only the one used.
    """
    if outcome is None:
        return ""
    if outcome.code == "1":
        items = []
        if details.get("published_where"):
            items.append("第（一）项")
        if details.get("how_to_obtain") or not items:
            items.append("第（二）项")
        return f"{REGULATION}第三十六条" + "、".join(items)
    if outcome.code == "4.1":
        item = "第（五）项" if details.get("other_agency") else "第（四）项"
        return f"{REGULATION}第三十六条{item}"
    return outcome.legal_basis


# Revised 3.1 — what a letter prints for a date computed over a year whose holiday arrangement is
# not confirmed. Every letter below already states its period in working days ("自收到申请之日起20个
# 工作日内", "15个工作日内", "20个工作日内") and gives the date beside it; that date then carries
# "（按法定节假日推算）", so the period in working days is what binds and the date is marked as an
# estimate. Dates the organ fixes itself (Art. 35 deferral, a 说明理由 reply date) are never marked.
PROVISIONAL_MARK = "（按法定节假日推算）"
COMPUTED_DATES = {  # letter kind → the dates in ``extra`` that the calendar computed
    "correction_notice": ("correction_due",),
    "extension_notice": ("new_due",),
    "third_party_consultation": ("reply_by",),
    "co_maker_consultation": ("reply_by",),
    "fee_notice": ("payment_due",),
}


def provisional_cn(d, since) -> str:
    """``cn_date(d)``, followed by PROVISIONAL_MARK when counting from ``since`` to ``d`` crossed a
    year whose arrangement is not confirmed."""
    text = cn_date(d)
    if not text or d in (None, "") or since in (None, ""):
        return text
    day = dt.date.fromisoformat(d) if isinstance(d, str) else d
    start = dt.date.fromisoformat(since) if isinstance(since, str) else since
    if isinstance(day, dt.datetime) or isinstance(start, dt.datetime) or day <= start:
        return text
    from gongkai.holidays.services import current_calendar

    years = current_calendar().provisional_years_between(start + dt.timedelta(days=1), day)
    return text + PROVISIONAL_MARK if years else text


def remedy_for(outcome, reconsideration_organ: str, court: str, overrides: dict | None = None,
               kind: str = "", withdrawal: bool = False) -> str:
    """The remedy paragraph under the organ's reconsideration-first setting ``overrides``; letters
    without an outcome use the wording of （一）. Closure notices (and letters for （六）) say
    「如对本告知不服」 and a withdrawal has none. '' while the organ lacks either name: such a letter is
    refused by ``services.issue_letter`` (legal-review.md B12), never printed with a description."""
    if not ((reconsideration_organ or "").strip() and (court or "").strip()):
        return ""
    outcome = outcome or outcomes.by_code("1")
    if kind == "closure_notice" or (kind == "answer_letter" and outcome.group == "6"):
        return outcomes.notice_remedy_clause(outcome, reconsideration_organ, court, overrides, withdrawal=withdrawal)
    return outcomes.remedy_clause(outcome, reconsideration_organ, court, overrides)


def _correction_received(app) -> str:
    """The date the applicant's correction arrived (legal-review.md C5), '' when there was none."""
    if not app.pk:
        return ""
    event = (app.events.filter(kind="correction_received", superseded_by__isnull=True)
             .order_by("-occurred_on", "-id").first())
    return cn_date(event.occurred_on) if event else ""


def _earlier_letters(app) -> dict:
    """Numbers and dates of earlier notices of this case that closures and answers refer to."""
    out = {}
    if not app.pk:
        return out
    for kind in ("correction_notice", "fee_notice", "explanation_request"):
        letter = app.letters.filter(kind=kind).order_by("-id").first()
        out[f"{kind}_number"] = letter.number if letter else ""
        out[f"{kind}_date_cn"] = cn_date(letter.issued_on) if letter else ""
        # "送达" only when a delivery was recorded; otherwise the letter says "发出" (legal-review.md B8).
        out[f"{kind}_served_cn"] = cn_date(letter.delivered_on) if letter and letter.delivered_on else ""
    for event in app.events.filter(kind__in=("correction_requested", "fee_notice_sent")).order_by("id"):
        data = event.data or {}
        if event.kind == "correction_requested":
            out["correction_due_cn"] = provisional_cn(data.get("correction_due"), event.occurred_on)
        else:
            out["amount"] = data.get("amount", "")
            out["payment_due_cn"] = provisional_cn(data.get("payment_due"), event.occurred_on)
    return out


def _consultation_summary(app) -> str:
    """What the third parties said (Art. 32), for answers withholding on their behalf (3.4)."""
    if not app.pk:
        return ""
    events = list(app.events.filter(kind__in=("consultation_sent", "consultation_answered")).order_by("id"))
    replies = {str(e.data.get("ref")): e for e in events if e.kind == "consultation_answered"}
    parts = []
    for sent in events:
        data = sent.data or {}
        if sent.kind != "consultation_sent" or data.get("party_kind") != "third_party":
            continue
        party = data.get("party") or "第三方"
        text = f"本机关于{cn_date(sent.occurred_on)}书面征求{party}的意见"
        reply = replies.get(str(sent.id))
        opinion = (reply.data or {}).get("opinion") if reply else None
        if opinion == "object":
            text += f"，{party}于{cn_date(reply.occurred_on)}答复不同意公开"
        elif opinion == "agree":
            text += f"，{party}于{cn_date(reply.occurred_on)}答复同意公开"
        else:
            text += f"，{party}在规定期限内未提出意见"
        parts.append(text)
    return "；".join(parts)


def _attachments(app, kind: str, extra: dict) -> list[str]:
    given = extra.get("attachments")
    if given:
        return [given] if isinstance(given, str) else [str(a) for a in given]
    if kind == "answer_letter" and app.pk:
        return [a.original_name for a in app.attachments.filter(kind="information").order_by("id")]
    return []


def build_context(app, kind: str, extra: dict | None, on: dt.date, actor=None) -> dict:
    """Everything a template of ``kind`` needs for ``app``, on the letter date ``on``."""
    extra = dict(extra or {})
    agency = app.agency
    code = extra.get("outcome") or app.outcome or ""
    outcome = outcomes.by_code(code) if code else None
    ctx = _blank_context(app)
    _add_passed_values(ctx, kind, extra, on)
    details = {k: ctx.get(k) for k in DETAIL_KEYS}
    organ = (agency.reconsideration_organ or "").strip()
    court = (agency.court or "").strip()
    scale_label, unit_name = FEE_SCALES.get(extra.get("scale", ""), ("", ""))
    if actor is not None and getattr(actor, "is_authenticated", False):
        contact_person = actor.get_full_name().strip()
    else:
        contact_person = ""
    ctx.update(_organ_values(agency, organ, court))
    ctx.update(_application_values(app, kind, extra))
    ctx.update({
        # outcome
        "outcome": outcome,
        "outcome_code": outcome.code if outcome else "",
        "legal_basis": specific_legal_basis(outcome, details),
        "reasons": sentence(extra.get("reasons") or app.outcome_reasons),
        "consultation_summary": _consultation_summary(app) if outcome and outcome.code == "3.4" else "",
        "remedy": remedy_for(outcome, organ, court, agency.reconsideration_first, kind, bool(ctx.get("withdrawal"))),
        "attachments": _attachments(app, kind, extra),
        # fee
        "scale_label": scale_label,
        "unit_name": unit_name,
        # letter
        "letter_date": on,
        "letter_date_cn": cn_date(on),
        "contact_person": contact_person or agency.office_name or agency.name,
        "contact_phone": agency.office_phone,
    })
    return ctx


def _blank_context(app) -> dict:
    """Every optional variable empty, then this case's earlier letters."""
    ctx: dict = {key: "" for key in DETAIL_KEYS}
    ctx.update({
        "correction_due_cn": "", "payment_due_cn": "", "amount": "", "fee_explanation": "",
        "reply_by_cn": "", "new_due_cn": "", "due_cn": "", "original_number": "", "original_date_cn": "",
        "text": "", "reason": "", "items": "", "matters": "", "party": "", "party_label": "",
        "disclose_on_cn": "", "disclosed_content": "", "result": "", "corrected_content": "",
        "competent_organ": "", "competent_organ_contact": "", "number": "",
    })
    ctx.update(_earlier_letters(app))
    return ctx


def _add_passed_values(ctx: dict, kind: str, extra: dict, on: dt.date) -> None:
    """Everything the calling action passed, with a Chinese form of every date; free text without
    its closing punctuation."""
    for key, value in extra.items():
        ctx[key] = value
        if _is_dateish(value):
            ctx[f"{key}_cn"] = provisional_cn(value, on) if key in COMPUTED_DATES.get(kind, ()) else cn_date(value)

    for key in SENTENCE_KEYS:
        if isinstance(ctx.get(key), str):
            ctx[key] = sentence(ctx[key])


def _organ_values(agency, organ: str, court: str) -> dict:
    return {
        "agency": agency,
        "agency_name": agency.name,
        "office_name": agency.office_name or agency.name,
        "office_address": agency.office_address,
        "office_phone": agency.office_phone,
        "office_fax": agency.office_fax,
        "office_email": agency.office_email,
        "office_hours": agency.office_hours,
        "postcode": agency.postcode,
        "reconsideration_organ": organ,
        "court": court,
    }


def _application_values(app, kind: str, extra: dict) -> dict:
    return {
        "application": app,
        "addressee": (extra.get("party") or app.name) if kind in PARTY_KINDS else app.name,
        "applicant_name": app.name,
        "applicant_kind_label": app.get_applicant_kind_display(),
        "reference": app.reference,
        "tracking_code": app.tracking_code,
        "channel_label": ORAL_PHRASE if app.is_oral else CHANNEL_PHRASES.get(app.channel, app.get_channel_display()),
        "received_via": ORAL_RECEIVED_VIA if app.is_oral else RECEIVED_VIA.get(app.channel, RECEIVED_VIA["other"]),
        "correction_received_cn": _correction_received(app),
        "channel_name": app.get_channel_display(),
        "form_name": FORM_NAME,
        "submitted_cn": cn_date(app.submitted_on),
        "received_cn": cn_date(app.received_on),
        "description": (app.description or "").strip().rstrip("。．.；;"),
        "info_title": app.info_title,
        "info_doc_no": app.info_doc_no,
        "info_index_no": app.info_index_no,
        "carrier_label": app.get_carrier_display(),
        "delivery_label": app.get_delivery_display(),
        "answer_due_cn": cn_date(app.due_on) + (PROVISIONAL_MARK if app.due_on and app.due_provisional else ""),
    }
