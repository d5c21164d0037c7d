"""Application and document writes: submitting, the pipeline, private notes and ratings, resume files.

Counters: `Job.applications_count` (all applications) and `JobApplicationCounts` (by status) change in the
same transaction as the application, with increments in SQL (F() updates; an upsert for a new application),
so concurrent changes never lose one. Domain events (`events.py`) are sent once that transaction has committed.
"""

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, F, OuterRef
from django.dispatch import Signal
from django.utils import timezone

from nexus.accounts.models import User
from nexus.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from nexus.core.lookups import id_or_slug
from nexus.core.moderation import ModerationStatus
from nexus.jobs.choices import JobStatus
from nexus.jobs.lifecycle import PUBLIC_PAGE
from nexus.jobs.models import Job

from . import error_codes, events
from .answers import answers_checked
from .documents import content_sha256, document_kind_of, documents_storage, random_storage_name, safe_original_name
from .models import Application, ApplicationNote, ApplicationStatusChange, Document, JobApplicationCounts
from .pipeline import APPLICANT_MOVES, TRANSITIONS, ApplicationStatus, can_move

EVENT_SENDER = "applications"
ONCE_PER_JOB = "application_once_per_job"  # the unique constraint on (job, applicant)


# --- documents ------------------------------------------------------------------------------------


def document_upload(*, owner: User, upload: UploadedFile) -> Document:
    """Stores a resume (PDF or DOCX, judged by content) under a random name; the file goes if the row fails."""
    if not owner.is_seeker:
        raise PermissionDenied("Only job seekers upload resume documents.", code=error_codes.SEEKER_ONLY)
    kind = document_kind_of(upload)
    storage = documents_storage()
    stored_name = storage.save(random_storage_name(kind), upload)
    try:
        with transaction.atomic():
            document = Document(
                owner=owner,
                kind=kind,
                storage_name=stored_name,
                original_name=safe_original_name(upload.name, kind),
                size=upload.size or 0,
                sha256=content_sha256(upload),
            )
            document.full_clean()
            document.save()
    except BaseException:
        storage.delete(stored_name)
        raise
    return document


@transaction.atomic
def document_delete(*, document: Document) -> None:
    """Removes a document from its owner's documents.

    A document that applications were submitted with stays (hidden from its owner, still readable by the
    hiring companies through those applications): deleting it never changes what an employer received.
    A document no application used is deleted with its file, after commit.
    """
    document = Document.objects.select_for_update().get(pk=document.pk)
    if Application.objects.filter(resume=document).exists():
        document.deleted_at = timezone.now()
        document.save(update_fields=["deleted_at", "updated_at"])
        return
    storage, name = documents_storage(), document.storage_name
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))


# --- submitting -----------------------------------------------------------------------------------


def _job_for_applying(job_ref: str, applicant: User) -> Job:
    """The job, locked for the rest of the transaction (FOR NO KEY UPDATE: closing it waits, applying to it
    serialises, saves and views are not blocked), if it takes applications now; checked on every apply.
    In the same query: its company (not locked) for the application's representation, and whether the
    applicant already applied (`applied`: read before any wait for the lock, so a concurrent duplicate can
    pass it; the unique constraint stops that one)."""
    jobs = Job.objects.select_for_update(no_key=True, of=("self",)).select_related("company")
    jobs = jobs.annotate(
        applied=Exists(Application.objects.filter(job=OuterRef("pk"), applicant=applicant)),
    )
    job = jobs.filter(PUBLIC_PAGE, id_or_slug(job_ref)).first()
    if job is None:
        raise InvalidInput(
            "This job does not exist or is not visible to you.",
            code=error_codes.JOB_NOT_FOUND,
            details={"job": ["Unknown job."]},
        )
    if job.status != JobStatus.PUBLISHED or job.moderation_status != ModerationStatus.APPROVED:
        raise Conflict("This job is not accepting applications.", code=error_codes.JOB_NOT_PUBLISHED)
    if not job.accepting_applications:
        raise Conflict("The application deadline of this job has passed.", code=error_codes.DEADLINE_PASSED)
    return job


