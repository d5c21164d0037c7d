"""Each job's search document follows every change that shows in it; the backfill rebuilds them all."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from nexus.companies.models import Company
from nexus.jobs.choices import EmploymentType, ExperienceLevel, RemoteType
from nexus.jobs.models import JobSkill
from nexus.search.document import documents_defer, documents_resume
from nexus.search.models import JobDocument, Lexeme, SearchTerm, Suggestion
from nexus.search.recent import RECENT_INDEXES, recent_tiers
from nexus.search.sql import FIELD_WORDS, FILTER_MARKERS, field_marker
from nexus.taxonomy.services import category_update, skill_update

from .factories import CategoryFactory, CompanyFactory, IndustryFactory, JobFactory
from .factories_search import searchable_job, skill_named

pytestmark = pytest.mark.django_db


def matches(job, words: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT document @@ plainto_tsquery('english', %s) FROM search_jobdocument WHERE job_id = %s",
            [words, job.pk],
        )
        row = cursor.fetchone()
    return bool(row and row[0])


def weight_of(job, word: str) -> str:
    document = JobDocument.objects.get(job=job).document
    entry = next(part for part in document.split() if part.startswith(f"'{word}':"))
    first_position = entry.split(":")[1].split(",")[0]
    return "".join(char for char in first_position if char.isalpha()) or "D"  # D is written as no letter


def test_a_new_job_has_a_weighted_document():
    category = CategoryFactory(name="Hospitality")
    company = CompanyFactory(name="Zebra Foods")
    job = searchable_job(
        title="Sous Chef", description="Plan the menus.", skills=("Pastry",), company=company, category=category
    )
    row = JobDocument.objects.get(job=job)
    assert row.listed and row.published_at == job.published_at and row.employment_type == job.employment_type
    assert weight_of(job, "chef") == "A"
    assert weight_of(job, "pastri") == "B"
    assert weight_of(job, "zebra") == "C"
    assert weight_of(job, "hospit") == "C"
    assert weight_of(job, "menus") == "D" or weight_of(job, "menu") == "D"


def test_a_job_edit_updates_its_document_and_only_its_own():
    job = JobFactory(title="Python Developer")
    other = JobFactory(title="Python Tester")
    JobDocument.objects.filter(job=other).update(document="")  # so that a refresh of it would show
    job.title = "Ruby Developer"
    job.save()
    assert matches(job, "ruby") and not matches(job, "python")
    assert JobDocument.objects.get(job=other).document == ""


def test_status_changes_update_the_listed_flag():
    job = JobFactory(title="Python Developer")
    job.status = "closed"
    job.save(update_fields=["status"])
    assert JobDocument.objects.get(job=job).listed is False


def test_company_rename_and_moderation_reach_its_jobs():
    company = CompanyFactory(name="Acme")
    job = JobFactory(company=company)
    company.name = "Globex"
    company.save()
    assert matches(job, "globex") and not matches(job, "acme")
    Company.objects.filter(pk=company.pk).update(moderation_status="pending")
    assert JobDocument.objects.get(job=job).listed is False


def test_category_rename_reaches_its_jobs():
    category = CategoryFactory(name="Gardening")
    job = JobFactory(category=category)
    category_update(category=category, name="Landscaping")
    assert matches(job, "landscaping") and not matches(job, "gardening")


def test_skills_added_removed_and_renamed():
    job = JobFactory(title="Developer")
    skill = skill_named("Elm")
    JobSkill.objects.bulk_create([JobSkill(job=job, skill=skill)])  # no signals: the trigger still sees it
    assert matches(job, "elm")
    skill_update(skill=skill, name="Elmish")
    assert matches(job, "elmish")
    JobSkill.objects.filter(job=job).delete()
    assert not matches(job, "elmish")


def markers_of(job, *, of: tuple[str, ...] = ()) -> set[str]:
    """The markers of the job's document (its lexemes that no text makes: sql.field_marker), or those `of` these
    columns."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT array(SELECT lexeme FROM unnest(document) WHERE lexeme LIKE '#%%') FROM search_jobdocument "
            "WHERE job_id = %s",
            [job.pk],
        )
        markers = set(cursor.fetchone()[0])
    return {marker for marker in markers if not of or marker[1:].split("=")[0] in of}


