import datetime as dt

import pytest
from django.urls import reverse

from gongkai.remedies.models import RemedyCase


def test_register_reconsideration_linked_to_application(client, received_app, staff, tree):
    app = received_app(dt.date(2025, 3, 3))
    client.force_login(staff["a_handler"])
    resp = client.post(reverse("remedy-new"), {
        "agency": tree["a"].pk, "kind": "reconsideration", "body": "测试市人民政府", "filed_on": "2025-05-06",
        "result": "corrected", "result_detail": "责令重新答复", "concluded_on": "2025-07-01",
        "application_reference": app.reference,
    })
    assert resp.status_code == 302
    case = RemedyCase.objects.get()
    assert case.application == app and case.table_column() == "review"
    assert case.result_on(dt.date(2025, 12, 31)) == "corrected"
    assert case.result_on(dt.date(2025, 6, 30)) == "pending"


@pytest.mark.parametrize("data, message", [
    ({"kind": "litigation", "litigation_path": ""}, "直接起诉"),
    ({"result": "upheld", "concluded_on": ""}, "审结日期"),
    ({"result": "pending", "concluded_on": "2025-07-01"}, "尚未审结"),
    ({"result": "upheld", "concluded_on": "2025-01-01"}, "不能早于"),
])
def test_invalid_remedy_cases_rejected(client, staff, tree, data, message):
    client.force_login(staff["a_handler"])
    payload = {"agency": tree["a"].pk, "kind": "reconsideration", "body": "测试市人民政府",
               "filed_on": "2025-05-06", "result": "pending"}
    payload.update(data)
    resp = client.post(reverse("remedy-new"), payload)
    assert message in resp.content.decode()
    assert RemedyCase.objects.count() == 0


def test_remedies_are_scoped(client, staff, tree):
    RemedyCase.objects.create(agency=tree["b"], kind="reconsideration", body="测试市人民政府",
                              filed_on=dt.date(2025, 5, 6))
    client.force_login(staff["a_handler"])
    assert "测试市乙局" not in client.get(reverse("remedies")).content.decode()
    client.force_login(staff["supervisor"])
    assert "测试市乙局" in client.get(reverse("remedies")).content.decode()
    client.force_login(staff["a_handler"])
    resp = client.post(reverse("remedy-new"), {"agency": tree["b"].pk, "kind": "reconsideration", "body": "x",
                                               "filed_on": "2025-05-06", "result": "pending"})
    assert RemedyCase.objects.count() == 1 and resp.status_code == 200