def _resume_of(applicant: User, document_id: int) -> Document:
    """One of the applicant's documents, locked against a concurrent delete (which would find no application
    yet and remove it): the delete waits for this application, or this application for the delete."""
    documents = Document.objects.select_for_update(no_key=True)
    document = documents.filter(pk=document_id, owner=applicant, deleted_at=None).first()
    if document is None:
        raise InvalidInput(
            "Choose one of your own resume documents.",
            code=error_codes.UNKNOWN_DOCUMENT,
            details={"resume": ["Unknown document, or not one of yours."]},
        )
    return document


def _searchable_name(applicant: User) -> str:
    """What employers search applications by: the applicant's name and email when they applied."""
    return f"{applicant.full_name} {applicant.email}".strip()[
        : Application._meta.get_field("applicant_name").max_length
    ]


def _already_applied() -> Conflict:
    return Conflict("You have already applied to this job.", code=error_codes.ALREADY_APPLIED)


def _count_move(*, job_id: int, from_status: str, to_status: str) -> None:
    """Moves one application between the job's status counts."""
    changes = {to_status: F(to_status) + 1, from_status: F(from_status) - 1}
    JobApplicationCounts.objects.filter(job_id=job_id).update(**changes)


def _count_new(*, job_id: int, status: str) -> None:
    """Counts a new application under its status, creating the job's counts row on its first one: a single
    upsert, as the ORM cannot increment on conflict."""
    table = connection.ops.quote_name(JobApplicationCounts._meta.db_table)
    columns = ApplicationStatus.values
    if status not in columns:
        raise ValueError(f"Not an application status: {status!r}")
    counted = connection.ops.quote_name(status)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    values = ", ".join("1" if column == status else "0" for column in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (job_id, {names}) VALUES (%s, {values}) "  # noqa: S608 - names from the model
            f"ON CONFLICT (job_id) DO UPDATE SET {counted} = {table}.{counted} + 1",
            [job_id],
        )


def _send_after_commit(signal: Signal, payload: dict[str, Any]) -> None:
    """Sends the event once the transaction commits. Robust: a failing receiver is logged, and neither stops
    the others' on_commit work nor turns the committed change into an error for the caller."""
    transaction.on_commit(lambda: signal.send(sender=EVENT_SENDER, **payload), robust=True)


def _send_status_changed(application: Application, *, from_status: str, actor: User | None, reason: str) -> None:
    payload = {
        "application_id": application.pk,
        "job_id": application.job_id,
        "applicant_id": application.applicant_id,
        "from_status": from_status,
        "to_status": application.status,
        "changed_by_id": actor.pk if actor else None,
        "reason": reason,
    }
    _send_after_commit(events.application_status_changed, payload)


@transaction.atomic
def application_submit(
    *, applicant: User, job_ref: str, resume_id: int, cover_letter: str = "", answers: dict[str, Any] | None = None
) -> Application:
    """Applies to a published job before its deadline, once per seeker and job.

    The job row is locked first, so a close or relist and concurrent applications to the job are
    serialised; the unique constraint (job, applicant) is what guarantees one application per seeker:
    a concurrent duplicate fails on it and answers 409 `already_applied`.
    """
    if not applicant.is_seeker:
        raise PermissionDenied("Only job seekers apply to jobs.", code=error_codes.SEEKER_ONLY)
    job = _job_for_applying(job_ref, applicant)
    if job.applied:  # type: ignore[attr-defined]
        raise _already_applied()
    resume = _resume_of(applicant, resume_id)
    snapshot = answers_checked(questions=job.screening_questions or [], answers=answers or {})
    application = Application(
        job=job,
        applicant=applicant,
        applicant_name=_searchable_name(applicant),
        resume=resume,
        cover_letter=cover_letter,
        answers=snapshot,
    )
    # The job, applicant and resume were just read (and locked): their references are not looked up again.
    # The insert below is the check that holds under races. No savepoint around it: a failed insert ends
    # this whole transaction, which the raised error rolls back.
    application.full_clean(exclude=["job", "applicant", "resume"], validate_constraints=False)
    try:
        application.save()
    except IntegrityError as exc:
        if getattr(getattr(exc.__cause__, "diag", None), "constraint_name", None) == ONCE_PER_JOB:
            raise _already_applied() from exc
        raise
    ApplicationStatusChange.objects.create(
        application=application, from_status="", to_status=application.status, changed_by=applicant
    )
    Job.objects.filter(pk=job.pk).update(applications_count=F("applications_count") + 1)
    _count_new(job_id=job.pk, status=application.status)
    payload = {"application_id": application.pk, "job_id": job.pk, "applicant_id": applicant.pk}
    _send_after_commit(events.application_submitted, payload)
    return application


