from django.contrib.postgres.operations import AddIndexConcurrently, RemoveIndexConcurrently
from django.db import migrations, models
from django.db.models.functions import Upper


class Migration(migrations.Migration):
    """The place index with the city as the `city` filter compares it (case-insensitively: upper-cased), so that the
    filter can use it; built before the old one goes, without blocking writes."""

    atomic = False
    dependencies = [("jobs", "0006_company_count_index")]

    operations = [
        AddIndexConcurrently(
            model_name="job",
            index=models.Index(
                models.F("country"),
                Upper("city"),
                name="job_visible_country_city",
                condition=models.Q(("moderation_status", "approved"), ("status", "published")),
            ),
        ),
        RemoveIndexConcurrently(model_name="job", name="job_visible_place"),
    ]
