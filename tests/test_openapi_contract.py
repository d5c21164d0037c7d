"""The committed OpenAPI schema is the contract: it must match the code, and the API must honour it."""

from pathlib import Path

import pytest
import schemathesis
import yaml
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, assume, settings
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import positive_data_acceptance

from nexus.accounts.services import tokens_issue

from .factories import EmployerFactory, SeekerFactory

COMMITTED_SCHEMA = Path(__file__).resolve().parent.parent / "schema" / "openapi.yaml"


def test_committed_schema_matches_the_code(tmp_path):
    generated = tmp_path / "openapi.yaml"
    call_command("spectacular", "--file", str(generated), "--validate", "--fail-on-warn")
    assert generated.read_text() == COMMITTED_SCHEMA.read_text(), (
        "The API changed but schema/openapi.yaml did not: run `make schema` and commit the result."
    )


schema = schemathesis.openapi.from_path(COMMITTED_SCHEMA)
schema.app = get_wsgi_application()
# Paths that are operations of their own: `/jobs/{job}/` filled with job="search" is `/jobs/search/`,
# another operation with another answer (real slugs never collide: they end in a random suffix).
LITERAL_PATHS = {path for path in yaml.safe_load(COMMITTED_SCHEMA.read_text())["paths"] if "{" not in path}

ROLE_FACTORIES = {"anonymous": None, "seeker": SeekerFactory, "employer": EmployerFactory}


@pytest.fixture
def _keep_test_connection():
    """Like Django's test client: requests must not close the connection holding the test transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(params=ROLE_FACTORIES)
def auth_headers(request, db, _keep_test_connection) -> dict[str, str]:
    factory = ROLE_FACTORIES[request.param]
    if factory is None:
        return {}
    return {"Authorization": f"Bearer {tokens_issue(user=factory())['access']}"}


@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_api_honours_its_schema(case, auth_headers):
    """Property-based: no 5xx, responses conform to the schema, bad input gets a 4xx.

    Derandomized: every run tries the same examples, so a run on CI tries what was tried before merging.

    Schema-valid input may still be refused by rules that depend on state (an unknown
    emailed token, a taken address, a weak password), so positive data acceptance is
    not one of the checks.
    """
    assume(case.formatted_path == case.path or case.formatted_path not in LITERAL_PATHS)
    # A role's own Authorization replaces the headers generated: a case made invalid there is valid once sent
    assume(not (auth_headers and case.meta is not None and case.meta.is_negative_at(ParameterLocation.HEADER)))
    case.call_and_validate(headers=auth_headers, excluded_checks=[positive_data_acceptance])
