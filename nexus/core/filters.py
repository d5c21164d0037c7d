"""Query-parameter filters shared by the list endpoints."""

from typing import Any

import django_filters as filters
from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework.request import Request


@extend_schema_field(OpenApiTypes.BOOL)
class StrictBooleanFilter(filters.ChoiceFilter):
    """`true` or `false` only: anything else is a 400, not silently ignored."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("choices", [("true", "true"), ("false", "false")])
        super().__init__(*args, **kwargs)

    def filter(self, queryset: QuerySet, value: str) -> QuerySet:
        if value in ("", None):
            return queryset
        return super().filter(queryset, value == "true")


class RequestedFiltersBackend(DjangoFilterBackend):
    """django-filter, building the FilterSet (a form with deep-copied fields) only when the request names
    one of its filters: the unfiltered first page, the most requested of all, skips that cost."""

    def filter_queryset(self, request: Request, queryset: QuerySet, view: Any) -> QuerySet:
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None and not any(
            name in request.query_params for name in filterset_class.base_filters
        ):
            return queryset
        return super().filter_queryset(request, queryset, view)
