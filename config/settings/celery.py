"""Background work. Without CELERY_BROKER_URL, tasks run in-process as they are sent."""

from datetime import timedelta

from .base import CELERY_BROKER_URL
from .environment import env

CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL or env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_TIME_LIMIT = 300
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "UTC"

CELERY_BEAT_SCHEDULE = {
    "close-expired-jobs": {"task": "nexus.jobs.tasks.close_expired_jobs", "schedule": timedelta(minutes=1)},
    "unfeature-expired-jobs": {"task": "nexus.jobs.tasks.unfeature_expired_jobs", "schedule": timedelta(minutes=1)},
    "recompute-trending-jobs": {"task": "nexus.jobs.tasks.recompute_trending_jobs", "schedule": timedelta(minutes=15)},
    "rebuild-search-lists": {"task": "nexus.search.tasks.rebuild_search_lists", "schedule": timedelta(hours=1)},
}
