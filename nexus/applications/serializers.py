"""Representations. The applicant's one (ApplicationSerializer) has no rating and no notes; the hiring
company's (EmployerApplicationSerializer) adds the applicant, their profile and the rating."""

from typing import Any

from drf_spectacular.utils import OpenApiExample, extend_schema_field, extend_schema_serializer
from rest_framework import serializers
from rest_framework.reverse import reverse

from nexus.accounts.serializers import SeekerProfileDetailSerializer
from nexus.core.serializers import Serializer
from nexus.jobs.serializers import CompanySummarySerializer

from .answers import LONG_TEXT_MAX
from .models import Application, ApplicationNote, ApplicationStatusChange, Document
from .pipeline import EMPLOYER_MOVES, ApplicationStatus

# --- input ----------------------------------------------------------------------------------------


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "Apply",
            value={
                "job": 42,
                "resume": 7,
                "cover_letter": "I have run payment APIs for five years...",
                "answers": {"years_python": 5, "relocate": True, "stack": ["Django", "PostgreSQL"]},
            },
            request_only=True,
        )
    ]
)
class ApplicationSubmitSerializer(Serializer):
    job = serializers.IntegerField(min_value=1, help_text="The job's id.")
    resume = serializers.IntegerField(min_value=1, help_text="One of your documents (`documents/`).")
    cover_letter = serializers.CharField(max_length=LONG_TEXT_MAX, allow_blank=True, default="")
    answers = serializers.DictField(
        child=serializers.JSONField(),
        default=dict,
        help_text="Screening answers by question key: a string for short and long text, a boolean for yes/no, "
        "a number for number, one choice text for single choice, a list of choice texts for multiple choice.",
    )


class ReasonSerializer(Serializer):
    reason = serializers.CharField(max_length=1000, allow_blank=True, default="")


@extend_schema_serializer(
    examples=[OpenApiExample("Shortlist", value={"to_status": "shortlisted", "reason": "Strong Django background"})]
)
class ApplicationTransitionSerializer(ReasonSerializer):
    to_status = serializers.ChoiceField(choices=sorted(EMPLOYER_MOVES))


class ApplicationRatingSerializer(Serializer):
    rating = serializers.IntegerField(min_value=1, max_value=5, allow_null=True, help_text="1-5, or null to clear.")


class ApplicationNoteInputSerializer(Serializer):
    body = serializers.CharField(max_length=5000)


class DocumentUploadSerializer(serializers.Serializer):
    # Empty files reach the content check, which names them (`document_empty`).
    file = serializers.FileField(
        allow_empty_file=True, help_text="A PDF or DOCX file (checked by content), at most DOCUMENT_MAX_BYTES."
    )


# --- output ---------------------------------------------------------------------------------------


class DocumentSerializer(serializers.ModelSerializer):
    content_type = serializers.CharField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = ["id", "original_name", "kind", "content_type", "size", "created_at", "download_url"]

    @extend_schema_field(serializers.URLField())
    def get_download_url(self, document: Document) -> str:
        return reverse("document-download", args=[document.pk], request=self.context.get("request"))


class ApplicationJobSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    title = serializers.CharField()
    company = CompanySummarySerializer()
    status = serializers.CharField(
        source="current_status", help_text="The job's status now (closed once past its deadline)."
    )
    accepting_applications = serializers.BooleanField()
    city = serializers.CharField()
    country = serializers.CharField()
    remote_type = serializers.CharField()
    employment_type = serializers.CharField()
    application_deadline = serializers.DateTimeField(allow_null=True)


class AnswerSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    type = serializers.CharField()
    answer = serializers.JSONField(allow_null=True)


class ApplicationSerializer(serializers.ModelSerializer):
    """What the applicant sees."""

    job = ApplicationJobSerializer()
    resume = DocumentSerializer()
    status = serializers.ChoiceField(choices=ApplicationStatus.choices)
    answers = AnswerSerializer(many=True)

    class Meta:
        model = Application
        fields = ["id", "job", "status", "cover_letter", "resume", "answers", "created_at", "updated_at"]


class ApplicantSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField()
    email = serializers.EmailField()
    headline = serializers.SerializerMethodField()

    @extend_schema_field(serializers.CharField())
    def get_headline(self, user: Any) -> str:
        profile = getattr(user, "seeker_profile", None)
        return profile.headline if profile else ""


class EmployerApplicationSerializer(ApplicationSerializer):
    """What the hiring company (and admins) see: the applicant and the private rating."""

    applicant = ApplicantSerializer()
    rating = serializers.IntegerField(allow_null=True, min_value=1, max_value=5)

    class Meta(ApplicationSerializer.Meta):
        fields = [*ApplicationSerializer.Meta.fields, "applicant", "rating"]


class EmployerApplicationDetailSerializer(EmployerApplicationSerializer):
    applicant_profile = SeekerProfileDetailSerializer(source="applicant.seeker_profile", allow_null=True)

    class Meta(EmployerApplicationSerializer.Meta):
        fields = [*EmployerApplicationSerializer.Meta.fields, "applicant_profile"]


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField()


class ApplicationStatusChangeSerializer(serializers.ModelSerializer):
    from_status = serializers.SerializerMethodField()
    to_status = serializers.ChoiceField(choices=ApplicationStatus.choices)
    changed_by = PersonSerializer(allow_null=True)

    class Meta:
        model = ApplicationStatusChange
        fields = ["id", "from_status", "to_status", "changed_by", "reason", "created_at"]

    @extend_schema_field(serializers.ChoiceField(choices=ApplicationStatus.choices, allow_null=True))
    def get_from_status(self, change: ApplicationStatusChange) -> str | None:
        return change.from_status or None


class ApplicationNoteSerializer(serializers.ModelSerializer):
    author = PersonSerializer(allow_null=True)

    class Meta:
        model = ApplicationNote
        fields = ["id", "body", "author", "created_at"]
