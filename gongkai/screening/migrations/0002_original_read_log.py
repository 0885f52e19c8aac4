"""The log of downloads of kept originals; append-only in the database too (gongkai/core/dbguard.py)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from gongkai.core import dbguard

TABLES = [("screening_originalreadlog", "原件下载记录")]


def forwards(apps, schema_editor):
    dbguard.install(schema_editor, TABLES)


def backwards(apps, schema_editor):
    # Only these tables' triggers: PostgreSQL's shared function guards other apps' tables too.
    dbguard.remove(schema_editor, TABLES, keep_function=True)


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_append_only_guard'),
        ('screening', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='OriginalReadLog',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(auto_now_add=True)),
                ('document_status', models.CharField(max_length=20, verbose_name='当时的状态')),
                ('original', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='read_log', to='screening.keptoriginal')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': '原件下载记录',
                'verbose_name_plural': '原件下载记录',
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
