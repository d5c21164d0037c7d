# ruff: noqa: S608 - SQL assembled from this module's constants; every value is a bound parameter
"""Turning a parsed query into a PostgreSQL tsquery: stemming, exact forms, synonyms, typo corrections.

Each term becomes `(english form | exact form | prefix | skill synonyms | correction)`. PostgreSQL
makes every form (its own parsers stem and quote them), so what the query matches is exactly what
the documents hold. Two queries at most: the forms of every term, then the nearest vocabulary
words of the words nobody uses (trigram distance, confirmed by an edit distance).

Words written apart that jobs write as one (`front end`, `java script`, `dev ops`), or with a hyphen
(`front-end`), also match the one word when the documents hold it (the lexicon): `front end developer` finds
Frontend Developers (and jobs saying "front end" still match as before). A hyphenated word also matches its
words written apart, in a row (`e-commerce`: e commerce), and so does a word that runs two words jobs use together
(`fullstack`: full stack, full-stack; `webdeveloper`: web developer). A title's abbreviation also matches the title
(abbreviations.py), a job's name its other names (synonyms.py), a region the jobs in its countries (region_matched).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from django.db import connection
from inflection import singularize

from nexus.core.geo import default_radius_km
from nexus.jobs.choices import RemoteType

from .abbreviations import expansions
from .british_american import other_spellings
from .countries import REGIONS, country_code, country_endonyms, country_name_keys
from .english import english_use
from .gazetteer import (
    METRO_AREAS,
    PLACE_WORD_FORMS,
    city_named_otherwise,
    gazetteer,
    other_name_key,
    place_key,
    province_cities,
)
from .lexemes import quoted, without_implied
from .query import ParsedQuery, Term, query_text
from .ranking import TITLE, TITLE_AND_SKILLS, all_of, any_of, in_a_row, weighted
from .spelling import (
    WORD_OF_ITS_OWN,
    allowed_correction,
    allowed_edits,
    best_correction,
    edit_distance,
    inflection_of,
    letter_moved,
    misspelt_into_a_common_stem,
    more_used_than,
    one_edit_from,
)
from .sql import FIELD_WORDS, REMOTE_ANYWHERE, field_marker
from .synonyms import OTHER_NAMES_TABLE, synonyms

TYPO_CANDIDATES = 8
ONE_EDIT_LOOKED_UP = 5
MIN_TYPO_LENGTH = 4

# Whether the folded word {word} (SQL) names a city of listed jobs (a suggested place) or a country ({match}: is_place);
# a word typed is not a city whose jobs are fewer than those whose titles say the word ({titled}: TITLED): `mobile`
# asks for Mobile Developers (about 5,000 jobs on the seeded million), not for the 130 jobs in Mobile, Alabama.
IS_PLACE = """(
    EXISTS (SELECT 1 FROM search_suggestion WHERE kind = 'place' AND {match} AND popularity >= {titled})
    OR EXISTS (SELECT 1 FROM search_countryname WHERE lower(search_unaccent(name)) = {word})
)"""
# How many listed jobs' titles say the folded word {word} (SQL) as a word: the title entries of autocomplete holding
# it, read through their trigram index (letters, spaces, hyphens and apostrophes only, as places are named).
TITLED = """CASE WHEN {word} ~ '^[[:alpha:] ''-]+$' THEN (
        SELECT coalesce(sum(popularity), 0) FROM search_suggestion
        WHERE kind = 'title' AND key ~ ('\\m' || {word} || '\\M')
    ) ELSE 0 END"""
# A place's name given in full, or begun (`new york` of New York City). The names begun so are read as a range of the
# keys' prefix index (byte order): a LIKE with a pattern known only per row read every place (6,000 at a million jobs,
# 13 ms for a query of two words), and took a `_` or `%` typed for a wildcard.
PLACE_NAMED = "key = {word}"
PLACE_BEGUN = "key ~>=~ {word} AND key ~<~ ({word} || ' ' || chr(1114111)) AND (key = {word} OR key ^@ ({word} || ' '))"
# A word of a place's name (`medani` of Wad Medani), through the keys' trigram index.
PLACE_WORD = "key ~ ('\\m' || {word} || '\\M')"


def is_place(word: str, *, begun: bool = False, a_word_of: bool = False, unless_titled: bool = False) -> str:
    """IS_PLACE of the folded word `word` (SQL); `begun`: or the beginning of a place's name; `a_word_of`: or any word
    of one; `unless_titled`: not a city whose jobs are fewer than those whose titles say the word (a word typed, or a
    correction)."""
    match = (PLACE_WORD if a_word_of else PLACE_BEGUN if begun else PLACE_NAMED).format(word=word)
    return IS_PLACE.format(word=word, match=match, titled=TITLED.format(word=word) if unless_titled else 0)


FOLLOWED_BY = "lower(search_unaccent(t.text || ' ' || t.followed_by))"  # a term and its follower, folded
# The last word is also a prefix when, as documents read it, it is still one word: unaccented, `¼` is `1/4`, which
# search_text makes three (to_tsquery would refuse `1 / 4:*`); and, unless starred, when it is not a skill's name or
# alias that English leaves as it is (SKILL_AS_TYPED).
PREFIXED = "t.prefix AND search_text(t.text) ~ '^[[:alnum:]]+$' AND (t.starred OR NOT t.skill_as_typed)"
# The last word as a prefix in the text search configuration {config}, when some lexeme the documents hold starts
# with it (the lexicon holds them all, lexicon.py): a misspelt last word (`javascrpt`) is then searched as the word and
# its correction only, which the GIN index reads as lexemes, not as a range of none. A finished word ({finished}: one
# English or the vocabulary uses) is a prefix of its stem, as documents read it (`finance`, `'financ':*`, finds
# Financial Analysts too); any other word only when it begins a lexeme as typed, so that no city is read into it
# (`saas`, `'saa':*`, found the jobs in Saarbrücken; `nurs` begins nurse). (One probe of the lexicon's primary key:
# the first lexeme from the word on starts with it, or none does.)
PREFIX_FORM = f"""CASE WHEN {PREFIXED} THEN coalesce((
        SELECT q::text FROM to_tsquery('{{config}}', search_text(t.text) || ':*') q,
            (SELECT (tsvector_to_array(to_tsvector(
                CASE WHEN {{finished}} THEN '{{config}}' ELSE 'simple' END::regconfig, search_text(t.text)
            )))[1] AS lexeme) typed
        WHERE (
            SELECT l.lexeme ^@ typed.lexeme FROM search_lexeme l
            WHERE l.lexeme >= typed.lexeme COLLATE "C" ORDER BY l.lexeme LIMIT 1
        )
    ), '') ELSE '' END"""
# A word of letters that runs two words together (`fullstack`, `backend`, `webdeveloper`): those words in a row, for
# each way of splitting it into two words of RUN_TOGETHER_MIN_PART letters or more, neither a stop word, that jobs
# use more than the word itself (the vocabulary's counts: `engineer` is no run of engine and er, nor `canada` of cana
# and da); '' for none. One scan of the vocabulary's primary key per way of splitting (as joins, the planner, blind to
# how few ways there are, hashed the whole vocabulary per term), once per term (OFFSET 0).
RUN_TOGETHER_MIN_PART = 3
RUN_TOGETHER = f"""CASE WHEN t.phrase OR t.text !~ '^[[:alpha:]]+$' THEN '' ELSE coalesce((
    SELECT string_agg('(' || phraseto_tsquery('english', search_text(part.head || ' ' || part.tail))::text || ')',
                      ' | ' ORDER BY at)
    FROM (SELECT lower(search_unaccent(t.text)) AS word) typed,
        generate_series({RUN_TOGETHER_MIN_PART}, length(typed.word) - {RUN_TOGETHER_MIN_PART}) at,
        LATERAL (SELECT left(typed.word, at) AS head, substr(typed.word, at + 1) AS tail) part,
        LATERAL (SELECT max(v.jobs) FILTER (WHERE v.word = part.head) AS head,
                        max(v.jobs) FILTER (WHERE v.word = part.tail) AS tail,
                        coalesce(max(v.jobs) FILTER (WHERE v.word = typed.word), 0) AS whole
                 FROM search_searchterm v WHERE v.word IN (part.head, part.tail, typed.word)) used
    WHERE used.head > 0 AND used.tail > 0 AND greatest(used.head, used.tail) > used.whole
        AND numnode(plainto_tsquery('english', part.head)) > 0 AND numnode(plainto_tsquery('english', part.tail)) > 0
), '') END"""
# What a term stands for (`t.expands`, '|'-separated: a title, a job's other names), any of them, each its words
# in a row, in the text search configuration {config}.
EXPANDED = """(SELECT string_agg('(' || phraseto_tsquery('{config}', search_text(e))::text || ')', ' | ')
     FROM unnest(string_to_array({expands}, '|')) e)"""
# The other names of the job a vocabulary word near a misspelt one names (`near.word`, synonyms.py: physician, doctor),
# '|'-separated, from the table of them (NEAREST_SQL's `named`).
OTHER_NAMES = "(SELECT named.others FROM named WHERE named.word = near.word)"
# The skill whose name or one of whose aliases is the word {word} (SQL of it, folded), read through the folded name
# indexes (migration 0004).
SKILL_NAMED = """SELECT s.id FROM taxonomy_skill s WHERE lower(search_unaccent(s.name)) = {word}
            UNION
            SELECT a.skill_id FROM taxonomy_skillalias a WHERE lower(search_unaccent(a.alias)) = {word}"""
# The id of that skill, or NULL.
SKILL_ID = f"(SELECT named.id FROM ({SKILL_NAMED}) named LIMIT 1)"
# Whether the vocabulary (every word jobs use, skills' names included) holds the word {word} (SQL of it, folded).
IN_VOCABULARY = "EXISTS (SELECT 1 FROM search_searchterm WHERE word = {word})"
# Whether the word {word} (SQL of it, folded), naming the skill {skill} (its id, or NULL), is a skill's name or alias
# that English leaves as it is (its stem is the word: `java`, `rust`, `scala`, `react`): typed last, that skill only,
# not the start of longer words (javascript, Rustenburg, scalable, reactive). A skill's name that English stems
# (`teaching`, `accounting`) stays the prefix of its stem, which begins the job's name (teacher, accountant).
SKILL_AS_TYPED = (
    "({skill} IS NOT NULL AND (tsvector_to_array(to_tsvector('english', search_text({word}))))[1] = {word})"
)
_FOLDED = "lower(search_unaccent(t.text))"
# The longest of the runs of words that start with the term (`t.skill_runs`, '|'-separated, longest first: analysis.
# skill_name_runs) that names a skill, by its name or an alias, folded (the folded name indexes).
SKILL_NAME_STARTING = f"""(
        SELECT runs.run FROM unnest(string_to_array(t.skill_runs, '|')) WITH ORDINALITY AS runs(run, n)
        WHERE EXISTS ({SKILL_NAMED.format(word="lower(search_unaccent(runs.run))")})
        ORDER BY runs.n LIMIT 1
    )"""
# Whether the skill {skill} (its id, or NULL) is one that no listed job has (its entry in autocomplete counts none: the
# taxonomy names skills before jobs ask for them).
SKILL_UNUSED = """EXISTS (
        SELECT 1 FROM taxonomy_skill s
        JOIN search_suggestion entry ON entry.kind = 'skill' AND entry.label = s.name
        WHERE s.id = {skill} AND entry.popularity = 0)"""
_FINISHED = "(t.english OR t.in_vocabulary)"
# The names and aliases of the skill {skill} (its id, or NULL: SKILL_ID of a word), as a tsquery in the text search
# configuration {config}: any of them, each its words in a row (`js`: javascript | js | ecmascript). As written
# ('simple') for the exact title boost: `accounting` (alias bookkeeping) is no Key Account Manager's word as written.
SYNONYMS = """(SELECT string_agg('(' || q::text || ')', ' | ') FROM (
        SELECT phraseto_tsquery('{config}', search_text(name)) AS q FROM (
            SELECT s.name FROM taxonomy_skill s WHERE s.id = {skill}
            UNION SELECT a.alias FROM taxonomy_skillalias a WHERE a.skill_id = {skill}
        ) names(name)
    ) forms WHERE q::text <> '')"""
# A word no job uses that names a country in its own language (`deutschland`: Germany) or that the gazetteer knows as
# another name of a city (`wien`: Vienna, `bombay`: Mumbai): `u.alias_of`, the English name, when jobs are there. The
# word then stands for that name, as a place. Words jobs use, stop words, and skills' names and aliases are left
# alone (`vocabulary.held`, IN_VOCABULARY): `art` is another name of Watertown, `from` of Frome, `rust` of El Cerrito,
# `jira` of Zira. So is a word one edit from a word WORD_OF_ITS_OWN jobs or more use (`u.one_edit_from`,
# '|'-separated), which it more likely misspells: `manger`, another name of Munger (India), is manager; `roma` is still
# Rome. A word shorter than MIN_TYPO_LENGTH, never corrected, has none (`sf` is San Francisco, though one edit from
# `of`; `hk` Hong Kong, though one edit from `hr`).
_TYPED = "lower(search_unaccent(u.text))"
ALIAS_OF_PLACE = f"""(u.alias_of IS NOT NULL
    AND NOT vocabulary.held
    AND NOT EXISTS (SELECT 1 FROM search_searchterm v
                    WHERE v.word = ANY(string_to_array(u.one_edit_from, '|')) AND v.jobs >= {WORD_OF_ITS_OWN}
                        AND v.word <> lower(search_unaccent(u.alias_of)))
    AND plainto_tsquery('english', search_text(u.text))::text <> ''
    AND skill.id IS NULL
    AND {is_place("lower(search_unaccent(u.alias_of))")})"""
# The names (lower case) of the cities of listed jobs that each name (`n.name`) is, or, when `n.begun` and none is, that
# it begins as a word (`new york`: New York City; `san jose` is San Jose, not San José del Cabo), through the
# suggestions' keys.
_PLACE_NAMED = f"SELECT label FROM search_suggestion WHERE kind = 'place' AND {PLACE_NAMED.format(word='n.name')}"
PLACE_NAMES_SQL = f"""
SELECT DISTINCT lower(s.label)
FROM (SELECT lower(search_unaccent(name)) AS name, begun FROM unnest(%s::text[], %s::bool[]) AS n(name, begun)) n
CROSS JOIN LATERAL (
    {_PLACE_NAMED}
    UNION ALL
    SELECT label FROM search_suggestion WHERE kind = 'place' AND n.begun AND {PLACE_BEGUN.format(word="n.name")}
        AND NOT EXISTS ({_PLACE_NAMED})
) s
"""
FORMS_SQL = f"""
SELECT t.ord,
    CASE WHEN t.phrase THEN phraseto_tsquery('english', search_text(t.text))
         ELSE plainto_tsquery('english', search_text(t.text)) END::text,
    CASE WHEN t.phrase THEN phraseto_tsquery('simple', search_text(t.text))
         ELSE plainto_tsquery('simple', search_text(t.text)) END::text,
    {PREFIX_FORM.format(config="english", finished=_FINISHED)},
    {PREFIX_FORM.format(config="simple", finished=_FINISHED)},
    {SYNONYMS.format(skill="t.skill_id", config="english")},
    {SYNONYMS.format(skill="t.skill_id", config="simple")},
    {is_place(_FOLDED, unless_titled=True)} OR t.alias_of_place,
    t.phrase OR t.text !~ '^[[:alpha:]]+$' OR length(t.text) < %s
        OR t.in_vocabulary,
    CASE WHEN t.text LIKE '%%-%%' AND NOT t.phrase
        THEN phraseto_tsquery('english', search_text(replace(t.text, '-', ' ')))::text ELSE run_together.words END,
    (SELECT plainto_tsquery('english', search_text(t.compound))::text
     FROM (SELECT tsvector_to_array(to_tsvector('english', search_text(t.compound))) AS lexemes) compound
     WHERE cardinality(compound.lexemes) = 1
       AND EXISTS (SELECT 1 FROM search_lexeme WHERE lexeme = compound.lexemes[1])),
    t.followed_by IS NOT NULL AND {is_place(FOLLOWED_BY, begun=True)},
    {EXPANDED.format(config="english", expands="t.expands")},
    {EXPANDED.format(config="simple", expands="t.expands")},
    t.in_vocabulary,
    {SKILL_UNUSED.format(skill="t.skill_id")},
    {SKILL_NAME_STARTING}
