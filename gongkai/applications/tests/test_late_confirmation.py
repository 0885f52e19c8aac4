"""legal-review.md B7: a receipt confirmed later than Art. 31 allows leaves a permanent mark, a
timeline note and a court-safe due date beside the statutory one; alerts escalate on the earlier."""

import datetime as dt

import pytest
from django.urls import reverse

from conftest import applicant_data
from gongkai.applications import queries, services
from gongkai.applications.models import Application, EventKind

D = dt.date.fromisoformat


@pytest.fixture
def late_online(tree, staff, pin_today):
    """The review's case: submitted online 2026-09-18, confirmed 2026-10-09."""
    pin_today(D("2026-09-18"))
    app = services.submit_online(tree["a"], applicant_data(), [])
    pin_today(D("2026-10-09"))
    services.confirm_receipt(app, staff["a_handler"], D("2026-10-09"), expected_version=None)
    return Application.objects.get(pk=app.pk)


def test_late_online_confirmation_is_marked_with_court_safe_date(late_online):
    app = late_online
    assert app.received_on == D("2026-10-09") and app.due_on == D("2026-11-05")  # statutory
    assert app.late_confirmation and app.confirm_due_by == D("2026-09-20")  # the make-up Sunday
    assert queries.court_safe_due(app) == D("2026-10-22")
    ev = app.events.get(kind=EventKind.RECEIPT_CONFIRMED)
    assert "收件确认晚于规定" in ev.note and "2026年9月18日" in ev.note and ev.data["late_confirmation"] is True


def test_alerts_escalate_on_the_court_safe_date(late_online, pin_today):
    pin_today(D("2026-10-23"))  # after 10-22, well before the statutory 11-05
    row = queries.Marks.now().row(late_online)
    assert row["overdue"] and row["court_due"] == D("2026-10-22")
    pin_today(D("2026-10-20"))
    row = queries.Marks.now().row(late_online)
    assert row["due_soon"] and not row["overdue"]


def test_mark_stays_after_the_case_is_answered(late_online, staff, pin_today):
    pin_today(D("2026-10-15"))
    h = staff["a_handler"]
    services.decide(late_online, h, D("2026-10-15"), outcome="1", reasons="",
                    details={"published_where": "本机关门户网站"})
    app = Application.objects.get(pk=late_online.pk)
    services.issue_answer(app, staff["a_reviewer"], D("2026-10-15"))
    app = Application.objects.get(pk=late_online.pk)
    assert not app.is_open
    assert app.late_confirmation and app.confirm_due_by == D("2026-09-20")
    assert queries.court_safe_due(app) == D("2026-10-22")


def test_case_page_and_workbench_show_both_dates(client, late_online, staff, pin_today):
    pin_today(D("2026-10-12"))
    client.force_login(staff["a_handler"])
    body = client.get(reverse("case", args=[late_online.pk])).content.decode()
    assert "2026年11月5日" in body
    assert "法院可能认定的期限：<span class=\"due\">2026年10月22日</span>（收件确认晚于规定）" in body
    body = client.get(reverse("workbench") + "?scope=agency&status=open").content.decode()
    assert "法院可能认定的期限：<span class=\"date\">2026-10-22</span>（收件确认晚于规定）" in body  # date: no wrap


def test_on_time_confirmation_leaves_no_mark(tree, staff, pin_today, client):
    pin_today(D("2026-09-18"))
    app = services.submit_online(tree["a"], applicant_data(), [])
    pin_today(D("2026-09-20"))
    services.confirm_receipt(app, staff["a_handler"], D("2026-09-20"))
    app = Application.objects.get(pk=app.pk)
    assert not app.late_confirmation and queries.court_safe_due(app) is None
    assert "收件确认晚于规定" not in app.events.get(kind=EventKind.RECEIPT_CONFIRMED).note
    client.force_login(staff["a_handler"])
    body = client.get(reverse("case", args=[app.pk])).content.decode()
    assert "法院可能认定的期限" not in body and "收件确认晚于规定" not in body


