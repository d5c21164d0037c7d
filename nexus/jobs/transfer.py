"""Bulk import (CSV or JSON, all or nothing by default) and streamed export of an employer's jobs."""

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import QuerySet
from rest_framework import fields as drf_fields
from rest_framework import serializers

from nexus.accounts.models import User
from nexus.companies.selectors import company_get_for_member
from nexus.core.errors import ApplicationError, InvalidInput, PermissionDenied

from . import error_codes, services
from .models import Job
from .selectors import job_list_for_employer
from .serializers import JobCreateSerializer

LIST_SEPARATOR = ";"

# The columns of an import file (JobCreateSerializer's fields but `company`), in export order too.
IMPORT_FIELDS = [name for name in JobCreateSerializer().fields if name != "company"]
EXPORT_FIELDS = ["id", "slug", "reference", "company", "status", "published_at", "closed_at", *IMPORT_FIELDS]


def require_employer(user: User) -> None:
    if not (user.is_employer or user.is_admin):
        raise PermissionDenied("Only employers import and export jobs.", code=error_codes.EMPLOYER_ONLY)


# --- reading rows ---


class CsvRow(dict):
    """A row read from CSV: its cells are text, so the serializer converts them (JSON rows are type-checked)."""


class _TextJobSerializer(JobCreateSerializer):
    def to_internal_value(self, data: Any) -> Any:
        # Skip the strict JSON type check: CSV cells are text, and DRF's own field checks report every bad cell.
        return serializers.Serializer.to_internal_value(self, data)


def _csv_value(field: drf_fields.Field, name: str, raw: str) -> Any:
    """A CSV cell as the JSON value the serializer expects; left as text when it does not convert,
    so the serializer reports it."""
    if name == "skills":
        return [{"skill": part.strip()} for part in raw.split(LIST_SEPARATOR) if part.strip()]
    if name == "screening_questions":
        try:
            return json.loads(raw)
        except ValueError:
            return raw
    if isinstance(field, drf_fields.ListField):
        return [part.strip() for part in raw.split(LIST_SEPARATOR) if part.strip()]
    try:
        if isinstance(field, drf_fields.IntegerField):
            return int(raw)
        if isinstance(field, drf_fields.FloatField):
            return float(raw)
    except ValueError:
        return raw
    return raw


def rows_from_csv(upload: Any) -> list[tuple[int, dict[str, Any]]]:
    """(line number, row) pairs of a CSV upload with a header row; empty cells count as not given. A file past
    JOB_IMPORT_MAX_BYTES is refused as a JSON body past it is (ImportJSONParser)."""
    if upload.size > settings.JOB_IMPORT_MAX_BYTES:
        raise RequestDataTooBig(f"A CSV file of more than {settings.JOB_IMPORT_MAX_BYTES} bytes.")
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput("The file must be UTF-8 CSV.", code="import_bad_file") from exc
    reader = csv.DictReader(io.StringIO(text))
    try:
        header = reader.fieldnames or []
        unknown = [name for name in header if name not in IMPORT_FIELDS]
        if not header or unknown:
            raise InvalidInput(
                "The header row must name job fields.",
                code="import_bad_header",
                details={"unknown_columns": unknown, "allowed_columns": IMPORT_FIELDS},
            )
        fields = JobCreateSerializer().fields
        rows: list[tuple[int, dict[str, Any]]] = []
        for row in reader:
            if len(rows) >= settings.JOB_IMPORT_MAX_ROWS:
                _too_many()
            cells = {name: raw.strip() for name, raw in row.items() if name in fields and isinstance(raw, str)}
            values = CsvRow({name: _csv_value(fields[name], name, raw) for name, raw in cells.items() if raw})
            rows.append((reader.line_num, values))
    except csv.Error as exc:
        raise InvalidInput(f"Unreadable CSV: {exc}.", code="import_bad_file") from exc
    return rows


def rows_from_json(jobs: Any) -> list[tuple[int, dict[str, Any]]]:
    """(1-based position, row) pairs of a JSON `jobs` array."""
    if not isinstance(jobs, list) or not jobs:
        raise InvalidInput(details={"jobs": ["Give a non-empty list of jobs."]})
    if len(jobs) > settings.JOB_IMPORT_MAX_ROWS:
        _too_many()
    return list(enumerate(jobs, start=1))


def _too_many() -> None:
    limit = settings.JOB_IMPORT_MAX_ROWS
    raise InvalidInput(
        f"At most {limit} jobs per import; split the file.", code="import_too_large", details={"max_rows": limit}
    )


