"""Anonymous hits of the shared response cache, answered before the rest of the stack.

Public pages (job lists, searches, job and company pages, taxonomy, feeds) are the same for every
anonymous reader, and most readers are anonymous. For an anonymous GET the URL's entry is read
together with every namespace version in one cache round trip and, when the entry is current, the
request is answered from it at once, skipping the work the rest of the stack would redo for the same
answer. Under ASGI (production) `SharedCacheHitApp` does this in front of Django, on the event loop
with an asyncio Redis client, so a hit never waits for the worker's thread that runs Django's
synchronous views; under WSGI (and Django's test client) `SharedCacheHitMiddleware` does it first in
the middleware chain. The middleware also runs under ASGI, for what passes the front: it learns the
headers, and skips the lookup the front already made.

Routes whose answer costs less than Django's stack around it (autocomplete) can also have their misses
computed here (`build_in_front`): their parameters are checked, the answer is built (its query over an
asyncio connection, async_database.py), answered, then kept in the cache, all on the event loop, with the
same headers, rate counting and figures. A wrong parameter passes to the full stack, which answers it
with its error.

Everything else passes through unchanged: other misses, stale entries, requests with credentials (an
Authorization header: DRF decides who they are and what they see), other methods. What a hit must
still do is done here too:

- the anonymous rate limit is counted (over it, the request goes on to be refused by DRF with 429): for a
  route built in front whose parameters are valid, which the front answers hit or miss, in the lookup's own
  round trip;
- the page's view hook runs (a job page counts a view): off the event loop, beside the answer;
- the headers are those the full stack gave the same route: they are learned from its answers to
  anonymous readers (per route and scheme), and a route is served here only once they are known;
- X-Request-ID, conditional requests (304), and the request, cache and query figures per route.
"""

import asyncio
import functools
import io
import logging
import time
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.handlers.asgi import ASGIHandler, ASGIRequest
from django.db import connections
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.urls import ResolverMatch, resolve, reverse

from . import metrics
from .async_database import queries_recorded
from .lookups import ascii_digits
from .request_id import assign_request_id
from .response_cache import (
    FOUND_IN_FRONT,
    NAMESPACES,
    PUBLIC_REVALIDATE,
    CachedBody,
    Entry,
    entry_if_current,
    entry_key,
    entry_of,
    keeps,
    page_viewed,
    respond,
    version_key,
    view_to_record,
)
from .throttling import AnonymousRateThrottle, queue_count

# Headers that belong to one answer, not to its route: never learned, set for each answer instead.
OWN_HEADERS = {"content-type", "content-length", "etag", "cache-control", "last-modified", "x-request-id", "date"}
logger = logging.getLogger(__name__)
# The headers the full stack gives each route's public cached answers, by (route, https), in this process.
ROUTE_HEADERS: dict[tuple[str, bool], list[tuple[str, str]]] = {}
LOOKED_UP = "nexus.shared_cache_looked_up"  # set in the ASGI scope once the front has looked the URL up
# What the front keeps per event loop, by kind: its cache backend and its asyncio Redis client.
_kept_per_loop: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, Any]]" = weakref.WeakKeyDictionary()


def _this_loops(kind: str, make: Callable[[], Any]) -> Any:
    """This event loop's `kind`, made by `make` the first time it is asked for."""
    kept = _kept_per_loop.setdefault(asyncio.get_running_loop(), {})
    if kind not in kept:
        kept[kind] = make()
    return kept[kind]


def _front_cache() -> Any:
    """This event loop's backend of the cache, for its keys and its client's encoding: `cache` is one per request
    context, which on the event loop is one per request, each made with its client (about 35 µs)."""
    return _this_loops("cache", lambda: caches.create_connection(DEFAULT_CACHE_ALIAS))


def _async_redis() -> Any:
    """This event loop's asyncio client of the cache's Redis (None with another cache backend)."""
    if not getattr(settings, "REDIS_URL", "") or not hasattr(_front_cache(), "client"):
        return None

    def connected() -> Any:
        from redis.asyncio import Redis

        return Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2)

    return _this_loops("redis", connected)


