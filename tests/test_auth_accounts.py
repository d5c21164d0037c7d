"""Registration, login, token refresh/logout/verify and the rate limits of the auth endpoints."""

import uuid
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.db import connection, transaction
from rest_framework.test import APIClient

from nexus.accounts.models import EmployerProfile, SeekerProfile, User
from nexus.accounts.services import tokens_issue
from nexus.accounts.tokens import email_verification_token, uid_decode

from .concurrency import run_concurrently
from .conftest import assert_error, one_rate_window
from .factories import PASSWORD, EmployerFactory, SeekerFactory

REGISTER = "/api/v1/auth/register/"
LOGIN = "/api/v1/auth/login/"
REFRESH = "/api/v1/auth/refresh/"
LOGOUT = "/api/v1/auth/logout/"
VERIFY = "/api/v1/auth/verify/"
PASSWORD_RESET = "/api/v1/auth/password/reset/"
ME = "/api/v1/me/"

NEW_PASSWORD = "a-long-unusual-passphrase-42"

# A copy of tests.conftest.GENEROUS_RATES: each throttle test lowers one scope of it.
GENEROUS_RATES = {
    "anon": "100000/hour",
    "user": "100000/hour",
    "login": "100000/hour",
    "register": "100000/hour",
    "password_reset": "100000/hour",
}


def registration(**overrides: object) -> dict:
    data = {
        "email": "ana@example.com",
        "password": NEW_PASSWORD,
        "role": "seeker",
        "first_name": "Ana",
        "last_name": "Tadesse",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def emailed_link_params(message: mail.EmailMessage) -> dict[str, str]:
    """The uid and token of the one link in the plain-text body of an email."""
    links = [word for word in message.body.split() if word.startswith(("http://", "https://"))]
    assert len(links) == 1, message.body
    query = parse_qs(urlsplit(links[0]).query, strict_parsing=True)
    assert set(query) == {"uid", "token"}, links[0]
    return {"uid": query["uid"][0], "token": query["token"][0]}


def login(client: APIClient, email: str, password: str = PASSWORD):
    return client.post(LOGIN, {"email": email, "password": password}, format="json")


def bearer(access: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client


# Registration


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "own_profile", "other_profile", "profile_model", "other_model"),
    [
        ("seeker", "seeker_profile", "employer_profile", SeekerProfile, EmployerProfile),
        ("employer", "employer_profile", "seeker_profile", EmployerProfile, SeekerProfile),
    ],
)
def test_register_creates_account_profile_and_sends_verification_email(
    api_client, django_capture_on_commit_callbacks, role, own_profile, other_profile, profile_model, other_model
):
    # given
    data = registration(email="  Ana.Tadesse@Example.COM ", role=role)

    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(REGISTER, data, format="json")

    # then
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == {"user", "access", "refresh"}
    assert body["user"]["email"] == "ana.tadesse@example.com"
    assert body["user"]["role"] == role
    assert body["user"]["full_name"] == "Ana Tadesse"
    assert body["user"]["email_verified"] is False
    assert isinstance(body["user"][own_profile], dict)
    assert body["user"][other_profile] is None

    user = User.objects.get()
    assert user.email == "ana.tadesse@example.com"
    assert user.check_password(NEW_PASSWORD)
    assert profile_model.objects.filter(user=user).count() == 1
    assert not other_model.objects.exists()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana.tadesse@example.com"]
    assert "&amp;" not in message.body
    params = emailed_link_params(message)
    assert uid_decode(params["uid"]) == user.pk
    assert email_verification_token.check_token(user, params["token"])

    # the returned access token is usable straight away
    me = bearer(body["access"]).get(ME)
    assert me.status_code == 200
    assert me.json()["id"] == user.pk


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["admin", "", "superuser", None])
def test_register_refuses_admin_or_missing_role(api_client, role):
    response = api_client.post(REGISTER, registration(role=role), format="json")

    body = assert_error(response, 400, "validation_error")
    assert "role" in body["details"]
    assert not User.objects.exists()


