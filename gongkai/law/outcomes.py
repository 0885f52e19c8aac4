"""The 21 leaf outcomes of annual-report block 三、本年度办理结果 (domain.md section 4).

Pure standard-library module: no Django import.

The set of leaves is fixed by the report format (国办公开办函〔2021〕30号); tenants may add
sub-reasons under a leaf but never new leaves. Labels are reproduced character for character.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "Outcome",
    "UnknownOutcome",
    "REGULATION",
    "ANSWER_LETTER",
    "CLOSURE_NOTICE",
    "LEAVES",
    "GROUPS",
    "GROUP_LABELS",
    "CHOICES",
    "PROVIDED_CODES",
    "by_code",
    "by_key",
    "RECONSIDERATION_FIRST_DEFAULT",
    "reconsideration_first",
    "remedy_clause",
    "notice_remedy_clause",
    "public_remedies",
    "COMPLAINT_ROUTE",
    "RECONSIDERATION_FIRST_ON_SILENCE",
    "suggest_outcome",
]

REGULATION = "《中华人民共和国政府信息公开条例》"
ANSWER_LETTER = "answer_letter"
CLOSURE_NOTICE = "closure_notice"

# Group rows of block 三 (国办公开办函〔2021〕30号). Groups 1 and 2 are leaves themselves.
GROUP_LABELS: dict[str, str] = {
    "1": "（一）予以公开",
    "2": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "3": "（三）不予公开",
    "4": "（四）无法提供",
    "5": "（五）不予处理",
    "6": "（六）其他处理",
}


class UnknownOutcome(KeyError):
    """Unknown outcome code or key; ``str(e)`` is the Chinese message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Outcome:
    """One leaf row of block 三 and the facts the software needs about it."""

    code: str
    key: str
    label: str
    group: str
    group_label: str
    short_label: str
    adverse: bool
    reconsideration_first: bool
    legal_basis: str
    requires_reasons: bool
    letter_kind: str
    required_content: tuple[str, ...]
    report_row: str
    basis_note: str = ""

    @property
    def choice_label(self) -> str:
        """Label for selection lists, e.g. ``（三）不予公开 / 1.属于国家秘密``."""
        if self.group_label == self.label:
            return self.label
        return f"{self.group_label} / {self.label}"


def _leaf(
    code: str,
    key: str,
    label: str,
    short_label: str,
    legal_basis: str,
    required_content: Iterable[str],
    basis_note: str = "",
) -> Outcome:
    group = code.split(".")[0]
    return Outcome(
        code=code,
        key=key,
        label=label,
        group=group,
        group_label=GROUP_LABELS[group],
        short_label=short_label,
        # Everything except full disclosure is adverse to the applicant.
        adverse=code != "1",
        # 行政复议法（2023修订）第二十三条第一款第（四）项、第二款: reconsideration first where the
        # organ did not disclose. The default (legal-review.md B1, domain 2.9 revised): on for every
        # outcome by which the applicant does not get the information, off for （一） and withdrawal
        # （六）3. Each organ may narrow it (Agency.reconsideration_first; see reconsideration_first()).
        reconsideration_first=code not in ("1", "6.3"),
        legal_basis=legal_basis,
        # Art. 36(三), 36(五), 37 and the refusal rows need reasons (domain 2.6, 2.11 item 6).
        requires_reasons=group in ("2", "3", "4", "5"),
        # Outcomes （六） are communicated by a 终止办理告知书 (domain 2.10; project convention).
        letter_kind=CLOSURE_NOTICE if group == "6" else ANSWER_LETTER,
        required_content=tuple(required_content),
        report_row=key,
        basis_note=basis_note,
    )


_WITHHOLD = "告知不予公开的决定，并写明所依据的条款"

