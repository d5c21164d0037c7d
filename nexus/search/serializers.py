import html
from typing import Any

from rest_framework import serializers

from nexus.jobs.serializers import JobListSerializer

from .highlights import MARK_CLOSE, MARK_OPEN
from .models import SuggestionKind


def marked_html(text: str | None) -> str | None:
    """Text with the matched words in <mark>: escaped first, so a job's text can never inject markup."""
    if text is None:
        return None
    return html.escape(text).replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")


class HighlightSerializer(serializers.Serializer):
    title = serializers.CharField(help_text="The title, HTML-escaped, matched words in <mark>.")
    snippet = serializers.CharField(help_text="Best fragments of the description, HTML-escaped, words in <mark>.")


# A job's list item and what the search adds to it: the answer's shape (search_result builds it).
class SearchResultSerializer(JobListSerializer):
    highlight = HighlightSerializer(allow_null=True, read_only=True, help_text="Null when there were no words.")
    distance_km = serializers.FloatField(allow_null=True, read_only=True, help_text="Given a centre (near, lat/lng).")

    class Meta(JobListSerializer.Meta):
        fields = [*JobListSerializer.Meta.fields, "highlight", "distance_km"]
        read_only_fields = fields


def search_result(item: dict[str, Any], highlight: tuple[str, str] | None, distance_km: float | None) -> dict[str, Any]:
    """A job's list item (nexus/jobs/list_items.py) with its highlights, HTML-escaped with the words in <mark>,
    and its distance in km."""
    return {
        **item,
        "highlight": None
        if highlight is None
        else {"title": marked_html(highlight[0]), "snippet": marked_html(highlight[1])},
        "distance_km": None if distance_km is None else round(distance_km, 2),
    }


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField(allow_blank=True, help_text="'' counts the jobs that do not say.")
    count = serializers.IntegerField()


class CategoryFacetSerializer(serializers.Serializer):
    value = serializers.IntegerField(allow_null=True, help_text="Category id; null counts jobs without one.")
    name = serializers.CharField(allow_blank=True)
    slug = serializers.CharField(allow_blank=True)
    count = serializers.IntegerField()


class LocationFacetSerializer(serializers.Serializer):
    city = serializers.CharField(allow_blank=True)
    country = serializers.CharField(allow_blank=True)
    count = serializers.IntegerField()


class FacetsSerializer(serializers.Serializer):
    employment_type = FacetValueSerializer(many=True)
    experience_level = FacetValueSerializer(many=True)
    remote_type = FacetValueSerializer(many=True)
    category = CategoryFacetSerializer(many=True)
    location = LocationFacetSerializer(many=True, help_text="The 10 places with the most matches.")


class SalaryAskedSerializer(serializers.Serializer):
    min = serializers.IntegerField(help_text="Least yearly salary, as `salary_min`.")
    max = serializers.IntegerField(allow_null=True, help_text="Most yearly salary (of a range), as `salary_max`.")
    currency = serializers.CharField(
        allow_null=True,
        help_text="Currency of its sign (`$` USD, `£` GBP, `€` EUR, `₹` INR) or unit (`lpa`: INR); null: "
        "`salary_currency`.",
    )


class QueryInfoSerializer(serializers.Serializer):
    text = serializers.CharField(allow_blank=True, help_text="The query as given.")
    corrections = serializers.DictField(child=serializers.CharField(), help_text="Misspelt word -> word searched too.")
    did_you_mean = serializers.CharField(
        allow_null=True,
        help_text="The query with its misspellings corrected; finding nothing, also without words no job holds.",
    )
    ignored = serializers.BooleanField(help_text="True when nothing searchable was left (only stop words or signs).")
    salary = SalaryAskedSerializer(
        allow_null=True,
        help_text="The salary the query typed (`python 100k`, `nurse £40k`, `60-80k`, `$25/hr`), read as the salary "
        "filters, a year's pay, and left out of its words (null: none, or `salary_min`/`salary_max` given).",
    )


class PlaceSerializer(serializers.Serializer):
    name = serializers.CharField()
    country = serializers.CharField()
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()


class SearchResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField(
        help_text="Matching jobs: counted, or estimated from the newest matches when more match than were read."
    )
    count_exact = serializers.BooleanField(
        help_text="False when `count` and the facets are estimates (more jobs match than were read)."
    )
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    sort = serializers.CharField()
    query = QueryInfoSerializer()
    place = PlaceSerializer(allow_null=True, help_text="Where `near` was resolved to.")
    facets = FacetsSerializer()
    results = SearchResultSerializer(many=True)


class SuggestionSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=SuggestionKind.choices)
    label = serializers.CharField()
    popularity = serializers.IntegerField(help_text="Listed jobs it stands for.")


class SuggestResponseSerializer(serializers.Serializer):
    results = SuggestionSerializer(many=True)
