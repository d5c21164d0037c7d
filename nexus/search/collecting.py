# ruff: noqa: S608 - SQL assembled from this module's constants; every value is a bound parameter
"""How a search's candidates are collected: the conditions on the documents (documents_where) and the way of reading
their matches (a walk of the newest documents, the words' GIN index, the filters' indexes, a window, a recent tier),
chosen from the planner's estimates and a sample of the newest documents, and kept for SEARCH_MEMO_SECONDS."""

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any, NamedTuple

import orjson
from django.conf import settings
from django.db import connection
from django.utils import timezone

from .analysis import AnalysedQuery
from .filtering import DocumentFilters
from .lexemes import lexemes_tsquery, phrases_relaxed, prefixes, prefixes_replaced, required_lexeme_sets
from .lexicon import MAX_EXPANSION, prefix_lexemes, prefixes_expanded, required_current
from .memo import memo_key, remembered, remembered_anew
from .publication import listed_documents, share_published_since, window_start
from .recent import recent_tiers

# The listed documents, as the newest-first walk reads them: the partial index `search_document_listed_newest`.
LISTED = "d.listed"
OPEN_NOW = "(d.application_deadline IS NULL OR d.application_deadline > %s)"
# The same rows (listed is never NULL) in words the planner cannot match to that index's predicate: collecting
# every match through the GIN index, it would otherwise AND in a bitmap of that index, which lists 4 of 5 rows.
LISTED_WITHOUT_NEWEST_INDEX = "d.listed IS NOT FALSE"


def without_newest_index(where: str) -> str:
    """documents_where's conditions with `listed` in the words of LISTED_WITHOUT_NEWEST_INDEX."""
    return LISTED_WITHOUT_NEWEST_INDEX + where.removeprefix(LISTED)


TEXT_MATCH = "d.document @@ %s::tsquery"
# The same test in words the planner cannot match to the GIN index: collecting through the filters' indexes
# (a radius), it would otherwise AND in a bitmap of every document the words match; walking, it could take the GIN
# index instead, on estimates that the walk's own choice (candidates_collection) has already weighed.
TEXT_MATCH_WITHOUT_INDEX = "ts_match_vq(d.document, %s::tsquery)"


def documents_where(*, words: str, filters: DocumentFilters) -> tuple[str, list[Any]]:
    """The listed, open jobs matching the tsquery `words` (if any) and the filters, as conditions on
    `search_jobdocument d`.

    The documents table answers the list filters from its copied columns and its filter markers (filtering.py).
    """
    conditions = [LISTED, OPEN_NOW]
    params: list[Any] = [timezone.now()]
    conditions.extend(filters.conditions)
    params.extend(filters.params)
    if words:
        # Last: among conditions the planner costs alike, the cheap column tests then run before the text match,
        # which reads the whole document.
        conditions.append(TEXT_MATCH)
        params.append(words)
    return " AND ".join(conditions), params