FROM (
    SELECT u.text, u.phrase, u.prefix, u.starred, u.compound, u.followed_by, u.english, u.skill_runs, u.ord,
        vocabulary.held AS in_vocabulary, alias.of_place AS alias_of_place, skill.id AS skill_id,
        u.prefix AND {SKILL_AS_TYPED.format(skill="skill.id", word=_TYPED)} AS skill_as_typed,
        CASE WHEN alias.of_place THEN u.alias_of ELSE u.expands END AS expands
    FROM unnest(
            %s::text[], %s::bool[], %s::bool[], %s::bool[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[],
            %s::bool[], %s::text[]
        )
        WITH ORDINALITY AS u(
            text, phrase, prefix, starred, compound, followed_by, expands, alias_of, one_edit_from, english, skill_runs,
            ord
        )
    -- looked up once per word (OFFSET 0: not copied into each column that reads it)
    CROSS JOIN LATERAL (SELECT {IN_VOCABULARY.format(word=_TYPED)} AS held OFFSET 0) vocabulary
    CROSS JOIN LATERAL (SELECT {SKILL_ID.format(word=_TYPED)} AS id OFFSET 0) skill
    CROSS JOIN LATERAL (SELECT {ALIAS_OF_PLACE} AS of_place) alias
) t
CROSS JOIN LATERAL (SELECT {RUN_TOGETHER} AS words OFFSET 0) run_together
ORDER BY t.ord
"""

# Each word, its English form, how many documents hold that or the words it runs together (`w.apart`, RUN_TOGETHER: a
# typo that splits into two words, `dentest`: den test, is still corrected when no document holds them in a row), or
# the other names of the skill no listed job has that it names (up to WORD_OF_ITS_OWN), and the vocabulary words
# nearest to it. A form the column's statistics list as held by WORD_OF_ITS_OWN documents or more is not counted (a
# common one fills a bitmap of most documents first); the others are counted through the index. A last word still
# being typed (`w.prefix`: a prefix some lexeme starts with) counts as held by WORD_OF_ITS_OWN when a common lexeme
# starts with it: `engi` begins engineer, it is no misspelling of Ergi, `germ` none of Gera. The nearest words are the
# TYPO_CANDIDATES most similar by trigrams, and the words one edit away (`w.one_edit`, '|'-separated), for words of up
# to ONE_EDIT_LOOKED_UP letters, or with a letter moved, for longer ones: in a short word two letters swapped leave
# almost no trigram in common (`yrok`: york), nor does a letter moved in a longer one (`phyton`: python).
NEAREST_SQL = f"""
WITH named AS (  -- the jobs' names and their other names, '|'-separated (synonyms.OTHER_NAMES_TABLE)
    SELECT word, others FROM unnest(%s::text[], %s::text[]) AS named(word, others)
), common AS MATERIALIZED (
    SELECT s.most_common_elems::text::text[] AS lexemes, s.most_common_elem_freqs AS shares, c.reltuples AS rows
    FROM pg_stats s JOIN pg_class c ON c.oid = 'search_jobdocument'::regclass
    WHERE s.schemaname = current_schema() AND s.tablename = 'search_jobdocument' AND s.attname = 'document'
), t AS MATERIALIZED (
    SELECT w.text, w.english, w.one_edit, CASE
        WHEN numnode(w.english) = 0 THEN 0
        WHEN coalesce((SELECT shares[array_position(lexemes, w.lexeme)] * rows FROM common), 0)
             >= {WORD_OF_ITS_OWN} THEN {WORD_OF_ITS_OWN}
        WHEN w.prefix AND EXISTS (
            SELECT 1 FROM common, unnest(common.lexemes, common.shares) AS c(lexeme, share)
            WHERE c.lexeme ^@ w.lexeme AND c.share * common.rows >= {WORD_OF_ITS_OWN}
        ) THEN {WORD_OF_ITS_OWN}
        ELSE (SELECT count(*) FROM (
            SELECT 1 FROM search_jobdocument d WHERE d.document @@ w.held_by LIMIT {WORD_OF_ITS_OWN}
        ) held)
    END AS documents
    FROM (
        SELECT text, prefix, english, CASE WHEN apart = '' THEN english ELSE english || apart::tsquery END AS held_by,
               (tsvector_to_array(to_tsvector('english', search_text(text))))[1] AS lexeme, one_edit
        FROM unnest(%s::text[], %s::bool[], %s::text[], %s::text[]) AS words(text, prefix, apart, one_edit),
            LATERAL plainto_tsquery('english', search_text(text)) english
    ) w
)
SELECT t.text, t.english::text, t.documents, near.word, near.jobs,
    plainto_tsquery('english', near.word)::text, plainto_tsquery('simple', near.word)::text,
    {is_place("near.word", unless_titled=True)},
    coalesce({SYNONYMS.format(skill="near_skill.id", config="english")}, ''),
    coalesce({SYNONYMS.format(skill="near_skill.id", config="simple")}, ''),
    coalesce({EXPANDED.format(config="english", expands=OTHER_NAMES)}, ''),
    coalesce({EXPANDED.format(config="simple", expands=OTHER_NAMES)}, '')
FROM t
CROSS JOIN LATERAL (
    (
        SELECT word, jobs FROM search_searchterm
        WHERE jobs > 0
        ORDER BY word <-> lower(search_unaccent(t.text))
        LIMIT %s
    )
    UNION
    SELECT word, jobs FROM search_searchterm WHERE word = ANY(string_to_array(t.one_edit, '|')) AND jobs > 0
    UNION
    -- a job's name that no job uses but whose other names jobs do (synonyms.py: `programer` is programmer, a
    -- developer), counting the jobs of the most used of them
    SELECT named.word, used.jobs FROM named
    CROSS JOIN LATERAL (
        SELECT max(s.jobs) AS jobs FROM search_searchterm s WHERE s.word = ANY(string_to_array(named.others, '|'))
    ) used
    WHERE used.jobs > 0 AND levenshtein_less_equal(named.word, lower(search_unaccent(t.text)), 2) <= 2
      AND NOT EXISTS (SELECT 1 FROM search_searchterm s WHERE s.word = named.word)
) near
CROSS JOIN LATERAL (SELECT {SKILL_ID.format(word="near.word")} AS id OFFSET 0) near_skill
"""


class TermForms(NamedTuple):
    """A term's row of FORMS_SQL: its tsquery forms, whether it names a city of listed jobs (a suggested place) or a
    country, whether it needs no correction (jobs use it, or it is not a plain word), a hyphenated word's words in a
    row (`front-end`: front <-> end) or those of a word that runs two together (RUN_TOGETHER), the form of its
    compound (`compounds`) when the documents hold it, whether it and its follower (`followers`) name a place
    (`san francisco`, `new zealand`), and the stemmed and exact forms of what it abbreviates (abbreviations.py:
    `sre`, site reliability engineer), whether the vocabulary holds it, and whether it names a skill no listed job
    has."""

    english: str
    simple: str
    prefix: str
    simple_prefix: str
    synonyms: str | None
    synonyms_simple: str | None  # as written: the exact title boost's
    place: bool
    known: bool
    apart: str
    compound: str | None
    place_with_follower: bool
    expanded: str | None
    expanded_simple: str | None
    in_vocabulary: bool
    skill_unused: bool
    skill_name: str | None  # the longest skill's name of several words that it starts (skill_name_runs)


COMPOUND_PART = re.compile(r"^[^\W\d_]+$")


def followers(parsed: ParsedQuery) -> list[str | None]:
    """By term: the word after it when both are plain words alone in their groups and asked for (not quoted,
    excluded or ORed), the pairs that may be one word (`front end`) or one place (`san francisco`)."""

    following: list[str | None] = []
    for position, group in enumerate(parsed.groups):
        after = parsed.groups[position + 1] if position + 1 < len(parsed.groups) else None
        following.extend(
            after[0].text if _plain(group) and after is not None and _plain(after) else None for _ in group
        )
    return following


def _plain(group: list[Term]) -> bool:
    """Whether the group is one plain word: asked for, not quoted, excluded, ORed or hyphenated."""
    return len(group) == 1 and not group[0].negated and not group[0].phrase and "-" not in group[0].text


# A number, as versions are written (`3`, `3.12`).
VERSION = re.compile(r"^\d+(\.\d+)*$")


def is_version(group: list[Term]) -> bool:
    """Whether the group is a plain number (VERSION): after a skill's name, its version (`python 3`, `java 8`, `node
    18`), which few jobs write. Asked for, it left out the jobs that do not say the number anywhere (`python 3`
    found 4,612 of 50,027 Python jobs, those saying "3 years"); it ranks the jobs saying it first instead, matching
    none by itself (Built.ranked_only)."""
    return _plain(group) and VERSION.match(group[0].text) is not None


# The most words of a city's name before its state's code (`salt lake city ut`).
CITY_NAME_MAX_WORDS = 3
# The codes of states, provinces and countries that are English stop words (PostgreSQL's english dictionary drops
# them): a state or country only when they end the query (`toronto on`, `portland me`, `milan it`), before another
# word a word of the sentence (`london on weekends`, `london on site`, `milan it support`).
STOP_WORD_CODES = frozenset(
    {"in", "me", "on", "or", "it", "is", "am", "an", "be", "as", "at", "by", "to", "no", "so", "do", "my"}
)


def states_after_cities(parsed: ParsedQuery, *, words_in_name: int = 1) -> dict[int, str]:
    """By term: what the documents of jobs in a city say of its state or province (gazetteer's state_of_city: in the
    United States the state's name, in Canada and Australia the country's), when the term is the code or one-word name
    of a state or province and the words before it name a city there, as people write a place (`austin tx`,
    `chicago, il`: Texas, Illinois; `vancouver bc`, `london ontario`: Canada; `sydney nsw`: Australia); else, when it is
    a country's two-letter code, the country's name, which every document of a job there holds (country_of_city:
    `berlin, de`: Germany, where `de` was a word no job there says; `toronto ca`: Canada, Toronto being in no
    California). Plain words alone in their groups only (as in `followers`); a code that is a stop word only last
    (STOP_WORD_CODES: `london on site` is on-site). `words_in_name=2`: the terms that begin a name of two words instead
    (`vancouver british columbia`, `perth western australia`), read as a region's two words are."""
    starts = [0]
    for group in parsed.groups:
        starts.append(starts[-1] + len(group))
    return {starts[position]: words for position, words in _states_after_cities(parsed, words_in_name).items()}


def _states_after_cities(parsed: ParsedQuery, words_in_name: int) -> dict[int, str]:
    """states_after_cities by group."""
    words = [group[0].text if _plain(group) else None for group in parsed.groups]
    found: dict[int, str] = {}
    places = gazetteer()
    for position in range(len(words) - words_in_name + 1):
        named = words[position : position + words_in_name]
        if None in named:
            continue
        state = " ".join(map(str, named))
        key = place_key(state)
        if key not in places.states and key.upper() not in places.country_names:
            continue
        if state.lower() in STOP_WORD_CODES and position < len(words) - 1:
            continue
        for count in range(1, min(CITY_NAME_MAX_WORDS, position) + 1):
            city = [word for word in words[position - count : position] if word is not None]
            if len(city) < count:
                break
            named_city = " ".join(city)
            if state_words := places.state_of_city(named_city, state) or places.country_of_city(named_city, state):
                found[position] = state_words
                break
    return found


def state_code_named(parsed: ParsedQuery) -> ParsedQuery:
    """The query with the code of a state or province that ends it, typed alone and after no city of it (`nurse tx`,
    `developer ny`, `nurse bc`), its name (gazetteer's state_named; written back as typed: Term.typed; a name of
    several words a phrase, as typed unquoted), as people write where they look: `nurse tx` asks what `nurse texas`
    does (the region of the jobs there), `nurse bc` what `nurse british columbia` does (province_answered), where each
    found nothing. Not a code that is an English word (`in`, `me`, `ok`, `hi`, `co`, `la`, `act`) or stands for a
    title (`pa`, `va`: abbreviations.py), nor one before another word (`ms excel`)."""
    if not parsed.groups or not _plain(group := parsed.groups[-1]):
        return parsed
    code, last = group[0].text, len(parsed.groups) - 1
    if len(code) not in (2, 3) or english_use(code.lower()) or _expansions(group[0]):
        return parsed
    if last in _states_after_cities(parsed, 1):
        return parsed
    name = gazetteer().state_named(code)
    if name is None:
        return parsed
    words = " " in name
    return ParsedQuery(groups=[*parsed.groups[:-1], [Term(name.lower(), phrase=words, joined=words, typed=code)]])


def province_names_quoted(parsed: ParsedQuery) -> ParsedQuery:
    """The query with each name of two or three words of a province or state of Canada or Australia (province_cities)
    that follows no city there (`nurse british columbia`, `nurse new south wales`) one phrase, as quoted (its words
    in a row; written back unquoted), which `province_answered` reads as the name."""
    words = [group[0].text if _plain(group) else None for group in parsed.groups]
    phrases: dict[int, str] = {}
    for words_in_name in (3, 2):
        after_cities = _states_after_cities(parsed, words_in_name)
        for position in range(len(words) - words_in_name + 1):
            named = words[position : position + words_in_name]
            taken = any(start <= position < start + len(phrase.split()) for start, phrase in phrases.items())
            if None in named or position in after_cities or taken:
                continue
            if province_cities(name := " ".join(map(str, named))) is not None:
                phrases[position] = name
    return runs_quoted(parsed, phrases)


def province_answered(term: Term) -> str | None:
    """The tsquery of the jobs in the cities of listed jobs of the province or state of Canada or Australia the term
    names in full (`ontario`, `"british columbia"`: province_cities), which few jobs there name: the city's marker
    (sql.FILTER_MARKERS) and the country's name, which every document holds (London, Canada for `ontario`, not London,
    England), its English form (`canada`, `australia`: the dictionary keeps both); '' when no listed job is in one
    of its cities, None when the term names no such province, or is excluded or quoted (a word then, as a region's
    name is)."""
    cities = None if _a_word_only(term) else province_cities(term.text)
    if cities is None:
        return None
    country, names = cities
    listed = _cities_named([(name, False) for name in names])
    in_cities = any_of(quoted(field_marker("city", name.upper())) for name in listed)
    return all_of([quoted(country.lower()), in_cities]) if listed else ""


# The most words a metropolitan area's name has (`greater new york city metropolitan area`).
METRO_AREA_MAX_WORDS = CITY_NAME_MAX_WORDS + 3


def metro_areas_quoted(parsed: ParsedQuery) -> ParsedQuery:
    """The query with each name of several words of a metropolitan area (gazetteer's metro_area: `bay area`, `greater
    london`, `seattle area`) one phrase, as quoted (written back unquoted), which `area_answered` reads as the name. A
    city's name with words after it (`london area`) names its area only ending the query: `london area manager` asks
    for area managers in London."""
    words = [group[0].text if _plain(group) else None for group in parsed.groups]
    phrases: dict[int, str] = {}
    for position in range(len(words)):
        for count in range(min(METRO_AREA_MAX_WORDS, len(words) - position), 1, -1):
            named = words[position : position + count]
            name = " ".join(map(str, named))
            if None not in named and _metro_area_named(name, last=position + count == len(words)):
                phrases[position] = name
                break
    return runs_quoted(parsed, phrases)


def _metro_area_named(name: str, *, last: bool) -> bool:
    """Whether `name` names a metropolitan area (gazetteer's metro_area) where it stands: words after a city's name
    only `last`."""
    key = place_key(name)
    after_city = key not in METRO_AREAS and not key.startswith("greater ")
    return (last or not after_city) and gazetteer().metro_area(name) is not None


AREA_CITIES_SQL = """
SELECT phraseto_tsquery('english', search_text(n.lies_in))::text, array_agg(DISTINCT lower(s.label))
FROM unnest(%s::text[], %s::text[]) AS n(name, lies_in)
JOIN search_suggestion s ON s.kind = 'place' AND s.key = lower(search_unaccent(n.name))
GROUP BY 1 ORDER BY 1
"""


def area_answered(term: Term) -> str | None:
    """`province_answered`, else the tsquery of the jobs in the cities of listed jobs of the metropolitan area the term
    names (gazetteer's metro_area: `bay area`, `silicon valley`, `gta`, `greater london`, `seattle area`), which jobs
    there seldom name: each city's marker with what its jobs' documents say of where it lies (gazetteer's lies_in: in
    the United States the state's name, else the country's), which tells Richmond, California (in the Bay Area) from
    Richmond, Virginia; '' when no listed job is in one of its cities, None when the term names no such area, or is
    excluded or quoted."""
    province = province_answered(term)
    if province is not None or _a_word_only(term):
        return province
    area = gazetteer().metro_area(term.text)
    if area is None:
        return None
    centre, radius_km = area
    cities = gazetteer().cities_around(centre, radius_km or default_radius_km())
    with connection.cursor() as cursor:
        cursor.execute(
            AREA_CITIES_SQL, [[city.name for city in cities], [gazetteer().lies_in(city) for city in cities]]
        )
        rows = cursor.fetchall()
    in_cities = (any_of(quoted(field_marker("city", name.upper())) for name in names) for _, names in rows)
    return any_of(all_of([lies_in, cities]) for (lies_in, _), cities in zip(rows, in_cities, strict=True))


def _a_word_only(term: Term) -> bool:
    """Whether a name the term holds is read as its words only, never as the place: excluded, or quoted as typed
    (`"ontario"`; not a name quoted by the analysis, `british columbia`)."""
    return term.negated or (term.phrase and not term.joined)


def state_names_coded(parsed: ParsedQuery) -> ParsedQuery:
    """The query with each name of three words of a state or province after the name of a city there (`sydney new
    south wales`, `charlottetown prince edward island`) one term, its code (written back as typed: Term.typed),
    which states_after_cities reads as it reads the code typed (`sydney nsw`)."""
    groups = list(parsed.groups)
    for position in sorted(_states_after_cities(parsed, words_in_name=3), reverse=True):
        name = " ".join(group[0].text for group in groups[position : position + 3])
        ((_, code),) = gazetteer().states[place_key(name)]  # a name names one state
        groups[position : position + 3] = [[Term(code.lower(), typed=name)]]
    return ParsedQuery(groups=groups)


def compounds(parsed: ParsedQuery) -> list[str | None]:
    """By term: the one word it may stand for, written apart or hyphenated. A hyphenated word without its hyphens
    (`front-end`: frontend); a word and its follower (`followers`) joined (`front` in `front end`: frontend).
    Only words of letters, not excluded or quoted."""
    joined: list[str | None] = []
    for term, follower in zip(parsed.terms, followers(parsed), strict=True):
        parts = term.text.split("-") if "-" in term.text else [term.text] + ([follower] if follower else [])
        whole = len(parts) > 1 and not term.phrase and not term.negated
        joined.append("".join(parts) if whole and all(COMPOUND_PART.match(part) for part in parts) else None)
    return joined


@dataclass
class AnalysedQuery:
    tsquery: str  # '' when nothing is left to match (only stop words or punctuation)
    corrections: dict[str, str] = field(default_factory=dict)  # misspelt word (lowercased) -> vocabulary word
    did_you_mean: str | None = None
    relaxed: str | None = None  # the query without the words no document holds, when some are left (corrected)
    # the same without the misspelt ones too: when even their corrections find nothing
    relaxed_uncorrected: str | None = None
    # the query without the first of its words that name the job, when every word is held (`delivery driver`: driver)
    job_named_last: str | None = None
    # whether those may keep a title's abbreviation whose documents were not counted (each costs up to 25 ms at a
    # million jobs: `hr`, human resources): a query finding nothing is then analysed again with them counted, lest it
    # be offered an abbreviation no job holds (`accountant cpa` offered `cpa`; selectors.job_search)
    abbreviations_uncounted: bool = False
    has_positive_terms: bool = False
    # What ranking.py reads. `ranked`: the groups of terms that ask for something (not an exclusion), ORed.
    # `title`: those but the ones made of field words or places only (unless all are), ANDed: what the title must
    # answer for the title boost; `exact_title`: the same with their words as written (their exact forms, prefixes,
    # synonyms and corrections, not their English stems), for the exact title boost.
    ranked: str = ""
    title: str = ""
    exact_title: str = ""
    # The field-word groups asked beside other words (`intern` of `python intern`), each as its tsquery and the job
    # fields that answer it (column, value): the title boosts ask for the job's fields, or its title, to answer them.
    fields: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    # The cities the query names (their names as jobs give them, lower case: `london` is London, not East London), for
    # the place boost.
    places: tuple[str, ...] = ()
    # Each two words in a row of the query (plain words, stop words aside), as written, ORed: a company's name saying
    # any of them earns its jobs the company boost (`zenith finance`: Zenith Finance, not Zenith Bakery's Finance
    # Manager; `nurse at cedar care`: Cedar Care).
    company: str = ""
    # A group asked for and excluded at once (`senior -senior`): no document matches, and finding that out read
    # every document holding it (half a second for a common word).
    matches_nothing: bool = False

    @property
    def offered_if_none_found(self) -> str | None:
        """What "did you mean" offers when the query finds nothing (selectors.SearchPage.did_you_mean)."""
        return self.relaxed or self.relaxed_uncorrected or self.job_named_last


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


# Every field word of a field value, as written (`full-time`, `work from home`).
FIELD_TEXTS = {(column, str(value)): texts for column, values in FIELD_WORDS.items() for value, texts in values.items()}
FIELD_TERMS = frozenset(word for texts in FIELD_TEXTS.values() for text in texts for word in _words(text))


# The words of a hyphenated field word (`full` of full-time), which ask nothing without the other.
FIELD_PARTS = frozenset(
    part for texts in FIELD_TEXTS.values() for text in texts if "-" in text for part in _words(text)
)

# The field words of one word (`intern`, `senior`, `temp`): typed last, each is the word itself, not also the start of
# longer words (a prefix), which would find International companies for `intern`, temperatures for `temp`. The parts
# (`full` may begin full-stack) and the words of `work from home` (`work`: worker) stay prefixes.
WHOLE_FIELD_WORDS = frozenset(text for texts in FIELD_TEXTS.values() for text in texts if _words(text) == [text])


def is_whole_word(term: Term) -> bool:
    """Whether the term, typed last, is the word itself and not a prefix: a field word of one word, or a country's
    name (`usa` not also usability, `india` not Indian)."""
    return term.text.lower() in WHOLE_FIELD_WORDS or place_key(term.text) in country_name_keys()


# The hyphenated field words (`entry-level`): written apart (`entry level`), their words are asked for in a row, as a
# compound's are, though no document holds them as one word.
HYPHENATED_FIELD_WORDS = frozenset(text for texts in FIELD_TEXTS.values() for text in texts if "-" in text)


# The field words of more than one word but no hyphen (`work from home`): typed unquoted, their words are one phrase,
# as quoted (field_phrases_joined), not words each found anywhere (a job at Cedar Homes that says work).
FIELD_PHRASES = tuple(_words(text) for texts in FIELD_TEXTS.values() for text in texts if " " in text)
ALL_FIELD_TEXTS = frozenset(text for texts in FIELD_TEXTS.values() for text in texts)


def field_phrases_joined(parsed: ParsedQuery) -> ParsedQuery:
    """The query with each field phrase typed as words (`python work from home`) one quoted phrase."""
    words = _plain_words(parsed)
    phrases: dict[int, str] = {}
    position = 0
    while position < len(words):
        phrase = next((p for p in FIELD_PHRASES if words[position : position + len(p)] == p), None)
        if phrase is not None:
            phrases[position] = " ".join(phrase)
        position += len(phrase) if phrase else 1
    return runs_quoted(parsed, phrases)


# The longest run of words looked up as a skill's name (`good manufacturing practice`).
SKILL_NAME_WORDS = 4


def _plain_words(parsed: ParsedQuery) -> list[str | None]:
    """By group: its word, lower case, when the group is one word typed plainly (not quoted, excluded or ORed)."""
    return [
        group[0].text.lower() if len(group) == 1 and not group[0].phrase and not group[0].negated else None
        for group in parsed.groups
    ]


def skill_name_runs(parsed: ParsedQuery) -> list[str | None]:
    """By term: the runs of two to SKILL_NAME_WORDS plain words (_plain_words) that start with it, longest first,
    '|'-separated, which may be a skill's name (FORMS_SQL's SKILL_NAME_STARTING); None when there is none."""
    words = _plain_words(parsed)
    runs: list[str | None] = []
    for start, group in enumerate(parsed.groups):
        starting = (words[start : start + length] for length in range(min(SKILL_NAME_WORDS, len(words) - start), 1, -1))
        plain = [" ".join(map(str, run)) for run in starting if None not in run]
        runs.extend(["|".join(plain) or None] * len(group))
    return runs


def runs_quoted(parsed: ParsedQuery, phrases: dict[int, str]) -> ParsedQuery:
    """The query with each run of plain words in `phrases` (its words, by the group it starts at: a field phrase,
    `work from home`; a skill's name, `natural language processing`) one quoted phrase, from the left: a run
    overlapping one before it is left as words. A skill's name quoted also finds the skill's other names (`nlp`),
    as quoted: not words each found anywhere."""
    if not phrases:
        return parsed
    groups: list[list[Term]] = []
    position = 0
    while position < len(parsed.groups):
        phrase = phrases.get(position)
        groups.append(parsed.groups[position] if phrase is None else [Term(phrase, phrase=True, joined=True)])
        position += 1 if phrase is None else len(phrase.split())
    return ParsedQuery(groups=groups)


def _field_words(term: Term) -> list[str]:
    """The words of the term, or of the field word it abbreviates (`wfh`: work from home)."""
    abbreviated = [] if term.phrase else [text for text in expansions(term.text) if text in ALL_FIELD_TEXTS]
    return _words(abbreviated[0] if abbreviated else term.text)


def _of_field_words(term: Term) -> bool:
    """Whether the term is made of field words (`remote`, `full time`), which the job's fields answer too; not after
    `title:`, which asks them of the title, nor a field word's part alone (Term.word_only)."""
    return not term.in_title and not term.word_only and all(word in FIELD_TERMS for word in _field_words(term))


def lone_field_parts_read(parsed: ParsedQuery) -> ParsedQuery:
    """The query with each part of a hyphenated field word typed plainly with no such part next to it a word of its
    own (Term.word_only), not the job's field: `site engineer` asks for Site Engineers, where any engineer on site
    answered `site` (its field on-site) and Maintenance Engineers came first; `on site nurse` still asks for on-site
    nurses, and so does `nurse on site` while `site` is typed (`python full`: full-time, or a title saying it)."""
    words = _plain_words(parsed)
    groups = list(parsed.groups)
    for position, word in enumerate(words):
        if word not in FIELD_PARTS or groups[position][0].prefix:  # typed last: its other part may follow
            continue
        neighbours = words[max(position - 1, 0) : position] + words[position + 1 : position + 2]
        if not FIELD_PARTS.intersection(neighbours):  # `level entry`: field words still, answering no job together
            groups[position] = [replace(groups[position][0], word_only=True)]
    return ParsedQuery(groups=groups)


def field_values(term: Term) -> tuple[tuple[str, str], ...]:
    """The job fields (column, value) whose field words hold every word of the term (`time`: full and part time)."""
    words = set(_field_words(term))
    return tuple(
        field for field, texts in FIELD_TEXTS.items() if words <= {word for text in texts for word in _words(text)}
    )


# Beside a word asking for remote jobs, the words asking for remote jobs open to applicants from anywhere.
ANYWHERE = frozenset({"anywhere", "worldwide"})


def _asks_remote(term: Term) -> bool:
    """Whether the term asks for remote jobs: a remote type's field word (`remote`, `work from home`, `wfh`)."""
    remote = FIELD_TEXTS[("remote_type", RemoteType.REMOTE)]
    return not term.negated and " ".join(_field_words(term)) in remote


class RemotePlace(NamedTuple):
    """Where a remote job accepting applicants answers a place of the query: the words of the place's name, from the
    term it begins, and the country (ISO code, or sql.REMOTE_ANYWHERE) whose applicants such a job accepts."""

    words: int
    country: str


def remote_places(terms: list[Term], following: list[str | None]) -> dict[int, RemotePlace]:
    """By term, of a query asking for remote jobs (`_asks_remote`): a country it names in one word or two (`remote
    germany`, `remote united states`), or a word asking for jobs open anywhere (ANYWHERE: `remote worldwide`). A remote
    job accepting applicants from there (its document's `#remote_country=` marker, sql.FILTER_MARKERS) answers the
    place as a job there does: a remote job of a company in the United States open to applicants in Germany is one
    for `remote germany`. A region (`remote europe`) is answered so by its own marker (region_matched)."""
    places: dict[int, RemotePlace] = {}
    position = 0
    while position < len(terms):
        term, follower = terms[position], following[position]
        if follower and f"{term.text} {follower}".lower() in REGIONS:  # `latin america`, not America
            position += 2
            continue
        two_words = country_code(f"{term.text} {follower}") if follower else None
        one_word = None if term.negated or term.phrase else _accepted_from(term.text)
        if two_words:
            places[position] = RemotePlace(2, two_words)
        elif one_word:
            places[position] = RemotePlace(1, one_word)
        position += 2 if two_words else 1
    return places


def region_matched(region: str, *, remote: bool) -> str:
    """The tsquery of the jobs in the region (countries.REGIONS): its documents' marker (sql.REGION_MARKERS_SQL), one
    entry of the words' index and one operand to rank where its countries' names are many (127 for EMEA); and when
    `remote` (the query asks for remote jobs and the region is not excluded), the remote jobs open to applicants from
    one of its countries, as `remote_places` answers a country: matched, not ranked, they come after the jobs there."""
    markers = [field_marker("region", region), *([field_marker("remote_region", region)] if remote else [])]
    return any_of(quoted(marker) for marker in markers)


# Plain words that ask for a job's field in words of their own, longest first, and what they stand for: the field
# word (written back as typed, Term.typed) and how many of the words it stands for (the rest read as before).
# `work from anywhere` asks for the remote jobs open to applicants anywhere, as `remote anywhere` does
# (remote_places), where it asked for the jobs whose text says the three words; `no experience` asks for entry-level
# jobs, where it asked for the jobs whose text says experience (every one) and listed Experienced Nurses first.
FIELDS_IN_OTHER_WORDS: dict[tuple[str, ...], tuple[str, int]] = {
    ("work", "from", "anywhere"): ("remote", 2),
    ("no", "experience", "required"): ("entry-level", 3),
    ("no", "experience", "needed"): ("entry-level", 3),
    ("no", "experience"): ("entry-level", 2),
    ("without", "experience"): ("entry-level", 2),
}
FIELDS_IN_OTHER_WORDS_LONGEST = max(map(len, FIELDS_IN_OTHER_WORDS))


def fields_in_other_words_read(parsed: ParsedQuery) -> ParsedQuery:
    """The query with each run of plain words in FIELDS_IN_OTHER_WORDS the field word it stands for, one term."""
    words = _plain_words(parsed)
    groups = list(parsed.groups)
    for position in reversed(range(len(words))):
        for length in range(min(FIELDS_IN_OTHER_WORDS_LONGEST, len(words) - position), 1, -1):
            run = tuple(word or "" for word in words[position : position + length])
            if run in FIELDS_IN_OTHER_WORDS:
                field_word, stands_for = FIELDS_IN_OTHER_WORDS[run]
                typed = " ".join(run[:stands_for])
                groups[position : position + stands_for] = [[Term(field_word, typed=typed)]]
                break
    return ParsedQuery(groups=groups)


def _accepted_from(word: str) -> str | None:
    """The country a remote job accepts applicants from that answers the word (its ISO code; REMOTE_ANYWHERE for
    ANYWHERE): `remote_places` of one word."""
    return REMOTE_ANYWHERE if word.lower() in ANYWHERE else country_code(word)


def answerable(
    fields: list[tuple[str, tuple[tuple[str, str], ...]]],
) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """The field-word groups one job can answer together: the groups of a field that no one value answers all of
    (`full-time internship`: an employment type each) are left out, since no job's field would answer them."""
    left_out = []
    for column in {column for _, values in fields for column, _ in values}:
        of_column = [values for _, values in fields if {named for named, _ in values} == {column}]
        if of_column and not set.intersection(*({value for _, value in values} for values in of_column)):
            left_out.extend(of_column)
    return tuple(group for group in fields if group[1] not in left_out)


