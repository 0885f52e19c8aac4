"""What an answer must contain before it may be decided, per outcome (domain.md 2.11 item 6;
legal-review.md A2, A3, B4, B5, B6), and the waits the Regulation puts before a release.

Pure standard-library module (and gongkai.law): no Django import. The applications service gathers
the facts of a case (``Facts``) and asks ``refusal``; the message it returns is shown on the form as
is and nothing is saved.

- ``DETAIL_FIELDS``: the details an answer may carry beyond the reasons (the decision form's fields).
- ``REQUIREMENTS``: one entry per rule: the outcomes it applies to, what it requires, its basis.
- ``exemption_parts``: （二）'s withheld parts, each with its exemption article (B4).
- ``explanation_refusal``: Art. 35's order — a 说明理由 request with a deadline before （五）4 or a
  deferral (A3, B6).
- ``release_refusal``: disclosure over a third party's objection waits 15 working days after the
  notice to it is served (A2; 条例第三十二条, 最高法2011规定第十一条).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from gongkai.law.outcomes import REGULATION, by_code

__all__ = [
    "DETAIL_FIELDS", "ExplanationRequest", "Facts", "Requirement", "REQUIREMENTS", "EXEMPTION_GROUNDS",
    "MIN_EXPLANATION_WORKING_DAYS", "THIRD_PARTY_HOLD_WORKING_DAYS", "exemption_parts", "format_exemptions",
    "special_law_refusal", "explanation_refusal", "release_after", "release_refusal", "refusal", "cn",
    "discloses_over_objection",
]

# Fields an answer may need beyond the reasons, by outcome (domain.md 2.11 item 6); the decision form
# shows them in this order.
DETAIL_FIELDS = {
    "published_where": "公开的位置（网址、栏目、索引号）",
    "how_to_obtain": "获取方式、途径和时间",
    "other_agency": "负责公开该信息的机关名称",
    "other_agency_contact": "该机关联系方式",
    "earlier_letter": "此前答复的文书编号和日期",
    "special_law": "法律、行政法规的名称及条款（如《中华人民共和国统计法》第二十五条）",
    "publication_where": "公开出版物的获取途径",
    "exemption_basis": "不予公开的部分及其依据（部分公开时必填，每行一部分，如“第3页联系人信息——第十五条”）",
    "proper_channel": "信访、投诉、举报的办理渠道",
    "no_consultation_reason": "未征求第三方意见的理由（保护第三方合法权益而未征求意见时必填）",
    "public_interest_reason": "不公开可能对公共利益造成重大影响的理由（第三方不同意公开而决定公开时必填）",
    "explanation_reply": "申请人说明的理由及本机关认为不合理的原因（不予处理时填写；申请人逾期未说明的留空）",
}

# 条例第三十五条: the applicant needs a real chance to explain (project rule: at least 5 working days).
MIN_EXPLANATION_WORKING_DAYS = 5
# 条例第三十二条 with 最高法2011规定第十一条: the third party may seek a remedy before the release.
THIRD_PARTY_HOLD_WORKING_DAYS = 15


def cn(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


@dataclass(frozen=True)
class ExplanationRequest:
    """The latest 说明理由告知书 of the case (Art. 35)."""

    number: str
    issued_on: dt.date
    reply_by: dt.date | None


@dataclass(frozen=True)
class Facts:
    """What the timeline says, as far as the answer rules need it."""

    objections: tuple[str, ...] = ()  # third parties that objected to disclosure (Art. 32)
    third_party_consulted: bool = False  # an Art. 32 consultation letter was issued
    explanation: ExplanationRequest | None = None


# -- （二） the exemption article per withheld part (B4) -----------------------------------------

_NUM = "〇零一二三四五六七八九十百千0-9"
_ARTICLE = re.compile(rf"第[{_NUM}]+条")
_NAMED_LAW = re.compile(rf"《[^《》]+》.*第[{_NUM}]+条")
# (Chinese text printed, patterns recognised after removing spaces and a leading 条例/依据)
EXEMPTION_GROUNDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("第十四条", ("第十四条", "十四条", "14", "第14条")),
    ("第十五条", ("第十五条", "十五条", "15", "第15条")),
    ("第十六条第一款", ("第十六条第一款", "十六条第一款", "16第一款", "16.1", "16-1", "第16条第1款", "第16条第一款")),
    ("第十六条第二款", ("第十六条第二款", "十六条第二款", "16第二款", "16.2", "16-2", "第16条第2款", "第16条第二款")),
)
_SEPARATORS = ("——", "--", "—", "｜", "|", "：", ":")


def _ground(text: str) -> str | None:
    s = re.sub(r"\s+", "", text).removeprefix("依据")
    for prefix in ("《中华人民共和国政府信息公开条例》", "《政府信息公开条例》", "政府信息公开条例", "条例"):
        s = s.removeprefix(prefix)
    for printed, forms in EXEMPTION_GROUNDS:
        if s in forms:
            return f"{REGULATION}{printed}"
    if _NAMED_LAW.search(s) and "政府信息公开条例" not in s:
        return text.strip()
    return None


def exemption_parts(text: str) -> tuple[list[tuple[str, str]], str | None]:
    """(part, printed basis) for each line ``部分——依据``; or the refusal message."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if not lines:
        return [], ("部分公开须逐项写明不予公开的部分及其依据（第十四条、第十五条、第十六条第一款、第十六条第二款，"
                    "或者法律、行政法规的名称及条款），每行一部分，如“第3页联系人信息——第十五条”（条例第三十七条）")
    parts = []
    for n, line in enumerate(lines, 1):
        # the rightmost separator (the longest one where two end at the same place: —— before —)
        end, pos = max(((p + len(sep), -p) for sep in _SEPARATORS if (p := line.rfind(sep)) > 0), default=(0, 0))
        part, basis = (line[:-pos].strip(), line[end:]) if end else ("", line)
        printed = _ground(basis)
        if not part or printed is None:
            return [], (f"第{n}行“{line}”：请按“不予公开的部分——依据”填写，依据须为第十四条、第十五条、第十六条第一款、"
                        "第十六条第二款，或者法律、行政法规的名称及条款（如《中华人民共和国统计法》第二十五条）")
        parts.append((part, printed))
    return parts, None


