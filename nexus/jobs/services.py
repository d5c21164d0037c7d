"""Job writes: create and edit, the lifecycle, moderation, saves and views, and the periodic sweeps."""

import hashlib
import uuid
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from nexus.accounts.models import User
from nexus.companies.models import Company
from nexus.companies.selectors import company_get_for_member
from nexus.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from nexus.core.lookups import as_id
from nexus.core.moderation import ModerationStatus

from . import error_codes
from .cache import jobs_changed
from .choices import JobStatus, RemoteType
from .events import job_published_on_commit
from .lifecycle import TRANSITIONS
from .models import Job, JobSkill, SavedJob
from .salary import salary_to_yearly_base

SALARY_FIELDS = ("salary_min", "salary_max", "salary_currency", "salary_period")


def _require_employer(user: User) -> None:
    if not (user.is_employer or user.is_admin):
        raise PermissionDenied("Only employers post and manage jobs.", code=error_codes.EMPLOYER_ONLY)


def _company_for_posting(*, user: User, company_id: int) -> Company:
    try:
        return company_get_for_member(user=user, company_id=company_id)
    except NotFound as exc:
        raise InvalidInput(
            "Post for a company you are a member of.",
            code=error_codes.NOT_A_COMPANY_MEMBER,
            details={"company": ["Unknown company, or not one you belong to."]},
        ) from exc


def _resolve_references(fields: dict[str, Any]) -> dict[str, Any]:
    """Turns category and industry ids into rows, refusing unknown ones."""
    from nexus.taxonomy.models import Category, Industry

    resolved = dict(fields)
    for name, model in (("category", Category), ("industry", Industry)):
        if name in fields and fields[name] is not None:
            row = model.objects.filter(pk=fields[name]).first()
            if row is None:
                raise InvalidInput(details={name: [f"No {name} with id {fields[name]}."]})
            resolved[name] = row
    return resolved


def _resolve_skills(entries: list[dict[str, Any]]) -> list[JobSkill]:
    """Skill names, aliases or ids to JobSkill rows (first mention wins); unknown skills are refused."""
    from nexus.taxonomy.models import Skill
    from nexus.taxonomy.selectors import skills_resolve_many

    names = [entry["skill"] for entry in entries]
    numeric = [name for name in names if as_id(name) is not None]
    by_id = {str(pk): skill for pk, skill in Skill.objects.in_bulk([int(n) for n in numeric]).items()}
    resolved = {**skills_resolve_many(names=[name for name in names if name not in numeric]), **by_id}
    unknown = [name for name in names if name not in resolved]
    if unknown:
        raise InvalidInput(
            "Some skills are not in the taxonomy; pick them from /api/v1/skills/.",
            code=error_codes.UNKNOWN_SKILL,
            details={"skills": [f"Unknown skill: {name}" for name in unknown]},
        )
    rows: dict[int, JobSkill] = {}
    for entry in entries:
        skill = resolved[entry["skill"]]
        rows.setdefault(skill.pk, JobSkill(skill=skill, requirement=entry["requirement"], level=entry["level"]))
    return list(rows.values())


def _apply_salary(job: Job) -> None:
    """Keeps the yearly base-currency amounts that filters and ordering use in step with the salary."""
    low = job.salary_min if job.salary_min is not None else job.salary_max
    high = job.salary_max if job.salary_max is not None else job.salary_min
    if low is None or high is None:
        job.salary_yearly_min = job.salary_yearly_max = 0
        return
    missing = [name for name in ("salary_currency", "salary_period") if not getattr(job, name)]
    if missing:
        raise InvalidInput(details={name: ["Required when a salary is given."] for name in missing})
    job.salary_currency = job.salary_currency.upper()
    try:
        job.salary_yearly_min = salary_to_yearly_base(low, job.salary_currency, job.salary_period)
        job.salary_yearly_max = salary_to_yearly_base(high, job.salary_currency, job.salary_period)
    except ValueError as exc:
        raise InvalidInput(details={"salary_currency": [str(exc)]}) from exc


def _unique_slug(title: str) -> str:
    base = slugify(title)[:200] or "job"
    return f"{base}-{uuid.uuid4().hex[:8]}"


def _normalise(fields: dict[str, Any]) -> dict[str, Any]:
    """Each accepted country once, in order (the codes come upper-case from core/countries.py)."""
    if "remote_countries" in fields:
        fields["remote_countries"] = sorted(set(fields["remote_countries"]))
    return fields


def _check_coordinates(job: Job) -> None:
    """Both or neither: the database constraint lets one alone through (a NULL makes its check unknown)."""
    if (job.latitude is None) != (job.longitude is None):
        missing = "latitude" if job.latitude is None else "longitude"
        raise InvalidInput(details={missing: ["Give both latitude and longitude, or neither."]})