class Correction(NamedTuple):
    """A row of NEAREST_SQL but the misspelt word: a vocabulary word near it, its forms, whether it is a place, the
    skill synonyms it has and the other names of the job it names, English and as written (as a word typed right has
    them: `javascrpt` finds what `javascript` finds, `js` included; `phyisician` what `physician` finds, doctors
    included)."""

    word: str
    jobs: int
    english: str
    simple: str
    place: bool
    synonyms: str
    synonyms_simple: str
    other_names: str
    other_names_simple: str


NO_CORRECTION = Correction("", 0, "", "", False, "", "", "", "")


def _correctable(term: Term, forms: TermForms) -> bool:
    """Whether a misspelling of the term is looked for: not a word jobs use, a place, a field word, an
    abbreviation or excluded."""
    return not (forms.known or forms.place or forms.expanded or term.negated or _of_field_words(term))


def _place_names(
    term: Term, forms: TermForms, correction: Correction, alias_of: str | None, follower: str | None, *, second: bool
) -> list[tuple[str, bool]]:
    """The names of places a word taken for a place may be (PLACE_NAMES_SQL): the beginning of a name it makes with the
    word after it (`san jose`, `new york`), else, unless it is that word after (`second`), the word, its correction and
    the name it stands for as another name (`wien`: Vienna; ALIAS_OF_PLACE, whose name is then its expansion; not
    `victoria`, a city of listed jobs itself, though the gazetteer also knows Hong Kong by it)."""
    if forms.place_with_follower and follower:
        return [(f"{term.text} {follower}", True)]
    names = [] if second else [term.text, correction.word, alias_of if forms.expanded else ""]
    return [(name, False) for name in names if name]