def test_ordinary_letter_confirmed_after_arrival(tree, staff, pin_today, client):
    pin_today(D("2026-09-30"))
    app = services.register(tree["a"], applicant_data(), [], actor=staff["a_handler"], channel="ordinary_letter",
                            submitted_on=D("2026-09-16"), arrived_on=D("2026-09-18"))
    services.confirm_receipt(app, staff["a_handler"], D("2026-09-30"))
    app = Application.objects.get(pk=app.pk)
    assert app.arrived_on == D("2026-09-18") and app.due_on == D("2026-11-03")
    assert app.late_confirmation and app.confirm_due_by == D("2026-09-18")
    assert queries.court_safe_due(app) == D("2026-10-22")  # counted from the arrival on 09-18
    client.force_login(staff["a_handler"])
    body = client.get(reverse("case", args=[app.pk])).content.decode()
    assert "平信于2026年9月18日到达，条例第三十一条第（二）项要求当日确认" in body
    assert "法院可能认定的期限：<span class=\"due\">2026年10月22日</span>" in body


def test_ordinary_letter_registered_and_confirmed_late_warns(tree, staff, pin_today, client):
    pin_today(D("2026-09-30"))
    client.force_login(staff["a_handler"])
    data = {k: v for k, v in applicant_data().items() if v is not None}
    data.update({"agency": tree["a"].pk, "channel": "ordinary_letter", "submitted_on": "2026-09-16",
                 "arrived_on": "2026-09-18", "received_on": "2026-09-30", "pieces": 1})
    resp = client.post(reverse("register"), data, follow=True)
    body = resp.content.decode()
    app = Application.objects.get(channel="ordinary_letter")
    assert app.late_confirmation and app.arrived_on == D("2026-09-18")
    assert "收件确认日期晚于规定" in body  # the non-blocking warning


def test_ordinary_letter_confirmed_on_arrival_day_is_on_time(tree, staff, pin_today):
    pin_today(D("2026-09-18"))
    app = services.register(tree["a"], applicant_data(), [], actor=staff["a_handler"], channel="ordinary_letter",
                            submitted_on=D("2026-09-16"), arrived_on=D("2026-09-18"), received_on=D("2026-09-18"))
    assert not Application.objects.get(pk=app.pk).late_confirmation


def test_arrival_date_checks(tree, staff, pin_today):
    pin_today(D("2026-09-30"))
    with pytest.raises(services.ActionError, match="到达日期仅适用于平信"):
        services.register(tree["a"], applicant_data(), [], actor=staff["a_handler"], channel="fax",
                          submitted_on=D("2026-09-16"), arrived_on=D("2026-09-18"))
    with pytest.raises(services.ActionError, match="确认收到日期不能早于到达日期"):
        services.register(tree["a"], applicant_data(), [], actor=staff["a_handler"], channel="ordinary_letter",
                          submitted_on=D("2026-09-16"), arrived_on=D("2026-09-18"), received_on=D("2026-09-17"))


def test_confirm_form_records_arrival_and_warns(tree, staff, pin_today, client):
    pin_today(D("2026-09-16"))
    app = services.register(tree["a"], applicant_data(), [], actor=staff["a_handler"], channel="ordinary_letter",
                            submitted_on=D("2026-09-16"))
    pin_today(D("2026-09-30"))
    client.force_login(staff["a_handler"])
    resp = client.post(reverse("case-action", args=[app.pk, "confirm"]),
                       {"confirm-version": Application.objects.get(pk=app.pk).version, "confirm-on": "2026-09-30",
                        "confirm-arrived_on": "2026-09-18", "confirm-note": ""}, follow=True)
    app = Application.objects.get(pk=app.pk)
    assert app.received_on == D("2026-09-30") and app.arrived_on == D("2026-09-18") and app.late_confirmation
    assert "收件确认日期晚于规定" in resp.content.decode()


def test_workbench_overdue_filter_uses_the_court_safe_date(client, late_online, staff, pin_today):
    pin_today(D("2026-10-23"))  # overdue only by the court-safe date (statutory 11-05)
    client.force_login(staff["a_handler"])
    body = client.get(reverse("workbench") + "?scope=agency&flag=overdue").content.decode()
    assert late_online.reference in body
    body = client.get(reverse("workbench") + "?scope=agency&flag=due_soon").content.decode()
    assert late_online.reference not in body
    pin_today(D("2026-10-20"))
    body = client.get(reverse("workbench") + "?scope=agency&flag=due_soon").content.decode()
    assert late_online.reference in body
