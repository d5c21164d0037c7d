"""The Greenhouse-shaped board API, and bulk import / streamed export of jobs."""

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from nexus.jobs.models import Job

from .conftest import assert_error
from .factories import CategoryFactory, CompanyFactory, EmployerFactory, JobFactory, SkillFactory

pytestmark = pytest.mark.django_db

BOARD = "/api/v1/boards"


@pytest.fixture
def board(employer):
    company = CompanyFactory(owner=employer, name="Acme")
    engineering = CategoryFactory(name="Engineering")
    backend = CategoryFactory(name="Backend", parent=engineering)
    listed = JobFactory(company=company, category=backend, title="Backend <Engineer>", description="Go & <b>SQL</b>")
    remote = JobFactory(company=company, title="Remote SRE", remote_type="remote", city="", country="")
    hidden = [
        JobFactory(company=company, status="draft", title="Draft job"),
        JobFactory(company=company, status="closed", title="Closed job"),
        JobFactory(company=company, status="archived", title="Archived job"),
        JobFactory(company=company, moderation_status="pending", title="Held job"),
    ]
    JobFactory(title="Other company job")
    return {"company": company, "listed": listed, "remote": remote, "hidden": hidden, "backend": backend,
            "engineering": engineering}  # fmt: skip


# --- board: jobs ---


def test_board_jobs_list_has_greenhouse_shape_and_only_listed_jobs(api_client, board):
    for key in (board["company"].pk, board["company"].slug):
        response = api_client.get(f"{BOARD}/{key}/jobs")
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["meta"] == {"total": 2}
        titles = {job["title"] for job in body["jobs"]}
        assert titles == {"Backend <Engineer>", "Remote SRE"}
    job = next(j for j in body["jobs"] if j["id"] == board["listed"].pk)
    assert set(job) == {
        "id", "internal_job_id", "title", "updated_at", "requisition_id", "location", "absolute_url", "metadata",
        "data_compliance", "company_name", "first_published", "language",
    }  # fmt: skip
    assert job["location"] == {"name": "Berlin, DE"}
    assert job["company_name"] == "Acme"
    assert job["metadata"] is None and job["data_compliance"] == [] and job["language"] == "en"
    assert job["absolute_url"].endswith(f"/jobs/{board['listed'].slug}")
    remote = next(j for j in body["jobs"] if j["id"] == board["remote"].pk)
    assert remote["location"] == {"name": "Remote"}


def test_board_jobs_with_content(api_client, board):
    body = api_client.get(f"{BOARD}/{board['company'].pk}/jobs", {"content": "true"}).json()
    job = next(j for j in body["jobs"] if j["id"] == board["listed"].pk)
    assert job["content"] == "Go &amp; &lt;b&gt;SQL&lt;/b&gt;"
    assert job["departments"] == [
        {"id": board["backend"].pk, "name": "Backend", "parent_id": board["engineering"].pk, "child_ids": []}
    ]
    [office] = job["offices"]
    assert office["name"] == "Berlin" and office["location"] == "Berlin, DE" and office["parent_id"]
    # Office ids are stable across requests.
    again = api_client.get(f"{BOARD}/{board['company'].pk}/jobs", {"content": "true"}).json()
    assert next(j for j in again["jobs"] if j["id"] == board["listed"].pk)["offices"] == job["offices"]


