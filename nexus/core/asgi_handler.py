"""Django's HTTP stack under ASGI with one step from the event loop into a thread per request.

Django's own ASGIHandler runs the middleware chain in async mode. Every middleware written for both
modes (Django's security, session, CSRF, authentication and message middleware, django-prometheus)
then steps from the event loop into a thread and back for each of its hooks, and the sync views step
into a thread once more: about twenty hand-offs per request, which measured as a large share of a
worker's CPU on each response not served from the cache. The views and the middleware here are all
synchronous, so this handler loads the chain in sync mode, as under WSGI, and runs the whole of it,
view included, in one step into the request's thread. The event loop keeps the sockets, the answers
served in front of the stack (cache_hits.py) and the websockets.
"""

from asgiref.sync import sync_to_async
from django.core.handlers.asgi import ASGIHandler
from django.http import HttpRequest
from django.http.response import HttpResponseBase


class SyncStackASGIHandler(ASGIHandler):
    def load_middleware(self, is_async: bool = False) -> None:
        super().load_middleware(is_async=False)

    async def get_response_async(self, request: HttpRequest) -> HttpResponseBase:
        return await sync_to_async(self.get_response, thread_sensitive=True)(request)


def get_sync_stack_asgi_application() -> SyncStackASGIHandler:
    """Like django.core.asgi.get_asgi_application: Django set up, then the handler."""
    import django

    django.setup(set_prefix=False)
    return SyncStackASGIHandler()
