from django.db import migrations

from nexus.search import sql


class Migration(migrations.Migration):
    """search_cjk_bigrams in PL/pgSQL (sql.cjk_bigrams_function): the same text, without parsing and planning its body
    again wherever a statement calls it. Documents are unchanged."""

    dependencies = [("search", "0017_field_markers")]

    operations = [
        migrations.RunSQL(sql=sql.cjk_bigrams_function(since=18), reverse_sql=sql.cjk_bigrams_function(since=10)),
    ]
