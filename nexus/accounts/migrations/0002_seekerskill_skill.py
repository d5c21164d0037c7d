"""Seeker skills name a skill of the taxonomy instead of free text.

Each stored name is matched case-insensitively against the skills' names and aliases
("js" finds JavaScript); a name that matches nothing becomes a new skill, so no
profile loses an entry. When two entries of one profile land on the same skill
("js" and "JavaScript"), the older one is kept. 0003 then drops the text column.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Lower
from django.utils.text import slugify

SLUG_MAX_LENGTH = 120


def _clean(name):
    return " ".join(name.split())


def _slug_base(name):
    readable = name.replace("+", " plus ").replace("#", " sharp ").replace("&", " and ")
    return slugify(readable)[: SLUG_MAX_LENGTH - 8].strip("-") or "skill"


def names_to_skills(apps, schema_editor):
    SeekerSkill = apps.get_model("accounts", "SeekerSkill")
    Skill = apps.get_model("taxonomy", "Skill")
    SkillAlias = apps.get_model("taxonomy", "SkillAlias")

    spellings = {}  # lower-case name -> the first spelling seen
    for name in SeekerSkill.objects.values_list("name", flat=True).distinct().order_by("name"):
        if _clean(name):
            spellings.setdefault(_clean(name).lower(), _clean(name))
    if not spellings:
        return

    skill_ids = dict(
        SkillAlias.objects.annotate(key=Lower("alias")).filter(key__in=spellings).values_list("key", "skill_id")
    )
    # A skill's own name wins over another skill's alias.
    skill_ids.update(Skill.objects.annotate(key=Lower("name")).filter(key__in=spellings).values_list("key", "id"))

    taken_slugs = set(Skill.objects.values_list("slug", flat=True))
    for key, spelling in spellings.items():
        if key in skill_ids:
            continue
        base = slug = _slug_base(spelling)
        suffix = 2
        while slug in taken_slugs:
            slug, suffix = f"{base}-{suffix}", suffix + 1
        taken_slugs.add(slug)
        skill_ids[key] = Skill.objects.create(name=spelling[:100], slug=slug).pk

    by_skill = {}
    seen = set()
    dropped = []
    for item in SeekerSkill.objects.order_by("profile_id", "created_at", "id").values("id", "profile_id", "name"):
        skill_id = skill_ids.get(_clean(item["name"]).lower())
        if skill_id is None or (item["profile_id"], skill_id) in seen:
            dropped.append(item["id"])
            continue
        seen.add((item["profile_id"], skill_id))
        by_skill.setdefault(skill_id, []).append(item["id"])
    for skill_id, item_ids in by_skill.items():
        SeekerSkill.objects.filter(pk__in=item_ids).update(skill_id=skill_id)
    SeekerSkill.objects.filter(pk__in=dropped).delete()


def skills_to_names(apps, schema_editor):
    SeekerSkill = apps.get_model("accounts", "SeekerSkill")
    Skill = apps.get_model("taxonomy", "Skill")
    SeekerSkill.objects.update(name=Subquery(Skill.objects.filter(pk=OuterRef("skill_id")).values("name")[:1]))


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_initial"),
        ("taxonomy", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="seekerskill",
            name="skill",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="seeker_skills",
                to="taxonomy.skill",
            ),
        ),
        migrations.RemoveConstraint(
            model_name="seekerskill",
            name="seeker_skill_unique_per_profile",
        ),
        migrations.RunPython(names_to_skills, skills_to_names, elidable=False),
    ]
