# ruff: noqa: S608 - SQL assembled from this module's constants; every value is a bound parameter
"""Job search: the matched jobs (every list filter plus the text query), ranked, one page, facets. The matches are
read the way collecting.py chooses."""

import base64
import binascii
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from types import SimpleNamespace
from typing import Any, NamedTuple, TypeVar

import orjson
from django.conf import settings
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from nexus.core.errors import InvalidInput, NotFound
from nexus.core.geo import (
    centre_params,
    default_radius_km,
    distance_km,
    distance_km_sql,
    earth_point,
    radius_conditions,
)
from nexus.core.pagination import KeysetCursor
from nexus.jobs.filters import SORTS
from nexus.jobs.models import Job
from nexus.jobs.selectors import job_list_public
from nexus.taxonomy.cache import NAMESPACE as TAXONOMY

from . import error_codes
from .amounts import SalaryAsked
from .analysis import AnalysedQuery, query_analyse
from .collecting import (
    LISTED,
    MAY_COME_SHORT,
    OPEN_NOW,
    TEXT_MATCH,
    TEXT_MATCH_WITHOUT_INDEX,
    WALK,
    WALKS,
    WINDOW_ORDER,
    Collected,
    collected_where,
    documents_where,
    filtered_few,
    through_words,
    walk_order,
)
from .facets import FACET_COLUMNS, facets_count, facets_from_rows, facets_sql
from .filtering import Center, DocumentFilters
from .gazetteer import Place, gazetteer, place_resolve
from .highlights import MARK_CLOSE, MARK_OPEN, Marker, symbol_names_written
from .lexemes import prefixes, prefixes_replaced, shown_lexemes
from .memo import memo_key, remembered
from .models import JobDocument
from .query import MAX_QUERY_LENGTH, query_parse
from .ranking import COMPANY, TITLE, TITLE_AND_SKILLS, fields_sql, in_place_sql, place_patterns, score_sql, weighted
from .sql import TITLE_WORDS, symbol_names_spelt
from .tsquery import TsQueryText

T = TypeVar("T")
SEARCH_SORTS = ("relevance", "distance", *SORTS)
# ts_headline's options: the words marked with private-use characters, turned into <mark> after HTML escaping
# (serializers.py); the title whole, the snippet as fragments of a window of the description (highlighting costs
# per character: PostgreSQL's parser reads every word of it).
MARKS = f"StartSel={MARK_OPEN}, StopSel={MARK_CLOSE}"
HIGHLIGHT = f"{MARKS}, HighlightAll=true"
SNIPPET = f'{MARKS}, MaxWords=20, MinWords=8, MaxFragments=2, FragmentDelimiter=" … "'
# The snippet's window: SNIPPET_SOURCE_CHARS of the description from SNIPPET_LEAD_CHARS before the first place
# where one of the query's lexemes (`q.shown`, lexemes.py) occurs as written (a stem is most often the start of
# its words), from the next whole word; from the start when none does (an accented word, a stem written
# otherwise) or the first lies within the lead. Two fragments of 20 words fit in it: about as much as a web
# search shows. Highlighting a page of 20 costs about 0.2 ms (the parser's time, once a session's dictionaries load).
# A query asking for a symbol's name (`q.spelt`: `c#`, whose lexeme is csharp; the window looks for it as written)
# has the texts highlighted with the names spelt as the documents hold them, which ts_headline then marks and
# Marker writes back (highlights.py).
SNIPPET_SOURCE_CHARS = 260
SNIPPET_LEAD_CHARS = 80


def _spelt_if_asked(text: str) -> str:
    return f"CASE WHEN q.spelt THEN {symbol_names_spelt(text)} ELSE {text} END"


SNIPPET_WINDOW = f"""CASE WHEN first.at <= {SNIPPET_LEAD_CHARS} THEN left(j.description, {SNIPPET_SOURCE_CHARS})
        ELSE regexp_replace(
            substr(j.description, first.at - {SNIPPET_LEAD_CHARS}, {SNIPPET_SOURCE_CHARS}), '^\\S*\\s+', ''
        ) END"""
SNIPPET_SOURCE = f"""(
    SELECT {_spelt_if_asked(SNIPPET_WINDOW)}
    FROM (
        SELECT coalesce(min(found.at), 0) AS at
        FROM lower(j.description) lowered(text), unnest(q.shown) lexeme, strpos(lowered.text, lexeme) found(at)
        WHERE found.at > 0
    ) first
)"""
# Of a page's jobs `j` (jobs_job): the position, and the title and snippet with the words of `q.query` marked.
# (The documents table holds the same position; not joining it here saves about 0.5 of the 1.7 ms the ranking
# statement took to plan.)
PAGE_ROW_COLUMNS = (
    "j.id, j.latitude, j.longitude, "
    f"ts_headline('search_english', {_spelt_if_asked('j.title')}, q.query, '{HIGHLIGHT}'), "
    f"ts_headline('search_english', {SNIPPET_SOURCE}, q.query, '{SNIPPET}')"
)


@dataclass(frozen=True)
class PageRow:
    latitude: float | None
    longitude: float | None
    highlights: tuple[str, str] | None  # title and snippet with the words marked (MARKS), given words


