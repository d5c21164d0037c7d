"""Under ASGI, Django's middleware and views run in one step from the event loop into a thread per request
(nexus/core/asgi_handler.py), where Django's own handler steps in and out for each middleware hook."""

import os

import httpx
import pytest
from asgiref import sync
from asgiref.sync import async_to_sync, iscoroutinefunction
from django.core.cache import cache
from django.core.handlers.asgi import ASGIHandler

from nexus.core.asgi_handler import SyncStackASGIHandler

pytestmark = pytest.mark.django_db(transaction=True)


def _steps_into_threads(handler: ASGIHandler, monkeypatch: pytest.MonkeyPatch, path: str) -> tuple[int, int]:
    """(status, how many times a sync function was called from the event loop) for one GET of `path`."""
    steps = 0
    original = sync.SyncToAsync.__call__

    async def counted(self, *args, **kwargs):
        nonlocal steps
        steps += 1
        return await original(self, *args, **kwargs)

    monkeypatch.setattr(sync.SyncToAsync, "__call__", counted)

    async def get() -> int:
        transport = httpx.ASGITransport(app=handler)
        async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as client:
            return (await client.get(path)).status_code

    status = async_to_sync(get)()
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
