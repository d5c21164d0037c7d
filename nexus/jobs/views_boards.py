"""The Greenhouse-shaped board API (public), and bulk import / streamed export of jobs (employers)."""

import json
from typing import Any, cast

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from nexus.accounts.models import User
from nexus.core.errors import InvalidInput

from . import boards, transfer
from .serializers import JobUpdateSerializer

BOARD_TAGS = ["boards"]
TRANSFER_TAGS = ["jobs"]

# --- response shapes (documentation) ---
# (Fields named like Serializer attributes, e.g. `fields`, are fine: DRF's metaclass pops declared fields.)


class BoardLocationSerializer(serializers.Serializer):
    name = serializers.CharField()


class BoardDepartmentSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The category id.")
    name = serializers.CharField()
    parent_id = serializers.IntegerField(allow_null=True)
    child_ids = serializers.ListField(child=serializers.IntegerField())


class BoardOfficeSerializer(BoardDepartmentSerializer):
    id = serializers.IntegerField(help_text="A stable id derived from the place.")
    location = serializers.CharField()


class BoardJobSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    internal_job_id = serializers.IntegerField()
    title = serializers.CharField()
    updated_at = serializers.DateTimeField()
    requisition_id = serializers.CharField()
    location = BoardLocationSerializer()
    absolute_url = serializers.URLField()
    metadata = serializers.DictField(allow_null=True)
    data_compliance = serializers.ListField(child=serializers.DictField())
    company_name = serializers.CharField()
    first_published = serializers.DateTimeField(allow_null=True)
    language = serializers.CharField()
    content = serializers.CharField(required=False, help_text="HTML-escaped description (with content=true).")
    departments = BoardDepartmentSerializer(many=True, required=False)
    offices = BoardOfficeSerializer(many=True, required=False)


class BoardQuestionValueSerializer(serializers.Serializer):
    label = serializers.CharField()  # type: ignore[assignment]
    value = serializers.JSONField(help_text="1/0 for yes/no questions, the choice text for choice questions.")


class BoardQuestionFieldSerializer(serializers.Serializer):
    name = serializers.CharField()
    type = serializers.ChoiceField(
        choices=["input_text", "textarea", "multi_value_single_select", "multi_value_multi_select", "input_file"]
    )
    values = BoardQuestionValueSerializer(many=True)


class BoardQuestionSerializer(serializers.Serializer):
    required = serializers.BooleanField()  # type: ignore[assignment]
    label = serializers.CharField()  # type: ignore[assignment]
    description = serializers.CharField(allow_null=True)
    fields = BoardQuestionFieldSerializer(many=True)  # type: ignore[assignment]


class BoardJobDetailSerializer(BoardJobSerializer):
    questions = BoardQuestionSerializer(many=True, required=False)


class BoardMetaSerializer(serializers.Serializer):
    total = serializers.IntegerField()


class BoardJobListSerializer(serializers.Serializer):
    jobs = BoardJobSerializer(many=True)
    meta = BoardMetaSerializer()


class BoardDepartmentNodeSerializer(BoardDepartmentSerializer):
    child_ids = serializers.ListField(child=serializers.IntegerField(), required=False, help_text="In list form.")
    jobs = BoardJobSerializer(many=True)
    children = serializers.ListField(
        child=serializers.DictField(), required=False, help_text="In tree form: nested nodes of the same shape."
    )


class BoardOfficeNodeSerializer(BoardDepartmentNodeSerializer):
    location = serializers.CharField()


class BoardDepartmentListSerializer(serializers.Serializer):
    departments = BoardDepartmentNodeSerializer(many=True)


class BoardOfficeListSerializer(serializers.Serializer):
    offices = BoardOfficeNodeSerializer(many=True)


# --- board views ---

COMPANY = OpenApiParameter("company", str, OpenApiParameter.PATH, description="The company's id or slug.")
JOB_ID = OpenApiParameter("job_id", str, OpenApiParameter.PATH, description="The job's id (or slug).")
CALLBACK = OpenApiParameter(
    "callback",
    str,
    description="JSONP: wrap the answer in this function (`[A-Za-z_$][A-Za-z0-9_$.]{0,63}`, else 400).",
)
CONTENT = OpenApiParameter("content", bool, description="Add content, departments and offices to each job.")
QUESTIONS = OpenApiParameter("questions", bool, description="Add the application questions.")
RENDER_AS = OpenApiParameter("render_as", str, enum=["list", "tree"], description="`list` (default) or `tree`.")
JSONP = OpenApiResponse(OpenApiTypes.STR, description="With `callback`: `/**/callback({...});`")


