"""Applying: who may, to which jobs, with which documents and answers; once per job."""

from datetime import timedelta

import pytest
from django.utils import timezone

from nexus.applications.models import Application, ApplicationStatusChange, JobApplicationCounts
from nexus.jobs.models import Job

from .conftest import assert_error, one_rate_window
from .factories import JobFactory
from .factories_applications import ApplicationFactory, DocumentFactory, hiring_world, private_documents  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_documents")]

URL = "/api/v1/applications/"

QUESTIONS = [
    {"key": "headline", "label": "Your headline", "type": "short_text", "required": True},
    {"key": "story", "label": "Tell us a story", "type": "long_text", "required": False},
    {"key": "relocate", "label": "Will you relocate?", "type": "yes_no", "required": True},
    {"key": "seniority", "label": "Seniority", "type": "single_choice", "required": True, "choices": ["Mid", "Sr"]},
    {"key": "stack", "label": "Stack", "type": "multiple_choice", "required": False, "choices": ["Dj", "Go", "SQL"]},
    {"key": "years", "label": "Years of Python", "type": "number", "required": True},
]
GOOD_ANSWERS = {"headline": "Backend dev", "relocate": False, "seniority": "Sr", "stack": ["Dj", "SQL"], "years": 6}


@pytest.fixture
def world():
    return hiring_world(screening_questions=QUESTIONS)


def apply(client, job, resume, **extra):
    return client.post(URL, {"job": job.pk, "resume": resume.pk, **extra}, format="json")


def test_a_seeker_applies_with_cover_letter_resume_and_answers(world, client_for):
    # given
    resume = DocumentFactory(owner=world.applicant)

    # when
    response = apply(client_for(world.applicant), world.job, resume, cover_letter="Hello", answers=GOOD_ANSWERS)

    # then
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "submitted"
    assert body["job"]["id"] == world.job.pk and body["job"]["company"]["id"] == world.company.pk
    assert body["resume"]["id"] == resume.pk and body["resume"]["original_name"] == "resume.pdf"
    assert body["cover_letter"] == "Hello"
    assert {a["key"]: a["answer"] for a in body["answers"]} == {"story": None, **GOOD_ANSWERS}
    assert "rating" not in body and "applicant" not in body
    world.job.refresh_from_db()
    assert world.job.applications_count == 1
    assert JobApplicationCounts.objects.get(job=world.job).as_dict()["submitted"] == 1
    first = ApplicationStatusChange.objects.get(application_id=body["id"])
    assert (first.from_status, first.to_status, first.changed_by_id) == ("", "submitted", world.applicant.pk)


def test_the_answer_to_applying_is_the_application_as_it_reads_back(world, client_for, django_assert_num_queries):
    # given
    resume = DocumentFactory(owner=world.applicant)
    client = client_for(world.applicant)

    # when: made from the rows the submit locked, not read again
    with django_assert_num_queries(9):
        created = apply(client, world.job, resume, cover_letter="Hi", answers=GOOD_ANSWERS)

    # then
    assert created.status_code == 201, created.content
    read_back = client.get(f"{URL}{created.json()['id']}/")
    assert read_back.status_code == 200
    assert created.json() == read_back.json()


def test_applying_twice_answers_409_and_counts_once(world, client_for):
    resume = DocumentFactory(owner=world.applicant)
    client = client_for(world.applicant)
    assert apply(client, world.job, resume, answers=GOOD_ANSWERS).status_code == 201

    assert_error(apply(client, world.job, resume, answers=GOOD_ANSWERS), 409, "already_applied")
    world.job.refresh_from_db()
    assert world.job.applications_count == 1
    assert Application.objects.filter(job=world.job).count() == 1


@pytest.mark.parametrize("role", ["employer", "other_employer", "admin"])
def test_only_seekers_apply(world, client_for, role):
    resume = DocumentFactory(owner=world.applicant)
    assert_error(apply(client_for(getattr(world, role)), world.job, resume, answers=GOOD_ANSWERS), 403, "seeker_only")
    assert not Application.objects.exists()


