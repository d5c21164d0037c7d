"""Imports larger than JOB_IMPORT_SYNC_MAX_ROWS are queued, run by a worker with the same rules, and followed."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from nexus.jobs.imports import job_import_run
from nexus.jobs.models import Job, JobImport

from .conftest import assert_error
from .factories import CompanyFactory, EmployerFactory

pytestmark = pytest.mark.django_db

IMPORT = "/api/v1/jobs/import/"


@pytest.fixture(autouse=True)
def _small_sync_limit(settings):
    settings.JOB_IMPORT_SYNC_MAX_ROWS = 3


def _job(title: str, **extra) -> dict:
    return {
        "title": title,
        "description": "Work.",
        "employment_type": "full_time",
        "city": "Lyon",
        "country": "fr",
        **extra,
    }


def _csv(rows: list[list[str]]) -> SimpleUploadedFile:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return SimpleUploadedFile("jobs.csv", out.getvalue().encode(), content_type="text/csv")


def _queue(client, body, django_capture_on_commit_callbacks, **options):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(IMPORT, body, **options)
    assert response.status_code == 202, response.content
    return response


def test_a_large_json_import_is_queued_then_done_with_its_progress(
    client_for, employer, django_capture_on_commit_callbacks
):
    # given an employer with a verified company
    company = CompanyFactory(owner=employer, is_verified=True)
    client = client_for(employer)
    # when they import more rows than run within a request
    body = {"company": company.pk, "jobs": [_job(f"Job {i}") for i in range(5)], "publish": True}
    queued = _queue(client, body, django_capture_on_commit_callbacks, format="json")
    # then the answer is the queued import, and its page tells how it went
    assert queued.json()["status"] == "queued" and queued.json()["total_rows"] == 5
    assert queued["Location"].endswith(f"/api/v1/jobs/import/{queued.json()['id']}/")
    done = client.get(queued["Location"]).json()
    assert done["status"] == "succeeded", done
    assert (done["processed_rows"], done["percent"], done["created"], done["errors"]) == (5, 100.0, 5, [])
    assert done["finished_at"] is not None
    jobs = Job.objects.filter(pk__in=done["ids"])
    assert sorted(job.title for job in jobs) == [f"Job {i}" for i in range(5)]
    assert {job.status for job in jobs} == {"published"}
    assert JobImport.objects.get(pk=done["id"]).rows == []  # the stored rows are dropped once run


def test_a_large_csv_import_with_a_bad_row_imports_nothing_and_reports_its_line(
    client_for, employer, django_capture_on_commit_callbacks
):
    company = CompanyFactory(owner=employer)
    upload = _csv([["title", "employment_type"], ["A", "full_time"], ["B", "nope"], ["C", ""], ["", "part_time"]])
    client = client_for(employer)

    queued = _queue(
        client, {"company": company.pk, "file": upload}, django_capture_on_commit_callbacks, format="multipart"
    )

    done = client.get(queued["Location"]).json()
    assert done["status"] == "failed" and done["created"] == 0
    assert {row["line"]: sorted(row["errors"]) for row in done["errors"]} == {3: ["employment_type"], 5: ["title"]}
    assert not Job.objects.filter(company=company).exists()


def test_a_partial_large_import_keeps_the_good_rows(client_for, employer, django_capture_on_commit_callbacks):
    company = CompanyFactory(owner=employer)
    rows = [_job("A"), _job("B"), {"title": ""}, _job("D")]
    client = client_for(employer)

    body = {"company": company.pk, "jobs": rows, "all_or_nothing": False}
    queued = _queue(client, body, django_capture_on_commit_callbacks, format="json")

    done = client.get(queued["Location"]).json()
    assert done["status"] == "succeeded" and done["created"] == 3 and done["errors"][0]["line"] == 3


def test_running_an_import_twice_creates_its_jobs_once(employer):
    company = CompanyFactory(owner=employer)
    run = JobImport.objects.create(
        requested_by=employer,
        company=company,
        source="json",
        rows=[[1, _job("Once")], [2, _job("Only once")]],
        total_rows=2,
    )

    job_import_run(import_id=str(run.pk))
    job_import_run(import_id=str(run.pk))

    assert Job.objects.filter(company=company).count() == 2
    run.refresh_from_db()
    assert run.status == "succeeded" and len(run.created_ids) == 2


def test_an_import_of_a_company_the_user_left_fails_cleanly(employer):
    company = CompanyFactory()  # not theirs
    run = JobImport.objects.create(
        requested_by=employer, company=company, source="json", rows=[[1, _job("X")]], total_rows=1
    )

    job_import_run(import_id=str(run.pk))

    run.refresh_from_db()
    assert run.status == "failed" and run.errors[0]["errors"]["company"]
    assert not Job.objects.filter(company=company).exists()


def test_an_import_is_visible_to_whoever_started_it_and_admins_only(
    client_for, employer, seeker, admin_user, api_client, django_capture_on_commit_callbacks
):
    company = CompanyFactory(owner=employer)
    body = {"company": company.pk, "jobs": [_job(f"J{i}") for i in range(4)]}
    url = _queue(client_for(employer), body, django_capture_on_commit_callbacks, format="json")["Location"]

    assert client_for(admin_user).get(url).status_code == 200
    assert_error(client_for(EmployerFactory()).get(url), 404)
    assert_error(client_for(seeker).get(url), 404)
    assert_error(api_client.get(url), 401)
    assert_error(client_for(employer).get(f"{IMPORT}not-a-uuid/"), 404)
    assert_error(client_for(employer).get(f"{IMPORT}00000000-0000-0000-0000-000000000000/"), 404)


def test_a_large_import_for_a_foreign_company_is_refused_before_queueing(client_for, employer):
    body = {"company": CompanyFactory().pk, "jobs": [_job(f"J{i}") for i in range(4)]}
    assert_error(client_for(employer).post(IMPORT, body, format="json"), 404)
    assert not JobImport.objects.exists()
