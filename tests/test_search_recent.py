"""The recent tier: the GIN index of the newest documents' words, how it is weighed and how it moves forward."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from nexus.search.recent import RECENT_INDEX, recent_tier, recent_tier_move

from .factories_search import searchable_job


def recent_indexes() -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'search_jobdocument' AND indexname LIKE %s",
            [f"{RECENT_INDEX}%"],
        )
        return cursor.fetchall()


@pytest.mark.django_db(transaction=True)  # the index is built concurrently: outside a transaction
def test_the_tier_moves_to_the_newest_tenth_when_it_has_grown_past_half_as_much_again():
    now = timezone.now().replace(microsecond=0)
    for day in range(20):
        searchable_job(title=f"Nurse {day}", published_at=now - timedelta(days=day))
    searchable_job(title="Closed Nurse", published_at=now, status="closed")  # not listed: not counted
    moved = recent_tier_move(force=True)
    assert moved["moved"] and moved["documents"] == 2  # the newest tenth of 20 listed documents
    tier = recent_tier()
    assert tier is not None and tier.cutoff == now - timedelta(days=1) and tier.documents == 2
    assert not recent_tier_move()["moved"]  # still a tenth
    for _ in range(2):
        searchable_job(title="Nurse today", published_at=now)
    # 4 of 22 documents (0.18, more than 0.15): built again over the newest 2, published now as Nurse 0 was
    moved = recent_tier_move()
    assert moved["moved"] and moved["documents"] == 3  # published at the cutoff: today's three
    assert recent_tier().cutoff == now  # the memo was dropped
    ((name, definition),) = recent_indexes()  # the one index, the building one renamed
    assert name == RECENT_INDEX and "WHERE (published_at >=" in definition


@pytest.mark.django_db(transaction=True)
def test_a_tier_of_no_documents_starts_now():
    before = timezone.now()
    assert recent_tier_move(force=True)["documents"] == 0
    assert recent_tier().cutoff >= before


def test_the_tier_is_weighed_by_the_matches_it_holds_and_what_reading_it_costs():
    from nexus.search.selectors import recent_cost

    # a walk reading 30,000 of 1,000,000 documents for 300 matches: a tier of 100,000 holds 1,000 of them
    cost = recent_cost(100_000, 1_000_000, 30_000, 0.01, 400_000)
    assert cost == pytest.approx(400_000 * 0.1 * 0.15 + 0.01 * 100_000 * 3.0)
    assert cost < 30_000  # read through the tier rather than walked
    assert recent_cost(100_000, 1_000_000, 300_000, 0.001, 400_000) is None  # 100 matches there: too few
