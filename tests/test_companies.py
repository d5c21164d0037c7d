"""Companies: CRUD, visibility, moderation, the domain blocklist, members, verification and logos."""

import io
import os
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image
from rest_framework.test import APIClient

from nexus.accounts.demo import demo_accounts_create
from nexus.accounts.models import Role, User
from nexus.companies.demo import DEMO_COMPANIES, demo_companies_create
from nexus.companies.models import Company, CompanyMember, MemberRole
from nexus.companies.selectors import (
    company_get_for_member,
    company_ids_of_member,
    user_is_company_member,
)
from nexus.core.blocklist import domain_is_blocked
from nexus.core.errors import NotFound
from nexus.core.moderation import ModerationStatus
from nexus.jobs.models import Job
from nexus.taxonomy.models import Industry

from .concurrency import run_concurrently
from .conftest import assert_error
from .factories import AdminFactory, CompanyFactory, CompanyMemberFactory, EmployerFactory, SeekerFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/companies/"
MODERATION_URL = "/api/v1/companies/moderation/"
DECIDE_URL = "/api/v1/companies/moderation/decide/"
REGISTER_URL = "/api/v1/auth/register/"

REPRESENTATION_KEYS = {
    "id",
    "name",
    "slug",
    "description",
    "website",
    "industry",
    "size",
    "founded_year",
    "headquarters_city",
    "headquarters_country",
    "logo_url",
    "is_verified",
    "verified_at",
    "moderation_status",
    "moderation_reason",
    "open_jobs_count",
    "created_at",
    "updated_at",
}
ROLES = ["anonymous", "seeker", "owner", "member", "stranger", "admin"]


def detail_url(company: Company | int | str) -> str:
    key = company.pk if isinstance(company, Company) else company
    return f"/api/v1/companies/{key}/"


def members_url(company: Company) -> str:
    return f"{detail_url(company)}members/"


def member_url(company: Company, user: User) -> str:
    return f"{members_url(company)}{user.pk}/"


def verify_url(company: Company) -> str:
    return f"{detail_url(company)}verify/"


def logo_url(company: Company) -> str:
    return f"{detail_url(company)}logo/"


@pytest.fixture
def people(db) -> dict[str, User | None]:
    return {
        "anonymous": None,
        "seeker": SeekerFactory(),
        "owner": EmployerFactory(),
        "member": EmployerFactory(),
        "stranger": EmployerFactory(),
        "admin": AdminFactory(),
    }


@pytest.fixture
def as_role(people, client_for, api_client):
    """The API client of one of the people: `as_role("owner")`."""

    def make(role: str) -> APIClient:
        user = people[role]
        return api_client if user is None else client_for(user)

    return make


def company_of(people, **fields) -> Company:
    """A company owned by `owner`, with `member` as a plain member."""
    company = CompanyFactory(owner=people["owner"], **fields)
    CompanyMemberFactory(company=company, user=people["member"], role=MemberRole.MEMBER)
    return company


@pytest.fixture
def company(people) -> Company:
    return company_of(people)


@pytest.fixture
def held_company(people) -> Company:
    return company_of(people, moderation_status=ModerationStatus.PENDING)


def make_job(company: Company, **fields) -> Job:
    number = Job.objects.count() + 1
    defaults = {
        "title": f"Engineer {number}",
        "slug": f"engineer-{company.pk}-{number}-{os.urandom(3).hex()}",
        "status": "published",
        "moderation_status": ModerationStatus.APPROVED,
        "published_at": timezone.now(),
    }
    return Job.objects.create(company=company, **{**defaults, **fields})


def image_bytes(fmt: str, size: tuple[int, int] = (64, 48), *, noise: bool = False) -> bytes:
    if noise:
        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        image = Image.new("RGB", size, (200, 30, 60))
    buffer = io.BytesIO()
    image.save(buffer, format=fmt)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def stored_logos(media_root) -> list[str]:
    folder = media_root / "company-logos"
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


# --- create --------------------------------------------------------------------------------------


def test_employer_creates_a_company_and_becomes_its_owner(client_for, employer):
    industry = Industry.objects.create(name="Software", slug="software")
    body = {
        "name": "Acme Labs",
        "description": "We build rockets.",
        "website": "https://acme.example.com",
        "industry": industry.pk,
        "size": "11-50",
        "founded_year": 2015,
        "headquarters_city": "Berlin",
        "headquarters_country": "de",
    }

    response = client_for(employer).post(LIST_URL, body, format="json")

    assert response.status_code == 201, response.content
    data = response.json()
    assert set(data) == REPRESENTATION_KEYS
    assert data["slug"] == "acme-labs"
    assert data["industry"] == {"id": industry.pk, "name": "Software"}
    assert data["headquarters_country"] == "DE"
    assert data["moderation_status"] == "approved"
    assert data["is_verified"] is False
    assert data["logo_url"] is None
    assert data["open_jobs_count"] == 0
    company = Company.objects.get(pk=data["id"])
    assert company.created_by == employer
    assert list(company.memberships.values_list("user_id", "role")) == [(employer.pk, "owner")]


