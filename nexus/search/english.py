"""How often English uses a word: pyspellchecker's frequency list of English (about 160,000 words, counted in
1.6 billion words of film and television subtitles), used only for its counts.

Typo correction (spelling.py) asks it whether a word that no job uses is an English word in its own right rather
than a misspelling: on a board whose jobs never say `visa` or `winter`, those are not Vista (a city) and writer.
A word counts as English from ENGLISH_WORD_FROM uses; only those words are kept (about 19,000, where the whole list
took about 40 MB of each server process). The list loads in about 0.3 s, as a server process starts
(gazetteer.gazetteer_load_soon) or on first use.
"""

import threading
from functools import lru_cache

# The list's rarer entries include misspellings and names.
ENGLISH_WORD_FROM = 1000

_loading = threading.Lock()


def english_use(word: str) -> int:
    """How many times the list counts `word` (lower case), when it counts it ENGLISH_WORD_FROM times or more; else 0."""
    with _loading:
        counts = _loaded()
    return counts.get(word, 0)


@lru_cache(maxsize=1)
def _loaded() -> dict[str, int]:
    from spellchecker import SpellChecker

    frequencies = SpellChecker(language="en").word_frequency
    return {word: count for word, count in frequencies.items() if count >= ENGLISH_WORD_FROM}
