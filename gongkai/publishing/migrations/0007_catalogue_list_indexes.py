# The catalogue pages at 300k documents (bench/public_pages_bench.py): the documents of a column
# subtree are read from the link table's (column, document) index alone, and checked for being public
# and sorted by date on doc_public_by_id alone (never on whole document rows). An organ's list in the
# policy library filtered by 文种 or 有效性 too is read on doc_public_agency alone.

from django.db import migrations, models

LINK_INDEX = "publishing_document_columns_node_doc"


class Migration(migrations.Migration):

    dependencies = [
        ('publishing', '0006_document_version'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='document',
            name='doc_public_agency',
        ),
        migrations.AddIndex(
            model_name='document',
            index=models.Index(fields=['agency', 'status', 'disclosure_attribute', 'published_at', 'doc_type', 'validity'], name='doc_public_agency'),
        ),
        migrations.RemoveIndex(
            model_name='document',
            name='doc_public_by_id',
        ),
        migrations.AddIndex(
            model_name='document',
            index=models.Index(fields=['id', 'status', 'disclosure_attribute', 'published_at'], name='doc_public_by_id'),
        ),
        # The link table of Document.columns is created by Django (no Meta of its own): plain SQL, the
        # same on SQLite and PostgreSQL.
        migrations.RunSQL(
            f'CREATE INDEX "{LINK_INDEX}" ON "publishing_document_columns" ("cataloguenode_id", "document_id")',
            reverse_sql=f'DROP INDEX "{LINK_INDEX}"',
        ),
    ]
