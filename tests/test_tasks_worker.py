"""A real Celery worker on the real broker runs the tasks API calls enqueue: emails reach a real SMTP
server, a refusing server is retried, and the worker's log lines carry the request id of the call."""

import os
import time
from collections.abc import Callable

import pytest
from django.core.management import call_command

from config.celery import app
from nexus.applications.events import application_submitted
from nexus.notifications import tasks
from nexus.notifications.models import JobAlertDelivery, Notification

from .celery_worker import WorkerProcess
from .factories import CompanyFactory, CompanyMemberFactory, EmployerFactory, JobFactory, SeekerFactory
from .factories_notifications import JobAlertFactory
from .smtp_server import parts, start_smtp_server

BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not BROKER_URL, reason="needs CELERY_BROKER_URL (a real broker)"),
]


@pytest.fixture(scope="module")
def smtp_server():
    controller, handler = start_smtp_server()
    yield controller, handler
    controller.stop()


@pytest.fixture(scope="module")
def worker(smtp_server, django_db_setup, django_db_blocker):
    controller, _handler = smtp_server
    with django_db_blocker.unblock():
        process = WorkerProcess(
            broker_url=BROKER_URL, extra_env={"EMAIL_URL": f"smtp://{controller.hostname}:{controller.port}"}
        )
    yield process.wait_ready()
    process.stop()


@pytest.fixture(scope="module")
def second_worker(worker, smtp_server, django_db_blocker):
    """Another worker on the same queue: two workers taking the same schedule's tasks at once."""
    controller, _handler = smtp_server
    with django_db_blocker.unblock():
        process = WorkerProcess(
            broker_url=BROKER_URL,
            extra_env={"EMAIL_URL": f"smtp://{controller.hostname}:{controller.port}"},
            queue=worker.queue,
        )
    yield process.wait_ready()
    process.stop()


@pytest.fixture
def smtp(smtp_server):
    handler = smtp_server[1]
    handler.reset()
    return handler


@pytest.fixture
def on_the_worker(worker):
    """Tasks this test sends go to the worker's queue instead of running in-process."""
    previous = app.conf.task_always_eager, app.conf.task_default_queue
    app.conf.task_always_eager, app.conf.task_default_queue = False, worker.queue
    app.__dict__.pop("amqp", None)  # routing is built from the configuration on first use
    yield worker
    app.conf.task_always_eager, app.conf.task_default_queue = previous
    app.__dict__.pop("amqp", None)


def test_a_password_reset_email_is_sent_by_the_worker(on_the_worker, smtp, api_client, seeker):
    response = api_client.post(
        "/api/v1/auth/password/reset/", {"email": seeker.email}, HTTP_X_REQUEST_ID="reset-request-42"
    )
    assert response.status_code in (200, 202, 204), response.content
    [message] = smtp.wait_for(1)
    assert message["To"] == seeker.email
    assert "/reset-password?uid=" in parts(message)["text/plain"]
    line = on_the_worker.wait_for_line("send_account_email")
    assert "[reset-request-42]" in on_the_worker.wait_for_line("[reset-request-42]")
    assert "accounts.tasks" in line


def test_a_refusing_smtp_server_is_retried_by_the_worker(on_the_worker, smtp, api_client, seeker):
    smtp.refuse_next = 1
    response = api_client.post("/api/v1/auth/password/reset/", {"email": seeker.email})
    assert response.status_code in (200, 202, 204), response.content
    [message] = smtp.wait_for(1)
    assert message["To"] == seeker.email
    assert smtp.refuse_next == 0
    on_the_worker.wait_for_line("Retry in")


def test_an_application_event_notifies_the_company_through_the_worker(on_the_worker, smtp):
    owner, member = EmployerFactory(), EmployerFactory()
    company = CompanyFactory(owner=owner)
    CompanyMemberFactory(company=company, user=member)
    job = JobFactory(company=company, title="Site Reliability Engineer")
    applicant = SeekerFactory()
    application_submitted.send(sender="applications", application_id=11, job_id=job.pk, applicant_id=applicant.pk)

    messages = smtp.wait_for(2)
    assert sorted(message["To"] for message in messages) == sorted([owner.email, member.email])
    assert {message["Subject"] for message in messages} == {"New application for Site Reliability Engineer"}
    assert set(Notification.objects.values_list("user_id", flat=True)) == {owner.pk, member.pk}


def test_the_digest_beat_entry_runs_on_the_worker(on_the_worker, smtp):
    seeker = SeekerFactory()
    alert = JobAlertFactory(user=seeker, frequency="weekly", query={"q": "haskell"})
    JobFactory(title="Haskell Engineer")
    call_command("run_periodic", "send-job-alert-digests")
    [message] = smtp.wait_for(1)
    assert message["To"] == seeker.email and message["Subject"] == f"1 new job for {alert.name}"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_two_workers_running_the_same_schedule_send_each_job_once(on_the_worker, second_worker, smtp):
    jobs = JobFactory.create_batch(3)
    alerts = [JobAlertFactory(frequency=frequency) for frequency in ("daily", "weekly", "daily")]
    workers = (on_the_worker, second_worker)
    already = {worker: len(worker.lines) for worker in workers}  # lines of the earlier tests

    def done(task: str) -> list[str]:
        lines = [line for worker in workers for line in list(worker.lines)[already[worker] :]]
        return [line for line in lines if f"{task}[" in line and "succeeded" in line]

    def wait_until(condition: Callable[[], bool]) -> None:
        deadline = time.monotonic() + 90
        while not condition() and time.monotonic() < deadline:
            time.sleep(0.2)

    for _ in range(4):  # as if four beats fired the entry at once
        tasks.send_job_alert_digests.apply_async()
    sweeps = "nexus.notifications.tasks.send_job_alert_digests"
    wait_until(lambda: len(done(sweeps)) == 4)
    enqueued = sum(int(line.rsplit(":", 1)[1]) for line in done(sweeps))  # each sweep logs how many it sent
    assert enqueued >= 3, done(sweeps)
    digests = "nexus.notifications.tasks.send_job_alert_digest"
    wait_until(lambda: len(done(digests)) == enqueued)
    assert len(done(digests)) == enqueued, "".join(on_the_worker.lines[-20:] + second_worker.lines[-20:])

    messages = smtp.wait_for(3)
    assert sorted(message["To"] for message in messages) == sorted(alert.user.email for alert in alerts)
    assert Notification.objects.count() == 3
    for alert in alerts:
        delivered = JobAlertDelivery.objects.filter(alert=alert).values_list("job_id", flat=True)
        assert sorted(delivered) == sorted(job.pk for job in jobs)
