"""Bulk imports too large for one request: queued, run by a worker, followed through their progress.

Small imports run within their request (`transfer.jobs_import`). Larger ones (over
JOB_IMPORT_SYNC_MAX_ROWS rows) are stored as a `JobImport` and run by a background task with the
same rules; while it runs, its progress (rows done) is kept in the cache for anyone polling it.
"""

from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone

from nexus.accounts.models import User
from nexus.companies.selectors import company_get_for_member
from nexus.core.errors import InvalidInput, NotFound

from . import transfer
from .models import JobImport

PROGRESS_EVERY_ROWS = 25


def _progress_key(import_id: Any) -> str:
    return f"job-import:{import_id}:rows-done"


def runs_in_background(rows: list[tuple[int, Any]]) -> bool:
    return len(rows) > settings.JOB_IMPORT_SYNC_MAX_ROWS


@transaction.atomic
def job_import_enqueue(
    *, user: User, company: int, rows: list[tuple[int, Any]], publish: bool = False, all_or_nothing: bool = True
) -> JobImport:
    """Stores the rows for a worker and enqueues it once this transaction has committed."""
    transfer.require_employer(user)
    owner = company_get_for_member(user=user, company_id=company)  # NotFound for non-members
    run = JobImport(
        requested_by=user,
        company=owner,
        source=JobImport.Source.CSV if rows and isinstance(rows[0][1], transfer.CsvRow) else JobImport.Source.JSON,
        rows=[[line, row] for line, row in rows],
        publish=publish,
        all_or_nothing=all_or_nothing,
        total_rows=len(rows),
    )
    run.full_clean(exclude=["rows", "created_ids", "errors"])
    run.save()
    from .tasks import run_job_import

    transaction.on_commit(lambda: run_job_import.delay(str(run.pk)))
    return run


def job_import_run(*, import_id: str) -> None:
    """Runs a queued import; a finished one is left alone, so running it twice changes nothing."""
    with transaction.atomic():
        run = JobImport.objects.select_for_update().select_related("requested_by").filter(pk=import_id).first()
        if run is None or run.status != JobImport.Status.QUEUED:
            return
        as_csv = run.source == JobImport.Source.CSV
        rows = [(line, transfer.CsvRow(row) if as_csv else row) for line, row in run.rows]

        def progress(done: int) -> None:
            if done % PROGRESS_EVERY_ROWS == 0 or done == len(rows):
                cache.set(_progress_key(run.pk), done, timeout=24 * 3600)

        try:
            result = transfer.jobs_import(
                user=run.requested_by,
                company=run.company_id,
                rows=rows,
                publish=run.publish,
                all_or_nothing=run.all_or_nothing,
                progress=progress,
            )
            run.status, run.created_ids, run.errors = JobImport.Status.SUCCEEDED, result["ids"], result["errors"]
        except InvalidInput as exc:  # every bad row (all or nothing), or the user lost access to the company
            run.status, run.errors = JobImport.Status.FAILED, exc.details.get("rows", [])
        except NotFound:
            run.status = JobImport.Status.FAILED
            run.errors = [{"line": 0, "errors": {"company": ["You are no longer a member of this company."]}}]
        run.rows, run.finished_at = [], timezone.now()
        run.save(update_fields=["status", "created_ids", "errors", "rows", "finished_at", "updated_at"])


def job_import_get(*, user: User, import_id: str) -> JobImport:
    """An import the user started (any import for admins); anyone else gets 404."""
    runs = JobImport.objects.defer("rows")
    if not user.is_admin:
        runs = runs.filter(requested_by=user)
    try:
        return runs.get(pk=import_id)
    except (JobImport.DoesNotExist, DjangoValidationError) as exc:
        raise NotFound("No such import.") from exc


def job_import_progress(run: JobImport) -> dict[str, Any]:
    """What the import has done so far: rows done (from the worker while it runs), created and bad rows."""
    finished = run.status != JobImport.Status.QUEUED
    done = run.total_rows if finished else int(cache.get(_progress_key(run.pk)) or 0)
    return {
        "id": str(run.pk),
        "status": run.status if finished or not done else "running",
        "total_rows": run.total_rows,
        "processed_rows": done,
        "percent": round(100 * done / run.total_rows, 1) if run.total_rows else 100.0,
        "created": len(run.created_ids),
        "ids": run.created_ids,
        "errors": run.errors,
        "created_at": run.created_at,
        "finished_at": run.finished_at,
    }
