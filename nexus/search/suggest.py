# ruff: noqa: S608 - SQL assembled from this module's constants; every value is a bound parameter
"""Autocomplete over titles, skills, companies and places, answered from the suggestion table.

The first three characters typed must be right (they pick the candidates, through the trigram index, at the start
of any word of the entry); beyond them typos are tolerated: trigram word similarity, or the edits a search's
correction allows (spelling.allowed_edits) between the input and as much of the entry from the word its first three
characters start, for the typos that change most of a short word's trigrams (`teahcer`: Teacher, `pytohn`: Python).
Entries that really start with what was typed (a word of theirs does, or each word typed starts one of theirs, in
order, with words between them or not: `softw eng` starts Software Engineer, `lead dev` Lead Python Developer) come
first, the one whose label is the input (EXACT) first of all, then by popularity (of the limit's entries that start
like the input, or resemble it, a skill doing so by an alias only comes last; of its typo matches, those within the
allowed edits come first, `electrcian`: Electrician before the more popular Electronic Health Records, and equally
popular ones the most similar first). The candidates are sorted by those first keys, and the similarity and edits are
computed only for the ones read in that order until the limit is filled (with the ties of the last), not for every
candidate: about a dozen of the 560 entries with a word starting `eng` at a million jobs (`engq`: 4.9 ms a suggestion
in-process, now 2.1), never for entries that start with the input.
"""

import asyncio
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection

from nexus.core.async_database import fetch_all

from .gazetteer import PLACE_WORD_FORMS, city_named_otherwise, gazetteer, gazetteer_loaded, in_latin_letters, place_key
from .spelling import allowed_edits
from .sql import CJK_RUN

MIN_SIMILARITY = 0.45
EXACT_PREFIX_CHARS = 3
MAX_INPUT = 100
UNSAFE = re.compile(r"[%_\\\x00]")

# What an entry's text {text} is to the input (SQL, of the columns `typed`, `head` and `words`): it starts like the
# input (a word of it does, or the input's words start its words in order), or it resembles the input (trigram word
# similarity, or within the allowed edits from the word the input's head starts, as long as the input).
STARTS = "({text} LIKE typed || '%%' OR {text} LIKE '%% ' || typed || '%%' OR {text} ~ words)"


def _within_edits(typed: str, start: str, edits: str) -> str:
    """SQL of an entry's text {text}: `typed` (SQL) is within the edits of the parameter `edits` of as much of the text
    from its first word starting with `start` (SQL)."""
    entry_part = f"substr({{text}}, strpos(' ' || {{text}}, ' ' || {start}), length({typed}))"
    return f"levenshtein_less_equal({typed}, {entry_part}, %({edits})s) <= %({edits})s"


def _resembles(typed: str, start: str, edits: str) -> str:
    """SQL of an entry's text {text}: `typed` is like a word of it (trigram word similarity) or _within_edits."""
    return f"(word_similarity({typed}, {{text}}) >= %(similarity)s OR {_within_edits(typed, start, edits)})"


WITHIN_EDITS = _within_edits("typed", "head", "edits")
RESEMBLES = _resembles("typed", "head", "edits")
# Of input of several words, the last (`last`), still being typed, must resemble a word of the entry too (within
# `last_edits` of the entry's first word starting with its letter): the words before it hold most of the input's
# trigrams, and `senior pyhton` resembled every Senior title but Senior Python Developer, less popular than the
# limit's.
LAST_RESEMBLES = _resembles("last", "left(last, 1)", "last_edits")
# A skill that starts like the input, or resembles it, by an alias only, not by its label's own words (a skill's key
# holds its aliases after its label), comes after the entries of the limit that do so by their own: `mana` suggests
# Project Management before CRM, a more popular skill whose alias is customer relationship management; `enginer`
# Engineer titles before SEO (search engine optimization). Tested on the rows of the limit only.
_LABEL = "left(key, length(label))"
# An entry whose label is the input (its case and accents aside) comes first of those that start like it, however
# popular the others: `go` suggests Go before Good Manufacturing Practice and Google Ads, `accountant` Accountant before
# Management Accountant. A skill's aliases are not its label: `golang` starts Go, as `js` does JavaScript.
EXACT = "left({key}, length({label})) = typed"


