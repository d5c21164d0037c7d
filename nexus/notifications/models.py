from django.conf import settings
from django.db import models
from django.db.models import Q

from nexus.core.models import TimeStampedModel


class NotificationKind(models.TextChoices):
    APPLICATION_RECEIVED = "application_received"
    APPLICATION_STATUS_CHANGED = "application_status_changed"
    APPLICATION_WITHDRAWN = "application_withdrawn"
    JOB_ALERT = "job_alert"


class Notification(models.Model):
    """One message to one user: listed in-app, pushed over the websocket, and emailed once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=32, choices=NotificationKind.choices)
    title = models.CharField(max_length=300)
    body = models.TextField(max_length=5000, blank=True)
    data = models.JSONField(default=dict, blank=True, help_text="Ids of what the notification is about.")
    # The event that caused it: a task that runs twice finds its notification instead of making another.
    event_key = models.CharField(max_length=120)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "event_key"], name="notification_once_per_event"),
            models.CheckConstraint(condition=Q(kind__in=NotificationKind.values), name="notification_kind_valid"),
        ]
        indexes = [
            models.Index(fields=["user", "-created_at", "-id"], name="notification_user_newest"),
            models.Index(
                fields=["user", "-created_at", "-id"], condition=Q(read_at__isnull=True), name="notification_unread"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user_id}: {self.title}"


class AlertFrequency(models.TextChoices):
    INSTANT = "instant"
    DAILY = "daily"
    WEEKLY = "weekly"


class JobAlert(TimeStampedModel):
    """A seeker's saved search: the query parameters of the public job list, run at a frequency."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_alerts")
    name = models.CharField(max_length=120, blank=True)
    query = models.JSONField(default=dict, blank=True, help_text="Query parameters of GET /api/v1/jobs/.")
    frequency = models.CharField(max_length=8, choices=AlertFrequency.choices, default=AlertFrequency.DAILY)
    is_active = models.BooleanField(default=True)
    # Only jobs published after this moment are sent (a new alert does not mail the whole backlog).
    matches_since = models.DateTimeField()
    # When the digest last ran (sent or found nothing): the next one is due a day or a week later.
    last_run_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(frequency__in=AlertFrequency.values), name="job_alert_frequency_valid"),
        ]
        indexes = [
            models.Index(fields=["user", "-created_at", "-id"], name="job_alert_user_newest"),
            models.Index(fields=["frequency", "id"], condition=Q(is_active=True), name="job_alert_active"),
        ]

    def __str__(self) -> str:
        return self.name or f"Alert {self.pk}"


class JobAlertDelivery(models.Model):
    """A job sent by an alert: the unique pair makes each job go out at most once per alert."""

    alert = models.ForeignKey(JobAlert, on_delete=models.CASCADE, related_name="deliveries")
    job = models.ForeignKey("jobs.Job", on_delete=models.CASCADE, related_name="+")
    notification = models.ForeignKey(Notification, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["alert", "job"], name="job_alert_delivery_once")]

    def __str__(self) -> str:
        return f"{self.alert_id} -> {self.job_id}"
