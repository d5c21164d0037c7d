"""Company writes: creation with its owner, edits, members, verification, moderation and logos.

Who may do what (admins may do everything):
- employers create companies and become their owner;
- members (any role) edit the company and its logo;
- owners delete it (only while it has no jobs) and manage its members;
- the last owner can be neither removed nor demoted.
Changes to members and deletion lock the company row, so concurrent requests are
decided one after the other (no company ends up without an owner by a race).
"""

import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.text import slugify

from nexus.accounts.models import User
from nexus.core.blocklist import refuse_blocked_email, refuse_blocked_url
from nexus.core.errors import Conflict, InvalidInput, PermissionDenied
from nexus.core.moderation import ModerationStatus
from nexus.jobs.cache import jobs_changed
from nexus.jobs.models import Job
from nexus.taxonomy.models import Industry

from . import error_codes
from .logos import logo_checked
from .models import Company, CompanyMember, MemberRole
from .selectors import company_member_get, company_member_role, company_owner_count, user_is_company_member

EDITABLE_FIELDS = (
    "name",
    "description",
    "website",
    "industry",
    "size",
    "founded_year",
    "headquarters_city",
    "headquarters_country",
)
# Path segments under /companies/ that a slug must not take, since `{id}` also accepts slugs.
RESERVED_SLUGS = frozenset({"moderation"})
DECISIONS = {"approve": ModerationStatus.APPROVED, "reject": ModerationStatus.REJECTED}


# --- who may act ---------------------------------------------------------------------------------


def user_can_create_company(*, user: Any) -> bool:
    return bool(user and user.is_authenticated and (user.is_employer or user.is_admin))


def _require_creator(user: User) -> None:
    if not user_can_create_company(user=user):
        raise PermissionDenied("Only employers can create companies.", code=error_codes.EMPLOYER_ONLY)


def company_require_editor(*, user: User, company: Company) -> None:
    """Members (any role) and admins may change the company; others get 403 (they can see it)."""
    if not (user.is_admin or user_is_company_member(user=user, company=company)):
        raise PermissionDenied("Only the company's members can change it.", code=error_codes.NOT_COMPANY_MEMBER)


def _require_owner(user: User, company: Company) -> None:
    if not (user.is_admin or company_member_role(user=user, company=company) == MemberRole.OWNER):
        raise PermissionDenied("Only the company's owners can do this.", code=error_codes.NOT_COMPANY_OWNER)


def _require_admin(user: User) -> None:
    if not user.is_admin:
        raise PermissionDenied("Only admins can do this.", code=error_codes.ADMIN_ONLY)


def _lock(company: Company) -> Company:
    """Locks the company's row until the transaction ends and returns it as it is now.

    Member changes take the lock before checking who the actor is, so an owner demoted a
    moment ago no longer acts as one.
    """
    return Company.objects.select_for_update().get(pk=company.pk)


# --- the company ---------------------------------------------------------------------------------


def _industry(industry_id: int | None) -> Industry | None:
    if industry_id is None:
        return None
    industry = Industry.objects.filter(pk=industry_id).first()
    if industry is None:
        message = "No industry has this id."
        raise InvalidInput(message, code=error_codes.UNKNOWN_INDUSTRY, details={"industry": [message]})
    return industry


def _slug_base(name: str) -> str:
    base = slugify(name)[:200].strip("-") or "company"
    # A slug of digits would read as an id in /companies/{id}/.
    return f"company-{base}" if base.isdigit() else base


def _free_slug(base: str) -> str:
    taken = set(Company.objects.filter(slug__startswith=base).values_list("slug", flat=True)) | RESERVED_SLUGS
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def _save_new_with_unique_slug(company: Company) -> None:
    """Saves with the first free slug of the name; a concurrent creation that took it gets a random suffix."""
    base = _slug_base(company.name)
    company.slug = _free_slug(base)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                company.save()
            return
        except IntegrityError:
            if not Company.objects.filter(slug=company.slug).exists():
                raise  # some other constraint
            company.slug = f"{base}-{secrets.token_hex(3)}"
    raise Conflict("Could not give the company a unique address; try again.")


