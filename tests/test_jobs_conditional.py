"""Conditional requests: cached public answers carry a strong ETag, and a client holding it gets 304."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from .factories import CompanyFactory, JobFactory

pytestmark = pytest.mark.django_db


def revalidate(client, url: str, etag: str):
    return client.get(url, HTTP_IF_NONE_MATCH=etag)


@pytest.mark.parametrize("url", ["/api/v1/jobs/", "/api/v1/jobs/featured/", "/api/v1/jobs/?sort=newest"])
def test_a_list_answers_304_to_its_etag_without_the_database(api_client, url):
    JobFactory.create_batch(2, is_featured=True, featured_until=timezone.now() + timedelta(days=3))
    first = api_client.get(url)
    assert first.status_code == 200
    assert first["ETag"].startswith('"') and first["Cache-Control"] == "public, no-cache"

    with CaptureQueriesContext(connection) as queries:
        second = revalidate(api_client, url, first["ETag"])

    assert second.status_code == 304
    assert second.content == b""
    assert second["ETag"] == first["ETag"]
    assert len(queries) == 0


def test_an_edit_changes_the_etag_so_the_client_gets_the_new_page(employer, client_for, api_client):
    job = JobFactory(company=CompanyFactory(owner=employer), title="Data Engineer")
    before = api_client.get(f"/api/v1/jobs/{job.slug}/")

    client_for(employer).patch(f"/api/v1/jobs/{job.slug}/", {"title": "Staff Data Engineer"}, format="json")

    after = revalidate(api_client, f"/api/v1/jobs/{job.slug}/", before["ETag"])
    assert after.status_code == 200
    assert after.json()["title"] == "Staff Data Engineer"
    assert after["ETag"] != before["ETag"]


def test_a_job_page_answers_304_and_still_counts_the_view(api_client, client_for, seeker):
    job = JobFactory()
    first = api_client.get(f"/api/v1/jobs/{job.slug}/")

    second = revalidate(client_for(seeker), f"/api/v1/jobs/{job.slug}/", first["ETag"])

    assert second.status_code == 304
    job.refresh_from_db()
    assert job.views_count == 2


def test_a_stale_or_foreign_etag_gets_the_full_page(api_client):
    job = JobFactory()
    response = revalidate(api_client, f"/api/v1/jobs/{job.slug}/", '"0123456789abcdef0123456789abcdef"')
    assert response.status_code == 200
    assert response.json()["id"] == job.pk


def test_a_draft_seen_by_its_company_is_private(employer, client_for):
    job = JobFactory(company=CompanyFactory(owner=employer), status="draft", published_at=None)
    response = client_for(employer).get(f"/api/v1/jobs/{job.slug}/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"
