"""Title-only searches estimated from the titles (issue 15 item 5, ``estimate.py``).

- SQLite: the ``fts5vocab`` table ``search_fts_vocab_col`` (documents per token and column, read
  from the FTS5 index; no data of its own).
- PostgreSQL: nothing (a title-only total is sampled among the newest documents, ``ranking.py``).
"""

from django.db import migrations

VOCAB_COL = "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_vocab_col USING fts5vocab(search_fts, 'col')"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(VOCAB_COL)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts_vocab_col")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_common_words"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
    ]
