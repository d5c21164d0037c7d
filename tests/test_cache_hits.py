"""Anonymous hits of the shared cache are answered before the rest of the stack (nexus/core/cache_hits.py):
the same answer as the full stack gives, never to readers with credentials, never stale, rate limited,
and a job page still counts its views."""

import asyncio
import contextvars
import os
import time

import httpx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nexus.accounts.services import tokens_issue
from nexus.jobs import views as job_views
from nexus.jobs.models import Job

from .conftest import GENEROUS_RATES, assert_error, one_rate_window
from .factories import CompanyFactory, EmployerFactory, JobFactory
from .factories_search import lists_rebuilt, searchable_job
from .live_server import live_server

pytestmark = pytest.mark.django_db

PER_ANSWER = {"x-request-id", "date"}


@pytest.fixture
def view_calls(monkeypatch):
    """How many times the job list and job page views ran (a hit before the stack runs neither)."""
    calls = {"list": 0, "page": 0}
    list_get, page_get = job_views.JobCollectionView.get, job_views.JobDetailView.get

    def counted_list(self, request, *args, **kwargs):
        calls["list"] += 1
        return list_get(self, request, *args, **kwargs)

    def counted_page(self, request, *args, **kwargs):
        calls["page"] += 1
        return page_get(self, request, *args, **kwargs)

    monkeypatch.setattr(job_views.JobCollectionView, "get", counted_list)
    monkeypatch.setattr(job_views.JobDetailView, "get", counted_page)
    return calls


def views_settle(job, seconds: float = 5.0) -> int:
    """The job's view count once the server's recording (beside its answers) has caught up."""
    deadline = time.monotonic() + seconds
    while (count := Job.objects.get(pk=job.pk).views_count) == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.2)  # a second recording, if one were wrongly made, would land by now
    return Job.objects.get(pk=job.pk).views_count if count else count


def headers_of(response) -> dict[str, str]:
    return {name.lower(): value for name, value in response.headers.items() if name.lower() not in PER_ANSWER}


def test_a_hit_is_the_full_stacks_answer_without_running_the_view(api_client, view_calls):
    JobFactory.create_batch(3)
    first = api_client.get("/api/v1/jobs/?employment_type=full_time&remote_type=remote")
    with CaptureQueriesContext(connection) as queries:
        second = api_client.get("/api/v1/jobs/?remote_type=remote&employment_type=full_time")  # same, reordered

    assert first.status_code == second.status_code == 200
    assert view_calls["list"] == 1 and len(queries) == 0
    assert second.content == first.content
    assert headers_of(second) == headers_of(first)
    assert second["X-Request-ID"] != first["X-Request-ID"]
    assert api_client.get("/api/v1/jobs/", HTTP_X_REQUEST_ID="trace-7").get("X-Request-ID") == "trace-7"
    reordered = "/api/v1/jobs/?remote_type=remote&employment_type=full_time"
    again = api_client.get(reordered, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and view_calls["list"] == 2  # one more for the list without filters


def test_readers_with_credentials_are_answered_by_the_full_stack(api_client, client_for, seeker, view_calls):
    JobFactory()
    api_client.get("/api/v1/jobs/")
    api_client.get("/api/v1/jobs/")
    assert view_calls["list"] == 1

    assert client_for(seeker).get("/api/v1/jobs/").status_code == 200
    assert view_calls["list"] == 2  # the same cached body, but DRF decided who the reader is
    bad_token = api_client.get("/api/v1/jobs/", HTTP_AUTHORIZATION="Bearer not-a-token")
    assert_error(bad_token, 401)


def test_a_hit_after_an_edit_is_never_the_old_page(api_client, client_for, view_calls):
    employer = EmployerFactory()
    job = JobFactory(company=CompanyFactory(owner=employer), title="Data Engineer")
    for _ in range(2):
        assert api_client.get(f"/api/v1/jobs/{job.slug}/").json()["title"] == "Data Engineer"
    assert view_calls["page"] == 1

    edited = client_for(employer).patch(f"/api/v1/jobs/{job.slug}/", {"title": "Staff Data Engineer"}, format="json")
    assert edited.status_code == 200

    assert api_client.get(f"/api/v1/jobs/{job.slug}/").json()["title"] == "Staff Data Engineer"
    assert api_client.get(f"/api/v1/jobs/{job.slug}/").json()["title"] == "Staff Data Engineer"
    assert view_calls["page"] == 2  # the first reader after the edit rebuilt it


def test_hits_count_against_the_anonymous_rate_limit(api_client, settings, view_calls):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**GENEROUS_RATES, "anon": "3/hour"},
    }
    one_rate_window("3/hour", needed=5)
    JobFactory()
    answers = [api_client.get("/api/v1/jobs/") for _ in range(4)]

    assert [answer.status_code for answer in answers[:3]] == [200, 200, 200]
    assert view_calls["list"] == 1  # two of them were hits
    assert_error(answers[3], 429, "throttled")
    assert int(answers[3]["Retry-After"]) >= 1


