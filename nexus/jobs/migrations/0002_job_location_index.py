from django.db import migrations


class Migration(migrations.Migration):
    """A GiST index on the earth point of listed jobs, for radius searches (earthdistance)."""

    dependencies = [("jobs", "0001_initial"), ("core", "0001_postgres_extensions")]

    operations = [
        migrations.RunSQL(
            sql=(
                "CREATE INDEX job_listed_location ON jobs_job USING gist (ll_to_earth(latitude, longitude)) "
                "WHERE status = 'published' AND moderation_status = 'approved' AND latitude IS NOT NULL"
            ),
            reverse_sql="DROP INDEX IF EXISTS job_listed_location",
        )
    ]
