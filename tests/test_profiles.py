"""Employer and seeker profiles, and the seeker profile's nested collections."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext

from nexus.accounts.models import PROFILE_COLLECTIONS, EmployerProfile, ProfileItem, SeekerProfile, SeekerSkill
from nexus.accounts.services import MAX_ITEMS_PER_COLLECTION
from nexus.taxonomy.models import Skill, SkillAlias

from .conftest import assert_error
from .factories import SeekerFactory

pytestmark = pytest.mark.django_db

EMPLOYER_URL = "/api/v1/employers/me/"
SEEKER_URL = "/api/v1/seekers/me/"
COLLECTION_NAMES = list(PROFILE_COLLECTIONS)

# A valid create body, a full replacement for PUT and a partial change for PATCH, per collection.
PAYLOADS: dict[str, dict[str, dict]] = {
    "experience": {
        "create": {
            "title": "Backend Developer",
            "company_name": "Acme",
            "location": "Berlin",
            "start_date": "2019-03-01",
            "end_date": "2022-08-31",
            "description": "Built the public API.",
        },
        "put": {
            "title": "Lead Developer",
            "company_name": "Globex",
            "location": "Addis Ababa",
            "start_date": "2022-09-01",
            "end_date": None,
            "description": "Leads a team of five.",
        },
        "patch": {"location": "Remote"},
    },
    "education": {
        "create": {
            "institution": "Addis Ababa University",
            "degree": "BSc",
            "field_of_study": "Computer Science",
            "start_date": "2012-09-01",
            "end_date": "2016-07-01",
            "description": "",
        },
        "put": {
            "institution": "TU Berlin",
            "degree": "MSc",
            "field_of_study": "Informatics",
            "start_date": "2017-10-01",
            "end_date": "2019-09-30",
            "description": "Thesis on search ranking.",
        },
        "patch": {"degree": "MEng"},
    },
    "portfolio": {
        "create": {"title": "Job board", "url": "https://github.com/example/jobs", "description": "A side project."},
        "put": {"title": "Toy compiler", "url": "https://example.com/compiler", "description": "Written in Rust."},
        "patch": {"description": "Now with a type checker."},
    },
    "certifications": {
        "create": {
            "name": "AWS Solutions Architect",
            "issuer": "Amazon Web Services",
            "issued_on": "2021-05-01",
            "expires_on": "2024-05-01",
            "credential_id": "ABC-123",
            "credential_url": "https://aws.example.com/verify/abc-123",
        },
        "put": {
            "name": "Certified Kubernetes Administrator",
            "issuer": "CNCF",
            "issued_on": "2022-01-15",
            "expires_on": None,
            "credential_id": "CKA-9",
            "credential_url": "https://cncf.example.com/verify/cka-9",
        },
        "patch": {"credential_id": "ABC-124"},
    },
    "skills": {
        "create": {"name": "Python", "proficiency": "expert", "years": 8},
        "put": {"name": "Django", "proficiency": "advanced", "years": 5},
        "patch": {"years": 9},
    },
}

REQUIRED_FIELDS = {
    "experience": {"title", "company_name", "start_date"},
    "education": {"institution"},
    "portfolio": {"title"},
    "certifications": {"name"},
    "skills": {"name"},
}


def collection_url(collection: str) -> str:
    return f"{SEEKER_URL}{collection}/"


def item_url(collection: str, pk: object) -> str:
    return f"{SEEKER_URL}{collection}/{pk}/"


def skills_named(names: list[str]) -> dict[str, Skill]:
    """The taxonomy's skills of these names, made in one go when missing."""
    Skill.objects.bulk_create(
        [Skill(name=name, slug=name.lower().replace(" ", "-")) for name in names], ignore_conflicts=True
    )
    return {skill.name: skill for skill in Skill.objects.filter(name__in=names)}


