"""schema.org `JobPosting` JSON-LD for a job: what Google for Jobs reads.

A pure function of the job (and the request, for absolute media URLs); the view decides whether the
job may be offered at all (published and open: see `views_feeds.JobPostingJsonLdView`).
"""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.html import escape

from .choices import EmploymentType, RemoteType, SalaryPeriod
from .models import Job

# Our employment types as Google's `employmentType` values.
GOOGLE_EMPLOYMENT_TYPES: dict[str, str] = {
    EmploymentType.FULL_TIME: "FULL_TIME",
    EmploymentType.PART_TIME: "PART_TIME",
    EmploymentType.CONTRACT: "CONTRACTOR",
    EmploymentType.TEMPORARY: "TEMPORARY",
    EmploymentType.INTERNSHIP: "INTERN",
    EmploymentType.FREELANCE: "CONTRACTOR",
}

# Our salary periods as QuantitativeValue `unitText`.
UNIT_TEXT: dict[str, str] = {
    SalaryPeriod.HOUR: "HOUR",
    SalaryPeriod.DAY: "DAY",
    SalaryPeriod.WEEK: "WEEK",
    SalaryPeriod.MONTH: "MONTH",
    SalaryPeriod.YEAR: "YEAR",
}

# The job's long texts, in the order a posting shows them, each under a heading (the description has none).
SECTIONS: tuple[tuple[str, str], ...] = (
    ("description", ""),
    ("responsibilities", "Responsibilities"),
    ("requirements", "Requirements"),
    ("benefits", "Benefits"),
)


def job_page_url(job: Job) -> str:
    """The job's page on the front end: what feeds and JSON-LD link to."""
    return f"{settings.FRONTEND_URL}/jobs/{job.slug}"


def _paragraphs(text: str) -> str:
    """Plain text as HTML: blank lines separate paragraphs, single newlines become <br>."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(f"<p>{escape(block).replace(chr(10), '<br>')}</p>" for block in blocks if block)


def job_description_html(job: Job) -> str:
    """The job's texts (stored as plain text) as one escaped HTML document fragment."""
    parts = []
    for field, heading in SECTIONS:
        text = getattr(job, field, "") or ""
        if not text.strip():
            continue
        if heading:
            parts.append(f"<h3>{escape(heading)}</h3>")
        parts.append(_paragraphs(text))
    return "".join(parts) or f"<p>{escape(job.title)}</p>"


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _base_salary(job: Job) -> dict[str, Any] | None:
    low, high = job.salary_min, job.salary_max
    if (low is None and high is None) or not job.salary_currency:
        return None
    value: dict[str, Any] = {"@type": "QuantitativeValue"}
    if low is not None and high is not None and low != high:
        value["minValue"] = _number(low)
        value["maxValue"] = _number(high)
    else:
        value["value"] = _number(low if low is not None else high)  # type: ignore[arg-type]
    if job.salary_period in UNIT_TEXT:
        value["unitText"] = UNIT_TEXT[job.salary_period]
    return {"@type": "MonetaryAmount", "currency": job.salary_currency.upper(), "value": value}


def _organization(job: Job, request: HttpRequest | None) -> dict[str, Any]:
    company = job.company
    organization: dict[str, Any] = {"@type": "Organization", "name": company.name}
    if company.website:
        organization["sameAs"] = company.website
    if company.logo:
        url = company.logo.url
        organization["logo"] = request.build_absolute_uri(url) if request is not None else url
    return organization


def _place(job: Job) -> dict[str, Any] | None:
    address = {
        "addressLocality": job.city,
        "addressRegion": job.region,
        "postalCode": job.postal_code,
        "addressCountry": job.country.upper(),
    }
    address = {key: value for key, value in address.items() if value}
    if not address:
        return None
    place: dict[str, Any] = {"@type": "Place", "address": {"@type": "PostalAddress", **address}}
    if job.latitude is not None and job.longitude is not None:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": job.latitude, "longitude": job.longitude}
    return place


def job_posting_jsonld(job: Job, *, request: HttpRequest | None) -> dict[str, Any]:
    """The job as a schema.org JobPosting document (with its @context), ready for `json.dumps`.

    Remote jobs are `jobLocationType: TELECOMMUTE` with the countries applicants may live in
    (`remote_countries`, else the job's own country; none when it is open to anywhere). Hybrid and
    on-site jobs carry their place; a remote job with an address carries it too.
    """
    document: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": job.title,
        "description": job_description_html(job),
        "identifier": {"@type": "PropertyValue", "name": job.company.name, "value": str(job.reference)},
        "hiringOrganization": _organization(job, request),
        "directApply": True,
        "url": job_page_url(job),
    }
    posted = job.published_at or job.created_at
    if posted is not None:
        document["datePosted"] = posted.isoformat()
    if job.application_deadline is not None:
        document["validThrough"] = job.application_deadline.isoformat()
    if job.employment_type in GOOGLE_EMPLOYMENT_TYPES:
        document["employmentType"] = GOOGLE_EMPLOYMENT_TYPES[job.employment_type]
    place = _place(job)
    if place is not None:
        document["jobLocation"] = place
    if job.remote_type == RemoteType.REMOTE:
        document["jobLocationType"] = "TELECOMMUTE"
        countries = list(job.remote_countries or []) or ([job.country] if job.country else [])
        if countries:
            document["applicantLocationRequirements"] = [
                {"@type": "Country", "name": code.upper()} for code in countries
            ]
    salary = _base_salary(job)
    if salary is not None:
        document["baseSalary"] = salary
    if job.industry is not None:
        document["industry"] = job.industry.name
    if job.category is not None:
        document["occupationalCategory"] = job.category.name
    return document
