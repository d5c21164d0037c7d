"""Query filters of the application lists; each has an index (see models.Application.Meta.indexes)."""

import django_filters as filters

from .models import Application
from .pipeline import ApplicationStatus


class StatusInFilter(filters.BaseInFilter, filters.ChoiceFilter):
    pass


class ApplicationFilter(filters.FilterSet):
    job = filters.NumberFilter(field_name="job_id", min_value=1, help_text="A job id.")
    status = StatusInFilter(choices=ApplicationStatus.choices, help_text="Statuses, comma-separated.")
    submitted_after = filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    submitted_before = filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="lt")
    q = filters.CharFilter(
        field_name="applicant_name", lookup_expr="icontains", max_length=100, help_text="Applicant name or email."
    )

    class Meta:
        model = Application
        fields = ["job", "status", "submitted_after", "submitted_before", "q"]