@dataclass
class SearchPage:
    ids: list[int]  # the page's jobs, in order (their list items: nexus/jobs/list_items.py)
    highlights: dict[int, tuple[str, str]]  # by job: title and snippet with the words marked (MARKS), given words
    distances: dict[int, float | None]  # by job: km from the centre, given one (None: the job has no place)
    next_cursor: str | None
    previous_cursor: str | None
    count: int | None  # estimated when not count_exact (facets.py)
    count_exact: bool
    facets: dict[str, list[dict[str, Any]]] | None
    analysed: AnalysedQuery
    sort: str
    place: Place | None = None
    salary: SalaryAsked | None = None  # the salary its query typed, read as the salary filters (amounts.py)
    has_more: bool = False  # whether a page follows this one
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def did_you_mean(self) -> str | None:
        """The query with its misspelt words corrected; when it finds nothing, without the words no document holds
        (`truck driver`: driver), and the misspelt ones too if need be: the results hold the corrected words'
        matches already, so corrected alone it would find nothing either (`security guard`: security); when every
        word is held, without the first that names the job (`delivery driver`: driver). The salary the query typed
        follows its words (`pyhton 100k`: python 100k; amounts.py)."""
        analysed = self.analysed
        offered = analysed.offered_if_none_found if self.count == 0 else analysed.did_you_mean
        return f"{offered} {self.salary.typed}" if offered is not None and self.salary is not None else offered


# A place the gazetteer does not know may still be where jobs are: the centre of the listed jobs of that city.
JOB_CITY_SQL = """
SELECT min(city), country, avg(latitude), avg(longitude), count(*) FROM search_jobdocument
WHERE listed AND latitude IS NOT NULL AND upper(city) = upper(%s) AND (%s = '' OR country = %s)
GROUP BY country ORDER BY count(*) DESC LIMIT 1
"""


def _job_city(near: str) -> Place | None:
    """The city as jobs name it (the gazetteer's fallback), by the mean position of its listed jobs."""
    name, _, country = (part.strip() for part in near.partition(","))
    country = country.upper() if len(country) == 2 else ""
    if not name:
        return None
    with connection.cursor() as cursor:
        cursor.execute(JOB_CITY_SQL, [name, country, country])
        row = cursor.fetchone()
    if row is None:
        return None
    city, code, latitude, longitude, jobs = row
    return Place(name=city, country=code, latitude=float(latitude), longitude=float(longitude), population=jobs)


def search_place_resolve(*, near: str) -> tuple[Place, float]:
    """A place name to a centre, and how far a search around it reaches unless `radius_km` says: the offline
    gazetteer's cities first, then a metropolitan area (gazetteer's metro_area: `Bay Area`, 80 km around San
    Francisco; `Seattle area`), then the cities jobs are in."""
    place, radius_km = place_resolve(text=near), default_radius_km()
    if place is None and (area := gazetteer().metro_area(near)) is not None:
        place, radius_km = area[0], area[1] or radius_km
    place = place or _job_city(near.replace("\x00", ""))
    if place is None:
        raise InvalidInput(
            'This place is not in the gazetteer: give a city ("Berlin", "Paris, FR"), a metropolitan area ("Bay Area")'
            " or lat and lng.",
            code=error_codes.UNKNOWN_PLACE,
            details={"near": [f"Unknown place: {near[:100]}"], "similar": gazetteer().names_like(near)},
        )
    return place, radius_km


def search_query_analyse(*, q: str, abbreviations_counted: bool = False) -> AnalysedQuery:
    if len(q) > MAX_QUERY_LENGTH:
        raise InvalidInput(
            f"The query is too long: at most {MAX_QUERY_LENGTH} characters.",
            code=error_codes.QUERY_TOO_LONG,
            details={"q": [f"Ensure this field has no more than {MAX_QUERY_LENGTH} characters."]},
        )
    text = q.replace("\x00", " ")
    return remembered(
        memo_key("analysis", text, abbreviations_counted),
        lambda: query_analyse(query_parse(text), abbreviations_counted=abbreviations_counted),
        namespace=TAXONOMY,
    )


def jobs_matching(
    *, jobs: QuerySet[Job], analysed: AnalysedQuery, filters: DocumentFilters | None = None
) -> QuerySet[Job]:
    """The jobs whose document matches the analysed query (all of them when the query asks for nothing), and holds
    the filter markers of `filters` too: the jobs' own filters, the same, are then not all the planner can read
    (`nurse` in Berlin, newest first, walked the newest jobs testing each one's city: 440 ms; 14 through the
    words' GIN index)."""
    if not analysed.tsquery:
        return jobs
    if analysed.matches_nothing:
        return jobs.none()
    matched = jobs.filter(search_document__document=TsQueryText(analysed.tsquery))
    conditions, params = filters.markers_on(f'"{JobDocument._meta.db_table}"."document"') if filters else ([], [])
    return matched.extra(where=conditions, params=params) if conditions else matched  # noqa: S610 - bound parameters


# --- cursors of computed orderings (relevance, distance): the key of the last row and its id ------------------


