"""Django's HTTP stack under ASGI with one step from the event loop into a thread per request.

Django's own ASGIHandler runs the middleware chain in async mode. Every middleware written for both
modes (Django's security, session, CSRF, authentication and message middleware, django-prometheus)
then steps from the event loop into a thread and back for each of its hooks, and the sync views step
into a thread once more: about twenty hand-offs per request, which measured as a large share of a
worker's CPU on each response not served from the cache. The views and the middleware here are all
synchronous, so this handler loads the chain in sync mode, as under WSGI, and runs the whole of it,
view included, in one step into the request's thread. The event loop keeps the sockets, the answers
served in front of the stack (cache_hits.py) and the websockets.

The request's thread comes from a pool of idle ones instead of being started for the request: Django gives
each request a context of its own (asgiref's ThreadSensitiveContext) with a new one-thread executor, whose
thread is started, then joined from yet another new thread, for every request. Here the context is given an
executor that served an earlier request (asgiref's `executor=`): the same one thread for all of the request's
steps, as before, without starting two threads a request.
"""

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from asgiref.sync import ThreadSensitiveContext, sync_to_async
from django.core.handlers.asgi import ASGIHandler
from django.http import HttpRequest
from django.http.response import HttpResponseBase


class SyncStackASGIHandler(ASGIHandler):
    def __init__(self) -> None:
        super().__init__()
        # One-thread executors free for the next request. Only the event loop's thread takes and returns them.
        self.idle_executors: list[ThreadPoolExecutor] = []

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            raise ValueError(f"Django can only handle ASGI/HTTP connections, not {scope['type']}.")
        executor = self.idle_executors.pop() if self.idle_executors else ThreadPoolExecutor(max_workers=1)
        try:
            async with ThreadSensitiveContext(executor=executor):
                await self.handle(scope, receive, send)
        finally:
            # A step still running (its request cancelled) only delays the next request given this executor.
            self.idle_executors.append(executor)

    def load_middleware(self, is_async: bool = False) -> None:
        super().load_middleware(is_async=False)

    async def get_response_async(self, request: HttpRequest) -> HttpResponseBase:
        return await sync_to_async(self.get_response, thread_sensitive=True)(request)


def get_sync_stack_asgi_application() -> SyncStackASGIHandler:
    """Like django.core.asgi.get_asgi_application: Django set up, then the handler."""
    import django

    django.setup(set_prefix=False)
    return SyncStackASGIHandler()
