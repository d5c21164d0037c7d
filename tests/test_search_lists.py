"""Autocomplete and the vocabulary follow the jobs a write lists at once; the recount makes their counts exact
without holding up searches and suggestions."""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from django.db import connection, transaction

from nexus.search.document import suggestions_rebuild, vocabulary_rebuild
from nexus.search.models import SearchTerm, Suggestion

from .factories import CompanyFactory, JobFactory
from .factories_search import lists_rebuilt, searchable_job, skill_named

pytestmark = pytest.mark.django_db
SEARCH, SUGGEST = "/api/v1/jobs/search/", "/api/v1/jobs/search/suggest/"


def entries() -> set[tuple[str, str, int]]:
    return set(Suggestion.objects.values_list("kind", "label", "popularity"))


def words() -> dict[str, int]:
    return dict(SearchTerm.objects.values_list("word", "jobs"))


@contextmanager
def held_open(work: Callable[[], object]) -> Iterator[None]:
    """`work` done in a transaction of another connection, which stays open (its locks held) inside the block."""
    done, finished, errors = threading.Event(), threading.Event(), []

    def run() -> None:
        try:
            with transaction.atomic():
                work()
                done.set()
                finished.wait(timeout=30)
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    try:
        assert done.wait(timeout=60)
        yield
    finally:
        finished.set()
        thread.join(timeout=30)
    assert errors == []


def test_a_listed_job_is_suggested_and_corrected_to_at_once(api_client):
    company = CompanyFactory(name="Fjordlyn Works")
    searchable_job(title="Zymurgy Brewer", skills=("Quokkaform",), city="Tromsø", country="NO", company=company)
    assert entries() >= {
        ("title", "Zymurgy Brewer", 1),
        ("skill", "Quokkaform", 1),
        ("company", "Fjordlyn Works", 1),
        ("place", "Tromsø", 1),
    }
    # a company's words are in the vocabulary (not corrected) but count no job (never a correction)
    assert {word: words()[word] for word in ("zymurgy", "quokkaform", "tromso", "fjordlyn")} == {
        "zymurgy": 1,
        "quokkaform": 1,
        "tromso": 1,
        "fjordlyn": 0,
    }
    suggested = api_client.get(SUGGEST, {"q": "quokk"}).json()["results"]
    assert [(row["kind"], row["label"]) for row in suggested] == [("skill", "Quokkaform")]
    found = api_client.get(SEARCH, {"q": "quokkafrom"}).json()
    assert found["query"]["corrections"] == {"quokkafrom": "quokkaform"}
    assert [job["title"] for job in found["results"]] == ["Zymurgy Brewer"]


def test_a_skill_no_job_had_counts_once_a_listed_job_has_it(api_client):
    skill_named("Kubernetes")
    lists_rebuilt()
    assert words()["kubernetes"] == 0 and ("skill", "Kubernetes", 0) in entries()
    assert api_client.get(SEARCH, {"q": "kubernets"}).json()["query"]["corrections"] == {}
    searchable_job(title="Platform Engineer", skills=("Kubernetes",))
    assert words()["kubernetes"] == 1 and ("skill", "Kubernetes", 1) in entries()
    found = api_client.get(SEARCH, {"q": "kubernets"}).json()
    assert [job["title"] for job in found["results"]] == ["Platform Engineer"]


def test_an_entry_of_another_kind_reading_alike_is_not_counted():
    skill_named("Kubernetes")
    lists_rebuilt()
    searchable_job(title="Kubernetes")  # a title reading as the skill is not the skill
    assert {("title", "Kubernetes", 1), ("skill", "Kubernetes", 0)} <= entries()


def test_a_job_not_listed_is_neither_suggested_nor_in_the_vocabulary(api_client):
    job = JobFactory(status="draft", title="Falconry Secretkeeper", city="Zanzibar City")
    assert not Suggestion.objects.filter(label__in=["Falconry Secretkeeper", "Zanzibar City"]).exists()
    assert not SearchTerm.objects.filter(word__in=["falconry", "secretkeeper", "zanzibar"]).exists()
    assert api_client.get(SUGGEST, {"q": "falc"}).json()["results"] == []
    job.status = "published"
    job.save()
    assert {("title", "Falconry Secretkeeper", 1), ("place", "Zanzibar City", 1)} <= entries()


def test_the_recount_makes_counts_exact_and_drops_what_no_listed_job_has():
    first, second = (searchable_job(title="Zymurgy Brewer", city="Tromsø", country="NO") for _ in range(2))
    assert ("title", "Zymurgy Brewer", 1) in entries()  # counted one until the recount
    lists_rebuilt()
    assert {("title", "Zymurgy Brewer", 2), ("place", "Tromsø", 2)} <= entries()
    assert words()["zymurgy"] == 2
    for job in (first, second):
        job.status = "closed"
        job.save()
    lists_rebuilt()
    assert not Suggestion.objects.filter(label__in=["Zymurgy Brewer", "Tromsø"]).exists()
    assert "zymurgy" not in words()


