"""Job alerts: seekers create, read, change, pause and delete their own; everyone else is refused."""

import pytest
from django.core import signing
from rest_framework.test import APIClient

from nexus.notifications.emails import job_alert_unsubscribe_url
from nexus.notifications.models import JobAlert

from .conftest import assert_error
from .factories import AdminFactory, CompanyFactory, EmployerFactory, SeekerFactory
from .factories_notifications import JobAlertFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/me/job-alerts/"
UNSUBSCRIBE_URL = "/api/v1/job-alerts/unsubscribe/"
NOT_SEEKERS = ["stranger", "owner", "admin"]
VALID = {"name": "Remote Python", "query": {"q": "python", "remote_type": ["remote", "hybrid"]}, "frequency": "daily"}


def detail_url(alert_id: object) -> str:
    return f"{LIST_URL}{alert_id}/"


@pytest.fixture
def users(db):
    owner = EmployerFactory()
    CompanyFactory(owner=owner)
    return {"seeker": SeekerFactory(), "stranger": EmployerFactory(), "owner": owner, "admin": AdminFactory()}


@pytest.fixture
def others_alert(db) -> JobAlert:
    return JobAlertFactory(user=SeekerFactory(), query={"q": "go"})


def test_anonymous_callers_get_401(api_client, others_alert):
    assert_error(api_client.get(LIST_URL), 401)
    assert_error(api_client.post(LIST_URL, VALID), 401)
    assert_error(api_client.get(detail_url(others_alert.pk)), 401)
    assert_error(api_client.patch(detail_url(others_alert.pk), {"is_active": False}), 401)
    assert_error(api_client.delete(detail_url(others_alert.pk)), 401)
    assert JobAlert.objects.get(pk=others_alert.pk).is_active


@pytest.mark.parametrize("role", NOT_SEEKERS)
def test_only_seekers_have_alerts(role, users, client_for, others_alert):
    client = client_for(users[role])
    assert_error(client.get(LIST_URL), 403, "seeker_only")
    assert_error(client.post(LIST_URL, VALID), 403, "seeker_only")
    assert_error(client.post(LIST_URL, {}), 403, "seeker_only")
    assert_error(client.get(detail_url(others_alert.pk)), 403, "seeker_only")
    assert_error(client.patch(detail_url(others_alert.pk), {"is_active": False}), 403, "seeker_only")
    assert_error(client.delete(detail_url(others_alert.pk)), 403, "seeker_only")
    assert JobAlert.objects.filter(pk=others_alert.pk, is_active=True).exists()
    assert JobAlert.objects.count() == 1


def test_a_seeker_creates_reads_pauses_and_deletes_an_alert(users, client_for):
    client = client_for(users["seeker"])
    created = client.post(LIST_URL, VALID)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["query"] == {"q": "python", "remote_type": "remote,hybrid"}
    assert body["frequency"] == "daily" and body["is_active"] is True and body["name"] == "Remote Python"

    assert [row["id"] for row in client.get(LIST_URL).json()["results"]] == [body["id"]]
    assert client.get(detail_url(body["id"])).json() == body

    paused = client.patch(detail_url(body["id"]), {"is_active": False, "frequency": "instant"})
    assert paused.status_code == 200, paused.content
    assert paused.json()["is_active"] is False and paused.json()["frequency"] == "instant"
    assert paused.json()["query"] == body["query"]

    changed = client.patch(detail_url(body["id"]), {"query": {"country": "de"}})
    assert changed.json()["query"] == {"country": "de"}

    assert client.delete(detail_url(body["id"])).status_code == 204
    assert_error(client.get(detail_url(body["id"])), 404, "job_alert_not_found")


