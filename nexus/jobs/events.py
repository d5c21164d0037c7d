"""Domain events of the jobs context, sent after the transaction that caused them has committed."""

from functools import partial

from django.db import transaction
from django.dispatch import Signal

# A job went on the public list (published, or approved by a moderator). Sent with sender="jobs", job_id: int.
job_published = Signal()


def job_published_on_commit(*, job_ids: list[int]) -> None:
    for job_id in job_ids:
        transaction.on_commit(partial(job_published.send, sender="jobs", job_id=job_id), robust=True)
