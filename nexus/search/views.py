"""Search endpoints: thin views over the search selectors, served from the shared job cache."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.http.request import QueryDict
from django_filters import NumberFilter
from drf_orjson_renderer.renderers import ORJSONRenderer
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from nexus.core.cache_hits import BuiltInFront, build_in_front
from nexus.core.filters import number_schema, refuse_unknown_parameters
from nexus.core.lookups import whole_number_parameter
from nexus.core.pagination import MAX_PAGE_NUMBER, requested_page_number, requested_page_size
from nexus.core.response_cache import cached_json
from nexus.jobs.cache import NAMESPACE, seconds_true
from nexus.jobs.filters import JobFilter
from nexus.jobs.list_items import job_list_items
from nexus.jobs.models import Job
from nexus.jobs.selectors import job_list_public

from . import selectors
from .amounts import salary_read
from .filtering import DocumentFilters, document_filters
from .gazetteer import Place
from .models import SuggestionKind
from .serializers import SearchResponseSerializer, SuggestResponseSerializer, search_result
from .suggest import SuggestionRow, suggestion_list, suggestion_list_async

TAGS = ["search"]
# Parameters the search reads itself; every other list filter goes through JobFilter.
OWN_PARAMETERS = ("q", "sort", "near", "cursor", "page", "page_size")
SUGGEST_LIMIT_MAX = 20


def _filtered_jobs(request: Request, params: QueryDict) -> tuple[QuerySet[Job] | None, DocumentFilters, Place | None]:
    """The listed jobs after every list filter of `params` (None without one: no queryset to build), the same filters
    for the documents table (with the radius's centre), the place of `near`."""
    data: QueryDict = params.copy()
    for name in ("q", "sort", "cursor", "page", "page_size"):
        data.pop(name, None)
    place = None
    near = data.pop("near", [""])[-1].strip()
    if near:
        if data.get("lat") or data.get("lng"):
            raise ValidationError({"near": ["Give near, or lat and lng, not both."]})
        place, radius_km = selectors.search_place_resolve(near=near)
        data["lat"], data["lng"] = str(place.latitude), str(place.longitude)
        data.setdefault("radius_km", str(radius_km))
    if not any(name in data for name in JobFilter.base_filters):  # no filter: no form to build and validate
        return None, DocumentFilters(), place
    filterset = JobFilter(data=data, queryset=job_list_public(), request=request)
    if not filterset.is_valid():
        raise ValidationError(filterset.errors)
    return filterset.qs, document_filters(filterset), place


def _search(request: Request, *, with_facets: bool) -> selectors.SearchPage:
    sort = request.query_params.get("sort") or None
    if sort is not None and sort not in selectors.SEARCH_SORTS:
        raise ValidationError({"sort": [f"One of: {', '.join(selectors.SEARCH_SORTS)}."]})
    page_size = requested_page_size(request)
    page = requested_page_number(request)
    params, salary = salary_read(request.query_params)
    jobs, filters, place = _filtered_jobs(request, params)
    result = selectors.job_search(
        jobs=jobs,
        q=params.get("q", ""),
        sort=sort,
        cursor=request.query_params.get("cursor"),
        page=page,
        page_size=page_size,
        filters=filters,
        with_facets=with_facets,
    )
    result.place, result.salary = place, salary
    return result


def _links(request: Request, result: selectors.SearchPage) -> tuple[str | None, str | None]:
    url = request.build_absolute_uri()
    following = replace_query_param(url, "cursor", result.next_cursor) if result.next_cursor else None
    preceding = replace_query_param(url, "cursor", result.previous_cursor) if result.previous_cursor else None
    if "page" in request.query_params and result.ids:
        page = int(request.query_params["page"])
        following = replace_query_param(url, "page", page + 1) if result.has_more and page < MAX_PAGE_NUMBER else None
        preceding = replace_query_param(url, "page", page - 1) if page > 1 else None
    return following, preceding


FILTER_PARAMETERS = [
    OpenApiParameter(
        name,
        number_schema(definition) if isinstance(definition, NumberFilter) else str,
        description=str(definition.extra.get("help_text") or "As on the job list."),
    )
    for name, definition in JobFilter.base_filters.items()
    if name not in ("q", "sort")
]
PAGING_PARAMETERS = [
    OpenApiParameter("cursor", str, description="Opaque cursor from `next` (the default pagination)."),
    OpenApiParameter(
        "page", int, description=f"Page number, 1 to {MAX_PAGE_NUMBER}; numbered pages (then `previous` too)."
    ),
    OpenApiParameter("page_size", int, description="Rows per page (1 to 100)."),
]
NEAR_PARAMETER = OpenApiParameter(
    "near",
    str,
    description=(
        'A place ("Berlin", "Paris, FR", "San Francisco, CA", "Austin TX", "Vancouver, BC", "Sydney NSW"): centre of a '
        'radius search (`radius_km`, default 50); or a metropolitan area ("Bay Area", "Greater London", "Seattle '
        'area"): its centre, `radius_km` by default its extent.'
    ),
)
SEARCH_PARAMETERS = [
    OpenApiParameter(
        "q",
        str,
        description='Words, "phrases", OR, -excluded (or NOT), title:word or title:"phrase" (in the title only), a '
        "salary (100k, £40k, 60-80k: the salary filters); at most 200 characters.",
    ),
    OpenApiParameter("sort", str, enum=list(selectors.SEARCH_SORTS), description="Default: relevance with a query."),
    NEAR_PARAMETER,
]
SEARCH_EXAMPLE = OpenApiExample(
    "Python jobs near Berlin",
    response_only=True,
    value={
        "count": 2,
        "count_exact": True,
        "next": None,
        "previous": None,
        "sort": "relevance",
        "query": {
            "text": "pyhton 60k",
            "corrections": {"pyhton": "python"},
            "did_you_mean": "python 60k",
            "ignored": False,
            "salary": {"min": 60000, "max": None, "currency": None},
        },
        "place": {"name": "Berlin", "country": "DE", "latitude": 52.52437, "longitude": 13.41053},
        "facets": {
            "employment_type": [{"value": "full_time", "count": 2}],
            "experience_level": [{"value": "senior", "count": 1}, {"value": "mid", "count": 1}],
            "remote_type": [{"value": "hybrid", "count": 2}],
            "category": [{"value": 4, "name": "Software Development", "slug": "software-development", "count": 2}],
            "location": [{"city": "Berlin", "country": "DE", "count": 2}],
        },
        "results": [],
    },
)


@extend_schema(
    tags=TAGS,
    parameters=[*SEARCH_PARAMETERS, *FILTER_PARAMETERS, *PAGING_PARAMETERS],
    responses={200: SearchResponseSerializer},
    examples=[SEARCH_EXAMPLE],
)
class JobSearchView(APIView):
    """Full-text job search: ranked results, highlights, facets, did-you-mean; every list filter applies.

    Typos are corrected (pyhton -> python), skill aliases count as the skill (js -> JavaScript), the
    last word matches as a prefix. `near` (a place name) or `lat`/`lng`, within `radius_km` (default 50),
    limit by distance and allow `sort=distance`. Cursor pages by default, numbered with `page`.
    """

    extra_error_statuses = ["400", "404"]

    def get(self, request: Request) -> HttpResponse:
        def build() -> tuple[bytes, int]:
            result = _search(request, with_facets=True)
            following, preceding = _links(request, result)
            items, seconds = job_list_items(request, result.ids)
            results = [
                search_result(item, result.highlights.get(item["id"]), result.distances.get(item["id"]))
                for item in items
            ]
            body = {
                "count": result.count,
                "count_exact": result.count_exact,
                "next": following,
                "previous": preceding,
                "sort": result.sort,
                "query": {
                    "text": request.query_params.get("q", ""),
                    "corrections": result.analysed.corrections,
                    "did_you_mean": result.did_you_mean,
                    "ignored": bool(request.query_params.get("q", "").strip())
                    and not result.analysed.tsquery
                    and result.salary is None,
                    "salary": result.salary.as_dict() if result.salary is not None else None,
                },
                "place": _place(result.place),
                "facets": result.facets,
                "results": results,
            }
            return ORJSONRenderer().render(body), seconds

        return cached_json(request, namespace=NAMESPACE, area="search", build=build)


def _place(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {"name": place.name, "country": place.country, "latitude": place.latitude, "longitude": place.longitude}


def searched_job_list(request: Request) -> HttpResponse:
    """The job list answered by the search, in the list's shape (jobs/views.answered_by_search): for `q`, `near` and
    numbered pages, whose count is the search's (estimated when many match, as `count_exact` says: counting 760,000
    listed jobs took 1.3 s)."""

    def build() -> tuple[bytes, int]:
        numbered = "page" in request.query_params
        result = _search(request, with_facets=numbered)
        following, preceding = _links(request, result)
        body: dict[str, Any] = {"next": following, "previous": preceding}
        if numbered:
            body = {"count": result.count, "count_exact": result.count_exact, **body}
        body["results"], seconds = job_list_items(request, result.ids)
        return ORJSONRenderer().render(body), seconds

    return cached_json(request, namespace=NAMESPACE, area="search", build=build)


@extend_schema(
    tags=TAGS,
    parameters=[
        OpenApiParameter(
            "q", str, required=True, description="What was typed so far (typos tolerated after 3 characters)."
        ),
        OpenApiParameter(
            "kind", str, enum=list(SuggestionKind.values), description="Only titles, skills, companies or places."
        ),
        OpenApiParameter("limit", int, description=f"How many (1 to {SUGGEST_LIMIT_MAX}, default 10)."),
    ],
    responses={200: SuggestResponseSerializer},
    examples=[
        OpenApiExample(
            "Typing 'pyth'",
            response_only=True,
            value={
                "results": [
                    {"kind": "skill", "label": "Python", "popularity": 18234},
                    {"kind": "title", "label": "Python Developer", "popularity": 2211},
                ]
            },
        )
    ],
)
class SuggestView(APIView):
    """Autocomplete: titles, skills, companies and places starting like the input, most popular first."""

    extra_error_statuses = ["400"]

    def get(self, request: Request) -> HttpResponse:
        arguments = suggest_arguments(request.query_params)
        return cached_json(request, namespace=NAMESPACE, area="suggest", build=lambda: suggest_body(arguments))


@dataclass(frozen=True)
class SuggestArguments:
    text: str
    kind: str | None
    limit: int


def suggest_arguments(params: QueryDict) -> SuggestArguments:
    """The suggest parameters, checked (ValidationError: a 400 naming each wrong one)."""
    refuse_unknown_parameters(params, allowed={"q", "kind", "limit"})
    kind = params.get("kind")
    if kind is not None and kind not in SuggestionKind.values:  # `kind=` too: no silent "any kind"
        raise ValidationError({"kind": [f"One of: {', '.join(SuggestionKind.values)}."]})
    message = f"Give a whole number from 1 to {SUGGEST_LIMIT_MAX}."
    limit = whole_number_parameter(params, "limit", high=SUGGEST_LIMIT_MAX, default=10, message=message)
    text = params.get("q", "")
    if len(text) > 100:
        raise ValidationError({"q": ["Ensure this field has no more than 100 characters."]})
    return SuggestArguments(text=text, kind=kind, limit=limit)


def _suggest_query(arguments: SuggestArguments) -> dict[str, Any]:
    return {"text": arguments.text, "kinds": [arguments.kind] if arguments.kind else None, "limit": arguments.limit}


def _suggest_page(rows: list[SuggestionRow]) -> tuple[bytes, int]:
    body = {"results": [{"kind": r.kind, "label": r.label, "popularity": r.popularity} for r in rows]}
    return ORJSONRenderer().render(body), seconds_true([])


def suggest_body(arguments: SuggestArguments) -> tuple[bytes, int]:
    return _suggest_page(suggestion_list(**_suggest_query(arguments)))


async def suggest_body_async(arguments: SuggestArguments) -> tuple[bytes, int]:
    """suggest_body on the event loop, for the misses computed in front of the stack."""
    return _suggest_page(await suggestion_list_async(**_suggest_query(arguments)))


def _suggest_arguments_or_none(request: HttpRequest) -> SuggestArguments | None:
    try:
        return suggest_arguments(request.GET)
    except ValidationError:
        return None


# Autocomplete costs less than Django's stack around it: its misses are computed in front of the stack too.
build_in_front(
    "job-search-suggest",
    BuiltInFront(namespace=NAMESPACE, area="suggest", arguments=_suggest_arguments_or_none, build=suggest_body_async),
)