def test_seeker_cannot_create_a_company(client_for, seeker):
    response = client_for(seeker).post(LIST_URL, {"name": "Nope"}, format="json")
    assert_error(response, 403, "employer_only")
    assert not Company.objects.exists()


def test_anonymous_cannot_create_a_company(api_client):
    assert_error(api_client.post(LIST_URL, {"name": "Nope"}, format="json"), 401)


def test_admin_creates_a_company_without_owner(client_for, admin_user):
    response = client_for(admin_user).post(LIST_URL, {"name": "Admin Made"}, format="json")
    assert response.status_code == 201, response.content
    assert not CompanyMember.objects.exists()


def test_slugs_are_unique_never_numeric_and_never_reserved(client_for, employer):
    client = client_for(employer)
    slugs = [
        client.post(LIST_URL, {"name": name}, format="json").json()["slug"]
        for name in ["Acme", "ACME", "1024", "Moderation", "!!!"]
    ]
    assert slugs == ["acme", "acme-2", "company-1024", "moderation-2", "company"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "name"),
        ({"name": "   "}, "name"),
        ({"name": 12}, "name"),
        ({"name": "A", "headquarters_country": "Ethiopia"}, "headquarters_country"),
        ({"name": "A", "headquarters_country": "E1"}, "headquarters_country"),
        ({"name": "A", "headquarters_country": "XX"}, "headquarters_country"),  # no country's code
        ({"name": "A", "founded_year": 3000}, "founded_year"),
        ({"name": "A", "founded_year": "2010"}, "founded_year"),
        ({"name": "A", "website": "not a url"}, "website"),
        ({"name": "A", "size": "huge"}, "size"),
        ({"name": "A", "industry": "1"}, "industry"),
        ({"name": "x" * 201}, "name"),
    ],
)
def test_create_refuses_invalid_input(client_for, employer, body, field):
    response = client_for(employer).post(LIST_URL, body, format="json")
    error = assert_error(response, 400, "validation_error")
    assert field in error["details"]
    assert not Company.objects.exists()


def test_create_refuses_an_unknown_industry(client_for, employer):
    response = client_for(employer).post(LIST_URL, {"name": "A", "industry": 999999}, format="json")
    error = assert_error(response, 400, "unknown_industry")
    assert "industry" in error["details"]


# --- moderation hold ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hold", "verified", "expected"),
    [
        (True, False, "pending"),
        (True, True, "approved"),
        (False, False, "approved"),
        (False, True, "approved"),
    ],
)
def test_moderation_hold_applies_to_unverified_employers_only(settings, client_for, hold, verified, expected):
    settings.MODERATION_HOLD_UNVERIFIED = hold
    employer = EmployerFactory(email_verified_at=timezone.now() if verified else None)

    response = client_for(employer).post(LIST_URL, {"name": "Maybe Spam"}, format="json")

    assert response.status_code == 201, response.content
    assert response.json()["moderation_status"] == expected
    assert Company.objects.get().moderation_status == expected


def test_a_held_company_is_seen_by_its_members_and_admins_only(as_role, held_company):
    for role, status in {
        "anonymous": 404,
        "seeker": 404,
        "stranger": 404,
        "owner": 200,
        "member": 200,
        "admin": 200,
    }.items():
        response = as_role(role).get(detail_url(held_company))
        assert response.status_code == status, (role, response.content)
        if status == 404:
            assert_error(response, 404, "not_found")
        else:
            assert response.json()["moderation_status"] == "pending"


def test_the_list_shows_approved_companies_plus_your_own(as_role, people, held_company):
    public = CompanyFactory(name="Public Co")
    rejected = CompanyFactory(name="Rejected Co", moderation_status=ModerationStatus.REJECTED)

    def names(role: str, query: str = "") -> set[str]:
        response = as_role(role).get(LIST_URL + query)
        assert response.status_code == 200, response.content
        return {row["name"] for row in response.json()["results"]}

    assert names("anonymous") == {public.name}
    assert names("stranger") == {public.name}
    assert names("owner") == {public.name, held_company.name}
    assert names("member") == {public.name, held_company.name}
    assert names("admin") == {public.name, held_company.name, rejected.name}
    assert names("owner", "?mine=true") == {held_company.name}
    assert names("stranger", "?mine=true") == set()


# --- the domain blocklist -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("domain", "blocked"),
    [
        ("spam.example", True),
        ("SPAM.example.", True),
        ("jobs.spam.example", True),
        ("notspam.example", False),
        ("spam.example.org", False),
        ("", False),
    ],
)
def test_domain_is_blocked_matches_the_domain_and_its_subdomains(settings, domain, blocked):
    settings.BLOCKED_DOMAINS = ["Spam.Example"]
    assert domain_is_blocked(domain) is blocked


