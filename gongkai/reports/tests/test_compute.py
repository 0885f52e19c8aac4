"""Counting conventions of domain 5.7 on records built through the application services, and the
policy-library counts of table 二（一）."""

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.applications import services as app_services
from gongkai.applications.models import Application, CaseType
from gongkai.law import report_format as rf
from gongkai.law import today as law_today
from gongkai.publishing.models import DocStatus, DocType, Document, Validity
from gongkai.reports import compute
from gongkai.reports.records import cell_queryset, collect_record_ids, snapshot_ids

from .helpers import ORG, conclude, received

D = dt.date.fromisoformat
FMT = rf.FORMAT_2021


@pytest.fixture
def records(tree, staff):
    a = tree["a"]
    h, r = staff["a_handler"], staff["a_reviewer"]
    # Received 2024, concluded 2025 → 二 and 三 of 2025 (and 四 of 2024).
    old = received(a, h, D("2024-12-20"))
    conclude(old, h, r, D("2025-01-10"), "1")
    # Received and concluded in 2025 (an organisation of type 法律服务机构).
    done = received(a, h, D("2025-03-03"), **ORG, org_type="legal_service")
    conclude(done, h, r, D("2025-03-20"), "4.1")
    # Received in 2025, still open at the year end → 四 of 2025.
    open_ = received(a, h, D("2025-12-29"))
    # Received 2025, concluded 2026 → 四 of 2025, 二 and 三 of 2026.
    late = received(a, h, D("2025-12-30"), **ORG, org_type="research")
    conclude(late, h, r, D("2026-01-09"), "5.2")
    # Record correction (Art. 41): never counted.
    rc = received(a, h, D("2025-04-01"))
    Application.objects.filter(pk=rc.pk).update(case_type=CaseType.RECORD_CORRECTION)
    # Submitted online, never confirmed (pending): not received, not counted.
    from conftest import applicant_data

    app_services.submit_online(a, applicant_data(), [])
    # Withdrawn after receipt → （六）3 in 2025.
    w = received(a, h, D("2025-05-05"))
    app_services.withdraw(w, h, D("2025-05-06"), reason="申请人书面撤回")
    app_services.issue_answer(w, r, D("2025-05-06"))  # the closure notice, signed (B17)
    # Another organ's case: not counted for A.
    received(tree["b"], staff["b_handler"], D("2025-03-03"))
    return {"old": old, "done": done, "open": open_, "late": late, "withdrawn": w}


def cells(table, row):
    return {k: v for k, v in table[row].items() if v}


def test_counting_rules_2025(records, tree):
    table, unclassified = compute.compute_applications([tree["a"].pk], 2025, FMT)
    assert unclassified == 0
    assert cells(table, "new") == {"natural_person": 2, "legal_service": 1, "research": 1, "total": 4}
    assert cells(table, "carried_in") == {"natural_person": 1, "total": 1}
    assert cells(table, "disclosed") == {"natural_person": 1, "total": 1}
    assert cells(table, "unavailable_not_held") == {"legal_service": 1, "total": 1}
    assert cells(table, "other_other") == {"natural_person": 1, "total": 1}
    assert cells(table, "processed_total") == {"natural_person": 2, "legal_service": 1, "total": 3}
    assert cells(table, "carried_out") == {"natural_person": 1, "research": 1, "total": 2}
    # R1 holds: 4 + 1 = 3 + 2.
    assert table["new"]["total"] + table["carried_in"]["total"] == 3 + 2


def test_carry_over_links_consecutive_years(records, tree):
    y2024, _ = compute.compute_applications([tree["a"].pk], 2024, FMT)
    y2025, _ = compute.compute_applications([tree["a"].pk], 2025, FMT)
    y2026, _ = compute.compute_applications([tree["a"].pk], 2026, FMT)
    assert y2024["carried_out"] == y2025["carried_in"]
    assert y2025["carried_out"] == y2026["carried_in"]
    assert cells(y2026, "not_processed_duplicate") == {"research": 1, "total": 1}


