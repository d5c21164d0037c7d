"""Health probes: what each dependency answers, named when it fails."""

import logging
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

logger = logging.getLogger(__name__)

HealthCheck = Callable[[], None]


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_cache() -> None:
    key = f"health:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=5)
    if cache.get(key) != "ok":
        raise RuntimeError("cache did not return the value just written")
    cache.delete(key)


def check_broker() -> None:
    from kombu import Connection

    with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as broker:
        broker.ensure_connection(max_retries=1, timeout=2)


def check_migrations() -> None:
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise RuntimeError("unapplied migrations")


def configured_checks() -> dict[str, HealthCheck]:
    checks: dict[str, HealthCheck] = {"database": check_database, "cache": check_cache}
    if settings.CELERY_BROKER_URL:
        checks["broker"] = check_broker
    return checks


def run_checks(checks: dict[str, HealthCheck]) -> dict[str, str]:
    """Runs each check; returns {name: "ok" | "error: <reason>"}."""
    results = {}
    for name, check in checks.items():
        try:
            check()
        except Exception as exc:
            logger.warning("Health check %s failed: %s", name, exc)
            results[name] = f"error: {exc.__class__.__name__}"
        else:
            results[name] = "ok"
    return results
