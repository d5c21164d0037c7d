"""Bulk import (JSON or CSV upload, in the background when large) and streamed export of an employer's jobs."""

from typing import cast

from django.http import StreamingHttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from nexus.accounts.models import User
from nexus.core.errors import InvalidInput
from nexus.core.filters import refuse_unknown_parameters
from nexus.core.parsers import BoundedJSONParser

from . import imports, transfer
from .serializers import JobUpdateSerializer

TRANSFER_TAGS = ["jobs"]


class JobImportJsonSerializer(serializers.Serializer):
    company = serializers.IntegerField(min_value=1, help_text="A company you are a member of.")
    jobs = JobUpdateSerializer(many=True, help_text="At most JOB_IMPORT_MAX_ROWS (20,000) jobs.")
    publish = serializers.BooleanField(default=False, help_text="Publish each job once created.")
    all_or_nothing = serializers.BooleanField(
        default=True, help_text="Roll everything back when any row is invalid (default)."
    )


class JobImportFileSerializer(serializers.Serializer):
    company = serializers.IntegerField(min_value=1)
    file = serializers.FileField(help_text="UTF-8 CSV; header row of job field names; skills as `a;b;c`.")
    publish = serializers.BooleanField(default=False)
    all_or_nothing = serializers.BooleanField(default=True)


class _ImportOptionsSerializer(serializers.Serializer):
    company = serializers.IntegerField(min_value=1)
    publish = serializers.BooleanField(default=False)
    all_or_nothing = serializers.BooleanField(default=True)


class JobImportRowErrorSerializer(serializers.Serializer):
    line = serializers.IntegerField(help_text="CSV line number, or 1-based position in the JSON list.")
    errors = serializers.DictField()  # type: ignore[assignment]


class JobImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    ids = serializers.ListField(child=serializers.IntegerField())
    errors = JobImportRowErrorSerializer(many=True, help_text="Bad rows skipped (only with all_or_nothing=false).")  # type: ignore[assignment]


class JobImportProgressSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    status = serializers.ChoiceField(
        choices=["queued", "running", "succeeded", "failed"],
        help_text="`failed`: nothing was imported (all or nothing) and `errors` lists every bad row.",
    )
    total_rows = serializers.IntegerField()
    processed_rows = serializers.IntegerField()
    percent = serializers.FloatField()
    created = serializers.IntegerField()
    ids = serializers.ListField(child=serializers.IntegerField())
    errors = JobImportRowErrorSerializer(many=True)  # type: ignore[assignment]
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)


IMPORT_INVALID_EXAMPLE = OpenApiExample(
    "Invalid rows",
    value={
        "status": "error",
        "code": "import_invalid",
        "error": "1 of 2 rows are invalid; nothing was imported.",
        "details": {"rows": [{"line": 3, "errors": {"title": ["This field is required."]}}]},
    },
    response_only=True,
    status_codes=["400"],
)


class ImportJSONParser(BoundedJSONParser):
    max_bytes_setting = "JOB_IMPORT_MAX_BYTES"


