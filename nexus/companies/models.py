from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from nexus.core.models import TimeStampedModel
from nexus.core.moderation import ModerationStatus


class CompanySize(models.TextChoices):
    MICRO = "1-10", "1-10"
    SMALL = "11-50", "11-50"
    MEDIUM = "51-200", "51-200"
    LARGE = "201-1000", "201-1000"
    ENTERPRISE = "1001+", "1001+"


class Company(TimeStampedModel):
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
        max_length=16, choices=ModerationStatus.choices, default=ModerationStatus.APPROVED, db_index=True
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, through="CompanyMember", related_name="companies")

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "companies"
        indexes = [models.Index(Lower("name"), name="company_name_lower")]

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
