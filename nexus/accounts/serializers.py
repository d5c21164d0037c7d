from django.contrib.auth.password_validation import password_validators_help_texts
from drf_spectacular.utils import OpenApiExample, extend_schema_field, extend_schema_serializer
from rest_framework import serializers
from rest_framework_simplejwt.exceptions import AuthenticationFailed, InvalidToken
from rest_framework_simplejwt.serializers import TokenRefreshSerializer, TokenVerifySerializer

from nexus.core.countries import CountryCodeField
from nexus.core.serializers import ModelSerializer as StrictModelSerializer
from nexus.core.serializers import Serializer as StrictSerializer
from nexus.taxonomy.serializers import SkillRefSerializer

from .models import (
    Certification,
    Education,
    EmployerProfile,
    Experience,
    PortfolioItem,
    Role,
    SeekerProfile,
    SeekerSkill,
    User,
)
from .services import SELF_SERVICE_ROLES

PASSWORD_HELP = " ".join(password_validators_help_texts())


class EmployerProfileSerializer(StrictModelSerializer):
    class Meta:
        model = EmployerProfile
        fields = ["job_title", "phone", "bio", "updated_at"]
        read_only_fields = ["updated_at"]


class SeekerProfileSerializer(StrictModelSerializer):
    country = CountryCodeField(allow_blank=True, required=False, help_text="ISO 3166-1 alpha-2 code.")

    class Meta:
        model = SeekerProfile
        fields = [
            "headline",
            "summary",
            "phone",
            "city",
            "region",
            "country",
            "years_of_experience",
            "open_to_work",
            "desired_title",
            "desired_employment_types",
            "desired_remote_types",
            "desired_salary_min",
            "desired_salary_currency",
            "willing_to_relocate",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]

    def validate_desired_salary_currency(self, value: str) -> str:
        if value and not (len(value) == 3 and value.isalpha()):
            raise serializers.ValidationError("Use an ISO 4217 code such as USD or ETB.")
        return value.upper()


class ExperienceSerializer(StrictModelSerializer):
    class Meta:
        model = Experience
        fields = [
            "id",
            "title",
            "company_name",
            "location",
            "start_date",
            "end_date",
            "description",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]


class EducationSerializer(StrictModelSerializer):
    class Meta:
        model = Education
        fields = [
            "id",
            "institution",
            "degree",
            "field_of_study",
            "start_date",
            "end_date",
            "description",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]


