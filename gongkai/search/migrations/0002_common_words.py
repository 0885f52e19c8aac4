"""Indexes for searches of very common words (issue 15 item 5, ``ranking.py``).

- SQLite: the ``fts5vocab`` table ``search_fts_vocab`` (documents per token, read by ``estimate``).
- PostgreSQL: the RUM index ``search_searchentry_vector_rum`` (``rum_tsvector_ops``), which ranks
  from the index, where the ``rum`` extension is available (Debian: postgresql-15-rum) and this
  role may create it. Otherwise nothing: the search ranks a bounded window instead. Building it
  takes about 2 minutes at 300k documents.
"""

import logging

from django.db import DatabaseError, migrations, transaction

log = logging.getLogger("gongkai.search")

VOCAB = "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_vocab USING fts5vocab(search_fts, 'row')"
RUM = ("CREATE INDEX IF NOT EXISTS search_searchentry_vector_rum ON search_searchentry "
       "USING rum (vector rum_tsvector_ops)")


def forward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        schema_editor.execute(VOCAB)
        return
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        if cur.fetchone() is None:
            log.info("search: the rum extension is not installed; common words are ranked in a window")
            return
        try:
            with transaction.atomic(using=connection.alias):  # a savepoint: a refusal changes nothing
                cur.execute("CREATE EXTENSION IF NOT EXISTS rum")
                cur.execute(RUM)
        except DatabaseError as exc:  # e.g. a role that may not create extensions
            log.warning("search: no RUM index (%s); common words are ranked in a window", exc)


def backward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts_vocab")
    elif connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_searchentry_vector_rum")


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
    ]
