"""The public job list: each filter alone and combined, sorts, pagination (stable while rows are
inserted), detail views counted once per viewer, similar jobs, and constant query counts."""

from datetime import timedelta
from decimal import Decimal
from urllib.parse import parse_qs, urlparse

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from nexus.jobs.choices import JobStatus
from nexus.jobs.models import Job, JobView, SavedJob
from nexus.jobs.salary import salary_to_yearly_base

from .conftest import assert_error
from .factories import (
    AdminFactory,
    CategoryFactory,
    CompanyFactory,
    EmployerFactory,
    IndustryFactory,
    JobFactory,
    JobSkillFactory,
    SeekerFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/jobs/"
BERLIN = (52.52, 13.405)
CHARLOTTENBURG = (52.5167, 13.3041)  # ~7 km from the centre
POTSDAM = (52.3906, 13.0645)  # ~27 km
HAMBURG = (53.5511, 9.9937)  # ~255 km


def listed(params: dict | None = None, client: APIClient | None = None) -> list[int]:
    response = (client or APIClient()).get(LIST_URL, {"page_size": 100, **(params or {})})
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def found(params: dict) -> set[int]:
    return set(listed(params))


def detail_url(job: Job, suffix: str = "") -> str:
    return f"/api/v1/jobs/{job.pk}/{suffix}"


def salaried(low: int | None, high: int | None, currency: str, period: str = "year", **fields) -> Job:
    """A listed job with a salary, its yearly base amounts computed as the services do."""
    return JobFactory(
        salary_min=low,
        salary_max=high,
        salary_currency=currency,
        salary_period=period,
        salary_yearly_min=salary_to_yearly_base(low if low is not None else high, currency, period),
        salary_yearly_max=salary_to_yearly_base(high if high is not None else low, currency, period),
        **fields,
    )


def rate(currency: str) -> Decimal:
    """Units of `currency` per unit of the base currency, read from the settings."""
    if currency == settings.BASE_CURRENCY:
        return Decimal(1)
    return Decimal(str(settings.EXCHANGE_RATES[currency]))


def convert(amount: Decimal | int, source: str, target: str) -> Decimal:
    return Decimal(amount) / rate(source) * rate(target)


# --- filters, one by one ---------------------------------------------------------------------


def test_no_filter_lists_every_listed_job_and_nothing_else():
    jobs = JobFactory.create_batch(3)
    JobFactory(status=JobStatus.DRAFT, published_at=None)
    JobFactory(status=JobStatus.CLOSED)
    JobFactory(status=JobStatus.ARCHIVED)

    assert found({}) == {job.pk for job in jobs}


def test_filter_q_matches_title_or_company_name():
    # given
    by_title = JobFactory(title="Senior Backend Developer")
    by_company = JobFactory(title="Accountant", company=CompanyFactory(name="Backend Robotics"))
    JobFactory(title="Frontend Developer")

    # then
    assert found({"q": "backend"}) == {by_title.pk, by_company.pk}
    assert found({"q": "ROBOTICS"}) == {by_company.pk}
    assert found({"q": "nothing like this"}) == set()


def test_filter_category_includes_descendants():
    # given: root > child > grandchild, and an unrelated root
    root = CategoryFactory(name="Engineering")
    child = CategoryFactory(name="Software", parent=root)
    grandchild = CategoryFactory(name="Backend", parent=child)
    sibling = CategoryFactory(name="Hardware", parent=root)
    other_root = CategoryFactory(name="Sales")
    deep = JobFactory(category=grandchild)
    middle = JobFactory(category=child)
    beside = JobFactory(category=sibling)
    elsewhere = JobFactory(category=other_root)
    JobFactory(category=None)

    # then
    assert found({"category": root.pk}) == {deep.pk, middle.pk, beside.pk}
    assert found({"category": child.pk}) == {deep.pk, middle.pk}
    assert found({"category": grandchild.pk}) == {deep.pk}
    assert found({"category": other_root.pk}) == {elsewhere.pk}
    assert found({"category": 999999}) == set()
    assert found({"category": child.slug}) == {deep.pk, middle.pk}  # or by slug
    assert found({"category": "no-such-category"}) == set()


def test_filter_industry_and_company():
    fintech, health = IndustryFactory(name="Fintech"), IndustryFactory(name="Health")
    company = CompanyFactory()
    a = JobFactory(industry=fintech, company=company)
    b = JobFactory(industry=health, company=company)
    c = JobFactory(industry=fintech)

    assert found({"industry": fintech.pk}) == {a.pk, c.pk}
    assert found({"industry": health.pk}) == {b.pk}
    assert found({"company": company.pk}) == {a.pk, b.pk}
    assert found({"company": company.pk, "industry": fintech.pk}) == {a.pk}
    assert found({"industry": health.slug}) == {b.pk}  # or by slug
    assert found({"industry": "no-such-industry"}) == set()


def test_filter_skills_by_name_alias_and_id():
    # given
    javascript = SkillFactory(name="JavaScript", aliases=["js"])
    postgres = SkillFactory(name="PostgreSQL", aliases=["postgres"])
    go = SkillFactory(name="Go", aliases=["golang"])
    js_job = JobSkillFactory(skill=javascript).job
    pg_job = JobSkillFactory(skill=postgres).job
    both = JobSkillFactory(skill=javascript).job
    JobSkillFactory(job=both, skill=postgres)
    go_job = JobSkillFactory(skill=go).job
    JobFactory()  # no skills

    # then
    assert found({"skills": "JavaScript"}) == {js_job.pk, both.pk}
    assert found({"skills": "js"}) == {js_job.pk, both.pk}
    assert found({"skills": "JS"}) == {js_job.pk, both.pk}
    assert found({"skills": str(postgres.pk)}) == {pg_job.pk, both.pk}
    assert found({"skills": "golang"}) == {go_job.pk}
    # any of them, each job once
    assert sorted(listed({"skills": "js, postgres"})) == sorted([js_job.pk, pg_job.pk, both.pk])
    assert found({"skills": f"js,{go.pk}"}) == {js_job.pk, both.pk, go_job.pk}
    assert found({"skills": "cobol"}) == set()
    assert found({"skills": "\u00b2"}) == set()  # a digit to isdigit(), not to int()
    assert found({"skills": "9" * 25}) == set()


def test_filter_employment_type_experience_level_and_remote_type():
    full = JobFactory(employment_type="full_time", experience_level="senior", remote_type="onsite")
    contract = JobFactory(employment_type="contract", experience_level="mid", remote_type="remote")
    part = JobFactory(employment_type="part_time", experience_level="senior", remote_type="hybrid")

    assert found({"employment_type": "full_time"}) == {full.pk}
    assert found({"employment_type": "full_time,contract"}) == {full.pk, contract.pk}
    assert found({"experience_level": "senior"}) == {full.pk, part.pk}
    assert found({"experience_level": "mid,entry"}) == {contract.pk}
    assert found({"remote_type": "remote,hybrid"}) == {contract.pk, part.pk}
    assert found({"remote_type": "onsite"}) == {full.pk}


def test_filter_country_and_city():
    berlin = JobFactory(city="Berlin", country="DE")
    munich = JobFactory(city="Munich", country="DE")
    JobFactory(city="Vienna", country="AT")

    assert found({"country": "DE"}) == {berlin.pk, munich.pk}
    assert found({"country": "de"}) == {berlin.pk, munich.pk}
    assert found({"city": "berlin"}) == {berlin.pk}
    assert found({"city": "Berlin", "country": "AT"}) == set()


def test_filter_remote_country_takes_remote_jobs_open_to_it():
    # given
    dach = JobFactory(remote_type="remote", remote_countries=["AT", "CH", "DE"])
    anywhere = JobFactory(remote_type="remote", remote_countries=[])
    JobFactory(remote_type="remote", remote_countries=["US"])
    JobFactory(remote_type="onsite", country="DE")
    JobFactory(remote_type="hybrid", country="DE", remote_countries=["DE"])

    # then
    assert found({"remote_country": "DE"}) == {dach.pk, anywhere.pk}
    assert found({"remote_country": "ch"}) == {dach.pk, anywhere.pk}
    assert found({"remote_country": "FR"}) == {anywhere.pk}


def test_filter_by_radius_around_a_point():
    # given
    berlin = JobFactory(latitude=CHARLOTTENBURG[0], longitude=CHARLOTTENBURG[1])
    potsdam = JobFactory(city="Potsdam", latitude=POTSDAM[0], longitude=POTSDAM[1])
    hamburg = JobFactory(city="Hamburg", latitude=HAMBURG[0], longitude=HAMBURG[1])
    JobFactory(remote_type="remote", city="", country="", latitude=None, longitude=None)
    centre = {"lat": BERLIN[0], "lng": BERLIN[1]}

    # then
    assert found(centre) == {berlin.pk, potsdam.pk}  # SEARCH_DEFAULT_RADIUS_KM: 50
    assert found({**centre, "radius_km": 10}) == {berlin.pk}
    assert found({**centre, "radius_km": 25}) == {berlin.pk}
    assert found({**centre, "radius_km": 30}) == {berlin.pk, potsdam.pk}
    assert found({**centre, "radius_km": 300}) == {berlin.pk, potsdam.pk, hamburg.pk}


@pytest.mark.parametrize(
    "params",
    [
        {"lat": 52.52},
        {"lat": 52.52, "radius_km": 10},
        {"radius_km": 10},
        {"lat": 52.52, "lng": 13.405, "radius_km": 501},
        {"lat": 52.52, "lng": 13.405, "radius_km": 0},
        {"lat": 91, "lng": 13.405, "radius_km": 10},
        {"lat": 52.52, "lng": 181, "radius_km": 10},
        {"lat": "north", "lng": 13.405, "radius_km": 10},
    ],
)
def test_bad_radius_searches_are_refused(params):
    JobFactory()

    response = APIClient().get(LIST_URL, params)

    assert_error(response, 400, "validation_error")


def test_filter_salary_in_the_base_currency_and_monthly_and_hourly_pay():
    # given
    base = settings.BASE_CURRENCY
    yearly = salaried(60000, 80000, base)
    monthly = salaried(3000, 4000, base, "month")  # 36,000..48,000 a year
    hourly = salaried(50, 50, base, "hour")  # 104,000 a year
    JobFactory()  # no salary

    # then
    assert found({"salary_min": 70000}) == {yearly.pk, hourly.pk}
    assert found({"salary_min": 45000, "salary_max": 50000}) == {monthly.pk}
    assert found({"salary_max": 60000}) == {yearly.pk, monthly.pk}
    assert found({"salary_min": 100000}) == {hourly.pk}
    assert found({"salary_min": 200000}) == set()


def test_filter_salary_converts_the_filter_currency():
    # given: a job paid in EUR, a filter in USD, compared through the configured rates
    eur_job = salaried(50000, 60000, "EUR")
    eur_max_in_usd = convert(60000, "EUR", "USD")
    eur_min_in_usd = convert(50000, "EUR", "USD")
    usd_job = salaried(int(eur_max_in_usd) + 10000, int(eur_max_in_usd) + 20000, "USD")

    # then: salary_min compares with the top of the range, salary_max with its bottom
    assert found({"salary_min": int(eur_max_in_usd) - 50, "salary_currency": "USD"}) == {eur_job.pk, usd_job.pk}
    assert found({"salary_min": int(eur_max_in_usd) + 50, "salary_currency": "USD"}) == {usd_job.pk}
    assert found({"salary_max": int(eur_min_in_usd) + 50, "salary_currency": "usd"}) == {eur_job.pk}
    assert found({"salary_max": int(eur_min_in_usd) - 50, "salary_currency": "USD"}) == set()
    # the same range asked in EUR
    assert found({"salary_min": 59950, "salary_currency": "EUR"}) == {eur_job.pk, usd_job.pk}
    assert found({"salary_min": 60050, "salary_max": 60100, "salary_currency": "EUR"}) == set()


def test_a_salary_posted_through_the_api_is_found_in_another_currency(employer, client_for):
    # given: an employer posts a monthly EUR salary and publishes
    client = client_for(employer)
    company = CompanyFactory(owner=employer)
    payload = {
        "company": company.pk,
        "title": "Site Reliability Engineer",
        "description": "Keep it up.",
        "employment_type": "full_time",
        "city": "Berlin",
        "country": "DE",
        "salary_min": "4000",
        "salary_max": "5000",
        "salary_currency": "eur",
        "salary_period": "month",
    }
    created = client.post(LIST_URL, payload, format="json")
    assert created.status_code == 201, created.content
    job_id = created.json()["id"]
    assert client.post(f"{LIST_URL}{job_id}/publish/").status_code == 200
    yearly_max_usd = convert(5000 * 12, "EUR", "USD")

    # then
    assert created.json()["salary"]["currency"] == "EUR"
    assert created.json()["salary"]["yearly_max_base"] == salary_to_yearly_base(5000, "EUR", "month")
    assert job_id in found({"salary_min": int(yearly_max_usd) - 10, "salary_currency": "USD"})
    assert job_id not in found({"salary_min": int(yearly_max_usd) + 10, "salary_currency": "USD"})


@pytest.mark.parametrize("params", [{"salary_min": "1e30"}, {"salary_max": "1e30"}, {"salary_min": "1e20"}])
def test_absurd_salaries_find_nothing_rather_than_failing(params):
    salaried(50000, 60000, settings.BASE_CURRENCY)

    response = APIClient().get(LIST_URL, params)

    assert response.status_code == 200, response.content
    assert ("salary_max" in params) == bool(response.json()["results"])


def test_filter_salary_with_an_unknown_currency_is_refused():
    response = APIClient().get(LIST_URL, {"salary_min": 1000, "salary_currency": "XXX"})

    body = assert_error(response, 400, "validation_error")
    assert "salary_currency" in body["details"]


def test_filter_posted_within_days():
    recent = JobFactory(published_at=timezone.now() - timedelta(days=1))
    older = JobFactory(published_at=timezone.now() - timedelta(days=10))

    assert found({"posted_within": 7}) == {recent.pk}
    assert found({"posted_within": 30}) == {recent.pk, older.pk}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"employment_type": "bogus"}, "employment_type"),
        ({"employment_type": "full_time,bogus"}, "employment_type"),
        ({"experience_level": "guru"}, "experience_level"),
        ({"remote_type": "moon"}, "remote_type"),
        ({"category": "not a slug"}, "category"),
        ({"industry": "a/b"}, "industry"),
        ({"company": "abc"}, "company"),
        ({"posted_within": "week"}, "posted_within"),
        ({"salary_min": "lots"}, "salary_min"),
        ({"country": "DEU"}, "country"),
        ({"country": "XX"}, "country"),  # no country's code
        ({"country": "uk"}, "country"),  # the United Kingdom is GB
        ({"remote_country": "XX"}, "remote_country"),
    ],
)
def test_bad_filter_values_are_refused(params, field):
    response = APIClient().get(LIST_URL, params)

    body = assert_error(response, 400, "validation_error")
    assert field in body["details"]