def format_exemptions(parts: list[tuple[str, str]]) -> str:
    """The letter's sentence for the withheld parts, one numbered clause each."""
    return "；".join(f"{i}．{part}，依据{basis}的规定不予公开" for i, (part, basis) in enumerate(parts, 1))


def special_law_refusal(text: str) -> str | None:
    """（三）2: the prohibiting 法律 or 行政法规 must be named with its article (B5)."""
    if _NAMED_LAW.search(re.sub(r"\s+", "", text or "")):
        return None
    return "“法律行政法规禁止公开”须写明禁止公开的法律、行政法规的名称及条款，如《中华人民共和国统计法》第二十五条（条例第十四条）"


# -- Art. 35: explanation before 不予处理 or a deferral (A3, B6) ---------------------------------

def explanation_refusal(facts: Facts, on: dt.date, *, deferral: bool = False, replied: bool = False) -> str | None:
    """Why （五）4 (``deferral`` False) or an Art. 35 deferral may not be decided on ``on``.

    Both need a 说明理由告知书 with a reply deadline. （五）4 then needs the deadline passed with no
    explanation, or an explanation the organ judged unreasonable (``replied``); a deferral needs the
    applicant's explanation, judged reasonable (``replied``)."""
    what = "延迟答复" if deferral else "不予处理"
    ex = facts.explanation
    if ex is None:
        return f"{what}前须先向申请人发出《说明理由告知书》并给出说明期限（条例第三十五条）"
    if ex.reply_by is None:
        return f"《说明理由告知书》（{ex.number}）未写明说明期限，须重新发出并写明期限后才能{what}（条例第三十五条）"
    if deferral:
        if not replied:
            return "延迟答复须以申请人已说明理由且本机关认为理由合理为前提，请记录申请人说明的理由（条例第三十五条）"
        return None
    if not replied and on <= ex.reply_by:
        return (f"说明理由的期限（{cn(ex.reply_by)}）尚未届满；申请人未说明理由的，期限届满后才能决定不予处理，"
                "已说明但理由不合理的，请记录其说明及不合理的原因（条例第三十五条）")
    return None


# -- A2: the wait after the notice to an objecting third party ------------------------------------

def release_after(served_on: dt.date, wd_after: Callable[[dt.date, int], dt.date]) -> dt.date:
    """The last day of the third party's wait; the information may be released the day after."""
    return wd_after(served_on, THIRD_PARTY_HOLD_WORKING_DAYS)


