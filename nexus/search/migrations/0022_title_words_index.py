from django.db import migrations

from nexus.search import sql


class Migration(migrations.Migration):
    """A GIN index over the words of the titles of the jobs that may be listed (sql.TITLE_WORDS_INDEX): the jobs whose
    title answers a query's title groups, which a search ranks beside its newest matches when those hold few (about a
    minute at a million jobs; built without blocking writes)."""

    atomic = False
    dependencies = [("search", "0021_region_markers"), ("jobs", "0008_trending_order_index")]

    operations = [migrations.RunSQL(sql=sql.TITLE_WORDS_INDEX, reverse_sql=sql.TITLE_WORDS_INDEX_DROPPED)]
