"""Which vocabulary word a misspelt word most likely meant: the fewest edits, then the most used.

A word the documents hold is a misspelling only of a word used far more: by MORE_USED times as many jobs as
documents hold it, and never once WORD_OF_ITS_OWN documents hold it. Descriptions use many words that titles,
skills and places (the vocabulary) do not, and such a word is not a typo of the nearest one they do: `salary`
is not `salaam`, `shift` not `swift`, `team` not `tam`. A typo some descriptions share is still corrected
(`pyhton`: python).

A word that is a vocabulary word inflected (`nurses`, `developers`: titles say Nurse, Developer) is no misspelling,
though the vocabulary lacks it: it has the same English form, so it finds what that word finds, and it is neither
corrected nor offered as "did you mean".

A word English uses often is a word of its own rather than a vocabulary word misspelt (english.py), unless that word is
one edit away and English uses it more: on a board whose jobs never say `visa` or `winter`, those are not Vista (a
city), writer or center. Real words misspelt into more common ones are still corrected (`manger`: manager, `sever`:
server).
"""

from .english import english_use

MORE_USED = 10
WORD_OF_ITS_OWN = 1000


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours
    (pyhton -> python is one edit)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


def one_edit_from(word: str) -> set[str]:
    """Every word of ASCII letters one edit from `word` (edit_distance): a letter left out, swapped with the next, put
    for another or added."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return (
        {head + tail[1:] for head, tail in splits if tail}
        | {head + tail[1] + tail[0] + tail[2:] for head, tail in splits if len(tail) > 1}
        | {head + letter + tail[1:] for head, tail in splits if tail for letter in letters}
        | {head + letter + tail for head, tail in splits for letter in letters}
    ) - {word}


def letter_moved(word: str) -> set[str]:
    """Every word made of `word` with one of its letters moved elsewhere (`phyton`: python, two edits that trigrams
    hardly see: the two share two of their twelve)."""
    moved = {
        rest[:position] + letter + rest[position:]
        for i, letter in enumerate(word)
        for rest in [word[:i] + word[i + 1 :]]
        for position in range(len(rest) + 1)
    }
    return moved - {word}


def allowed_edits(word: str) -> int:
    return 1 if len(word) <= 5 else 2


# A word is corrected to a place's name within one edit unless it has PLACE_TWO_EDITS_FROM letters or more: thousands
# of small cities lie within two edits of English words that no job happens to use (`summer`: Sumbe, `startup`:
# Tartus), where people misspell a city's name by one (`lisbno`) or, in long names, two (`johanesberg`).
PLACE_TWO_EDITS_FROM = 8


def allowed_correction(word: str, distance: int, *, place: bool) -> bool:
    """Whether a word (a place's name or not) `distance` edits from `word` may be what `word` misspells: within the
    allowed edits, fewer for a place's name."""
    return distance <= min(allowed_edits(word), 1 if place and len(word) < PLACE_TWO_EDITS_FROM else 2)


# An English word used this often (english.py's count) is a word in its own right, whatever word near it English uses
# more: `core` (.NET Core) is no `care` misspelt, `mall` no `male`.
ENGLISH_WORD_OF_ITS_OWN = 10_000


def english_rather_than(word: str, other: str, distance: int) -> bool:
    """Whether `word` is an English word in its own right (english.py) rather than `other` misspelt, `distance` edits
    away: an English word misspells only a word one edit away that English uses more (`sever`: server), and not
    `winter` center, unless it is common itself (ENGLISH_WORD_OF_ITS_OWN). Not when one is the other and an ending
    (ending_of): `australian` still finds Australia, which the documents of jobs there hold."""
    used = english_use(word)
    if not used or ending_of(word, other):
        return False
    return distance > 1 or used >= min(english_use(other), ENGLISH_WORD_OF_ITS_OWN)


# The endings by which English makes a word of a name or another word, within the allowed edits: plurals and
# peoples (`australian`: Australia, `nurses`: nurse, `israeli`: Israel, `german`: Germany).
ENDINGS = ("s", "es", "n", "an", "ns", "i", "y")


def ending_of(word: str, other: str) -> bool:
    """Whether one of the words is the other and one of ENDINGS: not `desk` and `des` (of Des Moines), which
    inflection_of takes for one word."""
    shorter, longer = sorted((word, other), key=len)
    return longer.startswith(shorter) and longer[len(shorter) :] in ENDINGS


def more_used_than(jobs: int, held: int) -> bool:
    """Whether a word used by `jobs` jobs may be what a word that `held` documents hold (counted up to
    WORD_OF_ITS_OWN) misspells."""
    return held < WORD_OF_ITS_OWN and jobs >= MORE_USED * held


def misspelt_into_a_common_stem(word: str, other: str, held: int, *, stemmed: bool) -> bool:
    """Whether `word`, which WORD_OF_ITS_OWN documents or more hold only through its English form (`stemmed`: not the
    word as written), a common word's, may still misspell `other`, one edit away and not an inflection of it: when
    English does not use `word`. `programer` stems to program and `marketting` to market, which thousands of
    descriptions say, and which they begin as inflections do; they are programmer and marketing misspelt."""
    common = stemmed and held >= WORD_OF_ITS_OWN and not english_use(word)
    return common and edit_distance(word, other) == 1 and not inflection_of(word, other)


def inflection_of(word: str, other: str) -> bool:
    """Whether `word` and `other`, of the same English form, are one word inflected (nurses, nurse; engineering,
    engineer), where a misspelling of the same form reads otherwise (kubernets, kubernetes)."""
    return word.startswith(other) or other.startswith(word)


def best_correction(word: str, candidates: list[tuple[str, int, bool]]) -> str | None:
    """Of the candidates (word, jobs, whether it is a place's name), the one `word` may misspell
    (allowed_correction) and that is no less used in English (english_rather_than), fewest edits first, then one
    that `word` is with letters left out (letters_left_out), then most jobs; None if none."""
    word = word.lower()
    scored = [
        (distance, not letters_left_out(word, candidate), -jobs, candidate)
        for candidate, jobs, place in candidates
        if candidate != word
        and allowed_correction(word, distance := edit_distance(word, candidate), place=place)
        and not english_rather_than(word, candidate, distance)
    ]
    return min(scored)[3] if scored else None


def letters_left_out(word: str, other: str) -> bool:
    """Whether `word` is `other` with letters left out, the commonest slip in typing: `electrican` is electrician
    so, where electrical, as many edits away and in more jobs, would take a letter typed for another."""
    letters = iter(other)
    return len(word) < len(other) and all(letter in letters for letter in word)
