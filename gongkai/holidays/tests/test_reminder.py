import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command

from gongkai.holidays import services
from gongkai.holidays.models import CalendarYear


@pytest.mark.django_db
def test_november_reminder_until_next_year_is_complete(monkeypatch, django_user_model):
    django_user_model.objects.create_superuser("root", "root@example.com", "pw-123456")
    assert services.missing_next_year(dt.date(2026, 10, 31)) is None
    assert services.missing_next_year(dt.date(2026, 11, 1)) == 2027
    monkeypatch.setattr(services, "missing_next_year", lambda: 2027)
    out = io.StringIO()
    call_command("calendar_reminder", stdout=out)
    assert "2027年节假日安排尚未录入" in out.getvalue()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["root@example.com"]
    CalendarYear.objects.create(year=2027, complete=True)
    monkeypatch.undo()
    assert services.missing_next_year(dt.date(2026, 11, 8)) is None
