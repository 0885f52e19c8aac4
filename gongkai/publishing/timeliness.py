"""Each publication checked against its catalogue item's time limit (issue 17), for the inspection
dashboard's 「逾期事项（按责任主体）」.

- A document filed in a column whose rule is a period (or 实时公开) is due at
  ``law.time_limits.due(rule, formed_on)``: published later it is 逾期公开, not published by then
  逾期未公开 (law.inspection.publication_timeliness). The event date is the document's 信息形成（变更）
  日期; for 登记编号之日起… it is the date recorded there too (the form says so).
- A column whose rule is 一次性公开并动态调整 is checked for staleness instead
  (law.inspection.once_dynamic_status).
- An interpretation is 与所解读文件同步公开 (domain 6.5): published on a later China day than the
  earliest of its published documents, it is flagged. Its unit is its document's column's owner
  (谁起草、谁解读).
- A column whose 时限要求 was not recognised is listed for the admin (无法识别的时限要求).

Publications of the last year are checked (``WINDOW_DAYS``), at most ``MAX_DOCUMENTS`` of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Q
from django.utils import timezone

from gongkai.holidays.services import current_calendar
from gongkai.law import inspection
from gongkai.law import time_limits as tl
from gongkai.law.calendar import CalendarMissing

from .models import (
    CatalogueNode,
    DisclosureAttribute,
    DocStatus,
    Document,
    Interpretation,
    StandardCatalogueItem,
)
from .owners import ColumnRule, column_rules

WINDOW_DAYS = 366
MAX_DOCUMENTS = 5000
SHOWN = 200  # details listed on the page; the counts per unit cover all
NO_OWNER = "未指定责任主体"
LATE_INTERPRETATION = "late_interpretation"
STALE = "stale"
KIND_LABELS = {**inspection.TIMELINESS_LABELS, LATE_INTERPRETATION: "解读晚于文件", STALE: "未动态调整"}


@dataclass
class Finding:
    kind: str
    unit: str
    agency: str
    title: str
    column: str
    rule: str
    due: dt.date | None = None
    done_on: dt.date | None = None
    document_id: int | None = None
    provisional: bool = False

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


def _day(value: dt.datetime | None) -> dt.date | None:
    return timezone.localtime(value).date() if value else None


def _unit(cr: ColumnRule | None, agency_name: str) -> str:
    return f"{agency_name} · {cr.owner.name}" if cr and cr.owner else f"{agency_name} · {NO_OWNER}"


def _document_findings(rules: dict[int, ColumnRule], today: dt.date) -> list[Finding]:
    checked = {pk: cr for pk, cr in rules.items() if cr.rule and cr.rule.kind in (tl.PERIOD, tl.REALTIME)}
    if not checked:
        return []
    since = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=WINDOW_DAYS), dt.time()))
    docs = (Document.objects.filter(columns__in=list(checked), formed_on__isnull=False,
                                    disclosure_attribute=DisclosureAttribute.PROACTIVE)
            .exclude(status=DocStatus.WITHDRAWN).filter(Q(published_at__gte=since) | Q(published_at__isnull=True))
            .select_related("agency").prefetch_related("columns").distinct().order_by("-id")[:MAX_DOCUMENTS])
    calendar = current_calendar()
    found = []
    for doc in docs:
        published_on = _day(doc.published_at) if doc.status == DocStatus.PUBLISHED else None
        best = None
        for col in doc.columns.all():
            if col.pk not in checked:
                continue
            cal = calendar.tracking()
            try:
                due = tl.due(checked[col.pk].rule, doc.formed_on, cal)
            except CalendarMissing:
                continue
            if best is None or due < best[0]:
                best = (due, col, bool(cal.touched))
        if best is None:
            continue
        due, col, provisional = best
        kind = inspection.publication_timeliness(due, published_on, today)
        if kind in (inspection.LATE, inspection.OVERDUE):
            cr = checked[col.pk]
            found.append(Finding(kind, _unit(cr, doc.agency.name), doc.agency.name, doc.title, col.title,
                                 cr.rule.label, due, published_on, doc.pk, provisional))
    return found


def _interpretation_findings(agency_ids, rules: dict[int, ColumnRule], today: dt.date) -> list[Finding]:
    since = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=WINDOW_DAYS), dt.time()))
    interps = (Interpretation.objects.filter(agency_id__in=agency_ids, published_at__gte=since)
               .select_related("agency").prefetch_related("documents__columns"))
    found = []
    for interp in interps:
        docs = [d for d in interp.documents.all() if d.status == DocStatus.PUBLISHED and d.published_at]
        if not docs:
            continue
        doc = min(docs, key=lambda d: d.published_at)
        doc_day, interp_day = _day(doc.published_at), _day(interp.published_at)
        if interp_day <= doc_day:  # 同步: the same China day is on time
            continue
        owned = [rules.get(c.pk) for c in doc.columns.all() if rules.get(c.pk) and rules[c.pk].owner]
        found.append(Finding(LATE_INTERPRETATION, _unit(owned[0] if owned else None, interp.agency.name),
                             interp.agency.name, interp.title, doc.title, "与所解读文件同步公开", doc_day, interp_day,
                             doc.pk))
    return found


def _stale_findings(rules: dict[int, ColumnRule], today: dt.date) -> list[Finding]:
    once = [pk for pk, cr in rules.items() if cr.rule and cr.rule.kind == tl.ONCE_DYNAMIC]
    public = Q(documents__status=DocStatus.PUBLISHED, documents__disclosure_attribute=DisclosureAttribute.PROACTIVE)
    columns = (CatalogueNode.objects.filter(pk__in=once).select_related("agency")
               .annotate(n=Count("documents", filter=public), latest=Max("documents__published_at", filter=public)))
    found = []
    for col in columns:
        if col.children.exists():
            continue  # a parent column's rule is checked on its leaves
        status = inspection.once_dynamic_status(col.n, _day(col.latest), today)
        if status != inspection.OK:
            cr = rules[col.pk]
            found.append(Finding(STALE, _unit(cr, col.agency.name), col.agency.name,
                                 "尚无公开信息" if status == inspection.EMPTY else "超过一年未调整", col.title,
                                 cr.rule.label, done_on=_day(col.latest)))
    return found


def dashboard(agency_ids, today: dt.date) -> dict:
    """The 「逾期事项（按责任主体）」 section: findings, counts per unit, unrecognised time limits."""
    rules = column_rules(agency_ids)
    findings = (_document_findings(rules, today) + _interpretation_findings(agency_ids, rules, today)
                + _stale_findings(rules, today))
    kinds = [inspection.LATE, inspection.OVERDUE, LATE_INTERPRETATION, STALE]
    units = [(unit, [counts.get(k, 0) for k in kinds], total)
             for unit, counts, total in inspection.by_unit((f.unit, f.kind) for f in findings)]
    rank = {unit: i for i, (unit, _c, _t) in enumerate(units)}
    findings.sort(key=lambda f: (rank[f.unit], kinds.index(f.kind), f.due or dt.date.min))
    unknown_columns = CatalogueNode.objects.filter(agency_id__in=agency_ids, time_rule__kind=tl.UNKNOWN)
    unknown_items = StandardCatalogueItem.objects.filter(agency_id__in=agency_ids, time_rule__kind=tl.UNKNOWN)
    unknown = [(f"{c.agency.name} › {c.title}", c.time_limit) for c in unknown_columns.select_related("agency")]
    unknown += [(f"{i.agency.name} › 标准目录 {i.l1} {i.l2}".strip(), i.time_limit)
                for i in unknown_items.select_related("agency")[:200]]
    return {"findings": findings[:SHOWN], "more": max(0, len(findings) - SHOWN), "units": units, "kinds": [KIND_LABELS[k] for k in kinds],
            "unknown": unknown}