def _record_off_loop(record: Callable[[HttpRequest], None], request: HttpRequest) -> None:
    """A page's view hook in a worker thread; its database connection goes back to the pool at once."""
    try:
        record(request)
    finally:
        connections.close_all()


def _log_failure(recording: "asyncio.Future[None]") -> None:
    if not recording.cancelled() and recording.exception() is not None:
        logger.error("Recording a page view failed", exc_info=recording.exception())


def eligible(request: HttpRequest) -> bool:
    meta = request.META
    return (
        request.method == "GET"
        and "HTTP_AUTHORIZATION" not in meta
        and ascii_digits(meta.get("CONTENT_LENGTH") or "0")  # else MalformedRequestMiddleware refuses it
    )


def lookup_keys(request: HttpRequest) -> list[str]:
    return [entry_key(request), *(version_key(name) for name in sorted(NAMESPACES))]


def current_entry(request: HttpRequest, keys: list[str], found: dict[str, Any]) -> Entry | None:
    """The URL's entry (the first of `keys`, as lookup_keys gives them) if it is current and the full stack
    has shown this process the route's headers."""
    versions = {name: found.get(version_key(name)) for name in NAMESPACES}
    entry = entry_if_current(found.get(keys[0]), versions)
    if entry is None or (entry.route, request.is_secure()) not in ROUTE_HEADERS:
        return None
    return entry


def counted_within_rate(request: HttpRequest) -> bool:
    """Counts the request against the anonymous rate limit; False when it is over (DRF then refuses it)."""
    throttle = AnonymousRateThrottle()
    if throttle.rate is None:
        return True
    return throttle.within_limit(throttle.count(throttle.window_key(throttle.ident_of(request))))


def answer(request: HttpRequest, entry: Entry, started: float, *, queries: int | None = None) -> HttpResponseBase:
    """The entry as the full stack would answer it, with this request's id and figures (`queries`: the entry was
    computed in front of the stack with that many queries, not found in the cache)."""
    request_id = assign_request_id(request)
    response = respond(request, entry.page)
    for name, value in ROUTE_HEADERS[(entry.route, request.is_secure())]:
        response[name] = value
    response["Content-Length"] = str(len(response.content))  # as CommonMiddleware sets it
    response["X-Request-ID"] = request_id
    if queries is None:
        metrics.record_cache_lookup(entry.area, hit=True)
    metrics.record_answer_from_cache(
        route=entry.route,
        view=entry.view_name,
        status=response.status_code,
        seconds=time.perf_counter() - started,
        transport="https" if request.is_secure() else "http",
        queries=queries or 0,
        from_cache=queries is None,
    )
    return response


def learn(request: HttpRequest, response: HttpResponseBase) -> None:
    """Remembers the headers the full stack gives a route's public cached answers to anonymous readers."""
    match = request.resolver_match
    if (
        match is not None
        and eligible(request)
        and response.status_code == 200
        and response.get("Cache-Control") == PUBLIC_REVALIDATE
        and "Set-Cookie" not in response
        and not response.cookies
    ):
        own = [(name, value) for name, value in response.items() if name.lower() not in OWN_HEADERS]
        ROUTE_HEADERS[(match.route, request.is_secure())] = own


@dataclass(frozen=True)
class BuiltInFront:
    """A public route whose misses are computed in front of Django too: `arguments(request)` reads and checks
    the parameters (None: the full stack answers, with its error), `build(arguments)` renders the body and says
    how long it stays true, both on the event loop (queries through async_database.py). For routes whose answer
    costs less than Django's stack around it (autocomplete)."""

    namespace: str
    area: str
    arguments: Callable[[HttpRequest], Any]
    build: Callable[[Any], Awaitable[tuple[bytes, int]]]


BUILT_IN_FRONT: dict[str, BuiltInFront] = {}  # by URL name
_routes: dict[str, tuple[BuiltInFront, ResolverMatch]] = {}  # by path, once the URLs can be resolved


