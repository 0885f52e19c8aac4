"""The leak guard demo (gongkai/demo/screening.py): in 示例市人民政府 one document waits at 保密审查 with
its attachments' hidden content found (a Word comment naming a mobile number, the author property, a
hidden sheet) and open; one published document had its attachment replaced by the clean copy (the
original kept, a timeline entry) and a finding accepted with a reason; nothing dated after today — on
31 December and early in a year alike; idempotent."""

import datetime as dt

import pytest

from gongkai.demo import publishing
from gongkai.demo import screening as demo
from gongkai.demo.applications import Demo
from gongkai.publishing.models import DocStatus, Document, PublicationEvent
from gongkai.screening import gate
from gongkai.screening.models import Decision, KeptOriginal

from .helpers import future_values


@pytest.mark.django_db
@pytest.mark.parametrize("day", [dt.date(2026, 12, 31), dt.date(2027, 1, 4)])
def test_leak_guard_demo(day, pin_today):
    pin_today(day)
    world = Demo()
    world.build_organs()
    world.build_staff()
    publishing.grant_publishing_roles()
    result = demo.load()
    assert result["waiting"] == 1 and result["published"] == 1

    waiting = Document.objects.get(agency__code="shi", title=demo.WAITING_TITLE)
    assert waiting.status == DocStatus.SECRECY_REVIEW
    items = gate.open_items(waiting)
    assert result["open"] == len(items) and gate.refusal(waiting)
    docx = [i for i in items if i.attachment and i.attachment.original_name.endswith(".docx")]
    xlsx = [i for i in items if i.attachment and i.attachment.original_name.endswith(".xlsx")]
    assert any(i.label == "批注" and "139****1234" in i.excerpt for i in docx)
    assert any(i.label == "文档属性" and "作者" in i.place for i in docx)
    assert any(i.label == "隐藏工作表" and "底稿" in i.place for i in xlsx)
    assert "13907991234" not in " ".join(i.excerpt for i in items)  # excerpts are masked

    done = Document.objects.get(agency__code="shi", title=demo.PUBLISHED_TITLE)
    assert done.status == DocStatus.PUBLISHED and gate.open_items(done) == []
    kinds = list(done.events.values_list("kind", flat=True))
    assert PublicationEvent.CLEAN_COPY in kinds and PublicationEvent.FINDING_ACCEPTED in kinds
    assert kinds.index(PublicationEvent.CLEAN_COPY) < kinds.index(PublicationEvent.SECRECY_APPROVED)
    kept = KeptOriginal.objects.get(attachment__document=done)
    assert kept.actor.username == "shi_secrecy" and {r["label"] for r in kept.removed} >= {"批注", "文档属性"}
    decision = Decision.objects.get(document=done)
    assert decision.actor.username == "shi_secrecy" and decision.reason == demo.ACCEPT_REASON

    assert future_values(day, ("publishing", "screening")) == []
    assert demo.load() is None
    assert Document.objects.filter(title__in=(demo.WAITING_TITLE, demo.PUBLISHED_TITLE)).count() == 2
