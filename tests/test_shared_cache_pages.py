"""Taxonomy and company pages come from the shared cache, and never show a row as it was before a write."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import CategoryFactory, CompanyFactory, JobFactory, SkillFactory

pytestmark = pytest.mark.django_db


def queries_for(client, url: str):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries), response


@pytest.mark.parametrize("url", ["/api/v1/categories/", "/api/v1/categories/?tree=true", "/api/v1/skills/"])
def test_a_taxonomy_answer_read_twice_comes_from_the_cache(api_client, url):
    CategoryFactory.create_batch(2)
    SkillFactory.create_batch(2)
    first_count, first = queries_for(api_client, url)
    second_count, second = queries_for(api_client, url)
    assert first_count > 0 and second_count == 0
    assert second.json() == first.json()
    assert api_client.get(url, HTTP_IF_NONE_MATCH=second["ETag"]).status_code == 304


def test_an_admin_edit_of_a_skill_shows_at_once(api_client, client_for, admin_user):
    skill = SkillFactory(name="Golang")
    assert api_client.get(f"/api/v1/skills/{skill.pk}/").json()["name"] == "Golang"

    response = client_for(admin_user).patch(f"/api/v1/skills/{skill.pk}/", {"name": "Go"}, format="json")
    assert response.status_code == 200

    assert api_client.get(f"/api/v1/skills/{skill.pk}/").json()["name"] == "Go"


def test_moving_a_category_shows_in_the_tree_at_once(api_client, client_for, admin_user):
    parent, other = CategoryFactory(name="Engineering"), CategoryFactory(name="Design")
    child = CategoryFactory(name="Backend", parent=parent)
    before = api_client.get(f"/api/v1/categories/{child.pk}/").json()
    assert before["parent"] == parent.pk

    client_for(admin_user).patch(f"/api/v1/categories/{child.pk}/", {"parent": other.pk}, format="json")

    assert api_client.get(f"/api/v1/categories/{child.pk}/").json()["parent"] == other.pk


def test_a_company_page_for_visitors_and_seekers_comes_from_the_cache(api_client, client_for, seeker):
    company = CompanyFactory()
    url = f"/api/v1/companies/{company.slug}/"
    queries_for(api_client, url)
    assert queries_for(api_client, url)[0] == 0
    assert queries_for(client_for(seeker), url)[0] <= 2  # authentication reads the user, the page is cached


def test_a_company_page_shows_a_new_job_and_an_edit_at_once(api_client, client_for, employer):
    company = CompanyFactory(owner=employer, name="Acme")
    url = f"/api/v1/companies/{company.slug}/"
    assert api_client.get(url).json()["open_jobs_count"] == 0

    JobFactory(company=company)
    assert api_client.get(url).json()["open_jobs_count"] == 1

    client_for(employer).patch(url, {"name": "Acme Robotics"}, format="json")
    assert api_client.get(url).json()["name"] == "Acme Robotics"


def test_employers_and_admins_never_get_the_shared_entry(api_client, client_for, employer, admin_user):
    held = CompanyFactory(owner=employer, moderation_status="pending")
    api_client.get("/api/v1/companies/")  # the public list, now cached: without the held company
    own = client_for(employer).get("/api/v1/companies/").json()["results"]
    every = client_for(admin_user).get("/api/v1/companies/").json()["results"]
    assert held.pk in [row["id"] for row in own]
    assert held.pk in [row["id"] for row in every]
    assert held.pk not in [row["id"] for row in api_client.get("/api/v1/companies/").json()["results"]]
