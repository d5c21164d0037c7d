"""Marks that ts_headline cannot make.

ts_headline marks the words of a text as PostgreSQL's parser reads them, and the documents are made of the text
as `search_text` rewrites it first (sql.py): the parser reads `C++` as the letter c where the documents hold
`cplusplus`, `UI/UX` as one word (a file path) where they hold `ui` and `ux`, and `ソフトウェア開発者` as one word
where they hold its pairs of characters. This pass marks, in a title or snippet ts_headline has marked, those
stretches of it that the query's shown lexemes (lexemes.shown_lexemes) stand for: the letter and its sign, the
part of a slashed word starting with a lexeme (as stems do: `design` marks Design), and the characters that a
query's character pairs cover.
"""

import re

from .sql import CJK_CHARACTERS, SYMBOL_WORDS

MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
CJK_LEXEME = re.compile(f"[{CJK_CHARACTERS}]+")
# A letter alone then ++ or # (as sql.SYMBOL_NAME), and the lexeme search_text makes of it.
SYMBOL = re.compile(r"(?<![^\W_])([^\W\d_])(\+\+|#)(?![^\W_])")
SYMBOL_SUFFIXES = {sign.replace("\\", ""): word for sign, word in SYMBOL_WORDS.items()}
SLASHED = re.compile(r"[^\W_]+(?:/[^\W_]+)+")
WORD = re.compile(r"[^\W_]+")


def _covered(text: str, lexemes: list[str]) -> list[tuple[int, int]]:
    """The stretches of `text` (start, end) that `lexemes` stand for and the parser does not read as words."""
    spans = []
    for symbol in SYMBOL.finditer(text):
        if symbol[1].lower() + SYMBOL_SUFFIXES[symbol[2]] in lexemes:
            spans.append(symbol.span())
    words = [lexeme for lexeme in lexemes if len(lexeme) > 1 and not CJK_LEXEME.fullmatch(lexeme)]
    for slashed in SLASHED.finditer(text) if words else ():
        for part in WORD.finditer(slashed[0]):
            if part[0].lower().startswith(tuple(words)):
                spans.append((slashed.start() + part.start(), slashed.start() + part.end()))
    for lexeme in lexemes:
        at = text.find(lexeme) if CJK_LEXEME.fullmatch(lexeme) else -1
        while at >= 0:  # every occurrence, overlapping ones too (`開発`, `発者` in 開発者)
            spans.append((at, at + len(lexeme)))
            at = text.find(lexeme, at + 1)
    return spans


def marked_anyway(text: str, lexemes: list[str]) -> str:
    """`text` (marked by ts_headline) with the stretches that `lexemes` stand for, which the parser does not read
    as words, marked too (adjacent or overlapping ones as one)."""
    spans = _covered(text, lexemes)
    if not spans:
        return text
    covered = [False] * len(text)
    for start, end in spans:
        covered[start:end] = [True] * (end - start)
    marked, inside = [], False
    for char, mark in zip(text, covered, strict=True):
        if mark != inside:
            marked.append(MARK_OPEN if mark else MARK_CLOSE)
            inside = mark
        marked.append(char)
    return "".join(marked) + (MARK_CLOSE if inside else "")
