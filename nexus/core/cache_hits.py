"""Anonymous hits of the shared response cache, answered before the rest of the stack.

Public pages (job lists, searches, job and company pages, taxonomy, feeds) are the same for every
anonymous reader, and most readers are anonymous. This middleware comes first: for an anonymous GET
it reads the URL's entry together with every namespace version in one cache round trip and, when the
entry is current, answers from it at once. Under ASGI that happens on the event loop, so a hit never
waits behind a slow request of the same worker, and skips the work the rest of the stack would redo
for the same answer.

Everything else passes through unchanged: misses, stale entries, requests with credentials (an
Authorization header: DRF decides who they are and what they see), other methods. What a hit must
still do is done here too:

- the anonymous rate limit is counted (over it, the request goes on to be refused by DRF with 429);
- the page's view hook runs (a job page counts a view), off the event loop;
- the headers are those the full stack gave the same route: they are learned from its answers to
  anonymous readers (per route and scheme), and a route is served here only once they are known;
- X-Request-ID, conditional requests (304), and the request, cache and query figures per route.
"""

import asyncio
import time
import weakref
from collections.abc import Callable
from typing import Any

from asgiref.sync import iscoroutinefunction, markcoroutinefunction, sync_to_async
from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from . import metrics
from .request_id import assign_request_id
from .response_cache import (
    NAMESPACES,
    PUBLIC_REVALIDATE,
    CachedBody,
    Entry,
    entry_if_current,
    entry_key,
    page_viewed,
    respond,
    version_key,
)
from .throttling import AnonymousRateThrottle

# Headers that belong to one answer, not to its route: never learned, set for each answer instead.
OWN_HEADERS = {"content-type", "content-length", "etag", "cache-control", "last-modified", "x-request-id", "date"}
_redis_clients: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Any]" = weakref.WeakKeyDictionary()


def _async_redis() -> Any:
    """This event loop's asyncio client of the cache's Redis (None with another cache backend)."""
    if not getattr(settings, "REDIS_URL", "") or not hasattr(cache, "client"):
        return None
    loop = asyncio.get_running_loop()
    client = _redis_clients.get(loop)
    if client is None:
        from redis.asyncio import Redis

        client = Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2)
        _redis_clients[loop] = client
    return client


def _viewed_off_loop(request: HttpRequest, page: CachedBody) -> None:
    """A page's view hook in a worker thread; its database connection goes back to the pool at once."""
    try:
        page_viewed(request, page)
    finally:
        connections.close_all()


class SharedCacheHitMiddleware:
    sync_capable = True
    async_capable = True

    def __init__(self, get_response: Callable[[HttpRequest], Any]) -> None:
        self.get_response = get_response
        self.is_async = iscoroutinefunction(get_response)
        if self.is_async:
            markcoroutinefunction(self)
        self.route_headers: dict[tuple[str, bool], list[tuple[str, str]]] = {}

    def __call__(self, request: HttpRequest) -> Any:
        if self.is_async:
            return self._acall(request)
        started = time.perf_counter()
        if self._eligible(request):
            entry = self._current(request, cache.get_many(self._keys(request)))
            if entry is not None and self._counted_within_rate(request):
                page_viewed(request, entry.page)
                return self._respond(request, entry, started)
        return self._learn(request, self.get_response(request))

    async def _acall(self, request: HttpRequest) -> HttpResponseBase:
        started = time.perf_counter()
        if self._eligible(request):
            entry = await self._acurrent_within_rate(request)
            if entry is not None:
                if entry.page.viewed:
                    await sync_to_async(_viewed_off_loop, thread_sensitive=False)(request, entry.page)
                return self._respond(request, entry, started)
        return self._learn(request, await self.get_response(request))

    # --- which requests, which entry ---------------------------------------------------------------------

    @staticmethod
    def _eligible(request: HttpRequest) -> bool:
        meta = request.META
        return (
            request.method == "GET"
            and "HTTP_AUTHORIZATION" not in meta
            and (meta.get("CONTENT_LENGTH") or "0").isdigit()  # else MalformedRequestMiddleware refuses it
        )

    @staticmethod
    def _keys(request: HttpRequest) -> list[str]:
        return [entry_key(request), *(version_key(name) for name in sorted(NAMESPACES))]

    def _current(self, request: HttpRequest, found: dict[str, Any]) -> Entry | None:
        """The URL's entry if it is current and the full stack has shown this process the route's headers."""
        versions = {name: found.get(version_key(name)) for name in NAMESPACES}
        entry = entry_if_current(found.get(entry_key(request)), versions)
        if entry is None or (entry.route, request.is_secure()) not in self.route_headers:
            return None
        return entry

    @staticmethod
    def _counted_within_rate(request: HttpRequest) -> bool:
        """Counts the request against the anonymous rate limit; False when it is over (DRF then refuses it)."""
        throttle = AnonymousRateThrottle()
        if throttle.rate is None:
            return True
        return throttle.within_limit(throttle.count(throttle.window_key(throttle.ident_of(request))))

    async def _acurrent_within_rate(self, request: HttpRequest) -> Entry | None:
        """_current and _counted_within_rate over the asyncio Redis client: one round trip, two when counting."""
        client = _async_redis()
        if client is None:  # an in-process cache: nothing to wait for
            entry = self._current(request, cache.get_many(self._keys(request)))
            return entry if entry is not None and self._counted_within_rate(request) else None
        keys = self._keys(request)
        try:
            values = await client.mget([cache.make_key(key) for key in keys])
        except Exception:  # the cache is unreachable: the full stack answers (and reports it)
            return None
        found = {key: cache.client.decode(value) for key, value in zip(keys, values, strict=True) if value is not None}
        entry = self._current(request, found)
        throttle = AnonymousRateThrottle()
        if entry is None or throttle.rate is None:
            return entry
        key = cache.make_key(throttle.window_key(throttle.ident_of(request)))
        async with client.pipeline(transaction=False) as pipe:  # the throttle's add-or-increment, in one trip
            pipe.set(key, 0, nx=True, ex=throttle.duration + 1).incr(key)
            _, counted = await pipe.execute()
        return entry if throttle.within_limit(int(counted)) else None

    # --- the answer ----------------------------------------------------------------------------------------

    def _respond(self, request: HttpRequest, entry: Entry, started: float) -> HttpResponseBase:
        request_id = assign_request_id(request)
        response = respond(request, entry.page)
        for name, value in self.route_headers[(entry.route, request.is_secure())]:
            response[name] = value
        response["Content-Length"] = str(len(response.content))  # as CommonMiddleware sets it
        response["X-Request-ID"] = request_id
        metrics.record_cache_lookup(entry.area, hit=True)
        metrics.record_answer_from_cache(
            route=entry.route, view=entry.view_name, status=response.status_code, seconds=time.perf_counter() - started
        )
        return response

    def _learn(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        """Remembers the headers the full stack gives a route's public cached answers to anonymous readers."""
        match = request.resolver_match
        if (
            match is not None
            and self._eligible(request)
            and response.status_code == 200
            and response.get("Cache-Control") == PUBLIC_REVALIDATE
            and "Set-Cookie" not in response
            and not response.cookies
        ):
            own = [(name, value) for name, value in response.items() if name.lower() not in OWN_HEADERS]
            self.route_headers[(match.route, request.is_secure())] = own
        return response
