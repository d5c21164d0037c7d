from django.db import migrations

from nexus.search import sql
from nexus.search.document import documents_and_lexicon_rebuild


class Migration(migrations.Migration):
    """Documents and queries read Chinese, Japanese and Korean text as bigrams (sql.cjk_bigrams_function): `開発者`
    finds a ソフトウェア開発者."""

    dependencies = [("search", "0009_slashes_apart")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, documents_and_lexicon_rebuild),  # reversed: rebuilt as they were
        migrations.RunSQL(
            sql=[sql.cjk_bigrams_function(since=10), sql.search_text_function(since=10)],
            reverse_sql=[sql.search_text_function(since=9), "DROP FUNCTION search_cjk_bigrams(text)"],
        ),
        migrations.RunPython(documents_and_lexicon_rebuild, migrations.RunPython.noop),
    ]
