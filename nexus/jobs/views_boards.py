"""The Greenhouse-shaped board API (public)."""

import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpResponseBase
from drf_orjson_renderer.renderers import ORJSONRenderer
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.views import APIView

from nexus.core.errors import InvalidInput
from nexus.core.response_cache import CachedBody, cached_response

from . import boards
from .cache import NAMESPACE

BOARD_TAGS = ["boards"]
JSONP_CONTENT_TYPE = "application/javascript; charset=utf-8"
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

    def answer(self, request: Request, build: Callable[[], boards.Shown]) -> HttpResponseBase:
        """The answer `build` gives, as JSON or JSONP, kept in the shared cache like the job lists, when it is at
        most FEED_CACHE_MAX_BYTES (aggregators poll boards: a company's 23,000 jobs took 2.4 s to build at a million
        jobs, 20 ms from the cache)."""
        callback = boards.board_callback(request.query_params.get("callback"))

        def page() -> tuple[CachedBody, int]:
            data, seconds = build()
            if callback is None:
                shown = CachedBody(ORJSONRenderer().render(data))
            else:
                body = f"/**/{callback}({json.dumps(data, ensure_ascii=False)});".encode()
                shown = CachedBody(body, content_type=JSONP_CONTENT_TYPE)
            return shown, seconds if len(shown.body) <= settings.FEED_CACHE_MAX_BYTES else 0

        response = cached_response(request, namespace=NAMESPACE, area="boards", build=page)
        if callback is not None:
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
    def get(self, request: Request, company: str) -> HttpResponseBase:
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
    def get(self, request: Request, company: str, job_id: str) -> HttpResponseBase:
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
    def get(self, request: Request, company: str) -> HttpResponseBase:
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
    def get(self, request: Request, company: str) -> HttpResponseBase:
        tree = self.tree(request)
        return self.answer(request, lambda: boards.board_offices(company=self.company(company), tree=tree))