def _board_responses(serializer: type[serializers.Serializer]) -> dict:
    return {(200, "application/json"): serializer, (200, "application/javascript"): JSONP}


class BoardView(APIView):
    """Public, like Greenhouse's board API: no authentication, same answer for everyone."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    extra_error_statuses = ["400"]  # a bad callback or render_as

    def answer(self, request: Request, build: Any) -> HttpResponse:
        callback = boards.board_callback(request.query_params.get("callback"))
        data = build()
        if callback is None:
            return Response(data)
        body = f"/**/{callback}({json.dumps(data, ensure_ascii=False)});"
        response = HttpResponse(body, content_type="application/javascript; charset=utf-8")
        response["X-Content-Type-Options"] = "nosniff"
        return response

    def company(self, key: str) -> Any:
        return boards.board_company(key=key)

    @staticmethod
    def tree(request: Request) -> bool:
        value = request.query_params.get("render_as", "list")
        if value not in ("list", "tree"):
            raise InvalidInput(details={"render_as": ["Use list or tree."]})
        return value == "tree"


class BoardJobsView(BoardView):
    @extend_schema(
        tags=BOARD_TAGS,
        operation_id="board_jobs_list",
        summary="Board jobs (Greenhouse: GET /boards/{board_token}/jobs)",
        parameters=[COMPANY, CONTENT, CALLBACK],
        responses=_board_responses(BoardJobListSerializer),
    )
    def get(self, request: Request, company: str) -> HttpResponse:
        content = boards.board_flag(request.query_params.get("content"))
        return self.answer(request, lambda: boards.board_job_list(company=self.company(company), content=content))


class BoardJobView(BoardView):
    @extend_schema(
        tags=BOARD_TAGS,
        operation_id="board_job_retrieve",
        summary="One board job (Greenhouse: GET /boards/{board_token}/jobs/{id})",
        parameters=[COMPANY, JOB_ID, QUESTIONS, CALLBACK],
        responses=_board_responses(BoardJobDetailSerializer),
    )
    def get(self, request: Request, company: str, job_id: str) -> HttpResponse:
        questions = boards.board_flag(request.query_params.get("questions"))
        return self.answer(
            request,
            lambda: boards.board_job_detail(company=self.company(company), job_id=job_id, questions=questions),
        )


class BoardDepartmentsView(BoardView):
    @extend_schema(
        tags=BOARD_TAGS,
        operation_id="board_departments_list",
        summary="Board departments: job categories (Greenhouse: GET /boards/{board_token}/departments)",
        parameters=[COMPANY, RENDER_AS, CALLBACK],
        responses=_board_responses(BoardDepartmentListSerializer),
    )
    def get(self, request: Request, company: str) -> HttpResponse:
        tree = self.tree(request)
        return self.answer(request, lambda: boards.board_departments(company=self.company(company), tree=tree))


class BoardOfficesView(BoardView):
    @extend_schema(
        tags=BOARD_TAGS,
        operation_id="board_offices_list",
        summary="Board offices: job places (Greenhouse: GET /boards/{board_token}/offices)",
        parameters=[COMPANY, RENDER_AS, CALLBACK],
        responses=_board_responses(BoardOfficeListSerializer),
    )
    def get(self, request: Request, company: str) -> HttpResponse:
        tree = self.tree(request)
        return self.answer(request, lambda: boards.board_offices(company=self.company(company), tree=tree))


# --- import / export ---


class JobImportJsonSerializer(serializers.Serializer):
    company = serializers.IntegerField(min_value=1, help_text="A company you are a member of.")
    jobs = JobUpdateSerializer(many=True, help_text=f"At most {transfer.MAX_IMPORT_ROWS} jobs.")
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


class JobImportView(APIView):
    permission_classes = [IsAuthenticated]
    extra_error_statuses = ["404"]  # a company the user is not a member of
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(
        tags=TRANSFER_TAGS,
        operation_id="jobs_import",
        summary="Bulk import jobs (JSON or CSV upload), all or nothing",
        request={"application/json": JobImportJsonSerializer, "multipart/form-data": JobImportFileSerializer},
        responses={201: JobImportResultSerializer},
        examples=[IMPORT_INVALID_EXAMPLE],
    )
    def post(self, request: Request) -> Response:
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
        result = transfer.jobs_import(user=cast(User, request.user), rows=rows, **options.validated_data)
        return Response(result, status=status.HTTP_201_CREATED)


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
