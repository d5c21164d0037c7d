"""Reading ids and slugs out of paths and query strings."""

from django.db.models import Q

MAX_ID_DIGITS = 18  # every bigint id fits


def as_id(value: str) -> int | None:
    """The value as a database id when it is one: ASCII digits ("²".isdigit() is true, yet int("²") fails)."""
    if value.isascii() and value.isdigit() and len(value) <= MAX_ID_DIGITS:
        return int(value)
    return None


def id_or_slug(value: str) -> Q:
    """Matches a row by numeric id or by slug; a NUL (which PostgreSQL refuses in text) matches nothing."""
    if "\x00" in value:
        return Q(pk__in=[])
    number = as_id(value)
    return Q(pk=number) if number is not None else Q(slug=value)
