"""Workbench pages render for every state a case can be in."""

import datetime as dt

from django.urls import reverse

from conftest import applicant_data
from gongkai.applications import services


def test_workbench_and_case_render_unassigned_online_case(client, tree, staff):
    """Regression: an unassigned case (no handler yet) broke the list and the case page (500)."""
    app = services.submit_online(tree["a"], applicant_data(), [])
    assert app.assigned_to is None
    client.force_login(staff["a_handler"])
    resp = client.get(reverse("workbench") + "?scope=agency&status=open")
    assert resp.status_code == 200 and app.reference in resp.content.decode()
    resp = client.get(reverse("case", args=[app.pk]))
    body = resp.content.decode()
    assert resp.status_code == 200 and "系统/申请人" in body and "确认收到" in body


def test_case_page_shows_clock_explanation(client, received_app, staff):
    app = received_app(dt.date(2024, 9, 30))
    client.force_login(staff["a_handler"])
    body = client.get(reverse("case", args=[app.pk])).content.decode()
    assert "2024年11月1日" in body and "期限是如何计算的" in body and "国庆节" in body


def test_action_form_errors_are_chinese_and_nothing_changes(client, received_app, staff):
    app = received_app(dt.date(2024, 9, 30))
    client.force_login(staff["a_reviewer"])
    before = app.events.count()
    resp = client.post(reverse("case-action", args=[app.pk, "extend"]),
                       {"extend-version": app.version, "extend-on": "2024-11-04", "extend-days": 20,
                        "extend-reason": "材料较多"}, follow=True)
    assert "延期须在答复期限届满前批准" in resp.content.decode()
    assert app.events.count() == before


def test_supervision_counts(client, received_app, staff):
    received_app(dt.date(2024, 9, 30))  # long overdue
    client.force_login(staff["supervisor"])
    body = client.get(reverse("supervision")).content.decode()
    assert "测试市甲局" in body and "逾期" in body
    client.force_login(staff["a_handler"])
    assert client.get(reverse("supervision")).status_code == 403


def test_fee_calculator(client, staff):
    client.force_login(staff["a_handler"])
    body = client.get(reverse("fee-calculator") + "?scale=per_piece&prior=28&units=6").content.decode()
    assert "1000 元" in body
    body = client.get(reverse("fee-calculator") + "?scale=per_volume&units=250").content.decode()
    assert "4700 元" in body
    body = client.get(reverse("fee-calculator") + "?scale=per_volume&units=abc").content.decode()
    assert "请输入非负整数" in body
