"""Job alerts deliver each matching job at most once: instantly on publish, or grouped in digests.

The concurrent tests run real threads, each with its own database connection, against committed rows.
"""

import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from nexus.notifications import tasks
from nexus.notifications.models import JobAlert, JobAlertDelivery, Notification

from .factories import CompanyFactory, EmployerFactory, JobFactory, SeekerFactory
from .factories_notifications import JobAlertFactory


def publish(client, job, capture) -> None:
    with capture(execute=True):
        response = client.post(f"/api/v1/jobs/{job.pk}/publish/")
    assert response.status_code == 200, response.content


def run_digests(capture) -> None:
    with capture(execute=True):
        call_command("run_periodic", "send-job-alert-digests")


@pytest.fixture
def company_owner(db):
    owner = EmployerFactory()
    return CompanyFactory(owner=owner), owner


def alert_message(to: str):
    [message] = [message for message in mail.outbox if message.to == [to]]
    return message


@pytest.mark.django_db
def test_an_instant_alert_sends_a_published_job_once(company_owner, client_for, django_capture_on_commit_callbacks):
    company, owner = company_owner
    python_fan, rust_fan, paused_fan = SeekerFactory(), SeekerFactory(), SeekerFactory()
    wanted = JobAlertFactory(user=python_fan, frequency="instant", query={"q": "python", "country": "DE"})
    JobAlertFactory(user=rust_fan, frequency="instant", query={"q": "rust"})
    JobAlertFactory(user=paused_fan, frequency="instant", query={"q": "python"}, is_active=False)
    daily = JobAlertFactory(user=python_fan, frequency="daily", query={"q": "python"}, last_run_at=timezone.now())
    job = JobFactory(company=company, title="Python Developer", status="draft", published_at=None)
    client = client_for(owner)

    publish(client, job, django_capture_on_commit_callbacks)

    [notification] = Notification.objects.all()
    assert notification.user_id == python_fan.pk and notification.kind == "job_alert"
    assert notification.data == {"alert_id": wanted.pk, "job_ids": [job.pk], "frequency": "instant"}
    assert list(JobAlertDelivery.objects.values_list("alert_id", "job_id")) == [(wanted.pk, job.pk)]
    message = alert_message(python_fan.email)
    assert message.subject == f"New job for {wanted.name}: Python Developer"
    assert f"/jobs/{job.slug}" in message.body
    headers = message.message()
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert headers["List-Unsubscribe"].startswith("<http://localhost:8000/api/v1/job-alerts/unsubscribe/?token=")
    assert headers["List-Unsubscribe"][1:-1] in message.body

    # Closed and reopened: published again, but this alert already sent it.
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/api/v1/jobs/{job.pk}/close/").status_code == 200
    publish_again = f"/api/v1/jobs/{job.pk}/reopen/"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(publish_again, {}).status_code == 200
    assert Notification.objects.count() == 1 and len(mail.outbox) == 1
    assert not JobAlertDelivery.objects.filter(alert=daily).exists()


@pytest.mark.django_db
def test_a_job_approved_by_a_moderator_reaches_instant_alerts(
    company_owner, client_for, admin_user, django_capture_on_commit_callbacks
):
    company = company_owner[0]
    alert = JobAlertFactory(frequency="instant", query={"q": "held"})
    job = JobFactory(company=company, title="Held Role", moderation_status="pending")
    with django_capture_on_commit_callbacks(execute=True):
        assert Notification.objects.count() == 0
        response = client_for(admin_user).post(
            "/api/v1/jobs/moderation/decide/", {"ids": [job.pk], "decision": "approve"}
        )
    assert response.status_code == 200, response.content
    assert list(JobAlertDelivery.objects.values_list("alert_id", "job_id")) == [(alert.pk, job.pk)]


