"""Job rows and their skills: lifecycle, places, salaries, counters and texts that look like a real board's."""

import math
import random
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from itertools import accumulate
from typing import Any

from django.utils.text import slugify
from psycopg.types.json import Jsonb

from nexus.core.moderation import ModerationStatus
from nexus.jobs.choices import EmploymentType, ExperienceLevel, JobStatus, RemoteType, SalaryPeriod, SkillRequirement
from nexus.jobs.models import Job, JobSkill
from nexus.jobs.salary import PERIODS_PER_YEAR, salary_to_yearly_base

from . import text, vocabulary
from .copy import copy_rows, reserve_ids
from .people import CompanyRef
from .places import Place, Places
from .taxonomy import CategoryRef, TaxonomyRefs

BATCH_SIZE = 50_000
PROGRESS_EVERY = 50_000
PUBLISHED_WINDOW = timedelta(days=120)
DAY = 86400.0

Row = tuple[Any, ...]


def bag(**weights: int) -> tuple[str, ...]:
    """A tuple in which each value appears `weight` times: `rng.choice(bag)` is a cheap weighted draw."""
    return tuple(value for value, weight in weights.items() for _ in range(weight))


STATUSES = bag(published=85, closed=7, draft=5, archived=3)
PUBLISHED_MODERATION = bag(approved=97, pending=2, rejected=1)
EMPLOYMENT_TYPES = bag(full_time=62, contract=12, part_time=9, temporary=6, freelance=6, internship=5)
LEVELS = bag(entry=18, mid=38, senior=28, lead=10, executive=6)
REMOTE_TYPES = bag(onsite=62, hybrid=23, remote=15)
REMOTE_TYPES_REMOTE_FRIENDLY = bag(onsite=35, hybrid=30, remote=35)
PERIODS: dict[str, tuple[str, ...]] = {
    EmploymentType.FULL_TIME: bag(year=65, month=29, week=2, hour=4),
    EmploymentType.PART_TIME: bag(hour=70, week=10, month=20),
    EmploymentType.CONTRACT: bag(day=35, hour=35, month=20, year=10),
    EmploymentType.TEMPORARY: bag(hour=50, day=20, week=20, month=10),
    EmploymentType.INTERNSHIP: bag(month=80, hour=15, week=5),
    EmploymentType.FREELANCE: bag(hour=60, day=25, week=5, month=10),
}

JOB_FIELDS = (
    "id", "reference", "slug", "company_id", "posted_by_id", "title", "description", "requirements",
    "responsibilities", "benefits", "category_id", "industry_id", "city", "region", "country", "latitude",
    "longitude", "remote_type", "remote_countries", "employment_type", "experience_level", "salary_min",
    "salary_max", "salary_currency", "salary_period", "salary_yearly_min", "salary_yearly_max",
    "application_deadline", "screening_questions", "status", "moderation_status", "moderation_reason",
    "published_at", "closed_at", "featured_until", "is_featured", "views_count", "saves_count",
    "applications_count", "trending_score", "created_at", "updated_at",
)  # fmt: skip
JOB_SKILL_FIELDS = ("job_id", "skill_id", "requirement", "level")
NO_SALARY = (None, None, "", "", 0, 0)
BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def base36(number: int) -> str:
    digits = ""
    while True:
        number, rest = divmod(number, 36)
        digits = BASE36[rest] + digits
        if not number:
            return digits


def nice_amount(value: float) -> Decimal:
    """A round posted amount: three significant digits from 100 up, else to the half unit."""
    if value >= 100:
        step = 10 ** (int(math.log10(value)) - 2)
        return Decimal(round(value / step) * step)
    return Decimal(max(round(value * 2) / 2, 0.5)).quantize(Decimal("0.01"))