@pytest.mark.parametrize("website", ["https://spam.example", "https://careers.spam.example/jobs"])
def test_a_company_with_a_blocked_website_is_refused(settings, client_for, employer, website):
    settings.BLOCKED_DOMAINS = ["spam.example"]
    response = client_for(employer).post(LIST_URL, {"name": "Spam", "website": website}, format="json")
    error = assert_error(response, 400, "blocked_domain")
    assert "website" in error["details"]
    assert not Company.objects.exists()


def test_a_lookalike_website_is_not_blocked(settings, client_for, employer):
    settings.BLOCKED_DOMAINS = ["spam.example"]
    response = client_for(employer).post(
        LIST_URL, {"name": "Fine", "website": "https://notspam.example"}, format="json"
    )
    assert response.status_code == 201, response.content


def test_an_employer_with_a_blocked_email_domain_cannot_create_companies(settings, client_for):
    settings.BLOCKED_DOMAINS = ["spam.example"]
    employer = EmployerFactory(email="boss@mail.spam.example")
    response = client_for(employer).post(LIST_URL, {"name": "Spam"}, format="json")
    assert_error(response, 400, "blocked_domain")
    assert not Company.objects.exists()


def test_changing_the_website_to_a_blocked_domain_is_refused(settings, as_role, company):
    settings.BLOCKED_DOMAINS = ["spam.example"]
    response = as_role("owner").patch(detail_url(company), {"website": "https://spam.example"}, format="json")
    assert_error(response, 400, "blocked_domain")
    company.refresh_from_db()
    assert "spam" not in company.website


@pytest.mark.parametrize("email", ["ana@spam.example", "ana@eu.SPAM.example"])
def test_registration_with_a_blocked_email_domain_is_refused(settings, api_client, email):
    settings.BLOCKED_DOMAINS = ["spam.example"]
    body = {"email": email, "password": "a-long-passphrase-1", "role": "employer"}
    error = assert_error(api_client.post(REGISTER_URL, body, format="json"), 400, "blocked_domain")
    assert "email" in error["details"]
    assert not User.objects.exists()


def test_registration_with_an_allowed_domain_still_works(settings, api_client):
    settings.BLOCKED_DOMAINS = ["spam.example"]
    body = {"email": "ana@example.com", "password": "a-long-passphrase-1", "role": "employer"}
    assert api_client.post(REGISTER_URL, body, format="json").status_code == 201


# --- list and detail ------------------------------------------------------------------------------


def test_list_filters_and_orders_by_name(api_client):
    software = Industry.objects.create(name="Software", slug="software")
    health = Industry.objects.create(name="Health", slug="health")
    CompanyFactory(name="Zeta Soft", industry=software, headquarters_country="DE", is_verified=True)
    CompanyFactory(name="Alpha Health", industry=health, headquarters_country="ET")
    CompanyFactory(name="Mid Software", industry=software, headquarters_country="ET")

    def names(query: str) -> list[str]:
        response = api_client.get(LIST_URL + query)
        assert response.status_code == 200, response.content
        return [row["name"] for row in response.json()["results"]]

    assert names("") == ["Alpha Health", "Mid Software", "Zeta Soft"]
    assert names("?q=soft") == ["Mid Software", "Zeta Soft"]
    assert names(f"?industry={software.pk}") == ["Mid Software", "Zeta Soft"]
    assert names("?industry=health") == ["Alpha Health"]
    assert names("?verified=true") == ["Zeta Soft"]
    assert names("?country=et") == ["Alpha Health", "Mid Software"]
    assert names("?country=ET&q=mid") == ["Mid Software"]
    assert "country" in assert_error(api_client.get(LIST_URL + "?country=XX"), 400, "validation_error")["details"]


def test_list_pages_by_cursor(api_client):
    for number in range(5):
        CompanyFactory(name=f"Company {number:02}")
    first = api_client.get(LIST_URL + "?page_size=2").json()
    assert [row["name"] for row in first["results"]] == ["Company 00", "Company 01"]
    second = api_client.get(first["next"]).json()
    assert [row["name"] for row in second["results"]] == ["Company 02", "Company 03"]


def test_numbered_pages_count_every_row_up_to_a_bound_then_estimate_and_still_reach_every_row(api_client, monkeypatch):
    """Counting the 760,000 listed jobs of a numbered page took 1.3 s: past COUNTED_UP_TO rows, `count` is the planner's
    estimate (never fewer than were counted) and the pages go on to where the rows end."""
    from nexus.core import pagination

    for number in range(7):
        CompanyFactory(name=f"Company {number:02}")
    exact = api_client.get(LIST_URL, {"page": 1, "page_size": 3}).json()
    assert exact["count"] == 7 and exact["count_exact"] is True
    monkeypatch.setattr(pagination, "COUNTED_UP_TO", 3)
    pages = [api_client.get(LIST_URL, {"page": n, "page_size": 2}).json() for n in (1, 2, 3, 4)]
    assert all(page["count_exact"] is False and page["count"] >= 4 for page in pages)
    assert [row["name"] for page in pages for row in page["results"]] == [f"Company {n:02}" for n in range(7)]
    assert [page["next"] is not None for page in pages] == [True, True, True, False]
    assert pages[3]["previous"] is not None
    assert_error(api_client.get(LIST_URL, {"page": 5, "page_size": 2}), 404)


