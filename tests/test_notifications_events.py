"""Application events become notifications (in-app and email) for the right people, once."""

from types import SimpleNamespace

import pytest
from django.core import mail

from nexus.applications.events import application_status_changed, application_submitted
from nexus.notifications import tasks
from nexus.notifications.models import Notification

from .factories import CompanyFactory, CompanyMemberFactory, EmployerFactory, JobFactory, SeekerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hiring(db):
    owner, member, outsider = EmployerFactory(), EmployerFactory(), EmployerFactory()
    company = CompanyFactory(owner=owner, name="Acme")
    CompanyMemberFactory(company=company, user=member)
    CompanyFactory(owner=outsider)
    applicant = SeekerFactory(first_name="Abebe", last_name="Kebede")
    job = JobFactory(company=company, title="Backend Engineer")
    return SimpleNamespace(owner=owner, member=member, applicant=applicant, job=job)


def send(signal, capture, **kwargs):
    with capture(execute=True):
        signal.send(sender="applications", **kwargs)


def test_a_new_application_tells_every_owner_and_member(hiring, django_capture_on_commit_callbacks):
    owner, member, applicant, job = hiring.owner, hiring.member, hiring.applicant, hiring.job
    send(
        application_submitted,
        django_capture_on_commit_callbacks,
        application_id=7,
        job_id=job.pk,
        applicant_id=applicant.pk,
    )
    notifications = Notification.objects.order_by("user_id")
    assert {n.user_id for n in notifications} == {owner.pk, member.pk}
    for notification in notifications:
        assert notification.kind == "application_received"
        assert notification.title == "New application for Backend Engineer"
        assert notification.data["application_id"] == 7 and notification.data["applicant_name"] == "Abebe Kebede"
        assert notification.emailed_at is not None
    assert sorted(message.to[0] for message in mail.outbox) == sorted([owner.email, member.email])
    message = mail.outbox[0]
    assert message.subject == "New application for Backend Engineer"
    assert "Abebe Kebede applied to Backend Engineer at Acme." in message.body
    assert "<strong>Abebe Kebede</strong>" in message.alternatives[0][0]


def test_a_task_run_twice_notifies_once(hiring, django_capture_on_commit_callbacks):
    applicant, job = hiring.applicant, hiring.job
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            tasks.notify_application_submitted.delay(application_id=7, job_id=job.pk, applicant_id=applicant.pk)
    assert Notification.objects.count() == 2
    assert len(mail.outbox) == 2


def test_a_status_change_tells_the_applicant_only(hiring, django_capture_on_commit_callbacks):
    owner, applicant, job = hiring.owner, hiring.applicant, hiring.job
    send(
        application_status_changed,
        django_capture_on_commit_callbacks,
        application_id=7,
        job_id=job.pk,
        applicant_id=applicant.pk,
        from_status="submitted",
        to_status="interview",
        changed_by_id=owner.pk,
        reason="internal: strong portfolio",
    )
    notification = Notification.objects.get()
    assert notification.user_id == applicant.pk
    assert notification.kind == "application_status_changed"
    assert notification.data["to_status"] == "interview"
    assert "internal" not in notification.body
    [message] = mail.outbox
    assert message.to == [applicant.email]
    assert message.subject == "Your application for Backend Engineer: interview"
    assert "internal" not in message.body and "from submitted to interview" in message.body


def test_two_changes_to_the_same_status_are_two_notifications(hiring, django_capture_on_commit_callbacks):
    owner, applicant, job = hiring.owner, hiring.applicant, hiring.job
    change = {
        "application_id": 7,
        "job_id": job.pk,
        "applicant_id": applicant.pk,
        "from_status": "reviewing",
        "to_status": "interview",
        "changed_by_id": owner.pk,
        "reason": "",
    }
    send(application_status_changed, django_capture_on_commit_callbacks, **change)
    send(application_status_changed, django_capture_on_commit_callbacks, **change)
    assert Notification.objects.filter(user=applicant).count() == 2


def test_a_withdrawal_by_the_applicant_tells_the_company(hiring, django_capture_on_commit_callbacks):
    owner, member, applicant, job = hiring.owner, hiring.member, hiring.applicant, hiring.job
    send(
        application_status_changed,
        django_capture_on_commit_callbacks,
        application_id=7,
        job_id=job.pk,
        applicant_id=applicant.pk,
        from_status="submitted",
        to_status="withdrawn",
        changed_by_id=applicant.pk,
        reason="",
    )
    assert {n.user_id for n in Notification.objects.all()} == {owner.pk, member.pk}
    assert {n.kind for n in Notification.objects.all()} == {"application_withdrawn"}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([owner.email, member.email])


def test_a_withdrawal_by_someone_else_tells_the_applicant(hiring, django_capture_on_commit_callbacks):
    applicant, job = hiring.applicant, hiring.job
    send(
        application_status_changed,
        django_capture_on_commit_callbacks,
        application_id=7,
        job_id=job.pk,
        applicant_id=applicant.pk,
        from_status="submitted",
        to_status="withdrawn",
        changed_by_id=None,
        reason="",
    )
    assert [n.user_id for n in Notification.objects.all()] == [applicant.pk]


def test_events_about_vanished_rows_do_nothing(hiring, django_capture_on_commit_callbacks):
    applicant, job = hiring.applicant, hiring.job
    send(
        application_submitted,
        django_capture_on_commit_callbacks,
        application_id=7,
        job_id=job.pk + 1000,
        applicant_id=applicant.pk,
    )
    assert not Notification.objects.exists()
    assert mail.outbox == []
