from django.db import migrations

from nexus.search import sql
from nexus.search.document import documents_and_lexicon_rebuild


class Migration(migrations.Migration):
    """Documents hold a lexeme of their own for each of the job's fields (sql.field_marker:
    `#employment_type=internship`), which a field word asked beside other words matches (documents rebuilt: 5.5
    minutes at a million jobs, searches waiting)."""

    dependencies = [("search", "0016_edit_distance")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, documents_and_lexicon_rebuild),  # reversed: rebuilt as they were
        migrations.RunSQL(sql=[sql.source_view(filter_markers=False)], reverse_sql=[sql.source_view(markers=False)]),
        migrations.RunPython(documents_and_lexicon_rebuild, migrations.RunPython.noop),
    ]