LEAVES: tuple[Outcome, ...] = (
    # Art. 36(一) already proactively disclosed; Art. 36(二) can be disclosed.
    _leaf(
        "1",
        "disclosed",
        "（一）予以公开",
        "予以公开",
        f"{REGULATION}第三十六条第（一）项或第（二）项",
        (
            "已主动公开的，告知获取该政府信息的方式和途径（网址、栏目、索引号）",
            "可以公开的，向申请人提供该政府信息，或者告知获取该政府信息的方式、途径和时间",
        ),
        "已主动公开的适用第（一）项，可以公开的适用第（二）项，答复时只援引实际适用的一项。",
    ),
    # Art. 37 区分处理 with Art. 36(三) for the withheld part.
    _leaf(
        "2",
        "partially_disclosed",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "部分公开",
        f"{REGULATION}第三十七条、第三十六条第（三）项",
        (
            "向申请人提供可以公开的部分",
            "对不予公开的部分逐项写明所依据的条款和理由",
        ),
        "不予公开部分另须援引第十四条、第十五条或第十六条中实际适用的条款。",
    ),
    # Art. 36(三) + Art. 14: state secret.
    _leaf(
        "3.1",
        "withheld_state_secret",
        "1.属于国家秘密",
        "不予公开（国家秘密）",
        f"{REGULATION}第十四条、第三十六条第（三）项",
        (_WITHHOLD, "说明理由：所申请的信息属于国家秘密"),
    ),
    # Art. 36(三) + Art. 14: disclosure prohibited by law or administrative regulation.
    _leaf(
        "3.2",
        "withheld_law_prohibited",
        "2.其他法律行政法规禁止公开",
        "不予公开（法律行政法规禁止）",
        f"{REGULATION}第十四条、第三十六条第（三）项",
        (_WITHHOLD, "说明理由：写明禁止公开该信息的法律、行政法规及其条款"),
    ),
    # Art. 36(三) + Art. 14: 三安全一稳定.
    _leaf(
        "3.3",
        "withheld_security_stability",
        "3.危及“三安全一稳定”",
        "不予公开（三安全一稳定）",
        f"{REGULATION}第十四条、第三十六条第（三）项",
        (_WITHHOLD, "说明理由：公开后可能危及国家安全、公共安全、经济安全、社会稳定"),
    ),
    # Art. 36(三) + Art. 15 (third-party rights) + Art. 32 (consultation of the third party).
    _leaf(
        "3.4",
        "withheld_third_party",
        "4.保护第三方合法权益",
        "不予公开（第三方合法权益）",
        f"{REGULATION}第十五条、第三十二条、第三十六条第（三）项",
        (
            _WITHHOLD,
            "说明理由：涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害",
            "写明征求第三方意见的情况",
        ),
    ),
    # Art. 36(三) + Art. 16 第一款: internal affairs.
    _leaf(
        "3.5",
        "withheld_internal_affairs",
        "5.属于三类内部事务信息",
        "不予公开（内部事务信息）",
        f"{REGULATION}第十六条第一款、第三十六条第（三）项",
        (_WITHHOLD, "说明理由：属于人事管理、后勤管理、内部工作流程等内部事务信息"),
    ),
    # Art. 36(三) + Art. 16 第二款: process information.
    _leaf(
        "3.6",
        "withheld_process_info",
        "6.属于四类过程性信息",
        "不予公开（过程性信息）",
        f"{REGULATION}第十六条第二款、第三十六条第（三）项",
        (_WITHHOLD, "说明理由：属于讨论记录、过程稿、磋商信函、请示报告等过程性信息"),
    ),
    # Art. 36(三) + Art. 16 第二款: administrative law-enforcement case files.
    _leaf(
        "3.7",
        "withheld_enforcement_file",
        "7.属于行政执法案卷",
        "不予公开（行政执法案卷）",
        f"{REGULATION}第十六条第二款、第三十六条第（三）项",
        (_WITHHOLD, "说明理由：属于行政执法案卷信息"),
    ),
    # Art. 36(七): special access rules in other laws (project convention; configurable).
    _leaf(
        "3.8",
        "withheld_administrative_query",
        "8.属于行政查询事项",
        "行政查询事项（依照特别规定办理）",
        f"{REGULATION}第三十六条第（七）项",
        (
            "告知申请人依照有关法律、行政法规的规定办理",
            "写明应当适用的法律、行政法规及办理查询的机关或途径",
        ),
    ),
    # Art. 36(四) does not exist; Art. 36(五) not this organ's (project convention; configurable).
    _leaf(
        "4.1",
        "unavailable_not_held",
        "1.本机关不掌握相关政府信息",
        "无法提供（本机关不掌握）",
        f"{REGULATION}第三十六条第（四）项（或第（五）项）",
        (
            "经检索没有所申请公开信息的，告知申请人该政府信息不存在",
            "不属于本机关负责公开的，说明理由；能够确定负责公开该政府信息的机关的，告知其名称、联系方式",
        ),
        "信息不存在的适用第（四）项，不属于本机关负责公开的适用第（五）项，答复时只援引实际适用的一项。",
    ),
    # Art. 38: would need processing or analysis.
    _leaf(
        "4.2",
        "unavailable_needs_creation",
        "2.没有现成信息需要另行制作",
        "无法提供（需另行制作）",
        f"{REGULATION}第三十八条",
        (
            "告知本机关提供的信息应当是已制作或者获取的政府信息",
            "说明所申请内容需要对现有政府信息进行加工、分析，本机关不予提供",
        ),
    ),
    # Art. 30: still unclear after correction.
    _leaf(
        "4.3",
        "unavailable_unclear",
        "3.补正后申请内容仍不明确",
        "无法提供（补正后仍不明确）",
        f"{REGULATION}第三十条",
        (
            "写明补正告知书的文号和日期",
            "说明补正后申请内容仍不明确、无法确定所申请政府信息的理由",
        ),
    ),
    # Art. 39 第一款: petition, complaint or report in the form of a request.
    _leaf(
        "5.1",
        "not_processed_petition",
        "1.信访举报投诉类申请",
        "不予处理（信访举报投诉）",
        f"{REGULATION}第三十九条第一款",
        (
            "告知该申请不作为政府信息公开申请处理",
            "可以告知申请人通过信访、投诉、举报的相应渠道提出",
        ),
    ),
    # Art. 36(六): the same request was already answered.
    _leaf(
        "5.2",
        "not_processed_duplicate",
        "2.重复申请",
        "不予处理（重复申请）",
        f"{REGULATION}第三十六条第（六）项",
        (
            "告知对重复申请不予重复处理",
            "写明此前答复书的文号和日期",
        ),
    ),
    # Art. 39 第二款: published materials.
    _leaf(
        "5.3",
        "not_processed_publication",
        "3.要求提供公开出版物",
        "不予处理（公开出版物）",
        f"{REGULATION}第三十九条第二款",
        ("告知获取该政府公报、报刊、书籍等公开出版物的途径",),
    ),
    # Art. 35: unreasonable number or frequency of requests.
    _leaf(
        "5.4",
        "not_processed_excessive",
        "4.无正当理由大量反复申请",
        "不予处理（大量反复申请）",
        f"{REGULATION}第三十五条",
        (
            "写明说明理由告知书的文号和日期",
            "说明申请的数量、频次明显超过合理范围，且申请人未说明理由或者理由不合理，本机关不予处理",
        ),
    ),
    # No item of Art. 36 covers this case (legal-review.md B3): the answer rests on Art. 2 (政府信息 is
    # information already made or obtained), with the explanation that the applicant already holds
    # it and asks for a certification; never a bare 「第三十六条」.
    _leaf(
        "5.5",
        "not_processed_confirmation",
        "5.要求行政机关确认或重新出具已获取信息",
        "不予处理（确认或重新出具）",
        f"{REGULATION}第二条",
        (
            "说明申请人已经获取该信息，所提申请是要求确认、证明或者重新出具，"
            "不属于获取行政机关已制作或者获取的政府信息，不作为政府信息公开申请处理",
        ),
        "条例第三十六条没有规定此情形，答复以第二条（政府信息的定义）为依据并说明理由；"
        "申请实为投诉、举报的，可以另行援引第三十九条第一款。",
    ),
    # Art. 30: no correction without good reason → request treated as abandoned.
    _leaf(
        "6.1",
        "other_no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "其他处理（逾期不补正）",
        f"{REGULATION}第三十条",
        (
            "写明补正告知书的文号、送达日期和补正期限",
            "告知申请人无正当理由逾期不补正，视为放弃申请，本机关不再处理该申请",
        ),
    ),
    # Art. 42 + 国办函〔2020〕109号: fee not paid in time → request treated as abandoned.
    _leaf(
        "6.2",
        "other_no_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "其他处理（逾期未缴费）",
        f"{REGULATION}第四十二条及《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
        (
            "写明收费通知书的文号、送达日期、收费金额和缴费期限",
            "告知申请人逾期未缴纳信息处理费，视为放弃申请，本机关不再处理该申请",
        ),
    ),
    # Withdrawal (project convention; configurable) or any other ending: no fixed article.
    _leaf(
        "6.3",
        "other_other",
        "3.其他",
        "其他处理（其他）",
        "",
        (
            "写明终止办理的事实（如申请人撤回申请）",
            "写明终止办理所依据的理由",
        ),
        "此情形没有固定的法律依据，请按实际情况填写。",
    ),
)