# Three ways to collect the candidates. Walking the newest listed documents stops at SEARCH_CANDIDATES
# matches: it reads about SEARCH_CANDIDATES / (the share of listed documents matching words and filters)
# rows. Within a radius the walk reads only the documents there, newest first, through the earth-point index
# (WALK_NEAR, ordered by NEAR_WALK_ORDER; London's 17,000 documents within 50 km: 46 to 10 ms for "engineer").
# Through the indexes every match is read, then the newest are kept: about as many rows as the smaller
# of the documents the words match (through the GIN index) and those the filters match (through their own
# indexes, the earth-point index of a radius say, the words then tested on each). The way that reads fewer
# rows, by the planner's estimates, is taken, a row collected through the indexes counting INDEXED_ROW_COST
# times: at a million jobs, a match collected through the GIN index took 4 to 5 times as long as a row
# walked, and the planner's estimates of word pairs and phrases run low. The planner cannot estimate how many
# documents a radius holds (it guesses a few hundred; jobs crowd into cities, tens of thousands around London),
# so when the filters lead to an index (the planner costs them below the words), their documents are counted,
# up to FILTERED_PROBE_ROWS: fewer, and the candidates are collected through the filters; more, and that count
# corrects the estimate of the documents matching both.
WALK, WALK_NEAR, THROUGH_WORDS, THROUGH_FILTERS = "walk", "walk near", "through the words", "through the filters"
# A fourth way, for a walk that would read many rows for few matches (two words each common, rarely together):
# through the GIN index, but reading only lexemes that every match holds (lexemes.py; the rarest such set, no
# prefix or synonym to expand) and only documents published since a cutoff (the newest-first index's range),
# the whole query then tested on each row. The window is sized to hold WINDOW_MARGIN times the listed documents
# expected to yield SEARCH_CANDIDATES matches; when it yields fewer, the candidates are collected again the way
# a walk would have (RELEVANCE_SQL says how many it found). For relevance and the facets (which count the same
# matches whatever the order): the pages of other orders need every match, not the newest. Its cost, in walked
# rows: a GIN entry read WINDOW_GIN_ENTRY_COST, a document of the window's range WINDOW_RANGE_COST, a document read
# and tested WINDOW_ROW_COST (measured at a million jobs).
THROUGH_WINDOW = "through a window"
# A fifth, for relevance and the facets too: through the GIN index of the newest documents only (a recent tier,
# recent.py), which yields the matches among them, the whole query read from it. The cheapest tier whose reading
# costs less than the other ways (its entries, a tier's share of the whole index's, RECENT_ENTRY_COST each, and the
# rows it yields WINDOW_ROW_COST each) and that holds SEARCH_CANDIDATES matches, counted through its index
# (TIER_PROBE_SQL, when the sample of the newest documents says it may hold RECENT_PROBED_SHARE of them: the sample's
# few matches of a rare query, two for `teacher` with three filters, say little). When it holds fewer by the time it
# is read, the candidates are collected again the other way, as for a window. The entry's cost is fitted to the
# times of 30 queries at a million jobs (`nurse`, `python developer`, `software engineer`: 11, 11, 15 ms this way).
THROUGH_RECENT = "through the recent tier"
RECENT_PROBED_SHARE = 0.5
# A tier the sample says holds this many times SEARCH_CANDIDATES matches is taken without counting them (3 ms of a
# query's first request): when it holds too few after all, the statement reading it says so, the candidates are
# collected again the other way, and the query's kept way of collecting becomes that other way (candidates_collection).
RECENT_SURE_SHARE = 1.5
RECENT_ENTRY_COST = 0.15
WALKS = (WALK, WALK_NEAR, THROUGH_WINDOW, THROUGH_RECENT)  # the ways that collect only the newest matches
# the ways whose documents may hold too few matches; they sort what they read (WINDOW_ORDER, SORTED_SQL)
MAY_COME_SHORT = (THROUGH_WINDOW, THROUGH_RECENT)
WINDOW_MARGIN = 2.0
# A window larger than this share is never read: it comes of a walk sampled to read an eighth of the documents or
# more, from the few matches (under 0.25%) among the newest 2,000 that the walk's length rests on, an estimate too
# rough to bet on (`teacher`, full-time, remote or hybrid, 40,000+: a window of 0.75 read 132 ms, the walk 75).
WINDOW_MAX_SHARE = 0.25
WINDOW_GIN_ENTRY_COST, WINDOW_RANGE_COST, WINDOW_ROW_COST = 0.3, 0.09, 3.0
NEWEST_WALK_ORDER = "d.published_at DESC, d.job_id DESC"  # the newest-first index's order
# Newest first as the earth-point index (with btree_gist's distance on published_at) yields documents within a box.
NEAR_WALK_ORDER = "d.published_at <-> '3000-01-01'::timestamptz"


# The same order in words the newest-first index cannot give: through a window, the planner could otherwise walk the
# window's range in that index's order, where the lexemes' GIN entries AND-ed with the range read a tenth of the rows
# (`hybrid nurse`: 53,000 rows walked, 58 ms; 28 ms through the index).
WINDOW_ORDER = "d.published_at + interval '0 seconds' DESC, d.job_id DESC"


def walk_order(way: str) -> str:
    """The ORDER BY of the newest documents collected that way."""
    if way == WALK_NEAR:
        return NEAR_WALK_ORDER
    return WINDOW_ORDER if way in MAY_COME_SHORT else NEWEST_WALK_ORDER


