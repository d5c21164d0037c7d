"""Through the real server with two worker processes and Redis: no reader anywhere sees a job as it was
before an edit, a close or a delete that has returned."""

import os

import httpx
import pytest

from nexus.accounts.services import tokens_issue

from .factories import CompanyFactory, EmployerFactory, JobFactory
from .live_server import live_server

pytestmark = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="processes share the cache through Redis")


def read_from_every_worker(base: str, path: str, times: int = 6) -> list[dict]:
    answers = []
    for _ in range(times):  # a new connection each time, so the reads spread over the workers
        with httpx.Client(base_url=base) as client:
            answer = client.get(path)
            assert answer.status_code in (200, 404), answer.text
            answers.append(answer.json() if answer.status_code == 200 else {"status_code": 404})
    return answers


@pytest.mark.django_db(transaction=True)
def test_no_worker_serves_a_job_as_it_was_before_a_change():
    employer = EmployerFactory()
    job = JobFactory(company=CompanyFactory(owner=employer), title="Data Engineer")
    owner = {"Authorization": f"Bearer {tokens_issue(user=employer)['access']}"}

    with live_server(workers=2) as base, httpx.Client(base_url=base, headers=owner) as employer_client:
        # every worker has read (and the cache holds) the list and the page
        assert {row["results"][0]["title"] for row in read_from_every_worker(base, "/api/v1/jobs/")} == {
            "Data Engineer"
        }
        read_from_every_worker(base, f"/api/v1/jobs/{job.slug}/")

        # an edit returns: every later read shows it
        edited = employer_client.patch(f"/api/v1/jobs/{job.slug}/", json={"title": "Staff Data Engineer"})
        assert edited.status_code == 200
        pages = read_from_every_worker(base, f"/api/v1/jobs/{job.slug}/")
        assert {page["title"] for page in pages} == {"Staff Data Engineer"}
        lists = read_from_every_worker(base, "/api/v1/jobs/")
        assert {row["results"][0]["title"] for row in lists} == {"Staff Data Engineer"}

        # closing returns: it leaves the list everywhere, and its page says closed
        assert employer_client.post(f"/api/v1/jobs/{job.slug}/close/").status_code == 200
        assert {len(row["results"]) for row in read_from_every_worker(base, "/api/v1/jobs/")} == {0}
        assert {page["status"] for page in read_from_every_worker(base, f"/api/v1/jobs/{job.slug}/")} == {"closed"}