@pytest.mark.django_db
def test_register_refuses_email_taken_in_another_case(api_client, django_capture_on_commit_callbacks):
    # given
    SeekerFactory(email="ana@example.com")

    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(REGISTER, registration(email="ANA@Example.com", role="employer"), format="json")

    # then
    body = assert_error(response, 400, "email_taken")
    assert "email" in body["details"]
    assert User.objects.count() == 1
    assert not EmployerProfile.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "password",
    [
        pytest.param("password123", id="common"),
        pytest.param("84736291057364", id="numeric"),
        pytest.param("ana.tadesse@example.com", id="similar-to-email"),
    ],
)
def test_register_refuses_weak_password(api_client, password):
    response = api_client.post(
        REGISTER, registration(email="ana.tadesse@example.com", password=password), format="json"
    )

    body = assert_error(response, 400, "weak_password")
    assert isinstance(body["details"]["password"], list) and body["details"]["password"]
    assert not User.objects.exists()


@pytest.mark.django_db
def test_register_refuses_a_short_password_by_the_documented_minimum(api_client):
    response = api_client.post(REGISTER, registration(password="Xy7!ab"), format="json")

    body = assert_error(response, 400, "validation_error")
    assert body["details"]["password"] == ["Ensure this field has at least 8 characters."]
    assert not User.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("email", ["not-an-email", "ana@", "@example.com", "ana example@example.com", ""])
def test_register_refuses_invalid_email(api_client, email):
    response = api_client.post(REGISTER, registration(email=email), format="json")

    body = assert_error(response, 400, "validation_error")
    assert "email" in body["details"]
    assert not User.objects.exists()


@pytest.mark.django_db
def test_register_with_malformed_json_is_a_parse_error(api_client):
    response = api_client.post(REGISTER, data='{"email": "ana@example.com", ', content_type="application/json")

    assert_error(response, 400, "parse_error")
    assert not User.objects.exists()


@pytest.mark.django_db
def test_register_with_empty_body_names_every_required_field(api_client):
    response = api_client.post(REGISTER)

    body = assert_error(response, 400, "validation_error")
    assert {"email", "password", "role"} <= set(body["details"])
    assert not User.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_of_one_email_create_one_account():
    # given the same address, spelled in different cases
    threads_count = 6

    def register(index: int):
        email = "race@example.com" if index % 2 else "Race@Example.com"
        return APIClient().post(REGISTER, registration(email=email), format="json")

    # when
    results = run_concurrently(threads_count, register)

    # then
    statuses = sorted(status for status, _ in results)
    assert statuses == [201] + [400] * (threads_count - 1), results
    assert all(body["code"] == "email_taken" for status, body in results if status == 400), results
    assert User.objects.filter(email__iexact="race@example.com").count() == 1
    assert SeekerProfile.objects.count() == 1
    assert len(mail.outbox) == 1


# Login


@pytest.mark.django_db
def test_accounts_are_found_by_email_through_the_case_insensitive_unique_index():
    """Login, registration and member invitations look accounts up by email: through the unique index on
    lower(email), not a scan of every account (upper(email) = upper(%s), Django's iexact, cannot use it)."""
    user = SeekerFactory(email="indexed@example.com")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a scan only where no index can answer
        plan = User.objects.with_email(" Indexed@Example.COM ").explain()
    assert "user_email_unique_ci" in plan, plan
    assert User.objects.get_by_natural_key("INDEXED@example.com") == user


@pytest.mark.django_db
def test_login_with_email_in_any_case_returns_working_token_pair(api_client):
    # given
    user = SeekerFactory(email="login.me@example.com")

    # when
    response = login(api_client, "LOGIN.Me@Example.COM")

    # then
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == {"access", "refresh"}
    me = bearer(body["access"]).get(ME)
    assert me.status_code == 200
    assert me.json()["email"] == "login.me@example.com"
    user.refresh_from_db()
    assert user.last_login is not None


@pytest.mark.django_db
def test_login_with_wrong_password_is_refused(api_client, seeker):
    response = login(api_client, seeker.email, "not-the-password")

    assert_error(response, 401, "no_active_account")


@pytest.mark.django_db
def test_login_with_unknown_email_looks_like_wrong_password(api_client):
    response = login(api_client, "nobody@example.com")

    assert_error(response, 401, "no_active_account")


