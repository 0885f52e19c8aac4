"""The message timeline and the read log are append-only, in Python and in the database."""

import pytest
from django.db import IntegrityError, connection, transaction

from gongkai.core.errors import AppendOnlyError, GongkaiError
from gongkai.mailbox import access
from gongkai.mailbox.models import MessageEvent, ReadLog


@pytest.mark.parametrize("model", [MessageEvent, ReadLog])
def test_history_cannot_change(staff, message, model):
    msg = message()
    access.log_read(staff["a_handler"], msg, "查看来信")
    row = model.objects.first()
    field = "what" if model is ReadLog else "note"
    with pytest.raises(AppendOnlyError):
        model.objects.filter(pk=row.pk).update(**{field: "x"})
    with pytest.raises(AppendOnlyError):
        row.delete()
    table = model._meta.db_table
    for sql in (f"UPDATE {table} SET at = at WHERE id = %s", f"DELETE FROM {table} WHERE id = %s"):
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [row.pk])


def test_no_application_brought_before_receipt(client, staff, mailbox, tree):
    from conftest import applicant_data
    from gongkai.applications import services as app_services
    from gongkai.mailbox import conversion
    from gongkai.mailbox.models import Message

    app = app_services.submit_online(tree["a"], applicant_data(), [])  # not yet confirmed (Art. 31)
    with pytest.raises(GongkaiError, match="作出决定"):
        conversion.from_application(app, staff["a_handler"])
    assert not Message.objects.exists()
    client.force_login(staff["a_handler"])
    assert "转入信箱办理" not in client.get(f"/staff/applications/{app.pk}/").content.decode()
