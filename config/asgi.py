"""ASGI: HTTP goes to Django behind the shared cache's front (anonymous hits answered on the event loop,
nexus/core/cache_hits.py); websockets (/ws/notifications/) to Channels consumers."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from nexus.core.asgi_handler import get_sync_stack_asgi_application

# Sets Django up before the consumers are imported; the middleware and views run in one thread per request.
django_application = get_sync_stack_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from nexus.core.cache_hits import SharedCacheHitApp  # noqa: E402
from nexus.notifications.routing import websocket_urlpatterns  # noqa: E402
from nexus.search.gazetteer import gazetteer_load_soon  # noqa: E402

gazetteer_load_soon()

application = ProtocolTypeRouter(
    {
        "http": SharedCacheHitApp(django_application),
        # Token-authenticated (no cookies), so any origin may connect: a front end on another host too.
        "websocket": URLRouter(websocket_urlpatterns),
    }
)