def item_fields(collection: str, i: int) -> dict:
    """Valid model fields for the i-th ORM-made item of a collection (unique per i)."""
    if collection == "skills":
        return {"skill": skills_named([f"Skill {i}"])[f"Skill {i}"]}
    return {
        "experience": {
            "title": f"Role {i}",
            "company_name": f"Company {i}",
            "start_date": date(2000, 1, 1) + timedelta(days=i),
        },
        "education": {"institution": f"School {i}", "start_date": date(2000, 1, 1) + timedelta(days=i)},
        "portfolio": {"title": f"Project {i}", "url": f"https://example.com/projects/{i}"},
        "certifications": {"name": f"Certificate {i}", "issuer": "Issuer"},
    }[collection]


def add_items(profile: SeekerProfile, collection: str, count: int, start: int = 0) -> list[ProfileItem]:
    model = PROFILE_COLLECTIONS[collection]
    numbers = range(start, start + count)
    if collection == "skills":  # one query for the skills, not one per item
        skills = skills_named([f"Skill {i}" for i in numbers])
        return model._default_manager.bulk_create([model(profile=profile, skill=skills[f"Skill {i}"]) for i in numbers])
    return model._default_manager.bulk_create([model(profile=profile, **item_fields(collection, i)) for i in numbers])


def add_item(profile: SeekerProfile, collection: str, i: int = 0) -> ProfileItem:
    return add_items(profile, collection, 1, start=i)[0]


def assert_subset(body: dict, expected: dict) -> None:
    for key, value in expected.items():
        assert body[key] == value, (key, body)


@pytest.fixture
def other_seeker(db):
    return SeekerFactory()


@pytest.fixture(autouse=True)
def skills(db) -> dict[str, Skill]:
    """The skills that the request bodies name: seekers pick skills of the taxonomy.

    Made in bulk (not through the services) because every test here uses them.
    """
    aliases = {"Python": ["py", "python3"], "Django": [], "Go": ["golang"], "JavaScript": ["js"]}
    skills = skills_named(list(aliases))
    SkillAlias.objects.bulk_create(
        [SkillAlias(skill=skills[name], alias=alias) for name, names in aliases.items() for alias in names]
    )
    return skills


# --- /api/v1/employers/me/ ---------------------------------------------------


def test_employer_gets_their_profile(client_for, employer):
    response = client_for(employer).get(EMPLOYER_URL)

    assert response.status_code == 200, response.content
    assert response.json() == {
        "job_title": "Recruiter",
        "phone": "",
        "bio": "",
        "updated_at": response.json()["updated_at"],
    }
    assert response.json()["updated_at"]


def test_employer_patches_their_profile(client_for, employer):
    # given
    client = client_for(employer)
    changes = {"job_title": "Head of Talent", "phone": "+251 911 000000", "bio": "Hiring engineers in Addis."}

    # when
    response = client.patch(EMPLOYER_URL, changes)

    # then
    assert response.status_code == 200, response.content
    assert_subset(response.json(), changes)
    profile = employer.employer_profile
    profile.refresh_from_db()
    assert (profile.job_title, profile.phone, profile.bio) == (changes["job_title"], changes["phone"], changes["bio"])
    assert client.get(EMPLOYER_URL).json()["job_title"] == "Head of Talent"


def test_employer_patch_of_one_field_keeps_the_others(client_for, employer):
    response = client_for(employer).patch(EMPLOYER_URL, {"phone": "+49 30 123456"})

    assert response.status_code == 200, response.content
    assert response.json()["phone"] == "+49 30 123456"
    assert response.json()["job_title"] == "Recruiter"


def test_employer_patch_with_too_long_job_title_is_refused(client_for, employer):
    body = assert_error(client_for(employer).patch(EMPLOYER_URL, {"job_title": "x" * 151}), 400, "validation_error")

    assert "job_title" in body["details"]
    employer.employer_profile.refresh_from_db()
    assert employer.employer_profile.job_title == "Recruiter"


@pytest.mark.parametrize("method", ["get", "patch"])
@pytest.mark.parametrize("user_fixture", ["seeker", "admin_user"])
def test_only_employers_have_an_employer_profile(request, client_for, user_fixture, method):
    user = request.getfixturevalue(user_fixture)
    client = client_for(user)

    response = client.patch(EMPLOYER_URL, {"job_title": "Boss"}) if method == "patch" else client.get(EMPLOYER_URL)

    assert_error(response, 403, "employer_only")
    assert not EmployerProfile.objects.filter(user=user).exists()


