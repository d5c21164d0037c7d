from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    """The featured list's index (jobs/selectors.job_list_featured), built without blocking writes."""

    atomic = False
    dependencies = [("jobs", "0004_job_import")]

    operations = [
        AddIndexConcurrently(
            model_name="job",
            index=models.Index(
                models.OrderBy(models.F("published_at"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(
                    ("moderation_status", "approved"), ("status", "published"), ("featured_until__isnull", False)
                ),
                name="job_visible_featured_newest",
                include=["featured_until", "application_deadline", "company"],
            ),
        ),
    ]
