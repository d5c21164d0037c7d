"""Notification and job-alert reads: each user sees only their own."""

from django.db.models import Exists, OuterRef, QuerySet
from django.http import QueryDict
from django.utils.http import urlencode

from nexus.accounts.models import User
from nexus.core.errors import NotFound, PermissionDenied
from nexus.core.lookups import as_id
from nexus.jobs.filters import JobFilter
from nexus.jobs.models import Job
from nexus.jobs.selectors import job_list_public

from . import error_codes
from .models import JobAlert, JobAlertDelivery, Notification


def notification_list(*, user: User, unread: bool | None = None) -> QuerySet[Notification]:
    notifications = Notification.objects.filter(user=user)
    if unread is not None:
        notifications = notifications.filter(read_at__isnull=unread)
    return notifications


def notification_get(*, user: User, notification_id: str) -> Notification:
    number = as_id(notification_id)
    notification = Notification.objects.filter(user=user, pk=number).first() if number is not None else None
    if notification is None:
        raise NotFound("This notification does not exist.", code=error_codes.NOTIFICATION_NOT_FOUND)
    return notification


def notification_unread_count(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def _require_seeker(user: User) -> None:
    if not user.is_seeker:
        raise PermissionDenied("Only job seekers have job alerts.", code=error_codes.SEEKER_ONLY)


def job_alert_list(*, user: User) -> QuerySet[JobAlert]:
    _require_seeker(user)
    return JobAlert.objects.filter(user=user)


def job_alert_get(*, user: User, alert_id: str) -> JobAlert:
    number = as_id(alert_id)
    alert = job_alert_list(user=user).filter(pk=number).first() if number is not None else None
    if alert is None:
        raise NotFound("This job alert does not exist.", code=error_codes.JOB_ALERT_NOT_FOUND)
    return alert


def alert_query_filter(*, query: dict[str, str], queryset: QuerySet[Job]) -> JobFilter:
    """The public list's own filter over `queryset`: alerts follow the list's semantics exactly."""
    return JobFilter(data=QueryDict(urlencode(query)), queryset=queryset)


def job_alert_new_matches(*, alert: JobAlert) -> QuerySet[Job]:
    """Listed jobs matching the alert, published since it started, not yet sent by it: oldest first."""
    listed = job_list_public().filter(published_at__gt=alert.matches_since)
    delivered = JobAlertDelivery.objects.filter(alert_id=alert.pk, job_id=OuterRef("pk"))
    matching = alert_query_filter(query=alert.query, queryset=listed).qs
    return matching.filter(~Exists(delivered)).order_by("published_at", "id")
