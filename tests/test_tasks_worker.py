"""A real Celery worker on the real broker runs the tasks API calls enqueue: emails reach a real SMTP
server, a refusing server is retried, and the worker's log lines carry the request id of the call."""

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.db import connection

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


@contextmanager
def running_worker(smtp_server, django_db_blocker, **options) -> Iterator[WorkerProcess]:
    """A worker process sending its emails to the test SMTP server, stopped afterwards."""
    controller, _handler = smtp_server
    with django_db_blocker.unblock():
        process = WorkerProcess(
            broker_url=BROKER_URL,
            extra_env={"EMAIL_URL": f"smtp://{controller.hostname}:{controller.port}"},
            **options,
        )
    try:
        yield process.wait_ready()
    finally:
        process.stop()


@pytest.fixture(scope="module")
def worker(smtp_server, django_db_setup, django_db_blocker):
    with running_worker(smtp_server, django_db_blocker) as process:
        yield process


@pytest.fixture(scope="module")
def second_worker(worker, smtp_server, django_db_blocker):
    """Another worker on the same queue: two workers taking the same schedule's tasks at once."""
    with running_worker(smtp_server, django_db_blocker, queue=worker.queue) as process:
        yield process


@pytest.fixture(scope="module")
def pooled_worker(smtp_server, django_db_setup, django_db_blocker):
    """A prefork worker with Django's connection pool, as production runs it, on a queue of its own."""
    with running_worker(smtp_server, django_db_blocker, prefork=True) as process:
        yield process


@pytest.fixture
def smtp(smtp_server):
    handler = smtp_server[1]
    handler.reset()
    return handler


@contextmanager
def sending_to(worker: WorkerProcess) -> Iterator[WorkerProcess]:
    """Tasks sent meanwhile go to the worker's queue instead of running in-process."""
    previous = app.conf.task_always_eager, app.conf.task_default_queue
    app.conf.task_always_eager, app.conf.task_default_queue = False, worker.queue
    app.__dict__.pop("amqp", None)  # routing is built from the configuration on first use
    try:
        yield worker
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue = previous
        app.__dict__.pop("amqp", None)


@pytest.fixture
def on_the_worker(worker):
    with sending_to(worker):
        yield worker


@pytest.fixture
def on_the_pooled_worker(pooled_worker):
    with sending_to(pooled_worker):
        yield pooled_worker


def sessions_opened() -> int:
    """PostgreSQL sessions opened on the test database so far (the statistics of ended sessions are flushed
    as they end)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT sessions FROM pg_stat_database WHERE datname = current_database()")
        return cursor.fetchone()[0]


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


def test_the_pooled_worker_keeps_its_database_connections_across_tasks(on_the_pooled_worker, smtp):
    """Each task used to close the connection pool (Celery's Django fixup) and open new PostgreSQL sessions;
    now a task's connection goes back to the pool for the next one."""
    owner = EmployerFactory()
    job = JobFactory(company=CompanyFactory(owner=owner))
    applicants = SeekerFactory.create_batch(2)
    application_submitted.send(sender="applications", application_id=1, job_id=job.pk, applicant_id=applicants[0].pk)
    smtp.wait_for(1)  # the worker process is up and its pool open
    before = sessions_opened()
    events = 8  # three tasks each: the event, the in-app push, the email
    for number in range(2, events + 2):
        application_submitted.send(
            sender="applications", application_id=number, job_id=job.pk, applicant_id=applicants[1].pk
        )
    assert len(smtp.wait_for(events + 1)) == events + 1
    assert Notification.objects.filter(user=owner).count() == events + 1
    assert sessions_opened() - before <= 2, "the worker opened new database sessions for its tasks"


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
