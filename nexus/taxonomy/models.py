from django.contrib.postgres.indexes import OpClass
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower

from nexus.core.models import TimeStampedModel


class Category(TimeStampedModel):
    """A node of the category tree.

    `path` is the materialized path of ids ("12/40/"), so a category's descendants are
    one indexed prefix match and cycles are impossible to store (a node cannot move
    under its own path). The services compute it; it is unique because it ends in the
    node's own id, and PostgreSQL gives the unique varchar column a `varchar_pattern_ops`
    index for the prefix (LIKE 'x/%') lookups.
    """

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    path = models.CharField(max_length=255, unique=True, editable=False)
    description = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["path"]
        verbose_name_plural = "categories"
        constraints = [
            # Two roots may not share a name either: NULL parents count as equal.
            models.UniqueConstraint(
                "parent",
                Lower("name"),
                name="category_name_unique_per_parent",
                nulls_distinct=False,
                violation_error_message="A category with this name already exists here.",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return self.path.count("/") - 1

    @property
    def ancestor_ids(self) -> list[int]:
        """Ids from the root down to the parent, read from the path."""
        return [int(part) for part in self.path.split("/")[:-2]]


class Industry(TimeStampedModel):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "industries"
        indexes = [models.Index(fields=["name", "id"], name="industry_name_order")]
        constraints = [models.UniqueConstraint(Lower("name"), name="industry_name_unique_ci")]

    def __str__(self) -> str:
        return self.name


class Skill(TimeStampedModel):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=120, unique=True)

    class Meta:
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["name", "id"], name="skill_name_order"),
            # Case-insensitive prefix search (`?q=`, autocomplete): LOWER(name) LIKE 'py%'.
            models.Index(OpClass(Lower("name"), name="varchar_pattern_ops"), name="skill_name_lower_prefix"),
        ]
        constraints = [models.UniqueConstraint(Lower("name"), name="skill_name_unique_ci")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        # A name that is also another skill's alias would make "resolve this name" ambiguous.
        if self.name and SkillAlias.objects.filter(alias__iexact=self.name).exclude(skill_id=self.pk).exists():
            raise ValidationError({"name": "This is already an alias of another skill."})


class SkillAlias(TimeStampedModel):
    """Another name of a skill ("js" for JavaScript): search and recommendations treat both as one."""

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=100)

    class Meta:
        ordering = ["alias"]
        verbose_name_plural = "skill aliases"
        indexes = [
            models.Index(OpClass(Lower("alias"), name="varchar_pattern_ops"), name="skill_alias_lower_prefix"),
        ]
        constraints = [models.UniqueConstraint(Lower("alias"), name="skill_alias_unique_ci")]

    def __str__(self) -> str:
        return f"{self.alias} → {self.skill}"

    def clean(self) -> None:
        if self.alias and Skill.objects.filter(name__iexact=self.alias).exclude(pk=self.skill_id).exists():
            raise ValidationError({"alias": "This is already the name of another skill."})