def test_open_jobs_count_counts_published_approved_unexpired_jobs(api_client):
    company = CompanyFactory()
    make_job(company)
    make_job(company, application_deadline=timezone.now() + timedelta(days=3))
    make_job(company, status="draft", published_at=None)
    make_job(company, status="closed")
    make_job(company, moderation_status=ModerationStatus.PENDING)
    make_job(company, application_deadline=timezone.now() - timedelta(minutes=1))

    assert api_client.get(detail_url(company)).json()["open_jobs_count"] == 2
    assert api_client.get(LIST_URL).json()["results"][0]["open_jobs_count"] == 2


def list_queries(client: APIClient) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST_URL + "?page_size=100")
    assert response.status_code == 200, response.content
    return len(queries.captured_queries), len(response.json()["results"])


@pytest.mark.parametrize("role", ["anonymous", "owner", "admin"])
def test_list_query_count_does_not_grow_with_the_companies(as_role, people, role, media_root):
    industry = Industry.objects.create(name="Software", slug="software")

    def add_companies(count: int) -> None:
        for _ in range(count):
            company = CompanyFactory(industry=industry, logo="company-logos/logo.png")
            CompanyMemberFactory(company=company, user=people["owner"], role=MemberRole.OWNER)
            make_job(company)

    client = as_role(role)
    add_companies(3)
    few_queries, few_rows = list_queries(client)
    add_companies(12)
    many_queries, many_rows = list_queries(client)

    assert (few_rows, many_rows) == (3, 15)
    assert few_queries == many_queries
    assert many_queries <= 3  # the user (when signed in), the page; nothing per row


@pytest.mark.parametrize("key", ["id", "slug"])
def test_detail_by_id_or_slug(api_client, company, key):
    response = api_client.get(detail_url(getattr(company, "pk" if key == "id" else "slug")))
    assert response.status_code == 200, response.content
    assert set(response.json()) == REPRESENTATION_KEYS
    assert response.json()["id"] == company.pk


@pytest.mark.parametrize("key", ["999999", "no-such-company", "99999999999999999999999"])
def test_unknown_company_is_404(api_client, key):
    assert_error(api_client.get(detail_url(key)), 404, "not_found")


# --- update and delete ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status", "code"),
    [
        ("anonymous", 401, None),
        ("seeker", 403, "not_company_member"),
        ("stranger", 403, "not_company_member"),
        ("member", 200, None),
        ("owner", 200, None),
        ("admin", 200, None),
    ],
)
def test_update_permissions(as_role, company, role, status, code):
    response = as_role(role).patch(detail_url(company), {"name": "Renamed", "industry": None}, format="json")
    company.refresh_from_db()
    if status == 200:
        assert response.status_code == 200, response.content
        assert response.json()["name"] == "Renamed"
        assert company.name == "Renamed"
    else:
        assert_error(response, status, code)
        assert company.name != "Renamed"


def test_update_keeps_the_slug_and_sets_industry(as_role, company):
    industry = Industry.objects.create(name="Health", slug="health")
    slug = company.slug
    response = as_role("owner").patch(
        detail_url(company.slug), {"name": "Brand New Name", "industry": industry.pk}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["slug"] == slug
    assert response.json()["industry"] == {"id": industry.pk, "name": "Health"}


def test_update_of_a_held_company_by_a_stranger_is_404(as_role, held_company):
    assert_error(as_role("stranger").patch(detail_url(held_company), {"name": "X"}, format="json"), 404)


@pytest.mark.parametrize(
    ("role", "status", "code"),
    [
        ("anonymous", 401, None),
        ("seeker", 403, "not_company_owner"),
        ("stranger", 403, "not_company_owner"),
        ("member", 403, "not_company_owner"),
        ("owner", 204, None),
        ("admin", 204, None),
    ],
)
def test_delete_permissions(as_role, company, role, status, code):
    response = as_role(role).delete(detail_url(company))
    if status == 204:
        assert response.status_code == 204, response.content
        assert not Company.objects.filter(pk=company.pk).exists()
        assert not CompanyMember.objects.filter(company_id=company.pk).exists()
    else:
        assert_error(response, status, code)
        assert Company.objects.filter(pk=company.pk).exists()


@pytest.mark.parametrize("job_status", ["draft", "published", "archived"])
def test_a_company_with_jobs_cannot_be_deleted(as_role, company, job_status):
    make_job(company, status=job_status)
    assert_error(as_role("owner").delete(detail_url(company)), 409, "company_has_jobs")
    assert Company.objects.filter(pk=company.pk).exists()


def test_delete_of_a_held_company_by_a_stranger_is_404(as_role, held_company):
    assert_error(as_role("stranger").delete(detail_url(held_company)), 404)


# --- members --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 401), ("seeker", 404), ("stranger", 404), ("member", 200), ("owner", 200), ("admin", 200)],
)
def test_who_may_list_members(as_role, people, company, role, status):
    response = as_role(role).get(members_url(company))
    assert response.status_code == status, response.content
    if status == 200:
        rows = response.json()
        assert [(row["user_id"], row["role"]) for row in rows] == [
            (people["owner"].pk, "owner"),
            (people["member"].pk, "member"),
        ]
        assert set(rows[0]) == {"user_id", "email", "first_name", "last_name", "role", "joined_at"}
    else:
        assert_error(response, status)


