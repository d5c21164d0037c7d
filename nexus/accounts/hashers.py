"""Password hashing: Argon2id with the parameters OWASP recommends for interactive logins.

Django's own Argon2 defaults (100 MiB, 2 passes, 8 lanes) cost about 220 ms of CPU per login on a
2-core server, so a handful of concurrent logins stall every other request of the worker. OWASP's
first recommended configuration (19 MiB, 2 passes, 1 lane) costs about a quarter of that and is the
published minimum for Argon2id. The figures are settings (ARGON2_*); a stored hash made with other
figures still verifies and is rehashed with these at the user's next login.
"""

from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idPasswordHasher(Argon2PasswordHasher):
    """Django's Argon2 hasher (same stored format, so existing hashes keep verifying), OWASP's figures."""

    @property
    def time_cost(self) -> int:  # type: ignore[override]
        return int(settings.ARGON2_TIME_COST)

    @property
    def memory_cost(self) -> int:  # type: ignore[override]
        return int(settings.ARGON2_MEMORY_KIB)

    @property
    def parallelism(self) -> int:  # type: ignore[override]
        return int(settings.ARGON2_PARALLELISM)