@pytest.mark.django_db
def test_login_of_inactive_user_is_refused(api_client):
    user = EmployerFactory(is_active=False)

    response = login(api_client, user.email)

    assert_error(response, 401, "no_active_account")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "missing"),
    [
        ({}, {"email", "password"}),
        ({"email": "ana@example.com"}, {"password"}),
        ({"password": PASSWORD}, {"email"}),
    ],
)
def test_login_with_missing_fields_is_a_validation_error(api_client, data, missing):
    response = api_client.post(LOGIN, data, format="json")

    body = assert_error(response, 400, "validation_error")
    assert set(body["details"]) == missing


# Refresh


@pytest.mark.django_db
def test_refresh_rotates_and_the_rotated_token_cannot_be_reused(api_client, seeker):
    # given
    old = login(api_client, seeker.email).json()

    # when
    response = api_client.post(REFRESH, {"refresh": old["refresh"]}, format="json")

    # then
    assert response.status_code == 200, response.content
    new = response.json()
    assert set(new) == {"access", "refresh"}
    assert new["refresh"] != old["refresh"]
    assert bearer(new["access"]).get(ME).status_code == 200

    reused = api_client.post(REFRESH, {"refresh": old["refresh"]}, format="json")
    assert_error(reused, 401, "token_not_valid")

    again = api_client.post(REFRESH, {"refresh": new["refresh"]}, format="json")
    assert again.status_code == 200, again.content


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["garbage", "a.b.c", ""])
def test_refresh_with_garbage_token_is_refused(api_client, token):
    response = api_client.post(REFRESH, {"refresh": token}, format="json")

    if token:
        assert_error(response, 401, "token_not_valid")
    else:
        assert_error(response, 400, "validation_error")


@pytest.mark.django_db
def test_refresh_with_an_access_token_is_refused(api_client, seeker):
    access = tokens_issue(user=seeker)["access"]

    response = api_client.post(REFRESH, {"refresh": access}, format="json")

    assert_error(response, 401, "token_not_valid")


@pytest.mark.django_db
def test_refresh_token_of_deactivated_user_is_refused(api_client, seeker):
    # given: deactivated behind the API's back, so the token is not blacklisted
    refresh = tokens_issue(user=seeker)["refresh"]
    User.objects.filter(pk=seeker.pk).update(is_active=False)

    # when
    response = api_client.post(REFRESH, {"refresh": refresh}, format="json")

    # then
    assert_error(response, 401, "no_active_account")


@pytest.mark.django_db
def test_refresh_token_of_deleted_user_is_refused(api_client, seeker):
    # given
    refresh = tokens_issue(user=seeker)["refresh"]
    seeker.delete()

    # when
    response = api_client.post(REFRESH, {"refresh": refresh}, format="json")

    # then
    assert_error(response, 401, "no_active_account")


# Logout


@pytest.mark.django_db
def test_logout_blacklists_the_refresh_token(api_client, seeker):
    # given
    tokens = login(api_client, seeker.email).json()

    # when
    response = api_client.post(LOGOUT, {"refresh": tokens["refresh"]}, format="json")

    # then
    assert response.status_code == 204
    assert response.content == b""
    refreshed = api_client.post(REFRESH, {"refresh": tokens["refresh"]}, format="json")
    assert_error(refreshed, 401, "token_not_valid")


@pytest.mark.django_db
def test_logout_with_garbage_token_is_refused(api_client):
    response = api_client.post(LOGOUT, {"refresh": "garbage"}, format="json")

    assert_error(response, 400, "invalid_token")


@pytest.mark.django_db
def test_logout_without_token_is_a_validation_error(api_client):
    response = api_client.post(LOGOUT, {}, format="json")

    body = assert_error(response, 400, "validation_error")
    assert "refresh" in body["details"]


@pytest.mark.django_db
def test_logout_twice_is_refused_the_second_time(api_client, seeker):
    refresh = tokens_issue(user=seeker)["refresh"]
    first = api_client.post(LOGOUT, {"refresh": refresh}, format="json")
    assert first.status_code == 204

    second = api_client.post(LOGOUT, {"refresh": refresh}, format="json")

    assert_error(second, 400, "invalid_token")


# Verify and access tokens


@pytest.mark.django_db
def test_verify_accepts_a_valid_access_token(api_client, seeker):
    access = tokens_issue(user=seeker)["access"]

    response = api_client.post(VERIFY, {"token": access}, format="json")

    assert response.status_code == 200
    assert response.json() == {}