INDEXED_ROW_COST = 6.0
SAMPLED_MARGIN = 1.25
# The planner's estimate of a query's matches, this many times under the sample's, is too low to weigh the GIN index by.
UNDERESTIMATED = 3.0
FILTERED_PROBE_ROWS = 5000
# Filters the planner estimates to match this many times FILTERED_PROBE_ROWS documents are not counted: its estimates
# of what its statistics hold (a skill's marker: 61,717 for 63,806 Python jobs) come within that, and the count read
# a bitmap of every match first (`engineer` with skills=python,aws: 100 ms) to say that they are not few.
COUNTED_BELOW_ESTIMATES = 4.0
PROBE_SQL = "SELECT count(*) FROM (SELECT 1 FROM search_jobdocument d WHERE {filtered} LIMIT %s) probe"
# Up to SEARCH_CANDIDATES matches in a recent tier, read as THROUGH_RECENT reads them (sorted in words the newest-first
# index cannot give: a LIMIT alone could have the planner scan the table, hoping to meet them early).
TIER_PROBE_SQL = (
    f"SELECT count(*) FROM (SELECT 1 FROM search_jobdocument d WHERE {{where}} ORDER BY {WINDOW_ORDER} LIMIT %s) t"
)


ESTIMATES_SQL = f"""
EXPLAIN (FORMAT JSON)
SELECT 1 FROM search_jobdocument d WHERE {TEXT_MATCH}
UNION ALL SELECT 1 FROM search_jobdocument d WHERE {{filtered}}
UNION ALL SELECT 1 FROM search_jobdocument d WHERE {{matched}}
UNION ALL SELECT 1 FROM search_jobdocument d WHERE d.listed
"""
LEXEMES_ESTIMATE_SQL = f"UNION ALL SELECT 1 FROM search_jobdocument d WHERE {TEXT_MATCH}\n"


@dataclass(frozen=True)
class Collection:
    way: str
    required: str = ""  # THROUGH_WINDOW: a tsquery of lexemes every match holds (lexemes.py)
    window: float = 0.0  # THROUGH_WINDOW: the share of listed documents, the newest, that it reads
    cutoff: datetime | None = None  # THROUGH_RECENT: the tier's (its index's predicate)
    fallback: str = WALK  # THROUGH_WINDOW, THROUGH_RECENT: the way when they hold too few matches, or for other orders
    # THROUGH_WINDOW: the prefixes whose lexemes `required` holds, looked up again when it is read (lexicon.py)
    prefixes: tuple[str, ...] = ()
    # The documents matching words and filters, as the sample of the newest estimates them (the ways chosen after it)
    matches: float | None = None
    every_match: bool = False  # THROUGH_WORDS, THROUGH_FILTERS: a small board's (every_match_read)


def candidates_collection(
    *,
    analysed: AnalysedQuery,
    filtered: tuple[str, list[Any]],
    matched: tuple[str, list[Any]],
    near: bool,
    held_filters: DocumentFilters,
    radius_alone: bool = False,
    came_short: bool = False,
) -> Collection:
    """How to collect the candidates (a walk, THROUGH_WORDS, THROUGH_FILTERS or THROUGH_WINDOW), by the planner's
    estimates (one EXPLAIN, no rows read) of the documents matching the words, the filters (`filtered`,
    documents_where without words), both (`matched`), the listed documents, and those holding each of the
    smallest sets of lexemes that every match holds (its prefixes read as the lexemes they stand for, lexicon.py);
    `near`: the filters hold a radius; `held_filters`: those of them the GIN index of the words holds;
    `radius_alone`: no filter but the radius has an index (collection_choice). Kept for
    SEARCH_MEMO_SECONDS; `came_short`: the kept way (a window or a tier) held too few matches, and its fallback is
    kept instead."""
    sql = ESTIMATES_SQL.format(filtered=filtered[0], matched=matched[0])
    params = [analysed.tsquery, *filtered[1], *matched[1]]
    key = memo_key(
        "candidates-collection",
        sql,
        params,
        near,
        radius_alone,
        INDEXED_ROW_COST,
        SAMPLED_MARGIN,
        FILTERED_PROBE_ROWS,
        COUNTED_BELOW_ESTIMATES,
        settings.SEARCH_CANDIDATES,
        settings.SEARCH_EVERY_MATCH_UP_TO,
        MAX_EXPANSION,
        RECENT_PROBED_SHARE,
        RECENT_SURE_SHARE,
        RECENT_ENTRY_COST,
    )
    estimated = partial(
        _estimated_collection,
        sql=sql,
        params=params,
        analysed=analysed,
        filtered=filtered,
        matched=matched,
        near=near,
        held_filters=held_filters,
        radius_alone=radius_alone,
    )
    kept = remembered(key, estimated)
    if came_short and kept.way in MAY_COME_SHORT:
        return remembered_anew(key, Collection(kept.fallback, matches=kept.matches))
    return kept