def _suggest_sql(resembles: str) -> str:
    """The suggestions' statement, with `resembles` (SQL of an entry's text {text}) for RESEMBLES."""
    by_alias_only = (
        f"(kind = 'skill' AND (CASE WHEN starts THEN {STARTS.format(text=_LABEL)}"
        f" ELSE {resembles.format(text=_LABEL)} END) IS NOT TRUE)"
    )
    return rf"""
WITH folded AS (
    SELECT lower(search_unaccent(%(text)s)) AS typed, lower(search_unaccent(%(head)s)) AS head,
           lower(search_unaccent(%(last)s)) AS last
),
input AS (
    -- input of several words: each starting a word of the entry, in order (`softw eng`: Software Engineer; `lead dev`:
    -- Lead Python Developer)
    SELECT typed, head, last, CASE WHEN strpos(typed, ' ') > 0 THEN
        '(^| )' || replace(regexp_replace(typed, '([.+*?^$()\[\]{{}}|-])', '\\\1', 'g'), ' ', '.* ')
    END AS words
    FROM folded
)
SELECT kind, label, popularity, starts FROM (
    SELECT kind, label, popularity, key, starts, exact, typed, head, last, words,
           CASE WHEN starts THEN 1 ELSE word_similarity(typed, key) END AS similarity
    FROM (
        SELECT s.kind, s.label, s.popularity, s.key, typed, head, last, words,
               {STARTS.format(text="s.key")} IS TRUE AS starts, {EXACT.format(key="s.key", label="s.label")} AS exact
        FROM search_suggestion s, input
        WHERE (s.key LIKE input.head || '%%' OR s.key LIKE '%% ' || input.head || '%%')
          AND (%(kinds)s::text[] IS NULL OR s.kind = ANY(%(kinds)s::text[]))
        ORDER BY starts DESC, exact DESC, s.popularity DESC
        OFFSET 0  -- sorted before the similarity is computed, which then is for the rows read until the limit only
    ) candidates
    WHERE starts OR {resembles.format(text="key")}
    ORDER BY starts DESC, exact DESC, popularity DESC
    FETCH FIRST %(limit)s ROWS WITH TIES
) best
ORDER BY starts DESC, exact DESC, {by_alias_only}, starts OR {WITHIN_EDITS.format(text="key")} DESC,
         popularity DESC, similarity DESC, key
LIMIT %(limit)s
"""


SUGGEST_SQL = _suggest_sql(RESEMBLES)
# Input of several words: only its statement asks the last word to resemble one of the entry (for input of one word,
# the same test again, 0.2 ms more a suggestion in-process).
SUGGEST_WORDS_SQL = _suggest_sql(f"{RESEMBLES} AND {LAST_RESEMBLES}")


# One or two characters: entries starting with them (the prefix index), and for two, skills with a word of their
# name or aliases starting with them (`js`: JavaScript; the few skill entries, read through the unique index by
# kind), the entry that is the input (EXACT) first, then the most popular.
SHORT_SQL = f"""
WITH input AS (SELECT lower(search_unaccent(%(text)s)) AS typed)
SELECT s.kind, s.label, s.popularity, true AS starts FROM search_suggestion s, input
WHERE (s.key LIKE input.typed || '%%'
       OR length(input.typed) = 2 AND s.kind = 'skill' AND s.key LIKE '%% ' || input.typed || '%%')
  AND (%(kinds)s::text[] IS NULL OR s.kind = ANY(%(kinds)s::text[]))
ORDER BY {EXACT.format(key="s.key", label="s.label")} DESC, s.popularity DESC, s.key
LIMIT %(limit)s
"""


