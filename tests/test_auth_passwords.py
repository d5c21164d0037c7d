"""Password change and reset, email verification and account deactivation."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from rest_framework.test import APIClient

from nexus.accounts.models import User
from nexus.accounts.services import tokens_issue
from nexus.accounts.tokens import password_reset_token, uid_decode, uid_encode

from .conftest import assert_error
from .factories import PASSWORD, SeekerFactory

LOGIN = "/api/v1/auth/login/"
REFRESH = "/api/v1/auth/refresh/"
REGISTER = "/api/v1/auth/register/"
PASSWORD_CHANGE = "/api/v1/auth/password/change/"
PASSWORD_RESET = "/api/v1/auth/password/reset/"
PASSWORD_RESET_CONFIRM = "/api/v1/auth/password/reset/confirm/"
EMAIL_VERIFY = "/api/v1/auth/email/verify/"
EMAIL_VERIFY_RESEND = "/api/v1/auth/email/verify/resend/"
ME = "/api/v1/me/"
DEACTIVATE = "/api/v1/me/deactivate/"

NEW_PASSWORD = "a-long-unusual-passphrase-42"
WEAK_PASSWORDS = [
    pytest.param("password123", id="common"),
    pytest.param("84736291057364", id="numeric"),
]


def emailed_link_params(message: mail.EmailMessage) -> dict[str, str]:
    """The uid and token of the one link in the plain-text body of an email."""
    assert "&amp;" not in message.body
    links = [word for word in message.body.split() if word.startswith(("http://", "https://"))]
    assert len(links) == 1, message.body
    query = parse_qs(urlsplit(links[0]).query, strict_parsing=True)
    assert set(query) == {"uid", "token"}, links[0]
    return {"uid": query["uid"][0], "token": query["token"][0]}


def login(email: str, password: str = PASSWORD):
    return APIClient().post(LOGIN, {"email": email, "password": password}, format="json")


def refresh_with(refresh: str):
    return APIClient().post(REFRESH, {"refresh": refresh}, format="json")


@pytest.fixture
def unverified_seeker(db) -> User:
    return SeekerFactory(email_verified_at=None)


@pytest.fixture
def reset_link(api_client, django_capture_on_commit_callbacks):
    """Requests a password reset for the user and returns the uid and token of the emailed link."""

    def request(user: User) -> dict[str, str]:
        with django_capture_on_commit_callbacks(execute=True):
            response = api_client.post(PASSWORD_RESET, {"email": user.email}, format="json")
        assert response.status_code == 202
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == [user.email]
        return emailed_link_params(mail.outbox.pop())

    return request


# Password change


@pytest.mark.django_db
def test_password_change_with_wrong_old_password_is_refused(client_for, seeker):
    response = client_for(seeker).post(
        PASSWORD_CHANGE, {"old_password": "not-the-password", "new_password": NEW_PASSWORD}, format="json"
    )

    body = assert_error(response, 400, "wrong_password")
    assert "old_password" in body["details"]
    seeker.refresh_from_db()
    assert seeker.check_password(PASSWORD)


@pytest.mark.django_db
@pytest.mark.parametrize("new_password", WEAK_PASSWORDS)
def test_password_change_to_weak_password_is_refused(client_for, seeker, new_password):
    response = client_for(seeker).post(
        PASSWORD_CHANGE, {"old_password": PASSWORD, "new_password": new_password}, format="json"
    )

    body = assert_error(response, 400, "weak_password")
    assert body["details"]["password"]
    seeker.refresh_from_db()
    assert seeker.check_password(PASSWORD)


@pytest.mark.django_db
def test_password_change_returns_new_tokens_and_signs_out_other_sessions(client_for, seeker):
    # given: a session from login and one whose refresh token was already rotated
    login_refresh = login(seeker.email).json()["refresh"]
    rotated_refresh = refresh_with(login(seeker.email).json()["refresh"]).json()["refresh"]

    # when
    response = client_for(seeker).post(
        PASSWORD_CHANGE, {"old_password": PASSWORD, "new_password": NEW_PASSWORD}, format="json"
    )

    # then
    assert response.status_code == 200, response.content
    tokens = response.json()
    assert set(tokens) == {"access", "refresh"}
    assert refresh_with(tokens["refresh"]).status_code == 200

    assert login(seeker.email, NEW_PASSWORD).status_code == 200
    assert_error(login(seeker.email, PASSWORD), 401, "no_active_account")

    assert_error(refresh_with(login_refresh), 401, "token_not_valid")
    assert_error(refresh_with(rotated_refresh), 401, "token_not_valid")


@pytest.mark.django_db
def test_password_change_requires_authentication(api_client):
    response = api_client.post(PASSWORD_CHANGE, {"old_password": PASSWORD, "new_password": NEW_PASSWORD}, format="json")

    assert_error(response, 401, "not_authenticated")


# Password reset request


@pytest.mark.django_db
def test_password_reset_request_for_unknown_email_sends_nothing(api_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(PASSWORD_RESET, {"email": "nobody@example.com"}, format="json")

    assert response.status_code == 202
    assert response.json()["detail"]
    assert mail.outbox == []


@pytest.mark.django_db
def test_password_reset_request_emails_a_one_time_link(api_client, seeker, django_capture_on_commit_callbacks):
    # when: the address is typed in another case
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(PASSWORD_RESET, {"email": seeker.email.upper()}, format="json")

    # then: the answer is the same as for an unknown address
    assert response.status_code == 202
    assert response.json() == api_client.post(PASSWORD_RESET, {"email": "nobody@example.com"}, format="json").json()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [seeker.email]
    params = emailed_link_params(message)
    assert uid_decode(params["uid"]) == seeker.pk
    assert password_reset_token.check_token(seeker, params["token"])


@pytest.mark.django_db
def test_password_reset_request_for_inactive_user_sends_nothing(api_client, django_capture_on_commit_callbacks):
    user = SeekerFactory(is_active=False)

    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(PASSWORD_RESET, {"email": user.email}, format="json")

    assert response.status_code == 202
    assert mail.outbox == []


@pytest.mark.django_db
def test_password_reset_request_with_invalid_email_is_a_validation_error(api_client):
    response = api_client.post(PASSWORD_RESET, {"email": "not-an-email"}, format="json")

    body = assert_error(response, 400, "validation_error")
    assert "email" in body["details"]


# Password reset confirm


@pytest.mark.django_db
def test_password_reset_confirm_sets_password_verifies_email_and_revokes_sessions(
    api_client, unverified_seeker, reset_link
):
    # given
    old_refresh = tokens_issue(user=unverified_seeker)["refresh"]
    params = reset_link(unverified_seeker)

    # when
    response = api_client.post(PASSWORD_RESET_CONFIRM, {**params, "new_password": NEW_PASSWORD}, format="json")

    # then
    assert response.status_code == 204, response.content
    assert login(unverified_seeker.email, NEW_PASSWORD).status_code == 200
    assert_error(login(unverified_seeker.email, PASSWORD), 401, "no_active_account")
    unverified_seeker.refresh_from_db()
    assert unverified_seeker.email_verified
    assert_error(refresh_with(old_refresh), 401, "token_not_valid")


@pytest.mark.django_db
def test_password_reset_token_works_only_once(api_client, seeker, reset_link):
    # given
    params = reset_link(seeker)
    first = api_client.post(PASSWORD_RESET_CONFIRM, {**params, "new_password": NEW_PASSWORD}, format="json")
    assert first.status_code == 204

    # when
    second = api_client.post(
        PASSWORD_RESET_CONFIRM, {**params, "new_password": "another-long-passphrase-7"}, format="json"
    )

    # then
    assert_error(second, 400, "invalid_token")
    seeker.refresh_from_db()
    assert seeker.check_password(NEW_PASSWORD)


@pytest.mark.django_db
def test_password_reset_with_tampered_token_is_refused(api_client, seeker, reset_link):
    # given
    params = reset_link(seeker)
    last = params["token"][-1]
    tampered = params["token"][:-1] + ("0" if last != "0" else "1")

    # when
    response = api_client.post(
        PASSWORD_RESET_CONFIRM, {"uid": params["uid"], "token": tampered, "new_password": NEW_PASSWORD}, format="json"
    )

    # then
    assert_error(response, 400, "invalid_token")
    seeker.refresh_from_db()
    assert seeker.check_password(PASSWORD)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "uid_for",
    [
        pytest.param(lambda user, other: "!!not-base64!!", id="garbage"),
        pytest.param(lambda user, other: urlsafe_base64_encode(b"abc"), id="not-a-number"),
        pytest.param(lambda user, other: urlsafe_base64_encode(b"\xff\xfe"), id="not-utf8"),
        pytest.param(lambda user, other: urlsafe_base64_encode(force_bytes(user.pk + 1000)), id="no-such-user"),
        pytest.param(lambda user, other: urlsafe_base64_encode(force_bytes(10**30)), id="out-of-range"),
        pytest.param(lambda user, other: uid_encode(other), id="another-user"),
    ],
)
def test_password_reset_with_bad_uid_is_refused(api_client, seeker, employer, reset_link, uid_for):
    # given
    params = reset_link(seeker)

    # when
    response = api_client.post(
        PASSWORD_RESET_CONFIRM,
        {"uid": uid_for(seeker, employer), "token": params["token"], "new_password": NEW_PASSWORD},
        format="json",
    )

    # then
    assert_error(response, 400, "invalid_token")
    for user in (seeker, employer):
        user.refresh_from_db()
        assert user.check_password(PASSWORD)


@pytest.mark.django_db
@pytest.mark.parametrize("new_password", WEAK_PASSWORDS)
def test_password_reset_to_weak_password_is_refused_and_the_link_still_works(
    api_client, seeker, reset_link, new_password
):
    # given
    params = reset_link(seeker)

    # when
    response = api_client.post(PASSWORD_RESET_CONFIRM, {**params, "new_password": new_password}, format="json")

    # then
    body = assert_error(response, 400, "weak_password")
    assert body["details"]["password"]
    seeker.refresh_from_db()
    assert seeker.check_password(PASSWORD)
    retry = api_client.post(PASSWORD_RESET_CONFIRM, {**params, "new_password": NEW_PASSWORD}, format="json")
    assert retry.status_code == 204


@pytest.mark.django_db
def test_password_reset_with_expired_token_is_refused(api_client, seeker, reset_link, settings):
    # given
    params = reset_link(seeker)
    settings.PASSWORD_RESET_TIMEOUT = -1

    # when
    response = api_client.post(PASSWORD_RESET_CONFIRM, {**params, "new_password": NEW_PASSWORD}, format="json")

    # then
    assert_error(response, 400, "invalid_token")
    seeker.refresh_from_db()
    assert seeker.check_password(PASSWORD)


@pytest.mark.django_db
def test_password_reset_link_of_deactivated_user_is_refused(api_client, seeker, reset_link):
    params = reset_link(seeker)
    User.objects.filter(pk=seeker.pk).update(is_active=False)

    response = api_client.post(PASSWORD_RESET_CONFIRM, {**params, "new_password": NEW_PASSWORD}, format="json")

    assert_error(response, 400, "invalid_token")


# Email verification


@pytest.fixture
def registered(api_client, django_capture_on_commit_callbacks):
    """Registers a seeker through the API; returns the user and the uid and token of the verification email."""
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(
            REGISTER, {"email": "new@example.com", "password": NEW_PASSWORD, "role": "seeker"}, format="json"
        )
    assert response.status_code == 201, response.content
    assert len(mail.outbox) == 1
    return User.objects.get(email="new@example.com"), emailed_link_params(mail.outbox.pop())


@pytest.mark.django_db
def test_email_verification_with_registration_token(api_client, registered):
    # given
    user, params = registered
    assert not user.email_verified

    # when
    response = api_client.post(EMAIL_VERIFY, params, format="json")

    # then
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["id"] == user.pk
    assert body["email_verified"] is True
    user.refresh_from_db()
    assert user.email_verified


@pytest.mark.django_db
def test_email_verification_token_works_only_once(api_client, registered):
    _, params = registered
    assert api_client.post(EMAIL_VERIFY, params, format="json").status_code == 200

    response = api_client.post(EMAIL_VERIFY, params, format="json")

    assert_error(response, 400, "invalid_token")


@pytest.mark.django_db
def test_email_verification_with_expired_token_is_refused(api_client, registered, settings):
    # given
    user, params = registered
    settings.PASSWORD_RESET_TIMEOUT = -1

    # when
    response = api_client.post(EMAIL_VERIFY, params, format="json")

    # then
    assert_error(response, 400, "invalid_token")
    user.refresh_from_db()
    assert not user.email_verified


@pytest.mark.django_db
def test_email_verification_token_is_not_a_password_reset_token(api_client, registered):
    user, params = registered

    response = api_client.post(
        PASSWORD_RESET_CONFIRM, {**params, "new_password": "hijacked-passphrase-99"}, format="json"
    )

    assert_error(response, 400, "invalid_token")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


@pytest.mark.django_db
def test_email_verification_resend_sends_a_new_working_link(
    api_client, client_for, unverified_seeker, django_capture_on_commit_callbacks
):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(unverified_seeker).post(EMAIL_VERIFY_RESEND)

    # then
    assert response.status_code == 202
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [unverified_seeker.email]
    params = emailed_link_params(mail.outbox[0])
    verified = api_client.post(EMAIL_VERIFY, params, format="json")
    assert verified.status_code == 200
    assert verified.json()["email_verified"] is True


@pytest.mark.django_db
def test_email_verification_resend_for_verified_user_is_refused(client_for, seeker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(seeker).post(EMAIL_VERIFY_RESEND)

    assert_error(response, 400, "email_already_verified")
    assert mail.outbox == []


@pytest.mark.django_db
def test_email_verification_resend_requires_authentication(api_client):
    response = api_client.post(EMAIL_VERIFY_RESEND)

    assert_error(response, 401, "not_authenticated")


# Deactivation


@pytest.mark.django_db
def test_deactivate_with_wrong_password_keeps_the_account(client_for, seeker):
    response = client_for(seeker).post(DEACTIVATE, {"password": "not-the-password"}, format="json")

    body = assert_error(response, 400, "wrong_password")
    assert "password" in body["details"]
    seeker.refresh_from_db()
    assert seeker.is_active
    assert login(seeker.email).status_code == 200


@pytest.mark.django_db
def test_deactivate_signs_out_and_blocks_login(client_for, seeker):
    # given
    tokens = login(seeker.email).json()
    client = client_for(seeker)

    # when
    response = client.post(DEACTIVATE, {"password": PASSWORD}, format="json")

    # then
    assert response.status_code == 204
    seeker.refresh_from_db()
    assert not seeker.is_active
    assert_error(login(seeker.email), 401, "no_active_account")
    assert_error(refresh_with(tokens["refresh"]), 401, "token_not_valid")
    assert_error(client.get(ME), 401, "user_inactive")


@pytest.mark.django_db
def test_deactivate_requires_authentication(api_client):
    response = api_client.post(DEACTIVATE, {"password": PASSWORD}, format="json")

    assert_error(response, 401, "not_authenticated")
