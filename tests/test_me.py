"""GET and PATCH /api/v1/me/: the signed-in user with their profile."""

import re

import pytest

from nexus.accounts.models import Role

from .conftest import assert_error

pytestmark = pytest.mark.django_db

ME_URL = "/api/v1/me/"


def test_seeker_sees_their_seeker_profile_and_no_employer_profile(client_for, seeker):
    response = client_for(seeker).get(ME_URL)

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["id"] == seeker.pk
    assert body["email"] == seeker.email
    assert body["role"] == Role.SEEKER
    assert body["full_name"] == seeker.full_name
    assert body["email_verified"] is True
    assert body["employer_profile"] is None
    assert body["seeker_profile"] is not None
    assert body["seeker_profile"]["headline"] == seeker.seeker_profile.headline
    assert body["seeker_profile"]["country"] == "DE"
    # the /me/ payload carries the flat profile, not the nested collections
    assert "skills" not in body["seeker_profile"]


def test_employer_sees_their_employer_profile_and_no_seeker_profile(client_for, employer):
    response = client_for(employer).get(ME_URL)

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["role"] == Role.EMPLOYER
    assert body["seeker_profile"] is None
    assert body["employer_profile"] is not None
    assert body["employer_profile"]["job_title"] == "Recruiter"
    assert set(body["employer_profile"]) == {"job_title", "phone", "bio", "updated_at"}


def test_admin_has_no_profile(client_for, admin_user):
    response = client_for(admin_user).get(ME_URL)

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["role"] == Role.ADMIN
    assert body["employer_profile"] is None
    assert body["seeker_profile"] is None


def test_anonymous_is_refused(api_client):
    assert_error(api_client.get(ME_URL), 401, "not_authenticated")


def test_anonymous_patch_is_refused(api_client):
    assert_error(api_client.patch(ME_URL, {"first_name": "X"}), 401, "not_authenticated")


def test_bad_bearer_token_is_refused(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer not-a-real-token")

    body = assert_error(api_client.get(ME_URL), 401, "token_not_valid")

    assert body["details"]  # simplejwt explains which token class failed


def test_patch_updates_the_names(client_for, seeker):
    # given
    client = client_for(seeker)

    # when
    response = client.patch(ME_URL, {"first_name": "  Ana ", "last_name": "Tadesse"})

    # then
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["first_name"] == "Ana"
    assert body["last_name"] == "Tadesse"
    assert body["full_name"] == "Ana Tadesse"
    assert body["seeker_profile"] is not None
    seeker.refresh_from_db()
    assert (seeker.first_name, seeker.last_name) == ("Ana", "Tadesse")


def test_patch_one_name_leaves_the_other(client_for, seeker):
    last_name = seeker.last_name

    response = client_for(seeker).patch(ME_URL, {"first_name": "Only"})

    assert response.status_code == 200, response.content
    seeker.refresh_from_db()
    assert seeker.first_name == "Only"
    assert seeker.last_name == last_name


def test_patch_ignores_email_and_role(client_for, seeker):
    # given
    email = seeker.email

    # when
    response = client_for(seeker).patch(
        ME_URL, {"first_name": "Ana", "email": "hijack@example.com", "role": Role.ADMIN, "is_staff": True}
    )

    # then
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["email"] == email
    assert body["role"] == Role.SEEKER
    seeker.refresh_from_db()
    assert seeker.first_name == "Ana"
    assert seeker.email == email
    assert seeker.role == Role.SEEKER
    assert seeker.is_staff is False


def test_patch_with_too_long_name_is_a_validation_error(client_for, seeker):
    first_name = seeker.first_name

    body = assert_error(client_for(seeker).patch(ME_URL, {"first_name": "x" * 151}), 400, "validation_error")

    assert "first_name" in body["details"]
    assert "last_name" not in body["details"]
    seeker.refresh_from_db()
    assert seeker.first_name == first_name


def test_responses_carry_a_request_id(client_for, seeker, api_client):
    ok = client_for(seeker).get(ME_URL)
    error = api_client.get(ME_URL)
    echoed = client_for(seeker).get(ME_URL, HTTP_X_REQUEST_ID="trace-me-1")

    assert ok.status_code == 200
    assert re.fullmatch(r"[0-9a-f]{32}", ok["X-Request-ID"])
    assert error.status_code == 401
    assert re.fullmatch(r"[0-9a-f]{32}", error["X-Request-ID"])
    assert echoed["X-Request-ID"] == "trace-me-1"
