"""The list filters that the documents table answers from its own copied columns.

A search with only these filters reads `search_jobdocument` alone (its GIN, newest-first and
earth-point indexes combine in one plan); any other filter (company, industry, skills,
remote_country) adds a semi-join with the jobs that those filters alone admit (`jobs_admitted`): the
documents' own columns say whether a job is listed and answer the other filters. Joined with every filter
and the listing's conditions, the jobs table was read whole for a remote type, which it has no index for
(`developer`, skills=python, remote: 1.2 s).
"""

from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import timezone

from nexus.core.geo import radius_conditions
from nexus.jobs.models import Job
from nexus.jobs.salary import salary_to_yearly_base

from .models import INDEXED_FILTERS

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from nexus.jobs.filters import JobFilter

# Filters of JobFilter that only the jobs table can answer.
JOBS_ONLY = ("industry", "company", "skills", "remote_country")


@dataclass
class DocumentFilters:
    conditions: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)
    jobs: "QuerySet[Job] | None" = None  # the jobs that the filters only the jobs table answers admit (jobs_admitted)
    near: bool = False  # a radius among them: the documents within it can be walked newest first (selectors.py)
    # Those of the conditions that the words' GIN index holds too (models.INDEXED_FILTERS): what it yields meets them.
    in_words_index: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)

    def add(self, condition: str, *params: Any, in_words_index: bool = False) -> None:
        self.conditions.append(condition)
        self.params.extend(params)
        if in_words_index:
            self.in_words_index.append((condition, params))

    def words_index_part(self) -> "DocumentFilters":
        """The filters that the words' GIN index answers itself, alone."""
        part = DocumentFilters()
        for condition, params in self.in_words_index:
            part.add(condition, *params, in_words_index=True)
        return part


def jobs_admitted(filterset: "JobFilter") -> "QuerySet[Job] | None":
    """Every job, listed or not, that the filters of a validated JobFilter which only the jobs table answers
    (JOBS_ONLY) admit; None without such a filter."""
    cleaned = filterset.form.cleaned_data
    names = [name for name in JOBS_ONLY if cleaned.get(name) not in (None, "", [])]
    if not names:
        return None
    jobs = Job.objects.all()
    for name in names:
        jobs = filterset.filters[name].filter(jobs, cleaned[name])
    return jobs


def document_filters(filterset: "JobFilter") -> DocumentFilters:
    """Conditions on `search_jobdocument d` equivalent to the list filters of a JobFilter (validated: the jobs
    queryset built from it has raised on anything wrong)."""
    cleaned = filterset.form.cleaned_data
    filters = DocumentFilters(jobs=jobs_admitted(filterset))
    for name in ("employment_type", "experience_level", "remote_type"):
        if cleaned.get(name):
            filters.add(f"d.{name} = ANY(%s)", list(cleaned[name]), in_words_index=name in INDEXED_FILTERS)
    if cleaned.get("country"):
        filters.add("d.country = %s", cleaned["country"].upper(), in_words_index="country" in INDEXED_FILTERS)
    if cleaned.get("city"):
        filters.add("upper(d.city) = upper(%s)", cleaned["city"])
    if cleaned.get("category") is not None:
        # The category and its descendants: paths are ids and slashes only, so a plain prefix match.
        filters.add(
            "d.category_id IN (SELECT id FROM taxonomy_category "
            "WHERE path LIKE (SELECT path || '%%' FROM taxonomy_category WHERE id = %s))",
            int(cleaned["category"]),
        )
    if cleaned.get("posted_within") is not None:
        days = float(min(max(cleaned["posted_within"], 0), 3650))
        filters.add("d.published_at >= %s", timezone.now() - timedelta(days=days))
    if cleaned.get("lat") is not None and cleaned.get("lng") is not None and cleaned.get("radius_km") is not None:
        centre = (float(cleaned["lat"]), float(cleaned["lng"]))
        conditions, params = radius_conditions("d.latitude", "d.longitude", centre, float(cleaned["radius_km"]))
        filters.conditions.extend(conditions)
        filters.params.extend(params)
        filters.near = True
    currency = (cleaned.get("salary_currency") or settings.BASE_CURRENCY).upper()
    if cleaned.get("salary_min") is not None:
        filters.add("d.salary_yearly_max >= %s", salary_to_yearly_base(cleaned["salary_min"], currency, "year"))
    if cleaned.get("salary_max") is not None:
        filters.add(
            "d.salary_yearly_min > 0 AND d.salary_yearly_min <= %s",
            salary_to_yearly_base(cleaned["salary_max"], currency, "year"),
        )
    return filters
