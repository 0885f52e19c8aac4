"""Personal data in free text and the access log (issue 12, item 8).

An ID number, a phone (mobile or fixed line) or an e-mail address typed into the description, the
title or the name is masked for every reader outside the handling organ (case page, workbench,
supervisor page, API, export). Every read of
unmasked personal data writes an AccessLog row: case pages, attachments, letters (page and DOCX),
the API (list and detail) and exports; lists and exports write one row per request."""

import datetime as dt
import io

import pytest
from django.urls import reverse

from conftest import VALID_ID
from gongkai.applications.models import AccessLog

D = dt.date.fromisoformat
TYPED_ID = "11010519491231002X"  # a valid ID number typed into free text
TYPED_MOBILE = "13987654321"
TYPED_LANDLINE, MASKED_LANDLINE = "0755-86001234", "0755-******34"  # fixed line: area code, last 2 digits
TYPED_EMAIL, MASKED_EMAIL = "zs_1990@163.com", "z***@163.com"  # e-mail: first character and domain
DESCRIPTION = (f"本人王小明，身份证号{TYPED_ID}，电话{TYPED_MOBILE}，座机{TYPED_LANDLINE}，邮箱{TYPED_EMAIL}，"
               "申请公开某小区房屋征收补偿方案")


@pytest.fixture
def typed(received_app, staff, tree):
    return received_app(D("2025-03-03"), agency=tree["a"], actor=staff["a_handler"], name="王小明",
                        description=DESCRIPTION, info_title=f"征收补偿方案（联系{TYPED_MOBILE}）",
                        purpose=f"维权，身份证{TYPED_ID}")


def _login(client, user):
    client.force_login(user)
    return client


def _assert_masked(text):
    assert TYPED_ID not in text and TYPED_MOBILE not in text and "王小明" not in text
    assert TYPED_LANDLINE not in text and "86001234" not in text and TYPED_EMAIL not in text and "zs_1990" not in text
    assert "11*************02X" in text or "139****4321" in text


def test_supervisor_case_page_masks_typed_identifiers(client, typed, staff):
    body = _login(client, staff["supervisor"]).get(reverse("case", args=[typed.pk])).content.decode()
    _assert_masked(body)
    assert "11*************02X" in body and "139****4321" in body and "王**" in body
    assert MASKED_LANDLINE in body and MASKED_EMAIL in body
    assert "申请公开某小区房屋征收补偿方案" in body  # the request itself stays readable
    assert not AccessLog.objects.exists()  # nothing unmasked was read


def test_handling_organ_sees_the_text_and_is_logged(client, typed, staff):
    body = _login(client, staff["a_handler"]).get(reverse("case", args=[typed.pk])).content.decode()
    assert TYPED_ID in body and TYPED_MOBILE in body and TYPED_LANDLINE in body and TYPED_EMAIL in body
    assert AccessLog.objects.filter(application=typed, user=staff["a_handler"], what="查看案件").count() == 1


def test_workbench_and_supervision_lists_mask(client, typed, staff):
    _login(client, staff["supervisor"])
    for url in (reverse("workbench") + "?scope=all&status=", reverse("supervision") + "?flag=all"):
        body = client.get(url).content.decode()
        assert TYPED_MOBILE not in body and TYPED_ID not in body
    body = client.get(reverse("workbench") + "?scope=all&status=").content.decode()
    assert "139****4321" in body


def test_timeline_notes_are_masked_outside_the_organ(client, typed, staff):
    from gongkai.applications import services

    services.add_note(typed, staff["a_handler"], f"申请人来电{TYPED_MOBILE}补充说明")
    body = _login(client, staff["supervisor"]).get(reverse("case", args=[typed.pk])).content.decode()
    assert TYPED_MOBILE not in body and "139****4321" in body


def test_api_masks_free_text_for_supervisor_and_logs_reads(client, typed, staff):
    _login(client, staff["supervisor"])
    listing = client.get("/api/applications/?status=")
    text = listing.content.decode("unicode_escape") + listing.content.decode()
    assert TYPED_ID not in text and TYPED_MOBILE not in text and TYPED_LANDLINE not in text and TYPED_EMAIL not in text
    row = listing.json()["results"][0]
    assert row["description"].startswith("本人王**，身份证号11*************02X")
    assert f"座机{MASKED_LANDLINE}，邮箱{MASKED_EMAIL}，" in row["description"]
    detail = client.get(f"/api/applications/{typed.pk}/").json()
    assert TYPED_ID not in detail["description"] and TYPED_MOBILE not in detail["info_title"]
    _assert_masked(detail["description"])
    assert MASKED_LANDLINE in detail["description"] and MASKED_EMAIL in detail["description"]
    # The supervisor's list request is logged (filter and count) but names no application: all masked.
    log = AccessLog.objects.get(what="API申请列表", user=staff["supervisor"])
    assert log.count == 1 and "status=" in log.query and not log.applications.exists()

    _login(client, staff["a_handler"])
    row = client.get("/api/applications/?status=").json()["results"][0]
    assert row["description"] == DESCRIPTION and row["name"] == "王小明"
    log = AccessLog.objects.get(what="API申请列表", user=staff["a_handler"])
    assert list(log.applications.all()) == [typed] and log.count == 1 and log.application is None
    client.get(f"/api/applications/{typed.pk}/")
    assert AccessLog.objects.filter(what="API查看申请", application=typed, user=staff["a_handler"]).count() == 1
    assert set(AccessLog.for_application(typed).values_list("what", flat=True)) == {"API申请列表", "API查看申请"}


def test_api_list_without_results_writes_nothing(client, typed, staff):
    _login(client, staff["b_handler"]).get("/api/applications/?status=")
    assert not AccessLog.objects.exists()


