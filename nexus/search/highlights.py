"""Marks that ts_headline cannot make.

ts_headline marks the words of a text as PostgreSQL's parser reads them, and the documents are made of the text
as `search_text` rewrites it first (sql.py): the parser reads `C++` as the letter c where the documents hold
`cplusplus`, `UI/UX` as one word (a file path) where they hold `ui` and `ux`, and `ソフトウェア開発者` as one word
where they hold its pairs of characters. A query asking for a symbol's name has its titles and snippets highlighted
with the names spelt as words (sql.symbol_names_spelt), which ts_headline marks and this pass writes back
(`Csharp`: C#). This pass also marks, in a title or snippet ts_headline has marked, those stretches of it that the
query's shown lexemes (lexemes.shown_lexemes) stand for: the part of a slashed word starting with a lexeme (as
stems do: `design` marks Design), and the characters that a query's character pairs cover.
"""

import re

from .sql import CJK_RUN, SYMBOL_WORDS

MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
SYMBOL_SIGNS = {word: sign.replace("\\", "") for sign, word in SYMBOL_WORDS.items()}
# A letter alone then a symbol's name, as sql.symbol_names_spelt writes `C#` (Csharp).
SYMBOL_SPELT = re.compile(rf"(?<![^\W_])([^\W\d_])({'|'.join(SYMBOL_SIGNS)})(?![^\W_])")


def symbol_names_written(lexemes: list[str]) -> list[str]:
    """The lexemes that name a symbol (a letter and its sign's word: `csharp`), as texts write them (`c#`)."""
    return [
        lexeme[0] + SYMBOL_SIGNS[lexeme[1:]]
        for lexeme in lexemes
        if len(lexeme) > 1 and lexeme[0].isalpha() and lexeme[1:] in SYMBOL_SIGNS
    ]


class Marker:
    """Marks what `lexemes` stand for and the parser does not read as words (each check only where it can apply:
    about 1 µs a string that holds none of it), and writes back the symbols' names that the text was highlighted
    with spelt (`spelt`: symbol_names_written finds some)."""

    def __init__(self, lexemes: list[str]) -> None:
        self.spelt = bool(symbol_names_written(lexemes))
        self.cjk = [lexeme for lexeme in lexemes if CJK_RUN.fullmatch(lexeme)]
        self.words = tuple(lexeme for lexeme in lexemes if len(lexeme) > 1 and lexeme not in self.cjk)

    def _spans(self, text: str) -> list[tuple[int, int]]:
        """The stretches of `text` (start, end) to mark."""
        spans = []
        slash = text.find("/") if self.words else -1
        while slash >= 0:  # the words on either side of each slash (a regular expression took 8 µs a snippet)
            start, end = slash, slash + 1
            while start > 0 and text[start - 1].isalnum():
                start -= 1
            while end < len(text) and text[end].isalnum():
                end += 1
            if start < slash < end - 1:
                for part in ((start, slash), (slash + 1, end)):
                    if text[part[0] : part[1]].lower().startswith(self.words):
                        spans.append(part)
            slash = text.find("/", slash + 1)
        for lexeme in self.cjk:
            at = text.find(lexeme)
            while at >= 0:  # every occurrence, overlapping ones too (`開発`, `発者` in 開発者)
                spans.append((at, at + len(lexeme)))
                at = text.find(lexeme, at + 1)
        return spans

    def marked(self, text: str) -> str:
        """`text` (marked by ts_headline) with those stretches marked too (adjacent or overlapping ones as one)."""
        if self.spelt:
            text = SYMBOL_SPELT.sub(lambda spelt: spelt[1] + SYMBOL_SIGNS[spelt[2]], text)
        merged: list[list[int]] = []
        for start, end in sorted(self._spans(text)):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        pieces, done = [], 0
        for start, end in merged:
            pieces += [text[done:start], MARK_OPEN, text[start:end], MARK_CLOSE]
            done = end
        return "".join(pieces) + text[done:] if merged else text