class JobImportView(APIView):
    permission_classes = [IsAuthenticated]
    extra_error_statuses = ["404"]  # a company the user is not a member of
    parser_classes = [ImportJSONParser, MultiPartParser, FormParser]

    @extend_schema(
        tags=TRANSFER_TAGS,
        operation_id="jobs_import",
        summary="Bulk import jobs (JSON or CSV upload), all or nothing",
        request={"application/json": JobImportJsonSerializer, "multipart/form-data": JobImportFileSerializer},
        responses={
            201: JobImportResultSerializer,
            202: OpenApiResponse(
                JobImportProgressSerializer,
                description=(
                    "More rows than JOB_IMPORT_SYNC_MAX_ROWS: the import is queued and runs in the background "
                    "with the same rules; follow it at the `Location` header (`jobs/import/{id}/`)."
                ),
            ),
        },
        examples=[IMPORT_INVALID_EXAMPLE],
    )
    def post(self, request: Request) -> Response:
        """Creates jobs from JSON rows or a CSV upload; every bad row is reported with its line and reasons.

        Up to JOB_IMPORT_SYNC_MAX_ROWS rows are imported within the request (201); larger imports are
        queued (202) and run in the background, their progress readable at `jobs/import/{id}/`.
        """
        if not isinstance(request.data, dict):
            raise InvalidInput(
                "Send a JSON object, or a multipart form.", details={"non_field_errors": ["Not an object."]}
            )
        keys = ("company", "publish", "all_or_nothing")
        options = _ImportOptionsSerializer(data={key: request.data[key] for key in keys if key in request.data})
        options.is_valid(raise_exception=True)
        upload = request.FILES.get("file")
        if upload is not None:
            rows = transfer.rows_from_csv(upload)
        elif "jobs" in request.data and not hasattr(request.data, "getlist"):
            rows = transfer.rows_from_json(request.data["jobs"])
        else:
            raise InvalidInput(
                "Send a JSON body with `jobs`, or a CSV upload in `file`.", details={"file": ["Required."]}
            )
        if not rows:
            raise InvalidInput(details={"file": ["The file has no rows."]})
        user = cast(User, request.user)
        if imports.runs_in_background(rows):
            run = imports.job_import_enqueue(user=user, rows=rows, **options.validated_data)
            progress = imports.job_import_progress(run)
            headers = {"Location": request.build_absolute_uri(f"{run.pk}/")}
            return Response(
                JobImportProgressSerializer(progress).data, status=status.HTTP_202_ACCEPTED, headers=headers
            )
        result = transfer.jobs_import(user=user, rows=rows, **options.validated_data)
        return Response(result, status=status.HTTP_201_CREATED)


class JobImportProgressView(APIView):
    permission_classes = [IsAuthenticated]
    extra_error_statuses = ["404"]

    @extend_schema(
        tags=TRANSFER_TAGS,
        operation_id="jobs_import_progress",
        parameters=[OpenApiParameter("id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="The import's id.")],
        responses={200: JobImportProgressSerializer},
    )
    def get(self, request: Request, id: str) -> Response:
        """A background import's progress and, once finished, its result; only to whoever started it (and admins)."""
        run = imports.job_import_get(user=cast(User, request.user), import_id=id)
        return Response(JobImportProgressSerializer(imports.job_import_progress(run)).data)


EXPORT_FORMATS = {
    "csv": ("text/csv; charset=utf-8", transfer.export_csv),
    "json": ("application/json", transfer.export_json),
}


class JobExportView(APIView):
    permission_classes = [IsAuthenticated]
    extra_error_statuses = ["400"]  # an unknown file_format

    @extend_schema(
        tags=TRANSFER_TAGS,
        operation_id="jobs_export",
        summary="Export your companies' jobs (any status), streamed",
        parameters=[OpenApiParameter("file_format", str, enum=["csv", "json"], description="Default csv.")],
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV with a header row."),
            (200, "application/json"): OpenApiResponse(
                {"type": "array", "items": {"type": "object", "additionalProperties": {}}},
                description="A JSON array of jobs (import fields plus id, slug, reference, company, status, dates).",
            ),
        },
    )
    def get(self, request: Request) -> StreamingHttpResponse:
        refuse_unknown_parameters(request, allowed={"file_format"})
        file_format = request.query_params.get("file_format", "csv")
        if file_format not in EXPORT_FORMATS:
            raise InvalidInput(details={"file_format": ["Use csv or json."]})
        content_type, render = EXPORT_FORMATS[file_format]
        jobs = transfer.jobs_for_export(user=cast(User, request.user))
        response = StreamingHttpResponse(render(jobs), content_type=content_type)
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        response["Content-Disposition"] = f'attachment; filename="nexus-jobs-{stamp}.{file_format}"'
        response["Cache-Control"] = "private, no-store"
        return response