def _cursor_encode(key: float, pk: int) -> str:
    raw = orjson.dumps({"k": key, "i": pk})
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _cursor_decode(cursor: str) -> tuple[float, int]:
    try:
        raw = orjson.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        key, pk = float(raw["k"]), int(raw["i"])
    except (ValueError, KeyError, TypeError, binascii.Error) as exc:
        raise NotFound("Invalid cursor.", code="invalid_cursor") from exc
    return key, pk


def _ranked_ids(
    *, sql: str, params: list[Any], descending: bool, cursor: str | None, offset: int, size: int
) -> list[tuple[int, float]]:
    """(id, key) of one page of `sql` (rows of `id, key`), ordered by key then id, after the cursor."""
    direction = "DESC" if descending else "ASC"
    operator = "<" if descending else ">"
    where, where_params = "", []
    if cursor:
        key, pk = _cursor_decode(cursor)
        where, where_params = f"WHERE (key, id) {operator} (%s, %s)", [key, pk]
    query = f"SELECT id, key FROM ({sql}) ranked {where} ORDER BY key {direction}, id {direction} OFFSET %s LIMIT %s"
    with connection.cursor() as db:
        db.execute(query, [*params, *where_params, offset, size])
        return [(row[0], row[1]) for row in db.fetchall()]


# The candidates (`matched`) ranked by score, one page of them (with one more row, which says whether another
# page follows), the facets and the page's rows with their highlights.
RANKED_PAGE_SQL = f"""
ranked AS (SELECT job_id AS id, {{score}} AS key FROM matched, q),
page AS (SELECT id, key FROM ranked {{after}} ORDER BY key DESC, id DESC OFFSET %s LIMIT %s)
SELECT 'page', (SELECT json_agg(json_build_array(id, key) ORDER BY key DESC, id DESC) FROM page)::text
UNION ALL
SELECT 'facets', {{facets}}
UNION ALL
SELECT 'rows', (
    SELECT json_agg(json_build_array({PAGE_ROW_COLUMNS}))::text
    FROM (SELECT id FROM page ORDER BY key DESC, id DESC LIMIT %s) shown JOIN jobs_job j ON j.id = shown.id, q
)
"""

# The query's words as the statements that rank read them (_relevance_page).
QUERY_CTE = """
WITH q AS (
    SELECT %s::tsquery AS query, %s::tsquery AS ranked, %s::tsquery AS title, %s::tsquery AS title_and_skills,
           %s::tsquery AS exact_title, %s::tsquery[] AS field_titles, %s::text[] AS shown, %s::boolean AS spelt,
           %s::text[] AS places, %s::text[] AS place_patterns, %s::tsquery AS company
),
"""

RELEVANCE_SQL = (
    QUERY_CTE
    + """walked AS MATERIALIZED ({matched}),
matched AS (SELECT * FROM walked{titled}),
"""
    + RANKED_PAGE_SQL
    # how many candidates the walk found (THROUGH_WINDOW, THROUGH_RECENT: whether the window or tier held enough)
    + "UNION ALL\nSELECT 'candidates', (SELECT count(*) FROM walked)::text\n"
)

MATCHED_COLUMNS = """d.job_id, d.document, d.is_featured, d.published_at,
    d.employment_type, d.experience_level, d.remote_type, d.category_id, d.country, d.city, d.latitude, d.longitude"""
# The newest matches as a walk reads them, in order, or (the ways that sort what they read) sorted by their keys alone,
# their documents then read by primary key: a sort carrying the documents took 2 ms more for `nurse` in the tier.
WALKED_SQL = f"SELECT {MATCHED_COLUMNS} FROM search_jobdocument d WHERE {{where}} ORDER BY {{walk_order}} LIMIT %s"
SORTED_SQL = f"""SELECT {MATCHED_COLUMNS} FROM (
    SELECT d.job_id FROM search_jobdocument d WHERE {{where}} ORDER BY {{walk_order}} LIMIT %s
) newest JOIN search_jobdocument d ON d.job_id = newest.job_id"""

# When collecting every match through the indexes reads fewer rows (candidates_collection), all of them are
# counted (exactly) and faceted; only the newest SEARCH_CANDIDATES are ranked, their
# documents read again by primary key.
RELEVANCE_ALL_MATCHES_SQL = (
    QUERY_CTE
    + """everything AS MATERIALIZED (
    SELECT d.job_id, d.is_featured, d.published_at,
           d.employment_type, d.experience_level, d.remote_type, d.category_id, d.country, d.city
    FROM search_jobdocument d WHERE {where}
),
newest AS (SELECT * FROM everything ORDER BY published_at DESC, job_id DESC LIMIT %s),
walked AS MATERIALIZED (
    SELECT newest.*, d.document, d.latitude, d.longitude
    FROM newest JOIN search_jobdocument d ON d.job_id = newest.job_id
),
matched AS (SELECT * FROM walked{titled}),
"""
    + RANKED_PAGE_SQL
)

