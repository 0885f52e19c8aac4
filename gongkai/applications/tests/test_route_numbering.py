"""Routing a case to another organ gives it that organ's next 登记编号 (unique only per organ);
the old number stays on the timeline (issue 15 follow-up)."""

import threading

import pytest
from django.db import connection, connections
from django.urls import reverse

from conftest import applicant_data
from gongkai.applications import services
from gongkai.applications.models import Application, EventKind


@pytest.fixture
def a_case(tree):
    return services.submit_online(tree["a"], applicant_data(), [])


def test_routed_case_gets_a_fresh_number_and_the_receiving_organ_keeps_numbering(tree, staff, a_case):
    old = a_case.reference
    services.route(a_case, staff["a_handler"], tree["b"], reason="属乙局职责")
    routed = Application.objects.get(pk=a_case.pk)
    # B's own next application must not collide with the routed case.
    own = services.submit_online(tree["b"], applicant_data(name="李四"), [])
    refs = list(Application.objects.filter(agency=tree["b"]).values_list("reference", flat=True))
    assert len(refs) == len(set(refs)) == 2
    assert routed.reference != own.reference
    ev = routed.events.get(kind=EventKind.ROUTED)
    assert ev.data["from_reference"] == old and ev.data["to_reference"] == routed.reference


def test_routing_into_an_organ_that_already_used_the_number(tree, staff, a_case):
    b_first = services.submit_online(tree["b"], applicant_data(name="李四"), [])
    assert b_first.reference == a_case.reference  # the same serial in two organs: allowed
    services.route(a_case, staff["a_handler"], tree["b"], reason="属乙局职责")
    routed = Application.objects.get(pk=a_case.pk)
    assert routed.agency == tree["b"] and routed.reference not in ("", b_first.reference)
    assert routed.reference.startswith(f"{routed.submitted_on.year}-")


def test_case_page_shows_the_old_number(client, tree, staff, a_case):
    old = a_case.reference
    services.route(a_case, staff["a_handler"], tree["b"], reason="属乙局职责")
    client.force_login(staff["b_handler"])
    page = client.get(reverse("case", args=[a_case.pk])).content.decode()
    assert f"原登记编号{old}" in page


@pytest.mark.skipif(connection.vendor != "postgresql", reason="真实并发需要 PostgreSQL（SQLite 串行化写入）")
@pytest.mark.django_db(transaction=True)
def test_routing_and_a_new_application_at_the_same_moment_get_distinct_numbers(tree, staff):
    cases = [services.submit_online(tree["a"], applicant_data(), []) for _ in range(3)]
    barrier = threading.Barrier(len(cases) + 3)
    errors = []

    def run(step):
        try:
            barrier.wait()
            step()
        except Exception as e:  # noqa: BLE001 - any failure is the test's finding
            errors.append(repr(e))
        finally:
            connections.close_all()

    steps = [lambda c=c: services.route(c, staff["a_handler"], tree["b"], reason="属乙局职责") for c in cases]
    steps += [lambda: services.submit_online(tree["b"], applicant_data(name="李四"), []) for _ in range(3)]
    threads = [threading.Thread(target=run, args=(s,)) for s in steps]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    refs = list(Application.objects.filter(agency=tree["b"]).values_list("reference", flat=True))
    assert len(refs) == len(set(refs)) == 6
