"""The list filters as conditions on the documents table, answered from its own copied columns and markers.

A search reads `search_jobdocument` alone (its GIN, newest-first and earth-point indexes combine in one plan). The
skills, company, industry, remote_country, category and city filters ask for the documents' filter markers
(sql.FILTER_MARKERS), which the words' GIN index answers with the words: as a semi-join with the jobs those filters
admit, `nurse` with skills=python read the 72,000 Python jobs one by one (423 ms).
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import timezone

from nexus.core.geo import radius_conditions
from nexus.jobs.salary import salary_to_yearly_base

from .lexemes import quoted
from .models import INDEXED_FILTERS
from .ranking import all_of, any_of
from .sql import REMOTE_ANYWHERE, field_marker

if TYPE_CHECKING:
    from nexus.jobs.filters import JobFilter

# The documents (`{document}`: their column) holding the filter markers asked, in words of their own: the ways of
# collecting a search's candidates reword the words' match (collecting.TEXT_MATCH) for a walk, and leave this one to
# the GIN index.
MARKERS_MATCH = "{document} @@ (%s::tsquery)"
# The documents holding the marker of the city named (sql.FILTER_MARKERS), upper-cased by PostgreSQL as the document's
# is, and written as a tsquery operand there (quotes and backslashes doubled).
CITY_MATCH = (
    "{document} @@ (('''' || replace(replace('"
    + field_marker("city", "")
    + "' || upper(%s), '\\', '\\\\'), '''', '''''') || '''')::tsquery)"
)


@dataclass(frozen=True)
class Center:
    latitude: float
    longitude: float
    radius_km: float  # the radius the search is within

    @property
    def point(self) -> tuple[float, float]:
        return self.latitude, self.longitude


@dataclass
class DocumentFilters:
    conditions: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)
    center: Center | None = None  # a radius among them: its documents can be walked newest first (collecting.py)
    # `posted_within`'s cutoff: no match is older, so an estimate from the newest matches (facets.py) extrapolates
    # to the documents published since, not to every listed one.
    published_since: datetime | None = None
    # Those of the conditions that the words' GIN index holds too (models.INDEXED_FILTERS, the filter markers): what
    # it yields meets them.
    in_words_index: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)
    # The filter markers' conditions, their document column left to fill in (`{document}`), and their parameters.
    markers: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)

    @property
    def near(self) -> bool:
        return self.center is not None

    def add(self, condition: str, *params: Any, in_words_index: bool = False) -> None:
        self.conditions.append(condition)
        self.params.extend(params)
        if in_words_index:
            self.in_words_index.append((condition, params))

    def add_markers(self, condition: str, *params: Any) -> None:
        """A condition on the filter markers (`{document}`: the document column), which the GIN index holds."""
        self.markers.append((condition, params))
        self.add(condition.format(document="d.document"), *params, in_words_index=True)

    def markers_on(self, document: str) -> tuple[list[str], list[Any]]:
        """The filter markers' conditions on the document column `document` (SQL), and their parameters."""
        return [condition.format(document=document) for condition, _ in self.markers], [
            param for _, params in self.markers for param in params
        ]

    def words_index_part(self) -> "DocumentFilters":
        """The filters that the words' GIN index answers itself, alone."""
        part = DocumentFilters()
        for condition, params in self.in_words_index:
            part.add(condition, *params, in_words_index=True)
        return part


def filter_markers_asked(filterset: "JobFilter") -> list[list[str]]:
    """For each filter of a validated JobFilter that the filter markers (sql.FILTER_MARKERS) answer, the markers of
    which a document of a job it admits holds one (none for skills named that no skill is)."""
    cleaned = filterset.form.cleaned_data
    asked: list[list[str]] = []
    if cleaned.get("skills"):
        asked.append([field_marker("skill", str(pk)) for pk in sorted(filterset.skill_ids(cleaned["skills"]))])
    if cleaned.get("company") is not None:
        asked.append([field_marker("company", str(int(cleaned["company"])))])
    for name in ("industry", "category"):  # a category's marker: its jobs' and its descendants
        if cleaned.get(name):
            named = filterset.taxonomy_id(name)
            asked.append([field_marker(name, str(named))] if named is not None else [])
    if cleaned.get("remote_country"):
        accepted = (cleaned["remote_country"], REMOTE_ANYWHERE)
        asked.append([field_marker("remote_country", country) for country in accepted])
    return asked


def marker_filters(filterset: "JobFilter") -> DocumentFilters:
    """The list filters of a JobFilter whose form is valid that the filter markers answer, as conditions on
    `search_jobdocument d` (skills named that no skill is: FALSE, as no job has them)."""
    filters = DocumentFilters()
    asked = filter_markers_asked(filterset)
    if not all(asked):
        filters.add("FALSE")
    elif asked:
        markers = all_of(any_of(quoted(marker) for marker in markers) for markers in asked)
        filters.add_markers(MARKERS_MATCH, markers)
    if filterset.form.cleaned_data.get("city"):
        filters.add_markers(CITY_MATCH, filterset.form.cleaned_data["city"])
    return filters


def document_filters(filterset: "JobFilter") -> DocumentFilters:
    """Conditions on `search_jobdocument d` equivalent to the list filters of a JobFilter (validated: the jobs
    queryset built from it has raised on anything wrong)."""
    cleaned = filterset.form.cleaned_data
    filters = marker_filters(filterset)
    for name in ("employment_type", "experience_level", "remote_type"):
        if cleaned.get(name):
            filters.add(f"d.{name} = ANY(%s)", list(cleaned[name]), in_words_index=name in INDEXED_FILTERS)
    if cleaned.get("country"):
        filters.add("d.country = %s", cleaned["country"].upper(), in_words_index="country" in INDEXED_FILTERS)
    if cleaned.get("posted_within") is not None:
        days = float(min(max(cleaned["posted_within"], 0), 3650))
        filters.published_since = timezone.now() - timedelta(days=days)
        filters.add("d.published_at >= %s", filters.published_since)
    if cleaned.get("lat") is not None and cleaned.get("lng") is not None and cleaned.get("radius_km") is not None:
        center = filters.center = Center(float(cleaned["lat"]), float(cleaned["lng"]), float(cleaned["radius_km"]))
        conditions, params = radius_conditions("d.latitude", "d.longitude", center.point, center.radius_km)
        filters.conditions.extend(conditions)
        filters.params.extend(params)
    currency = (cleaned.get("salary_currency") or settings.BASE_CURRENCY).upper()
    if cleaned.get("salary_min") is not None:
        filters.add("d.salary_yearly_max >= %s", salary_to_yearly_base(cleaned["salary_min"], currency, "year"))
    if cleaned.get("salary_max") is not None:
        filters.add(
            "d.salary_yearly_min > 0 AND d.salary_yearly_min <= %s",
            salary_to_yearly_base(cleaned["salary_max"], currency, "year"),
        )
    return filters
