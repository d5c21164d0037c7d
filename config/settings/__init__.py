"""Settings: one base module plus small per-integration modules, all read from the environment.

Every variable is listed in the README. ``DJANGO_ENV=production`` switches on the
hardening of ``security`` and JSON logs; nothing else differs between environments.
"""

from .base import *  # noqa: F401,F403
from .api import *  # noqa: F401,F403
from .logging import *  # noqa: F401,F403
from .security import *  # noqa: F401,F403
from .sentry import *  # noqa: F401,F403
