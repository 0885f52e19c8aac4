"""Tell the applicant: ``notify(event_id)`` runs once the event's transaction has committed
(``signals.py``), composes the message (``facts.py`` → ``messages.py``) and sends it by every channel
the applicant gave — e-mail when there is an address, SMS when the contact phone is a mobile — each
once per event: a ``Notification`` row per (event, channel), the e-mail through the queue's
``send_mail`` under the key ``application-event:<event id>``, the SMS by ``tasks.deliver_sms``.

Why both channels and not only the chosen 获取方式: these messages are not the service (送达) of any
letter — that follows the applicant's choice, as before — but news of the case, sent to the contact
details the applicant wrote on the form for being contacted.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from gongkai.applications.models import TimelineEvent

from . import messages
from .facts import facts_for
from .models import Notification, mail_key
from .sms import mobile_of


def notify(event_id: int) -> list[Notification]:
    """Compose and queue the messages of one timeline event; a second call sends nothing again."""
    event = TimelineEvent.objects.select_related("application__agency").filter(pk=event_id).first()
    if event is None:
        return []
    facts = facts_for(event)
    message = messages.compose(facts) if facts else None
    if message is None:
        return []
    app = event.application
    created = []
    if app.email:
        row = _claim_row(event, Notification.EMAIL, facts.kind, message.subject, message.body)
        if row is not None:
            from gongkai.jobs.mail import send_mail

            send_mail(mail_key(event.pk), message.subject, message.body, [app.email])
            created.append(row)
    if mobile_of(app.phone):
        row = _claim_row(event, Notification.SMS, facts.kind, message.subject, message.sms)
        if row is not None:
            from .tasks import deliver_sms

            transaction.on_commit(lambda pk=row.pk: deliver_sms(pk), robust=True)
            created.append(row)
    return created


def _claim_row(event, channel, kind, subject, body) -> Notification | None:
    """The row of (event, channel), or None when it exists already (the event was announced)."""
    try:
        with transaction.atomic():
            return Notification.objects.create(application_id=event.application_id, event=event, channel=channel,
                                               kind=kind, subject=subject[:200], body=body)
    except IntegrityError:
        return None

