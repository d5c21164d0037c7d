"""Periodic search upkeep: documents stay current through triggers; the popularity of suggestions and the
job counts of the vocabulary are recounted here."""

from celery import shared_task

from .document import search_lists_rebuild


@shared_task
def rebuild_search_lists() -> dict[str, int]:
    return search_lists_rebuild()