def test_filters_combine():
    # given
    javascript = SkillFactory(name="JavaScript", aliases=["js"])
    root = CategoryFactory(name="Engineering")
    web = CategoryFactory(name="Web", parent=root)
    base = settings.BASE_CURRENCY
    good = {
        "title": "Frontend Engineer",
        "category": web,
        "employment_type": "full_time",
        "experience_level": "senior",
        "latitude": CHARLOTTENBURG[0],
        "longitude": CHARLOTTENBURG[1],
        "published_at": timezone.now() - timedelta(days=1),
    }
    match = salaried(70000, 90000, base, **good)
    JobSkillFactory(job=match, skill=javascript)
    # each of these misses exactly one condition
    near_misses = [
        salaried(70000, 90000, base, **(good | {"employment_type": "contract"})),
        salaried(70000, 90000, base, **(good | {"experience_level": "mid"})),
        salaried(70000, 90000, base, **(good | {"category": CategoryFactory()})),
        salaried(70000, 90000, base, **(good | {"latitude": HAMBURG[0], "longitude": HAMBURG[1]})),
        salaried(70000, 90000, base, **(good | {"title": "Data Engineer"})),
        salaried(70000, 90000, base, **(good | {"published_at": timezone.now() - timedelta(days=5)})),
        salaried(30000, 40000, base, **good),
    ]
    for job in near_misses:
        JobSkillFactory(job=job, skill=javascript)
    without_skill = salaried(70000, 90000, base, **good)
    params = {
        "q": "frontend",
        "category": root.pk,
        "skills": "js",
        "employment_type": "full_time,part_time",
        "experience_level": "senior,lead",
        "country": "DE",
        "lat": BERLIN[0],
        "lng": BERLIN[1],
        "radius_km": 20,
        "salary_min": 60000,
        "posted_within": 3,
    }

    # then
    assert listed(params) == [match.pk]
    params.pop("skills")
    assert found(params) == {match.pk, without_skill.pk}
    params["employment_type"] = "full_time,contract"
    assert found(params) == {match.pk, without_skill.pk, near_misses[0].pk}


