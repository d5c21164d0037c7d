"""Notification and job-alert writes.

A notification is made once per (user, event): the tasks that make them may run twice. Once
committed, it is pushed to the user's websocket group and emailed, each by its own task.
"""

import hashlib
import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from nexus.accounts.models import User
from nexus.core.background import enqueue
from nexus.core.errors import Conflict, InvalidInput
from nexus.jobs.filters import JobFilter
from nexus.jobs.models import Job
from nexus.jobs.selectors import job_list_public

from . import error_codes
from .models import AlertFrequency, JobAlert, JobAlertDelivery, Notification, NotificationKind
from .selectors import alert_query_filter, job_alert_new_matches

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "nexus.notifications.job-alert-unsubscribe"
# Parameters of the job list that choose a page or an order, not which jobs match.
NOT_FILTERS = frozenset({"sort", "cursor", "page", "page_size"})
DIGEST_PERIODS = {AlertFrequency.DAILY: timedelta(days=1), AlertFrequency.WEEKLY: timedelta(days=7)}
# A digest sweep runs every few minutes: an alert is due a little early rather than a whole sweep late.
DIGEST_SLACK = timedelta(minutes=10)


# --- notifications ---


def notification_create(
    *, user_id: int, kind: str, title: str, body: str, data: dict[str, Any], event_key: str
) -> Notification:
    """Makes the notification of this event for this user (or finds it), then pushes and emails it once."""
    from . import tasks

    notification, created = Notification.objects.get_or_create(
        user_id=user_id, event_key=event_key, defaults={"kind": kind, "title": title, "body": body, "data": data}
    )
    if created:
        enqueue(tasks.push_notification, notification_id=notification.pk)
        enqueue(tasks.send_notification_email, notification_id=notification.pk)
    return notification


def notification_mark_read(*, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)
    return notification


def notifications_mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


# --- application events ---


