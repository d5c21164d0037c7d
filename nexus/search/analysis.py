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
    # What ranking.py reads. `ranked`: the groups of terms that ask for something (not an exclusion), ORed.
    # `title`: those but the ones made of field words or places only (unless all are), ANDed: what the title must
    # answer for the title boost; `exact_title`: the same with their words as written (their exact forms, prefixes,
    # synonyms and corrections, not their English stems), for the exact title boost.
    ranked: str = ""
    title: str = ""
    exact_title: str = ""


def _unique(parts: list[str]) -> list[str]:
    seen: list[str] = []
    for part in parts:
        if part and part not in seen:
            seen.append(part)
    return seen


# The words of the field words (sql.FIELD_WORDS). A group made of them only (`remote`, `full time`, `senior`), or
# of the name of a city of listed jobs or a country (`berlin`, `germany`), asks what or where the job is, which
# its title need not say: it is not one of the title groups, unless the query asks nothing else (ranking.py).
def _words(text: str) -> list[str]:
    """The words of a field word or a term (`full-time`: full, time)."""
    return re.split(r"[\s-]+", text.lower())


FIELD_TERMS = frozenset(word for words in FIELD_WORDS.values() for text in words.values() for word in _words(text))


def _of_field_words(term: Term) -> bool:
    return all(word in FIELD_TERMS for word in _words(term.text))


class Correction(NamedTuple):
    """A row of NEAREST_SQL but the misspelt word: a vocabulary word near it, its forms, whether it is a place."""

    word: str
    jobs: int
    english: str
    simple: str
    place: bool


NO_CORRECTION = Correction("", 0, "", "", False)


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
        nearest: dict[str, list[Correction]] = {}
        if unknown:
            cursor.execute(NEAREST_SQL, [unknown, TYPO_CANDIDATES])
            for text, *candidate in cursor.fetchall():
                nearest.setdefault(text, []).append(Correction(*candidate))
    corrections: dict[str, Correction] = {}
    for word, candidates in nearest.items():
        best = best_correction(word, [(candidate.word, candidate.jobs) for candidate in candidates])
        if best is not None:
            corrections[word] = next(candidate for candidate in candidates if candidate.word == best)
    index = {id(term): position for position, term in enumerate(terms)}
    groups = []
    asked: list[tuple[str, str, bool]] = []  # groups that ask for something: tsquery, exact, where or what the job is
    for group in parsed.groups:
        alternatives, exact, where_or_what = [], [], True
        for term in group:
            term_forms = forms[index[id(term)]]
            correction = corrections.get(term.text.lower(), NO_CORRECTION)
            simple = term_forms.simple if term_forms.english else ""
            synonyms = term_forms.synonyms or ""
            parts = _unique([term_forms.english, simple, term_forms.prefix, synonyms, correction.english])
            if not parts:
                continue  # a stop word: matches nothing, so it asks for nothing
            expression = any_of(parts)
            alternatives.append(f"!({expression})" if term.negated else f"({expression})")
            exact.extend(_unique([simple, term_forms.simple_prefix, synonyms, correction.simple]) or parts)
            # a place, as typed or as corrected, or field words
            where_or_what = where_or_what and (term_forms.place or correction.place or _of_field_words(term))
        if alternatives:
            groups.append(" | ".join(alternatives) if len(alternatives) > 1 else alternatives[0])
            if not alternatives[0].startswith("!"):  # an excluded term is a group of its own
                asked.append((groups[-1], any_of(_unique(exact)), where_or_what))
    tsquery = all_of(groups)
    did_you_mean = None
    if corrections:
        did_you_mean = query_text(parsed, {word: correction.word for word, correction in corrections.items()})
    title = [group for group in asked if not group[2]] or asked
    return AnalysedQuery(
        tsquery=tsquery,
        corrections={word: correction.word for word, correction in corrections.items()},
        did_you_mean=did_you_mean,
        has_positive_terms=bool(asked),
        ranked=any_of(group for group, _, _ in asked),
        title=all_of(group for group, _, _ in title),
        exact_title=all_of(exact for _, exact, _ in title),
    )


def term_key(term: Term) -> str:
    return term.text.lower()