_BY_CODE: dict[str, Outcome] = {o.code: o for o in LEAVES}
_BY_KEY: dict[str, Outcome] = {o.key: o for o in LEAVES}

GROUPS: list[tuple[str, str, tuple[Outcome, ...]]] = [
    (group, label, tuple(o for o in LEAVES if o.group == group)) for group, label in GROUP_LABELS.items()
]

CHOICES: list[tuple[str, str]] = [(o.code, o.choice_label) for o in LEAVES]

# Outcomes under which requested information is (at least partly) provided.
PROVIDED_CODES = frozenset({"1", "2"})


def by_code(code: str) -> Outcome:
    """Return the leaf with this code (``'3.1'``); raises :class:`UnknownOutcome` (a KeyError)."""
    try:
        return _BY_CODE[code]
    except (KeyError, TypeError):
        raise UnknownOutcome(f"未知的办理结果代码：{code}") from None


def by_key(key: str) -> Outcome:
    """Return the leaf with this identifier (``'withheld_state_secret'``)."""
    try:
        return _BY_KEY[key]
    except (KeyError, TypeError):
        raise UnknownOutcome(f"未知的办理结果标识：{key}") from None


# Domain 2.11 item 7; 行政复议法（2023修订）第二十条、第二十三条、第三十四条; 行政诉讼法第四十五条、第四十六条.
# ``{act}`` is 答复 in answer letters and 告知 in closure notices (legal-review.md C6).
_REMEDY_DIRECT = (
    "如对本{act}不服，可以自收到本{act}之日起60日内向{organ}申请行政复议，"
    "或者自收到本{act}之日起6个月内向{court}提起行政诉讼。"
)
# legal-review.md B2: the route to court when the reconsideration organ refuses or does not decide.
_REMEDY_RECONSIDERATION_FIRST = (
    "如对本{act}不服，应当先自收到本{act}之日起60日内向{organ}申请行政复议；"
    "对行政复议决定不服，或者行政复议机关不予受理、逾期不作决定的，"
    "可以自收到行政复议决定书（不予受理决定书）之日起或者行政复议期限届满之日起15日内依法向人民法院提起行政诉讼。"
)