@pytest.mark.parametrize("method", ["get", "patch"])
def test_employer_profile_needs_authentication(api_client, method):
    assert_error(getattr(api_client, method)(EMPLOYER_URL), 401, "not_authenticated")


# --- /api/v1/seekers/me/ -----------------------------------------------------


def test_seeker_gets_their_profile_with_every_collection(client_for, seeker):
    # given one item in each collection, and an item of another seeker that must not show
    profile = seeker.seeker_profile
    for collection in COLLECTION_NAMES:
        add_item(profile, collection)
    add_item(SeekerFactory().seeker_profile, "skills", i=99)

    # when
    response = client_for(seeker).get(SEEKER_URL)

    # then
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["headline"] == profile.headline
    assert body["country"] == "DE"
    assert body["open_to_work"] is True
    for collection in COLLECTION_NAMES:
        assert isinstance(body[collection], list), collection
        assert len(body[collection]) == 1, collection
    assert body["skills"][0]["name"] == "Skill 0"
    assert body["experience"][0]["company_name"] == "Company 0"


def test_new_seeker_profile_has_empty_collections(client_for, seeker):
    body = client_for(seeker).get(SEEKER_URL).json()

    for collection in COLLECTION_NAMES:
        assert body[collection] == []
    assert body["desired_employment_types"] == []


def test_seeker_patches_headline(client_for, seeker):
    response = client_for(seeker).patch(SEEKER_URL, {"headline": "Backend engineer, Python and Go"})

    assert response.status_code == 200, response.content
    assert response.json()["headline"] == "Backend engineer, Python and Go"
    # the answer is the full profile, collections included
    assert response.json()["skills"] == []
    seeker.seeker_profile.refresh_from_db()
    assert seeker.seeker_profile.headline == "Backend engineer, Python and Go"


def test_seeker_country_is_uppercased(client_for, seeker):
    response = client_for(seeker).patch(SEEKER_URL, {"country": "et"})

    assert response.status_code == 200, response.content
    assert response.json()["country"] == "ET"
    seeker.seeker_profile.refresh_from_db()
    assert seeker.seeker_profile.country == "ET"


def test_seeker_country_de_lowercase_becomes_upper(client_for, seeker):
    # given a profile in another country, so the change is visible
    SeekerProfile.objects.filter(user=seeker).update(country="ET")

    # when
    response = client_for(seeker).patch(SEEKER_URL, {"country": "de"})

    # then
    assert response.status_code == 200, response.content
    assert response.json()["country"] == "DE"
    assert SeekerProfile.objects.get(user=seeker).country == "DE"


@pytest.mark.parametrize("country", ["Germany", "D1", "1", "XX", "uk"])
def test_seeker_invalid_country_is_refused(client_for, seeker, country):
    body = assert_error(client_for(seeker).patch(SEEKER_URL, {"country": country}), 400, "validation_error")

    assert "country" in body["details"]
    seeker.seeker_profile.refresh_from_db()
    assert seeker.seeker_profile.country == "DE"


def test_seeker_desired_employment_types(client_for, seeker):
    response = client_for(seeker).patch(SEEKER_URL, {"desired_employment_types": ["full_time", "contract"]})

    assert response.status_code == 200, response.content
    assert response.json()["desired_employment_types"] == ["full_time", "contract"]
    seeker.seeker_profile.refresh_from_db()
    assert seeker.seeker_profile.desired_employment_types == ["full_time", "contract"]


def test_seeker_invalid_employment_type_is_refused(client_for, seeker):
    body = assert_error(
        client_for(seeker).patch(SEEKER_URL, {"desired_employment_types": ["full_time", "gig"]}),
        400,
        "validation_error",
    )

    assert "desired_employment_types" in body["details"]
    seeker.seeker_profile.refresh_from_db()
    assert seeker.seeker_profile.desired_employment_types == []


def test_seeker_salary_currency_is_uppercased(client_for, seeker):
    response = client_for(seeker).patch(SEEKER_URL, {"desired_salary_currency": "usd", "desired_salary_min": 50000})

    assert response.status_code == 200, response.content
    assert response.json()["desired_salary_currency"] == "USD"
    assert response.json()["desired_salary_min"] == 50000
    seeker.seeker_profile.refresh_from_db()
    assert seeker.seeker_profile.desired_salary_currency == "USD"


