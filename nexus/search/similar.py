# ruff: noqa: S608 - SQL assembled from this package's constants; every value is a bound parameter
"""Jobs like a job, found through the documents' filter markers (sql.FILTER_MARKERS) as a search finds its candidates.

A similar job shares the job's category (or is in one below it) or one of its skills. Of the SIMILAR_CANDIDATES
newest such jobs, those sharing the most skills come first, then the newest. Ranking every job that shares any of
them, as the list did before, read every job of the category and every job with one of the skills: 3 s for a job page
at a million jobs, where the newest candidates take about 5 ms (a common category's: walked newest first, about 40
documents for each candidate). An old job sharing more skills than the newest do is left out, as relevance leaves out
older matches (docs/search.md).
"""

from django.db import connection

from .collecting import NEWEST_WALK_ORDER, documents_where
from .filtering import DocumentFilters
from .lexemes import quoted
from .ranking import any_of
from .sql import field_marker

SIMILAR_CANDIDATES = 100
SIMILAR_SQL = f"""
SELECT job_id FROM (
    SELECT d.job_id, d.published_at, d.document FROM search_jobdocument d
    WHERE {{where}} AND d.job_id <> %s
    ORDER BY {NEWEST_WALK_ORDER} LIMIT %s
) newest
ORDER BY (SELECT count(*) FROM unnest(%s::tsquery[]) skill WHERE newest.document @@ skill) DESC,
    published_at DESC, job_id DESC
LIMIT %s
"""


def similar_job_ids(*, job_id: int, category_id: int | None, skill_ids: list[int], limit: int) -> list[int]:
    """Up to `limit` listed jobs like job `job_id` (its category and skills given), best first."""
    skills = [quoted(field_marker("skill", str(skill_id))) for skill_id in sorted(skill_ids)]
    markers = [*skills, *([quoted(field_marker("category", str(category_id)))] if category_id else [])]
    if not markers:
        return []
    where, params = documents_where(words=any_of(markers), filters=DocumentFilters())
    with connection.cursor() as cursor:
        cursor.execute(SIMILAR_SQL.format(where=where), [*params, job_id, SIMILAR_CANDIDATES, skills, limit])
        return [pk for (pk,) in cursor.fetchall()]
