# ruff: noqa: S608 - SQL assembled from this module's constants; every value is a bound parameter
"""Facet counts of a search: one grouped query (GROUPING SETS) over the matched jobs.

Every match is read when the search collects every one (few matches); otherwise the SEARCH_CANDIDATES newest, the
matches that relevance ranks, whatever the order of the page: a query matching more says `count_exact: false`, and
its count and facets are estimates from those newest matches (see estimated_count). They always add up to `count`.
"""

import math
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import connection

from .publication import LISTED_ESTIMATE_SQL, histogram_share_since, publication_histogram, share_published_since

TOP_LOCATIONS = 10
FACETS = ("employment_type", "experience_level", "remote_type", "category", "location")

GROUPED_SQL = """
SELECT GROUPING(employment_type) AS g_employment, GROUPING(experience_level) AS g_experience,
       GROUPING(remote_type) AS g_remote, GROUPING(category_id) AS g_category, GROUPING(country, city) AS g_place,
       employment_type, experience_level, remote_type, category_id, country, city, count(*) AS n,
       min(published_at) AS oldest
FROM {source}
GROUP BY GROUPING SETS ((employment_type), (experience_level), (remote_type), (category_id), (country, city), ())
"""


# Of the places only the TOP_LOCATIONS largest are returned (matches may be in thousands of cities); among
# equally large ones, by name in code point order (COLLATE "C"), the order facets_from_rows shows them in, and
# cheaper to sort than the database's linguistic order.
PLACES_RANKED_SQL = f"""
SELECT *, CASE WHEN g_place = 0 THEN row_number() OVER (
    PARTITION BY g_place ORDER BY n DESC, city COLLATE "C", country COLLATE "C"
) END
    AS place_rank
FROM ({GROUPED_SQL}) grouped
"""


GROUPED_COLUMNS = (
    "g_employment", "g_experience", "g_remote", "g_category", "g_place", "employment_type", "experience_level",
    "remote_type", "category_id", "country", "city", "n", "oldest",
)  # fmt: skip
FACET_COLUMNS = (*GROUPED_COLUMNS, "name", "slug", "listed_since", "listed")  # the columns of facets_sql, in order

# A count of more matches than were read is estimated from how far back the newest ones reach. The oldest of
# the `read` matches is the `since`-th listed document, newest first: about (read - 1) / (since - 1) of the
# listed documents match (a rate estimated from the trial of its read-th success), as many of the older ones
# as of the newer. `since` is counted through the newest-first index up to SINCE_COUNTED (0.25 ms at a million
# jobs); past that, it comes from the histogram of publication times (publication.py), which counts unlisted
# documents too. The listed documents are the newest-first index's entries by the planner's statistics, or,
# before there are any (a restored database not yet analysed), counted up to LISTED_COUNTED (8 ms at a million jobs).
SINCE_COUNTED = 2_000
LISTED_COUNTED = 100_000
TOTAL_ROW = "LEAST(ranked.g_employment, ranked.g_experience, ranked.g_remote, ranked.g_category, ranked.g_place) > 0"
LISTED_SINCE_SQL = f"""(
    SELECT count(*) FROM (
        SELECT FROM search_jobdocument listed WHERE listed.listed AND listed.published_at >= ranked.oldest
        LIMIT {SINCE_COUNTED}
    ) since
)"""
LISTED_SQL = f"""(
    SELECT CASE WHEN reltuples >= 0 THEN reltuples::bigint ELSE (
        SELECT count(*) FROM (SELECT FROM search_jobdocument WHERE listed LIMIT {LISTED_COUNTED}) listed
    ) END FROM ({LISTED_ESTIMATE_SQL}) estimate
)"""


def facets_sql(source: str, read: int | None) -> str:
    """Facet rows of the matched rows in `source` (a table expression with the copied columns), named. `read`:
    how many matches `source` holds at most (None: every one), when it holds that many, the total row also says
    how many listed documents are as new as the oldest of them, and how many are listed."""
    ranked = PLACES_RANKED_SQL.format(source=source)
    columns = ", ".join(f"ranked.{column}" for column in GROUPED_COLUMNS)
    since, listed = "NULL::bigint", "NULL::bigint"
    if read is not None:
        sampled = f"{TOTAL_ROW} AND ranked.n >= {int(read)}"
        since, listed = (f"CASE WHEN {sampled} THEN {sql} END" for sql in (LISTED_SINCE_SQL, LISTED_SQL))
    estimate = f"{since} AS listed_since, {listed} AS listed"
    return (
        f"SELECT {columns}, category.name, category.slug, {estimate} FROM ({ranked}) ranked "
        "LEFT JOIN taxonomy_category category ON category.id = ranked.category_id "
        f"WHERE ranked.place_rank IS NULL OR ranked.place_rank <= {TOP_LOCATIONS}"
    )