def _estimated_collection(
    *,
    sql: str,
    params: list[Any],
    analysed: AnalysedQuery,
    filtered: tuple[str, list[Any]],
    matched: tuple[str, list[Any]],
    near: bool,
    held_filters: DocumentFilters,
    radius_alone: bool,
) -> Collection:
    """The way of collecting chosen (candidates_collection) from the estimates of ESTIMATES_SQL (`sql`, `params`) and,
    for a walk or the words' GIN index, the sample of the newest documents."""
    expansions = prefix_lexemes(prefixes(analysed.tsquery))
    sets = required_lexeme_sets(prefixes_replaced(analysed.tsquery, expansions))
    lexeme_sets = [lexemes_tsquery(lexemes) for lexemes in sets]
    with connection.cursor() as cursor:
        cursor.execute(sql + LEXEMES_ESTIMATE_SQL * len(lexeme_sets), [*params, *lexeme_sets])
        raw = cursor.fetchone()[0]
    plan = orjson.loads(raw) if isinstance(raw, str) else raw
    branches = plan[0]["Plan"]["Plans"]
    if len(branches) < 4 + len(lexeme_sets):
        # The filters are false whatever the documents hold (skills none is known by): PostgreSQL leaves their
        # two branches out, and every way finds nothing at once.
        return Collection(THROUGH_FILTERS)
    words, filters, both, listed, *holding = (float(branch["Plan Rows"]) for branch in branches)
    filters_lead = branches[1]["Total Cost"] < branches[0]["Total Cost"]
    if every_match_read(listed):
        return Collection(THROUGH_FILTERS if filters_lead and filters < words else THROUGH_WORDS, every_match=True)
    count_filtered = partial(filtered_count, filtered)
    way = collection_choice(
        words, filters, both, listed, filters_lead, count_filtered, near=near, radius_alone=radius_alone
    )
    if way not in (WALK, THROUGH_WORDS):
        return Collection(way)
    # The walk's length sampled (a walk is never taken on the planner's word alone: for a word no document
    # holds, its estimate of thousands of matches would have the walk read every listed document), the
    # recent tier's and the window's cost against the walk's or the whole index's (INDEXED_ROW_COST).
    # what the GIN index yields: the words and the filters it holds (a type, a country), a phrase's words
    # anywhere (the other filters are tested after)
    relaxed = phrases_relaxed(analysed.tsquery)
    yielded = documents_where(words=relaxed, filters=held_filters)
    same = yielded[0] == matched[0] and relaxed == analysed.tsquery  # no other filter, no phrase
    walked, yielded_share = walk_sampled(matched, None if same else yielded)
    matches = settings.SEARCH_CANDIDATES * listed / walked
    indexed = indexed_cost(words, yielded_share * listed)
    cutoff, recent = recent_choice(
        matched, listed, walked, yielded_share, sum(holding) or words, other=min(walked, indexed)
    )
    if holding:
        rarest = min(range(len(holding)), key=holding.__getitem__)
        window = window_choice(holding[rarest], min(walked, indexed, recent), listed, walked)
        if window:
            held = tuple(prefix for prefix, lexemes in expansions.items() if sets[rarest].issuperset(lexemes))
            return Collection(THROUGH_WINDOW, lexeme_sets[rarest], window, fallback=way, prefixes=held, matches=matches)
    if recent < min(walked, indexed):
        return Collection(THROUGH_RECENT, fallback=way, cutoff=cutoff, matches=matches)
    if way == THROUGH_WORDS and not holding:  # the planner's choice, the sample not weighed against it
        return Collection(way, matches=matches)
    walk = WALK_NEAR if near else WALK  # within a radius, walking the documents there only
    return Collection(walk if walked < indexed else THROUGH_WORDS, matches=matches)