@pytest.mark.parametrize(
    ("role", "status", "code"),
    [
        ("anonymous", 401, None),
        ("seeker", 404, "not_found"),
        ("stranger", 404, "not_found"),
        ("member", 403, "not_company_owner"),
        ("owner", 201, None),
        ("admin", 201, None),
    ],
)
def test_who_may_add_members(as_role, company, role, status, code):
    newcomer = EmployerFactory(email="newcomer@example.com")
    response = as_role(role).post(members_url(company), {"email": "NewComer@Example.com"}, format="json")
    if status == 201:
        assert response.status_code == 201, response.content
        assert response.json()["user_id"] == newcomer.pk
        assert response.json()["role"] == "member"
        assert user_is_company_member(user=newcomer, company=company)
    else:
        assert_error(response, status, code)
        assert not user_is_company_member(user=newcomer, company=company)


def test_owner_adds_another_owner(as_role, company):
    newcomer = EmployerFactory()
    response = as_role("owner").post(members_url(company), {"email": newcomer.email, "role": "owner"}, format="json")
    assert response.status_code == 201, response.content
    assert CompanyMember.objects.get(company=company, user=newcomer).role == "owner"


@pytest.mark.parametrize(
    ("email_of", "code"),
    [("nobody", "unknown_user"), ("seeker", "not_an_employer"), ("inactive", "unknown_user")],
)
def test_only_existing_active_employers_can_be_added(as_role, people, company, email_of, code):
    emails = {
        "nobody": "nobody@example.com",
        "seeker": people["seeker"].email,
        "inactive": EmployerFactory(is_active=False).email,
    }
    response = as_role("owner").post(members_url(company), {"email": emails[email_of]}, format="json")
    error = assert_error(response, 400, code)
    assert "email" in error["details"]


def test_adding_a_member_twice_is_a_conflict(as_role, people, company):
    response = as_role("owner").post(members_url(company), {"email": people["member"].email}, format="json")
    assert_error(response, 409, "already_member")


@pytest.mark.parametrize("body", [{}, {"email": "x@example.com", "role": "boss"}, {"email": 5}])
def test_add_member_refuses_invalid_input(as_role, company, body):
    assert_error(as_role("owner").post(members_url(company), body, format="json"), 400, "validation_error")


def test_owner_promotes_and_demotes_members(as_role, people, company):
    client = as_role("owner")
    promoted = client.patch(member_url(company, people["member"]), {"role": "owner"}, format="json")
    assert promoted.status_code == 200, promoted.content
    assert promoted.json()["role"] == "owner"
    # with two owners, one may step down
    demoted = client.patch(member_url(company, people["owner"]), {"role": "member"}, format="json")
    assert demoted.status_code == 200, demoted.content
    assert CompanyMember.objects.get(company=company, user=people["owner"]).role == "member"


def test_the_last_owner_cannot_be_demoted(as_role, people, company):
    response = as_role("owner").patch(member_url(company, people["owner"]), {"role": "member"}, format="json")
    assert_error(response, 409, "last_owner")
    assert CompanyMember.objects.get(company=company, user=people["owner"]).role == "owner"


def test_the_last_owner_cannot_be_removed_even_by_an_admin(as_role, people, company):
    for role in ("owner", "admin"):
        assert_error(as_role(role).delete(member_url(company, people["owner"])), 409, "last_owner")
    assert user_is_company_member(user=people["owner"], company=company)


@pytest.mark.parametrize(
    ("role", "status", "code"),
    [
        ("anonymous", 401, None),
        ("stranger", 404, "not_found"),
        ("member", 403, "not_company_owner"),
        ("owner", 200, None),
        ("admin", 200, None),
    ],
)
def test_who_may_change_roles(as_role, people, company, role, status, code):
    response = as_role(role).patch(member_url(company, people["member"]), {"role": "owner"}, format="json")
    if status == 200:
        assert response.status_code == 200, response.content
    else:
        assert_error(response, status, code)


def test_owner_removes_a_member(as_role, people, company):
    assert as_role("owner").delete(member_url(company, people["member"])).status_code == 204
    assert not user_is_company_member(user=people["member"], company=company)


def test_a_member_may_leave_but_not_remove_others(as_role, people, company):
    other = CompanyMemberFactory(company=company).user
    assert_error(as_role("member").delete(member_url(company, other)), 403, "not_company_owner")
    assert as_role("member").delete(member_url(company, people["member"])).status_code == 204
    assert not user_is_company_member(user=people["member"], company=company)


