"""Company reads, and the permission-checked fetch helpers every context uses to reach a company.

Visibility: approved companies are public; pending and rejected ones are seen only by
their members and by admins. Whoever may not see a company gets `NotFound`, never a
permission error that would tell them it exists.
"""

from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from nexus.core.errors import NotFound
from nexus.core.lookups import id_or_slug
from nexus.core.moderation import ModerationStatus
from nexus.jobs.choices import JobStatus
from nexus.jobs.models import Job

from .models import PUBLIC, Company, CompanyMember, MemberRole


def _is_admin(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_admin)


def company_ids_of_member(*, user: Any) -> QuerySet[CompanyMember, int]:
    """Ids of the companies the user belongs to (any role), as a subquery-friendly queryset."""
    if not (user and user.is_authenticated):
        return CompanyMember.objects.none().values_list("company_id", flat=True)
    return CompanyMember.objects.filter(user=user).values_list("company_id", flat=True)


def user_is_company_member(*, user: Any, company: Company) -> bool:
    """Whether the user is a member or owner of the company. Admins are not members: check them apart."""
    if not (user and user.is_authenticated):
        return False
    return CompanyMember.objects.filter(company=company, user=user).exists()


def company_member_role(*, user: Any, company: Company) -> str | None:
    """`owner`, `member`, or None for everyone else (admins included)."""
    if not (user and user.is_authenticated):
        return None
    return CompanyMember.objects.filter(company=company, user=user).values_list("role", flat=True).first()


def companies_visible_to(*, user: Any) -> QuerySet[Company]:
    """Approved companies, plus every company the user belongs to; admins see all."""
    if _is_admin(user):
        return Company.objects.all()
    if user and user.is_authenticated:
        return Company.objects.filter(PUBLIC | Q(pk__in=company_ids_of_member(user=user)))
    return Company.objects.filter(PUBLIC)


def _open_jobs_count() -> Coalesce:
    """Published, approved jobs whose deadline has not passed: what the public job list shows.

    A filtered count in a correlated subquery rather than a JOIN + GROUP BY, so a page of
    companies counts the jobs of those companies only, whatever the size of the job table.
    """
    deadline_open = Q(application_deadline__isnull=True) | Q(application_deadline__gt=timezone.now())
    open_jobs = (
        Job.objects.filter(
            deadline_open,
            company=OuterRef("pk"),
            status=JobStatus.PUBLISHED,
            moderation_status=ModerationStatus.APPROVED,
        )
        .order_by()
        .values("company")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(open_jobs, output_field=IntegerField()), Value(0))


def _with_representation(queryset: QuerySet[Company]) -> QuerySet[Company]:
    """What the company representation reads, in the same query: industry and the open jobs count."""
    return queryset.select_related("industry").annotate(open_jobs_count=_open_jobs_count())


def company_list(*, user: Any) -> QuerySet[Company]:
    """The companies the user may see, ready to serialize."""
    return _with_representation(companies_visible_to(user=user))


def _by_id_or_slug(key: int | str) -> Q:
    """Digits are an id (slugs are never all digits), anything else a slug."""
    return Q(pk=key) if isinstance(key, int) else id_or_slug(key)


def company_get_visible(*, user: Any, key: int | str) -> Company:
    """The company by numeric id or slug, if the user may see it, ready to serialize; else NotFound."""
    company = _with_representation(companies_visible_to(user=user)).filter(_by_id_or_slug(key)).first()
    if company is None:
        raise NotFound("No such company.")
    return company


def company_get_for_member(*, user: Any, company_id: int | str) -> Company:
    """The company (by id or slug) if the user is one of its members or an admin; else NotFound.

    For actions that only the company's people may take, e.g. posting a job for it or
    listing its members: to anyone else even a public company answers 404 here.
    """
    if _is_admin(user):
        queryset = Company.objects.all()
    else:
        queryset = Company.objects.filter(pk__in=company_ids_of_member(user=user))
    company = _with_representation(queryset).filter(_by_id_or_slug(company_id)).first()
    if company is None:
        raise NotFound("No such company.")
    return company


def company_members(*, company: Company) -> QuerySet[CompanyMember]:
    return CompanyMember.objects.filter(company=company).select_related("user").order_by("created_at", "id")


def company_member_get(*, company: Company, user_id: int) -> CompanyMember:
    member = company_members(company=company).filter(user_id=user_id).first()
    if member is None:
        raise NotFound("This user is not a member of the company.")
    return member


def company_owner_count(*, company: Company) -> int:
    return CompanyMember.objects.filter(company=company, role=MemberRole.OWNER).count()


def companies_for_moderation(*, status: str = ModerationStatus.PENDING) -> QuerySet[Company]:
    """The moderation queue (held companies by default), oldest first, with who created each."""
    return _with_representation(Company.objects.filter(moderation_status=status)).select_related("created_by")
