# ruff: noqa: S608 - SQL assembled from this module's constants; every value is a bound parameter
"""Building search documents, the lexicon, the vocabulary and the suggestions in bulk (set-based SQL).

Day to day the triggers of sql.py keep each job's document current. These functions build
everything at once: after a bulk load that deferred the triggers (the scale seeder), after a
restore, or from `manage.py search_backfill`.
"""

import time
from collections.abc import Callable

from django.db import connection, transaction

from .recent import RECENT_INDEXES, recent_indexes_made
from .sql import ALL_COLUMNS, JOB_SUGGESTIONS, JOB_WORDS, KEPT_WORD, SUGGESTION_KEY, UNCOUNTED_WORDS

Log = Callable[[str], None]
BUILD_MEMORY = "512MB"
# The documents table's indexes but those of its constraints (the primary key), as built (name, CREATE INDEX statement).
INDEXES_SQL = """
SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
WHERE x.indrelid = 'search_jobdocument'::regclass
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
ORDER BY i.relname
"""


def documents_defer() -> None:
    """Within the current transaction, writes to jobs leave their documents to a later backfill."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('search.defer_documents', 'on', true)")


def documents_resume() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('search.defer_documents', 'off', true)")


def _silent(line: str) -> None:
    pass


@transaction.atomic
def documents_rebuild(*, log: Log = _silent) -> int:
    """Every job's document from scratch: the table is emptied, filled in one statement, then indexed."""
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL maintenance_work_mem = '{BUILD_MEMORY}'")
        # Foreign key checks now, not queued to the commit: an index cannot be built over pending ones.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE search_jobdocument")
        # Every secondary index is dropped and made again, after the load, from its own definition: as the
        # migrations made it (the recent tiers' with new cutoffs).
        cursor.execute(INDEXES_SQL)
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute(
            f"INSERT INTO search_jobdocument ({ALL_COLUMNS}) SELECT {ALL_COLUMNS} FROM search_jobdocument_source "
            # Stored newest first: the ranked search reads the newest matches in this order, a page at a time.
            "ORDER BY published_at DESC NULLS LAST, job_id DESC"
        )
        count = cursor.rowcount
        log(f"  search documents: {count:,} built in {time.monotonic() - started:.1f} s; indexing ...")
        for name, definition in indexes:
            if name not in RECENT_INDEXES:
                cursor.execute(definition)
        # the recent tiers over the newest of these documents, not the cutoffs they had
        recent_indexes_made([name for name, _ in indexes])
        cursor.execute("ANALYZE search_jobdocument")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    log(f"  search documents indexed ({time.monotonic() - started:.1f} s)")
    return count