# Default of the per-organ setting (legal-review.md B1; domain 2.9 revised): code → on/off.
RECONSIDERATION_FIRST_DEFAULT: dict[str, bool] = {o.code: o.reconsideration_first for o in LEAVES}


def reconsideration_first(outcome: Outcome | str, overrides: dict | None = None) -> bool:
    """Whether reconsideration comes first for ``outcome`` at an organ with these ``overrides``
    (leaf code → bool; codes absent or not a bool keep the default)."""
    code = outcome.code if isinstance(outcome, Outcome) else by_code(outcome).code
    value = (overrides or {}).get(code)
    return value if isinstance(value, bool) else RECONSIDERATION_FIRST_DEFAULT[code]


def _remedy(act: str, first: bool, reconsideration_organ: str, court: str) -> str:
    organ = (reconsideration_organ or "").strip()
    if not organ:
        raise ValueError("请填写行政复议机关名称")
    if first:
        # 行政复议法第二十三条第一款第（四）项、第二款: the organ must tell the applicant to
        # apply for reconsideration first.
        return _REMEDY_RECONSIDERATION_FIRST.format(act=act, organ=organ)
    court_name = (court or "").strip()
    if not court_name:
        raise ValueError("请填写人民法院名称")
    return _REMEDY_DIRECT.format(act=act, organ=organ, court=court_name)