def test_a_document_holds_markers_of_its_skills_company_industry_and_accepted_countries():
    industry = IndustryFactory()
    job = searchable_job(
        skills=("Elm", "Rust"), industry=industry, remote_type="remote", remote_countries=["KE", "DE"], city="Kisumu"
    )
    skills = {skill_named(name).pk for name in ("Elm", "Rust")}
    assert markers_of(job, of=FILTER_MARKERS) == {
        *(f"#skill={pk}" for pk in skills),
        f"#company={job.company_id}",
        f"#industry={industry.pk}",
        "#remote_country=KE",
        "#remote_country=DE",
        "#city=KISUMU",
    }
    # a remote job naming no country accepts any; a job not remote accepts none
    anywhere = searchable_job(remote_type="remote", remote_countries=[])
    assert markers_of(anywhere, of=("remote_country",)) == {"#remote_country=any"}
    on_site = searchable_job(remote_type="onsite", remote_countries=["KE"])
    assert markers_of(on_site, of=("remote_country",)) == set()


def test_the_category_markers_name_the_categories_above_and_follow_a_move():
    top, other = CategoryFactory(name="Engineering"), CategoryFactory(name="Operations")
    middle = CategoryFactory(name="Software", parent=top)
    leaf = CategoryFactory(name="Backend", parent=middle)
    job = searchable_job(category=leaf)
    assert markers_of(job, of=("category",)) == {f"#category={c.pk}" for c in (top, middle, leaf)}
    category_update(category=middle, parent=other)  # the subtree moves: the leaf's path changes too
    assert markers_of(job, of=("category",)) == {f"#category={c.pk}" for c in (other, middle, leaf)}


def test_the_markers_follow_the_industry_and_accepted_countries():
    job = searchable_job(remote_type="remote", remote_countries=["KE"])
    industry = IndustryFactory()
    job.industry = industry
    job.remote_countries = ["DE"]
    job.save(update_fields=["industry", "remote_countries"])
    assert {f"#industry={industry.pk}", "#remote_country=DE"} <= markers_of(job)
    assert "#remote_country=KE" not in markers_of(job)


def test_a_document_holds_markers_of_its_regions_and_of_those_a_remote_job_accepts_applicants_from():
    job = searchable_job(country="DE", city="Berlin", remote_type="remote", remote_countries=["KE", "NG", "BR"])
    assert markers_of(job, of=("region", "remote_region")) == {
        "#region=europe",
        "#region=emea",
        "#remote_region=africa",
        "#remote_region=emea",
        "#remote_region=americas",
        "#remote_region=latam",
        "#remote_region=latin america",
        "#remote_region=south america",
    }
    # a job not remote accepts none; the markers follow the job's country and accepted countries
    job.country, job.remote_type = "JP", "onsite"
    job.save(update_fields=["country", "remote_type"])
    assert markers_of(job, of=("region", "remote_region")) == {"#region=asia", "#region=apac"}
    job.remote_type, job.remote_countries = "remote", ["AE"]
    job.save(update_fields=["remote_type", "remote_countries"])
    assert markers_of(job, of=("remote_region",)) == {
        "#remote_region=asia",
        "#remote_region=apac",
        "#remote_region=emea",
        "#remote_region=middle east",
    }


def test_a_deleted_job_takes_its_document_along():
    job = JobFactory(status="draft", published_at=None)
    job.delete()
    assert not JobDocument.objects.filter(job_id=job.pk).exists()


def test_a_document_says_the_job_fields_in_words_at_the_lowest_weight():
    job = searchable_job(
        title="Nurse", description="Care for patients.", employment_type="part_time", remote_type="hybrid",
        experience_level="entry",
    )  # fmt: skip
    assert weight_of(job, "part-tim") == "D" and weight_of(job, "parttim") == "D"
    assert weight_of(job, "hybrid") == "D"
    assert weight_of(job, "entry-level") == "D"
    job.employment_type, job.remote_type = "contract", "remote"
    job.save()
    assert matches(job, "contract") and matches(job, "remote") and not matches(job, "hybrid")


def test_a_document_holds_a_marker_of_each_field_that_no_text_makes():
    job = searchable_job(title="Nurse", description="#employment_type=contract", employment_type="part_time")
    expected = {("employment_type", "part_time"), ("remote_type", "onsite"), ("experience_level", "mid")}
    assert markers_of(job, of=tuple(FIELD_WORDS)) == {field_marker(column, value) for column, value in expected}
    job.employment_type = "contract"
    job.save()
    assert field_marker("employment_type", "contract") in markers_of(job)
    assert field_marker("employment_type", "part_time") not in markers_of(job)


def test_a_document_holds_its_country_names_at_the_lowest_weight():
    job = searchable_job(title="Nurse", city="Leeds", country="GB")
    assert weight_of(job, "uk") == "D" and weight_of(job, "kingdom") == "D" and weight_of(job, "britain") == "D"
    job.country = "IE"
    job.save()
    assert matches(job, "ireland") and not matches(job, "uk")