# --- sorts -------------------------------------------------------------------------------------


def test_sorts():
    # given
    now = timezone.now()
    base = settings.BASE_CURRENCY
    old_featured = salaried(
        10000,
        20000,
        base,
        published_at=now - timedelta(days=9),
        is_featured=True,
        featured_until=now + timedelta(days=1),
    )
    newest = salaried(30000, 40000, base, published_at=now - timedelta(hours=1))
    middle = salaried(90000, 120000, base, published_at=now - timedelta(days=3))
    oldest = JobFactory(published_at=now - timedelta(days=20))

    # then
    assert listed() == [old_featured.pk, newest.pk, middle.pk, oldest.pk]
    assert listed({"sort": "featured"}) == [old_featured.pk, newest.pk, middle.pk, oldest.pk]
    assert listed({"sort": "newest"}) == [newest.pk, middle.pk, old_featured.pk, oldest.pk]
    assert listed({"sort": "oldest"}) == [oldest.pk, old_featured.pk, middle.pk, newest.pk]
    assert listed({"sort": "salary"}) == [middle.pk, newest.pk, old_featured.pk, oldest.pk]
    response = APIClient().get(LIST_URL)
    assert response.json()["results"][0]["is_featured"] is True


# --- pagination --------------------------------------------------------------------------------


