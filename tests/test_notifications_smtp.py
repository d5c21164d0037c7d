"""Emails through a real SMTP server on loopback: rendered HTML and text parts, alert headers,
and a failing server retried without failing (or losing) anything."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from nexus.applications.events import application_submitted
from nexus.notifications import tasks
from nexus.notifications.models import Notification

from .factories import CompanyFactory, EmployerFactory, JobFactory, SeekerFactory
from .factories_notifications import JobAlertFactory
from .smtp_server import free_port, parts, start_smtp_server

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def smtp_server():
    controller, handler = start_smtp_server()
    yield controller, handler
    controller.stop()


@pytest.fixture
def smtp(smtp_server, settings):
    controller, handler = smtp_server
    handler.reset()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    return handler


def request_reset(api_client, email: str, capture):
    with capture(execute=True):
        return api_client.post("/api/v1/auth/password/reset/", {"email": email})


def test_a_password_reset_arrives_with_html_and_text(smtp, api_client, seeker, django_capture_on_commit_callbacks):
    response = request_reset(api_client, seeker.email, django_capture_on_commit_callbacks)
    assert response.status_code in (200, 202, 204), response.content
    [message] = smtp.wait_for(1)
    assert message["To"] == seeker.email and message["Subject"] == "Reset your Nexus Jobs password"
    bodies = parts(message)
    assert "/reset-password?uid=" in bodies["text/plain"]
    assert '<a href="http://localhost:3000/reset-password?uid=' in bodies["text/html"]


def test_a_refusing_server_is_retried_and_the_email_arrives_once(
    smtp, api_client, seeker, django_capture_on_commit_callbacks
):
    smtp.refuse_next = 2
    response = request_reset(api_client, seeker.email, django_capture_on_commit_callbacks)
    assert response.status_code in (200, 202, 204), response.content
    assert len(smtp.wait_for(1)) == 1
    assert smtp.refuse_next == 0


def test_a_server_that_is_down_never_fails_the_request(
    smtp, settings, api_client, seeker, django_capture_on_commit_callbacks
):
    settings.EMAIL_PORT = free_port()  # nothing listens there
    response = request_reset(api_client, seeker.email, django_capture_on_commit_callbacks)
    assert response.status_code in (200, 202, 204), response.content
    assert smtp.messages == []


def test_a_notification_email_waits_for_the_server_and_is_sent_once(smtp, settings, django_capture_on_commit_callbacks):
    owner = EmployerFactory()
    job = JobFactory(company=CompanyFactory(owner=owner), title="Data Engineer")
    applicant = SeekerFactory(first_name="Sara", last_name="Tesfaye")
    working_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()
    with django_capture_on_commit_callbacks(execute=True):
        application_submitted.send(sender="applications", application_id=3, job_id=job.pk, applicant_id=applicant.pk)
    notification = Notification.objects.get(user=owner)
    assert notification.emailed_at is None  # kept, not lost: the next run sends it

    settings.EMAIL_PORT = working_port
    tasks.send_notification_email.apply(kwargs={"notification_id": notification.pk})
    tasks.send_notification_email.apply(kwargs={"notification_id": notification.pk})
    [message] = smtp.wait_for(1)
    assert message["Subject"] == "New application for Data Engineer"
    bodies = parts(message)
    assert "Sara Tesfaye applied to Data Engineer" in bodies["text/plain"]
    assert "<strong>Sara Tesfaye</strong>" in bodies["text/html"]
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_an_alert_digest_carries_the_unsubscribe_headers(smtp, api_client, django_capture_on_commit_callbacks):
    seeker = SeekerFactory()
    alert = JobAlertFactory(user=seeker, frequency="daily", query={"q": "kotlin"})
    JobFactory(title="Kotlin Developer <Android>")
    JobFactory(title="Senior Kotlin Engineer")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_periodic", "send-job-alert-digests")
    [message] = smtp.wait_for(1)
    assert message["To"] == seeker.email
    assert message["Subject"] == f"2 new jobs for {alert.name}"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = "".join(str(message["List-Unsubscribe"]).split()).strip("<>")
    bodies = parts(message)
    assert "Kotlin Developer <Android>" in bodies["text/plain"]
    assert "Kotlin Developer &lt;Android&gt;" in bodies["text/html"]
    assert unsubscribe in bodies["text/plain"]

    # The link in the header is the one-click unsubscribe (RFC 8058: a POST with this body).
    path = unsubscribe.removeprefix("http://localhost:8000")
    response = api_client.post(path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200, response.content
    alert.refresh_from_db()
    assert alert.is_active is False
    JobFactory(title="Kotlin Lead", published_at=timezone.now() + timedelta(seconds=1))
    alert.last_run_at = timezone.now() - timedelta(days=2)
    alert.save()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_periodic", "send-job-alert-digests")
    assert len(smtp.messages) == 1


def test_a_templated_email_is_rendered_now_and_sent_by_a_task(smtp, seeker, django_capture_on_commit_callbacks):
    from nexus.core.emails import email_send_templated

    smtp.refuse_next = 1
    with django_capture_on_commit_callbacks(execute=True):
        email_send_templated(
            to=seeker.email,
            template="accounts/email/password_reset",
            context={"user": seeker, "link": "https://example.com/x", "ttl_hours": 24},
            headers={"X-Kind": "test"},
        )
    [message] = smtp.wait_for(1)
    assert message["X-Kind"] == "test" and message["Subject"] == "Reset your Nexus Jobs password"
    assert "https://example.com/x" in parts(message)["text/html"]
