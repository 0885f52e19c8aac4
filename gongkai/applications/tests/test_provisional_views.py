"""Provisional dates (revised domain.md 3.1) wherever a due date is shown: case page, workbench with
its alerts and filter, XLSX export, supervisor page, API and the public progress query."""

import datetime as dt
import io

import pytest
from django.urls import reverse

D = dt.date.fromisoformat


@pytest.fixture
def cases(received_app, pin_today):
    pin_today(D("2026-12-07"))
    return {
        "provisional": received_app(D("2026-12-07"), name="甲申请人"),  # due 2027-01-05 (暂定)
        "final": received_app(D("2026-11-02"), name="乙申请人"),  # due 2026-11-30, overdue
    }


@pytest.mark.django_db
def test_case_page_says_provisional(client, staff, cases):
    client.force_login(staff["a_handler"])
    body = client.get(reverse("case", args=[cases["provisional"].pk])).content.decode()
    assert "2027年1月5日" in body and '<span class="badge provisional">暂定</span>' in body
    assert "待录入国务院办公厅2027年节假日安排后自动重算" in body
    body = client.get(reverse("case", args=[cases["final"].pk])).content.decode()
    assert 'badge provisional">暂定' not in body


@pytest.mark.django_db
def test_workbench_marks_filters_and_exports(client, staff, cases):
    from openpyxl import load_workbook

    client.force_login(staff["a_handler"])
    body = client.get(reverse("workbench") + "?scope=agency&status=open").content.decode()
    assert body.count('class="badge provisional"') == 1
    only = client.get(reverse("workbench") + "?scope=agency&status=open&flag=provisional").content.decode()
    assert cases["provisional"].reference in only and cases["final"].reference not in only
    ws = load_workbook(io.BytesIO(client.get(reverse("workbench-export") + "?scope=agency&status=open").content)).active
    header = [c.value for c in ws[1]]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows[cases["provisional"].reference]["期限是否暂定"].startswith("暂定")
    assert rows[cases["final"].reference]["期限是否暂定"] in ("", None)


@pytest.mark.django_db
def test_alerts_use_the_earliest_plausible_date(staff, received_app, pin_today):
    from gongkai.applications.models import Application
    from gongkai.applications.queries import Marks

    pin_today(D("2027-01-20"))
    app = Application.objects.get(pk=received_app(D("2027-01-20")).pk)
    assert app.due_on == D("2027-02-23") and app.due_earliest == D("2027-02-19")
    pin_today(D("2027-02-17"))  # 3 WD before 02-23 provisionally, but 02-19 may be the real date
    row = Marks.now().row(app)
    assert row["due_soon"] and row["provisional"] and not row["overdue"]
    pin_today(D("2027-02-22"))
    assert Marks.now().row(app)["overdue"]  # past the earliest plausible date: flagged


@pytest.mark.django_db
def test_supervisor_page_counts_provisional(client, staff, cases):
    client.force_login(staff["supervisor"])
    body = client.get(reverse("supervision")).content.decode()
    assert "期限暂定" in body


@pytest.mark.django_db
def test_api_fields_always_present(client, staff, cases):
    client.force_login(staff["a_handler"])
    rows = {r["reference"]: r for r in client.get("/api/applications/?scope=agency&status=open").json()["results"]}
    p, f = rows[cases["provisional"].reference], rows[cases["final"].reference]
    assert p["due_provisional"] is True and p["provisional_years"] == [2027] and p["due_earliest"] == "2027-01-05"
    assert f["due_provisional"] is False and f["provisional_years"] == []


@pytest.mark.django_db
def test_public_query_says_provisional(client, cases):
    app = cases["provisional"]
    page = client.post(reverse("query"), {"applicant_kind": "natural_person", "name": "甲申请人",
                                          "tracking_code": app.tracking_code})
    body = page.content.decode()
    assert "2027-01-05（暂定）" in body and "2027年节假日安排" in body
