"""Demo annual reports for the 示例市 demo world (called by ``load_demo`` after the applications and
documents demos).

- **2024** (before go-live on 2025-01-02): every organ published its report outside the platform.
  Its figures are entered as past-year figures (:func:`services.enter_past_report`), so that R5
  (上年结转 = last year's 结转下年度) and the year-over-year chart have a previous year, and the same
  report is published as a document in the organ's 政府信息公开年报 column: the full text with the
  six sections and tables 二, 三 and 四 of the 2021 format as tab-separated lines (as copied from a
  web page). 结转下年度 is 0 in every column: the platform started with no open applications.
  Two real-world errors are made on purpose, for the supervisor's audit to find: in
  示例市住房和城乡建设局's report the row （一）予以公开 has 0 in every applicant column but a non-zero
  总计 (R2 and R3 fail, as in 聊城市行政审批服务局's 2021 report, domain 5.10); in 示例县人民政府's the
  narrative says it received more applications than table 三's 一、本年新收 (text_vs_table). The
  past figures are the tables as published, error included (the numbers are never "fixed").
- **2025**: every organ compiles its report on the platform through :mod:`gongkai.reports.services`
  (create, manual figures of table 二 with their source, narrative, review, approval, publication),
  acted by the demo staff: departments publish between 15 and 30 January 2026 and governments in
  March, except 示例市生态环境局 (published late, 3 February) and 示例市市场监督管理局 (approved after a
  second look and published late, 10 February): every organ has its 2024 and 2025 reports published
  (issue 15), and the dashboard shows two late organs. The supervisor starts the city's
  2025 roll-up (汇总) over the subtree and leaves it as a draft.

The services stamp "now" on events, timestamps and snapshots; like the applications demo, the
timestamps are then back-dated to the day of each act (the published date is the service's own
``on``). Steps dated after today are not performed. Deterministic (random.Random(2024)) and
idempotent: nothing happens when the city government already has report data.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.applications.models import EventKind, TimelineEvent
from gongkai.core.maintenance import maintenance
from gongkai.demo.publishing import publish_document
from gongkai.law import report_format as rf
from gongkai.law import today as law_today
from gongkai.publishing.models import CatalogueNode, DocType
from gongkai.reports import compute, services
from gongkai.reports.models import (
    AnnualReport,
    ManualFigure,
    PastReport,
    ReportEvent,
    ReportSnapshot,
    ReportStatus,
    Scope,
)
from gongkai.reports.narrative import OUTCOME_GROUPS, percent, propose_overview

from .report_data import (
    CODES,
    COLUMNS,
    DEPARTMENT_TEXT,
    FORMAT,
    GOVERNMENT_TEXT,
    MANUAL,
    MANUAL_CELLS,
    MARKER_AGENCY,
    PAST,
    PAST_SOURCE_NOTE,
    PAST_YEAR,
    PROFILES,
    ROLLUP_CREATED,
    SCHEDULE,
    SUBJECT,
    YEAR,
)

# -- helpers ------------------------------------------------------------------------------------


def _number(value) -> str:
    if isinstance(value, Decimal):
        text = format(value.quantize(Decimal("0.01")), "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)


def _cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _row(values) -> dict:
    return {**dict(zip(COLUMNS, values, strict=True)), rf.TOTAL: sum(values)}


def past_tables(code: str, agency: Agency) -> tuple[dict, dict]:
    """(true tables, tables as published) of an organ's 2024 report."""
    spec = PAST[code]
    schema = rf.schema_for(FORMAT)
    apps = schema.applications
    rows = {r.code: [0] * len(COLUMNS) for r in apps.rows}
    for row, values in spec["outcomes"].items():
        rows[row] = list(values)
    rows["carried_in"] = list(spec["carried_in"])
    rows["processed_total"] = [sum(rows[r.code][i] for r in apps.leaf_rows) for i in range(len(COLUMNS))]
    rows["carried_out"] = [0] * len(COLUMNS)  # the platform started with no open applications
    rows["new"] = [
        done - carried for done, carried in zip(rows["processed_total"], rows["carried_in"], strict=True)
    ]
    if min(rows["new"]) < 0:
        raise ValueError(f"演示数据错误：{code} 的本年新收为负数")

    docs = compute.compute_documents([agency.pk], PAST_YEAR, FORMAT)
    licensing, penalties, enforcement, fees = spec["manual"]
    proactive = {
        "rules": dict(docs["rules"]),
        "normative_documents": dict(docs["normative_documents"]),
        "licensing": {"decisions": licensing},
        "penalties": {"decisions": penalties},
        "enforcement": {"decisions": enforcement},
        "fees": {"amount_10k_yuan": fees},
    }
    review = {}
    for row, parts in spec["review"].items():
        review[row] = {
            **dict(zip(("upheld", "corrected", "other", "pending"), parts, strict=True)),
            rf.TOTAL: sum(parts),
        }
    true = {
        rf.TABLE_PROACTIVE: proactive,
        rf.TABLE_APPLICATIONS: {row: _row(values) for row, values in rows.items()},
        rf.TABLE_REVIEW_LITIGATION: review,
    }
    published = {t: {r: dict(c) for r, c in rows_.items()} for t, rows_ in true.items()}
    if spec.get("error") == "disclosed_total_only":
        disclosed = published[rf.TABLE_APPLICATIONS]["disclosed"]
        published[rf.TABLE_APPLICATIONS]["disclosed"] = {
            **dict.fromkeys(COLUMNS, 0),
            rf.TOTAL: disclosed[rf.TOTAL],
        }
    return true, published