def test_cell_queryset_returns_exactly_the_records_behind_a_cell(records, tree):
    ids = [tree["a"].pk]
    assert set(cell_queryset(ids, 2025, FMT, "applications.carried_out.total")) == {
        records["open"], records["late"]}
    assert list(cell_queryset(ids, 2025, FMT, "applications.carried_in.natural_person")) == [records["old"]]
    assert list(cell_queryset(ids, 2025, FMT, "applications.unavailable_not_held.legal_service")) == [
        records["done"]]
    # The frozen form: one ordered query, totals derived.
    frozen = collect_record_ids(ids, 2025, FMT)
    for cid in rf.schema_for(FMT).applications.cell_ids():
        live = sorted(cell_queryset(ids, 2025, FMT, cid).values_list("id", flat=True))
        assert snapshot_ids(frozen, FMT, cid) == live, cid


def test_trial_format_maps_six_leaves_into_other_processing(tree, staff):
    a, h, r = tree["a"], staff["a_handler"], staff["a_reviewer"]
    app = received(a, h, D("2020-03-02"))
    app_services.withdraw(app, h, D("2020-03-03"), reason="申请人电话撤回")
    app_services.issue_answer(app, r, D("2020-03-03"))  # the closure notice, signed (B17)
    trial, _ = compute.compute_applications([a.pk], 2020, rf.FORMAT_2019)
    assert trial["other_processing"]["total"] == 1
    modern, _ = compute.compute_applications([a.pk], 2020, FMT)
    assert modern["other_other"]["total"] == 1
    del r


def test_documents_table_two(tree):
    a = tree["a"]
    now = law_today.now()

    def doc(doc_type, signed, validity=Validity.IN_FORCE, changed=None, status=DocStatus.PUBLISHED):
        return Document.objects.create(agency=a, title="文件", doc_type=doc_type, signed_on=signed, validity=validity,
                                       validity_changed_on=changed, status=status, published_at=now)

    doc(DocType.RULE, D("2025-02-01"))
    doc(DocType.RULE, D("2020-02-01"), Validity.REPEALED, D("2025-06-01"))
    doc(DocType.RULE, D("2019-02-01"), Validity.REPEALED, D("2026-03-01"))  # in force on 31 Dec 2025
    doc(DocType.NORMATIVE, D("2025-05-01"), Validity.AMENDED)
    doc(DocType.NORMATIVE, D("2023-05-01"), Validity.EXPIRED, D("2025-12-31"))
    doc(DocType.NORMATIVE, D("2025-07-01"), status=DocStatus.DRAFT)  # not published: not counted
    doc(DocType.NOTICE, D("2025-07-01"))  # not a 规章 / 行政规范性文件
    t = compute.compute_documents([a.pk], 2025, FMT)
    assert t["rules"] == {"issued": 1, "repealed": 1, "in_force": 2}
    assert t["normative_documents"] == {"issued": 1, "repealed": 1, "in_force": 1}


def test_documents_trial_format(tree):
    a = tree["a"]
    tz = timezone.get_default_timezone()

    def doc(doc_type, signed, published):
        return Document.objects.create(agency=a, title="文件", doc_type=doc_type, signed_on=signed,
                                       status=DocStatus.PUBLISHED, published_at=dt.datetime(*published, tzinfo=tz))

    doc(DocType.RULE, D("2020-02-01"), (2020, 2, 5, 10))
    doc(DocType.RULE, D("2019-12-20"), (2020, 1, 1, 0, 30))  # published just after midnight in Beijing
    doc(DocType.NORMATIVE, D("2018-02-01"), (2018, 2, 5, 10))
    doc(DocType.NORMATIVE, D("2020-12-31"), (2021, 1, 4, 10))
    t = compute.compute_documents([a.pk], 2020, rf.FORMAT_2019)
    assert t["rules"] == {"made": 1, "published": 2, "total_published": 2}
    assert t["normative_documents"] == {"made": 1, "published": 0, "total_published": 1}


def test_manual_values_parse_signed_deltas_units_and_blanks():
    from gongkai.reports.entry import parse_value as _parse_value
    from gongkai.reports.services import ReportError

    schema = rf.schema_for(rf.FORMAT_2019).proactive
    change = schema.column("change")
    assert _parse_value("减4", change) == -4 and _parse_value("+1", change) == 1 and _parse_value("-14", change) == -14
    amount = schema.column("amount_10k_yuan")
    assert str(_parse_value("约679.7万元", amount)) == "679.70"
    assert str(_parse_value("26463.43万元", amount)) == "26463.43"
    assert _parse_value("/", amount) is None and _parse_value("", change) is None
    with pytest.raises(ReportError):
        _parse_value("-3", schema.column("decisions"))
    with pytest.raises(ReportError):
        _parse_value("三件", schema.column("decisions"))
