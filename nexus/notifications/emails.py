"""The email of each notification: HTML and text templates under notifications/email/<kind>."""

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from nexus.core.emails import email_build
from nexus.jobs.models import Job

from .models import JobAlert, Notification, NotificationKind


def job_alert_unsubscribe_url(*, alert: JobAlert) -> str:
    from .services import job_alert_unsubscribe_token

    path = reverse("job-alert-unsubscribe")
    return f"{settings.API_BASE_URL}{path}?token={job_alert_unsubscribe_token(alert=alert)}"


def _job_alert_context(notification: Notification) -> tuple[dict[str, Any], dict[str, str]]:
    alert = JobAlert.objects.get(pk=notification.data["alert_id"])
    order = {job_id: index for index, job_id in enumerate(notification.data["job_ids"])}
    jobs = sorted(
        Job.objects.filter(pk__in=order).select_related("company").only("pk", "slug", "title", "city", "company__name"),
        key=lambda job: order[job.pk],
    )
    unsubscribe = job_alert_unsubscribe_url(alert=alert)
    headers = {"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    return {"alert": alert, "jobs": jobs, "unsubscribe_url": unsubscribe}, headers


def notification_email(*, notification: Notification) -> EmailMultiAlternatives:
    context: dict[str, Any] = {"notification": notification, "user": notification.user, **notification.data}
    headers: dict[str, str] = {}
    template = notification.kind
    if notification.kind == NotificationKind.JOB_ALERT:
        extra, headers = _job_alert_context(notification)
        context.update(extra)
        template = "job_alert_instant" if notification.data.get("frequency") == "instant" else "job_alert_digest"
    return email_build(
        to=notification.user.email, template=f"notifications/email/{template}", context=context, headers=headers
    )
