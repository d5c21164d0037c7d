"""Web-search syntax: words, "quoted phrases", OR, -exclusion, `title:` before a word or a quoted phrase (in the job's
title only); the last word also matches as a prefix, and so does a word ending in `*` (`pyth*`, `engin* manager`)
wherever it is.

Parsing is pure Python and never fails: anything that is not a word (punctuation, operators in the
wrong place, SQL) is dropped. The words themselves only ever reach PostgreSQL as bound parameters
of its own query parsers (see analysis.py), so no input can change the SQL.
"""

import re
from dataclasses import dataclass, field, replace

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
MIN_PREFIX_LENGTH = 3

# A quoted phrase (after `title:` too), or a run of anything else but whitespace and quotes.
TOKEN = re.compile(r'(-?)((?i:title):)?"([^"]*)"?|(\S+)')
# Before a word or a quoted phrase: the job's title must say it (`title:python`, `-title:"call center"`).
IN_TITLE = "title:"
# What a word may be made of: letters, digits and the joiners of names like C++, C#, node.js, e-commerce; and a dot
# before its first letter, as .NET is written.
WORD = r"(?:(?<![\w.])\.(?=[^\W\d_]))?[^\W_](?:[\w.+#'-]*[\w+#])?"
WORD_TEXT = re.compile(WORD)
PLAIN_WORD = re.compile(r"^[^\W_]+$")
LETTER = re.compile(r"[^\W\d_]")
# Words joined by slashes (`ui/ux`, `ci/cd`, `sales/marketing`), each with a letter: any of them, as jobs say
# either (a UX Designer for `ui/ux designer`); with no letter (`24/7`) or excluded, the words in a row.
SLASHED = re.compile(f"{WORD}(?:/{WORD})+")
# A comma or semicolon between words lists them, as a space does (`python,django`: both words, not the two in a row);
# one before a digit stays inside its number (`100,000`).
LIST_SEPARATOR = re.compile(r"[,;](?!\d)")
# `|` is OR between words written without spaces too (`devops|sre`), not a sign inside one word.
OR_SIGN = re.compile(r"\|")
# Words that every job board query could add without asking for anything ("python jobs", "nurse vacancies",
# "marketing careers", "hiring nurse", "nurse near london": the place is asked for by its name): left out, as stop
# words are, unless quoted. The text of jobs rarely says them ("careers" and "hiring" asked for found nothing, or the
# nurses whose descriptions said "we are hiring"). The singular "career" stays a word: Career Coach, Career Advisor.
NOISE_WORDS = frozenset(
    {"job", "jobs", "vacancy", "vacancies", "position", "positions", "opening", "openings", "careers", "hiring", "near",
     "nearby"}
)  # fmt: skip

# A country's code that is an English word too stands, unquoted, for the country's short name (countries.SHORT_NAMES),
# which the documents of its jobs hold: `developer us` asks for jobs in the USA, not for descriptions saying "join us".
COUNTRY_CODE_WORDS = {"us": "USA"}


@dataclass(frozen=True)
class Term:
    text: str  # a word, or the words of a phrase joined by spaces
    # quoted: its words in a row, as written (not corrected, expanded, joined into a compound or a prefix)
    phrase: bool = False
    negated: bool = False
    prefix: bool = False  # the last word, still being typed, or starred: match words starting with it too
    starred: bool = False  # typed with `*`: a prefix, whatever the word (analysis.FORMS_SQL)
    joined: bool = False  # a phrase of words typed unquoted (analysis.runs_quoted): written back unquoted
    # typed after `title:`: in the title only, as written (a phrase: not corrected, expanded or a prefix)
    in_title: bool = False
    # a hyphenated field word's part typed without its other part (`site` of `site engineer`, not of `on site`): the
    # word itself, not the job's field (analysis.lone_field_parts_read)
    word_only: bool = False
    # as typed, when the text stands for other words (`us`: USA); written back so (query_text)
    typed: str = field(default="", compare=False)


@dataclass
class ParsedQuery:
    """Groups are ANDed; the terms of a group are ORed. An excluded term is a group of its own."""

    groups: list[list[Term]] = field(default_factory=list)

    @property
    def terms(self) -> list[Term]:
        return [term for group in self.groups for term in group]

    @property
    def is_empty(self) -> bool:
        return not self.groups


def words_of(text: str) -> list[str]:
    return WORD_TEXT.findall(text)


