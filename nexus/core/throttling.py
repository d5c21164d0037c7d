"""Rate limits. Rates are read from settings at call time, so they follow setting overrides."""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle
from rest_framework.throttling import UserRateThrottle as DRFUserRateThrottle

from .metrics import record_throttled


class SettingsRateMixin:
    scope: str

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def throttle_failure(self) -> bool:
        record_throttled(self.scope)
        return False


class AnonymousRateThrottle(SettingsRateMixin, AnonRateThrottle):
    pass


class UserRateThrottle(SettingsRateMixin, DRFUserRateThrottle):
    pass


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
