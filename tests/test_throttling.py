"""Rate limits: one counter per client, scope and window; a scope set to "off" is not limited."""

import pytest

from .conftest import GENEROUS_RATES, assert_error, one_rate_window

pytestmark = pytest.mark.django_db


def set_rates(settings, **rates: str) -> None:
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {**GENEROUS_RATES, **rates}}


@pytest.mark.parametrize("lifted", ["off", "", "none"])
def test_a_rate_set_off_lifts_the_limit(api_client, settings, lifted):
    set_rates(settings, anon=lifted)
    assert {api_client.get("/api/v1/categories/").status_code for _ in range(30)} == {200}


def test_the_limit_counts_each_client_on_its_own(api_client, client_for, seeker, settings):
    set_rates(settings, anon="2/minute", user="3/minute")
    one_rate_window("2/minute", needed=5)
    for _ in range(2):
        assert api_client.get("/api/v1/categories/").status_code == 200
    refused = assert_error(api_client.get("/api/v1/categories/"), 429, "throttled")
    assert 1 <= refused["details"]["retry_after"] <= 60

    signed_in = client_for(seeker)
    assert [signed_in.get("/api/v1/categories/").status_code for _ in range(4)] == [200, 200, 200, 429]


def test_an_anonymous_client_counts_under_the_anonymous_rate_only(api_client, settings):
    set_rates(settings, anon="3/minute", user="1/minute")
    one_rate_window("3/minute", needed=5)
    assert [api_client.get("/api/v1/categories/").status_code for _ in range(4)] == [200, 200, 200, 429]
