"""Public responses kept in the shared cache and dropped the moment what they show changes.

Each cached response belongs to a namespace ("jobs", "taxonomy", ...) and is stored under its
normalised URL together with the namespace's version at the time it was built. Any write to what the
namespace shows bumps the version (at the write and after its commit), so an entry of an older
version is a miss and the next reader builds a fresh response: a reader never sees a row as it was
before an edit that has returned. Time-driven changes (a deadline passing) are covered by the
entry's lifetime, which the view bounds by the next such moment among what it shows.

Every cached body carries a strong ETag (a hash of its bytes); a client that sends it back in
If-None-Match gets 304 without the response being rendered again. Anonymous hits are usually
answered before the rest of the stack by `cache_hits.SharedCacheHitMiddleware`, from the same entries.
"""

import functools
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

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

JSON = "application/json"
# Shared caches may store these answers but must ask again each time: the ETag makes that cheap.
PUBLIC_REVALIDATE = "public, no-cache"
PRIVATE_REVALIDATE = "private, no-cache"
NAMESPACES: set[str] = set()
# What a page asks to be done at each answer, hit or not (e.g. counting a job view), by name.
VIEW_HOOKS: dict[str, "ViewHook"] = {}


@dataclass(frozen=True)
class ViewHook:
    """Something done when a page is answered, at most once per `once(request, *args)` key (a cache key and
    its lifetime) so that repeats cost one cache operation; `record(request, *args)` does it."""

    once: Callable[..., tuple[str, int]]
    record: Callable[..., None]


@dataclass(frozen=True)
class CachedBody:
    """A rendered answer as it is kept: the body and what its headers say about it."""

    body: bytes
    content_type: str = JSON
    built_at: datetime = field(default_factory=timezone.now)
    public: bool = True  # the same for every reader; private pages are answered but never kept
    last_modified: bool = False  # also answered with Last-Modified (feeds)
    viewed: tuple[Any, ...] = ()  # a VIEW_HOOKS name and its arguments
    etag: str = field(init=False)  # hashed once when built, stored with the entry, not on every hit

    def __post_init__(self) -> None:
        object.__setattr__(self, "etag", '"' + hashlib.blake2b(self.body, digest_size=16).hexdigest() + '"')


@dataclass(frozen=True)
class Entry:
    """What the cache holds for one URL: the page, the namespace version it shows, and where it came from."""

    page: CachedBody
    namespace: str
    version: int
    area: str  # names the entry in the hit and miss figures
    route: str  # the URL pattern and view name, for the per-route figures of answers served from the cache
    view_name: str


def namespace(name: str) -> str:
    """Declares a namespace (at import), so that a cache lookup can read every version with its entry."""
    NAMESPACES.add(name)
    return name


def version_key(name: str) -> str:
    return f"response-cache:{name}:version"


def namespace_version(name: str) -> int:
    key = version_key(name)
    version = cache.get(key)
    if version is None:
        cache.add(key, 1, timeout=None)
        version = cache.get(key, 1)
    return int(version)


def namespace_bump(name: str) -> None:
    """Invalidates every cached response of the namespace now and again once the transaction commits:
    a reader between the two may cache what it saw before the commit, and the second bump drops that."""

    def bump() -> None:
        key = version_key(name)
        try:
            cache.incr(key)
        except ValueError:  # no version yet: nothing cached under one either
            cache.add(key, 1, timeout=None)

    bump()
    transaction.on_commit(bump)


