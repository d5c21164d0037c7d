"""Django's HTTP stack under ASGI with one step from the event loop into a thread per request.

Django's own ASGIHandler runs the middleware chain in async mode. Every middleware written for both
modes (Django's security, session, CSRF, authentication and message middleware, django-prometheus)
then steps from the event loop into a thread and back for each of its hooks, and the sync views step
into a thread once more: about twenty hand-offs per request, which measured as a large share of a
worker's CPU on each response not served from the cache. The views and the middleware here are all
synchronous, so this handler loads the chain in sync mode, as under WSGI, and runs the whole of it,
view included, in one step into the request's thread. The event loop keeps the sockets, the answers
served in front of the stack (cache_hits.py) and the websockets.

The request's thread is one of a few kept for it (RequestThreads), as a WSGI server keeps its threads:
Django's handler starts a thread for each request and another to join it after, and the thread's
database wrapper is made anew with it.
"""

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from asgiref.sync import ThreadSensitiveContext, sync_to_async
from django.core.handlers.asgi import ASGIHandler
from django.http import HttpRequest
from django.http.response import HttpResponseBase

# Threads kept idle at most; more requests at once start more, which end after their request.
IDLE_REQUEST_THREADS = 32


class RequestThread(ThreadPoolExecutor):
    """One thread that runs a request's sync stack, knowing whether it is still running something."""

    def __init__(self) -> None:
        super().__init__(max_workers=1, thread_name_prefix="request")
        self._lock = threading.Lock()
        self._running = 0

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        with self._lock:
            self._running += 1
        future = super().submit(fn, *args, **kwargs)
        future.add_done_callback(self._finished)
        return future

    def _finished(self, future: Future) -> None:
        with self._lock:
            self._running -= 1

    def idle(self) -> bool:
        with self._lock:
            return self._running == 0


class RequestThreads:
    """The threads kept for requests, each lent to one request at a time (used from the event loop only). A
    thread given back still running (a view whose client left, which Django lets finish) is not kept."""

    def __init__(self) -> None:
        self._idle: list[RequestThread] = []

    def lend(self) -> RequestThread:
        return self._idle.pop() if self._idle else RequestThread()

    def give_back(self, thread: RequestThread) -> None:
        if thread.idle() and len(self._idle) < IDLE_REQUEST_THREADS:
            self._idle.append(thread)
        else:
            thread.shutdown(wait=False)


class SyncStackASGIHandler(ASGIHandler):
    def __init__(self) -> None:
        super().__init__()
        self.request_threads = RequestThreads()

    def load_middleware(self, is_async: bool = False) -> None:
        super().load_middleware(is_async=False)

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            raise ValueError(f"Django can only handle ASGI/HTTP connections, not {scope['type']}.")
        thread = self.request_threads.lend()
        try:
            async with ThreadSensitiveContext(executor=thread):
                await self.handle(scope, receive, send)
        finally:
            self.request_threads.give_back(thread)

    async def get_response_async(self, request: HttpRequest) -> HttpResponseBase:
        return await sync_to_async(self.get_response, thread_sensitive=True)(request)


def get_sync_stack_asgi_application() -> SyncStackASGIHandler:
    """Like django.core.asgi.get_asgi_application: Django set up, then the handler."""
    import django

    django.setup(set_prefix=False)
    return SyncStackASGIHandler()
