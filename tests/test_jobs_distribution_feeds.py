"""Distribution: JobPosting JSON-LD, the RSS 2.0 feed and the Indeed XML feed."""

import json
import xml.etree.ElementTree as ET
from datetime import timedelta
from decimal import Decimal

import feedparser
import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nexus.jobs import feeds
from nexus.jobs.feeds import JOB_NAMESPACE, cdata
from nexus.jobs.jsonld import job_posting_jsonld

from .conftest import assert_error
from .factories import CategoryFactory, CompanyFactory, JobFactory

pytestmark = pytest.mark.django_db

NASTY_TITLE = 'R&D <Lead> "Platform" ]]> engineer\'s job'
CHINESE = "高级软件工程师"
AMHARIC = "የሶፍትዌር መሐንዲስ"
GOOGLE_REQUIRED = {"@context", "@type", "title", "description", "datePosted", "hiringOrganization"}


def jsonld(api_client, job):
    response = api_client.get(f"/api/v1/jobs/{job.slug}/jsonld/")
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/ld+json")
    return json.loads(response.content)


def parse_xml(content: bytes | str) -> ET.Element:
    """Well-formed XML, or a ParseError (the documents are our own output, so the stdlib parser is fine)."""
    return ET.fromstring(content)  # noqa: S314


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def check_google_job_posting(doc: dict) -> None:
    """Google for Jobs' required properties and the shapes it expects."""
    assert set(doc) >= GOOGLE_REQUIRED, doc
    assert doc["@context"].rstrip("/") in ("https://schema.org", "http://schema.org")
    assert doc["@type"] == "JobPosting"
    assert isinstance(doc["title"], str) and doc["title"]
    assert isinstance(doc["description"], str) and doc["description"].startswith("<")
    timezone.datetime.fromisoformat(doc["datePosted"])
    org = doc["hiringOrganization"]
    assert org["@type"] == "Organization" and org["name"]
    assert "jobLocation" in doc or (
        doc.get("jobLocationType") == "TELECOMMUTE" and doc.get("applicantLocationRequirements")
    )
    if "jobLocation" in doc:
        assert doc["jobLocation"]["@type"] == "Place"
        assert doc["jobLocation"]["address"]["@type"] == "PostalAddress"
        assert doc["jobLocation"]["address"]["addressCountry"]
    if "validThrough" in doc:
        timezone.datetime.fromisoformat(doc["validThrough"])
    if "baseSalary" in doc:
        salary = doc["baseSalary"]
        assert salary["@type"] == "MonetaryAmount" and len(salary["currency"]) == 3
        value = salary["value"]
        assert value["@type"] == "QuantitativeValue"
        assert "value" in value or ("minValue" in value and "maxValue" in value)
        assert value.get("unitText", "YEAR") in {"HOUR", "DAY", "WEEK", "MONTH", "YEAR"}
    assert doc["identifier"]["@type"] == "PropertyValue"
    assert doc["directApply"] is True


# --- JSON-LD ---


def test_jsonld_of_an_onsite_job_has_googles_fields(api_client):
    company = CompanyFactory(name="Acme & Sons", website="https://acme.example.com")
    deadline = timezone.now() + timedelta(days=10)
    job = JobFactory(
        company=company,
        title=NASTY_TITLE,
        description="Line one & two\n\nSecond <para>",
        requirements="Python",
        city="Berlin",
        region="BE",
        postal_code="10115",
        country="DE",
        employment_type="full_time",
        salary_min=Decimal("60000"),
        salary_max=Decimal("80000.50"),
        salary_currency="EUR",
        salary_period="year",
        application_deadline=deadline,
    )
    doc = jsonld(api_client, job)
    check_google_job_posting(doc)
    assert doc["title"] == NASTY_TITLE
    assert "&lt;para&gt;" in doc["description"] and "<h3>Requirements</h3>" in doc["description"]
    assert doc["employmentType"] == "FULL_TIME"
    assert doc["hiringOrganization"] == {
        "@type": "Organization",
        "name": "Acme & Sons",
        "sameAs": "https://acme.example.com",
    }
    assert doc["jobLocation"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Berlin",
        "addressRegion": "BE",
        "postalCode": "10115",
        "addressCountry": "DE",
    }
    assert "jobLocationType" not in doc
    assert timezone.datetime.fromisoformat(doc["validThrough"]) == deadline
    assert doc["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": {"@type": "QuantitativeValue", "minValue": 60000, "maxValue": 80000.5, "unitText": "YEAR"},
    }
    assert doc["identifier"] == {"@type": "PropertyValue", "name": "Acme & Sons", "value": str(job.reference)}
    assert doc["url"] == f"{settings.FRONTEND_URL}/jobs/{job.slug}"