def _company_member_ids(job: Job) -> list[int]:
    return list(
        User.objects.filter(company_memberships__company_id=job.company_id, is_active=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _application_data(*, application_id: int, job: Job, applicant: User) -> dict[str, Any]:
    return {
        "application_id": application_id,
        "job_id": job.pk,
        "job_title": job.title,
        "company_name": job.company.name,
        "applicant_name": applicant.full_name or applicant.email,
    }


def notify_application_submitted(*, application_id: int, job_id: int, applicant_id: int) -> int:
    """Tells every owner and member of the job's company; returns how many were told."""
    job = Job.objects.select_related("company").filter(pk=job_id).first()
    applicant = User.objects.filter(pk=applicant_id).first()
    if job is None or applicant is None:
        return 0
    data = _application_data(application_id=application_id, job=job, applicant=applicant)
    recipients = _company_member_ids(job)
    for user_id in recipients:
        notification_create(
            user_id=user_id,
            kind=NotificationKind.APPLICATION_RECEIVED,
            title=f"New application for {job.title}",
            body=f"{data['applicant_name']} applied to {job.title}.",
            data=data,
            event_key=f"application_submitted:{application_id}",
        )
    return len(recipients)


def notify_application_status_changed(
    *,
    application_id: int,
    job_id: int,
    applicant_id: int,
    from_status: str,
    to_status: str,
    changed_by_id: int | None,
    event_id: str,
) -> int:
    """Tells the applicant, or the company when the applicant withdrew. The employer's reason stays private."""
    job = Job.objects.select_related("company").filter(pk=job_id).first()
    applicant = User.objects.filter(pk=applicant_id, is_active=True).first()
    if job is None or applicant is None:
        return 0
    data = {
        **_application_data(application_id=application_id, job=job, applicant=applicant),
        "from_status": from_status,
        "to_status": to_status,
    }
    event_key = f"application_status_changed:{application_id}:{event_id}"
    if to_status == "withdrawn" and changed_by_id == applicant_id:
        recipients = _company_member_ids(job)
        for user_id in recipients:
            notification_create(
                user_id=user_id,
                kind=NotificationKind.APPLICATION_WITHDRAWN,
                title=f"Application withdrawn for {job.title}",
                body=f"{data['applicant_name']} withdrew their application to {job.title}.",
                data=data,
                event_key=event_key,
            )
        return len(recipients)
    notification_create(
        user_id=applicant.pk,
        kind=NotificationKind.APPLICATION_STATUS_CHANGED,
        title=f"Your application for {job.title} is now {to_status.replace('_', ' ')}",
        body=f"{job.company.name} moved your application for {job.title} from {from_status} to {to_status}.",
        data=data,
        event_key=event_key,
    )
    return 1


# --- job alerts ---


def _query_errors(errors: Any) -> dict[str, list[str]]:
    if isinstance(errors, dict):
        return {str(name): [str(message) for message in messages] for name, messages in errors.items()}
    return {"query": [str(message) for message in errors]}


def job_alert_query_clean(*, query: dict[str, Any]) -> dict[str, str]:
    """The alert's query as the job list would read it; unknown or invalid filters are refused (400)."""
    known = set(JobFilter.base_filters) - NOT_FILTERS
    details: dict[str, list[str]] = {}
    cleaned: dict[str, str] = {}
    for name, value in query.items():
        if name not in known:
            details[name] = [f"Unknown filter; use any of: {', '.join(sorted(known))}."]
        elif "\x00" in str(value):
            details[name] = ["Null characters are not allowed."]
        elif isinstance(value, list) and all(isinstance(item, str) for item in value):
            cleaned[name] = ",".join(value)
        elif isinstance(value, str | int | float) and not isinstance(value, bool):
            cleaned[name] = str(value)
        else:
            details[name] = ["Give a string, a number or a list of strings."]
    if not details:
        found = alert_query_filter(query=cleaned, queryset=Job.objects.none())
        if not found.is_valid():
            details = _query_errors(found.errors)
        else:
            try:
                found.qs  # noqa: B018 - runs the checks that look at several parameters together
            except ValidationError as exc:
                details = _query_errors(exc.detail)
    if details:
        raise InvalidInput(
            "The alert's query has filters the job list does not accept.",
            code=error_codes.INVALID_ALERT_QUERY,
            details={"query": details},
        )
    return cleaned


@transaction.atomic
def job_alert_create(
    *, user: User, query: dict[str, Any], frequency: str, name: str = "", is_active: bool = True
) -> JobAlert:
    """A new alert; it sends jobs published from now on. A seeker has at most JOB_ALERTS_PER_SEEKER."""
    query = job_alert_query_clean(query=query)
    User.objects.select_for_update().filter(pk=user.pk).first()  # one creation at a time per seeker
    if JobAlert.objects.filter(user=user).count() >= settings.JOB_ALERTS_PER_SEEKER:
        raise Conflict(
            f"You have {settings.JOB_ALERTS_PER_SEEKER} job alerts already: delete one first.",
            code=error_codes.TOO_MANY_JOB_ALERTS,
        )
    now = timezone.now()
    return JobAlert.objects.create(
        user=user,
        name=name,
        query=query,
        frequency=frequency,
        is_active=is_active,
        matches_since=now,
        last_run_at=now,
    )


@transaction.atomic
def job_alert_update(*, alert: JobAlert, **fields: Any) -> JobAlert:
    """Changes name, query, frequency or is_active. Jobs already sent are never sent again."""
    alert = JobAlert.objects.select_for_update().get(pk=alert.pk)
    if "query" in fields:
        fields["query"] = job_alert_query_clean(query=fields["query"])
    if fields.get("is_active") and not alert.is_active:
        # Back from a pause: jobs published while paused are not sent in a flood.
        alert.matches_since = alert.last_run_at = timezone.now()
    for name, value in fields.items():
        setattr(alert, name, value)
    alert.save()
    return alert


def job_alert_delete(*, alert: JobAlert) -> None:
    alert.delete()


def job_alert_unsubscribe_token(*, alert: JobAlert) -> str:
    return signing.dumps(alert.pk, salt=UNSUBSCRIBE_SALT)


def job_alert_unsubscribe(*, token: str) -> JobAlert:
    """Pauses the alert named by a signed link from one of its emails; doing it twice is harmless."""
    try:
        alert_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature as exc:
        raise InvalidInput(
            "This unsubscribe link is invalid.", code=error_codes.INVALID_UNSUBSCRIBE_TOKEN, details={}
        ) from exc
    alert = JobAlert.objects.filter(pk=alert_id).first() if isinstance(alert_id, int) else None
    if alert is None:
        raise InvalidInput("This alert no longer exists.", code=error_codes.INVALID_UNSUBSCRIBE_TOKEN)
    JobAlert.objects.filter(pk=alert.pk).update(is_active=False, updated_at=timezone.now())
    alert.is_active = False
    return alert


def _alert_notification(*, alert: JobAlert, jobs: list[Job]) -> Notification:
    ids = [job.pk for job in jobs]
    digest = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:24]
    label = alert.name or "your job alert"
    title = f"New job for {label}: {jobs[0].title}" if len(jobs) == 1 else f"{len(jobs)} new jobs for {label}"
    notification = notification_create(
        user_id=alert.user_id,
        kind=NotificationKind.JOB_ALERT,
        title=title[:300],
        body=", ".join(f"{job.title} at {job.company.name}" for job in jobs)[:5000],
        data={"alert_id": alert.pk, "job_ids": ids, "frequency": alert.frequency},
        event_key=f"job_alert:{alert.pk}:{digest}",
    )
    JobAlertDelivery.objects.bulk_create(
        [JobAlertDelivery(alert=alert, job=job, notification=notification) for job in jobs]
    )
    return notification


def _digest_due(alert: JobAlert, now: Any) -> bool:
    period = DIGEST_PERIODS.get(alert.frequency)  # type: ignore[call-overload]
    return period is not None and alert.last_run_at <= now - period + DIGEST_SLACK


@transaction.atomic
def job_alert_send_digest(*, alert_id: int) -> int:
    """Sends a daily or weekly alert's new matches in one notification and email, when it is due.

    The alert's row is locked for the run and every job sent is recorded under a unique
    (alert, job) pair: two workers running the same schedule send each job once.
    Returns how many jobs were sent.
    """
    alert = JobAlert.objects.select_for_update().filter(pk=alert_id, is_active=True).first()
    now = timezone.now()
    if alert is None or not _digest_due(alert, now):
        return 0
    try:
        jobs = list(job_alert_new_matches(alert=alert)[: settings.JOB_ALERT_MAX_JOBS_PER_EMAIL])
    except ValidationError:
        logger.warning("Job alert %s has a query the job list refuses now", alert.pk)
        jobs = []
    alert.last_run_at = now
    alert.save(update_fields=["last_run_at"])
    if jobs:
        _alert_notification(alert=alert, jobs=jobs)
    return len(jobs)


def job_alert_ids_due() -> list[int]:
    """Active daily and weekly alerts whose digest is due now."""
    now = timezone.now()
    due: list[int] = []
    for frequency, period in DIGEST_PERIODS.items():
        alerts = JobAlert.objects.filter(
            is_active=True, user__is_active=True, frequency=frequency, last_run_at__lte=now - period + DIGEST_SLACK
        )
        due += alerts.order_by("id").values_list("pk", flat=True)
    return due


def _alert_matches(*, alert: JobAlert, job_id: int) -> bool:
    try:
        return alert_query_filter(query=alert.query, queryset=job_list_public().filter(pk=job_id)).qs.exists()
    except ValidationError:  # a query that was valid when saved and no longer is matches nothing
        logger.warning("Job alert %s has a query the job list refuses now", alert.pk)
        return False


def job_alerts_match_published_job(*, job_id: int) -> int:
    """Sends a just-published job to every active instant alert it matches, once per alert.

    Each alert's filter runs over this one job; the alert row is locked while its delivery is recorded.
    Returns how many alerts it was sent to.
    """
    job = job_list_public().filter(pk=job_id).first()
    if job is None:
        return 0
    candidates = JobAlert.objects.filter(
        is_active=True, user__is_active=True, frequency=AlertFrequency.INSTANT, matches_since__lt=job.published_at
    ).exclude(deliveries__job_id=job_id)
    sent = 0
    for alert in candidates.order_by("id").iterator():
        if not _alert_matches(alert=alert, job_id=job_id):
            continue
        with transaction.atomic():
            locked = JobAlert.objects.select_for_update().filter(pk=alert.pk, is_active=True).first()
            if locked is None or JobAlertDelivery.objects.filter(alert=locked, job_id=job_id).exists():
                continue
            _alert_notification(alert=locked, jobs=[job])
            sent += 1
    return sent
