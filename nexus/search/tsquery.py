"""A tsquery written by analysis.py, used as it is (no second pass through a parser)."""

from typing import Any

from django.contrib.postgres.search import SearchQuery


class TsQueryText(SearchQuery):
    """`document @@ '<text>'::tsquery`: the text is already a tsquery made of PostgreSQL's own lexemes."""

    def __init__(self, text: str) -> None:
        super().__init__(text, search_type="raw")
        self.text = text

    def as_sql(  # type: ignore[override]
        self, compiler: Any, connection: Any, function: Any = None, template: Any = None, **extra: Any
    ) -> tuple[str, list[Any]]:
        return "(%s::tsquery)", [self.text]
