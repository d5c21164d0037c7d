"""What a search works out from its words alone, kept in the shared cache between requests.

A query's analysis (its tsquery, corrections and "did you mean") depends on the skills with their aliases
and on the vocabulary, not on the jobs, and the choice of how to collect its candidates depends on the
planner's statistics. Both outlive the cached answers, which any job write drops, and the next page, other
filters or a changed job ask for them again. They are kept for SEARCH_MEMO_SECONDS: the analysis also only
under the taxonomy namespace's version (a skill or alias write drops it at once), so the time bounds how long
a word that jobs start to use, or the hourly recount of the vocabulary, takes to change a correction.
"""

import hashlib
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from nexus.core.response_cache import version_key

T = TypeVar("T")


def _timestamps_as_ages(part: Any) -> Any:
    if isinstance(part, list | tuple):
        return [_timestamps_as_ages(item) for item in part]
    if isinstance(part, datetime):
        return f"{round((timezone.now() - part).total_seconds() / 3600)} hours ago"
    return part


def memo_key(kind: str, *parts: Any) -> str:
    """A short key for `parts`, timestamps as how many hours ago they are, in lists too: a deadline's "now" or a
    `posted_within` cutoff changes at every request, not what is kept, and `posted_within=1` keeps its own."""
    kept = repr(_timestamps_as_ages(parts))
    return f"search-memo:{kind}:{hashlib.blake2b(kept.encode(), digest_size=16).hexdigest()}"


def remembered(key: str, compute: Callable[[], T], *, namespace: str | None = None) -> T:
    """The value kept under `key` (and the namespace's current version, if given), else computed and kept:
    one cache round trip when it is there."""
    keys = [key, version_key(namespace)] if namespace else [key]
    found = cache.get_many(keys)
    version = found.get(version_key(namespace)) if namespace else None
    kept = found.get(key)
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == version:
        return kept[1]
    value = compute()
    cache.set(key, (version, value), timeout=settings.SEARCH_MEMO_SECONDS)
    return value


def remembered_anew(key: str, value: T) -> T:
    """`value` kept under `key` (no namespace) in place of what was, for SEARCH_MEMO_SECONDS."""
    cache.set(key, (None, value), timeout=settings.SEARCH_MEMO_SECONDS)
    return value