def _tables_text(tables: dict) -> dict[str, list[str]]:
    """Tables 二, 三 and 四 as tab-separated lines with the official labels (a web page copied as text)."""
    schema = rf.schema_for(FORMAT)
    proactive = schema.proactive
    two = []
    for sub in proactive.subtables:
        two.append(sub.caption)
        two.append("\t".join(["信息内容", *(proactive.column(c).label for c in sub.columns)]))
        for row in sub.rows:
            values = tables[rf.TABLE_PROACTIVE][row]
            two.append("\t".join([proactive.row(row).label, *(_number(values[c]) for c in sub.columns)]))
    apps = schema.applications
    three = [
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况",
        "自然人\t法人或其他组织\t总计",
        "商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他",
    ]
    # Merged label cells copied from a web page: a group's label stands before its first row only.
    first_of = {g.rows[0]: g.label for g in apps.groups}
    for row in apps.rows:
        values = tables[rf.TABLE_APPLICATIONS][row.code]
        labels = [first_of[row.code], row.label] if row.code in first_of else [row.label]
        three.append("\t".join([*labels, *(_number(values[c]) for c in apps.column_codes)]))
    review = schema.review_litigation
    four = [
        "行政复议\t行政诉讼",
        "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉",
        "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
        "\t".join(
            _number(tables[rf.TABLE_REVIEW_LITIGATION][row.code][c])
            for row in review.rows
            for c in review.column_codes
        ),
    ]
    return {"proactive": two, "applications": three, "review_litigation": four}


def _organ_text(code: str, key: str, year: int) -> str:
    if code in GOVERNMENT_TEXT:
        return GOVERNMENT_TEXT[code][key][year]
    return DEPARTMENT_TEXT[key][year]