def follow(url: str, client: APIClient) -> dict:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.parametrize("words", ["", "&q=engineer"])  # with words, the search answers (answered_by_search)
@pytest.mark.parametrize("sort", ["featured", "newest", "oldest", "salary"])
def test_cursor_pages_neither_repeat_nor_skip_while_jobs_are_inserted(sort, words):
    # given: 25 jobs with distinct dates and a few equal salaries (ties are broken by id)
    now = timezone.now()
    base = settings.BASE_CURRENCY
    originals = [
        salaried(1000 * (i % 4 + 1), 1000 * (i % 4 + 1), base, published_at=now - timedelta(hours=i + 1))
        for i in range(25)
    ]
    originals[7].is_featured = True
    originals[7].featured_until = now + timedelta(days=1)
    originals[7].save(update_fields=["is_featured", "featured_until"])
    client = APIClient()
    seen: list[int] = []

    # when: page through, inserting jobs (newer, richer, some featured) between fetches
    page = follow(f"{LIST_URL}?sort={sort}&page_size=10{words}", client)
    pages = 1
    while True:
        seen += [row["id"] for row in page["results"]]
        for extra in range(3):
            salaried(
                500 + extra,
                99999,
                base,
                published_at=timezone.now() + timedelta(minutes=extra),
                is_featured=extra == 0,
                featured_until=now + timedelta(days=1),
            )
        if page["next"] is None:
            break
        page = follow(page["next"], client)
        pages += 1
        assert pages < 20

    # then
    assert len(seen) == len(set(seen)), "a job appeared twice"
    assert {job.pk for job in originals} <= set(seen), "a job was skipped"


