from django.db import models
from django.db.models.functions import Lower

from nexus.core.models import TimeStampedModel


class Category(TimeStampedModel):
    """A node of the category tree.

    `path` is the materialized path of ids ("12/40/"), so a category's descendants are
    one indexed prefix match and cycles are impossible to store (a node cannot move
    under its own path).
    """

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    path = models.CharField(max_length=255, editable=False, db_index=True)
    description = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["path"]
        verbose_name_plural = "categories"
        indexes = [models.Index(fields=["path"], name="category_path_prefix", opclasses=["varchar_pattern_ops"])]
        constraints = [models.UniqueConstraint("parent", Lower("name"), name="category_name_unique_per_parent")]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return self.path.count("/") - 1


class Industry(TimeStampedModel):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "industries"
        constraints = [models.UniqueConstraint(Lower("name"), name="industry_name_unique_ci")]

    def __str__(self) -> str:
        return self.name


class Skill(TimeStampedModel):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=120, unique=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="skill_name_unique_ci")]

    def __str__(self) -> str:
        return self.name


class SkillAlias(TimeStampedModel):
    """Another name of a skill ("js" for JavaScript): search and recommendations treat both as one."""

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=100)

    class Meta:
        ordering = ["alias"]
        verbose_name_plural = "skill aliases"
        constraints = [models.UniqueConstraint(Lower("alias"), name="skill_alias_unique_ci")]

    def __str__(self) -> str:
        return f"{self.alias} → {self.skill}"
