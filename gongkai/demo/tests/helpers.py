"""Shared checks of the demo tests."""

import datetime as dt

from django.apps import apps
from django.db import models
from django.utils import timezone

from gongkai.law import today as law_today

# Dates that lie ahead by nature: deadlines, expiry dates, a consultation's closing day.
FORWARD = {
    ("applications", "application", "due_on"), ("applications", "application", "due_earliest"),
    ("applications", "application", "confirm_due_by"), ("reports", "annualreport", "deadline_override"),
    ("publishing", "consultation", "ends_on"), ("publishing", "document", "expires_on"),
    ("publishing", "document", "scheduled_for"),
    ("mailbox", "message", "due_on"),  # a 领导信箱 message's answer deadline
    ("proposals", "proposal", "due_on"),  # a 建议提案's answer deadline
}


def _is_record_stamp(field) -> bool:
    """Stamps the database sets on insert (real time, never back-dated)."""
    return getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False) \
        or field.default in (timezone.now, law_today.now)


def future_values(day: dt.date, labels=None) -> list[str]:
    """Every date or moment after ``day`` in the tables of the apps ``labels`` (all apps if None)."""
    found = []
    end = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()), law_today.CHINA_TZ)
    configs = [apps.get_app_config(label) for label in labels] if labels else apps.get_app_configs()
    for config in configs:
        for model in config.get_models():
            for field in model._meta.concrete_fields:
                key = (config.label, model._meta.model_name, field.name)
                if key in FORWARD or _is_record_stamp(field):
                    continue
                if isinstance(field, models.DateTimeField):
                    late = model.objects.filter(**{f"{field.name}__gte": end})
                elif isinstance(field, models.DateField):
                    late = model.objects.filter(**{f"{field.name}__gt": day})
                else:
                    continue
                if late.exists():
                    found.append(f"{key}: {late.count()}")
    return found