def test_a_hit_on_a_job_page_counts_the_view_once_per_reader(api_client, view_calls):
    job = JobFactory()
    for address in ("198.51.100.1", "198.51.100.2", "198.51.100.2", "198.51.100.3"):
        assert api_client.get(f"/api/v1/jobs/{job.slug}/", REMOTE_ADDR=address).status_code == 200

    assert view_calls["page"] == 1
    assert Job.objects.get(pk=job.pk).views_count == 3


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="the asyncio path reads Redis")
@pytest.mark.django_db(transaction=True)
def test_the_asgi_server_answers_hits_on_the_event_loop_alike():
    """The production server's path (asyncio Redis client): same answer, views counted, limits counted."""
    employer = EmployerFactory()
    job = JobFactory(company=CompanyFactory(owner=employer), title="Data Engineer")
    owner = {"Authorization": f"Bearer {tokens_issue(user=employer)['access']}"}

    one_rate_window("5/hour", needed=60)  # the server's start and the requests within one window
    with live_server(workers=1, env={"THROTTLE_ANON": "5/hour"}) as base, httpx.Client(base_url=base) as client:
        answers = [client.get(f"/api/v1/jobs/{job.slug}/") for _ in range(3)]
        assert {answer.status_code for answer in answers} == {200}
        assert answers[1].content == answers[0].content == answers[2].content
        assert headers_of(answers[1]) == headers_of(answers[0])
        assert views_settle(job) == 1  # one reader, one view, hits included (recorded beside the answer)
        figures = client.get("/api/metrics/").text
        assert 'nexus_response_cache_early_answers_total{route="api/v1/jobs/<str:job>/"} 2.0' in figures

        edited = client.patch(f"/api/v1/jobs/{job.slug}/", json={"title": "Staff Data Engineer"}, headers=owner)
        assert edited.status_code == 200
        assert client.get(f"/api/v1/jobs/{job.slug}/").json()["title"] == "Staff Data Engineer"
        assert client.get(f"/api/v1/jobs/{job.slug}/").status_code == 200  # the fifth anonymous request

        refused = client.get(f"/api/v1/jobs/{job.slug}/")
        assert refused.status_code == 429 and refused.json()["code"] == "throttled"
        assert int(refused.headers["Retry-After"]) >= 1


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="the asyncio path reads Redis")
@pytest.mark.django_db(transaction=True)
def test_suggestions_missing_from_the_cache_are_computed_in_front_of_the_stack_alike():
    """Autocomplete misses are built before Django's stack: the same answer and headers, parameters checked
    (wrong ones answered by the full stack with its error), the anonymous rate counted."""
    searchable_job(title="Python Developer")
    searchable_job(title="Python Engineer")
    lists_rebuilt()
    suggest = "/api/v1/jobs/search/suggest/"
    one_rate_window("6/hour", needed=60)
    with live_server(workers=1, env={"THROTTLE_ANON": "6/hour"}) as base, httpx.Client(base_url=base) as client:
        learned = client.get(suggest, params={"q": "pyt"})  # the full stack's answer: the route's headers
        computed = client.get(suggest, params={"q": "pyth", "limit": 5})
        assert learned.status_code == computed.status_code == 200
        assert {row["label"] for row in computed.json()["results"]} >= {"Python Developer", "Python Engineer"}
        assert headers_of(computed).keys() == headers_of(learned).keys()
        assert computed.headers["content-type"] == "application/json"
        figures = client.get("/api/metrics/").text
        assert 'nexus_answers_built_in_front_total{route="api/v1/jobs/search/suggest/"} 1.0' in figures

        assert client.get(suggest, params={"q": "pyth", "limit": 5}).content == computed.content  # a hit now
        assert_error(client.get(suggest, params={"q": "pyth", "limit": 0}), 400, "validation_error")
        assert_error(client.get(suggest, params={"q": "pyth", "typo": 1}), 400, "validation_error")
        assert client.get(suggest, params={"q": "pytho"}).status_code == 200  # the sixth anonymous request
        refused = client.get(suggest, params={"q": "python"})
        assert refused.status_code == 429 and refused.json()["code"] == "throttled"


