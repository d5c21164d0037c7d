"""One seed run: optional reset, taxonomy, people, companies, jobs, statistics; all in one transaction."""

import random
import time
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from nexus.accounts.models import EmployerProfile, Role, SeekerProfile, SeekerSkill, User
from nexus.companies.models import Company, CompanyMember
from nexus.jobs.models import Job, JobSkill
from nexus.search.document import documents_defer, documents_resume, search_backfill, search_lists_rebuild
from nexus.search.models import JobDocument, Lexeme
from nexus.taxonomy.models import Category, Industry, Skill

from . import vocabulary
from .bulk_load import indexes_deferred, should_defer_indexes
from .jobs import JobGenerator, jobs_seed
from .people import (
    SEED_PASSWORD,
    CompanyRef,
    companies_seed,
    employer_profiles_seed,
    seeker_profiles_seed,
    users_seed,
)
from .places import Places, places_load
from .reset import seed_reset
from .taxonomy import TaxonomyRefs, taxonomy_ensure

Log = Callable[[str], None]
# The tables whose indexes and foreign keys a bulk load builds at the end (not the users: logins go on).
BULK_LOADED = (EmployerProfile, SeekerProfile, SeekerSkill, Company, CompanyMember, Job, JobSkill)


@dataclass(frozen=True)
class SeedCounts:
    jobs: int
    companies: int
    employers: int
    seekers: int

    @classmethod
    def for_jobs(
        cls, jobs: int, *, companies: int | None = None, employers: int | None = None, seekers: int | None = None
    ) -> "SeedCounts":
        """Defaults in a real board's proportions: about 40 jobs per company, an employer each, 10 jobs per seeker."""
        companies = companies if companies is not None else max(3, min(jobs // 40, 25_000))
        employers = employers if employers is not None else max(1, companies)
        seekers = seekers if seekers is not None else max(5, min(jobs // 10, 100_000))
        return cls(jobs=jobs, companies=companies, employers=employers, seekers=seekers)

    def check(self) -> None:
        if self.jobs and not self.companies:
            raise ValueError("Jobs need at least one company.")
        if self.companies and not self.employers:
            raise ValueError("Companies need at least one employer to own them.")


def posted_currencies() -> tuple[list[str], str]:
    """The currencies jobs post salaries in (those with an exchange rate) and the one for everywhere else."""
    base = settings.BASE_CURRENCY.upper()
    rates = {code.upper() for code in settings.EXCHANGE_RATES} | {base}
    posted = [code for code in vocabulary.TYPICAL_YEARLY_PAY if code in rates]
    if not posted:
        raise ValueError(
            f"None of {', '.join(vocabulary.TYPICAL_YEARLY_PAY)} has an exchange rate: see EXCHANGE_RATES."
        )
    return posted, "USD" if "USD" in posted else posted[0]


def stamped(log: Log, started: float) -> Log:
    """The log with the time since the start in front of each line."""
    return lambda line: log(f"[{time.monotonic() - started:6.1f} s] {line}")


def analyze() -> None:
    """The planner's statistics of the tables the seed filled, the search documents and lexicon that their
    triggers wrote too: a search's count of many matches is estimated from them (search/facets.py)."""
    tables = (
        Job, JobSkill, Company, CompanyMember, User, SeekerProfile, SeekerSkill, Category, Industry, Skill,
        JobDocument, Lexeme,
    )  # fmt: skip
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {', '.join(quote(model._meta.db_table) for model in tables)}")


def people_seed(
    *, rng: random.Random, counts: SeedCounts, taxonomy: TaxonomyRefs, places: Places, now: datetime, log: Log
) -> list[CompanyRef]:
    """Employers and seekers with their profiles, and the companies the employers own."""
    password_hash = make_password(SEED_PASSWORD)  # once: hashing per user would take hours
    employers = users_seed(rng=rng, count=counts.employers, role=Role.EMPLOYER, now=now, password_hash=password_hash)
    employer_profiles_seed(rng=rng, user_ids=employers, now=now)
    seekers = users_seed(rng=rng, count=counts.seekers, role=Role.SEEKER, now=now, password_hash=password_hash)
    seeker_profiles_seed(rng=rng, user_ids=seekers, taxonomy=taxonomy, places=places, now=now)
    log(f"Users: {counts.employers:,} employers and {counts.seekers:,} seekers with profiles.")
    companies = companies_seed(
        rng=rng, count=counts.companies, owner_ids=employers, taxonomy=taxonomy, places=places, now=now
    )
    log(f"Companies: {len(companies):,}.")
    return companies


def seed_scale_data(
    *, counts: SeedCounts, seed: int = 42, reset: bool = False, defer_indexes: bool | None = None, log: Log = print
) -> dict[str, int]:
    """Fills the database in one transaction (all or nothing); returns how many rows of each kind it added.

    `defer_indexes` (default: when the jobs to add are many, see bulk_load) builds the indexes and
    foreign keys of the tables the seed fills once at the end, instead of maintaining them row by row.
    """
    counts.check()
    started = time.monotonic()
    log = stamped(log, started)
    with transaction.atomic():
        if reset:
            seed_reset(log)
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")  # a crash may lose the seed, never consistency
        now = timezone.now().replace(microsecond=0)
        # The last job id goes into the seed so that a run without --reset does not repeat the previous uuids.
        last_job_id = Job.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        rng = random.Random(f"{seed}:{last_job_id}")  # noqa: S311 - reproducible data, not secrets
        taxonomy = taxonomy_ensure()
        log(f"Taxonomy: jobs go under {len(taxonomy.leaves)} categories, {len(taxonomy.industry_ids)} industries.")
        places = places_load(*posted_currencies())
        if defer_indexes is None:
            defer_indexes = should_defer_indexes(Job, counts.jobs)
        job_skills = 0
        if defer_indexes:
            documents_defer()  # built once at the end, not per COPY batch by the search triggers
        with indexes_deferred(BULK_LOADED, log=log) if defer_indexes else nullcontext():
            companies = people_seed(rng=rng, counts=counts, taxonomy=taxonomy, places=places, now=now, log=log)
            if counts.jobs:
                generator = JobGenerator(
                    rng=rng, now=now, taxonomy=taxonomy, companies=companies, places=places, total=counts.jobs
                )
                # Only tables emptied in this transaction may take frozen rows.
                _, job_skills = jobs_seed(generator=generator, count=counts.jobs, log=log, freeze=reset)
        if defer_indexes:
            documents_resume()
            log("Search documents ...")
            search_backfill(log=log)
        else:
            search_lists_rebuild()
        log("Analyzing ...")
        analyze()
        log("Committing ...")
    log("Done.")
    return {
        "jobs": counts.jobs,
        "job skills": job_skills,
        "companies": counts.companies,
        "employers": counts.employers,
        "seekers": counts.seekers,
    }
