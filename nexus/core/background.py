"""Background tasks: the base class every task uses, and enqueueing after the transaction commits.

Tasks take ids (never model instances) and are idempotent: a message may be delivered twice
(acks_late) and a transient failure (SMTP, connection) is retried with exponential backoff.
"""

import smtplib
from typing import Any

from celery import Task
from django.db import transaction

# Failures worth another try: the mail server or a network peer was briefly unavailable.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (smtplib.SMTPException, ConnectionError, TimeoutError, OSError)


class BackgroundTask(Task):
    acks_late = True
    reject_on_worker_lost = True
    autoretry_for = TRANSIENT_ERRORS
    max_retries = 5
    retry_backoff = 2  # seconds: 2, 4, 8, 16, 32 (with jitter)
    retry_backoff_max = 600
    retry_jitter = True


def enqueue(task: Any, **kwargs: Any) -> None:
    """Sends the task once the current transaction commits (at once outside one).

    Robust: a broker (or, when tasks run in-process, the task itself) failing is logged and never
    fails the request that caused the work.
    """
    transaction.on_commit(lambda: task.apply_async(kwargs=kwargs), robust=True)
