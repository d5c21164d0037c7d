"""Job list items kept per job (nexus/jobs/list_items.py): current under edits, per host, and only while true."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.utils import timezone

from nexus.jobs.list_items import KeptItem, job_list_items
from nexus.jobs.selectors import job_list_public
from nexus.jobs.serializers import JobListSerializer

from .factories import CompanyFactory, JobFactory

pytestmark = pytest.mark.django_db
SEARCH = "/api/v1/jobs/search/"


def test_items_are_the_list_serializers_and_a_job_no_longer_listed_is_left_out():
    shown, closed = JobFactory(), JobFactory(status="closed")
    request = RequestFactory().get(SEARCH)
    items, _ = job_list_items(request, [closed.pk, shown.pk])
    expected = JobListSerializer(job_list_public().get(pk=shown.pk), context={"request": request}).data
    assert items == [expected]
    again, _ = job_list_items(request, [shown.pk])  # from the cache now
    assert again == [expected]


def test_a_company_rename_is_shown_by_the_next_search(api_client):
    company = CompanyFactory(name="Acme Robotics")
    JobFactory(title="Python Developer", company=company)
    first = api_client.get(SEARCH, {"q": "python"}).json()["results"]
    assert first[0]["company"]["name"] == "Acme Robotics"
    company.name = "Acme Automation"
    company.save()
    later = api_client.get(SEARCH, {"q": "python", "page_size": 5}).json()["results"]  # another URL too
    assert later[0]["company"]["name"] == "Acme Automation"


def test_items_hold_absolute_urls_of_the_host_they_were_rendered_for():
    job = JobFactory(company=CompanyFactory(logo="logos/acme.png"))
    one = job_list_items(RequestFactory().get(SEARCH, HTTP_HOST="localhost"), [job.pk])[0][0]
    other = job_list_items(RequestFactory().get(SEARCH, HTTP_HOST="127.0.0.1"), [job.pk])[0][0]
    assert one["company"]["logo_url"].startswith("http://localhost/")
    assert other["company"]["logo_url"].startswith("http://127.0.0.1/")


def test_an_item_stays_only_while_it_is_true():
    ends = timezone.now() + timedelta(seconds=30)
    job = JobFactory(is_featured=True, featured_until=ends)
    request = RequestFactory().get(SEARCH)
    items, seconds = job_list_items(request, [job.pk])
    assert items[0]["is_featured"] is True and 0 < seconds <= 30  # the page stays true until featuring ends
    key = f"job-item:http://testserver:{job.pk}"
    kept = KeptItem.from_bytes(cache.get(key))
    stale = KeptItem(kept.version, timezone.now() - timedelta(seconds=1), {**kept.data, "title": "Stale"})
    cache.set(key, stale.to_bytes())
    assert job_list_items(request, [job.pk])[0][0]["title"] == job.title  # past its time: rendered again
