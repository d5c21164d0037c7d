from django.db import migrations

from nexus.search import sql


def backfill(apps, schema_editor) -> None:  # noqa: ANN001 - migration signature
    """Documents for the jobs already there (minutes at a million jobs); the lexicon comes with its table (0007),
    the vocabulary and suggestions with the country names they count (0008)."""
    from nexus.search.document import documents_rebuild

    documents_rebuild()


class Migration(migrations.Migration):
    """The unaccent wrapper, the document source, the refresh function and the triggers; then a backfill."""

    dependencies = [
        ("search", "0001_initial"),
        ("core", "0001_postgres_extensions"),
        ("companies", "0002_moderation_and_list_indexes"),
        ("taxonomy", "0002_unique_path_search_indexes"),
        ("jobs", "0003_coordinates_both_or_neither"),
    ]

    operations = [
        migrations.RunSQL(sql=sql.forward(), reverse_sql=sql.backward()),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
