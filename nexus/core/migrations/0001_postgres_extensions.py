from django.contrib.postgres.operations import CreateExtension
from django.db import migrations


class Migration(migrations.Migration):
    """PostgreSQL extensions the product relies on: trigram similarity, accent folding, geo distance."""

    initial = True
    dependencies: list = []

    operations = [
        CreateExtension("pg_trgm"),
        CreateExtension("unaccent"),
        CreateExtension("cube"),
        CreateExtension("earthdistance"),
    ]
