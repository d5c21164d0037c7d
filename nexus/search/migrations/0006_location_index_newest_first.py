from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

from nexus.search import sql


class Migration(migrations.Migration):
    """The earth-point index holds the publication time too, so that a radius's documents are walked newest first;
    built beside the old one without blocking writes."""

    atomic = False
    dependencies = [("search", "0005_filters_in_the_words_index")]

    operations = [
        BtreeGistExtension(),
        migrations.RunSQL(
            sql=[sql.NEAR_INDEX_SQL, f"DROP INDEX CONCURRENTLY IF EXISTS {sql.GEO_INDEX}"],
            reverse_sql=[sql.GEO_INDEX_SQL, f"DROP INDEX CONCURRENTLY IF EXISTS {sql.NEAR_INDEX}"],
        ),
    ]