@pytest.mark.parametrize("currency", ["US", "US1", "dollars"])
def test_seeker_invalid_salary_currency_is_refused(client_for, seeker, currency):
    body = assert_error(client_for(seeker).patch(SEEKER_URL, {"desired_salary_currency": currency}), 400)

    assert "desired_salary_currency" in body["details"]


def test_seeker_years_of_experience_is_capped(client_for, seeker):
    body = assert_error(client_for(seeker).patch(SEEKER_URL, {"years_of_experience": 71}), 400, "validation_error")

    assert "years_of_experience" in body["details"]


@pytest.mark.parametrize("method", ["get", "patch"])
@pytest.mark.parametrize("user_fixture", ["employer", "admin_user"])
def test_only_seekers_have_a_seeker_profile(request, client_for, user_fixture, method):
    user = request.getfixturevalue(user_fixture)
    client = client_for(user)

    response = client.patch(SEEKER_URL, {"headline": "Boss"}) if method == "patch" else client.get(SEEKER_URL)

    assert_error(response, 403, "seeker_only")
    assert not SeekerProfile.objects.filter(user=user).exists()


@pytest.mark.parametrize("method", ["get", "patch"])
def test_seeker_profile_needs_authentication(api_client, method):
    assert_error(getattr(api_client, method)(SEEKER_URL), 401, "not_authenticated")


# --- nested collections: CRUD ------------------------------------------------


@pytest.mark.parametrize("collection", COLLECTION_NAMES)
def test_create_item(client_for, seeker, collection):
    # given
    payload = PAYLOADS[collection]["create"]

    # when
    response = client_for(seeker).post(collection_url(collection), payload)

    # then
    assert response.status_code == 201, response.content
    body = response.json()
    assert_subset(body, payload)
    assert {"id", "created_at", "updated_at"} <= set(body)
    item = PROFILE_COLLECTIONS[collection]._default_manager.get(pk=body["id"])
    assert item.profile_id == seeker.seeker_profile.pk


@pytest.mark.parametrize("collection", COLLECTION_NAMES)
def test_created_item_shows_on_the_profile(client_for, seeker, collection):
    client = client_for(seeker)
    created = client.post(collection_url(collection), PAYLOADS[collection]["create"]).json()

    profile = client.get(SEEKER_URL).json()

    assert [item["id"] for item in profile[collection]] == [created["id"]]


@pytest.mark.parametrize("collection", COLLECTION_NAMES)
def test_list_items_shows_only_own(client_for, seeker, other_seeker, collection):
    # given two own items and one of another seeker
    own = add_items(seeker.seeker_profile, collection, 2)
    add_item(other_seeker.seeker_profile, collection, i=50)

    # when
    response = client_for(seeker).get(collection_url(collection))

    # then
    assert response.status_code == 200, response.content
    body = response.json()
    assert isinstance(body, list)  # not paginated
    assert sorted(item["id"] for item in body) == sorted(item.pk for item in own)


@pytest.mark.parametrize("collection", COLLECTION_NAMES)
def test_retrieve_item(client_for, seeker, collection):
    client = client_for(seeker)
    created = client.post(collection_url(collection), PAYLOADS[collection]["create"]).json()

    response = client.get(item_url(collection, created["id"]))

    assert response.status_code == 200, response.content
    assert response.json() == created


@pytest.mark.parametrize("collection", COLLECTION_NAMES)
def test_put_replaces_item(client_for, seeker, collection):
    # given
    client = client_for(seeker)
    created = client.post(collection_url(collection), PAYLOADS[collection]["create"]).json()
    replacement = PAYLOADS[collection]["put"]

    # when
    response = client.put(item_url(collection, created["id"]), replacement)

    # then
    assert response.status_code == 200, response.content
    assert response.json()["id"] == created["id"]
    assert_subset(response.json(), replacement)
    assert_subset(client.get(item_url(collection, created["id"])).json(), replacement)
    assert PROFILE_COLLECTIONS[collection]._default_manager.filter(profile=seeker.seeker_profile).count() == 1