def test_a_seeker_gets_404_for_another_seekers_alert(users, client_for, others_alert):
    client = client_for(users["seeker"])
    assert client.get(LIST_URL).json()["results"] == []
    assert_error(client.get(detail_url(others_alert.pk)), 404, "job_alert_not_found")
    assert_error(client.patch(detail_url(others_alert.pk), {"is_active": False}), 404, "job_alert_not_found")
    assert_error(client.delete(detail_url(others_alert.pk)), 404, "job_alert_not_found")
    assert_error(client.get(detail_url("not-a-number")), 404, "job_alert_not_found")
    others_alert.refresh_from_db()
    assert others_alert.is_active and others_alert.query == {"q": "go"}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"nope": "1"}, "nope"),
        ({"cursor": "abc"}, "cursor"),
        ({"employment_type": "astronaut"}, "employment_type"),
        ({"employment_type": ""}, "employment_type"),
        ({"category": "not a slug"}, "category"),
        ({"lat": 1}, "radius_km"),
        ({"salary_min": 1000, "salary_currency": "XXX"}, "salary_currency"),
        ({"q": {"nested": True}}, "q"),
        ({"q": True}, "q"),
        ({"q": "x" * 201}, "q"),
        ({"city": "Ber\x00lin"}, "city"),
        ({"skills": ["py\x00thon"]}, "skills"),
    ],
)
def test_a_query_the_job_list_refuses_is_a_400(query, field, users, client_for):
    response = client_for(users["seeker"]).post(LIST_URL, {**VALID, "query": query})
    body = assert_error(response, 400, "invalid_alert_query")
    assert field in body["details"]["query"], body
    assert not JobAlert.objects.exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"query": {}, "frequency": "hourly"}, "frequency"),
        ({"query": "q=python", "frequency": "daily"}, "query"),
        ({"frequency": "daily"}, "query"),
        ({"query": {}, "frequency": "daily", "is_active": "no"}, "is_active"),
        ({"query": {}, "frequency": "daily", "name": 5}, "name"),
    ],
)
def test_a_bad_body_is_a_400(payload, field, users, client_for):
    body = assert_error(client_for(users["seeker"]).post(LIST_URL, payload), 400)
    assert field in body["details"]


def test_a_bad_change_leaves_the_alert_as_it_was(users, client_for):
    alert = JobAlertFactory(user=users["seeker"], query={"q": "rust"})
    client = client_for(users["seeker"])
    assert_error(client.patch(detail_url(alert.pk), {"query": {"nope": "1"}, "is_active": False}), 400)
    alert.refresh_from_db()
    assert alert.query == {"q": "rust"} and alert.is_active


@pytest.mark.parametrize("page_size", [2, 20])
def test_the_list_runs_a_constant_number_of_queries(page_size, users, django_assert_num_queries):
    seeker = users["seeker"]
    JobAlertFactory.create_batch(25, user=seeker)
    client = APIClient()
    client.force_authenticate(seeker)
    with django_assert_num_queries(1):
        response = client.get(LIST_URL, {"page_size": page_size})
    assert len(response.json()["results"]) == page_size


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_unsubscribe_link_pauses_the_alert_without_signing_in(method, api_client, others_alert):
    url = job_alert_unsubscribe_url(alert=others_alert)
    path = url.split("http://localhost:8000", 1)[1]
    one_click = {"data": "List-Unsubscribe=One-Click", "content_type": "application/x-www-form-urlencoded"}
    response = getattr(api_client, method)(path, **(one_click if method == "post" else {}))
    assert response.status_code == 200, response.content
    assert response.json() == {"alert_id": others_alert.pk, "name": others_alert.name, "is_active": False}
    others_alert.refresh_from_db()
    assert not others_alert.is_active
    assert getattr(api_client, method)(path).status_code == 200  # twice is harmless


def test_the_unsubscribe_link_refuses_forged_tokens(api_client, others_alert):
    forged = signing.dumps(others_alert.pk, salt="another-purpose")
    for token in ["", "garbage", forged]:
        assert_error(api_client.get(UNSUBSCRIBE_URL, {"token": token}), 400, "invalid_unsubscribe_token")
    assert_error(api_client.post(f"{UNSUBSCRIBE_URL}?token=garbage"), 400, "invalid_unsubscribe_token")
    others_alert.refresh_from_db()
    assert others_alert.is_active


def test_a_seeker_keeps_a_bounded_number_of_alerts(users, client_for, settings):
    settings.JOB_ALERTS_PER_SEEKER = 2
    seeker = users["seeker"]
    JobAlertFactory.create_batch(2, user=seeker)
    JobAlertFactory.create_batch(2, user=SeekerFactory())
    assert_error(client_for(seeker).post(LIST_URL, VALID), 409, "too_many_job_alerts")
    assert JobAlert.objects.filter(user=seeker).count() == 2
