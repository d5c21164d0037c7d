"""A query's prefixes as the lexemes the documents hold: `'engin':*` -> `('engin' | 'engine' | 'engineer')`.

PostgreSQL's GIN index reads a prefix by collecting every document under every lexeme that starts with it
into one bitmap before anything else is tested: two to five times as long as the same lexemes named
exactly, which the index reads side by side with the other words and the filters it holds, skipping
what they rule out. The lexicon (models.Lexeme) holds every lexeme of every document, so the exact
lexemes starting with a prefix match exactly the documents the prefix does. What is read through the
index looks them up when it is read (one index range read), never from a kept copy: a job published a
moment ago may bring a new one.

The expanded query serves collecting through the GIN index and the sets of lexemes every match holds
(lexemes.py: a search with a prefix can then be collected through a window too). Rows tested one by one
(a walk) and ranking keep the prefix: one lexeme to look up in each document, not many.
"""

from django.db import connection

from .lexemes import lexemes_tsquery, prefixes, prefixes_replaced, quoted

# A prefix standing for more lexemes than this keeps its prefix (the GIN index then reads them as one bitmap).
MAX_EXPANSION = 48

# The lexemes from the prefix on, up to the prefix followed by the last code point, read off the primary key (its
# collation is C: code point order): `^@` alone cannot bound an index read by a prefix known only per row, and the
# whole lexicon was scanned (7,862 lexemes at a million jobs: 0.8 ms a prefix, against 0.02 ms this way). No lexeme
# holds U+10FFFF, which PostgreSQL's parser reads as a separator, so the range holds exactly the lexemes with the
# prefix; `^@` says it again.
EXPANSION_SQL = """
SELECT prefix, lexemes.found FROM unnest(%s::text[]) prefix
CROSS JOIN LATERAL (
    SELECT array_agg(lexeme ORDER BY lexeme) AS found FROM (
        SELECT lexeme FROM search_lexeme
        WHERE lexeme >= prefix AND lexeme < prefix || chr(1114111) AND lexeme ^@ prefix
        ORDER BY lexeme LIMIT %s
    ) starting
) lexemes
"""


def prefix_lexemes(wanted: list[str]) -> dict[str, list[str]]:
    """The lexemes the documents hold that start with each prefix, for those with at least one and at most
    MAX_EXPANSION."""
    if not wanted:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(EXPANSION_SQL, [wanted, MAX_EXPANSION + 1])
        return {prefix: found for prefix, found in cursor.fetchall() if found and len(found) <= MAX_EXPANSION}


def prefixes_expanded(tsquery: str) -> str:
    """The tsquery with each prefix (`'x':*`, no weights) written as the lexemes the documents hold that start with
    it (a prefix with none, or more than MAX_EXPANSION, is left as it is)."""
    return prefixes_replaced(tsquery, prefix_lexemes(prefixes(tsquery)))


def required_current(required: str, prefixes_held: tuple[str, ...]) -> str:
    """`required` (a tsquery of lexemes, any of which every match holds) written when some of its lexemes were the
    expansion of `prefixes_held`, with the lexemes those prefixes stand for now (the lexicon only grows); a prefix
    now standing for too many is added as the prefix itself."""
    if not prefixes_held:
        return required
    found = prefix_lexemes(list(prefixes_held))
    more = [
        lexemes_tsquery(found[prefix]) if prefix in found else quoted(prefix, prefix=True) for prefix in prefixes_held
    ]
    return " | ".join([required, *more])
