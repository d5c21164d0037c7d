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
EARLY_ANSWERS = Counter(
    "nexus_response_cache_early_answers_total",
    "GET requests answered from the shared cache before the rest of the stack, by route.",
    ["route"],
)
BUILT_IN_FRONT = Counter(
    "nexus_answers_built_in_front_total",
    "GET requests whose answer was computed before the rest of the stack (a cache miss of such a route), by route.",
    ["route"],
)
DB_QUERIES = Histogram(
    "nexus_db_queries_per_request",
    "Database queries run while answering one request, by route.",
    ["route"],
    buckets=(0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 100),
)


def record_cache_lookup(area: str, *, hit: bool) -> None:
    RESPONSE_CACHE.labels(area=area, result="hit" if hit else "miss").inc()


def record_answer_from_cache(
    *, route: str, view: str, status: int, seconds: float, transport: str, queries: int = 0, from_cache: bool = True
) -> None:
    """The request figures django-prometheus and QueryCountMiddleware keep, for a GET answered before them
    (cache_hits.py): from the shared cache, or computed there (`from_cache` False, with its `queries`), so
    that every request is counted once, whoever answers it."""
    from django_prometheus.middleware import Metrics

    figures = Metrics.get_instance()
    figures.requests_total.inc()
    figures.responses_total.inc()
    figures.requests_latency_before.observe(seconds)
    figures.requests_by_method.labels(method="GET").inc()
    figures.requests_by_transport.labels(transport=transport).inc()
    figures.requests_by_view_transport_method.labels(view=view, transport=transport, method="GET").inc()
    figures.responses_by_status.labels(status=str(status)).inc()
    figures.responses_by_status_view_method.labels(status=str(status), view=view, method="GET").inc()
    figures.requests_latency_by_view_method.labels(view=view, method="GET").observe(seconds)
    DB_QUERIES.labels(route=route).observe(queries)
    (EARLY_ANSWERS if from_cache else BUILT_IN_FRONT).labels(route=route).inc()


def record_throttled(scope: str) -> None:
    THROTTLED.labels(scope=scope).inc()


class QueryCounter:
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
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        match = request.resolver_match
        DB_QUERIES.labels(route=match.route if match else "<unmatched>").observe(counter.count)
        return response