def test_anonymous_cannot_apply(world, api_client):
    resume = DocumentFactory(owner=world.applicant)
    assert_error(apply(api_client, world.job, resume), 401)


@pytest.mark.parametrize(
    ("job_fields", "status", "code"),
    [
        ({"status": "draft", "published_at": None}, 400, "job_not_found"),
        ({"status": "archived"}, 400, "job_not_found"),
        ({"moderation_status": "pending"}, 400, "job_not_found"),
        ({"status": "closed"}, 409, "job_not_published"),
        # published, but past its deadline: refused at once, before any sweep marks it closed
        ({"application_deadline": timezone.now() - timedelta(seconds=1)}, 409, "deadline_passed"),
    ],
)
def test_only_published_open_jobs_take_applications(world, client_for, job_fields, status, code):
    job = JobFactory(company=world.company, **job_fields)
    resume = DocumentFactory(owner=world.applicant)
    assert_error(apply(client_for(world.applicant), job, resume), status, code)
    assert Job.objects.get(pk=job.pk).applications_count == 0


def test_unknown_job_is_refused(world, client_for):
    resume = DocumentFactory(owner=world.applicant)
    response = client_for(world.applicant).post(URL, {"job": 999999999, "resume": resume.pk}, format="json")
    assert_error(response, 400, "job_not_found")


def test_the_deadline_is_checked_on_every_apply(world, client_for):
    # given: a job open a moment ago
    job = JobFactory(company=world.company, application_deadline=timezone.now() + timedelta(hours=1))
    resume = DocumentFactory(owner=world.applicant)
    assert apply(client_for(world.other_seeker), job, DocumentFactory(owner=world.other_seeker)).status_code == 201

    # when: the deadline passes (no sweep runs)
    Job.objects.filter(pk=job.pk).update(application_deadline=timezone.now() - timedelta(seconds=1))

    # then
    assert_error(apply(client_for(world.applicant), job, resume), 409, "deadline_passed")


def test_another_seekers_document_is_refused(world, client_for):
    theirs = DocumentFactory(owner=world.other_seeker)
    response = apply(client_for(world.applicant), world.job, theirs, answers=GOOD_ANSWERS)
    body = assert_error(response, 400, "unknown_document")
    assert "resume" in body["details"]


def test_a_deleted_document_cannot_be_sent(world, client_for):
    resume = DocumentFactory(owner=world.applicant)
    client = client_for(world.applicant)
    assert client.delete(f"/api/v1/documents/{resume.pk}/").status_code == 204
    assert_error(apply(client, world.job, resume, answers=GOOD_ANSWERS), 400, "unknown_document")


@pytest.mark.parametrize(
    ("answers", "bad_key"),
    [
        ({**GOOD_ANSWERS, "headline": ""}, "headline"),  # required, blank
        ({k: v for k, v in GOOD_ANSWERS.items() if k != "years"}, "years"),  # required, missing
        ({**GOOD_ANSWERS, "headline": 5}, "headline"),
        ({**GOOD_ANSWERS, "headline": "x" * 501}, "headline"),
        ({**GOOD_ANSWERS, "story": "x" * 10001}, "story"),
        ({**GOOD_ANSWERS, "story": "nul \u0000 inside"}, "story"),
        ({**GOOD_ANSWERS, "relocate": "yes"}, "relocate"),
        ({**GOOD_ANSWERS, "seniority": "Junior"}, "seniority"),
        ({**GOOD_ANSWERS, "seniority": ["Sr"]}, "seniority"),
        ({**GOOD_ANSWERS, "stack": ["Dj", "Rust"]}, "stack"),
        ({**GOOD_ANSWERS, "stack": ["Go", "Go"]}, "stack"),
        ({**GOOD_ANSWERS, "stack": "Dj"}, "stack"),
        ({**GOOD_ANSWERS, "years": "6"}, "years"),
        ({**GOOD_ANSWERS, "years": True}, "years"),
        ({**GOOD_ANSWERS, "surprise": "hi"}, "surprise"),
    ],
)
def test_answers_are_checked_against_the_questions(world, client_for, answers, bad_key):
    resume = DocumentFactory(owner=world.applicant)
    body = assert_error(apply(client_for(world.applicant), world.job, resume, answers=answers), 400, "invalid_answers")
    assert bad_key in body["details"]["answers"]
    assert not Application.objects.exists()
    assert Job.objects.get(pk=world.job.pk).applications_count == 0


