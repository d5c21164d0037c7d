"""Periodic job housekeeping; each task calls one service and is safe to run twice."""

from celery import shared_task

from . import imports, services


@shared_task
def close_expired_jobs() -> int:
    return services.jobs_close_expired()


@shared_task
def unfeature_expired_jobs() -> int:
    return services.jobs_unfeature_expired()


@shared_task
def recompute_trending_jobs() -> int:
    return services.jobs_recompute_trending()


@shared_task
def run_job_import(import_id: str) -> None:
    imports.job_import_run(import_id=import_id)
