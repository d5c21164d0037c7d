"""Application and document reads: what each reader may see, and the permission-checked fetches."""

from typing import Any

from django.db.models import Q, QuerySet

from nexus.accounts.models import User
from nexus.companies.selectors import company_ids_of_member
from nexus.core.errors import NotFound, PermissionDenied
from nexus.core.lookups import as_id

from . import error_codes
from .models import Application, ApplicationNote, ApplicationStatusChange, Document, JobApplicationCounts

# What list items show: the job summary (with its company) and the resume's metadata.
LIST_RELATED = ("job__company", "resume")
# What the hiring company's representation adds: the applicant and their profile.
EMPLOYER_RELATED = (*LIST_RELATED, "applicant__seeker_profile")
PROFILE_COLLECTIONS = ("experience", "education", "portfolio", "certifications", "skills__skill")
# Long job texts that an application's job summary does not show.
JOB_DEFERRED = (
    "job__description",
    "job__requirements",
    "job__responsibilities",
    "job__benefits",
    "job__screening_questions",
    "job__company__description",
)


def _signed_in(user: Any) -> bool:
    return bool(user and user.is_authenticated)


def reads_as_employer(*, user: User) -> bool:
    """Whether the user reads applications as the hiring side (with applicant, rating, notes)."""
    return user.is_employer or user.is_admin


def application_list_visible_to(*, user: User) -> QuerySet[Application]:
    """Seekers: their own applications. Employers: those to their companies' jobs. Admins: all."""
    applications = Application.objects.defer(*JOB_DEFERRED)
    if user.is_admin:
        return applications.select_related(*EMPLOYER_RELATED)
    if user.is_employer:
        of_their_companies = applications.filter(job__company_id__in=company_ids_of_member(user=user))
        return of_their_companies.select_related(*EMPLOYER_RELATED)
    return applications.select_related(*LIST_RELATED).filter(applicant=user)


def application_list_for_employer(*, user: User) -> QuerySet[Application]:
    if not reads_as_employer(user=user):
        raise PermissionDenied("Only employers review applications.", code=error_codes.EMPLOYER_ONLY)
    return application_list_visible_to(user=user)


def _not_found() -> NotFound:
    return NotFound("This application does not exist or is not visible to you.", code=error_codes.APPLICATION_NOT_FOUND)


def application_get_visible(*, user: User, application_id: str | int, with_profile: bool = False) -> Application:
    """An application the user may read (its applicant, a member of the hiring company, an admin); else 404.
    `with_profile` also reads the applicant's profile collections for the hiring side."""
    number = as_id(str(application_id))
    if number is None or not _signed_in(user):
        raise _not_found()
    applications = application_list_visible_to(user=user)
    if with_profile and reads_as_employer(user=user):
        profile = "applicant__seeker_profile__"
        applications = applications.prefetch_related(*(profile + name for name in PROFILE_COLLECTIONS))
    application = applications.filter(pk=number).first()
    if application is None:
        raise _not_found()
    return application


def application_require_hiring_side(*, user: User, application: Application) -> None:
    """Notes, ratings and pipeline moves are for the hiring company (and admins): the applicant gets 403."""
    if not reads_as_employer(user=user):
        raise PermissionDenied("Only the hiring company does this.", code=error_codes.EMPLOYER_ONLY)


def application_history(*, application: Application) -> QuerySet[ApplicationStatusChange]:
    return ApplicationStatusChange.objects.filter(application=application).select_related("changed_by")


def application_notes(*, application: Application) -> QuerySet[ApplicationNote]:
    return ApplicationNote.objects.filter(application=application).select_related("author")


def job_application_counts(*, job_id: int) -> dict[str, int]:
    """Applications of the job by status, from the counters kept with every change."""
    counts = JobApplicationCounts.objects.filter(job_id=job_id).first()
    return counts.as_dict() if counts else JobApplicationCounts(job_id=job_id).as_dict()


# --- documents ------------------------------------------------------------------------------------


def document_list_of_owner(*, user: User) -> QuerySet[Document]:
    if not user.is_seeker:
        raise PermissionDenied("Only job seekers keep resume documents.", code=error_codes.SEEKER_ONLY)
    return Document.objects.filter(owner=user, deleted_at=None)


def _document_not_found() -> NotFound:
    return NotFound("This document does not exist or is not visible to you.", code=error_codes.DOCUMENT_NOT_FOUND)


def document_get_of_owner(*, user: User, document_id: str | int) -> Document:
    """One of the caller's own documents (not deleted); anyone else's is 404."""
    number = as_id(str(document_id))
    if number is None or not _signed_in(user):
        raise _document_not_found()
    document = Document.objects.filter(pk=number, owner=user, deleted_at=None).first()
    if document is None:
        raise _document_not_found()
    return document


def document_get_downloadable(*, user: User, document_id: str | int) -> Document:
    """A document the user may download: their own; one submitted with an application to a job of a company
    they belong to; any, for admins. Else 404. A deleted document still exists only because applications
    were sent with it, and both sides of those applications keep reading it."""
    number = as_id(str(document_id))
    if number is None or not _signed_in(user):
        raise _document_not_found()
    documents = Document.objects.filter(pk=number)
    if not user.is_admin:
        submitted_to_company = Q(applications__job__company_id__in=company_ids_of_member(user=user))
        documents = documents.filter(Q(owner=user) | submitted_to_company).distinct()
    document = documents.first()
    if document is None:
        raise _document_not_found()
    return document
