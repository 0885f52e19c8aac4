"""The statutory contents of a report's text (legal-review.md B16), checked on every save beside the
tables and shown before approval as warnings (never blocking: the text is the organ's):

- a government's report (各级人民政府: 条例第五十条第（四）项) states the results of 工作考核、社会评议和
  责任追究 under 一、总体情况, in its 监督保障 part (国办公开办函〔2021〕30号 places it there);
- the 信息处理费 sentence of 六、其他需要报告的事项 agrees with the fee records of the year: fees paid in
  the year (the amount of each paid fee notice) against a sentence saying 未收取 or another amount.

``assessment_findings`` and ``fee_findings`` read only text and numbers; ``fees_of_year`` reads the
records and ``content_findings`` puts them together for :func:`building.build`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from gongkai.law.reconciliation import WARNING, Finding

RULE = "statutory_contents"  # shown as 法定内容 (render.APP_RULE_LABELS)

ASSESSMENT = "工作考核、社会评议和责任追究结果情况"
ASSESSMENT_WORDS = ("工作考核", "社会评议", "责任追究")
OVERVIEW, OTHER = "overview", "other_matters"

# Sentences are cut with one linear split; the patterns below run on one sentence of at most
# _LONGEST characters (no pattern scans the whole text from every position).
_TERMINATORS = re.compile(r"[。；;！!\n]")
_FEE_WORDS = ("信息处理费", "收取费用", "收取任何费用")  # not "收费" alone: 行政事业性收费 is table 二's
_LONGEST = 400
_NONE = re.compile(r"未(?:收取|收|产生)|没有收取|不收取|无收费|均未|零收费|免费")
_AMOUNT = re.compile(r"(\d{1,12}(?:\.\d{1,4})?)\s{0,2}(万元|元)")
_COUNT = re.compile(r"(\d{1,9})\s{0,2}(?:件|宗|笔|次)")


def is_government(agency) -> bool:
    """各级人民政府: a government organ, or a township government (not a 街道办事处)."""
    from gongkai.agencies.models import Agency

    return agency.kind == Agency.GOVERNMENT or (agency.kind == Agency.TOWNSHIP and agency.name.endswith("人民政府"))


def _mentions_assessment(text: str) -> bool:
    return all(word in (text or "") for word in ASSESSMENT_WORDS)


def assessment_findings(narrative: dict, government: bool) -> list[Finding]:
    """条例第五十条第（四）项: a government's report states the results of assessment, social evaluation
    and accountability, under 一、总体情况 (监督保障)."""
    if not government or _mentions_assessment(narrative.get(OVERVIEW, "")):
        return []
    where = ("；正文将其写在“六、其他需要报告的事项”中，应移至“一、总体情况”的监督保障部分"
             if _mentions_assessment(narrative.get(OTHER, "")) else "")
    return [Finding(RULE, WARNING,
                    f"人民政府的年度报告应在“一、总体情况”的监督保障部分报告“{ASSESSMENT}”"
                    f"（条例第五十条第（四）项、国办公开办函〔2021〕30号）{where}")]


@dataclass(frozen=True)
class Fees:
    count: int  # applications whose fee was paid in the year
    total: Decimal  # 元

    def sentence(self) -> str:
        if not self.count:
            return "本年度未收取信息处理费。"
        return f"本年度对{self.count}件申请收取信息处理费，合计{_yuan(self.total)}元。"


def _yuan(amount: Decimal) -> str:
    text = f"{amount:.2f}"
    return text[:-3] if text.endswith(".00") else text


def _stated_amount(sentence: str) -> Decimal | None:
    found = _AMOUNT.search(sentence)
    if not found:
        return None
    value = Decimal(found.group(1))
    return value * 10000 if found.group(2) == "万元" else value


def fee_findings(other_text: str, fees: Fees) -> list[Finding]:
    """The fee sentence of section 六 against the fee records (the suggested sentence in each message)."""
    sentences = [s.strip()[:_LONGEST] for s in _TERMINATORS.split(other_text or "")
                 if any(word in s for word in _FEE_WORDS)]
    suggestion = f"系统按收费记录生成的表述：“{fees.sentence()}”"
    basis = "（条例第四十二条，国办函〔2020〕109号）"
    if not sentences:
        if fees.count:
            return [Finding(RULE, WARNING, f"本年度有{fees.count}件申请缴纳了信息处理费（合计{_yuan(fees.total)}元），"
                                           f"“六、其他需要报告的事项”未报告收费情况{basis}；{suggestion}")]
        return []  # nothing collected, nothing said: usual practice states it (domain.md 5.8), not required
    problems = []
    for s in sentences:
        stated = _stated_amount(s)
        if _NONE.search(s) and stated is None:
            if fees.count:
                problems.append(f"正文称“{s.strip()}”，但收费记录显示本年度有{fees.count}件申请缴费，"
                                f"合计{_yuan(fees.total)}元")
            continue
        if stated is not None and stated != fees.total:
            problems.append(f"正文所述收费金额（{_yuan(stated)}元）与收费记录（{_yuan(fees.total)}元）不一致")
            continue
        count = _COUNT.search(s)
        if stated is not None and count and int(count.group(1)) != fees.count:
            problems.append(f"正文所述缴费件数（{count.group(1)}件）与收费记录（{fees.count}件）不一致")
    return [Finding(RULE, WARNING, f"信息处理费：{p}{basis}；{suggestion}") for p in problems]


def fees_of_year(agency_ids, year: int) -> Fees:
    """Fees paid in ``year`` to these organs: each paid application's fee notice amount (元)."""
    from gongkai.applications.models import EventKind, TimelineEvent

    paid = TimelineEvent.objects.filter(
        kind=EventKind.FEE_PAID, application__agency_id__in=list(agency_ids), occurred_on__year=year,
        superseded_by__isnull=True,
    ).values_list("application_id", flat=True)
    notices = TimelineEvent.objects.filter(
        kind=EventKind.FEE_NOTICE_SENT, application_id__in=list(paid), superseded_by__isnull=True,
    ).values_list("application_id", "data")
    amounts: dict[int, Decimal] = {}
    for app_id, data in notices:
        try:
            amounts[app_id] = Decimal(str((data or {}).get("amount", 0)))
        except InvalidOperation:
            amounts[app_id] = Decimal(0)
    return Fees(len(amounts), sum(amounts.values(), Decimal(0)))


def content_findings(report, narrative: dict, agency_ids) -> list[Finding]:
    """Both checks for one report (its rendered narrative; the organs it covers)."""
    from .models import Scope

    # The government's own report; a roll-up of its subtree is an aggregate table set (domain.md 5.1).
    findings = assessment_findings(narrative, report.scope == Scope.ORGAN and is_government(report.agency))
    findings += fee_findings(narrative.get(OTHER, ""), fees_of_year(agency_ids, report.year))
    # 人大代表建议和政协提案办理结果公开情况 (domain.md 5.8): the figures of the proposals app.
    from gongkai.proposals import reporting as proposals

    findings += proposals.findings(narrative.get(OTHER, ""), proposals.counts_of_year(agency_ids, report.year))
    return findings
