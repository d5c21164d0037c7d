"""Rate limits are counted in Redis, so every server process shares them."""

import os

import httpx
import pytest

from .conftest import one_rate_window
from .live_server import live_server

pytestmark = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="rate limits are shared through Redis")


def test_two_server_processes_share_one_anonymous_limit(django_db_setup):
    one_rate_window("5/hour", needed=60)  # the servers' start and the requests within one window
    with live_server(workers=2, env={"THROTTLE_ANON": "5/hour"}) as base:
        answers = []
        for _ in range(12):
            # a new connection each time, so the requests spread over both worker processes
            with httpx.Client(base_url=base) as client:
                answers.append(client.get("/api/v1/categories/"))

    assert [answer.status_code for answer in answers] == [200] * 5 + [429] * 7
    refused = answers[-1]
    body = refused.json()
    assert body["status"] == "error" and body["code"] == "throttled" and body["error"]
    assert 0 < int(refused.headers["Retry-After"]) <= 3600


def test_health_stays_open_when_the_limit_is_reached(django_db_setup):
    one_rate_window("1/hour", needed=60)
    with live_server(workers=2, env={"THROTTLE_ANON": "1/hour"}) as base, httpx.Client(base_url=base) as client:
        assert client.get("/api/v1/categories/").status_code == 200
        assert client.get("/api/v1/categories/").status_code == 429
        assert [client.get("/api/health/live/").status_code for _ in range(3)] == [200] * 3
        assert client.get("/api/metrics/").status_code == 200
