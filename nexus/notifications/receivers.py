"""Domain events other contexts send, turned into notification tasks (by id, after commit)."""

import uuid
from typing import Any

from nexus.applications.events import application_status_changed, application_submitted
from nexus.core.background import enqueue
from nexus.jobs.events import job_published

from . import tasks


def on_application_submitted(
    sender: Any, *, application_id: int, job_id: int, applicant_id: int, **kwargs: Any
) -> None:
    enqueue(tasks.notify_application_submitted, application_id=application_id, job_id=job_id, applicant_id=applicant_id)


def on_application_status_changed(
    sender: Any,
    *,
    application_id: int,
    job_id: int,
    applicant_id: int,
    from_status: str,
    to_status: str,
    changed_by_id: int | None = None,
    **kwargs: Any,
) -> None:
    enqueue(
        tasks.notify_application_status_changed,
        application_id=application_id,
        job_id=job_id,
        applicant_id=applicant_id,
        from_status=from_status,
        to_status=to_status,
        changed_by_id=changed_by_id,
        event_id=uuid.uuid4().hex,  # one event: a task run twice makes its notifications once
    )


def on_job_published(sender: Any, *, job_id: int, **kwargs: Any) -> None:
    enqueue(tasks.match_published_job, job_id=job_id)


def connect() -> None:
    application_submitted.connect(on_application_submitted, dispatch_uid="notifications.application_submitted")
    application_status_changed.connect(
        on_application_status_changed, dispatch_uid="notifications.application_status_changed"
    )
    job_published.connect(on_job_published, dispatch_uid="notifications.job_published")
