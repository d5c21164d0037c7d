"""Under ASGI, Django's middleware and views run in one step from the event loop into a thread per request
(nexus/core/asgi_handler.py), where Django's own handler steps in and out for each middleware hook; the threads are
kept from one request to the next."""

import asyncio
import os
import threading

import httpx
import pytest
from asgiref import sync
from asgiref.sync import async_to_sync, iscoroutinefunction
from django.core.cache import cache
from django.core.handlers.asgi import ASGIHandler
from django.db import connections

from nexus.core.asgi_handler import RequestThreads, SyncStackASGIHandler

pytestmark = pytest.mark.django_db(transaction=True)


def _gets(handler: ASGIHandler, paths: list[str]) -> list[int]:
    """The statuses of GETs of `paths`, made at once."""

    async def get_all() -> list[int]:
        transport = httpx.ASGITransport(app=handler)
        async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as client:
            return [response.status_code for response in await asyncio.gather(*(client.get(p) for p in paths))]

    return async_to_sync(get_all)()


def _steps_into_threads(handler: ASGIHandler, monkeypatch: pytest.MonkeyPatch, path: str) -> tuple[int, int]:
    """(status, how many times a sync function was called from the event loop) for one GET of `path`."""
    steps = 0
    original = sync.SyncToAsync.__call__

    async def counted(self, *args, **kwargs):
        nonlocal steps
        steps += 1
        return await original(self, *args, **kwargs)

    monkeypatch.setattr(sync.SyncToAsync, "__call__", counted)
    [status] = _gets(handler, [path])
    return status, steps


def test_the_middleware_chain_is_loaded_synchronous():
    assert not iscoroutinefunction(SyncStackASGIHandler()._middleware_chain)


def test_a_request_steps_into_a_thread_once_for_the_whole_stack(monkeypatch):
    status, steps = _steps_into_threads(SyncStackASGIHandler(), monkeypatch, "/api/v1/jobs/")
    # The request_started receivers, the stack with the view, closing the response (request_finished).
    assert (status, steps) == (200, 3)


def test_djangos_own_handler_steps_in_and_out_per_middleware_hook(monkeypatch):
    """What the handler saves: the same request through Django's ASGIHandler."""
    status, steps = _steps_into_threads(ASGIHandler(), monkeypatch, "/api/v1/jobs/")
    assert status == 200 and steps > 10


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="the front looks up over the asyncio Redis client")
def test_a_miss_looked_up_in_front_is_not_looked_up_again_behind_it(monkeypatch, client):
    """The front's lookup (the entry and every namespace version) travels with the request to the view, as the
    middleware's does without the ASGI front."""
    from config.asgi import application

    asked: list[list[str]] = []
    get_many = cache.get_many

    def spied(keys, *args, **kwargs):
        asked.append(list(keys))
        return get_many(keys, *args, **kwargs)

    monkeypatch.setattr(cache, "get_many", spied)
    looked_up_for = lambda: [keys for keys in asked if any(key.startswith("response-cache:http") for key in keys)]  # noqa: E731

    async def get() -> int:
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as front:
            return (await front.get("/api/v1/categories/")).status_code

    assert async_to_sync(get)() == 200
    assert looked_up_for() == []
    assert client.get("/api/v1/categories/?other=1").status_code == 200  # no ASGI front: the middleware looks
    assert len(looked_up_for()) == 1


def _stack_spied(handler: SyncStackASGIHandler, wait: threading.Barrier | None = None) -> list[tuple[int, int]]:
    """By request: the thread its stack ran in and the id of that thread's database wrapper (each request's stack
    waits at `wait`, given one)."""
    seen: list[tuple[int, int]] = []
    get_response = handler.get_response

    def spied(request):
        seen.append((threading.get_ident(), id(connections["default"])))
        if wait is not None:
            wait.wait(timeout=10)
        return get_response(request)

    handler.get_response = spied
    return seen


def test_requests_one_after_another_run_in_one_kept_thread_with_its_database_wrapper():
    handler = SyncStackASGIHandler()
    seen = _stack_spied(handler)
    for _ in range(3):
        assert _gets(handler, ["/api/v1/categories/"]) == [200]
    assert len(set(seen)) == 1 and seen[0][0] != threading.get_ident()


def test_requests_at_once_run_in_threads_of_their_own():
    """Two requests whose stacks each wait for the other's: they finish only in two threads at once."""
    handler = SyncStackASGIHandler()
    seen = _stack_spied(handler, wait=threading.Barrier(2))
    assert _gets(handler, ["/api/v1/categories/", "/api/v1/categories/?again=1"]) == [200, 200]
    assert len({thread for thread, _ in seen}) == 2
    assert _gets(handler, ["/api/v1/categories/?third=1", "/api/v1/categories/?fourth=1"]) == [200, 200]
    assert {thread for thread, _ in seen[2:]} == {thread for thread, _ in seen[:2]}  # both kept


def test_a_thread_given_back_still_running_is_not_kept():
    """A view whose client left runs on (Django lets it finish): its thread is not lent to the next request, and
    ends after it."""
    threads = RequestThreads()
    busy, release = threads.lend(), threading.Event()
    busy.submit(release.wait, 10)
    threads.give_back(busy)
    other = threads.lend()
    assert other is not busy
    release.set()
    busy.shutdown(wait=True)
    threads.give_back(other)
    assert threads.lend() is other