# Beside the candidates (`walked`), when fewer than TITLED_FEW of them (and not all) answer the query's title
# groups (the score's title boost), the newest TITLED_CANDIDATES matches whose title does, found through the titles'
# index (sql.TITLE_WORDS; `{columns}` in the candidates' order): the newest matches of `office manager` (211,531 on
# the seeded million, both words being common in descriptions) held 4 of its 3,382 Office Managers, which came first,
# then Sales and Finance Managers whose descriptions say office. The test is one-time (an InitPlan): otherwise the
# titles are not read. `matched`, read once (by the ranking), is not written out again: the candidates' copy is
# `walked`, which the facets and counts read.
TITLED_FEW = 10
TITLED_CANDIDATES = 100
TITLED_READ = 3 * TITLED_CANDIDATES  # the newest jobs so titled that are read, of which the matches listed are kept
TITLED_SQL = f"""
    UNION ALL
    SELECT * FROM (
        SELECT {{columns}} FROM search_jobdocument d
        WHERE {{where}} AND d.job_id = ANY(ARRAY(
            SELECT titled_jobs.id FROM (
                SELECT j.id, j.published_at FROM jobs_job j
                WHERE {TITLE_WORDS} @@ %s::tsquery AND j.status = 'published' AND j.moderation_status = 'approved'
                OFFSET 0  -- through the titles' index: walking the newest jobs, each title's words were worked out
            ) titled_jobs
            ORDER BY titled_jobs.published_at DESC, titled_jobs.id DESC LIMIT %s
        ))
        ORDER BY {WINDOW_ORDER} LIMIT %s  -- not walking the newest-first index for the few documents read
    ) titled
    WHERE (SELECT count(*) FILTER (WHERE w.document @@ q.title) < least(count(*), {TITLED_FEW}) FROM walked w, q)
      AND titled.job_id NOT IN (SELECT job_id FROM walked)"""
ALL_MATCHES_COLUMNS = """d.job_id, d.is_featured, d.published_at, d.employment_type, d.experience_level,
    d.remote_type, d.category_id, d.country, d.city, d.document, d.latitude, d.longitude"""


Counted = tuple[int, bool, dict[str, list[dict[str, Any]]]]  # the count, whether it is exact, the facets
RelevancePage = tuple[list[tuple[int, float]], dict[int, PageRow], Counted | None]


def _relevance_page(
    collected: Collected,
    *,
    analysed: AnalysedQuery,
    cursor: str | None,
    offset: int,
    size: int,
    with_facets: bool,
    published_since: datetime | None,
) -> RelevancePage | None:
    """One page (`size` rows: the page and one more) of the SEARCH_CANDIDATES newest matches ranked by score
    (ranking.py; every match on a small board, Collected.every_match), the page's rows, and the facets and count,
    in one statement that reads the matches once: of every match when they are few enough to be collected through
    the indexes, else of the candidates (then the count says it is not exact). When few candidates are titled with
    the query's words, the newest matches that are are ranked beside them (TITLED_SQL). None when THROUGH_WINDOW held
    fewer than SEARCH_CANDIDATES matches."""
    where, params, way = collected.where, collected.params, collected.way
    limit = None if collected.every_match else settings.SEARCH_CANDIDATES  # LIMIT NULL: every match
    few = way not in WALKS
    template, counted_source = (RELEVANCE_ALL_MATCHES_SQL, "everything") if few else (RELEVANCE_SQL, "walked")
    after, after_params = "", []
    if cursor:
        key, pk = _cursor_decode(cursor)
        after, after_params = "WHERE (key, id) < (%s, %s)", [key, pk]
    facets = "NULL::text"
    if with_facets:
        columns = ", ".join(f"f.{column}" for column in FACET_COLUMNS)
        facets_of = facets_sql(counted_source, None if few else limit)
        facets = f"(SELECT json_agg(json_build_array({columns}))::text FROM ({facets_of}) f)"
    score = score_sql(
        document="document", ranked="q.ranked", title="q.title", title_and_skills="q.title_and_skills",
        exact_title="q.exact_title", featured="is_featured", published_at="published_at",
        fields=fields_sql(document="document", fields=analysed.fields, titles="q.field_titles"),
        in_place=in_place_sql(analysed.places) if analysed.places else "",
        company="q.company" if analysed.company else "",
    )  # fmt: skip
    matched = (SORTED_SQL if way in MAY_COME_SHORT else WALKED_SQL).format(where=where, walk_order=walk_order(way))
    titled, titled_params = "", []
    if analysed.title and not collected.every_match:
        titled = TITLED_SQL.format(columns=ALL_MATCHES_COLUMNS if few else MATCHED_COLUMNS, where=where)
        titled_params = [*params, titles_asked(analysed.title), TITLED_READ, TITLED_CANDIDATES]
    sql = template.format(where=where, matched=matched, score=score, after=after, facets=facets, titled=titled)
    shown = shown_lexemes(analysed.tsquery)
    with connection.cursor() as db:
        words: list[Any] = [
            analysed.tsquery,
            analysed.ranked,
            weighted(analysed.title, TITLE),
            weighted(analysed.title, TITLE_AND_SKILLS),
            weighted(analysed.exact_title, TITLE_AND_SKILLS),
            [weighted(asked, TITLE) for asked, _ in analysed.fields],
            *_shown_params(shown),
            list(analysed.places),
            place_patterns(analysed.places),
            weighted(analysed.company, COMPANY),
        ]
        db.execute(sql, [*words, *params, limit, *titled_params, *after_params, offset, size, size - 1])
        parts = dict(db.fetchall())
    if way in MAY_COME_SHORT and int(parts["candidates"]) < settings.SEARCH_CANDIDATES:
        return None  # the window or the tier held too few matches: they must be collected another way
    ranked = [(int(pk), float(key)) for pk, key in orjson.loads(parts["page"] or "[]")]
    rows = _page_rows_read(orjson.loads(parts["rows"] or "[]"), shown)
    if not with_facets:
        return ranked, rows, None
    facet_rows = [
        tuple(row[0]) if len(row) == 1 and isinstance(row[0], list) else tuple(row)
        for row in orjson.loads(parts["facets"] or "[]")
    ]
    return ranked, rows, facets_from_rows(facet_rows, published_since)


