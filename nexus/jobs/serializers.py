from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from nexus.core.countries import CountryCodeField
from nexus.core.serializers import ModelSerializer, Serializer

from .choices import EmploymentType, ExperienceLevel, RemoteType, SalaryPeriod, SkillRequirement
from .jsonld import job_posting_jsonld
from .models import Job, JobSkill, SavedJob
from .screening import CHOICE_TYPES, QuestionType
from .selectors import job_is_live_posting


class ScreeningQuestionSerializer(Serializer):
    key = serializers.SlugField(max_length=50, help_text="Stable key that answers refer to.")
    label = serializers.CharField(max_length=500)
    type = serializers.ChoiceField(choices=QuestionType.choices)
    required = serializers.BooleanField(default=False)
    choices = serializers.ListField(
        child=serializers.CharField(max_length=200), max_length=50, required=False, default=list
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        needs_choices = attrs["type"] in CHOICE_TYPES
        if needs_choices and len(set(attrs["choices"])) < 2:
            raise serializers.ValidationError({"choices": ["Give at least two different choices."]})
        if not needs_choices and attrs["choices"]:
            raise serializers.ValidationError({"choices": ["Only choice questions have choices."]})
        return attrs


class JobSkillInputSerializer(Serializer):
    skill = serializers.CharField(max_length=100, help_text="A skill name, alias or id.")
    requirement = serializers.ChoiceField(choices=SkillRequirement.choices, default=SkillRequirement.REQUIRED)
    level = serializers.ChoiceField(choices=ExperienceLevel.choices, allow_blank=True, default="")


class JobUpdateSerializer(Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=50000, allow_blank=True, required=False)
    requirements = serializers.CharField(max_length=20000, allow_blank=True, required=False)
    responsibilities = serializers.CharField(max_length=20000, allow_blank=True, required=False)
    benefits = serializers.CharField(max_length=20000, allow_blank=True, required=False)
    category = serializers.IntegerField(allow_null=True, required=False, min_value=1)
    industry = serializers.IntegerField(allow_null=True, required=False, min_value=1)
    skills = JobSkillInputSerializer(many=True, required=False, max_length=50)
    city = serializers.CharField(max_length=120, allow_blank=True, required=False)
    region = serializers.CharField(max_length=120, allow_blank=True, required=False)
    country = CountryCodeField(allow_blank=True, required=False)
    postal_code = serializers.CharField(max_length=20, allow_blank=True, required=False)
    latitude = serializers.FloatField(min_value=-90, max_value=90, allow_null=True, required=False)
    longitude = serializers.FloatField(min_value=-180, max_value=180, allow_null=True, required=False)
    remote_type = serializers.ChoiceField(choices=RemoteType.choices, required=False)
    remote_countries = serializers.ListField(child=CountryCodeField(), max_length=250, required=False)
    employment_type = serializers.ChoiceField(choices=EmploymentType.choices, allow_blank=True, required=False)
    experience_level = serializers.ChoiceField(choices=ExperienceLevel.choices, allow_blank=True, required=False)
    salary_min = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, allow_null=True, required=False, coerce_to_string=False
    )
    salary_max = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, allow_null=True, required=False, coerce_to_string=False
    )
    salary_currency = serializers.RegexField(r"^[A-Za-z]{3}$", max_length=3, allow_blank=True, required=False)
    salary_period = serializers.ChoiceField(choices=SalaryPeriod.choices, allow_blank=True, required=False)
    application_deadline = serializers.DateTimeField(allow_null=True, required=False)
    screening_questions = ScreeningQuestionSerializer(many=True, required=False, max_length=50)


class JobCreateSerializer(JobUpdateSerializer):
    company = serializers.IntegerField(min_value=1, help_text="A company you are a member of.")


class JobReopenSerializer(Serializer):
    application_deadline = serializers.DateTimeField(
        allow_null=True, required=False, help_text="A new deadline, for relisting a job whose deadline passed."
    )


class CompanySummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.SlugField()
    is_verified = serializers.BooleanField()
    logo_url = serializers.SerializerMethodField()

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_logo_url(self, company: Any) -> str | None:
        if not company.logo:
            return None
        request = self.context.get("request")
        return request.build_absolute_uri(company.logo.url) if request else company.logo.url


class NamedRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.SlugField()


class SalarySerializer(serializers.Serializer):
    min = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True, coerce_to_string=False)
    max = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True, coerce_to_string=False)
    currency = serializers.CharField()
    period = serializers.ChoiceField(choices=SalaryPeriod.choices)
    yearly_min_base = serializers.IntegerField(help_text="The minimum as a yearly amount in the base currency.")
    yearly_max_base = serializers.IntegerField(help_text="The maximum as a yearly amount in the base currency.")


class JobListSerializer(ModelSerializer):
    company = CompanySummarySerializer()
    category = NamedRefSerializer(allow_null=True)
    salary = serializers.SerializerMethodField()
    status = serializers.CharField(source="current_status", help_text="A published job past its deadline is closed.")
    is_featured = serializers.BooleanField(source="featured_now")
    accepting_applications = serializers.BooleanField()

    class Meta:
        model = Job
        fields = [
            "id",
            "reference",
            "slug",
            "title",
            "company",
            "category",
            "city",
            "region",
            "country",
            "remote_type",
            "employment_type",
            "experience_level",
            "salary",
            "status",
            "accepting_applications",
            "is_featured",
            "published_at",
            "application_deadline",
        ]
        read_only_fields = fields

    @extend_schema_field(SalarySerializer(allow_null=True))
    def get_salary(self, job: Job) -> dict[str, Any] | None:
        if job.salary_min is None and job.salary_max is None:
            return None
        return {
            "min": job.salary_min,
            "max": job.salary_max,
            "currency": job.salary_currency,
            "period": job.salary_period,
            "yearly_min_base": job.salary_yearly_min,
            "yearly_max_base": job.salary_yearly_max,
        }


class JobSkillSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(source="skill.id")
    name = serializers.CharField(source="skill.name")
    slug = serializers.SlugField(source="skill.slug")

    class Meta:
        model = JobSkill
        fields = ["id", "name", "slug", "requirement", "level"]


class JobDetailSerializer(JobListSerializer):
    industry = NamedRefSerializer(allow_null=True)
    skills = JobSkillSerializer(source="job_skills", many=True)
    screening_questions = ScreeningQuestionSerializer(many=True)
    job_posting = serializers.SerializerMethodField(
        help_text=(
            "The job as schema.org JobPosting JSON-LD, ready to embed in the job's web page in a "
            '`<script type="application/ld+json">` element; null unless the job is public and open.'
        )
    )

    @extend_schema_field({"type": "object", "additionalProperties": True, "nullable": True})
    def get_job_posting(self, job: Job) -> dict[str, Any] | None:
        if not job_is_live_posting(job=job):
            return None
        return job_posting_jsonld(job, request=self.context.get("request"))

    class Meta(JobListSerializer.Meta):
        fields = [
            *JobListSerializer.Meta.fields,
            "description",
            "requirements",
            "responsibilities",
            "benefits",
            "industry",
            "skills",
            "postal_code",
            "latitude",
            "longitude",
            "remote_countries",
            "screening_questions",
            "job_posting",
            "views_count",
            "saves_count",
            "applications_count",
            "moderation_status",
            "featured_until",
            "closed_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class SavedJobSerializer(serializers.ModelSerializer):
    job = JobListSerializer()

    class Meta:
        model = SavedJob
        fields = ["job", "created_at"]


class JobStatsSerializer(serializers.Serializer):
    views = serializers.IntegerField()
    saves = serializers.IntegerField()
    applications = serializers.IntegerField()
    applications_by_status = serializers.DictField(child=serializers.IntegerField())


class EmployerStatsSerializer(serializers.Serializer):
    jobs_by_status = serializers.DictField(child=serializers.IntegerField())
    views = serializers.IntegerField()
    saves = serializers.IntegerField()
    applications = serializers.IntegerField()


class ModerationDecisionSerializer(Serializer):
    ids = serializers.ListField(child=serializers.IntegerField(min_value=1), min_length=1, max_length=500)
    decision = serializers.ChoiceField(choices=["approve", "reject"])
    reason = serializers.CharField(max_length=500, allow_blank=True, default="")


class ModerationResultSerializer(serializers.Serializer):
    decided = serializers.IntegerField()
