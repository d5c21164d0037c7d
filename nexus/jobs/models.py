import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.utils import timezone

from nexus.core.models import TimeStampedModel
from nexus.core.moderation import ModerationStatus

from .choices import EmploymentType, ExperienceLevel, JobStatus, RemoteType, SalaryPeriod, SkillRequirement
from .lifecycle import LISTED, effective_status


class Job(TimeStampedModel):
    # Identity: `reference` never changes and is what feeds and integrations quote; the slug is for URLs.
    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(max_length=240, unique=True)

    company = models.ForeignKey("companies.Company", on_delete=models.PROTECT, related_name="jobs")
    posted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    title = models.CharField(max_length=200)
    description = models.TextField(max_length=50000, blank=True)
    requirements = models.TextField(max_length=20000, blank=True)
    responsibilities = models.TextField(max_length=20000, blank=True)
    benefits = models.TextField(max_length=20000, blank=True)

    category = models.ForeignKey("taxonomy.Category", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    industry = models.ForeignKey("taxonomy.Industry", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    skills: models.ManyToManyField = models.ManyToManyField("taxonomy.Skill", through="JobSkill", related_name="jobs")

    city = models.CharField(max_length=120, blank=True)
    region = models.CharField(max_length=120, blank=True)
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2 code.")
    postal_code = models.CharField(max_length=20, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    remote_type = models.CharField(max_length=8, choices=RemoteType.choices, default=RemoteType.ONSITE)
    remote_countries = ArrayField(models.CharField(max_length=2), default=list, blank=True, size=250)

    employment_type = models.CharField(max_length=16, choices=EmploymentType.choices, blank=True)
    experience_level = models.CharField(max_length=16, choices=ExperienceLevel.choices, blank=True)

    salary_min = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    salary_max = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    salary_currency = models.CharField(max_length=3, blank=True)
    salary_period = models.CharField(max_length=8, choices=SalaryPeriod.choices, blank=True)
    # The salary range as a yearly amount in the base currency (0 when unknown): what filters and ordering use.
    salary_yearly_min = models.BigIntegerField(default=0, editable=False)
    salary_yearly_max = models.BigIntegerField(default=0, editable=False)

    application_deadline = models.DateTimeField(null=True, blank=True)
    screening_questions = models.JSONField(default=list, blank=True)

    status = models.CharField(max_length=16, choices=JobStatus.choices, default=JobStatus.DRAFT)
    moderation_status = models.CharField(
        max_length=16, choices=ModerationStatus.choices, default=ModerationStatus.APPROVED
    )
    moderation_reason = models.CharField(max_length=500, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    featured_until = models.DateTimeField(null=True, blank=True)
    # Kept in step with featured_until by the featuring service and a periodic sweep, so it can be indexed.
    is_featured = models.BooleanField(default=False)

    views_count = models.PositiveIntegerField(default=0)
    saves_count = models.PositiveIntegerField(default=0)
    applications_count = models.PositiveIntegerField(default=0)
    trending_score = models.FloatField(default=0)

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True) | Q(salary_max__isnull=True) | Q(salary_max__gte=F("salary_min")),
                name="job_salary_range_ordered",
                violation_error_message="The maximum salary cannot be below the minimum.",
            ),
            models.CheckConstraint(
                condition=(Q(latitude__isnull=True) & Q(longitude__isnull=True))
                | (
                    Q(latitude__isnull=False, longitude__isnull=False)
                    & Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180)
                ),
                name="job_coordinates_valid",
                violation_error_message="Give both latitude (-90..90) and longitude (-180..180), or neither.",
            ),
            models.CheckConstraint(condition=Q(status__in=JobStatus.values), name="job_status_valid"),
        ]
        indexes = [
            # The public list: visible jobs newest first, featured first, by salary.
            models.Index(F("published_at").desc(), F("id").desc(), name="job_visible_newest", condition=LISTED),
            models.Index(
                F("is_featured").desc(),
                F("published_at").desc(),
                F("id").desc(),
                name="job_visible_featured",
                condition=LISTED,
            ),
            models.Index(F("salary_yearly_max").desc(), F("id").desc(), name="job_visible_salary", condition=LISTED),
            models.Index(  # the featured list: every job ever featured, newest first; counted from the index alone
                F("published_at").desc(),
                F("id").desc(),
                name="job_visible_featured_newest",
                condition=LISTED & Q(featured_until__isnull=False),
                include=["featured_until", "application_deadline", "company"],
            ),
            models.Index(  # the trending list in its order; its numbered pages counted from the index alone
                F("trending_score").desc(),
                F("id").desc(),
                name="job_visible_trending_order",
                condition=LISTED & Q(trending_score__gt=0),
                include=["application_deadline", "company"],
            ),
            # Filters, each as a partial index over visible jobs.
            models.Index(fields=["category", "published_at"], name="job_visible_category", condition=LISTED),
            models.Index(fields=["industry", "published_at"], name="job_visible_industry", condition=LISTED),
            models.Index(fields=["company", "published_at"], name="job_company"),
            # A company's listed jobs counted from the index alone (its open_jobs_count, its list's numbered pages)
            models.Index(
                fields=["company"], name="job_visible_company", condition=LISTED, include=["application_deadline", "id"]
            ),
            models.Index(fields=["employment_type", "published_at"], name="job_visible_employment", condition=LISTED),
            models.Index(fields=["experience_level", "published_at"], name="job_visible_experience", condition=LISTED),
            models.Index(fields=["remote_type", "published_at"], name="job_visible_remote", condition=LISTED),
            models.Index(fields=["salary_yearly_min"], name="job_visible_salary_min", condition=LISTED),
            # the city as the `city` filter compares it, whatever its case
            models.Index("country", Upper("city"), name="job_visible_country_city", condition=LISTED),
            # Housekeeping: the expiry sweep and the featured sweep.
            models.Index(
                fields=["application_deadline"], name="job_published_deadline", condition=Q(status=JobStatus.PUBLISHED)
            ),
            models.Index(fields=["featured_until"], name="job_featured_until", condition=Q(is_featured=True)),
            models.Index(fields=["status", "moderation_status"], name="job_status_moderation"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def current_status(self) -> str:
        return effective_status(status=self.status, application_deadline=self.application_deadline, now=timezone.now())

    @property
    def accepting_applications(self) -> bool:
        return self.current_status == JobStatus.PUBLISHED and self.moderation_status == ModerationStatus.APPROVED

    @property
    def featured_now(self) -> bool:
        return self.featured_until is not None and self.featured_until > timezone.now()


class JobSkill(models.Model):
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="job_skills")
    skill = models.ForeignKey("taxonomy.Skill", on_delete=models.PROTECT, related_name="job_skills")
    requirement = models.CharField(max_length=16, choices=SkillRequirement.choices, default=SkillRequirement.REQUIRED)
    level = models.CharField(max_length=16, choices=ExperienceLevel.choices, blank=True)

    class Meta:
        ordering = ["requirement", "id"]
        constraints = [models.UniqueConstraint(fields=["job", "skill"], name="job_skill_unique")]
        indexes = [models.Index(fields=["skill", "job"], name="job_skill_by_skill")]

    def __str__(self) -> str:
        return f"{self.skill} for {self.job}"


class SavedJob(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_jobs")
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="saves")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "job"], name="saved_job_unique")]
        indexes = [models.Index(fields=["user", "-created_at", "-id"], name="saved_job_by_user")]

    def __str__(self) -> str:
        return f"{self.user_id} saved {self.job_id}"


