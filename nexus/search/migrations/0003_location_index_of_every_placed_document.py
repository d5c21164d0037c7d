from django.db import migrations

from nexus.search import sql


class Migration(migrations.Migration):
    """The earth-point index covers every placed document, listed or not (see sql.GEO_INDEX)."""

    dependencies = [("search", "0002_documents_triggers_backfill")]

    operations = [
        migrations.RunSQL(
            sql=["DROP INDEX IF EXISTS search_document_listed_location", sql.GEO_INDEX_SQL],
            reverse_sql=[
                f"DROP INDEX IF EXISTS {sql.GEO_INDEX}",
                "CREATE INDEX IF NOT EXISTS search_document_listed_location ON search_jobdocument "
                "USING gist (ll_to_earth(latitude, longitude)) WHERE listed AND latitude IS NOT NULL",
            ],
        )
    ]
