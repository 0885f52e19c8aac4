"""Append-only history guarded in the database (issue 13): per table, triggers refusing UPDATE and
DELETE (PostgreSQL also TRUNCATE) unless the maintenance switch is on (gongkai/core/dbguard.py,
maintenance.py). Reversing drops them. The list is frozen here: a later table gets its own
migration calling dbguard.install."""

from django.db import migrations

from gongkai.core import dbguard

TABLES = [
    ("applications_timelineevent", "办理记录"),
    ("applications_accesslog", "个人信息查阅记录"),
    # which applications a bulk read (list page, export) showed unmasked: part of that log row
    ("applications_accesslog_applications", "个人信息查阅记录"),
    ("publishing_publicationevent", "发布记录"),
    ("publishing_attachmentaccesslog", "未公开附件查阅记录"),
    ("reports_reportevent", "年度报告记录"),
    ("holidays_calendarlog", "节假日安排录入记录"),
]


def forwards(apps, schema_editor):
    dbguard.install(schema_editor, TABLES)


def backwards(apps, schema_editor):
    dbguard.remove(schema_editor, TABLES)


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0004_private_files"),
        ("holidays", "0002_notice_source"),
        ("publishing", "0007_catalogue_list_indexes"),
        ("reports", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