def test_an_owner_may_leave_when_another_owner_remains(as_role, people, company):
    CompanyMemberFactory(company=company, role=MemberRole.OWNER)
    assert as_role("owner").delete(member_url(company, people["owner"])).status_code == 204


def test_removing_or_changing_a_non_member_is_404(as_role, people, company):
    client = as_role("owner")
    assert_error(client.delete(member_url(company, people["stranger"])), 404)
    assert_error(client.patch(member_url(company, people["stranger"]), {"role": "owner"}, format="json"), 404)


def test_members_of_a_held_company_manage_it(as_role, people, held_company):
    newcomer = EmployerFactory()
    response = as_role("owner").post(members_url(held_company), {"email": newcomer.email}, format="json")
    assert response.status_code == 201, response.content
    assert_error(as_role("stranger").get(members_url(held_company)), 404)


@pytest.mark.django_db(transaction=True)
def test_concurrently_adding_the_same_member_makes_one_row(client_for):
    # given
    owner = EmployerFactory()
    company = CompanyFactory(owner=owner)
    newcomer = EmployerFactory()
    tokens = [client_for(owner) for _ in range(6)]

    # when
    results = run_concurrently(
        6, lambda index: tokens[index].post(members_url(company), {"email": newcomer.email}, format="json")
    )

    # then
    statuses = sorted(status for status, _ in results)
    assert statuses == [201] + [409] * 5, results
    assert all(body["code"] == "already_member" for status, body in results if status == 409)
    assert CompanyMember.objects.filter(company=company, user=newcomer).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_owners_demoting_each_other_at_once_leave_one_owner(client_for):
    # given
    first, second = EmployerFactory(), EmployerFactory()
    company = CompanyFactory(owner=first)
    CompanyMemberFactory(company=company, user=second, role=MemberRole.OWNER)
    clients = {0: (client_for(first), second), 1: (client_for(second), first)}

    # when each demotes the other
    results = run_concurrently(
        2,
        lambda index: clients[index][0].patch(
            member_url(company, clients[index][1]), {"role": "member"}, format="json"
        ),
    )

    # then: the second to run is refused, as the last owner (409) or as no longer an owner (403)
    assert sorted(status for status, _ in results) in ([200, 403], [200, 409]), results
    assert CompanyMember.objects.filter(company=company, role=MemberRole.OWNER).count() == 1


# --- verification ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status", "code"),
    [
        ("anonymous", 401, None),
        ("seeker", 403, "admin_only"),
        ("stranger", 403, "admin_only"),
        ("member", 403, "admin_only"),
        ("owner", 403, "admin_only"),
        ("admin", 200, None),
    ],
)
def test_only_admins_verify(as_role, company, role, status, code):
    response = as_role(role).post(verify_url(company))
    company.refresh_from_db()
    if status == 200:
        assert response.status_code == 200, response.content
        assert response.json()["is_verified"] is True
        assert response.json()["verified_at"] is not None
        assert company.is_verified and company.verified_at is not None
    else:
        assert_error(response, status, code)
        assert not company.is_verified


def test_verifying_approves_a_held_company(as_role, held_company):
    response = as_role("admin").post(verify_url(held_company))
    assert response.status_code == 200, response.content
    assert response.json()["moderation_status"] == "approved"
    assert as_role("anonymous").get(detail_url(held_company)).status_code == 200


def test_verifying_a_held_company_is_404_to_those_who_cannot_see_it(as_role, held_company):
    assert_error(as_role("stranger").post(verify_url(held_company)), 404)
    assert_error(as_role("owner").post(verify_url(held_company)), 403, "admin_only")


def test_admin_takes_verification_away(as_role, company):
    as_role("admin").post(verify_url(company))
    response = as_role("admin").delete(verify_url(company))
    assert response.status_code == 200, response.content
    assert response.json()["is_verified"] is False
    assert response.json()["verified_at"] is None
    assert_error(as_role("owner").delete(verify_url(company)), 403, "admin_only")


# --- moderation -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status", "code"),
    [
        ("anonymous", 401, None),
        ("seeker", 403, "admin_only"),
        ("owner", 403, "admin_only"),
        ("admin", 200, None),
    ],
)
def test_only_admins_see_the_moderation_queue(as_role, people, held_company, role, status, code):
    CompanyFactory(name="Approved one")
    response = as_role(role).get(MODERATION_URL)
    if status == 200:
        assert response.status_code == 200, response.content
        rows = response.json()["results"]
        assert [row["id"] for row in rows] == [held_company.pk]
        assert rows[0]["created_by"] is None or set(rows[0]["created_by"]) == {"id", "email"}
    else:
        assert_error(response, status, code)