def _cities_named(named: list[tuple[str, bool]]) -> tuple[str, ...]:
    """The names, lower case, of the cities of listed jobs that the query's place names are (PLACE_NAMES_SQL)."""
    if not named:
        return ()
    with connection.cursor() as cursor:
        cursor.execute(PLACE_NAMES_SQL, [[name for name, _ in named], [begun for _, begun in named]])
        return tuple(sorted(name for (name,) in cursor.fetchall()))


def _counted_only(term: Term, forms: TermForms, *, abbreviations: bool) -> bool:
    """Whether the documents holding the term are counted though it is never corrected: a word with digits or signs
    (`h1b`, `2024`, `c++`, `node.js`; not a hyphen's, whose words are looked at as such), one too short to correct
    that the vocabulary does not hold (`xyz`, `dat`), or a skill's name or alias when no listed job has the skill
    (`ruby`: the taxonomy names skills before jobs ask for them; documents saying its other names count as its own),
    which, held by no document, "did you mean" then leaves out as it does a word nobody uses (`python h1b`:
    `python`; `c++ developer`: `developer`; `xyz scientst`: `scientist`, not `xyz`; `ruby developer`: `developer`).
    With `abbreviations`, a title's abbreviation too, documents saying what it stands for counting as its own
    (`accountant cpa`: `accountant`; `_abbreviations_uncounted`)."""
    if abbreviations and _abbreviation(term, forms):
        return True
    if term.phrase or term.negated or forms.place or forms.expanded or not forms.english:
        return False
    if forms.synonyms:
        return forms.skill_unused
    short = len(term.text) < MIN_TYPO_LENGTH and term.text.isalpha() and not forms.in_vocabulary
    return short or any(not char.isalpha() and char != "-" for char in term.text)