# --- importing ---


def _error_details(exc: Exception) -> dict[str, Any]:
    if isinstance(exc, ApplicationError):
        return exc.details or {"non_field_errors": [exc.message]}
    if isinstance(exc, DjangoValidationError):
        return exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
    raise exc


def _import_row(*, user: User, company_id: int, row: Any, publish: bool) -> Job:
    if not isinstance(row, dict):
        raise InvalidInput(details={"non_field_errors": ["Each job must be an object."]})
    serializer_class = _TextJobSerializer if isinstance(row, CsvRow) else JobCreateSerializer
    data = serializer_class(data={**row, "company": company_id})
    if not data.is_valid():
        raise InvalidInput(details=data.errors)
    job = services.job_create(user=user, **data.validated_data)
    if publish:
        job = services.job_transition(job=job, user=user, action="publish")
    return job


@transaction.atomic
def jobs_import(
    *,
    user: User,
    company: int | str,
    rows: list[tuple[int, Any]],
    publish: bool = False,
    all_or_nothing: bool = True,
    progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Creates a job per row, each in its own savepoint. With `all_or_nothing` (the default) one bad
    row rolls everything back and the answer lists every bad row; otherwise the good rows stay.
    `progress` hears how many rows are done after each row."""
    require_employer(user)
    owner = company_get_for_member(user=user, company_id=company)  # NotFound for non-members
    ids: list[int] = []
    errors: list[dict[str, Any]] = []
    for done, (line, row) in enumerate(rows, start=1):
        try:
            with transaction.atomic():
                ids.append(_import_row(user=user, company_id=owner.pk, row=row, publish=publish).pk)
        except (ApplicationError, DjangoValidationError) as exc:
            errors.append({"line": line, "errors": _error_details(exc)})
        if progress is not None:
            progress(done)
    if errors and all_or_nothing:
        raise InvalidInput(
            f"{len(errors)} of {len(rows)} rows are invalid; nothing was imported.",
            code="import_invalid",
            details={"rows": errors},
        )
    if ids:
        from .cache import jobs_changed

        transaction.on_commit(jobs_changed)
    return {"created": len(ids), "ids": ids, "errors": errors}


# --- exporting ---


def jobs_for_export(*, user: User) -> QuerySet[Job]:
    """Every job of the employer's companies, in any status (every job for admins)."""
    require_employer(user)
    return job_list_for_employer(user=user).prefetch_related("job_skills__skill").order_by("id")


def _export_row(job: Job) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": job.pk,
        "slug": job.slug,
        "reference": str(job.reference),
        "company": job.company_id,
        "status": job.current_status,
        "published_at": job.published_at.isoformat() if job.published_at else None,
        "closed_at": job.closed_at.isoformat() if job.closed_at else None,
    }
    for name in IMPORT_FIELDS:
        if name == "skills":
            row[name] = [
                {"skill": js.skill.name, "requirement": js.requirement, "level": js.level}
                for js in job.job_skills.all()
            ]
        elif name in ("category", "industry"):
            row[name] = getattr(job, f"{name}_id")
        else:
            value = getattr(job, name)
            if hasattr(value, "isoformat"):
                value = value.isoformat()
            elif value is not None and name in ("salary_min", "salary_max"):
                value = str(value)
            row[name] = value
    return row


def _rows(jobs: QuerySet[Job]) -> Iterator[dict[str, Any]]:
    for job in jobs.iterator(chunk_size=500):
        yield _export_row(job)


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_cell(name: str, value: Any) -> Any:
    if name == "skills":
        return LIST_SEPARATOR.join(entry["skill"] for entry in value)
    if value is None:
        return ""
    if isinstance(value, list):
        if value and not all(isinstance(item, str) for item in value):
            return json.dumps(value)
        return LIST_SEPARATOR.join(value)
    return value


def export_csv(jobs: QuerySet[Job]) -> Iterable[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(EXPORT_FIELDS)
    for row in _rows(jobs):
        yield writer.writerow([_csv_cell(name, row[name]) for name in EXPORT_FIELDS])


def export_json(jobs: QuerySet[Job]) -> Iterable[str]:
    """A JSON array written one job at a time."""
    yield "["
    for index, row in enumerate(_rows(jobs)):
        yield ("," if index else "") + json.dumps(row, ensure_ascii=False)
    yield "]"
