"""Autocomplete over titles, skills, companies and places, answered from the suggestion table.

The first three characters typed must be right (they pick the candidates, through the trigram index, at the start
of any word of the entry); beyond them typos are tolerated: trigram word similarity, or the edits a search's
correction allows (spelling.allowed_edits) between the input and as much of the entry from the word its first three
characters start, for the typos that change most of a short word's trigrams (`teahcer`: Teacher, `pytohn`: Python).
Entries that really start with what was typed (a word of theirs does, or each word typed starts one of theirs, in
order: `softw eng` starts Software Engineer) come first, then by popularity (then, among the typo matches, the most
similar). The candidates are sorted by those first two keys, and the similarity and edits are computed only for the
ones read in that order until the limit is filled (with the ties of the last), not for every candidate: about a
dozen of the 560 entries with a word starting `eng` at a million jobs (`engq`: 4.9 ms a suggestion in-process, now
2.1), never for entries that start with the input.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection

from nexus.core.async_database import fetch_all

from .spelling import allowed_edits
from .sql import CJK_RUN

MIN_SIMILARITY = 0.45
EXACT_PREFIX_CHARS = 3
MAX_INPUT = 100
UNSAFE = re.compile(r"[%_\\\x00]")

SUGGEST_SQL = r"""
WITH folded AS (SELECT lower(search_unaccent(%(text)s)) AS typed, lower(search_unaccent(%(head)s)) AS head),
input AS (
    -- input of several words: each starting a word of the entry, one after another (`softw eng`: Software Engineer)
    SELECT typed, head, CASE WHEN strpos(typed, ' ') > 0 THEN
        '(^| )' || replace(regexp_replace(typed, '([.+*?^$()\[\]{}|-])', '\\\1', 'g'), ' ', '\S* ')
    END AS words
    FROM folded
)
SELECT kind, label, popularity FROM (
    SELECT kind, label, popularity, key, starts,
           CASE WHEN starts THEN 1 ELSE word_similarity(typed, key) END AS similarity
    FROM (
        SELECT s.kind, s.label, s.popularity, s.key, input.typed, input.head,
               (s.key LIKE input.typed || '%%' OR s.key LIKE '%% ' || input.typed || '%%'
                OR s.key ~ input.words) IS TRUE AS starts
        FROM search_suggestion s, input
        WHERE (s.key LIKE input.head || '%%' OR s.key LIKE '%% ' || input.head || '%%')
          AND (%(kinds)s::text[] IS NULL OR s.kind = ANY(%(kinds)s::text[]))
        ORDER BY starts DESC, s.popularity DESC
        OFFSET 0  -- sorted before the similarity is computed, which then is for the rows read until the limit only
    ) candidates
    WHERE starts OR word_similarity(typed, key) >= %(similarity)s
        -- or within the allowed edits of the entry's text from the word the input's head starts, as long as the input
        OR levenshtein_less_equal(typed, substr(key, strpos(' ' || key, ' ' || head), length(typed)), %(edits)s)
           <= %(edits)s
    ORDER BY starts DESC, popularity DESC
    FETCH FIRST %(limit)s ROWS WITH TIES
) best
ORDER BY starts DESC, popularity DESC, similarity DESC, key
LIMIT %(limit)s
"""


# One or two characters: entries starting with them (the prefix index), and for two, skills with a word of their
# name or aliases starting with them (`js`: JavaScript; the few skill entries, read through the unique index by
# kind), most popular first.
SHORT_SQL = """
WITH input AS (SELECT lower(search_unaccent(%(text)s)) AS typed)
SELECT s.kind, s.label, s.popularity FROM search_suggestion s, input
WHERE (s.key LIKE input.typed || '%%'
       OR length(input.typed) = 2 AND s.kind = 'skill' AND s.key LIKE '%% ' || input.typed || '%%')
  AND (%(kinds)s::text[] IS NULL OR s.kind = ANY(%(kinds)s::text[]))
ORDER BY s.popularity DESC, s.key
LIMIT %(limit)s
"""


# Chinese, Japanese or Korean input: entries holding it anywhere, those starting with it first (these scripts write
# no spaces between words, so `開発` is inside `ソフトウェア開発者`). The trigram index reads 3 characters or more;
# fewer, the table is read whole (27,000 entries at a million jobs: 2 ms).
CJK_SQL = """
SELECT s.kind, s.label, s.popularity FROM search_suggestion s
WHERE s.key LIKE '%%' || lower(search_unaccent(%(text)s)) || '%%'
  AND (%(kinds)s::text[] IS NULL OR s.kind = ANY(%(kinds)s::text[]))
ORDER BY s.key LIKE lower(search_unaccent(%(text)s)) || '%%' DESC, s.popularity DESC, s.key
LIMIT %(limit)s
"""


@dataclass(frozen=True)
class SuggestionRow:
    kind: str
    label: str
    popularity: int


def suggestion_statement(*, text: str, kinds: list[str] | None, limit: int) -> tuple[str, dict[str, Any]] | None:
    """The statement (SQL, parameters) of the suggestions for `text`; None when nothing is left to look for."""
    typed = " ".join(UNSAFE.sub(" ", text[:MAX_INPUT]).split())
    if not typed:
        return None
    if CJK_RUN.search(typed):
        return CJK_SQL, {"text": typed, "kinds": kinds or None, "limit": limit}
    return SHORT_SQL if len(typed) < EXACT_PREFIX_CHARS else SUGGEST_SQL, {
        "text": typed,
        "head": typed[:EXACT_PREFIX_CHARS],
        "kinds": kinds or None,
        "similarity": MIN_SIMILARITY,
        "edits": allowed_edits(typed),
        "limit": limit,
    }


def suggestion_rows(rows: Iterable[tuple[str, str, int]]) -> list[SuggestionRow]:
    return [SuggestionRow(kind=kind, label=label, popularity=popularity) for kind, label, popularity in rows]


def suggestion_list(*, text: str, kinds: list[str] | None, limit: int) -> list[SuggestionRow]:
    statement = suggestion_statement(text=text, kinds=kinds, limit=limit)
    if statement is None:
        return []
    with connection.cursor() as cursor:
        cursor.execute(*statement)
        return suggestion_rows(cursor)


async def suggestion_list_async(*, text: str, kinds: list[str] | None, limit: int) -> list[SuggestionRow]:
    """suggestion_list on the event loop (async_database.py), for the answers computed in front of the stack."""
    statement = suggestion_statement(text=text, kinds=kinds, limit=limit)
    if statement is None:
        return []
    return suggestion_rows(await fetch_all(*statement))
