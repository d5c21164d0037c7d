"""Celery: workers run background tasks; beat runs the periodic ones listed in settings.CELERY_BEAT_SCHEDULE.

Every task inherits nexus.core.background.BackgroundTask (late acks, reject on worker loss, bounded
retries with backoff). The request id of the request that sent a task travels in its headers, so the
worker's log lines carry it too.
"""

import os
from typing import Any

from celery import Celery
from celery.signals import before_task_publish, task_postrun, task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("nexus", task_cls="nexus.core.background:BackgroundTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

REQUEST_ID_HEADER = "request_id"


@before_task_publish.connect
def _send_request_id(headers: dict[str, Any] | None = None, **kwargs: Any) -> None:
    from nexus.core.request_id import current_request_id

    if headers is not None:
        headers.setdefault(REQUEST_ID_HEADER, current_request_id.get())


@task_prerun.connect
def _take_request_id(task: Any = None, **kwargs: Any) -> None:
    from nexus.core.request_id import SAFE_REQUEST_ID, current_request_id

    if task is None or task.request.is_eager:  # in-process tasks keep the id of the request they run in
        return
    incoming = str(getattr(task.request, REQUEST_ID_HEADER, None) or "")
    # Work no request caused (beat) is logged under its task id, which the tasks it sends carry on.
    request_id = incoming if SAFE_REQUEST_ID.match(incoming) and incoming != "-" else str(task.request.id)
    task.request.previous_request_id = current_request_id.set(request_id)


@task_postrun.connect
def _drop_request_id(task: Any = None, **kwargs: Any) -> None:
    from nexus.core.request_id import current_request_id

    token = getattr(task.request, "previous_request_id", None) if task is not None else None
    if token is not None:
        current_request_id.reset(token)


@task_postrun.connect
def _release_database_connection(task: Any = None, **kwargs: Any) -> None:
    """On a worker, the task's connection goes back to the pool (or is closed when unusable or too old, as
    after a request). Not for in-process tasks: they run inside a request's transaction."""
    from django.db import close_old_connections

    if task is not None and not task.request.is_eager:
        close_old_connections()
