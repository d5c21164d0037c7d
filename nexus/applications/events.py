"""Domain events of the applications context, sent after the transaction that caused them has committed.

Receivers (notifications, statistics, ...) connect to these signals. They receive ids, never model instances,
so that they can hand them to background tasks as they are.
"""

from django.dispatch import Signal

# Sent with sender="applications" and keyword arguments:
#   application_id: int, job_id: int, applicant_id: int
application_submitted = Signal()

# Sent with sender="applications" and keyword arguments:
#   application_id: int, job_id: int, applicant_id: int, from_status: str, to_status: str,
#   changed_by_id: int | None, reason: str
application_status_changed = Signal()
