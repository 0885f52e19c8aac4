"""Shared test data of the proposals app: the organs of the root conftest's ``tree`` plus an
unrelated organ, and who works where."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.agencies.models import Agency, Membership
from gongkai.proposals import services
from gongkai.publishing import services as publishing

D = dt.date


@pytest.fixture
def cast(tree, make_user):
    H, E, R, S = Membership.HANDLER, Membership.EDITOR, Membership.REVIEWER, Membership.SECRECY
    tree["c"] = Agency.objects.create(code="deptC", name="测试市丙局", parent=None)
    return {
        "handler": make_user("p_handler", tree["a"], H, E),  # handles proposals and edits publications
        "reviewer": make_user("p_reviewer", tree["a"], H, R),
        "secrecy": make_user("p_secrecy", tree["a"], S),
        "co": make_user("p_co", tree["b"], H),
        "supervisor": make_user("p_supervisor", tree["gov"], Membership.SUPERVISOR),
        "outsider": make_user("p_outsider", tree["c"], H),
    }


def data(**over) -> dict:
    d = {"kind": "deputy", "session": "测试市第十七届人民代表大会第五次会议", "number": "第123号",
         "title": "关于加快老旧小区加装电梯的建议", "proposers": "张建国、李红梅", "assigned_on": D(2026, 3, 10)}
    d.update(over)
    return d


def registered(tree, cast, **over):
    co = over.pop("co_handlers", [tree["b"]])
    return services.register(tree["a"], cast["handler"], data(**over), co_handlers=co)


ANSWERED_ON = D(2026, 5, 20)
ANSWERED_EXAMPLE = D(2025, 2, 20)


def answered(tree, cast, on=ANSWERED_ON, classification="A", **over):
    p = registered(tree, cast, **over)
    return services.answer(p, cast["handler"], text="张建国代表：\n您提出的建议收悉，现答复如下……", classification=classification,
                           answered_on=on, reply_no="测甲建〔2026〕12号")


def publish_result(p, cast, mode="full", summary=""):
    """Through the publishing workflow: submitted by the proposal, reviewed, secrecy-checked, published."""
    p = services.submit_publication(p, cast["handler"], mode, summary)
    doc = p.document
    publishing.section_approve(doc, cast["reviewer"])
    publishing.secrecy_approve(doc, cast["secrecy"])
    publishing.publish(doc, cast["handler"])
    p.refresh_from_db()
    return p


def published_example(tree, make_user, on=ANSWERED_EXAMPLE):
    """One published result in organ A (for the browser walks and the accessibility pages); its own
    staff (p_*), so it fits beside other fixtures. Call with "today" pinned after ``on``."""
    H, E, R, S = Membership.HANDLER, Membership.EDITOR, Membership.REVIEWER, Membership.SECRECY
    people = {"handler": make_user("p_handler", tree["a"], H, E), "reviewer": make_user("p_reviewer", tree["a"], H, R),
              "secrecy": make_user("p_secrecy", tree["a"], S)}
    p = services.register(tree["a"], people["handler"], data(assigned_on=on - dt.timedelta(days=40)),
                          co_handlers=[tree["b"]])
    p = services.answer(p, people["handler"], text="张建国代表：\n您提出的建议收悉。经研究，已列入年度计划。",
                        classification="B", answered_on=on)
    return publish_result(p, people)
