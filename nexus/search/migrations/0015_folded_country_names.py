from django.db import migrations

from nexus.search import sql


class Migration(migrations.Migration):
    """Country names indexed by their folded form, as query words are looked up (sql.py)."""

    dependencies = [("search", "0014_recent_tier")]

    operations = [
        migrations.RunSQL(
            sql=sql.create_folded_indexes(sql.FOLDED_COUNTRY_INDEXES),
            reverse_sql=sql.drop_folded_indexes(sql.FOLDED_COUNTRY_INDEXES),
        )
    ]
