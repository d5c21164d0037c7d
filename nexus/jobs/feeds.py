"""RSS 2.0 and Indeed-style XML feeds of listed jobs, rendered as generators of text chunks.

Each generator reads its jobs through `queryset.iterator(chunk_size=...)`, so a feed of thousands of
jobs streams out without holding them all in memory. Text is escaped (or put in CDATA, with any
`]]>` split across two sections) and characters XML 1.0 forbids are dropped, so the output is
well-formed whatever the jobs say.
"""

import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from .choices import EmploymentType, RemoteType
from .jsonld import job_description_html, job_page_url
from .models import Job

# At most this many jobs (the newest) per feed response; filters narrow what they are taken from.
FEED_MAX_JOBS = 5000
FEED_CHUNK_SIZE = 500
# Jobs rendered per chunk of the streamed response.
JOBS_PER_WRITE = 50

# The namespace of the RSS item extensions (location, job type, category, company, salary).
JOB_NAMESPACE = "https://nexus-jobs.dev/ns/rss-job/1.0"

INDEED_JOB_TYPES: dict[str, str] = {
    EmploymentType.FULL_TIME: "fulltime",
    EmploymentType.PART_TIME: "parttime",
    EmploymentType.CONTRACT: "contract",
    EmploymentType.TEMPORARY: "temporary",
    EmploymentType.INTERNSHIP: "internship",
    EmploymentType.FREELANCE: "contract",
}
INDEED_REMOTE_TYPES: dict[str, str] = {RemoteType.REMOTE: "Fully remote", RemoteType.HYBRID: "Hybrid remote"}

# Characters not allowed in XML 1.0 documents (controls other than tab/newline/CR, lone surrogates, FFFE/FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: object) -> str:
    return _NOT_XML.sub("", "" if text is None else str(text))


def text(value: object) -> str:
    """Escaped element text."""
    return escape(clean(value))


def attr(value: object) -> str:
    """A quoted, escaped attribute value."""
    return quoteattr(clean(value))


def cdata(value: object) -> str:
    """A CDATA section; a `]]>` inside ends one section and starts the next between `]]` and `>`."""
    return "<![CDATA[" + clean(value).replace("]]>", "]]]]><![CDATA[>") + "]]>"


def rfc822(moment: datetime | None) -> str:
    return format_datetime(moment.astimezone(UTC), usegmt=True) if moment is not None else ""


def _element(name: str, value: object, *, as_cdata: bool = False) -> str:
    body = cdata(value) if as_cdata else text(value)
    return f"<{name}>{body}</{name}>"


def salary_text(job: Job) -> str:
    """`50000-70000 EUR per year`, `25 USD per hour`, or empty."""
    low, high = job.salary_min, job.salary_max
    if low is None and high is None:
        return ""
    amounts = [f"{amount.normalize():f}" for amount in (low, high) if amount is not None]
    span = "-".join(dict.fromkeys(amounts))
    period = f" per {job.salary_period}" if job.salary_period else ""
    currency = f" {job.salary_currency.upper()}" if job.salary_currency else ""
    return f"{span}{currency}{period}"


def location_text(job: Job) -> str:
    place = ", ".join(part for part in (job.city, job.region, job.country.upper()) if part)
    if job.remote_type == RemoteType.REMOTE:
        return f"Remote ({place})" if place else "Remote"
    return place


def category_name(job: Job) -> str:
    return job.category.name if job.category is not None else ""


def feed_jobs(queryset: QuerySet[Job]) -> QuerySet[Job]:
    """The rows a feed reads: long texts included (the public list defers them), newest first, capped."""
    rows = queryset.defer(None).select_related("company", "category", "industry")
    return rows.defer("screening_questions", "company__description", "category__description")[:FEED_MAX_JOBS]


def _batched(pieces: Iterable[str]) -> Iterator[str]:
    batch: list[str] = []
    for piece in pieces:
        batch.append(piece)
        if len(batch) >= JOBS_PER_WRITE:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)


# --- RSS 2.0 ---


