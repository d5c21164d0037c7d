from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower, Upper

from nexus.core.models import TimeStampedModel
from nexus.core.moderation import ModerationStatus

if TYPE_CHECKING:
    from nexus.accounts.models import User


class CompanySize(models.TextChoices):
    MICRO = "1-10", "1-10"
    SMALL = "11-50", "11-50"
    MEDIUM = "51-200", "51-200"
    LARGE = "201-1000", "201-1000"
    ENTERPRISE = "1001+", "1001+"


PUBLIC = Q(moderation_status=ModerationStatus.APPROVED)


class Company(TimeStampedModel):
    """An employer organisation. The public sees it once approved; its members and admins always do."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    description = models.TextField(blank=True, max_length=20000)
    website = models.URLField(max_length=300, blank=True)
    industry = models.ForeignKey(
        "taxonomy.Industry", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    size = models.CharField(max_length=16, choices=CompanySize.choices, blank=True)
    founded_year = models.PositiveSmallIntegerField(null=True, blank=True)
    headquarters_city = models.CharField(max_length=120, blank=True)
    headquarters_country = models.CharField(max_length=2, blank=True)
    logo = models.ImageField(upload_to="company-logos/", blank=True)
    is_verified = models.BooleanField(default=False)
    verified_at = models.DateTimeField(null=True, blank=True)
    moderation_status = models.CharField(
        max_length=16, choices=ModerationStatus.choices, default=ModerationStatus.APPROVED
    )
    moderation_reason = models.CharField(max_length=500, blank=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    members: "models.ManyToManyField[User, CompanyMember]" = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="CompanyMember", related_name="companies"
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "companies"
        constraints = [
            models.CheckConstraint(
                condition=Q(moderation_status__in=ModerationStatus.values), name="company_moderation_status_valid"
            ),
        ]
        indexes = [
            models.Index(Lower("name"), name="company_name_lower"),
            # Whether a job's company is approved, read from the index alone, as lists of listed jobs ask per job
            models.Index(fields=["id"], name="company_public_id", condition=PUBLIC),
            # The public list (approved companies by name) and its filters.
            models.Index(fields=["name", "id"], name="company_public_name", condition=PUBLIC),
            models.Index(
                fields=["headquarters_country", "name", "id"], name="company_public_country", condition=PUBLIC
            ),
            models.Index(fields=["industry", "name", "id"], name="company_public_industry", condition=PUBLIC),
            models.Index(fields=["name", "id"], name="company_public_verified", condition=PUBLIC & Q(is_verified=True)),
            # `?q=` is `name icontains`, i.e. UPPER(name) LIKE '%...%': a trigram index serves it.
            GinIndex(OpClass(Upper("name"), name="gin_trgm_ops"), name="company_name_trgm"),
            # The moderation queue, oldest first.
            models.Index(fields=["moderation_status", "created_at", "id"], name="company_moderation_queue"),
        ]

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    OWNER = "owner", "Owner"
    MEMBER = "member", "Member"


class CompanyMember(TimeStampedModel):
    """An employer who may act for a company: owners also manage the company and its members."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="company_memberships")
    role = models.CharField(max_length=8, choices=MemberRole.choices, default=MemberRole.MEMBER)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["company", "user"], name="company_member_unique"),
            models.CheckConstraint(condition=Q(role__in=MemberRole.values), name="company_member_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.role}) at {self.company}"
