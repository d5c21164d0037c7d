"""Other names of one job: `attorney` also finds Lawyers, `doctor` Physicians, `programmer` Developers.

The stemmer knows words, not the jobs they name, and a title says one of a job's names: on a board whose lawyers
are all titled Lawyer, `attorney` found nothing. A query word that is one of these names also matches the others
(analysis.py, as an abbreviation matches its title: a title saying them earns the title boosts; excluded, it leaves
them out too; quoted, it is the word as written). Only names of the same job are listed, each finding the others;
a name people type for what titles say in several words finds those words, one way (`realtor`: real estate
agent). Words that name other things too are left out (`server`, a waiter or a computer).
"""

SAME_JOB: tuple[tuple[str, ...], ...] = (
    ("attorney", "lawyer"),
    ("doctor", "physician"),
    ("developer", "programmer", "coder"),
    ("caregiver", "carer"),
    ("janitor", "custodian"),
    ("hairdresser", "hairstylist"),
    ("waiter", "waitress"),
    ("salesperson", "salesman", "saleswoman"),
)

IN_WORDS: dict[str, tuple[str, ...]] = {
    "realtor": ("real estate agent",),
    "physiotherapist": ("physical therapist",),
    "salesperson": ("sales representative",),
    "salesman": ("sales representative",),
    "saleswoman": ("sales representative",),
}


def synonyms(text: str) -> list[str]:
    """The other names of what the word `text` names (none when it is no listed name)."""
    word = text.lower()
    same = next((names for names in SAME_JOB if word in names), ())
    return [name for name in same if name != word] + list(IN_WORDS.get(word, ()))


# Each listed name and its other names ('|'-separated), as two lists: how the analysis's SQL reads them for the words
# it corrects to (analysis.NEAREST_SQL's `named`).
_NAMES = sorted({name for same in SAME_JOB for name in same} | IN_WORDS.keys())
OTHER_NAMES_TABLE: tuple[list[str], list[str]] = (_NAMES, ["|".join(synonyms(name)) for name in _NAMES])
