from django.db import migrations

from nexus.search import sql


class Migration(migrations.Migration):
    """Skill names and aliases indexed by their folded form, as query words are looked up (sql.py)."""

    dependencies = [("search", "0003_location_index_of_every_placed_document"), ("taxonomy", "0002_unique_path_search_indexes")]

    operations = [
        migrations.RunSQL(
            sql=sql.create_folded_indexes(sql.FOLDED_SKILL_INDEXES),
            reverse_sql=sql.drop_folded_indexes(sql.FOLDED_SKILL_INDEXES),
        )
    ]