def test_moderation_queue_by_status(as_role):
    rejected = CompanyFactory(moderation_status=ModerationStatus.REJECTED)
    response = as_role("admin").get(MODERATION_URL + "?status=rejected")
    assert [row["id"] for row in response.json()["results"]] == [rejected.pk]
    assert_error(as_role("admin").get(MODERATION_URL + "?status=bogus"), 400)


def test_admin_approves_held_companies_in_bulk(as_role, people):
    held = [company_of(people, moderation_status=ModerationStatus.PENDING) for _ in range(3)]
    ids = [company.pk for company in held]

    response = as_role("admin").post(DECIDE_URL, {"ids": ids, "decision": "approve"}, format="json")

    assert response.status_code == 200, response.content
    assert response.json() == {"decision": "approve", "moderation_status": "approved", "ids": sorted(ids)}
    assert set(Company.objects.values_list("moderation_status", flat=True)) == {"approved"}
    assert as_role("anonymous").get(detail_url(held[0])).status_code == 200


def test_admin_rejects_with_a_reason_that_members_see(as_role, people):
    spam = company_of(people)
    response = as_role("admin").post(
        DECIDE_URL, {"ids": [spam.pk], "decision": "reject", "reason": "Looks like spam."}, format="json"
    )
    assert response.status_code == 200, response.content
    assert_error(as_role("anonymous").get(detail_url(spam)), 404)
    seen = as_role("owner").get(detail_url(spam)).json()
    assert (seen["moderation_status"], seen["moderation_reason"]) == ("rejected", "Looks like spam.")
    spam.refresh_from_db()
    assert spam.moderated_by == people["admin"]
    assert spam.moderated_at is not None


def test_a_bulk_decision_with_an_unknown_id_changes_nothing(as_role, people):
    held = company_of(people, moderation_status=ModerationStatus.PENDING)
    response = as_role("admin").post(DECIDE_URL, {"ids": [held.pk, 987654], "decision": "approve"}, format="json")
    error = assert_error(response, 400, "unknown_companies")
    assert error["details"]["unknown_ids"] == [987654]
    held.refresh_from_db()
    assert held.moderation_status == "pending"


@pytest.mark.parametrize(
    "body",
    [
        {"ids": [], "decision": "approve"},
        {"ids": ["1"], "decision": "approve"},
        {"ids": [True], "decision": "approve"},
        {"ids": 1, "decision": "approve"},
        {"ids": [1], "decision": "maybe"},
        {"ids": [1]},
        {"ids": [1], "decision": "reject", "reason": "x" * 501},
    ],
)
def test_a_bulk_decision_refuses_invalid_input(as_role, body):
    assert_error(as_role("admin").post(DECIDE_URL, body, format="json"), 400, "validation_error")


@pytest.mark.parametrize(("role", "status"), [("anonymous", 401), ("owner", 403), ("seeker", 403)])
def test_only_admins_decide(as_role, held_company, role, status):
    response = as_role(role).post(DECIDE_URL, {"ids": [held_company.pk], "decision": "approve"}, format="json")
    assert_error(response, status)
    held_company.refresh_from_db()
    assert held_company.moderation_status == "pending"


# --- logo -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "extension"), [("PNG", "png"), ("JPEG", "jpg"), ("WEBP", "webp")])
def test_members_upload_a_logo(as_role, company, media_root, fmt, extension):
    response = as_role("member").put(
        logo_url(company), {"logo": upload("whatever.bin", image_bytes(fmt))}, format="multipart"
    )

    assert response.status_code == 200, response.content
    url = response.json()["logo_url"]
    assert url.startswith("http://testserver/media/company-logos/")
    assert url.endswith(f".{extension}")
    assert "whatever" not in url
    assert stored_logos(media_root) == [url.rsplit("/", 1)[1]]
    assert as_role("anonymous").get(detail_url(company)).json()["logo_url"] == url


def test_replacing_the_logo_deletes_the_old_file(as_role, company, media_root, django_capture_on_commit_callbacks):
    client = as_role("owner")
    with django_capture_on_commit_callbacks(execute=True):
        first = client.put(logo_url(company), {"logo": upload("a.png", image_bytes("PNG"))}, format="multipart")
        second = client.put(logo_url(company), {"logo": upload("b.jpg", image_bytes("JPEG"))}, format="multipart")
    assert first.status_code == second.status_code == 200
    assert stored_logos(media_root) == [second.json()["logo_url"].rsplit("/", 1)[1]]