def build_in_front(url_name: str, front: BuiltInFront) -> None:
    BUILT_IN_FRONT[url_name] = front
    _routes.clear()


def _built_in_front(path: str) -> tuple[BuiltInFront, ResolverMatch] | None:
    """The route built in front at this path, with its URL pattern (None: the full stack answers it)."""
    if len(_routes) != len(BUILT_IN_FRONT):
        for name, front in BUILT_IN_FRONT.items():
            route_path = reverse(name)
            _routes[route_path] = (front, resolve(route_path))
    return _routes.get(path)


class SharedCacheHitMiddleware:
    """First in the chain: answers anonymous hits (unless the ASGI front already looked) and learns headers."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        started = time.perf_counter()
        if eligible(request) and not getattr(request, "scope", {}).get(LOOKED_UP):
            keys = lookup_keys(request)
            found = cache.get_many(keys)
            entry = current_entry(request, keys, found)
            if entry is not None and counted_within_rate(request):
                page_viewed(request, entry.page)
                return answer(request, entry, started)
            request.shared_cache_found = found  # type: ignore[attr-defined]
        response = self.get_response(request)
        learn(request, response)
        return response


class SharedCacheHitApp:
    """In front of Django's ASGI application: answers anonymous hits on the event loop."""

    def __init__(self, django: ASGIHandler) -> None:
        self.django = django

    async def __call__(self, scope: dict[str, Any], receive: Callable[..., Any], send: Callable[..., Any]) -> None:
        if scope["type"] == "http" and scope["method"] == "GET":
            started = time.perf_counter()
            route, arguments, counted = None, None, None
            try:
                request = ASGIRequest(scope, io.BytesIO())
                found = None
                if eligible(request):
                    route = _built_in_front(request.path)
                    arguments = _arguments_if_served(request, *route) if route is not None else None
                    found, counted = await _found(request, count=arguments is not None)
                hit = await self._hit(request, *found, counted) if found is not None else None
            except Exception:  # a request Django refuses (a bad Host, say): Django answers it
                hit, request, found = None, None, None
            if hit is not None and request is not None:
                entry, record_view = hit
                if record_view is not None:  # recorded beside the answer: it changes nothing in it
                    recording = asyncio.get_running_loop().run_in_executor(None, _record_off_loop, record_view, request)
                    recording.add_done_callback(_log_failure)
                await self.django.send_response(answer(request, entry, started), send)
                return
            if request is not None and route is not None and arguments is not None and found is not None:
                built = await self._built(request, route[0], route[1], found[1], arguments, counted)
                if built is not None:
                    entry, queries, seconds = built
                    await self.django.send_response(answer(request, entry, started, queries=queries), send)
                    if seconds is not None:
                        await _kept_once_answered(request, entry, seconds)
                    return
            scope = {**scope, LOOKED_UP: request is not None, FOUND_IN_FRONT: found[1] if found is not None else None}
        await self.django(scope, receive, send)

    @staticmethod
    async def _built(
        request: HttpRequest,
        front: BuiltInFront,
        match: ResolverMatch,
        found: dict[str, Any],
        arguments: Any,
        counted: int | None,
    ) -> tuple[Entry, int, int | None] | None:
        """A miss of a route built in front (BUILT_IN_FRONT), computed on the event loop from its checked
        `arguments` once the request is within the anonymous rate (`counted` by the lookup), as an entry of the
        namespace version the lookup read (`found`), with the queries it ran and how long to keep it (None: not
        kept); None: the full stack answers."""
        version = found.get(version_key(front.namespace))
        if version is None or not _within_rate(counted):
            return None
        request.resolver_match = match
        metrics.record_cache_lookup(front.area, hit=False)
        with queries_recorded() as queries:
            body, seconds = await front.build(arguments)
        page = CachedBody(body)
        entry = entry_of(request, page, namespace=front.namespace, version=int(version), area=front.area)
        return entry, len(queries), seconds if keeps(page, seconds) else None

    @staticmethod
    async def _hit(
        request: HttpRequest, keys: list[str], found: dict[str, Any], counted: int | None
    ) -> tuple[Entry, Callable[[HttpRequest], None] | None] | None:
        """The current entry among what the lookup of `keys` found, once the request is counted within the
        anonymous rate (`counted`: by the lookup already), and the view to record if the page's view hook is due
        (over the asyncio Redis client: one more round trip when counting or recording)."""
        client, entry = _async_redis(), current_entry(request, keys, found)
        if entry is None:
            return None
        if client is None:  # an in-process cache: nothing to wait for
            if not (_within_rate(counted) if counted is not None else counted_within_rate(request)):
                return None
            return entry, functools.partial(page_viewed, page=entry.page)
        throttle = AnonymousRateThrottle()
        view = view_to_record(request, entry.page)
        counting = throttle.rate is not None and counted is None
        if not counting and view is None:
            return (entry, None) if _within_rate(counted) else None
        async with client.pipeline(transaction=False) as pipe:
            if counting:
                _count_in(pipe, throttle, request)
            if view is not None:  # page_viewed's add of the once key
                pipe.set(_front_cache().make_key(view[2]), 1, nx=True, ex=view[3])
            answers = await pipe.execute()
        if not _within_rate(int(answers[1]) if counting else counted):
            return None
        if view is None or not answers[-1]:
            return entry, None
        hook, args = view[0], view[1]
        return entry, lambda request: hook.record(request, *args)


