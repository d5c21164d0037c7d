"""Domain events: sent once the transaction that caused them has committed, never when it rolls back."""

import pytest
from django.db import transaction

from nexus.applications import events
from nexus.applications.services import application_submit, application_transition, application_withdraw

from .factories_applications import ApplicationFactory, DocumentFactory, hiring_world, private_documents  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("private_documents")]


class Rollback(Exception):
    pass


@pytest.fixture
def received():
    """Every event sent, as (signal name, sender, keyword arguments)."""
    sent: list[tuple[str, str, dict]] = []

    def on_submitted(sender, **kwargs):
        kwargs.pop("signal")
        sent.append(("submitted", sender, kwargs))

    def on_changed(sender, **kwargs):
        kwargs.pop("signal")
        sent.append(("status_changed", sender, kwargs))

    events.application_submitted.connect(on_submitted, weak=False)
    events.application_status_changed.connect(on_changed, weak=False)
    yield sent
    events.application_submitted.disconnect(on_submitted)
    events.application_status_changed.disconnect(on_changed)


def test_submitting_sends_application_submitted_after_commit(received):
    world = hiring_world()
    resume = DocumentFactory(owner=world.applicant)

    with transaction.atomic():
        application = application_submit(applicant=world.applicant, job_ref=str(world.job.pk), resume_id=resume.pk)
        assert received == []  # not yet: the transaction is still open

    assert received == [
        (
            "submitted",
            "applications",
            {"application_id": application.pk, "job_id": world.job.pk, "applicant_id": world.applicant.pk},
        )
    ]


def test_every_status_change_sends_application_status_changed_after_commit(received):
    world = hiring_world()
    application = ApplicationFactory(job=world.job, applicant=world.applicant)
    received.clear()

    with transaction.atomic():
        application_transition(application=application, actor=world.employer, to_status="reviewing", reason="CV ok")
        assert received == []
    application_withdraw(application=application, actor=world.applicant, reason="Moved on")

    common = {"application_id": application.pk, "job_id": world.job.pk, "applicant_id": world.applicant.pk}
    assert received == [
        (
            "status_changed",
            "applications",
            {
                **common,
                "from_status": "submitted",
                "to_status": "reviewing",
                "changed_by_id": world.employer.pk,
                "reason": "CV ok",
            },
        ),
        (
            "status_changed",
            "applications",
            {
                **common,
                "from_status": "reviewing",
                "to_status": "withdrawn",
                "changed_by_id": world.applicant.pk,
                "reason": "Moved on",
            },
        ),
    ]


def test_nothing_is_sent_when_the_transaction_rolls_back(received):
    world = hiring_world()
    resume = DocumentFactory(owner=world.applicant)
    application = ApplicationFactory(job=world.job, applicant=world.other_seeker)
    received.clear()

    with pytest.raises(Rollback), transaction.atomic():
        application_submit(applicant=world.applicant, job_ref=str(world.job.pk), resume_id=resume.pk)
        application_transition(application=application, actor=world.employer, to_status="rejected")
        raise Rollback

    assert received == []
    application.refresh_from_db()
    assert application.status == "submitted"
    world.job.refresh_from_db()
    assert world.job.applications_count == 1


def test_a_refused_move_sends_nothing(received):
    world = hiring_world()
    application = ApplicationFactory(job=world.job, applicant=world.applicant)
    received.clear()

    with pytest.raises(Exception, match="cannot become"):
        application_transition(application=application, actor=world.employer, to_status="hired")

    assert received == []


def test_a_failing_receiver_does_not_turn_a_committed_application_into_an_error(client_for):
    world = hiring_world()
    resume = DocumentFactory(owner=world.applicant)

    def broken(sender, **kwargs):
        raise RuntimeError("receiver down")

    events.application_submitted.connect(broken, weak=False)
    try:
        response = client_for(world.applicant).post(
            "/api/v1/applications/", {"job": world.job.pk, "resume": resume.pk}, format="json"
        )
    finally:
        events.application_submitted.disconnect(broken)

    assert response.status_code == 201, response.content
    world.job.refresh_from_db()
    assert world.job.applications_count == 1
