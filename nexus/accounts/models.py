from typing import ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from nexus.core.models import TimeStampedModel
from nexus.jobs.choices import EmploymentType, RemoteType


class Role(models.TextChoices):
    SEEKER = "seeker", "Job seeker"
    EMPLOYER = "employer", "Employer"
    ADMIN = "admin", "Admin"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def with_email(self, email: str) -> "models.QuerySet[User]":
        """The account with this address, whatever its case: compared as lower(email), which the
        unique index user_email_unique_ci answers (Django's iexact compares upper() and scans)."""
        return self.alias(email_lower=Lower("email")).filter(email_lower=email.strip().lower())

    def create_user(self, email: str, password: str | None = None, **fields: object) -> "User":
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: object) -> "User":
        fields.update(is_staff=True, is_superuser=True, role=Role.ADMIN)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, username: str | None) -> "User":
        return self.with_email(username or "").get()


class User(AbstractBaseUser, PermissionsMixin, TimeStampedModel):
    """A person who logs in with an email address. The role decides which profile they have."""

    email = models.EmailField(max_length=254, unique=True)
    first_name = models.CharField(max_length=150, blank=True)
    last_name = models.CharField(max_length=150, blank=True)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.SEEKER)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    email_verified_at = models.DateTimeField(null=True, blank=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="user_role_valid"),
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_seeker(self) -> bool:
        return self.role == Role.SEEKER

    @property
    def is_employer(self) -> bool:
        return self.role == Role.EMPLOYER

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN or self.is_superuser

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None


class EmployerProfile(TimeStampedModel):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="employer_profile")
    job_title = models.CharField(max_length=150, blank=True)
    phone = models.CharField(max_length=32, blank=True)
    bio = models.TextField(blank=True, max_length=5000)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Employer profile of {self.user}"


class SeekerProfile(TimeStampedModel):
    """A job seeker's CV data and the preferences that recommendations and alerts read."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="seeker_profile")
    headline = models.CharField(max_length=200, blank=True)
    summary = models.TextField(blank=True, max_length=10000)
    phone = models.CharField(max_length=32, blank=True)
    city = models.CharField(max_length=120, blank=True)
    region = models.CharField(max_length=120, blank=True)
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2 code.")
    years_of_experience = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(70)])
    open_to_work = models.BooleanField(default=True)
    # Preferences
    desired_title = models.CharField(max_length=200, blank=True)
    desired_employment_types = ArrayField(
        models.CharField(max_length=16, choices=EmploymentType.choices), default=list, blank=True, size=6
    )
    desired_remote_types = ArrayField(
        models.CharField(max_length=8, choices=RemoteType.choices), default=list, blank=True, size=3
    )
    desired_salary_min = models.PositiveIntegerField(null=True, blank=True)
    desired_salary_currency = models.CharField(max_length=3, blank=True)
    willing_to_relocate = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Seeker profile of {self.user}"


class ProfileItem(TimeStampedModel):
    """One entry of a seeker profile's nested collections (each subclass names its `profile` relation)."""

    profile = models.ForeignKey(SeekerProfile, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]


class Experience(ProfileItem):
    profile = models.ForeignKey(SeekerProfile, on_delete=models.CASCADE, related_name="experience")
    title = models.CharField(max_length=200)
    company_name = models.CharField(max_length=200)
    location = models.CharField(max_length=200, blank=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True, help_text="Empty while this is the current position.")
    description = models.TextField(blank=True, max_length=10000)

    class Meta(ProfileItem.Meta):
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="experience_end_after_start",
                violation_error_message="The end date cannot be before the start date.",
            )
        ]


class Education(ProfileItem):
    profile = models.ForeignKey(SeekerProfile, on_delete=models.CASCADE, related_name="education")
    institution = models.CharField(max_length=200)
    degree = models.CharField(max_length=200, blank=True)
    field_of_study = models.CharField(max_length=200, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    description = models.TextField(blank=True, max_length=10000)

    class Meta(ProfileItem.Meta):
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="education_end_after_start",
                violation_error_message="The end date cannot be before the start date.",
            )
        ]


class PortfolioItem(ProfileItem):
    profile = models.ForeignKey(SeekerProfile, on_delete=models.CASCADE, related_name="portfolio")
    title = models.CharField(max_length=200)
    url = models.URLField(max_length=500, blank=True)
    description = models.TextField(blank=True, max_length=10000)


class Certification(ProfileItem):
    profile = models.ForeignKey(SeekerProfile, on_delete=models.CASCADE, related_name="certifications")
    name = models.CharField(max_length=200)
    issuer = models.CharField(max_length=200, blank=True)
    issued_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    credential_id = models.CharField(max_length=200, blank=True)
    credential_url = models.URLField(max_length=500, blank=True)

    class Meta(ProfileItem.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(issued_on__isnull=True)
                | Q(expires_on__gte=models.F("issued_on")),
                name="certification_expires_after_issued",
                violation_error_message="The expiry date cannot be before the issue date.",
            )
        ]


class Proficiency(models.TextChoices):
    BEGINNER = "beginner", "Beginner"
    INTERMEDIATE = "intermediate", "Intermediate"
    ADVANCED = "advanced", "Advanced"
    EXPERT = "expert", "Expert"


class SeekerSkillManager(models.Manager["SeekerSkill"]):
    def get_queryset(self) -> models.QuerySet["SeekerSkill"]:
        # An item is shown by its skill's name: fetch the skill with it, everywhere (prefetches too).
        return super().get_queryset().select_related("skill")


class SeekerSkill(ProfileItem):
    """A skill of the taxonomy on a seeker's profile, with the seeker's level in it."""

    profile = models.ForeignKey(SeekerProfile, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey("taxonomy.Skill", on_delete=models.PROTECT, related_name="seeker_skills")
    proficiency = models.CharField(max_length=16, choices=Proficiency.choices, default=Proficiency.INTERMEDIATE)
    years = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(70)])

    objects = SeekerSkillManager()

    class Meta(ProfileItem.Meta):
        ordering = ["skill__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "skill"],
                name="seeker_skill_unique_per_profile",
                violation_error_message="This skill is already on your profile.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.skill} ({self.proficiency})"

    @property
    def name(self) -> str:
        return self.skill.name


PROFILE_COLLECTIONS: dict[str, type[ProfileItem]] = {
    "experience": Experience,
    "education": Education,
    "portfolio": PortfolioItem,
    "certifications": Certification,
    "skills": SeekerSkill,
}
