"""Index storage.

``SearchEntry`` is the one table the application writes: the segmented text of a public document in
three columns (title / metadata / body). The engine-specific index is derived from it by the
database itself, created by migration 0001 according to the vendor:

- SQLite: an FTS5 external-content table ``search_fts(title_tokens, meta_tokens, body_tokens)``
  (tokenizer ``unicode61`` over the space-separated tokens), kept in step by triggers on
  ``search_searchentry``.
- PostgreSQL: a generated ``tsvector`` column ``search_searchentry.vector`` (title weight A,
  metadata B, body D; ``to_tsvector('simple', ...)``) with a GIN index.

If a later migration alters ``search_searchentry`` on SQLite (Django remakes the table), the triggers
are dropped: ``index.rebuild()`` recreates them (``backends.ensure_schema``).
"""

from django.db import models

from gongkai.publishing.models import Document


class SearchEntry(models.Model):
    document = models.OneToOneField(Document, primary_key=True, on_delete=models.CASCADE,
                                    related_name="search_entry")
    title_tokens = models.TextField(blank=True)
    meta_tokens = models.TextField(blank=True)
    body_tokens = models.TextField(blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "检索索引条目"
        verbose_name_plural = "检索索引条目"

    def __str__(self):
        return f"检索索引 #{self.document_id}"