def every_match_read(listed: float) -> bool:
    """Whether a board listing `listed` documents (the planner's statistics; negative: none yet) is small enough
    (SEARCH_EVERY_MATCH_UP_TO) that a search collects every match, through the words' or the filters' indexes, to
    rank and count them all (ranking costs about 7 µs a match: up to 15 ms or so there), where the newest
    SEARCH_CANDIDATES alone left a common word's other matches unranked and their count an estimate."""
    return 0 <= listed <= settings.SEARCH_EVERY_MATCH_UP_TO


def indexed_cost(words: float, yielded: float) -> float:
    """The cost, in walked rows, of collecting every match through the GIN index, from the planner's estimate of the
    matches and the documents the index yields as the newest documents show them (walk_sampled), SAMPLED_MARGIN
    times, when fewer: the planner's estimate was found up to 20 times too high for a field word with another word
    (`remote nurse`, `part-time nurse`), and the walk taken where reading the index cost a third to a half. The
    sample's, too, when it is UNDERESTIMATED times the planner's or more: a skill's alias that is a phrase (`aws`:
    amazon web services) beside another word was estimated at 465 documents for 9,557, and the index read them all.
    A sample of few matches, whose share may be off, makes a long walk, which the index beats either way."""
    sampled = SAMPLED_MARGIN * yielded
    return (sampled if sampled >= UNDERESTIMATED * words else min(words, sampled)) * INDEXED_ROW_COST


def collection_choice(
    words: float,
    filters: float,
    both: float,
    listed: float,
    filters_lead: bool,
    count_filtered: Callable[[], float],
    *,
    near: bool = False,
    radius_alone: bool = False,
) -> str:
    """The way to collect, from the estimated documents matching the words, the filters, both, and listed, and
    whether the planner costs collecting through the filters below the words (see INDEXED_ROW_COST); `near`:
    the filters hold a radius, whose documents can be walked (WALK_NEAR); `radius_alone`: and no other filter has an
    index (no filter marker).

    A radius alone that holds few documents is not collected through the filters, which reads every document there and
    ranks every match: its documents are walked, which reads none of the others and stops at the candidates, unless
    the words' GIN entries cost less than the walk (WINDOW_GIN_ENTRY_COST each, a document read and tested
    WINDOW_ROW_COST), when the words' way is weighed as for any query (in-process at a million jobs: `manager`
    within 50 km of Tokyo, 1,500 matches of 4,900 documents, 27 ms collected through the filters, 10 walked;
    `teacher` there, 80 matches, 22 ms, 10 through the words)."""
    walked_near = settings.SEARCH_CANDIDATES * listed / max(words, 1.0)  # a radius's documents a walk reads, at most

    def weighed(both: float) -> str:
        walked = settings.SEARCH_CANDIDATES * listed / max(both, 1.0)
        if words * INDEXED_ROW_COST < walked:
            return THROUGH_WORDS
        return WALK_NEAR if near else WALK

    def counted_way(filters: float) -> str:
        if filters < FILTERED_PROBE_ROWS:
            if not (near and radius_alone):
                return THROUGH_FILTERS
            if min(filters, walked_near) * WINDOW_ROW_COST < words * WINDOW_GIN_ENTRY_COST:
                return WALK_NEAR
        return weighed(max(both, filters * words / max(listed, 1.0)))

    if not (filters < words and filters_lead):
        return weighed(both)
    # A radius alone whose documents would be walked however many it holds is not counted: the walk costs the more
    # the more documents it holds below FILTERED_PROBE_ROWS, and the less the more it holds past them.
    if near and radius_alone and counted_way(FILTERED_PROBE_ROWS - 1) == counted_way(FILTERED_PROBE_ROWS) == WALK_NEAR:
        return WALK_NEAR
    if filters < FILTERED_PROBE_ROWS * COUNTED_BELOW_ESTIMATES:
        filters = count_filtered()
    return counted_way(filters)


def recent_cost(tier: float, listed: float, walked: float, yielded_share: float, entries: float) -> float | None:
    """The cost, in walked rows, of collecting THROUGH_RECENT, from the listed documents in the tier and in all, the
    rows a walk reads (walk_sampled: it reads SEARCH_CANDIDATES matches), the share of documents the GIN index yields
    (walk_sampled) and the entries the whole index reads for the words (the planner's estimates); None when the
    tier may not hold RECENT_PROBED_SHARE of SEARCH_CANDIDATES matches, as the newest documents show them."""
    if tier / walked < RECENT_PROBED_SHARE:  # the tier's matches: SEARCH_CANDIDATES * tier / walked
        return None
    return entries * tier / max(listed, 1.0) * RECENT_ENTRY_COST + yielded_share * tier * WINDOW_ROW_COST


