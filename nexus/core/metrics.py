"""Prometheus metrics of our own, next to django-prometheus' request, database and cache figures.

All are served at /api/metrics/. Labels are bounded: cache areas and throttle scopes are a few fixed
names, and routes are URL patterns, never raw paths.
"""

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse
from prometheus_client import Counter, Histogram

RESPONSE_CACHE = Counter(
    "nexus_response_cache_lookups_total",
    "Shared response cache lookups, by cache area and result.",
    ["area", "result"],
)
THROTTLED = Counter(
    "nexus_throttled_requests_total",
    "Requests refused with 429, by rate-limit scope.",
    ["scope"],
)
DB_QUERIES = Histogram(
    "nexus_db_queries_per_request",
    "Database queries run while answering one request, by route.",
    ["route"],
    buckets=(0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 100),
)


def record_cache_lookup(area: str, *, hit: bool) -> None:
    RESPONSE_CACHE.labels(area=area, result="hit" if hit else "miss").inc()


def record_throttled(scope: str) -> None:
    THROTTLED.labels(scope=scope).inc()


class _QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


class QueryCountMiddleware:
    """Observes how many database queries each request ran, labelled by its URL pattern."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        counter = _QueryCounter()
        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        match = request.resolver_match
        DB_QUERIES.labels(route=match.route if match else "<unmatched>").observe(counter.count)
        return response
