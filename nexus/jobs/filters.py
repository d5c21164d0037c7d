"""Filters of the public job list; each one backed by an index over listed jobs."""

from datetime import timedelta
from typing import Any

import django_filters as filters
from django.conf import settings
from django.core.validators import validate_slug
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from nexus.core.filters import ChoiceInFilter, CountryFilter, StrictFilterSet, ranged_number
from nexus.core.geo import default_radius_km, radius_conditions
from nexus.core.lookups import as_id
from nexus.search.amounts import salary_read

from .choices import EmploymentType, ExperienceLevel, RemoteType
from .models import Job, JobSkill
from .salary import salary_to_yearly_base

MAX_RADIUS_KM = 500

# Each sort is a keyset ordering (one direction, unique last field) with an index over listed jobs behind it.
SORTS: dict[str, tuple[str, ...]] = {
    "featured": ("-is_featured", "-published_at", "-id"),
    "newest": ("-published_at", "-id"),
    "oldest": ("published_at", "id"),
    "salary": ("-salary_yearly_max", "-id"),
}


class JobFilter(StrictFilterSet):
    q = filters.CharFilter(
        method="filter_text",
        max_length=200,
        help_text='Full-text search as in jobs/search/ (words, "phrases", OR, -excluded, a salary: 100k); by relevance '
        "unless `sort`.",
    )
    category = filters.CharFilter(
        method="filter_category",
        max_length=140,
        validators=[validate_slug],
        help_text="A category id or slug; its descendants are included.",
    )
    industry = filters.CharFilter(
        method="filter_industry", max_length=140, validators=[validate_slug], help_text="An industry id or slug."
    )
    company = filters.NumberFilter(field_name="company_id")
    skills = filters.CharFilter(
        method="filter_skills",
        max_length=500,
        help_text="Comma-separated skill names, aliases or ids; jobs asking for any of them.",
    )
    employment_type = ChoiceInFilter(choices=EmploymentType.choices, lookup_expr="in")
    experience_level = ChoiceInFilter(choices=ExperienceLevel.choices, lookup_expr="in")
    remote_type = ChoiceInFilter(choices=RemoteType.choices, lookup_expr="in")
    country = CountryFilter(field_name="country", max_length=2, help_text="ISO 3166-1 alpha-2 code.")
    city = filters.CharFilter(field_name="city", lookup_expr="iexact", max_length=120)
    remote_country = CountryFilter(
        method="filter_remote_country", max_length=2, help_text="Remote jobs open to applicants in this country."
    )
    lat = ranged_number(
        method="filter_noop", minimum=-90, maximum=90, help_text="Latitude of the centre of a radius search."
    )
    lng = ranged_number(
        method="filter_noop", minimum=-180, maximum=180, help_text="Longitude of the centre of a radius search."
    )
    radius_km = ranged_number(
        method="filter_noop",
        minimum=0,
        maximum=MAX_RADIUS_KM,
        help_text=f"Radius in km around lat and lng, over 0, at most {MAX_RADIUS_KM} "
        "(default: the setting SEARCH_DEFAULT_RADIUS_KM, 50).",
    )
    salary_min = ranged_number(method="filter_noop", minimum=0, help_text="Least yearly salary, in `salary_currency`.")
    salary_max = ranged_number(method="filter_noop", minimum=0, help_text="Most yearly salary, in `salary_currency`.")
    salary_currency = filters.CharFilter(
        method="filter_noop", max_length=3, help_text="Currency of salary_min/max (default: the base currency)."
    )
    sort = filters.ChoiceFilter(
        choices=[(name, name) for name in SORTS],
        method="filter_noop",
        help_text="`featured` (default: featured first, then newest), `newest`, `oldest`, `salary` (highest first).",
    )
    posted_within = filters.NumberFilter(method="filter_posted_within", help_text="Published in the last N days.")

    class Meta:
        model = Job
        fields: list[str] = []

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        if data is not None and data.get("q"):  # `python 100k`: the salary filters (search/amounts.py)
            data, _ = salary_read(data)
        if data is not None and data.get("lat") and data.get("lng") and "radius_km" not in data:
            data = data.copy()  # a centre without a radius: as far as a search near a place reaches by default
            data["radius_km"] = str(default_radius_km())
        super().__init__(data, *args, **kwargs)

    def filter_noop(self, queryset: QuerySet, name: str, value: object) -> QuerySet:
        return queryset  # combined in filter_queryset, which sees all the values together

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """The jobs whose search document matches `value`, and holds the markers of this set's other filters too (the
        planner may then read both from the words' GIN index: search/selectors.jobs_matching)."""
        from nexus.search.filtering import marker_filters
        from nexus.search.selectors import jobs_matching, search_query_analyse

        analysed = search_query_analyse(q=value)
        return jobs_matching(jobs=queryset, analysed=analysed, filters=marker_filters(self))

    def taxonomy_id(self, name: str) -> int | None:
        """The id of the category or industry that the filter `name` gives by id or slug (None: no such slug),
        resolved once per filter set (a search reads it for the jobs queryset and for its documents' filter markers:
        search/filtering.py)."""
        from nexus.taxonomy.models import Category, Industry

        resolved: dict[str, int | None] = self.__dict__.setdefault("_resolved_taxonomy_ids", {})
        if name not in resolved:
            value = self.form.cleaned_data[name]
            model = Category if name == "category" else Industry
            number = as_id(value)
            if number is None:  # a slug: its id read once
                number = model.objects.filter(slug=value).values_list("pk", flat=True).first()
            resolved[name] = number
        return resolved[name]

    def filter_category(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        from nexus.taxonomy.selectors import category_descendant_ids_subquery

        category_id = self.taxonomy_id(name)
        if category_id is None:
            return queryset.none()
        return queryset.filter(category_id__in=category_descendant_ids_subquery(category_id=category_id))

    def filter_industry(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        industry_id = self.taxonomy_id(name)
        return queryset.none() if industry_id is None else queryset.filter(industry_id=industry_id)

    def filter_skills(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Exists(JobSkill.objects.filter(job=OuterRef("pk"), skill_id__in=self.skill_ids(value))))

    def skill_ids(self, value: str) -> set[int]:
        """The ids of the skills `value` names, resolved once per filter set (a search reads them for the jobs
        queryset and for its documents' filter markers: search/filtering.py)."""
        from nexus.taxonomy.selectors import skills_resolve_many

        resolved: dict[str, set[int]] = self.__dict__.setdefault("_resolved_skill_ids", {})
        if value not in resolved:
            names = [part.strip() for part in value.split(",") if part.strip()][:20]
            numeric = [part for part in names if as_id(part) is not None]
            ids = {int(part) for part in numeric}
            ids |= {skill.pk for skill in skills_resolve_many(names=[n for n in names if n not in numeric]).values()}
            resolved[value] = ids
        return resolved[value]

    def filter_remote_country(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        accepts = Q(remote_countries=[]) | Q(remote_countries__contains=[value])
        return queryset.filter(Q(remote_type=RemoteType.REMOTE) & accepts)

    def filter_posted_within(self, queryset: QuerySet, name: str, value: float) -> QuerySet:
        days = float(min(max(value, 0), 3650))  # the form gives a Decimal, which timedelta refuses
        return queryset.filter(published_at__gte=timezone.now() - timedelta(days=days))

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        return self._salary(self._radius(queryset, data), data)

    def _radius(self, queryset: QuerySet, data: dict) -> QuerySet:
        lat, lng, radius = data.get("lat"), data.get("lng"), data.get("radius_km")
        if lat is None and lng is None and radius is None:
            return queryset
        if lat is None or lng is None or radius is None:
            given = {"lat": lat, "lng": lng, "radius_km": radius}
            together = ["Give lat and lng together (and radius_km only with them)."]
            raise ValidationError({name: together for name, value in given.items() if value is None})
        if radius == 0:  # the ranges are the fields' own (min_value, max_value)
            raise ValidationError({"radius_km": ["Give a radius over 0 km."]})
        table = Job._meta.db_table
        conditions, params = radius_conditions(
            f'"{table}"."latitude"', f'"{table}"."longitude"', (float(lat), float(lng)), float(radius)
        )
        return queryset.extra(where=conditions, params=params)  # noqa: S610 - parameters are bound

    def _salary(self, queryset: QuerySet, data: dict) -> QuerySet:
        low, high = data.get("salary_min"), data.get("salary_max")
        if low is None and high is None:
            return queryset
        currency = (data.get("salary_currency") or settings.BASE_CURRENCY).upper()
        try:
            if low is not None:
                queryset = queryset.filter(salary_yearly_max__gte=salary_to_yearly_base(low, currency, "year"))
            if high is not None:
                yearly = salary_to_yearly_base(high, currency, "year")
                queryset = queryset.filter(salary_yearly_min__gt=0, salary_yearly_min__lte=yearly)
        except ValueError as exc:
            raise ValidationError({"salary_currency": [str(exc)]}) from exc
        return queryset