MATCHES = """(
    SELECT d.employment_type, d.experience_level, d.remote_type, d.category_id, d.country, d.city, d.published_at
    FROM search_jobdocument d WHERE {where}
) matched"""
NEWEST_MATCHES = MATCHES.replace("{where}", "{where} ORDER BY {newest_first} LIMIT %s")

Facets = dict[str, list[dict[str, Any]]]


def facets_count(
    where: str, params: list[Any], newest_first: str | None, published_since: datetime | None = None
) -> tuple[int, bool, Facets]:
    """(count, whether it is exact, facets) of the documents matching `where` (see documents_where), read from
    the newest SEARCH_CANDIDATES in the order `newest_first` (an ORDER BY list), or every one (None);
    `published_since`: as facets_from_rows."""
    if newest_first is None:
        sql, limited = facets_sql(MATCHES, None), []
    else:
        limit = settings.SEARCH_CANDIDATES
        sql, limited = facets_sql(NEWEST_MATCHES, limit).replace("{newest_first}", newest_first), [limit]
    with connection.cursor() as cursor:
        cursor.execute(sql.replace("{where}", where), [*params, *limited])
        return facets_from_rows(cursor.fetchall(), published_since)


def facets_from_rows(rows: list, published_since: datetime | None = None) -> tuple[int, bool, Facets]:
    """(count, whether it is exact, facets) from the rows of facets_sql: estimated when the total row says how
    many listed documents are as new as the oldest match read (`published_since`: no match is older,
    DocumentFilters)."""
    total, estimate = 0, None
    facets: Facets = {name: [] for name in FACETS}
    for (g_emp, g_exp, g_rem, g_cat, g_place, employment, experience, remote, category_id, country, city, n,
         oldest, category_name, category_slug, listed_since, listed) in rows:  # fmt: skip
        if g_emp and g_exp and g_rem and g_cat and g_place:
            total = n
            if listed_since is not None:
                estimate = estimated_count(n, _timestamp(oldest), listed_since, listed, published_since)
        elif not g_emp:
            facets["employment_type"].append({"value": employment, "count": n})
        elif not g_exp:
            facets["experience_level"].append({"value": experience, "count": n})
        elif not g_rem:
            facets["remote_type"].append({"value": remote, "count": n})
        elif not g_cat:
            facets["category"].append(
                {"value": category_id, "name": category_name or "", "slug": category_slug or "", "count": n}
            )
        else:
            facets["location"].append({"city": city, "country": country, "count": n})
    if estimate is not None:
        facets = {name: _scaled(found, total, estimate, adding_up=name != "location") for name, found in facets.items()}
    for buckets in facets.values():
        buckets.sort(
            key=lambda bucket: (
                -bucket["count"],
                str(bucket.get("value", bucket.get("city"))),
                bucket.get("country", ""),
            )
        )
    return (total, True, facets) if estimate is None else (estimate, False, facets)


def estimated_count(
    read: int, oldest: datetime, listed_since: int, listed: int, published_since: datetime | None = None
) -> int:
    """The matches estimated from the newest `read`, the oldest published at `oldest`, the `listed_since`-th
    listed document newest first (counted up to SINCE_COUNTED) of `listed`, or of those published since
    `published_since` when no match is older (`posted_within`: 7 days of a million jobs is 46,000 of them, not
    757,000); at least `read`."""
    if listed_since >= SINCE_COUNTED:
        share = histogram_share_since(publication_histogram(), oldest)
        if share is not None:
            listed_since = max(listed_since, round(share * listed))
    rate = (read - 1) / max(listed_since - 1, 1)
    population = round(share_published_since(published_since) * listed)
    return max(read, round(rate * max(population, listed_since)))


def _timestamp(value: datetime | str) -> datetime:
    """A timestamp as a cursor gives it, or as JSON does (the ranked statement's facets come as JSON)."""
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def _scaled(buckets: list[dict[str, Any]], read: int, estimate: int, *, adding_up: bool) -> list[dict[str, Any]]:
    """The buckets' counts of `read` matches scaled to `estimate`; those of a facet that adds up still add up to
    it (the largest remainders rounded up)."""
    scaled = [bucket["count"] * estimate / read for bucket in buckets]
    counts = [math.floor(value) for value in scaled]
    if adding_up:
        short = estimate - sum(counts)
        for i in sorted(range(len(scaled)), key=lambda i: counts[i] - scaled[i])[:short]:
            counts[i] += 1
    else:
        counts = [round(value) for value in scaled]
    return [{**bucket, "count": count} for bucket, count in zip(buckets, counts, strict=True)]
