"""The 建议提案 demo: a dozen proposals across the organs in every state, every classification and
feedback, most with a 复文 published through the publishing workflow (so the public column lists
them), the rest not public; nothing dated after yesterday but the answer deadlines — on 31 December
and early in a year alike; idempotent."""

import datetime as dt

import pytest

from gongkai.agencies.models import Agency
from gongkai.demo import proposals as demo
from gongkai.demo import publishing
from gongkai.demo.applications import Demo
from gongkai.law import proposals as rule
from gongkai.proposals import access
from gongkai.proposals.models import Proposal
from gongkai.publishing.models import CatalogueNode, PublicationEvent

from .helpers import future_values


@pytest.mark.django_db
@pytest.mark.parametrize("day", [dt.date(2026, 12, 31), dt.date(2027, 1, 4)])
def test_proposals_demo(day, pin_today):
    pin_today(day)
    world = Demo()
    world.build_organs()
    world.build_staff()
    publishing.load_documents(count=40)
    result = demo.load()
    assert result == {"proposals": len(demo.PLAN), "published": 9}
    rows = Proposal.objects.all()
    assert {p.status for p in rows} == {s for s, _ in rule.STATES}
    assert {p.classification for p in rows} - {""} == {"A", "B", "C"}
    assert {p.feedback for p in rows} - {""} == {f for f, _ in rule.FEEDBACK}
    assert len({p.lead_id for p in rows}) == 6 and rows.filter(co_handlers__isnull=False).exists()
    assert any(rule.overdue(p.due_on, p.status, day) for p in rows)
    assert any(p.answered_on and not p.on_time for p in rows)
    public = access.public_results()
    assert public.count() == 9 and public.filter(publication_mode="summary").exists()
    # Each published through the review: submitted, 科室审核, 保密审查, published (back-dated with a reason).
    for p in public:
        kinds = list(p.document.events.values_list("kind", flat=True))
        assert kinds[:4] == ["created", "submitted", "section_approved", "secrecy_approved"], kinds
        assert PublicationEvent.BACKDATED in kinds and p.document.published_at.date() < day
    assert rows.filter(document__status="section_review").count() == 1
    assert CatalogueNode.objects.filter(item_code="建议提案办理").count() == Agency.objects.count()
    assert future_values(day - dt.timedelta(days=1), ("proposals",)) == []
    assert demo.load() is None and Proposal.objects.count() == len(demo.PLAN)