def test_jsonld_by_id_too(api_client):
    job = JobFactory()
    response = api_client.get(f"/api/v1/jobs/{job.pk}/jsonld/")
    assert response.status_code == 200
    assert json.loads(response.content)["identifier"]["value"] == str(job.reference)


def test_jsonld_of_a_remote_job_is_telecommute_with_countries(api_client):
    job = JobFactory(
        remote_type="remote",
        city="",
        country="",
        latitude=None,
        longitude=None,
        remote_countries=["ET", "KE"],
        employment_type="freelance",
        salary_min=Decimal("40"),
        salary_max=Decimal("40"),
        salary_currency="usd",
        salary_period="hour",
        title=AMHARIC,
    )
    doc = jsonld(api_client, job)
    check_google_job_posting(doc)
    assert doc["title"] == AMHARIC
    assert "jobLocation" not in doc
    assert doc["jobLocationType"] == "TELECOMMUTE"
    assert doc["applicantLocationRequirements"] == [
        {"@type": "Country", "name": "ET"},
        {"@type": "Country", "name": "KE"},
    ]
    assert doc["employmentType"] == "CONTRACTOR"
    assert doc["baseSalary"]["currency"] == "USD"
    assert doc["baseSalary"]["value"] == {"@type": "QuantitativeValue", "value": 40, "unitText": "HOUR"}
    assert "validThrough" not in doc


@pytest.mark.parametrize(
    ("ours", "google"),
    [
        ("full_time", "FULL_TIME"),
        ("part_time", "PART_TIME"),
        ("contract", "CONTRACTOR"),
        ("temporary", "TEMPORARY"),
        ("internship", "INTERN"),
        ("freelance", "CONTRACTOR"),
    ],
)
def test_employment_types_map_to_googles(ours, google):
    job = JobFactory(employment_type=ours)
    assert job_posting_jsonld(job, request=None)["employmentType"] == google


def test_jsonld_of_a_closed_or_expired_job_is_gone(api_client):
    closed = JobFactory(status="closed", closed_at=timezone.now())
    expired = JobFactory(application_deadline=timezone.now() - timedelta(minutes=1))
    for job in (closed, expired):
        assert_error(api_client.get(f"/api/v1/jobs/{job.slug}/jsonld/"), 410, "job_closed")


@pytest.mark.parametrize(
    "overrides",
    [
        {"status": "draft", "published_at": None},
        {"status": "archived"},
        {"moderation_status": "pending"},
        {"moderation_status": "rejected"},
    ],
)
def test_jsonld_of_a_non_public_job_is_not_found(api_client, overrides):
    job = JobFactory(**overrides)
    assert_error(api_client.get(f"/api/v1/jobs/{job.slug}/jsonld/"), 404)


def test_jsonld_of_a_job_of_a_held_company_is_not_found(api_client):
    job = JobFactory(company=CompanyFactory(moderation_status="pending"))
    assert_error(api_client.get(f"/api/v1/jobs/{job.slug}/jsonld/"), 404)


def test_jsonld_of_a_draft_is_not_found_even_for_its_company(client_for, employer):
    job = JobFactory(company=CompanyFactory(owner=employer), status="draft", published_at=None)
    assert_error(client_for(employer).get(f"/api/v1/jobs/{job.slug}/jsonld/"), 404)


# --- feeds: shared fixtures ---