def remedy_clause(
    outcome: Outcome | str, reconsideration_organ: str, court: str, overrides: dict | None = None
) -> str:
    """The remedy paragraph every answer letter carries (domain 2.11 item 7).

    ``outcome`` is an :class:`Outcome` or a leaf code; ``overrides`` the organ's reconsideration-first
    setting (see :func:`reconsideration_first`). With reconsideration first, the fixed text names no
    particular court, so ``court`` is not used.
    """
    return _remedy("答复", reconsideration_first(outcome, overrides), reconsideration_organ, court)


def notice_remedy_clause(
    outcome: Outcome | str,
    reconsideration_organ: str,
    court: str,
    overrides: dict | None = None,
    *,
    withdrawal: bool = False,
) -> str:
    """The remedy paragraph of a closure notice (（六）1, （六）2, （六）3): 「如对本告知不服……」 (C6).

    A withdrawal carries none: '' (domain 2.11 item 7); a （六）3 ending the organ decided on other
    grounds keeps the paragraph.
    """
    if withdrawal:
        return ""
    return _remedy("告知", reconsideration_first(outcome, overrides), reconsideration_organ, court)


# 条例第五十一条 (and 第四十七条): the complaint route beside reconsideration and suit.
COMPLAINT_ROUTE = (
    "公民、法人或者其他组织认为行政机关在政府信息公开工作中侵犯其合法权益的，"
    "可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报（条例第五十一条）。"
)


# 行政复议法（2023修订）第二十三条第一款第（三）项 with 第十一条: no answer in time is a failure to act,
# also reconsideration first (legal-review.md B1, "by item (三) also 逾期不答复").
RECONSIDERATION_FIRST_ON_SILENCE = (
    "行政机关逾期未作出答复的，申请人应当先申请行政复议（《中华人民共和国行政复议法》第二十三条第一款第（三）项）。"
)


def public_remedies(reconsideration_organ: str, court: str, overrides: dict | None = None) -> list[dict]:
    """The remedies as the public guide states them (legal-review.md B13), from the same clauses as
    the letters: one entry per wording, each with the outcomes it applies to.

    Returns ``[{"first": bool, "outcomes": [Outcome…], "text": str}, …]`` (reconsideration first
    before direct suit; an empty group is left out).
    """
    out = []
    for first in (True, False):
        leaves = [o for o in LEAVES if reconsideration_first(o, overrides) is first]
        if leaves:
            out.append({"first": first, "outcomes": leaves, "text": _remedy("答复", first, reconsideration_organ, court)})
    return out


def suggest_outcome(items: list[str]) -> str | None:
    """Suggest one reportable leaf code for an application from its per-item leaf codes.

    Domain 4.2 (project convention; configurable): all items disclosed → ``'1'``; some
    information provided (``'1'``/``'2'``) and some not, or any item partly disclosed →
    ``'2'``; nothing provided → the common code if all items agree, else ``None`` (the
    handler must choose).
    """
    codes = [by_code(c).code for c in items]
    if not codes:
        return None
    provided = [c in PROVIDED_CODES for c in codes]
    if all(c == "1" for c in codes):
        return "1"
    if any(provided):
        return "2"
    first = codes[0]
    return first if all(c == first for c in codes) else None