def _past_narrative(code: str, agency: Agency, tables: dict) -> dict[str, str]:
    """Sections 一, 五 and 六 of the 2024 report (the figures quoted are table 三's, except in
    示例县人民政府's report, which counts the carried-over applications as received)."""
    profile = PROFILES[code]
    short = profile["short"]
    facts = services.overview_facts(
        AnnualReport(agency=agency, year=PAST_YEAR, scope=Scope.ORGAN, format_version=FORMAT)
    )
    interpretations = sum(facts["interpretations"].values())
    apps = tables[rf.TABLE_APPLICATIONS]
    total = {row: apps[row][rf.TOTAL] for row in apps}
    processed = total["processed_total"]

    schema = rf.schema_for(FORMAT).applications

    def group(code_: str) -> int:
        rows = [r.code for r in schema.rows if r.code == code_ or r.group == code_]
        return sum(total[r] for r in rows)

    proactive = (
        f"（一）主动公开。{PAST_YEAR}年，{short}在政府信息公开专栏主动公开政府信息{facts['published']}条，"
        f"{profile['focus']}发布政策解读{interpretations}篇。"
    )
    if PAST[code].get("error") == "narrative_counts_carried_in":
        received = (
            f"（二）依申请公开。{PAST_YEAR}年，{short}共收到政府信息公开申请{total['new'] + total['carried_in']}件，"
            f"办结{processed}件，结转下年度继续办理{total['carried_out']}件。"
        )
    else:
        received = (
            f"（二）依申请公开。{PAST_YEAR}年，{short}新收政府信息公开申请{total['new']}件，"
            f"上年结转{total['carried_in']}件，办结{processed}件，"
            f"结转下年度继续办理{total['carried_out']}件。"
        )
    shares = []
    for group_code, label in OUTCOME_GROUPS:
        n = group(group_code)
        shares.append(f"{label}{n}件，占{percent(n, processed)}")
    received += "办理结果中，" + "；".join(shares) + "。"
    review = tables[rf.TABLE_REVIEW_LITIGATION]
    received += (
        f"因政府信息公开被申请行政复议{review['review'][rf.TOTAL]}件，均已审结；"
        f"被提起行政诉讼{review['suit_direct'][rf.TOTAL] + review['suit_after_review'][rf.TOTAL]}件。"
    )
    overview = "\n".join(
        [
            profile["intro"][PAST_YEAR],
            proactive,
            received,
            "（三）政府信息管理。" + _organ_text(code, "management", PAST_YEAR),
            "（四）平台建设。" + _organ_text(code, "platform", PAST_YEAR),
            "（五）监督保障。" + _organ_text(code, "supervision", PAST_YEAR) + _assessment(code, PAST_YEAR),
        ]
    )
    other = [
        f"（一）收取信息处理费情况。{PAST_YEAR}年，{short}未收取政府信息公开信息处理费。",
        "（二）落实上级年度政务公开工作要点情况。" + profile["work_points"][PAST_YEAR],
        "（三）人大代表建议和政协提案办理结果公开情况。" + profile["proposals"][PAST_YEAR],
        "（四）政务公开工作创新情况。" + profile["innovation"][PAST_YEAR],
    ]
    return {
        "overview": overview,
        "proactive": "",
        "applications": "",
        "review_litigation": "",
        "problems": profile["problems"][PAST_YEAR],
        "other_matters": "\n".join(other),
    }


def _assessment(code: str, year: int) -> str:
    """A government's 工作考核、社会评议和责任追究结果情况 (条例第五十条第（四）项), which 国办公开办函〔2021〕30号
    places in 一、总体情况 under 监督保障 (legal-review.md B16)."""
    if code not in GOVERNMENT_TEXT:
        return ""
    return "工作考核、社会评议和责任追究结果情况：" + GOVERNMENT_TEXT[code]["assessment"][year]


def report_body(agency: Agency, year: int, tables: dict, text: dict[str, str], dated: dt.date) -> str:
    """The full text of a published report: title, the six sections with tables 二, 三, 四, signature."""
    lines = [f"{agency.name}{year}年政府信息公开工作年度报告"]
    if agency.kind == Agency.GOVERNMENT:
        lead = (
            f"本报告根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发"
            f"〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制，"
            f"由{agency.office_name or agency.name}负责编制。"
        )
    else:
        lead = (
            "本报告根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发"
            "〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。"
        )
    lines.append(
        lead + f"报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
        f"如对本报告有疑问，请与{agency.office_name or agency.name}联系"
        + (f"（电话：{agency.office_phone}）" if agency.office_phone else "")
        + "。"
    )
    grids = _tables_text(tables)
    for key, title in rf.SECTIONS:
        lines.append(title)
        if key in grids:
            lines.extend(grids[key])
        else:
            lines.extend(p for p in (text.get(key) or "无。").split("\n") if p.strip())
    lines += [agency.name, _cn_date(dated)]
    return "\n".join(lines)


def _fees(agency: Agency, year: int) -> tuple[int, int]:
    """(applications, yuan) of 信息处理费 paid to the organ in the year, from the fee records."""
    count = amount = 0
    paid = TimelineEvent.objects.filter(
        application__agency=agency,
        kind=EventKind.FEE_PAID,
        occurred_on__year=year,
        superseded_by__isnull=True,
    )
    for event in paid.select_related("application"):
        notice = (
            TimelineEvent.objects.filter(
                application=event.application,
                kind=EventKind.FEE_NOTICE_SENT,
                occurred_on__lte=event.occurred_on,
            )
            .order_by("-occurred_on", "-id")
            .first()
        )
        if notice is not None:
            count += 1
            amount += int(notice.data.get("amount") or 0)
    return count, amount


