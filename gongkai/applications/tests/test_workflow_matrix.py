"""The allowed-step matrix of law/workflows.APPLICATION, derived from the table and checked against
the services (each public service refuses, in every state and for every role the table excludes, with
the table's own message naming its own step) and against the case page (it offers exactly the steps
the table opens to the user)."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from gongkai.applications import deadlines, handling, services
from gongkai.applications import views as app_views
from gongkai.applications.models import Application, Status
from gongkai.applications.services import ActionError
from gongkai.law import workflows

WF = workflows.APPLICATION
D = dt.date(2025, 3, 10)


def _calls(tree, staff):
    """Each step: the public service that takes it, with arguments that pass its own validation."""
    other, user = tree["b"], staff["a_handler"]
    return {
        "confirm": lambda app, u: services.confirm_receipt(app, u, D),
        "assign": lambda app, u: services.assign(app, u, user),
        "route": lambda app, u: services.route(app, u, other, reason="不属于本机关"),
        "transfer": lambda app, u: services.transfer(app, u, D, to_agency=other, reasons="由乙局负责公开"),
        "correction": lambda app, u: services.request_correction(app, u, D, items="所需信息的名称"),
        "record_correction": lambda app, u: services.record_correction(app, u, D),
        "consult": lambda app, u: services.consult(app, u, D, party="第三方", kind=next(iter(services.CONSULTATION_KINDS)),
                                                   matters="是否同意公开"),
        "consultation_reply": lambda app, u: services.record_consultation_reply(app, u, D, consultation_id=0,
                                                                                opinion="agree"),
        "extend": lambda app, u: services.extend(app, u, D, days=5, reason="需要调取档案"),
        "defer": lambda app, u: services.defer(app, u, D, due=D + dt.timedelta(days=60), reason="数量较大"),
        "explanation": lambda app, u: services.request_explanation(app, u, D, reason="申请数量明显超过合理范围"),
        "fee": lambda app, u: services.issue_fee_notice(app, u, D, scale="per_piece", units=1, reason="超出合理范围"),
        "payment": lambda app, u: services.record_payment(app, u, D),
        "record_service": lambda app, u: handling.record_service(app, u, D, letter_id=0, method="邮寄签收"),
        "decide": lambda app, u: services.decide(app, u, D, outcome="1", details={"how_to_obtain": "电子邮件发送"}),
        "issue": lambda app, u: services.issue_answer(app, u, D),
        "delivery": lambda app, u: services.record_delivery(app, u, D, method="邮寄"),
        "close_lapsed": lambda app, u: services.close_lapsed(app, u, D),
        "withdraw": lambda app, u: services.withdraw(app, u, D, reason="申请人书面撤回"),
        "supplementary": lambda app, u: services.supplementary_answer(app, u, D, text="补充说明"),
        "note": lambda app, u: services.add_note(app, u, "备注"),
    }


def test_every_step_has_a_service_a_form_and_the_states_are_the_models():
    names = {s.name for s in WF.steps}
    assert set(app_views.FORMS) == names
    assert dict(Status.choices) == WF.state_labels


@pytest.fixture
def app(received_app):
    return received_app(dt.date(2025, 3, 3))


@pytest.fixture
def frozen_clock(monkeypatch):
    """States are set directly here; the clock must not move a case out of the state under test."""
    monkeypatch.setattr(deadlines, "refresh_clock", lambda app, **kw: None)  # every caller goes through it


def _put(app, status) -> Application:
    Application.objects.filter(pk=app.pk).update(status=status)
    return Application.objects.get(pk=app.pk)


def test_services_refuse_every_state_the_table_excludes(app, tree, staff, frozen_clock):
    calls = _calls(tree, staff)
    assert set(calls) == {s.name for s in WF.steps}
    reviewer = staff["a_reviewer"]  # holds both roles: only the state decides
    checked = 0
    for step in WF.steps:
        for status, _ in WF.states:
            if status in step.sources:
                continue
            case = _put(app, status)
            with pytest.raises(ActionError) as refused:
                calls[step.name](case, reviewer)
            assert str(refused.value) == WF.refusal(step.name, status, {workflows.HANDLER, workflows.APPROVER}), \
                (step.name, status)
            checked += 1
    assert checked > 100


def test_services_refuse_every_role_the_table_excludes(app, tree, staff, frozen_clock):
    calls = _calls(tree, staff)
    handler = staff["a_handler"]
    for step in WF.steps:
        if workflows.HANDLER in step.roles:
            continue
        case = _put(app, step.sources[0])
        with pytest.raises(ActionError, match=f"您无权进行“{re.escape(step.label)}”"):
            calls[step.name](case, handler)
    for step in WF.steps:  # another organ's staff, and the schedule outside close_lapsed
        case = _put(app, step.sources[0])
        with pytest.raises(ActionError, match="无权"):
            calls[step.name](case, staff["b_reviewer"])
        if workflows.SYSTEM not in step.roles:
            with pytest.raises(ActionError, match="无权"):
                calls[step.name](case, None)


@pytest.mark.parametrize("status", [s for s, _ in WF.states])
@pytest.mark.parametrize("who", ["a_handler", "a_reviewer", "b_reviewer", "supervisor"])
def test_the_case_page_offers_exactly_what_the_table_opens(client, app, staff, frozen_clock, status, who):
    case = _put(app, status)
    client.force_login(staff[who])
    html = client.get(reverse("case", args=[case.pk])).content.decode()
    offered = set(re.findall(rf'action="/staff/applications/{case.pk}/([a-z_]+)/"', html))
    held = {"a_handler": {workflows.HANDLER}, "a_reviewer": {workflows.HANDLER, workflows.APPROVER}}.get(who, set())
    assert offered == set(WF.available(status, held))


def test_a_late_consultation_reply_can_be_recorded_after_the_window_lapsed(client, app, staff, pin_today):
    """The bug this table fixed: the page allowed the reply only while paused, the service also after."""
    pin_today(dt.date(2025, 3, 5))
    services.consult(app, staff["a_handler"], dt.date(2025, 3, 5), party="第三方",
                     kind=next(iter(services.CONSULTATION_KINDS)), matters="是否同意公开",
                     served_on=dt.date(2025, 3, 5))
    pin_today(dt.date(2025, 4, 30))  # the 15-working-day window is long over: the case has resumed
    app.refresh_from_db()
    services.refresh_clock(app)
    app.save()
    assert Application.objects.get(pk=app.pk).status == Status.IN_PROGRESS
    client.force_login(staff["a_handler"])
    html = client.get(reverse("case", args=[app.pk])).content.decode()
    assert f'action="/staff/applications/{app.pk}/consultation_reply/"' in html
    consultation = services.open_consultations(app)[0]
    services.record_consultation_reply(Application.objects.get(pk=app.pk), staff["a_handler"], dt.date(2025, 4, 30),
                                       consultation_id=consultation.id, opinion="object")
