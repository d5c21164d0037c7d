"""Query-parameter filters shared by the list endpoints."""

from typing import Any

import django_filters as filters
from django.db.models import QuerySet


class StrictBooleanFilter(filters.ChoiceFilter):
    """`true` or `false` only: anything else is a 400, not silently ignored."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("choices", [("true", "true"), ("false", "false")])
        super().__init__(*args, **kwargs)

    def filter(self, queryset: QuerySet, value: str) -> QuerySet:
        if value in ("", None):
            return queryset
        return super().filter(queryset, value == "true")
