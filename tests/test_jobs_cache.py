"""Public job lists come from the shared cache, and never show a job as it was before a change."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nexus.jobs.cache import seconds_true

from .factories import CompanyFactory, JobFactory, SeekerFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/jobs/"


def titles(response) -> list[str]:
    return [job["title"] for job in response.json()["results"]]


def test_a_repeated_list_request_is_served_without_the_database(api_client):
    # given a list that was read once
    JobFactory.create_batch(3)
    first = api_client.get(LIST)
    # when it is read again
    with CaptureQueriesContext(connection) as queries:
        second = api_client.get(LIST)
    # then the same body comes from the cache
    assert second.status_code == 200
    assert second.json() == first.json()
    assert len(queries) == 0


def test_an_edit_is_visible_as_soon_as_it_returns(employer, client_for, api_client):
    job = JobFactory(company=CompanyFactory(owner=employer), title="Data Engineer")
    assert titles(api_client.get(LIST)) == ["Data Engineer"]

    response = client_for(employer).patch(f"/api/v1/jobs/{job.slug}/", {"title": "Staff Data Engineer"}, format="json")
    assert response.status_code == 200

    assert titles(api_client.get(LIST)) == ["Staff Data Engineer"]


def test_closing_a_job_takes_it_off_the_cached_list(employer, client_for, api_client):
    job = JobFactory(company=CompanyFactory(owner=employer))
    assert len(titles(api_client.get(LIST))) == 1

    assert client_for(employer).post(f"/api/v1/jobs/{job.slug}/close/").status_code == 200

    assert titles(api_client.get(LIST)) == []


def test_rejecting_a_company_takes_its_jobs_off_the_cached_lists(admin_user, client_for, api_client):
    job = JobFactory()
    assert len(titles(api_client.get(LIST))) == 1
    assert len(titles(api_client.get(f"/api/v1/companies/{job.company.slug}/jobs/"))) == 1

    decision = {"ids": [job.company_id], "decision": "reject", "reason": "spam"}
    assert (
        client_for(admin_user).post("/api/v1/companies/moderation/decide/", decision, format="json").status_code == 200
    )

    assert titles(api_client.get(LIST)) == []
    assert api_client.get(f"/api/v1/companies/{job.company.slug}/jobs/").status_code == 404


def test_each_query_string_is_its_own_entry(api_client):
    JobFactory(employment_type="full_time", title="Full")
    JobFactory(employment_type="contract", title="Contract")
    assert titles(api_client.get(LIST, {"employment_type": "full_time"})) == ["Full"]
    assert titles(api_client.get(LIST, {"employment_type": "contract"})) == ["Contract"]


def job_like(deadline=None, featured_until=None, is_featured=False) -> SimpleNamespace:
    return SimpleNamespace(application_deadline=deadline, featured_until=featured_until, is_featured=is_featured)


def test_a_page_is_cached_no_longer_than_its_first_deadline(settings):
    settings.JOB_LIST_CACHE_SECONDS = 60
    now = timezone.now()
    page = [job_like(), job_like(deadline=now + timedelta(seconds=12)), job_like(deadline=now + timedelta(hours=1))]
    assert seconds_true(page, now=now) == 12


def test_a_page_is_cached_no_longer_than_its_first_featuring_end(settings):
    settings.JOB_LIST_CACHE_SECONDS = 60
    now = timezone.now()
    assert seconds_true([job_like(featured_until=now + timedelta(seconds=7), is_featured=True)], now=now) == 7
    # a featuring that ran out while the flag is still set: not cached at all until the sweep
    assert seconds_true([job_like(featured_until=now - timedelta(seconds=1), is_featured=True)], now=now) == 0


def test_a_page_without_coming_changes_is_cached_for_the_configured_time(settings):
    settings.JOB_LIST_CACHE_SECONDS = 45
    assert seconds_true([job_like(), job_like()], now=timezone.now()) == 45


def test_a_draft_seen_by_its_company_is_never_served_to_others(employer, client_for, api_client):
    # given a member reading their draft (the same URL the public would ask for)
    draft = JobFactory(company=CompanyFactory(owner=employer), status="draft", published_at=None)
    url = f"/api/v1/jobs/{draft.slug}/"
    assert client_for(employer).get(url).status_code == 200
    # then the public still gets 404
    assert api_client.get(url).status_code == 404


def test_a_cached_job_page_shows_an_edit_as_soon_as_it_returns(employer, client_for, api_client):
    job = JobFactory(company=CompanyFactory(owner=employer), title="Designer")
    url = f"/api/v1/jobs/{job.slug}/"
    assert api_client.get(url).json()["title"] == "Designer"

    client_for(employer).patch(url, {"title": "Product Designer"}, format="json")

    assert api_client.get(url).json()["title"] == "Product Designer"


def test_a_cached_job_page_still_counts_each_new_viewer(client_for):
    job = JobFactory()
    url = f"/api/v1/jobs/{job.slug}/"
    for _ in range(3):
        assert client_for(SeekerFactory()).get(url).status_code == 200
    job.refresh_from_db()
    assert job.views_count == 3


def test_approving_in_the_django_admin_refreshes_the_public_lists(admin_user, client, api_client):
    # given a held job, and a list that was read (and cached) without it
    job = JobFactory(moderation_status="pending")
    assert titles(api_client.get(LIST)) == []
    # when an admin approves it in the Django admin
    client.force_login(admin_user)
    response = client.post("/admin/jobs/job/", {"action": "approve", "_selected_action": [job.pk]})
    assert response.status_code == 302
    # then the public list shows it
    assert titles(api_client.get(LIST)) == [job.title]