@pytest.mark.django_db
def test_a_digest_groups_new_matches_and_never_repeats_them(company_owner, django_capture_on_commit_callbacks):
    company = company_owner[0]
    seeker = SeekerFactory()
    alert = JobAlertFactory(user=seeker, frequency="weekly", query={"remote_type": "remote"})
    first = JobFactory(company=company, title="Remote A", remote_type="remote")
    second = JobFactory(company=company, title="Remote B", remote_type="remote")
    JobFactory(company=company, title="Office C", remote_type="onsite")
    JobFactory(company=company, title="Draft D", remote_type="remote", status="draft")
    JobFactory(company=company, title="Old E", remote_type="remote", published_at=timezone.now() - timedelta(days=3))

    run_digests(django_capture_on_commit_callbacks)
    message = alert_message(seeker.email)
    assert message.subject == f"2 new jobs for {alert.name}"
    assert "Remote A" in message.body and "Remote B" in message.body and "Office C" not in message.body
    assert "Remote B" in message.alternatives[0][0]
    assert message.message()["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert set(JobAlertDelivery.objects.values_list("job_id", flat=True)) == {first.pk, second.pk}

    # The next sweep: not due yet. Forced due again: nothing new, so nothing sent.
    run_digests(django_capture_on_commit_callbacks)
    JobAlert.objects.filter(pk=alert.pk).update(last_run_at=timezone.now() - timedelta(days=8))
    run_digests(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1 and Notification.objects.count() == 1

    third = JobFactory(company=company, title="Remote F", remote_type="remote")
    JobAlert.objects.filter(pk=alert.pk).update(last_run_at=timezone.now() - timedelta(days=8))
    run_digests(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    assert mail.outbox[-1].subject == f"New job for {alert.name}: Remote F" or "1 new job" in mail.outbox[-1].subject
    assert JobAlertDelivery.objects.filter(job=third).count() == 1


@pytest.mark.django_db
def test_a_paused_alert_resumes_without_the_backlog(company_owner, client_for, django_capture_on_commit_callbacks):
    company = company_owner[0]
    seeker = SeekerFactory()
    alert = JobAlertFactory(user=seeker, frequency="daily", is_active=False)
    JobFactory(company=company)
    run_digests(django_capture_on_commit_callbacks)
    response = client_for(seeker).patch(f"/api/v1/me/job-alerts/{alert.pk}/", {"is_active": True})
    assert response.status_code == 200
    JobAlert.objects.filter(pk=alert.pk).update(last_run_at=timezone.now() - timedelta(days=2))
    run_digests(django_capture_on_commit_callbacks)
    assert mail.outbox == [] and not JobAlertDelivery.objects.exists()


def run_together(count: int, work: Callable[[], Any]) -> None:
    """Runs the task application `work` in `count` threads released at the same instant, each on its own connection."""
    barrier = threading.Barrier(count)
    failures: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait(timeout=10)
            result = work()
            assert result.successful(), result.result
        except BaseException as exc:
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    assert failures == []


@pytest.mark.django_db(transaction=True)
def test_digest_sweeps_running_at_once_send_each_job_once():
    company = CompanyFactory()
    jobs = JobFactory.create_batch(3, company=company)
    alerts = [JobAlertFactory(frequency=frequency) for frequency in ("daily", "weekly", "daily")]

    run_together(4, lambda: tasks.send_job_alert_digests.apply())

    for alert in alerts:
        assert sorted(JobAlertDelivery.objects.filter(alert=alert).values_list("job_id", flat=True)) == sorted(
            job.pk for job in jobs
        )
        assert Notification.objects.filter(user=alert.user).count() == 1
    assert sorted(message.to[0] for message in mail.outbox) == sorted(alert.user.email for alert in alerts)


@pytest.mark.django_db(transaction=True)
def test_instant_matching_running_at_once_sends_once():
    job = JobFactory()
    alerts = JobAlertFactory.create_batch(2, frequency="instant")

    run_together(4, lambda: tasks.match_published_job.apply(kwargs={"job_id": job.pk}))

    assert sorted(JobAlertDelivery.objects.values_list("alert_id", flat=True)) == sorted(a.pk for a in alerts)
    assert Notification.objects.count() == 2
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_alerts_of_deactivated_seekers_and_stale_queries_send_nothing(django_capture_on_commit_callbacks):
    gone = JobAlertFactory(frequency="daily")
    gone.user.is_active = False
    gone.user.save(update_fields=["is_active"])
    stale = JobAlertFactory(frequency="daily", query={"salary_min": "1000", "salary_currency": "XXX"})
    JobAlertFactory(frequency="instant", query={"lat": "1"})
    job = JobFactory()
    with django_capture_on_commit_callbacks(execute=True):
        digest = tasks.send_job_alert_digest.apply(kwargs={"alert_id": stale.pk})
        instant = tasks.match_published_job.apply(kwargs={"job_id": job.pk})
    assert digest.successful() and digest.result == 0
    assert instant.successful() and instant.result == 0
    run_digests(django_capture_on_commit_callbacks)
    assert mail.outbox == [] and not Notification.objects.exists()