def query_parse(raw: str) -> ParsedQuery:
    """`python "data engineer" -junior react OR vue` -> [[python], [data engineer], [-junior], [react, vue]].
    `NOT junior` (upper case, as OR) is `-junior`."""
    parsed = ParsedQuery()
    pending_or = pending_not = False
    raw = OR_SIGN.sub(" | ", LIST_SEPARATOR.sub(" ", raw))
    ends_with_space = raw != raw.rstrip()
    count = 0
    for match in TOKEN.finditer(raw):
        negated_phrase, phrase_in_title, phrase_text, bare = match.groups()
        if bare is not None and bare.upper() in ("OR", "|"):
            pending_or = bool(parsed.groups) and not parsed.groups[-1][0].negated
            continue
        if bare == "NOT":
            pending_not = True
            continue
        alternatives: list[Term] = []  # the terms of the token, any of them
        as_written = (bool(negated_phrase), bool(phrase_in_title), phrase_text) if bare is None else _in_title(bare)
        if as_written is not None:  # a quoted phrase, or a word after `title:`: as written
            negated, in_title, text = as_written
            words = words_of(text)
            alternatives = [Term(" ".join(words), phrase=True, negated=negated, in_title=in_title)] if words else []
        elif not pending_not and SLASHED.fullmatch(bare) and all(map(LETTER.search, bare.split("/"))):
            alternatives = [Term(part) for part in bare.split("/")]
        else:
            negated = bare.startswith("-") and len(bare) > 1
            words = words_of(bare[1:] if negated else bare)
            if len(words) == 1 and words[0].lower() in NOISE_WORDS:
                words = []
            typed = " ".join(words)
            words = [COUNTRY_CODE_WORDS.get(word.lower(), word) for word in words]
            starred = bare.endswith("*") and len(words) == 1 and _prefix_worthy(words[0])
            text = " ".join(words)
            alternatives = (
                [
                    Term(
                        text,
                        phrase=len(words) > 1,
                        negated=negated,
                        prefix=starred,
                        starred=starred,
                        typed=typed if typed != text else "",
                    )
                ]
                if words
                else []
            )
        if alternatives and pending_not:
            alternatives = [replace(term, negated=True) for term in alternatives]
        pending_not = False
        if not alternatives or count + len(alternatives) > MAX_TERMS:
            pending_or = False
            continue
        count += len(alternatives)
        if pending_or and not alternatives[0].negated:
            parsed.groups[-1].extend(alternatives)
        else:
            parsed.groups.append(alternatives)
        pending_or = False
    return _with_prefix(parsed, raw, ends_with_space)


def _with_prefix(parsed: ParsedQuery, raw: str, ends_with_space: bool) -> ParsedQuery:
    """The last word typed, unquoted and long enough, also matches longer words (`engin` -> engineer)."""
    if parsed.is_empty or ends_with_space or not raw.endswith(parsed.groups[-1][-1].text):
        return parsed  # the query does not end in the middle of its last word
    last_group = parsed.groups[-1]
    last = last_group[-1]
    if last.phrase or last.negated or not _prefix_worthy(last.text):
        return parsed
    last_group[-1] = Term(last.text, prefix=True)
    return parsed


def _in_title(bare: str) -> tuple[bool, bool, str] | None:
    """Of a token `title:word` (or `-title:word`, `title:node.js`): whether it is excluded, that it is of the title,
    and its text, read as a quoted phrase's; None for any other token."""
    negated = bare.startswith("-")
    body = bare[1:] if negated else bare
    if not body.lower().startswith(IN_TITLE):
        return None
    return negated, True, body[len(IN_TITLE) :]


def _prefix_worthy(word: str) -> bool:
    """Whether a word may be matched as a prefix: letters and digits only, MIN_PREFIX_LENGTH of them at least."""
    return len(word) >= MIN_PREFIX_LENGTH and bool(PLAIN_WORD.match(word))


def query_text(
    parsed: ParsedQuery,
    replacements: dict[str, str] | None = None,
    *,
    left_out: set[int] | frozenset[int] = frozenset(),
) -> str:
    """The query written back in the syntax, with words replaced and the terms whose `id` is in `left_out` left out
    (for "did you mean")."""
    replacements = replacements or {}
    groups = []
    for group in parsed.groups:
        parts = []
        for term in group:
            if id(term) in left_out:
                continue
            text = " ".join(replacements.get(word.lower(), word) for word in (term.typed or term.text).split())
            text = f'"{text}"' if term.phrase and not term.joined and (" " in text or not term.in_title) else text
            text = f"{IN_TITLE}{text}" if term.in_title else text
            parts.append(f"-{text}" if term.negated else text)
        groups.extend([" OR ".join(parts)] if parts else [])
    return " ".join(groups)
