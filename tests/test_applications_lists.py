"""Application lists: who sees which, filters, search, cursor pages and a constant number of queries."""

from datetime import timedelta

import pytest
from django.utils import timezone

from nexus.applications.models import Application
from nexus.applications.services import application_transition

from .conftest import assert_error
from .factories import JobFactory, SeekerFactory
from .factories_applications import ApplicationFactory, hiring_world, private_documents  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_documents")]

MINE = "/api/v1/applications/"
EMPLOYER = "/api/v1/employer/applications/"


@pytest.fixture
def world():
    world = hiring_world()
    world.other_job = JobFactory(company=world.company)
    world.foreign_job = JobFactory()  # another company's
    world.mine = ApplicationFactory(job=world.job, applicant=world.applicant)
    world.mine_elsewhere = ApplicationFactory(job=world.foreign_job, applicant=world.applicant)
    world.theirs = ApplicationFactory(job=world.other_job, applicant=world.other_seeker)
    return world


def ids(response):
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["results"]}


def test_seekers_see_their_own_applications_with_the_job_summary(world, client_for):
    response = client_for(world.applicant).get(MINE)
    assert ids(response) == {world.mine.pk, world.mine_elsewhere.pk}
    item = next(i for i in response.json()["results"] if i["id"] == world.mine.pk)
    assert item["job"]["title"] == world.job.title and item["job"]["company"]["name"] == world.company.name
    assert "rating" not in item and "applicant" not in item


def test_employers_see_applications_to_their_companies_jobs_only(world, client_for):
    for path in (MINE, EMPLOYER):
        assert ids(client_for(world.employer).get(path)) == {world.mine.pk, world.theirs.pk}
        assert ids(client_for(world.other_employer).get(path)) == set()


def test_admins_see_all(world, client_for):
    every = set(Application.objects.values_list("pk", flat=True))
    assert ids(client_for(world.admin).get(MINE)) == every
    assert ids(client_for(world.admin).get(EMPLOYER)) == every


def test_the_employer_list_is_for_the_hiring_side(world, client_for, api_client):
    assert_error(client_for(world.applicant).get(EMPLOYER), 403, "employer_only")
    assert_error(api_client.get(EMPLOYER), 401)
    assert_error(api_client.get(MINE), 401)


def test_employers_filter_by_job_status_date_and_applicant_name(world, client_for):
    # given
    employer = client_for(world.employer)
    named = SeekerFactory(first_name="Hanna", last_name="Girma")
    hanna = ApplicationFactory(job=world.job, applicant=named)
    application_transition(application=world.mine, actor=world.employer, to_status="reviewing")
    Application.objects.filter(pk=world.theirs.pk).update(created_at=timezone.now() - timedelta(days=10))

    # then
    assert ids(employer.get(EMPLOYER, {"job": world.other_job.pk})) == {world.theirs.pk}
    assert ids(employer.get(EMPLOYER, {"status": "reviewing"})) == {world.mine.pk}
    assert ids(employer.get(EMPLOYER, {"status": "submitted,reviewing"})) == {world.mine.pk, world.theirs.pk, hanna.pk}
    since = (timezone.now() - timedelta(days=1)).isoformat()
    assert ids(employer.get(EMPLOYER, {"submitted_after": since})) == {world.mine.pk, hanna.pk}
    assert ids(employer.get(EMPLOYER, {"submitted_before": since})) == {world.theirs.pk}
    assert ids(employer.get(EMPLOYER, {"q": "hanna gir"})) == {hanna.pk}
    assert ids(employer.get(EMPLOYER, {"q": named.email.upper()})) == {hanna.pk}
    # another company's job filters to nothing, not to its applications
    assert ids(employer.get(EMPLOYER, {"job": world.foreign_job.pk})) == set()


@pytest.mark.parametrize(
    "params",
    [
        {"status": "hiredd"},
        {"status": ""},
        {"status": "submitted,"},
        {"job": "x"},
        {"job": ""},
        {"submitted_after": "yesterday"},
        {"submitted_before": ""},
        {"submitted_before": "0001-01-01T00:00:00+05:00"},
        {"page_size": "0"},
        {"q": "x" * 101},
        {"q": "a\x00b"},
    ],
)
def test_bad_filters_are_400(world, client_for, params):
    assert_error(client_for(world.employer).get(EMPLOYER, params), 400)