def suggested_in_front(*queries: str) -> list[int]:
    """The statuses of anonymous suggestions for `queries`, asked one after another through the ASGI application
    (its front included) on an event loop of their own."""
    from asgiref.sync import async_to_sync

    from config.asgi import application
    from nexus.core.async_database import close_pool

    async def get() -> list[int]:
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as front:
            statuses = [(await front.get("/api/v1/jobs/search/suggest/", params={"q": q})).status_code for q in queries]
        await close_pool()  # this event loop's connections, before the test database goes
        return statuses

    return async_to_sync(get)()


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="the asyncio path reads Redis")
@pytest.mark.django_db(transaction=True)
def test_a_suggestion_computed_in_front_is_looked_up_and_counted_in_one_round_trip(monkeypatch, settings):
    """A request the front answers whether it is a hit or a miss (a route built in front, its parameters valid)
    is counted against the anonymous rate by the lookup itself: a miss then costs two round trips to Redis (the
    lookup, the keeping of the answer), a hit one."""
    from redis.asyncio.client import Pipeline, Redis

    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "anon": "100/hour"},
    }
    searchable_job(title="Python Developer")
    lists_rebuilt()
    trips: list[str] = []
    pipeline_execute, execute_command = Pipeline.execute, Redis.execute_command

    async def pipeline_spy(self, *args, **kwargs):
        trips.append("pipeline")
        return await pipeline_execute(self, *args, **kwargs)

    async def command_spy(self, *args, **kwargs):
        trips.append(str(args[0]))
        return await execute_command(self, *args, **kwargs)

    monkeypatch.setattr(Pipeline, "execute", pipeline_spy)
    monkeypatch.setattr(Redis, "execute_command", command_spy)

    assert suggested_in_front("pyt") == [200]  # the full stack's answer: the route's headers learned
    trips.clear()
    assert suggested_in_front("pyth", "pyth") == [200, 200]  # a miss, computed in front, then a hit
    assert trips == ["pipeline", "SET", "pipeline"]


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="the asyncio path reads Redis")
@pytest.mark.django_db(transaction=True)
def test_a_suggestion_computed_in_front_is_answered_before_it_is_kept_even_when_keeping_fails(monkeypatch, caplog):
    """The reader does not wait for the cache's write of a miss computed in front; a write that fails is logged, the
    answer given all the same (the next request computes it again)."""
    from django.core.handlers.asgi import ASGIHandler
    from redis.asyncio.client import Redis
    from redis.exceptions import ConnectionError as RedisDown

    searchable_job(title="Python Developer")
    lists_rebuilt()
    events: list[str] = []
    send_response, execute_command = ASGIHandler.send_response, Redis.execute_command

    async def send_spy(self, response, send):
        events.append("answered")
        return await send_response(self, response, send)

    async def command_spy(self, *args, **kwargs):
        events.append(str(args[0]))
        if args[0] == "SET":
            raise RedisDown("the cache is down")
        return await execute_command(self, *args, **kwargs)

    monkeypatch.setattr(ASGIHandler, "send_response", send_spy)
    monkeypatch.setattr(Redis, "execute_command", command_spy)

    assert suggested_in_front("pyt") == [200]  # the full stack's answer: the route's headers learned
    events.clear()
    assert suggested_in_front("pyth", "pyth") == [200, 200]  # not kept: computed twice
    assert events == ["answered", "SET", "answered", "SET"]
    assert "Keeping an answer built in front failed" in caplog.text


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="the asyncio path reads Redis")
@pytest.mark.django_db(transaction=True)
def test_hits_in_front_make_no_cache_backend_per_request(monkeypatch):
    """An ASGI server runs each request in a task of its own context, where Django's `cache` is made anew, with its
    client: the front keeps one backend per event loop."""
    from asgiref.sync import async_to_sync
    from django.core.cache import caches

    from config.asgi import application

    JobFactory.create_batch(2)
    made: list[str] = []
    create_connection = caches.create_connection
    monkeypatch.setattr(caches, "create_connection", lambda alias: made.append(alias) or create_connection(alias))

    async def gets() -> list[int]:
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as front:

            async def get() -> httpx.Response:
                return await front.get("/api/v1/jobs/")

            async def in_own_context() -> httpx.Response:
                return await asyncio.get_running_loop().create_task(get(), context=contextvars.Context())

            first = await in_own_context()  # the full stack's answer, kept
            made.clear()
            hits = [await in_own_context() for _ in range(3)]
        return [first.status_code, *(hit.status_code for hit in hits)]

    assert async_to_sync(gets)() == [200, 200, 200, 200]
    assert made == []
