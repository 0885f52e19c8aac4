"""The mailbox's history is append-only in the database too (gongkai/core/dbguard.py): the message
timeline and the log of reads of writers' personal data."""

from django.db import migrations

from gongkai.core import dbguard

TABLES = [
    ("mailbox_messageevent", "来信办理记录"),
    ("mailbox_readlog", "来信个人信息查阅记录"),
]


def forwards(apps, schema_editor):
    dbguard.install(schema_editor, TABLES)


def backwards(apps, schema_editor):
    # Only these tables' triggers: dbguard.remove would also drop PostgreSQL's shared function.
    qn = schema_editor.quote_name
    for table, _label in TABLES:
        for name in dbguard.trigger_names(schema_editor.connection.vendor, table):
            on = f" ON {qn(table)}" if schema_editor.connection.vendor == "postgresql" else ""
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {qn(name)}{on}", params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_append_only_guard"),
        ("mailbox", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
