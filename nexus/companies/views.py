"""Company endpoints: thin views over nexus.companies.services and selectors.

`{id}` is a company's numeric id or its slug. A company the caller may not see answers
404; one they see but may not change answers 403.
"""

from typing import Any

from django.conf import settings
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from nexus.core.errors import InvalidInput, PermissionDenied
from nexus.core.moderation import ModerationStatus

from . import error_codes, services
from .cache import cached_when_public
from .filters import CompanyFilter
from .models import Company
from .selectors import (
    companies_for_moderation,
    company_get_for_member,
    company_get_visible,
    company_list,
    company_member_get,
    company_members,
)
from .serializers import (
    COMPANY_CREATE_EXAMPLE,
    COMPANY_EXAMPLE,
    CompanyForModerationSerializer,
    CompanyInputSerializer,
    CompanyLogoUploadSerializer,
    CompanyMemberAddSerializer,
    CompanyMemberRoleSerializer,
    CompanyMemberSerializer,
    CompanyModerationDecisionSerializer,
    CompanyModerationResultSerializer,
    CompanySerializer,
)

TAG = ["companies"]
COMPANY_ID = OpenApiParameter(
    "id", str, OpenApiParameter.PATH, description="The company's numeric id or its slug, e.g. `42` or `acme-labs`."
)
MEMBER_ID = OpenApiParameter("user_id", int, OpenApiParameter.PATH, description="The member's user id.")
# Multipart overhead allowed on top of the logo itself before the body is read at all.
MULTIPART_SLACK_BYTES = 64 * 1024


