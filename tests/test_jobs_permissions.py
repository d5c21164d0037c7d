"""Who may do what with jobs: anonymous, seeker, an employer of another company (stranger),
a company member, its owner and an admin. Whoever may not see a job gets 404."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from nexus.core.moderation import ModerationStatus
from nexus.jobs.choices import JobStatus
from nexus.jobs.models import Job, SavedJob

from .conftest import assert_error
from .factories import (
    AdminFactory,
    CompanyFactory,
    CompanyMemberFactory,
    EmployerFactory,
    JobFactory,
    SeekerFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/jobs/"
EMPLOYER_JOBS_URL = "/api/v1/employer/jobs/"
EMPLOYER_STATS_URL = "/api/v1/employer/stats/"
SAVED_URL = "/api/v1/me/saved-jobs/"
ROLES = ["anonymous", "seeker", "stranger", "member", "owner", "admin"]
COMPANY_PEOPLE = {"member", "owner", "admin"}
# What a refused role gets when it wants to change a job: 401 to strangers to the API, 404 to the rest.
REFUSED = {"anonymous": 401, "seeker": 404, "stranger": 404}


def detail_url(job: Job | int | str, suffix: str = "") -> str:
    key = job.pk if isinstance(job, Job) else job
    return f"/api/v1/jobs/{key}/{suffix}"


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


@pytest.fixture
def people(db):
    owner, member, stranger = EmployerFactory(), EmployerFactory(), EmployerFactory()
    company = CompanyFactory(owner=owner)
    CompanyMemberFactory(company=company, user=member)
    return SimpleNamespace(
        company=company,
        stranger_company=CompanyFactory(owner=stranger),
        users={
            "anonymous": None,
            "seeker": SeekerFactory(),
            "stranger": stranger,
            "member": member,
            "owner": owner,
            "admin": AdminFactory(),
        },
    )


@pytest.fixture
def as_role(people, client_for):
    def make(role: str) -> APIClient:
        user = people.users[role]
        return APIClient() if user is None else client_for(user)

    return make


def job_in(status: str, **fields) -> Job:
    if status == JobStatus.DRAFT:
        fields.setdefault("published_at", None)
    if status in (JobStatus.CLOSED, JobStatus.ARCHIVED):
        fields.setdefault("closed_at", timezone.now())
    return JobFactory(status=status, **fields)


# --- create ------------------------------------------------------------------------------------

CREATE_EXPECTED = {
    "anonymous": (401, "not_authenticated"),
    "seeker": (403, "employer_only"),
    "stranger": (400, "not_a_company_member"),
    "member": (201, None),
    "owner": (201, None),
    "admin": (201, None),
}


@pytest.mark.parametrize("role", ROLES)
def test_create_a_job(role, people, as_role):
    # given
    payload = {
        "company": people.company.pk,
        "title": "Platform Engineer",
        "description": "Keep the platform running.",
        "employment_type": "full_time",
        "city": "Berlin",
        "country": "de",
    }

    # when
    response = as_role(role).post(LIST_URL, payload, format="json")

    # then
    status, code = CREATE_EXPECTED[role]
    if status == 201:
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["status"] == JobStatus.DRAFT
        assert body["company"]["id"] == people.company.pk
        assert body["country"] == "DE"
        job = Job.objects.get(pk=body["id"])
        assert job.posted_by == people.users[role]
        assert job.pk not in ids(APIClient().get(LIST_URL))  # a draft is not listed
    else:
        assert_error(response, status, code)
        assert not Job.objects.exists()


def test_a_stranger_posting_for_its_own_company_succeeds(people, as_role):
    response = as_role("stranger").post(LIST_URL, {"company": people.stranger_company.pk, "title": "Analyst"})

    assert response.status_code == 201, response.content
    assert response.json()["company"]["id"] == people.stranger_company.pk


def test_create_validates_the_body(people, as_role):
    owner = as_role("owner")

    assert_error(owner.post(LIST_URL, {"title": "No company"}), 400, "validation_error")
    for name in ("Nonexistium", "\u00b2", "9" * 25):
        unknown = owner.post(LIST_URL, {"company": people.company.pk, "title": "X", "skills": [{"skill": name}]})
        assert_error(unknown, 400, "unknown_skill")
    assert not Job.objects.exists()


# --- update ------------------------------------------------------------------------------------

WRITE_EXPECTED = {**REFUSED, "member": 200, "owner": 200, "admin": 200}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("status", [JobStatus.DRAFT, JobStatus.PUBLISHED])
def test_update_a_job(role, status, people, as_role):
    # given
    job = job_in(status, company=people.company, title="Old title")

    # when
    response = as_role(role).patch(detail_url(job), {"title": "New title"}, format="json")

    # then
    job.refresh_from_db()
    if WRITE_EXPECTED[role] == 200:
        assert response.status_code == 200, response.content
        assert response.json()["title"] == job.title == "New title"
    else:
        assert_error(response, WRITE_EXPECTED[role])
        assert job.title == "Old title"


def test_a_published_job_must_stay_complete(people, as_role):
    job = JobFactory(company=people.company)

    response = as_role("owner").patch(detail_url(job), {"description": ""}, format="json")

    body = assert_error(response, 400, "incomplete_job")
    assert "description" in body["details"]
    job.refresh_from_db()
    assert job.description


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"longitude": None}, "longitude"),
        ({"latitude": 52.5, "longitude": None}, "longitude"),
        ({"latitude": None}, "latitude"),
        ({"latitude": 95, "longitude": 13}, "latitude"),
        ({"salary_min": 100, "salary_max": 50, "salary_currency": "USD", "salary_period": "year"}, None),
        ({"salary_min": 100}, "salary_currency"),
        ({"salary_min": 100, "salary_currency": "XXX", "salary_period": "year"}, "salary_currency"),
        ({"category": 999999}, "category"),
        ({"employment_type": "sometimes"}, "employment_type"),
        ({"country": "XX"}, "country"),  # no country's code
        ({"remote_type": "remote", "remote_countries": ["DE", "UK"]}, "remote_countries"),
    ],
)
def test_update_refuses_bad_values(payload, field, people, as_role):
    # given
    job = JobFactory(company=people.company)
    before = Job.objects.filter(pk=job.pk).values().get()

    # when
    response = as_role("owner").patch(detail_url(job), payload, format="json")

    # then
    body = assert_error(response, 400)
    if field is not None:
        assert field in body["details"]
    assert Job.objects.filter(pk=job.pk).values().get() == before


# --- lifecycle actions --------------------------------------------------------------------------

START = {
    "publish": JobStatus.DRAFT,
    "close": JobStatus.PUBLISHED,
    "archive": JobStatus.CLOSED,
    "reopen": JobStatus.ARCHIVED,
}
TARGET = {
    "publish": JobStatus.PUBLISHED,
    "close": JobStatus.CLOSED,
    "archive": JobStatus.ARCHIVED,
    "reopen": JobStatus.PUBLISHED,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(START))
def test_lifecycle_action(role, action, people, as_role):
    # given
    job = job_in(START[action], company=people.company)

    # when
    response = as_role(role).post(detail_url(job, f"{action}/"))

    # then
    job.refresh_from_db()
    if role in COMPANY_PEOPLE:
        assert response.status_code == 200, response.content
        assert job.status == TARGET[action]
    else:
        assert_error(response, REFUSED[role])
        assert job.status == START[action]


# --- delete ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_delete_a_draft(role, people, as_role):
    job = job_in(JobStatus.DRAFT, company=people.company)

    response = as_role(role).delete(detail_url(job))

    if role in COMPANY_PEOPLE:
        assert response.status_code == 204
        assert not Job.objects.filter(pk=job.pk).exists()
    else:
        assert_error(response, REFUSED[role])
        assert Job.objects.filter(pk=job.pk).exists()


# --- stats -------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_job_stats(role, people, as_role):
    # given: a public job, yet its numbers are the company's business
    job = JobFactory(company=people.company, views_count=7, saves_count=2)

    # when
    response = as_role(role).get(detail_url(job, "stats/"))

    # then
    if role in COMPANY_PEOPLE:
        assert response.status_code == 200, response.content
        body = response.json()
        assert (body["views"], body["saves"], body["applications"]) == (7, 2, 0)
        assert set(body["applications_by_status"].values()) <= {0}
    else:
        assert_error(response, REFUSED[role])


# --- reading -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("status", [JobStatus.DRAFT, JobStatus.ARCHIVED])
def test_detail_of_a_job_the_public_may_not_see(role, status, people, as_role):
    job = job_in(status, company=people.company)

    response = as_role(role).get(detail_url(job))

    if role in COMPANY_PEOPLE:
        assert response.status_code == 200, response.content
        assert response.json()["status"] == status
    else:
        assert_error(response, 404, "job_not_found")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("status", [JobStatus.PUBLISHED, JobStatus.CLOSED])
def test_detail_of_a_public_job(role, status, people, as_role):
    job = job_in(status, company=people.company)

    response = as_role(role).get(detail_url(job))

    assert response.status_code == 200, response.content
    assert response.json()["status"] == status


def test_detail_by_id_and_by_slug(people):
    job = JobFactory(company=people.company)

    by_id = APIClient().get(detail_url(job.pk))
    by_slug = APIClient().get(detail_url(job.slug))

    assert by_id.status_code == by_slug.status_code == 200
    assert by_id.json()["id"] == by_slug.json()["id"] == job.pk
    assert by_slug.json()["slug"] == job.slug
    assert_error(APIClient().get(detail_url("no-such-job")), 404)
    assert_error(APIClient().get(detail_url(job.pk + 1000)), 404)
    assert_error(APIClient().get(detail_url("9" * 30)), 404)
    assert_error(APIClient().get(detail_url("%C2%B2")), 404)  # "²": a digit to isdigit(), not to int()
    assert_error(APIClient().get(detail_url("no%00slug")), 404)  # NUL, which PostgreSQL refuses


def test_employer_jobs_lists_own_company_jobs_in_any_status(people, as_role):
    # given
    own = {status: job_in(status, company=people.company) for status in JobStatus.values}
    other = JobFactory(company=people.stranger_company)

    # when
    for role in ("owner", "member"):
        response = as_role(role).get(EMPLOYER_JOBS_URL)

        # then
        assert set(ids(response)) == {job.pk for job in own.values()}
        assert other.pk not in ids(response)
    assert ids(as_role("stranger").get(EMPLOYER_JOBS_URL)) == [other.pk]
    assert set(ids(as_role("admin").get(EMPLOYER_JOBS_URL))) == {other.pk, *(job.pk for job in own.values())}
    assert ids(as_role("seeker").get(EMPLOYER_JOBS_URL)) == []
    assert_error(as_role("anonymous").get(EMPLOYER_JOBS_URL), 401)


def test_employer_jobs_filters_by_status_and_company(people, as_role):
    # given: the owner belongs to two companies
    owner = people.users["owner"]
    second = CompanyFactory(owner=owner)
    draft = job_in(JobStatus.DRAFT, company=people.company)
    published = JobFactory(company=people.company)
    second_draft = job_in(JobStatus.DRAFT, company=second)
    client = as_role("owner")

    # then
    assert set(ids(client.get(EMPLOYER_JOBS_URL, {"status": "draft"}))) == {draft.pk, second_draft.pk}
    assert ids(client.get(EMPLOYER_JOBS_URL, {"status": "published"})) == [published.pk]
    assert set(ids(client.get(EMPLOYER_JOBS_URL, {"company": people.company.pk}))) == {draft.pk, published.pk}
    assert ids(client.get(EMPLOYER_JOBS_URL, {"company": second.pk, "status": "draft"})) == [second_draft.pk]
    assert ids(client.get(EMPLOYER_JOBS_URL, {"company": people.stranger_company.pk})) == []


def test_employer_jobs_filters_by_the_status_readers_see(people, as_role):
    # given: published, but past its deadline (not swept yet)
    expired = JobFactory(company=people.company, application_deadline=timezone.now() - timedelta(minutes=1))
    open_job = JobFactory(company=people.company, application_deadline=timezone.now() + timedelta(days=1))
    closed = job_in(JobStatus.CLOSED, company=people.company)
    client = as_role("owner")

    # then
    assert ids(client.get(EMPLOYER_JOBS_URL, {"status": "published"})) == [open_job.pk]
    assert set(ids(client.get(EMPLOYER_JOBS_URL, {"status": "closed"}))) == {expired.pk, closed.pk}
    assert client.get(EMPLOYER_STATS_URL).json()["jobs_by_status"] == {"published": 1, "closed": 2}


@pytest.mark.parametrize(
    "params", [{"status": "bogus"}, {"company": "abc"}, {"company": "9" * 30}, {"company": "\u00b2"}]
)
def test_employer_jobs_refuses_bad_filters(params, as_role):
    assert_error(as_role("owner").get(EMPLOYER_JOBS_URL, params), 400, "validation_error")


def test_employer_stats_total_own_jobs(people, as_role):
    # given
    JobFactory(company=people.company, views_count=10, saves_count=3)
    job_in(JobStatus.DRAFT, company=people.company)
    job_in(JobStatus.CLOSED, company=people.company, views_count=5)
    JobFactory(company=people.stranger_company, views_count=100, saves_count=50)

    # when
    response = as_role("member").get(EMPLOYER_STATS_URL)

    # then
    assert response.status_code == 200, response.content
    assert response.json() == {
        "jobs_by_status": {"published": 1, "draft": 1, "closed": 1},
        "views": 15,
        "saves": 3,
        "applications": 0,
    }
    assert as_role("stranger").get(EMPLOYER_STATS_URL).json()["views"] == 100
    assert as_role("admin").get(EMPLOYER_STATS_URL).json()["views"] == 115
    assert_error(as_role("anonymous").get(EMPLOYER_STATS_URL), 401)


# --- saving ------------------------------------------------------------------------------------


def test_a_seeker_saves_a_job_once(people, as_role):
    # given
    job = JobFactory(company=people.company)
    client = as_role("seeker")

    # when
    first = client.post(detail_url(job, "save/"))
    again = client.post(detail_url(job.slug, "save/"))

    # then
    assert first.status_code == 201
    assert again.status_code == 200
    job.refresh_from_db()
    assert job.saves_count == 1
    assert SavedJob.objects.filter(job=job).count() == 1
    saved = client.get(SAVED_URL)
    assert saved.status_code == 200
    assert [row["job"]["id"] for row in saved.json()["results"]] == [job.pk]

    # when
    removed = client.delete(detail_url(job, "save/"))

    # then
    assert removed.status_code == 204
    job.refresh_from_db()
    assert job.saves_count == 0
    assert client.get(SAVED_URL).json()["results"] == []
    assert client.delete(detail_url(job, "save/")).status_code == 204  # removing twice is harmless
    job.refresh_from_db()
    assert job.saves_count == 0


@pytest.mark.parametrize("role", ["stranger", "owner", "admin"])
def test_only_seekers_save_jobs(role, people, as_role):
    job = JobFactory(company=people.company)

    assert_error(as_role(role).post(detail_url(job, "save/")), 403, "seeker_only")
    assert_error(as_role(role).delete(detail_url(job, "save/")), 403, "seeker_only")
    assert_error(as_role(role).get(SAVED_URL), 403, "seeker_only")
    job.refresh_from_db()
    assert job.saves_count == 0


def test_anonymous_cannot_save(people, as_role):
    job = JobFactory(company=people.company)

    assert_error(as_role("anonymous").post(detail_url(job, "save/")), 401)
    assert_error(as_role("anonymous").delete(detail_url(job, "save/")), 401)
    assert_error(as_role("anonymous").get(SAVED_URL), 401)


@pytest.mark.parametrize("status", [JobStatus.DRAFT, JobStatus.CLOSED, JobStatus.ARCHIVED])
def test_a_job_not_listed_cannot_be_saved(status, people, as_role):
    job = job_in(status, company=people.company)

    assert_error(as_role("seeker").post(detail_url(job, "save/")), 404)
    assert not SavedJob.objects.exists()


def test_a_held_job_cannot_be_saved(people, as_role):
    job = JobFactory(company=people.company, moderation_status=ModerationStatus.PENDING)

    assert_error(as_role("seeker").post(detail_url(job, "save/")), 404)


def test_saved_jobs_are_the_seekers_own(people, as_role):
    job = JobFactory(company=people.company)
    other_seeker = SeekerFactory()
    SavedJob.objects.create(user=other_seeker, job=job)

    assert as_role("seeker").get(SAVED_URL).json()["results"] == []


@pytest.mark.parametrize(
    "hide",
    [
        {"moderation_status": ModerationStatus.REJECTED},
        {"status": JobStatus.ARCHIVED},
        {"company_moderation_status": ModerationStatus.REJECTED},
    ],
)
def test_saved_jobs_the_seeker_may_no_longer_see_leave_the_list(hide, people, as_role):
    # given
    kept = JobFactory(company=people.company)
    hidden = JobFactory(company=CompanyFactory())
    client = as_role("seeker")
    for job in (kept, hidden):
        assert client.post(detail_url(job, "save/")).status_code == 201

    # when
    if "company_moderation_status" in hide:
        hidden.company.moderation_status = hide["company_moderation_status"]
        hidden.company.save(update_fields=["moderation_status"])
    else:
        Job.objects.filter(pk=hidden.pk).update(**hide)

    # then
    assert [row["job"]["id"] for row in client.get(SAVED_URL).json()["results"]] == [kept.pk]
    assert_error(client.get(detail_url(hidden)), 404)


def test_a_closed_saved_job_stays_in_the_list_saying_so(people, as_role):
    job = JobFactory(company=people.company)
    client = as_role("seeker")
    client.post(detail_url(job, "save/"))
    Job.objects.filter(pk=job.pk).update(status=JobStatus.CLOSED)

    rows = client.get(SAVED_URL).json()["results"]

    assert [(row["job"]["id"], row["job"]["status"]) for row in rows] == [(job.pk, JobStatus.CLOSED)]


# --- a company's jobs --------------------------------------------------------------------------


def test_company_jobs_lists_only_its_listed_jobs(people):
    # given
    company = people.company
    listed = [JobFactory(company=company), JobFactory(company=company)]
    job_in(JobStatus.DRAFT, company=company)
    job_in(JobStatus.CLOSED, company=company)
    job_in(JobStatus.ARCHIVED, company=company)
    JobFactory(company=company, moderation_status=ModerationStatus.PENDING)
    JobFactory(company=company, application_deadline=timezone.now() - timedelta(minutes=1))
    JobFactory(company=people.stranger_company)

    # when
    by_id = APIClient().get(f"/api/v1/companies/{company.pk}/jobs/")
    by_slug = APIClient().get(f"/api/v1/companies/{company.slug}/jobs/")

    # then
    expected = sorted((job.pk for job in listed), reverse=True)
    assert ids(by_id) == ids(by_slug) == expected


@pytest.mark.parametrize("company_status", [ModerationStatus.PENDING, ModerationStatus.REJECTED])
def test_company_jobs_of_a_hidden_company_answer_404(company_status, people, as_role):
    company = CompanyFactory(moderation_status=company_status)
    JobFactory(company=company)

    assert_error(APIClient().get(f"/api/v1/companies/{company.pk}/jobs/"), 404)
    assert_error(as_role("seeker").get(f"/api/v1/companies/{company.slug}/jobs/"), 404)


def test_company_jobs_of_an_unknown_company_answer_404():
    assert_error(APIClient().get("/api/v1/companies/999999/jobs/"), 404)
    assert_error(APIClient().get("/api/v1/companies/no-such-company/jobs/"), 404)


@pytest.mark.parametrize("key", ["%C2%B2", "a%00b"])
def test_company_jobs_of_an_odd_key_answer_404(key):
    assert_error(APIClient().get(f"/api/v1/companies/{key}/jobs/"), 404)
