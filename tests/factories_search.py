"""Jobs made for search tests: a listed job with the given skills (names; made when missing)."""

from typing import Any

from nexus.search.document import search_lists_rebuild
from nexus.taxonomy.models import Skill

from .factories import JobFactory, JobSkillFactory, SkillFactory


def skill_named(name: str, aliases: list[str] | None = None) -> Skill:
    existing = Skill.objects.filter(name__iexact=name).first()
    return existing or SkillFactory(name=name, aliases=aliases or [])


def searchable_job(*, skills: tuple[str, ...] = (), **fields: Any) -> Any:
    job = JobFactory(**fields)
    for name in skills:
        JobSkillFactory(job=job, skill=skill_named(name))
    return job


def lists_rebuilt() -> None:
    """The vocabulary and suggestions, as the hourly task recounts them."""
    search_lists_rebuild()
