"""British and American spellings of one word: `call centre` also finds Call Center Agents, `organization` the
organisations, `paediatric nurse` the pediatric ones.

The English stemmer leaves them apart (centre and center, organis and organ), and job boards hold both. The pairs
are breame's table (about 1,700, `-our`/`-or`, `-re`/`-er`, `-ise`/`-ize`, `ae`/`e`, `-ll-`/`-l-`, `programme`,
`licence`, `tyre`...); a word of a query that is one of them also matches the other (analysis.py: as an
abbreviation matches its title).
"""

from breame.spelling import (
    american_spelling_exists,
    british_spelling_exists,
    get_american_spelling,
    get_british_spelling,
)


def other_spellings(word: str) -> list[str]:
    """The word's spelling on the other side of the Atlantic (none when it has no other)."""
    if british_spelling_exists(word):
        return [get_american_spelling(word)]
    if american_spelling_exists(word):
        return [get_british_spelling(word)]
    return []