def _abbreviation(term: Term, forms: TermForms) -> bool:
    """Whether the term, asked for, is a title's abbreviation (abbreviations.py: `cpa`, `sdet`)."""
    return bool(forms.expanded) and not (term.phrase or term.negated) and bool(expansions(term.text))


def _one_edit_from(word: str) -> str:
    """The words one edit from `word` (lower case), '|'-separated, as FORMS_SQL and NEAREST_SQL read them."""
    return "|".join(sorted(one_edit_from(word.lower())))


def _place_named_otherwise(term: Term) -> str | None:
    """The English name of the country the word names in its own language, or of the city the gazetteer knows by it
    otherwise (`deutschland`: Germany, `wien`: Vienna; gazetteer.city_named_otherwise); the query then asks for it if
    no job uses the word and jobs are there (ALIAS_OF_PLACE)."""
    key = None if term.phrase else other_name_key(term.text)
    return (country_endonyms().get(key) or city_named_otherwise(term.text)) if key else None


def _place_word_written_otherwise(term: Term, follower: str | None) -> str | None:
    """The other form of a word that begins cities' names written in full or short (PLACE_WORD_FORMS), when it
    begins one with the word after it (the gazetteer's names): `saint louis` also finds St. Louis, which its documents
    write `st`, and `st petersburg` Saint Petersburg as well as St. Petersburg, Florida."""
    other = PLACE_WORD_FORMS.get(term.text.lower())
    if other is None or follower is None:
        return None
    return other if place_key(follower) in gazetteer().second_words.get(other, {}) else None


def _expansions(term: Term) -> list[str]:
    """What a word stands for: a title's abbreviation its title, a job's name its other names (synonyms.py), a region
    itself (the jobs in its countries, which _term_built reads as its marker: region_matched), a word spelt the British
    or the American way its other spelling (british_american.py). Excluded too, as skill aliases are: `-sre` leaves out
    Site Reliability Engineers as well."""
    region = [term.text] if term.text.lower() in REGIONS else []
    return expansions(term.text) or synonyms(term.text) or region or other_spellings(term.text)


class Built(NamedTuple):
    """A group of the query as a tsquery (for ranking: every form), the same matching only what it must
    (`without_implied`), its words as written (exact forms), whether it only says where or what the job is, whether
    it asks for something (not an exclusion), the compound it makes with the next group ('' for none: its word
    and the next group's make a hyphenated field word, asked for in a row only), the job fields that answer it
    when it is made of field words (field_values), the jobs that answer it too (_TermBuilt.answered_too), and the
    compound as matched when it is matched otherwise than ranked ('' for the same: a region named in two words, its
    documents' markers rather than its countries' names: region_matched), and whether it ranks only (a version after
    a skill's name: `is_version`)."""

    tsquery: str
    matching: str
    exact: str
    where_or_what: bool
    asks: bool
    compound: str | None
    answered_by: tuple[tuple[str, str], ...] = ()
    answered_too: str = ""
    compound_matching: str = ""
    ranked_only: bool = False


def _compounds_joined(built: list[Built]) -> list[Built]:
    """Each group whose word makes a compound with the next group's (compounds), and that group, as one group:
    both words in a row, or the compound. In a row: `part time` asks for part-time jobs, not for full-time ones
    whose description says "part of the team"; `front end` for "front end", not for "front desk ... end of day"."""
    joined: list[Built] = []
    position = 0
    while position < len(built):
        group = built[position]
        following = built[position + 1] if position + 1 < len(built) else None
        if group.compound is not None and following is not None and following.asks:
            compound = [group.compound] if group.compound else []
            compound_matching = [group.compound_matching] if group.compound_matching else compound
            both = in_a_row([group.tsquery, following.tsquery])
            both_matching = in_a_row([group.matching, following.matching])
            exact = in_a_row([group.exact, following.exact])
            where_or_what = group.where_or_what and following.where_or_what
            answered_by = tuple(field for field in group.answered_by if field in following.answered_by)
            joined.append(
                Built(
                    any_of([both, *compound]),
                    any_of([both_matching, *compound_matching]),
                    any_of([exact, *compound]),
                    where_or_what,
                    True,
                    None,
                    answered_by,
                    group.answered_too,
                )
            )
            position += 2
        else:
            joined.append(group)
            position += 1
    return joined


