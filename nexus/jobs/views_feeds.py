"""Distribution: a job as schema.org JobPosting JSON-LD, and RSS 2.0 / Indeed XML feeds of listed jobs.

Feeds read the public list (published, approved, open jobs of approved companies: no draft, held,
closed, expired or archived job), newest first, at most `feeds.FEED_MAX_JOBS` per response, and
stream their XML as they read the rows.
"""

import json
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.views import APIView

from nexus.core.errors import ApplicationError
from nexus.core.openapi import ErrorSerializer
from nexus.core.response_cache import cached_stream

from . import selectors
from .cache import NAMESPACE, ShownJobs
from .feeds import FEED_MAX_JOBS, feed_rows, indeed_feed, rss_feed
from .filters import SORTS, JobFilter
from .jsonld import job_posting_jsonld
from .models import Job
from .views import JOB_PARAMETER

TAGS = ["jobs"]
JOB_CLOSED = "job_closed"


class JobGone(ApplicationError):
    code = JOB_CLOSED
    status_code = status.HTTP_410_GONE
    message = "This job is closed or past its deadline and no longer taking applications."


JSONLD_EXAMPLE = {
    "@context": "https://schema.org/",
    "@type": "JobPosting",
    "title": "Backend Engineer",
    "description": "<p>Build and run the APIs our customers rely on.</p>",
    "identifier": {"@type": "PropertyValue", "name": "Acme", "value": "0b7c1c52-4a6e-4f43-9a51-3f1d2e8c9a10"},
    "hiringOrganization": {
        "@type": "Organization",
        "name": "Acme",
        "sameAs": "https://acme.example.com",
        "logo": "https://api.example.com/media/company-logos/acme.png",
    },
    "directApply": True,
    "url": "https://jobs.example.com/jobs/backend-engineer",
    "datePosted": "2026-01-05T09:00:00+00:00",
    "validThrough": "2026-02-05T23:59:00+00:00",
    "employmentType": "FULL_TIME",
    "jobLocation": {
        "@type": "Place",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": "Berlin",
            "addressRegion": "BE",
            "postalCode": "10115",
            "addressCountry": "DE",
        },
    },
    "baseSalary": {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": {"@type": "QuantitativeValue", "minValue": 60000, "maxValue": 80000, "unitText": "YEAR"},
    },
}


@extend_schema(parameters=[JOB_PARAMETER])
class JobPostingJsonLdView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        tags=TAGS,
        operation_id="jobs_jsonld",
        responses={
            (200, "application/ld+json"): OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="A schema.org JobPosting document.",
                examples=[OpenApiExample("JobPosting", value=JSONLD_EXAMPLE, response_only=True)],
            ),
            410: OpenApiResponse(ErrorSerializer, description="The job is closed or expired (`job_closed`)."),
        },
    )
    def get(self, request: Request, job: str) -> HttpResponse:
        """The job as schema.org JobPosting JSON-LD (Google for Jobs), for published, open jobs only.

        A closed or expired job answers 410 (`job_closed`); drafts, held, archived or unknown jobs 404.
        """
        found = selectors.job_get_visible(job_ref=job, user=AnonymousUser())
        if not selectors.job_is_live_posting(job=found):
            raise JobGone()
        body = json.dumps(job_posting_jsonld(found, request=request), ensure_ascii=False)
        return HttpResponse(body.encode(), content_type="application/ld+json; charset=utf-8")


class JobFeedView(GenericAPIView):
    """A feed of listed jobs: the list's filters apply (`sort` too; newest first by default).

    Streamed as the rows are read, and kept in the shared cache (like the job lists, dropped at
    any job change) when it fits in FEED_CACHE_MAX_BYTES; answers carry an ETag once cached.
    """

    authentication_classes: list = []
    permission_classes = [AllowAny]
    filterset_class = JobFilter
    pagination_class = None
    queryset = Job.objects.none()
    content_type = "text/xml; charset=utf-8"

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        # Feed readers ask for XML; the body is built here, so never refuse them with a 406.
        return super().perform_content_negotiation(request, force=True)

    def get_queryset(self) -> QuerySet[Job]:
        if getattr(self, "swagger_fake_view", False):
            return Job.objects.none()
        ordering = SORTS.get(self.request.query_params.get("sort", ""), SORTS["newest"])
        return selectors.job_list_public().order_by(*ordering)

    def render(self, jobs: Any) -> Any:
        raise NotImplementedError

    def get(self, request: Request) -> HttpResponseBase:
        rows = self.filter_queryset(self.get_queryset())  # invalid filters answer 400 before streaming
        shown = ShownJobs()
        return cached_stream(
            request,
            namespace=NAMESPACE,
            area="feeds",
            content_type=self.content_type,
            chunks=lambda: (chunk.encode() for chunk in self.render(shown.watch(feed_rows(rows)))),
            seconds=shown.seconds_true,
            max_bytes=settings.FEED_CACHE_MAX_BYTES,
        )


class JobRssFeedView(JobFeedView):
    content_type = "application/rss+xml; charset=utf-8"

    def render(self, jobs: Any) -> Any:
        return rss_feed(jobs, self_url=self.request.build_absolute_uri())

    @extend_schema(
        tags=TAGS,
        operation_id="jobs_feed_rss",
        filters=True,
        responses={
            (200, "application/rss+xml"): OpenApiResponse(
                OpenApiTypes.STR,
                description=(
                    f"An RSS 2.0 feed of listed jobs (at most {FEED_MAX_JOBS}, newest first), items extended "
                    "with a `job:` namespace: company, location, city, region, country, remoteType, "
                    "employmentType, category, salary."
                ),
            )
        },
    )
    def get(self, request: Request) -> HttpResponseBase:
        """RSS 2.0 feed of listed jobs; accepts the same filters as the job list."""
        return super().get(request)


class JobIndeedFeedView(JobFeedView):
    def render(self, jobs: Any) -> Any:
        return indeed_feed(jobs)

    @extend_schema(
        tags=TAGS,
        operation_id="jobs_feed_xml",
        filters=True,
        responses={
            (200, "text/xml"): OpenApiResponse(
                OpenApiTypes.STR,
                description=(
                    f"An Indeed-style XML feed: `<source>` with publisher, publisherurl, lastBuildDate and one "
                    f"`<job>` per listed job (at most {FEED_MAX_JOBS}, newest first), texts in CDATA."
                ),
            )
        },
    )
    def get(self, request: Request) -> HttpResponseBase:
        """Indeed-style XML feed of every listed job (for aggregators); accepts the job list's filters."""
        return super().get(request)