def titles_asked(title: str) -> str:
    """The query's title groups (its `title`) as the titles' index answers them: each prefix as its own stem (a
    prefix makes the index's matches inexact, and each is then tested again on the title's words, worked out anew:
    `office manager`'s `'manag':*` took 95 ms so)."""
    return prefixes_replaced(title, {prefix: [prefix] for prefix in prefixes(title)})


def _read_collected(
    read: Callable[[Collected], T | None], collected: Collected, *, analysed: AnalysedQuery, filters: DocumentFilters
) -> T:
    """What `read` finds in the matches `collected` (collected_where); when THROUGH_WINDOW or THROUGH_RECENT held too
    few (`read` gives None), in the matches collected again the way they fall back to, which the query then keeps
    (candidates_collection)."""
    found = read(collected)
    if found is None:
        found = read(collected_where(analysed=analysed, filters=filters, came_short=True))
    assert found is not None  # only the window's and the tier's ways can come short
    return found


def _counted(collected: Collected, *, published_since: datetime | None) -> Counted | None:
    """The count and facets of the matches `collected` (collected_where) as the relevance order counts them, whatever
    the page's order: its candidates when they are walked, else every match (`published_since`: facets_from_rows).
    None when THROUGH_WINDOW or THROUGH_RECENT held fewer than SEARCH_CANDIDATES matches."""
    where, params, way = collected.where, collected.params, collected.way
    counted = facets_count(where, params, walk_order(way) if way in WALKS else None, published_since)
    if way in MAY_COME_SHORT and counted[0] < settings.SEARCH_CANDIDATES:
        return None
    return counted


def _distance_sql(where: str, params: list[Any], center: Center) -> tuple[str, list[Any]]:
    """The matching documents (documents_where) with coordinates and their distance in km from the centre."""
    key = distance_km_sql("d.latitude", "d.longitude")
    sql = f"SELECT d.job_id AS id, {key} AS key FROM search_jobdocument d WHERE {where} AND d.latitude IS NOT NULL"
    return sql, [*centre_params(*center.point), *params]


# The nearest matches of many, read ring by ring: within this share of the radius past the cursor's distance first.
FIRST_RING_SHARE = 1 / 16
RING_GROWTH = 4  # each next reach this many times as far past the cursor's distance, up to the radius


def _nearest_ids(
    *, where: str, params: list[Any], way: str, center: Center, cursor: str | None, offset: int, size: int
) -> list[tuple[int, float]]:
    """One page (`size` rows, past `offset`) of the matches of `where` (collected `way`) nearest first, after the
    cursor.

    Matches collected through the indexes are few: they are all sorted. Many (a walk's way) are read from the
    centre outwards, through the earth-point index: the matches within a shorter reach first, sorted. When that
    reach holds the page, it is the page, as every other match lies farther; else a reach RING_GROWTH times as far,
    up to the radius. `engineer` within 500 km of London read every match there (9,000 of 60,000 documents) for its
    first page. A numbered page's first reach is as much longer as the reach that would hold its rows and those before
    it, were the matches spread evenly over the disc (the square root of how many more they are than a page's)."""

    def page(where: str, params: list[Any]) -> list[tuple[int, float]]:
        sql, distance_params = _distance_sql(where, params, center)
        return _ranked_ids(sql=sql, params=distance_params, descending=False, cursor=cursor, offset=offset, size=size)

    if way not in WALKS:
        return page(where, params)
    after = _cursor_decode(cursor)[0] if cursor else 0.0
    start = after if 0.0 <= after < center.radius_km else 0.0  # the reaches from 0 are as right, only more
    band = center.radius_km * FIRST_RING_SHARE * math.sqrt((offset + size) / size)
    while True:
        reach = min(start + band, center.radius_km)
        within, within_params = radius_conditions("d.latitude", "d.longitude", center.point, reach)
        ranked = page(" AND ".join([where, *within]), [*params, *within_params])
        if len(ranked) == size or reach >= center.radius_km:
            return ranked
        band *= RING_GROWTH