@pytest.mark.parametrize("moment", ["2952-05-08T22:31:53+21:01", "0415-01-30T15:09:07-17:56", "2026-01-01"])
def test_any_iso_date_time_filters_without_error(world, client_for, moment):
    response = client_for(world.employer).get(EMPLOYER, {"submitted_after": moment, "submitted_before": moment})
    assert ids(response) == set()


def test_cursor_pages_walk_every_application_once(world, client_for):
    for _ in range(5):
        ApplicationFactory(job=world.job)
    employer = client_for(world.employer)
    seen, url = [], EMPLOYER + "?page_size=3"
    while url:
        body = employer.get(url).json()
        seen += [item["id"] for item in body["results"]]
        url = body["next"]
    assert seen == list(
        Application.objects.filter(job__company=world.company)
        .order_by("-created_at", "-id")
        .values_list("pk", flat=True)
    )


@pytest.mark.parametrize(
    ("role", "path", "queries"),
    [
        # the user, the page (job, company, resume, and for the hiring side the applicant and profile joined)
        ("employer", EMPLOYER, 2),
        ("employer", MINE, 2),
        ("admin", MINE, 2),
        ("admin", EMPLOYER, 2),
        ("applicant", MINE, 2),
    ],
)
def test_lists_run_a_constant_number_of_queries(world, client_for, django_assert_num_queries, role, path, queries):
    # given: more applications visible to each reader than the larger page holds
    for _ in range(9):
        ApplicationFactory(job=world.job)
        ApplicationFactory(job=JobFactory(), applicant=world.applicant)
    client = client_for(getattr(world, role))

    # when / then: the same count for a page of 2 and a page of 10
    for size in (2, 10):
        with django_assert_num_queries(queries):
            response = client.get(path, {"page_size": size})
        assert len(response.json()["results"]) == size


def test_notes_and_history_lists_run_a_constant_number_of_queries(world, client_for, django_assert_num_queries):
    from nexus.applications.services import application_note_add

    for index in range(12):
        application_note_add(application=world.mine, author=world.employer, body=f"note {index}")
    client = client_for(world.employer)
    for size in (2, 10):
        # the user, the application, the page of notes with authors
        with django_assert_num_queries(3):
            response = client.get(f"{MINE}{world.mine.pk}/notes/", {"page_size": size})
        assert len(response.json()["results"]) == size


def test_the_job_stats_show_the_counters_by_status_to_the_company(world, client_for):
    application_transition(application=world.mine, actor=world.employer, to_status="rejected")
    ApplicationFactory(job=world.job)

    stats = client_for(world.employer).get(f"/api/v1/jobs/{world.job.pk}/stats/").json()

    assert stats["applications"] == 2
    assert stats["applications_by_status"] == {
        "submitted": 1,
        "reviewing": 0,
        "shortlisted": 0,
        "interviewing": 0,
        "offered": 0,
        "hired": 0,
        "rejected": 1,
        "withdrawn": 0,
    }
    assert_error(client_for(world.other_employer).get(f"/api/v1/jobs/{world.job.pk}/stats/"), 404)


def test_the_detail_with_the_applicants_profile_runs_a_constant_number_of_queries(
    world, client_for, django_assert_num_queries
):
    from .factories import SkillFactory

    profile = world.applicant.seeker_profile
    client = client_for(world.employer)
    url = f"{MINE}{world.mine.pk}/"
    # the user, the application (job, company, resume, applicant, profile), five profile collections
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200
    for index in range(5):
        profile.skills.create(skill=SkillFactory(), proficiency="expert")
        profile.experience.create(title=f"Engineer {index}", company_name="Acme", start_date="2020-01-01")
    with django_assert_num_queries(7):
        body = client.get(url).json()
    assert len(body["applicant_profile"]["skills"]) == 5 and len(body["applicant_profile"]["experience"]) == 5
