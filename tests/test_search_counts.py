"""The count and facets of a search with more matches than it reads: estimated from the newest matches."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from nexus.search import facets
from nexus.search.publication import histogram_share_since

from .factories_search import searchable_job

URL = "/api/v1/jobs/search/"
pytestmark = pytest.mark.django_db
ADDING_UP = ("employment_type", "experience_level", "remote_type", "category")


def every_other_job_a_welder(listed: int) -> None:
    """`listed` jobs, newest first every other one a welder (half of them), and the documents' statistics
    gathered as autovacuum gathers them on a live board."""
    now = timezone.now()
    for n in range(listed):
        welder = n % 2 == 0
        searchable_job(
            title="Welder" if welder else "Baker",
            employment_type="full_time" if n % 4 == 0 else "contract",
            published_at=now - timedelta(hours=n),
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_jobdocument")


def collected(monkeypatch, way: str = "walk") -> None:
    """The matches collected `way` (collecting.py): by the walk, as a common word's are, the newest only."""
    from nexus.search import collecting

    monkeypatch.setattr(collecting, "candidates_collection", lambda **kwargs: collecting.Collection(way))


def test_a_count_of_more_matches_than_were_read_is_estimated_and_its_facets_add_up(api_client, settings, monkeypatch):
    settings.SEARCH_CANDIDATES = 3  # the newest 3 of 10 welders: the 1st, 3rd and 5th listed jobs
    every_other_job_a_welder(20)
    collected(monkeypatch)
    body = api_client.get(URL, {"q": "welder", "page_size": 2}).json()
    # 2 more matches in the 4 documents after the first: half of the 20 listed
    assert body["count"] == 10 and body["count_exact"] is False
    for name in ADDING_UP:
        assert sum(bucket["count"] for bucket in body["facets"][name]) == 10, name
    # of the 3 read, 2 full-time (the 1st and 5th) and 1 on contract, scaled to 10 (7 and 3 after rounding)
    assert body["facets"]["employment_type"] == [
        {"value": "full_time", "count": 7}, {"value": "contract", "count": 3}
    ]  # fmt: skip


def test_before_any_statistics_the_listed_jobs_are_counted(api_client, settings, monkeypatch):
    settings.SEARCH_CANDIDATES = 3
    every_other_job_a_welder(20)
    collected(monkeypatch)
    with connection.cursor() as cursor:  # as a restored database's index is before ANALYZE (undone with the test)
        cursor.execute("UPDATE pg_class SET reltuples = -1 WHERE oid = 'search_document_listed_newest'::regclass")
    assert api_client.get(URL, {"q": "welder"}).json()["count"] == 10


def test_numbered_pages_end_where_the_ranked_matches_end_not_at_the_estimate(api_client, settings, monkeypatch):
    settings.SEARCH_CANDIDATES = 3
    every_other_job_a_welder(20)
    collected(monkeypatch)
    first = api_client.get(URL, {"q": "welder", "page_size": 2, "page": 1}).json()
    second = api_client.get(URL, {"q": "welder", "page_size": 2, "page": 2}).json()
    assert first["next"] is not None and len(first["results"]) == 2
    assert second["next"] is None and len(second["results"]) == 1 and second["count"] == 10


@pytest.mark.parametrize("sort", ["newest", "oldest", "salary", "featured"])
def test_other_orders_count_and_facet_what_relevance_does(api_client, settings, monkeypatch, sort):
    settings.SEARCH_CANDIDATES = 3
    every_other_job_a_welder(20)
    collected(monkeypatch)
    ranked = api_client.get(URL, {"q": "welder"}).json()
    body = api_client.get(URL, {"q": "welder", "sort": sort, "page_size": 4, "page": 1}).json()
    assert body["count"] == ranked["count"] == 10 and body["count_exact"] is False
    assert body["facets"] == ranked["facets"]
    assert body["next"] is not None  # these orders page through every match: 10 here
    assert api_client.get(URL, {"q": "welder", "sort": sort, "page_size": 4, "page": 3}).json()["next"] is None


@pytest.mark.parametrize("way", ["walk", "through the words"])
def test_every_match_read_is_an_exact_count(api_client, monkeypatch, way):
    every_other_job_a_welder(20)
    collected(monkeypatch, way)  # the walk: fewer matches than SEARCH_CANDIDATES, it reads every one
    body = api_client.get(URL, {"q": "welder"}).json()
    assert body["count"] == 10 and body["count_exact"] is True


@pytest.mark.parametrize("q", ["welder", ""])
def test_a_small_board_ranks_pages_and_counts_every_match(api_client, settings, q):
    # given a board of 20 listed jobs, no more than SEARCH_EVERY_MATCH_UP_TO, and 3 candidates for a large one's
    settings.SEARCH_CANDIDATES = 3
    settings.SEARCH_EVERY_MATCH_UP_TO = 20
    every_other_job_a_welder(20)
    matches = 10 if q else 20
    # when
    pages = [api_client.get(URL, {"q": q, "page_size": 4, "page": n}).json() for n in range(1, 7)]
    # then every match is ranked, reached by the pages and counted, with its facets
    first = pages[0]
    assert first["count"] == matches and first["count_exact"] is True
    assert {"value": "full_time", "count": 5} in first["facets"]["employment_type"]
    listed = [job["id"] for page in pages if "results" in page for job in page["results"]]
    assert len(listed) == len(set(listed)) == matches


