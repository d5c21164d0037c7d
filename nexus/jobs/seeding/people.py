"""Seeded employers and seekers (with profiles) and the companies the employers own."""

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils.text import slugify

from nexus.accounts.models import EmployerProfile, SeekerProfile, SeekerSkill, User
from nexus.companies.models import Company, CompanyMember, MemberRole
from nexus.core.moderation import ModerationStatus
from nexus.jobs.choices import EmploymentType, RemoteType

from . import text, vocabulary
from .copy import copy_rows, reserve_ids
from .places import Place, Places
from .taxonomy import TaxonomyRefs

SEED_EMAIL_DOMAIN = "seed.nexus-jobs.dev"
SEED_PASSWORD = "seed-pass-2026"  # noqa: S105 - shared by the seeded accounts, printed by `seed_jobs --help`

USER_FIELDS = (
    "id", "password", "is_superuser", "email", "first_name", "last_name", "role", "is_active", "is_staff",
    "email_verified_at", "date_joined", "created_at", "updated_at",
)  # fmt: skip


def users_seed(*, rng: random.Random, count: int, role: str, now: datetime, password_hash: str) -> list[int]:
    """`count` active users of the role who joined over the last two years, sharing one password hash."""
    ids = reserve_ids(User, count)
    rows = []
    for user_id in ids:
        first, last = rng.choice(vocabulary.FIRST_NAMES), rng.choice(vocabulary.LAST_NAMES)
        joined = now - timedelta(seconds=rng.uniform(0, 730 * 86400))
        email = f"{first}.{last}.{user_id}@{SEED_EMAIL_DOMAIN}".lower()
        verified = joined + timedelta(minutes=rng.uniform(1, 600)) if rng.random() < 0.85 else None
        rows.append(
            (user_id, password_hash, False, email, first, last, role, True, False, verified, joined, joined, now)
        )
    copy_rows(User, USER_FIELDS, rows)
    return ids


EMPLOYER_TITLES = ("HR Manager", "Talent Acquisition Lead", "Recruiter", "Founder", "CEO", "Hiring Manager")


def employer_profiles_seed(*, rng: random.Random, user_ids: Sequence[int], now: datetime) -> None:
    rows = ((user_id, rng.choice(EMPLOYER_TITLES), now, now) for user_id in user_ids)
    copy_rows(EmployerProfile, ("user_id", "job_title", "created_at", "updated_at"), rows)


SEEKER_FIELDS = (
    "id", "user_id", "headline", "summary", "city", "country", "years_of_experience", "open_to_work",
    "desired_title", "desired_employment_types", "desired_remote_types", "desired_salary_min",
    "desired_salary_currency", "created_at", "updated_at",
)  # fmt: skip
PROFICIENCIES = ("beginner", "intermediate", "intermediate", "advanced", "advanced", "expert")


def seeker_profiles_seed(
    *, rng: random.Random, user_ids: Sequence[int], taxonomy: TaxonomyRefs, places: Places, now: datetime
) -> None:
    """A profile per seeker, in one field: a headline, preferences and a few of the field's skills."""
    profile_ids = reserve_ids(SeekerProfile, len(user_ids))
    homes = places.draw(rng, len(user_ids))
    profiles, skills = [], []
    for profile_id, user_id, home in zip(profile_ids, user_ids, homes, strict=True):
        field = rng.choice(taxonomy.leaves)
        role = rng.choice(field.roles)
        years = rng.randint(0, 20)
        own_skills = rng.sample(field.skill_ids, min(len(field.skill_ids), rng.randint(2, 5)))
        names = [taxonomy.skill_names[pk] for pk in own_skills]
        wanted_pay = vocabulary.TYPICAL_YEARLY_PAY.get(home.currency, 50_000) * (0.6 + years * 0.06)
        profiles.append(
            (
                profile_id, user_id, f"{role} ({', '.join(names[:2])})",
                f"{role} with {years} years of experience in {field.area.lower()}.", home.city, home.country,
                years, rng.random() < 0.8, role,
                rng.sample(EmploymentType.values, rng.randint(1, 2)), rng.sample(RemoteType.values, rng.randint(1, 3)),
                int(round(wanted_pay, -3)) if rng.random() < 0.6 else None, home.currency, now, now,
            )
        )  # fmt: skip
        skills.extend(
            (profile_id, skill_id, rng.choice(PROFICIENCIES), min(years, rng.randint(1, 10)), now, now)
            for skill_id in own_skills
        )
    copy_rows(SeekerProfile, SEEKER_FIELDS, profiles)
    copy_rows(SeekerSkill, ("profile_id", "skill_id", "proficiency", "years", "created_at", "updated_at"), skills)