# Chinese, Japanese or Korean input: entries holding it anywhere, those starting with it first (these scripts write
# no spaces between words, so `開発` is inside `ソフトウェア開発者`). The trigram index reads 3 characters or more;
# fewer, the table is read whole (27,000 entries at a million jobs: 2 ms).
CJK_SQL = """
SELECT s.kind, s.label, s.popularity, true AS starts FROM search_suggestion s
WHERE s.key LIKE '%%' || lower(search_unaccent(%(text)s)) || '%%'
  AND (%(kinds)s::text[] IS NULL OR s.kind = ANY(%(kinds)s::text[]))
ORDER BY s.key LIKE lower(search_unaccent(%(text)s)) || '%%' DESC, s.popularity DESC, s.key
LIMIT %(limit)s
"""


# The city the input is another name of (gazetteer.city_named_otherwise: `wien`, Vienna; `nyc`, New York City), or the
# large cities it begins another name of (`münch`, Munich), when jobs are there: suggested after the entries that
# start like the input, before those that only resemble it.
OTHER_NAME_SQL = """
SELECT kind, label, popularity, false AS starts FROM search_suggestion
WHERE kind = 'place' AND key = ANY(ARRAY(SELECT lower(search_unaccent(name)) FROM unnest(%(names)s::text[]) name))
  AND (%(kinds)s::text[] IS NULL OR 'place' = ANY(%(kinds)s::text[]))
ORDER BY popularity DESC
"""
# How long an input must be, and how many large cities it may suggest, for the beginning of another name of a city:
# in Latin letters five, as other names begin many English words; in another script three (`моск`: Moscow, `αθή`:
# Athens), whose words a board in English does not begin.
OTHER_NAME_BEGUN_FROM = 5
OTHER_NAME_BEGUN_FROM_OTHER_SCRIPTS = 3
OTHER_NAMES_BEGUN = 2


@dataclass(frozen=True)
class SuggestionRow:
    kind: str
    label: str
    popularity: int


def _typed(text: str) -> str:
    return " ".join(UNSAFE.sub(" ", text[:MAX_INPUT]).split())


def suggestion_statement(*, text: str, kinds: list[str] | None, limit: int) -> tuple[str, dict[str, Any]] | None:
    """The statement (SQL, parameters) of the suggestions for `text`; None when nothing is left to look for."""
    typed = _typed(text)
    if not typed:
        return None
    if CJK_RUN.search(typed):
        return CJK_SQL, {"text": typed, "kinds": kinds or None, "limit": limit}
    statement = SUGGEST_WORDS_SQL if " " in typed else SUGGEST_SQL
    return SHORT_SQL if len(typed) < EXACT_PREFIX_CHARS else statement, {
        "text": typed,
        "head": typed[:EXACT_PREFIX_CHARS],
        "kinds": kinds or None,
        "similarity": MIN_SIMILARITY,
        "edits": allowed_edits(typed),
        "last": last if (last := typed.rsplit(" ", 1)[-1]) != typed else "",
        # as many as the whole input's, which a letter swapped takes (levenshtein counts two); none in its first three
        "last_edits": allowed_edits(typed) if len(last) > EXACT_PREFIX_CHARS else 0,
        "limit": limit,
    }


def other_name_statement(*, text: str, kinds: list[str] | None) -> tuple[str, dict[str, Any]] | None:
    """The statement of the city `text` is another name of, or of the large cities it begins another name of
    (OTHER_NAME_SQL); None when it is none."""
    typed = _typed(text)
    named = city_named_otherwise(typed)
    names = [named] if named else _large_cities_begun(typed)
    return (OTHER_NAME_SQL, {"names": names, "kinds": kinds or None}) if names else None


