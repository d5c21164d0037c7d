"""The notifications websocket: /ws/notifications/?token=<access token>.

The access token is checked exactly as the REST API checks it (signature, expiry, type, an active
user). A socket without a valid token is accepted and at once closed with code 4401, so every client
sees why. A signed-in socket joins only its own user's group and receives
`{"type": "notification", "notification": {...}}` for each new notification.
"""

import time
from typing import Any
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import InvalidToken, TokenError

from .groups import user_group

CLOSE_UNAUTHENTICATED = 4401
# A client may send the token as a subprotocol instead of in the URL: "bearer, <token>".
TOKEN_SUBPROTOCOL = "bearer"  # noqa: S105 - a protocol name, not a secret


def _token_from_scope(scope: dict[str, Any]) -> tuple[str | None, str | None]:
    """The raw token and the subprotocol to accept (when the token came as one)."""
    protocols = [str(name) for name in scope.get("subprotocols", [])]
    if TOKEN_SUBPROTOCOL in protocols and protocols.index(TOKEN_SUBPROTOCOL) + 1 < len(protocols):
        return protocols[protocols.index(TOKEN_SUBPROTOCOL) + 1], TOKEN_SUBPROTOCOL
    values = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token")
    return (values[0] if values else None), None


def _authenticate(raw_token: str | None) -> tuple[Any, float]:
    """The token's user and its expiry (a Unix time), or (None, 0) for a token the REST API would refuse."""
    if not raw_token:
        return None, 0
    authentication = JWTAuthentication()
    try:
        token = authentication.get_validated_token(raw_token.encode())
        return authentication.get_user(token), float(token["exp"])
    except (InvalidToken, TokenError, AuthenticationFailed, KeyError):
        return None, 0


class NotificationConsumer(AsyncJsonWebsocketConsumer):
    group: str | None = None
    expires_at: float = 0

    async def connect(self) -> None:
        raw_token, subprotocol = _token_from_scope(self.scope)
        user, self.expires_at = await database_sync_to_async(_authenticate)(raw_token)
        await self.accept(subprotocol=subprotocol)
        if user is None:
            await self._close_unauthenticated()
            return
        self.group = user_group(user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.send_json({"type": "connected", "user_id": user.pk})

    async def disconnect(self, code: int) -> None:
        if self.group is not None:
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def _close_unauthenticated(self) -> None:
        await self.send_json({"type": "error", "code": "not_authenticated", "error": "Invalid or expired token."})
        await self.close(code=CLOSE_UNAUTHENTICATED)

    async def _token_expired(self) -> bool:
        """The socket lives only as long as its token: past expiry it closes with 4401 (reconnect with a fresh one)."""
        if time.time() < self.expires_at:
            return False
        await self._close_unauthenticated()
        return True

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        if await self._token_expired():
            return
        if isinstance(content, dict) and content.get("type") == "ping":
            await self.send_json({"type": "pong"})

    async def notification_created(self, event: dict[str, Any]) -> None:
        if await self._token_expired():
            return
        await self.send_json({"type": "notification", "notification": event["notification"]})
