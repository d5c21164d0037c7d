from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse, QueryDict
from django.utils import timezone
from drf_orjson_renderer.renderers import ORJSONRenderer
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from nexus.core.lookups import as_id
from nexus.core.permissions import IsAdmin
from nexus.core.response_cache import CachedBody, cached_json, cached_response
from nexus.search.views import NEAR_PARAMETER, searched_job_list

from . import selectors, services
from .cache import JOB_VIEWED, NAMESPACE, seconds_true
from .choices import JobStatus
from .filters import SORTS, JobFilter
from .lifecycle import status_now
from .models import Job
from .serializers import (
    EmployerStatsSerializer,
    JobCreateSerializer,
    JobDetailSerializer,
    JobListSerializer,
    JobReopenSerializer,
    JobStatsSerializer,
    JobUpdateSerializer,
    ModerationDecisionSerializer,
    ModerationResultSerializer,
    SavedJobSerializer,
)

JOB_PARAMETER = OpenApiParameter("job", str, OpenApiParameter.PATH, description="The job's id or slug.")
TAGS = ["jobs"]


class JobRowsView(ListAPIView):
    """A list of jobs (or saved jobs) read through one selector call in `rows()`."""

    def rows(self) -> QuerySet:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no real user
            return self.serializer_class.Meta.model.objects.none()
        return self.rows()


