from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper

from nexus.core.models import TimeStampedModel

from .pipeline import ApplicationStatus


class DocumentKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"


class Document(TimeStampedModel):
    """A resume a seeker uploaded. The file lives in the private `documents` storage under a random name.

    Deleting a document that applications were submitted with only takes it out of its owner's documents
    (`deleted_at`): the row and the file stay for those applications, which go on showing what was sent.
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=8, choices=DocumentKind.choices)
    storage_name = models.CharField(max_length=255, unique=True, editable=False)
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=DocumentKind.values), name="document_kind_valid"),
            models.CheckConstraint(condition=Q(size__gt=0), name="document_not_empty"),
        ]
        indexes = [
            models.Index(
                F("owner"),
                F("created_at").desc(),
                F("id").desc(),
                name="document_by_owner",
                condition=Q(deleted_at=None),
            ),
        ]

    def __str__(self) -> str:
        return self.original_name

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]


CONTENT_TYPES: dict[str, str] = {
    DocumentKind.PDF: "application/pdf",
    DocumentKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class Application(TimeStampedModel):
    job = models.ForeignKey("jobs.Job", on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="applications")
    # The applicant's name and email when they applied: what employers search by (trigram index).
    applicant_name = models.CharField(max_length=400, editable=False)
    resume = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="applications")
    cover_letter = models.TextField(max_length=10000, blank=True)
    # The questions as they were asked, each with its answer: [{key, label, type, answer}].
    answers = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=16, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED)
    # The hiring company's private rating; never shown to the applicant.
    rating = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["job", "applicant"],
                name="application_once_per_job",
                violation_error_message="You have already applied to this job.",
            ),
            models.CheckConstraint(condition=Q(status__in=ApplicationStatus.values), name="application_status_valid"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5), name="application_rating_1_to_5"
            ),
        ]
        indexes = [
            models.Index(F("applicant"), F("created_at").desc(), F("id").desc(), name="application_by_applicant"),
            models.Index(F("job"), F("created_at").desc(), F("id").desc(), name="application_by_job"),
            models.Index(F("job"), F("status"), F("created_at").desc(), name="application_by_job_status"),
            models.Index(F("status"), F("created_at").desc(), name="application_by_status"),
            models.Index(fields=["resume"], name="application_by_resume"),
            GinIndex(OpClass(Upper("applicant_name"), name="gin_trgm_ops"), name="application_name_trgm"),
        ]

    def __str__(self) -> str:
        return f"{self.applicant_name} for job {self.job_id}"


class ApplicationStatusChange(models.Model):
    """One step of an application's history; the first row is the submission (from_status empty)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=16, choices=ApplicationStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=ApplicationStatus.choices)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["application", "created_at", "id"], name="application_history")]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_status or '-'} -> {self.to_status}"


class ApplicationNote(TimeStampedModel):
    """A private note of the hiring company about an application; never shown to the applicant."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(max_length=5000)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(F("application"), F("created_at").desc(), F("id").desc(), name="application_notes")]

    def __str__(self) -> str:
        return f"Note on {self.application_id}"


class JobApplicationCounts(models.Model):
    """Applications of one job by status, kept by the services with F() updates in the changing transaction."""

    job = models.OneToOneField(
        "jobs.Job", on_delete=models.CASCADE, primary_key=True, related_name="application_counts"
    )
    submitted = models.PositiveIntegerField(default=0)
    reviewing = models.PositiveIntegerField(default=0)
    shortlisted = models.PositiveIntegerField(default=0)
    interviewing = models.PositiveIntegerField(default=0)
    offered = models.PositiveIntegerField(default=0)
    hired = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    withdrawn = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "job application counts"

    def __str__(self) -> str:
        return f"Application counts of job {self.job_id}"

    def as_dict(self) -> dict[str, int]:
        return {status: getattr(self, status) for status in ApplicationStatus.values}
