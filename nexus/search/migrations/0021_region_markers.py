from django.db import migrations

from nexus.search import sql
from nexus.search.document import documents_and_lexicon_rebuild


class Migration(migrations.Migration):
    """Documents hold a marker of each region their job's country lies in and, for a remote job, of each region of a
    country it accepts applicants from (sql.REGION_MARKERS_SQL), so that a region in a query is one entry of the words'
    GIN index rather than its countries' names (documents rebuilt: about 5 to 12 minutes at a million jobs, searches
    waiting)."""

    dependencies = [("search", "0020_listed_orders_indexes")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, documents_and_lexicon_rebuild),  # reversed: rebuilt as they were
        migrations.RunSQL(
            sql=[sql.country_regions_function(), sql.source_view()],
            reverse_sql=[
                sql.source_view(region_markers=False),
                "DROP FUNCTION IF EXISTS search_country_regions(text)",
            ],
        ),
        migrations.RunPython(documents_and_lexicon_rebuild, migrations.RunPython.noop),
    ]