@pytest.fixture
def feed_jobs():
    category = CategoryFactory(name="Engineering & Ops")
    listed = {
        "nasty": JobFactory(
            title=NASTY_TITLE,
            description="Uses ]]> and <b>tags</b> & ampersands\x01",
            category=category,
            employment_type="contract",
            salary_min=Decimal("1000"),
            salary_max=Decimal("2000"),
            salary_currency="ETB",
            salary_period="month",
            region="Addis",
            postal_code="1000",
        ),
        "chinese": JobFactory(title=CHINESE, description=CHINESE, city="上海", country="CN"),
        "amharic": JobFactory(title=AMHARIC, description=AMHARIC, remote_type="remote", city="አዲስ አበባ", country="ET"),
    }
    hidden = [
        JobFactory(title="Hidden draft", status="draft", published_at=None),
        JobFactory(title="Hidden held", moderation_status="pending"),
        JobFactory(title="Hidden closed", status="closed"),
        JobFactory(title="Hidden archived", status="archived"),
        JobFactory(title="Hidden expired", application_deadline=timezone.now() - timedelta(seconds=1)),
        JobFactory(title="Hidden company", company=CompanyFactory(moderation_status="pending")),
    ]
    return listed, hidden


# --- RSS ---


def test_rss_feed_is_well_formed_and_lists_only_listed_jobs(api_client, feed_jobs):
    listed, hidden = feed_jobs
    response = api_client.get("/api/v1/jobs/feed.rss", HTTP_ACCEPT="application/rss+xml")
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"].startswith("application/rss+xml")
    content = body(response)

    root = parse_xml(content)  # well-formed
    assert root.tag == "rss" and root.get("version") == "2.0"
    items = root.findall("./channel/item")
    titles = {item.findtext("title") for item in items}
    assert titles == {job.title for job in listed.values()}
    assert not titles & {job.title for job in hidden}

    nasty = next(item for item in items if item.findtext("title") == NASTY_TITLE)
    ns = {"job": JOB_NAMESPACE}
    job = listed["nasty"]
    assert nasty.findtext("link") == f"{settings.FRONTEND_URL}/jobs/{job.slug}"
    assert nasty.findtext("guid") == f"urn:uuid:{job.reference}"
    # The description is HTML (the stored text escaped), carried in CDATA; a control character is dropped.
    assert nasty.findtext("description") == "<p>Uses ]]&gt; and &lt;b&gt;tags&lt;/b&gt; &amp; ampersands</p>"
    assert nasty.findtext("category") == "Engineering & Ops"
    assert nasty.findtext("job:company", namespaces=ns) == job.company.name
    assert nasty.findtext("job:employmentType", namespaces=ns) == "contract"
    assert nasty.findtext("job:category", namespaces=ns) == "Engineering & Ops"
    assert nasty.findtext("job:location", namespaces=ns) == "Berlin, Addis, DE"
    assert nasty.findtext("job:postalCode", namespaces=ns) == "1000"
    salary = nasty.find("job:salary", ns)
    assert salary is not None
    assert salary.attrib == {"min": "1000.00", "max": "2000.00", "currency": "ETB", "period": "month"}
    assert salary.text == "1000-2000 ETB per month"

    parsed = feedparser.parse(content)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "rss20"
    assert {entry.title for entry in parsed.entries} == {job.title for job in listed.values()}
    for entry in parsed.entries:
        assert entry.link.startswith(settings.FRONTEND_URL)
        assert entry.published_parsed is not None


def test_rss_feed_follows_the_list_filters(api_client, feed_jobs):
    root = parse_xml(body(api_client.get("/api/v1/jobs/feed.rss?employment_type=contract")))
    assert [item.findtext("title") for item in root.iter("item")] == [NASTY_TITLE]

    root = parse_xml(body(api_client.get("/api/v1/jobs/feed.rss?remote_type=remote&country=et")))
    assert [item.findtext("title") for item in root.iter("item")] == [AMHARIC]

    root = parse_xml(body(api_client.get(f"/api/v1/jobs/feed.rss?q={CHINESE}")))
    assert [item.findtext("title") for item in root.iter("item")] == [CHINESE]


def test_rss_feed_reads_a_salary_typed_in_q_as_the_list_does(api_client):
    """`q=python 100k`: Python jobs paying up to 100,000 or more (search/amounts.py), where it found none."""
    JobFactory(title="Python Developer", salary_yearly_min=90_000, salary_yearly_max=120_000)
    JobFactory(title="Junior Python Developer", salary_yearly_min=40_000, salary_yearly_max=60_000)
    JobFactory(title="Nurse", salary_yearly_min=100_000, salary_yearly_max=130_000)
    root = parse_xml(body(api_client.get("/api/v1/jobs/feed.rss", {"q": "python 100k"})))
    assert [item.findtext("title") for item in root.iter("item")] == ["Python Developer"]


