"""Under ASGI, Django's middleware and views run in one step from the event loop into a thread per request
(nexus/core/asgi_handler.py), where Django's own handler steps in and out for each middleware hook."""

import httpx
import pytest
from asgiref import sync
from asgiref.sync import async_to_sync, iscoroutinefunction
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