@pytest.mark.parametrize("words", ["", "&q=engineer&sort=newest"])  # with words, the search answers
def test_previous_link_returns_the_previous_page(words):
    # given
    now = timezone.now()
    for i in range(25):
        JobFactory(published_at=now - timedelta(minutes=i))
    client = APIClient()

    # when
    first = follow(f"{LIST_URL}?page_size=10{words}", client)
    second = follow(first["next"], client)
    third = follow(second["next"], client)
    back_to_second = follow(third["previous"], client)
    back_to_first = follow(back_to_second["previous"], client)

    # then
    assert first["previous"] is None
    assert len(third["results"]) == 5
    assert third["next"] is None
    assert back_to_second["results"] == second["results"]
    assert back_to_first["results"] == first["results"]
    assert back_to_first["previous"] is None
    assert follow(back_to_first["next"], client)["results"] == second["results"]


@pytest.mark.parametrize("cursor", ["garbage", "eyJ2IjpbXX0", "e30", "!!!", "eyJ2IjpbIngiLCJ5IiwieiJdLCJiIjpmYWxzZX0"])
def test_an_invalid_cursor_answers_404(cursor):
    JobFactory()

    response = APIClient().get(LIST_URL, {"cursor": cursor})

    assert_error(response, 404)


def test_a_cursor_of_another_sort_answers_404_not_500():
    JobFactory.create_batch(3)
    cursor_of_newest = parse_qs(urlparse(follow(f"{LIST_URL}?sort=newest&page_size=1", APIClient())["next"]).query)

    response = APIClient().get(LIST_URL, {"sort": "featured", "cursor": cursor_of_newest["cursor"][0]})

    assert_error(response, 404)


def test_numbered_pages_give_a_count():
    # given
    now = timezone.now()
    jobs = [JobFactory(published_at=now - timedelta(minutes=i)) for i in range(25)]

    # when
    response = APIClient().get(LIST_URL, {"page": 2, "page_size": 10, "sort": "newest"})

    # then
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == 25
    assert [row["id"] for row in body["results"]] == [job.pk for job in jobs[10:20]]
    assert body["next"] is not None and body["previous"] is not None
    assert body["count_exact"] is True  # every match read: fewer than the search reads
    past_the_end = APIClient().get(LIST_URL, {"page": 9, "page_size": 10}).json()
    assert past_the_end == {"count": 25, "count_exact": True, "next": None, "previous": None, "results": []}


def test_numbered_pages_of_many_jobs_estimate_their_count_and_still_reach_every_job(settings):
    """The count of numbered pages is the search's: estimated from the newest matches when more match (counting
    760,000 listed jobs took 1.3 s), each page still read in the list's order."""
    settings.SEARCH_CANDIDATES = 3
    now = timezone.now()
    jobs = [JobFactory(published_at=now - timedelta(minutes=i)) for i in range(10)]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_jobdocument")

    pages = [APIClient().get(LIST_URL, {"page": n, "page_size": 4, "sort": "newest"}).json() for n in (1, 2, 3)]

    assert pages[0]["count_exact"] is False and pages[0]["count"] >= 3
    assert [row["id"] for page in pages for row in page["results"]] == [job.pk for job in jobs]
    assert pages[1]["next"] is not None and pages[2]["next"] is None


