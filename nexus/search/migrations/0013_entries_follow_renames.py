from django.db import migrations

from nexus.search import sql


class Migration(migrations.Migration):
    """Autocomplete entries follow their skill's or company's rename, with their count, and a skill's alias edits, at
    once (sql.ENTRY_RENAMED_FUNCTION, sql.ENTRY_REKEYED_FUNCTION): until the recount there were two entries."""

    dependencies = [("search", "0012_indexes_without_pending_lists")]

    operations = [
        migrations.RunSQL(
            sql=[sql.ENTRY_RENAMED_FUNCTION, sql.ENTRY_REKEYED_FUNCTION, *sql.ENTRY_TRIGGERS],
            reverse_sql=list(sql.ENTRY_TRIGGERS_DROPPED),
        )
    ]