def _large_cities_begun(typed: str) -> list[str]:
    """The large cities (gazetteer.LARGE_CITY) that `typed`, letters of OTHER_NAME_BEGUN_FROM or more
    (OTHER_NAME_BEGUN_FROM_OTHER_SCRIPTS outside Latin letters), begins another name of."""
    key = place_key(typed)
    shortest = OTHER_NAME_BEGUN_FROM if in_latin_letters(key) else OTHER_NAME_BEGUN_FROM_OTHER_SCRIPTS
    if len(key) < shortest or not key.replace(" ", "").isalpha():
        return []
    return gazetteer().large_cities_named_starting(key, OTHER_NAMES_BEGUN)


def suggestion_rows(rows: Iterable[tuple[str, str, int, bool]], limit: int) -> list[SuggestionRow]:
    """The rows of OTHER_NAME_SQL and of the suggestions' statement, in that order, as suggested: those that start
    like the input first, each once, `limit` at most."""
    ordered = sorted(rows, key=lambda row: not row[3])  # stable: the statements' own order is kept
    suggested = (SuggestionRow(kind=kind, label=label, popularity=popularity) for kind, label, popularity, _ in ordered)
    return list(dict.fromkeys(suggested))[:limit]


def place_word_written_otherwise(typed: str) -> list[str]:
    """`typed` with its first word, one that begins cities' names written in full or short (PLACE_WORD_FORMS), in its
    other forms, the short one with its dot too, when more follows: `st lou` is also `saint lou` and `st. lou` (St.
    Louis, whose entry's key keeps the dot), `saint pe` also `st pe` and `st. pe` (St. Petersburg)."""
    first, _, rest = typed.partition(" ")
    word = first.lower().removesuffix(".")
    other = PLACE_WORD_FORMS.get(word)
    if other is None or not rest:
        return []
    full, short = (other, word) if len(word) < len(other) else (word, other)
    return [f"{form} {rest}" for form in (full, short, f"{short}.") if form != first.lower()]


def _statements(text: str, kinds: list[str] | None, limit: int) -> list[tuple[str, dict[str, Any]]]:
    """The statements whose rows suggestion_rows orders: OTHER_NAME_SQL's, when the input names a city otherwise, and
    the suggestions' (none when nothing is left to look for). Input naming a city with its state or country
    (gazetteer.qualified_city) also has the places of the city's name suggested, first: places are named without
    either. Input beginning with a word that begins cities' names written otherwise too also has the places of its
    other forms suggested, after the suggestions (place_word_written_otherwise)."""
    main = suggestion_statement(text=text, kinds=kinds, limit=limit)
    if main is None:
        return []
    typed, places_asked = _typed(text), kinds is None or "place" in kinds
    city = gazetteer().qualified_city(typed) if places_asked else None
    other = other_name_statement(text=city or text, kinds=kinds)
    places = suggestion_statement(text=city, kinds=["place"], limit=limit) if city else None
    written_otherwise = [
        suggestion_statement(text=form, kinds=["place"], limit=limit)
        for form in (place_word_written_otherwise(typed) if places_asked else [])
    ]
    return [statement for statement in (other, places, main, *written_otherwise) if statement is not None]


def suggestion_list(*, text: str, kinds: list[str] | None, limit: int) -> list[SuggestionRow]:
    statements = _statements(text, kinds, limit)
    if not statements:
        return []
    rows: list[tuple[str, str, int, bool]] = []
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(*statement)
            rows.extend(cursor.fetchall())
    return suggestion_rows(rows, limit)


async def suggestion_list_async(*, text: str, kinds: list[str] | None, limit: int) -> list[SuggestionRow]:
    """suggestion_list on the event loop (async_database.py), for the answers computed in front of the stack. A
    process's first requests wait for the gazetteer (other names of cities) in a thread, not on the loop."""
    if not gazetteer_loaded():
        await asyncio.to_thread(gazetteer)
    rows: list[tuple[str, str, int, bool]] = []
    for statement in _statements(text, kinds, limit):
        rows.extend(await fetch_all(*statement))
    return suggestion_rows(rows, limit)
