from django.contrib.postgres.operations import AddIndexConcurrently, RemoveIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    """The trending list's index in its order (score, then id), over the trending jobs only, holding what its count
    reads (deadline, company): its numbered pages counted from the index alone. Built before the old one goes,
    without blocking writes."""

    atomic = False
    dependencies = [("jobs", "0007_country_city_index_folded")]

    operations = [
        AddIndexConcurrently(
            model_name="job",
            index=models.Index(
                models.F("trending_score").desc(),
                models.F("id").desc(),
                condition=models.Q(("moderation_status", "approved"), ("status", "published"), ("trending_score__gt", 0)),
                include=["application_deadline", "company"],
                name="job_visible_trending_order",
            ),
        ),
        RemoveIndexConcurrently(model_name="job", name="job_visible_trending"),
    ]
