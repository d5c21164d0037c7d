from django.db import migrations

from nexus.search import recent


class Migration(migrations.Migration):
    """GIN indexes of the newest documents' words (the recent tiers, recent.py), built without blocking writes (about 4
    and 7 s at a million jobs)."""

    atomic = False
    dependencies = [("search", "0013_entries_follow_renames")]

    operations = [migrations.RunPython(recent.recent_indexes_create, recent.recent_indexes_drop, elidable=False)]