class PortfolioItemSerializer(StrictModelSerializer):
    class Meta:
        model = PortfolioItem
        fields = ["id", "title", "url", "description", "created_at", "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]


class CertificationSerializer(StrictModelSerializer):
    class Meta:
        model = Certification
        fields = [
            "id",
            "name",
            "issuer",
            "issued_on",
            "expires_on",
            "credential_id",
            "credential_url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]


class SeekerSkillSerializer(StrictModelSerializer):
    skill = SkillRefSerializer(read_only=True)
    name = serializers.CharField(read_only=True, help_text="The skill's name (as `skill.name`).")

    class Meta:
        model = SeekerSkill
        fields = ["id", "skill", "name", "proficiency", "years", "created_at", "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]
        # Uniqueness per profile is checked by the model's constraint, with the profile known.
        validators: list = []


@extend_schema_serializer(
    examples=[
        OpenApiExample("By name or alias", value={"name": "py", "proficiency": "advanced", "years": 4}),
        OpenApiExample("By id", value={"skill": 12, "proficiency": "expert", "years": 9}),
    ]
)
class SeekerSkillWriteSerializer(StrictModelSerializer):
    """Names the skill by `name` (a skill's name or alias, any case) or by `skill` (its id)."""

    name = serializers.CharField(
        max_length=100,
        required=False,
        help_text='A skill\'s name or alias, any case ("js" is JavaScript); see /api/v1/skills/?q=.',
    )
    skill = serializers.IntegerField(min_value=1, required=False, help_text="A skill's id, instead of `name`.")

    class Meta:
        model = SeekerSkill
        fields = ["name", "skill", "proficiency", "years"]
        validators: list = []

    def validate(self, attrs: dict) -> dict:
        if not self.partial and not (attrs.get("name") or "").strip() and attrs.get("skill") is None:
            raise serializers.ValidationError({"name": ["Give a skill name (or alias), or a skill id as `skill`."]})
        return attrs


class SeekerProfileDetailSerializer(SeekerProfileSerializer):
    experience = ExperienceSerializer(many=True, read_only=True)
    education = EducationSerializer(many=True, read_only=True)
    portfolio = PortfolioItemSerializer(many=True, read_only=True)
    certifications = CertificationSerializer(many=True, read_only=True)
    skills = SeekerSkillSerializer(many=True, read_only=True)

    class Meta(SeekerProfileSerializer.Meta):
        fields = [
            *SeekerProfileSerializer.Meta.fields,
            "experience",
            "education",
            "portfolio",
            "certifications",
            "skills",
        ]


class UserSerializer(StrictModelSerializer):
    email_verified = serializers.BooleanField(read_only=True)
    full_name = serializers.CharField(read_only=True)
    employer_profile = serializers.SerializerMethodField()
    seeker_profile = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "first_name",
            "last_name",
            "full_name",
            "role",
            "email_verified",
            "date_joined",
            "employer_profile",
            "seeker_profile",
        ]
        read_only_fields = ["id", "email", "role", "date_joined"]

    @extend_schema_field(EmployerProfileSerializer(allow_null=True))
    def get_employer_profile(self, user: User) -> dict | None:
        profile = getattr(user, "employer_profile", None) if user.role == Role.EMPLOYER else None
        return EmployerProfileSerializer(profile).data if profile else None

    @extend_schema_field(SeekerProfileSerializer(allow_null=True))
    def get_seeker_profile(self, user: User) -> dict | None:
        profile = getattr(user, "seeker_profile", None) if user.role == Role.SEEKER else None
        return SeekerProfileSerializer(profile).data if profile else None


class UserUpdateSerializer(StrictSerializer):
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True)


class TokenPairSerializer(StrictSerializer):
    access = serializers.CharField(help_text="Access token: send as `Authorization: Bearer <access>`.")
    refresh = serializers.CharField(help_text="Refresh token: exchange at /api/v1/auth/refresh/ (rotates).")


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "Seeker",
            value={
                "email": "ana@example.com",
                "password": "a-long-passphrase",
                "role": "seeker",
                "first_name": "Ana",
                "last_name": "Tadesse",
            },
            request_only=True,
        )
    ]
)
class RegisterSerializer(StrictSerializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(
        write_only=True, min_length=8, max_length=128, help_text=PASSWORD_HELP, style={"input_type": "password"}
    )
    role = serializers.ChoiceField(choices=[(role.value, role.label) for role in SELF_SERVICE_ROLES])
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")


class RegisteredSerializer(TokenPairSerializer):
    user = UserSerializer()


class RefreshTokenSerializer(StrictSerializer):
    refresh = serializers.CharField()


class RotatingRefreshSerializer(TokenRefreshSerializer):
    """simplejwt's refresh, refusing a token whose user no longer exists instead of failing."""

    refresh = serializers.CharField()
    access = serializers.CharField(read_only=True)

    def validate(self, attrs: dict) -> dict:
        try:
            return super().validate(attrs)
        except User.DoesNotExist as exc:
            raise AuthenticationFailed("No active account found for the given token.", "no_active_account") from exc


class BlacklistAwareVerifySerializer(TokenVerifySerializer):
    """simplejwt's verify, answering a blacklisted token like any other invalid one (401)."""

    def validate(self, attrs: dict) -> dict:
        try:
            return super().validate(attrs)
        except serializers.ValidationError as exc:
            raise InvalidToken("Token is blacklisted") from exc


class RotatedTokenPairSerializer(StrictSerializer):
    access = serializers.CharField()
    refresh = serializers.CharField(help_text="The new refresh token; the one sent is now blacklisted.")


class PasswordChangeSerializer(StrictSerializer):
    old_password = serializers.CharField(max_length=128, style={"input_type": "password"})
    new_password = serializers.CharField(
        min_length=8, max_length=128, help_text=PASSWORD_HELP, style={"input_type": "password"}
    )


class PasswordResetRequestSerializer(StrictSerializer):
    email = serializers.EmailField(max_length=254)


class EmailedTokenSerializer(StrictSerializer):
    uid = serializers.CharField(max_length=64, help_text="The `uid` parameter of the emailed link.")
    token = serializers.CharField(max_length=128, help_text="The `token` parameter of the emailed link.")


class PasswordResetConfirmSerializer(EmailedTokenSerializer):
    new_password = serializers.CharField(
        min_length=8, max_length=128, help_text=PASSWORD_HELP, style={"input_type": "password"}
    )


class PasswordConfirmSerializer(StrictSerializer):
    password = serializers.CharField(max_length=128, style={"input_type": "password"})


class DetailSerializer(StrictSerializer):
    detail = serializers.CharField()
