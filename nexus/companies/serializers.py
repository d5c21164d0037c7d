from django.utils import timezone
from drf_spectacular.utils import OpenApiExample, extend_schema_field
from rest_framework import serializers

from nexus.core.countries import CountryCodeField
from nexus.core.serializers import ModelSerializer as StrictModelSerializer
from nexus.core.serializers import Serializer as StrictSerializer
from nexus.taxonomy.models import Industry

from .models import Company, CompanyMember, CompanySize, MemberRole
from .services import DECISIONS, EDITABLE_FIELDS

EARLIEST_FOUNDED_YEAR = 1000
MAX_DECISION_IDS = 500


COMPANY_EXAMPLE = OpenApiExample(
    "A company",
    value={
        "id": 12,
        "name": "Kifiya Financial Technology",
        "slug": "kifiya-financial-technology",
        "description": "Digital payments and credit for small businesses.",
        "website": "https://kifiya.com",
        "industry": {"id": 3, "name": "Financial Services"},
        "size": "201-1000",
        "founded_year": 2010,
        "headquarters_city": "Addis Ababa",
        "headquarters_country": "ET",
        "logo_url": "https://api.example.com/media/company-logos/3f9c0a7e.png",
        "is_verified": True,
        "verified_at": "2026-01-05T09:30:00Z",
        "moderation_status": "approved",
        "moderation_reason": "",
        "open_jobs_count": 4,
        "created_at": "2026-01-02T08:00:00Z",
        "updated_at": "2026-01-05T09:30:00Z",
    },
    response_only=True,
    status_codes=["200", "201"],
)
COMPANY_CREATE_EXAMPLE = OpenApiExample(
    "Create a company",
    value={
        "name": "Kifiya Financial Technology",
        "description": "Digital payments and credit for small businesses.",
        "website": "https://kifiya.com",
        "industry": 3,
        "size": "201-1000",
        "founded_year": 2010,
        "headquarters_city": "Addis Ababa",
        "headquarters_country": "ET",
    },
    request_only=True,
)


class CompanyIndustrySerializer(serializers.ModelSerializer):
    class Meta:
        model = Industry
        fields = ["id", "name"]


class CompanySerializer(serializers.ModelSerializer):
    """A company as everyone who may see it sees it.

    `moderation_status` is always present: the public only ever sees `approved` companies,
    while members and admins also see their `pending` and `rejected` ones (with the reason).
    """

    industry = CompanyIndustrySerializer(allow_null=True, read_only=True)
    # Declared so that the schema says "" is a possible value (read-only model fields lose allow_blank).
    website = serializers.URLField(allow_blank=True, read_only=True)
    size = serializers.ChoiceField(choices=CompanySize.choices, allow_blank=True, read_only=True)
    logo_url = serializers.SerializerMethodField(help_text="Absolute URL of the logo, or null.")
    open_jobs_count = serializers.IntegerField(
        read_only=True, help_text="Published, approved jobs that still accept applications."
    )

    class Meta:
        model = Company
        fields = [
            "id",
            "name",
            "slug",
            "description",
            "website",
            "industry",
            "size",
            "founded_year",
            "headquarters_city",
            "headquarters_country",
            "logo_url",
            "is_verified",
            "verified_at",
            "moderation_status",
            "moderation_reason",
            "open_jobs_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_logo_url(self, company: Company) -> str | None:
        if not company.logo:
            return None
        url = company.logo.url
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url


class CompanyCreatorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()


class CompanyForModerationSerializer(CompanySerializer):
    created_by = CompanyCreatorSerializer(allow_null=True, read_only=True)
    moderated_at = serializers.DateTimeField(allow_null=True, read_only=True)

    class Meta(CompanySerializer.Meta):
        fields = [*CompanySerializer.Meta.fields, "created_by", "moderated_at"]
        read_only_fields = fields


class CompanyInputSerializer(StrictModelSerializer):
    """The fields an employer writes. All but `name` are optional; PATCH takes any subset."""

    industry = serializers.IntegerField(
        allow_null=True, required=False, min_value=1, help_text="Id of an industry from /industries/, or null."
    )
    headquarters_country = CountryCodeField(allow_blank=True, required=False, help_text="ISO 3166-1 alpha-2 code.")

    class Meta:
        model = Company
        fields = list(EDITABLE_FIELDS)

    def validate_name(self, value: str) -> str:
        if not value.strip():
            raise serializers.ValidationError("This field may not be blank.")
        return value

    def validate_founded_year(self, value: int | None) -> int | None:
        if value is not None and not EARLIEST_FOUNDED_YEAR <= value <= timezone.now().year:
            raise serializers.ValidationError(f"Give a year between {EARLIEST_FOUNDED_YEAR} and this year.")
        return value


class CompanyMemberSerializer(serializers.ModelSerializer):
    user_id = serializers.IntegerField(source="user.id", read_only=True)
    email = serializers.EmailField(source="user.email", read_only=True)
    first_name = serializers.CharField(source="user.first_name", read_only=True)
    last_name = serializers.CharField(source="user.last_name", read_only=True)
    joined_at = serializers.DateTimeField(source="created_at", read_only=True)

    class Meta:
        model = CompanyMember
        fields = ["user_id", "email", "first_name", "last_name", "role", "joined_at"]
        read_only_fields = fields


class CompanyMemberAddSerializer(StrictSerializer):
    email = serializers.EmailField(help_text="Email address of an existing employer account.")
    role = serializers.ChoiceField(choices=MemberRole.choices, default=MemberRole.MEMBER)


class CompanyMemberRoleSerializer(StrictSerializer):
    role = serializers.ChoiceField(choices=MemberRole.choices)


class CompanyLogoUploadSerializer(serializers.Serializer):
    logo = serializers.FileField(help_text="A PNG, JPEG or WEBP image, at most 4096x4096 pixels.")


class CompanyModerationDecisionSerializer(StrictSerializer):
    ids = serializers.ListField(child=serializers.IntegerField(min_value=1), min_length=1, max_length=MAX_DECISION_IDS)
    decision = serializers.ChoiceField(choices=list(DECISIONS))
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")

    def validate_ids(self, value: list[int]) -> list[int]:
        raw = self.initial_data.get("ids") if isinstance(self.initial_data, dict) else None
        if isinstance(raw, list) and any(isinstance(item, bool) or not isinstance(item, int) for item in raw):
            raise serializers.ValidationError("Give company ids as integers.")
        return value


class CompanyModerationResultSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=list(DECISIONS))
    moderation_status = serializers.CharField(help_text="The status every listed company now has.")
    ids = serializers.ListField(child=serializers.IntegerField())