PAGE_ROWS_SQL = f"""
WITH q AS (SELECT %s::tsquery AS query, %s::text[] AS shown, %s::boolean AS spelt)
SELECT {PAGE_ROW_COLUMNS}
FROM search_jobdocument d JOIN jobs_job j ON j.id = d.job_id, q
WHERE d.job_id = ANY(%s) AND {LISTED} AND {OPEN_NOW}
"""


def _shown_params(shown: list[str]) -> list[Any]:
    """`q.shown` and `q.spelt` of the shown lexemes (shown_lexemes): those the snippet's window looks for, the
    symbols' names among them also as written (`c#`), not a lone letter or digit, which most texts hold early (`c`
    of `c <-> sharp`); and whether there are symbols' names."""
    written = symbol_names_written(shown)
    looked_for = [lexeme for lexeme in shown if len(lexeme) > 1 or not lexeme.isascii()]
    return [[*looked_for, *written], bool(written)]


def _page_rows_read(rows: list[Any], shown: list[str]) -> dict[int, PageRow]:
    """PageRows by job from rows of PAGE_ROW_COLUMNS (highlights None where there were no words to mark), with
    what ts_headline cannot mark of the `shown` lexemes (shown_lexemes) marked too (highlights.py)."""
    mark = Marker(shown).marked
    return {
        pk: PageRow(latitude, longitude, (mark(title), mark(snippet)) if snippet is not None else None)
        for pk, latitude, longitude, title, snippet in rows
    }


def _page_rows(ids: list[int], analysed: AnalysedQuery) -> dict[int, PageRow]:
    """The page's jobs still listed, by id, with their coordinates and the highlights of the words (computed
    for these rows only)."""
    words = analysed.tsquery if analysed.has_positive_terms else None
    shown = shown_lexemes(words or "")
    with connection.cursor() as cursor:
        cursor.execute(PAGE_ROWS_SQL, [words, *_shown_params(shown), ids, timezone.now()])
        return _page_rows_read(cursor.fetchall(), shown)


def job_search(
    *,
    jobs: QuerySet[Job] | None,
    q: str,
    sort: str | None,
    cursor: str | None,
    page: int | None,
    page_size: int,
    filters: DocumentFilters,
    with_facets: bool = True,
) -> SearchPage:
    """One page of the listed jobs in `jobs` (already filtered; None: no list filter, every listed job) that
    match `q`, in the chosen order. `filters`: the same filters on the documents table, which is all that a query
    with words reads, whatever its order; their radius's centre is the one distances are measured from.

    Without a sort, a query with words is ranked by relevance (ranking.py), anything else by the
    list's default. Facets and the count come from one grouped query over the matches (facets.py);
    highlights are computed for the returned page only.
    """
    center = filters.center
    analysed = search_query_analyse(q=q)
    ranked_text = bool(analysed.tsquery and analysed.has_positive_terms)
    sort = _sort_chosen(sort, ranked_text=ranked_text, center=center)
    if analysed.matches_nothing:  # nothing to read
        count, exact, facets = facets_from_rows([]) if with_facets else (None, False, None)
        return SearchPage(
            ids=[], highlights={}, distances={}, next_cursor=None, previous_cursor=None, count=count,
            count_exact=exact, facets=facets, analysed=analysed, sort=sort,
        )  # fmt: skip
    collected = Collected("", [], WALK)  # read by the computed orders, facets, other orders' words
    if sort in COMPUTED_SORTS or with_facets or analysed.tsquery:
        collected = collected_where(analysed=analysed, filters=filters, newest_only=sort != "distance")
    asked = _Asked(analysed, filters, collected, cursor, page, page_size, with_facets)
    paged = _computed_page(asked, sort) if sort in COMPUTED_SORTS else _ordered_page(asked, sort, jobs)
    ids, rows = paged.ids, paged.rows
    if rows is None and (ranked_text or center is not None):
        rows = _page_rows(ids, analysed)
    if rows is not None:
        ids = [pk for pk in ids if pk in rows]
    distances: dict[int, float | None] = {}
    if paged.distances is not None:  # sorted by distance
        distances = {pk: paged.distances[pk] for pk in ids}
    elif center is not None and rows is not None:
        distances = {pk: _distance_km(center, rows[pk].latitude, rows[pk].longitude) for pk in ids}
    counted = paged.counted
    if with_facets and counted is None:
        counted = _count(asked)
    count, exact, facets = (with_facets and counted) or (None, False, None)
    if count == 0 and analysed.abbreviations_uncounted:  # what "did you mean" offers then may hold none
        analysed = search_query_analyse(q=q, abbreviations_counted=True)
    return SearchPage(
        ids=ids,
        highlights={pk: row.highlights for pk, row in (rows or {}).items() if row.highlights is not None},
        distances=distances,
        next_cursor=paged.next_cursor,
        previous_cursor=paged.previous_cursor,
        has_more=paged.has_more,
        count=count,
        count_exact=exact,
        facets=facets,
        analysed=analysed,
        sort=sort,
    )


# The orders computed of the matches (a score, a distance) rather than read in an index's order.
COMPUTED_SORTS = ("relevance", "distance")


