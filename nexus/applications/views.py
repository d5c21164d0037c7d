"""Applications: apply, the lists, one application, withdraw, the pipeline, notes and the history."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, extend_schema
from rest_framework import status
from rest_framework.generics import ListAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer
from rest_framework.throttling import BaseThrottle
from rest_framework.views import APIView

from nexus.core.throttling import UserRateThrottle

from . import selectors, services
from .filters import ApplicationFilter
from .models import Application
from .serializers import (
    ApplicationNoteInputSerializer,
    ApplicationNoteSerializer,
    ApplicationRatingSerializer,
    ApplicationSerializer,
    ApplicationStatusChangeSerializer,
    ApplicationSubmitSerializer,
    ApplicationTransitionSerializer,
    EmployerApplicationDetailSerializer,
    EmployerApplicationSerializer,
    ReasonSerializer,
)

TAGS = ["applications"]
APPLICATION_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The application's id.")

APPLICATION_FOR_READER = PolymorphicProxySerializer(
    component_name="ApplicationForReader",
    serializers=[ApplicationSerializer, EmployerApplicationSerializer],
    resource_type_field_name=None,
)
APPLICATION_DETAIL_FOR_READER = PolymorphicProxySerializer(
    component_name="ApplicationDetailForReader",
    serializers=[ApplicationSerializer, EmployerApplicationDetailSerializer],
    resource_type_field_name=None,
)


class ApplyThrottle(UserRateThrottle):
    scope = "apply"


def validated(serializer_class: type[BaseSerializer], request: Request) -> dict[str, Any]:
    data = serializer_class(data=request.data)
    data.is_valid(raise_exception=True)
    return data.validated_data


def application_body(request: Request, application: Application, *, detail: bool = False) -> dict[str, Any]:
    """The applicant's representation, or the hiring side's (applicant, profile on detail, rating)."""
    if not selectors.reads_as_employer(user=request.user):
        serializer_class: type[BaseSerializer] = ApplicationSerializer
    else:
        serializer_class = EmployerApplicationDetailSerializer if detail else EmployerApplicationSerializer
    return serializer_class(application, context={"request": request}).data


class ApplicationRowsView(ListAPIView):
    permission_classes = [IsAuthenticated]
    filterset_class = ApplicationFilter
    ordering = ("-created_at", "-id")

    def rows(self) -> QuerySet[Application]:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet[Application]:
        if getattr(self, "swagger_fake_view", False):
            return Application.objects.none()
        return self.rows()

    def get_serializer_class(self) -> type[BaseSerializer]:
        if getattr(self, "swagger_fake_view", False) or selectors.reads_as_employer(user=self.request.user):
            return EmployerApplicationSerializer
        return ApplicationSerializer


class ApplicationCollectionView(ApplicationRowsView):
    """GET: the applications you may see (seekers: their own; employers: those to their companies' jobs;
    admins: all), newest first. POST: apply to a job."""

    @property
    def extra_error_statuses(self) -> list[str]:
        request = getattr(self, "request", None)
        return ["409"] if request is not None and request.method == "POST" else []

    def get_throttles(self) -> list[BaseThrottle]:
        throttles = super().get_throttles()
        if getattr(self, "request", None) is not None and self.request.method == "POST":
            throttles.append(ApplyThrottle())
        return throttles

    def rows(self) -> QuerySet[Application]:
        return selectors.application_list_visible_to(user=self.request.user)

    @extend_schema(tags=TAGS, responses={200: APPLICATION_FOR_READER})
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(tags=TAGS, request=ApplicationSubmitSerializer, responses={201: ApplicationSerializer})
    def post(self, request: Request) -> Response:
        """Applies to a published job before its deadline with one of your documents and the answers to the
        job's screening questions. Once per job: a second application answers 409 `already_applied`.
        Limited to THROTTLE_APPLY per user."""
        data = validated(ApplicationSubmitSerializer, request)
        application = services.application_submit(
            applicant=request.user,
            job_ref=str(data["job"]),
            resume_id=data["resume"],
            cover_letter=data["cover_letter"],
            answers=data["answers"],
        )
        # The application as made, with the job (and company) and resume it was made with: not read again.
        return Response(application_body(request, application), status=status.HTTP_201_CREATED)


@extend_schema(tags=["employer"])
class EmployerApplicationsView(ApplicationRowsView):
    """Applications to the jobs of your companies (all, for admins), newest first, with filters."""

    serializer_class = EmployerApplicationSerializer

    def rows(self) -> QuerySet[Application]:
        return selectors.application_list_for_employer(user=self.request.user)

    def get_serializer_class(self) -> type[BaseSerializer]:
        return EmployerApplicationSerializer


@extend_schema(parameters=[APPLICATION_ID])
class ApplicationDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(tags=TAGS, responses={200: APPLICATION_DETAIL_FOR_READER})
    def get(self, request: Request, id: str) -> Response:
        """An application: the applicant sees it without notes or rating; the hiring company (and admins) also see
        the applicant's profile and the rating."""
        application = selectors.application_get_visible(user=request.user, application_id=id, with_profile=True)
        return Response(application_body(request, application, detail=True))

    @extend_schema(tags=TAGS, request=ApplicationRatingSerializer, responses={200: EmployerApplicationDetailSerializer})
    def patch(self, request: Request, id: str) -> Response:
        """Sets the hiring company's private rating (1-5, or null)."""
        application = selectors.application_get_visible(user=request.user, application_id=id, with_profile=True)
        rating = validated(ApplicationRatingSerializer, request)["rating"]
        services.application_rate(application=application, actor=request.user, rating=rating)
        return Response(application_body(request, application, detail=True))


