"""The lexemes that every match of a tsquery must hold: `'java' & ('develop' | 'developer' | 'develop':*)` is
matched only by documents holding `java`. Such a set, one of few common lexemes, is what the GIN index reads
cheaply (no prefix to expand, no long alternatives); the whole query is then tested on the rows it yields
(collecting.py, the windowed way).
"""

import re

# A quoted lexeme with its weights or prefix mark, a phrase operator, or one of & | ! ( ).
TOKEN = re.compile(r"\s*('(?:[^'\\]|''|\\.)*'(?::[A-Da-d*]+)?|<->|<\d+>|[&|!()])")
LEXEME = re.compile(r"'(?P<lexeme>(?:[^'\\]|''|\\.)*)'(?::(?P<marks>[A-Da-d*]+))?")
MAX_SETS = 4  # the smallest sets are kept (each is estimated by the planner: collecting.py)


class _Unreadable(ValueError):
    pass


def required_lexeme_sets(tsquery: str) -> list[frozenset[str]]:
    """Sets of lexemes, each of which every match holds at least one of (smallest first; none when no such set:
    a prefix or a negation where one is needed, or text this reader does not follow)."""
    tokens = _tokens(tsquery)
    if tokens is None:
        return []
    try:
        sets, rest = _any_of(tokens)
    except _Unreadable:
        return []
    return sets if not rest else []


def shown_lexemes(tsquery: str) -> list[str]:
    """The lexemes a match may show (each one not negated), in the query's order, for finding where in a text the
    words are (selectors.py: the snippet's window); none when the text is not one this reader follows."""
    parts, shown, at = _tokens(tsquery) or [], [], 0
    while at < len(parts):
        if parts[at] == "!":  # the negated lexeme or group is skipped whole
            at += 1
            depth = 0
            while at < len(parts):
                depth += {"(": 1, ")": -1}.get(parts[at], 0)
                at += 1
                if depth == 0:
                    break
            continue
        lexeme = LEXEME.fullmatch(parts[at])
        if lexeme is not None and lexeme["lexeme"]:
            shown.append(_unquoted(lexeme))
        at += 1
    return list(dict.fromkeys(shown))


def lexemes_tsquery(lexemes: frozenset[str] | list[str]) -> str:
    """A tsquery matching documents that hold any of these lexemes."""
    return " | ".join(quoted(lexeme) for lexeme in sorted(lexemes))


def quoted(lexeme: str, *, prefix: bool = False) -> str:
    """A lexeme as a tsquery operand (`'it''s'`), or the prefix (`'it''s':*`): quotes and backslashes doubled."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + ("':*" if prefix else "'")


def without_implied(alternatives: list[str]) -> list[str]:
    """A term's alternatives (a match holds any of them) without each lone lexeme that a prefix among them already
    matches: `'nurs' | 'nurse' | 'nurs':*` matches what `'nurs':*` does, and a walk then tests each document it
    reads for one operand instead of three (ts_rank, which weighs each operand, keeps them all)."""
    prefixed = [prefix for prefix in (_prefix(alternative.strip()) for alternative in alternatives) if prefix]

    def implied(alternative: str) -> bool:
        lexeme = LEXEME.fullmatch(alternative.strip())
        if lexeme is None or lexeme["marks"] or "\\" in lexeme["lexeme"]:
            return False
        return any(_unquoted(lexeme).startswith(prefix) for prefix in prefixed)

    return [alternative for alternative in alternatives if not implied(alternative)]


def phrases_relaxed(tsquery: str) -> str:
    """The tsquery with the words of each phrase asked for anywhere (`<->` and `<N>` read as `&`): what the GIN index
    yields for it, before PostgreSQL checks the words' positions."""
    tokens = _tokens(tsquery)
    if tokens is None or not any(token.startswith("<") for token in tokens):
        return tsquery
    return " ".join("&" if token.startswith("<") else token for token in tokens)


def prefixes(tsquery: str) -> list[str]:
    """The prefixes of a tsquery (its lexemes marked `:*` and with no weights), in order, once each."""
    found = [_prefix(token) for token in _tokens(tsquery) or []]
    return list(dict.fromkeys(prefix for prefix in found if prefix))


def prefixes_replaced(tsquery: str, lexemes: dict[str, list[str]]) -> str:
    """The tsquery with each prefix given in `lexemes` written as any of its lexemes (lexicon.py)."""
    tokens = _tokens(tsquery)
    if tokens is None:
        return tsquery
    replaced = []
    for token in tokens:
        prefix = _prefix(token)
        replaced.append(f"({lexemes_tsquery(lexemes[prefix])})" if prefix in lexemes else token)
    return " ".join(replaced)


def _prefix(token: str) -> str | None:
    lexeme = LEXEME.fullmatch(token)
    if lexeme is None or lexeme["marks"] != "*" or "\\" in lexeme["lexeme"] or not lexeme["lexeme"]:
        return None
    return _unquoted(lexeme)


def _unquoted(lexeme: re.Match[str]) -> str:
    """The text of a LEXEME match."""
    return lexeme["lexeme"].replace("''", "'")


def _tokens(text: str) -> list[str] | None:
    tokens, position, end = [], 0, len(text.rstrip())
    while position < end:
        match = TOKEN.match(text, position)
        if match is None:
            return None
        tokens.append(match.group(1))
        position = match.end()
    return tokens


def _smallest(sets: list[frozenset[str]]) -> list[frozenset[str]]:
    unique = list(dict.fromkeys(sets))
    return sorted(unique, key=lambda lexemes: (len(lexemes), sorted(lexemes)))[:MAX_SETS]


# Precedence as PostgreSQL reads a tsquery: ! binds tightest, then phrases, then &, then |.


def _any_of(tokens: list[str]) -> tuple[list[frozenset[str]], list[str]]:
    """a | b: a set of each side together (a match holds a's or b's)."""
    sets, tokens = _all_of(tokens)
    while tokens and tokens[0] == "|":
        more, tokens = _all_of(tokens[1:])
        sets = _smallest([left | right for left in sets for right in more])
    return sets, tokens


def _all_of(tokens: list[str]) -> tuple[list[frozenset[str]], list[str]]:
    """a & b: either side's sets (a match holds both)."""
    sets, tokens = _phrase(tokens)
    while tokens and tokens[0] == "&":
        more, tokens = _phrase(tokens[1:])
        sets = _smallest(sets + more)
    return sets, tokens


def _phrase(tokens: list[str]) -> tuple[list[frozenset[str]], list[str]]:
    """a <-> b: either side's sets, as for &."""
    sets, tokens = _single(tokens)
    while tokens and tokens[0].startswith("<"):
        more, tokens = _single(tokens[1:])
        sets = _smallest(sets + more)
    return sets, tokens


def _single(tokens: list[str]) -> tuple[list[frozenset[str]], list[str]]:
    if not tokens:
        raise _Unreadable
    head, rest = tokens[0], tokens[1:]
    if head == "!":
        _, rest = _single(rest)
        return [], rest  # what a match lacks requires nothing
    if head == "(":
        sets, rest = _any_of(rest)
        if not rest or rest[0] != ")":
            raise _Unreadable
        return sets, rest[1:]
    lexeme = LEXEME.fullmatch(head)
    if lexeme is None:
        raise _Unreadable
    text, marks = _unquoted(lexeme), lexeme["marks"] or ""
    if "*" in marks or "\\" in text or not text:
        return [], rest  # a prefix matches many lexemes; a backslash is left to PostgreSQL's own reader
    return [frozenset({text})], rest
