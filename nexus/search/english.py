"""How often English uses a word: pyspellchecker's frequency list of English (about 160,000 words, counted in
1.6 billion words of film and television subtitles), used only for its counts.

Typo correction (spelling.py) asks it whether a word that no job uses is an English word in its own right rather
than a misspelling: on a board whose jobs never say `visa` or `winter`, those are not Vista (a city) and writer.
The list loads in about 0.3 s, as a server process starts (gazetteer.gazetteer_load_soon) or on first use.
"""

import threading
from functools import lru_cache

_loading = threading.Lock()


def english_use(word: str) -> int:
    """How many times the list counts `word` (any case); 0 for a word it does not hold."""
    with _loading:
        frequencies = _loaded()
    return frequencies[word]


@lru_cache(maxsize=1)
def _loaded():  # -> spellchecker.WordFrequency
    from spellchecker import SpellChecker

    return SpellChecker(language="en").word_frequency
