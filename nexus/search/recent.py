"""The recent tiers: GIN indexes of the words of the newest documents only.

Relevance ranks the SEARCH_CANDIDATES newest matches (selectors.py). When the words are rare among the newest
documents, a walk reads many rows for them (`java developer`: 28,000 rows, 50 ms at a million jobs), and the GIN
index of every document reads every match, most of them old (`registered nurse`: 3,600 matches, 28 ms). A tier's
index holds only the documents published since a cutoff, the newest share of the listed ones (RECENT_SHARES: a tenth,
and for rarer matches, such as a word with filters, three tenths): its entries are that share of the whole index's,
and what it yields are the newest matches (`java developer`: 4.5 ms; `registered nurse`: 1.3 ms). The cutoff is
written in the index's predicate; `recent_tiers_move` (Celery beat) builds an index again with a later cutoff when
new documents have made its tier grow past RECENT_MOVE_FACTOR times its share (or old ones closing have shrunk it as
much), beside the old one, without blocking writes.

The indexes are never needed for a right answer: a search that names an older cutoff than an index's (kept for up to
SEARCH_MEMO_SECONDS) reads the same documents another way, more slowly.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from .memo import memo_key, remembered
from .models import INDEXED_FILTERS

RECENT_SHARES = (0.1, 0.3)
RECENT_MOVE_FACTOR = 1.5


def recent_index(share: float) -> str:
    return f"search_document_recent_{round(share * 100)}"


RECENT_INDEXES = [recent_index(share) for share in RECENT_SHARES]
# The words' index's columns (the filters it holds), over the documents published since the cutoff.
RECENT_INDEX_SQL = (
    "CREATE INDEX {concurrently} {name} ON search_jobdocument "
    f"USING gin (document, {', '.join(INDEXED_FILTERS)}) WITH (fastupdate = off) "
    "WHERE published_at >= '{cutoff}'::timestamptz"
)
# Each valid index's cutoff, read back from its predicate (`(published_at >= '...'::timestamp with time zone)`), and
# the listed documents published since, the newest tier first.
TIERS_SQL = """
SELECT tier.name, tier.cutoff,
       (SELECT count(*) FROM search_jobdocument d WHERE d.listed AND d.published_at >= tier.cutoff)
FROM (
    SELECT c.relname::text AS name,
           (regexp_match(pg_get_expr(x.indpred, x.indrelid), '''([^'']+)''::timestamp with time zone'))[1]::timestamptz
           AS cutoff
    FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
    WHERE x.indexrelid IN (SELECT to_regclass(name) FROM unnest(%s::text[]) name) AND x.indisvalid
) tier
WHERE tier.cutoff IS NOT NULL
ORDER BY tier.cutoff DESC
"""
LISTED_COUNT_SQL = "SELECT count(*) FROM search_jobdocument d WHERE d.listed"
# The publication time of the newest share of the listed documents (the oldest listed one's when they are few).
NEW_CUTOFF_SQL = """
SELECT min(published_at) FROM (
    SELECT d.published_at FROM search_jobdocument d WHERE d.listed ORDER BY d.published_at DESC, d.job_id DESC LIMIT %s
) newest
"""


@dataclass(frozen=True)
class RecentTier:
    index: str
    cutoff: datetime
    documents: int  # the listed documents published since the cutoff


def _tiers_read() -> list[RecentTier]:
    with connection.cursor() as cursor:
        cursor.execute(TIERS_SQL, [RECENT_INDEXES])
        return [RecentTier(name, cutoff, int(documents)) for name, cutoff, documents in cursor.fetchall()]


def _tiers_key() -> str:
    return memo_key("recent-tiers", RECENT_INDEXES)


def recent_tiers() -> list[RecentTier]:
    """The tiers with a valid index, newest first, with their cutoffs and sizes, kept for SEARCH_MEMO_SECONDS."""
    return remembered(_tiers_key(), _tiers_read)


def _statement(sql: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql)


def _listed() -> int:
    with connection.cursor() as cursor:
        cursor.execute(LISTED_COUNT_SQL)
        return int(cursor.fetchone()[0])


def _index_sql(name: str, share: float, listed: int, *, concurrently: bool) -> str:
    """CREATE INDEX `name` over the newest `share` of the `listed` documents."""
    with connection.cursor() as cursor:
        cursor.execute(NEW_CUTOFF_SQL, [max(1, round(share * listed))])
        cutoff = cursor.fetchone()[0] or timezone.now()
    return RECENT_INDEX_SQL.format(
        concurrently="CONCURRENTLY" if concurrently else "", name=name, cutoff=cutoff.isoformat()
    )


def recent_index_build(share: float, listed: int) -> None:
    """The index over the newest `share` of the `listed` documents, built concurrently beside the one there (outside a
    transaction), which is then dropped."""
    name = recent_index(share)
    building = f"{name}_next"
    _statement(f"DROP INDEX CONCURRENTLY IF EXISTS {building}")  # left invalid by a build that failed
    _statement(_index_sql(building, share, listed, concurrently=True))
    _statement(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")
    _statement(f"ALTER INDEX {building} RENAME TO {name}")


def recent_indexes_made(names: list[str]) -> None:
    """Within a transaction, the tiers' indexes `names` (dropped) made again over the documents there, not
    concurrently: the backfill's step, whose documents are new."""
    shares = [share for share in RECENT_SHARES if recent_index(share) in names]
    if not shares:  # before migration 0014
        return
    listed = _listed()
    for share in shares:
        _statement(_index_sql(recent_index(share), share, listed, concurrently=False))
    cache.delete(_tiers_key())


def recent_tiers_move(*, force: bool = False) -> dict[str, Any]:
    """Builds each tier's index again over the newest share of the listed documents, when it is missing or holds a
    share off by more than RECENT_MOVE_FACTOR (`force`: whatever it holds); outside a transaction. By index: whether
    it moved, its cutoff and its documents."""
    listed = _listed()
    current = {tier.index: tier for tier in _tiers_read()}
    moved = []
    for share in RECENT_SHARES:
        tier = current.get(recent_index(share))
        held = tier.documents / listed if tier and listed else 0.0
        if force or not tier or not share / RECENT_MOVE_FACTOR <= held <= share * RECENT_MOVE_FACTOR:
            recent_index_build(share, listed)
            moved.append(recent_index(share))
    cache.delete(_tiers_key())
    return {
        tier.index: {"moved": tier.index in moved, "cutoff": tier.cutoff.isoformat(), "documents": tier.documents}
        for tier in _tiers_read()
    }


def recent_indexes_create(*migration_arguments: object) -> None:
    """The first indexes, over the documents there (migration 0014)."""
    listed = _listed()
    for share in RECENT_SHARES:
        recent_index_build(share, listed)


def recent_indexes_drop(*migration_arguments: object) -> None:
    for name in RECENT_INDEXES:
        _statement(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")