def recent_choice(
    matched: tuple[str, list[Any]],
    listed: float,
    walked: float,
    yielded_share: float,
    entries: float,
    *,
    other: float,
) -> tuple[datetime | None, float]:
    """The cutoff and cost of the cheapest recent tier that costs less than `other` and holds SEARCH_CANDIDATES
    matches of `matched` (documents_where), counted through its index unless the sample says it holds
    RECENT_SURE_SHARE times as many; (None, inf) if none does. See recent_cost for the other arguments."""
    costed = [
        (cost, tier.cutoff, tier.documents / walked >= RECENT_SURE_SHARE)
        for tier in recent_tiers()
        if (cost := recent_cost(tier.documents, listed, walked, yielded_share, entries)) is not None and cost < other
    ]
    for cost, cutoff, sure in sorted(costed, key=lambda costed: costed[0]):
        if sure:
            return cutoff, cost
        where, params = in_tier(matched, cutoff)
        with connection.cursor() as cursor:
            cursor.execute(TIER_PROBE_SQL.format(where=where), [*params, settings.SEARCH_CANDIDATES])
            if cursor.fetchone()[0] >= settings.SEARCH_CANDIDATES:
                return cutoff, cost
    return None, math.inf


def in_tier(matched: tuple[str, list[Any]], cutoff: datetime) -> tuple[str, list[Any]]:
    """documents_where's conditions within the recent tier of `cutoff`, worded so that the planner reads the tier's
    index: the cutoff of its predicate, and `listed` in words that keep the newest-first index out (its range would
    be AND-ed in, or walked)."""
    where, params = matched
    return f"{without_newest_index(where)} AND d.published_at >= %s", [*params, cutoff]


def window_choice(holding: float, other: float, listed: float, walked: float) -> float | None:
    """The share of the newest listed documents to read THROUGH_WINDOW, when that costs less than `other` ways
    (in walked rows; see THROUGH_WINDOW), from the estimated documents holding the required lexemes, the listed
    documents and the rows a walk reads (walk_sampled), which the window holds WINDOW_MARGIN times (up to
    WINDOW_MAX_SHARE of the documents)."""
    window = WINDOW_MARGIN * walked / max(listed, 1.0)
    if window > WINDOW_MAX_SHARE:
        return None
    cost = holding * WINDOW_GIN_ENTRY_COST + window * listed * WINDOW_RANGE_COST + holding * window * WINDOW_ROW_COST
    return window if cost < other else None


# The walk's length, from the share of the newest listed documents that match (the rows it reads first): the
# planner's estimate of documents matching two words, each common, was found 3 times too high as often as 2 times
# too low.
WALK_SAMPLE_ROWS = 2000
WALK_SAMPLE_SQL = f"""
SELECT count(*) FROM (
    SELECT * FROM search_jobdocument d WHERE {LISTED} ORDER BY {NEWEST_WALK_ORDER} LIMIT %s
) d WHERE {{matched}}
"""


def walk_sampled(matched: tuple[str, list[Any]], yielded: tuple[str, list[Any]] | None) -> tuple[float, float]:
    """The listed documents a walk reads for SEARCH_CANDIDATES matches of `matched` (documents_where), from the
    newest WALK_SAMPLE_ROWS (none matching: as if half of one did), and the share of those that `yielded` matches
    (what the GIN index yields: the words and the filters it holds, a phrase's words anywhere; None: what `matched`
    does)."""
    with connection.cursor() as cursor:
        cursor.execute(WALK_SAMPLE_SQL.format(matched=matched[0]), [WALK_SAMPLE_ROWS, *matched[1]])
        found = count = float(cursor.fetchone()[0])
        if yielded is not None:
            cursor.execute(WALK_SAMPLE_SQL.format(matched=yielded[0]), [WALK_SAMPLE_ROWS, *yielded[1]])
            count = float(cursor.fetchone()[0])
        yielded_share = max(count, 0.5) / WALK_SAMPLE_ROWS
    return settings.SEARCH_CANDIDATES * WALK_SAMPLE_ROWS / max(found, 0.5), yielded_share


