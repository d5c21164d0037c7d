from django.db import migrations

from nexus.search import sql


def documents_rebuild(apps, schema_editor) -> None:  # noqa: ANN001 - migration signature
    """Every document anew, and the lexicon from them (about 5 minutes at a million jobs, searches waiting)."""
    from nexus.search.document import documents_rebuild, lexicon_rebuild

    documents_rebuild()
    lexicon_rebuild()


class Migration(migrations.Migration):
    """Documents read text through search_text (C++, C# and the like as words of their own) and say in words what
    the job's employment type, remote type and experience level are (sql.FIELD_WORDS)."""

    dependencies = [("search", "0007_lexicon")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, documents_rebuild),  # reversed: rebuilt as they were
        migrations.RunSQL(
            sql=[sql.SEARCH_TEXT, sql.source_view()],
            reverse_sql=[sql.source_view(since_0008=False), "DROP FUNCTION IF EXISTS search_text(text)"],
        ),
        migrations.RunPython(documents_rebuild, migrations.RunPython.noop),
    ]