@pytest.mark.parametrize("collection", COLLECTION_NAMES)
def test_put_needs_the_required_fields(client_for, seeker, collection):
    item = add_item(seeker.seeker_profile, collection)

    body = assert_error(client_for(seeker).put(item_url(collection, item.pk), {}), 400, "validation_error")

    assert REQUIRED_FIELDS[collection] <= set(body["details"])


@pytest.mark.parametrize("collection", COLLECTION_NAMES)
def test_patch_changes_only_the_given_fields(client_for, seeker, collection):
    # given
    client = client_for(seeker)
    created = client.post(collection_url(collection), PAYLOADS[collection]["create"]).json()
    change = PAYLOADS[collection]["patch"]

    # when
    response = client.patch(item_url(collection, created["id"]), change)

    # then
    assert response.status_code == 200, response.content
    expected = {**PAYLOADS[collection]["create"], **change}
    assert_subset(response.json(), expected)
    assert_subset(client.get(item_url(collection, created["id"])).json(), expected)


@pytest.mark.parametrize("collection", COLLECTION_NAMES)
def test_delete_item(client_for, seeker, collection):
    # given
    client = client_for(seeker)
    created = client.post(collection_url(collection), PAYLOADS[collection]["create"]).json()
    kept = add_item(seeker.seeker_profile, collection, i=7)

    # when
    response = client.delete(item_url(collection, created["id"]))

    # then
    assert response.status_code == 204, response.content
    assert response.content == b""
    model = PROFILE_COLLECTIONS[collection]
    assert not model._default_manager.filter(pk=created["id"]).exists()
    assert model._default_manager.filter(pk=kept.pk).exists()
    assert_error(client.get(item_url(collection, created["id"])), 404, "not_found")


# --- nested collections: who may touch what ----------------------------------


@pytest.mark.parametrize("method", ["get", "patch", "put", "delete"])
@pytest.mark.parametrize("collection", COLLECTION_NAMES)
def test_another_seekers_item_is_not_found(client_for, seeker, other_seeker, collection, method):
    # given an item of another seeker
    theirs = add_item(other_seeker.seeker_profile, collection)
    before = model_to_dict(theirs)
    client = client_for(seeker)
    url = item_url(collection, theirs.pk)

    # when
    if method in ("patch", "put"):
        response = getattr(client, method)(url, PAYLOADS[collection]["put"])
    else:
        response = getattr(client, method)(url)

    # then
    assert_error(response, 404, "not_found")
    theirs.refresh_from_db()
    assert model_to_dict(theirs) == before
    assert not PROFILE_COLLECTIONS[collection]._default_manager.filter(profile=seeker.seeker_profile).exists()


@pytest.mark.parametrize("collection", COLLECTION_NAMES)
def test_unknown_item_is_not_found(client_for, seeker, collection):
    assert_error(client_for(seeker).get(item_url(collection, 999_999_999)), 404, "not_found")


@pytest.mark.parametrize("collection", COLLECTION_NAMES)
def test_non_numeric_id_is_not_found(client_for, seeker, collection):
    client = client_for(seeker)

    assert_error(client.get(item_url(collection, "abc")), 404, "not_found")
    assert_error(client.delete(item_url(collection, "1x")), 404, "not_found")


@pytest.mark.parametrize("user_fixture", ["employer", "admin_user"])
@pytest.mark.parametrize("collection", COLLECTION_NAMES)
def test_non_seekers_cannot_use_the_collections(request, client_for, seeker, collection, user_fixture):
    # given
    user = request.getfixturevalue(user_fixture)
    client = client_for(user)
    someones = add_item(seeker.seeker_profile, collection)
    model = PROFILE_COLLECTIONS[collection]

    # when / then: list, create and every item action
    assert_error(client.get(collection_url(collection)), 403, "seeker_only")
    assert_error(client.post(collection_url(collection), PAYLOADS[collection]["create"]), 403, "seeker_only")
    assert_error(client.get(item_url(collection, someones.pk)), 403, "seeker_only")
    assert_error(client.patch(item_url(collection, someones.pk), PAYLOADS[collection]["patch"]), 403, "seeker_only")
    assert_error(client.delete(item_url(collection, someones.pk)), 403, "seeker_only")
    assert model._default_manager.count() == 1
    assert model._default_manager.filter(pk=someones.pk).exists()