class IsAdmin(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        if request.user and request.user.is_authenticated and not request.user.is_admin:
            raise PermissionDenied("Only admins can do this.", code=error_codes.ADMIN_ONLY)
        return bool(request.user and request.user.is_authenticated)


class ConflictMethodsMixin:
    """Documents 409 only on the methods that can answer it."""

    conflict_methods: tuple[str, ...] = ()
    request: Request

    @property
    def extra_error_statuses(self) -> list[str]:
        request = getattr(self, "request", None)
        return ["409"] if request is not None and request.method in self.conflict_methods else []


def _validated(serializer_class: type, request: Request, **kwargs: Any) -> dict[str, Any]:
    serializer = serializer_class(data=request.data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _company_body(request: Request, company: Company) -> dict[str, Any]:
    """The representation, read again so that annotations (open jobs) are current."""
    fresh = company_get_visible(user=request.user, key=company.pk)
    return CompanySerializer(fresh, context={"request": request}).data


class CompanyListView(GenericAPIView):
    serializer_class = CompanySerializer
    filterset_class = CompanyFilter
    ordering = ("name", "id")
    queryset = Company.objects.none()  # for the schema; get_queryset decides

    def get_queryset(self) -> Any:
        return company_list(user=self.request.user)

    @extend_schema(tags=TAG, responses={200: CompanySerializer(many=True)})
    @cached_when_public
    def get(self, request: Request) -> Response:
        """Approved companies by name, plus your own in any moderation status (admins see all)."""
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(CompanySerializer(page, many=True, context={"request": request}).data)

    @extend_schema(
        tags=TAG,
        request=CompanyInputSerializer,
        responses={201: CompanySerializer},
        examples=[COMPANY_CREATE_EXAMPLE, COMPANY_EXAMPLE],
    )
    def post(self, request: Request) -> Response:
        """Creates a company with you as its owner (employers). It may be held for review: see `moderation_status`."""
        if not services.user_can_create_company(user=request.user):
            raise PermissionDenied("Only employers can create companies.", code=error_codes.EMPLOYER_ONLY)
        company = services.company_create(creator=request.user, **_validated(CompanyInputSerializer, request))
        return Response(_company_body(request, company), status=status.HTTP_201_CREATED)


@extend_schema(tags=TAG, parameters=[COMPANY_ID])
class CompanyDetailView(ConflictMethodsMixin, APIView):
    conflict_methods = ("DELETE",)

    @extend_schema(responses={200: CompanySerializer}, examples=[COMPANY_EXAMPLE])
    @cached_when_public
    def get(self, request: Request, id: str) -> Response:
        company = company_get_visible(user=request.user, key=id)
        return Response(CompanySerializer(company, context={"request": request}).data)

    @extend_schema(request=CompanyInputSerializer, responses={200: CompanySerializer}, examples=[COMPANY_EXAMPLE])
    def patch(self, request: Request, id: str) -> Response:
        """Changes the company (its members and admins). The slug stays as it was."""
        company = company_get_visible(user=request.user, key=id)
        fields = _validated(CompanyInputSerializer, request, partial=True)
        company = services.company_update(company=company, actor=request.user, **fields)
        return Response(_company_body(request, company))

    @extend_schema(responses={204: None})
    def delete(self, request: Request, id: str) -> Response:
        """Deletes the company (owners and admins), only while it has no jobs (else 409 `company_has_jobs`)."""
        company = company_get_visible(user=request.user, key=id)
        services.company_delete(company=company, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=TAG, parameters=[COMPANY_ID])
class CompanyMembersView(ConflictMethodsMixin, APIView):
    """The company's people: visible to its members and admins only (404 for everyone else)."""

    permission_classes = [IsAuthenticated]
    conflict_methods = ("POST",)

    @extend_schema(responses={200: CompanyMemberSerializer(many=True)})
    def get(self, request: Request, id: str) -> Response:
        company = company_get_for_member(user=request.user, company_id=id)
        return Response(CompanyMemberSerializer(company_members(company=company), many=True).data)

    @extend_schema(request=CompanyMemberAddSerializer, responses={201: CompanyMemberSerializer})
    def post(self, request: Request, id: str) -> Response:
        """Adds an existing employer account by email (owners and admins); 409 `already_member` for a member."""
        company = company_get_for_member(user=request.user, company_id=id)
        member = services.company_member_add(
            company=company, actor=request.user, **_validated(CompanyMemberAddSerializer, request)
        )
        return Response(CompanyMemberSerializer(member).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=TAG, parameters=[COMPANY_ID, MEMBER_ID])
class CompanyMemberDetailView(ConflictMethodsMixin, APIView):
    permission_classes = [IsAuthenticated]
    conflict_methods = ("PATCH", "DELETE")

    @extend_schema(request=CompanyMemberRoleSerializer, responses={200: CompanyMemberSerializer})
    def patch(self, request: Request, id: str, user_id: int) -> Response:
        """Changes a member's role (owners and admins); the last owner cannot be demoted (409 `last_owner`)."""
        company = company_get_for_member(user=request.user, company_id=id)
        role = _validated(CompanyMemberRoleSerializer, request)["role"]
        services.company_member_set_role(company=company, actor=request.user, user_id=user_id, role=role)
        return Response(CompanyMemberSerializer(company_member_get(company=company, user_id=user_id)).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, id: str, user_id: int) -> Response:
        """Removes a member (owners and admins) or leaves the company (yourself); never the last owner."""
        company = company_get_for_member(user=request.user, company_id=id)
        services.company_member_remove(company=company, actor=request.user, user_id=user_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=TAG, parameters=[COMPANY_ID], request=None, responses={200: CompanySerializer})
class CompanyVerifyView(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request: Request, id: str) -> Response:
        """Marks the company verified and approves it (admins)."""
        company = company_get_visible(user=request.user, key=id)
        company = services.company_verify(company=company, actor=request.user)
        return Response(_company_body(request, company))

    def delete(self, request: Request, id: str) -> Response:
        """Takes the verification away (admins)."""
        company = company_get_visible(user=request.user, key=id)
        company = services.company_unverify(company=company, actor=request.user)
        return Response(_company_body(request, company))


@extend_schema(tags=TAG, parameters=[COMPANY_ID], responses={200: CompanySerializer})
class CompanyLogoView(APIView):
    """The company's logo (its members and admins): PNG, JPEG or WEBP, checked by content."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser]

    @extend_schema(request={"multipart/form-data": CompanyLogoUploadSerializer})
    def put(self, request: Request, id: str) -> Response:
        """Uploads the logo as multipart field `logo`, replacing any previous one.

        At most COMPANY_LOGO_MAX_BYTES (2 MB by default) and 4096x4096 pixels.
        """
        company = company_get_visible(user=request.user, key=id)
        services.company_require_editor(user=request.user, company=company)  # before reading the body
        self._refuse_oversized_body(request)
        upload = _validated(CompanyLogoUploadSerializer, request)["logo"]
        company = services.company_logo_set(company=company, actor=request.user, upload=upload)
        return Response(_company_body(request, company))

    @extend_schema(request=None)
    def delete(self, request: Request, id: str) -> Response:
        """Removes the logo."""
        company = company_get_visible(user=request.user, key=id)
        company = services.company_logo_remove(company=company, actor=request.user)
        return Response(_company_body(request, company))

    @staticmethod
    def _refuse_oversized_body(request: Request) -> None:
        """Refuses an upload that is too large by its declared length, before it is read into a file."""
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.COMPANY_LOGO_MAX_BYTES + MULTIPART_SLACK_BYTES:
            message = f"The logo may be at most {settings.COMPANY_LOGO_MAX_BYTES} bytes."
            raise InvalidInput(message, code=error_codes.LOGO_TOO_LARGE, details={"logo": [message]})


class CompanyModerationListView(GenericAPIView):
    """Companies by moderation status (held ones by default), oldest first: the admins' review queue."""

    permission_classes = [IsAdmin]
    serializer_class = CompanyForModerationSerializer
    ordering = ("created_at", "id")
    queryset = Company.objects.none()
    filter_backends: list = []

    def get_queryset(self) -> Any:
        wanted = self.request.query_params.get("status", ModerationStatus.PENDING)
        if wanted not in ModerationStatus.values:
            message = f"Choose one of: {', '.join(ModerationStatus.values)}."
            raise InvalidInput(message, details={"status": [message]})
        return companies_for_moderation(status=wanted)

    @extend_schema(
        tags=TAG,
        parameters=[
            OpenApiParameter(
                "status",
                str,
                enum=ModerationStatus.values,
                default=ModerationStatus.PENDING,
                description="Which companies to list: `pending` (held for review, the default), "
                "`rejected` or `approved`.",
            )
        ],
        responses={200: CompanyForModerationSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(
            CompanyForModerationSerializer(page, many=True, context={"request": request}).data
        )


@extend_schema(
    tags=TAG, request=CompanyModerationDecisionSerializer, responses={200: CompanyModerationResultSerializer}
)
class CompanyModerationDecideView(APIView):
    """Approves or rejects many companies at once (admins): all of them, or none when any id is unknown."""

    permission_classes = [IsAdmin]

    def post(self, request: Request) -> Response:
        data = _validated(CompanyModerationDecisionSerializer, request)
        ids = services.company_moderation_decide(actor=request.user, **data)
        body = {"decision": data["decision"], "moderation_status": services.DECISIONS[data["decision"]], "ids": ids}
        return Response(CompanyModerationResultSerializer(body).data)
