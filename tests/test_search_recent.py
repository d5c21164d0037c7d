"""The recent tiers: GIN indexes of the newest documents' words, how they are weighed and how they move forward."""

from datetime import timedelta
from functools import partial

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nexus.search.recent import RECENT_INDEXES, recent_tiers, recent_tiers_move

from .factories_search import searchable_job


def recent_indexes() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'search_jobdocument' AND indexname LIKE %s",
            ["search_document_recent%"],
        )
        return dict(cursor.fetchall())


@pytest.mark.django_db(transaction=True)  # the indexes are built concurrently: outside a transaction
def test_each_tier_moves_to_its_newest_share_when_it_has_grown_past_half_as_much_again():
    now = timezone.now().replace(microsecond=0)
    for day in range(20):
        searchable_job(title=f"Nurse {day}", published_at=now - timedelta(days=day))
    searchable_job(title="Closed Nurse", published_at=now, status="closed")  # not listed: not counted
    moved = recent_tiers_move(force=True)
    # the newest tenth and three tenths of 20 listed documents
    assert moved == {
        "search_document_recent_10": {"moved": True, "cutoff": (now - timedelta(days=1)).isoformat(), "documents": 2},
        "search_document_recent_30": {"moved": True, "cutoff": (now - timedelta(days=5)).isoformat(), "documents": 6},
    }
    assert [tier.index for tier in recent_tiers()] == RECENT_INDEXES  # the newest first
    assert not any(tier["moved"] for tier in recent_tiers_move().values())  # each still holds its share
    for _ in range(2):
        searchable_job(title="Nurse today", published_at=now)
    # the tenth holds 4 of 22 (0.18, more than 0.15): built again over the newest 2, published now as Nurse 0 was; the
    # three tenths hold 8 (0.36, under 0.45): left
    moved = recent_tiers_move()
    assert moved["search_document_recent_10"] == {"moved": True, "cutoff": now.isoformat(), "documents": 3}
    assert not moved["search_document_recent_30"]["moved"]
    assert recent_tiers()[0].cutoff == now  # the kept tiers were dropped
    assert set(recent_indexes()) == set(RECENT_INDEXES)  # the building ones renamed
    assert all("WHERE (published_at >=" in definition for definition in recent_indexes().values())


@pytest.mark.django_db(transaction=True)
def test_tiers_of_no_documents_start_now():
    before = timezone.now()
    moved = recent_tiers_move(force=True)
    assert [tier["documents"] for tier in moved.values()] == [0, 0]
    assert all(tier.cutoff >= before for tier in recent_tiers())


def test_a_tier_is_weighed_by_the_matches_it_holds_and_what_reading_it_costs():
    from nexus.search.collecting import recent_cost

    # a walk reading 30,000 of 1,000,000 documents for 300 matches: a tier of 100,000 holds 1,000 of them
    cost = recent_cost(100_000, 1_000_000, 30_000, 0.01, 400_000)
    assert cost == pytest.approx(400_000 * 0.1 * 0.15 + 0.01 * 100_000 * 3.0)
    assert cost < 30_000  # read through the tier rather than walked
    # 100 matches there: too few to count them; 300 in a tier three times as wide, worth counting
    assert recent_cost(100_000, 1_000_000, 300_000, 0.001, 400_000) is None
    assert recent_cost(300_000, 1_000_000, 300_000, 0.001, 400_000) is not None


@pytest.mark.django_db
def test_the_cheapest_tier_that_holds_the_candidates_is_chosen(monkeypatch, settings):
    """A tier is taken when its index yields SEARCH_CANDIDATES matches, or uncounted when the sample says it holds
    RECENT_SURE_SHARE times as many (the statement reading it then finds out: test_search_api)."""
    from nexus.search import collecting
    from nexus.search.filtering import DocumentFilters
    from nexus.search.recent import RecentTier

    settings.SEARCH_CANDIDATES = 3
    now = timezone.now()
    for hours in range(4):
        searchable_job(title=f"Swift Developer {hours}", published_at=now - timedelta(hours=hours, minutes=1))
    searchable_job(title="Swift Developer, closed", published_at=now, status="closed")
    searchable_job(title="Chef", published_at=now)
    narrow = RecentTier("search_document_recent_10", now - timedelta(hours=2), documents=1000)  # 2 of the matches
    wide = RecentTier("search_document_recent_30", now - timedelta(hours=5), documents=3000)  # all 4
    monkeypatch.setattr(collecting, "recent_tiers", lambda: [narrow, wide])
    matched = collecting.documents_where(words="'swift' & 'develop':*", filters=DocumentFilters())
    # a walk of 1,500 rows for the candidates: the narrow tier may hold 2 of them, the wide 6 (as the sample sees it);
    # the narrow costs less (18 walked rows), but holds 2 matches
    choose = partial(collecting.recent_choice, matched, 10_000, 1_500, 0.001, 1_000)
    with CaptureQueriesContext(connection) as captured:
        assert choose(other=1_000) == (wide.cutoff, pytest.approx(1_000 * 0.3 * 0.15 + 3_000 * 0.001 * 3.0))
    # the narrow tier's matches counted; the wide one taken uncounted, the sample saying it holds twice as many
    assert len(captured.captured_queries) == 1
    assert choose(other=50) == (None, float("inf"))  # the wide tier (54) costs more than another way
    settings.SEARCH_CANDIDATES = 2
    assert choose(other=1_000)[0] == narrow.cutoff
