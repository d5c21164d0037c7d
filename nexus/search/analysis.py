# ruff: noqa: S608 - SQL assembled from this module's constants; every value is a bound parameter
"""Turning a parsed query into a PostgreSQL tsquery: stemming, exact forms, synonyms, typo corrections.

Each term becomes `(english form | exact form | prefix | skill synonyms | correction)`. PostgreSQL
makes every form (its own parsers stem and quote them), so what the query matches is exactly what
the documents hold. Two queries at most: the forms of every term, then the nearest vocabulary
words of the words nobody uses (trigram distance, confirmed by an edit distance).
"""

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import connection

from .query import ParsedQuery, Term, query_text
from .ranking import all_of, any_of
from .spelling import best_correction
from .sql import FIELD_WORDS

TYPO_CANDIDATES = 8
MIN_TYPO_LENGTH = 4

# Whether the folded word {word} (SQL) names a city of listed jobs (a suggested place) or a country.
IS_PLACE = """(
    EXISTS (SELECT 1 FROM search_suggestion WHERE kind = 'place' AND key = {word})
    OR EXISTS (SELECT 1 FROM search_countryname WHERE lower(search_unaccent(name)) = {word})
)"""

FORMS_SQL = f"""
SELECT t.ord,
    CASE WHEN t.phrase THEN phraseto_tsquery('english', search_text(t.text))
         ELSE plainto_tsquery('english', search_text(t.text)) END::text,
    CASE WHEN t.phrase THEN phraseto_tsquery('simple', search_text(t.text))
         ELSE plainto_tsquery('simple', search_text(t.text)) END::text,
    CASE WHEN t.prefix THEN to_tsquery('english', search_text(t.text) || ':*')::text ELSE '' END,
    CASE WHEN t.prefix THEN to_tsquery('simple', search_text(t.text) || ':*')::text ELSE '' END,
    (SELECT string_agg('(' || q::text || ')', ' | ') FROM (
        SELECT phraseto_tsquery('english', search_text(name)) AS q FROM (
            SELECT s.name FROM taxonomy_skill s WHERE s.id = skill.id
            UNION SELECT a.alias FROM taxonomy_skillalias a WHERE a.skill_id = skill.id
        ) names(name)
    ) forms WHERE q::text <> ''),
    {IS_PLACE.format(word="lower(search_unaccent(t.text))")},
    t.phrase OR t.text !~ '^[[:alpha:]]+$' OR length(t.text) < %s
        OR EXISTS (SELECT 1 FROM search_searchterm WHERE word = lower(search_unaccent(t.text)))
FROM unnest(%s::text[], %s::bool[], %s::bool[]) WITH ORDINALITY AS t(text, phrase, prefix, ord)
LEFT JOIN LATERAL (
    SELECT s.id FROM taxonomy_skill s
    WHERE lower(search_unaccent(s.name)) = lower(search_unaccent(t.text))
    UNION
    SELECT a.skill_id FROM taxonomy_skillalias a WHERE lower(search_unaccent(a.alias)) = lower(search_unaccent(t.text))
    LIMIT 1
) skill ON true
ORDER BY t.ord
"""

NEAREST_SQL = f"""
SELECT t.text, near.word, near.jobs,
    plainto_tsquery('english', near.word)::text, plainto_tsquery('simple', near.word)::text,
    {IS_PLACE.format(word="near.word")}
FROM unnest(%s::text[]) AS t(text)
CROSS JOIN LATERAL (
    SELECT word, jobs FROM search_searchterm
    WHERE jobs > 0
    ORDER BY word <-> lower(search_unaccent(t.text))
    LIMIT %s
) near
"""


class TermForms(NamedTuple):
    """A term's row of FORMS_SQL: its tsquery forms, whether it names a city of listed jobs (a suggested place) or a
    country, whether it needs no correction (jobs use it, or it is not a plain word)."""

    english: str
    simple: str
    prefix: str
    simple_prefix: str
    synonyms: str | None
    place: bool
    known: bool


@dataclass
class AnalysedQuery:
    tsquery: str  # '' when nothing is left to match (only stop words or punctuation)
    corrections: dict[str, str] = field(default_factory=dict)  # misspelt word (lowercased) -> vocabulary word
    did_you_mean: str | None = None
    has_positive_terms: bool = False
    # The tsquery of each group of terms that asks for something (not an exclusion), in order: ranking.py weighs
    # where a document holds each. The title groups: those but the ones made of field words or a city only (unless
    # all are), which the title must answer for the title boost, and the same with their words as written (their exact
    # forms, prefixes, synonyms and corrections, not their English stems) for the exact title boost.
    positive_groups: tuple[str, ...] = ()
    title_groups: tuple[str, ...] = ()
    exact_title_groups: tuple[str, ...] = ()


