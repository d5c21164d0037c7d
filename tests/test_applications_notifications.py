"""Through the API end to end: applying, moving and withdrawing notify the other side in-app and by email,
with nothing private (the employer's reason) reaching the applicant."""

import pytest
from django.core import mail

from nexus.notifications.models import Notification

from .factories import CompanyMemberFactory, EmployerFactory
from .factories_applications import DocumentFactory, hiring_world, private_documents  # noqa: F401 - a fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_documents")]


@pytest.fixture
def world():
    return hiring_world()


def inbox_of(user) -> list:
    return [message for message in mail.outbox if message.to == [user.email]]


def test_applying_notifies_every_member_of_the_company(world, client_for, django_capture_on_commit_callbacks):
    member = EmployerFactory()
    CompanyMemberFactory(company=world.company, user=member)
    resume = DocumentFactory(owner=world.applicant)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.applicant).post(
            "/api/v1/applications/", {"job": world.job.pk, "resume": resume.pk}, format="json"
        )
    assert response.status_code == 201, response.content

    for person in (world.employer, member):
        feed = client_for(person).get("/api/v1/notifications/").json()["results"]
        assert [item["kind"] for item in feed] == ["application_received"]
        assert client_for(person).get("/api/v1/notifications/unread-count/").json()["unread"] == 1
        assert len(inbox_of(person)) == 1
    assert client_for(world.other_employer).get("/api/v1/notifications/").json()["results"] == []
    assert not Notification.objects.filter(user=world.applicant).exists()


def test_a_move_notifies_the_applicant_and_a_withdrawal_the_company(
    world, client_for, django_capture_on_commit_callbacks
):
    resume = DocumentFactory(owner=world.applicant)
    with django_capture_on_commit_callbacks(execute=True):
        application = (
            client_for(world.applicant)
            .post("/api/v1/applications/", {"job": world.job.pk, "resume": resume.pk}, format="json")
            .json()
        )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        moved = client_for(world.employer).post(
            f"/api/v1/applications/{application['id']}/transition/",
            {"to_status": "reviewing", "reason": "internal: strong portfolio"},
            format="json",
        )
    assert moved.status_code == 200, moved.content
    feed = client_for(world.applicant).get("/api/v1/notifications/").json()["results"]
    assert [item["kind"] for item in feed] == ["application_status_changed"]
    assert "strong portfolio" not in str(feed) and "strong portfolio" not in inbox_of(world.applicant)[0].body

    with django_capture_on_commit_callbacks(execute=True):
        withdrawn = client_for(world.applicant).post(f"/api/v1/applications/{application['id']}/withdraw/")
    assert withdrawn.status_code == 200, withdrawn.content
    kinds = [item["kind"] for item in client_for(world.employer).get("/api/v1/notifications/").json()["results"]]
    assert kinds[0] == "application_withdrawn"