def test_board_job_with_questions(api_client, board):
    job = board["listed"]
    job.screening_questions = [
        {"key": "years", "label": "Years of Go?", "type": "number", "required": True, "choices": []},
        {"key": "visa", "label": "Need a visa?", "type": "yes_no", "required": False, "choices": []},
        {"key": "shift", "label": "Shift", "type": "single_choice", "required": False, "choices": ["Day", "Night"]},
        {"key": "langs", "label": "Languages", "type": "multiple_choice", "required": False, "choices": ["Go", "Py"]},
        {"key": "why", "label": "Why us?", "type": "long_text", "required": False, "choices": []},
    ]
    job.save()
    response = api_client.get(f"{BOARD}/{board['company'].slug}/jobs/{job.pk}", {"questions": "true"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["id"] == job.pk and "content" in body and body["departments"]
    questions = body["questions"]
    assert [q["fields"][0]["name"] for q in questions[:4]] == ["first_name", "last_name", "email", "resume"]
    assert questions[3]["fields"][0]["type"] == "input_file"
    custom = {q["fields"][0]["name"]: q for q in questions[4:]}
    assert custom["question_years"]["required"] is True
    assert custom["question_years"]["fields"][0]["type"] == "input_text"
    assert custom["question_visa"]["fields"][0] == {
        "name": "question_visa",
        "type": "multi_value_single_select",
        "values": [{"label": "Yes", "value": 1}, {"label": "No", "value": 0}],
    }
    assert custom["question_shift"]["fields"][0]["type"] == "multi_value_single_select"
    assert custom["question_shift"]["fields"][0]["values"] == [
        {"label": "Day", "value": "Day"},
        {"label": "Night", "value": "Night"},
    ]
    assert custom["question_langs"]["fields"][0]["type"] == "multi_value_multi_select"
    assert custom["question_why"]["fields"][0]["type"] == "textarea"
    without = api_client.get(f"{BOARD}/{board['company'].slug}/jobs/{job.pk}").json()
    assert "questions" not in without


def test_board_job_hidden_or_other_company_is_404(api_client, board):
    company = board["company"].pk
    for job in board["hidden"]:
        assert_error(api_client.get(f"{BOARD}/{company}/jobs/{job.pk}"), 404)
    other = Job.objects.get(title="Other company job")
    assert_error(api_client.get(f"{BOARD}/{company}/jobs/{other.pk}"), 404)


def test_board_of_hidden_or_unknown_company_is_404(api_client, employer):
    pending = CompanyFactory(owner=employer, moderation_status="pending")
    JobFactory(company=pending)
    for key in (pending.pk, pending.slug, "no-such-company", 999999):
        assert_error(api_client.get(f"{BOARD}/{key}/jobs"), 404)
        assert_error(api_client.get(f"{BOARD}/{key}/departments"), 404)
        assert_error(api_client.get(f"{BOARD}/{key}/offices"), 404)


def test_board_is_public_even_with_a_bad_token(api_client, board):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")
    assert api_client.get(f"{BOARD}/{board['company'].pk}/jobs").status_code == 200


# --- board: departments and offices ---


def test_board_departments_list_and_tree(api_client, board):
    url = f"{BOARD}/{board['company'].pk}/departments"
    listed = api_client.get(url).json()["departments"]
    by_name = {d["name"]: d for d in listed}
    assert by_name["Engineering"]["child_ids"] == [board["backend"].pk]
    assert by_name["Backend"]["parent_id"] == board["engineering"].pk
    assert [j["id"] for j in by_name["Backend"]["jobs"]] == [board["listed"].pk]
    assert [j["id"] for j in by_name["No Department"]["jobs"]] == [board["remote"].pk]
    all_job_ids = {j["id"] for d in listed for j in d["jobs"]}
    assert all_job_ids == {board["listed"].pk, board["remote"].pk}

    tree = api_client.get(url, {"render_as": "tree"}).json()["departments"]
    engineering = next(d for d in tree if d["name"] == "Engineering")
    assert engineering["jobs"] == []
    [backend] = engineering["children"]
    assert backend["name"] == "Backend" and [j["id"] for j in backend["jobs"]] == [board["listed"].pk]
    assert_error(api_client.get(url, {"render_as": "graph"}), 400)


def test_board_offices_list_and_tree(api_client, board):
    url = f"{BOARD}/{board['company'].pk}/offices"
    listed = api_client.get(url).json()["offices"]
    by_name = {o["name"]: o for o in listed}
    assert set(by_name) == {"DE", "Berlin", "Remote"}
    assert by_name["Berlin"]["parent_id"] == by_name["DE"]["id"]
    assert by_name["DE"]["child_ids"] == [by_name["Berlin"]["id"]]
    assert [j["id"] for j in by_name["Berlin"]["jobs"]] == [board["listed"].pk]
    assert [j["id"] for j in by_name["Remote"]["jobs"]] == [board["remote"].pk]

    tree = api_client.get(url, {"render_as": "tree"}).json()["offices"]
    germany = next(o for o in tree if o["name"] == "DE")
    [berlin] = germany["children"]
    assert berlin["location"] == "Berlin, DE" and [j["id"] for j in berlin["jobs"]] == [board["listed"].pk]


# --- JSONP ---


def test_jsonp_callback_wraps_the_answer(api_client, board):
    response = api_client.get(f"{BOARD}/{board['company'].pk}/jobs", {"callback": "jQuery.cb_1$"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["X-Content-Type-Options"] == "nosniff"
    text = response.content.decode()
    assert text.startswith("/**/jQuery.cb_1$(") and text.endswith(");")
    payload = json.loads(text[len("/**/jQuery.cb_1$(") : -2])
    assert payload["meta"] == {"total": 2}


@pytest.mark.parametrize("path", ["jobs", "jobs?content=true", "departments", "offices?render_as=tree", "listed"])
@pytest.mark.parametrize("callback", [None, "cb"])
def test_a_repeated_board_request_is_served_from_the_cache_until_a_job_changes(api_client, board, path, callback):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # given a board answer read once
    url = f"{BOARD}/{board['company'].pk}/" + path.replace("listed", f"jobs/{board['listed'].pk}")
    params = {"callback": callback} if callback else {}
    first = api_client.get(url, params)
    assert first.status_code == 200, first.content

    # when it is read again, then it comes from the cache, with the same type and headers
    with CaptureQueriesContext(connection) as queries:
        again = api_client.get(url, params)
    assert len(queries) == 0 and again.content == first.content
    assert again["Content-Type"] == first["Content-Type"] and again["X-Content-Type-Options"] == "nosniff"

    # and once a job of the board changes, the next answer shows it
    job = board["listed"]
    job.title = "Principal Engineer"
    job.save()
    assert "Principal Engineer" in api_client.get(url, params).content.decode()


def test_a_board_answer_larger_than_the_cache_takes_is_built_each_time(api_client, board, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.FEED_CACHE_MAX_BYTES = 100  # smaller than the board's two jobs
    url = f"{BOARD}/{board['company'].pk}/jobs"
    first = api_client.get(url)
    with CaptureQueriesContext(connection) as queries:
        again = api_client.get(url)
    assert again.content == first.content and len(queries) > 0


@pytest.mark.parametrize("callback", ["alert(1)", "1abc", "a-b", "<script>", "a" * 65, "", "a b"])
def test_invalid_jsonp_callback_is_400(api_client, board, callback):
    for path in ("jobs", "departments", "offices", f"jobs/{board['listed'].pk}"):
        response = api_client.get(f"{BOARD}/{board['company'].pk}/{path}", {"callback": callback})
        assert_error(response, 400, "invalid_callback")


# --- import ---

IMPORT = "/api/v1/jobs/import/"


def _job(title: str, **extra) -> dict:
    return {
        "title": title,
        "description": "Work on things.",
        "employment_type": "full_time",
        "city": "Addis Ababa",
        "country": "et",
        **extra,
    }


def test_import_json_all_good_creates_every_job(client_for, employer):
    company = CompanyFactory(owner=employer)
    SkillFactory(name="Python")
    body = {"company": company.pk, "jobs": [_job("One", skills=[{"skill": "Python"}]), _job("Two")]}
    response = client_for(employer).post(IMPORT, body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["created"] == 2
    jobs = Job.objects.filter(pk__in=response.json()["ids"])
    assert {job.title for job in jobs} == {"One", "Two"}
    assert all(job.status == "draft" and job.company_id == company.pk and job.country == "ET" for job in jobs)
    assert jobs.get(title="One").job_skills.get().skill.name == "Python"


def test_import_json_publish(client_for, employer):
    company = CompanyFactory(owner=employer, is_verified=True)
    response = client_for(employer).post(IMPORT, {"company": company.pk, "jobs": [_job("Pub")], "publish": True})
    assert response.status_code == 201, response.content
    assert Job.objects.get(title="Pub").status == "published"


def test_import_json_one_bad_row_rolls_back_everything(client_for, employer):
    company = CompanyFactory(owner=employer)
    bad_salary = _job("Bad salary", salary_min=10, salary_max=5, salary_currency="USD", salary_period="year")
    rows = [_job("Good"), {"description": "no title"}, bad_salary, _job("Unknown skill", skills=[{"skill": "Nope"}])]
    response = client_for(employer).post(IMPORT, {"company": company.pk, "jobs": rows}, format="json")
    body = assert_error(response, 400, "import_invalid")
    lines = {row["line"]: row["errors"] for row in body["details"]["rows"]}
    assert set(lines) == {2, 3, 4}
    assert "title" in lines[2] and "skills" in lines[4]
    assert not Job.objects.filter(company=company).exists()


def test_import_partial_when_asked(client_for, employer):
    company = CompanyFactory(owner=employer)
    body = {"company": company.pk, "jobs": [_job("Good"), {"title": ""}], "all_or_nothing": False}
    response = client_for(employer).post(IMPORT, body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["created"] == 1 and response.json()["errors"][0]["line"] == 2
    assert list(Job.objects.filter(company=company).values_list("title", flat=True)) == ["Good"]


def _csv(rows: list[list[str]]) -> SimpleUploadedFile:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return SimpleUploadedFile("jobs.csv", out.getvalue().encode(), content_type="text/csv")


def test_import_csv_all_good(client_for, employer):
    company = CompanyFactory(owner=employer)
    category = CategoryFactory()
    SkillFactory(name="Go")
    SkillFactory(name="SQL")
    upload = _csv([
        ["title", "description", "employment_type", "city", "country", "category", "skills", "salary_min",
         "salary_max", "salary_currency", "salary_period", "latitude", "longitude"],
        ["CSV one", "Desc", "full_time", "Berlin", "DE", str(category.pk), "Go;SQL", "1000", "2000", "EUR", "month",
         "52.5", "13.4"],
        ["CSV two", "", "", "", "", "", "", "", "", "", "", "", ""],
    ])  # fmt: skip
    response = client_for(employer).post(IMPORT, {"company": company.pk, "file": upload}, format="multipart")
    assert response.status_code == 201, response.content
    one = Job.objects.get(title="CSV one")
    assert one.category_id == category.pk and one.latitude == 52.5
    assert sorted(js.skill.name for js in one.job_skills.all()) == ["Go", "SQL"]
    assert Job.objects.filter(title="CSV two", company=company).exists()


def test_import_csv_bad_row_reports_its_line(client_for, employer):
    company = CompanyFactory(owner=employer)
    upload = _csv([["title", "employment_type", "category"], ["Fine", "full_time", ""], ["Bad", "sometimes", "x"]])
    response = client_for(employer).post(IMPORT, {"company": company.pk, "file": upload}, format="multipart")
    body = assert_error(response, 400, "import_invalid")
    [row] = body["details"]["rows"]
    assert row["line"] == 3 and set(row["errors"]) == {"employment_type", "category"}
    assert not Job.objects.filter(company=company).exists()


def test_import_csv_unknown_column(client_for, employer):
    company = CompanyFactory(owner=employer)
    upload = _csv([["title", "salary"], ["x", "1"]])
    response = client_for(employer).post(IMPORT, {"company": company.pk, "file": upload}, format="multipart")
    assert_error(response, 400, "import_bad_header")


def test_import_by_non_member_or_non_employer(client_for, employer, seeker, api_client):
    company = CompanyFactory(owner=employer)
    body = {"company": company.pk, "jobs": [_job("Sneaky")]}
    assert_error(client_for(EmployerFactory()).post(IMPORT, body, format="json"), 404)
    assert_error(client_for(seeker).post(IMPORT, body, format="json"), 403)
    assert_error(api_client.post(IMPORT, body, format="json"), 401)
    assert not Job.objects.filter(title="Sneaky").exists()


def test_import_over_the_cap(client_for, employer, settings):
    settings.JOB_IMPORT_MAX_ROWS = 30
    company = CompanyFactory(owner=employer)
    body = {"company": company.pk, "jobs": [_job(f"J{i}") for i in range(31)]}
    assert_error(client_for(employer).post(IMPORT, body, format="json"), 400, "import_too_large")
    upload = _csv([["title"], *([f"J{i}"] for i in range(31))])
    response = client_for(employer).post(IMPORT, {"company": company.pk, "file": upload}, format="multipart")
    assert_error(response, 400, "import_too_large")
    assert not Job.objects.filter(company=company).exists()


def test_import_bodies_and_files_are_bounded_by_their_own_setting(client_for, employer, settings):
    """An import may send more than other JSON bodies (JOB_IMPORT_MAX_BYTES, not JSON_BODY_MAX_BYTES), as a JSON body
    or a CSV file; past it, either is refused and nothing is imported."""
    settings.JSON_BODY_MAX_BYTES = 100
    company = CompanyFactory(owner=employer)
    client = client_for(employer)
    body = {"company": company.pk, "jobs": [_job(f"Job {i}") for i in range(3)]}
    settings.JOB_IMPORT_MAX_BYTES = len(json.dumps(body).encode())
    assert client.post(IMPORT, json.dumps(body), content_type="application/json").status_code == 201
    body["jobs"].append(_job("One more"))
    response = client.post(IMPORT, json.dumps(body), content_type="application/json")
    assert assert_error(response, 400, "bad_request")["error"] == "The request body is too large."
    rows = [["title"], *([f"Row {i}"] for i in range(40))]
    settings.JOB_IMPORT_MAX_BYTES = len(_csv(rows).read()) - 1
    response = client.post(IMPORT, {"company": company.pk, "file": _csv(rows)}, format="multipart")
    assert assert_error(response, 400, "bad_request")["error"] == "The request body is too large."
    assert Job.objects.filter(company=company).count() == 3


def test_import_needs_rows(client_for, employer):
    company = CompanyFactory(owner=employer)
    assert_error(client_for(employer).post(IMPORT, {"company": company.pk}, format="json"), 400)
    assert_error(client_for(employer).post(IMPORT, {"company": company.pk, "jobs": []}, format="json"), 400)


# --- export ---

EXPORT = "/api/v1/jobs/export/"


def _streamed(response) -> str:
    assert response.status_code == 200
    assert response.streaming is True
    assert response["Content-Disposition"].startswith("attachment;")
    return b"".join(response.streaming_content).decode()


def test_export_csv_has_own_jobs_in_any_status(client_for, board, employer):
    skill = SkillFactory(name="Rust")
    board["listed"].job_skills.create(skill=skill)
    text = _streamed(client_for(employer).get(EXPORT, {"file_format": "csv"}))
    rows = list(csv.DictReader(io.StringIO(text)))
    titles = {row["title"] for row in rows}
    assert titles == {"Backend <Engineer>", "Remote SRE", "Draft job", "Closed job", "Archived job", "Held job"}
    listed = next(row for row in rows if row["title"] == "Backend <Engineer>")
    assert listed["skills"] == "Rust" and listed["category"] == str(board["backend"].pk)


def test_export_json_has_own_jobs_only(client_for, board, employer):
    response = client_for(employer).get(EXPORT, {"file_format": "json"})
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(_streamed(response))
    assert len(data) == 6 and all(row["company"] == board["company"].pk for row in data)
    assert "Other company job" not in {row["title"] for row in data}
    # Nobody else's jobs for another employer.
    assert json.loads(_streamed(client_for(EmployerFactory()).get(EXPORT, {"file_format": "json"}))) == []


def test_export_round_trips_through_import(client_for, board, employer):
    text = _streamed(client_for(employer).get(EXPORT, {"file_format": "json"}))
    other = CompanyFactory(owner=employer)
    keep = ("title", "description", "employment_type", "city", "country", "remote_type", "category", "skills")
    rows = [{k: row[k] for k in keep if row[k] not in (None, "")} for row in json.loads(text)]
    response = client_for(employer).post(IMPORT, {"company": other.pk, "jobs": rows}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["created"] == 6


def test_export_bad_format_and_permissions(client_for, employer, seeker, api_client):
    assert_error(client_for(employer).get(EXPORT, {"file_format": "xml"}), 400)
    assert_error(client_for(seeker).get(EXPORT), 403)
    assert_error(api_client.get(EXPORT), 401)


def test_import_unreadable_csv(client_for, employer):
    company = CompanyFactory(owner=employer)
    for content in (b"\xff\xfe\x00bad", b'title\n"a\x00b"\n'):
        upload = SimpleUploadedFile("jobs.csv", content, content_type="text/csv")
        response = client_for(employer).post(IMPORT, {"company": company.pk, "file": upload}, format="multipart")
        assert_error(response, 400)


def test_export_refuses_unknown_parameters(client_for, employer):
    CompanyFactory(owner=employer)
    body = assert_error(client_for(employer).get("/api/v1/jobs/export/?format_file=json"), 400)
    assert "format_file" in body["details"]