@transaction.atomic
def documents_refresh(*, job_ids: list[int]) -> None:
    """The documents of these jobs, now (what the triggers do; for callers that deferred them)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_documents_refresh(%s::bigint[])", [job_ids])


@transaction.atomic
def lexicon_rebuild() -> int:
    """The lexicon anew: every lexeme the documents hold (lexemes no document holds any more are dropped)."""
    with connection.cursor() as cursor:
        # The refreshes running meanwhile wait for this transaction (the lock TRUNCATE takes) and then add their
        # new lexemes; the lexemes of refreshes that committed before it are in the documents read here.
        cursor.execute("TRUNCATE search_lexeme")
        cursor.execute(
            "INSERT INTO search_lexeme (lexeme) "
            "SELECT DISTINCT unnest(tsvector_to_array(document)) FROM search_jobdocument"
        )
        count = cursor.rowcount
        cursor.execute("ANALYZE search_lexeme")
    return count


LISTED = "j.status = 'published' AND j.moderation_status = 'approved'"
LISTED_NOW = f"{LISTED} AND (j.application_deadline IS NULL OR j.application_deadline > now())"

# The recount: each list computed whole into a temporary table (searches read the list meanwhile), then written over
# it, every row it holds locked first in key order (as the refreshes lock theirs) and only then: rows no longer
# counted deleted, changed counts updated, new rows added. Searches and suggestions never wait for it, where
# emptying the list (TRUNCATE) held them for the whole count (about 22 s for the vocabulary at a million jobs).
VOCABULARY_COUNT = f"""
SELECT word, count(DISTINCT job_id) AS jobs FROM ({JOB_WORDS.format(jobs=LISTED)} UNION ALL {UNCOUNTED_WORDS}) words
WHERE {KEPT_WORD}
GROUP BY word
"""
# Every skill and approved company is an entry, with the listed jobs that have it (none, maybe); a title or city is
# one while listed jobs have it. Labels that read alike (`Nurse`, `nurse`) are one entry, under the one most jobs
# write. Counted per label first: each distinct label is folded once.
SUGGESTIONS_COUNT = f"""
SELECT DISTINCT ON (kind, key) kind, label, key, sum(jobs) OVER (PARTITION BY kind, key) AS popularity FROM (
    SELECT kind, label, {SUGGESTION_KEY} AS key, jobs FROM (
        SELECT kind, label, count(job_id) AS jobs FROM (
            {JOB_SUGGESTIONS.format(jobs=LISTED_NOW)}
            UNION ALL SELECT 'skill', s.name, NULL FROM taxonomy_skill s
            UNION ALL SELECT 'company', c.name, NULL FROM companies_company c WHERE c.moderation_status = 'approved'
        ) labels
        GROUP BY kind, label
    ) counted
) keyed
WHERE key <> ''
ORDER BY kind, key, jobs DESC, label
"""


def _recount(*, table: str, count_sql: str, key: tuple[str, ...], values: tuple[str, ...]) -> int:
    """Writes the rows of `count_sql` (columns `key` and `values`) over `table` (see VOCABULARY_COUNT), in the
    current transaction; returns how many rows the table holds."""
    keys, columns = ", ".join(key), ", ".join((*key, *values))
    changed = " OR ".join(f"{table}.{value} IS DISTINCT FROM EXCLUDED.{value}" for value in values)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE counted AS {count_sql}")
        cursor.execute(f"SELECT 1 FROM {table} ORDER BY {keys} FOR UPDATE")
        cursor.execute(f"DELETE FROM {table} WHERE ({keys}) NOT IN (SELECT {keys} FROM counted)")
        cursor.execute(
            f"INSERT INTO {table} ({columns}) SELECT {columns} FROM counted ORDER BY {keys} "
            f"ON CONFLICT ({keys}) DO UPDATE SET {', '.join(f'{value} = EXCLUDED.{value}' for value in values)} "
            f"WHERE {changed}"
        )
        cursor.execute("SELECT count(*) FROM counted")
        total = cursor.fetchone()[0]
        cursor.execute("DROP TABLE counted")
        cursor.execute(f"ANALYZE {table}")
    return total


@transaction.atomic
def vocabulary_rebuild() -> int:
    """The words of titles, skills and their aliases, companies, categories, cities and countries, with job
    counts."""
    return _recount(table="search_searchterm", count_sql=VOCABULARY_COUNT, key=("word",), values=("jobs",))


@transaction.atomic
def suggestions_rebuild() -> int:
    """Titles, skills, companies and cities of listed jobs, each with how many listed jobs it has."""
    return _recount(
        table="search_suggestion", count_sql=SUGGESTIONS_COUNT, key=("kind", "key"), values=("label", "popularity")
    )


def search_lists_rebuild() -> dict[str, int]:
    """The vocabulary and the suggestions (documents are current already)."""
    return {"terms": vocabulary_rebuild(), "suggestions": suggestions_rebuild()}


def search_backfill(*, log: Log = _silent) -> dict[str, int]:
    """Documents, lexicon, vocabulary and suggestions, all rebuilt from the current rows."""
    documents = documents_rebuild(log=log)
    lexemes = lexicon_rebuild()
    log(f"  search lexicon: {lexemes:,} lexemes")
    terms = vocabulary_rebuild()
    log(f"  search vocabulary: {terms:,} words")
    suggestions = suggestions_rebuild()
    log(f"  search suggestions: {suggestions:,} entries")
    return {"documents": documents, "lexemes": lexemes, "terms": terms, "suggestions": suggestions}


def documents_and_lexicon_rebuild(*migration_arguments: object) -> None:
    """Every document anew, then the lexicon from them: a migration's step when documents change how they read
    text (about 5 minutes at a million jobs, searches waiting)."""
    documents_rebuild()
    lexicon_rebuild()
