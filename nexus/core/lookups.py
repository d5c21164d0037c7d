"""Reading ids and slugs out of paths and query strings."""

from collections.abc import Mapping
from typing import TypeVar

from django.db.models import Q
from rest_framework.exceptions import ValidationError

T = TypeVar("T")

MAX_ID_DIGITS = 18  # every bigint id fits


def ascii_digits(value: str) -> bool:
    """Whether the value is written in ASCII digits only ("²".isdigit() is true, yet int("²") fails)."""
    return value.isascii() and value.isdigit()


def whole_number(value: str, *, low: int, high: int) -> int | None:
    """The value as a whole number from `low` to `high` when it is one, written in ASCII digits."""
    if ascii_digits(value) and len(value) <= len(str(high)) and low <= int(value) <= high:
        return int(value)
    return None


def whole_number_parameter(params: Mapping[str, str], name: str, *, high: int, default: T, message: str) -> int | T:
    """The query parameter `name` as a whole number from 1 to `high` (`default` when it is not given); anything
    else is a 400 naming it, with `message`."""
    raw = params.get(name)
    if raw is None:
        return default
    number = whole_number(raw, low=1, high=high)
    if number is None:
        raise ValidationError({name: [message]})
    return number


def as_id(value: str) -> int | None:
    """The value as a database id when it is one."""
    return whole_number(value, low=0, high=10**MAX_ID_DIGITS - 1)


def id_or_slug(value: str) -> Q:
    """Matches a row by numeric id or by slug; a NUL (which PostgreSQL refuses in text) matches nothing."""
    if "\x00" in value:
        return Q(pk__in=[])
    number = as_id(value)
    return Q(pk=number) if number is not None else Q(slug=value)