def test_removing_the_logo(as_role, company, media_root, django_capture_on_commit_callbacks):
    client = as_role("owner")
    with django_capture_on_commit_callbacks(execute=True):
        client.put(logo_url(company), {"logo": upload("a.png", image_bytes("PNG"))}, format="multipart")
        response = client.delete(logo_url(company))
    assert response.status_code == 200, response.content
    assert response.json()["logo_url"] is None
    assert stored_logos(media_root) == []


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("logo.png", b"this is just text, not an image at all", "logo_invalid"),
        ("logo.png", image_bytes("GIF"), "logo_invalid"),
        ("logo.png", image_bytes("BMP"), "logo_invalid"),
        ("logo.png", image_bytes("PNG")[:60], "logo_invalid"),
        ("logo.png", image_bytes("PNG", (4097, 10)), "logo_dimensions_too_large"),
        ("logo.jpg", image_bytes("JPEG", (10, 4100)), "logo_dimensions_too_large"),
    ],
    ids=["text", "gif", "bmp", "truncated", "too-wide", "too-tall"],
)
def test_bad_logos_are_refused(as_role, company, media_root, name, content, code):
    response = as_role("owner").put(logo_url(company), {"logo": upload(name, content, "image/png")}, format="multipart")
    error = assert_error(response, 400, code)
    assert "logo" in error["details"]
    assert stored_logos(media_root) == []
    company.refresh_from_db()
    assert not company.logo


def test_a_logo_over_the_default_size_limit_is_refused(as_role, company, media_root):
    big = image_bytes("PNG", (1000, 1000), noise=True)
    assert len(big) > 2 * 1024 * 1024
    response = as_role("owner").put(logo_url(company), {"logo": upload("big.png", big)}, format="multipart")
    assert_error(response, 400, "logo_too_large")
    assert stored_logos(media_root) == []


def test_the_logo_size_limit_is_a_setting(settings, as_role, company, media_root):
    settings.COMPANY_LOGO_MAX_BYTES = 1000
    content = image_bytes("PNG", (40, 40), noise=True)
    assert len(content) > 1000
    response = as_role("owner").put(logo_url(company), {"logo": upload("a.png", content)}, format="multipart")
    assert_error(response, 400, "logo_too_large")


@pytest.mark.parametrize(
    ("role", "status", "code"),
    [
        ("anonymous", 401, None),
        ("seeker", 403, "not_company_member"),
        ("stranger", 403, "not_company_member"),
        ("admin", 200, None),
    ],
)
def test_who_may_upload_a_logo(as_role, company, media_root, role, status, code):
    response = as_role(role).put(logo_url(company), {"logo": upload("a.png", image_bytes("PNG"))}, format="multipart")
    if status == 200:
        assert response.status_code == 200, response.content
    else:
        assert_error(response, status, code)
        assert stored_logos(media_root) == []


def test_logo_upload_needs_multipart_and_the_field(as_role, company, media_root):
    client = as_role("owner")
    assert_error(client.put(logo_url(company), {"logo": "x"}, format="json"), 415)
    error = assert_error(client.put(logo_url(company), {}, format="multipart"), 400, "validation_error")
    assert "logo" in error["details"]


def test_logo_of_a_held_company_is_404_to_strangers(as_role, held_company, media_root):
    response = as_role("stranger").put(
        logo_url(held_company), {"logo": upload("a.png", image_bytes("PNG"))}, format="multipart"
    )
    assert_error(response, 404)


# --- helpers for other contexts, admin, demo -----------------------------------------------------


def test_member_helpers(people, company, held_company):
    other = CompanyFactory()
    assert set(company_ids_of_member(user=people["member"])) == {company.pk, held_company.pk}
    assert list(company_ids_of_member(user=people["stranger"])) == []
    assert user_is_company_member(user=people["owner"], company=company)
    assert not user_is_company_member(user=people["owner"], company=other)
    assert not user_is_company_member(user=people["admin"], company=company)
    assert company_get_for_member(user=people["member"], company_id=held_company.pk) == held_company
    assert company_get_for_member(user=people["admin"], company_id=other.slug) == other
    for user, company_id in [(people["stranger"], company.pk), (people["seeker"], company.pk), (None, company.pk)]:
        with pytest.raises(NotFound):
            company_get_for_member(user=user, company_id=company_id)


def test_django_admin_lists_and_moderates_companies(client, people, held_company):
    admin = people["admin"]
    client.force_login(admin)
    changelist = "/admin/companies/company/"

    assert client.get(changelist + "?moderation_status__exact=pending&is_verified__exact=0").status_code == 200
    assert client.get(f"{changelist}{held_company.pk}/change/").status_code == 200

    response = client.post(changelist, {"action": "verify", "_selected_action": [held_company.pk]})
    assert response.status_code == 302
    held_company.refresh_from_db()
    assert held_company.is_verified and held_company.moderation_status == "approved"

    response = client.post(changelist, {"action": "reject", "_selected_action": [held_company.pk]})
    assert response.status_code == 302
    held_company.refresh_from_db()
    assert held_company.moderation_status == "rejected"


def test_demo_companies_are_created_once(db):
    accounts = demo_accounts_create()
    first = demo_companies_create()
    second = demo_companies_create()
    assert len(first) == len(DEMO_COMPANIES) >= 6
    assert [company.pk for company in first] == [company.pk for company in second]
    assert Company.objects.count() == len(DEMO_COMPANIES)
    assert CompanyMember.objects.filter(user=accounts["employer"], role="owner").count() == len(DEMO_COMPANIES)
    assert accounts["employer"].role == Role.EMPLOYER