def _save(job: Job, skills: list[JobSkill] | None, *, update_fields: list[str] | None = None) -> Job:
    _apply_salary(job)
    _check_coordinates(job)
    job.full_clean(exclude=["company", "category", "industry", "posted_by"])
    job.save(update_fields=update_fields)
    if skills is not None:
        job.job_skills.all().delete()
        for row in skills:
            row.job = job
        JobSkill.objects.bulk_create(skills)
    return job


@transaction.atomic
def job_create(*, user: User, company: int, skills: list[dict] | None = None, **fields: Any) -> Job:
    _require_employer(user)
    owner = _company_for_posting(user=user, company_id=company)
    fields = _resolve_references(_normalise(fields))
    skill_rows = _resolve_skills(skills) if skills else []
    job = Job(company=owner, posted_by=user, slug=_unique_slug(fields["title"]), status=JobStatus.DRAFT, **fields)
    return _save(job, skill_rows)


@transaction.atomic
def job_update(*, job: Job, user: User, skills: list[dict] | None = None, **fields: Any) -> Job:
    job = Job.objects.select_for_update().get(pk=job.pk)
    changed = [*fields, "salary_yearly_min", "salary_yearly_max", "updated_at"]
    if job.status == JobStatus.PUBLISHED and job.current_status == JobStatus.CLOSED:
        # Past its deadline the job is closed for every reader already: mark it so, as the expiry sweep
        # would, before the edit. Then an edit does not trip over the old deadline, and a new deadline
        # does not relist the job behind `reopen`'s back (which checks it and holds it for moderation).
        job.status, job.closed_at = JobStatus.CLOSED, timezone.now()
        changed += ["status", "closed_at"]
    fields = _resolve_references(_normalise(fields))
    for name, value in fields.items():
        setattr(job, name, value)
    if job.status == JobStatus.PUBLISHED:
        _check_publishable(job)
    return _save(job, _resolve_skills(skills) if skills is not None else None, update_fields=changed)


def _check_publishable(job: Job, *, now: datetime | None = None) -> None:
    """What a real posting needs before the public sees it."""
    missing = {}
    if not job.title.strip():
        missing["title"] = ["A published job needs a title."]
    if not job.description.strip():
        missing["description"] = ["A published job needs a description."]
    if not job.employment_type:
        missing["employment_type"] = ["A published job needs an employment type."]
    if job.remote_type != RemoteType.REMOTE and not (job.city and job.country):
        missing["city"] = ["An on-site or hybrid job needs a city and a country (or make it remote)."]
    if missing:
        raise InvalidInput("The job is missing what a posting needs.", code=error_codes.INCOMPLETE_JOB, details=missing)
    if job.application_deadline is not None and job.application_deadline <= (now or timezone.now()):
        raise Conflict(
            "The application deadline has passed: set a later one to publish.", code=error_codes.DEADLINE_PASSED
        )


def _held_for_moderation(job: Job) -> bool:
    return settings.MODERATION_HOLD_UNVERIFIED and not job.company.is_verified


@transaction.atomic
def job_transition(*, job: Job, user: User, action: str, application_deadline: datetime | None = None) -> Job:
    """Moves a job along the lifecycle table; any other move answers 409."""
    job = Job.objects.select_for_update().select_related("company").get(pk=job.pk)
    sources, target = TRANSITIONS[action]
    now = timezone.now()
    current = job.current_status
    if current not in sources:
        raise Conflict(
            f"This job is {current}; it cannot take the action '{action}'.",
            code=error_codes.ILLEGAL_TRANSITION,
            details={"status": current, "action": action, "allowed_from": sorted(sources)},
        )
    update = ["status", "updated_at"]
    if target == JobStatus.PUBLISHED:
        if application_deadline is not None:
            job.application_deadline = application_deadline
            update.append("application_deadline")
        _check_publishable(job, now=now)
        job.published_at = now
        job.closed_at = None
        update += ["published_at", "closed_at"]
        if job.moderation_status != ModerationStatus.REJECTED and _held_for_moderation(job):
            job.moderation_status = ModerationStatus.PENDING
            update.append("moderation_status")
    elif target == JobStatus.CLOSED:
        job.closed_at = now
        update.append("closed_at")
    job.status = target
    job.save(update_fields=update)
    if target == JobStatus.PUBLISHED:
        job_published_on_commit(job_ids=[job.pk])
    return job


