"""Periodic job housekeeping; each task calls one service and is safe to run twice."""

from celery import shared_task

from . import services


@shared_task
def close_expired_jobs() -> int:
    return services.jobs_close_expired()


@shared_task
def unfeature_expired_jobs() -> int:
    return services.jobs_unfeature_expired()


@shared_task
def recompute_trending_jobs() -> int:
    return services.jobs_recompute_trending()
