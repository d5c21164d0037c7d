"""Notification and job-alert tasks: each takes ids and is safe to run twice."""

from asgiref.sync import async_to_sync
from celery import shared_task
from channels.layers import get_channel_layer
from django.db import transaction
from django.utils import timezone

from nexus.core.background import enqueue

from . import services
from .groups import user_group
from .models import Notification
from .serializers import NotificationSerializer


@shared_task
def push_notification(*, notification_id: int) -> bool:
    """Sends the notification to the websockets of its user (if any are connected)."""
    notification = Notification.objects.filter(pk=notification_id).first()
    layer = get_channel_layer()
    if notification is None or layer is None:
        return False
    message = {"type": "notification.created", "notification": NotificationSerializer(notification).data}
    async_to_sync(layer.group_send)(user_group(notification.user_id), message)
    return True


@shared_task
def send_notification_email(*, notification_id: int) -> bool:
    """Emails the notification once: a failing mail server raises, the row stays unsent, and the task retries."""
    from .emails import notification_email

    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(pk=notification_id, emailed_at__isnull=True)
            .first()
        )
        if notification is None or not notification.user.is_active:
            return False
        notification_email(notification=notification).send()
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    return True


@shared_task
def notify_application_submitted(*, application_id: int, job_id: int, applicant_id: int) -> int:
    return services.notify_application_submitted(
        application_id=application_id, job_id=job_id, applicant_id=applicant_id
    )


@shared_task
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
    return services.notify_application_status_changed(
        application_id=application_id,
        job_id=job_id,
        applicant_id=applicant_id,
        from_status=from_status,
        to_status=to_status,
        changed_by_id=changed_by_id,
        event_id=event_id,
    )


@shared_task
def match_published_job(*, job_id: int) -> int:
    return services.job_alerts_match_published_job(job_id=job_id)


@shared_task
def send_job_alert_digest(*, alert_id: int) -> int:
    return services.job_alert_send_digest(alert_id=alert_id)


@shared_task
def send_job_alert_digests() -> int:
    """Beat: one task per daily or weekly alert that is due; returns how many were enqueued."""
    due = services.job_alert_ids_due()
    for alert_id in due:
        enqueue(send_job_alert_digest, alert_id=alert_id)
    return len(due)
