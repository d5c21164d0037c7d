from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import AddIndexConcurrently, BtreeGinExtension, RemoveIndexConcurrently
from django.db import migrations


class Migration(migrations.Migration):
    """The words' GIN index also holds the equality filters; built beside the old one without blocking writes."""

    atomic = False
    dependencies = [("search", "0004_folded_skill_name_indexes")]

    operations = [
        BtreeGinExtension(),
        AddIndexConcurrently(
            model_name="jobdocument",
            index=GinIndex(
                fields=["document", "employment_type", "experience_level", "remote_type", "country"],
                name="search_document_words",
            ),
        ),
        RemoveIndexConcurrently(model_name="jobdocument", name="search_document_gin"),
    ]
