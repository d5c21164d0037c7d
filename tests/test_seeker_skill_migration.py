"""The migration that turned seeker skills from free text into references to the taxonomy."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from nexus.accounts.models import SeekerSkill
from nexus.taxonomy.models import Skill

from .factories import SeekerProfileFactory


@pytest.mark.django_db(transaction=True)
def test_migration_maps_free_text_skill_names_to_the_taxonomy():
    # given profiles whose skills are still free text, and a taxonomy that knows some of them
    before = [("accounts", "0001_initial"), ("taxonomy", "0002_unique_path_search_indexes")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    Skill_, SkillAlias_ = old.get_model("taxonomy", "Skill"), old.get_model("taxonomy", "SkillAlias")
    javascript = Skill_.objects.create(name="JavaScript", slug="javascript")
    SkillAlias_.objects.create(skill=javascript, alias="js")
    Skill_.objects.create(name="Python", slug="python")
    User_, Profile_ = old.get_model("accounts", "User"), old.get_model("accounts", "SeekerProfile")
    SeekerSkill_ = old.get_model("accounts", "SeekerSkill")
    ana = Profile_.objects.create(user=User_.objects.create(email="ana@example.com", role="seeker"))
    ben = Profile_.objects.create(user=User_.objects.create(email="ben@example.com", role="seeker"))
    for profile, name, years in [
        (ana, "JS", 5),
        (ana, "javascript", 1),  # the same skill as "JS": the older entry stays
        (ana, "python", 3),
        (ben, "Cobol  Systems", 20),  # unknown: becomes a skill of its own
        (ben, "cobol systems", 2),
    ]:
        SeekerSkill_.objects.create(profile=profile, name=name, years=years)

    # when
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    # then
    entries = {
        (entry.profile.user.email, entry.skill.name, entry.years)
        for entry in SeekerSkill.objects.select_related("profile__user", "skill")
    }
    assert entries == {
        ("ana@example.com", "JavaScript", 5),
        ("ana@example.com", "Python", 3),
        ("ben@example.com", "Cobol Systems", 20),
    }
    assert Skill.objects.get(name="Cobol Systems").slug == "cobol-systems"
    assert Skill.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_migration_can_be_reversed_to_free_text():
    # given a profile with two skills of the taxonomy
    python = Skill.objects.create(name="Python", slug="python")
    go = Skill.objects.create(name="Go", slug="go")
    profile = SeekerProfileFactory()
    SeekerSkill.objects.create(profile=profile, skill=python, years=4)
    SeekerSkill.objects.create(profile=profile, skill=go, years=1)

    # when migrated back
    before = [("accounts", "0001_initial")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)

    # then the names are text again
    old = executor.loader.project_state(before).apps
    names = dict(old.get_model("accounts", "SeekerSkill").objects.values_list("name", "years"))
    assert names == {"Python": 4, "Go": 1}

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert sorted(entry.name for entry in SeekerSkill.objects.all()) == ["Go", "Python"]