# --- the pipeline ---------------------------------------------------------------------------------


def _move(*, application: Application, to_status: str, actor: User, reason: str) -> Application:
    locked = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
    from_status = locked.status
    if not can_move(from_status, to_status):
        raise Conflict(
            f"An application that is {from_status} cannot become {to_status}.",
            code=error_codes.ILLEGAL_TRANSITION,
            details={"status": from_status, "to_status": to_status, "allowed": sorted(TRANSITIONS[from_status])},
        )
    locked.status = to_status
    locked.save(update_fields=["status", "updated_at"])
    ApplicationStatusChange.objects.create(
        application=locked, from_status=from_status, to_status=to_status, changed_by=actor, reason=reason
    )
    _count_move(job_id=locked.job_id, from_status=from_status, to_status=to_status)
    _send_status_changed(locked, from_status=from_status, actor=actor, reason=reason)
    application.status, application.updated_at = locked.status, locked.updated_at
    return application


@transaction.atomic
def application_withdraw(*, application: Application, actor: User, reason: str = "") -> Application:
    """The applicant takes back an open application (409 once it is hired, rejected or withdrawn)."""
    if application.applicant_id != actor.pk:
        raise PermissionDenied("Only the applicant withdraws an application.", code=error_codes.APPLICANT_ONLY)
    return _move(application=application, to_status=ApplicationStatus.WITHDRAWN, actor=actor, reason=reason)


@transaction.atomic
def application_transition(*, application: Application, actor: User, to_status: str, reason: str = "") -> Application:
    """The hiring company (or an admin) moves an application along the pipeline; illegal moves answer 409."""
    _require_hiring_side(actor=actor, application=application)
    if to_status in APPLICANT_MOVES:
        raise PermissionDenied("Only the applicant withdraws an application.", code=error_codes.APPLICANT_ONLY)
    return _move(application=application, to_status=to_status, actor=actor, reason=reason)


def _require_hiring_side(*, actor: User, application: Application) -> None:
    from nexus.companies.selectors import company_ids_of_member

    if actor.is_admin:
        return
    members = company_ids_of_member(user=actor).filter(company_id=application.job.company_id)
    if not actor.is_employer or not members.exists():
        raise PermissionDenied("Only the hiring company does this.", code=error_codes.EMPLOYER_ONLY)


# --- private notes and ratings --------------------------------------------------------------------


def application_note_add(*, application: Application, author: User, body: str) -> ApplicationNote:
    _require_hiring_side(actor=author, application=application)
    note = ApplicationNote(application=application, author=author, body=body)
    note.full_clean()
    note.save()
    return note


def application_rate(*, application: Application, actor: User, rating: int | None) -> Application:
    """Sets (or, with None, clears) the hiring company's 1-5 rating."""
    _require_hiring_side(actor=actor, application=application)
    if rating is not None and not 1 <= rating <= 5:
        raise InvalidInput(details={"rating": ["A whole number from 1 to 5."]})
    updated = Application.objects.filter(pk=application.pk).update(rating=rating, updated_at=timezone.now())
    if not updated:
        raise NotFound(code=error_codes.APPLICATION_NOT_FOUND)
    application.refresh_from_db(fields=["rating", "updated_at"])
    return application