@extend_schema(tags=TAGS, parameters=[APPLICATION_ID], request=ReasonSerializer, responses={200: ApplicationSerializer})
class ApplicationWithdrawView(APIView):
    """The applicant withdraws an open application (409 `illegal_transition` once it is closed)."""

    permission_classes = [IsAuthenticated]
    extra_error_statuses = ["409"]

    def post(self, request: Request, id: str) -> Response:
        application = selectors.application_get_visible(user=request.user, application_id=id)
        reason = validated(ReasonSerializer, request)["reason"]
        application = services.application_withdraw(application=application, actor=request.user, reason=reason)
        return Response(application_body(request, application))


@extend_schema(
    tags=TAGS,
    parameters=[APPLICATION_ID],
    request=ApplicationTransitionSerializer,
    responses={200: EmployerApplicationSerializer},
)
class ApplicationTransitionView(APIView):
    """The hiring company moves an application along the pipeline: submitted -> reviewing -> shortlisted ->
    interviewing -> offered -> hired, or rejected from any open status. Other moves answer 409."""

    permission_classes = [IsAuthenticated]
    extra_error_statuses = ["409"]

    def post(self, request: Request, id: str) -> Response:
        application = selectors.application_get_visible(user=request.user, application_id=id)
        data = validated(ApplicationTransitionSerializer, request)
        application = services.application_transition(
            application=application, actor=request.user, to_status=data["to_status"], reason=data["reason"]
        )
        return Response(application_body(request, application))


@extend_schema(tags=TAGS, parameters=[APPLICATION_ID], responses={200: ApplicationStatusChangeSerializer(many=True)})
class ApplicationHistoryView(APIView):
    """Every status of the application, oldest first: who, when, from, to, reason. Both sides read it."""

    permission_classes = [IsAuthenticated]

    def get(self, request: Request, id: str) -> Response:
        application = selectors.application_get_visible(user=request.user, application_id=id)
        changes = selectors.application_history(application=application)
        return Response(ApplicationStatusChangeSerializer(changes, many=True).data)


@extend_schema(parameters=[APPLICATION_ID])
class ApplicationNotesView(ListAPIView):
    """The hiring company's private notes on an application, newest first; never shown to the applicant."""

    permission_classes = [IsAuthenticated]
    serializer_class = ApplicationNoteSerializer
    ordering = ("-created_at", "-id")

    def _application(self) -> Application:
        application = selectors.application_get_visible(user=self.request.user, application_id=self.kwargs["id"])
        selectors.application_require_hiring_side(user=self.request.user, application=application)
        return application

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):
            return ApplicationNoteSerializer.Meta.model.objects.none()
        return selectors.application_notes(application=self._application())

    @extend_schema(tags=TAGS)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(tags=TAGS, request=ApplicationNoteInputSerializer, responses={201: ApplicationNoteSerializer})
    def post(self, request: Request, id: str) -> Response:
        """Adds a private note."""
        application = self._application()
        body = validated(ApplicationNoteInputSerializer, request)["body"]
        note = services.application_note_add(application=application, author=request.user, body=body)
        return Response(ApplicationNoteSerializer(note).data, status=status.HTTP_201_CREATED)
