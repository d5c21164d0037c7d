"""Ranking: text relevance blended with recency and featured placement, over a bounded candidate set.

score = ln(ts_rank(weights, document, ranked, 1) + 0.0001)     text relevance: title > skills > company > description
      + TITLE_BOOST     when the title alone answers the query's title groups (else SKILLS_BOOST when title and
                        skills do)
        + EXACT_TITLE_BOOST  when title and skills say them as written (`accountant` stems to account: an
                             Accountant above a Key Account Manager; `developer` to develop: a Developer above a
                             Development Manager; `accounting`: an Accountant whose skills say Accounting)
      + PLACE_BOOST     when the job is in the city the query names: its city by that name (`london`: London, not
                        East London; `san jose`: San Jose, not San José del Cabo), or within PLACE_REACH_KM of it
                        (`new york`: Brooklyn and Queens too; `paris`: its arrondissements)
        (else - PLACE_ELSEWHERE_PENALTY  when its city is another whose name holds the words: East London,
                        matched by its name alone, after the jobs in London)
      + COMPANY_BOOST   when the job's company's name says two of the query's words in a row, as written (`zenith
                        finance`: Zenith Finance's jobs before Zenith Bakery's Finance Manager)
      + FEATURED_BOOST  when the job is featured
      + published_at in days / RECENCY_DAYS                       newer is better: RECENCY_DAYS older costs a factor e

`ranked` is the query's groups that ask for something (an OR group is one; exclusions are left out), ORed: each
counts by where the document holds it (title over description), not by how near the groups lie to each other,
which is how ts_rank weighs an AND. A title word and a description word lie far apart, so the AND ranked a job
saying both in its description above a job titled with one of them. Phrases still ask for their words in a row.

The title groups are those groups but the ones made of field words only (`remote`, `full time`, `senior`:
analysis.FIELD_TERMS) or of a city of listed jobs or a country (`berlin`, `germany`), which ask what or where the
job is rather than what its title says (unless the query asks nothing else): in `remote python` or `python berlin`
a Python Developer earns TITLE_BOOST (and, as for any word, only remote jobs, or jobs in Berlin, match).
A field-word group asked beside others must also be answered by the job's field or its title for either boost
(fields_sql): for `lead engineer` a mid-level Site Engineer whose description says "lead" earns none, for `python
intern` neither does a full-time Python Developer at an International company (English stems it to intern).

The recency term is linear in the publication time, so the order of two jobs never changes as time
passes and the score can be the key of a cursor. Only the SEARCH_CANDIDATES newest matching jobs
are ranked (after every filter): a word that a third of all jobs use then costs what a rare one does,
and what is ranked is the freshest slice of the matches, which recency would favour anyway.
"""

import re
from collections.abc import Iterable, Sequence

from django.conf import settings

from nexus.core.geo import distance_km_sql

from .gazetteer import centres_named

WEIGHTS = "{0.1, 0.25, 0.5, 1.0}"  # D (description, place), C (company, category), B (skills), A (title)
TITLE, TITLE_AND_SKILLS = "A", "AB"
COMPANY = "C"  # the company's name (and the category's, stemmed: the company boost asks for words as written)
# A lexeme of a tsquery as PostgreSQL writes it, maybe a prefix (`*`), maybe of some weights only (`title:`: A).
LEXEME = re.compile(r"('(?:[^']|'')*')(?::(\*?)([A-D]*))?")


def weighted(tsquery: str, weights: str) -> str:
    """The tsquery with every lexeme restricted to positions of the given weights: it matches a document
    where those parts alone answer the whole query (as `ts_filter(document, weights) @@ tsquery` would,
    without copying the document for each row). A lexeme of some weights already keeps those of them asked."""

    def restricted(lexeme: re.Match[str]) -> str:
        text, prefix, own = lexeme.groups()
        kept = "".join(weight for weight in weights if not own or weight in own) or own
        return f"{text}:{prefix or ''}{kept}"

    return LEXEME.sub(restricted, tsquery)


def all_of(groups: Iterable[str]) -> str:
    """The tsquery asking for every group."""
    return " & ".join(f"({group})" for group in groups)


def in_a_row(groups: Iterable[str]) -> str:
    """The tsquery asking for the groups next to each other, in this order."""
    return " <-> ".join(f"({group})" for group in groups)


def any_of(groups: Iterable[str]) -> str:
    """The tsquery asking for any group."""
    return " | ".join(f"({group})" for group in groups)