class JobView(models.Model):
    """One counted view: a viewer (user, or hashed address) of a job on a day."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="views")
    viewer = models.CharField(max_length=64)
    day = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "viewer", "day"], name="job_view_once_per_day")]
        indexes = [models.Index(fields=["day", "job"], name="job_view_by_day")]

    def __str__(self) -> str:
        return f"{self.viewer} viewed {self.job_id} on {self.day}"


class JobImport(TimeStampedModel):
    """A bulk import too large to run within its request: its rows wait here for a worker.

    The import runs in one transaction that also marks it finished, so a worker lost midway leaves
    it queued to be run again, and a second delivery of the task finds it finished.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"

    class Source(models.TextChoices):
        CSV = "csv", "CSV"
        JSON = "json", "JSON"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    company = models.ForeignKey("companies.Company", on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=4, choices=Source.choices)
    rows = models.JSONField(default=list, help_text="[line, row] pairs; emptied once the import has run.")
    publish = models.BooleanField(default=False)
    all_or_nothing = models.BooleanField(default=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    total_rows = models.PositiveIntegerField()
    created_ids = models.JSONField(default=list)
    errors = models.JSONField(default=list, help_text="Every bad row: {line, errors}.")
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["requested_by", "-created_at"])]

    def __str__(self) -> str:
        return f"import {self.pk} ({self.status})"
