"""The demo world: complete coverage of channels, applicant columns and outcomes, a realistic open
workload, valid identifiers, and an idempotent loader."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from gongkai.agencies.models import Agency, Membership
from gongkai.applications.models import (
    OPEN_STATUSES,
    ApplicantKind,
    Application,
    Channel,
    EventKind,
    OrgType,
    TimelineEvent,
)
from gongkai.applications.queries import Marks
from gongkai.law import identifiers, outcomes
from gongkai.letters.models import Letter
from gongkai.remedies.models import RemedyCase


@pytest.fixture(autouse=True)
def _fixed_today(pin_today):
    """The demo is built relative to today; pin today inside the built-in holiday data (2019–2026)
    so the test does not depend on when it runs — unless GONGKAI_TODAY pins it: ``make test-dates``
    then builds the demo on 31 December and on the first Monday of a year whose holidays are only
    provisional, where it must load without a warning too."""
    import datetime as dt

    from gongkai.law import today as law_today

    pin_today(law_today.pinned_from_env() or dt.date(2026, 11, 20))


def test_every_demo_organ_names_its_reconsideration_organ_and_court():
    # legal-review.md B12: without both names no answer letter can be issued (make run, load_demo).
    from gongkai.demo.world import AGENCIES

    for spec in AGENCIES:
        assert spec["reconsideration_organ"].strip() and spec["court"].strip(), spec["code"]


def counts():
    return (Application.objects.count(), TimelineEvent.objects.count(), Letter.objects.count(),
            get_user_model().objects.count())


@pytest.mark.django_db
def test_load_demo_builds_a_complete_world_and_is_idempotent(capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "已载入演示数据" in out
    assert "警告" not in out

    # Nothing in the whole demo world is dated after today (issue 15), on any day it is loaded.
    from gongkai.law import today as law_today

    from .helpers import future_values

    assert future_values(law_today.today()) == []

    apps = Application.objects.all()
    assert apps.count() >= 200
    assert set(apps.values_list("channel", flat=True)) == set(Channel.values)
    assert apps.filter(is_oral=True).exists()
    assert apps.filter(applicant_kind=ApplicantKind.NATURAL_PERSON).exists()
    org_types = set(apps.filter(applicant_kind=ApplicantKind.ORGANISATION).values_list("org_type", flat=True))
    assert org_types == set(OrgType.values)
    present = set(apps.exclude(outcome="").values_list("outcome", flat=True))
    assert present == {oc.code for oc in outcomes.LEAVES}
    for oc in outcomes.LEAVES:
        assert apps.filter(outcome=oc.code).count() >= 2, oc.code

    # Organs and staff.
    shi = Agency.objects.get(code="shi")
    assert Agency.objects.filter(parent=shi).count() == 5
    assert all(identifiers.validate_uscc(a.uscc) == a.uscc for a in Agency.objects.all())
    assert Agency.objects.get(code="zrzy").reconsideration_organ == "示例市人民政府"
    # legal-review.md B12: answers need both names, so every demo organ has them.
    assert all(a.missing_remedy_fields() == [] for a in Agency.objects.all())
    assert Membership.objects.filter(user__username="supervisor", agency=shi, role=Membership.SUPERVISOR).exists()
    assert Membership.objects.filter(user__username="zjj_reviewer", role=Membership.REVIEWER).exists()
    assert get_user_model().objects.get(username="admin").check_password("demo12345")

    # Every kind of act happened, through the services.
    events = TimelineEvent.objects
    for kind in (EventKind.CORRECTION_REQUESTED, EventKind.CORRECTION_RECEIVED, EventKind.CONSULTATION_SENT,
                 EventKind.CONSULTATION_ANSWERED, EventKind.EXTENSION, EventKind.DEFERRAL,
                 EventKind.FEE_NOTICE_SENT, EventKind.FEE_PAID, EventKind.DELIVERED, EventKind.WITHDRAWN,
                 EventKind.SUPPLEMENTARY_ANSWER):
        assert events.filter(kind=kind).exists(), kind
    assert {e.data["scale"] for e in events.filter(kind=EventKind.FEE_NOTICE_SENT)} == {"per_piece", "per_volume"}
    assert events.filter(kind=EventKind.CONSULTATION_ANSWERED, data__opinion="none").exists()  # window lapsed
    for ext in events.filter(kind=EventKind.EXTENSION):
        assert Membership.objects.filter(user=ext.actor, agency=ext.application.agency,
                                         role=Membership.REVIEWER).exists()
    assert Letter.objects.filter(kind="answer_letter").count() >= 150
    assert RemedyCase.objects.filter(kind=RemedyCase.RECONSIDERATION, result=RemedyCase.UPHELD).exists()
    assert RemedyCase.objects.filter(kind=RemedyCase.RECONSIDERATION, result=RemedyCase.CORRECTED).exists()
    assert RemedyCase.objects.filter(kind=RemedyCase.LITIGATION, litigation_path=RemedyCase.DIRECT).exists()
    assert RemedyCase.objects.filter(kind=RemedyCase.LITIGATION, litigation_path=RemedyCase.AFTER_RECONSIDERATION,
                                     prior__isnull=False).exists()
    assert not RemedyCase.objects.filter(application__isnull=True).exists()

    # A realistic workload is open today.
    marks = Marks.now()
    rows = [marks.row(a) for a in apps.filter(status__in=OPEN_STATUSES)]
    assert 20 <= len(rows) <= 35
    assert sum(r["overdue"] for r in rows) >= 2
    assert sum(r["due_soon"] for r in rows) >= 3
    assert sum(r["confirm_late"] for r in rows) >= 2
    if marks.today >= dt.date(2026, 12, 1):  # dates reaching 2027 are provisional (domain.md 3.1)
        assert sum(r["provisional"] for r in rows) >= 2
    assert {"pending", "in_progress", "awaiting_correction", "paused", "decided"} <= set(
        apps.filter(status__in=OPEN_STATUSES).values_list("status", flat=True))

    # Applicants' identifiers are valid.
    for app in apps:
        if app.applicant_kind == ApplicantKind.ORGANISATION:
            assert identifiers.validate_uscc(app.id_number) == app.id_number
        elif app.id_type == "resident_id":
            assert identifiers.validate_resident_id(app.id_number) == app.id_number
        assert identifiers.validate_mobile(app.phone) == app.phone
        if app.email:
            identifiers.validate_email(app.email)

    _every_login_lands_on_real_work()

    # Idempotent: a second run changes nothing.
    before = counts()
    call_command("load_demo")
    assert "演示数据已存在，未做更改" in capsys.readouterr().out
    assert counts() == before


EMPTY_LISTS = ("没有符合条件", "暂无")


def _every_login_lands_on_real_work():
    """Issue 15: each demo login lands on its role's first page, and in the demo that page shows work,
    not an empty list; the city government's reviewer lands on an answer waiting for the signature."""
    from django.test import Client

    from gongkai.accounts.landing import SIGN_QUEUE, landing_url
    from gongkai.applications.models import Status
    from gongkai.demo.applications import logins

    users = get_user_model().objects
    for username in [u for u, _, _ in logins()] + ["shi_secrecy"]:
        user = users.get(username=username)
        url = landing_url(user)
        client = Client()
        client.force_login(user)
        response = client.get(url)
        page = response.content.decode()
        assert response.status_code == 200 and not [w for w in EMPTY_LISTS if w in page], (username, url)
    shi_reviewer = users.get(username="shi_reviewer")
    assert landing_url(shi_reviewer).endswith("?scope=agency&status=decided") and SIGN_QUEUE["status"] == "decided"
    assert Application.objects.filter(agency__code="shi", status=Status.DECIDED).exists()


@pytest.mark.django_db
def test_demo_info_lists_urls_and_logins(capsys):
    call_command("demo_info")
    out = capsys.readouterr().out
    for text in ("http://127.0.0.1:8000/", "/apply/", "/query/", "/staff/", "/staff/supervision/", "/admin/",
                 "demo12345", "supervisor", "shi_reviewer", "xian_handler", "尚未载入演示数据"):
        assert text in out


@pytest.mark.django_db
def test_demo_info_shows_the_address_make_run_serves(capsys):
    call_command("demo_info", "--base", "http://127.0.0.1:8123/")
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8123/apply/" in out and "8000" not in out
