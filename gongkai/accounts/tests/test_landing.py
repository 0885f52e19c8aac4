"""After signing in, each role lands on its own queue (issue 15, item 6): the reviewer on 待签发 (or
待审核 when only documents wait), the supervisor on 督办, the handler on the workbench; a page named
in ?next= still wins."""

import pytest
from django.urls import reverse

from gongkai.agencies.models import Membership
from gongkai.applications.models import Status


def _sign_in(client, username, **extra):
    return client.post(reverse("login"), {"username": username, "password": "pw-123456", **extra})


@pytest.mark.django_db
@pytest.mark.parametrize("username, expected", [
    ("a_handler", reverse("workbench")),
    ("a_reviewer", reverse("workbench") + "?scope=agency"),  # nothing waits: the organ's open cases
    ("supervisor", reverse("supervision")),
])
def test_each_role_lands_on_its_queue(client, staff, username, expected):
    resp = _sign_in(client, username)
    assert resp.status_code == 302 and resp.url == expected
    assert client.get(resp.url).status_code == 200


@pytest.mark.django_db
def test_a_reviewer_with_nothing_to_sign_or_review_sees_the_organs_open_cases(client, staff, received_app):
    app = received_app()  # open, assigned to nobody in particular: not in the reviewer's own cases
    resp = _sign_in(client, "a_reviewer")
    assert resp.url == reverse("workbench") + "?scope=agency"
    page = client.get(resp.url).content.decode()
    assert app.reference in page and "没有符合条件的申请" not in page


@pytest.mark.django_db
def test_the_platform_administrator_lands_on_every_open_case(client, tree, staff, received_app, make_user):
    app = received_app()
    make_user("root", superuser=True)
    resp = _sign_in(client, "root")
    assert resp.url == reverse("workbench") + "?scope=agency"
    assert app.reference in client.get(resp.url).content.decode()


@pytest.mark.django_db
def test_reviewer_lands_on_signing_queue_that_holds_the_decided_case(client, staff, received_app):
    app = received_app()
    app.status = Status.DECIDED
    app.save(update_fields=["status"])
    page = client.get(_sign_in(client, "a_reviewer").url).content.decode()
    assert app.reference in page


@pytest.mark.django_db
def test_reviewer_with_documents_waiting_and_no_answers_lands_on_section_review(client, tree, make_user):
    from gongkai.publishing.models import DocStatus, Document

    make_user("head", tree["a"], Membership.REVIEWER)
    doc = Document(agency=tree["a"], title="待审核的文件", status=DocStatus.SECTION_REVIEW)
    Document.objects.bulk_create([doc])
    resp = _sign_in(client, "head")
    assert resp.url == reverse("doc-list") + "?status=section_review"
    assert "待审核的文件" in client.get(resp.url).content.decode()


@pytest.mark.django_db
def test_secrecy_reviewer_lands_on_secrecy_queue(client, tree, make_user):
    make_user("secret", tree["a"], Membership.SECRECY)
    assert _sign_in(client, "secret").url == reverse("doc-list") + "?status=secrecy_review"


@pytest.mark.django_db
def test_next_wins_over_the_landing(client, staff):
    resp = _sign_in(client, "supervisor", next=reverse("remedies"))
    assert resp.url == reverse("remedies")
