"""Taxonomy reads: category tree, industries, skills and the resolution of skill names and aliases."""

from collections.abc import Iterable

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet, Subquery, Value
from django.db.models.functions import Lower

from nexus.core.errors import NotFound

from .models import Category, Industry, Skill, SkillAlias


def normalized_name(name: str) -> str:
    """How names are compared: surrounding and repeated whitespace do not count (nor case, in the queries)."""
    return " ".join(name.split())


# --- categories ------------------------------------------------------------------


def _categories_with_counts() -> QuerySet[Category]:
    return Category.objects.annotate(children_count=Count("children"))


def category_list(*, parent_id: int | None = None, roots: bool = False) -> QuerySet[Category]:
    """Categories in tree order (by path), each with `children_count`."""
    categories = _categories_with_counts()
    if parent_id is not None:
        categories = categories.filter(parent_id=parent_id)
    if roots:
        categories = categories.filter(parent__isnull=True)
    return categories.order_by("path")


def category_get(*, category_id: int) -> Category:
    category = _categories_with_counts().filter(pk=category_id).first()
    if category is None:
        raise NotFound("No category with this id.")
    return category


def category_ancestors(*, category: Category) -> list[Category]:
    """From the root down to the parent."""
    if category.parent_id is None:
        return []
    return list(Category.objects.filter(pk__in=category.ancestor_ids).order_by("path"))


def category_descendant_ids_subquery(*, category_id: int) -> QuerySet[Category, int]:
    """Ids of the category and of all its descendants, as one lazy query.

    Meant as a subquery (`Job.objects.filter(category__in=category_descendant_ids_subquery(...))`):
    the category's path is read inside the same SQL statement, so filtering by a category
    with its descendants is one query. An unknown id gives no ids.
    """
    path = Category.objects.filter(pk=category_id).values("path")[:1]
    return Category.objects.filter(path__startswith=Subquery(path)).values_list("id", flat=True)


def category_tree(*, parent_id: int | None = None) -> list[Category]:
    """The whole forest (or the subtree below `parent_id`) in one query, nested in Python.

    Each returned category carries `tree_children` (its children, likewise nested) and
    `children_count`; the list holds the top level: the roots, or the parent's children.
    """
    categories = Category.objects.order_by("path")
    if parent_id is not None:
        parent_path = Category.objects.filter(pk=parent_id).values("path")[:1]
        categories = categories.filter(path__startswith=Subquery(parent_path)).exclude(pk=parent_id)
    nodes = list(categories)
    by_id = {node.pk: node for node in nodes}
    top: list[Category] = []
    for node in nodes:
        node.tree_children = []  # type: ignore[attr-defined]
    # Path order puts every parent before its children.
    for node in nodes:
        parent = by_id.get(node.parent_id) if node.parent_id is not None else None
        if parent is None:
            top.append(node)
        else:
            parent.tree_children.append(node)  # type: ignore[attr-defined]
    for node in nodes:
        node.children_count = len(node.tree_children)  # type: ignore[attr-defined]
    return top


# --- industries ------------------------------------------------------------------


def industry_list() -> QuerySet[Industry]:
    return Industry.objects.order_by("name", "id")


def industry_get(*, industry_id: int) -> Industry:
    industry = Industry.objects.filter(pk=industry_id).first()
    if industry is None:
        raise NotFound("No industry with this id.")
    return industry


# --- skills ----------------------------------------------------------------------


def _skills_with_aliases() -> QuerySet[Skill]:
    return Skill.objects.prefetch_related("aliases")


def skill_list(*, q: str = "") -> QuerySet[Skill]:
    """Skills by name; `q` keeps those whose name or one of whose aliases starts with it (any case)."""
    skills = _skills_with_aliases()
    prefix = normalized_name(q).lower()
    if prefix:
        by_alias = SkillAlias.objects.alias(key=Lower("alias")).filter(key__startswith=prefix).values("skill_id")
        skills = skills.alias(key=Lower("name")).filter(Q(key__startswith=prefix) | Q(pk__in=by_alias))
    return skills.order_by("name", "id")


def skill_get(*, skill_id: int) -> Skill:
    skill = _skills_with_aliases().filter(pk=skill_id).first()
    if skill is None:
        raise NotFound("No skill with this id.")
    return skill


def skill_resolve(*, name: str) -> Skill | None:
    """The skill called `name`, or having it as an alias, in any case ("JS" -> JavaScript); one query."""
    key = normalized_name(name).lower()
    if not key:
        return None
    by_alias = SkillAlias.objects.alias(key=Lower("alias")).filter(key=key).values("skill_id")
    return (
        Skill.objects.alias(key=Lower("name"))
        .filter(Q(key=key) | Q(pk__in=by_alias))
        # Should a name also be another skill's alias (the services refuse that), the name wins.
        .annotate(by_name=ExpressionWrapper(Q(key=key), output_field=BooleanField()))
        .order_by("-by_name", "id")
        .first()
    )


def skills_resolve_many(*, names: Iterable[str]) -> dict[str, Skill]:
    """Resolves many names or aliases in one query: {given name: skill}; unknown names are left out."""
    keys = {name: normalized_name(name).lower() for name in names}
    wanted = {key for key in keys.values() if key}
    if not wanted:
        return {}
    by_alias = SkillAlias.objects.alias(key=Lower("alias")).filter(key__in=wanted).values("skill_id")
    skills = list(
        Skill.objects.alias(key=Lower("name"))
        .filter(Q(key__in=wanted) | Q(pk__in=by_alias))
        .annotate(
            name_key=Lower("name"),
            alias_keys=ArrayAgg(Lower("aliases__alias"), filter=Q(aliases__isnull=False), default=Value([])),
        )
        .order_by("id")
    )
    found: dict[str, Skill] = {}
    for skill in skills:
        for alias_key in skill.alias_keys:  # type: ignore[attr-defined]
            found.setdefault(alias_key, skill)
    for skill in skills:
        found[skill.name_key] = skill  # type: ignore[attr-defined]  # a name wins over an alias
    return {name: found[key] for name, key in keys.items() if key in found}
