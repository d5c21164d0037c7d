"""When the documents were published, by the planner's statistics of the column: its histogram splits the
documents with a publication time into equal parts (ascending bounds). Read where a search needs to know how
many documents are newer than a time without counting them: a window's start (collecting.py) and the estimated
count of a query with more matches than were read (facets.py); and how many are listed (collecting.py)."""

from typing import Any

from django.db import connection

from .memo import memo_key, remembered

HISTOGRAM_SQL = """
SELECT histogram_bounds::text::timestamptz[] FROM pg_stats
WHERE schemaname = current_schema() AND tablename = 'search_jobdocument' AND attname = 'published_at'
"""


def _publication_histogram() -> list[Any]:
    with connection.cursor() as cursor:
        cursor.execute(HISTOGRAM_SQL)
        row = cursor.fetchone()
    return list(row[0]) if row and row[0] else []


def publication_histogram() -> list[Any]:
    """The histogram's bounds, kept for SEARCH_MEMO_SECONDS; empty without statistics yet."""
    return remembered(memo_key("published-at-histogram"), _publication_histogram)


# The listed documents by the planner's statistics: the newest-first index's entries (-1 before any).
LISTED_ESTIMATE_SQL = "SELECT reltuples FROM pg_class WHERE oid = 'search_document_listed_newest'::regclass"


def _listed_documents() -> float:
    with connection.cursor() as cursor:
        cursor.execute(LISTED_ESTIMATE_SQL)
        return float(cursor.fetchone()[0])


def listed_documents() -> float:
    """The listed documents (the newest-first index's entries), kept for SEARCH_MEMO_SECONDS; -1 without statistics
    yet."""
    return remembered(memo_key("listed-documents"), _listed_documents)


def window_start(share: float) -> Any:
    """The publication time from which the newest `share` of the documents (at least) were published; None
    without statistics yet."""
    return histogram_start(publication_histogram(), share)


def share_published_since(since: Any) -> float:
    """The share of the documents published at or after `since` (None: all of them; 1.0 without statistics yet)."""
    share = None if since is None else histogram_share_since(publication_histogram(), since)
    return 1.0 if share is None else share


def histogram_start(bounds: list[Any], share: float) -> Any:
    """The bound of a histogram (equal parts, ascending) at or below which the top `share` of the values lie."""
    if len(bounds) < 2:
        return None
    return bounds[max(0, int((1.0 - share) * (len(bounds) - 1)))]


def histogram_share_since(bounds: list[Any], since: Any) -> float | None:
    """The share of the values at or above `since`, by a histogram's bounds (equal parts, ascending), the part
    holding it read as evenly spread; None without statistics yet."""
    parts = len(bounds) - 1
    if parts < 1:
        return None
    if since <= bounds[0]:
        return 1.0
    if since >= bounds[-1]:
        return 0.0
    above = next(i for i in range(parts) if bounds[i + 1] > since)  # the part holding `since`
    low, high = bounds[above], bounds[above + 1]
    return (parts - above - 1 + (high - since) / (high - low)) / parts
