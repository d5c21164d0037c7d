"""Which vocabulary word a misspelt word most likely meant: the fewest edits, then the most used."""


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


def allowed_edits(word: str) -> int:
    return 1 if len(word) <= 5 else 2


def best_correction(word: str, candidates: list[tuple[str, int]]) -> str | None:
    """The candidate within the allowed edits of `word`, fewest edits first, then most jobs; None if none."""
    word = word.lower()
    scored = [
        (distance, -jobs, candidate)
        for candidate, jobs in candidates
        if candidate != word and (distance := edit_distance(word, candidate)) <= allowed_edits(word)
    ]
    return min(scored)[2] if scored else None
