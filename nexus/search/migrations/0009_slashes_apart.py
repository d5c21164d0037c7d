from django.db import migrations

from nexus.search import sql
from nexus.search.document import documents_and_lexicon_rebuild


class Migration(migrations.Migration):
    """Documents and queries read a slash as a word's end (sql.SLASHES_APART): `ux` finds a UI/UX Designer."""

    dependencies = [("search", "0008_document_words")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, documents_and_lexicon_rebuild),  # reversed: rebuilt as they were
        migrations.RunSQL(
            sql=[sql.search_text_function(since=9)], reverse_sql=[sql.search_text_function(since=8)]
        ),
        migrations.RunPython(documents_and_lexicon_rebuild, migrations.RunPython.noop),
    ]
