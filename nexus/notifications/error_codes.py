"""Error codes of the notifications context."""

NOTIFICATION_NOT_FOUND = "notification_not_found"
JOB_ALERT_NOT_FOUND = "job_alert_not_found"
SEEKER_ONLY = "seeker_only"
INVALID_ALERT_QUERY = "invalid_alert_query"
INVALID_UNSUBSCRIBE_TOKEN = "invalid_unsubscribe_token"
TOO_MANY_JOB_ALERTS = "too_many_job_alerts"
