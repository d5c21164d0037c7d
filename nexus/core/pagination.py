"""Cursor pagination by default; page numbers when the client asks for `page`.

Cursor pages stay stable while rows are inserted; page numbers are for UIs that
show "page 3 of 12". Both cap `page_size`. A view sets `ordering` (with a unique
tiebreaker last) to choose the order of both.
"""

from typing import Any

from django.db.models import QuerySet
from rest_framework.pagination import BasePagination, CursorPagination, PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

DEFAULT_ORDERING = ("-created_at", "-id")


class _Cursor(CursorPagination):
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_ordering(self, request: Request, queryset: QuerySet, view: Any) -> tuple[str, ...]:
        return tuple(getattr(view, "ordering", None) or DEFAULT_ORDERING)


class _PageNumber(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 100


class PageNumberOrCursorPagination(BasePagination):
    def __init__(self) -> None:
        self._cursor = _Cursor()
        self._pages = _PageNumber()
        self._active: BasePagination = self._cursor

    def paginate_queryset(self, queryset: QuerySet, request: Request, view: Any = None) -> list[Any] | None:
        if "page" in request.query_params:
            self._active = self._pages
            ordering = getattr(view, "ordering", None) or DEFAULT_ORDERING
            queryset = queryset.order_by(*ordering)
        return self._active.paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data: Any) -> Response:
        return self._active.get_paginated_response(data)

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["results"],
            "properties": {
                "count": {"type": "integer", "description": "Total rows; only with `page`.", "example": 123},
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "previous": {"type": "string", "nullable": True, "format": "uri"},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": "cursor",
                "required": False,
                "in": "query",
                "description": "Opaque cursor from `next` or `previous` (the default pagination).",
                "schema": {"type": "string"},
            },
            {
                "name": "page",
                "required": False,
                "in": "query",
                "description": "Page number; switches to numbered pages with a total `count`.",
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": "page_size",
                "required": False,
                "in": "query",
                "description": "Rows per page (at most 100).",
                "schema": {"type": "integer", "minimum": 1, "maximum": 100},
            },
        ]

    def get_results(self, data: dict[str, Any]) -> Any:
        return data["results"]