@transaction.atomic
def job_delete(*, job: Job) -> None:
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.status != JobStatus.DRAFT:
        raise Conflict(
            "Only drafts can be deleted; close or archive a published job.", code=error_codes.ONLY_DRAFTS_DELETABLE
        )
    job.delete()


@transaction.atomic
def jobs_moderate(*, ids: list[int], decision: str, reason: str = "") -> int:
    """Approves or rejects held jobs, all or none: every id must be a job."""
    jobs = Job.objects.select_for_update().filter(pk__in=ids)
    found = set(jobs.values_list("pk", flat=True))
    missing = sorted(set(ids) - found)
    if missing:
        raise InvalidInput("Some jobs do not exist.", code="unknown_jobs", details={"ids": missing})
    status = ModerationStatus.APPROVED if decision == "approve" else ModerationStatus.REJECTED
    jobs_changed()
    if status == ModerationStatus.APPROVED:
        job_published_on_commit(job_ids=sorted(found))
    return jobs.update(moderation_status=status, moderation_reason=reason, updated_at=timezone.now())


def job_save(*, user: User, job: Job) -> bool:
    """Saves a job for a seeker; saving twice is harmless. Returns whether it was new."""
    if not user.is_seeker:
        raise PermissionDenied("Only job seekers save jobs.", code=error_codes.SEEKER_ONLY)
    with transaction.atomic():
        try:
            with transaction.atomic():
                SavedJob.objects.create(user=user, job=job)
        except IntegrityError:
            return False
        Job.objects.filter(pk=job.pk).update(saves_count=F("saves_count") + 1)
    return True


@transaction.atomic
def job_unsave(*, user: User, job_id: int) -> bool:
    if not user.is_seeker:
        raise PermissionDenied("Only job seekers save jobs.", code=error_codes.SEEKER_ONLY)
    deleted, _ = SavedJob.objects.filter(user=user, job_id=job_id).delete()
    if deleted:
        Job.objects.filter(pk=job_id, saves_count__gt=0).update(saves_count=F("saves_count") - 1)
    return bool(deleted)


def viewer_key(*, user: User | Any, address: str) -> str:
    if getattr(user, "is_authenticated", False):
        return f"u{user.pk}"
    return "a" + hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def job_view_record(*, job_id: int, viewer: str) -> bool:
    """Counts one view per viewer, job and day: the unique row decides, in one statement (nexus/jobs/cache.py
    calls this only for the first answer of the page to the viewer that day that the cache knows of)."""
    today = timezone.now().date()
    # A view count may be lost in a crash, so it need not wait for the disk flush of its commit.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit TO OFF")
        cursor.execute(
            """
            WITH counted AS (
                INSERT INTO jobs_jobview (job_id, viewer, day) VALUES (%s, %s, %s)
                ON CONFLICT (job_id, viewer, day) DO NOTHING RETURNING job_id
            )
            UPDATE jobs_job SET views_count = views_count + 1 WHERE id IN (SELECT job_id FROM counted)
            """,
            [job_id, viewer, today],
        )
        return cursor.rowcount == 1


def jobs_close_expired() -> int:
    """Marks published jobs past their deadline as closed (reads already treat them as closed)."""
    now = timezone.now()
    closed = Job.objects.filter(status=JobStatus.PUBLISHED, application_deadline__lte=now).update(
        status=JobStatus.CLOSED, closed_at=now, updated_at=now
    )
    if closed:
        jobs_changed()
    return closed


def jobs_unfeature_expired() -> int:
    now = timezone.now()
    unfeatured = Job.objects.filter(is_featured=True, featured_until__lte=now).update(is_featured=False, updated_at=now)
    if unfeatured:
        jobs_changed()
    return unfeatured


def jobs_recompute_trending(*, days: int = 7) -> int:
    """Trending score: the last days' views, with saves weighing more, and newer days weighing more."""
    since = timezone.now().date() - timedelta(days=days)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE jobs_job SET trending_score = 0 WHERE trending_score <> 0")
        cursor.execute(
            """
            UPDATE jobs_job AS job SET trending_score = activity.score
            FROM (
                SELECT job_id, SUM(weight) AS score FROM (
                    SELECT job_id, 1.0 / (1 + (CURRENT_DATE - day)) AS weight
                    FROM jobs_jobview WHERE day >= %s
                    UNION ALL
                    SELECT job_id, 3.0 / (1 + (CURRENT_DATE - created_at::date))
                    FROM jobs_savedjob WHERE created_at >= %s
                ) AS events GROUP BY job_id
            ) AS activity
            WHERE job.id = activity.job_id
            """,
            [since, since],
        )
        jobs_changed()  # the trending list follows the new scores
        return cursor.rowcount
