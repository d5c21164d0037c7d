# ruff: noqa: S608 - SQL assembled from this module's constants; every value is a bound parameter
"""Building search documents, the lexicon, the vocabulary and the suggestions in bulk (set-based SQL).

Day to day the triggers of sql.py keep each job's document current. These functions build
everything at once: after a bulk load that deferred the triggers (the scale seeder), after a
restore, or from `manage.py search_backfill`.
"""

import time
from collections.abc import Callable

from django.db import connection, transaction

from .sql import ALL_COLUMNS, WORDS

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
        # migrations made it.
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
        for _, definition in indexes:
            cursor.execute(definition)
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

VOCABULARY_SOURCES = [
    f"SELECT {WORDS.format(text='j.title')} AS word, j.id AS job_id FROM jobs_job j WHERE {LISTED}",
    f"SELECT {WORDS.format(text='s.name')}, js.job_id "
    "FROM taxonomy_skill s JOIN jobs_jobskill js ON js.skill_id = s.id",
    f"SELECT {WORDS.format(text='a.alias')}, NULL FROM taxonomy_skillalias a",
    f"SELECT {WORDS.format(text='s.name')}, NULL FROM taxonomy_skill s",
    f"SELECT {WORDS.format(text='c.name')}, NULL FROM companies_company c",
    f"SELECT {WORDS.format(text='c.name')}, NULL FROM taxonomy_category c",
    f"SELECT {WORDS.format(text='j.city')}, j.id FROM jobs_job j WHERE {LISTED}",
    f"SELECT {WORDS.format(text='n.name')}, j.id FROM search_countryname n "
    f"LEFT JOIN jobs_job j ON j.country = n.country AND {LISTED}",
]


@transaction.atomic
def vocabulary_rebuild() -> int:
    """The words of titles, skills and their aliases, companies, categories, cities and countries, with job
    counts."""
    union = " UNION ALL ".join(VOCABULARY_SOURCES)
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE search_searchterm")
        cursor.execute(
            f"""
            INSERT INTO search_searchterm (word, jobs)
            SELECT word, count(DISTINCT job_id) FROM ({union}) words
            WHERE length(word) BETWEEN 2 AND 100
            GROUP BY word
            """
        )
        count = cursor.rowcount
        cursor.execute("ANALYZE search_searchterm")
    return count


LISTED_NOW = f"{LISTED} AND (j.application_deadline IS NULL OR j.application_deadline > now())"

SUGGESTION_SOURCES = {
    "title": f"SELECT j.title AS label, count(*) AS popularity FROM jobs_job j WHERE {LISTED_NOW} GROUP BY j.title",
    "skill": f"""SELECT s.name AS label, count(j.id) AS popularity FROM taxonomy_skill s
        LEFT JOIN jobs_jobskill js ON js.skill_id = s.id
        LEFT JOIN jobs_job j ON j.id = js.job_id AND {LISTED_NOW} GROUP BY s.name""",
    "company": f"""SELECT c.name AS label, count(j.id) AS popularity FROM companies_company c
        LEFT JOIN jobs_job j ON j.company_id = c.id AND {LISTED_NOW}
        WHERE c.moderation_status = 'approved' GROUP BY c.name""",
    "place": f"""SELECT j.city AS label, count(*) AS popularity FROM jobs_job j
        WHERE {LISTED_NOW} AND j.city <> '' GROUP BY j.city""",
}


@transaction.atomic
def suggestions_rebuild() -> int:
    """Titles, skills, companies and cities of listed jobs, each with how many listed jobs it has."""
    total = 0
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE search_suggestion RESTART IDENTITY")
        for kind, source in SUGGESTION_SOURCES.items():
            cursor.execute(
                f"""
                INSERT INTO search_suggestion (kind, label, key, popularity)
                SELECT DISTINCT ON (key) %s, label, key, popularity FROM (
                    SELECT label, lower(search_unaccent(label)) AS key, popularity FROM ({source}) rows
                ) keyed
                WHERE key <> ''
                ORDER BY key, popularity DESC
                """,
                [kind],
            )
            total += cursor.rowcount
        cursor.execute("ANALYZE search_suggestion")
    return total


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