@transaction.atomic
def company_create(
    *,
    creator: User,
    name: str,
    description: str = "",
    website: str = "",
    industry: int | None = None,
    size: str = "",
    founded_year: int | None = None,
    headquarters_city: str = "",
    headquarters_country: str = "",
) -> Company:
    """Creates the company with the creator as its owner.

    Held for moderation (pending) when MODERATION_HOLD_UNVERIFIED is on and the creator's email
    is unverified. Refused when the website or the creator's email is on the domain blocklist.
    An admin may create a company too: it has no owner until the admin adds one.
    """
    _require_creator(creator)
    if not creator.is_admin:
        refuse_blocked_email(creator.email)
    refuse_blocked_url(website, field="website")
    held = settings.MODERATION_HOLD_UNVERIFIED and not creator.is_admin and not creator.email_verified
    company = Company(
        name=name.strip(),
        description=description,
        website=website,
        industry=_industry(industry),
        size=size,
        founded_year=founded_year,
        headquarters_city=headquarters_city.strip(),
        headquarters_country=headquarters_country.upper(),
        moderation_status=ModerationStatus.PENDING if held else ModerationStatus.APPROVED,
        created_by=creator,
    )
    company.slug = _slug_base(company.name)  # replaced by a free one on save
    company.full_clean(exclude=["slug"])
    _save_new_with_unique_slug(company)
    if creator.is_employer:
        CompanyMember.objects.create(company=company, user=creator, role=MemberRole.OWNER)
    return company


@transaction.atomic
def company_update(*, company: Company, actor: User, **fields: Any) -> Company:
    """Changes the given fields (any of EDITABLE_FIELDS; `industry` is an id or None). The slug stays."""
    company_require_editor(user=actor, company=company)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput(f"These fields cannot be changed: {', '.join(sorted(unknown))}.")
    if "website" in fields:
        refuse_blocked_url(fields["website"], field="website")
    if "industry" in fields:
        fields["industry"] = _industry(fields["industry"])
    if "name" in fields:
        fields["name"] = fields["name"].strip()
    if "headquarters_country" in fields:
        fields["headquarters_country"] = fields["headquarters_country"].upper()
    for name, value in fields.items():
        setattr(company, name, value)
    company.full_clean()
    company.save(update_fields=[*fields, "updated_at"])
    return company


@transaction.atomic
def company_delete(*, company: Company, actor: User) -> None:
    """Deletes a company that has never had jobs: jobs keep their company (applications refer to them)."""
    has_jobs = Conflict(
        "This company has jobs; close or archive them instead of deleting the company.",
        code=error_codes.COMPANY_HAS_JOBS,
    )
    # The lock makes a job being created for this company wait, then fail on the missing company.
    _lock(company)
    _require_owner(actor, company)
    if Job.objects.filter(company=company).exists():
        raise has_jobs
    logo_name = company.logo.name
    try:
        company.delete()
    except ProtectedError as exc:
        raise has_jobs from exc
    if logo_name:
        storage = company.logo.storage
        transaction.on_commit(lambda: storage.delete(logo_name))


# --- verification and moderation ----------------------------------------------------------------


@transaction.atomic
def company_verify(*, company: Company, actor: User) -> Company:
    """Marks the company verified (keeping the first verification time) and approves it."""
    _require_admin(actor)
    now = timezone.now()
    company.is_verified = True
    company.verified_at = company.verified_at or now
    company.moderation_status = ModerationStatus.APPROVED
    company.moderation_reason = ""
    company.moderated_at = now
    company.moderated_by = actor
    company.save(
        update_fields=[
            "is_verified",
            "verified_at",
            "moderation_status",
            "moderation_reason",
            "moderated_at",
            "moderated_by",
            "updated_at",
        ]
    )
    return company


@transaction.atomic
def company_unverify(*, company: Company, actor: User) -> Company:
    _require_admin(actor)
    company.is_verified = False
    company.verified_at = None
    company.save(update_fields=["is_verified", "verified_at", "updated_at"])
    return company


