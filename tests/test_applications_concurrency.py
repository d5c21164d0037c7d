"""Real concurrent requests on PostgreSQL: one application per seeker and job, counters without lost updates."""

import pytest

from nexus.applications.models import Application, Document, JobApplicationCounts
from nexus.jobs.models import Job

from .concurrency import run_concurrently
from .factories import JobFactory, SeekerFactory
from .factories_applications import ApplicationFactory, DocumentFactory, hiring_world, private_documents  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("private_documents")]

URL = "/api/v1/applications/"


def test_the_same_seeker_applying_at_the_same_instant_gets_exactly_one_application(client_for):
    # given
    world = hiring_world()
    resume = DocumentFactory(owner=world.applicant)
    clients = [client_for(world.applicant) for _ in range(6)]

    # when
    results = run_concurrently(6, lambda i: clients[i].post(URL, {"job": world.job.pk, "resume": resume.pk}))

    # then
    statuses = sorted(status for status, _ in results)
    assert statuses == [201, 409, 409, 409, 409, 409]
    assert {body["code"] for status, body in results if status == 409} == {"already_applied"}
    assert Application.objects.filter(job=world.job, applicant=world.applicant).count() == 1
    world.job.refresh_from_db()
    assert world.job.applications_count == 1
    assert JobApplicationCounts.objects.get(job=world.job).submitted == 1


def test_concurrent_applications_and_moves_leave_the_counters_exact(client_for):
    # given: four applications already in, and six seekers about to apply
    world = hiring_world()
    existing = [ApplicationFactory(job=world.job) for _ in range(4)]
    newcomers = [SeekerFactory() for _ in range(6)]
    resumes = [DocumentFactory(owner=seeker) for seeker in newcomers]
    employer = client_for(world.employer)
    withdrawing = client_for(existing[2].applicant)
    newcomer_clients = [client_for(seeker) for seeker in newcomers]
    moves = [
        lambda: employer.post(f"{URL}{existing[0].pk}/transition/", {"to_status": "reviewing"}),
        lambda: employer.post(f"{URL}{existing[1].pk}/transition/", {"to_status": "rejected"}),
        lambda: withdrawing.post(f"{URL}{existing[2].pk}/withdraw/", {}),
        # the same move twice at once: the second finds it done, and reviewing -> reviewing is no move
        lambda: employer.post(f"{URL}{existing[3].pk}/transition/", {"to_status": "reviewing"}),
        lambda: employer.post(f"{URL}{existing[3].pk}/transition/", {"to_status": "reviewing"}),
    ]

    def work(index):
        if index < len(newcomers):
            return newcomer_clients[index].post(URL, {"job": world.job.pk, "resume": resumes[index].pk})
        return moves[index - len(newcomers)]()

    # when
    results = run_concurrently(len(newcomers) + len(moves), work)

    # then: every request answered, one of the two competing moves refused
    assert sorted(status for status, _ in results) == [200] * 4 + [201] * 6 + [409]
    counts = JobApplicationCounts.objects.get(job=world.job).as_dict()
    actual = {status: 0 for status in counts}
    for status in Application.objects.filter(job=world.job).values_list("status", flat=True):
        actual[status] += 1
    assert counts == actual
    assert sum(counts.values()) == 10
    assert Job.objects.get(pk=world.job.pk).applications_count == 10


def race_apply_and_delete(seeker, job, document) -> list[tuple[int, dict]]:
    requests = [
        lambda: seeker.post(URL, {"job": job.pk, "resume": document.pk}),
        lambda: seeker.delete(f"/api/v1/documents/{document.pk}/"),
    ]
    return run_concurrently(2, lambda i: requests[i]())


def test_deleting_a_document_while_applying_with_it_leaves_a_consistent_state(client_for):
    world = hiring_world()
    seeker = client_for(world.applicant)
    for _ in range(4):
        # given: a fresh job and document each round
        job = JobFactory(company=world.company)
        document = DocumentFactory(owner=world.applicant)

        # when: both at the same instant
        results = race_apply_and_delete(seeker, job, document)

        # then: the delete succeeded, and either the application holds the document or it was refused cleanly
        assert sorted(status for status, _ in results) in ([201, 204], [204, 400]), results
        application = Application.objects.filter(job=job).first()
        if application is not None:
            assert application.resume_id == document.pk
            assert Document.objects.get(pk=document.pk).deleted_at is not None
        else:
            assert not Document.objects.filter(pk=document.pk).exists()
            assert [body["code"] for status, body in results if status == 400] == ["unknown_document"]


def test_a_job_closed_while_seekers_apply_takes_no_application_after_closing(client_for):
    # given: a job, six seekers with resumes, and its employer
    world = hiring_world()
    seekers = [SeekerFactory() for _ in range(6)]
    resumes = [DocumentFactory(owner=seeker) for seeker in seekers]
    clients = [client_for(seeker) for seeker in seekers]
    employer = client_for(world.employer)

    def work(index):
        if index == len(seekers):
            return employer.post(f"/api/v1/jobs/{world.job.pk}/close/")
        return clients[index].post(URL, {"job": world.job.pk, "resume": resumes[index].pk})

    # when: the close and the applications at the same instant
    results = run_concurrently(len(seekers) + 1, work)

    # then: each application came before the close, or was refused because of it
    job = Job.objects.get(pk=world.job.pk)
    assert job.status == "closed"
    applications = list(Application.objects.filter(job=job))
    assert all(application.created_at < job.closed_at for application in applications)
    refused = [body["code"] for status, body in results if status == 409]
    assert refused == ["job_not_published"] * (len(seekers) - len(applications))
    assert job.applications_count == len(applications)
