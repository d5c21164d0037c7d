"""Rate limits, counted in the shared cache (Redis in production) so that every server process agrees.

Each client has one counter per scope and fixed window (e.g. the current hour): two cache operations
per request whatever the rate, where DRF's default keeps and rewrites every request's timestamp.
Rates are read from settings at call time, so they follow setting overrides; a rate set to "off"
(or empty) lifts the limit, e.g. for a load test.
"""

from typing import Any

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle
from rest_framework.throttling import UserRateThrottle as DRFUserRateThrottle

from .metrics import record_throttled

LIFTED = ("", "off", "none")


def queue_count(pipe: Any, counter: str, duration: int) -> None:
    """Queues the add-or-increment of a Redis counter that outlives its window by a second (its answer: the
    count, second)."""
    pipe.set(counter, 0, nx=True, ex=duration + 1).incr(counter)


class SettingsRateMixin:
    """Fixed-window counting with the scope's rate from settings."""

    scope: str
    rate: str | None
    num_requests: int
    duration: int
    window_ends_at: float = 0.0

    def get_rate(self) -> str | None:
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
        return None if rate is None or rate.strip().lower() in LIFTED else rate

    def allow_request(self, request: Any, view: Any) -> bool:
        if self.rate is None:
            return True
        ident = self.get_cache_key(request, view)  # type: ignore[attr-defined]
        if ident is None:
            return True
        if self.within_limit(self.count(self.window_key(ident))):
            return True
        record_throttled(self.scope)
        return False

    def window_key(self, ident: str) -> str:
        """The counter of this client in the current window (and when the window ends, for Retry-After)."""
        window = int(self.timer() // self.duration)  # type: ignore[attr-defined]
        self.window_ends_at = (window + 1) * self.duration
        return f"{ident}:{window}"

    def count(self, key: str) -> int:
        """Counts one request in the window's counter, which lives a little longer than the window: in one
        round trip on Redis, else (an in-process cache) in two steps."""
        counter = self.cache  # type: ignore[attr-defined]
        if hasattr(counter, "client") and hasattr(counter.client, "get_client"):
            with counter.client.get_client(write=True).pipeline(transaction=False) as pipe:
                queue_count(pipe, counter.make_key(key), self.duration)
                return int(pipe.execute()[1])
        if counter.add(key, 1, timeout=self.duration + 1):
            return 1
        try:
            return int(counter.incr(key))
        except ValueError:  # expired between the two calls: this request opens the window again
            counter.add(key, 1, timeout=self.duration + 1)
            return 1

    def within_limit(self, count: int) -> bool:
        return count <= self.num_requests

    def wait(self) -> float:
        return max(self.window_ends_at - self.timer(), 1.0)  # type: ignore[attr-defined]


class AnonymousRateThrottle(SettingsRateMixin, AnonRateThrottle):
    def ident_of(self, request: Any) -> str:
        """The counter's name for an anonymous client (its address), without asking who is logged in."""
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class UserRateThrottle(SettingsRateMixin, DRFUserRateThrottle):
    """Counts signed-in users (by id). Anonymous clients are counted by AnonymousRateThrottle alone: one counter
    and one round trip per request, as when their answers come from the cache in front of the stack."""

    def get_cache_key(self, request, view):  # type: ignore[no-untyped-def]
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)


class PerAddressThrottle(SettingsRateMixin, SimpleRateThrottle):
    """Counts per client address whoever is logged in: for login, register and password reset."""

    def get_cache_key(self, request, view):  # type: ignore[no-untyped-def]
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class LoginThrottle(PerAddressThrottle):
    scope = "login"


class RegisterThrottle(PerAddressThrottle):
    scope = "register"


class PasswordResetThrottle(PerAddressThrottle):
    scope = "password_reset"