@pytest.mark.parametrize("params", [{}, {"sort": "newest"}, {"page": 1}, {"q": "engineer", "sort": "salary"}])
def test_the_list_finds_jobs_near_a_place_in_every_order_and_pagination(params):
    berlin = JobFactory(title="Engineer", city="Berlin", country="DE", latitude=52.52, longitude=13.40)
    JobFactory(title="Engineer", city="Lagos", country="NG", latitude=6.45, longitude=3.39)

    response = APIClient().get(LIST_URL, {"near": "Berlin", **params})

    assert response.status_code == 200, response.content
    assert [row["id"] for row in response.json()["results"]] == [berlin.pk]


def test_page_size_is_capped_at_100():
    # given
    company = CompanyFactory()
    JobFactory.create_batch(105, company=company)

    # when
    cursor_page = APIClient().get(LIST_URL, {"page_size": 100})
    numbered = APIClient().get(LIST_URL, {"page_size": 100, "page": 1})

    # then
    assert len(cursor_page.json()["results"]) == 100
    assert cursor_page.json()["next"] is not None
    assert len(numbered.json()["results"]) == 100
    assert numbered.json()["count"] == 105
    for params in ({"page_size": 101}, {"page_size": 500, "page": 1}, {"page_size": 0}, {"page_size": "ten"}):
        body = assert_error(APIClient().get(LIST_URL, params), 400, "validation_error")
        assert "page_size" in body["details"]


# --- detail views and similar jobs -------------------------------------------------------------


def test_one_view_per_viewer_per_day(client_for):
    # given
    job = JobFactory()
    viewer = client_for(SeekerFactory())

    # when
    assert viewer.get(detail_url(job)).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        again = viewer.get(detail_url(job))

    # then: the repeat wrote nothing (it was served whole from the cache)
    assert again.status_code == 200
    assert not [q["sql"] for q in queries.captured_queries if "jobs_jobview" in q["sql"].lower()]
    assert not [
        q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "WITH"))
    ]
    job.refresh_from_db()
    assert job.views_count == 1

    # when: the cache forgets, the database still knows
    cache.clear()
    viewer.get(detail_url(job))
    job.refresh_from_db()
    assert job.views_count == 1

    # when: someone else looks
    client_for(SeekerFactory()).get(detail_url(job))
    APIClient().get(detail_url(job))

    # then
    job.refresh_from_db()
    assert job.views_count == 3
    assert JobView.objects.filter(job=job).count() == 3


def test_a_job_not_taking_applications_counts_no_views(client_for, employer):
    company = CompanyFactory(owner=employer)
    draft = JobFactory(company=company, status=JobStatus.DRAFT, published_at=None)
    closed = JobFactory(status=JobStatus.CLOSED)

    client_for(employer).get(detail_url(draft))
    APIClient().get(detail_url(closed))

    assert not JobView.objects.exists()


def test_similar_jobs_share_the_category_or_skills():
    # given
    category, other_category = CategoryFactory(), CategoryFactory()
    python, django = SkillFactory(name="Python"), SkillFactory(name="Django")
    job = JobFactory(category=category)
    JobSkillFactory(job=job, skill=python)
    JobSkillFactory(job=job, skill=django)
    same_category = JobFactory(category=category)
    one_skill = JobSkillFactory(skill=python, job=JobFactory(category=other_category)).job
    both_skills = JobFactory(category=other_category)
    JobSkillFactory(job=both_skills, skill=python)
    JobSkillFactory(job=both_skills, skill=django)
    JobFactory(category=other_category)  # unrelated
    JobFactory(category=category, status=JobStatus.DRAFT, published_at=None)  # not listed

    # when
    response = APIClient().get(detail_url(job, "similar/"))

    # then: best overlap first, never the job itself
    assert response.status_code == 200, response.content
    similar = [row["id"] for row in response.json()]
    assert similar[0] == both_skills.pk
    assert set(similar) == {both_skills.pk, one_skill.pk, same_category.pk}