@pytest.mark.parametrize("collection", COLLECTION_NAMES)
def test_collections_need_authentication(api_client, seeker, collection):
    item = add_item(seeker.seeker_profile, collection)

    assert_error(api_client.get(collection_url(collection)), 401, "not_authenticated")
    assert_error(api_client.post(collection_url(collection), PAYLOADS[collection]["create"]), 401, "not_authenticated")
    assert_error(api_client.get(item_url(collection, item.pk)), 401, "not_authenticated")
    assert_error(api_client.delete(item_url(collection, item.pk)), 401, "not_authenticated")
    assert PROFILE_COLLECTIONS[collection]._default_manager.filter(pk=item.pk).exists()


# --- nested collections: validation ------------------------------------------


def test_experience_cannot_end_before_it_starts(client_for, seeker):
    payload = {**PAYLOADS["experience"]["create"], "start_date": "2022-01-01", "end_date": "2021-12-31"}

    body = assert_error(client_for(seeker).post(collection_url("experience"), payload), 400, "validation_error")

    assert body["details"]["non_field_errors"]
    assert not seeker.seeker_profile.experience.exists()


def test_experience_patch_cannot_move_the_end_before_the_start(client_for, seeker):
    # given an experience starting 2019-03-01
    client = client_for(seeker)
    created = client.post(collection_url("experience"), PAYLOADS["experience"]["create"]).json()

    # when only the end date is sent, earlier than the stored start
    response = client.patch(item_url("experience", created["id"]), {"end_date": "2018-01-01"})

    # then
    body = assert_error(response, 400, "validation_error")
    assert body["details"]["non_field_errors"]
    assert client.get(item_url("experience", created["id"])).json()["end_date"] == "2022-08-31"


def test_education_cannot_end_before_it_starts(client_for, seeker):
    payload = {**PAYLOADS["education"]["create"], "start_date": "2016-09-01", "end_date": "2016-01-01"}

    body = assert_error(client_for(seeker).post(collection_url("education"), payload), 400, "validation_error")

    assert body["details"]["non_field_errors"]


def test_certification_cannot_expire_before_it_is_issued(client_for, seeker):
    payload = {**PAYLOADS["certifications"]["create"], "issued_on": "2021-05-01", "expires_on": "2021-04-30"}

    body = assert_error(client_for(seeker).post(collection_url("certifications"), payload), 400, "validation_error")

    assert body["details"]["non_field_errors"]
    assert not seeker.seeker_profile.certifications.exists()


def test_duplicate_skill_is_refused_case_insensitively(client_for, seeker):
    # given
    client = client_for(seeker)
    assert client.post(collection_url("skills"), {"name": "Python"}).status_code == 201

    # when
    response = client.post(collection_url("skills"), {"name": "python"})

    # then
    body = assert_error(response, 400, "validation_error")
    assert body["details"]["non_field_errors"] == ["This skill is already on your profile."]
    assert [skill.name for skill in seeker.seeker_profile.skills.all()] == ["Python"]


def test_renaming_a_skill_onto_another_is_refused(client_for, seeker):
    # given
    client = client_for(seeker)
    client.post(collection_url("skills"), {"name": "Python"})
    go = client.post(collection_url("skills"), {"name": "Go"}).json()

    # when
    response = client.patch(item_url("skills", go["id"]), {"name": "PYTHON"})

    # then
    body = assert_error(response, 400, "validation_error")
    assert body["details"]["non_field_errors"] == ["This skill is already on your profile."]
    assert sorted(skill.name for skill in seeker.seeker_profile.skills.all()) == ["Go", "Python"]


def test_a_skill_may_change_its_own_case(client_for, seeker):
    client = client_for(seeker)
    created = client.post(collection_url("skills"), {"name": "python"}).json()

    response = client.patch(item_url("skills", created["id"]), {"name": "Python"})

    assert response.status_code == 200, response.content
    assert response.json()["name"] == "Python"