async def _found(request: HttpRequest, *, count: bool) -> tuple[tuple[list[str], dict[str, Any]], int | None]:
    """The lookup keys (the URL's entry, every namespace version) and what the cache holds of them, and, to
    `count` a request sure to be answered in front, its count against the anonymous rate (None: not counted, or
    no rate): one round trip."""
    client, keys, throttle, backend = _async_redis(), lookup_keys(request), AnonymousRateThrottle(), _front_cache()
    count = count and throttle.rate is not None
    if client is None:  # an in-process cache: nothing to wait for
        counted = throttle.count(throttle.window_key(throttle.ident_of(request))) if count else None
        return (keys, backend.get_many(keys)), counted
    async with client.pipeline(transaction=False) as pipe:
        pipe.mget([backend.make_key(key) for key in keys])
        if count:
            _count_in(pipe, throttle, request)
        answers = await pipe.execute()
    values = answers[0]
    found = {key: backend.client.decode(value) for key, value in zip(keys, values, strict=True) if value is not None}
    return (keys, found), int(answers[2]) if count else None


def _arguments_if_served(request: HttpRequest, front: BuiltInFront, match: ResolverMatch) -> Any:
    """The checked parameters of a request to a route built in front when the front answers it, hit or miss
    (the route's headers are known here, the parameters valid); None: the full stack may answer it."""
    if (match.route, request.is_secure()) not in ROUTE_HEADERS:
        return None
    return front.arguments(request)


def _within_rate(counted: int | None) -> bool:
    """Whether a request counted `counted` (None: no rate to count against) is within the anonymous rate."""
    return counted is None or AnonymousRateThrottle().within_limit(counted)


def _count_in(pipe: Any, throttle: AnonymousRateThrottle, request: HttpRequest) -> None:
    """Queues the throttle's add-or-increment of the request's counter (its answer: the count, second)."""
    queue_count(pipe, _front_cache().make_key(throttle.window_key(throttle.ident_of(request))), throttle.duration)


async def _kept_once_answered(request: HttpRequest, entry: Entry, seconds: int) -> None:
    """Stores an entry built in front under the URL's key, as the cache's own client does, once it has been
    answered: the reader does not wait for the write, and a cache that fails it is logged (the reader has the
    answer)."""
    try:
        client = _async_redis()
        if client is None:  # an in-process cache: nothing to wait for
            _front_cache().set(entry_key(request), entry, timeout=seconds)
            return
        backend = _front_cache()
        await client.set(backend.make_key(entry_key(request)), backend.client.encode(entry), ex=seconds)
    except Exception:
        logger.warning("Keeping an answer built in front failed", exc_info=True)