class CachedPublicList(JobRowsView):
    """A public job list: the same for every reader, so served from the shared cache (see nexus/jobs/cache.py)."""

    def get(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponse:
        def build() -> tuple[bytes, int]:
            data = self.list(request, *args, **kwargs).data
            return ORJSONRenderer().render(data), seconds_true(self.paginator.page_rows)

        return cached_json(request, namespace=NAMESPACE, build=build)


def answered_by_search(params: QueryDict) -> bool:
    """Whether a request of the job list is answered by the search: words (without `sort`, in its relevance order; with
    one, the list's filters read from the search documents' markers beside them: `nurse` with skills=python, newest
    first, took 2.5 s through the jobs' own filters), a place (`near`, which the search resolves, or `lat` and `lng`:
    the documents within a radius are read in the list's order, where the jobs table sorted every job there) or
    numbered pages (whose count it estimates when many jobs match). A sort the list does not know is refused by the
    list's filters."""
    sort = params.get("sort")
    if sort and sort not in SORTS:
        return False
    return bool(params.get("q", "").strip()) or any(name in params for name in ("near", "lat", "lng", "page"))


class JobCollectionView(CachedPublicList):
    """GET: listed jobs (published, approved, open) with filters, featured first by default. POST: a new draft."""

    serializer_class = JobListSerializer
    filterset_class = JobFilter

    @property
    def ordering(self) -> tuple[str, ...]:
        return SORTS.get(self.request.query_params.get("sort", ""), SORTS["featured"])

    def rows(self) -> QuerySet[Job]:
        return selectors.job_list_public()

    @extend_schema(tags=TAGS, parameters=[NEAR_PARAMETER])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponse:
        if answered_by_search(request.query_params):
            return searched_job_list(request)
        return super().get(request, *args, **kwargs)

    @extend_schema(tags=TAGS, request=JobCreateSerializer, responses={201: JobDetailSerializer})
    def post(self, request: Request) -> Response:
        data = JobCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        job = services.job_create(user=request.user, **data.validated_data)
        job = selectors.job_get_for_employer(job_ref=str(job.pk), user=request.user)
        return Response(JobDetailSerializer(job, context={"request": request}).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=TAGS)
class FeaturedJobsView(CachedPublicList):
    """Listed jobs featured right now, newest first."""

    serializer_class = JobListSerializer
    ordering = ("-published_at", "-id")

    def rows(self) -> QuerySet[Job]:
        return selectors.job_list_featured()


@extend_schema(tags=TAGS)
class TrendingJobsView(CachedPublicList):
    """Listed jobs with the most recent activity (views and saves, newer counting more)."""

    serializer_class = JobListSerializer
    ordering = ("-trending_score", "-id")

    def rows(self) -> QuerySet[Job]:
        return selectors.job_list_trending()


@extend_schema(parameters=[JOB_PARAMETER])
class JobDetailView(APIView):
    extra_error_statuses = ["409"]

    def _detail(self, request: Request, job: Job) -> Response:
        return Response(JobDetailSerializer(job, context={"request": request}).data)

    @extend_schema(tags=TAGS, responses={200: JobDetailSerializer})
    def get(self, request: Request, job: str) -> HttpResponse:
        """A job's page: published jobs, and closed ones (saying so); drafts only to their company.

        Public pages are the same for every reader and come from the shared cache (counters
        included, so they may lag by up to JOB_LIST_CACHE_SECONDS); each view is still counted.
        """

        def build() -> tuple[CachedBody, int]:
            found = selectors.job_get_visible(job_ref=job, user=request.user)
            public = selectors.job_is_public(job=found)
            page = CachedBody(
                ORJSONRenderer().render(JobDetailSerializer(found, context={"request": request}).data),
                public=public,
                viewed=(JOB_VIEWED, found.pk) if found.accepting_applications else (),
            )
            return page, seconds_true([found]) if public else 0

        return cached_response(request, namespace=NAMESPACE, build=build)

    @extend_schema(tags=TAGS, request=JobUpdateSerializer, responses={200: JobDetailSerializer})
    def patch(self, request: Request, job: str) -> Response:
        """Edits a job of your company; a published job must stay complete."""
        found = selectors.job_get_for_employer(job_ref=job, user=request.user)
        data = JobUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.job_update(job=found, user=request.user, **data.validated_data)
        return self._detail(request, selectors.job_get_for_employer(job_ref=str(found.pk), user=request.user))

    @extend_schema(tags=TAGS, responses={204: None})
    def delete(self, request: Request, job: str) -> Response:
        """Deletes a draft; published jobs are closed or archived instead."""
        services.job_delete(job=selectors.job_get_for_employer(job_ref=job, user=request.user))
        return Response(status=status.HTTP_204_NO_CONTENT)


def lifecycle_view(action: str, summary: str) -> type[APIView]:
    """One view per lifecycle action, all driven by the transition table."""
    request_body = JobReopenSerializer if action in ("publish", "reopen") else None

    @extend_schema(tags=TAGS, request=request_body, responses={200: JobDetailSerializer}, parameters=[JOB_PARAMETER])
    class LifecycleView(APIView):
        permission_classes = [IsAuthenticated]
        extra_error_statuses = ["409"]

        def post(self, request: Request, job: str) -> Response:
            found = selectors.job_get_for_employer(job_ref=job, user=request.user)
            options: dict[str, Any] = {}
            if request_body is not None:
                data = request_body(data=request.data)
                data.is_valid(raise_exception=True)
                options = data.validated_data
            services.job_transition(job=found, user=request.user, action=action, **options)
            found = selectors.job_get_for_employer(job_ref=str(found.pk), user=request.user)
            return Response(JobDetailSerializer(found, context={"request": request}).data)

    LifecycleView.__doc__ = summary
    LifecycleView.__name__ = f"Job{action.capitalize()}View"
    return LifecycleView


JobPublishView = lifecycle_view(
    "publish", "Publishes a draft (held for review when the company is unverified and moderation is on)."
)
JobCloseView = lifecycle_view("close", "Closes a published job: it leaves the list and stops taking applications.")
JobArchiveView = lifecycle_view("archive", "Archives a draft or closed job.")
JobReopenView = lifecycle_view("reopen", "Relists a closed or archived job; give a new deadline if the old one passed.")


@extend_schema(parameters=[JOB_PARAMETER])
class JobSaveView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(tags=TAGS, request=None, responses={201: None, 200: None})
    def post(self, request: Request, job: str) -> Response:
        """Saves a listed job for the signed-in seeker (201; 200 when it was already saved)."""
        created = services.job_save(user=request.user, job=selectors.job_get_listed(job_ref=job))
        return Response(status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    @extend_schema(tags=TAGS, responses={204: None})
    def delete(self, request: Request, job: str) -> Response:
        """Removes a job from the seeker's saved jobs."""
        found = selectors.job_get_visible(job_ref=job, user=request.user)
        services.job_unsave(user=request.user, job_id=found.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=TAGS, parameters=[JOB_PARAMETER], responses={200: JobListSerializer(many=True)})
class SimilarJobsView(APIView):
    """Up to 10 listed jobs like this one: same category and shared skills."""

    def get(self, request: Request, job: str) -> Response:
        found = selectors.job_get_visible(job_ref=job, user=request.user)
        similar = selectors.job_list_similar(job=found)
        return Response(JobListSerializer(similar, many=True, context={"request": request}).data)


@extend_schema(tags=TAGS, parameters=[JOB_PARAMETER], responses={200: JobStatsSerializer})
class JobStatsView(APIView):
    """Views, saves and applications (by status) of a job of your company."""

    permission_classes = [IsAuthenticated]

    def get(self, request: Request, job: str) -> Response:
        found = selectors.job_get_for_employer(job_ref=job, user=request.user)
        return Response(selectors.job_stats(job=found))


@extend_schema(
    tags=TAGS, parameters=[OpenApiParameter("id", str, OpenApiParameter.PATH, description="Company id or slug.")]
)
class CompanyJobsView(CachedPublicList):
    """The company's listed jobs, newest first."""

    serializer_class = JobListSerializer
    ordering = ("-published_at", "-id")

    def rows(self) -> QuerySet[Job]:
        return selectors.job_list_of_company(company_key=self.kwargs["id"])


@extend_schema(tags=["employer"])
class EmployerJobsView(JobRowsView):
    """Every job of your companies, in any status, newest first; filter by `status` or `company`."""

    serializer_class = JobDetailSerializer
    permission_classes = [IsAuthenticated]
    ordering = ("-created_at", "-id")

    def rows(self) -> QuerySet[Job]:
        jobs = selectors.job_list_for_employer(user=self.request.user).prefetch_related("job_skills__skill")
        params = self.request.query_params
        if params.get("status"):
            if params["status"] not in JobStatus.values:
                raise ValidationError({"status": [f"One of: {', '.join(JobStatus.values)}."]})
            # The status readers see: a published job past its deadline is closed.
            jobs = jobs.filter(status_now(params["status"], timezone.now()))
        if params.get("company"):
            company_id = as_id(params["company"])
            if company_id is None:
                raise ValidationError({"company": ["A company id."]})
            jobs = jobs.filter(company_id=company_id)
        return jobs

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, enum=["draft", "published", "closed", "archived"]),
            OpenApiParameter("company", int),
        ]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