def test_the_same_skill_on_two_profiles_is_fine(client_for, seeker, other_seeker):
    add_items(other_seeker.seeker_profile, "skills", 1)  # "Skill 0"

    response = client_for(seeker).post(collection_url("skills"), {"name": "skill 0"})

    assert response.status_code == 201, response.content


def test_invalid_skill_proficiency_is_refused(client_for, seeker):
    body = assert_error(
        client_for(seeker).post(collection_url("skills"), {"name": "Go", "proficiency": "guru"}),
        400,
        "validation_error",
    )

    assert "proficiency" in body["details"]


def test_a_skill_is_named_by_an_alias_in_any_case(client_for, seeker, skills):
    # when
    response = client_for(seeker).post(collection_url("skills"), {"name": "PY", "proficiency": "expert", "years": 6})

    # then the taxonomy's skill is stored and shown
    assert response.status_code == 201, response.content
    python = skills["Python"]
    assert response.json()["skill"] == {"id": python.pk, "name": "Python", "slug": python.slug}
    assert response.json()["name"] == "Python"
    assert SeekerSkill.objects.get(pk=response.json()["id"]).skill == python


def test_a_skill_is_named_by_its_id(client_for, seeker, skills):
    response = client_for(seeker).post(collection_url("skills"), {"skill": skills["Go"].pk, "years": 2})

    assert response.status_code == 201, response.content
    assert response.json()["skill"]["name"] == "Go"
    assert response.json()["name"] == "Go"
    assert response.json()["proficiency"] == "intermediate"


def test_name_and_id_of_the_same_skill_are_fine(client_for, seeker, skills):
    response = client_for(seeker).post(collection_url("skills"), {"skill": skills["Go"].pk, "name": "golang"})

    assert response.status_code == 201, response.content
    assert response.json()["skill"]["id"] == skills["Go"].pk


def test_name_and_id_of_different_skills_are_refused(client_for, seeker, skills):
    response = client_for(seeker).post(collection_url("skills"), {"skill": skills["Go"].pk, "name": "py"})

    body = assert_error(response, 400, "skill_mismatch")
    assert "skill" in body["details"]
    assert not SeekerSkill.objects.exists()


def test_an_unknown_skill_name_is_refused_with_a_hint(client_for, seeker):
    response = client_for(seeker).post(collection_url("skills"), {"name": "Underwater Basket Weaving"})

    body = assert_error(response, 400, "unknown_skill")
    assert "/api/v1/skills/" in body["details"]["name"][0]
    assert not SeekerSkill.objects.exists()
    assert not Skill.objects.filter(name__iexact="Underwater Basket Weaving").exists()


def test_an_unknown_skill_id_is_refused(client_for, seeker):
    body = assert_error(client_for(seeker).post(collection_url("skills"), {"skill": 999_999_999}), 400, "unknown_skill")

    assert "skill" in body["details"]


@pytest.mark.parametrize("body", [{"skill": "12"}, {"skill": True}, {"name": 12}, {"skill": 0}, {"name": "  "}])
def test_skill_references_of_the_wrong_type_are_refused(client_for, seeker, body):
    assert_error(client_for(seeker).post(collection_url("skills"), body), 400, "validation_error")


def test_a_skill_given_by_alias_is_a_duplicate_of_its_name(client_for, seeker):
    client = client_for(seeker)
    assert client.post(collection_url("skills"), {"name": "Python"}).status_code == 201

    body = assert_error(client.post(collection_url("skills"), {"name": "python3"}), 400, "validation_error")

    assert body["details"]["non_field_errors"] == ["This skill is already on your profile."]


def test_patching_the_name_moves_the_entry_to_another_skill(client_for, seeker, skills):
    client = client_for(seeker)
    created = client.post(collection_url("skills"), {"name": "Python", "years": 3}).json()

    response = client.patch(item_url("skills", created["id"]), {"name": "js"})

    assert response.status_code == 200, response.content
    assert response.json()["skill"]["id"] == skills["JavaScript"].pk
    assert response.json()["years"] == 3