def view_hook(
    name: str, *, once: Callable[..., tuple[str, int]]
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Registers what a page with `viewed=(name, *args)` records at each answer, at most once per `once` key."""

    def register(record: Callable[..., None]) -> Callable[..., None]:
        VIEW_HOOKS[name] = ViewHook(once=once, record=record)
        return record

    return register


def view_to_record(request: HttpRequest, page: CachedBody) -> tuple[ViewHook, tuple[Any, ...], str, int] | None:
    """The page's view hook, its arguments and its once key with the key's lifetime (None: nothing to record)."""
    if not page.viewed:
        return None
    name, *args = page.viewed
    hook = VIEW_HOOKS[name]
    key, seconds = hook.once(request, *args)
    return hook, tuple(args), key, seconds


def page_viewed(request: HttpRequest, page: CachedBody) -> None:
    """Runs the page's view hook unless its once key says it was already recorded."""
    view = view_to_record(request, page)
    if view is not None:
        hook, args, key, seconds = view
        if cache.add(key, 1, timeout=seconds):
            hook.record(request, *args)


def normalised_url(request: HttpRequest) -> str:
    """What the cache keys a response by: the URL with its parameters sorted and the query's spaces
    collapsed, so `?q=python%20%20dev&page_size=20` and `?page_size=20&q=python dev` share one entry.
    Worked out once per request (the front, the view and the keeping each ask)."""
    underlying: Any = getattr(request, "_request", request)  # DRF's Request wraps Django's
    known = getattr(underlying, "_nexus_normalised_url", None)
    if known is None:
        known = _normalised_url(underlying)
        underlying._nexus_normalised_url = known
    return known


def _normalised_url(request: HttpRequest) -> str:
    if not request.GET:
        return request.build_absolute_uri(request.path)
    params = sorted(
        (name, _collapsed(value) if name == "q" else value) for name, values in request.GET.lists() for value in values
    )
    return request.build_absolute_uri(f"{request.path}?{urlencode(params)}")


def _collapsed(query: str) -> str:
    """Runs of spaces as one; a trailing space is kept, since it says the last word is finished."""
    return " ".join(query.split()) + (" " if query != query.rstrip() and query.strip() else "")


def entry_key(request: HttpRequest) -> str:
    return f"response-cache:{normalised_url(request)}"


def entry_if_current(entry: Any, versions: dict[str, Any]) -> Entry | None:
    """The entry when it was built under its namespace's current version, else None (a miss)."""
    if not isinstance(entry, Entry) or versions.get(entry.namespace) is None:
        return None
    return entry if int(versions[entry.namespace]) == entry.version else None


# What the cache's front (cache_hits.py) found of the URL's entry and of every namespace version when it looked
# the URL up and had no answer: in the ASGI scope (the front on the event loop) or on the request (the
# middleware), so the view does not ask the cache again.
FOUND_IN_FRONT = "nexus.shared_cache_found"


def found_in_front(request: HttpRequest) -> dict[str, Any] | None:
    found = getattr(request, "shared_cache_found", None)
    return found if found is not None else getattr(request, "scope", {}).get(FOUND_IN_FRONT)


def _lookup(request: HttpRequest, namespace: str, area: str) -> tuple[str, int, CachedBody | None]:
    """The entry's key, the namespace's current version and the current page if one is cached (one round trip,
    none when the front has just looked)."""
    key = entry_key(request)
    found = found_in_front(request)
    if found is None:
        found = cache.get_many([key, version_key(namespace)])
    version = found.get(version_key(namespace))
    if version is None:
        version = namespace_version(namespace)
    entry = entry_if_current(found.get(key), {namespace: version})
    metrics.record_cache_lookup(area or namespace, hit=entry is not None)
    return key, int(version), entry.page if entry else None


def entry_of(request: HttpRequest, page: CachedBody, *, namespace: str, version: int, area: str) -> Entry:
    """The cache entry of this request's page, shown under the namespace's `version`."""
    match = request.resolver_match
    return Entry(
        page=page,
        namespace=namespace,
        version=version,
        area=area or namespace,
        route=match.route if match else "",
        view_name=match.view_name if match else "",
    )


def keeps(page: CachedBody, seconds: int) -> bool:
    """Whether a page built now is kept: it is public and stays true a while."""
    return seconds > 0 and page.public


def _keep(
    request: HttpRequest, key: str, page: CachedBody, *, namespace: str, version: int, area: str, seconds: int
) -> None:
    """Stores the page for `seconds` unless it is private or already out of date."""
    if not keeps(page, seconds):
        return
    cache.set(key, entry_of(request, page, namespace=namespace, version=version, area=area), timeout=seconds)


def cached_page(
    request: HttpRequest, *, namespace: str, build: Callable[[], tuple[CachedBody, int]], area: str = ""
) -> CachedBody:
    """What is cached for this URL, or built, stored (unless it is true for 0 seconds or private) and returned.
    `area` names the entry in the hit and miss figures (default: the namespace)."""
    _key, version, page = _lookup(request, namespace, area)
    return (
        page if page is not None else kept_page(request, namespace=namespace, version=version, build=build, area=area)
    )


def kept_page(
    request: HttpRequest, *, namespace: str, version: int, build: Callable[[], tuple[CachedBody, int]], area: str = ""
) -> CachedBody:
    """The page of a URL missing from the cache under the namespace's current `version`: built, and stored
    (unless it is true for 0 seconds or private)."""
    page, seconds = build()
    _keep(request, entry_key(request), page, namespace=namespace, version=version, area=area, seconds=seconds)
    return page


def json_page(build: Callable[[], tuple[bytes, int]]) -> Callable[[], tuple[CachedBody, int]]:
    """A page builder from a JSON body builder (`build` renders the body and says how long it stays true)."""

    def build_page() -> tuple[CachedBody, int]:
        body, seconds = build()
        return CachedBody(body), seconds

    return build_page


def respond(request: HttpRequest, page: CachedBody) -> HttpResponseBase:
    """The page, or 304 when the client already holds it (If-None-Match, or If-Modified-Since where given)."""
    response = HttpResponse(page.body, content_type=page.content_type)
    response["ETag"] = page.etag
    response["Cache-Control"] = PUBLIC_REVALIDATE if page.public else PRIVATE_REVALIDATE
    modified = int(page.built_at.timestamp()) if page.last_modified else None
    if modified is not None:
        response["Last-Modified"] = http_date(modified)
    return get_conditional_response(request, etag=page.etag, last_modified=modified, response=response) or response


def cached_response(
    request: HttpRequest, *, namespace: str, build: Callable[[], tuple[CachedBody, int]], area: str = ""
) -> HttpResponseBase:
    """The cached (or built) page of this URL, answered, with its view hook run."""
    page = cached_page(request, namespace=namespace, build=build, area=area)
    page_viewed(request, page)
    return respond(request, page)


def cached_json(
    request: HttpRequest, *, namespace: str, build: Callable[[], tuple[bytes, int]], area: str = ""
) -> HttpResponseBase:
    """A JSON response for this URL from the cache; `build` renders it and says how long it stays true."""
    return cached_response(request, namespace=namespace, area=area, build=json_page(build))


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
    key, version, page = _lookup(request, namespace, area)
    if page is not None:
        return respond(request, page)

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
        if kept is not None:
            page = CachedBody(b"".join(kept), content_type=content_type, last_modified=True)
            _keep(request, key, page, namespace=namespace, version=version, area=area, seconds=seconds())

    response = StreamingHttpResponse(stream_and_keep(), content_type=content_type)
    response["Cache-Control"] = PUBLIC_REVALIDATE
    return response


def shared_cache(
    namespace: str, *, seconds: Callable[[], int], area: str = "", applies: Callable[[Request], bool] | None = None
) -> Callable[[Callable[..., Response]], Callable[..., HttpResponseBase]]:
    """Decorates a DRF GET handler whose answer is the same for every reader it `applies` to (default: all;
    anonymous readers must be among them): the rendered 200 answer is kept in the namespace for `seconds()`;
    errors are never kept."""

    def decorate(handler: Callable[..., Response]) -> Callable[..., HttpResponseBase]:
        @functools.wraps(handler)
        def cached(view: Any, request: Request, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if applies is not None and not applies(request):
                return handler(view, request, *args, **kwargs)

            def build() -> tuple[CachedBody, int]:
                answer = handler(view, request, *args, **kwargs)
                return CachedBody(ORJSONRenderer().render(answer.data)), seconds()

            return cached_response(request, namespace=namespace, area=area, build=build)

        return cached

    return decorate
