from django.contrib.postgres.operations import CreateExtension
from django.db import migrations


class Migration(migrations.Migration):
    """Edit distances (fuzzystrmatch's levenshtein) for autocomplete's typos that trigrams miss (suggest.py)."""

    dependencies = [("search", "0015_folded_country_names")]

    operations = [CreateExtension("fuzzystrmatch")]
