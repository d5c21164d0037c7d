from collections.abc import Iterator
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from nexus.accounts.models import EmployerProfile, Role, SeekerProfile, User
from nexus.companies.models import Company, CompanyMember, MemberRole
from nexus.jobs.choices import JobStatus, RemoteType
from nexus.jobs.models import Job, JobSkill
from nexus.jobs.salary import salary_to_yearly_base
from nexus.jobs.seeding import SEED_EMAIL_DOMAIN, SeedCounts, seed_scale_data
from nexus.jobs.seeding.run import BULK_LOADED
from nexus.taxonomy.models import Category, Industry, Skill

from .factories import SeekerFactory

pytestmark = pytest.mark.django_db


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_jobs", *args, stdout=out)
    return out.getvalue()


def seeded_users():
    return User.objects.filter(email__endswith=f"@{SEED_EMAIL_DOMAIN}")


@pytest.fixture(scope="class")
def board(django_db_setup, django_db_blocker) -> Iterator[SeedCounts]:
    """One seeded board of 300 jobs for the read-only tests of a class, rolled back after them."""
    with django_db_blocker.unblock(), transaction.atomic():
        seed("--jobs", "300")
        yield SeedCounts.for_jobs(300)
        transaction.set_rollback(True)


class TestASeededBoard:
    def test_the_command_creates_the_expected_counts(self, board):
        # given the defaults for 300 jobs: 7 companies, 7 employers, 30 seekers
        assert board == SeedCounts(jobs=300, companies=7, employers=7, seekers=30)
        # then
        assert Job.objects.count() == 300
        assert Company.objects.count() == 7
        assert seeded_users().filter(role=Role.EMPLOYER).count() == 7
        assert seeded_users().filter(role=Role.SEEKER).count() == 30
        assert EmployerProfile.objects.filter(user__in=seeded_users()).count() == 7
        assert SeekerProfile.objects.filter(user__in=seeded_users()).count() == 30
        owners = CompanyMember.objects.filter(role=MemberRole.OWNER)
        assert sorted(owners.values_list("company_id", flat=True)) == sorted(
            Company.objects.values_list("pk", flat=True)
        )
        assert all(company.created_by_id == company.memberships.get(role=MemberRole.OWNER).user_id
                   for company in Company.objects.all())  # fmt: skip
        skills_per_job = Job.objects.annotate(n=Count("job_skills")).values_list("n", flat=True)
        assert min(skills_per_job) >= 2 and max(skills_per_job) <= 6
        assert Category.objects.exists() and Industry.objects.exists() and Skill.objects.exists()

    def test_every_salary_is_normalised_like_the_app_does(self, board):
        with_salary = 0
        for job in Job.objects.all():
            if job.salary_min is None:
                assert (job.salary_max, job.salary_currency, job.salary_period) == (None, "", "")
                assert job.salary_yearly_min == job.salary_yearly_max == 0
                continue
            with_salary += 1
            assert job.salary_max >= job.salary_min > 0
            assert job.salary_yearly_min == salary_to_yearly_base(
                job.salary_min, job.salary_currency, job.salary_period
            )
            assert job.salary_yearly_max == salary_to_yearly_base(
                job.salary_max, job.salary_currency, job.salary_period
            )
        assert with_salary > 200
        assert Job.objects.values("salary_currency").distinct().count() > 3
        assert Job.objects.values("salary_period").distinct().count() >= 4

    def test_places_are_real_and_coordinates_valid(self, board):
        for job in Job.objects.all():
            assert job.city and len(job.country) == 2
            assert -90 <= job.latitude <= 90 and -180 <= job.longitude <= 180
            assert all(len(code) == 2 for code in job.remote_countries)
            if job.remote_type != RemoteType.REMOTE:
                assert job.remote_countries == []
        assert Job.objects.values("country").distinct().count() > 10

    def test_slugs_and_references_are_unique(self, board):
        assert Job.objects.values("slug").distinct().count() == 300
        assert Job.objects.values("reference").distinct().count() == 300
        job = Job.objects.first()
        assert job.slug.startswith(job.title.lower().split()[0])

    def test_texts_and_screening_questions_are_filled(self, board):
        job = Job.objects.exclude(screening_questions=[]).first()
        assert job is not None
        for question in job.screening_questions:
            assert {"key", "label", "type", "required", "choices"} <= set(question)
        assert Job.objects.filter(screening_questions=[]).count() > 150
        assert not Job.objects.filter(description="").exists()
        assert job.description.count("\n\n") == 3 and job.requirements.startswith("- ")

    def test_the_search_estimates_many_matches_from_current_statistics(self, board, api_client, settings):
        # given every open job of the seeded board counted, then a search that reads fewer and estimates the rest
        exact = api_client.get("/api/v1/jobs/search/?page_size=10").json()
        assert exact["count_exact"] is True and exact["count"] > 200
        settings.SEARCH_CANDIDATES = 50
        # when
        estimated = api_client.get("/api/v1/jobs/search/?page_size=11").json()
        # then the estimate rests on the planner's statistics of the search documents, which count them all
        assert estimated["count_exact"] is False
        assert abs(estimated["count"] - exact["count"]) < 0.05 * exact["count"]

    def test_lifecycle_dates_fit_the_status(self, board):
        now = timezone.now()
        published = Job.objects.filter(status=JobStatus.PUBLISHED)
        assert published.count() > 0.7 * 300
        assert not published.filter(published_at__isnull=True).exists()
        assert not Job.objects.filter(status=JobStatus.DRAFT, published_at__isnull=False).exists()
        times = list(Job.objects.filter(published_at__isnull=False).values_list("published_at", flat=True))
        assert len(set(times)) == len(times)
        assert all(now - timedelta(days=121) < moment <= now for moment in times)
        for job in Job.objects.filter(is_featured=True):
            assert job.featured_until > now and job.status == JobStatus.PUBLISHED
        assert not Job.objects.filter(is_featured=False, featured_until__isnull=False).exists()
        for job in Job.objects.filter(status__in=[JobStatus.CLOSED, JobStatus.ARCHIVED]):
            assert job.published_at <= job.closed_at <= now


