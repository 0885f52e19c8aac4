"""Permission matrix: agency A's staff can neither read nor change agency B's cases in any view,
export or API; supervisors read their subtree masked and act on nothing; the public query leaks
nothing."""

import datetime as dt
import io

import pytest
from django.urls import reverse

from gongkai.applications import access, services
from gongkai.applications.models import Application

D = dt.date.fromisoformat


@pytest.fixture
def cases(received_app, staff, tree):
    a = received_app(D("2025-03-03"), agency=tree["a"], actor=staff["a_handler"], name="甲申请人")
    b = received_app(D("2025-03-04"), agency=tree["b"], actor=staff["b_handler"], name="乙申请人",
                     description="乙局独有的申请描述XYZ")
    return {"a": a, "b": b}


def login(client, user):
    client.force_login(user)
    return client


def test_readable_scoping(cases, staff):
    assert set(access.readable(staff["a_handler"])) == {cases["a"]}
    assert set(access.readable(staff["b_handler"])) == {cases["b"]}
    assert set(access.readable(staff["supervisor"])) == {cases["a"], cases["b"]}


@pytest.mark.parametrize("url_name", ["case", "letter"])
def test_other_agency_case_and_letters_are_404(client, cases, staff, url_name):
    login(client, staff["a_handler"])
    if url_name == "case":
        url = reverse("case", args=[cases["b"].pk])
    else:
        url = reverse("letter", args=[cases["b"].letters.first().pk])
    assert client.get(url).status_code == 404
    if url_name == "letter":
        assert client.get(reverse("letter-docx", args=[cases["b"].letters.first().pk])).status_code == 404


@pytest.mark.parametrize("action", ["decide", "extend", "note", "withdraw", "correction"])
def test_other_agency_cannot_act(client, cases, staff, action):
    login(client, staff["a_reviewer"])
    b = cases["b"]
    before = b.events.count()
    resp = client.post(reverse("case-action", args=[b.pk, action]), {f"{action}-version": b.version,
                                                                      f"{action}-on": "2025-03-05",
                                                                      f"{action}-text": "x"})
    assert resp.status_code == 404
    assert Application.objects.get(pk=b.pk).events.count() == before


def test_supervisor_reads_masked_and_cannot_act(client, cases, staff):
    login(client, staff["supervisor"])
    a = cases["a"]
    resp = client.get(reverse("case", args=[a.pk]))
    body = resp.content.decode()
    assert resp.status_code == 200
    assert "甲申请人" not in body and "甲**" in body
    assert "13812341234" not in body and "138****1234" in body
    assert "11010519491231002X" not in body
    assert a.tracking_code not in body
    resp = client.post(reverse("case-action", args=[a.pk, "note"]), {"note-version": a.version, "note-text": "x"})
    assert resp.status_code == 403
    with pytest.raises(services.ActionError, match="无权"):
        services.add_note(a, staff["supervisor"], "督办意见")
    att = a.attachments.first()
    if att:
        assert client.get(reverse("attachment", args=[att.pk])).status_code == 404


def test_services_refuse_other_agency(cases, staff):
    b = cases["b"]
    for call in (
        lambda: services.decide(b, staff["a_handler"], D("2025-03-05"), outcome="1", details={"how_to_obtain": "x"}),
        lambda: services.extend(b, staff["a_reviewer"], D("2025-03-05"), days=5, reason="x"),
        lambda: services.request_correction(b, staff["a_handler"], D("2025-03-05"), items="x"),
    ):
        with pytest.raises(services.ActionError, match="无权"):
            call()


def test_workbench_list_and_search_are_scoped(client, cases, staff):
    login(client, staff["a_handler"])
    body = client.get(reverse("workbench") + "?scope=agency&status=&q=XYZ").content.decode()
    assert "乙局独有" not in body
    body = client.get(reverse("workbench") + "?scope=agency&status=&agency=deptB").content.decode()
    assert "乙局独有" not in body and "没有符合条件的申请" in body
    body = client.get(reverse("workbench") + "?scope=agency&status=").content.decode()
    assert "某小区房屋征收补偿方案" in body and "乙局独有" not in body