def _export(client, query="?scope=all&status="):
    from openpyxl import load_workbook

    resp = client.get(reverse("workbench-export") + query)
    assert resp.status_code == 200
    return load_workbook(io.BytesIO(resp.content)).active


def test_export_masks_for_supervisor_and_logs_one_row(client, typed, staff, received_app, tree):
    received_app(D("2025-03-04"), agency=tree["b"], actor=staff["b_handler"], name="李四")
    ws = _export(_login(client, staff["supervisor"]))
    cells = " ".join(str(c.value) for row in ws.iter_rows(min_row=2) for c in row if c.value is not None)
    assert TYPED_ID not in cells and TYPED_MOBILE not in cells and "王小明" not in cells
    assert "王**" in cells
    log = AccessLog.objects.get(what="导出申请列表XLSX")
    assert log.user == staff["supervisor"] and log.count == 2 and not log.applications.exists()
    assert "scope=all" in log.query

    ws = _export(_login(client, staff["a_handler"]))
    names = [row[4] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert names == ["王小明"]
    log = AccessLog.objects.filter(what="导出申请列表XLSX", user=staff["a_handler"]).get()
    assert list(log.applications.all()) == [typed] and log.count == 1


def test_export_masks_a_landline_and_an_email_in_the_description(client, received_app, staff, tree):
    # Without a title the export shows the description (its first 60 characters, masked first).
    app = received_app(D("2025-03-03"), agency=tree["a"], actor=staff["a_handler"], info_title="",
                       description=f"座机{TYPED_LANDLINE}，邮箱{TYPED_EMAIL}，申请公开某小区房屋征收补偿方案")
    ws = _export(_login(client, staff["supervisor"]))
    [info] = [row[5] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert info == f"座机{MASKED_LANDLINE}，邮箱{MASKED_EMAIL}，申请公开某小区房屋征收补偿方案"
    ws = _export(_login(client, staff["a_handler"]))
    [info] = [row[5] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert info == app.description
    assert TYPED_LANDLINE in info and TYPED_EMAIL in info


def test_export_cell_starting_with_equals_is_not_a_formula(client, received_app, staff, tree):
    received_app(D("2025-03-03"), agency=tree["a"], actor=staff["a_handler"], name="=HYPERLINK(\"http://x\",\"a\")",
                 info_title="=1+2", description="@SUM(1)")
    ws = _export(_login(client, staff["a_handler"]))
    row = list(ws[2])
    assert row[4].value == "=HYPERLINK(\"http://x\",\"a\")" and row[4].data_type != "f"
    assert row[5].value == "=1+2" and row[5].data_type != "f"
    assert all(c.data_type != "f" for r in ws.iter_rows() for c in r)


@pytest.mark.parametrize("view", ["letter", "letter-docx"])
def test_letter_reads_are_logged(client, typed, staff, view):
    letter = typed.letters.first()
    resp = _login(client, staff["a_handler"]).get(reverse(view, args=[letter.pk]))
    assert resp.status_code == 200
    log = AccessLog.objects.get(application=typed)
    assert log.user == staff["a_handler"] and letter.number in log.what
    assert log.what.startswith("查看文书" if view == "letter" else "下载文书DOCX")
    # Outside the organ: 404 and nothing logged.
    assert _login(client, staff["supervisor"]).get(reverse(view, args=[letter.pk])).status_code == 404
    assert AccessLog.objects.count() == 1


def test_admin_reads_of_applications_and_letters_are_logged(client, typed, make_user):
    admin = make_user("root", superuser=True)
    _login(client, admin)
    assert client.get(reverse("admin:applications_application_change", args=[typed.pk])).status_code == 200
    letter = typed.letters.first()
    assert client.get(reverse("admin:letters_letter_change", args=[letter.pk])).status_code == 200
    assert list(AccessLog.objects.filter(user=admin).order_by("id").values_list("what", flat=True)) == [
        "后台查看申请", f"后台查看文书：{letter.number}"]


def test_organisation_name_with_typed_id_is_masked(client, received_app, staff, tree):
    from conftest import VALID_USCC

    app = received_app(D("2025-03-03"), agency=tree["a"], actor=staff["a_handler"], applicant_kind="organisation",
                       org_type="commercial", id_type="", id_number=VALID_USCC, legal_representative="张三",
                       name=f"某某公司（经办人身份证{VALID_ID}）")
    data = _login(client, staff["supervisor"]).get(f"/api/applications/{app.pk}/").json()
    assert VALID_ID not in data["name"] and data["name"].startswith("某某公司")


def test_supervisor_cannot_search_the_free_text_for_an_id_number(client, typed, staff):
    _login(client, staff["supervisor"])
    body = client.get(reverse("workbench") + f"?scope=all&status=&q={TYPED_ID}").content.decode()
    assert typed.reference not in body and "没有符合条件的申请" in body
    body = client.get(reverse("workbench") + "?scope=all&status=&q=征收补偿").content.decode()
    assert typed.reference in body  # ordinary words still find it
    _login(client, staff["a_handler"])
    body = client.get(reverse("workbench") + f"?scope=agency&status=&q={TYPED_ID}").content.decode()
    assert typed.reference in body


def test_workbench_and_supervision_lists_log_each_page_shown(client, typed, staff):
    _login(client, staff["a_handler"]).get(reverse("workbench") + "?scope=all&status=")
    log = AccessLog.objects.get(what="申请列表")
    assert log.user == staff["a_handler"] and log.count == 1 and list(log.applications.all()) == [typed]
    _login(client, staff["supervisor"]).get(reverse("supervision") + "?flag=all")
    log = AccessLog.objects.get(what="督办申请列表")
    assert log.user == staff["supervisor"] and log.count >= 0 and not log.applications.exists()
