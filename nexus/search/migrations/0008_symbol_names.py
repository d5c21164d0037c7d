from django.db import migrations

from nexus.search import sql


def documents_refresh(apps, schema_editor) -> None:  # noqa: ANN001 - migration signature
    """The documents that hold such names (a minute at a million jobs: their text is read once)."""
    from nexus.search.document import documents_of_symbol_names_refresh

    documents_of_symbol_names_refresh()


class Migration(migrations.Migration):
    """Text read through search_text: C++, C# and the like become words of their own (sql.SEARCH_TEXT)."""

    dependencies = [("search", "0007_lexicon")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, documents_refresh),  # reversed: refreshed as they were
        migrations.RunSQL(
            sql=[sql.SEARCH_TEXT, sql.source_view(text=sql.SEARCH_TEXT_FUNCTION)],
            reverse_sql=[sql.source_view(text=sql.UNACCENTED), "DROP FUNCTION IF EXISTS search_text(text)"],
        ),
        migrations.RunPython(documents_refresh, migrations.RunPython.noop),
    ]