def fields_sql(*, document: str, fields: Sequence[tuple[str, Sequence[tuple[str, str]]]], titles: str) -> str:
    """SQL: whether the job's fields, or its title, answer each of the analysis's field-word groups (`fields`, as
    analysis.AnalysedQuery gives them; `titles` the SQL array of their tsqueries `weighted` TITLE, in order)."""
    answered = []
    for number, (_, values) in enumerate(fields, start=1):
        by_column: dict[str, list[str]] = {}
        for column, value in values:  # the fields' own names and values (sql.FIELD_WORDS), not the query's text
            by_column.setdefault(column, []).append(f"'{value}'")
        tests = [f"{column} IN ({', '.join(listed)})" for column, listed in by_column.items()]
        answered.append(f"({' OR '.join([*tests, f'{document} @@ {titles}[{number}]'])})")
    return " AND ".join(answered)


# A job this near a city the query names is in it: New York City's boroughs, Paris's arrondissements.
PLACE_REACH_KM = 25


def in_place_sql(places: Iterable[str]) -> str:
    """SQL: whether the job (its columns city, latitude and longitude) is in a city the query names (`places`, their
    names lower case, as `q.places`): its city is one of them, or it lies within PLACE_REACH_KM of the gazetteer's
    city of that name."""
    near = [
        f"{distance_km_sql('latitude', 'longitude', (f'({latitude!r})', f'({longitude!r})'))} <= {PLACE_REACH_KM}"
        for latitude, longitude in centres_named(places)
    ]
    return " OR ".join(["lower(city) = ANY(q.places)", *near])


# SQL: whether the job's city holds the name of a city the query names as words (`q.place_patterns`: place_patterns),
# which alone matches the query's words for it (East London for `london`, San Francisco De Borja for `san francisco`).
CITY_HOLDING_THE_NAME = "' ' || lower(city) || ' ' LIKE ANY (q.place_patterns)"


def place_patterns(names: Iterable[str]) -> list[str]:
    """LIKE patterns of CITY_HOLDING_THE_NAME: each name (lower case) as words among others."""
    escaped = (name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for name in names)
    return [f"% {name} %" for name in escaped]


def score_sql(
    *,
    document: str,
    ranked: str,
    title: str,
    title_and_skills: str,
    exact_title: str,
    featured: str,
    published_at: str,
    fields: str = "",
    in_place: str = "",
    company: str = "",
) -> str:
    """The score as SQL over the given column expressions (placeholders or expressions): `ranked` as the analysis
    gives it (analysis.AnalysedQuery), `title` and `title_and_skills` its `title` `weighted` TITLE and
    TITLE_AND_SKILLS, `exact_title` its `exact_title` `weighted` TITLE_AND_SKILLS, `fields` (fields_sql) what the
    title boosts ask of the job's fields too, `in_place` whether the job is in a city the query names (in_place_sql;
    none: ''), `company` the analysis's `company` `weighted` COMPANY (none: '')."""
    title_boost, skills_boost = float(settings.SEARCH_TITLE_BOOST), float(settings.SEARCH_SKILLS_BOOST)
    return (
        f"(ln(ts_rank('{WEIGHTS}', {document}, {ranked}, 1) + 0.0001)"
        + (f" + CASE WHEN NOT ({fields}) THEN 0" if fields else " + CASE")
        + f" WHEN {document} @@ {title} THEN {title_boost}"
        f" + CASE WHEN {document} @@ {exact_title} THEN {float(settings.SEARCH_EXACT_TITLE_BOOST)} ELSE 0 END"
        f" WHEN {document} @@ {title_and_skills} THEN {skills_boost} ELSE 0 END"
        + (
            f" + CASE WHEN {in_place} THEN {float(settings.SEARCH_PLACE_BOOST)}"
            f" WHEN {CITY_HOLDING_THE_NAME} THEN {-float(settings.SEARCH_PLACE_ELSEWHERE_PENALTY)} ELSE 0 END"
            if in_place
            else ""
        )
        + (
            f" + CASE WHEN {document} @@ {company} THEN {float(settings.SEARCH_COMPANY_BOOST)} ELSE 0 END"
            if company
            else ""
        )
        + f" + CASE WHEN {featured} THEN {float(settings.SEARCH_FEATURED_BOOST)} ELSE 0 END"
        f" + extract(epoch FROM {published_at}) / 86400.0 / {float(settings.SEARCH_RECENCY_DAYS)})"
    )
