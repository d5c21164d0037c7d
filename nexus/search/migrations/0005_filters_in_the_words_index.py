from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import BtreeGinExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("search", "0004_folded_skill_name_indexes")]

    operations = [
        BtreeGinExtension(),
        migrations.RemoveIndex(model_name="jobdocument", name="search_document_gin"),
        migrations.AddIndex(
            model_name="jobdocument",
            index=GinIndex(
                fields=["document", "employment_type", "experience_level", "remote_type", "country"],
                name="search_document_gin",
            ),
        ),
    ]