class JobGenerator:
    """Makes job rows and their skill rows; every draw comes from `rng`, so a seed gives the same jobs."""

    def __init__(
        self,
        *,
        rng: random.Random,
        now: datetime,
        taxonomy: TaxonomyRefs,
        companies: Sequence[CompanyRef],
        places: Places,
        total: int,
    ) -> None:
        self.rng, self.now, self.taxonomy, self.places = rng, now, taxonomy, places
        self.companies = companies
        # A few companies post far more than most (a Zipf-like spread).
        self.company_weights = tuple(accumulate(1 / (rank + 1) ** 0.8 for rank in range(len(companies))))
        # Each job of the run owns one slot of the window, so no two publication times are equal.
        self.window_start = now - PUBLISHED_WINDOW
        self.slot_seconds = PUBLISHED_WINDOW.total_seconds() / max(total, 1)
        self.title_slugs: dict[str, str] = {}
        self.skill_orders = {leaf.id: text.Shuffles(leaf.skill_ids, seed=leaf.id) for leaf in taxonomy.leaves}
        self.countries = places.countries
        # One job in five asks screening questions, from a few fixed sets.
        questions = vocabulary.SCREENING_QUESTIONS
        self.no_questions = Jsonb([])
        self.screening_sets = tuple(
            Jsonb(random.Random(n).sample(questions, 1 + n % 3))  # noqa: S311 - not secret
            for n in range(8)
        )

    def batch(self, job_ids: Sequence[int], first_slot: int, skill_rows: list[Row]) -> Iterator[Row]:
        """Job rows, lazily (COPY sends them while the next ones are made); their skills go to `skill_rows`."""
        rng = self.rng
        count = len(job_ids)
        companies = rng.choices(self.companies, cum_weights=self.company_weights, k=count)
        elsewhere = self.places.draw(rng, count)
        slots = list(range(first_slot, first_slot + count))
        rng.shuffle(slots)  # ids and publication times agree only roughly, as on a real board
        for job_id, company, other_place, slot in zip(job_ids, companies, elsewhere, slots, strict=True):
            place = company.home if rng.random() < 0.6 else other_place
            yield self.job(job_id, company, place, slot, skill_rows)

    def job(self, job_id: int, company: CompanyRef, place: Place, slot: int, skill_rows: list[Row]) -> Row:
        rng = self.rng
        leaf = rng.choice(self.taxonomy.leaves)
        category_id = leaf.parent_id if leaf.parent_id and rng.random() < 0.08 else leaf.id
        industry_id = company.industry_id if rng.random() < 0.85 else rng.choice(self.taxonomy.industry_ids)
        employment_type = rng.choice(EMPLOYMENT_TYPES)
        level = ExperienceLevel.ENTRY if employment_type == EmploymentType.INTERNSHIP else rng.choice(LEVELS)
        remote_type = rng.choice(REMOTE_TYPES_REMOTE_FRIENDLY if leaf.remote_friendly else REMOTE_TYPES)
        title = text.job_title(rng, roles=leaf.roles, area=leaf.area, level=level, employment_type=employment_type)
        skills = [self.taxonomy.skill_names[pk] for pk in self.job_skills(job_id, leaf, level, skill_rows)]
        area = leaf.area
        description = text.job_description(
            rng,
            company=company.name,
            industry=self.taxonomy.industry_names[company.industry_id],
            size=company.size,
            founded=company.founded,
            title=title,
            area=area,
            city=place.city,
            place=f"{place.city}, {place.country_name}",
            remote_type=remote_type,
            skills=skills,
        )
        salary = self.salary(leaf, level, employment_type, place, remote_type)
        (status, moderation, reason, published_at, closed_at, featured_until, deadline, created_at, updated_at) = (
            self.lifecycle(slot)
        )
        featured = featured_until is not None
        counters = self.counters(published_at, featured) if published_at else (0, 0, 0, 0.0)
        return (
            job_id, uuid.UUID(int=rng.getrandbits(128), version=4), f"{self.title_slug(title)}-{base36(job_id)}",
            company.id, company.owner_id, title, description,
            text.job_requirements(rng, area=area, level=level, skills=skills),
            text.job_responsibilities(rng, area=area, skills=skills), text.job_benefits(rng),
            category_id, industry_id, place.city, place.region, place.country, place.latitude, place.longitude,
            remote_type, self.remote_countries(remote_type, place), employment_type, level, *salary, deadline,
            rng.choice(self.screening_sets) if rng.random() < 0.2 else self.no_questions, status, moderation, reason,
            published_at, closed_at, featured_until, featured, *counters, created_at, updated_at,
        )  # fmt: skip

    def title_slug(self, title: str) -> str:
        slug = self.title_slugs.get(title)
        if slug is None:
            slug = self.title_slugs[title] = slugify(title)[:200] or "job"
        return slug

    def job_skills(self, job_id: int, leaf: CategoryRef, level: str, skill_rows: list[Row]) -> list[int]:
        """2 to 6 distinct skills, mostly of the field; the first ones required at the job's level."""
        rng = self.rng
        chosen = list(self.skill_orders[leaf.id].draw(rng, rng.randint(2, 6)))
        if len(chosen) < 6 and rng.random() < 0.3:
            general = rng.choice(self.taxonomy.general_skill_ids)
            if general not in chosen:
                chosen.append(general)
        required = max(1, math.ceil(len(chosen) * 0.6))
        for position, skill_id in enumerate(chosen):
            if position < required:
                skill_rows.append((job_id, skill_id, SkillRequirement.REQUIRED, level))
            else:
                skill_rows.append((job_id, skill_id, SkillRequirement.NICE_TO_HAVE, ""))
        return chosen

    def salary(self, leaf: CategoryRef, level: str, employment_type: str, place: Place, remote_type: str) -> Row:
        """(min, max, currency, period, yearly min, yearly max); about one job in six posts no salary."""
        rng = self.rng
        if rng.random() < 0.17:
            return NO_SALARY
        fallback = self.places.fallback_currency  # USD unless EXCHANGE_RATES lacks it
        currency = fallback if remote_type == RemoteType.REMOTE and rng.random() < 0.6 else place.currency
        yearly: float = vocabulary.TYPICAL_YEARLY_PAY[currency]
        if not (currency == place.currency and place.currency_is_local):  # a foreign currency, at local levels
            yearly *= 0.8 if remote_type == RemoteType.REMOTE else vocabulary.CONTINENT_PAY.get(place.continent, 0.5)
        level_pay = 0.35 if employment_type == EmploymentType.INTERNSHIP else vocabulary.LEVEL_PAY[level]
        yearly *= leaf.pay * level_pay * rng.lognormvariate(0, 0.2)
        period = rng.choice(PERIODS[employment_type])
        per_period = yearly / PERIODS_PER_YEAR[period]
        if employment_type == EmploymentType.PART_TIME and period in (SalaryPeriod.WEEK, SalaryPeriod.MONTH):
            per_period *= 0.5
        low = nice_amount(per_period * rng.uniform(0.85, 1.0))
        high = low if rng.random() < 0.05 else max(low, nice_amount(float(low) * rng.uniform(1.1, 1.5)))
        return (
            low,
            high,
            currency,
            period,
            salary_to_yearly_base(low, currency, period),
            salary_to_yearly_base(high, currency, period),
        )

    def lifecycle(self, slot: int) -> tuple[Any, ...]:
        """(status, moderation, reason, published, closed, featured until, deadline, created, updated)."""
        rng, now = self.rng, self.now
        status = rng.choice(STATUSES)
        moderation, reason = ModerationStatus.APPROVED, ""
        published_at = closed_at = featured_until = deadline = None
        if status == JobStatus.DRAFT:
            created_at = now - timedelta(seconds=rng.uniform(0, 30 * DAY))
            if rng.random() < 0.3:
                deadline = now + timedelta(seconds=rng.uniform(14 * DAY, 90 * DAY))
            return status, moderation, reason, None, None, None, deadline, created_at, created_at
        published_at = min(self.window_start + timedelta(seconds=(slot + rng.random()) * self.slot_seconds), now)
        created_at = published_at - timedelta(seconds=rng.uniform(60, 3 * DAY))
        age = now - published_at
        if status == JobStatus.PUBLISHED:
            moderation = rng.choice(PUBLISHED_MODERATION)
            if moderation == ModerationStatus.REJECTED:
                reason = rng.choice(vocabulary.MODERATION_REJECTION_REASONS)
            draw = rng.random()
            if draw < 0.45:
                deadline = now + timedelta(seconds=rng.uniform(3 * DAY, 90 * DAY))
            elif draw < 0.50:
                deadline = published_at + age * rng.random()  # expired, not yet swept
            if moderation == ModerationStatus.APPROVED and rng.random() < 0.03:
                featured_until = now + timedelta(seconds=rng.uniform(DAY, 30 * DAY))
            return status, moderation, reason, published_at, None, featured_until, deadline, created_at, published_at
        closed_at = published_at + age * rng.uniform(0.3, 1.0)
        if rng.random() < 0.5:
            deadline = closed_at
        return status, moderation, reason, published_at, closed_at, None, deadline, created_at, closed_at

    def counters(self, published_at: datetime, featured: bool) -> tuple[int, int, int, float]:
        """Views, saves, applications and a trending score that favours recent, popular jobs."""
        rng = self.rng
        age_days = (self.now - published_at).total_seconds() / DAY
        views = int(rng.expovariate(1 / (30 + 5 * min(age_days, 60))) * (3 if featured else 1))
        saves = int(views * rng.random() * 0.06)
        applications = int(views * rng.random() * 0.12)
        trending = round((views + 4 * saves + 8 * applications) / (age_days + 2) ** 1.3, 4)
        return views, saves, applications, trending

    def remote_countries(self, remote_type: str, place: Place) -> list[str]:
        if remote_type != RemoteType.REMOTE:
            return []
        draw = self.rng.random()
        if draw < 0.35:
            return []  # anywhere
        if draw < 0.75:
            return [place.country]
        return sorted({place.country, *self.rng.sample(self.countries, self.rng.randint(1, 4))})


def jobs_seed(
    *, generator: JobGenerator, count: int, log: Callable[[str], None], freeze: bool = False
) -> tuple[int, int]:
    """COPYs `count` jobs and their skills in batches; returns (jobs, job skills) written."""
    started = time.monotonic()
    jobs_written = skills_written = 0
    next_report = PROGRESS_EVERY
    while jobs_written < count:
        size = min(BATCH_SIZE, count - jobs_written)
        skill_rows: list[Row] = []
        rows = generator.batch(reserve_ids(Job, size), jobs_written, skill_rows)
        jobs_written += copy_rows(Job, JOB_FIELDS, rows, freeze=freeze)
        skills_written += copy_rows(JobSkill, JOB_SKILL_FIELDS, skill_rows, freeze=freeze)
        if jobs_written >= next_report or jobs_written == count:
            elapsed = time.monotonic() - started
            log(f"  jobs: {jobs_written:,}/{count:,} ({jobs_written / max(elapsed, 1e-9):,.0f} rows/s)")
            while next_report <= jobs_written:
                next_report += PROGRESS_EVERY
    return jobs_written, skills_written