def release_refusal(on: dt.date, held_until: dt.date) -> str | None:
    if on > held_until:
        return None
    return (f"第三方不同意公开而本机关决定公开的，须在告知书送达第三方之日起{THIRD_PARTY_HOLD_WORKING_DAYS}个工作日届满后"
            f"（{cn(held_until)}之后）才能答复申请人并提供信息，以便第三方依法寻求救济（条例第三十二条）")


def discloses_over_objection(details: Mapping[str, str], facts: Facts) -> bool:
    """A third party objected and the answer discloses: （一）, or （二） whose withheld parts do not
    rest on 第十五条 (the third party's rights) — then Art. 32's written notice and wait apply."""
    if not facts.objections:
        return False
    if details.get("public_interest_reason"):
        return True
    parts, problem = exemption_parts(details.get("exemption_basis", ""))
    return problem is not None or not any(basis.endswith("第十五条") for _, basis in parts)


# -- the requirements, declared once ---------------------------------------------------------------

@dataclass(frozen=True)
class Requirement:
    codes: tuple[str, ...]
    what: str  # what the answer must carry (ARCHITECTURE.md, reviewers)
    basis: str
    check: Callable[[str, Mapping[str, str], Facts, dt.date], str | None]


REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement(("1",), "获取方式或已公开的位置", "条例第三十六条第（一）、（二）项",
                lambda r, d, f, on: None if d.get("published_where") or d.get("how_to_obtain")
                else "予以公开须写明获取方式或已公开的位置（条例第三十六条第（一）、（二）项）"),
    Requirement(("1", "2"), "第三方不同意公开时：不公开可能对公共利益造成重大影响的理由（并书面告知第三方）；"
                "部分公开中依第十五条不予公开第三方部分的除外",
                "条例第十五条、第三十二条",
                lambda r, d, f, on: None if not discloses_over_objection(d, f) or d.get("public_interest_reason")
                else (f"{'、'.join(f.objections)}不同意公开；决定公开的，须写明不公开可能对公共利益造成重大影响的理由，"
                      "本机关将书面告知第三方（条例第三十二条）；部分公开且不公开第三方部分的，"
                      "请在不予公开的部分中逐项写明该部分及“第十五条”")),
    Requirement(("2",), "不予公开的每一部分及其依据（第十四条、第十五条、第十六条第一款、第十六条第二款或法律、行政法规）",
                "条例第三十七条、第三十六条第（三）项",
                lambda r, d, f, on: exemption_parts(d.get("exemption_basis", ""))[1]),
    Requirement(("3.2",), "禁止公开的法律、行政法规的名称及条款", "条例第十四条",
                lambda r, d, f, on: special_law_refusal(d.get("special_law", ""))),
    Requirement(("3.4",), "征求第三方意见的记录，或者未征求意见的理由", "条例第十五条、第三十二条",
                lambda r, d, f, on: None if f.third_party_consulted or d.get("no_consultation_reason")
                else ("保护第三方合法权益不予公开的，须先书面征求第三方意见（条例第三十二条）；"
                      "确实无需或者无法征求的，请写明未征求第三方意见的理由")),
    Requirement(("4.1",), "不掌握的理由，或负责公开的机关", "条例第三十六条第（四）、（五）项",
                lambda r, d, f, on: None if d.get("other_agency") or r
                else "请写明不掌握的理由，或写明负责公开该信息的机关"),
    Requirement(("5.2",), "此前答复的文书编号和日期", "条例第三十六条第（六）项",
                lambda r, d, f, on: None if d.get("earlier_letter")
                else "重复申请须写明此前答复的文书编号和日期（条例第三十六条第（六）项）"),
    Requirement(("5.4",), "说明理由告知书（有说明期限）；期限届满未说明，或说明的理由不合理", "条例第三十五条",
                lambda r, d, f, on: explanation_refusal(f, on, replied=bool(d.get("explanation_reply")))),
)


def refusal(code: str, reasons: str, details: Mapping[str, str], facts: Facts, on: dt.date) -> str | None:
    """The first rule the answer ``code`` with these ``reasons`` and ``details`` breaks, or None."""
    oc = by_code(code)
    reasons = (reasons or "").strip()
    details = {k: (v or "").strip() for k, v in details.items()}
    if oc.requires_reasons and not reasons:
        return f"“{oc.short_label}”须写明理由"
    for req in REQUIREMENTS:
        if oc.code in req.codes:
            message = req.check(reasons, details, facts, on)
            if message:
                return message
    return None
