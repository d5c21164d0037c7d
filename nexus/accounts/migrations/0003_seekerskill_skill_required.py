import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0002_seekerskill_skill"),
    ]

    operations = [
        # A default only so that reversing can add the column back before 0002 refills it.
        migrations.AlterField(
            model_name="seekerskill",
            name="name",
            field=models.CharField(default="", max_length=100),
        ),
        migrations.RemoveField(
            model_name="seekerskill",
            name="name",
        ),
        migrations.AlterField(
            model_name="seekerskill",
            name="skill",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="seeker_skills",
                to="taxonomy.skill",
            ),
        ),
        migrations.AlterModelOptions(
            name="seekerskill",
            options={"ordering": ["skill__name", "id"]},
        ),
        migrations.AddConstraint(
            model_name="seekerskill",
            constraint=models.UniqueConstraint(
                fields=("profile", "skill"),
                name="seeker_skill_unique_per_profile",
                violation_error_message="This skill is already on your profile.",
            ),
        ),
    ]
