from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

from nexus.search import sql


class Migration(migrations.Migration):
    """The earth-point index holds the publication time too: a radius's documents are walked newest first."""

    dependencies = [("search", "0005_filters_in_the_words_index")]

    operations = [
        BtreeGistExtension(),
        migrations.RunSQL(
            sql=[f"DROP INDEX IF EXISTS {sql.GEO_INDEX}", sql.GEO_NEWEST_INDEX_SQL],
            reverse_sql=[f"DROP INDEX IF EXISTS {sql.GEO_INDEX}", sql.GEO_INDEX_SQL],
        ),
    ]
