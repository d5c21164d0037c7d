"""Public responses kept in the shared cache and dropped the moment what they show changes.

Each cached response belongs to a namespace ("jobs") whose version is part of its key.
Any write to what the namespace shows bumps the version (at the write and after its commit),
so the next reader builds a fresh response: a reader never sees a job as it was before
an edit that has returned. Time-driven changes (a deadline passing) are covered by the
entry's lifetime, which the view bounds by the next such moment among what it shows.
"""

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse

T = TypeVar("T")


def _version_key(namespace: str) -> str:
    return f"response-cache:{namespace}:version"


def namespace_version(namespace: str) -> int:
    key = _version_key(namespace)
    version = cache.get(key)
    if version is None:
        cache.add(key, 1, timeout=None)
        version = cache.get(key, 1)
    return int(version)


def namespace_bump(namespace: str) -> None:
    """Invalidates every cached response of the namespace now and again once the transaction commits:
    a reader between the two may cache what it saw before the commit, and the second bump drops that."""

    def bump() -> None:
        key = _version_key(namespace)
        try:
            cache.incr(key)
        except ValueError:  # no version yet: nothing cached under one either
            cache.add(key, 1, timeout=None)

    bump()
    transaction.on_commit(bump)


def cached_entry(request: HttpRequest, *, namespace: str, build: Callable[[], tuple[T, int]]) -> T:
    """What is cached for this URL, or built, stored (unless it is true for 0 seconds) and returned."""
    key = f"response-cache:{namespace}:{namespace_version(namespace)}:{request.build_absolute_uri()}"
    entry = cache.get(key)
    if entry is None:
        entry, seconds = build()
        if seconds > 0:
            cache.set(key, entry, timeout=seconds)
    return entry


def cached_json(request: HttpRequest, *, namespace: str, build: Callable[[], tuple[bytes, int]]) -> HttpResponse:
    """A JSON response for this URL from the cache; `build` renders it and says how long it stays true."""
    return json_response(cached_entry(request, namespace=namespace, build=build))


def json_response(body: bytes) -> HttpResponse:
    return HttpResponse(body, content_type="application/json")
