"""The application pipeline: one table of legal moves, used by every interface."""

from django.db import models


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    REVIEWING = "reviewing", "Reviewing"
    SHORTLISTED = "shortlisted", "Shortlisted"
    INTERVIEWING = "interviewing", "Interviewing"
    OFFERED = "offered", "Offered"
    HIRED = "hired", "Hired"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


S = ApplicationStatus

# Open statuses: the application is still under way. Hired, rejected and withdrawn are final.
OPEN_STATUSES = frozenset({S.SUBMITTED, S.REVIEWING, S.SHORTLISTED, S.INTERVIEWING, S.OFFERED})

# The next step forward from each open status.
_FORWARD = {
    S.SUBMITTED: S.REVIEWING,
    S.REVIEWING: S.SHORTLISTED,
    S.SHORTLISTED: S.INTERVIEWING,
    S.INTERVIEWING: S.OFFERED,
    S.OFFERED: S.HIRED,
}

# from status -> statuses it may move to. Rejected is reachable from any open status, withdrawn too.
TRANSITIONS: dict[str, frozenset[str]] = {
    **{status: frozenset({_FORWARD[status], S.REJECTED, S.WITHDRAWN}) for status in OPEN_STATUSES},
    S.HIRED: frozenset(),
    S.REJECTED: frozenset(),
    S.WITHDRAWN: frozenset(),
}

# Only the applicant withdraws; every other move is the hiring company's (or an admin's).
APPLICANT_MOVES = frozenset({S.WITHDRAWN})
EMPLOYER_MOVES = frozenset(ApplicationStatus.values) - APPLICANT_MOVES - {S.SUBMITTED}


def can_move(from_status: str, to_status: str) -> bool:
    return to_status in TRANSITIONS.get(from_status, frozenset())
