"""Prometheus metrics of our own, next to django-prometheus' request, database and cache figures.

All are served at /api/metrics/. Labels are bounded: cache areas and throttle scopes are a few fixed
names, and routes are URL patterns, never raw paths.
"""

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