def test_similar_jobs_rank_the_newest_candidates_and_take_in_subcategories(monkeypatch):
    """Of the newest SIMILAR_CANDIDATES jobs sharing the category (or one below it) or a skill, the most skills
    shared first: an older job sharing more is not among them."""
    from nexus.search import similar as similar_module

    # given
    parent = CategoryFactory()
    child = CategoryFactory(parent=parent)
    python, django = SkillFactory(name="Python"), SkillFactory(name="Django")
    now = timezone.now()
    job = JobFactory(category=parent, published_at=now - timedelta(days=30))
    JobSkillFactory(job=job, skill=python)
    JobSkillFactory(job=job, skill=django)
    old_both = JobFactory(category=CategoryFactory(), published_at=now - timedelta(days=20))
    JobSkillFactory(job=old_both, skill=python)
    JobSkillFactory(job=old_both, skill=django)
    in_child = JobFactory(category=child, published_at=now - timedelta(days=2))
    one_skill = JobSkillFactory(skill=python, job=JobFactory(category=None, published_at=now - timedelta(days=1))).job

    # when: every candidate, then the newest two only
    every = [row["id"] for row in APIClient().get(detail_url(job, "similar/")).json()]
    monkeypatch.setattr(similar_module, "SIMILAR_CANDIDATES", 2)
    newest = [row["id"] for row in APIClient().get(detail_url(job, "similar/")).json()]

    # then
    assert every == [old_both.pk, one_skill.pk, in_child.pk]
    assert newest == [one_skill.pk, in_child.pk]


def test_similar_jobs_run_a_constant_number_of_queries():
    category = CategoryFactory()
    job = rich_job(category=category)

    def queries(similar: int) -> int:
        for _ in range(similar - len(APIClient().get(detail_url(job, "similar/")).json())):
            rich_job(category=category)
        with CaptureQueriesContext(connection) as captured:
            response = APIClient().get(detail_url(job, "similar/"))
        assert len(response.json()) == similar
        return len(captured.captured_queries)

    assert queries(2) == queries(9)


def test_similar_jobs_of_a_job_without_skills():
    category = CategoryFactory()
    job = JobFactory(category=category)
    same = JobFactory(category=category)
    JobFactory()

    response = APIClient().get(detail_url(job, "similar/"))

    assert response.status_code == 200, response.content
    assert [row["id"] for row in response.json()] == [same.pk]


def test_similar_jobs_of_a_job_without_category_or_skills_is_empty():
    job = JobFactory(category=None)
    JobFactory(category=None)

    response = APIClient().get(detail_url(job, "similar/"))

    assert response.status_code == 200
    assert response.json() == []


def test_similar_jobs_of_a_hidden_job_answer_404():
    draft = JobFactory(status=JobStatus.DRAFT, published_at=None)

    assert_error(APIClient().get(detail_url(draft, "similar/")), 404)


# --- query counts ------------------------------------------------------------------------------


def rich_job(**fields) -> Job:
    """A job with everything a representation may read: company, category, industry, skills."""
    defaults = {"company": CompanyFactory(), "category": CategoryFactory(), "industry": IndustryFactory()}
    job = JobFactory(**(defaults | fields))
    JobSkillFactory(job=job)
    JobSkillFactory(job=job, requirement="nice_to_have")
    return job


def count_queries(client: APIClient, url: str, expected_rows: int, params: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"page_size": 50, **(params or {})})
    assert response.status_code == 200, response.content
    assert len(response.json()["results"]) == expected_rows
    return len(queries.captured_queries)


ENDPOINTS = ["list", "featured", "trending", "company", "employer", "saved", "moderation"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_list_endpoints_run_a_constant_number_of_queries(endpoint, client_for):
    # given
    employer, seeker = EmployerFactory(), SeekerFactory()
    company = CompanyFactory(owner=employer)
    statuses = [JobStatus.PUBLISHED, JobStatus.DRAFT, JobStatus.CLOSED, JobStatus.ARCHIVED]

    def add(count: int, start: int) -> None:
        for i in range(start, start + count):
            if endpoint == "list":
                rich_job()
            elif endpoint == "featured":
                rich_job(is_featured=True, featured_until=timezone.now() + timedelta(days=1))
            elif endpoint == "trending":
                rich_job(trending_score=float(i + 1))
            elif endpoint == "company":
                rich_job(company=company)
            elif endpoint == "employer":
                rich_job(company=company, status=statuses[i % 4])
            elif endpoint == "moderation":
                rich_job(moderation_status="pending")
            else:
                SavedJob.objects.create(user=seeker, job=rich_job())

    url = {
        "list": LIST_URL,
        "featured": "/api/v1/jobs/featured/",
        "trending": "/api/v1/jobs/trending/",
        "company": f"/api/v1/companies/{company.pk}/jobs/",
        "employer": "/api/v1/employer/jobs/",
        "saved": "/api/v1/me/saved-jobs/",
        "moderation": "/api/v1/jobs/moderation/",
    }[endpoint]
    clients = {"employer": employer, "saved": seeker, "moderation": AdminFactory()}
    client = client_for(clients[endpoint]) if endpoint in clients else APIClient()
    add(3, 0)
    client.get(url)  # warm-up: sessions, content types, caches

    # when
    with_3 = count_queries(client, url, 3)
    add(22, 3)
    with_25 = count_queries(client, url, 25)

    # then
    assert with_3 == with_25


def test_list_with_filters_runs_a_constant_number_of_queries():
    skill = SkillFactory(name="Rust", aliases=["rs"])
    root = CategoryFactory()

    def add(count: int) -> None:
        for _ in range(count):
            job = rich_job(category=CategoryFactory(parent=root))
            JobSkillFactory(job=job, skill=skill)

    params = {"skills": "rs", "category": root.pk, "lat": 52.52, "lng": 13.405, "radius_km": 50, "salary_min": 0}
    add(3)
    client = APIClient()
    client.get(LIST_URL, params)

    with_3 = count_queries(client, LIST_URL, 3, params)
    add(22)
    client.get(LIST_URL, {"page_size": 25, **params})  # their list items built under another URL, as the first 3 were
    with_25 = count_queries(client, LIST_URL, 25, params)

    assert with_3 == with_25


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["remote_type=", "employment_type=,", "experience_level=mid,,senior"])
def test_empty_choices_in_a_list_filter_are_refused(query):
    body = assert_error(APIClient().get(f"{LIST_URL}?{query}"), 400, "validation_error")
    assert query.split("=")[0] in body["details"]


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["", "0", "two", "-1", "%C2%B2", "100001"])  # %C2%B2: "²", a digit to isdigit
def test_a_bad_page_number_is_refused(page):
    body = assert_error(APIClient().get(f"{LIST_URL}?page={page}"), 400, "validation_error")
    assert "page" in body["details"]


