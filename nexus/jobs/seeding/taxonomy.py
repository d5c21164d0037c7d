"""The taxonomy jobs are filed under: the shared demo taxonomy plus the seed's extras.

Everything goes through the taxonomy services, and only what is missing is created, so a
database that already has these categories, industries and skills keeps them as they are.
"""

from dataclasses import dataclass

from nexus.taxonomy import demo
from nexus.taxonomy.models import Category, Industry, Skill
from nexus.taxonomy.selectors import skill_resolve, skills_resolve_many
from nexus.taxonomy.services import category_create, industry_create, skill_create

from . import vocabulary


@dataclass(frozen=True)
class CategoryRef:
    """A category jobs are filed under, with what its jobs look like."""

    id: int
    parent_id: int | None
    area: str
    roles: tuple[str, ...]
    skill_ids: tuple[int, ...]
    pay: float
    remote_friendly: bool


@dataclass(frozen=True)
class TaxonomyRefs:
    leaves: tuple[CategoryRef, ...]
    industry_ids: tuple[int, ...]
    industry_names: dict[int, str]
    skill_names: dict[int, str]
    general_skill_ids: tuple[int, ...]


def category_tree() -> list[tuple[str, list[str]]]:
    """The demo tree with the seed's extra roots and children merged in."""
    tree: dict[str, list[str]] = {}
    for root, children in [*demo.CATEGORY_TREE, *vocabulary.EXTRA_CATEGORY_TREE]:
        known = tree.setdefault(root, [])
        known.extend(child for child in children if child not in known)
    return list(tree.items())


def taxonomy_ensure() -> TaxonomyRefs:
    """Creates whatever is missing of the taxonomy; returns the ids jobs use."""
    demo.demo_taxonomy_create()
    industry_ids = industries_ensure([*demo.INDUSTRIES, *vocabulary.EXTRA_INDUSTRIES])
    leaves: list[CategoryRef] = []
    for root_name, child_names in category_tree():
        root = category_ensure(name=root_name, parent=None)
        if not child_names:
            leaves.append(category_ref(root))
        for child_name in child_names:
            leaves.append(category_ref(category_ensure(name=child_name, parent=root)))
    general = skills_ensure(vocabulary.GENERAL_SKILLS)
    skill_ids = {skill_id for leaf in leaves for skill_id in leaf.skill_ids} | set(general)
    return TaxonomyRefs(
        leaves=tuple(leaves),
        industry_ids=tuple(industry_ids),
        industry_names=dict(Industry.objects.filter(pk__in=industry_ids).values_list("pk", "name")),
        skill_names=dict(Skill.objects.filter(pk__in=skill_ids).values_list("pk", "name")),
        general_skill_ids=tuple(general),
    )


def industries_ensure(names: list[str]) -> list[int]:
    ids = []
    for name in names:
        industry = Industry.objects.filter(name__iexact=name).first() or industry_create(name=name)
        ids.append(industry.pk)
    return ids


def category_ensure(*, name: str, parent: Category | None) -> Category:
    existing = Category.objects.filter(parent=parent, name__iexact=name).first()
    return existing or category_create(name=name, parent=parent)


def category_ref(category: Category) -> CategoryRef:
    profile = vocabulary.JOB_PROFILES.get(category.name) or vocabulary.generic_profile(category.name)
    return CategoryRef(
        id=category.pk,
        parent_id=category.parent_id,
        area=category.name,
        roles=profile.roles,
        skill_ids=tuple(skills_ensure(profile.skills)),
        pay=profile.pay,
        remote_friendly=profile.remote_friendly,
    )


def skills_ensure(names: tuple[str, ...]) -> list[int]:
    """The ids of the skills by these names or aliases, without repeats; unknown ones are created."""
    known = skills_resolve_many(names=names)
    ids: list[int] = []
    for name in names:
        skill = known.get(name) or skill_create(name=name, aliases=free_aliases(name))
        known[name] = skill
        if skill.pk not in ids:
            ids.append(skill.pk)
    return ids


def free_aliases(name: str) -> list[str]:
    return [alias for alias in vocabulary.EXTRA_SKILL_ALIASES.get(name, []) if skill_resolve(name=alias) is None]
