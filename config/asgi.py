"""ASGI: HTTP goes to Django behind the shared cache's front (anonymous hits answered on the event loop,
nexus/core/cache_hits.py); websockets (/ws/notifications/) to Channels consumers."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

django_application = get_asgi_application()  # sets Django up before the consumers are imported

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from nexus.core.cache_hits import SharedCacheHitApp  # noqa: E402
from nexus.notifications.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": SharedCacheHitApp(django_application),
        # Token-authenticated (no cookies), so any origin may connect: a front end on another host too.
        "websocket": URLRouter(websocket_urlpatterns),
    }
)