@extend_schema(tags=["employer"], responses={200: EmployerStatsSerializer})
class EmployerStatsView(APIView):
    """Totals across the jobs of your companies."""

    permission_classes = [IsAuthenticated]

    def get(self, request: Request) -> Response:
        return Response(selectors.employer_stats(user=request.user))


@extend_schema(tags=["me"])
class SavedJobsView(JobRowsView):
    """The signed-in seeker's saved jobs, latest first."""

    serializer_class = SavedJobSerializer
    permission_classes = [IsAuthenticated]
    ordering = ("-created_at", "-id")

    def rows(self) -> QuerySet:
        return selectors.saved_job_list(user=self.request.user)


@extend_schema(tags=["moderation"])
class HeldJobsView(JobRowsView):
    """Jobs waiting for an admin's decision."""

    serializer_class = JobDetailSerializer
    permission_classes = [IsAdmin]
    ordering = ("-created_at", "-id")

    def rows(self) -> QuerySet[Job]:
        return selectors.job_list_held_for_moderation().prefetch_related("job_skills__skill")


@extend_schema(tags=["moderation"], request=ModerationDecisionSerializer, responses={200: ModerationResultSerializer})
class JobModerationDecideView(APIView):
    """Approves or rejects jobs in bulk, all or none."""

    permission_classes = [IsAdmin]

    def post(self, request: Request) -> Response:
        data = ModerationDecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return Response({"decided": services.jobs_moderate(**data.validated_data)})
