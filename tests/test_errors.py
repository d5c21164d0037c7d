"""The one error shape, for every kind of failure the API can answer."""

import json
import logging

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings

from nexus.core.exception_handler import permission_denied

from .conftest import assert_error

pytestmark = pytest.mark.django_db


def test_unknown_api_path_answers_json_404(api_client):
    response = api_client.get("/api/v1/no-such-thing/")
    body = assert_error(response, 404, "not_found")
    assert "/api/v1/no-such-thing/" in body["error"]
    assert response["Content-Type"] == "application/json"


def test_unknown_path_outside_the_version_prefix_is_json_too(api_client):
    assert_error(api_client.post("/api/nope", {}), 404, "not_found")


@pytest.mark.parametrize("path", ["/graphql-nope/", "/nope", "/static-or-not/file.css"])
def test_unknown_path_outside_the_api_is_json_too(client, path):
    body = assert_error(client.get(path), 404, "not_found")
    assert path in body["error"]


@override_settings(ALLOWED_HOSTS=["testserver"])
def test_a_host_not_allowed_is_refused_in_the_error_shape(client):
    response = client.get("/api/v1/jobs/", HTTP_HOST="evil.example")
    assert_error(response, 400, "bad_request")
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize("method", ["get", "post"])
def test_too_many_parameters_is_a_400_not_a_500(api_client, method, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 50
    path = "/api/v1/auth/login/?" + "&".join(f"p{i}=1" for i in range(60))
    body = assert_error(getattr(api_client, method)(path, {}, format="json"), 400, "bad_request")
    assert body["error"].startswith("Too many parameters")


def test_permission_denied_outside_drf_views_is_in_the_error_shape(rf):
    response = permission_denied(rf.get("/somewhere/"), PermissionDenied())
    assert response.status_code == 403
    assert json.loads(response.content) == {
        "status": "error",
        "code": "permission_denied",
        "error": "You do not have permission to perform this action.",
        "details": {},
    }


def test_the_admins_pages_keep_djangos_own_error_pages(client, admin_user, rf):
    client.force_login(admin_user)
    response = client.get("/admin/no-such-app/no-such-model/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    refused = permission_denied(rf.get("/admin/jobs/job/"), PermissionDenied())
    assert refused.status_code == 403 and refused["Content-Type"].startswith("text/html")
    with override_settings(ALLOWED_HOSTS=["testserver"]):
        response = client.get("/admin/", HTTP_HOST="evil.example")
    assert response.status_code == 400 and response["Content-Type"].startswith("text/html")


def test_method_not_allowed(client_for, seeker):
    assert_error(client_for(seeker).delete("/api/v1/me/"), 405, "method_not_allowed")


def test_malformed_json_is_a_parse_error(client_for, seeker):
    response = client_for(seeker).patch("/api/v1/me/", "{not json", content_type="application/json")
    assert_error(response, 400, "parse_error")


def test_unsupported_media_type(client_for, seeker):
    response = client_for(seeker).patch("/api/v1/me/", "<x/>", content_type="application/xml")
    assert_error(response, 415, "unsupported_media_type")


def test_not_authenticated(api_client):
    assert_error(api_client.get("/api/v1/me/"), 401, "not_authenticated")


def test_invalid_bearer_token(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")
    body = assert_error(api_client.get("/api/v1/me/"), 401, "token_not_valid")
    assert body["details"]["messages"]


def test_permission_denied_names_the_rule(client_for, employer):
    assert_error(client_for(employer).get("/api/v1/seekers/me/"), 403, "seeker_only")


def test_field_errors_are_under_details(api_client):
    response = api_client.post("/api/v1/auth/register/", {"email": "not-an-email", "role": "pilot"}, format="json")
    body = assert_error(response, 400, "validation_error")
    assert set(body["details"]) >= {"email", "password", "role"}


def test_model_level_errors_use_the_non_field_key(client_for, seeker):
    response = client_for(seeker).post(
        "/api/v1/seekers/me/experience/",
        {"title": "Dev", "company_name": "Acme", "start_date": "2024-01-01", "end_date": "2023-01-01"},
        format="json",
    )
    body = assert_error(response, 400, "validation_error")
    assert body["details"] == {"non_field_errors": ["The end date cannot be before the start date."]}


def test_unexpected_exception_is_rendered_in_the_error_shape(client_for, seeker, monkeypatch, caplog):
    # given a service that fails in a way nobody planned for
    def explode(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("nexus.accounts.views.me.services.user_update", explode)
    # when
    with caplog.at_level(logging.ERROR):
        response = client_for(seeker).patch("/api/v1/me/", {"first_name": "A"}, format="json")
    # then the client sees the error shape without internals, and the log has the traceback
    body = assert_error(response, 500, "server_error")
    assert "boom" not in body["error"]
    assert any(record.exc_info for record in caplog.records)


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"first_name": 0}, "first_name", "Expected a string."),
        ({"first_name": ["Ana"]}, "first_name", "Expected a string."),
        ({"first_name": " " + "a" * 150}, "first_name", "Ensure this field has no more than 150 characters."),
    ],
)
def test_json_types_and_lengths_are_exact(client_for, seeker, body, field, message):
    response = client_for(seeker).patch("/api/v1/me/", body, format="json")
    assert assert_error(response, 400, "validation_error")["details"] == {field: [message]}


def test_numbers_and_booleans_are_not_coerced(client_for, seeker):
    response = client_for(seeker).patch(
        "/api/v1/seekers/me/", {"open_to_work": "false", "years_of_experience": "3"}, format="json"
    )
    details = assert_error(response, 400, "validation_error")["details"]
    assert details == {"open_to_work": ["Expected a boolean."], "years_of_experience": ["Expected an integer."]}


def test_a_json_body_past_its_bound_is_refused_before_it_is_parsed(client_for, seeker, settings):
    """JSON bodies are bounded as Django bounds form bodies (JSON_BODY_MAX_BYTES): one byte more is a 400, and the
    change it asks for is not made."""
    settings.JSON_BODY_MAX_BYTES = 100
    client = client_for(seeker)
    fitting = json.dumps({"first_name": "A" * (100 - len('{"first_name": ""}'))})
    assert len(fitting) == 100
    assert client.patch("/api/v1/me/", fitting, content_type="application/json").status_code == 200
    too_large = json.dumps({"first_name": "B" * (101 - len('{"first_name": ""}'))})
    body = assert_error(client.patch("/api/v1/me/", too_large, content_type="application/json"), 400, "bad_request")
    assert body["error"] == "The request body is too large."
    seeker.refresh_from_db()
    assert seeker.first_name == "A" * 82


def test_form_bodies_are_not_accepted(client_for, seeker):
    response = client_for(seeker).patch(
        "/api/v1/me/", "first_name=Ana", content_type="application/x-www-form-urlencoded"
    )
    assert_error(response, 415, "unsupported_media_type")


@pytest.mark.parametrize("length", ["Auto", "\u00b2"])  # "²" is a digit to str.isdigit, not to int()
def test_a_content_length_that_is_not_a_number_is_a_400(client, length):
    response = client.get("/api/v1/jobs/", CONTENT_LENGTH=length)
    assert_error(response, 400, "bad_request")
