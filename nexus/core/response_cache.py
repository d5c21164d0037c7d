"""Public responses kept in the shared cache and dropped the moment what they show changes.

Each cached response belongs to a namespace ("jobs", "taxonomy", ...) whose version is part of its
key. Any write to what the namespace shows bumps the version (at the write and after its commit),
so the next reader builds a fresh response: a reader never sees a row as it was before an edit that
has returned. Time-driven changes (a deadline passing) are covered by the entry's lifetime, which
the view bounds by the next such moment among what it shows.

Every cached body carries a strong ETag (a hash of its bytes); a client that sends it back in
If-None-Match gets 304 without the response being rendered again.
"""

import functools
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from drf_orjson_renderer.renderers import ORJSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from . import metrics

T = TypeVar("T")
JSON = "application/json"
# Shared caches may store these answers but must ask again each time: the ETag makes that cheap.
PUBLIC_REVALIDATE = "public, no-cache"
PRIVATE_REVALIDATE = "private, no-cache"


@dataclass(frozen=True)
class CachedBody:
    body: bytes
    content_type: str = JSON
    built_at: datetime = field(default_factory=timezone.now)
    etag: str = field(init=False)  # hashed once when built, stored with the entry, not on every hit

    def __post_init__(self) -> None:
        object.__setattr__(self, "etag", '"' + hashlib.blake2b(self.body, digest_size=16).hexdigest() + '"')


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


def _entry_key(request: HttpRequest, namespace: str, url: str | None = None) -> str:
    """The entry's key: the namespace's current version and the URL (or the caller's normalised form of it)."""
    return f"response-cache:{namespace}:{namespace_version(namespace)}:{url or request.build_absolute_uri()}"


def cached_entry(
    request: HttpRequest,
    *,
    namespace: str,
    build: Callable[[], tuple[T, int]],
    area: str = "",
    url: str | None = None,
) -> T:
    """What is cached for this URL, or built, stored (unless it is true for 0 seconds) and returned.
    `area` names the entry in the hit and miss figures (default: the namespace); `url` replaces the
    request's own URL in the key when equivalent URLs should share one entry."""
    key = _entry_key(request, namespace, url)
    entry = cache.get(key)
    metrics.record_cache_lookup(area or namespace, hit=entry is not None)
    if entry is None:
        entry, seconds = build()
        if seconds > 0:
            cache.set(key, entry, timeout=seconds)
    return entry


def respond(
    request: HttpRequest, page: CachedBody, *, last_modified: bool = False, public: bool = True
) -> HttpResponseBase:
    """The page, or 304 when the client already holds it (If-None-Match, or If-Modified-Since where given)."""
    response = HttpResponse(page.body, content_type=page.content_type)
    response["ETag"] = page.etag
    response["Cache-Control"] = PUBLIC_REVALIDATE if public else PRIVATE_REVALIDATE
    modified = int(page.built_at.timestamp()) if last_modified else None
    if modified is not None:
        response["Last-Modified"] = http_date(modified)
    return get_conditional_response(request, etag=page.etag, last_modified=modified, response=response) or response


def cached_json(
    request: HttpRequest,
    *,
    namespace: str,
    build: Callable[[], tuple[bytes, int]],
    area: str = "",
    url: str | None = None,
) -> HttpResponseBase:
    """A JSON response for this URL from the cache; `build` renders it and says how long it stays true."""

    def build_page() -> tuple[CachedBody, int]:
        body, seconds = build()
        return CachedBody(body), seconds

    return respond(request, cached_entry(request, namespace=namespace, area=area, url=url, build=build_page))


def cached_stream(
    request: HttpRequest,
    *,
    namespace: str,
    content_type: str,
    chunks: Callable[[], Iterable[bytes]],
    seconds: Callable[[], int],
    max_bytes: int,
    area: str = "",
) -> HttpResponseBase:
    """A large response streamed as it is produced and kept for the next reader when it fits in `max_bytes`.

    `seconds` is asked once the stream has ended how long what it showed stays true.
    """
    key = _entry_key(request, namespace)
    page = cache.get(key)
    metrics.record_cache_lookup(area or namespace, hit=page is not None)
    if page is not None:
        return respond(request, page, last_modified=True)

    def stream_and_keep() -> Iterator[bytes]:
        kept: list[bytes] | None = []
        size = 0
        for chunk in chunks():
            if kept is not None:
                size += len(chunk)
                if size > max_bytes:
                    kept = None  # too large to keep: streamed, not cached
                else:
                    kept.append(chunk)
            yield chunk
        lifetime = seconds()
        if kept is not None and lifetime > 0:
            cache.set(key, CachedBody(b"".join(kept), content_type=content_type), timeout=lifetime)

    response = StreamingHttpResponse(stream_and_keep(), content_type=content_type)
    response["Cache-Control"] = PUBLIC_REVALIDATE
    return response


def shared_cache(
    namespace: str, *, seconds: Callable[[], int], area: str = "", applies: Callable[[Request], bool] | None = None
) -> Callable[[Callable[..., Response]], Callable[..., HttpResponseBase]]:
    """Decorates a DRF GET handler whose answer is the same for every reader it `applies` to (default: all):
    the rendered 200 answer is kept in the namespace for `seconds()`; errors are never kept."""

    def decorate(handler: Callable[..., Response]) -> Callable[..., HttpResponseBase]:
        @functools.wraps(handler)
        def cached(view: Any, request: Request, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if applies is not None and not applies(request):
                return handler(view, request, *args, **kwargs)

            def build() -> tuple[CachedBody, int]:
                answer = handler(view, request, *args, **kwargs)
                return CachedBody(ORJSONRenderer().render(answer.data)), seconds()

            return respond(request, cached_entry(request, namespace=namespace, area=area, build=build))

        return cached

    return decorate
