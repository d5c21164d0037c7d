"""The job lifecycle: one table of legal moves, used by every interface."""

from datetime import datetime

from django.db.models import Case, CharField, F, Q, Value, When

from nexus.core.moderation import ModerationStatus

from .choices import JobStatus

# action -> (statuses it may start from, status it leads to)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "publish": (frozenset({JobStatus.DRAFT}), JobStatus.PUBLISHED),
    "close": (frozenset({JobStatus.PUBLISHED}), JobStatus.CLOSED),
    "archive": (frozenset({JobStatus.DRAFT, JobStatus.CLOSED}), JobStatus.ARCHIVED),
    "reopen": (frozenset({JobStatus.CLOSED, JobStatus.ARCHIVED}), JobStatus.PUBLISHED),
}

# Published and approved: the rows the public list reads (and its partial indexes cover).
# Whether the deadline has passed is checked at query time: see `open_now`.
LISTED = Q(status=JobStatus.PUBLISHED, moderation_status=ModerationStatus.APPROVED)

# The company too must be approved for its jobs to be seen (a join on a small table).
COMPANY_APPROVED = Q(company__moderation_status=ModerationStatus.APPROVED)

# Jobs whose page the public may open: listed ones, and closed ones that say so.
PUBLIC_PAGE_STATUSES = (JobStatus.PUBLISHED, JobStatus.CLOSED)
PUBLIC_PAGE = Q(COMPANY_APPROVED, status__in=PUBLIC_PAGE_STATUSES, moderation_status=ModerationStatus.APPROVED)


def open_now(now: datetime) -> Q:
    """Not past the application deadline: checked on every read, not only by the expiry sweep."""
    return Q(application_deadline__isnull=True) | Q(application_deadline__gt=now)


def effective_status(*, status: str, application_deadline: datetime | None, now: datetime) -> str:
    """A published job past its deadline is closed everywhere at once, before the sweep marks it."""
    if status == JobStatus.PUBLISHED and application_deadline is not None and application_deadline <= now:
        return JobStatus.CLOSED
    return status


def expired(now: datetime) -> Q:
    """Published, but past the deadline: closed for every reader, whether or not the sweep has run."""
    return Q(status=JobStatus.PUBLISHED, application_deadline__lte=now)


def status_now(status: str, now: datetime) -> Q:
    """Rows whose effective status (see `effective_status`) is `status`."""
    if status == JobStatus.PUBLISHED:
        return Q(status=JobStatus.PUBLISHED) & open_now(now)
    if status == JobStatus.CLOSED:
        return Q(status=JobStatus.CLOSED) | expired(now)
    return Q(status=status)


def effective_status_expression(now: datetime) -> Case:
    """`effective_status` in SQL, for grouping by status."""
    return Case(When(expired(now), then=Value(JobStatus.CLOSED)), default=F("status"), output_field=CharField())