def _narrative(code: str, report: AnnualReport) -> dict[str, str]:
    """The sections of the 2025 report: typed prose around the figures the platform generates
    (tokens replaced by the frozen values at approval)."""
    profile = PROFILES[code]
    short = profile["short"]
    agency = report.agency
    overview = "\n\n".join(
        [
            profile["intro"][YEAR],
            propose_overview(services.overview_facts(report)),
            "（四）政府信息管理。" + _organ_text(code, "management", YEAR),
            "（五）平台建设。" + _organ_text(code, "platform", YEAR),
            "（六）监督保障。" + _organ_text(code, "supervision", YEAR) + _assessment(code, YEAR),
        ]
    )
    paid, yuan = _fees(agency, YEAR)
    if paid:
        fees = (
            f"{YEAR}年，{short}依照《政府信息公开信息处理费管理办法》收取信息处理费{yuan}元"
            f"（涉及申请{paid}件），收费标准和计算过程已在收费通知中列明。"
        )
    else:
        fees = f"{YEAR}年，{short}未收取政府信息公开信息处理费。"
    other = [
        "（一）收取信息处理费情况。" + fees,
        "（二）落实上级年度政务公开工作要点情况。" + profile["work_points"][YEAR],
        "（三）人大代表建议和政协提案办理结果公开情况。" + profile["proposals"][YEAR],
        "（四）政务公开工作创新情况。" + profile["innovation"][YEAR],
    ]
    return {"overview": overview, "problems": profile["problems"][YEAR], "other_matters": "\n".join(other)}


class _Stamper:
    """Back-dates what a service stamped "now" to the day of the act."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def at(self, day: dt.date, first_hour: int = 9, last_hour: int = 16) -> dt.datetime:
        when = timezone.make_aware(
            dt.datetime.combine(
                day,
                dt.time(self.rng.randint(first_hour, last_hour), self.rng.choice((5, 15, 20, 30, 40, 50))),
            )
        )
        return min(when, law_today.now())  # an act of today is never stamped later than now

    @staticmethod
    def mark() -> int:
        return ReportEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    @staticmethod
    def stamp(report: AnnualReport, since: int, when: dt.datetime, **fields) -> None:
        with maintenance("演示数据", who="demo.reports"):  # back-dating history: the one named switch
            ReportEvent.objects.filter(report=report, pk__gt=since).update(at=when)
        AnnualReport.objects.filter(pk=report.pk).update(updated_at=when, checked_at=when, **fields)


# -- the load -----------------------------------------------------------------------------------


def demo_exists() -> bool:
    return (
        PastReport.objects.filter(agency__code=MARKER_AGENCY, year=PAST_YEAR).exists()
        or AnnualReport.objects.filter(agency__code=MARKER_AGENCY).exists()
    )


def _annual_reports_column(agency: Agency) -> CatalogueNode:
    node = CatalogueNode.objects.filter(
        agency=agency, section=CatalogueNode.ANNUAL_REPORTS, parent=None
    ).first()
    if node is None:
        node = CatalogueNode.objects.create(
            agency=agency, section=CatalogueNode.ANNUAL_REPORTS, title="政府信息公开年报", position=4
        )
    return node


def load_past(agency: Agency, handler, stamper: _Stamper, today: dt.date) -> tuple[PastReport, object] | None:
    """The organ's 2024 report: the document in its 年报 column and the figures as past-year figures."""
    code = agency.code
    published_on = PAST[code]["published"]
    if published_on > today:
        return None
    true, published = past_tables(code, agency)
    text = _past_narrative(code, agency, true)
    title = f"{agency.name}{PAST_YEAR}年政府信息公开工作年度报告"
    doc = publish_document(
        agency,
        title=title,
        body=report_body(agency, PAST_YEAR, published, text, published_on),
        published_at=stamper.at(published_on, 9, 11),
        doc_type=DocType.REPORT,
        subject=SUBJECT,
        keywords="政府信息公开年报",
        signed_on=published_on,
        summary=f"{agency.name}{PAST_YEAR}年政府信息公开工作总体情况、主动公开、依申请公开、行政复议和行政诉讼、"
        "存在的主要问题及改进情况等。",
        columns=[_annual_reports_column(agency)],
    )
    past = services.enter_past_report(
        agency,
        PAST_YEAR,
        published,
        handler,
        source_note=PAST_SOURCE_NOTE,
        format_version=FORMAT,
        narrative_text=text,
    )
    PastReport.objects.filter(pk=past.pk).update(created_at=stamper.at(published_on, 14, 17))
    return past, doc