def test_rss_feed_is_newest_first(api_client):
    now = timezone.now()
    old = JobFactory(published_at=now - timedelta(days=2))
    new = JobFactory(published_at=now - timedelta(hours=1))
    root = parse_xml(body(api_client.get("/api/v1/jobs/feed.rss")))
    assert [item.findtext("title") for item in root.iter("item")] == [new.title, old.title]


def test_rss_feed_rejects_invalid_filters(api_client):
    assert_error(api_client.get("/api/v1/jobs/feed.rss?employment_type=nonsense"), 400)


def test_an_empty_rss_feed_is_still_valid(api_client):
    content = body(api_client.get("/api/v1/jobs/feed.rss"))
    assert parse_xml(content).findall("./channel/item") == []
    assert not feedparser.parse(content).bozo


def test_feeds_are_capped(api_client, monkeypatch):
    monkeypatch.setattr(feeds, "FEED_MAX_JOBS", 2)
    JobFactory.create_batch(3)
    assert len(parse_xml(body(api_client.get("/api/v1/jobs/feed.rss"))).findall("./channel/item")) == 2
    assert len(parse_xml(body(api_client.get("/api/v1/jobs/feed.xml"))).findall("job")) == 2


# --- Indeed XML ---


def test_indeed_feed_is_complete_and_well_formed(api_client, feed_jobs):
    listed, hidden = feed_jobs
    response = api_client.get("/api/v1/jobs/feed.xml", HTTP_ACCEPT="application/xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    content = body(response)
    assert b"<![CDATA[" in content

    root = parse_xml(content)
    assert root.tag == "source"
    assert root.findtext("publisher")
    assert root.findtext("publisherurl") == settings.FRONTEND_URL
    assert root.findtext("lastBuildDate")
    jobs = root.findall("job")
    assert {job.findtext("title") for job in jobs} == {job.title for job in listed.values()}
    assert not {job.findtext("title") for job in jobs} & {job.title for job in hidden}

    by_title = {element.findtext("title"): element for element in jobs}
    nasty, job = by_title[NASTY_TITLE], listed["nasty"]
    expected = {
        "referencenumber": str(job.reference),
        "requisitionid": str(job.pk),
        "url": f"{settings.FRONTEND_URL}/jobs/{job.slug}",
        "company": job.company.name,
        "city": "Berlin",
        "state": "Addis",
        "country": "DE",
        "postalcode": "1000",
        "salary": "1000-2000 ETB per month",
        "jobtype": "contract",
        "category": "Engineering & Ops",
        "remotetype": "",
    }
    for tag, value in expected.items():
        assert (nasty.findtext(tag) or "") == value, tag
    assert nasty.findtext("date")
    assert "Uses ]]&gt; and &lt;b&gt;tags&lt;/b&gt; &amp; ampersands" in (nasty.findtext("description") or "")

    assert by_title[CHINESE].findtext("city") == "上海"
    assert by_title[CHINESE].findtext("description") == f"<p>{CHINESE}</p>"
    assert by_title[AMHARIC].findtext("city") == "አዲስ አበባ"
    assert by_title[AMHARIC].findtext("remotetype") == "Fully remote"


def test_indeed_feed_follows_the_list_filters(api_client, feed_jobs):
    root = parse_xml(body(api_client.get("/api/v1/jobs/feed.xml?country=CN")))
    assert [job.findtext("title") for job in root.findall("job")] == [CHINESE]


@pytest.mark.parametrize("value", ["]]>", "a]]>b]]>c", "]]]]>>", "]", "]]", "plain"])
def test_cdata_round_trips(value):
    assert parse_xml(f"<x>{cdata(value)}</x>").text == value


def test_feeds_need_no_login_and_ignore_bad_tokens(api_client):
    JobFactory()
    api_client.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")
    assert api_client.get("/api/v1/jobs/feed.xml").status_code == 200
    assert api_client.get("/api/v1/jobs/feed.rss").status_code == 200


def test_jsonld_logo_is_an_absolute_url(api_client):
    job = JobFactory(company=CompanyFactory(logo="company-logos/acme.png"))
    logo = jsonld(api_client, job)["hiringOrganization"]["logo"]
    assert logo.startswith("http") and logo.endswith("company-logos/acme.png")


@pytest.mark.parametrize("path", ["/api/v1/jobs/feed.rss", "/api/v1/jobs/feed.xml"])
def test_feeds_read_a_fixed_number_of_queries_whatever_the_job_count(api_client, path):
    category = CategoryFactory()
    JobFactory.create_batch(12, category=category, description="x" * 50, requirements="y")
    response = api_client.get(path)
    with CaptureQueriesContext(connection) as queries:  # the rows are read while the body streams
        root = parse_xml(body(response))
    assert 1 <= len(queries) <= 3, [query["sql"] for query in queries]  # one select with its joins
    assert len(list(root.iter("title"))) >= 12


# --- the job page embeds its JSON-LD; feeds come from the shared cache ---

RSS = "/api/v1/jobs/feed.rss"
INDEED = "/api/v1/jobs/feed.xml"


def test_the_job_page_embeds_the_same_json_ld(api_client):
    job = JobFactory()
    page = api_client.get(f"/api/v1/jobs/{job.slug}/").json()
    assert page["job_posting"] == jsonld(api_client, job)
    assert page["job_posting"]["@type"] == "JobPosting"


def test_a_closed_job_page_offers_no_live_posting(api_client):
    job = JobFactory(status="closed", closed_at=timezone.now())
    page = api_client.get(f"/api/v1/jobs/{job.slug}/").json()
    assert page["status"] == "closed"
    assert page["job_posting"] is None


def test_an_expired_job_page_offers_no_live_posting(api_client):
    job = JobFactory(application_deadline=timezone.now() - timedelta(minutes=1))
    assert api_client.get(f"/api/v1/jobs/{job.slug}/").json()["job_posting"] is None


def test_a_draft_seen_by_its_company_offers_no_posting(client_for, employer):
    job = JobFactory(company=CompanyFactory(owner=employer), status="draft", published_at=None)
    assert client_for(employer).get(f"/api/v1/jobs/{job.slug}/").json()["job_posting"] is None


@pytest.mark.parametrize("url", [RSS, INDEED])
def test_a_feed_read_twice_comes_from_the_cache_with_an_etag(api_client, url):
    JobFactory.create_batch(3)
    first = api_client.get(url)
    first_body = b"".join(first.streaming_content)

    with CaptureQueriesContext(connection) as queries:
        second = api_client.get(url)

    assert len(queries) == 0
    assert second.content == first_body
    assert second["ETag"] and second["Last-Modified"]
    assert api_client.get(url, HTTP_IF_NONE_MATCH=second["ETag"]).status_code == 304


@pytest.mark.parametrize("url", [RSS, INDEED])
def test_a_cached_feed_shows_an_edit_as_soon_as_it_returns(api_client, client_for, employer, url):
    job = JobFactory(company=CompanyFactory(owner=employer), title="Data Engineer")
    b"".join(api_client.get(url).streaming_content)
    cached = api_client.get(url)
    assert b"Data Engineer" in cached.content

    client_for(employer).patch(f"/api/v1/jobs/{job.slug}/", {"title": "Feed Wrangler"}, format="json")

    fresh = api_client.get(url)
    body = b"".join(fresh.streaming_content)
    assert b"Feed Wrangler" in body and b"Data Engineer" not in body
    assert api_client.get(url, HTTP_IF_NONE_MATCH=cached["ETag"]).status_code == 200


def test_a_feed_larger_than_the_cache_limit_is_streamed_each_time(api_client, settings):
    settings.FEED_CACHE_MAX_BYTES = 200
    JobFactory.create_batch(2)
    b"".join(api_client.get(RSS).streaming_content)

    with CaptureQueriesContext(connection) as queries:
        again = api_client.get(RSS)
        body = b"".join(again.streaming_content)

    assert again.streaming and len(queries) > 0
    assert body.count(b"<item>") == 2
