from django.db import migrations, models

from nexus.search import sql


def lists_recounted(apps, schema_editor) -> None:  # noqa: ANN001 - migration signature
    """Counts exact again, and the titles of jobs never listed, which the refresh added before, gone."""
    from nexus.search.document import search_lists_rebuild

    search_lists_rebuild()


class Migration(migrations.Migration):
    """The refresh keeps autocomplete and the vocabulary current: the titles, skills, companies and cities of the jobs
    a write lists (sql.LISTS_REFRESH). A skill's entry is matched by its aliases too (sql.SUGGESTION_KEY)."""

    dependencies = [("search", "0010_cjk_bigrams")]

    operations = [
        migrations.AlterField(
            model_name="suggestion",
            name="key",
            field=models.CharField(
                help_text="The label, and a skill's aliases after it, lowercased and unaccented: what input is matched to.",
                max_length=200,
            ),
        ),
        migrations.RunSQL(
            sql=sql.refresh_function(lexicon=True, lists=True), reverse_sql=sql.refresh_function(lexicon=True)
        ),
        migrations.RunPython(lists_recounted, migrations.RunPython.noop),
    ]
