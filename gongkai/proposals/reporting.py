"""The proposals' figures of one year for the annual report's section 六 (domain.md 5.8:
人大代表建议和政协提案办理结果公开情况), generated from the records, never typed: proposals assigned in
the year to the report's organs as lead organ, of them answered (办结), answered by the due day (按时
办结) and with the result published (公开办理结果). ``reports/contents.py`` compares them with the text."""

from __future__ import annotations

import re

from django.db.models import Count, F, Q

from gongkai.law import proposals as rule
from gongkai.law.reconciliation import WARNING, Finding

from . import access
from .models import Proposal

SUBHEADING = "人大代表建议和政协提案办理结果公开情况"
_WORDS = ("建议", "提案")
_TERMINATORS = re.compile(r"[。；;！!\n]")
_NUMBER = re.compile(r"(?:人大代表建议|代表建议|建议)(\d{1,6})\s{0,2}件|(?:政协委员提案|委员提案|提案)(\d{1,6})\s{0,2}件")
RULE = "statutory_contents"  # shown with the other 法定内容 warnings (reports/contents.py)


def counts_of_year(agency_ids, year: int) -> rule.YearCounts:
    rows = Proposal.objects.filter(lead_id__in=list(agency_ids), year=year)
    published = set(access.public_results().filter(pk__in=rows.values("pk")).values_list("pk", flat=True))
    agg = rows.aggregate(
        deputy=Count("id", filter=Q(kind=rule.DEPUTY)), member=Count("id", filter=Q(kind=rule.MEMBER)),
        answered=Count("id", filter=Q(status__in=rule.ANSWERED_STATES)),
        on_time=Count("id", filter=Q(status__in=rule.ANSWERED_STATES, answered_on__lte=F("due_on"))),
    )
    return rule.YearCounts(published=len(published), **agg)


def findings(other_text: str, counts: rule.YearCounts) -> list[Finding]:
    """Section 六 against the records: the proposals not reported, or reported with other numbers
    (warnings, with the generated sentence to copy)."""
    if not counts.total:
        return []
    suggestion = f"系统按建议提案办理记录生成的表述：“{counts.sentence()}”"
    sentences = [s[:400] for s in _TERMINATORS.split(other_text or "") if any(w in s for w in _WORDS)]
    if not sentences:
        return [Finding(RULE, WARNING, f"本年度承办建议提案{counts.total}件，“六、其他需要报告的事项”未报告"
                                       f"{SUBHEADING}；{suggestion}")]
    problems = []
    for s in sentences:
        for m in _NUMBER.finditer(s):
            deputy, member = m.group(1), m.group(2)
            if deputy is not None and int(deputy) != counts.deputy:
                problems.append(f"正文所述人大代表建议件数（{deputy}件）与办理记录（{counts.deputy}件）不一致")
            if member is not None and int(member) != counts.member:
                problems.append(f"正文所述政协委员提案件数（{member}件）与办理记录（{counts.member}件）不一致")
    return [Finding(RULE, WARNING, f"{SUBHEADING}：{p}；{suggestion}") for p in problems]