def test_optional_questions_may_be_left_out(world, client_for):
    resume = DocumentFactory(owner=world.applicant)
    answers = {k: v for k, v in GOOD_ANSWERS.items() if k != "stack"}
    assert apply(client_for(world.applicant), world.job, resume, answers=answers).status_code == 201


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"job": "1", "resume": 1},
        {"job": 1, "resume": 1, "answers": []},
        {"job": 1, "resume": 1, "cover_letter": 5},
        {"job": 1, "resume": 1, "cover_letter": "x" * 10001},
        {"job": 0, "resume": 1},
    ],
)
def test_malformed_bodies_are_400(world, client_for, body):
    assert_error(client_for(world.applicant).post(URL, body, format="json"), 400, "validation_error")


def test_apply_has_its_own_rate_limit(world, client_for, settings):
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {**rates, "apply": "2/hour"}}
    one_rate_window("2/hour", needed=5)
    client = client_for(world.applicant)
    jobs = [JobFactory(company=world.company) for _ in range(3)]
    resume = DocumentFactory(owner=world.applicant)

    assert [apply(client, job, resume).status_code for job in jobs[:2]] == [201, 201]
    response = assert_error(apply(client, jobs[2], resume), 429, "throttled")
    assert response["details"]["retry_after"] > 0
    assert client.get(URL).status_code == 200  # reading is not limited by the apply scope


def test_applying_through_the_factory_uses_the_same_rules(world):
    ApplicationFactory(job=world.job, applicant=world.applicant, answers=GOOD_ANSWERS)
    assert Job.objects.get(pk=world.job.pk).applications_count == 1


def test_the_demo_data_has_applications_to_try():
    from nexus.accounts.demo import demo_accounts_create
    from nexus.applications.demo import demo_applications_create
    from nexus.companies.demo import demo_companies_create
    from nexus.jobs.demo import demo_jobs_create
    from nexus.taxonomy.demo import demo_taxonomy_create

    # given: the demo accounts, companies and jobs
    demo_taxonomy_create()
    accounts = demo_accounts_create()
    demo_companies_create()
    demo_jobs_create(employer=accounts["employer"])

    # when: loaded twice
    created = demo_applications_create(seeker=accounts["seeker"], employer=accounts["employer"])
    again = demo_applications_create(seeker=accounts["seeker"], employer=accounts["employer"])

    # then
    assert (created, again) == (2, 0)
    applications = Application.objects.filter(applicant=accounts["seeker"])
    assert sorted(applications.values_list("status", flat=True)) == ["reviewing", "submitted"]
    assert {a.resume.kind for a in applications} == {"pdf"}


def test_the_database_itself_refuses_a_second_application(world):
    from django.db import IntegrityError, transaction

    first = ApplicationFactory(job=world.job, applicant=world.applicant, answers=GOOD_ANSWERS)
    duplicate = Application(
        job=world.job, applicant=world.applicant, applicant_name="x", resume=first.resume, answers=[]
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 401),
        ("applicant", 403),
        ("other_seeker", 404),
        ("other_employer", 404),
        ("employer", 200),
        ("admin", 200),
    ],
)
def test_who_rates_an_application(world, client_for, api_client, role, status):
    application = ApplicationFactory(job=world.job, applicant=world.applicant, answers=GOOD_ANSWERS)
    client = api_client if role == "anonymous" else client_for(getattr(world, role))
    response = client.patch(f"{URL}{application.pk}/", {"rating": 3}, format="json")
    application.refresh_from_db()
    if status == 200:
        assert response.status_code == 200 and response.json()["rating"] == 3
        assert application.rating == 3
    else:
        assert_error(response, status)
        assert application.rating is None