def test_export_is_scoped(client, cases, staff):
    from openpyxl import load_workbook

    login(client, staff["a_handler"])
    resp = client.get(reverse("workbench-export") + "?scope=agency&status=")
    assert resp.status_code == 200
    ws = load_workbook(io.BytesIO(resp.content)).active
    names = [row[4] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert names == ["甲申请人"]
    login(client, staff["supervisor"])
    ws = load_workbook(io.BytesIO(client.get(reverse("workbench-export") + "?scope=all&status=").content)).active
    names = sorted(row[4] for row in ws.iter_rows(min_row=2, values_only=True))
    assert names == ["乙***", "甲***"]


def test_api_is_scoped_and_masked(client, cases, staff):
    login(client, staff["a_handler"])
    data = client.get("/api/applications/").json()
    assert [r["reference"] for r in data["results"]] == [cases["a"].reference]
    assert client.get(f"/api/applications/{cases['b'].pk}/").status_code == 404
    login(client, staff["supervisor"])
    data = client.get("/api/applications/").json()
    assert {r["name"] for r in data["results"]} == {"甲***", "乙***"}
    client.logout()
    assert client.get("/api/applications/").status_code in (401, 403)


def test_anonymous_is_sent_to_login(client, cases):
    resp = client.get(reverse("case", args=[cases["a"].pk]))
    assert resp.status_code == 302 and "/staff/login/" in resp["Location"]
    assert client.get(reverse("workbench-export")).status_code == 302


def test_public_query_reveals_nothing_on_wrong_pair(client, cases):
    a = cases["a"]
    wrong_name = client.post(reverse("query"), {"applicant_kind": "natural_person", "name": "别人",
                                                "tracking_code": a.tracking_code})
    wrong_code = client.post(reverse("query"), {"applicant_kind": "natural_person", "name": "甲申请人",
                                                "tracking_code": "ABCDEFGHJK23"})
    for resp in (wrong_name, wrong_code):
        body = resp.content.decode()
        assert resp.status_code == 200
        assert "未查询到匹配的申请，请核对后重试" in body
        assert a.reference not in body and "测试市甲局" not in body
    ok = client.post(reverse("query"), {"applicant_kind": "natural_person", "name": "甲申请人",
                                        "tracking_code": a.tracking_code.lower()})
    assert "测试市甲局" in ok.content.decode()
    # Letters of another application are not reachable from this session.
    other_letter = cases["b"].letters.first()
    assert client.get(reverse("public-letter", args=[other_letter.pk])).status_code == 404


def test_public_letters_hide_third_party_letters(client, cases, staff):
    a = cases["a"]
    services.consult(a, staff["a_handler"], D("2025-03-05"), party="某公司", kind="third_party", matters="合同")
    client.post(reverse("query"), {"applicant_kind": "natural_person", "name": "甲申请人",
                                   "tracking_code": a.tracking_code})
    third = a.letters.get(kind="third_party_consultation")
    assert client.get(reverse("public-letter", args=[third.pk])).status_code == 404
    receipt = a.letters.get(kind="receipt")
    assert client.get(reverse("public-letter", args=[receipt.pk])).status_code == 200
    page = client.post(reverse("query"), {"applicant_kind": "natural_person", "name": "甲申请人",
                                          "tracking_code": a.tracking_code}).content.decode()
    assert "征求意见告知书" in page and "第三方征求意见书" not in page and "登记表" not in page


def test_public_query_rate_limited_per_code(client, cases):
    from django.core.cache import cache

    cache.clear()
    statuses = [
        client.post(reverse("query"), {"applicant_kind": "natural_person", "name": f"猜{i}",
                                       "tracking_code": cases["a"].tracking_code}).status_code
        for i in range(7)
    ]
    assert statuses[:5] == [200] * 5 and statuses[-1] == 429
    cache.clear()
