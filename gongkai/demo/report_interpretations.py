"""Demo 年报解读（图解） (issue 17 item 1): 示例市人民政府's 2024 and 2025 reports each with its published
解读, generated from frozen figures through :mod:`gongkai.reports.interpretations` by the city's demo
staff (the handler generates, the reviewer publishes):

- 2024 (published before the platform): from the entered past figures, linked to the report's
  document in the 政府信息公开年报 column, published two days after the report;
- 2025: from the approved report's snapshot, with the change against the 2024 figures, published
  three days after the report.

Called by ``load_demo`` after the report demo. Steps dated after today are not performed;
idempotent (nothing happens when the city already has a 解读).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.law import today as law_today
from gongkai.reports import interpretations
from gongkai.reports.models import AnnualReport, PastReport, ReportInterpretation, ReportStatus, Scope

CITY = "shi"
PAST_YEAR, YEAR = 2024, 2025


def _publish(ri, reviewer, after: dt.datetime | None, days: int) -> bool:
    if after is None:
        return False
    when = timezone.localtime(after).replace(hour=10, minute=30, second=0, microsecond=0) + dt.timedelta(days=days)
    if when > law_today.now():
        return False
    interpretations.publish(ri, reviewer, at=when)
    return True


@transaction.atomic
def load(stdout=None) -> dict | None:
    city = Agency.objects.filter(code=CITY).first()
    if city is None or ReportInterpretation.objects.filter(agency=city).exists():
        return None
    users = {u.username: u for u in get_user_model().objects.filter(username__in=[f"{CITY}_handler",
                                                                                 f"{CITY}_reviewer"])}
    if len(users) != 2:
        return None
    handler, reviewer = users[f"{CITY}_handler"], users[f"{CITY}_reviewer"]
    made, published = 0, 0
    past = PastReport.objects.filter(agency=city, year=PAST_YEAR, scope=Scope.ORGAN).order_by("-id").first()
    if past is not None:
        ri = interpretations.generate(handler, past=past)
        made += 1
        published += _publish(ri, reviewer, ri.document.published_at if ri.document else None, 2)
    report = AnnualReport.objects.filter(agency=city, year=YEAR, scope=Scope.ORGAN).first()
    if report is not None and report.snapshot is not None:
        ri = interpretations.generate(handler, report=report)
        made += 1
        if report.status == ReportStatus.PUBLISHED:
            published += _publish(ri, reviewer, report.published_at, 3)
    return {"interpretations": made, "published": published} if made else None