def compile_report(
    agency: Agency, handler, reviewer, stamper: _Stamper, today: dt.date
) -> AnnualReport | None:
    """The organ's 2025 report through the services, each act on its day (none after today)."""
    code = agency.code
    created, figures, text, reviewed, approved, published = SCHEDULE[code]
    if created > today:
        return None
    since, when = stamper.mark(), stamper.at(created)
    report = services.create_report(agency, YEAR, handler)
    stamper.stamp(report, since, when, created_at=when)

    if figures <= today:
        licensing, penalties, enforcement, fees, source = MANUAL[code]
        since, when = stamper.mark(), stamper.at(figures)
        rows = list(zip(MANUAL_CELLS, (licensing, penalties, enforcement, fees), [source] * 4, strict=True))
        recorded = services.record_manual_figures(agency, YEAR, rows, handler)
        ManualFigure.objects.filter(pk__in=[f.pk for f in recorded]).update(created_at=when)
        stamper.stamp(report, since, when)
    if text <= today:
        since, when = stamper.mark(), stamper.at(text)
        services.save_narrative(report, handler, _narrative(code, report))
        stamper.stamp(report, since, when)
    if reviewed <= today:
        since, when = stamper.mark(), stamper.at(reviewed)
        services.mark_reviewed(report, handler, note="经办人自查：表格数据与平台记录一致，正文已按模板填写")
        stamper.stamp(report, since, when, reviewed_at=when)
    if approved and approved <= today:
        since, when = stamper.mark(), stamper.at(approved)
        snapshot = services.approve(report, reviewer, note="同意发布")
        ReportSnapshot.objects.filter(pk=snapshot.pk).update(frozen_at=when)
        stamper.stamp(report, since, when, approved_at=when)
    if published and published <= today:
        since, when = stamper.mark(), stamper.at(published, 9, 11)
        services.publish(report, reviewer, on=published)
        stamper.stamp(report, since, when, published_at=when)
    return AnnualReport.objects.get(pk=report.pk)


def load(stdout=None) -> dict | None:
    """Load the demo annual reports; None (and no change) if they are already there or the demo
    organs are missing."""
    if demo_exists():
        return None
    agencies = {a.code: a for a in Agency.objects.filter(code__in=CODES)}
    User = get_user_model()
    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=[f"{c}_{role}" for c in CODES for role in ("handler", "reviewer")] + ["supervisor"]
        )
    }
    if len(agencies) != len(CODES) or len(users) != 2 * len(CODES) + 1:
        return None
    started = time.monotonic()
    today = law_today.today()
    stamper = _Stamper(random.Random(2024))
    order = sorted(CODES, key=lambda c: agencies[c].path)
    past, documents, reports, rollups = [], [], [], []
    with transaction.atomic():
        for code in order:
            got = load_past(agencies[code], users[f"{code}_handler"], stamper, today)
            if got:
                past.append(got[0])
                documents.append(got[1])
        if today.year > YEAR:
            for code in sorted(CODES, key=lambda c: SCHEDULE[c][0]):
                report = compile_report(
                    agencies[code], users[f"{code}_handler"], users[f"{code}_reviewer"], stamper, today
                )
                if report is not None:
                    reports.append(report)
            if ROLLUP_CREATED <= today:
                since, when = stamper.mark(), stamper.at(ROLLUP_CREATED)
                rollup = services.create_report(
                    agencies[MARKER_AGENCY], YEAR, users["supervisor"], scope=Scope.ROLLUP
                )
                stamper.stamp(rollup, since, when, created_at=when)
                rollups.append(rollup)
        from gongkai.search import index

        for doc in documents:
            transaction.on_commit(lambda pk=doc.pk: index.update_document(pk))
    published = [r for r in reports if r.status == ReportStatus.PUBLISHED]
    return {
        "past_year": PAST_YEAR,
        "year": YEAR,
        "past_reports": len(past),
        "documents": len(documents),
        "reports": len(reports),
        "published": len(published),
        "late": [r.agency.name for r in published if services.is_late(r)],
        "unpublished": [
            f"{r.agency.name}（{r.get_status_display()}）"
            for r in reports
            if r.status != ReportStatus.PUBLISHED
        ],
        "rollups": len(rollups),
        "seconds": round(time.monotonic() - started, 1),
    }
