from django.db import migrations, models

from nexus.search import sql


def lexicon_build(apps, schema_editor) -> None:  # noqa: ANN001 - migration signature
    """The lexemes of the documents already there (a minute at a million jobs)."""
    from nexus.search.document import lexicon_rebuild

    lexicon_rebuild()


class Migration(migrations.Migration):
    """The lexicon: every lexeme the documents hold, kept by the documents' refresh (for the query's prefix)."""

    dependencies = [("search", "0006_location_index_newest_first")]

    operations = [
        migrations.CreateModel(
            name="Lexeme",
            fields=[("lexeme", models.TextField(db_collation="C", primary_key=True, serialize=False))],
            options={"db_table": "search_lexeme"},
        ),
        migrations.RunSQL(sql=sql.refresh_function(lexicon=True), reverse_sql=sql.refresh_function(lexicon=False)),
        migrations.RunPython(lexicon_build, migrations.RunPython.noop),
    ]