@dataclass(frozen=True)
class CompanyRef:
    id: int
    name: str
    owner_id: int
    industry_id: int
    size: str
    founded: int
    home: Place


COMPANY_FIELDS = (
    "id", "name", "slug", "description", "website", "industry_id", "size", "founded_year", "headquarters_city",
    "headquarters_country", "is_verified", "verified_at", "moderation_status", "created_by_id", "created_at",
    "updated_at",
)  # fmt: skip
COMPANY_SIZES = ("1-10",) * 20 + ("11-50",) * 30 + ("51-200",) * 25 + ("201-1000",) * 15 + ("1001+",) * 10


def unique_slug(base: str, taken: set[str]) -> str:
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


def companies_seed(
    *,
    rng: random.Random,
    count: int,
    owner_ids: Sequence[int],
    taxonomy: TaxonomyRefs,
    places: Places,
    now: datetime,
) -> list[CompanyRef]:
    """Companies, each created and owned by one of the employers (in turn); a fifth have a second member."""
    ids = reserve_ids(Company, count)
    homes = places.draw(rng, count)
    taken = set(Company.objects.values_list("slug", flat=True))
    refs, rows = [], []
    for index, (company_id, home) in enumerate(zip(ids, homes, strict=True)):
        industry_id = rng.choice(taxonomy.industry_ids)
        industry = taxonomy.industry_names[industry_id]
        name = text.company_name(rng, industry)
        slug = unique_slug(slugify(name)[:200] or "company", taken)
        size, founded = rng.choice(COMPANY_SIZES), rng.randint(1950, now.year - 1)
        description = text.company_description(
            rng, name=name, size=size, industry=industry, city=home.city, country=home.country_name, founded=founded
        )
        created = now - timedelta(days=rng.uniform(120, 900))
        verified = rng.random() < 0.7
        moderation = ModerationStatus.APPROVED if rng.random() < 0.97 else ModerationStatus.PENDING
        owner_id = owner_ids[index % len(owner_ids)]
        rows.append(
            (
                company_id, name, slug, description, f"https://{slug}.example.com", industry_id, size, founded,
                home.city, home.country, verified, created + timedelta(days=2) if verified else None, moderation,
                owner_id, created, now,
            )
        )  # fmt: skip
        refs.append(CompanyRef(company_id, name, owner_id, industry_id, size, founded, home))
    copy_rows(Company, COMPANY_FIELDS, rows)
    memberships_seed(rng=rng, companies=refs, employer_ids=owner_ids, now=now)
    return refs


def memberships_seed(
    *, rng: random.Random, companies: Sequence[CompanyRef], employer_ids: Sequence[int], now: datetime
) -> None:
    rows = []
    for company in companies:
        rows.append((company.id, company.owner_id, MemberRole.OWNER, now, now))
        if len(employer_ids) > 1 and rng.random() < 0.2:
            member = rng.choice(employer_ids)
            if member != company.owner_id:
                rows.append((company.id, member, MemberRole.MEMBER, now, now))
    copy_rows(CompanyMember, ("company_id", "user_id", "role", "created_at", "updated_at"), rows)
