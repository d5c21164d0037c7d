"""Taxonomy writes (admins only, checked by the views): categories, industries, skills and aliases.

Tree writes and skill-name writes each take one PostgreSQL advisory lock for the rest of
their transaction. They are rare admin edits, and the lock makes the checks that one row
cannot express safe under concurrency: a category created under a node that is moving
gets the new path, two concurrent moves cannot build a cycle, and a skill's name cannot
become another skill's alias at the same moment.
"""

import enum
import zlib
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, connection, models, transaction
from django.db.models import Max, ProtectedError, Q, Value
from django.db.models.functions import Concat, Length, Lower, Now, Replace, Substr
from django.utils.text import slugify

from nexus.core.errors import Conflict, InvalidInput

from . import error_codes
from .models import Category, Industry, Skill, SkillAlias
from .selectors import normalized_name

MAX_CATEGORY_DEPTH = 8  # levels: a root has depth 0, so the deepest category has depth 7
MAX_ALIASES_PER_SKILL = 30

_TREE_LOCK = zlib.crc32(b"nexus.taxonomy.category_tree")
_SKILL_NAMES_LOCK = zlib.crc32(b"nexus.taxonomy.skill_names")


def _advisory_lock(key: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def _other_than(pk: int | None, *, field: str = "pk") -> Q:
    """Rows other than the one being updated (all rows when creating)."""
    return ~Q(**{field: pk}) if pk is not None else Q()


# --- slugs and saving ------------------------------------------------------------


def slug_base(name: str) -> str:
    """slugify, keeping the meaning of the symbols that tech names use: C++, C#, R&D."""
    readable = name.replace("+", " plus ").replace("#", " sharp ").replace("&", " and ")
    return slugify(readable)


def _unique_slug(*, model: type[models.Model], name: str, exclude_pk: int | None = None) -> str:
    """The name's slug, with "-2", "-3"... when it is taken."""
    max_length = getattr(model._meta.get_field("slug"), "max_length", None) or 50
    base = slug_base(name)[: max_length - 8].strip("-") or model._meta.model_name or "item"
    taken = set(
        model._default_manager.filter(Q(slug=base) | Q(slug__startswith=f"{base}-"))
        .filter(_other_than(exclude_pk))
        .values_list("slug", flat=True)
    )
    slug, suffix = base, 2
    while slug in taken:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


def _slug_for(*, model: type[models.Model], name: str, slug: str, exclude_pk: int | None = None) -> str:
    if not slug:
        return _unique_slug(model=model, name=name, exclude_pk=exclude_pk)
    if model._default_manager.filter(slug=slug).filter(_other_than(exclude_pk)).exists():
        message = "This slug is already taken."
        raise InvalidInput(message, code=error_codes.SLUG_TAKEN, details={"slug": [message]})
    return slug


def _save(instance: models.Model, **save_kwargs: Any) -> None:
    instance.full_clean(validate_unique=False, validate_constraints=False)  # checked above with their own codes
    try:
        with transaction.atomic():
            instance.save(**save_kwargs)
    except IntegrityError as exc:  # a concurrent write took the same name or slug
        raise InvalidInput("This name or slug was just taken; try again.", code=error_codes.NAME_TAKEN) from exc


def _delete_or_conflict(instance: models.Model, conflict: Conflict) -> None:
    try:
        with transaction.atomic():
            instance.delete()
            # Foreign keys are checked at commit; check now, so that a row added meanwhile is a 409, not a 500.
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    except (ProtectedError, IntegrityError) as exc:
        raise conflict from exc


def _name_taken(message: str) -> InvalidInput:
    return InvalidInput(message, code=error_codes.NAME_TAKEN, details={"name": [message]})


# --- categories ------------------------------------------------------------------


def _next_category_id() -> int:
    # The path ends in the node's own id, so the id is drawn before the row is written.
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id'))", [Category._meta.db_table])
        return int(cursor.fetchone()[0])


def _check_category_name_free(*, name: str, parent_id: int | None, exclude_pk: int | None = None) -> None:
    siblings = Category.objects.filter(parent_id=parent_id).filter(_other_than(exclude_pk))
    if siblings.alias(key=Lower("name")).filter(key=name.lower()).exists():
        where = "at the top level" if parent_id is None else "under this parent"
        raise _name_taken(f"A category named “{name}” already exists {where}.")


def _too_deep(depth: int) -> InvalidInput:
    return InvalidInput(
        f"Categories nest at most {MAX_CATEGORY_DEPTH} levels deep.",
        code=error_codes.CATEGORY_TOO_DEEP,
        details={"parent": [f"This would put a category at level {depth + 1}; the limit is {MAX_CATEGORY_DEPTH}."]},
    )


@transaction.atomic
def category_create(*, name: str, parent: Category | None = None, slug: str = "", description: str = "") -> Category:
    _advisory_lock(_TREE_LOCK)
    name = normalized_name(name)
    if parent is not None:
        parent = Category.objects.get(pk=parent.pk)  # its path as of now, under the lock
        category_check_parent(category=None, parent=parent)
    _check_category_name_free(name=name, parent_id=parent.pk if parent else None)
    category = Category(
        pk=_next_category_id(),
        name=name,
        parent=parent,
        slug=_slug_for(model=Category, name=name, slug=slug),
        description=description,
    )
    category.path = f"{parent.path if parent else ''}{category.pk}/"
    _save(category, force_insert=True)
    return category


def category_check_parent(*, category: Category | None, parent: Category | None) -> None:
    """Refuses to put `category` (None: a new one) under `parent` when that makes a cycle or too deep a tree."""
    if parent is None:
        return
    if category is None or category._state.adding:
        if parent.depth + 1 >= MAX_CATEGORY_DEPTH:
            raise _too_deep(parent.depth + 1)
        return
    if parent.path.startswith(category.path):
        raise InvalidInput(
            "A category cannot move under itself or one of its descendants.",
            code=error_codes.CATEGORY_CYCLE,
            details={"parent": ["This category is the one being moved, or lies below it."]},
        )
    slashes = Length("path") - Length(Replace("path", Value("/"), Value("")))
    levels = Category.objects.filter(path__startswith=category.path).aggregate(levels=Max(slashes))["levels"]
    new_depth = parent.depth + 1 + (levels - 1 - category.depth)  # the deepest node of the moved subtree
    if new_depth >= MAX_CATEGORY_DEPTH:
        raise _too_deep(new_depth)


class _Unchanged(enum.Enum):
    UNCHANGED = "unchanged"


UNCHANGED = _Unchanged.UNCHANGED  # `parent=None` moves a category to the top level; this leaves it where it is


@transaction.atomic
def category_update(
    *,
    category: Category,
    name: str | None = None,
    slug: str | None = None,
    description: str | None = None,
    parent: Category | _Unchanged | None = UNCHANGED,
) -> Category:
    """Renames, re-slugs, describes or moves a category (`parent=None`: to the top level).

    A move rewrites the paths of the whole subtree in one UPDATE.
    """
    _advisory_lock(_TREE_LOCK)
    category.refresh_from_db(fields=["path", "parent"])
    old_path = category.path
    update_fields = ["updated_at"]

    moving = not isinstance(parent, _Unchanged) and (parent.pk if parent else None) != category.parent_id
    if moving and not isinstance(parent, _Unchanged):
        new_parent = Category.objects.get(pk=parent.pk) if parent is not None else None
        category_check_parent(category=category, parent=new_parent)
        category.path = f"{new_parent.path if new_parent else ''}{category.pk}/"
        category.parent = new_parent
        update_fields += ["parent", "path"]
    if name is not None:
        category.name = normalized_name(name)
        update_fields.append("name")
    if moving or name is not None:
        _check_category_name_free(name=category.name, parent_id=category.parent_id, exclude_pk=category.pk)
    if slug is not None and slug != category.slug:
        category.slug = _slug_for(model=Category, name=category.name, slug=slug, exclude_pk=category.pk)
        update_fields.append("slug")
    if description is not None:
        category.description = description
        update_fields.append("description")

    _save(category, update_fields=update_fields)
    if moving:
        Category.objects.filter(path__startswith=old_path).exclude(pk=category.pk).update(
            path=Concat(Value(category.path), Substr("path", len(old_path) + 1), output_field=models.CharField()),
            updated_at=Now(),
        )
    return category


@transaction.atomic
def category_delete(*, category: Category) -> None:
    _advisory_lock(_TREE_LOCK)
    children = Category.objects.filter(parent_id=category.pk).count()
    if children:
        raise Conflict(
            "This category has subcategories: move or delete them first.",
            code=error_codes.CATEGORY_HAS_CHILDREN,
            details={"children_count": children},
        )
    _delete_or_conflict(
        category,
        Conflict(
            "Jobs are filed under this category: move them to another category first.",
            code=error_codes.CATEGORY_IN_USE,
        ),
    )


# --- industries ------------------------------------------------------------------


def _check_industry_name_free(*, name: str, exclude_pk: int | None = None) -> None:
    if Industry.objects.alias(key=Lower("name")).filter(key=name.lower()).filter(_other_than(exclude_pk)).exists():
        raise _name_taken(f"An industry named “{name}” already exists.")


@transaction.atomic
def industry_create(*, name: str, slug: str = "") -> Industry:
    name = normalized_name(name)
    _check_industry_name_free(name=name)
    industry = Industry(name=name, slug=_slug_for(model=Industry, name=name, slug=slug))
    _save(industry)
    return industry


@transaction.atomic
def industry_update(*, industry: Industry, name: str | None = None, slug: str | None = None) -> Industry:
    update_fields = ["updated_at"]
    if name is not None:
        industry.name = normalized_name(name)
        _check_industry_name_free(name=industry.name, exclude_pk=industry.pk)
        update_fields.append("name")
    if slug is not None and slug != industry.slug:
        industry.slug = _slug_for(model=Industry, name=industry.name, slug=slug, exclude_pk=industry.pk)
        update_fields.append("slug")
    _save(industry, update_fields=update_fields)
    return industry


@transaction.atomic
def industry_delete(*, industry: Industry) -> None:
    _delete_or_conflict(
        industry,
        Conflict(
            "Jobs are filed under this industry: move them to another industry first.",
            code=error_codes.INDUSTRY_IN_USE,
        ),
    )


# --- skills ----------------------------------------------------------------------


def _check_skill_name_free(*, name: str, exclude_pk: int | None = None) -> None:
    key = name.lower()
    other = Skill.objects.alias(key=Lower("name")).filter(key=key).filter(_other_than(exclude_pk)).first()
    if other is not None:
        raise _name_taken(f"A skill named “{other.name}” already exists.")
    alias = (
        SkillAlias.objects.select_related("skill")
        .alias(key=Lower("alias"))
        .filter(key=key)
        .filter(_other_than(exclude_pk, field="skill_id"))
        .first()
    )
    if alias is not None:
        raise _name_taken(f"“{alias.alias}” is already an alias of {alias.skill.name}.")


def _clean_aliases(*, aliases: Iterable[str], name: str, exclude_pk: int | None) -> list[str]:
    """Trimmed, without repeats or the skill's own name; refuses another skill's name or alias."""
    cleaned: dict[str, str] = {}
    for alias in aliases:
        alias = normalized_name(alias)
        if alias and alias.lower() != name.lower():
            cleaned.setdefault(alias.lower(), alias)
    if len(cleaned) > MAX_ALIASES_PER_SKILL:
        raise InvalidInput(
            f"A skill has at most {MAX_ALIASES_PER_SKILL} aliases.",
            details={"aliases": [f"Ensure this field has no more than {MAX_ALIASES_PER_SKILL} elements."]},
        )
    if not cleaned:
        return []
    clashes = [
        f"“{cleaned[key]}” is already the name of a skill."
        for key in Skill.objects.annotate(key=Lower("name"))
        .filter(key__in=cleaned)
        .filter(_other_than(exclude_pk))
        .values_list("key", flat=True)
    ]
    clashes += [
        f"“{cleaned[key]}” is already an alias of {skill_name}."
        for key, skill_name in SkillAlias.objects.annotate(key=Lower("alias"))
        .filter(key__in=cleaned)
        .filter(_other_than(exclude_pk, field="skill_id"))
        .values_list("key", "skill__name")
    ]
    if clashes:
        raise InvalidInput(
            "An alias may not be another skill's name or alias.",
            code=error_codes.ALIAS_TAKEN,
            details={"aliases": sorted(clashes)},
        )
    return list(cleaned.values())


def _aliases_replace(*, skill: Skill, aliases: list[str]) -> None:
    SkillAlias.objects.filter(skill=skill).delete()
    SkillAlias.objects.bulk_create([SkillAlias(skill=skill, alias=alias) for alias in aliases])


@transaction.atomic
def skill_create(*, name: str, slug: str = "", aliases: Iterable[str] = ()) -> Skill:
    _advisory_lock(_SKILL_NAMES_LOCK)
    name = normalized_name(name)
    _check_skill_name_free(name=name)
    cleaned_aliases = _clean_aliases(aliases=aliases, name=name, exclude_pk=None)
    skill = Skill(name=name, slug=_slug_for(model=Skill, name=name, slug=slug))
    _save(skill)
    SkillAlias.objects.bulk_create([SkillAlias(skill=skill, alias=alias) for alias in cleaned_aliases])
    return skill


@transaction.atomic
def skill_update(
    *, skill: Skill, name: str | None = None, slug: str | None = None, aliases: Iterable[str] | None = None
) -> Skill:
    """Renames or re-slugs a skill; `aliases`, when given, replaces the whole alias list."""
    _advisory_lock(_SKILL_NAMES_LOCK)
    update_fields = ["updated_at"]
    if name is not None:
        skill.name = normalized_name(name)
        _check_skill_name_free(name=skill.name, exclude_pk=skill.pk)
        update_fields.append("name")
    if slug is not None and slug != skill.slug:
        skill.slug = _slug_for(model=Skill, name=skill.name, slug=slug, exclude_pk=skill.pk)
        update_fields.append("slug")
    if aliases is None and name is not None:
        # The new name may equal one of the skill's own aliases: that alias has become redundant.
        SkillAlias.objects.filter(skill=skill).alias(key=Lower("alias")).filter(key=skill.name.lower()).delete()
    _save(skill, update_fields=update_fields)
    if aliases is not None:
        _aliases_replace(skill=skill, aliases=_clean_aliases(aliases=aliases, name=skill.name, exclude_pk=skill.pk))
    return skill


@transaction.atomic
def skill_delete(*, skill: Skill) -> None:
    _delete_or_conflict(
        skill,
        Conflict(
            "Jobs or seeker profiles use this skill: remove it from them first.",
            code=error_codes.SKILL_IN_USE,
        ),
    )