def _sort_chosen(sort: str | None, *, ranked_text: bool, center: Center | None) -> str:
    """The order asked for, or the default: relevance for words to rank by, else the list's."""
    if sort == "distance" and center is None:
        raise InvalidInput(
            "Sorting by distance needs a centre: near, or lat and lng.",
            code=error_codes.DISTANCE_NEEDS_CENTER,
            details={"sort": ["Give near=, or lat= and lng=, to sort by distance."]},
        )
    if not sort or sort == "relevance":
        return "relevance" if ranked_text else "featured"  # nothing to rank by: the list's default order
    return sort


class _Asked(NamedTuple):
    """What a search's page is read from: the query analysed, its filters and matches collected (collected_where), and
    the page asked for."""

    analysed: AnalysedQuery
    filters: DocumentFilters
    collected: Collected
    cursor: str | None
    page: int | None
    page_size: int
    with_facets: bool

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size if self.page else 0

    @property
    def page_cursor(self) -> str | None:
        """The cursor a page is read after: none for a numbered page."""
        return None if self.page else self.cursor


class _Paged(NamedTuple):
    """A page's jobs in order, with what reading them gave on the way: their rows (PageRow) when they were read with
    the page, the count and facets when counted, and by job the distance from the centre when sorted by it."""

    ids: list[int]
    next_cursor: str | None
    previous_cursor: str | None
    has_more: bool
    rows: dict[int, PageRow] | None = None
    counted: Counted | None = None
    distances: dict[int, float] | None = None


def _computed_page(asked: _Asked, sort: str) -> _Paged:
    """A page in a computed order: ranked by relevance (with its rows, count and facets, one statement), or by
    distance."""
    collected, size = asked.collected, asked.page_size + 1
    rows = counted = None
    if sort == "relevance":
        relevance = partial(
            _relevance_page,
            analysed=asked.analysed,
            cursor=asked.page_cursor,
            offset=asked.offset,
            size=size,
            with_facets=asked.with_facets,
            published_since=asked.filters.published_since,
        )
        ranked, rows, counted = _read_collected(relevance, collected, analysed=asked.analysed, filters=asked.filters)
    else:
        ranked = _nearest_ids(
            where=collected.where,
            params=collected.params,
            way=collected.way,
            center=asked.filters.center,  # type: ignore[arg-type]
            cursor=asked.page_cursor,
            offset=asked.offset,
            size=size,
        )
    has_more = len(ranked) > asked.page_size
    last = ranked[asked.page_size - 1] if has_more and not asked.page else None
    page = ranked[: asked.page_size]
    return _Paged(
        ids=[pk for pk, _ in page],
        next_cursor=_cursor_encode(last[1], last[0]) if last else None,
        previous_cursor=None,
        has_more=has_more,
        rows=rows,
        counted=counted,
        distances=dict(page) if sort == "distance" else None,
    )


def _ordered_page(asked: _Asked, sort: str, jobs: QuerySet[Job] | None) -> _Paged:
    """A page in a list's order (SORTS), read in that order: of the matches of words, of the documents within a
    radius, or of the listed jobs."""
    analysed, filters, collected = asked.analysed, asked.filters, asked.collected
    counted = None
    if analysed.tsquery and collected.way not in WALKS:  # every match collected through the indexes: sorted
        read = _documents_in_order((collected.where, collected.params))
    elif analysed.tsquery:  # the count (without facets, the sample's estimate) says: every match, or a walk
        matches = collected.matches
        if asked.with_facets or matches is None:
            counted = _count(asked)
            matches = counted[0]
        read = _documents_in_order(_ordered_where(analysed, filters, every_match=matches <= MATCHES_FIRST_UP_TO))
    elif filters.near:  # a radius: the documents there, as another order's page of words reads them
        read = _documents_in_order(_near_in_order(filters))
    else:
        read = _jobs_in_order(job_list_public() if jobs is None else jobs)
    ids, next_cursor, previous_cursor, has_more = _keyset_ids(
        read, SORTS[sort], asked.cursor, asked.offset, asked.page, asked.page_size
    )
    return _Paged(ids, next_cursor, previous_cursor, has_more, counted=counted)


def _count(asked: _Asked) -> Counted:
    """The count and facets of the search's matches (_counted), collected again if they came short."""
    counting = partial(_counted, published_since=asked.filters.published_since)
    return _read_collected(counting, asked.collected, analysed=asked.analysed, filters=asked.filters)


# Another order's page of words is read from the documents, through an index of theirs in that order (the newest-first
# index, walked forwards or backwards, `search_document_featured`, `search_document_salary`), each walked document
# tested against the words, or, when up to this many match (by the count, which the facets read; on the job list's
# cursor pages, which show none, by the sample's estimate, Collection.matches), from every match, read through the
# indexes and sorted: a walk tests documents that do not match, and more of them when the matches lie far down the
# order (`teacher`, remote, by salary walked 23,000 jobs through the jobs table for 21 matches, 231 ms in-process at a
# million jobs; its 2,200 matches sorted, 24 ms).
MATCHES_FIRST_UP_TO = 5000
# Each column of the list's orders (jobs/filters.SORTS) as the documents copy it.
DOCUMENT_COLUMNS = {"id": "job_id"}


