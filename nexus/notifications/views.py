from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from . import selectors, services
from .filters import NotificationFilter
from .models import JobAlert, Notification
from .serializers import (
    NOTIFICATION_EXAMPLE,
    JobAlertSerializer,
    JobAlertWriteSerializer,
    MarkedReadSerializer,
    NotificationSerializer,
    UnreadCountSerializer,
    UnsubscribedSerializer,
)

NOTIFICATION_TAGS = ["notifications"]
ALERT_TAGS = ["job alerts"]
ID_PARAMETER = OpenApiParameter("id", int, OpenApiParameter.PATH)


@extend_schema(tags=NOTIFICATION_TAGS)
class NotificationListView(ListAPIView):
    """The signed-in user's notifications, newest first; `unread=true` for the unread ones only."""

    serializer_class = NotificationSerializer
    permission_classes = [IsAuthenticated]
    filterset_class = NotificationFilter
    ordering = ("-created_at", "-id")

    def get_queryset(self) -> QuerySet[Notification]:
        if getattr(self, "swagger_fake_view", False):
            return Notification.objects.none()
        return selectors.notification_list(user=self.request.user)


@extend_schema(
    tags=NOTIFICATION_TAGS,
    parameters=[ID_PARAMETER],
    request=None,
    responses={200: NotificationSerializer},
    examples=[NOTIFICATION_EXAMPLE],
)
class NotificationReadView(APIView):
    """Marks one of your notifications read (again is harmless)."""

    permission_classes = [IsAuthenticated]

    def post(self, request: Request, id: str) -> Response:
        notification = selectors.notification_get(user=request.user, notification_id=id)
        notification = services.notification_mark_read(notification=notification)
        return Response(NotificationSerializer(notification).data)


@extend_schema(tags=NOTIFICATION_TAGS, request=None, responses={200: MarkedReadSerializer})
class NotificationReadAllView(APIView):
    """Marks all your notifications read."""

    permission_classes = [IsAuthenticated]

    def post(self, request: Request) -> Response:
        return Response({"marked": services.notifications_mark_all_read(user=request.user)})


@extend_schema(tags=NOTIFICATION_TAGS, responses={200: UnreadCountSerializer})
class NotificationUnreadCountView(APIView):
    """How many of your notifications are unread."""

    permission_classes = [IsAuthenticated]

    def get(self, request: Request) -> Response:
        return Response({"unread": selectors.notification_unread_count(user=request.user)})


@extend_schema(tags=ALERT_TAGS)
class JobAlertCollectionView(ListAPIView):
    """GET: your job alerts, newest first. POST: a new one (seekers only)."""

    serializer_class = JobAlertSerializer
    permission_classes = [IsAuthenticated]
    ordering = ("-created_at", "-id")

    def get_queryset(self) -> QuerySet[JobAlert]:
        if getattr(self, "swagger_fake_view", False):
            return JobAlert.objects.none()
        return selectors.job_alert_list(user=self.request.user)

    extra_error_statuses = ["409"]

    @extend_schema(request=JobAlertWriteSerializer, responses={201: JobAlertSerializer})
    def post(self, request: Request) -> Response:
        selectors.job_alert_list(user=request.user)  # seekers only, before the body is looked at
        data = JobAlertWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        alert = services.job_alert_create(user=request.user, **data.validated_data)
        return Response(JobAlertSerializer(alert).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=ALERT_TAGS, parameters=[ID_PARAMETER])
class JobAlertDetailView(APIView):
    """One of your job alerts: read, change (`is_active: false` pauses it) or delete."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: JobAlertSerializer})
    def get(self, request: Request, id: str) -> Response:
        return Response(JobAlertSerializer(selectors.job_alert_get(user=request.user, alert_id=id)).data)

    @extend_schema(request=JobAlertWriteSerializer, responses={200: JobAlertSerializer})
    def patch(self, request: Request, id: str) -> Response:
        alert = selectors.job_alert_get(user=request.user, alert_id=id)
        data = JobAlertWriteSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        alert = services.job_alert_update(alert=alert, **data.validated_data)
        return Response(JobAlertSerializer(alert).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, id: str) -> Response:
        services.job_alert_delete(alert=selectors.job_alert_get(user=request.user, alert_id=id))
        return Response(status=status.HTTP_204_NO_CONTENT)


TOKEN_PARAMETER = OpenApiParameter(
    "token", OpenApiTypes.STR, OpenApiParameter.QUERY, required=True, description="The signed token from the email."
)


@extend_schema(tags=ALERT_TAGS, parameters=[TOKEN_PARAMETER], request=None, responses={200: UnsubscribedSerializer})
class JobAlertUnsubscribeView(APIView):
    """One-click unsubscribe from an alert email: pauses the alert. No sign-in; the signed token is the key.

    GET is the link in the email; POST is RFC 8058's `List-Unsubscribe-Post: List-Unsubscribe=One-Click`.
    """

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    extra_error_statuses = ["400"]  # invalid_unsubscribe_token

    def _unsubscribe(self, request: Request) -> Response:
        alert = services.job_alert_unsubscribe(token=request.query_params.get("token", ""))
        return Response({"alert_id": alert.pk, "name": str(alert), "is_active": alert.is_active})

    def get(self, request: Request) -> Response:
        return self._unsubscribe(request)

    def post(self, request: Request) -> Response:
        return self._unsubscribe(request)
