"""The recent tier: a GIN index of the words of the newest documents only.

Relevance ranks the SEARCH_CANDIDATES newest matches (selectors.py). When the words are rare among the newest
documents, a walk reads many rows for them (`java developer`: 28,000 rows, 50 ms at a million jobs), and the GIN
index of every document reads every match, most of them old (`registered nurse`: 3,600 matches, 28 ms). This index
holds only the documents published since a cutoff, the newest RECENT_SHARE of the listed ones: its entries are a
tenth of the whole index's, and what it yields are the newest matches (`java developer`: 4.5 ms; `registered nurse`:
1.3 ms). The cutoff is written in the index's predicate; `recent_tier_move` (Celery beat, daily) builds the index
again with a later cutoff when new documents have made the tier grow past RECENT_MOVE_FACTOR times its share (or old
ones closing have shrunk it as much), beside the old one, without blocking writes.

The index is never needed for a right answer: a search that names an older cutoff than the index's (kept for up to
SEARCH_MEMO_SECONDS) reads the same documents another way, more slowly.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from .memo import memo_key, remembered

RECENT_INDEX = "search_document_recent"
RECENT_SHARE = 0.1
RECENT_MOVE_FACTOR = 1.5
# The words' index's columns (the filters it holds), over the documents published since the cutoff.
RECENT_INDEX_SQL = (
    "CREATE INDEX CONCURRENTLY {name} ON search_jobdocument "
    "USING gin (document, employment_type, experience_level, remote_type, country) WITH (fastupdate = off) "
    "WHERE published_at >= '{cutoff}'::timestamptz"
)
# The cutoff, read back from the valid index's predicate (`(published_at >= '...'::timestamp with time zone)`), and
# the listed documents published since.
TIER_SQL = """
SELECT tier.cutoff, (SELECT count(*) FROM search_jobdocument d WHERE d.listed AND d.published_at >= tier.cutoff)
FROM (
    SELECT (regexp_match(pg_get_expr(x.indpred, x.indrelid), '''([^'']+)''::timestamp with time zone'))[1]::timestamptz
           AS cutoff
    FROM pg_index x WHERE x.indexrelid = to_regclass(%s) AND x.indisvalid
) tier
"""
LISTED_COUNT_SQL = "SELECT count(*) FROM search_jobdocument d WHERE d.listed"
# The publication time of the newest RECENT_SHARE of the listed documents (the oldest listed one's when they are few).
NEW_CUTOFF_SQL = """
SELECT min(published_at) FROM (
    SELECT d.published_at FROM search_jobdocument d WHERE d.listed ORDER BY d.published_at DESC, d.job_id DESC LIMIT %s
) newest
"""


@dataclass(frozen=True)
class RecentTier:
    cutoff: datetime
    documents: int  # the listed documents published since the cutoff


def _tier_read() -> RecentTier | None:
    with connection.cursor() as cursor:
        cursor.execute(TIER_SQL, [RECENT_INDEX])
        row = cursor.fetchone()
    return RecentTier(row[0], int(row[1])) if row and row[0] else None


def _tier_key() -> str:
    return memo_key("recent-tier", RECENT_INDEX)


def recent_tier() -> RecentTier | None:
    """The tier's cutoff and size (None: no valid index), kept for SEARCH_MEMO_SECONDS."""
    return remembered(_tier_key(), _tier_read)


def _statement(sql: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql)


def recent_index_build(listed: int) -> None:
    """The index over the newest RECENT_SHARE of the `listed` documents, built concurrently beside the one there
    (outside a transaction), which is then dropped."""
    with connection.cursor() as cursor:
        cursor.execute(NEW_CUTOFF_SQL, [max(1, round(RECENT_SHARE * listed))])
        cutoff = cursor.fetchone()[0] or timezone.now()
    building = f"{RECENT_INDEX}_next"
    _statement(f"DROP INDEX CONCURRENTLY IF EXISTS {building}")  # left invalid by a build that failed
    _statement(RECENT_INDEX_SQL.format(name=building, cutoff=cutoff.isoformat()))
    _statement(f"DROP INDEX CONCURRENTLY IF EXISTS {RECENT_INDEX}")
    _statement(f"ALTER INDEX {building} RENAME TO {RECENT_INDEX}")


def _listed() -> int:
    with connection.cursor() as cursor:
        cursor.execute(LISTED_COUNT_SQL)
        return int(cursor.fetchone()[0])


def recent_tier_move(*, force: bool = False) -> dict[str, Any]:
    """Builds the index again over the newest RECENT_SHARE of the listed documents, when it is missing or its
    tier's share is off by more than RECENT_MOVE_FACTOR (`force`: whatever it holds); outside a transaction."""
    listed = _listed()
    current = _tier_read()
    share = current.documents / listed if current and listed else 0.0
    if current and not force and RECENT_SHARE / RECENT_MOVE_FACTOR <= share <= RECENT_SHARE * RECENT_MOVE_FACTOR:
        return {"moved": False, "cutoff": current.cutoff.isoformat(), "documents": current.documents}
    recent_index_build(listed)
    cache.delete(_tier_key())
    moved = _tier_read()
    assert moved is not None
    return {"moved": True, "cutoff": moved.cutoff.isoformat(), "documents": moved.documents}


def recent_index_create(*migration_arguments: object) -> None:
    """The first index, over the documents there (migration 0014)."""
    recent_index_build(_listed())


def recent_index_drop(*migration_arguments: object) -> None:
    _statement(f"DROP INDEX CONCURRENTLY IF EXISTS {RECENT_INDEX}")