@pytest.mark.django_db
@pytest.mark.parametrize("size", ["0", "101", "%C2%B2", "1.5"])
def test_a_bad_page_size_is_refused(size):
    body = assert_error(APIClient().get(f"{LIST_URL}?page_size={size}"), 400, "validation_error")
    assert "page_size" in body["details"]


def test_an_empty_sort_is_refused(api_client):
    body = assert_error(api_client.get("/api/v1/jobs/?sort="), 400)
    assert "sort" in body["details"]


@pytest.mark.parametrize("name", ["industry", "category", "salary_min", "posted_within", "company", "city"])
def test_a_filter_given_empty_is_refused(api_client, name):
    body = assert_error(api_client.get(f"/api/v1/jobs/?{name}="), 400)
    assert name in body["details"]


def test_an_empty_search_box_lists_as_without_it(api_client):
    assert api_client.get("/api/v1/jobs/?q=").status_code == 200


def test_the_filter_form_class_is_made_once_per_set_of_filters_and_each_form_validates_its_own_data():
    from django.http import QueryDict

    from nexus.jobs.filters import JobFilter

    wrong = JobFilter(data=QueryDict("employment_type=bogus"), queryset=Job.objects.all())
    right = JobFilter(data=QueryDict("employment_type=full_time"), queryset=Job.objects.all())
    assert type(wrong.form) is type(right.form)
    assert wrong.form.fields["employment_type"] is not right.form.fields["employment_type"]
    assert not wrong.is_valid() and "employment_type" in wrong.errors
    assert right.is_valid() and right.form.cleaned_data["employment_type"] == ["full_time"]


def test_a_filter_set_builds_only_the_filters_the_request_names(monkeypatch):
    """The filters and form fields of a request's filter set are those it names (a parameter starting with a
    filter's name may be its): the others filter nothing. Past FORM_CLASSES_KEPT sets of names, form classes are
    made per request, not kept."""
    from django.http import QueryDict

    from nexus.core import filters
    from nexus.jobs.filters import JobFilter

    def built(query: str) -> JobFilter:
        return JobFilter(data=QueryDict(query), queryset=Job.objects.all())

    monkeypatch.setattr(JobFilter, "_form_classes", {})  # none kept by earlier requests: room for these
    named = built("country=de&salary_min=40000&page=2")
    assert set(named.filters) == set(named.form.fields) == {"country", "salary_min"}
    assert named.is_valid() and named.form.cleaned_data == {"country": "DE", "salary_min": 40000}
    assert set(built("").filters) == set() and set(JobFilter(queryset=Job.objects.all()).filters) == set(
        JobFilter.base_filters
    )  # unbound: every filter, as django-filter builds it
    assert type(built("country=fr&salary_min=1").form) is type(named.form)
    assert type(built("country=fr").form) is not type(named.form)
    JobFilter._form_classes.clear()  # type: ignore[attr-defined]
    monkeypatch.setattr(filters, "FORM_CLASSES_KEPT", 1)
    assert type(built("city=paris").form) is type(built("city=lyon").form)  # the one kept
    assert type(built("industry=1").form) is not type(built("industry=2").form)
