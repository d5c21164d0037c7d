import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_health_reports_every_configured_dependency(api_client, settings):
    response = api_client.get("/api/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    expected = {"database", "cache"} | ({"broker"} if settings.CELERY_BROKER_URL else set())
    assert set(body["checks"]) == expected
    assert set(body["checks"].values()) == {"ok"}


def test_health_names_the_part_that_is_down(api_client):
    # a broker URL on a closed port stands for a broker that is down
    with override_settings(CELERY_BROKER_URL="amqp://guest:guest@127.0.0.1:1//"):
        response = api_client.get("/api/health/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["broker"].startswith("error")
    assert body["checks"]["database"] == "ok"


def test_health_reports_a_broken_cache(api_client, monkeypatch):
    monkeypatch.setattr("nexus.core.health.cache.get", lambda key: None)
    response = api_client.get("/api/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"].startswith("error")


def test_liveness_needs_nothing(api_client):
    response = api_client.get("/api/health/live/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {}}


def test_readiness_checks_migrations(api_client):
    response = api_client.get("/api/health/ready/")
    assert response.status_code == 200
    assert response.json()["checks"]["migrations"] == "ok"


def test_probes_ignore_a_bad_token(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer garbage")
    assert api_client.get("/api/health/live/").status_code == 200


def test_metrics_in_prometheus_text_format(client, api_client):
    api_client.get("/api/health/live/")
    response = client.get("/api/metrics/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "# TYPE django_http_requests_total_by_method_total counter" in text
    assert 'django_http_requests_total_by_method_total{method="GET"}' in text


def test_metrics_token_when_configured(client, settings):
    settings.METRICS_TOKEN = "scrape-secret"
    assert client.get("/api/metrics/").status_code == 401
    assert client.get("/api/metrics/", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    assert client.get("/api/metrics/", HTTP_AUTHORIZATION="Bearer scrape-secret").status_code == 200