def filtered_count(filtered: tuple[str, list[Any]]) -> float:
    """The documents the filters match, counted up to FILTERED_PROBE_ROWS (through the filters' index). Kept for
    SEARCH_MEMO_SECONDS for every query with these filters: the words' way is worked out anew (`python` then
    `nurse` within 50 km of Lagos count its 5,000 documents once, 12 ms)."""

    def counted() -> float:
        with connection.cursor() as cursor:
            cursor.execute(PROBE_SQL.format(filtered=filtered[0]), [*filtered[1], FILTERED_PROBE_ROWS])
            return float(cursor.fetchone()[0])

    return remembered(memo_key("filters-count", *filtered, FILTERED_PROBE_ROWS), counted)


def filtered_few(filtered: tuple[str, list[Any]]) -> bool:
    """Whether the filters match fewer than FILTERED_PROBE_ROWS documents (filtered_count)."""
    return filtered_count(filtered) < FILTERED_PROBE_ROWS


WINDOW_WHERE = f"d.published_at >= %s AND d.document @@ %s::tsquery AND {TEXT_MATCH_WITHOUT_INDEX}"


def through_words(analysed: AnalysedQuery, filters: DocumentFilters) -> tuple[str, list[Any]]:
    """documents_where worded for reading every match through the words' GIN index (THROUGH_WORDS): their prefixes
    as the lexemes they stand for (lexicon.py), and the newest-first index kept out unless the filters bound the
    publication date (`posted_within`), when its range holds every match and the planner weighs reading it against
    the words' index (`engineer` in the last day, oldest first: 0.3 ms against 32 in PostgreSQL at a million jobs)."""
    where, params = documents_where(words=prefixes_expanded(analysed.tsquery), filters=filters)
    return (where if filters.published_since else without_newest_index(where)), params


class Collected(NamedTuple):
    where: str
    params: list[Any]
    way: str
    matches: float | None = None  # Collection.matches
    every_match: bool = False  # a small board's (every_match_read): every match ranked, not the newest only


def collected_where(
    *, analysed: AnalysedQuery, filters: DocumentFilters, newest_only: bool = False, came_short: bool = False
) -> Collected:
    """documents_where and the way to collect its documents (candidates_collection; a walk without words), the
    conditions worded so that the planner takes that way, and the sample's estimate of the matches (Collection).
    THROUGH_WINDOW and THROUGH_RECENT only for `newest_only` (the relevance order, which ranks the newest matches, and
    the facets of every order but distance, which count them). Collected THROUGH_WORDS, the words' prefixes are read
    from the GIN index as the lexemes they stand for (lexicon.py). `came_short`: see candidates_collection."""
    where, params = documents_where(words=analysed.tsquery, filters=filters)
    if not analysed.tsquery:
        if every_match_read(listed_documents()):
            return Collected(without_newest_index(where), params, THROUGH_FILTERS, every_match=True)
        return Collected(where, params, WALK_NEAR if filters.near else WALK)
    filtered = documents_where(words="", filters=filters)
    collection = candidates_collection(
        analysed=analysed,
        filtered=filtered,
        matched=(where, params),
        near=filters.near,
        held_filters=filters.words_index_part(),
        radius_alone=not filters.markers,
        came_short=came_short,
    )
    way = collection.way
    matches = collection.matches  # of every listed document by the sample; of those the filters' dates admit
    if matches is not None:
        matches *= share_published_since(filters.published_since)
    if way == THROUGH_RECENT:
        if newest_only and collection.cutoff is not None:
            return Collected(*in_tier((where, params), collection.cutoff), way, matches)
        way = collection.fallback
    if way == THROUGH_WINDOW:
        start = window_start(collection.window) if newest_only else None
        if start is not None:
            return Collected(
                f"{filtered[0]} AND {WINDOW_WHERE}",
                [*filtered[1], start, required_current(collection.required, collection.prefixes), analysed.tsquery],
                way,
                matches,
            )
        way = collection.fallback
    if way == THROUGH_WORDS:
        where, params = through_words(analysed, filters)
    elif way not in WALKS:
        where = without_newest_index(where)
    if way == THROUGH_FILTERS or (way in WALKS and newest_only):  # a walk that reads the newest only
        where = where.replace(TEXT_MATCH, TEXT_MATCH_WITHOUT_INDEX)
    return Collected(where, params, way, matches, collection.every_match)
