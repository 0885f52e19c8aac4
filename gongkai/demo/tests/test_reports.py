"""The demo annual reports: 2024 reports published before go-live (past figures and documents in the
政府信息公开年报 column, with two deliberate real-world errors), 2025 reports compiled on the platform
(all six published, two of them late) and the city's roll-up draft."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.auditor.published import audit_published
from gongkai.auditor.services import audit_text
from gongkai.demo import reports as reports_demo
from gongkai.law import report_format as rf
from gongkai.law import today as law_today
from gongkai.publishing.models import CatalogueNode, DocStatus, Document
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

# The demo is built relative to today; pin today inside the built-in holiday data (2019–2026), as
# the applications demo test (test_applications.py) does.
TODAY = dt.date(2026, 11, 20)
CODES = ("shi", "zrzy", "zjj", "sthj", "scjg", "xian")
DEPARTMENTS = ("zrzy", "zjj", "sthj", "scjg")
D = dt.date


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """One load of the whole demo world for the module (it takes a while), rolled back at the end."""
    with law_today.pinned(TODAY), django_db_blocker.unblock():
        with transaction.atomic():
            out = io.StringIO()
            call_command("load_demo", stdout=out)
            yield out.getvalue()
            transaction.set_rollback(True)


@pytest.fixture
def world(loaded, db):
    return loaded


def organ_reports() -> dict[str, AnnualReport]:
    return {
        r.agency.code: r
        for r in AnnualReport.objects.filter(year=2025, scope=Scope.ORGAN).select_related("agency")
    }


def past_documents() -> dict[str, Document]:
    docs = Document.objects.filter(columns__section=CatalogueNode.ANNUAL_REPORTS, title__contains="2024年")
    out = {}
    for doc in docs.select_related("agency"):
        assert doc.agency.code not in out, doc.title
        out[doc.agency.code] = doc
    return out


def counts():
    return tuple(
        model.objects.count()
        for model in (AnnualReport, PastReport, ReportEvent, ReportSnapshot, ManualFigure, Document)
    )


def test_the_load_reports_its_summary_and_a_second_load_changes_nothing(world):
    assert "已载入年度报告演示数据" in world
    assert "逾期发布：示例市市场监督管理局、示例市生态环境局" in world and "未发布：无" in world
    before = counts()
    assert reports_demo.load() is None
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "演示数据已存在，未做更改" in out.getvalue()
    assert counts() == before


def test_2025_every_organ_published_four_on_time_and_two_late(world):
    reports = organ_reports()
    assert set(reports) == set(CODES)
    published = {code: r.published_on for code, r in reports.items() if r.status == ReportStatus.PUBLISHED}
    assert set(published) == set(CODES)  # issue 15: each organ's 2025 report is published
    for code in ("zrzy", "zjj"):
        assert D(2026, 1, 15) <= published[code] <= D(2026, 1, 30)
    assert published["sthj"] == D(2026, 2, 3) and published["scjg"] == D(2026, 2, 10)
    for code in ("shi", "xian"):
        assert D(2026, 3, 1) <= published[code] <= D(2026, 3, 31)
    assert {code for code in published if services.is_late(reports[code])} == {"sthj", "scjg"}

    # Compiled by each organ's demo staff, frozen without any failing check, R5 against 2024 holds.
    for code, report in reports.items():
        actors = {e.kind: e.actor.username for e in report.events.select_related("actor")}
        assert actors[ReportEvent.CREATED] == f"{code}_handler"
        assert actors[ReportEvent.REVIEWED] == f"{code}_handler"
        assert ManualFigure.objects.filter(agency=report.agency, year=2025).count() == 4
        assert (
            report.narrative["overview"]
            and report.narrative["problems"]
            and report.narrative["other_matters"]
        )
        if code in published:
            assert actors[ReportEvent.APPROVED] == actors[ReportEvent.PUBLISHED] == f"{code}_reviewer"
            snap = report.snapshot
            assert services.errors_of(snap.findings) == []
            assert not [
                f for f in snap.findings
                if f["rule"] in ("cross_year", "copy_paste", "text_vs_table", "statutory_contents")
            ]  # statutory_contents: the government's assessment under 一/监督保障, the fee sentence (B16)
            assert [p["year"] for p in snap.facts["series"]] == [2024, 2025]
            assert report.approved_at.date() < report.published_on  # back-dated to the day of each act
            assert "{{" not in snap.narrative["overview"]
            # The generated prose compares with 2024 (issue 15: never 「较上年（无上年数据）」).
            assert "新收申请较上年" in snap.narrative["overview"] and "无上年数据" not in snap.narrative["overview"]

    # The supervisor's dashboard: two organs published late.
    supervisor = get_user_model().objects.get(username="supervisor")
    rows = {row.agency.code: row for row in services.dashboard(supervisor, 2025)}
    assert {code for code, row in rows.items() if row.late} == {"sthj", "scjg"}
    assert rows["scjg"].state == ReportStatus.PUBLISHED
    assert all(row.errors == 0 for row in rows.values())

    # The city's roll-up over its subtree, left as a draft.
    rollup = AnnualReport.objects.get(year=2025, scope=Scope.ROLLUP)
    assert rollup.agency.code == "shi" and rollup.status == ReportStatus.DRAFT
    assert set(rollup.members.values_list("code", flat=True)) == set(CODES)


def test_2024_past_figures_of_every_organ_carry_nothing_over(world):
    past = {p.agency.code: p for p in PastReport.objects.filter(year=2024).select_related("agency")}
    assert set(past) == set(CODES)
    for code, p in past.items():
        assert p.source_note == "2024年度报告（原网站发布）"
        assert p.entered_by.username == f"{code}_handler"
        tables = compute.load_tables(p.tables, p.format_version)
        for column in rf.schema_for(rf.FORMAT_2021).applications.column_codes:
            assert rf.get_cell(tables, f"applications.carried_out.{column}") == 0
        errors = {f["rule"] for f in p.findings if f["severity"] == "error"}
        assert errors == ({"row_sum", "outcome_sum"} if code == "zjj" else set()), code
    # A department has tens of applications, the city government about a hundred.
    new = {code: p.tables["applications"]["new"]["total"] for code, p in past.items()}
    assert 80 <= new["shi"] <= 120
    assert all(10 <= new[code] <= 99 for code in (*DEPARTMENTS, "xian"))


def test_2024_reports_are_documents_in_the_annual_reports_column(world):
    docs = past_documents()
    assert set(docs) == set(CODES)
    for doc in docs.values():
        agency = doc.agency
        assert doc.title == f"{agency.name}2024年政府信息公开工作年度报告"
        assert doc.status == DocStatus.PUBLISHED and doc.index_no
        assert doc.columns.filter(section=CatalogueNode.ANNUAL_REPORTS, parent=None).exists()
        on = timezone.localtime(doc.published_at).date()
        if agency.kind == Agency.GOVERNMENT:
            assert D(2025, 1, 2) <= on <= D(2025, 3, 31)
        else:
            assert D(2025, 1, 2) <= on <= D(2025, 1, 31)
        positions = [doc.body.index(title) for _, title in rf.SECTIONS]
        assert positions == sorted(positions)


def test_auditing_the_2024_documents_finds_exactly_the_deliberate_errors(world):
    past = {p.agency.code: p for p in PastReport.objects.filter(year=2024).select_related("agency")}
    for code, doc in past_documents().items():
        (result,) = audit_text(doc.body, source=doc.title)
        assert result["agency"] == doc.agency.name and result["year"] == 2024 and result["format"] == "2021"
        # The past figures are the tables as published, cell for cell (errors included).
        entered = compute.load_tables(past[code].tables, past[code].format_version)
        for cid in rf.schema_for(rf.FORMAT_2021).cell_ids():
            assert Decimal(str(rf.get_cell(result["tables"], cid))) == Decimal(
                str(rf.get_cell(entered, cid))
            ), cid
        errors = {f["rule"] for f in result["findings"] if f["severity"] == "error"}
        warnings = [f for f in result["findings"] if f["severity"] != "error"]
        if code == "zjj":
            assert errors == {"row_sum", "outcome_sum"}
            (row_sum,) = [f for f in result["findings"] if f["rule"] == "row_sum"]
            assert "applications.disclosed.total" in row_sum["cells"]
            assert warnings == []
        elif code == "xian":
            assert errors == set()
            (warning,) = warnings
            assert warning["rule"] == "text_vs_table"
            new = result["tables"]["applications"]["new"]["total"]
            assert "共收到政府信息公开申请" in doc.body and f"为 {new} 件" in warning["message"]
            assert f"称 {new} 件" not in warning["message"]
        else:
            assert result["findings"] == [], code


def test_the_supervisors_one_click_audit_reads_both_years(world):
    supervisor = get_user_model().objects.get(username="supervisor")
    run = audit_published(supervisor, 2025)
    rows = {row.agency.code: row for row in run["rows"]}
    assert run["missing"] == 0
    for code in CODES:
        (result,) = rows[code].results
        assert result["origin"] == "platform" and rows[code].errors == 0
    for code in ("sthj", "scjg"):
        assert {f["rule"] for f in rows[code].results[0]["findings"]} == {"late_publication"}
    previous = {r["agency"]: r for r in run["previous"]}
    assert len(previous) == 6
    assert previous["示例市住房和城乡建设局"]["summary"]["errors"] > 0
    assert (
        sum(r["summary"]["errors"] for r in previous.values())
        == previous["示例市住房和城乡建设局"]["summary"]["errors"]
    )
