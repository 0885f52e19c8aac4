"""Text messages (短信): the adapter point for an SMS gateway, with no vendor in the code.

``settings.GONGKAI_SMS_BACKEND`` names a class (dotted path) with ``send(phone, text)``; the default,
``LogSmsBackend``, only writes a log line with the phone masked (``138****1234``) and the text, which
names no applicant (``messages.py``). A deployment plugs in its provider by writing a subclass of
``BaseSmsBackend`` that calls the provider's API and raises on refusal: ``tasks.deliver_sms`` then
retries with backoff and records the failure (README "Notifications"; ARCHITECTURE.md).
"""

from __future__ import annotations

import logging

from gongkai.law.identifiers import InvalidIdentifier, mask_phone, validate_mobile

log = logging.getLogger("gongkai.notifications")


class SmsError(Exception):
    """The gateway refused or could not be reached; the task retries."""


class BaseSmsBackend:
    """Send one text to one mainland mobile number (11 digits). Raise on failure; return on success."""

    def send(self, phone: str, text: str) -> None:
        raise NotImplementedError


class LogSmsBackend(BaseSmsBackend):
    """Development and the default: log instead of sending (the phone masked)."""

    def send(self, phone: str, text: str) -> None:
        log.info("短信（未接入短信网关，仅记录）发往 %s：%s", mask_phone(phone), text)


class LocmemSmsBackend(BaseSmsBackend):
    """Tests: keep the messages in ``LocmemSmsBackend.outbox`` as (phone, text)."""

    outbox: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> None:
        type(self).outbox.append((phone, text))


def get_backend() -> BaseSmsBackend:
    from django.conf import settings
    from django.utils.module_loading import import_string

    path = getattr(settings, "GONGKAI_SMS_BACKEND", "") or "gongkai.notifications.sms.LogSmsBackend"
    return import_string(path)()


def mobile_of(phone: str) -> str | None:
    """The 11-digit mobile number in a contact phone field, or None (a landline gets no SMS)."""
    try:
        return validate_mobile(phone or "")
    except InvalidIdentifier:
        return None
