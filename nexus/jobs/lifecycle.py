"""The job lifecycle: one table of legal moves, used by every interface."""

from django.db.models import Q

from nexus.core.moderation import ModerationStatus

from .choices import JobStatus

# action -> (statuses it may start from, status it leads to)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "publish": (frozenset({JobStatus.DRAFT}), JobStatus.PUBLISHED),
    "close": (frozenset({JobStatus.PUBLISHED}), JobStatus.CLOSED),
    "archive": (frozenset({JobStatus.DRAFT, JobStatus.CLOSED}), JobStatus.ARCHIVED),
    "reopen": (frozenset({JobStatus.CLOSED, JobStatus.ARCHIVED}), JobStatus.PUBLISHED),
}

# Published and approved; whether the deadline has passed is checked at query time.
VISIBLE_STATUS = Q(status=JobStatus.PUBLISHED, moderation_status=ModerationStatus.APPROVED)
