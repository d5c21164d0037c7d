import time
from collections.abc import Callable

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from nexus.accounts.models import User
from nexus.accounts.services import tokens_issue
from nexus.core.throttling import AnonymousRateThrottle

from .factories import AdminFactory, EmployerFactory, SeekerFactory

GENEROUS_RATES = {
    "anon": "100000/hour",
    "user": "100000/hour",
    "login": "100000/hour",
    "register": "100000/hour",
    "password_reset": "100000/hour",
    "apply": "100000/hour",
}


@pytest.fixture(autouse=True)
def _test_settings(settings):
    """Fast hashing, emails kept in memory, rate limits out of the way unless a test sets them; searches read
    their matches as on a large board (a test's few jobs would all be read at once, see collecting.py) unless a
    test sets SEARCH_EVERY_MATCH_UP_TO."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SEARCH_EVERY_MATCH_UP_TO = -1
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": GENEROUS_RATES}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _tasks_run_in_process():
    """Celery tasks run eagerly in tests even when CELERY_BROKER_URL is set (the real-worker tests switch it off)."""
    from config.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def client_for() -> Callable[[User], APIClient]:
    """An API client that sends the user's access token."""

    def make(user: User) -> APIClient:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens_issue(user=user)['access']}")
        return client

    return make


@pytest.fixture
def seeker(db) -> User:
    return SeekerFactory()


@pytest.fixture
def employer(db) -> User:
    return EmployerFactory()


@pytest.fixture
def admin_user(db) -> User:
    return AdminFactory()


def one_rate_window(rate: str, *, needed: float) -> None:
    """Waits for the next fixed window of `rate` (`3/minute`: a minute long) when the current one ends within `needed`
    seconds: a test that counts requests up to a limit must see them all in one window, as a new window counts from
    zero (the request past the limit would pass)."""
    _, seconds = AnonymousRateThrottle().parse_rate(rate)  # as the limits read it
    left = seconds - time.time() % seconds
    if left < needed:
        time.sleep(left + 0.05)


def assert_error(response, status: int, code: str | None = None) -> dict:
    """Every error has the one shape: status, code, error, details."""
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"status", "code", "error", "details"}, body
    assert body["status"] == "error"
    assert isinstance(body["error"], str) and body["error"]
    assert isinstance(body["details"], dict)
    if code is not None:
        assert body["code"] == code, body
    return body