@pytest.mark.parametrize(
    ("column", "choices"),
    [("employment_type", EmploymentType), ("remote_type", RemoteType), ("experience_level", ExperienceLevel)],
)
def test_every_choice_of_a_field_has_its_words(column, choices):
    assert set(FIELD_WORDS[column]) == set(choices.values)


def test_deferred_writes_leave_documents_to_the_backfill():
    documents_defer()
    job = JobFactory(title="Deferred Developer")
    documents_resume()
    assert not JobDocument.objects.filter(job=job).exists()
    call_command("search_backfill", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert matches(job, "deferred")


def test_the_backfill_rebuilds_documents_vocabulary_and_suggestions():
    job = searchable_job(title="Kotlin Developer", skills=("Kubernetes",), company=CompanyFactory(name="Initech"))
    JobDocument.objects.all().delete()
    SearchTerm.objects.all().delete()
    Suggestion.objects.all().delete()
    call_command("search_backfill", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert matches(job, "kotlin")
    assert SearchTerm.objects.filter(word="kubernetes", jobs=1).exists()
    # cities' words count their listed jobs too, so misspellings are corrected to them; companies' words do not
    # (Works, Homes, Group: corrections that would rarely be meant)
    assert SearchTerm.objects.filter(word="berlin", jobs=1).exists()
    assert SearchTerm.objects.filter(word="initech", jobs=0).exists()
    assert set(Suggestion.objects.values_list("kind", "label", "popularity")) >= {
        ("title", "Kotlin Developer", 1),
        ("skill", "Kubernetes", 1),
        ("company", "Initech", 1),
        ("place", "Berlin", 1),
    }


def test_the_lexicon_gains_the_lexemes_of_every_refreshed_document():
    job = searchable_job(title="Zymurgist", skills=("Quokkaform",), company=CompanyFactory(name="Xyloplex"))
    assert {"zymurgist", "quokkaform", "xyloplex"} <= set(Lexeme.objects.values_list("lexeme", flat=True))
    job.title = "Brewer"
    job.save()
    assert Lexeme.objects.filter(lexeme="zymurgist").exists()  # kept: a lexeme no document holds matches nothing
    document = set(JobDocument.objects.get(job=job).document.replace("'", " ").split())
    lexicon = set(Lexeme.objects.values_list("lexeme", flat=True))
    assert "brewer" in lexicon and all(word in lexicon for word in document if word.isalpha())


def test_the_backfill_rebuilds_the_lexicon_from_the_documents():
    job = searchable_job(title="Zymurgist")
    job.title = "Brewer"
    job.save()
    Lexeme.objects.filter(lexeme="brewer").delete()
    call_command("search_backfill", stdout=open("/dev/null", "w"))  # noqa: SIM115
    lexicon = set(Lexeme.objects.values_list("lexeme", flat=True))
    assert "brewer" in lexicon and "zymurgist" not in lexicon
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(DISTINCT l) FROM search_jobdocument, unnest(tsvector_to_array(document)) l")
        assert len(lexicon) == cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_concurrent_refreshes_adding_the_same_new_lexemes_both_commit():
    """The second waits for the first's lexemes (a conflict on the primary key), then adds nothing twice; both
    add theirs in code point order, so neither can wait for the other while holding what the other waits for."""
    import threading
    import time

    from django.db import transaction

    company = CompanyFactory()
    first_added, errors, waited, jobs = threading.Event(), [], [], []

    def first() -> None:
        try:
            with transaction.atomic():
                jobs.append(JobFactory(company=company, title="Quillwright Zephyrologist"))
                first_added.set()
                time.sleep(0.5)  # the second's refresh now waits on these lexemes
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    def second() -> None:
        try:
            first_added.wait(timeout=10)
            started = time.monotonic()
            with transaction.atomic():
                jobs.append(JobFactory(company=company, title="Zephyrologist Quillwright"))
            waited.append(time.monotonic() - started)
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == [] and waited and waited[0] >= 0.3
    assert Lexeme.objects.filter(lexeme__in=["quillwright", "zephyrologist"]).count() == 2
    assert len(jobs) == 2 and all(matches(job, "quillwright zephyrologist") for job in jobs)


def index_definitions() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'search_jobdocument'")
        return dict(cursor.fetchall())


def test_the_backfill_rebuilds_the_indexes_as_the_migrations_made_them():
    migrated = index_definitions()
    call_command("search_backfill", stdout=open("/dev/null", "w"))  # noqa: SIM115
    rebuilt = index_definitions()
    assert rebuilt.keys() == migrated.keys()
    assert {name: rebuilt[name] for name in rebuilt if name not in RECENT_INDEXES} == {
        name: migrated[name] for name in migrated if name not in RECENT_INDEXES
    }
    assert "(document, employment_type, experience_level, remote_type, country)" in migrated["search_document_words"]


def test_the_backfill_moves_the_recent_tiers_to_the_newest_of_its_documents():
    now = timezone.now().replace(microsecond=0)
    for day in range(10):
        searchable_job(title=f"Nurse {day}", published_at=now - timedelta(days=day))
    recent_tiers()  # kept before the backfill
    call_command("search_backfill", stdout=open("/dev/null", "w"))  # noqa: SIM115
    # the newest tenth and three tenths of 10 documents: today's one, and since two days ago
    assert [(tier.cutoff, tier.documents) for tier in recent_tiers()] == [
        (now - timedelta(days=0), 1),
        (now - timedelta(days=2), 3),
    ]


def test_a_bulk_seed_builds_every_document_once_at_the_end():
    from nexus.jobs.models import Job
    from nexus.jobs.seeding import SeedCounts, seed_scale_data

    seed_scale_data(counts=SeedCounts.for_jobs(120), reset=True, defer_indexes=True, log=lambda line: None)
    assert JobDocument.objects.count() == Job.objects.count() == 120
    job = Job.objects.order_by("?").first()
    assert matches(job, job.title)
    assert Suggestion.objects.filter(kind="title").exists() and SearchTerm.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_edits_leave_the_document_of_the_last_one():
    from rest_framework.test import APIClient

    from nexus.accounts.services import tokens_issue
    from nexus.jobs.models import Job

    from .concurrency import run_concurrently
    from .factories import CompanyMemberFactory, EmployerFactory

    # given a published job and its company's employer
    employer = EmployerFactory()
    job = JobFactory(title="Original Title")
    CompanyMemberFactory(company=job.company, user=employer, role="owner")
    token = tokens_issue(user=employer)["access"]
    words = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot"]

    def rename(index: int):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
        return client.patch(f"/api/v1/jobs/{job.pk}/", {"title": f"{words[index]} Engineer"}, format="json")

    # when six edits race
    results = run_concurrently(len(words), rename)

    # then each was applied in turn, and the document is the one of the title that stayed
    assert [status for status, _ in results] == [200] * len(words)
    final = Job.objects.get(pk=job.pk).title
    assert matches(job, final)
    assert not any(matches(job, f"{word} Engineer") for word in words if f"{word} Engineer" != final)
    found = APIClient().get("/api/v1/jobs/search/", {"q": final}).json()["results"]
    assert [row["id"] for row in found] == [job.pk]


def test_a_weighted_tsquery_matches_where_those_parts_alone_answer_the_query():
    """The same answer as filtering the document to those weights first, which copies it for each row."""
    from nexus.search.ranking import weighted

    document = (
        "setweight(to_tsvector('english', 'Data Engineer'), 'A') || setweight(to_tsvector('english', 'python'), 'B')"
    )
    queries = ["'data' <-> 'engin'", "'python' & 'data'", "'python':*", "!'python' & 'data'", "'engin' <-> 'data'"]
    # of the title already (`title:`): those of its weights asked, not a second label
    queries += ["'python':A", "'data':*A & 'python':AB"]
    answers = set()
    with connection.cursor() as cursor:
        for query in queries:
            for weights, filtered in (("A", "{a}"), ("AB", "{a,b}")):
                cursor.execute(
                    f"SELECT ts_filter({document}, %s) @@ %s::tsquery, {document} @@ %s::tsquery",
                    [filtered, query, weighted(query, weights)],
                )
                copied, restricted = cursor.fetchone()
                assert copied == restricted, (query, weights)
                answers.add(restricted)
    assert answers == {True, False}


def test_the_plpgsql_cjk_bigrams_read_text_as_the_sql_function_did():
    from nexus.search.sql import cjk_bigrams_function

    texts = [
        "ソフトウェア開発者",
        "Python開発 engineer",
        "개발자 서울",
        "工程师",
        "x 開 y",
        "ｶﾀｶﾅ テスト",
        "café",
        "a",
        "",
    ]
    before = cjk_bigrams_function(since=10).replace("search_cjk_bigrams(text)", "search_cjk_bigrams_before(text)")
    with connection.cursor() as cursor:
        cursor.execute(before)
        cursor.execute("SELECT search_cjk_bigrams(t), search_cjk_bigrams_before(t) FROM unnest(%s::text[]) t", [texts])
        rows = cursor.fetchall()
    assert [now for now, _ in rows] == [was for _, was in rows]
    assert rows[0][0] == "ソフ フト トウ ウェ ェア ア開 開発 発者"