@transaction.atomic
def company_moderation_decide(*, actor: User, ids: Iterable[int], decision: str, reason: str = "") -> list[int]:
    """Approves or rejects every listed company, or none when any id is unknown. Returns the ids, sorted.

    Any company may be decided again: a rejected one approved later, or an approved spammer rejected.
    """
    _require_admin(actor)
    if decision not in DECISIONS:
        message = f"Choose one of: {', '.join(DECISIONS)}."
        raise InvalidInput(message, details={"decision": [message]})
    wanted = sorted(set(ids))
    if not wanted:
        raise InvalidInput("Name at least one company.", details={"ids": ["Name at least one company."]})
    found = list(Company.objects.select_for_update().filter(pk__in=wanted).order_by("pk").values_list("pk", flat=True))
    missing = sorted(set(wanted) - set(found))
    if missing:
        message = f"No company has these ids: {', '.join(map(str, missing))}. Nothing was changed."
        raise InvalidInput(
            message, code=error_codes.UNKNOWN_COMPANIES, details={"ids": [message], "unknown_ids": missing}
        )
    Company.objects.filter(pk__in=found).update(
        moderation_status=DECISIONS[decision],
        moderation_reason=reason.strip(),
        moderated_at=timezone.now(),
        moderated_by=actor,
        updated_at=timezone.now(),
    )
    jobs_changed()  # the public job lists show only approved companies' jobs
    return found


# --- members -------------------------------------------------------------------------------------


@transaction.atomic
def company_member_add(*, company: Company, actor: User, email: str, role: str = MemberRole.MEMBER) -> CompanyMember:
    """Adds an existing, active employer account (found by email) to the company."""
    if role not in MemberRole.values:
        raise InvalidInput("Choose owner or member.", details={"role": ["Choose owner or member."]})
    _lock(company)
    _require_owner(actor, company)
    user = User.objects.with_email(email).filter(is_active=True).first()
    if user is None:
        message = "No account has this email address; ask them to register as an employer first."
        raise InvalidInput(message, code=error_codes.UNKNOWN_USER, details={"email": [message]})
    if not user.is_employer:
        message = "Only employer accounts can join a company."
        raise InvalidInput(message, code=error_codes.NOT_AN_EMPLOYER, details={"email": [message]})
    refuse_blocked_email(user.email)
    already = Conflict("This user is already a member of the company.", code=error_codes.ALREADY_MEMBER)
    if CompanyMember.objects.filter(company=company, user=user).exists():
        raise already
    member = CompanyMember(company=company, user=user, role=role)
    member.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError as exc:  # a concurrent request added them first
        raise already from exc
    return member


def _refuse_losing_last_owner(member: CompanyMember) -> None:
    if member.role == MemberRole.OWNER and company_owner_count(company=member.company) <= 1:
        raise Conflict(
            "A company needs at least one owner: make someone else an owner first.", code=error_codes.LAST_OWNER
        )


@transaction.atomic
def company_member_set_role(*, company: Company, actor: User, user_id: int, role: str) -> CompanyMember:
    if role not in MemberRole.values:
        raise InvalidInput("Choose owner or member.", details={"role": ["Choose owner or member."]})
    _lock(company)
    _require_owner(actor, company)
    member = company_member_get(company=company, user_id=user_id)
    if member.role == role:
        return member
    if role != MemberRole.OWNER:
        _refuse_losing_last_owner(member)
    member.role = role
    member.save(update_fields=["role", "updated_at"])
    return member


@transaction.atomic
def company_member_remove(*, company: Company, actor: User, user_id: int) -> None:
    """Owners remove anyone; a member may also leave by removing themselves. Never the last owner."""
    _lock(company)
    if actor.pk != user_id:
        _require_owner(actor, company)
    member = company_member_get(company=company, user_id=user_id)
    _refuse_losing_last_owner(member)
    member.delete()


# --- the logo ------------------------------------------------------------------------------------


@transaction.atomic
def company_logo_set(*, company: Company, actor: User, upload: UploadedFile) -> Company:
    """Stores the image (checked by its content) under a random name; the old logo file goes after commit."""
    company_require_editor(user=actor, company=company)
    extension = logo_checked(upload)
    old_name = _lock(company).logo.name
    storage = company.logo.storage
    upload.seek(0)
    company.logo.save(f"{secrets.token_hex(16)}.{extension}", upload, save=False)
    new_name = company.logo.name
    # If the transaction fails the new file is an orphan: remove it; if it commits, the old one is.
    transaction.on_commit(lambda: old_name and storage.delete(old_name))
    try:
        company.save(update_fields=["logo", "updated_at"])
    except Exception:
        storage.delete(new_name)
        raise
    return company


@transaction.atomic
def company_logo_remove(*, company: Company, actor: User) -> Company:
    company_require_editor(user=actor, company=company)
    old_name = _lock(company).logo.name
    if not old_name:
        return company
    storage = company.logo.storage
    company.logo = ""  # type: ignore[assignment]
    company.save(update_fields=["logo", "updated_at"])
    transaction.on_commit(lambda: storage.delete(old_name))
    return company
