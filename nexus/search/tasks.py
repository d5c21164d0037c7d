"""Periodic search upkeep: documents stay current through triggers; the popularity of suggestions and the
job counts of the vocabulary are recounted here, and the recent tiers' indexes are moved forward."""

from typing import Any

from celery import shared_task

from .document import search_lists_rebuild
from .recent import recent_tiers_move


@shared_task
def rebuild_search_lists() -> dict[str, int]:
    return search_lists_rebuild()


@shared_task
def move_recent_tiers() -> dict[str, Any]:
    return recent_tiers_move()