def _rss_item(job: Job) -> str:
    url = job_page_url(job)
    parts = [
        "<item>",
        _element("title", job.title),
        _element("link", url),
        f'<guid isPermaLink="false">urn:uuid:{job.reference}</guid>',
        _element("pubDate", rfc822(job.published_at)),
        _element("description", job_description_html(job), as_cdata=True),
    ]
    if job.category is not None:
        parts.append(_element("category", job.category.name))
    parts += [
        _element("job:reference", job.reference),
        _element("job:company", job.company.name),
        _element("job:location", location_text(job)),
        _element("job:city", job.city),
        _element("job:region", job.region),
        _element("job:country", job.country.upper()),
        _element("job:postalCode", job.postal_code),
        _element("job:remoteType", job.remote_type),
        _element("job:employmentType", job.employment_type),
        _element("job:category", category_name(job)),
    ]
    if job.salary_min is not None or job.salary_max is not None:
        salary_attrs = {
            "min": job.salary_min,
            "max": job.salary_max,
            "currency": job.salary_currency.upper(),
            "period": job.salary_period,
        }
        rendered = "".join(f" {key}={attr(value)}" for key, value in salary_attrs.items() if value not in (None, ""))
        parts.append(f"<job:salary{rendered}>{text(salary_text(job))}</job:salary>")
    if job.application_deadline is not None:
        parts.append(_element("job:validThrough", job.application_deadline.isoformat()))
    parts.append("</item>")
    return "".join(parts)


def feed_rows(queryset: QuerySet[Job]) -> Iterator[Job]:
    """The jobs a feed lists, read from the database in chunks."""
    return feed_jobs(queryset).iterator(chunk_size=FEED_CHUNK_SIZE)


def rss_feed(jobs: Iterable[Job], *, self_url: str) -> Iterator[str]:
    """An RSS 2.0 document of the jobs, in chunks."""
    site = getattr(settings, "SITE_NAME", "Nexus Jobs")
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:job={attr(JOB_NAMESPACE)}>'
        "<channel>"
        f"{_element('title', f'{site}: jobs')}"
        f"{_element('link', f'{settings.FRONTEND_URL}/jobs')}"
        f"{_element('description', f'The newest jobs on {site} (at most {FEED_MAX_JOBS}).')}"
        f'<atom:link href={attr(self_url)} rel="self" type="application/rss+xml"/>'
        f"{_element('lastBuildDate', rfc822(timezone.now()))}"
        f"{_element('generator', site)}"
    )
    yield from _batched(_rss_item(job) for job in jobs)
    yield "</channel></rss>\n"


# --- Indeed XML ---


def _indeed_job(job: Job) -> str:
    fields: list[tuple[str, object]] = [
        ("title", job.title),
        ("date", rfc822(job.published_at)),
        ("referencenumber", job.reference),
        ("requisitionid", job.pk),
        ("url", job_page_url(job)),
        ("company", job.company.name),
        ("city", job.city),
        ("state", job.region),
        ("country", job.country.upper()),
        ("postalcode", job.postal_code),
        ("description", job_description_html(job)),
        ("salary", salary_text(job)),
        ("jobtype", INDEED_JOB_TYPES.get(job.employment_type, "")),
        ("category", category_name(job)),
        ("experience", job.experience_level),
        ("remotetype", INDEED_REMOTE_TYPES.get(job.remote_type, "")),
        ("expirationdate", rfc822(job.application_deadline)),
    ]
    return "<job>" + "".join(_element(name, value, as_cdata=True) for name, value in fields) + "</job>"


def indeed_feed(jobs: Iterable[Job]) -> Iterator[str]:
    """An Indeed-style XML document (`<source>` with one `<job>` per posting), in chunks."""
    site = getattr(settings, "SITE_NAME", "Nexus Jobs")
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n<source>'
        f"{_element('publisher', site)}"
        f"{_element('publisherurl', settings.FRONTEND_URL)}"
        f"{_element('lastBuildDate', rfc822(timezone.now()))}"
    )
    yield from _batched(_indeed_job(job) for job in jobs)
    yield "</source>\n"
