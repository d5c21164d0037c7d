"""Company pages as anonymous visitors and job seekers see them come from the shared cache.

They show open-job counts, so they live in the job lists' namespace and are dropped with them at any
company or job write. Employers (who also see their own held companies) and admins are answered afresh.
"""

from django.conf import settings
from rest_framework.request import Request

from nexus.core.response_cache import shared_cache
from nexus.jobs.cache import NAMESPACE


def sees_the_public_view(request: Request) -> bool:
    user = request.user
    return not user.is_authenticated or bool(getattr(user, "is_seeker", False))


cached_when_public = shared_cache(
    NAMESPACE, area="companies", seconds=lambda: settings.JOB_LIST_CACHE_SECONDS, applies=sees_the_public_view
)
