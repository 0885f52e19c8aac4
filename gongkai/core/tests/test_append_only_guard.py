"""The append-only guard on the database the suite runs on (SQLite here, PostgreSQL in CI): for every
guarded table an UPDATE or DELETE through the ORM (the model's manager and the base manager), raw
SQL, the instance and a cascade from the parent is refused; inside ``maintenance()`` each passes;
after it, or after an exception in it, they are refused again; the test flush works."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import IntegrityError, connection, transaction
from django.db.models.deletion import ProtectedError
from django.utils import timezone

from gongkai.applications.models import AccessLog, TimelineEvent
from gongkai.core import dbguard
from gongkai.core.errors import AppendOnlyError
from gongkai.core.maintenance import PG_SETTING, is_on, maintenance
from gongkai.core.models import AppendOnlyModel
from gongkai.holidays.models import CalendarLog
from gongkai.letters.models import Letter
from gongkai.publishing.models import AttachmentAccessLog, Document, DocumentAttachment, PublicationEvent
from gongkai.reports.models import AnnualReport, ReportEvent

GUARDED = dict(importlib.import_module("gongkai.core.migrations.0001_append_only_guard").TABLES)


@dataclass
class Row:
    model: Any
    pk: int
    field: str  # a column to overwrite
    value: Any
    parent: Any  # deleting it reaches the row (CASCADE, or SET NULL: an UPDATE)

    @property
    def table(self) -> str:
        return self.model._meta.db_table


def refused(action, *errors):
    """``action`` fails with the append-only message; its savepoint keeps the test's transaction usable
    on PostgreSQL."""
    with pytest.raises(errors or (IntegrityError, AppendOnlyError)) as caught, transaction.atomic():
        action()
    assert "只能追加" in str(caught.value), caught.value
    return caught.value


def raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def qn(name):
    return connection.ops.quote_name(name)


@pytest.fixture
def rows(tree, staff, received_app, make_user):
    """One row in every guarded table, each with a parent of its own."""
    app = received_app()
    Letter.objects.filter(application=app).delete()  # letters protect the case; not what is tested here
    reader = make_user("reader", tree["a"])  # a user whose only trace is the access log
    log = AccessLog.objects.create(application=app, user=reader, what="case")
    log.applications.add(app)
    doc = Document.objects.create(agency=tree["a"], title="关于测试的通知")
    pub_event = PublicationEvent.objects.create(document=doc, kind=PublicationEvent.CREATED)
    attachment = DocumentAttachment.objects.create(document=Document.objects.create(agency=tree["a"], title="附件"),
                                                   file=ContentFile(b"%PDF-1.4\n", name="a.pdf"), original_name="a.pdf",
                                                   size=9)
    att_log = AttachmentAccessLog.objects.create(attachment=attachment, user=staff["a_handler"], document_status="draft")
    report = AnnualReport.objects.create(agency=tree["a"], year=2024, format_version="2021")
    report_event = ReportEvent.objects.create(report=report, kind=ReportEvent.CREATED, actor=staff["a_reviewer"])
    calendar_actor = make_user("calendar_admin")
    calendar_log = CalendarLog.objects.create(year=2030, action=CalendarLog.ENTERED, actor=calendar_actor,
                                              at=timezone.now())
    through = AccessLog.applications.through
    return {
        "applications_timelineevent": Row(TimelineEvent, app.events.first().pk, "note", "篡改", app),
        "applications_accesslog": Row(AccessLog, log.pk, "what", "篡改", reader),
        "applications_accesslog_applications": Row(through, through.objects.get(accesslog=log).pk, "application_id",
                                                   app.pk, reader),
        "publishing_publicationevent": Row(PublicationEvent, pub_event.pk, "note", "篡改", doc),
        "publishing_attachmentaccesslog": Row(AttachmentAccessLog, att_log.pk, "document_status", "published",
                                              attachment),
        "reports_reportevent": Row(ReportEvent, report_event.pk, "note", "篡改", report),
        "holidays_calendarlog": Row(CalendarLog, calendar_log.pk, "detail", "篡改", calendar_actor),
    }


@pytest.mark.django_db
def test_every_append_only_model_is_guarded_in_the_database():
    """A new AppendOnlyModel needs triggers; a migration that rebuilt a guarded table on SQLite
    (Django re-creates the table for most ALTERs, and its triggers with it) must install them again."""
    models = [m for m in apps.get_models() if issubclass(m, AppendOnlyModel)]
    # A later app's tables are guarded by that app's own migration (e.g. mailbox/0002_append_only_guard).
    for table in {m._meta.db_table for m in models} | set(GUARDED):
        assert dbguard.installed(connection, table) == set(dbguard.trigger_names(connection.vendor, table)), table


def test_the_fixture_covers_every_guarded_table(rows):
    assert set(rows) == set(GUARDED)


@pytest.mark.parametrize("table", sorted(GUARDED))
def test_update_and_delete_are_refused(rows, table):
    row = rows[table]
    model, where = row.model, {"pk": row.pk}
    # The ORM: the model's own manager (the Python guard, where the model has it) and the base
    # manager, which every model has and which no Python guard covers (the database refuses).
    refused(lambda: model.objects.filter(**where).update(**{row.field: row.value}), IntegrityError, AppendOnlyError)
    error = refused(lambda: model._base_manager.filter(**where).update(**{row.field: row.value}), IntegrityError)
    assert GUARDED[table] in str(error) and "不能修改" in str(error)
    refused(lambda: model._base_manager.filter(**where).delete(), IntegrityError)
    # Raw SQL.
    column = model._meta.get_field(row.field).column
    refused(lambda: raw(f"UPDATE {qn(table)} SET {qn(column)} = %s WHERE id = %s", [row.value, row.pk]), IntegrityError)
    error = refused(lambda: raw(f"DELETE FROM {qn(table)} WHERE id = %s", [row.pk]), IntegrityError)
    assert "不能删除" in str(error)
    # The instance (PublicationEvent keeps its own ValueError until it inherits AppendOnlyModel).
    instance = model._base_manager.get(**where)
    refused(lambda: instance.delete(), IntegrityError, AppendOnlyError, ValueError)
    # A cascade (or SET NULL) from the parent.
    refused(lambda: type(row.parent)._base_manager.get(pk=row.parent.pk).delete(), IntegrityError)
    assert model._base_manager.filter(**where).exists()


@pytest.mark.parametrize("table", sorted(GUARDED))
def test_maintenance_lets_them_through_and_only_inside(rows, table, caplog):
    row = rows[table]
    model, where = row.model, {"pk": row.pk}
    column = model._meta.get_field(row.field).column
    with maintenance("测试", who="test"):
        assert is_on()
        model.objects.filter(**where).update(**{row.field: row.value})
        raw(f"UPDATE {qn(table)} SET {qn(column)} = %s WHERE id = %s", [row.value, row.pk])
    assert "append-only guard off on default: 测试 (test)" in caplog.text
    assert not is_on()
    # Outside again: refused.
    refused(lambda: model._base_manager.filter(**where).update(**{row.field: row.value}), IntegrityError)
    refused(lambda: raw(f"DELETE FROM {qn(table)} WHERE id = %s", [row.pk]), IntegrityError)
    with maintenance("测试"):
        type(row.parent)._base_manager.get(pk=row.parent.pk).delete()  # the cascade (or SET NULL) passes
        if model._base_manager.filter(**where).exists():  # SET NULL kept the row: delete it directly
            model._base_manager.get(**where).delete()
    assert not model._base_manager.filter(**where).exists()


def test_instance_save_and_delete_refused_then_allowed(rows):
    event = TimelineEvent.objects.get(pk=rows["applications_timelineevent"].pk)
    event.note = "篡改"
    with pytest.raises(AppendOnlyError, match="办理记录只能追加，不能修改"):
        event.save()
    with pytest.raises(AppendOnlyError, match="办理记录只能追加，不能删除"):
        event.delete()
    with maintenance("测试"):
        event.save()
    assert TimelineEvent.objects.get(pk=event.pk).note == "篡改"
    # A new row is always allowed, also a copy of an old one (pk None: an insert).
    event.pk = None
    event._state.adding = True
    event.save()
    assert TimelineEvent.objects.filter(note="篡改").count() == 2
    with maintenance("测试"):
        event.delete()
    assert TimelineEvent.objects.filter(note="篡改").count() == 1


def _pg_switch():
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting(%s, true)", [PG_SETTING])
        return cursor.fetchone()[0]


def test_the_switch_is_off_after_an_exception(rows):
    row = rows["reports_reportevent"]
    with pytest.raises(RuntimeError), maintenance("测试"):
        ReportEvent.objects.filter(pk=row.pk).update(note="半途")
        raise RuntimeError("失败")
    assert not is_on()
    if connection.vendor == "postgresql":
        assert _pg_switch() in (None, "", "off")
    assert ReportEvent.objects.get(pk=row.pk).note == ""  # the block was rolled back
    refused(lambda: ReportEvent._base_manager.filter(pk=row.pk).update(note="之后"), IntegrityError)
    refused(lambda: ReportEvent.objects.filter(pk=row.pk).update(note="之后"), AppendOnlyError)


def test_nested_switches_and_the_outer_transaction(rows):
    row = rows["holidays_calendarlog"]
    with transaction.atomic():  # the switch's own transaction is a savepoint here
        with maintenance("外层"):
            with maintenance("内层"):
                CalendarLog.objects.filter(pk=row.pk).update(detail="内")
            assert is_on()
            CalendarLog.objects.filter(pk=row.pk).update(detail="外")
        assert not is_on()
        if connection.vendor == "postgresql":
            assert _pg_switch() == "off"  # SET LOCAL would last to the outer commit: turned off
        refused(lambda: CalendarLog._base_manager.filter(pk=row.pk).update(detail="之后"), IntegrityError)
    assert CalendarLog.objects.get(pk=row.pk).detail == "外"


def test_maintenance_needs_a_reason():
    with pytest.raises(ValueError), maintenance(""):
        pass


def test_deleting_an_organ_or_application_with_history_is_refused(tree, received_app):
    app = received_app()
    with pytest.raises(ProtectedError), transaction.atomic():
        tree["a"].delete()  # its applications are protected
    with pytest.raises(ProtectedError), transaction.atomic():
        app.delete()  # by its letters, when it has some
    Letter.objects.filter(application=app).delete()
    refused(lambda: app.delete(), IntegrityError)  # and by the triggers, through the timeline's cascade
    assert TimelineEvent.objects.filter(application=app).exists()


@pytest.mark.django_db(transaction=True)
def test_flush_runs_under_the_switch(tree, received_app):
    received_app()
    assert TimelineEvent.objects.exists()
    # Without the switch the database refuses to empty a guarded table …
    sql = connection.ops.sql_flush(no_style(), ["applications_timelineevent", "applications_application"],
                                   allow_cascade=True)
    with pytest.raises(IntegrityError, match="只能追加"), transaction.atomic():
        connection.ops.execute_sql_flush(sql)
    # … and `flush` (conftest.py wraps it in maintenance(), as after every transactional test) does.
    call_command("flush", interactive=False)
    assert not TimelineEvent.objects.exists() and not is_on()
