from django.db.models import QuerySet
from django_filters import rest_framework as filters

from nexus.core.filters import CountryFilter, StrictBooleanFilter
from nexus.core.lookups import as_id

from .models import Company
from .selectors import company_ids_of_member


class CompanyFilter(filters.FilterSet):
    q = filters.CharFilter(
        field_name="name", lookup_expr="icontains", max_length=100, help_text="Part of the name, any case."
    )
    industry = filters.CharFilter(method="filter_industry", max_length=140, help_text="Industry id or slug.")
    verified = StrictBooleanFilter(field_name="is_verified", help_text="`true`: verified companies only.")
    country = CountryFilter(
        field_name="headquarters_country", max_length=2, help_text="Headquarters country, ISO 3166-1 alpha-2 (e.g. ET)."
    )
    mine = filters.BooleanFilter(
        method="filter_mine", help_text="`true`: only the companies you belong to, whatever their moderation status."
    )

    class Meta:
        model = Company
        fields: list[str] = []

    def filter_industry(self, queryset: QuerySet[Company], name: str, value: str) -> QuerySet[Company]:
        industry_id = as_id(value)
        if industry_id is not None:
            return queryset.filter(industry_id=industry_id)
        return queryset.filter(industry__slug=value)

    def filter_mine(self, queryset: QuerySet[Company], name: str, value: bool | None) -> QuerySet[Company]:
        if not value:
            return queryset
        return queryset.filter(pk__in=company_ids_of_member(user=self.request.user))
