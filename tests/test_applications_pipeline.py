"""The pipeline: the one transition table, who moves what, the history, and what stays private."""

import itertools

import pytest

from nexus.applications.models import ApplicationStatusChange, JobApplicationCounts
from nexus.applications.pipeline import TRANSITIONS, ApplicationStatus
from nexus.applications.services import application_transition, application_withdraw
from nexus.core.errors import Conflict

from .conftest import assert_error
from .factories_applications import ApplicationFactory, hiring_world, private_documents  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_documents")]

S = ApplicationStatus
PATH_TO = {  # the legal way forward from submitted to each status
    S.SUBMITTED: [],
    S.REVIEWING: [S.REVIEWING],
    S.SHORTLISTED: [S.REVIEWING, S.SHORTLISTED],
    S.INTERVIEWING: [S.REVIEWING, S.SHORTLISTED, S.INTERVIEWING],
    S.OFFERED: [S.REVIEWING, S.SHORTLISTED, S.INTERVIEWING, S.OFFERED],
    S.HIRED: [S.REVIEWING, S.SHORTLISTED, S.INTERVIEWING, S.OFFERED, S.HIRED],
    S.REJECTED: [S.REJECTED],
}


@pytest.fixture
def world():
    world = hiring_world()
    world.application = ApplicationFactory(job=world.job, applicant=world.applicant)
    return world


def url(application, action=""):
    return f"/api/v1/applications/{application.pk}/{action}"


def bring_to(world, status):
    for step in PATH_TO.get(status, []):
        application_transition(application=world.application, actor=world.employer, to_status=step)
    if status == S.WITHDRAWN:
        application_withdraw(application=world.application, actor=world.applicant)


def test_the_table_is_the_pipeline_of_the_specification():
    assert TRANSITIONS[S.SUBMITTED] == {S.REVIEWING, S.REJECTED, S.WITHDRAWN}
    assert TRANSITIONS[S.OFFERED] == {S.HIRED, S.REJECTED, S.WITHDRAWN}
    assert all(not TRANSITIONS[final] for final in (S.HIRED, S.REJECTED, S.WITHDRAWN))


@pytest.mark.parametrize(("from_status", "to_status"), list(itertools.product(S.values, S.values)))
def test_every_move_follows_the_table(world, from_status, to_status):
    # given
    bring_to(world, from_status)
    before = JobApplicationCounts.objects.get(job=world.job).as_dict()

    # when
    try:
        if to_status == S.WITHDRAWN:
            application_withdraw(application=world.application, actor=world.applicant, reason="r")
        else:
            application_transition(application=world.application, actor=world.employer, to_status=to_status)
        moved = True
    except Conflict as exc:
        assert exc.code == "illegal_transition"
        moved = False

    # then
    assert moved == (to_status in TRANSITIONS[from_status])
    world.application.refresh_from_db()
    assert world.application.status == (to_status if moved else from_status)
    after = JobApplicationCounts.objects.get(job=world.job).as_dict()
    if moved:
        assert after == {**before, from_status: before[from_status] - 1, to_status: before[to_status] + 1}
    else:
        assert after == before
    assert sum(after.values()) == 1


def test_moving_through_the_pipeline_over_http_keeps_a_history_both_sides_read(world, client_for):
    employer = client_for(world.employer)
    for step in PATH_TO[S.HIRED]:
        response = employer.post(url(world.application, "transition/"), {"to_status": step, "reason": f"to {step}"})
        assert response.status_code == 200, response.content
        assert response.json()["status"] == step

    for reader in (world.applicant, world.employer, world.admin):
        history = client_for(reader).get(url(world.application, "history/")).json()
        assert [(h["from_status"], h["to_status"]) for h in history] == [
            (None, "submitted"),
            ("submitted", "reviewing"),
            ("reviewing", "shortlisted"),
            ("shortlisted", "interviewing"),
            ("interviewing", "offered"),
            ("offered", "hired"),
        ]
        assert history[1]["changed_by"] == {"id": world.employer.pk, "full_name": world.employer.full_name}
        assert history[-1]["reason"] == "to hired"
        assert all(h["created_at"] for h in history)


def test_illegal_moves_answer_409_with_the_allowed_ones(world, client_for):
    response = client_for(world.employer).post(url(world.application, "transition/"), {"to_status": "hired"})
    body = assert_error(response, 409, "illegal_transition")
    assert body["details"] == {
        "status": "submitted",
        "to_status": "hired",
        "allowed": ["rejected", "reviewing", "withdrawn"],
    }


def test_employers_cannot_withdraw_or_move_back_to_submitted(world, client_for):
    employer = client_for(world.employer)
    assert_error(employer.post(url(world.application, "transition/"), {"to_status": "withdrawn"}), 400)
    assert_error(employer.post(url(world.application, "transition/"), {"to_status": "submitted"}), 400)
    assert_error(employer.post(url(world.application, "withdraw/"), {}), 403, "applicant_only")


