from django.db import migrations

from nexus.search import sql
from nexus.search.document import documents_and_lexicon_rebuild


class Migration(migrations.Migration):
    """Documents hold a marker of each skill, the company, the industry, the categories and, for a remote job, each
    country it accepts applicants from (sql.FILTER_MARKERS), so that the words' GIN index answers those list filters
    with the words; a job's document follows its industry and accepted countries, and its category's moves (documents
    rebuilt: about 5 to 12 minutes at a million jobs, searches waiting)."""

    dependencies = [("search", "0018_cjk_bigrams_plpgsql")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, documents_and_lexicon_rebuild),  # reversed: rebuilt as they were
        migrations.RunSQL(
            sql=[sql.source_view(region_markers=False), sql.jobs_updated_function(), sql.categories_changed_function()],
            reverse_sql=[
                sql.source_view(filter_markers=False),
                sql.jobs_updated_function(filter_markers=False),
                sql.categories_changed_function(filter_markers=False),
            ],
        ),
        migrations.RunPython(documents_and_lexicon_rebuild, migrations.RunPython.noop),
    ]