@pytest.mark.django_db
def test_verify_refuses_a_garbage_token(api_client):
    response = api_client.post(VERIFY, {"token": "garbage"}, format="json")

    assert_error(response, 401, "token_not_valid")


@pytest.mark.django_db
def test_access_token_of_deactivated_user_is_refused(seeker):
    # given
    client = bearer(tokens_issue(user=seeker)["access"])
    assert client.get(ME).status_code == 200
    User.objects.filter(pk=seeker.pk).update(is_active=False)

    # when
    response = client.get(ME)

    # then
    assert_error(response, 401, "user_inactive")


@pytest.mark.django_db
def test_garbage_bearer_token_is_refused(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer garbage")

    response = api_client.get(ME)

    assert_error(response, 401, "token_not_valid")


# Rate limits


@pytest.fixture
def lower_rate(settings):
    """Lowers one throttle scope. Counts go to a private in-memory cache: the shared Redis database
    is cleared and written by concurrent test runs, which would make the counts flaky."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": f"auth-{uuid.uuid4()}"}
    }

    def lower(scope: str, rate: str) -> None:
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {**GENEROUS_RATES, scope: rate},
        }
        one_rate_window(rate, needed=5)

    return lower


def assert_throttled(response) -> None:
    body = assert_error(response, 429, "throttled")
    retry_after = response.headers["Retry-After"]
    assert retry_after.isdigit(), retry_after
    assert 0 < int(retry_after) <= 60
    assert body["details"]["retry_after"] == int(retry_after)


@pytest.mark.django_db
def test_login_is_throttled_per_address(lower_rate, seeker):
    # given
    lower_rate("login", "3/minute")
    client = APIClient(REMOTE_ADDR="203.0.113.7")
    for _ in range(3):
        assert login(client, seeker.email, "wrong-password").status_code == 401

    # when: even the right password is refused now
    response = login(client, seeker.email)

    # then
    assert_throttled(response)
    other_address = APIClient(REMOTE_ADDR="203.0.113.8")
    assert login(other_address, seeker.email).status_code == 200


@pytest.mark.django_db
def test_register_is_throttled_per_address(lower_rate, django_capture_on_commit_callbacks):
    # given
    lower_rate("register", "3/minute")
    client = APIClient(REMOTE_ADDR="203.0.113.7")
    with django_capture_on_commit_callbacks(execute=True):
        for index in range(3):
            assert (
                client.post(REGISTER, registration(email=f"user{index}@example.com"), format="json").status_code == 201
            )

    # when
    response = client.post(REGISTER, registration(email="user3@example.com"), format="json")

    # then
    assert_throttled(response)
    assert not User.objects.filter(email="user3@example.com").exists()


@pytest.mark.django_db
def test_password_reset_is_throttled_per_address(lower_rate, seeker, django_capture_on_commit_callbacks):
    # given
    lower_rate("password_reset", "3/minute")
    client = APIClient(REMOTE_ADDR="203.0.113.7")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            assert client.post(PASSWORD_RESET, {"email": seeker.email}, format="json").status_code == 202

        # when
        response = client.post(PASSWORD_RESET, {"email": seeker.email}, format="json")

    # then
    assert_throttled(response)
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_authenticated_requests_are_throttled_per_user(lower_rate, client_for, seeker, employer):
    # given
    lower_rate("user", "3/minute")
    client = client_for(seeker)
    for _ in range(3):
        assert client.get(ME).status_code == 200

    # when
    response = client.get(ME)

    # then
    assert_throttled(response)
    assert client_for(employer).get(ME).status_code == 200


@pytest.mark.django_db
def test_verify_refuses_a_logged_out_refresh_token(api_client, seeker):
    # given a refresh token that was blacklisted by logging out
    refresh = tokens_issue(user=seeker)["refresh"]
    assert api_client.post("/api/v1/auth/logout/", {"refresh": refresh}, format="json").status_code == 204
    # when it is verified, then it is refused like any invalid token
    response = api_client.post("/api/v1/auth/verify/", {"token": refresh}, format="json")
    assert_error(response, 401, "token_not_valid")
