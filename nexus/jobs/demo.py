"""Demo jobs: a few hand-written postings of the demo employer's companies, through the services."""

from typing import Any

from django.db import transaction

from nexus.accounts.models import User
from nexus.companies.models import Company
from nexus.taxonomy.models import Category

from .models import Job
from .services import job_create, job_transition

DEMO_JOBS: list[dict[str, Any]] = [
    {
        "company": "abyssinia-payments",
        "title": "Senior Backend Engineer (Python)",
        "category": "Backend Development",
        "employment_type": "full_time",
        "experience_level": "senior",
        "remote_type": "hybrid",
        "city": "Addis Ababa",
        "country": "ET",
        "latitude": 9.03,
        "longitude": 38.74,
        "salary_min": 150000,
        "salary_max": 220000,
        "salary_currency": "ETB",
        "salary_period": "month",
        "skills": ["Python", "Django", "PostgreSQL"],
        "description": "Design and run the payment APIs that thousands of merchants rely on every day.",
    },
    {
        "company": "nordlicht-software",
        "title": "Frontend Engineer (React)",
        "category": "Frontend Development",
        "employment_type": "full_time",
        "experience_level": "mid",
        "remote_type": "remote",
        "remote_countries": ["DE", "AT", "CH"],
        "salary_min": 65000,
        "salary_max": 85000,
        "salary_currency": "EUR",
        "salary_period": "year",
        "skills": ["React", "TypeScript"],
        "description": "Build the interfaces of our planning software, remote from anywhere in DACH.",
    },
    {
        "company": "kestrel-health",
        "title": "Data Analyst",
        "category": "Data Science",
        "employment_type": "contract",
        "experience_level": "mid",
        "remote_type": "onsite",
        "city": "Nairobi",
        "country": "KE",
        "latitude": -1.29,
        "longitude": 36.82,
        "salary_min": 2500,
        "salary_max": 3500,
        "salary_currency": "USD",
        "salary_period": "month",
        "skills": ["SQL", "Python"],
        "description": "Turn clinic data into the reports that decide where our mobile clinics go next.",
    },
]


@transaction.atomic
def demo_jobs_create(*, employer: User) -> list[Job]:
    """Creates and publishes the demo jobs whose company exists and which are not there yet."""
    jobs = []
    for data in DEMO_JOBS:
        fields = dict(data)
        company = Company.objects.filter(slug=fields.pop("company")).first()
        if company is None or Job.objects.filter(company=company, title=fields["title"]).exists():
            continue
        category = Category.objects.filter(name=fields.pop("category")).first()
        skills = [{"skill": name, "requirement": "required", "level": ""} for name in fields.pop("skills")]
        job = job_create(
            user=employer,
            company=company.pk,
            category=category.pk if category else None,
            skills=skills,
            **fields,
        )
        jobs.append(job_transition(job=job, user=employer, action="publish"))
    return jobs