def test_a_board_listing_more_than_its_bound_reads_as_a_large_one(api_client, settings):
    settings.SEARCH_CANDIDATES = 3
    settings.SEARCH_EVERY_MATCH_UP_TO = 19
    every_other_job_a_welder(20)
    # the newest 3 listed jobs walked, the rest estimated
    assert api_client.get(URL).json()["count_exact"] is False
    # the newest 3 welders ranked, the pages ending with them
    pages = [api_client.get(URL, {"q": "welder", "page_size": 2, "page": n}).json() for n in (1, 2)]
    assert [len(page["results"]) for page in pages] == [2, 1] and pages[1]["next"] is None


def test_the_estimate_is_the_rate_of_the_newest_matches_among_the_listed_documents():
    published = timezone.now()
    # the 300th match is the 6,000th listed document: 299 in 5,999, of 600,000
    assert facets.estimated_count(300, published, 6_000, 600_000) == 29_905
    # never fewer than were read, even when the planner's count of listed documents is stale
    assert facets.estimated_count(300, published, 400, 0) == 300


def test_past_the_counted_documents_the_histogram_says_how_many_are_as_new(monkeypatch):
    start = datetime(2026, 1, 1, tzinfo=timezone.get_current_timezone())
    bounds = [start + timedelta(days=day) for day in range(0, 101)]  # 100 equal parts, one a day
    monkeypatch.setattr(facets, "publication_histogram", lambda: bounds)
    oldest = start + timedelta(days=75)  # the newest quarter: 250,000 of 1,000,000 listed
    assert facets.estimated_count(301, oldest, facets.SINCE_COUNTED, 1_000_000) == round(300 / 249_999 * 1_000_000)
    monkeypatch.setattr(facets, "publication_histogram", list)  # no statistics yet: the counted documents
    counted = facets.SINCE_COUNTED
    assert facets.estimated_count(301, oldest, counted, 1_000_000) == round(300 / (counted - 1) * 1_000_000)


def test_a_histogram_share_reads_the_part_holding_the_time_as_evenly_spread():
    bounds = [0.0, 10.0, 20.0, 40.0, 80.0]  # four equal parts
    assert histogram_share_since(bounds, 60.0) == pytest.approx(0.125)  # half of the newest part
    assert histogram_share_since(bounds, 10.0) == pytest.approx(0.75)
    assert histogram_share_since(bounds, -5.0) == 1.0 and histogram_share_since(bounds, 90.0) == 0.0
    assert histogram_share_since([], 10.0) is None


def test_scaled_facets_add_up_by_their_largest_remainders():
    buckets = [{"value": "a", "count": 1}, {"value": "b", "count": 1}, {"value": "c", "count": 1}]
    scaled = facets._scaled(buckets, 3, 10, adding_up=True)
    assert sorted(bucket["count"] for bucket in scaled) == [3, 3, 4]
    places = facets._scaled([{"city": "Lyon", "count": 1}], 3, 10, adding_up=False)
    assert places == [{"city": "Lyon", "count": 3}]  # the largest places only: rounded, not adding up


def test_a_date_filters_count_is_estimated_among_the_documents_published_since(api_client, settings, monkeypatch):
    # given 40 jobs, one every 2 hours, every other a welder: 12 in the last day, 6 of them welders
    settings.SEARCH_CANDIDATES = 3
    now = timezone.now()
    for n in range(40):
        searchable_job(title="Welder" if n % 2 == 0 else "Baker", published_at=now - timedelta(hours=2 * n))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_jobdocument")
    collected(monkeypatch)

    # when
    body = api_client.get(URL, {"q": "welder", "posted_within": 1}).json()

    # then: half of the day's jobs by the newest 3, not half of all 40 listed
    assert body["count_exact"] is False and 5 <= body["count"] <= 7
    for name in ADDING_UP:
        assert sum(bucket["count"] for bucket in body["facets"][name]) == body["count"], name


def test_what_searches_keep_tells_one_date_filter_from_another():
    from nexus.jobs.filters import JobFilter
    from nexus.jobs.selectors import job_list_public
    from nexus.search.filtering import document_filters
    from nexus.search.memo import memo_key

    def kept_under(days: int) -> str:
        filterset = JobFilter(data={"posted_within": str(days)}, queryset=job_list_public())
        assert filterset.is_valid()
        filters = document_filters(filterset)
        return memo_key("filters-count", " AND ".join(filters.conditions), filters.params)

    assert kept_under(1) == kept_under(1) != kept_under(3)
