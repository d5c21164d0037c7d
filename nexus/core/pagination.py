"""List pagination: keyset cursors by default, page numbers when the client asks for `page`.

Cursor pages are keyset pages: the cursor holds the ordering values of the last row
seen, and the next page is `WHERE (a, b, id) < (...)` over an index in the same order,
so page 10,000 costs what page 1 costs and rows inserted meanwhile neither repeat nor
vanish. A view sets `ordering`: field names all in one direction, ending in a unique
field. Numbered pages (`?page=3`) add a total `count` for UIs that show one: every row counted up to
COUNTED_UP_TO, past that the planner's estimate, as `count_exact` says (counting the 760,000 listed jobs took
1.3 s; the job list's are the search's, see nexus/search/facets.py).
"""

import base64
import binascii
import json
from functools import cached_property
from typing import Any, cast

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import EmptyPage, Page, Paginator
from django.db import connections
from django.db.models import Field, Model, QuerySet
from rest_framework.exceptions import NotFound
from rest_framework.pagination import BasePagination, PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from nexus.core.lookups import whole_number_parameter

DEFAULT_ORDERING = ("-created_at", "-id")
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE_NUMBER = 100_000  # past it, a page's offset is no longer worth reading to (use the cursor)
# Numbered pages count their rows up to this many, then estimate: 40 to 80 ms at a million jobs where they are scattered
# over the table (trending, featured), where counting the 760,000 trending jobs took 1.3 s.
COUNTED_UP_TO = 10_000


def requested_page_size(request: Request) -> int:
    message = f"Give a whole number from 1 to {MAX_PAGE_SIZE}."
    return whole_number_parameter(
        request.query_params, "page_size", high=MAX_PAGE_SIZE, default=PAGE_SIZE, message=message
    )


def requested_page_number(request: Request) -> int | None:
    """The `page` asked for (None: none, the cursor's pages)."""
    message = f"Give a page number from 1 to {MAX_PAGE_NUMBER}."
    return whole_number_parameter(request.query_params, "page", high=MAX_PAGE_NUMBER, default=None, message=message)


