"""The 领导信箱 demo: a mailbox per organ and messages in every state, nothing dated after yesterday
but the answer deadlines, no e-mail to the fictional writers, idempotent."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from gongkai.law import mailbox as rules
from gongkai.law import today as law_today
from gongkai.mailbox.models import Mailbox, Message, Reply

from .helpers import future_values


@pytest.mark.django_db
def test_mailbox_demo_has_every_state(capsys, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo")
    assert "已载入领导信箱演示数据" in capsys.readouterr().out
    assert Mailbox.objects.count() == 6
    states = set(Message.objects.values_list("status", flat=True))
    assert states == {s for s, _ in rules.STATUSES}
    assert Reply.objects.filter(published=True, message__consent_publish=True).exists()
    assert not Reply.objects.filter(published=True, message__consent_publish=False).exists()
    assert Reply.objects.filter(message__status=rules.REPLIED, published=False).exists()
    assert Message.objects.filter(application__outcome="5.1").exists()  # brought from an application
    today = law_today.today()
    assert any(rules.is_overdue(m.status, m.due_on, today) for m in Message.objects.all())
    assert future_values(today - dt.timedelta(days=1), ("mailbox",)) == []
    assert not [m for m in mail.outbox if "example.com" in ",".join(m.to) and "信箱" in m.subject]
    before = Message.objects.count()
    call_command("load_demo")
    assert Message.objects.count() == before