def _field_asked(group: Built) -> Built:
    """A group of field words asked beside other words (`intern` of `python intern`, `part time` of `part time nurse`)
    matching what the job is: its field (the document's field markers, sql.field_marker), or its title or skills
    saying them; not the description alone (a full-time job at an International company for `intern`, which English
    stems alike, or one whose description says "you will lead the team" for `lead engineer`). Groups of fields that
    no one job answers together are not asked so (answerable: `full-time internship`)."""
    return group._replace(matching=any_of([*_markers(group), weighted(group.matching, TITLE_AND_SKILLS)]))


def _markers(group: Built) -> list[str]:
    """The field markers (sql.field_marker) of the job fields that answer the group."""
    return [quoted(field_marker(column, value)) for column, value in group.answered_by]


def _relaxed(
    parsed: ParsedQuery, terms: list[Term], forms: dict[int, TermForms], replacements: dict[str, str], unheld: set[str]
) -> str | None:
    """The query (its misspelt words replaced) without the `unheld` words, when a word that asks what the job is
    remains, or a whole field word (`internship summer 2026` offers `internship`; not `full` of `full stack`: every
    full-time job holds it); a field word's part goes with the word it went with (`full stack developer` offers
    `developer`, not `full developer`)."""
    words = [term.text.lower() for term in terms]
    unheld = unheld | {
        word
        for i, word in enumerate(words)
        if unheld
        and word in FIELD_PARTS
        and not FIELD_PARTS.intersection(words[max(i - 1, 0) : i] + words[i + 1 : i + 2])
    }
    searchable = [
        term
        for i, term in enumerate(terms)
        if term.text.lower() not in unheld
        and (_asks_what_the_job_is(term, forms[i]) or (not term.negated and term.text.lower() in ALL_FIELD_TEXTS))
    ]
    if not (unheld and searchable):
        return None
    return _offered(parsed, terms, forms, replacements, {i for i, word in enumerate(words) if word in unheld})


def _asks_what_the_job_is(term: Term, forms: TermForms) -> bool:
    """Whether the term asks for something of the job's own words: not excluded, no stop word, no field words, no
    grade (`top 10` offers no `10`)."""
    return not term.negated and bool(forms.english) and not _of_field_words(term) and not _grade(term)


# The grades some boards number their jobs' levels by, typed after the job's name (`software engineer ii`,
# `technician 2`): the level, not what the job is.
ROMAN_GRADES = frozenset({"ii", "iii", "iv"})


def _grade(term: Term) -> bool:
    text = term.text.lower()
    return not term.phrase and (text in ROMAN_GRADES or (text.isdecimal() and len(text) <= 2))


def _job_named_last(
    parsed: ParsedQuery, terms: list[Term], forms: dict[int, TermForms], replacements: dict[str, str]
) -> str | None:
    """The query without the first of its words that name the job, when another follows it: what a query whose words
    every document holds alone, but no job together, is offered. English names a job last, after what qualifies it
    (`delivery driver`: driver, not delivery; `senior delivery driver london`: senior driver london). Such a word is a
    plain word alone in its group, asked for, neither a stop word, a field word, a grade nor a place, and not the
    first of two read as one (a compound, `front end`, or a place, `new york`); or a skill's name typed as words
    (runs_quoted: `customer service representative`, representative). A query that names the job and grades it
    is offered without its grades instead (`software engineer ii`: software engineer)."""
    alone = {id(group[0]) for group in parsed.groups if len(group) == 1}
    first_of_two = [i for i, row in forms.items() if row.compound or row.place_with_follower]
    read_as_one = {*first_of_two, *(i + 1 for i in first_of_two)}
    naming = [
        i
        for i, term in enumerate(terms)
        if id(term) in alone
        and i not in read_as_one
        and not (term.phrase and not term.joined)
        and _asks_what_the_job_is(term, forms[i])
        and not forms[i].place
    ]
    grades = {i for i, term in enumerate(terms) if id(term) in alone and not term.negated and _grade(term)}
    if naming and grades:
        return _offered(parsed, terms, forms, replacements, grades)
    if len(naming) < 2:
        return None
    return _offered(parsed, terms, forms, replacements, {naming[0]})


def _offered(
    parsed: ParsedQuery,
    terms: list[Term],
    forms: dict[int, TermForms],
    replacements: dict[str, str],
    left_out: set[int],
) -> str:
    """The query written back for "did you mean" without the terms `left_out` (by position), a number next to one of
    them, which counts or ranks it (`nurse 12 months` offers `nurse`, not `nurse 12`; `top 10 nurse` `nurse`), and
    the stop words their going leaves first or last: `the best nurse` offers `nurse`, not `the nurse`; `head of sales`
    keeps its `of`."""
    numbers = {i for i, term in enumerate(terms) if term.text.isdigit()}
    left_out = left_out | {i + step for i in left_out for step in (-1, 1)} & numbers
    kept = [i for i in range(len(terms)) if i not in left_out]
    while kept and _stop_word(terms[kept[0]], forms[kept[0]]):
        kept.pop(0)
    while kept and _stop_word(terms[kept[-1]], forms[kept[-1]]):
        kept.pop()
    return query_text(parsed, replacements, left_out={id(term) for i, term in enumerate(terms) if i not in kept})


def _stop_word(term: Term, forms: TermForms) -> bool:
    """Whether the term asks for nothing of the documents: unquoted, its words are stop words or signs only."""
    return not term.phrase and not forms.english


def _skill_names_by_group(parsed: ParsedQuery, names: Iterable[tuple[int, str | None]]) -> dict[int, str]:
    """The skills' names that runs of the query's words are (`names`: by term, from 0), by the group each starts at,
    as runs_quoted takes them."""
    group_of = [position for position, group in enumerate(parsed.groups) for _ in group]
    return {group_of[term]: name for term, name in names if name}


# By term: the skill's name that its runs of words (`t.skill_runs`: skill_name_runs) start, if any.
SKILL_NAMES_SQL = f"""
SELECT t.ord, {SKILL_NAME_STARTING} FROM unnest(%s::text[]) WITH ORDINALITY AS t(skill_runs, ord) ORDER BY t.ord
"""


def _skill_names_misspelt(
    parsed: ParsedQuery, replacements: dict[str, str], *, abbreviations_counted: bool
) -> AnalysedQuery | None:
    """The query analysed with its misspelt words corrected, when a correction makes a run of its words a skill's
    name (`custmer service`: customer service, then quoted, with its other name customer support, as typed right),
    its corrections and "did you mean" kept; else None. One statement more, for a query with a run of plain words
    holding a corrected word only."""

    def corrected_term(term: Term) -> Term:
        return term if term.phrase else replace(term, text=replacements.get(term.text.lower(), term.text))

    def holding_a_correction(runs: str | None) -> str | None:
        return "|".join(run for run in (runs or "").split("|") if fixed & set(run.split())) or None

    corrected = ParsedQuery(groups=[[corrected_term(term) for term in group] for group in parsed.groups])
    fixed = set(replacements.values())
    runs = [holding_a_correction(candidates) for candidates in skill_name_runs(corrected)]
    if not any(runs):
        return None
    with connection.cursor() as cursor:
        cursor.execute(SKILL_NAMES_SQL, [runs])
        skill_names = _skill_names_by_group(corrected, ((ord_ - 1, name) for ord_, name in cursor.fetchall()))
    if not skill_names:
        return None
    analysed = query_analyse(
        runs_quoted(corrected, skill_names), skill_names_read=True, abbreviations_counted=abbreviations_counted
    )
    return replace(analysed, corrections=replacements, did_you_mean=query_text(parsed, replacements))


def query_analyse(
    parsed: ParsedQuery, *, skill_names_read: bool = False, abbreviations_counted: bool = False
) -> AnalysedQuery:
    """The query analysed (AnalysedQuery), in four steps: its words read (_read), their forms looked up (_forms), the
    words nobody uses corrected (_corrected), and its groups built (_grouped) into the tsqueries that match and rank
    (_assembled). A skill's name of several words typed as words makes it the query with the name quoted
    (runs_quoted), analysed again: one statement more, for such queries only. `abbreviations_counted`: the documents
    holding its titles' abbreviations counted too (AnalysedQuery.abbreviations_uncounted)."""
    parsed = lone_field_parts_read(field_phrases_joined(fields_in_other_words_read(parsed)))
    parsed = metro_areas_quoted(province_names_quoted(state_names_coded(state_code_named(parsed))))
    if not parsed.terms:
        return AnalysedQuery(tsquery="")
    read = _read(parsed)
    forms = _forms(read, skill_names_read=skill_names_read)
    skill_names = _skill_names_by_group(parsed, ((i, row.skill_name) for i, row in forms.items()))
    if skill_names:
        return query_analyse(
            runs_quoted(parsed, skill_names), skill_names_read=True, abbreviations_counted=abbreviations_counted
        )
    corrections, held = _corrected(read, forms, abbreviations_counted=abbreviations_counted)
    if corrections and not skill_names_read:
        replaced = {word: correction.word for word, correction in corrections.items()}
        as_typed_right = _skill_names_misspelt(parsed, replaced, abbreviations_counted=abbreviations_counted)
        if as_typed_right is not None:
            return as_typed_right
    return _assembled(read, forms, corrections, held)


class _Read(NamedTuple):
    """The query's terms as read before their forms are looked up, each list and set by term (its position): the word
    after it (`followers`), the one word it may make with it (`compounds`), whether it begins a region named in two
    words (`north america`: it stands for the jobs in its countries, the two words then one group, as a compound's
    are; or a state's name of two words after its city, `vancouver british columbia`), what a state's code or name
    after its city stands for (`austin tx`: states_after_cities), what it stands for (a title it abbreviates, a
    region, a state: `_expansions`), else the place it names otherwise (`_place_named_otherwise`), the places remote
    jobs accepting applicants from there answer (`remote_places`), the jobs in the cities of the province or
    metropolitan area it names alone (`area_answered`; no misspelling either), the region it names, alone or with the
    next word (`region_matched`), and whether it asks for remote jobs (`_asks_remote`)."""

    parsed: ParsedQuery
    terms: list[Term]
    following: list[str | None]
    joined: list[str | None]
    regions: set[int]
    states: dict[int, str]
    expands: list[str | None]
    aliases_of_places: list[str | None]
    remote_places: dict[int, RemotePlace]
    areas: dict[int, str]
    regions_named: dict[int, str]
    asks_remote: bool


def _read(parsed: ParsedQuery) -> _Read:
    terms = parsed.terms
    following = followers(parsed)
    regions = {i for i, word in enumerate(following) if word and f"{terms[i].text} {word}".lower() in REGIONS}
    states = states_after_cities(parsed)
    states_in_two_words = states_after_cities(parsed, words_in_name=2)  # read as regions are
    regions |= states_in_two_words.keys()
    expands = [
        states.get(i)
        or states_in_two_words.get(i)
        or (f"{term.text} {following[i]}" if i in regions else "|".join(_expansions(term)))
        or _place_word_written_otherwise(term, following[i])
        if not term.phrase
        else None
        for i, term in enumerate(terms)
    ]
    aliases_of_places = [
        None if expanded else _place_named_otherwise(term) for term, expanded in zip(terms, expands, strict=True)
    ]
    regions_named = {i: f"{terms[i].text} {following[i]}".lower() for i in regions - states_in_two_words.keys()}
    regions_named |= {
        i: term.text.lower()
        for i, term in enumerate(terms)
        if not term.phrase and i not in regions and i not in states and term.text.lower() in REGIONS
    }
    asks_remote = any(_asks_remote(term) for term in terms)
    return _Read(
        parsed,
        terms,
        following,
        compounds(parsed),
        regions,
        states,
        expands,
        aliases_of_places,
        remote_places(terms, following) if asks_remote else {},
        {
            i: answered
            for i, term in enumerate(terms)
            if i not in states and (answered := area_answered(term)) is not None
        },
        regions_named,
        asks_remote,
    )