def _ordered_where(analysed: AnalysedQuery, filters: DocumentFilters, *, every_match: bool) -> tuple[str, list[Any]]:
    """The conditions on `search_jobdocument d` of the words' matches for another order's page: worded for a walk of
    an index in that order (the words tested on each document), or, for `every_match`, for reading every match
    through the indexes, as THROUGH_WORDS collects them."""
    if every_match:
        return through_words(analysed, filters)
    where, params = documents_where(words=analysed.tsquery, filters=filters)
    return where.replace(TEXT_MATCH, TEXT_MATCH_WITHOUT_INDEX), params


# A radius's earth-point box (nexus/core/geo.py) in words the earth-point index does not answer.
NEAR_BOX = "@> " + earth_point("d.latitude", "d.longitude")
NEAR_BOX_WITHOUT_INDEX = "@> " + earth_point("d.latitude + 0", "d.longitude")


def _near_in_order(filters: DocumentFilters) -> tuple[str, list[Any]]:
    """The documents within a radius (and the other filters) for a page of another order without words: every one,
    read through the earth-point index, when the filters match fewer than FILTERED_PROBE_ROWS (filtered_few,
    kept for every query with these filters), else worded for a walk of the order's index, the distance tested on
    each document. The planner cannot estimate how many documents a radius holds (a few hundred, it guesses) and
    would read every one to sort them: the 9,000 listed jobs within 300 km of Berlin, featured first, took 67 ms
    through the jobs table."""
    where, params = documents_where(words="", filters=filters)
    if filtered_few((where, params)):
        return where, params
    return where.replace(NEAR_BOX, NEAR_BOX_WITHOUT_INDEX), params


# The rows of an order (`rows(keyset, after, backwards, offset, limit)`): the page's ids and the values of the order's
# columns, as objects that KeysetCursor.encode reads.
RowsInOrder = Callable[[KeysetCursor, list[Any] | None, bool, int, int], list[Any]]


def _jobs_in_order(jobs: QuerySet[Job]) -> RowsInOrder:
    """The jobs of `jobs` in order, through the jobs table's index of that order."""

    def rows(keyset: KeysetCursor, after: list[Any] | None, backwards: bool, offset: int, limit: int) -> list[Any]:
        ordered = jobs.select_related(None).only(*[field.name for field in keyset.fields])
        if after is not None:
            ordered = keyset.after(ordered, after, backwards=backwards)
        return list(keyset.order(ordered, backwards=backwards)[offset : offset + limit])

    return rows


def _documents_in_order(matched: tuple[str, list[Any]]) -> RowsInOrder:
    """The documents matching `matched` (conditions on `search_jobdocument d`) in order, by the columns they copy."""
    where, params = matched

    def rows(keyset: KeysetCursor, after: list[Any] | None, backwards: bool, offset: int, limit: int) -> list[Any]:
        names = [f"d.{DOCUMENT_COLUMNS.get(field.column, field.column)}" for field in keyset.fields]
        columns, descending = ", ".join(names), keyset.descending != backwards
        conditions, values = where, list(params)
        if after is not None:
            placeholders = ", ".join(["%s"] * len(after))
            conditions += f" AND ({columns}) {'<' if descending else '>'} ({placeholders})"
            values += after
        order = ", ".join(f"{name} DESC" if descending else name for name in names)
        sql = f"SELECT {columns} FROM search_jobdocument d WHERE {conditions} ORDER BY {order} LIMIT %s OFFSET %s"
        with connection.cursor() as cursor:
            cursor.execute(sql, [*values, limit, offset])
            attributes = [field.attname for field in keyset.fields]
            return [SimpleNamespace(pk=row[-1], **dict(zip(attributes, row, strict=True))) for row in cursor.fetchall()]

    return rows


def _keyset_ids(
    rows_in_order: RowsInOrder, ordering: tuple[str, ...], cursor: str | None, offset: int, page: int | None, size: int
) -> tuple[list[int], str | None, str | None, bool]:
    """The page's ids, its cursors, and whether rows follow it in the order."""
    keyset = KeysetCursor(ordering, Job)
    backwards = False
    after = None
    if cursor and not page:
        try:
            after, backwards = keyset.decode(cursor)
        except Exception as exc:  # the core cursor raises DRF's NotFound
            raise NotFound("Invalid cursor.", code="invalid_cursor") from exc
    rows = rows_in_order(keyset, after, backwards, offset, size + 1)
    has_more = len(rows) > size
    rows = rows[:size]
    if backwards:
        rows.reverse()
    next_cursor = previous_cursor = None
    if not page and rows:
        if has_more or backwards:
            next_cursor = keyset.encode(rows[-1], backwards=False)
        if cursor and (has_more or not backwards):
            previous_cursor = keyset.encode(rows[0], backwards=True)
    return [row.pk for row in rows], next_cursor, previous_cursor, has_more and not backwards


def _distance_km(center: Center, latitude: float | None, longitude: float | None) -> float | None:
    """The great-circle distance, as the radius filter measures it (None: no place)."""
    if latitude is None or longitude is None:
        return None
    return distance_km(center.point, latitude, longitude)