@pytest.mark.django_db(transaction=True)
def test_the_recount_never_holds_up_searches_suggestions_or_job_writes(api_client):
    """Counted into a temporary table, written over the lists row by row: a search reading the vocabulary, a
    suggestion and a new job's refresh (of rows that count jobs already, or new ones) go on while a recount's
    transaction is still open."""
    searchable_job(title="Zymurgy Brewer", skills=("Quokkaform",))
    with held_open(lambda: (vocabulary_rebuild(), suggestions_rebuild())), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '2s'")
        assert api_client.get(SUGGEST, {"q": "quokk"}).json()["results"][0]["label"] == "Quokkaform"
        assert api_client.get(SEARCH, {"q": "zymurgy brewr"}).json()["query"]["corrections"] == {"brewr": "brewer"}
        searchable_job(title="Zymurgy Taster")  # new entries and words; Berlin and Germany count a job already
    assert ("title", "Zymurgy Taster", 1) in entries()


@pytest.mark.django_db(transaction=True)
def test_a_write_listing_a_job_never_waits_for_another_listing_the_same_entries():
    """Rows that count jobs already are left alone by the refresh: two open transactions listing jobs of the same
    title, skill, company and city both go on."""
    company = CompanyFactory(name="Fjordlyn Works")
    fields = {"title": "Zymurgy Brewer", "skills": ("Quokkaform",), "city": "Tromsø", "country": "NO"}
    searchable_job(company=company, **fields)
    lists_rebuilt()
    with held_open(lambda: searchable_job(company=company, **fields)), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '2s'")
        searchable_job(company=company, **fields)
    lists_rebuilt()
    assert {("title", "Zymurgy Brewer", 3), ("skill", "Quokkaform", 3), ("place", "Tromsø", 3)} <= entries()


def suggested(api_client, text: str) -> list[tuple[str, str, int]]:
    results = api_client.get(SUGGEST, {"q": text}).json()["results"]
    return [(row["kind"], row["label"], row["popularity"]) for row in results]


def test_a_renamed_skill_or_company_keeps_its_entry_and_count_at_once(api_client):
    """The refresh that a rename sets off added the new name as an entry counting one job, beside the old entry,
    until the recount."""
    company = CompanyFactory(name="Quillon Works")
    for n in range(3):
        searchable_job(title=f"Baker {n}", skills=("Sourdoughery",), company=company)
    lists_rebuilt()
    skill = skill_named("Sourdoughery")
    skill.name = "Levainery"
    skill.save()
    company.name = "Quillon Bakes"
    company.save()
    assert suggested(api_client, "sourdou") == []
    assert suggested(api_client, "levain") == [("skill", "Levainery", 3)]
    assert suggested(api_client, "quillon") == [("company", "Quillon Bakes", 3)]
    recounted = entries()
    lists_rebuilt()
    assert entries() == recounted


@pytest.mark.parametrize(
    ("other_name", "suggested_after"),
    [
        ("Quillon Bakes", [("company", "Quillon Bakes", 2)]),  # renamed as the other: their entries merge
        # the other keeps the old name, and the entry its count until the recount; the new name enters as any does
        ("Quillon Works", [("company", "Quillon Bakes", 1), ("company", "Quillon Works", 2)]),
    ],
)
def test_a_company_renamed_beside_another(api_client, other_name, suggested_after):
    first, other = CompanyFactory(name="Quillon Works"), CompanyFactory(name=other_name)
    searchable_job(title="Baker", company=first)
    searchable_job(title="Pastry Chef", company=other)
    lists_rebuilt()
    first.name = "Quillon Bakes"
    first.save()
    assert sorted(suggested(api_client, "quillon")) == suggested_after


def test_a_skill_is_suggested_by_a_new_alias_at_once(api_client):
    searchable_job(title="Baker", skills=("Sourdoughery",))
    skill = skill_named("Sourdoughery")
    alias = skill.aliases.create(alias="levain")
    assert suggested(api_client, "leva") == [("skill", "Sourdoughery", 1)]
    alias.alias = "starter"
    alias.save()
    assert suggested(api_client, "leva") == []
    assert suggested(api_client, "starte") == [("skill", "Sourdoughery", 1)]
    alias.delete()
    assert suggested(api_client, "starte") == []


def test_a_skill_with_two_entries_of_its_name_is_renamed_into_one(api_client):
    """Entries of one label under two keys (a key rewritten by an alias edit before entries followed them) merge."""
    from nexus.search.models import Suggestion

    searchable_job(title="Baker", skills=("Sourdoughery",))
    Suggestion.objects.create(kind="skill", label="Sourdoughery", key="sourdoughery levain", popularity=2)
    skill = skill_named("Sourdoughery")
    skill.name = "Levainery"
    skill.save()
    assert suggested(api_client, "levainer") == [("skill", "Levainery", 3)]