def test_a_second_run_adds_and_keeps_the_taxonomy():
    # given
    seed("--jobs", "300")
    taxonomy = (Category.objects.count(), Industry.objects.count(), Skill.objects.count())
    # when
    seed("--jobs", "100", "--companies", "2", "--employers", "2", "--seekers", "5")
    # then
    assert Job.objects.count() == 400
    assert Company.objects.count() == 9
    assert seeded_users().count() == 7 + 30 + 2 + 5
    assert (Category.objects.count(), Industry.objects.count(), Skill.objects.count()) == taxonomy


def test_reset_starts_over_with_the_same_data_and_keeps_other_users():
    # given someone who registered, and a seeded board
    someone = SeekerFactory(email="someone@example.com")
    seed("--jobs", "30", "--seed", "7")
    first = list(Job.objects.order_by("pk").values_list("title", "city", "salary_min", "status"))
    # when
    output = seed("--jobs", "30", "--seed", "7", "--reset")
    # then the board is the same again, and the other user is still there
    assert "Reset" in output
    assert list(Job.objects.order_by("pk").values_list("title", "city", "salary_min", "status")) == first
    counts = SeedCounts.for_jobs(30)
    assert Company.objects.count() == counts.companies
    assert seeded_users().count() == counts.employers + counts.seekers
    assert User.objects.filter(pk=someone.pk).exists()
    assert SeekerProfile.objects.filter(user=someone).exists()


def schema_of(*tables: str) -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)
            UNION ALL
            SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid::regclass::text = ANY(%s)
            """,
            [list(tables), list(tables)],
        )
        return sorted(cursor.fetchall())


def test_a_bulk_load_rebuilds_every_index_and_foreign_key():
    # given
    tables = [model._meta.db_table for model in BULK_LOADED]
    before = schema_of(*tables)
    assert len(before) > 40
    # when the indexes are rebuilt at the end, with frozen rows into the freshly truncated tables
    seed_scale_data(counts=SeedCounts.for_jobs(120), reset=True, defer_indexes=True, log=lambda line: None)
    # then
    assert schema_of(*tables) == before
    assert Job.objects.count() == 120
    assert JobSkill.objects.filter(job__in=Job.objects.all()).count() == JobSkill.objects.count() >= 240


def test_the_command_refuses_jobs_without_companies():
    with pytest.raises(CommandError, match="company"):
        seed("--jobs", "10", "--companies", "0")


def test_no_seeded_title_says_its_level_twice():
    """A role that names a level already (Senior Accountant) would read "Junior Senior Accountant" once prefixed."""
    from nexus.jobs.seeding.vocabulary import JOB_PROFILES, LEVEL_TITLE_PREFIXES

    levels = {prefix.split()[0] for prefixes in LEVEL_TITLE_PREFIXES.values() for prefix in prefixes if prefix}
    assert {"Senior", "Junior", "Lead"} <= levels
    named = [role for job_profile in JOB_PROFILES.values() for role in job_profile.roles if role.split()[0] in levels]
    assert named == []
