"""Abbreviations of job titles, and of their words, that people type for what jobs write: `sre` for Site
Reliability Engineer, `sr` for senior, `mgr` for manager.

Skills have their aliases in the taxonomy (`js` for JavaScript); titles have none, so the common ones are
listed here. A word of the query that is one of them (not in a phrase) also matches its expansions, each as
its words in a row, and a title saying them earns the title boosts (analysis.py); excluded, it leaves them out
too. Only
abbreviations that mean one thing on a job board are listed (`pm`: project or product manager, both).

`it` is an English stop word, which the documents' English text leaves out; as an abbreviation it also keeps its
form as written, which titles, skills and company names hold: `it support` finds IT Support Specialists and
Information Technology Support, and a description saying "we support it" is not IT.
"""

TITLE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "sre": ("site reliability engineer",),
    "swe": ("software engineer",),
    "sde": ("software development engineer", "software engineer"),
    "ceo": ("chief executive officer",),
    "cto": ("chief technology officer",),
    "cfo": ("chief financial officer",),
    "coo": ("chief operating officer",),
    "cmo": ("chief marketing officer",),
    "cio": ("chief information officer",),
    "ciso": ("chief information security officer",),
    "vp": ("vice president",),
    "svp": ("senior vice president",),
    "hr": ("human resources",),
    "it": ("information technology",),
    "hrbp": ("hr business partner", "human resources business partner"),
    "qa": ("quality assurance",),
    "pm": ("project manager", "product manager"),
    "tpm": ("technical program manager", "technical product manager"),
    "bdr": ("business development representative",),
    "sdr": ("sales development representative",),
    "csm": ("customer success manager",),
    "rn": ("registered nurse",),
    "lpn": ("licensed practical nurse",),
    "cna": ("certified nursing assistant",),
    "np": ("nurse practitioner",),
    "emt": ("emergency medical technician",),
    "gm": ("general manager",),
    "dba": ("database administrator",),
    "sysadmin": ("systems administrator", "system administrator"),
    "mle": ("machine learning engineer",),
    "ux": ("user experience",),
    "ui": ("user interface",),
    "bi": ("business intelligence",),
    "gp": ("general practitioner",),
    "infosec": ("information security",),
    "sdet": ("software development engineer in test",),
    "bdm": ("business development manager",),
    "lvn": ("licensed vocational nurse",),
    "cpa": ("certified public accountant",),
    # words of titles
    "sr": ("senior",),
    "jr": ("junior",),
    "mgr": ("manager",),
    "asst": ("assistant",),
    "admin": ("administrator", "administrative"),
    "exec": ("executive",),
    "dir": ("director",),
    "coord": ("coordinator",),
    "rep": ("representative",),
    "acct": ("accountant", "accounting"),
    "eng": ("engineer", "engineering"),
    "dev": ("developer", "development"),
    "ops": ("operations",),
    "mktg": ("marketing",),
    "lab": ("laboratory",),
    "math": ("mathematics",),
    "maths": ("mathematics",),
    # field words' (the documents hold them, sql.FIELD_WORDS): a remote type's, and the entry level's by the names
    # of those who seek it (a fresher: a graduate seeking a first job; a trainee), which titles seldom say
    "wfh": ("work from home",),
    "fresher": ("entry-level",),
    "freshers": ("entry-level",),
    "trainee": ("entry-level",),
}


def expansions(text: str) -> list[str]:
    """What the word `text` abbreviates (none when it is not a listed abbreviation)."""
    return list(TITLE_ABBREVIATIONS.get(text.lower(), ()))
