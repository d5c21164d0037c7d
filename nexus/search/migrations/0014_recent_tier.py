from django.db import migrations

from nexus.search import recent


class Migration(migrations.Migration):
    """A GIN index of the newest documents' words (the recent tier, recent.py), built without blocking writes (about 4 s
    at a million jobs)."""

    atomic = False
    dependencies = [("search", "0013_entries_follow_renames")]

    operations = [migrations.RunPython(recent.recent_index_create, recent.recent_index_drop, elidable=False)]
