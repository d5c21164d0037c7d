# ruff: noqa: S608 - SQL assembled from this module's constants; every value is a bound parameter
"""Facet counts of a search: one grouped query (GROUPING SETS) over the matched jobs.

At most SEARCH_FACET_LIMIT matches are counted (the newest ones): a query matching more says
`count_exact: false` and its counts describe that newest slice; they always add up to `count`.
"""

from typing import Any

from django.conf import settings
from django.db import connection

TOP_LOCATIONS = 10
FACETS = ("employment_type", "experience_level", "remote_type", "category", "location")

GROUPED_SQL = """
SELECT GROUPING(employment_type) AS g_employment, GROUPING(experience_level) AS g_experience,
       GROUPING(remote_type) AS g_remote, GROUPING(category_id) AS g_category, GROUPING(country, city) AS g_place,
       employment_type, experience_level, remote_type, category_id, country, city, count(*) AS n
FROM {source}
GROUP BY GROUPING SETS ((employment_type), (experience_level), (remote_type), (category_id), (country, city), ())
"""


# Of the places only the TOP_LOCATIONS largest are returned (matches may be in thousands of cities); among
# equally large ones, by name in code point order (COLLATE "C"), the order facets_from_rows shows them in, and
# cheaper to sort than the database's linguistic order.
PLACES_RANKED_SQL = f"""
SELECT *, CASE WHEN g_place = 0 THEN row_number() OVER (
    PARTITION BY g_place ORDER BY n DESC, city COLLATE "C", country COLLATE "C"
) END
    AS place_rank
FROM ({GROUPED_SQL}) grouped
"""


GROUPED_COLUMNS = (
    "g_employment", "g_experience", "g_remote", "g_category", "g_place", "employment_type", "experience_level",
    "remote_type", "category_id", "country", "city", "n",
)  # fmt: skip
FACET_COLUMNS = (*GROUPED_COLUMNS, "name", "slug")  # the columns of facets_sql, in order


def facets_sql(source: str) -> str:
    """Facet rows of the matched rows in `source` (a table expression with the copied columns), named."""
    ranked = PLACES_RANKED_SQL.format(source=source)
    columns = ", ".join(f"ranked.{column}" for column in GROUPED_COLUMNS)
    return (
        f"SELECT {columns}, category.name, category.slug FROM ({ranked}) ranked "
        "LEFT JOIN taxonomy_category category ON category.id = ranked.category_id "
        f"WHERE ranked.place_rank IS NULL OR ranked.place_rank <= {TOP_LOCATIONS}"
    )


FACETS_SQL = facets_sql(
    """(
    SELECT d.employment_type, d.experience_level, d.remote_type, d.category_id, d.country, d.city
    FROM search_jobdocument d WHERE {where}
    ORDER BY {newest_first} LIMIT %s
) matched"""
)


def facets_count(where: str, params: list[Any], newest_first: str) -> tuple[int, bool, dict[str, list[dict[str, Any]]]]:
    """(count, whether it is exact, facets) of the documents matching `where` (see documents_where), of the
    newest SEARCH_FACET_LIMIT in the order `newest_first` (an ORDER BY list)."""
    limit = settings.SEARCH_FACET_LIMIT
    with connection.cursor() as cursor:
        cursor.execute(FACETS_SQL.replace("{where}", where).replace("{newest_first}", newest_first), [*params, limit])
        rows = cursor.fetchall()
    total, facets = facets_from_rows(rows)
    return total, total < limit, facets


def facets_from_rows(rows: list) -> tuple[int, dict[str, list[dict[str, Any]]]]:
    """(count, facets) from the rows of facets_sql."""
    total = 0
    facets: dict[str, list[dict[str, Any]]] = {name: [] for name in FACETS}
    for (g_emp, g_exp, g_rem, g_cat, g_place, employment, experience, remote, category_id, country, city, n,
         category_name, category_slug) in rows:  # fmt: skip
        if g_emp and g_exp and g_rem and g_cat and g_place:
            total = n
        elif not g_emp:
            facets["employment_type"].append({"value": employment, "count": n})
        elif not g_exp:
            facets["experience_level"].append({"value": experience, "count": n})
        elif not g_rem:
            facets["remote_type"].append({"value": remote, "count": n})
        elif not g_cat:
            facets["category"].append(
                {"value": category_id, "name": category_name or "", "slug": category_slug or "", "count": n}
            )
        else:
            facets["location"].append({"city": city, "country": country, "count": n})
    for buckets in facets.values():
        buckets.sort(
            key=lambda bucket: (
                -bucket["count"],
                str(bucket.get("value", bucket.get("city"))),
                bucket.get("country", ""),
            )
        )
    return total, facets
