from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    """The documents' indexes of the list's other orders, featured first and by salary, which another order's page of
    words walks (search/selectors.py); built without blocking writes."""

    atomic = False
    dependencies = [("search", "0019_filter_markers")]

    operations = [
        AddIndexConcurrently(
            model_name="jobdocument",
            index=models.Index(
                models.OrderBy(models.F("is_featured"), descending=True),
                models.OrderBy(models.F("published_at"), descending=True),
                models.OrderBy(models.F("job_id"), descending=True),
                condition=models.Q(("listed", True)),
                name="search_document_featured",
            ),
        ),
        AddIndexConcurrently(
            model_name="jobdocument",
            index=models.Index(
                models.OrderBy(models.F("salary_yearly_max"), descending=True),
                models.OrderBy(models.F("job_id"), descending=True),
                condition=models.Q(("listed", True)),
                name="search_document_salary",
            ),
        ),
    ]
