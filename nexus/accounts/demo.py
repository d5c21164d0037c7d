"""Demo accounts for a fresh installation: one of each role, with filled-in profiles."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from nexus.taxonomy.selectors import skill_resolve
from nexus.taxonomy.services import skill_create

from .models import EmployerProfile, Experience, Role, SeekerProfile, SeekerSkill, User

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 - published demo credentials, printed by `make run`
DEMO_DOMAIN = "demo.nexus-jobs.dev"


def demo_email(local_part: str) -> str:
    return f"{local_part}@{DEMO_DOMAIN}"


@transaction.atomic
def demo_accounts_create() -> dict[str, User]:
    verified = timezone.now()
    admin = User.objects.create_superuser(
        demo_email("admin"), DEMO_PASSWORD, first_name="Ada", last_name="Admin", email_verified_at=verified
    )
    employer = User.objects.create_user(
        demo_email("employer"),
        DEMO_PASSWORD,
        role=Role.EMPLOYER,
        first_name="Elias",
        last_name="Bekele",
        email_verified_at=verified,
    )
    EmployerProfile.objects.create(user=employer, job_title="Head of Talent", phone="+251 11 000 0000")
    seeker = User.objects.create_user(
        demo_email("seeker"),
        DEMO_PASSWORD,
        role=Role.SEEKER,
        first_name="Sara",
        last_name="Haile",
        email_verified_at=verified,
    )
    profile = SeekerProfile.objects.create(
        user=seeker,
        headline="Backend engineer (Python, PostgreSQL)",
        summary="Five years building APIs and data pipelines.",
        city="Addis Ababa",
        country="ET",
        years_of_experience=5,
        desired_title="Senior Backend Engineer",
        desired_employment_types=["full_time", "contract"],
        desired_remote_types=["remote", "hybrid"],
        desired_salary_min=60000,
        desired_salary_currency="USD",
    )
    Experience.objects.create(
        profile=profile,
        title="Backend Engineer",
        company_name="Kifiya",
        start_date=date(2021, 3, 1),
        description="Payments APIs in Django and PostgreSQL.",
    )
    # Named as a seeker would type them; the taxonomy resolves names and aliases.
    skills = [("python", 5), ("Django", 4), ("postgres", 4), ("REST APIs", 4), ("docker", 3)]
    for name, years in skills:
        skill = skill_resolve(name=name) or skill_create(name=name)
        SeekerSkill.objects.create(profile=profile, skill=skill, years=years, proficiency="advanced")
    return {"admin": admin, "employer": employer, "seeker": seeker}


def demo_accounts_exist() -> bool:
    return User.objects.filter(email=demo_email("admin")).exists()
