from django.db import migrations, models

from nexus.search import sql
from nexus.search.document import documents_and_lexicon_rebuild


def lists_rebuild(apps, schema_editor) -> None:  # noqa: ANN001 - migration signature
    """The vocabulary, which counts the country names' jobs too, and the suggestions (half a minute at a million)."""
    from nexus.search.document import search_lists_rebuild

    search_lists_rebuild()


def country_names_fill(apps, schema_editor) -> None:  # noqa: ANN001 - migration signature
    from nexus.search.countries import country_names

    CountryName = apps.get_model("search", "CountryName")  # noqa: N806 - a model class
    CountryName.objects.bulk_create(
        [CountryName(name=name, country=code) for name, code in country_names()], ignore_conflicts=True
    )


class Migration(migrations.Migration):
    """Documents read text through search_text (C++, C# and the like as words of their own) and say in words what
    the job's employment type, remote type and experience level are (sql.FIELD_WORDS) and its country's names
    (countries.py)."""

    dependencies = [("search", "0007_lexicon")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, documents_and_lexicon_rebuild),  # reversed: rebuilt as they were
        migrations.CreateModel(
            name="CountryName",
            fields=[
                ("name", models.TextField(primary_key=True, serialize=False)),
                (
                    "country",
                    models.CharField(db_index=True, help_text="ISO 3166-1 alpha-2 code.", max_length=2),
                ),
            ],
        ),
        migrations.RunPython(country_names_fill, migrations.RunPython.noop),
        migrations.RunSQL(
            sql=[sql.search_text_function(since=8), sql.source_view(filter_markers=False)],
            reverse_sql=[sql.source_view(since_0008=False), "DROP FUNCTION IF EXISTS search_text(text)"],
        ),
        migrations.RunPython(documents_and_lexicon_rebuild, migrations.RunPython.noop),
        migrations.RunPython(lists_rebuild, migrations.RunPython.noop),
    ]
