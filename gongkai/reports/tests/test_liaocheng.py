"""Done criterion: records generated to match the table published by 聊城市人民政府 for 2020 (trial
format) are imported with ``import_applications`` and the computed table equals the published one,
cell for cell."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from gongkai.agencies.models import Agency, Membership
from gongkai.applications.models import Application, EventKind, Status, TimelineEvent
from gongkai.law import report_format as rf
from gongkai.remedies.models import RemedyCase
from gongkai.reports import compute, services
from gongkai.reports.models import PastReport

from .helpers import COLUMNS, LIAOCHENG_2020, LIAOCHENG_2020_REVIEW, liaocheng_csv, liaocheng_table

D = dt.date.fromisoformat


@pytest.fixture
def liaocheng(db, tmp_path):
    agency = Agency.objects.create(code="liaocheng", name="聊城市人民政府", kind=Agency.GOVERNMENT)
    path = tmp_path / "liaocheng-2020.csv"
    path.write_text(liaocheng_csv(), encoding="utf-8")
    out = io.StringIO()
    call_command("import_applications", str(path), agency="liaocheng", stdout=out)
    assert "已导入 1064 条记录" in out.getvalue()
    return agency


def test_import_creates_historical_records(liaocheng):
    apps = Application.objects.filter(agency=liaocheng)
    assert apps.count() == 1064
    assert apps.filter(status=Status.IN_PROGRESS, concluded_on__isnull=True).count() == 13
    assert apps.filter(status=Status.CLOSED).count() == 1051
    sample = apps.filter(outcome="6.2").first()
    assert sample.name == "历史数据导入" and sample.received_on.year == 2020
    registered = TimelineEvent.objects.filter(application=sample, kind=EventKind.REGISTERED).get()
    assert "历史数据导入" in registered.note and registered.occurred_on == sample.received_on
    assert len(set(apps.values_list("reference", flat=True))) == 1064


def test_2020_is_computed_in_the_trial_format(liaocheng):
    assert rf.format_for_year(2020) == rf.FORMAT_2019
    table, unclassified = compute.compute_applications([liaocheng.pk], 2020, rf.FORMAT_2019)
    assert unclassified == 0
    assert "other_processing" in table and "other_no_correction" not in table


def test_computed_table_equals_the_published_table_cell_for_cell(liaocheng, make_user):
    expected = liaocheng_table()
    table, _ = compute.compute_applications([liaocheng.pk], 2020, rf.FORMAT_2019)
    for row in rf.schema_for(rf.FORMAT_2019).applications.row_codes:
        for col in COLUMNS:
            assert table[row][col] == expected[row][col], f"{row}.{col}"
    assert set(table) == set(LIAOCHENG_2020)

    # The same through a report: R1–R3 and R6 hold, and R5 holds against last year's published 四.
    handler = make_user("lc_handler", liaocheng, Membership.HANDLER)
    last_year = rf.empty_tables(rf.FORMAT_2019)
    last_year["applications"]["carried_out"] = dict(zip(COLUMNS, (10, 0, 0, 0, 0, 0, 10), strict=True))
    PastReport.objects.create(agency=liaocheng, year=2019, format_version=rf.FORMAT_2019,
                              tables=compute.dump_tables(last_year), source_note="2019年度报告")
    report = services.create_report(liaocheng, 2020, handler)
    assert report.format_version == rf.FORMAT_2019
    assert report.tables["applications"] == expected
    rules = {f["rule"] for f in report.findings if f["severity"] == "error"}
    assert rules == set()


def test_table_four_from_remedy_cases(liaocheng):
    """Table 四 of the same report from remedy records: concluded in 2020 by result, pending on
    31 December as 尚未审结 (one of them concluded in 2021)."""
    def cases(kind, path, result, n, *, concluded=None, filed=None):
        concluded, filed = concluded or D("2020-09-01"), filed or D("2020-03-01")
        for _ in range(n):
            RemedyCase.objects.create(agency=liaocheng, kind=kind, litigation_path=path, body="某机关",
                                      filed_on=filed, result=result,
                                      concluded_on=None if result == "pending" else concluded)

    R, L = RemedyCase.RECONSIDERATION, RemedyCase.LITIGATION
    for row, kind, path in (("review", R, ""), ("suit_direct", L, RemedyCase.DIRECT),
                            ("suit_after_review", L, RemedyCase.AFTER_RECONSIDERATION)):
        upheld, corrected, other, pending, _total = LIAOCHENG_2020_REVIEW[row]
        cases(kind, path, "upheld", upheld)
        cases(kind, path, "corrected", corrected)
        cases(kind, path, "other", other)
        cases(kind, path, "pending", pending - 1)
        cases(kind, path, "upheld", 1, concluded=D("2021-02-01"))  # pending on 31 Dec 2020
    # Concluded in 2019 and filed after 2020: not counted.
    cases(R, "", "upheld", 2, concluded=D("2019-11-01"), filed=D("2019-10-01"))
    cases(R, "", "pending", 1, filed=D("2021-01-05"))
    table = compute.compute_review([liaocheng.pk], 2020, rf.FORMAT_2019)
    for row, values in LIAOCHENG_2020_REVIEW.items():
        assert tuple(table[row][c] for c in ("upheld", "corrected", "other", "pending", "total")) == values
