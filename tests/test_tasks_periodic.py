"""The beat schedule: every entry names a registered task and runs by hand with `run_periodic`."""

from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken

from nexus.accounts.services import refresh_token_revoke, tokens_issue
from nexus.core.management.commands.run_periodic import registered_task
from nexus.jobs.models import Job

from .factories import JobFactory, SeekerFactory

pytestmark = pytest.mark.django_db


def run(entry: str | None = None) -> str:
    out = StringIO()
    call_command("run_periodic", *([entry] if entry else []), stdout=out)
    return out.getvalue()


def test_every_entry_is_a_registered_task_and_is_listed():
    listing = run()
    for name, spec in settings.CELERY_BEAT_SCHEDULE.items():
        assert registered_task(spec["task"]).name == spec["task"]
        assert name in listing
    required = {"close-expired-jobs", "recompute-trending-jobs", "send-job-alert-digests", "clean-up-expired-tokens"}
    assert required <= set(settings.CELERY_BEAT_SCHEDULE)


def test_an_unknown_entry_is_refused():
    with pytest.raises(CommandError, match="Unknown entry"):
        run("no-such-entry")


def test_every_task_acks_late_and_retries_a_bounded_number_of_times():
    for spec in settings.CELERY_BEAT_SCHEDULE.values():
        task = registered_task(spec["task"])
        assert task.acks_late and task.reject_on_worker_lost
        assert 0 < task.max_retries <= 10 and task.retry_backoff


def test_closing_expired_jobs_by_hand():
    past = timezone.now() - timedelta(minutes=1)
    expired = JobFactory(application_deadline=timezone.now() + timedelta(days=1))
    Job.objects.filter(pk=expired.pk).update(application_deadline=past)
    open_job = JobFactory(application_deadline=timezone.now() + timedelta(days=1))
    assert run("close-expired-jobs").strip() == "close-expired-jobs: 1"
    expired.refresh_from_db()
    open_job.refresh_from_db()
    assert expired.status == "closed" and open_job.status == "published"
    assert run("close-expired-jobs").strip() == "close-expired-jobs: 0"


def test_cleaning_up_tokens_drops_only_expired_ones():
    user = SeekerFactory()
    live = tokens_issue(user=user)["refresh"]
    revoked = tokens_issue(user=user)["refresh"]
    refresh_token_revoke(refresh=revoked)
    old = OutstandingToken.objects.create(
        user=user, jti="expired-one", token="x", expires_at=timezone.now() - timedelta(seconds=1)
    )
    BlacklistedToken.objects.create(token=old)

    assert run("clean-up-expired-tokens").strip() == "clean-up-expired-tokens: 2"
    assert not OutstandingToken.objects.filter(pk=old.pk).exists()
    assert OutstandingToken.objects.filter(user=user).count() == 2
    assert BlacklistedToken.objects.count() == 1
    assert live
