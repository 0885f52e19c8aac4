import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command

from gongkai.holidays import services
from gongkai.holidays.models import CalendarYear


@pytest.mark.django_db
def test_november_reminder_until_next_year_is_complete(pin_today, django_user_model, django_capture_on_commit_callbacks):
    django_user_model.objects.create_superuser("root", "root@example.com", "pw-123456")
    assert services.missing_next_year(dt.date(2026, 10, 31)) is None
    assert services.missing_next_year(dt.date(2026, 11, 1)) == 2027
    pin_today(dt.date(2026, 11, 1))
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("calendar_reminder", stdout=out)
    assert "2027年节假日安排尚未录入" in out.getvalue()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["root@example.com"]
    with django_capture_on_commit_callbacks(execute=True):  # the same day again: not a second e-mail
        call_command("calendar_reminder", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    CalendarYear.objects.create(year=2027, complete=True)
    assert services.missing_next_year(dt.date(2026, 11, 8)) is None


def test_reminder_days_are_weekly_from_the_first_of_november():
    days = [d for d in (dt.date(2026, 10, 25) + dt.timedelta(n) for n in range(60)) if services.is_reminder_day(d)]
    assert days == [dt.date(2026, 11, 1), dt.date(2026, 11, 8), dt.date(2026, 11, 15), dt.date(2026, 11, 22),
                    dt.date(2026, 11, 29), dt.date(2026, 12, 6), dt.date(2026, 12, 13), dt.date(2026, 12, 20)]
