"""Query filters of the application lists; each has an index (see models.Application.Meta.indexes)."""

from datetime import UTC, datetime

import django_filters as filters
from django.db.models import QuerySet
from rest_framework.exceptions import ValidationError

from nexus.core.filters import ChoiceInFilter, StrictFilterSet

from .models import Application
from .pipeline import ApplicationStatus


class UtcDateTimeFilter(filters.IsoDateTimeFilter):
    """An ISO 8601 date-time, compared in UTC: PostgreSQL refuses offsets beyond +-15:59 that ISO allows."""

    def filter(self, queryset: QuerySet, value: datetime | None) -> QuerySet:
        if value is None:
            return queryset
        try:
            value = value.astimezone(UTC)
        except (OverflowError, ValueError) as exc:
            raise ValidationError({self.field_name: ["A date-time within years 1 to 9999."]}) from exc
        return super().filter(queryset, value)


class ApplicationFilter(StrictFilterSet):
    job = filters.NumberFilter(field_name="job_id", min_value=1, help_text="A job id.")
    status = ChoiceInFilter(choices=ApplicationStatus.choices, help_text="Statuses, comma-separated.")
    submitted_after = UtcDateTimeFilter(field_name="created_at", lookup_expr="gte")
    submitted_before = UtcDateTimeFilter(field_name="created_at", lookup_expr="lt")
    q = filters.CharFilter(
        field_name="applicant_name", lookup_expr="icontains", max_length=100, help_text="Applicant name or email."
    )

    class Meta:
        model = Application
        fields = ["job", "status", "submitted_after", "submitted_before", "q"]