def test_the_applicant_withdraws_once(world, client_for):
    seeker = client_for(world.applicant)
    response = seeker.post(url(world.application, "withdraw/"), {"reason": "Took another offer"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "withdrawn"
    assert_error(seeker.post(url(world.application, "withdraw/"), {}), 409, "illegal_transition")
    last = ApplicationStatusChange.objects.filter(application=world.application).last()
    assert (last.to_status, last.changed_by_id, last.reason) == ("withdrawn", world.applicant.pk, "Took another offer")


@pytest.mark.parametrize(
    ("role", "action", "body", "expected"),
    [
        ("anonymous", "transition/", {"to_status": "reviewing"}, (401, None)),
        ("applicant", "transition/", {"to_status": "reviewing"}, (403, "employer_only")),
        ("other_seeker", "transition/", {"to_status": "reviewing"}, (404, "application_not_found")),
        ("other_employer", "transition/", {"to_status": "reviewing"}, (404, "application_not_found")),
        ("employer", "transition/", {"to_status": "reviewing"}, (200, None)),
        ("admin", "transition/", {"to_status": "reviewing"}, (200, None)),
        ("anonymous", "withdraw/", {}, (401, None)),
        ("applicant", "withdraw/", {}, (200, None)),
        ("other_seeker", "withdraw/", {}, (404, "application_not_found")),
        ("other_employer", "withdraw/", {}, (404, "application_not_found")),
        ("employer", "withdraw/", {}, (403, "applicant_only")),
        ("admin", "withdraw/", {}, (403, "applicant_only")),
    ],
)
def test_who_moves_applications(world, client_for, api_client, role, action, body, expected):
    client = api_client if role == "anonymous" else client_for(getattr(world, role))
    response = client.post(url(world.application, action), body)
    status, code = expected
    if status == 200:
        assert response.status_code == 200, response.content
    else:
        assert_error(response, status, code)
        world.application.refresh_from_db()
        assert world.application.status == "submitted"


def test_notes_and_ratings_are_private_to_the_hiring_side(world, client_for):
    # given: a note and a rating by the company
    employer = client_for(world.employer)
    response = employer.post(url(world.application, "notes/"), {"body": "Strong on SQL; ask about on-call."})
    assert response.status_code == 201, response.content
    assert response.json()["author"]["id"] == world.employer.pk
    assert employer.patch(url(world.application), {"rating": 4}).json()["rating"] == 4

    # then: the company sees them
    assert [n["body"] for n in employer.get(url(world.application, "notes/")).json()["results"]] == [
        "Strong on SQL; ask about on-call."
    ]
    # and the applicant sees neither, in any representation
    seeker = client_for(world.applicant)
    representations = [
        seeker.get(url(world.application)).content,
        seeker.get("/api/v1/applications/").content,
        seeker.get(url(world.application, "history/")).content,
        seeker.post(url(world.application, "withdraw/"), {}).content,
    ]
    for content in representations:
        assert b"Strong on SQL" not in content and b"rating" not in content
    assert_error(seeker.get(url(world.application, "notes/")), 403, "employer_only")
    assert_error(seeker.post(url(world.application, "notes/"), {"body": "x"}), 403, "employer_only")
    assert_error(seeker.patch(url(world.application), {"rating": 5}), 403, "employer_only")


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
def test_who_reads_and_writes_notes(world, client_for, api_client, role, status):
    client = api_client if role == "anonymous" else client_for(getattr(world, role))
    read = client.get(url(world.application, "notes/"))
    write = client.post(url(world.application, "notes/"), {"body": "note"})
    if status == 200:
        assert (read.status_code, write.status_code) == (200, 201)
    else:
        assert_error(read, status)
        assert_error(write, status)


@pytest.mark.parametrize("rating", [0, 6, "4", 4.5, True])
def test_ratings_are_1_to_5(world, client_for, rating):
    assert_error(client_for(world.employer).patch(url(world.application), {"rating": rating}), 400)


def test_a_rating_can_be_cleared(world, client_for):
    employer = client_for(world.employer)
    employer.patch(url(world.application), {"rating": 2})
    assert employer.patch(url(world.application), {"rating": None}).json()["rating"] is None


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 401),
        ("applicant", 200),
        ("other_seeker", 404),
        ("other_employer", 404),
        ("employer", 200),
        ("admin", 200),
    ],
)
def test_who_reads_an_application(world, client_for, api_client, role, status):
    client = api_client if role == "anonymous" else client_for(getattr(world, role))
    for path in ("", "history/"):
        response = client.get(url(world.application, path))
        if status == 200:
            assert response.status_code == 200, response.content
        else:
            assert_error(response, status)


def test_the_hiring_side_sees_the_applicants_profile_through_the_application(world, client_for):
    body = client_for(world.employer).get(url(world.application)).json()
    assert body["applicant"]["id"] == world.applicant.pk
    assert body["applicant_profile"]["headline"] == world.applicant.seeker_profile.headline
    assert {"experience", "education", "skills"} <= set(body["applicant_profile"])
    assert "applicant_profile" not in client_for(world.applicant).get(url(world.application)).json()


@pytest.mark.parametrize("ref", ["abc", "0", "99999999999", "1e3"])
def test_unknown_ids_are_404(world, client_for, ref):
    assert_error(client_for(world.admin).get(f"/api/v1/applications/{ref}/"), 404, "application_not_found")


def test_the_django_admin_shows_applications_documents_and_counters(client, world):
    # given
    client.force_login(world.admin)
    pages = [
        "/admin/applications/application/",
        f"/admin/applications/application/{world.application.pk}/change/",
        "/admin/applications/document/",
        f"/admin/applications/document/{world.application.resume_id}/change/",
        "/admin/applications/jobapplicationcounts/",
        f"/admin/applications/jobapplicationcounts/{world.job.pk}/change/",
    ]

    # then: every page renders, the application's history inline included
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
    assert b"submitted" in client.get(pages[1]).content
