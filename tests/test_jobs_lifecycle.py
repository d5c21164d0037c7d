"""The job lifecycle: the transition table (service and HTTP), publishing rules, deletion,
moderation, expiry at the deadline boundary, and the periodic sweeps (expiry, featuring, trending)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from nexus.core.errors import Conflict, InvalidInput
from nexus.core.moderation import ModerationStatus
from nexus.jobs import services, tasks
from nexus.jobs.choices import JobStatus
from nexus.jobs.lifecycle import TRANSITIONS
from nexus.jobs.models import Job

from .conftest import assert_error
from .factories import CompanyFactory, EmployerFactory, JobFactory, SeekerFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/jobs/"
MODERATION_URL = "/api/v1/jobs/moderation/"
DECIDE_URL = "/api/v1/jobs/moderation/decide/"
TRENDING_URL = "/api/v1/jobs/trending/"
FEATURED_URL = "/api/v1/jobs/featured/"

STATUSES = [JobStatus.DRAFT, JobStatus.PUBLISHED, JobStatus.CLOSED, JobStatus.ARCHIVED]
ACTIONS = ["publish", "close", "archive", "reopen"]
# The lifecycle of the specification: draft -> published -> closed -> archived, reopen allowed.
LEGAL = {
    (JobStatus.DRAFT, "publish"): JobStatus.PUBLISHED,
    (JobStatus.DRAFT, "archive"): JobStatus.ARCHIVED,
    (JobStatus.PUBLISHED, "close"): JobStatus.CLOSED,
    (JobStatus.CLOSED, "archive"): JobStatus.ARCHIVED,
    (JobStatus.CLOSED, "reopen"): JobStatus.PUBLISHED,
    (JobStatus.ARCHIVED, "reopen"): JobStatus.PUBLISHED,
}
PAIRS = [(status, action) for status in STATUSES for action in ACTIONS]


def detail_url(job: Job, suffix: str = "") -> str:
    return f"/api/v1/jobs/{job.pk}/{suffix}"


def allowed_from(action: str) -> list[str]:
    return sorted(status for (status, name) in LEGAL if name == action)


def job_in(status: str, **fields) -> Job:
    """A complete job in the given status, with the timestamps that status implies."""
    now = timezone.now()
    if status == JobStatus.DRAFT:
        fields.setdefault("published_at", None)
    if status in (JobStatus.CLOSED, JobStatus.ARCHIVED):
        fields.setdefault("closed_at", now - timedelta(days=1))
        fields.setdefault("published_at", now - timedelta(days=5))
    return JobFactory(status=status, **fields)


def listed_ids(client: APIClient | None = None) -> set[int]:
    response = (client or APIClient()).get(LIST_URL, {"page_size": 100})
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


@pytest.fixture
def company(employer):
    return CompanyFactory(owner=employer)


@pytest.fixture
def owner_client(employer, client_for):
    return client_for(employer)


@pytest.fixture
def moderation_on(settings):
    settings.MODERATION_HOLD_UNVERIFIED = True
    return settings


# --- the transition table --------------------------------------------------------------------


def test_transition_table_is_the_specified_lifecycle():
    table = {(source, action): target for action, (sources, target) in TRANSITIONS.items() for source in sources}

    assert table == LEGAL


@pytest.mark.parametrize(("status", "action"), PAIRS)
def test_service_transition_for_every_status_and_action(status, action, company, employer):
    # given
    job = job_in(status, company=company)

    # when / then
    if (status, action) in LEGAL:
        moved = services.job_transition(job=job, user=employer, action=action)
        job.refresh_from_db()
        assert moved.status == job.status == LEGAL[(status, action)]
        if job.status == JobStatus.PUBLISHED:
            assert job.published_at is not None
            assert job.closed_at is None
        if job.status == JobStatus.CLOSED:
            assert job.closed_at is not None
    else:
        with pytest.raises(Conflict) as raised:
            services.job_transition(job=job, user=employer, action=action)
        assert raised.value.code == "illegal_transition"
        assert raised.value.details == {"status": status, "action": action, "allowed_from": allowed_from(action)}
        job.refresh_from_db()
        assert job.status == status


@pytest.mark.parametrize(("status", "action"), PAIRS)
def test_http_transition_for_every_status_and_action(status, action, company, owner_client):
    # given
    job = job_in(status, company=company)

    # when
    response = owner_client.post(detail_url(job, f"{action}/"), {}, format="json")

    # then
    job.refresh_from_db()
    if (status, action) in LEGAL:
        assert response.status_code == 200, response.content
        assert response.json()["status"] == job.status == LEGAL[(status, action)]
        assert (job.pk in listed_ids()) == (job.status == JobStatus.PUBLISHED)
    else:
        body = assert_error(response, 409, "illegal_transition")
        assert body["details"] == {"status": status, "action": action, "allowed_from": allowed_from(action)}
        assert job.status == status


def test_publish_of_an_incomplete_job_lists_what_is_missing(company, owner_client):
    # given: no description, no employment type, on site without a place
    job = job_in(JobStatus.DRAFT, company=company, description="  ", employment_type="", city="", country="")

    # when
    response = owner_client.post(detail_url(job, "publish/"))

    # then
    body = assert_error(response, 400, "incomplete_job")
    assert set(body["details"]) == {"description", "employment_type", "city"}
    job.refresh_from_db()
    assert job.status == JobStatus.DRAFT
    assert job.published_at is None


def test_a_remote_job_needs_no_city_to_publish(company, owner_client):
    job = job_in(
        JobStatus.DRAFT, company=company, remote_type="remote", city="", country="", latitude=None, longitude=None
    )

    response = owner_client.post(detail_url(job, "publish/"))

    assert response.status_code == 200, response.content
    assert job.pk in listed_ids()


def test_service_publish_of_an_incomplete_job_raises_invalid_input(company, employer):
    job = job_in(JobStatus.DRAFT, company=company, title=" ", description="")

    with pytest.raises(InvalidInput) as raised:
        services.job_transition(job=job, user=employer, action="publish")

    assert raised.value.code == "incomplete_job"
    assert set(raised.value.details) == {"title", "description"}


def test_publish_with_a_past_deadline_is_refused(company, owner_client):
    # given
    job = job_in(JobStatus.DRAFT, company=company, application_deadline=timezone.now() - timedelta(hours=1))

    # when
    response = owner_client.post(detail_url(job, "publish/"))

    # then
    assert_error(response, 409, "deadline_passed")
    job.refresh_from_db()
    assert job.status == JobStatus.DRAFT


def test_publish_with_a_new_deadline_in_the_body(company, owner_client):
    job = job_in(JobStatus.DRAFT, company=company, application_deadline=timezone.now() - timedelta(hours=1))
    deadline = timezone.now() + timedelta(days=30)

    response = owner_client.post(detail_url(job, "publish/"), {"application_deadline": deadline.isoformat()})

    assert response.status_code == 200, response.content
    job.refresh_from_db()
    assert job.status == JobStatus.PUBLISHED
    assert job.application_deadline == deadline


def test_reopen_of_an_expired_job_needs_a_new_deadline(company, owner_client):
    # given: published, but its deadline has passed, so it reads as closed
    job = job_in(JobStatus.PUBLISHED, company=company, application_deadline=timezone.now() - timedelta(hours=1))
    assert job.pk not in listed_ids()

    # when: no new deadline
    refused = owner_client.post(detail_url(job, "reopen/"), {}, format="json")

    # then
    assert_error(refused, 409, "deadline_passed")
    assert job.pk not in listed_ids()
    # closing it again is not a move it can make: it is closed already
    assert_error(owner_client.post(detail_url(job, "close/")), 409, "illegal_transition")

    # when: with a future deadline
    deadline = timezone.now() + timedelta(days=14)
    reopened = owner_client.post(detail_url(job, "reopen/"), {"application_deadline": deadline.isoformat()})

    # then
    assert reopened.status_code == 200, reopened.content
    assert reopened.json()["status"] == JobStatus.PUBLISHED
    assert reopened.json()["accepting_applications"] is True
    job.refresh_from_db()
    assert job.status == JobStatus.PUBLISHED
    assert job.application_deadline == deadline
    assert job.pk in listed_ids()


def test_reopen_of_a_closed_job_without_a_deadline_relists_it(company, owner_client):
    job = job_in(JobStatus.CLOSED, company=company)

    response = owner_client.post(detail_url(job, "reopen/"))

    assert response.status_code == 200, response.content
    job.refresh_from_db()
    assert job.status == JobStatus.PUBLISHED
    assert job.closed_at is None
    assert job.pk in listed_ids()


def test_editing_an_expired_job_closes_it_instead_of_refusing(company, owner_client):
    # given: past its deadline, not yet swept
    job = job_in(JobStatus.PUBLISHED, company=company, application_deadline=timezone.now() - timedelta(hours=1))

    # when
    edited = owner_client.patch(detail_url(job), {"description": "Now with a better description."})

    # then
    assert edited.status_code == 200, edited.content
    assert edited.json()["status"] == JobStatus.CLOSED
    job.refresh_from_db()
    assert job.status == JobStatus.CLOSED
    assert job.closed_at is not None
    assert job.description == "Now with a better description."

    # when: a new deadline is an edit, not a relisting
    deadline = timezone.now() + timedelta(days=10)
    owner_client.patch(detail_url(job), {"application_deadline": deadline.isoformat()})

    # then
    job.refresh_from_db()
    assert job.status == JobStatus.CLOSED
    assert job.pk not in listed_ids()
    relisted = owner_client.post(detail_url(job, "reopen/"))
    assert relisted.status_code == 200, relisted.content
    assert job.pk in listed_ids()


def test_a_new_deadline_on_an_expired_job_does_not_skip_moderation(moderation_on, company, owner_client):
    job = job_in(JobStatus.PUBLISHED, company=company, application_deadline=timezone.now() - timedelta(hours=1))
    deadline = timezone.now() + timedelta(days=10)

    owner_client.patch(detail_url(job), {"application_deadline": deadline.isoformat()})
    reopened = owner_client.post(detail_url(job, "reopen/"))

    assert reopened.status_code == 200, reopened.content
    assert reopened.json()["moderation_status"] == ModerationStatus.PENDING
    assert job.pk not in listed_ids()


def test_a_past_deadline_cannot_be_set_on_an_open_job(company, owner_client):
    job = job_in(JobStatus.PUBLISHED, company=company)

    response = owner_client.patch(detail_url(job), {"application_deadline": "2000-01-01T00:00:00Z"})

    assert_error(response, 409, "deadline_passed")
    job.refresh_from_db()
    assert job.application_deadline is None
    assert job.pk in listed_ids()


def test_a_draft_can_be_deleted(company, owner_client):
    job = job_in(JobStatus.DRAFT, company=company)

    response = owner_client.delete(detail_url(job))

    assert response.status_code == 204
    assert not Job.objects.filter(pk=job.pk).exists()


@pytest.mark.parametrize("status", [JobStatus.PUBLISHED, JobStatus.CLOSED, JobStatus.ARCHIVED])
def test_only_drafts_can_be_deleted(status, company, owner_client):
    job = job_in(status, company=company)

    response = owner_client.delete(detail_url(job))

    assert_error(response, 409, "only_drafts_deletable")
    assert Job.objects.filter(pk=job.pk).exists()


# --- moderation --------------------------------------------------------------------------------


def test_publishing_for_an_unverified_company_is_held_for_review(moderation_on, company, owner_client, client_for):
    # given
    assert not company.is_verified
    job = job_in(JobStatus.DRAFT, company=company)

    # when
    response = owner_client.post(detail_url(job, "publish/"))

    # then: published, but held
    assert response.status_code == 200, response.content
    assert response.json()["moderation_status"] == ModerationStatus.PENDING
    assert response.json()["accepting_applications"] is False
    job.refresh_from_db()
    assert job.status == JobStatus.PUBLISHED
    assert job.moderation_status == ModerationStatus.PENDING
    assert job.pk not in listed_ids()
    assert_error(APIClient().get(detail_url(job)), 404)
    assert_error(client_for(SeekerFactory()).get(detail_url(job)), 404)
    assert_error(client_for(EmployerFactory()).get(detail_url(job)), 404)
    assert owner_client.get(detail_url(job)).status_code == 200


def test_publishing_for_a_verified_company_is_not_held(moderation_on, company, owner_client):
    company.is_verified = True
    company.save(update_fields=["is_verified"])
    job = job_in(JobStatus.DRAFT, company=company)

    response = owner_client.post(detail_url(job, "publish/"))

    assert response.status_code == 200
    assert response.json()["moderation_status"] == ModerationStatus.APPROVED
    assert job.pk in listed_ids()


def test_publishing_without_moderation_is_not_held(settings, company, owner_client):
    settings.MODERATION_HOLD_UNVERIFIED = False
    job = job_in(JobStatus.DRAFT, company=company)

    owner_client.post(detail_url(job, "publish/"))

    assert job.pk in listed_ids()


def test_admin_approves_a_held_job(moderation_on, company, owner_client, admin_user, client_for):
    # given
    job = job_in(JobStatus.DRAFT, company=company)
    owner_client.post(detail_url(job, "publish/"))
    other = JobFactory()  # listed, not held
    admin = client_for(admin_user)

    # when
    queue = admin.get(MODERATION_URL)

    # then
    assert queue.status_code == 200
    assert [row["id"] for row in queue.json()["results"]] == [job.pk]
    assert other.pk not in {row["id"] for row in queue.json()["results"]}

    # when
    decided = admin.post(DECIDE_URL, {"ids": [job.pk], "decision": "approve"})

    # then
    assert decided.status_code == 200, decided.content
    assert decided.json() == {"decided": 1}
    job.refresh_from_db()
    assert job.moderation_status == ModerationStatus.APPROVED
    assert job.pk in listed_ids()
    assert APIClient().get(detail_url(job)).status_code == 200
    assert admin.get(MODERATION_URL).json()["results"] == []


def test_admin_rejects_held_jobs_in_bulk(moderation_on, company, admin_user, client_for):
    # given
    held = [JobFactory(company=company, moderation_status=ModerationStatus.PENDING) for _ in range(3)]
    admin = client_for(admin_user)

    # when
    response = admin.post(DECIDE_URL, {"ids": [job.pk for job in held], "decision": "reject", "reason": "Spam"})

    # then
    assert response.status_code == 200, response.content
    assert response.json() == {"decided": 3}
    for job in held:
        job.refresh_from_db()
        assert job.moderation_status == ModerationStatus.REJECTED
        assert job.moderation_reason == "Spam"
        assert_error(APIClient().get(detail_url(job)), 404)
    assert listed_ids().isdisjoint(job.pk for job in held)
    assert admin.get(MODERATION_URL).json()["results"] == []


def test_a_rejected_job_stays_rejected_when_republished(moderation_on, company, employer):
    job = JobFactory(company=company, moderation_status=ModerationStatus.REJECTED)
    services.job_transition(job=job, user=employer, action="close")

    services.job_transition(job=job, user=employer, action="reopen")

    job.refresh_from_db()
    assert job.status == JobStatus.PUBLISHED
    assert job.moderation_status == ModerationStatus.REJECTED
    assert job.pk not in listed_ids()


def test_moderation_with_an_unknown_id_changes_nothing(admin_user, client_for):
    # given
    held = JobFactory(moderation_status=ModerationStatus.PENDING)
    missing = held.pk + 1000

    # when
    response = client_for(admin_user).post(DECIDE_URL, {"ids": [held.pk, missing], "decision": "approve"})

    # then
    body = assert_error(response, 400)
    assert body["details"]["ids"] == [missing]
    held.refresh_from_db()
    assert held.moderation_status == ModerationStatus.PENDING


def test_moderation_decision_is_validated(admin_user, client_for):
    admin = client_for(admin_user)

    assert_error(admin.post(DECIDE_URL, {"ids": [], "decision": "approve"}), 400, "validation_error")
    assert_error(admin.post(DECIDE_URL, {"ids": [1], "decision": "maybe"}), 400, "validation_error")


@pytest.mark.parametrize("role", ["seeker", "employer"])
def test_non_admins_cannot_moderate(role, company, client_for, seeker, employer):
    held = JobFactory(company=company, moderation_status=ModerationStatus.PENDING)
    client = client_for(seeker if role == "seeker" else employer)

    assert_error(client.get(MODERATION_URL), 403)
    assert_error(client.post(DECIDE_URL, {"ids": [held.pk], "decision": "approve"}), 403)

    held.refresh_from_db()
    assert held.moderation_status == ModerationStatus.PENDING


def test_anonymous_cannot_moderate():
    held = JobFactory(moderation_status=ModerationStatus.PENDING)

    assert_error(APIClient().get(MODERATION_URL), 401)
    assert_error(APIClient().post(DECIDE_URL, {"ids": [held.pk], "decision": "approve"}, format="json"), 401)
    held.refresh_from_db()
    assert held.moderation_status == ModerationStatus.PENDING


@pytest.mark.parametrize("company_status", [ModerationStatus.PENDING, ModerationStatus.REJECTED])
def test_jobs_of_a_company_not_approved_are_not_listed(company_status, employer, client_for):
    # given
    company = CompanyFactory(owner=employer, moderation_status=company_status)
    job = JobFactory(company=company)

    # then
    assert job.pk not in listed_ids()
    assert_error(APIClient().get(detail_url(job)), 404)
    assert client_for(employer).get(detail_url(job)).status_code == 200


# --- expiry ------------------------------------------------------------------------------------


@pytest.fixture
def frozen_now(monkeypatch):
    """Every `timezone.now()` answers one instant, so a deadline can sit exactly at the boundary."""
    now = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: now)
    return now


def test_a_deadline_a_second_ahead_is_open(frozen_now):
    # given
    job = JobFactory(application_deadline=frozen_now + timedelta(seconds=1))

    # when
    detail = APIClient().get(detail_url(job))

    # then
    assert job.pk in listed_ids()
    assert detail.status_code == 200
    assert detail.json()["status"] == JobStatus.PUBLISHED
    assert detail.json()["accepting_applications"] is True


def test_a_deadline_at_this_very_instant_is_closed(frozen_now):
    job = JobFactory(application_deadline=frozen_now)

    detail = APIClient().get(detail_url(job))

    assert job.pk not in listed_ids()
    assert detail.json()["status"] == JobStatus.CLOSED
    assert detail.json()["accepting_applications"] is False


def test_a_job_past_its_deadline_closes_at_once_and_the_sweep_marks_it():
    # given: the deadline passed a millisecond ago and no periodic task has run
    job = JobFactory(application_deadline=timezone.now() - timedelta(milliseconds=1))
    still_open = JobFactory(application_deadline=timezone.now() + timedelta(days=1))

    # when
    detail = APIClient().get(detail_url(job))

    # then: closed everywhere already
    assert job.pk not in listed_ids()
    assert still_open.pk in listed_ids()
    assert detail.status_code == 200
    assert detail.json()["status"] == JobStatus.CLOSED
    assert detail.json()["accepting_applications"] is False
    job.refresh_from_db()
    assert job.status == JobStatus.PUBLISHED  # the row is not marked yet
    assert job.views_count == 0  # a closed page counts no views

    # when: the sweep runs
    closed = services.jobs_close_expired()

    # then
    assert closed == 1
    job.refresh_from_db()
    assert job.status == JobStatus.CLOSED
    assert job.closed_at is not None
    still_open.refresh_from_db()
    assert still_open.status == JobStatus.PUBLISHED
    assert services.jobs_close_expired() == 0
    assert APIClient().get(detail_url(job)).json()["status"] == JobStatus.CLOSED


def test_expired_jobs_leave_every_public_list(employer):
    company = CompanyFactory(owner=employer)
    job = JobFactory(
        company=company,
        application_deadline=timezone.now() - timedelta(milliseconds=1),
        is_featured=True,
        featured_until=timezone.now() + timedelta(days=3),
        trending_score=10,
    )

    for url in (LIST_URL, FEATURED_URL, TRENDING_URL, f"/api/v1/companies/{company.pk}/jobs/"):
        response = APIClient().get(url)
        assert response.status_code == 200, url
        assert job.pk not in {row["id"] for row in response.json()["results"]}, url


def test_the_expiry_task_calls_the_sweep():
    JobFactory(application_deadline=timezone.now() - timedelta(minutes=1))

    assert tasks.close_expired_jobs() == 1
    assert tasks.close_expired_jobs() == 0


# --- featuring and trending sweeps -------------------------------------------------------------


def test_unfeature_expired_clears_the_flag_of_lapsed_featuring():
    # given
    now = timezone.now()
    lapsed = JobFactory(is_featured=True, featured_until=now - timedelta(minutes=1))
    current = JobFactory(is_featured=True, featured_until=now + timedelta(days=1))
    featured = APIClient().get(FEATURED_URL).json()["results"]
    assert [row["id"] for row in featured] == [current.pk]  # lapsed ones leave at once

    # when
    changed = services.jobs_unfeature_expired()

    # then
    assert changed == 1
    lapsed.refresh_from_db()
    current.refresh_from_db()
    assert lapsed.is_featured is False
    assert current.is_featured is True
    assert services.jobs_unfeature_expired() == 0
    assert tasks.unfeature_expired_jobs() == 0


def test_the_featured_list_follows_featured_until_alone():
    # given: the flag lags behind the date until the sweep runs, either way
    now = timezone.now()
    flag_not_yet_set = JobFactory(is_featured=False, featured_until=now + timedelta(days=1))
    JobFactory(is_featured=True, featured_until=now - timedelta(minutes=1))  # lapsed, not yet swept
    JobFactory(is_featured=False, featured_until=None)

    # when
    featured = APIClient().get(FEATURED_URL, {"page": 1}).json()

    # then
    assert [row["id"] for row in featured["results"]] == [flag_not_yet_set.pk]
    assert featured["results"][0]["is_featured"] is True
    assert (featured["count"], featured["count_exact"]) == (1, True)


def test_views_and_saves_make_a_job_trending(client_for):
    # given
    viewed = JobFactory()
    saved = JobFactory()
    quiet = JobFactory()
    stale = JobFactory(trending_score=5.0)  # a score from activity that has aged out
    first, second = SeekerFactory(), SeekerFactory()
    for user in (first, second):
        assert client_for(user).get(detail_url(viewed)).status_code == 200
    assert client_for(first).post(detail_url(saved, "save/")).status_code == 201

    # when
    updated = services.jobs_recompute_trending()

    # then: a save weighs more than a view
    assert updated == 2
    for job in (viewed, saved, quiet, stale):
        job.refresh_from_db()
    assert viewed.trending_score == pytest.approx(2.0)
    assert saved.trending_score == pytest.approx(3.0)
    assert quiet.trending_score == 0
    assert stale.trending_score == 0
    trending = APIClient().get(TRENDING_URL)
    assert trending.status_code == 200
    assert [row["id"] for row in trending.json()["results"]] == [saved.pk, viewed.pk]


def test_trending_recompute_task_is_repeatable(client_for, seeker):
    job = JobFactory()
    client_for(seeker).get(detail_url(job))

    assert tasks.recompute_trending_jobs() == 1
    assert tasks.recompute_trending_jobs() == 1
    job.refresh_from_db()
    assert job.trending_score == pytest.approx(1.0)
