from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    """Whether a company is approved, read from an index alone (lists of listed jobs ask it per job), built without
    blocking writes."""

    atomic = False
    dependencies = [("companies", "0002_moderation_and_list_indexes")]

    operations = [
        AddIndexConcurrently(
            model_name="company",
            index=models.Index(
                fields=["id"], condition=models.Q(("moderation_status", "approved")), name="company_public_id"
            ),
        ),
    ]