def test_patching_to_an_unknown_skill_keeps_the_entry(client_for, seeker, skills):
    client = client_for(seeker)
    created = client.post(collection_url("skills"), {"name": "Python"}).json()

    assert_error(client.patch(item_url("skills", created["id"]), {"name": "Cobol 2099"}), 400, "unknown_skill")

    assert SeekerSkill.objects.get(pk=created["id"]).skill == skills["Python"]


def test_profile_skills_are_ordered_by_skill_name(client_for, seeker):
    client = client_for(seeker)
    for name in ["python", "django", "golang"]:
        client.post(collection_url("skills"), {"name": name})

    names = [item["name"] for item in client.get(collection_url("skills")).json()]

    assert names == ["Django", "Go", "Python"]
    assert [item["name"] for item in client.get(SEEKER_URL).json()["skills"]] == names


@pytest.mark.parametrize("collection", COLLECTION_NAMES)
def test_missing_required_fields_are_named(client_for, seeker, collection):
    body = assert_error(client_for(seeker).post(collection_url(collection), {}), 400, "validation_error")

    assert set(body["details"]) == REQUIRED_FIELDS[collection]
    assert not PROFILE_COLLECTIONS[collection]._default_manager.exists()


def test_portfolio_bad_url_is_refused(client_for, seeker):
    payload = {**PAYLOADS["portfolio"]["create"], "url": "not a url"}

    body = assert_error(client_for(seeker).post(collection_url("portfolio"), payload), 400, "validation_error")

    assert "url" in body["details"]
    assert not seeker.seeker_profile.portfolio.exists()


def test_certification_bad_credential_url_is_refused(client_for, seeker):
    payload = {**PAYLOADS["certifications"]["create"], "credential_url": "javascript:alert(1)"}

    body = assert_error(client_for(seeker).post(collection_url("certifications"), payload), 400, "validation_error")

    assert "credential_url" in body["details"]


@pytest.mark.parametrize("collection", COLLECTION_NAMES)
def test_a_collection_holds_at_most_a_hundred_items(client_for, seeker, collection):
    # given a full collection
    profile = seeker.seeker_profile
    add_items(profile, collection, MAX_ITEMS_PER_COLLECTION)
    model = PROFILE_COLLECTIONS[collection]
    client = client_for(seeker)

    # when one more is sent
    response = client.post(collection_url(collection), PAYLOADS[collection]["create"])

    # then it is refused, and the other collections still take items
    assert MAX_ITEMS_PER_COLLECTION == 100
    assert_error(response, 400, "collection_full")
    assert model._default_manager.filter(profile=profile).count() == MAX_ITEMS_PER_COLLECTION
    other = next(name for name in COLLECTION_NAMES if name != collection)
    assert client.post(collection_url(other), PAYLOADS[other]["create"]).status_code == 201


def test_the_hundredth_item_is_still_accepted(client_for, seeker):
    add_items(seeker.seeker_profile, "skills", MAX_ITEMS_PER_COLLECTION - 1)

    response = client_for(seeker).post(collection_url("skills"), {"name": "Python"})

    assert response.status_code == 201, response.content
    assert seeker.seeker_profile.skills.count() == MAX_ITEMS_PER_COLLECTION


# --- query counts ------------------------------------------------------------


def _count_queries(client, url: str) -> tuple[int, dict | list]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries.captured_queries), response.json()


@pytest.mark.parametrize("url", [SEEKER_URL, collection_url("skills")], ids=["profile", "skills"])
def test_query_count_does_not_grow_with_the_items(client_for, seeker, url):
    # given two items in every collection
    profile = seeker.seeker_profile
    for collection in COLLECTION_NAMES:
        add_items(profile, collection, 2)
    client = client_for(seeker)
    client.get(url)  # warm up anything cached once per process

    # when counted with 2 and then with 30 items per collection
    few, few_body = _count_queries(client, url)
    for collection in COLLECTION_NAMES:
        add_items(profile, collection, 28, start=2)
    many, many_body = _count_queries(client, url)

    # then the bodies grew but the query counts did not
    if url == SEEKER_URL:
        assert all(len(few_body[name]) == 2 for name in COLLECTION_NAMES)
        assert all(len(many_body[name]) == 30 for name in COLLECTION_NAMES)
    else:
        assert (len(few_body), len(many_body)) == (2, 30)
    assert few == many