def _forms(read: _Read, *, skill_names_read: bool) -> dict[int, TermForms]:
    """Each term's forms (FORMS_SQL), by position."""
    terms = read.terms
    with connection.cursor() as cursor:
        cursor.execute(
            FORMS_SQL,
            [
                MIN_TYPO_LENGTH,
                [term.text for term in terms],
                [term.phrase for term in terms],
                [term.prefix and not is_whole_word(term) and i not in read.states for i, term in enumerate(terms)],
                [term.starred for term in terms],
                read.joined,
                read.following,
                read.expands,
                read.aliases_of_places,
                [  # a word too short to be corrected is no misspelling either (`sf`, one edit from `of`)
                    _one_edit_from(term.text) if alias and len(term.text) >= MIN_TYPO_LENGTH else None
                    for term, alias in zip(terms, read.aliases_of_places, strict=True)
                ],
                [bool(english_use(term.text.lower())) for term in terms],
                [None] * len(terms) if skill_names_read else skill_name_runs(read.parsed),
            ],
        )
        return {ord_ - 1: TermForms(*row) for ord_, *row in cursor.fetchall()}


def _corrected(
    read: _Read, forms: dict[int, TermForms], *, abbreviations_counted: bool
) -> tuple[dict[str, Correction], dict[str, int]]:
    """The corrections of the words nobody uses (NEAREST_SQL), by word (lower case), and the documents holding each
    word looked up, corrected or counted only (`_counted_only`)."""
    terms = read.terms
    # the words of a compound the documents hold or of a region are not misspelt (`back` of `back end`), nor is the name
    # of a province or metropolitan area (`tasmania`, which no document may hold, is no Tanzania)
    compounded = {i for i, row in forms.items() if row.compound} | read.regions | read.areas.keys()
    compounded |= {i + 1 for i in compounded if "-" not in terms[i].text}
    # each word nobody uses, and the words it runs together (RUN_TOGETHER), which count as its documents; and each
    # word counted only (`_counted_only`), never corrected, with a skill's other names or what a title's abbreviation
    # stands for, which count as its own
    apart = {
        terms[i].text.lower(): row.apart
        for i, row in forms.items()
        if _correctable(terms[i], row) and i not in compounded
    }
    counted_only = {
        terms[i].text.lower(): row.synonyms or row.expanded or ""
        for i, row in forms.items()
        if _counted_only(terms[i], row, abbreviations=abbreviations_counted)
    }
    apart |= {word: other_names for word, other_names in counted_only.items() if word not in apart}
    # the word after the first of a city's name that misspells the name's next word (`los angles`), whatever it is
    names_misspelt = _place_names_misspelt(read, forms)
    apart |= {terms[i + 1].text.lower(): forms[i + 1].apart for i in names_misspelt}
    meant = {terms[i + 1].text.lower(): word for i, word in names_misspelt.items()}
    unknown = sorted(apart)
    if not unknown:
        return {}, {}
    being_typed = {terms[i].text.lower() for i, row in forms.items() if row.prefix}
    nearest: dict[str, list[Correction]] = {}
    held: dict[str, int] = {}
    inflected: set[str] = set()  # a vocabulary word inflected (nurses): no misspelling
    misspelt: set[str] = set()  # unless it is another's misspelt (programer, program's form: programmer)
    one_edit = [
        meant.get(word)
        or (_one_edit_from(word) if len(word) <= ONE_EDIT_LOOKED_UP else "|".join(sorted(letter_moved(word))))
        for word in unknown
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            NEAREST_SQL,
            [
                *OTHER_NAMES_TABLE,
                unknown,
                [word in being_typed for word in unknown],
                [apart[word] for word in unknown],
                one_edit,
                TYPO_CANDIDATES,
            ],
        )
        rows = cursor.fetchall()
    for text, english, documents, *candidate in rows:
        held[text] = documents
        if text in counted_only and text not in meant:
            continue
        correction = Correction(*candidate)
        if text in meant:
            nearest.setdefault(text, []).extend([correction] if correction.word == meant[text] else [])
            continue
        # a word of the same English form as the word is one its documents hold anyway
        same_form = correction.english == english
        if same_form and inflection_of(text, correction.word):
            inflected.add(text)
        stemmed = english != quoted(text)
        if misspelt_into_a_common_stem(text, correction.word, documents, stemmed=stemmed):
            misspelt.add(text)
        more_used = same_form or more_used_than(correction.jobs, documents) or text in misspelt
        nearest.setdefault(text, []).extend([correction] if more_used else [])
    corrections: dict[str, Correction] = {}
    in_place_names = _words_of_place_names({word: found for word, found in nearest.items() if word not in meant})
    for word, candidates in nearest.items():
        if word in meant and candidates:
            corrections[word] = candidates[0]
            continue
        if word in inflected - misspelt:
            continue
        best = best_correction(
            word,
            [
                (candidate.word, candidate.jobs, candidate.place)
                for candidate in candidates
                if candidate.place or candidate.word not in in_place_names
            ],
        )
        if best is not None:
            corrections[word] = next(candidate for candidate in candidates if candidate.word == best)
    return corrections, held


# A first word of cities' names of several words that English uses less than this (its list's count) begins one before
# a word that misspells the name's next word: `los`, `san`, `santa`, `rio`, `hong`, `kuala`, `el`; not `new`, `port`,
# `saint`, `la`, whose followers are often words of their own (`new role` is no New Rome).
PLACE_FIRST_WORD_ENGLISH_UNDER = 5000


def _place_names_misspelt(read: _Read, forms: dict[int, TermForms]) -> dict[int, str]:
    """By term (position): the word of a city's name (the gazetteer's, Gazetteer.second_words) that the word after it
    misspells, where the term begins the names of cities of several words (PLACE_FIRST_WORD_ENGLISH_UNDER), no
    country's or more populous city's of its own, and the two name none: the nearest within a place's edits
    (spelling.allowed_correction), then the most populous city's; a word too short to correct (MIN_TYPO_LENGTH) none.
    `los angles` and `los angelas` found nothing: `angles` is English and the documents hold it, `angelas` stems to
    angela, of Jardim Angela, and neither was taken for a misspelling."""
    meant: dict[int, str] = {}
    places = gazetteer()
    # not a word read otherwise: the second of a place's name (`francisco ca`), a state after its city, a region's
    named = {i + 1 for i, row in forms.items() if row.place_with_follower} | read.states.keys() | read.regions
    for i, follower in enumerate(read.following):
        first = place_key(read.terms[i].text)
        if follower is None or forms[i].place_with_follower or {i, i + 1} & named or first in places.countries:
            continue
        words = places.second_words.get(first, {})
        typed = place_key(follower)
        if not words or typed in words or len(typed) < MIN_TYPO_LENGTH:
            continue
        if english_use(first) >= PLACE_FIRST_WORD_ENGLISH_UNDER:
            continue
        distance, fewer_people, word = min(
            (edit_distance(typed, word), -people, word) for word, people in words.items()
        )
        # a city named so itself, more populous, is what the word names (`lagos del` is no Lagos de Moreno)
        alone = places.named_so(first)
        if allowed_correction(typed, distance, place=True) and (not alone or alone[0].population < -fewer_people):
            meant[i] = word
    return meant


# Which of the words (`w.word`) is a word of the name of a city of listed jobs (`son` of Sơn Tây) that more of them
# are in than titles say it (as `unless_titled` reads a place).
WORDS_OF_PLACE_NAMES_SQL = f"""
SELECT w.word FROM unnest(%s::text[]) AS w(word) WHERE {is_place("w.word", a_word_of=True, unless_titled=True)}
"""


def _words_of_place_names(nearest: dict[str, list[Correction]]) -> set[str]:
    """Of the candidates to correct the words to (by word), those that are a word of the name of a city of listed jobs
    and no place's name themselves, which no word is corrected to: `json` is no Son (of Sơn Tây), `ccna` no Cana (of
    Punta Cana), `aide` no Side (of Upper West Side), `mecanic` no Medani (of Wad Medani); whose jobs they found. A word
    typed after the first word of such a name is corrected to the name's next word otherwise (`los angles`:
    _place_names_misspelt). Looked up only among the candidates within the allowed edits that the gazetteer's names hold
    as words (Gazetteer.name_words): a second statement only then."""
    name_words = gazetteer().name_words
    unsure = {
        candidate.word
        for word, candidates in nearest.items()
        for candidate in candidates
        if not candidate.place
        and candidate.word in name_words
        and edit_distance(word, candidate.word) <= allowed_edits(word)
    }
    if not unsure:
        return set()
    with connection.cursor() as cursor:
        cursor.execute(WORDS_OF_PLACE_NAMES_SQL, [sorted(unsure)])
        return {word for (word,) in cursor.fetchall()}


class _Groups(NamedTuple):
    """The query's groups built (Built, compounds joined), and what the boosts read of its terms: by term (id), its
    forms as written (exact form, prefix, correction's; stop words none), for the company boost; and the names of the
    places its words may be, and whether they only begin one (`_place_names`), for the place boost."""

    built: list[Built]
    as_typed: dict[int, str]
    named: list[tuple[str, bool]]


def _grouped(read: _Read, forms: dict[int, TermForms], corrections: dict[str, Correction]) -> _Groups:
    index = {id(term): position for position, term in enumerate(read.terms)}
    as_typed: dict[int, str] = {}
    named: list[tuple[str, bool]] = []
    built: list[Built] = []
    place_begun = False  # the previous group's word and this one name a place
    after_skill = False  # the previous group is a skill's name
    for group in read.parsed.groups:
        # `senior`; `part`, `time`; not a state's code (`on` of `toronto on`, Ontario; on-site's too)
        of_field_words = all(_of_field_words(term) and index[id(term)] not in read.states for term in group)
        answered_by = [field for term in group for field in field_values(term)]  # the job fields that answer it
        terms_built: list[_TermBuilt] = []
        for term in group:
            term_built = _term_built(read, index[id(term)], forms, corrections, place_begun=place_begun)
            if term_built is None:
                continue  # a stop word
            terms_built.append(term_built)
            named.extend(term_built.named)
            if term_built.as_typed:
                as_typed[id(term)] = term_built.as_typed
        place_begun = len(group) == 1 and (
            forms[index[id(group[0])]].place_with_follower or index[id(group[0])] in read.regions
        )
        version = after_skill and is_version(group)
        after_skill = _plain(group) and forms[index[id(group[0])]].synonyms is not None
        if terms_built:
            built.append(
                Built(
                    " | ".join(term_built.ranked for term_built in terms_built),
                    " | ".join(term_built.matching for term_built in terms_built),
                    any_of(_unique([part for term_built in terms_built for part in term_built.exact])),
                    all(term_built.where_or_what for term_built in terms_built),
                    not terms_built[0].ranked.startswith("!"),  # an excluded term is a group of its own
                    terms_built[-1].compound,
                    tuple(dict.fromkeys(answered_by)) if of_field_words else (),
                    any_of(term_built.answered_too for term_built in terms_built if term_built.answered_too),
                    terms_built[-1].compound_matching,
                    version,
                )
            )
        elif built:
            built[-1] = built[-1]._replace(compound=None)  # the next group is not the word it was joined with
    return _Groups(_compounds_joined(built), as_typed, named)


