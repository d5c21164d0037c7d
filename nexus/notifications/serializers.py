from typing import Any

from drf_spectacular.utils import OpenApiExample, extend_schema_serializer
from rest_framework import serializers

from nexus.core import serializers as strict

from .models import AlertFrequency, JobAlert, Notification

NOTIFICATION_EXAMPLE = OpenApiExample(
    "Application received",
    value={
        "id": 41,
        "kind": "application_received",
        "title": "New application for Backend Engineer",
        "body": "Abebe Kebede applied to Backend Engineer.",
        "data": {"application_id": 7, "job_id": 12, "job_title": "Backend Engineer"},
        "is_read": True,
        "read_at": "2026-01-05T09:31:00Z",
        "created_at": "2026-01-05T09:30:00Z",
    },
    response_only=True,
)


class NotificationSerializer(serializers.ModelSerializer):
    is_read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "body", "data", "is_read", "read_at", "created_at"]
        read_only_fields = fields

    def get_is_read(self, notification: Notification) -> bool:
        return notification.read_at is not None


class UnreadCountSerializer(serializers.Serializer):
    unread = serializers.IntegerField()


class MarkedReadSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text="How many notifications were unread and are now read.")


QUERY_HELP = (
    "Query parameters of `GET /api/v1/jobs/` (e.g. `q`, `category`, `skills`, `employment_type`, `country`, "
    "`remote_type`, `salary_min`); values are strings, numbers or lists of strings."
)


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "Remote Python jobs, daily",
            value={
                "name": "Remote Python",
                "query": {"q": "python", "remote_type": "remote", "employment_type": ["full_time", "contract"]},
                "frequency": "daily",
            },
            request_only=True,
        )
    ]
)
class JobAlertWriteSerializer(strict.Serializer):
    name = serializers.CharField(max_length=120, required=False, allow_blank=True)
    query = serializers.DictField(help_text=QUERY_HELP)
    frequency = serializers.ChoiceField(choices=AlertFrequency.choices)
    is_active = serializers.BooleanField(required=False, help_text="false pauses the alert.")

    def validate_query(self, value: dict[str, Any]) -> dict[str, Any]:
        if len(value) > 30:
            raise serializers.ValidationError("At most 30 filters.")
        return value


class JobAlertSerializer(serializers.ModelSerializer):
    class Meta:
        model = JobAlert
        fields = ["id", "name", "query", "frequency", "is_active", "last_run_at", "created_at", "updated_at"]
        read_only_fields = fields


class UnsubscribedSerializer(serializers.Serializer):
    alert_id = serializers.IntegerField()
    name = serializers.CharField()
    is_active = serializers.BooleanField()
