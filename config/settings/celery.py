"""Background work. Without CELERY_BROKER_URL, tasks run in-process as they are sent.

CELERY_BROKER_URL: amqp://user:pass@host:5672/vhost (RabbitMQ) or redis://host:6379/0.
"""

from datetime import timedelta

from .base import CELERY_BROKER_URL
from .environment import env

CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL or env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
# In-process tasks behave as on a worker: a failure is retried (at once: no backoff without a worker), then
# logged, and never raised into the request that sent the task.
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="nexus")
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Django's LOGGING (with the request id on every line) stays in charge of the worker's logs.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "UTC"
# Celery's Django fixup closes the database connections, and with them the connection pool, around every
# task unless told to reuse them: each task would start new PostgreSQL backends. They are recycled every
# CELERY_DB_REUSE_MAX tasks instead; between tasks the connection goes back to the pool (config/celery.py).
CELERY_DB_REUSE_MAX = env.int("CELERY_DB_REUSE_MAX", default=500)

CELERY_BEAT_SCHEDULE = {
    "close-expired-jobs": {"task": "nexus.jobs.tasks.close_expired_jobs", "schedule": timedelta(minutes=1)},
    "unfeature-expired-jobs": {"task": "nexus.jobs.tasks.unfeature_expired_jobs", "schedule": timedelta(minutes=1)},
    "recompute-trending-jobs": {"task": "nexus.jobs.tasks.recompute_trending_jobs", "schedule": timedelta(minutes=15)},
    "send-job-alert-digests": {
        "task": "nexus.notifications.tasks.send_job_alert_digests",
        "schedule": timedelta(minutes=env.int("JOB_ALERT_DIGEST_SWEEP_MINUTES", default=15)),
    },
    "clean-up-expired-tokens": {"task": "nexus.accounts.tasks.clean_up_expired_tokens", "schedule": timedelta(hours=6)},
    "rebuild-search-lists": {"task": "nexus.search.tasks.rebuild_search_lists", "schedule": timedelta(hours=1)},
    "move-recent-tiers": {"task": "nexus.search.tasks.move_recent_tiers", "schedule": timedelta(hours=6)},
}
