"""Our own Prometheus figures: response cache hits and misses per area, throttled requests, queries per request."""

import pytest
from prometheus_client import REGISTRY

from .conftest import GENEROUS_RATES, assert_error, one_rate_window
from .factories import JobFactory

pytestmark = pytest.mark.django_db


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_cache_lookups_are_counted_per_area(api_client):
    JobFactory()
    misses = sample("nexus_response_cache_lookups_total", area="jobs", result="miss")
    hits = sample("nexus_response_cache_lookups_total", area="jobs", result="hit")

    api_client.get("/api/v1/jobs/")
    api_client.get("/api/v1/jobs/")
    api_client.get("/api/v1/jobs/")

    assert sample("nexus_response_cache_lookups_total", area="jobs", result="miss") == misses + 1
    assert sample("nexus_response_cache_lookups_total", area="jobs", result="hit") == hits + 2


def test_throttled_requests_are_counted_per_scope(api_client, settings, client):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**GENEROUS_RATES, "anon": "2/hour"},
    }
    one_rate_window("2/hour", needed=5)
    before = sample("nexus_throttled_requests_total", scope="anon")

    for _ in range(2):
        assert api_client.get("/api/v1/categories/").status_code == 200
    assert_error(api_client.get("/api/v1/categories/"), 429, "throttled")

    assert sample("nexus_throttled_requests_total", scope="anon") == before + 1
    assert 'nexus_throttled_requests_total{scope="anon"}' in client.get("/api/metrics/").content.decode()


def test_health_and_metrics_are_never_throttled(api_client, settings, client):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**GENEROUS_RATES, "anon": "1/hour"},
    }
    for _ in range(5):
        assert api_client.get("/api/health/live/").status_code == 200
        assert client.get("/api/metrics/").status_code == 200


def test_queries_per_request_are_observed_per_route(api_client):
    JobFactory.create_batch(3)
    route = "api/v1/jobs/"
    count_before = sample("nexus_db_queries_per_request_count", route=route)
    sum_before = sample("nexus_db_queries_per_request_sum", route=route)

    api_client.get("/api/v1/jobs/")  # a miss: reads the database
    api_client.get("/api/v1/jobs/")  # a hit: no query

    assert sample("nexus_db_queries_per_request_count", route=route) == count_before + 2
    assert sample("nexus_db_queries_per_request_sum", route=route) > sum_before
