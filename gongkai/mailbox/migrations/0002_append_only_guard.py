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
    # Only these tables' triggers: PostgreSQL's shared function guards other apps' tables too.
    dbguard.remove(schema_editor, TABLES, keep_function=True)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_append_only_guard"),
        ("mailbox", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