class KeysetCursor:
    """Encodes and applies one position in an ordering."""

    def __init__(self, ordering: tuple[str, ...], model: type[Model]) -> None:
        directions = {name.startswith("-") for name in ordering}
        assert len(directions) == 1, f"keyset ordering must go one way: {ordering}"
        self.descending = ordering[0].startswith("-")
        self.fields: list[Field] = [cast(Field, model._meta.get_field(name.lstrip("-"))) for name in ordering]
        self.table = model._meta.db_table

    def encode(self, row: Model, *, backwards: bool) -> str:
        values = [field.value_to_string(row) for field in self.fields]
        raw = json.dumps({"v": values, "b": backwards}, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    def decode(self, cursor: str) -> tuple[list[Any], bool]:
        try:
            raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
            values = [field.to_python(value) for field, value in zip(self.fields, raw["v"], strict=True)]
            return values, bool(raw["b"])
        except (ValueError, KeyError, TypeError, binascii.Error, DjangoValidationError) as exc:
            raise NotFound("Invalid cursor.") from exc

    def after(self, queryset: QuerySet, values: list[Any], *, backwards: bool) -> QuerySet:
        """Rows strictly after (or, backwards, before) the position, in the ordering's direction."""
        columns = ", ".join(f'"{self.table}"."{field.column}"' for field in self.fields)
        placeholders = ", ".join(["%s"] * len(values))
        operator = "<" if self.descending != backwards else ">"
        return queryset.extra(where=[f"({columns}) {operator} ({placeholders})"], params=values)  # noqa: S610

    def order(self, queryset: QuerySet, *, backwards: bool) -> QuerySet:
        descending = self.descending != backwards
        return queryset.order_by(*[("-" if descending else "") + field.name for field in self.fields])


class KeysetPagination:
    def __init__(self) -> None:
        self.next_url: str | None = None
        self.previous_url: str | None = None

    def paginate(self, queryset: QuerySet, request: Request, ordering: tuple[str, ...]) -> list[Any]:
        keyset = KeysetCursor(ordering, queryset.model)
        size = requested_page_size(request)
        cursor = request.query_params.get("cursor")
        backwards = False
        if cursor:
            values, backwards = keyset.decode(cursor)
            queryset = keyset.after(queryset, values, backwards=backwards)
        rows = list(keyset.order(queryset, backwards=backwards)[: size + 1])
        has_more = len(rows) > size
        rows = rows[:size]
        if backwards:
            rows.reverse()
        url = request.build_absolute_uri()
        if rows and (has_more or backwards):
            self.next_url = replace_query_param(url, "cursor", keyset.encode(rows[-1], backwards=False))
        if rows and cursor and (has_more or not backwards):
            self.previous_url = replace_query_param(url, "cursor", keyset.encode(rows[0], backwards=True))
        return rows

    def response(self, data: Any) -> Response:
        return Response({"next": self.next_url, "previous": self.previous_url, "results": data})


def estimated_rows(queryset: QuerySet) -> int:
    """The rows of `queryset` by the planner's estimate (EXPLAIN: nothing is read)."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        raw = cursor.fetchone()[0]
    plan = json.loads(raw) if isinstance(raw, str) else raw
    return int(plan[0]["Plan"]["Plan Rows"])


class PageOfUncountedRows(Page):
    """A page of rows past the count (CountingPaginator): whether rows follow it is known from reading one more."""

    def __init__(self, rows: list[Any], number: int, paginator: Paginator, *, followed: bool) -> None:
        super().__init__(rows, number, paginator)
        self.followed = followed

    def has_next(self) -> bool:
        return self.followed


class CountingPaginator(Paginator):
    """Counts every row up to COUNTED_UP_TO; past that, `count` is the planner's estimate (`count_exact` false), and
    pages are read to where the rows end, not to where the estimate says they do."""

    @cached_property
    def count(self) -> int:
        rows = cast(QuerySet, self.object_list).order_by().values("pk")  # in any order: the cheapest index
        counted = rows[: COUNTED_UP_TO + 1].count()
        return counted if counted <= COUNTED_UP_TO else max(counted, estimated_rows(rows))

    @property
    def count_exact(self) -> bool:
        return self.count <= COUNTED_UP_TO  # an estimate is never below the COUNTED_UP_TO + 1 rows counted

    def validate_number(self, number: Any) -> int:
        if self.count_exact:  # the pages end where the count says
            return super().validate_number(number)
        return max(int(number), 1)  # a whole number from 1 (requested_page_number has checked it)

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        if self.count_exact:
            return super().page(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows and number > 1:
            raise EmptyPage("That page contains no results")
        return PageOfUncountedRows(rows[: self.per_page], number, self, followed=len(rows) > self.per_page)


class _PageNumber(PageNumberPagination):
    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    django_paginator_class = CountingPaginator

    def get_paginated_response(self, data: Any) -> Response:
        paginator = cast(CountingPaginator, cast(Page, self.page).paginator)
        return Response(
            {
                "count": paginator.count,
                "count_exact": paginator.count_exact,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )


class PageNumberOrCursorPagination(BasePagination):
    def __init__(self) -> None:
        self._keyset = KeysetPagination()
        self._pages: _PageNumber | None = None
        self.page_rows: list[Any] = []  # the rows of the page, for views that derive more from them

    def paginate_queryset(self, queryset: QuerySet, request: Request, view: Any = None) -> list[Any] | None:
        ordering = tuple(getattr(view, "ordering", None) or DEFAULT_ORDERING)
        requested_page_size(request)  # refuses a bad page_size for both kinds of page
        if requested_page_number(request) is not None:
            self._pages = _PageNumber()
            self.page_rows = list(self._pages.paginate_queryset(queryset.order_by(*ordering), request, view) or [])
        else:
            self.page_rows = self._keyset.paginate(queryset, request, ordering)
        return self.page_rows

    def get_paginated_response(self, data: Any) -> Response:
        if self._pages is not None:
            return self._pages.get_paginated_response(data)
        return self._keyset.response(data)

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {
                "count": {
                    "type": "integer",
                    "description": "Matching rows, counted or estimated (`count_exact`); only with `page`.",
                    "example": 123,
                },
                "count_exact": {
                    "type": "boolean",
                    "description": "False when `count` is an estimate (more rows match than were counted); only with "
                    "`page`.",
                },
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
                "description": f"Page number, 1 to {MAX_PAGE_NUMBER}; switches to numbered pages with a total `count`.",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_NUMBER},
            },
            {
                "name": "page_size",
                "required": False,
                "in": "query",
                "description": f"Rows per page (at most {MAX_PAGE_SIZE}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
        ]
