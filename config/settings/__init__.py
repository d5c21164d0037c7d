"""Settings: one base module plus small per-integration modules, all read from the environment.

Every variable is listed in the README. ``DJANGO_ENV=production`` switches on the
hardening of ``security`` and JSON logs; nothing else differs between environments.
"""

from .api import *
from .base import *
from .celery import *
from .logging import *
from .notifications import *
from .security import *
from .sentry import *