def _unique(parts: list[str]) -> list[str]:
    seen: list[str] = []
    for part in parts:
        if part and part not in seen:
            seen.append(part)
    return seen


# The words of the field words (sql.FIELD_WORDS). A group made of them only (`remote`, `full time`, `senior`), or
# of the name of a city of listed jobs or a country (`berlin`, `germany`), asks what or where the job is, which
# its title need not say: it is not one of the title groups, unless the query asks nothing else (ranking.py).
FIELD_TERMS = frozenset(
    word for words in FIELD_WORDS.values() for text in words.values() for word in re.split(r"[\s-]+", text)
)


def _of_field_words(term: Term) -> bool:
    return all(word in FIELD_TERMS for word in re.split(r"[\s-]+", term.text.lower()))


# A misspelt word's correction: the word, its English and exact forms, whether it is a place.
Correction = tuple[str, tuple[str, str, bool]]
NO_CORRECTION: Correction = ("", ("", "", False))


def _correctable(term: Term, forms: TermForms) -> bool:
    """Whether a misspelling of the term is looked for: not a word jobs use, a place, a field word or excluded."""
    return not (forms.known or forms.place or term.negated or _of_field_words(term))


def query_analyse(parsed: ParsedQuery) -> AnalysedQuery:
    terms = parsed.terms
    if not terms:
        return AnalysedQuery(tsquery="")
    with connection.cursor() as cursor:
        cursor.execute(
            FORMS_SQL,
            [
                MIN_TYPO_LENGTH,
                [term.text for term in terms],
                [term.phrase for term in terms],
                [term.prefix for term in terms],
            ],
        )
        forms = {ord_ - 1: TermForms(*row) for ord_, *row in cursor.fetchall()}
        unknown = sorted({terms[i].text.lower() for i, row in forms.items() if _correctable(terms[i], row)})
        nearest: dict[str, list[tuple[str, int, tuple[str, str, bool]]]] = {}
        if unknown:
            cursor.execute(NEAREST_SQL, [unknown, TYPO_CANDIDATES])
            for text, word, jobs, *forms_of_word in cursor.fetchall():
                nearest.setdefault(text, []).append((word, jobs, tuple(forms_of_word)))  # type: ignore[arg-type]
    corrections: dict[str, Correction] = {}
    for word, candidates in nearest.items():
        best = best_correction(word, [(candidate, jobs) for candidate, jobs, _ in candidates])
        if best is not None:
            corrections[word] = (best, next(forms for candidate, _, forms in candidates if candidate == best))
    index = {id(term): position for position, term in enumerate(terms)}
    groups = []
    asked: list[tuple[str, str, bool]] = []  # groups that ask for something: tsquery, exact, where or what the job is
    for group in parsed.groups:
        alternatives, exact = [], []
        for term in group:
            english, simple, prefix, simple_prefix, synonyms, _place, _known = forms[index[id(term)]]
            correction_english, correction_simple, _ = corrections.get(term.text.lower(), NO_CORRECTION)[1]
            parts = _unique([english, simple if english else "", prefix, synonyms or "", correction_english])
            if not parts:
                continue  # a stop word: matches nothing, so it asks for nothing
            expression = any_of(parts)
            alternatives.append(f"!({expression})" if term.negated else f"({expression})")
            exact_forms = [simple if english else "", simple_prefix, synonyms or "", correction_simple]
            exact.extend(_unique(exact_forms) or parts)
        if alternatives:
            groups.append(" | ".join(alternatives) if len(alternatives) > 1 else alternatives[0])
            if not alternatives[0].startswith("!"):  # an excluded term is a group of its own
                where_or_what = all(
                    forms[index[id(term)]].place  # a place, as typed or as corrected, or field words
                    or corrections.get(term.text.lower(), NO_CORRECTION)[1][2]
                    or _of_field_words(term)
                    for term in group
                )
                asked.append((groups[-1], any_of(_unique(exact)), where_or_what))
    tsquery = all_of(groups)
    did_you_mean = None
    if corrections:
        did_you_mean = query_text(parsed, {word: best for word, (best, _) in corrections.items()})
    title = [group for group in asked if not group[2]] or asked
    return AnalysedQuery(
        tsquery=tsquery,
        corrections={word: best for word, (best, _) in corrections.items()},
        did_you_mean=did_you_mean,
        has_positive_terms=bool(asked),
        positive_groups=tuple(group for group, _, _ in asked),
        title_groups=tuple(group for group, _, _ in title),
        exact_title_groups=tuple(exact for _, exact, _ in title),
    )


def term_key(term: Term) -> str:
    return term.text.lower()