class _TermBuilt(NamedTuple):
    """A term as its group's Built reads it: its forms ORed for ranking and for matching, its words as written (exact
    forms), whether it only says where or what the job is, the compound it makes with the next group (Built), its
    forms as written for the company boost ('' for none), the names of the places it may be (`_place_names`), and the
    jobs that answer it too though their documents do not hold it, matched but not ranked by it ('' for none): the
    remote jobs open to applicants from the place it names (`remote_places`), the jobs in the cities of the province
    or metropolitan area it names (`area_answered`); and the compound it begins as matched (Built.compound_matching)."""

    ranked: str
    matching: str
    exact: list[str]
    where_or_what: bool
    compound: str | None
    as_typed: str
    named: list[tuple[str, bool]]
    answered_too: str
    compound_matching: str


def _singular_written(term: Term, forms: TermForms) -> str:
    """The word's singular (inflection's) as written, when the word is a plural: titles name a job in the singular, and
    `developers` asks for Developers as `developer` does, above Business Development Managers, which share their
    English stem (develop). '' for any other word: a phrase's (its words as typed), a name (a skill's, `redis`; a
    place's, `paris`; an abbreviation, `aws`), or one whose singular English does not use (`previous`: previou)."""
    word = term.text.lower()
    if term.phrase or not (word.isascii() and word.isalpha() and word.endswith("s")):
        return ""
    if forms.synonyms or forms.place or forms.place_with_follower or forms.expanded:
        return ""
    singular = singularize(word)
    return quoted(singular) if singular != word and english_use(singular) else ""


def _term_built(
    read: _Read, position: int, forms: dict[int, TermForms], corrections: dict[str, Correction], *, place_begun: bool
) -> _TermBuilt | None:
    """The term at `position` built (_TermBuilt); None for a stop word, which matches nothing, so asks for nothing.
    `place_begun`: the previous group's word and this one name a place."""
    term, term_forms = read.terms[position], forms[position]
    region_begun = position in read.regions
    # a region is its documents' marker, not its countries' names (region_matched): named alone, the word's; in two
    # words, the compound's, matched (Built.compound_matching) with the remote jobs open to it when remote is asked
    region = read.regions_named.get(position, "")
    in_region = region_matched(region, remote=False) if region else ""
    region_matching = region_matched(region, remote=read.asks_remote and not term.negated) if region else ""
    if region_begun:  # the compound of the two words is the region or state, not a form of this one
        compound_begun = in_region or term_forms.expanded
        term_forms = term_forms._replace(expanded=None, expanded_simple=None, compound=compound_begun)
    elif region:
        term_forms = term_forms._replace(expanded=in_region, expanded_simple=None)
    correction = corrections.get(term.text.lower(), NO_CORRECTION)
    # a stop word matches nothing, unless it abbreviates a title (`it`): then as written too (abbreviations.py)
    simple = term_forms.simple if term_forms.english or term_forms.expanded else ""
    synonyms = term_forms.synonyms or ""
    hyphenated = (term_forms.compound or "") if "-" in term.text else ""
    corrected = [correction.english, correction.simple, correction.synonyms, correction.other_names]
    written = [term_forms.english, simple, term_forms.prefix, synonyms, *corrected]
    parts = _unique([*written, hyphenated, term_forms.apart, term_forms.expanded or ""])
    if not parts:
        return None
    expanded_matching = region_matching if region and not region_begun else term_forms.expanded
    matched = _unique([*written, hyphenated, term_forms.apart, expanded_matching or ""])
    negation = "!" if term.negated else ""
    # ranked, what it stands for counts as written too, as the word does (`programmer`: a Developer above a
    # Business Development Manager, `develop` being both's stem), and so does a plural's singular (`developers`)
    singular = _singular_written(term, term_forms)
    expanded_written = [term_forms.expanded_simple or ""]
    ranked_parts = _unique([*parts, *expanded_written, correction.other_names_simple, singular])
    as_written = [simple, term_forms.simple_prefix, term_forms.synonyms_simple or ""]
    as_written += [correction.simple, correction.synonyms_simple]
    as_written += [correction.other_names_simple, hyphenated, singular]
    # a place, as typed or as corrected, or with the word before or after it, or field words
    place = term_forms.place or correction.place or place_begun or term_forms.place_with_follower
    state = position in read.states
    place = place or region_begun or term.text.lower() in REGIONS or state
    compound = None if hyphenated else term_forms.compound
    remote_place = read.remote_places.get(position)
    if remote_place and remote_place.words == 2 and compound is None:
        compound = ""  # with the next word, in a row (_compounds_joined)
    area = read.areas.get(position, "")
    # `title:`: asked of the title, never a place
    place = (place or remote_place is not None or position in read.areas) and not term.in_title
    follower = read.following[position]
    named = []
    if place and not term.negated:
        alias_of = read.aliases_of_places[position]
        named = _place_names(term, term_forms, correction, alias_of, follower, second=place_begun or state)
    if compound is None and follower and f"{term.text}-{follower}".lower() in HYPHENATED_FIELD_WORDS:
        compound = ""  # `entry level`: in a row
    return _TermBuilt(
        ranked=f"{negation}({_in_title(term, any_of(ranked_parts))})",
        matching=f"{negation}({_in_title(term, any_of(without_implied(matched)))})",
        exact=_unique([*as_written, term_forms.expanded_simple or ""]) or parts,
        where_or_what=place or _of_field_words(term),
        compound=compound,
        # the company boost's, not of a word asked of the title
        as_typed=any_of(_unique([simple, term_forms.simple_prefix, correction.simple]))
        if simple and not term.in_title
        else "",
        named=named,
        answered_too=any_of(_unique([_accepting(remote_place.country) if remote_place else "", area])),
        compound_matching=region_matching if region_begun else "",
    )


def _in_title(term: Term, tsquery: str) -> str:
    """The term's tsquery, of the title only when typed after `title:` (its lexemes weighted as titles are)."""
    return weighted(tsquery, TITLE) if term.in_title else tsquery


def _accepting(country: str) -> str:
    """The tsquery of the remote jobs accepting applicants from the country (sql.FILTER_MARKERS)."""
    return quoted(field_marker("remote_country", country))


def _assembled(
    read: _Read, forms: dict[int, TermForms], corrections: dict[str, Correction], held: dict[str, int]
) -> AnalysedQuery:
    """The query's groups (_grouped) as the tsqueries it matches and ranks by, with its corrections and what "did you
    mean" offers."""
    parsed, terms = read.parsed, read.terms
    built, as_typed, named = _grouped(read, forms, corrections)
    # a version after a skill's name ranks, but neither matches nor is asked of the title (Built.ranked_only)
    asked = [(group.tsquery, group.exact, group.where_or_what or group.ranked_only) for group in built if group.asks]
    asked_groups = [group for group, _, _ in asked]
    title = [group for group in asked if not group[2]] or asked
    excluded = {group.matching for group in built if not group.asks}
    matches_nothing = any(f"!{group.matching}" in excluded for group in built if group.asks)
    # field words asked beside other words ask what the job is (its field, or its title or skills): to match, and for
    # the title boosts (ranking.fields_sql)
    beside = len(title) < len(asked)
    fields = answerable(
        [(group.tsquery, group.answered_by) for group in built if beside and group.asks and group.answered_by]
    )
    built = [_field_asked(group) if (group.tsquery, group.answered_by) in fields else group for group in built]
    # a place matched by the jobs that answer it too (_TermBuilt.answered_too), which neither rank nor earn a title
    # boost by it (`remote germany`: the remote jobs in Germany first)
    built = [
        group._replace(matching=any_of([group.matching, group.answered_too])) if group.answered_too else group
        for group in built
    ]
    # PostgreSQL tests the groups in order and stops at the first a document fails: words first, then the field
    # words and places (remote, senior, full time, london: many documents hold them), then the exclusions
    # (a group asked twice, `e e e`, once: each costs a test of every document, and the planner, taking them for
    # words that narrow the matches, would read every match of one through the index)
    ordered = sorted(built, key=lambda group: (not group.asks, group.where_or_what))
    # a query of field words only (`remote`, `work from home`, `senior`) asks what the job is: its relevance is whether
    # the job's fields answer it, not how its text says the words (`work from home`: not Cedar Homes first, its name
    # holding home)
    of_fields_only = bool(asked) and all(group.answered_by for group in built if group.asks)
    ranked = [any_of(_markers(group)) for group in built if group.asks] if of_fields_only else asked_groups
    replacements = {word: correction.word for word, correction in corrections.items()}
    # words no document holds, which no correction replaces: a query finding nothing is offered without them; and
    # without the corrected ones too when its corrections found nothing either (`security guard`, no job saying
    # guard, was offered `security guara`: a correction to a small city's name)
    unheld = {word for word, documents in held.items() if documents == 0}
    corrected_unheld = unheld & corrections.keys()  # else the same as `relaxed`
    analysed = AnalysedQuery(
        matches_nothing=matches_nothing,
        tsquery=all_of(_unique([group.matching for group in ordered if not group.ranked_only])),
        corrections=replacements,
        did_you_mean=query_text(parsed, replacements) if corrections else None,
        relaxed=_relaxed(parsed, terms, forms, replacements, unheld - corrections.keys()),
        relaxed_uncorrected=_relaxed(parsed, terms, forms, replacements, unheld) if corrected_unheld else None,
        job_named_last=None if unheld else _job_named_last(parsed, terms, forms, replacements),
        has_positive_terms=bool(asked),
        ranked=any_of(_unique(ranked)),
        title=all_of(_unique([group for group, _, _ in title])),
        exact_title=all_of(_unique([exact for _, exact, _ in title])),
        fields=fields,
        places=_cities_named(named),
        company=any_of(_unique(_pairs_in_a_row(parsed, as_typed))),
    )
    uncounted = any(_abbreviation(term, forms[i]) and term.text.lower() not in held for i, term in enumerate(terms))
    analysed.abbreviations_uncounted = uncounted and analysed.offered_if_none_found is not None
    return analysed


def _pairs_in_a_row(parsed: ParsedQuery, as_typed: dict[int, str]) -> list[str]:
    """Each two plain words in a row of the query (_plain), as a tsquery of their forms as written in a row (`as_typed`,
    by term id; stop words have none): what AnalysedQuery.company ORs, tested on the ranked candidates only (two
    common words, `python developer`: about 0.5 µs a document, 0.15 ms a search)."""
    return [
        f"({as_typed[id(before[0])]}) <-> ({as_typed[id(after[0])]})"
        for before, after in zip(parsed.groups, parsed.groups[1:], strict=False)
        if _plain(before) and _plain(after) and {id(before[0]), id(after[0])} <= as_typed.keys()
    ]


def term_key(term: Term) -> str:
    return term.text.lower()
