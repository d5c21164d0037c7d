from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    """A company's listed jobs, counted from the index alone (companies/selectors._open_jobs_count); built without
    blocking writes."""

    atomic = False
    dependencies = [("jobs", "0005_featured_list_index")]

    operations = [
        AddIndexConcurrently(
            model_name="job",
            index=models.Index(
                fields=["company"],
                name="job_visible_company",
                condition=models.Q(("moderation_status", "approved"), ("status", "published")),
                include=["application_deadline", "id"],
            ),
        ),
    ]
