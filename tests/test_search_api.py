"""GET /api/v1/jobs/search/: matching rules, ranking, filters, geo, facets, errors, roles, query counts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from nexus.search.highlights import Marker

from .conftest import assert_error
from .factories import AdminFactory, CategoryFactory, CompanyFactory, EmployerFactory, IndustryFactory, SeekerFactory
from .factories_search import lists_rebuilt, searchable_job, skill_named

URL = "/api/v1/jobs/search/"
pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [job["title"] for job in response.json()["results"]]


def cities(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [job["city"] for job in response.json()["results"]]


def search(api_client, **params):
    return api_client.get(URL, params)


def jobs_titled(*titles: str) -> None:
    """A listed job of each title, and the vocabulary and suggestions recounted."""
    for title in titles:
        searchable_job(title=title)
    lists_rebuilt()


def test_a_word_finds_jobs_by_title_skill_company_and_description(api_client):
    searchable_job(title="Backend Developer", skills=("Python",))
    searchable_job(title="Data Analyst", description="You will write Python every day.")
    searchable_job(title="Python Engineer")
    searchable_job(title="Chef", description="Cook for our guests.")
    found = titles(search(api_client, q="python"))
    assert set(found) == {"Backend Developer", "Data Analyst", "Python Engineer"}
    assert found[0] == "Python Engineer"  # the title weighs most


def test_title_outranks_skill_outranks_description_at_equal_age(api_client):
    published = timezone.now() - timedelta(days=1)
    searchable_job(title="Writer", description="Some golang here.", published_at=published)
    searchable_job(title="Backend Developer", skills=("Golang",), published_at=published)
    searchable_job(title="Golang Developer", published_at=published)
    assert titles(search(api_client, q="golang ")) == ["Golang Developer", "Backend Developer", "Writer"]


def test_a_company_whose_name_says_two_of_the_words_in_a_row_comes_first(api_client):
    """`zenith finance` names a company: its jobs come before a newer Finance Manager at Zenith Bakery, whose title
    says one of the words (SEARCH_COMPANY_BOOST); `nurse at cedar care`, Cedar Care's nurse before a newer one at Cedar
    Trust whose description says care. Two of the query's words in a row, as written, stop words aside: `finance
    zenith` names no company."""
    older, newer = timezone.now() - timedelta(days=10), timezone.now()
    searchable_job(title="Accountant", company=CompanyFactory(name="Zenith Finance"), published_at=older)
    searchable_job(title="Finance Manager", company=CompanyFactory(name="Zenith Bakery"), published_at=newer)
    searchable_job(title="Nurse", company=CompanyFactory(name="Cedar Care"), published_at=older)
    searchable_job(
        title="Nurse", company=CompanyFactory(name="Cedar Trust"), description="We care for you.", published_at=newer
    )
    assert titles(search(api_client, q="zenith finance")) == ["Accountant", "Finance Manager"]
    assert titles(search(api_client, q="finance zenith")) == ["Finance Manager", "Accountant"]
    found = search(api_client, q="nurse at cedar care").json()["results"]
    assert [job["company"]["name"] for job in found] == ["Cedar Care", "Cedar Trust"]


def test_a_title_word_outranks_the_same_word_in_a_description_near_the_other_words(api_client):
    older, newer = timezone.now() - timedelta(days=20), timezone.now()
    searchable_job(title="Python Developer", description="Django and APIs.", published_at=older)
    searchable_job(title="Web Developer", description="Python and Django.", published_at=newer)
    assert titles(search(api_client, q="python django ")) == ["Python Developer", "Web Developer"]


def test_a_city_does_not_keep_a_title_from_answering_the_query(api_client):
    older, newer = timezone.now() - timedelta(days=150), timezone.now()  # newer by 2.5 in log-score
    searchable_job(title="Data Engineer", city="Lisbon", published_at=older)
    searchable_job(title="Data Analyst", description="Some engineering.", city="Lisbon", published_at=newer)
    lists_rebuilt()  # the cities of listed jobs become suggested places
    assert titles(search(api_client, q="engineer lisbon ")) == ["Data Engineer", "Data Analyst"]
    assert titles(search(api_client, q="engineer lisbno ")) == ["Data Engineer", "Data Analyst"]  # corrected


def test_a_country_name_finds_its_jobs_and_is_not_asked_of_the_title(api_client):
    older, newer = timezone.now() - timedelta(days=150), timezone.now()  # newer by 2.5 in log-score
    searchable_job(title="Data Engineer", city="Berlin", country="DE", published_at=older)
    searchable_job(
        title="Data Analyst", description="Some engineering.", city="Munich", country="DE", published_at=newer
    )
    searchable_job(title="Data Engineer", city="Leeds", country="GB", published_at=newer)
    assert titles(search(api_client, q="engineer germany ")) == ["Data Engineer", "Data Analyst"]
    assert titles(search(api_client, q="engineer uk")) == ["Data Engineer"]
    lists_rebuilt()
    assert search(api_client, q="engineer germany").json()["query"]["corrections"] == {}  # a word jobs use
    assert search(api_client, q="engineer germnay").json()["query"]["corrections"] == {"germnay": "germany"}
    assert titles(search(api_client, q="engineer -germany")) == ["Data Engineer"]


def test_a_corrected_word_ranks_the_jobs_as_the_word_itself_does(api_client):
    """The correction's exact form counts in the text relevance too, not only its stem: the Key Account Manager,
    featured, does not pass the Accountant for `acountant` when it does not for `accountant`."""
    published = timezone.now() - timedelta(days=1)
    searchable_job(title="Accountant", published_at=published)
    searchable_job(title="Key Account Manager", published_at=published, is_featured=True)
    lists_rebuilt()
    assert titles(search(api_client, q="accountant ")) == ["Accountant", "Key Account Manager"]
    assert titles(search(api_client, q="acountant ")) == ["Accountant", "Key Account Manager"]


def test_a_skill_s_word_as_written_in_the_skills_earns_the_exact_boost_and_its_aliases_only_as_written(api_client):
    """`accounting` stems to account, as Accountant and Account Manager do: an Accountant whose skills say Accounting
    earns the exact title boost, and the skill's alias (bookkeeping) counts as written, not by its stem, so a newer
    Key Account Manager does not (it did through the English form of the skill's name)."""
    older, newer = timezone.now() - timedelta(days=20), timezone.now()
    skill_named("Accounting", aliases=["bookkeeping"])
    searchable_job(title="Management Accountant", skills=("Accounting",), published_at=older)
    searchable_job(title="Key Account Manager", skills=("Negotiation",), published_at=newer)
    lists_rebuilt()
    assert titles(search(api_client, q="accounting")) == ["Management Accountant", "Key Account Manager"]
    assert titles(search(api_client, q="acounting")) == ["Management Accountant", "Key Account Manager"]  # corrected


def test_a_job_s_other_name_ranks_the_jobs_as_the_name_itself_does(api_client):
    """A job's other names (synonyms.py) count as written in the text relevance too, as the word typed does: the
    Business Development Manager, featured and newer, whose title holds developer's stem, does not pass the
    Developer for `programmer`, as it does not for `developer`; nor for `programer`, corrected with its other names."""
    published = timezone.now() - timedelta(days=3)
    searchable_job(title="Mobile Developer", published_at=published)
    searchable_job(
        title="Business Development Manager",
        published_at=published + timedelta(days=2),
        is_featured=True,
        featured_until=timezone.now() + timedelta(days=3),
    )
    lists_rebuilt()
    for typed in ("developer ", "programmer ", "programer "):
        assert titles(search(api_client, q=typed)) == ["Mobile Developer", "Business Development Manager"], typed


def test_a_title_with_the_words_as_written_outranks_one_with_only_their_stem(api_client):
    """English stemming makes accountant `account` and developer `develop`: both titles answer the query, the
    one that says the word as typed (or its singular, typed in the plural) earns the exact title boost."""
    older, newer = timezone.now() - timedelta(days=20), timezone.now()
    searchable_job(title="Senior Accountant", published_at=older)
    searchable_job(title="Key Account Manager", published_at=newer)
    searchable_job(title="Java Developer", published_at=older)
    searchable_job(title="Business Development Manager", description="Java shop.", published_at=newer)
    assert titles(search(api_client, q="accountant ")) == ["Senior Accountant", "Key Account Manager"]
    assert titles(search(api_client, q="full-time accountant")) == ["Senior Accountant", "Key Account Manager"]
    assert titles(search(api_client, q="java developer ")) == ["Java Developer", "Business Development Manager"]
    assert titles(search(api_client, q="java OR kotlin developer")) == [
        "Java Developer",
        "Business Development Manager",
    ]
    lists_rebuilt()
    assert titles(search(api_client, q="acountant ")) == ["Senior Accountant", "Key Account Manager"]  # corrected
    # a plural asks as its singular: titles name a job in the singular
    assert titles(search(api_client, q="accountants ")) == ["Senior Accountant", "Key Account Manager"]
    assert titles(search(api_client, q="java developers ")) == ["Java Developer", "Business Development Manager"]


def test_field_words_do_not_keep_a_title_from_answering_the_query(api_client):
    """`remote` and `senior` ask what the job is (field words): a title that answers the rest earns the whole boost."""
    older, newer = timezone.now() - timedelta(days=20), timezone.now()
    searchable_job(title="Python Developer", remote_type="remote", experience_level="senior", published_at=older)
    searchable_job(
        title="NLP Engineer", skills=("Python",), remote_type="remote", experience_level="senior", published_at=newer
    )
    assert titles(search(api_client, q="remote python ")) == ["Python Developer", "NLP Engineer"]
    assert titles(search(api_client, q="senior python ")) == ["Python Developer", "NLP Engineer"]
    assert titles(search(api_client, q="senior "))[0] == "NLP Engineer"  # only field words: newest first


def test_a_field_word_beside_other_words_is_answered_by_the_jobs_field_or_its_title_or_skills(api_client):
    """A field word asked beside other words matches what the job is: its field, or its title or skills saying the
    word. A mid-level Site Engineer whose description says "lead", or a full-time Data Engineer at an International
    company (English stems it to intern, as it does internal), says `lead` or `intern` in its text only: neither is
    found, though both are for the words alone."""
    older, newer = timezone.now() - timedelta(days=20), timezone.now()
    searchable_job(title="Lead Engineer", experience_level="senior", employment_type="full_time", published_at=older)
    searchable_job(title="Data Engineer", experience_level="lead", employment_type="internship", published_at=older)
    searchable_job(
        title="Site Engineer", experience_level="mid", description="You will lead the site team.", published_at=newer
    )
    searchable_job(
        title="Data Engineer",
        experience_level="mid",
        employment_type="full_time",
        company=CompanyFactory(name="Globex International"),
        published_at=newer,
    )
    searchable_job(title="Sales Engineer", skills=("Lead Generation",), experience_level="mid", published_at=older)
    assert sorted(titles(search(api_client, q="lead engineer "))) == [
        "Data Engineer",
        "Lead Engineer",
        "Sales Engineer",
    ]
    interns = search(api_client, q="data engineer intern ").json()["results"]
    assert [(job["title"], job["employment_type"]) for job in interns] == [("Data Engineer", "internship")]
    assert sorted(titles(search(api_client, q="engineer lead"))) == ["Data Engineer", "Lead Engineer", "Sales Engineer"]
    # alone, or excluded, a field word is the word anywhere
    assert "Site Engineer" in titles(search(api_client, q="lead "))
    excluded = search(api_client, q="engineer -lead").json()["results"]
    assert [(job["title"], job["employment_type"]) for job in excluded] == [("Data Engineer", "full_time")]
    # the same jobs with no field word asked: the newest first
    assert [job["employment_type"] for job in search(api_client, q="data engineer ").json()["results"]] == [
        "full_time",
        "internship",
    ]


def test_a_field_word_of_one_word_typed_last_is_no_prefix(api_client):
    """`temp` and `intern` typed last are the field words, not the start of templates or the internet; a part of
    one (`full` of full-time) still begins longer words (Fullstack)."""
    searchable_job(title="Python Developer", employment_type="contract", description="Templates for the internet.")
    searchable_job(title="Python Tester", employment_type="temporary")
    searchable_job(title="Fullstack Python Developer", employment_type="part_time")
    assert titles(search(api_client, q="python temp")) == ["Python Tester"]
    assert titles(search(api_client, q="python intern")) == []
    assert titles(search(api_client, q="python full")) == ["Fullstack Python Developer"]


def test_another_name_of_a_city_or_country_finds_its_jobs(api_client):
    """`wien` and `münchen` are Vienna and Munich to the gazetteer, `deutschland` Germany in German: a word no job uses
    stands for the place's English name, as a place (neither corrected nor asked of the title). A word jobs use stays
    itself: `art` names Watertown too."""
    older, newer = timezone.now() - timedelta(days=100), timezone.now()
    searchable_job(title="UX Designer", city="Vienna", country="AT", published_at=older)
    searchable_job(
        title="Office Assistant",
        description="Works with our designer.",
        city="Vienna",
        country="AT",
        published_at=newer,
    )
    searchable_job(title="Nurse", city="Munich", country="DE")
    searchable_job(title="Art Teacher", city="London", country="GB")
    searchable_job(title="Teacher", city="Watertown", country="US")
    lists_rebuilt()
    assert titles(search(api_client, q="designer wien")) == ["UX Designer", "Office Assistant"]
    answer = search(api_client, q="nurse münchen ").json()
    assert [job["title"] for job in answer["results"]] == ["Nurse"]
    assert answer["query"]["corrections"] == {} and answer["query"]["did_you_mean"] is None
    searchable_job(title="Nurse", city="Berlin", country="DE")
    searchable_job(title="Nurse", city="Jeddah", country="SA")
    lists_rebuilt()
    assert cities(search(api_client, q="nurse deutschland")) == ["Berlin", "Munich"]
    assert cities(search(api_client, q="nurse ksa")) == ["Jeddah"]  # an abbreviation of a country's name
    assert titles(search(api_client, q="teacher art ")) == ["Art Teacher"]
    # nor a skill's name or alias no job asks for yet (`rust`: El Cerrito, `rest`: Rasht), nor a word standing for
    # a title (`sre`, which is also Sucre's airport), nor a stop word (`from`: Frome), nor a word under four letters
    for city, country in (("El Cerrito", "US"), ("Rasht", "IR"), ("Sucre", "BO"), ("Frome", "GB"), ("El Monte", "US")):
        searchable_job(title="Teacher", city=city, country=country)
    searchable_job(title="Site Reliability Engineer", city="London", country="GB")
    lists_rebuilt()
    skill_named("Rust")
    skill_named("Representational State Transfer", aliases=["rest"])
    assert titles(search(api_client, q="rust ")) == []
    assert titles(search(api_client, q="rest ")) == []
    assert titles(search(api_client, q="sre ")) == ["Site Reliability Engineer"]
    assert titles(search(api_client, q="teacher from ")) == titles(search(api_client, q="teacher "))  # a stop word
    assert titles(search(api_client, q="teacher emt ")) == []  # El Monte's airport, and emergency medical technicians
    assert titles(search(api_client, q="designer -wien")) == []
    assert titles(search(api_client, q='nurse "münchen"')) == []  # quoted: the word as written


def test_an_english_word_is_no_other_name_of_a_city(api_client):
    """The gazetteer knows Spokane as Spoken too, Durg as Drug and Lyon as Lion: `spoken english` found the jobs in
    Spokane, `drug safety` those in Durg. A word English uses is the word, in search and in autocomplete; `nyc`, a short
    name people type, is still New York City."""
    for city, country in (("Spokane", "US"), ("Durg", "IN"), ("Lyon", "FR"), ("New York City", "US")):
        searchable_job(title="Teacher", city=city, country=country)
    searchable_job(title="Drug Safety Officer", description="Spoken English required.", city="Leeds", country="GB")
    lists_rebuilt()
    for query, found in (("spoken ", ["Leeds"]), ("drug ", ["Leeds"]), ("lion ", [])):
        answer = search(api_client, q=query).json()
        assert [job["city"] for job in answer["results"]] == found, query
        assert answer["query"]["corrections"] == {}, query
    assert cities(search(api_client, q="teacher nyc")) == ["New York City"]
    assert search(api_client, q="teacher lyon").json()["count"] == 1
    suggested = api_client.get("/api/v1/jobs/search/suggest/", {"q": "drug"}).json()["results"]
    assert [(row["kind"], row["label"]) for row in suggested] == [("title", "Drug Safety Officer")]


def test_a_citys_name_in_another_script_finds_its_jobs_and_centres_near(api_client):
    """The gazetteer knows cities by their names in every script it holds: `москва` is Moscow, `東京` Tokyo (two
    characters: other names in Latin letters need four, as airports' codes are Latin), `Αθήνα` Athens, in the words
    and in `near`."""
    searchable_job(title="Nurse", city="Moscow", country="RU", latitude=55.7522, longitude=37.6156)
    searchable_job(title="Engineer", city="Tokyo", country="JP", latitude=35.6895, longitude=139.6917)
    searchable_job(title="Teacher", city="Athens", country="GR", latitude=37.9838, longitude=23.7278)
    searchable_job(title="Driver", city="Kita", country="JP")
    lists_rebuilt()
    assert titles(search(api_client, q="北")) == []  # one of Kita's names, but one character: no name of a place
    assert titles(search(api_client, q="москва")) == ["Nurse"]
    assert titles(search(api_client, q="Москва")) == ["Nurse"]
    assert titles(search(api_client, q="engineer 東京")) == ["Engineer"]
    assert titles(search(api_client, q="Αθήνα")) == ["Teacher"]
    response = search(api_client, near="Москва", radius_km=20)
    assert titles(response) == ["Nurse"] and response.json()["place"]["name"] == "Moscow"
    assert titles(search(api_client, near="東京, JP", radius_km=20)) == ["Engineer"]


def test_the_city_a_query_names_ranks_above_cities_whose_names_hold_its_words(api_client):
    """`london` is London before East London, `san jose` San Jose before San José del Cabo, `new york` (begun) New
    York City, however new the others' jobs (SEARCH_PLACE_BOOST): the words alone matched them all alike."""
    older, newer = timezone.now() - timedelta(days=30), timezone.now()
    searchable_job(title="Nurse", city="East London", country="ZA", published_at=newer)
    searchable_job(title="Nurse", city="London", country="GB", published_at=older)
    searchable_job(title="Teacher", city="San José del Cabo", country="MX", published_at=newer)
    searchable_job(title="Teacher", city="San Jose", country="US", published_at=older)
    searchable_job(title="Engineer", city="New York City", country="US", published_at=older)
    searchable_job(title="Engineer", city="West New York", country="US", published_at=newer)
    searchable_job(title="Engineer", city="York", country="GB", description="A new plant.", published_at=newer)
    lists_rebuilt()
    for query in ("nurse london", "nurse lodnon", "london nurse"):  # corrected, or the place first
        assert cities(search(api_client, q=query)) == ["London", "East London"], query
    assert cities(search(api_client, q="teacher san jose")) == ["San Jose", "San José del Cabo"]
    # the words of a city's name are not cities of their own there: York is not the city `new york` names
    assert cities(search(api_client, q="engineer new york"))[0] == "New York City"
    assert cities(search(api_client, q="nurse")) == ["East London", "London"]  # no place: the newer first
    assert cities(search(api_client, q="nurse -london")) == []


def test_jobs_near_the_city_a_query_names_count_as_in_it_and_cities_merely_holding_its_name_come_after(api_client):
    """Within PLACE_REACH_KM of the city named (Brooklyn for `new york`) a job earns the place boost; one in another
    city whose name holds the words (San Francisco De Borja, Peru), matched by that name alone, comes after the jobs
    in the city named, whatever its title (SEARCH_PLACE_ELSEWHERE_PENALTY)."""
    older, newer = timezone.now() - timedelta(days=30), timezone.now()
    sf = {"city": "San Francisco", "country": "US", "latitude": 37.77, "longitude": -122.42}
    searchable_job(title="Maintenance Engineer", description="Software for plants.", **sf, published_at=older)
    searchable_job(
        title="Software Engineer", city="San Francisco De Borja", country="PE", latitude=-7.1, longitude=-77.9,
        published_at=newer,
    )  # fmt: skip
    brooklyn = {"city": "Brooklyn", "country": "US", "region": "New York", "latitude": 40.65, "longitude": -73.95}
    searchable_job(title="Accountant", **brooklyn, published_at=older)
    searchable_job(title="Accountant", city="New York City", country="US", published_at=older - timedelta(days=1))
    searchable_job(title="Accountant", city="Albany", country="US", region="New York", published_at=newer)
    lists_rebuilt()
    assert cities(search(api_client, q="software engineer san francisco")) == [
        "San Francisco",
        "San Francisco De Borja",
    ]
    assert cities(search(api_client, q="software engineer")) == ["San Francisco De Borja", "San Francisco"]
    # Brooklyn and New York City rank as the newer in-place job first; Albany, in the state, after them
    assert cities(search(api_client, q="accountant new york")) == ["Brooklyn", "New York City", "Albany"]


def test_a_city_fewer_jobs_are_in_than_titles_say_its_name_is_a_word_of_the_title(api_client):
    """`mobile` names Mobile (Alabama) too: where more jobs' titles say it than jobs are there, it asks what the job is,
    so for `mobile developer` a Mobile Developer ranks above a newer Android Developer whose description says mobile,
    and jobs in Mobile earn no place boost; where fewer do, it is the city (`mobile nurse`)."""
    older, newer = timezone.now() - timedelta(days=30), timezone.now()
    for _ in range(2):
        searchable_job(title="Mobile Developer", city="Lagos", country="NG", published_at=older)
    android = {"title": "Android Developer", "description": "Mobile apps.", "city": "Mobile", "country": "US"}
    searchable_job(**android, published_at=newer)
    lists_rebuilt()  # one job in Mobile, two titles saying it
    assert titles(search(api_client, q="mobile developer")) == [*["Mobile Developer"] * 2, "Android Developer"]
    for _ in range(2):
        searchable_job(title="Nurse", city="Mobile", country="US", published_at=older)
    searchable_job(title="Nurse", description="Mobile clinics.", city="Lagos", country="NG", published_at=newer)
    lists_rebuilt()  # three jobs in Mobile, two titles saying it
    assert cities(search(api_client, q="mobile nurse")) == ["Mobile", "Mobile", "Lagos"]
    assert titles(search(api_client, q="developer mobile"))[0] == "Android Developer"  # (a query not yet analysed)


def test_another_name_of_a_city_one_edit_from_a_common_word_is_that_word_misspelt(api_client):
    """`manger` is another name of Munger (India) and one edit from manager: where 1,000 jobs or more say manager
    (WORD_OF_ITS_OWN), it is manager misspelt; on a board where few do, it is the city, as `wien` is Vienna."""
    from nexus.search.models import SearchTerm
    from nexus.search.spelling import WORD_OF_ITS_OWN

    searchable_job(title="Teacher", city="Munger", country="IN")
    searchable_job(title="Store Manager", city="London", country="GB")
    lists_rebuilt()
    assert titles(search(api_client, q="manger")) == ["Teacher"]
    SearchTerm.objects.filter(word="manager").update(jobs=WORD_OF_ITS_OWN)
    answer = search(api_client, q="manger ").json()
    assert [job["title"] for job in answer["results"]] == ["Store Manager"]
    assert answer["query"]["corrections"] == {"manger": "manager"}


def test_a_state_s_code_after_its_city_asks_for_the_state(api_client):
    """`austin tx`, `chicago, il`: people in the United States write a city's state after its name, by its code. The
    code then stands for the state, which a job's region names in full or by the code, and is no misspelling; after a
    city of another state it is a word as before."""
    searchable_job(title="Nurse", city="Austin", region="Texas", country="US")
    searchable_job(title="Nurse", city="Austin", region="TX", country="US")
    searchable_job(title="Nurse", city="Houston", region="Texas", country="US")
    searchable_job(title="Nurse", city="Chicago", region="Illinois", country="US")
    searchable_job(title="Nurse", city="Salt Lake City", region="Utah", country="US")
    lists_rebuilt()
    answer = search(api_client, q="nurse austin tx")
    assert cities(answer) == ["Austin", "Austin"]
    assert answer.json()["query"]["did_you_mean"] is None
    assert cities(search(api_client, q="chicago, il")) == ["Chicago"]
    assert cities(search(api_client, q="nurse salt lake city ut")) == ["Salt Lake City"]
    assert cities(search(api_client, q="nurse chicago tx")) == []  # Chicago lies in Illinois


def test_a_city_s_first_word_finds_it_written_in_full_or_short(api_client):
    """`saint louis` finds St. Louis and `st petersburg` Saint Petersburg as well as St. Petersburg; `saint` before a
    word that begins no such name stays itself."""
    searchable_job(title="Nurse", city="St. Louis", region="Missouri", country="US")
    searchable_job(title="Developer", city="Saint Petersburg", country="RU")
    searchable_job(title="Developer", city="St. Petersburg", region="Florida", country="US")
    searchable_job(title="Nurse", description="Saint Mary's ward.", city="Leeds", country="GB")
    lists_rebuilt()
    assert cities(search(api_client, q="nurse saint louis")) == ["St. Louis"]
    assert sorted(cities(search(api_client, q="developer st petersburg"))) == ["Saint Petersburg", "St. Petersburg"]
    assert cities(search(api_client, q="nurse saint mary")) == ["Leeds"]


def test_a_country_s_code_after_its_city_asks_for_the_country(api_client):
    """`berlin, de`, `toronto ca`: a country's two-letter code after a city there stands for the country, which every
    document of a job there holds (Toronto lies in no California); a code that is an English stop word only last
    (`milan it support` asks for IT support)."""
    searchable_job(title="Developer", city="Berlin", country="DE")
    searchable_job(title="Nurse", city="Toronto", region="Ontario", country="CA")
    searchable_job(title="Developer", city="Milan", country="IT")
    searchable_job(title="IT Support Specialist", city="Milan", country="IT")
    lists_rebuilt()
    assert cities(search(api_client, q="developer berlin, de")) == ["Berlin"]
    assert cities(search(api_client, q="nurse toronto ca")) == ["Toronto"]
    assert titles(search(api_client, q="developer milan it")) == ["Developer"]
    assert titles(search(api_client, q="milan it support")) == ["IT Support Specialist"]
    assert cities(search(api_client, q="developer berlin, it")) == []  # Berlin lies in no Italy


def test_a_state_s_code_typed_last_alone_is_its_name(api_client):
    """`nurse tx`, `accountant ny`: a state's code that ends the query, after no city of it, asks what its name does
    (the region of the jobs there), where it found nothing; not the jobs whose text holds the code as a word (Ha'il).
    A code that is an English word (`hi`) or comes before another word (`ms excel`) stays a word."""
    searchable_job(title="Nurse", city="Houston", region="Texas", country="US")
    searchable_job(title="Nurse", city="Peoria", region="Illinois", country="US")
    searchable_job(title="Nurse", city="Ha'il", region="", country="SA")
    searchable_job(title="Accountant", city="Buffalo", region="New York", country="US")
    searchable_job(title="Analyst", description="MS Excel.", city="Jackson", region="Tennessee", country="US")
    lists_rebuilt()
    assert cities(search(api_client, q="nurse tx")) == ["Houston"]
    assert cities(search(api_client, q="nurse il")) == ["Peoria"]
    answer = search(api_client, q="acountant ny")  # a name of two words, in a row
    assert cities(answer) == ["Buffalo"] and answer.json()["query"]["did_you_mean"] == "accountant ny"
    assert cities(search(api_client, q="ms excel")) == ["Jackson"]
    assert search(api_client, q="nurse hi").json()["count"] == 0


def test_a_province_s_code_typed_last_alone_is_its_name(api_client):
    """`nurse bc` asks what `nurse british columbia` does (the jobs in its cities, few jobs there naming it); not a
    code that is a country's too (`sk`: Slovakia) or names two provinces (`nt`)."""
    searchable_job(title="Nurse", city="Vancouver", region="", country="CA")
    searchable_job(title="Nurse", city="Vancouver", region="Washington", country="US")
    searchable_job(title="Nurse", city="Brisbane", region="", country="AU")
    lists_rebuilt()
    answer = search(api_client, q="nurze bc").json()
    assert [job["country"] for job in answer["results"]] == ["CA"] and answer["query"]["did_you_mean"] == "nurse bc"
    assert cities(search(api_client, q="nurse qld")) == ["Brisbane"]  # a code of three letters
    assert search(api_client, q="nurse sk").json()["count"] == 0


def test_a_province_after_its_city_asks_for_the_city_in_that_country(api_client):
    """`vancouver bc`, `sydney nsw`, `toronto on`, `london ontario`, `vancouver british columbia`: people in Canada and
    Australia write a city's province or state after its name, by its code or name. It then asks for the city's
    country, which every document holds (few jobs there give their province), and tells the city from those of its
    name elsewhere; `on`, a stop word, only as the last word (`london on site` stays on-site)."""
    searchable_job(title="Nurse", city="Vancouver", region="", country="CA")
    searchable_job(title="Nurse", city="Vancouver", region="Washington", country="US")
    searchable_job(title="Nurse", city="Perth", region="", country="AU")
    searchable_job(title="Nurse", city="Perth", region="Scotland", country="GB")
    searchable_job(title="Nurse", city="London", region="", country="CA", remote_type="remote")
    searchable_job(
        title="Nurse", city="London", region="England", country="GB", remote_type="onsite", description="Weekends only."
    )
    lists_rebuilt()
    for query in ("nurse vancouver bc", "nurse vancouver british columbia"):
        answer = search(api_client, q=query)
        assert [job["country"] for job in answer.json()["results"]] == ["CA"], query
        assert answer.json()["query"]["did_you_mean"] is None
    assert [job["country"] for job in search(api_client, q="nurse vancouver wa").json()["results"]] == ["US"]
    for query in ("nurse perth wa", "nurse perth western australia"):
        assert [job["country"] for job in search(api_client, q=query).json()["results"]] == ["AU"], query
    for query in ("nurse london on", "nurse london ontario"):
        assert [job["country"] for job in search(api_client, q=query).json()["results"]] == ["CA"], query
    for query in ("nurse london on site", "nurse london on weekends"):  # `on` before another word: a word
        assert [job["country"] for job in search(api_client, q=query).json()["results"]] == ["GB"], query
    assert sorted(job["country"] for job in search(api_client, q="nurse perth").json()["results"]) == ["AU", "GB"]


def test_a_province_named_in_three_words_after_its_city_is_read_as_its_code(api_client):
    """`sydney new south wales` asks what `sydney nsw` does: Sydney, Australia, not Sydney, Nova Scotia; "did you
    mean" writes the name back as typed."""
    searchable_job(title="Nurse", city="Sydney", region="", country="AU")
    searchable_job(title="Nurse", city="Sydney", region="", country="CA")
    searchable_job(title="Nurse", city="Canberra", region="", country="AU")
    lists_rebuilt()
    for query, country in (
        ("nurse sydney new south wales", "AU"), ("nurse sydney nsw", "AU"), ("nurse sydney nova scotia", "CA"),
        ("nurse canberra australian capital territory", "AU"),
    ):  # fmt: skip
        answer = search(api_client, q=query).json()
        assert [job["country"] for job in answer["results"]] == [country], query
        assert answer["query"]["did_you_mean"] is None
    answer = search(api_client, q="nurze sydney new south wales").json()
    assert answer["query"]["did_you_mean"] == "nurse sydney new south wales"
    assert [job["country"] for job in answer["results"]] == ["AU"]


def test_a_province_named_alone_finds_the_jobs_in_its_cities(api_client):
    """`nurse ontario`, `nurse british columbia`, `nurse new south wales`: few jobs in Canada or Australia give their
    province. The jobs in its cities answer its name, as do jobs whose text says it (Ontario, California); its cities'
    names elsewhere do not (London, England). Quoted or excluded, the name is the word; `tasmania`, which no job
    holds, is no misspelling of Tanzania."""
    for city, region, country in (
        ("Toronto", "", "CA"), ("London", "", "CA"), ("London", "England", "GB"), ("Ontario", "California", "US"),
        ("Vancouver", "", "CA"), ("Sydney", "", "AU"), ("Hobart", "", "AU"), ("Dodoma", "", "TZ"),
    ):  # fmt: skip
        searchable_job(title="Nurse", city=city, region=region, country=country)
    lists_rebuilt()
    assert sorted(cities(search(api_client, q="nurse ontario"))) == ["London", "Ontario", "Toronto"]
    assert cities(search(api_client, q="nurse british columbia")) == ["Vancouver"]
    assert cities(search(api_client, q="nurse new south wales")) == ["Sydney"]
    answer = search(api_client, q="nurse tasmania")
    assert cities(answer) == ["Hobart"] and answer.json()["query"]["corrections"] == {}
    assert cities(search(api_client, q='nurse "ontario"')) == ["Ontario"]
    assert "Ontario" not in cities(search(api_client, q="nurse -ontario", page_size=20))
    assert "Toronto" in cities(search(api_client, q="nurse -ontario", page_size=20))
    assert cities(search(api_client, q="nurse london ontario")) == ["London"]  # after a city: the city there


def test_a_metropolitan_area_finds_the_jobs_in_its_cities(api_client):
    """`bay area`, `gta`, `greater london`, `london area`: few jobs name their metropolitan area, and none found
    anything. The jobs in its cities answer it, not those of its cities' names elsewhere (Richmond, Virginia; London,
    Ontario); words after a city's name only ending the query (`london area manager` asks for area managers). Quoted or
    excluded, the name is its words."""
    for city, region, country in (
        ("San Jose", "California", "US"), ("Oakland", "California", "US"), ("Richmond", "California", "US"),
        ("Richmond", "Virginia", "US"), ("Sacramento", "California", "US"), ("Mississauga", "", "CA"),
        ("Croydon", "England", "GB"), ("London", "England", "GB"), ("London", "", "CA"), ("Luton", "England", "GB"),
    ):  # fmt: skip
        searchable_job(title="Nurse", city=city, region=region, country=country)
    searchable_job(title="Area Manager", city="London", region="England", country="GB")
    searchable_job(title="Nurse", city="Boston", region="Massachusetts", country="US", description="Bay Area native.")
    lists_rebuilt()
    answer = search(api_client, q="nurse bay area", page_size=20)
    assert sorted(job["region"] for job in answer.json()["results"] if job["city"] == "Richmond") == ["California"]
    assert sorted(cities(answer)) == ["Boston", "Oakland", "Richmond", "San Jose"]  # and the job saying it
    assert answer.json()["query"]["did_you_mean"] is None
    assert cities(search(api_client, q="nurse gta")) == ["Mississauga"]
    assert sorted(cities(search(api_client, q="nurse greater london"))) == ["Croydon", "London"]
    assert sorted(cities(search(api_client, q="nurse london area"))) == ["Croydon", "London", "Luton"]  # 50 km
    assert [job["country"] for job in search(api_client, q="nurse london area").json()["results"]] == ["GB"] * 3
    assert [job["title"] for job in search(api_client, q="london area manager").json()["results"]] == ["Area Manager"]
    assert cities(search(api_client, q='nurse "bay area"')) == ["Boston"]
    assert "Mississauga" in cities(search(api_client, q="nurse -gta", page_size=20))  # the word excluded, as `-ontario`


def test_the_short_names_people_type_for_a_few_cities_find_their_jobs(api_client):
    """`nyc`, `sf` and `hk` are New York City, San Francisco and Hong Kong (the gazetteer's other names under four
    letters count for these only: the rest are mostly airports' codes), also where common words lie one edit from
    them (`of`, `hr`): too short to be corrected, they are no misspellings of those."""
    from nexus.search.models import SearchTerm
    from nexus.search.spelling import WORD_OF_ITS_OWN

    for city in ("New York City", "San Francisco", "Boston"):
        searchable_job(title="Nurse", city=city, country="US")
    searchable_job(title="Nurse", city="Hong Kong", country="HK")
    lists_rebuilt()
    for word in ("of", "hr"):
        SearchTerm.objects.update_or_create(word=word, defaults={"jobs": WORD_OF_ITS_OWN})
    assert cities(search(api_client, q="nurse nyc")) == ["New York City"]
    assert cities(search(api_client, q="sf")) == ["San Francisco"]
    assert cities(search(api_client, q="nurse hk")) == ["Hong Kong"]


def test_a_countrys_name_typed_last_is_no_prefix(api_client):
    """`usa` and `india` typed last are the countries, not also the start of usability or Indian."""
    searchable_job(title="Nurse", city="Boston", country="US")
    searchable_job(title="Usability Researcher", city="Berlin", country="DE")
    searchable_job(title="Nurse", city="Mumbai", country="IN")
    searchable_job(title="Indian Cuisine Chef", city="London", country="GB")
    lists_rebuilt()
    assert cities(search(api_client, q="usa")) == ["Boston"]
    assert cities(search(api_client, q="india")) == ["Mumbai"]
    assert titles(search(api_client, q="usabil")) == ["Usability Researcher"]  # no country: a prefix


def test_us_unquoted_is_the_united_states(api_client):
    """`developer us` asks for developers in the USA, not for descriptions saying "join us"; quoted, it is the word."""
    searchable_job(title="Developer", city="Boston", country="US")
    searchable_job(title="Developer", city="Berlin", country="DE", description="Come and join us in Berlin.")
    lists_rebuilt()
    assert cities(search(api_client, q="developer us")) == ["Boston"]
    assert cities(search(api_client, q="developer US ")) == ["Boston"]
    assert cities(search(api_client, q="developer -us")) == ["Berlin"]
    assert cities(search(api_client, q='developer "us"')) == ["Berlin"]
    # "did you mean" writes it back as typed, not as the USA it stands for
    assert search(api_client, q="develper us").json()["query"]["did_you_mean"] == "developer us"


def test_a_skills_name_of_several_words_is_a_phrase_with_the_skills_other_names(api_client):
    """`natural language processing` typed as words is the skill's name: its words in a row, or its alias `nlp`, as
    quoted; not each word anywhere. The longest name wins (`amazon web services`, not `web services`); an excluded
    or quoted word is left as it is."""
    skill_named("Natural Language Processing", aliases=["nlp"])
    skill_named("Amazon Web Services", aliases=["aws"])
    skill_named("Web Services")
    jobs_titled("NLP Engineer", "AWS Engineer")
    searchable_job(title="Linguist", description="Natural processing of language documents.")
    searchable_job(title="Web Engineer", description="Amazon marketplace services.")
    lists_rebuilt()
    assert titles(search(api_client, q="natural language processing")) == ["NLP Engineer"]
    assert titles(search(api_client, q="amazon web services engineer")) == ["AWS Engineer"]
    assert titles(search(api_client, q="natural language -processing")) == []
    assert titles(search(api_client, q='natural language "processing"')) == ["Linguist"]
    # written back as typed, not quoted
    response = search(api_client, q="natural language processing enginer")
    assert response.json()["query"]["did_you_mean"] == "natural language processing engineer"
    assert titles(response) == ["NLP Engineer"]
    # finding nothing, the name counts as one word naming the job
    assert search(api_client, q="amazon web services linguist").json()["query"]["did_you_mean"] == "linguist"
    # misspelt, the name corrected is the name, as typed right (jobs having the skill, its words are theirs)
    searchable_job(title="Data Scientist", skills=("Natural Language Processing",))
    lists_rebuilt()
    query = search(api_client, q="natual language processing").json()
    assert query["query"]["corrections"] == {"natual": "natural"}
    assert query["query"]["did_you_mean"] == "natural language processing"
    assert {job["title"] for job in query["results"]} == {"NLP Engineer", "Data Scientist"}  # not the Linguist


def test_a_skills_name_typed_last_is_that_skill_not_the_start_of_longer_words(api_client):
    """`java` is Java, not the start of JavaScript; `rust` no start of Rustenburg. Begun (`jav`) or starred
    (`java*`) it is a prefix; a skill's name that English stems (`teaching`) stays the prefix of its stem (teacher)."""
    for name in ("Java", "JavaScript", "Rust", "Teaching"):
        skill_named(name)
    searchable_job(title="Backend Developer", skills=("Java",))
    searchable_job(title="Frontend Developer", skills=("JavaScript",))
    searchable_job(title="Mine Surveyor", city="Rustenburg", country="ZA")
    searchable_job(title="Teacher")
    lists_rebuilt()
    assert titles(search(api_client, q="java")) == ["Backend Developer"]
    assert set(titles(search(api_client, q="jav"))) == {"Backend Developer", "Frontend Developer"}
    assert set(titles(search(api_client, q="java*"))) == {"Backend Developer", "Frontend Developer"}
    assert titles(search(api_client, q="rust")) == []
    assert titles(search(api_client, q="rustenb")) == ["Mine Surveyor"]
    assert titles(search(api_client, q="teaching")) == ["Teacher"]


def test_a_place_of_two_words_does_not_keep_a_title_from_answering_the_query(api_client):
    """`san francisco` and `new york` (of New York City) name places as two words, neither a place alone. (The
    title boost outweighs a hundred days; text relevance alone does not.)"""
    older, newer = timezone.now() - timedelta(days=100), timezone.now()
    for city in ("San Francisco", "New York City"):
        searchable_job(title="Python Developer", city=city, country="US", published_at=older)
        searchable_job(title="NLP Engineer", skills=("Python",), city=city, country="US", published_at=newer)
    lists_rebuilt()
    for query in ("python san francisco", "python new york "):
        assert titles(search(api_client, q=query)) == ["Python Developer", "NLP Engineer"], query
        assert search(api_client, q=query).json()["query"]["corrections"] == {}, query


@pytest.mark.parametrize(
    ("words", "begun", "place"),
    [
        ("new york city", False, True),
        ("new york", False, False),
        ("new york", True, True),  # begins New York City
        ("new york city", True, True),
        ("new yo", True, False),  # begins a word of it only
        ("ne_ york", True, False),  # `_` and `%` are letters, not wildcards
        ("new%", True, False),
        ("france", False, True),  # a country
        ("york", True, False),
    ],
)
def test_the_words_a_place_is_named_or_begun_with(words, begun, place):
    from nexus.search.analysis import is_place

    searchable_job(title="Nurse", city="New York City", country="US")
    lists_rebuilt()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {is_place('%s', begun=begun)}", [words] * (5 if begun else 2))
        assert cursor.fetchone()[0] is place


def test_newer_jobs_rank_higher_at_equal_relevance(api_client):
    searchable_job(title="Rust Developer", published_at=timezone.now() - timedelta(days=40))
    searchable_job(title="Rust Engineer", published_at=timezone.now())
    assert titles(search(api_client, q="rust ")) == ["Rust Engineer", "Rust Developer"]


def test_featured_jobs_rank_higher_at_equal_relevance_and_age(api_client):
    published = timezone.now() - timedelta(days=2)
    searchable_job(title="Kotlin Developer", published_at=published)
    searchable_job(
        title="Kotlin Engineer",
        published_at=published,
        is_featured=True,
        featured_until=timezone.now() + timedelta(days=3),
    )
    assert titles(search(api_client, q="kotlin "))[0] == "Kotlin Engineer"


def test_a_plural_is_no_misspelling(api_client):
    """Titles say Nurse and Developer; nurses and developers are those words inflected, found as they are."""
    searchable_job(title="Registered Nurse")
    searchable_job(title="Python Developer")
    for q, found in (("nurses", "Registered Nurse"), ("python developers", "Python Developer")):
        response = search(api_client, q=q)
        assert titles(response) == [found]
        assert response.json()["query"]["corrections"] == {}
        assert response.json()["query"]["did_you_mean"] is None
    assert search(api_client, q="nursess").json()["query"]["corrections"] == {"nursess": "nurse"}  # a typo still


def test_typos_are_corrected_and_said(api_client):
    searchable_job(title="Python Developer")
    searchable_job(title="Platform Engineer", skills=("Kubernetes",))
    lists_rebuilt()
    response = search(api_client, q="pyhton")
    assert titles(response) == ["Python Developer"]
    assert response.json()["query"]["did_you_mean"] == "python"
    assert response.json()["query"]["corrections"] == {"pyhton": "python"}
    assert titles(search(api_client, q="kubernets")) == ["Platform Engineer"]


def test_a_letter_moved_is_corrected_though_trigrams_find_nearer_words(api_client):
    """`phyton` shares two of its twelve trigrams with python: more than TYPO_CANDIDATES words of the vocabulary are
    nearer by trigrams (physio, physics, php...), and python is not among them."""
    words = ["Phylum", "Physio", "Physics", "Physical", "Pho", "PHP", "PhD", "Physician", "Phase", "Phlox", "Phone"]
    jobs_titled("Python Developer", *(f"{word} Specialist" for word in words))
    response = search(api_client, q="phyton developer")
    assert response.json()["query"]["corrections"] == {"phyton": "python"}
    assert titles(response) == ["Python Developer"]


def test_a_word_descriptions_use_is_corrected_only_to_a_word_used_ten_times_as_much(api_client):
    for _ in range(2):
        searchable_job(title="Staff Nurse", description="Rotating night shift with a generous salary.")
    searchable_job(title="Swift Developer", description="Build iOS apps.")
    searchable_job(title="Python Developer", description="A pyhton shop.")  # one description shares the typo
    for _ in range(9):
        searchable_job(title="Python Engineer")
    lists_rebuilt()
    response = search(api_client, q="night shift")  # swift: 1 job; shift: 2 documents
    assert response.json()["query"]["corrections"] == {}
    assert titles(response) == ["Staff Nurse", "Staff Nurse"]
    response = search(api_client, q="pyhton")  # python: 10 jobs; pyhton: 1 document
    assert response.json()["query"]["corrections"] == {"pyhton": "python"}
    assert len(titles(response)) == 10


def test_a_query_finding_nothing_is_offered_without_the_words_no_job_holds(api_client):
    searchable_job(title="Delivery Driver")
    searchable_job(title="Python Developer")
    lists_rebuilt()
    query = search(api_client, q="truck driver").json()
    assert query["count"] == 0 and query["query"]["did_you_mean"] == "driver"
    assert search(api_client, q="pyhton zebra").json()["query"]["did_you_mean"] == "python"  # corrected too
    assert search(api_client, q="zebra").json()["query"]["did_you_mean"] is None  # nothing would be left
    assert search(api_client, q="the zebra").json()["query"]["did_you_mean"] is None  # a stop word only
    assert search(api_client, q="full zebra").json()["query"]["did_you_mean"] is None  # a field word's part only
    assert search(api_client, q="remote zebra").json()["query"]["did_you_mean"] == "remote"  # a whole field word
    assert search(api_client, q="zebra -remote").json()["query"]["did_you_mean"] is None  # an exclusion only
    assert search(api_client, q="remote zebra driver").json()["query"]["did_you_mean"] == "remote driver"
    # a word too short to correct that no job holds is left out too (it was offered alone: `xyz`)
    assert search(api_client, q="xyz pyhton").json()["query"]["did_you_mean"] == "python"
    assert search(api_client, q="abc driver").json()["query"]["did_you_mean"] == "driver"
    # a field word's part is left out with the word it went with (full of full-time), kept with its other part
    assert search(api_client, q="full zebra driver").json()["query"]["did_you_mean"] == "driver"
    assert search(api_client, q="part time zebra driver").json()["query"]["did_you_mean"] == "part time driver"
    assert search(api_client, q="driver -zebra").json()["query"]["did_you_mean"] is None  # it finds the driver
    # the stop words their going leaves first or last go too; those between the words stay
    assert search(api_client, q="the zebra driver").json()["query"]["did_you_mean"] == "driver"
    assert search(api_client, q="driver for the zebra").json()["query"]["did_you_mean"] == "driver"
    assert search(api_client, q="driver of the zebra python").json()["query"]["did_you_mean"] == "driver of the python"
    # corrected, `driver pyhton` finds nothing either (the results hold python's matches): not `driver python`
    query = search(api_client, q="driver pyhton").json()
    assert query["count"] == 0 and query["query"]["corrections"] == {"pyhton": "python"}
    assert query["query"]["did_you_mean"] == "driver"


def offered(api_client, q: str) -> str | None:
    """The "did you mean" of a query that finds nothing."""
    query = search(api_client, q=q).json()
    assert query["count"] == 0, q
    return query["query"]["did_you_mean"]


def test_a_query_of_held_words_finding_nothing_is_offered_without_the_first_that_names_the_job(api_client):
    """Each word finds jobs alone, none together: English names the job last (`delivery driver`: driver)."""
    searchable_job(title="Delivery Manager", experience_level="senior")
    searchable_job(title="Driver", city="London", country="GB", experience_level="senior")
    lists_rebuilt()

    assert offered(api_client, "delivery driver") == "driver"
    assert offered(api_client, "manager driver") == "driver"
    # field words, places and exclusions stay; so does a quoted phrase, never split
    assert offered(api_client, "senior delivery driver london") == "senior driver london"
    assert offered(api_client, "delivery driver -london") == "driver -london"
    assert offered(api_client, '"delivery driver"') is None
    assert offered(api_client, '"delivery manager" driver') is None  # one word names the job: nothing to leave out
    assert offered(api_client, "delivery OR manager driver") is None
    assert offered(api_client, "the delivery driver") == "driver"  # not `the driver`
    assert search(api_client, q="delivery manager").json()["query"]["did_you_mean"] is None  # it finds the job


def test_a_graded_job_name_finding_nothing_is_offered_without_its_grade(api_client):
    """`software engineer ii` on a board whose Software Engineers have no grade offers `software engineer`, not
    `engineer ii`; a grade is never offered alone (`top 10`: no `10`), nor a number next to a word left out."""
    searchable_job(title="Software Engineer", description="Build the APIs.", company__name="Acme")
    searchable_job(title="Accountant II", description="Shifts of 10 hours, 2 days a week.", company__name="Zenith")
    lists_rebuilt()

    assert offered(api_client, "software engineer ii") == "software engineer"
    assert offered(api_client, "engineer 2") == "engineer"
    assert offered(api_client, "senior software engineer iii") == "senior software engineer"
    assert offered(api_client, "top 10") is None
    # a number next to a word no job holds goes with it (it was `software engineer 6`, `10 software engineer`)
    assert offered(api_client, "software engineer 6 months") == "software engineer"
    assert offered(api_client, "top 10 software engineer") == "software engineer"
    assert offered(api_client, "accountant software") == "software"  # no grade: the first word naming the job goes
    assert titles(search(api_client, q="accountant ii")) == ["Accountant II"]


def test_a_word_with_digits_or_signs_no_job_holds_is_left_out_of_did_you_mean_and_never_corrected(api_client):
    """`python h1b` (a visa no job names) offers `python`, `c++ developer` on a board with no C++ `developer`; a
    word with digits or signs the documents hold is kept."""
    searchable_job(title="Python Developer", description="Ship Python 3.12 services, on call 24 hours.")
    searchable_job(title="Night Nurse")
    lists_rebuilt()
    query = search(api_client, q="python h1b").json()
    assert query["count"] == 0 and query["query"]["corrections"] == {}
    assert query["query"]["did_you_mean"] == "python"
    assert search(api_client, q="nurse h1b ").json()["query"]["did_you_mean"] == "nurse"  # typed last
    assert titles(search(api_client, q="python 3.12")) == ["Python Developer"]
    assert search(api_client, q="python 3.12").json()["query"]["did_you_mean"] is None
    assert search(api_client, q="h1b").json()["query"]["did_you_mean"] is None  # nothing would be left
    searchable_job(title="Node.js Developer")
    query = search(api_client, q="c++ developer").json()
    assert query["count"] == 0 and query["query"]["did_you_mean"] == "developer"
    assert search(api_client, q="c# node.js").json()["query"]["did_you_mean"] == "node.js"


def test_a_salary_typed_in_the_query_is_read_as_the_salary_filters(api_client):
    """`python 100k` found nothing (no job writes 100k): it asks what `python` with salary_min=100000 does, on the
    search and on the job list; the query block says the salary read, and "did you mean" writes it back. A currency
    sign is the amount's currency; a range also a most; the request's own salary filters say the salary instead."""
    searchable_job(title="Python Developer", salary_yearly_min=90_000, salary_yearly_max=120_000)
    searchable_job(title="Junior Python Developer", salary_yearly_min=40_000, salary_yearly_max=60_000)
    searchable_job(title="Senior Python Developer", salary_yearly_min=150_000, salary_yearly_max=190_000)
    searchable_job(title="Nurse", salary_yearly_min=100_000, salary_yearly_max=130_000)
    lists_rebuilt()
    answer = search(api_client, q="python 100k")
    assert sorted(titles(answer)) == ["Python Developer", "Senior Python Developer"]
    answer = answer.json()
    assert answer["query"]["salary"] == {"min": 100_000, "max": None, "currency": None}
    assert answer["query"]["ignored"] is False and answer["query"]["text"] == "python 100k"
    listed = api_client.get("/api/v1/jobs/", {"q": "python 100k"}).json()
    assert sorted(job["title"] for job in listed["results"]) == ["Python Developer", "Senior Python Developer"]
    assert titles(search(api_client, q="python 60-80k")) == ["Junior Python Developer"]
    # £ is GBP: 100,000 pounds are 133,333 dollars at the default rate (0.75)
    assert titles(search(api_client, q="python £100k")) == ["Senior Python Developer"]
    corrected = search(api_client, q="pyhton 100k").json()["query"]
    assert corrected["did_you_mean"] == "python 100k" and corrected["salary"]["min"] == 100_000
    given = search(api_client, q="python 100k", salary_min=150_000)
    assert titles(given) == ["Senior Python Developer"] and given.json()["query"]["salary"] is None
    assert search(api_client, q="100k").json()["count"] == 3  # any job paying it
    assert search(api_client, q="python 3").json()["query"]["salary"] is None


def test_title_asks_a_word_or_phrase_of_the_title_only(api_client):
    """`title:python` finds the jobs whose title says Python, not those whose skills or text do; `-title:senior`
    leaves out the senior titles only; `title:remote` asks the title, not the remote type."""
    searchable_job(title="Python Developer", remote_type="onsite")
    searchable_job(title="Senior Python Developer", remote_type="onsite")
    searchable_job(
        title="Backend Developer", skills=("Python",), description="Senior team, Python.", remote_type="remote"
    )
    searchable_job(title="Remote Sales Lead", remote_type="onsite")
    lists_rebuilt()
    assert sorted(titles(search(api_client, q="title:python"))) == ["Python Developer", "Senior Python Developer"]
    assert len(titles(search(api_client, q="python"))) == 3
    assert sorted(titles(search(api_client, q="python -title:senior"))) == ["Backend Developer", "Python Developer"]
    assert titles(search(api_client, q='title:"python developer" -title:senior')) == ["Python Developer"]
    assert titles(search(api_client, q="title:remote")) == ["Remote Sales Lead"]
    assert titles(search(api_client, q="developer title:backend")) == ["Backend Developer"]
    misspelt = search(api_client, q="title:pyhton").json()  # as written, as quoted
    assert misspelt["count"] == 0 and misspelt["query"]["corrections"] == {}


def test_a_skill_no_job_has_is_left_out_of_did_you_mean_and_its_aliases_count_as_it(api_client):
    """The taxonomy names skills no listed job has yet (`ruby`): the vocabulary holds their names, so they are never
    corrected, but a query they leave empty is offered without them; a skill some job has is kept (`golang`, an
    alias of Go)."""
    skill_named("Ruby")
    skill_named("Go", aliases=["golang"])
    searchable_job(title="Backend Developer", skills=("Go",))
    lists_rebuilt()
    query = search(api_client, q="ruby developer").json()
    assert query["count"] == 0 and query["query"]["corrections"] == {}
    assert query["query"]["did_you_mean"] == "developer"
    assert search(api_client, q="ruby").json()["query"]["did_you_mean"] is None  # nothing would be left
    assert titles(search(api_client, q="golang developer")) == ["Backend Developer"]
    query = search(api_client, q="golang ruby").json()
    assert query["count"] == 0 and query["query"]["did_you_mean"] == "golang"


def test_a_title_abbreviation_no_job_holds_is_left_out_of_did_you_mean(api_client):
    """`accountant cpa` finds nothing where no job says CPA or Certified Public Accountant: it is offered
    `accountant`, not `cpa` (the job named last), which finds nothing either; an abbreviation jobs hold, by itself
    or by what it stands for, is kept (`sales sdr`: `sdr`)."""
    searchable_job(title="Senior Accountant")
    searchable_job(title="Sales Development Representative")
    searchable_job(title="Python Developer")
    lists_rebuilt()
    query = search(api_client, q="accountant cpa").json()
    assert query["count"] == 0 and query["query"]["did_you_mean"] == "accountant"
    assert search(api_client, q="python sdet").json()["query"]["did_you_mean"] == "python"
    assert search(api_client, q="cpa").json()["query"]["did_you_mean"] is None  # nothing would be left
    assert search(api_client, q="python sdr").json()["query"]["did_you_mean"] == "sdr"
    assert titles(search(api_client, q="sdr")) == ["Sales Development Representative"]


def test_a_word_a_thousand_documents_hold_is_not_corrected():
    from nexus.search.spelling import WORD_OF_ITS_OWN, more_used_than

    assert more_used_than(10, 1) and more_used_than(5_000, 0)
    assert not more_used_than(9, 1)
    assert not more_used_than(10**6, WORD_OF_ITS_OWN)


def test_a_word_whose_stem_is_a_common_words_may_still_misspell_another():
    """`programer` stems to program, which thousands of documents hold, and begins it as an inflection would: it is
    still programmer misspelt, one edit away, as English does not use it; `nurses` is nurse inflected."""
    from nexus.search.spelling import WORD_OF_ITS_OWN, misspelt_into_a_common_stem

    assert misspelt_into_a_common_stem("programer", "programmer", WORD_OF_ITS_OWN, stemmed=True)
    assert not misspelt_into_a_common_stem("programer", "programmer", WORD_OF_ITS_OWN - 1, stemmed=True)
    assert not misspelt_into_a_common_stem("programer", "programmer", WORD_OF_ITS_OWN, stemmed=False)
    assert not misspelt_into_a_common_stem("programer", "programme", WORD_OF_ITS_OWN, stemmed=True)  # inflected
    assert not misspelt_into_a_common_stem("nurses", "nurse", WORD_OF_ITS_OWN, stemmed=True)
    assert not misspelt_into_a_common_stem("programer", "progressive", WORD_OF_ITS_OWN, stemmed=True)
    assert not misspelt_into_a_common_stem("planning", "planting", WORD_OF_ITS_OWN, stemmed=True)  # English


def test_a_misspelling_sharing_a_common_words_stem_is_corrected(api_client, monkeypatch):
    """On a board where `program` is common (here: 3 documents, the bound lowered to 3), `programer` is corrected to
    programmer, though it stems to program and begins it."""
    from nexus.search import spelling

    for _ in range(3):
        searchable_job(title="Program Manager")
    searchable_job(title="Programmer")
    lists_rebuilt()
    monkeypatch.setattr(spelling, "WORD_OF_ITS_OWN", 3)
    response = search(api_client, q="programer")
    assert response.json()["query"]["corrections"] == {"programer": "programmer"}
    assert titles(response)[0] == "Programmer"


def test_a_last_word_that_begins_a_common_word_is_no_misspelling(api_client):
    """`engi` typed last begins engineer, which a thousand documents hold: it is not corrected to Ergi, a city one
    job is in, nor offered as "did you mean"; a misspelt last word still is (`pyhton`)."""
    from nexus.jobs.models import Job
    from nexus.search.spelling import WORD_OF_ITS_OWN

    from .factories import JobFactory

    company = CompanyFactory()
    Job.objects.bulk_create(JobFactory.build_batch(WORD_OF_ITS_OWN, company=company, title="Site Engineer"))
    searchable_job(title="Python Developer", city="Ergi")
    lists_rebuilt()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_jobdocument")  # the column's most common lexemes, which the rule reads
    answer = search(api_client, q="engi").json()
    assert answer["query"]["corrections"] == {} and answer["query"]["did_you_mean"] is None
    assert search(api_client, q="engi", city="Ergi").json()["count"] == 0  # the engineers, not the job in Ergi
    assert search(api_client, q="pyhton").json()["query"]["corrections"] == {"pyhton": "python"}


def test_a_misspelt_city_is_corrected_but_field_words_and_places_are_words_jobs_use(api_client):
    searchable_job(title="Ward Nurse", city="Lisbon")
    searchable_job(title="Cook", city="Hull", company=CompanyFactory(name="Homes Works"))
    lists_rebuilt()
    response = search(api_client, q="lisbno nurse")
    assert titles(response) == ["Ward Nurse"]
    assert response.json()["query"]["corrections"] == {"lisbno": "lisbon"}
    for query in ("full time nurse", "nurse work from home", "nurse lisbon"):  # full is not hull, nor work works
        assert search(api_client, q=query).json()["query"]["corrections"] == {}, query


def test_a_word_after_the_first_of_a_city_s_name_is_corrected_to_the_name_whatever_it_is(api_client):
    """`angles` is English and descriptions say it, `angelas` stems to angela, of Jardim Angela: after `los` each
    misspells Los Angeles. Not after a word English uses much (`new heaven` is no New Haven), nor when too short."""
    searchable_job(title="ICU Nurse", city="Los Angeles")
    searchable_job(title="Surveyor", description="Measure angles and distances.")
    searchable_job(title="Nurse", city="Jardim Angela")
    searchable_job(title="Nurse", city="New Haven")
    searchable_job(title="Clerk", city="Hong Kong")
    lists_rebuilt()
    for query, corrected in (("nurse los angles", "angles"), ("nurse los angelas", "angelas")):
        answer = search(api_client, q=query).json()
        assert [job["title"] for job in answer["results"]] == ["ICU Nurse"], query
        assert answer["query"]["corrections"] == {corrected: "angeles"}
        assert answer["query"]["did_you_mean"] == "nurse los angeles"
    assert search(api_client, q="nurse los angeles").json()["query"]["corrections"] == {}
    assert search(api_client, q="nurse new heaven").json()["query"]["corrections"] == {}
    assert search(api_client, q="hong kng").json()["query"]["corrections"] == {}


def test_a_word_no_job_uses_is_not_taken_for_a_small_city_two_edits_away(api_client):
    """`summer` is no misspelling of Sumbe, nor `startup` of Tartus, nor `mecanic` of Medani, a word of Wad Medani;
    `johanesberg`, long, is one of Johannesburg."""
    searchable_job(title="Intern", city="Sumbe")
    searchable_job(title="Cook", city="Tartus")
    searchable_job(title="Clerk", city="Wad Medani")
    searchable_job(title="Nurse", city="Johannesburg")
    lists_rebuilt()
    for query in ("summer nurse", "startup nurse", "mecanic nurse"):
        answer = search(api_client, q=query).json()
        assert answer["count"] == 0 and answer["query"]["corrections"] == {}, query
        assert answer["query"]["did_you_mean"] == "nurse", query  # without the word no job holds
    response = search(api_client, q="johanesberg nurse")
    assert titles(response) == ["Nurse"]
    assert response.json()["query"]["corrections"] == {"johanesberg": "johannesburg"}


def test_a_word_is_not_taken_for_a_word_of_a_places_name_one_edit_away(api_client):
    """`aide` is no misspelling of Side, a word of Upper West Side, though English uses side more; nor `json` of Son
    (Sơn Tây), nor `ccna` of Cana (Punta Cana). `bernin` is still Berlin misspelt, a place's whole name, and `los
    angles` Los Angeles, the word after the first of its name."""
    searchable_job(title="Physician", city="Upper West Side")
    searchable_job(title="Teacher", city="Sơn Tây", country="VN")
    searchable_job(title="Engineer", city="Punta Cana", country="DO")
    searchable_job(title="Nurse", city="Berlin")
    searchable_job(title="Nurse", city="Los Angeles", country="US")
    lists_rebuilt()
    for query in ("nurse aide", "nurse json", "nurse ccna"):
        answer = search(api_client, q=query).json()
        assert answer["count"] == 0 and answer["query"]["corrections"] == {}, query
        assert answer["query"]["did_you_mean"] == "nurse", query  # without the word no job holds
    assert search(api_client, q="nurse bernin").json()["query"]["corrections"] == {"bernin": "berlin"}
    assert search(api_client, q="nurse los angles").json()["query"]["corrections"] == {"angles": "angeles"}


def test_an_english_word_no_job_uses_is_not_taken_for_a_rarer_word_one_edit_away(api_client):
    """`visa` is no misspelling of Vista, nor `winter` of writer; `manger`, rare in English, is one of manager."""
    searchable_job(title="Nurse", city="Vista")
    searchable_job(title="Technical Writer")
    searchable_job(title="Store Manager")
    lists_rebuilt()
    for query in ("visa nurse", "winter nurse"):
        answer = search(api_client, q=query).json()
        assert answer["count"] == 0 and answer["query"]["corrections"] == {}, query
        assert answer["query"]["did_you_mean"] == "nurse", query
    response = search(api_client, q="store manger")
    assert titles(response) == ["Store Manager"]
    assert response.json()["query"]["corrections"] == {"manger": "manager"}


def test_no_did_you_mean_for_words_jobs_use(api_client):
    searchable_job(title="Python Developer")
    searchable_job(title="Senior Accountant")
    searchable_job(title="Junior Accounting Clerk")
    lists_rebuilt()
    assert search(api_client, q="python").json()["query"]["did_you_mean"] is None
    query = search(api_client, q="senior accountant").json()["query"]  # words near other words, no skill
    assert query["did_you_mean"] is None and query["corrections"] == {}


def test_words_written_apart_or_hyphenated_find_the_word_jobs_write_as_one(api_client):
    searchable_job(title="Frontend Developer")
    searchable_job(title="Web Developer", description="Front end work with a small team.")
    searchable_job(title="Backend Developer")
    searchable_job(title="Developer Advocate", description="Speak at the front. End users love us.")
    searchable_job(title="Chef", description="Front of house, end of service.")
    lists_rebuilt()
    expected = {"Frontend Developer", "Web Developer", "Developer Advocate"}  # the last: both words, as before
    for query in ("front end developer", "front-end developer", "frontend developer "):
        response = search(api_client, q=query)
        assert set(titles(response)) == expected - (
            {"Web Developer", "Developer Advocate"} if "frontend" in query else set()
        )
        assert titles(response)[0] == "Frontend Developer", query
        assert response.json()["query"]["corrections"] == {}, query
    # the words of a compound the documents hold are not misspelt, though no job writes `back` alone
    response = search(api_client, q="back end developer")
    assert titles(response) == ["Backend Developer"] and response.json()["query"]["corrections"] == {}


def test_two_words_that_make_one_are_asked_in_a_row(api_client):
    """`part time` and `front end` mean part-time and front-end, not the two words anywhere in a job."""
    searchable_job(title="Care Assistant", employment_type="part_time")
    searchable_job(title="Care Coordinator", description="Be part of a team that answers the phone at any time.")
    searchable_job(title="Frontend Developer")
    searchable_job(title="Receptionist", description="Front desk duties until the end of the day.")
    lists_rebuilt()
    assert titles(search(api_client, q="part time")) == ["Care Assistant"]
    assert titles(search(api_client, q="front end")) == ["Frontend Developer"]
    assert set(titles(search(api_client, q="front desk end"))) == {"Receptionist"}  # not a compound: anywhere


def test_a_hyphenated_field_word_written_apart_is_asked_in_a_row(api_client):
    """`entry level` means entry-level, though no document holds it as one word: not a mid-level Data Entry Clerk
    whose description says "level" somewhere else."""
    searchable_job(title="Junior Developer", experience_level="entry")
    searchable_job(title="Data Entry Clerk", experience_level="mid", description="Keep stock levels in order.")
    searchable_job(title="Receptionist", experience_level="mid", description="An entry level role.")
    assert set(titles(search(api_client, q="entry level"))) == {"Junior Developer", "Receptionist"}
    assert titles(search(api_client, q="entry level developer")) == ["Junior Developer"]
    assert len(titles(search(api_client, q="level entry"))) == 3  # not the field word: the words anywhere


def test_words_are_joined_only_when_the_documents_hold_the_compound_and_both_are_asked(api_client):
    searchable_job(title="Frontend Developer")
    searchable_job(title="Cloud Developer", description="Data science and front end.")
    lists_rebuilt()
    assert titles(search(api_client, q="data science")) == ["Cloud Developer"]  # no `datascience` to find
    assert titles(search(api_client, q='"front end"')) == ["Cloud Developer"]  # a phrase means its words
    assert titles(search(api_client, q="front -end")) == []  # an excluded word is not half of a compound
    assert set(titles(search(api_client, q="front OR end"))) == {"Cloud Developer"}


def test_a_word_that_runs_two_words_together_finds_them_written_apart_or_hyphenated(api_client):
    """`fullstack` finds Full Stack and Full-Stack jobs as well as Fullstack ones; `webdeveloper` Web Developers. Only
    the two words in a row: not a job whose description says them apart."""
    searchable_job(title="Full Stack Developer")
    searchable_job(title="Full-Stack Engineer")
    searchable_job(title="Fullstack Engineer")
    searchable_job(title="Back-End Developer")
    searchable_job(title="Web Developer")
    searchable_job(title="Chef", description="Stack the plates when the shift is full, then stack the trays.")
    searchable_job(title="Delivery Driver")
    lists_rebuilt()
    assert set(titles(search(api_client, q="fullstack"))) == {
        "Full Stack Developer",
        "Full-Stack Engineer",
        "Fullstack Engineer",
    }
    assert titles(search(api_client, q="fullstack developer")) == ["Full Stack Developer"]
    assert titles(search(api_client, q="backend")) == ["Back-End Developer"]
    response = search(api_client, q="webdeveloper")
    assert titles(response) == ["Web Developer"] and response.json()["query"]["corrections"] == {}
    assert set(titles(search(api_client, q="developer -fullstack"))) == {"Back-End Developer", "Web Developer"}
    assert titles(search(api_client, q='"fullstack"')) == ["Fullstack Engineer"]  # quoted: the word as written
    # jobs hold it, as its two words: finding nothing, the query is not offered without it, as without a word no job
    # holds, but without the first word naming the job, as when every word is held
    query = search(api_client, q="driver webdeveloper").json()
    assert query["count"] == 0 and query["query"]["did_you_mean"] == "webdeveloper"


def test_a_word_jobs_use_more_than_its_parts_is_not_split(api_client):
    """`carpet` is no run of car and pet when more jobs say carpet than say either."""
    searchable_job(title="Carpet Fitter")
    searchable_job(title="Carpet Cleaner")
    searchable_job(title="Driver", description="Car pet transport across the city.")
    lists_rebuilt()
    assert set(titles(search(api_client, q="carpet"))) == {"Carpet Fitter", "Carpet Cleaner"}


def test_a_typo_that_splits_into_two_words_is_still_corrected(api_client):
    """`dentest` splits into den (Den Haag) and test (a Test Engineer), which no job says in a row: it is corrected."""
    searchable_job(title="Dentist")
    searchable_job(title="Test Engineer")
    searchable_job(title="Nurse", city="Den Haag")
    lists_rebuilt()
    response = search(api_client, q="dentest")
    assert titles(response) == ["Dentist"]
    assert response.json()["query"]["corrections"] == {"dentest": "dentist"}


def test_words_joined_by_a_slash_are_words_of_their_own(api_client):
    """In a job, `UI/UX` is two words; in a query, any of them (a UX Designer for `ui/ux designer`), the titles saying
    them first; quoted, or with no letter (`24/7`), the words in a row."""
    searchable_job(title="UI/UX Designer")
    searchable_job(title="UX Designer")
    searchable_job(title="Platform Engineer", description="You own our CI/CD pipelines, 24/7.")
    searchable_job(title="Graphic Designer", description="Print work, no UX, open 7 days 24 hours.")
    assert set(titles(search(api_client, q="ux"))) == {"UI/UX Designer", "UX Designer", "Graphic Designer"}
    found = titles(search(api_client, q="ui/ux designer"))
    assert sorted(found[:2]) == ["UI/UX Designer", "UX Designer"] and found[2:] == ["Graphic Designer"]
    assert titles(search(api_client, q='"ui/ux" designer')) == ["UI/UX Designer"]
    assert titles(search(api_client, q="24/7")) == ["Platform Engineer"]
    assert titles(search(api_client, q="ci/cd")) == ["Platform Engineer"]
    assert titles(search(api_client, q="cd")) == ["Platform Engineer"]


def test_abbreviations_of_titles_find_the_titles_they_stand_for(api_client):
    published = timezone.now() - timedelta(days=1)
    searchable_job(title="Site Reliability Engineer", published_at=published)
    searchable_job(title="Platform Engineer", description="Our SRE team is on call.", published_at=published)
    searchable_job(title="Product Manager")
    searchable_job(title="Project Manager")
    searchable_job(title="Vice President of Sales")
    searchable_job(title="Sales Engineer", description="Reliability of the site matters.")
    lists_rebuilt()
    response = search(api_client, q="sre")
    assert titles(response) == ["Site Reliability Engineer", "Platform Engineer"]  # the title first
    assert response.json()["query"]["corrections"] == {}
    assert set(titles(search(api_client, q="pm "))) == {"Product Manager", "Project Manager"}
    assert titles(search(api_client, q="vp sales")) == ["Vice President of Sales"]
    assert titles(search(api_client, q="engineer -sre")) == ["Sales Engineer"]  # excluded with what it stands for
    assert titles(search(api_client, q='"sre"')) == ["Platform Engineer"]  # quoted: the word as written


def test_dot_net_is_the_skill_not_the_start_of_network(api_client):
    """`.net` is .NET (its alias `dotnet` too), written back with its dot; it was `net`, typed last the start of
    network."""
    skill_named(".NET", aliases=["dotnet"])
    jobs_titled(".NET Developer", "Network Engineer")
    assert titles(search(api_client, q=".net")) == [".NET Developer"]
    assert titles(search(api_client, q="dotnet")) == [".NET Developer"]
    answer = search(api_client, q=".net developer xyzzy").json()
    assert answer["count"] == 0 and answer["query"]["did_you_mean"] == ".net developer"


def test_abbreviations_of_title_words_find_the_words(api_client):
    jobs_titled("Senior Developer", "Administrative Assistant", "Sales Representative", "Operations Manager")
    assert titles(search(api_client, q="sr developer")) == ["Senior Developer"]
    assert titles(search(api_client, q="admin asst")) == ["Administrative Assistant"]
    assert titles(search(api_client, q="sales rep")) == ["Sales Representative"]
    assert titles(search(api_client, q="ops mgr")) == ["Operations Manager"]
    assert titles(search(api_client, q="dev")) == ["Senior Developer"]
    jobs_titled("Nurse Practitioner", "General Manager", "Database Administrator", "Systems Administrator")
    assert titles(search(api_client, q="np")) == ["Nurse Practitioner"]
    assert titles(search(api_client, q="gm")) == ["General Manager"]
    assert titles(search(api_client, q="dba")) == ["Database Administrator"]
    assert titles(search(api_client, q="sysadmin")) == ["Systems Administrator"]
    jobs_titled("General Practitioner", "Business Intelligence Developer", "Information Security Analyst")
    assert titles(search(api_client, q="gp")) == ["General Practitioner"]
    assert titles(search(api_client, q="bi developer")) == ["Business Intelligence Developer"]
    assert titles(search(api_client, q="infosec")) == ["Information Security Analyst"]
    jobs_titled("Mathematics Teacher", "Bath Teacher", "Business Development Manager", "Certified Public Accountant")
    assert titles(search(api_client, q="math teacher")) == ["Mathematics Teacher"]  # not corrected to bath
    assert titles(search(api_client, q="maths teacher")) == ["Mathematics Teacher"]
    assert titles(search(api_client, q="bdm")) == ["Business Development Manager"]
    assert titles(search(api_client, q="cpa")) == ["Certified Public Accountant"]
    jobs_titled("Laboratory Technician", "Pharmacy Technician")
    assert titles(search(api_client, q="lab technician")) == ["Laboratory Technician"]  # not last: no prefix


def test_a_job_s_other_names_find_its_jobs(api_client):
    """Titles say one of a job's names (synonyms.py): `attorney` finds Lawyers and `lawyer` Attorneys, the title
    first; `realtor` the words titles say for it; excluded, a name leaves out its other names too."""
    published = timezone.now() - timedelta(days=1)
    searchable_job(title="Corporate Lawyer", published_at=published)
    searchable_job(title="Paralegal", description="You assist our attorneys in court.")
    searchable_job(title="Medical Doctor")
    searchable_job(title="Physician")
    searchable_job(title="Real Estate Agent")
    searchable_job(title="Estate Manager")
    searchable_job(title="Physical Therapist")
    assert titles(search(api_client, q="attorney")) == ["Corporate Lawyer", "Paralegal"]
    assert titles(search(api_client, q="lawyer")) == ["Corporate Lawyer", "Paralegal"]
    highlight = search(api_client, q="attorney").json()["results"][0]["highlight"]
    assert highlight["title"] == "Corporate <mark>Lawyer</mark>"
    assert set(titles(search(api_client, q="doctor"))) == {"Medical Doctor", "Physician"}
    assert titles(search(api_client, q="realtor")) == ["Real Estate Agent"]
    assert titles(search(api_client, q="physiotherapist")) == ["Physical Therapist"]
    assert titles(search(api_client, q="doctor -physician")) == []
    assert titles(search(api_client, q='"attorney"')) == ["Paralegal"]  # quoted: the word as written
    assert search(api_client, q="attorney").json()["query"]["corrections"] == {}
    lists_rebuilt()
    response = search(api_client, q="phyisician")  # corrected, with the correction's other names
    assert response.json()["query"]["corrections"] == {"phyisician": "physician"}
    assert set(titles(response)) == {"Medical Doctor", "Physician"}
    response = search(api_client, q="atorney")  # a name no job uses, misspelt: corrected to it all the same
    assert response.json()["query"]["corrections"] == {"atorney": "attorney"}
    assert titles(response) == ["Corporate Lawyer", "Paralegal"]


def test_it_is_no_stop_word_but_information_technology(api_client):
    """`it`, which English text leaves out, is IT in titles, skills and company names, or Information Technology."""
    searchable_job(title="IT Support Specialist")
    searchable_job(title="Information Technology Manager")
    searchable_job(title="Customer Support Agent", description="Whatever the problem, we support it.")
    lists_rebuilt()
    assert titles(search(api_client, q="it support")) == ["IT Support Specialist"]
    assert set(titles(search(api_client, q="it"))) == {"IT Support Specialist", "Information Technology Manager"}
    assert titles(search(api_client, q="IT manager")) == ["Information Technology Manager"]
    assert search(api_client, q="it").json()["query"]["ignored"] is False
    assert set(titles(search(api_client, q="support -it"))) == {"Customer Support Agent"}


def test_a_word_spelt_the_british_or_the_american_way_finds_the_other_spelling(api_client):
    jobs_titled("Call Center Agent", "Shopping Centre Manager", "Community Organisation Officer", "Store Manager")
    assert titles(search(api_client, q="call centre")) == ["Call Center Agent"]
    assert set(titles(search(api_client, q="Center"))) == {"Call Center Agent", "Shopping Centre Manager"}
    response = search(api_client, q="organization")
    assert titles(response) == ["Community Organisation Officer"] and response.json()["query"]["corrections"] == {}
    assert titles(search(api_client, q="manager -center")) == ["Store Manager"]  # excluded with its other spelling
    assert titles(search(api_client, q='"center"')) == ["Call Center Agent"]  # quoted: the word as written


def test_a_quoted_word_is_searched_as_written(api_client):
    searchable_job(title="Python Developer")
    searchable_job(title="Pythonista Wanted")
    searchable_job(title="Europe Desk Officer", city="Lagos", country="NG")
    lists_rebuilt()
    query = search(api_client, q='"pyhton"').json()
    assert query["count"] == 0 and query["query"]["corrections"] == {}  # not corrected
    assert titles(search(api_client, q='"python"')) == ["Python Developer"]  # nor a prefix
    assert titles(search(api_client, q='"europe"')) == ["Europe Desk Officer"]  # nor a region's countries
    searchable_job(title="Developer", description="Says pyhton.")
    assert search(api_client, q='"pyhton" developr').json()["query"]["did_you_mean"] == '"pyhton" developer'


def test_a_region_stands_for_its_countries(api_client):
    older, newer = timezone.now() - timedelta(days=100), timezone.now()
    searchable_job(title="Ward Nurse", city="Berlin", country="DE", published_at=older)
    searchable_job(title="Care Assistant", description="Nurse support.", city="Lyon", country="FR", published_at=newer)
    searchable_job(title="Ward Nurse", city="Lagos", country="NG", published_at=older)
    searchable_job(title="Theatre Nurse", city="Tokyo", country="JP", published_at=older)
    searchable_job(title="Travel Nurse", description="Trips to Germany.", city="Boston", country="US")
    lists_rebuilt()
    response = search(api_client, q="nurse europe")
    # the region is where the job is (its documents' marker), not what its title must say, nor a country its text
    # names: the Ward Nurse earns the title boost
    assert titles(response) == ["Ward Nurse", "Care Assistant"]
    assert response.json()["query"]["corrections"] == {}
    assert titles(search(api_client, q="nurse africa")) == ["Ward Nurse"]
    assert titles(search(api_client, q="nurse apac")) == ["Theatre Nurse"]
    assert set(titles(search(api_client, q="nurse emea"))) == {"Ward Nurse", "Care Assistant"}
    # excluded, the jobs there (the Ward Nurse of Berlin), not the jobs whose text names a country of it
    assert sorted(titles(search(api_client, q="nurse -europe"))) == ["Theatre Nurse", "Travel Nurse", "Ward Nurse"]
    searchable_job(title="School Nurse", city="Toronto", country="CA", published_at=older)
    searchable_job(title="Sales Lead", city="Dubai", country="AE", published_at=older)
    response = search(api_client, q="nurse north america")  # a region in two words
    assert set(titles(response)) == {"School Nurse", "Travel Nurse"} and response.json()["query"]["corrections"] == {}
    assert titles(search(api_client, q="middle east sales")) == ["Sales Lead"]


def test_a_number_after_a_skills_name_is_its_version_which_ranks_and_does_not_match(api_client):
    older = timezone.now() - timedelta(days=1)
    searchable_job(title="Backend Developer", skills=("Python",), description="Python 3, Django.", published_at=older)
    searchable_job(title="Platform Developer", skills=("Python",), description="Django and Flask.")
    searchable_job(title="Data Analyst", description="3 years of Excel.")
    lists_rebuilt()
    response = search(api_client, q="python 3")
    # the job saying the version first, though older; every Python job, not only those saying 3 somewhere
    assert titles(response) == ["Backend Developer", "Platform Developer"]
    assert response.json()["query"]["did_you_mean"] is None
    assert titles(search(api_client, q="analyst 3")) == ["Data Analyst"]  # after another word: a word asked for
    assert search(api_client, q="python -3").json()["count"] == 1  # excluded: as typed


def test_skill_aliases_are_synonyms(api_client):
    skill_named("JavaScript", aliases=["js"])
    searchable_job(title="Frontend Developer", skills=("JavaScript",))
    searchable_job(title="Web Developer", description="Modern JavaScript, TypeScript and CSS.")
    searchable_job(title="Accountant")
    assert set(titles(search(api_client, q="js"))) == {"Frontend Developer", "Web Developer"}
    assert set(titles(search(api_client, q="JS developer"))) == {"Frontend Developer", "Web Developer"}


def test_a_corrected_word_has_the_synonyms_of_the_word_typed_right(api_client):
    skill_named("JavaScript", aliases=["js"])
    for n in range(3):
        searchable_job(title=f"JavaScript Developer {n}")
    searchable_job(title="JS Engineer")  # says the alias only
    lists_rebuilt()
    response = search(api_client, q="javascrpt")
    assert response.json()["query"]["corrections"] == {"javascrpt": "javascript"}
    assert "JS Engineer" in titles(response)
    assert set(titles(response)) == set(titles(search(api_client, q="javascript")))


def test_words_every_job_query_could_add_ask_for_nothing(api_client):
    searchable_job(title="Python Developer")
    searchable_job(title="Registered Nurse")
    assert titles(search(api_client, q="python jobs")) == ["Python Developer"]
    assert titles(search(api_client, q="nurse vacancies")) == ["Registered Nurse"]
    assert titles(search(api_client, q="nurse jobs near berlin")) == ["Registered Nurse"]  # the city: Berlin
    alone = search(api_client, q="jobs").json()
    assert alone["query"]["ignored"] is True and alone["count"] == 2


def test_employment_type_remote_type_and_level_are_found_by_their_words(api_client):
    searchable_job(
        title="Python Developer", description="Build APIs.", remote_type="remote", employment_type="full_time"
    )
    searchable_job(
        title="Python Engineer", description="Build APIs.", remote_type="onsite", employment_type="internship"
    )
    searchable_job(title="Ward Nurse", employment_type="part_time", experience_level="entry", remote_type="onsite")
    assert titles(search(api_client, q="remote python")) == ["Python Developer"]
    assert titles(search(api_client, q="python work from home")) == ["Python Developer"]
    assert titles(search(api_client, q="python wfh")) == ["Python Developer"]
    assert titles(search(api_client, q="python internship")) == ["Python Engineer"]
    assert titles(search(api_client, q="python -remote")) == ["Python Engineer"]
    assert titles(search(api_client, q="full-time python")) == ["Python Developer"]
    assert titles(search(api_client, q="part time nurse")) == ["Ward Nurse"]
    assert titles(search(api_client, q="entry level nurse")) == ["Ward Nurse"]


def test_work_from_home_typed_as_words_or_abbreviated_asks_for_remote_jobs(api_client):
    """`work from home` is one field word, its words in a row (not work and home anywhere: a job at Cedar Homes that
    says work); `wfh`, its abbreviation, asks as it does, beside other words the job's field; and a query of field
    words only ranks the jobs its fields answer by recency, not by how their text says the words."""
    older, newer = timezone.now() - timedelta(days=20), timezone.now()
    homes = CompanyFactory(name="Cedar Homes")
    searchable_job(title="Python Developer", description="Work on our API.", company=homes, remote_type="onsite")
    searchable_job(
        title="Python Engineer", description="Work from home on Fridays.", remote_type="hybrid", published_at=newer
    )
    searchable_job(title="Python Tester", remote_type="remote", company=homes, published_at=older)
    searchable_job(title="Python Analyst", remote_type="remote", published_at=newer)
    for query in ("work from home", "wfh", "remote"):
        found = titles(search(api_client, q=query))  # alone, field words are also the words anywhere: the hybrid job
        assert found[:2] == ["Python Analyst", "Python Tester"] and "Python Developer" not in found, query
    for query in ("python work from home", "python wfh", "work from home python", 'python "work from home"'):
        assert sorted(titles(search(api_client, q=query))) == ["Python Analyst", "Python Tester"], query


def test_no_experience_asks_for_entry_level_jobs(api_client):
    """`nurse no experience` asked for the nurses whose text says experience (every one) and listed an Experienced
    Nurse first; it asks for the entry-level ones, as `nurse entry level` does, and is written back as typed. So
    do `fresher` and `trainee`, which no job says (`trainee` was corrected to trainer)."""
    searchable_job(title="Experienced Nurse", description="Five years of experience.", experience_level="senior")
    searchable_job(title="Junior Nurse", description="We train you.", experience_level="entry")
    searchable_job(title="Graduate Driver", experience_level="entry")
    asked = ("nurse no experience", "no experience required nurse", "nurse without experience", "fresher nurse")
    for query in (*asked, "trainee nurse"):
        assert titles(search(api_client, q=query)) == ["Junior Nurse"], query
    assert sorted(titles(search(api_client, q="no experience needed"))) == ["Graduate Driver", "Junior Nurse"]
    corrected = search(api_client, q="nurze no experience").json()["query"]
    assert corrected["did_you_mean"] == "nurse no experience"


def test_c_plus_plus_c_sharp_and_f_sharp_are_told_apart(api_client):
    """PostgreSQL's parser reads each of them as the letter c (or f): search_text writes them as words."""
    skill_named("C++", aliases=["cpp"])
    searchable_job(title="Embedded Engineer", skills=("C++",))
    searchable_job(title="Game Developer", description="Our engine is written in modern C++ (C++20).")
    searchable_job(title="Backend Developer", skills=("C#",))
    searchable_job(title="Quant Developer", description="Pricing models in F#, services in C#.")
    searchable_job(title="Nutritionist", description="Vitamin C and a balanced diet.")
    assert set(titles(search(api_client, q="c++"))) == {"Embedded Engineer", "Game Developer"}
    assert set(titles(search(api_client, q="cpp"))) == {"Embedded Engineer", "Game Developer"}  # the alias
    assert set(titles(search(api_client, q="C#"))) == {"Backend Developer", "Quant Developer"}
    assert titles(search(api_client, q="f#")) == ["Quant Developer"]
    assert titles(search(api_client, q="c# -f#")) == ["Backend Developer"]
    assert titles(search(api_client, q='"c++ (c++20"')) == ["Game Developer"]
    assert titles(search(api_client, q="vitamin c")) == ["Nutritionist"]


@pytest.mark.parametrize(
    ("text", "spelt"),
    [
        ("C++ and C# dev", "Cplusplus and Csharp dev"),
        ("F#, g++; (C++)", "Fsharp, gplusplus; (Cplusplus)"),
        ("c++17 Notepad++ a#b #tag", "c++17 Notepad++ a#b #tag"),  # not a letter alone, or more follows
        ("Café", "Cafe"),
    ],
)
def test_search_text_unaccents_and_spells_out_symbol_names(text, spelt):
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_text(%s)", [text])
        assert cursor.fetchone()[0] == spelt


def test_query_words_find_skills_and_aliases_through_the_folded_name_indexes():
    """The skill lookup of query analysis matches the expressions of search.0004's indexes, so it reads one
    index entry per word instead of folding every skill name and alias at each search."""
    from django.db import connection

    from nexus.search.analysis import FORMS_SQL

    skill_named("JavaScript", aliases=["js"])
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN " + FORMS_SQL,
            [4, ["js"], [False], [True], [False], [None], [None], [None], [None], [None], [False], [None]],
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_skill_folded_name" in plan and "search_skillalias_folded_alias" in plan


def test_phrases_keep_words_together(api_client):
    searchable_job(title="Data Engineer")
    searchable_job(title="Engineer of Data Pipelines")
    assert titles(search(api_client, q='"data engineer"')) == ["Data Engineer"]
    assert set(titles(search(api_client, q="data engineer"))) == {"Data Engineer", "Engineer of Data Pipelines"}


def test_a_word_asked_for_and_excluded_finds_nothing_without_reading_documents(
    api_client, django_assert_max_num_queries
):
    searchable_job(title="Senior Developer")
    searchable_job(title="Developer")
    search(api_client, q="warm up")
    for q in ("senior -senior", "developer senior NOT Senior", '"senior developer" -"senior developer"'):
        with django_assert_max_num_queries(1):  # the analysis only: no statement reads the documents
            body = search(api_client, q=q).json()
        assert body["count"] == 0 and body["count_exact"] and body["results"] == []
        assert body["facets"]["employment_type"] == []
    with django_assert_max_num_queries(1):
        assert api_client.get("/api/v1/jobs/", {"q": "senior -senior", "sort": "newest"}).json()["results"] == []
    assert titles(search(api_client, q="developer -senior")) == ["Developer"]  # an exclusion alone still works


def test_or_and_exclusion(api_client):
    searchable_job(title="React Developer")
    searchable_job(title="Vue Developer")
    searchable_job(title="Angular Developer")
    searchable_job(title="Junior React Developer")
    assert set(titles(search(api_client, q="react OR vue"))) == {
        "React Developer",
        "Vue Developer",
        "Junior React Developer",
    }
    assert set(titles(search(api_client, q="developer -junior -angular"))) == {"React Developer", "Vue Developer"}
    assert set(titles(search(api_client, q="developer NOT junior NOT angular"))) == {"React Developer", "Vue Developer"}
    assert set(titles(search(api_client, q='developer -"junior react"'))) == {
        "React Developer",
        "Vue Developer",
        "Angular Developer",
    }


def test_the_last_word_matches_as_a_prefix(api_client):
    searchable_job(title="Mechanical Engineer")
    searchable_job(title="Accountant")
    assert titles(search(api_client, q="engin")) == ["Mechanical Engineer"]
    assert titles(search(api_client, q="mechan engin")) == ["Mechanical Engineer"]
    assert titles(search(api_client, q="accou")) == ["Accountant"]
    assert titles(search(api_client, q="accou ")) == []  # a finished word is not a prefix
    assert titles(search(api_client, q="engin* mechanical ")) == ["Mechanical Engineer"]  # a star: a prefix anywhere
    assert titles(search(api_client, q="-engin* acc")) == ["Accountant"]


def test_accents_do_not_matter(api_client):
    searchable_job(title="Café Manager")
    searchable_job(title="Resume Writer", description="Your résumé matters.")
    assert titles(search(api_client, q="cafe")) == ["Café Manager"]
    assert titles(search(api_client, q="CAFÉ")) == ["Café Manager"]
    assert titles(search(api_client, q="résumé writer")) == ["Resume Writer"]
    highlight = search(api_client, q="cafe").json()["results"][0]["highlight"]
    assert highlight["title"] == "<mark>Café</mark> Manager"


def test_non_english_text(api_client):
    searchable_job(title="Développeur Backend", city="Paris", country="FR")
    searchable_job(title="Softwareentwickler München", city="Munich", country="DE")
    searchable_job(title="Разработчик Python", city="Almaty", country="KZ")
    searchable_job(title="ソフトウェア開発者", city="Tokyo", country="JP")
    assert titles(search(api_client, q="developpeur")) == ["Développeur Backend"]
    assert titles(search(api_client, q="münchen")) == ["Softwareentwickler München"]
    assert titles(search(api_client, q="разработчик")) == ["Разработчик Python"]
    assert titles(search(api_client, q="ソフトウェア")) == ["ソフトウェア開発者"]


def test_chinese_japanese_and_korean_words_are_found_inside_the_runs_they_are_written_in(api_client):
    tokyo = "東京でのPython開発。経験者歓迎。"
    searchable_job(title="ソフトウェア開発者", city="Tokyo", country="JP", description=tokyo)
    searchable_job(title="软件工程师", city="Beijing", country="CN", description="负责后端开发")
    searchable_job(title="백엔드 개발자를 찾습니다", city="Seoul", country="KR")
    searchable_job(title="Python Developer", description="Plain English.")
    for q, found in [
        ("開発者", ["ソフトウェア開発者"]),  # the end of a run
        ("東京", ["ソフトウェア開発者"]),  # the start of one, in the description
        ("工程师", ["软件工程师"]),
        ("软件工程师", ["软件工程师"]),
        ('"软件工程师"', ["软件工程师"]),  # quoted: the pairs in a row
        ("开发", ["软件工程师"]),
        ("개발자", ["백엔드 개발자를 찾습니다"]),  # a Korean word with its particle
        ("python 開発", ["ソフトウェア開発者"]),  # `Python開発`: two words
        ("工程", ["软件工程师"]),
        ("程工", []),  # the characters, in another order
    ]:
        assert titles(search(api_client, q=q)) == found, q
    highlight = search(api_client, q="開発者").json()["results"][0]["highlight"]
    assert highlight["title"] == "ソフトウェア<mark>開発者</mark>"
    assert "<mark>開発</mark>" in highlight["snippet"]


@pytest.mark.parametrize(
    ("text", "lexemes", "marked"),
    [
        ("ソフトウェア開発者です", ["開発", "発者"], "ソフトウェア[開発者]です"),  # overlapping pairs: one stretch
        ("開発 and 発者", ["開発", "発者"], "[開発] and [発者]"),
        ("no match", ["東京"], "no match"),
        # symbols' names spelt for ts_headline (sql.symbol_names_spelt) written back, marked or not
        ("Modern [Cplusplus] and some Csharp.", ["cplusplus"], "Modern [C++] and some C#."),
        ("Modern Cplusplus and some [Csharp].", ["csharp", "java"], "Modern C++ and some [C#]."),
        ("Csharp and Cplusplus", ["java"], "Csharp and Cplusplus"),  # not spelt: no symbol asked
        ("c++17 and a#b", ["cplusplus", "asharp"], "c++17 and a#b"),  # neither is a name (as search_text reads)
        ("UI/UX Design/Build", ["ux", "design"], "UI/[UX] [Design]/Build"),  # a part starting with a lexeme
        ("UI/UX", ["u"], "UI/UX"),  # a lone letter marks nothing
        ("\ue000Designer\ue001 of UI/UX", ["design", "ui"], "\ue000Designer\ue001 of [UI]/UX"),  # marked stays
    ],
)
def test_what_the_parser_does_not_read_as_words_is_marked_too(text, lexemes, marked):
    marks = {ord("["): "\ue000", ord("]"): "\ue001"}
    assert Marker(lexemes).marked(text.translate(marks)) == marked.translate(marks)


def test_symbol_names_and_slashed_words_are_marked(api_client):
    searchable_job(title="C++ Developer", description="Modern C++ and some C# too. UI/UX and CI/CD.")
    searchable_job(title="UI/UX Designer", description="Figma, UI/UX research.")
    first = search(api_client, q="c++").json()["results"][0]["highlight"]
    assert first["title"] == "<mark>C++</mark> Developer"
    assert first["snippet"].startswith("Modern <mark>C++</mark> and some C# too.")
    ux = search(api_client, q="ux designer").json()["results"][0]["highlight"]
    assert ux["title"] == "UI/<mark>UX</mark> <mark>Designer</mark>"


def test_a_symbols_name_far_into_the_description_is_in_the_snippet_and_marked(api_client):
    """ts_headline reads `C#` as the letter c: the snippet of `c#` showed the description's first words, without
    it; it now shows the words around it, marked. A text is shown as written (`Csharp`) when no symbol is asked."""
    searchable_job(
        title="Backend Developer",
        description="We run payments for shops across the region and keep growing every quarter. " * 3
        + "You will use PHP and C# every day.",
    )
    searchable_job(title="Community Manager", description="Csharp fans are welcome.")
    results = search(api_client, q="c#").json()["results"]
    highlights = {result["title"]: result["highlight"]["snippet"] for result in results}
    assert "You will use PHP and <mark>C#</mark>" in highlights["Backend Developer"]
    assert highlights["Community Manager"] == "<mark>C#</mark> fans are welcome"  # the name spelt reads as it
    assert search(api_client, q="fans").json()["results"][0]["highlight"]["snippet"] == (
        "Csharp <mark>fans</mark> are welcome"
    )


def test_highlights_are_escaped_and_marked(api_client):
    searchable_job(title="R&D Developer", description="We write <b>Go</b> & Rust, as a developer, every day.")
    result = search(api_client, q="developer").json()["results"][0]
    assert result["highlight"]["title"] == "R&amp;D <mark>Developer</mark>"
    assert "<b>" not in result["highlight"]["snippet"]
    assert "<mark>developer</mark>" in result["highlight"]["snippet"]


def test_the_snippet_shows_the_words_wherever_they_are_in_the_description(api_client):
    filler = "Our office has plants and a kitchen. " * 60  # 2,220 characters without the word
    searchable_job(title="Engineer", description=filler + "You will build Kubernetes clusters daily. " + filler)
    searchable_job(title="Kubernetes Engineer", description="Kubernetes at the start. " + filler)
    snippets = {
        result["title"]: result["highlight"]["snippet"]
        for result in search(api_client, q="kubernetes").json()["results"]
    }
    deep = snippets["Engineer"]
    assert "<mark>Kubernetes</mark> clusters" in deep
    assert deep.split()[0] in {"plants", "and", "a", "kitchen.", "Our", "office", "has"}  # from a whole word
    assert snippets["Kubernetes Engineer"].startswith("<mark>Kubernetes</mark> at the start")


@pytest.mark.parametrize(
    "q",
    [
        "",
        "   ",
        "the and of",
        "!!! ??? ... ---",
        "'; DROP TABLE jobs_job; --",
        "1=1 OR 'a'='a'",
        "\\x00 ) ( & | ! <-> :*",
        '"unterminated phrase',
        "-",
        "OR OR OR",
        "a" * 200,
        "%_%",
    ],
)
def test_odd_queries_answer_200(api_client, q):
    searchable_job(title="Python Developer")
    response = search(api_client, q=q)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] >= 0 and isinstance(body["results"], list)


def test_only_stop_words_is_said_to_be_ignored_and_lists_everything(api_client):
    searchable_job(title="Python Developer")
    searchable_job(title="Chef")
    body = search(api_client, q="the of and").json()
    assert body["query"]["ignored"] is True
    assert body["count"] == 2


def test_a_too_long_query_is_a_clear_400(api_client):
    assert_error(search(api_client, q="python " * 40), 400, "query_too_long")
    assert_error(api_client.get("/api/v1/jobs/", {"q": "x" * 201}), 400, "query_too_long")
    assert_error(api_client.get("/api/v1/jobs/", {"q": "x" * 201, "sort": "newest"}), 400, "query_too_long")


def test_a_nul_character_is_harmless(api_client):
    searchable_job(title="Python Developer")
    assert titles(search(api_client, q="python\x00developer")) == ["Python Developer"]


def test_facets_add_up_to_the_count(api_client):
    category = CategoryFactory(name="Software")
    searchable_job(title="Python Developer", employment_type="full_time", remote_type="remote", category=category)
    searchable_job(title="Python Engineer", employment_type="contract", experience_level="senior")
    searchable_job(title="Python Intern", employment_type="internship", experience_level="entry", city="Paris")
    searchable_job(title="Chef")
    body = search(api_client, q="python").json()
    assert body["count"] == 3 and body["count_exact"] is True
    for name in ("employment_type", "experience_level", "remote_type", "category", "location"):
        assert sum(bucket["count"] for bucket in body["facets"][name]) == 3, name
    assert {"value": "contract", "count": 1} in body["facets"]["employment_type"]
    assert {"value": category.pk, "name": "Software", "slug": category.slug, "count": 1} in body["facets"]["category"]
    assert {"city": "Paris", "country": "DE", "count": 1} in body["facets"]["location"]


def test_the_location_facet_lists_the_ten_largest_places(api_client):
    for city, jobs in [("Lyon", 3), ("Nantes", 2)] + [(f"Town {n:02}", 1) for n in range(12)]:
        for _ in range(jobs):
            searchable_job(title="Python Developer", city=city, country="FR")
    locations = search(api_client, q="python").json()["facets"]["location"]
    assert [(bucket["city"], bucket["count"]) for bucket in locations] == [
        ("Lyon", 3), ("Nantes", 2), *[(f"Town {n:02}", 1) for n in range(8)]
    ]  # fmt: skip


LINGUISTIC_COLLATIONS = ["en-x-icu", "und-x-icu", "en_US.utf8", "en_US.UTF-8"]  # "Évry" sorts before "Fes"


def test_equally_large_places_are_cut_in_the_order_they_are_shown(api_client):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT collname FROM pg_collation WHERE collname = ANY(%s) ORDER BY array_position(%s, collname::text)",
            [LINGUISTIC_COLLATIONS, LINGUISTIC_COLLATIONS],
        )
        found = cursor.fetchone()
        if found is None:  # a server built without ICU and without those locales
            pytest.skip("No linguistic collation in this PostgreSQL.")
        cursor.execute(f'ALTER TABLE search_jobdocument ALTER COLUMN city TYPE varchar(120) COLLATE "{found[0]}"')
    for city in ("Évry", "Fes", "Gao", "Hue", "Ica", "Jos", "Kiev", "Lima", "Male", "Nice", "Oslo"):
        searchable_job(title="Python Developer", city=city, country="FR")
    locations = search(api_client, q="python").json()["facets"]["location"]
    assert [bucket["city"] for bucket in locations] == [
        "Fes",
        "Gao",
        "Hue",
        "Ica",
        "Jos",
        "Kiev",
        "Lima",
        "Male",
        "Nice",
        "Oslo",
    ]


def test_facets_follow_the_filters(api_client):
    searchable_job(title="Python Developer", employment_type="full_time")
    searchable_job(title="Python Engineer", employment_type="contract")
    body = search(api_client, q="python", employment_type="contract").json()
    assert body["count"] == 1
    assert body["facets"]["employment_type"] == [{"value": "contract", "count": 1}]


def test_only_listed_jobs_are_found(api_client):
    searchable_job(title="Python Developer")
    searchable_job(title="Python Draft", status="draft", published_at=None)
    searchable_job(title="Python Closed", status="closed")
    searchable_job(title="Python Held", moderation_status="pending")
    searchable_job(title="Python Expired", application_deadline=timezone.now() - timedelta(minutes=1))
    searchable_job(title="Python Hidden Company", company=CompanyFactory(moderation_status="pending"))
    assert titles(search(api_client, q="python")) == ["Python Developer"]
    assert titles(api_client.get("/api/v1/jobs/", {"q": "python"})) == ["Python Developer"]


@pytest.mark.parametrize("way", ["walk", "through the words", "through the filters"])
def test_only_listed_jobs_are_found_with_a_filter_only_the_jobs_table_answers(api_client, monkeypatch, way):
    """Such a filter joins in every job it admits, listed or not: the documents' own columns say which are listed,
    and answer the other filters (the jobs table has no index for a remote type: read whole, 1.2 s)."""
    from django.test.utils import CaptureQueriesContext

    from nexus.search import collecting

    for title, fields in [
        ("Python Developer", {}),
        ("Python Draft", {"status": "draft", "published_at": None}),
        ("Python Closed", {"status": "closed"}),
        ("Python Held", {"moderation_status": "pending"}),
        ("Python Expired", {"application_deadline": timezone.now() - timedelta(minutes=1)}),
        ("Python Hidden Company", {"company": CompanyFactory(moderation_status="pending")}),
        ("Python On Site", {"remote_type": "onsite"}),
    ]:
        searchable_job(title=title, skills=("Django",), **({"remote_type": "remote"} | fields))
    searchable_job(title="Python Without Django", remote_type="remote")
    monkeypatch.setattr(collecting, "candidates_collection", lambda **kwargs: collecting.Collection(way))
    with CaptureQueriesContext(connection) as captured:
        found = search(api_client, q="python", skills="django", remote_type="remote")
    assert titles(found) == ["Python Developer"]
    [ranked] = [query["sql"] for query in captured.captured_queries if "ranked AS" in query["sql"]]
    assert '"jobs_job"."remote_type"' not in ranked and '"jobs_job"."status"' not in ranked


# --- geo ----------------------------------------------------------------------------------------------------

BERLIN = (52.52437, 13.41053)


def test_near_a_place_and_the_radius_boundary(api_client):
    # One degree of latitude is 111.32 km on earthdistance's sphere (radius 6378.168 km).
    searchable_job(title="Inside", latitude=BERLIN[0] + 0.44, longitude=BERLIN[1])  # ~49.0 km north
    searchable_job(title="Outside", latitude=BERLIN[0] + 0.46, longitude=BERLIN[1])  # ~51.2 km north
    response = search(api_client, q="", near="Berlin", radius_km=50)
    assert titles(response) == ["Inside"]
    assert response.json()["place"]["name"] == "Berlin"
    assert 48.5 < response.json()["results"][0]["distance_km"] < 49.5
    same = search(api_client, lat=BERLIN[0], lng=BERLIN[1], radius_km=50)
    assert titles(same) == ["Inside"]


def test_near_and_a_centre_default_to_the_configured_radius(api_client, settings):
    settings.SEARCH_DEFAULT_RADIUS_KM = 10
    searchable_job(title="Mitte", latitude=BERLIN[0], longitude=BERLIN[1])
    searchable_job(title="Potsdam", latitude=52.39886, longitude=13.06566)
    assert titles(search(api_client, near="berlin, de")) == ["Mitte"]
    assert titles(search(api_client, lat=BERLIN[0], lng=BERLIN[1], sort="distance")) == ["Mitte"]
    assert titles(search(api_client, lat=BERLIN[0], lng=BERLIN[1], radius_km=30, sort="distance")) == [
        "Mitte",
        "Potsdam",
    ]


def test_near_a_metropolitan_area_centres_on_it_as_far_as_its_extent(api_client, settings):
    """`near=Bay Area` (a 400 before): San Francisco, 80 km around it unless `radius_km` says; `near=Seattle area`:
    Seattle, as far as `near` reaches by default. A city of the gazetteer keeps its own name (`near=Reading`)."""
    settings.SEARCH_DEFAULT_RADIUS_KM = 10
    searchable_job(title="San Jose", latitude=37.33939, longitude=-121.89496)  # 67 km from San Francisco
    searchable_job(title="Sacramento", latitude=38.58157, longitude=-121.4944)  # 120 km
    searchable_job(title="Bellevue", latitude=47.61038, longitude=-122.20068)  # 9 km from Seattle
    answer = search(api_client, near="Bay Area")
    assert titles(answer) == ["San Jose"] and answer.json()["place"]["name"] == "San Francisco"
    assert titles(search(api_client, near="bay area", radius_km=150, sort="distance")) == ["San Jose", "Sacramento"]
    assert titles(search(api_client, near="Seattle area")) == ["Bellevue"]
    assert search(api_client, near="Reading").json()["place"]["country"] == "GB"


def test_sort_by_distance(api_client):
    searchable_job(title="Python Far", latitude=BERLIN[0] + 1, longitude=BERLIN[1])
    searchable_job(title="Python Near", latitude=BERLIN[0] + 0.1, longitude=BERLIN[1])
    searchable_job(title="Python Middle", latitude=BERLIN[0] + 0.5, longitude=BERLIN[1])
    response = search(api_client, q="python", near="Berlin", radius_km=200, sort="distance")
    assert titles(response) == ["Python Near", "Python Middle", "Python Far"]
    distances = [job["distance_km"] for job in response.json()["results"]]
    assert distances == sorted(distances)


def test_distance_pages_follow_the_cursor(api_client):
    for n in range(5):
        searchable_job(title=f"Job {n}", latitude=BERLIN[0] + n * 0.1, longitude=BERLIN[1])
    seen = []
    response = search(api_client, near="Berlin", radius_km=100, sort="distance", page_size=2)
    while True:
        seen += titles(response)
        following = response.json()["next"]
        if not following:
            break
        response = api_client.get(following)
    assert seen == [f"Job {n}" for n in range(5)]


@pytest.mark.parametrize("q", ["", "python"])
def test_distance_pages_read_from_the_centre_outwards_match_the_whole_radius_sorted(api_client, q):
    from django.test.utils import CaptureQueriesContext

    from nexus.core.geo import distance_km
    from nexus.search.selectors import FIRST_RING_SHARE

    radius = 300
    # three jobs at the centre (ties, by id), one in the first reach (radius / 16), one in the next (4 times as far),
    # two in the last, one past the radius
    degrees = (0, 0, 0, 0.1, 0.5, 1.0, 2.5, 3.0)
    jobs = [
        searchable_job(title=f"Python {n}", latitude=BERLIN[0] + shift, longitude=BERLIN[1])
        for n, shift in enumerate(degrees)
    ]
    within = [job for job in jobs if distance_km(BERLIN, job.latitude, job.longitude) <= radius]
    nearest_first = sorted(within, key=lambda job: (distance_km(BERLIN, job.latitude, job.longitude), job.id))
    expected = [job.title for job in nearest_first]
    assert len(expected) == 7 and distance_km(BERLIN, BERLIN[0] + 0.1, BERLIN[1]) < radius * FIRST_RING_SHARE
    params = {"q": q, "lat": BERLIN[0], "lng": BERLIN[1], "radius_km": radius, "sort": "distance", "page_size": 2}

    seen, statements = [], []
    response = search(api_client, **params)
    while True:
        seen += titles(response)
        following = response.json()["next"]
        if not following:
            break
        with CaptureQueriesContext(connection) as captured:
            response = api_client.get(following)
        statements.append(sum("SELECT id, key FROM" in query["sql"] for query in captured.captured_queries))
    assert seen == expected
    numbered = [title for page in (1, 2, 3, 4) for title in titles(search(api_client, **params, page=page))]
    assert numbered == expected
    if not q:  # without words, the documents there are walked: each reach grows until it holds a page, or the radius
        assert statements == [2, 3, 3]


def test_a_distance_cursor_with_a_key_out_of_the_radius_still_pages_right(api_client):
    import base64

    import orjson

    jobs = [searchable_job(title=f"Job {n}", latitude=BERLIN[0] + n * 0.1, longitude=BERLIN[1]) for n in range(4)]
    for key in (-5.0, 1e9):
        cursor = base64.urlsafe_b64encode(orjson.dumps({"k": key, "i": jobs[0].id})).decode().rstrip("=")
        response = search(api_client, near="Berlin", radius_km=100, sort="distance", cursor=cursor)
        assert titles(response) == (["Job 0", "Job 1", "Job 2", "Job 3"] if key < 0 else [])


def test_unknown_place_and_distance_without_centre_are_400(api_client):
    assert_error(search(api_client, near="Atlantisxyz"), 400, "unknown_place")
    assert_error(search(api_client, q="python", sort="distance"), 400, "distance_needs_center")
    assert_error(search(api_client, near="Berlin", lat=1, lng=2), 400, "validation_error")
    # each parameter wrong or missing is named
    assert set(assert_error(search(api_client, lat=1, radius_km=5), 400, "validation_error")["details"]) == {"lng"}
    assert set(assert_error(search(api_client, radius_km=5), 400, "validation_error")["details"]) == {"lat", "lng"}
    for params, wrong in (
        ({"lat": 91, "lng": 2, "radius_km": 5}, "lat"),
        ({"lat": 1, "lng": -180.5, "radius_km": 5}, "lng"),
        ({"lat": 1, "lng": 2, "radius_km": 501}, "radius_km"),
        ({"lat": 1, "lng": 2, "radius_km": 0}, "radius_km"),
        ({"salary_min": -1}, "salary_min"),
    ):
        assert set(assert_error(search(api_client, **params), 400, "validation_error")["details"]) == {wrong}


def test_remote_jobs_by_accepted_country(api_client):
    searchable_job(title="Remote Anywhere", remote_type="remote", remote_countries=[])
    searchable_job(title="Remote Kenya", remote_type="remote", remote_countries=["KE"])
    searchable_job(title="Remote Germany", remote_type="remote", remote_countries=["DE"])
    searchable_job(title="Remote Office", remote_type="onsite")
    assert set(titles(search(api_client, q="remote", remote_country="ke"))) == {"Remote Anywhere", "Remote Kenya"}


def test_a_place_beside_remote_is_answered_by_the_remote_jobs_open_to_applicants_from_there(api_client):
    searchable_job(title="Nurse", remote_type="remote", country="US", remote_countries=["DE", "FR"])
    searchable_job(title="Nurse", remote_type="remote", country="DE", city="Berlin", remote_countries=["DE"])
    searchable_job(title="Nurse", remote_type="remote", country="US", remote_countries=[])
    searchable_job(title="Nurse", remote_type="onsite", country="US", description="Hiring in Germany.")
    searchable_job(title="Nurse", remote_type="remote", country="US", remote_countries=["US"])
    searchable_job(title="Nurse", remote_type="remote", country="BR", remote_countries=["ZA"])
    lists_rebuilt()

    def countries(**params):
        return [(job["country"], job["remote_type"]) for job in search(api_client, **params).json()["results"]]

    # the job in Germany first (its document says the place), then the one of the United States open to Germany
    in_germany, open_to_germany = [("DE", "remote"), ("US", "remote")]
    for query in ("remote nurse germany", "nurse wfh deutschland", "work from home nurse germany"):
        assert countries(q=query) == [in_germany, open_to_germany], query
    # a region too (its countries' remote_region marker): the job there first, then the one open to a country of it
    assert countries(q="remote nurse europe") == [in_germany, open_to_germany]
    assert countries(q="nurse europe") == [in_germany]  # not asking for remote jobs
    assert countries(q="remote nurse latin america") == [("BR", "remote")]  # there, not open to America
    assert countries(q="remote nurse africa") == [("BR", "remote")]  # open to South Africa
    assert sorted(countries(q="nurse germany")) == [in_germany, ("US", "onsite")]  # not asking for remote jobs
    # excluded, a country leaves out the jobs there, not the remote jobs open to it
    assert countries(q="nurse -germany remote", remote_country="DE") == [("US", "remote")] * 2
    # a country named in two words, in a row: no remote job says "south africa", one is open to it
    assert countries(q="remote nurse south africa") == [("BR", "remote")]
    assert len(countries(q="remote nurse united states")) == 3  # the jobs there
    # open to anywhere: the job naming no country (the remote_country filter's REMOTE_ANYWHERE)
    assert countries(q="remote nurse worldwide") == [("US", "remote")]
    anywhere = search(api_client, q="remote anywhere nurse").json()
    assert anywhere["count"] == 1 and anywhere["query"]["corrections"] == {}
    # `work from anywhere` asks the same, and is written back as typed
    assert countries(q="nurse work from anywhere") == [("US", "remote")]
    typed = search(api_client, q="nurse work from anywhere nurze").json()["query"]
    assert typed["did_you_mean"] == "nurse work from anywhere nurse"
    assert search(api_client, q="nurse worldwide").json()["count"] == 0  # remote jobs only


def test_skills_company_industry_accepted_country_category_and_city_are_answered_by_the_documents(api_client):
    """These filters ask for the documents' filter markers: no statement reading the documents joins the jobs they
    admit (`nurse` with skills=python read the 72,000 Python jobs one by one, 423 ms) or a category's descendants,
    and the search finds what the list does, alone and together."""
    from django.test.utils import CaptureQueriesContext

    industry, company, engineering = IndustryFactory(), CompanyFactory(), CategoryFactory(name="Engineering")
    searchable_job(
        title="Python Developer", skills=("Django", "AWS"), company=company, industry=industry,
        remote_type="remote", remote_countries=["KE"], category=CategoryFactory(name="Backend", parent=engineering),
    )  # fmt: skip
    searchable_job(title="Python Tester", skills=("Flask",), remote_type="remote", remote_countries=["DE"])
    searchable_job(title="Python Anywhere", remote_type="remote", remote_countries=[], city="O'Fallon")
    searchable_job(title="Python Escaped", city="Back\\Slash")
    searchable_job(title="Python On Site", skills=("Django",), remote_type="onsite", company=company)
    cases = [
        ({"skills": "django,flask"}, {"Python Developer", "Python Tester", "Python On Site"}),
        ({"company": company.pk}, {"Python Developer", "Python On Site"}),
        ({"industry": industry.pk}, {"Python Developer"}),
        ({"remote_country": "ke"}, {"Python Developer", "Python Anywhere"}),
        ({"skills": "django", "remote_country": "KE"}, {"Python Developer"}),
        ({"skills": "flask", "company": company.pk}, set()),
        ({"category": engineering.pk}, {"Python Developer"}),
        ({"category": engineering.slug, "industry": industry.slug}, {"Python Developer"}),  # by slug
        ({"category": "no-such-category"}, set()),
        ({"industry": "no-such-industry", "skills": "django"}, set()),
        ({"city": "o'fallon"}, {"Python Anywhere"}),  # a city as the list compares it, quoted as a tsquery operand
        ({"city": "back\\slash"}, {"Python Escaped"}),
    ]
    for filters, expected in cases:
        with CaptureQueriesContext(connection) as captured:
            found = search(api_client, q="python", **filters)
        documents_read = [query["sql"] for query in captured.captured_queries if "search_jobdocument" in query["sql"]]
        assert documents_read and not any(
            table in sql
            for sql in documents_read
            for table in ("jobs_jobskill", "job_id IN (", "path LIKE", "upper(d.city)")
        )
        assert set(titles(found)) == expected, filters
        assert set(titles(api_client.get("/api/v1/jobs/", {"q": "python", **filters}))) == expected, filters


@pytest.mark.parametrize("url", [URL, "/api/v1/jobs/", "/api/v1/jobs/feed.rss"])
def test_other_orders_with_words_ask_the_documents_for_the_filter_markers(api_client, url):
    """Words in another order than relevance ask the documents for the list filters' markers beside the words, which
    the GIN index answers together: the search's and the job list's pages read the documents alone, the feeds' page
    the jobs table with the list's filters too (`nurse` in Berlin, newest first, walked the newest jobs testing each
    one's city: 440 ms in-process at a million jobs, 14 this way; with skills=python on the job list, 2.5 s)."""
    from django.test.utils import CaptureQueriesContext

    searchable_job(title="Nurse Berlin", city="Berlin", skills=("Patient Care",))
    searchable_job(title="Nurse Berlin Without", city="Berlin")
    searchable_job(title="Nurse Paris", city="Paris", skills=("Patient Care",))
    with CaptureQueriesContext(connection) as captured:
        found = api_client.get(url, {"q": "nurse", "city": "berlin", "skills": "patient care", "sort": "newest"})
        feed = b"".join(found.streaming_content).decode() if found.streaming else ""  # the feed reads as it streams
        statements = [query["sql"] for query in captured.captured_queries]
    if found.streaming:
        [page] = [sql for sql in statements if 'FROM "jobs_job"' in sql and '"search_jobdocument"."document" @@' in sql]
    else:
        [page] = [sql for sql in statements if sql.startswith("SELECT d.published_at, d.job_id FROM search_job")]
        assert "jobs_job" not in page
    assert "'#city=' || upper(" in page and "#skill=" in page
    if found.streaming:
        assert "<title>Nurse Berlin" in feed and "Without" not in feed and "Paris" not in feed
    else:
        assert titles(found) == ["Nurse Berlin"]


@pytest.mark.parametrize("url", [URL, "/api/v1/jobs/"])
def test_another_orders_page_reads_every_match_first_when_few_match(api_client, monkeypatch, url):
    """When the words and filters match few jobs (up to MATCHES_FIRST_UP_TO), another order's page is read from those
    matches, through the indexes, not by walking the documents in that order and testing each against the words:
    `teacher`, remote, by salary walked 23,000 jobs for its 21 at a million jobs (400 ms; 55 from its 2,300 matches).
    Either way the pages are the same, and read from the documents alone."""
    from django.test.utils import CaptureQueriesContext

    from nexus.search import collecting, selectors

    for n, salary in enumerate((50_000, 90_000, 70_000)):
        searchable_job(title=f"Teacher {n}", remote_type="remote", salary_yearly_min=salary, salary_yearly_max=salary)
    searchable_job(title="Teacher on site", remote_type="onsite", salary_yearly_min=200_000, salary_yearly_max=200_000)
    searchable_job(title="Engineer", remote_type="remote", salary_yearly_min=300_000, salary_yearly_max=300_000)
    # the newest matches walked (the ways that read every match for the count read them for the page too)
    monkeypatch.setattr(collecting, "candidates_collection", lambda **kwargs: collecting.Collection(collecting.WALK))
    for up_to, reads_every_match in ((selectors.MATCHES_FIRST_UP_TO, True), (2, False)):
        monkeypatch.setattr(selectors, "MATCHES_FIRST_UP_TO", up_to)
        params = {"q": "teacher", "remote_type": "remote", "sort": "salary", "page_size": 2, "round": up_to}
        with CaptureQueriesContext(connection) as captured:
            first = api_client.get(url, params)
            second = api_client.get(first.json()["next"])
        assert titles(first) + titles(second) == ["Teacher 1", "Teacher 2", "Teacher 0"], up_to
        statements = [query["sql"] for query in captured.captured_queries]
        pages = [sql for sql in statements if sql.startswith("SELECT d.salary_yearly_max, d.job_id FROM search_job")]
        assert len(pages) == 2 and not any('ORDER BY "jobs_job"."salary_yearly_max"' in sql for sql in statements)
        # a walk tests each document against the words; every match is read through the words' GIN index
        assert all(("ts_match_vq(d.document" in sql) != reads_every_match for sql in pages), up_to


@pytest.mark.parametrize("sort", ["", "newest", "oldest", "salary", "featured"])
def test_the_job_list_within_a_radius_is_read_from_the_documents_in_its_order(api_client, monkeypatch, sort):
    """The job list with a radius and no words reads the documents there in its order: every one through the
    earth-point index when the radius holds few (counted up to FILTERED_PROBE_ROWS), else walking the order's index
    and testing the distance on each document. Either way the pages are the jobs table's, in its order."""
    from django.test.utils import CaptureQueriesContext

    from nexus.jobs.filters import SORTS
    from nexus.jobs.models import Job
    from nexus.search import collecting, selectors

    now = timezone.now()
    for n in range(5):  # ties in salary and featuring, across the pages
        searchable_job(
            title=f"Near {n}", latitude=BERLIN[0] + n * 0.01, longitude=BERLIN[1], is_featured=n % 2 == 0,
            featured_until=now + timedelta(days=1) if n % 2 == 0 else None, published_at=now - timedelta(hours=n),
            salary_yearly_min=50_000, salary_yearly_max=50_000 + 10_000 * (n % 2),
        )  # fmt: skip
    searchable_job(title="Far", latitude=BERLIN[0] + 3, longitude=BERLIN[1])
    params = {"lat": BERLIN[0], "lng": BERLIN[1], "radius_km": 50, "page_size": 2, **({"sort": sort} if sort else {})}
    expected = [job.title for job in Job.objects.exclude(title="Far").order_by(*SORTS[sort or "featured"])]
    for probe_rows, walks in ((collecting.FILTERED_PROBE_ROWS, False), (3, True)):
        monkeypatch.setattr(collecting, "FILTERED_PROBE_ROWS", probe_rows)
        seen, response = [], api_client.get("/api/v1/jobs/", {**params, "round": probe_rows})
        with CaptureQueriesContext(connection) as captured:
            while True:
                seen += titles(response)
                if not response.json()["next"]:
                    break
                response = api_client.get(response.json()["next"])
        assert seen == expected, probe_rows
        statements = [query["sql"] for query in captured.captured_queries]
        pages = [sql for sql in statements if sql.startswith("SELECT d.") and "FROM search_jobdocument d" in sql]
        assert pages and all((selectors.NEAR_BOX_WITHOUT_INDEX in sql) == walks for sql in pages), probe_rows


def test_every_match_of_a_date_filter_may_be_read_through_the_newest_first_index(api_client, monkeypatch):
    """Every match of words with `posted_within` lies in the newest-first index's range from its cutoff: the
    statement leaves that index to the planner, where without a date it keeps it out (LISTED_WITHOUT_NEWEST_INDEX).
    `engineer` in the last day, oldest first, read the words' index whole: 32 ms against 0.3 at a million jobs."""
    from django.test.utils import CaptureQueriesContext

    from nexus.search import collecting

    now = timezone.now()
    for hours in (2, 30, 5):
        searchable_job(title=f"Welder {hours}", published_at=now - timedelta(hours=hours))
    monkeypatch.setattr(collecting, "candidates_collection", lambda **kwargs: collecting.Collection(collecting.WALK))
    for extra, newest_index in (({"posted_within": 1}, True), ({}, False)):
        with CaptureQueriesContext(connection) as captured:
            response = api_client.get(URL, {"q": "welder", "sort": "oldest", **extra})
        expected = ["Welder 5", "Welder 2"] if extra else ["Welder 30", "Welder 5", "Welder 2"]
        assert titles(response) == expected
        statements = [query["sql"] for query in captured.captured_queries]
        pages = [sql for sql in statements if sql.startswith("SELECT d.published_at")]
        assert len(pages) == 1 and (collecting.LISTED_WITHOUT_NEWEST_INDEX not in pages[0]) == newest_index, extra


def test_the_lists_cursor_pages_choose_by_the_samples_estimate_without_counting(api_client, monkeypatch):
    """The job list's cursor pages show no count: another order's page of words is chosen by the estimate of the
    matches that the query's kept way of collecting holds (Collection.matches, from the sample of the newest
    documents), with no statement counting them; by the count when no estimate is kept."""
    from django.test.utils import CaptureQueriesContext

    from nexus.search import collecting

    for n, salary in enumerate((50_000, 90_000)):
        searchable_job(title=f"Teacher {n}", remote_type="remote", salary_yearly_min=salary, salary_yearly_max=salary)
    searchable_job(title="Teacher on site", remote_type="onsite", salary_yearly_min=200_000, salary_yearly_max=200_000)

    def kept(estimate):
        return lambda **kwargs: collecting.Collection(collecting.WALK, matches=estimate)

    for estimate, reads_every_match in ((2.0, True), (50_000.0, False), (None, True)):
        monkeypatch.setattr(collecting, "candidates_collection", kept(estimate))
        params = {"q": "teacher", "remote_type": "remote", "sort": "salary", "round": str(estimate)}
        with CaptureQueriesContext(connection) as captured:
            found = api_client.get("/api/v1/jobs/", params)
        assert titles(found) == ["Teacher 1", "Teacher 0"], estimate
        statements = [query["sql"] for query in captured.captured_queries]
        assert any("GROUPING SETS" in sql for sql in statements) == (estimate is None), estimate
        [page] = [sql for sql in statements if sql.startswith("SELECT d.salary_yearly_max, d.job_id FROM search_job")]
        assert ("ts_match_vq(d.document" in page) != reads_every_match, estimate


@pytest.mark.parametrize("up_to", [0, 5000])  # the documents walked in the order, or every match sorted
@pytest.mark.parametrize("sort", ["featured", "newest", "oldest", "salary"])
def test_another_orders_pages_of_documents_follow_the_jobs_order(api_client, monkeypatch, sort, up_to):
    """Another order's pages of words, read from the documents' copies of the order's columns, give the jobs in the
    order of the jobs table's own (ties by id), each once, forwards and back through the cursors."""
    from nexus.jobs.filters import SORTS
    from nexus.jobs.models import Job
    from nexus.search import collecting, selectors

    now = timezone.now()
    for n in range(7):
        salary = (40_000, 90_000, 40_000, 60_000)[n % 4]
        searchable_job(
            title=f"Welder {n}",
            published_at=now - timedelta(hours=(3, 1, 5, 2, 4, 6, 7)[n]),
            salary_yearly_min=salary,
            salary_yearly_max=salary,
            is_featured=n in (2, 5),
            featured_until=now + timedelta(days=1) if n in (2, 5) else None,
        )
    searchable_job(title="Baker", salary_yearly_min=95_000, salary_yearly_max=95_000)
    monkeypatch.setattr(collecting, "candidates_collection", lambda **kwargs: collecting.Collection(collecting.WALK))
    monkeypatch.setattr(selectors, "MATCHES_FIRST_UP_TO", up_to)
    expected = list(Job.objects.filter(title__startswith="Welder").order_by(*SORTS[sort]).values_list("pk", flat=True))
    page = search(api_client, q="welder", sort=sort, page_size=2).json()
    pages, seen = [page], [job["id"] for job in page["results"]]
    while page["next"]:
        page = api_client.get(page["next"]).json()
        pages.append(page)
        seen += [job["id"] for job in page["results"]]
    assert seen == expected
    back = api_client.get(pages[-1]["previous"]).json()
    assert [job["id"] for job in back["results"]] == [job["id"] for job in pages[-2]["results"]]


# --- list filters with q ------------------------------------------------------------------------------------


def test_every_list_filter_combines_with_q(api_client):
    parent = CategoryFactory(name="Engineering")
    child = CategoryFactory(name="Backend", parent=parent)
    company = CompanyFactory()
    target = searchable_job(
        title="Python Developer",
        company=company,
        category=child,
        skills=("Django",),
        employment_type="contract",
        experience_level="senior",
        remote_type="hybrid",
        country="DE",
        city="Berlin",
        salary_min=60000,
        salary_max=80000,
        salary_currency="USD",
        salary_period="year",
        salary_yearly_min=60000,
        salary_yearly_max=80000,
    )
    searchable_job(
        title="Python Other",
        published_at=timezone.now() - timedelta(days=30),
        country="FR",
        city="Paris",
        latitude=48.85,
        longitude=2.35,
    )
    filters = {
        "category": parent.pk,
        "industry": None,
        "company": company.pk,
        "skills": "django",
        "employment_type": "contract,internship",
        "experience_level": "senior",
        "remote_type": "hybrid",
        "country": "de",
        "city": "berlin",
        "lat": 52.52,
        "lng": 13.405,
        "radius_km": 10,
        "salary_min": 70000,
        "salary_max": 75000,
        "posted_within": 7,
    }
    for name, value in filters.items():
        if value is None:
            continue
        params = {"q": "python", name: value}
        if name in ("lat", "lng", "radius_km"):
            params.update(lat=52.52, lng=13.405, radius_km=10)
        for url in (URL, "/api/v1/jobs/"):
            assert titles(api_client.get(url, params)) == [target.title], (name, url)
    for sort in ("newest", "oldest", "salary", "featured"):
        assert titles(search(api_client, q="python", sort=sort, country="DE")) == ["Python Developer"]


def test_the_list_orders_by_relevance_with_q_and_by_sort_when_asked(api_client):
    searchable_job(title="Writer", description="Knows scala.", published_at=timezone.now())
    searchable_job(title="Scala Developer", published_at=timezone.now() - timedelta(days=3))
    assert titles(api_client.get("/api/v1/jobs/", {"q": "scala"})) == ["Scala Developer", "Writer"]
    assert titles(api_client.get("/api/v1/jobs/", {"q": "scala", "sort": "newest"})) == ["Writer", "Scala Developer"]


def test_bad_filters_and_paging_are_400(api_client):
    assert_error(search(api_client, q="x", sort="bogus"), 400, "validation_error")
    assert_error(search(api_client, employment_type="nope"), 400, "validation_error")
    assert_error(search(api_client, page_size=1000), 400, "validation_error")
    assert_error(search(api_client, page=0), 400, "validation_error")
    assert_error(search(api_client, page="\u00b2"), 400, "validation_error")  # a digit to str.isdigit, not int()
    assert_error(search(api_client, page_size="\u00b2"), 400, "validation_error")
    assert_error(search(api_client, q="python", page=10**20), 400, "validation_error")  # past any offset
    assert_error(search(api_client, q="python", cursor="garbage!"), 404)


# --- paging -------------------------------------------------------------------------------------------------


def test_relevance_pages_follow_the_cursor_without_repeats(api_client):
    for n in range(7):
        searchable_job(title=f"Elixir Developer {n}", published_at=timezone.now() - timedelta(hours=n))
    seen = []
    response = search(api_client, q="elixir", page_size=3)
    while True:
        seen += titles(response)
        following = response.json()["next"]
        if not following:
            break
        response = api_client.get(following)
    assert seen == [f"Elixir Developer {n}" for n in range(7)]


def test_numbered_pages(api_client):
    for n in range(5):
        searchable_job(title=f"Haskell Developer {n}", published_at=timezone.now() - timedelta(hours=n))
    body = search(api_client, q="haskell", page=2, page_size=2).json()
    assert [job["title"] for job in body["results"]] == ["Haskell Developer 2", "Haskell Developer 3"]
    assert body["count"] == 5 and body["next"] and body["previous"]
    listed = api_client.get("/api/v1/jobs/", {"q": "haskell", "page": 3, "page_size": 2}).json()
    assert listed["count"] == 5 and [job["title"] for job in listed["results"]] == ["Haskell Developer 4"]


# --- roles, cache, query counts -----------------------------------------------------------------------------


def test_every_role_sees_the_same_public_results(api_client, client_for):
    company = CompanyFactory()
    owner = EmployerFactory()
    company.memberships.create(user=owner, role="owner")
    searchable_job(title="Python Developer", company=company)
    searchable_job(title="Python Draft", company=company, status="draft", published_at=None)
    clients = [api_client] + [client_for(user) for user in (SeekerFactory(), EmployerFactory(), owner, AdminFactory())]
    for client in clients:
        assert titles(client.get(URL, {"q": "python"})) == ["Python Developer"]


def test_an_edit_is_seen_at_once_despite_the_cache(api_client):
    job = searchable_job(title="Python Developer")
    assert titles(search(api_client, q="python")) == ["Python Developer"]
    job.title = "Ruby Developer"
    job.save()
    assert titles(search(api_client, q="python")) == []
    assert titles(search(api_client, q="ruby")) == ["Ruby Developer"]


def test_the_cache_key_ignores_parameter_order_and_extra_spaces(api_client, django_assert_num_queries):
    searchable_job(title="Python Developer")
    api_client.get(URL + "?q=python%20%20developer&page_size=5")
    with django_assert_num_queries(0):
        api_client.get(URL + "?page_size=5&q=python developer")


@pytest.mark.parametrize("page_size", [2, 10])
def test_query_count_is_constant_whatever_the_page_size(
    api_client, django_assert_num_queries, django_assert_max_num_queries, page_size
):
    for n in range(12):
        searchable_job(title=f"Python Developer {n}", skills=("Django",), employment_type="full_time")
    lists_rebuilt()
    # forms of the words, one typo lookup, whether the words corrected are a skill's name (python developer), the
    # lexemes of the prefix (`developer` typed so far), the estimates, the newest documents sampled (a word every
    # match holds: would a window of them cost less?), the recent tier's cutoff and size (would it?), the lexemes of
    # the prefix again (read through the GIN index: as they are now), ranked ids with facets, count and the page's
    # highlights, the page's jobs (their list items, then kept per job)
    with django_assert_num_queries(10):
        response = search(api_client, q="pyhton developer", page_size=page_size)
    assert len(response.json()["results"]) == page_size
    # every word known: no typo lookup; the documents within the radius counted if the planner costs them below
    # the words' (the count is a probe of how to collect); the prefix's lexemes twice at most; when a walk is
    # weighed (as the planner's statistics of these few rows have it), the newest documents sampled for the words
    # with the filters and for the words alone; the same jobs: their list items are kept
    with django_assert_max_num_queries(8):
        again = search(api_client, q="python", employment_type="full_time", near="Berlin", page_size=page_size)
    assert [job["id"] for job in again.json()["results"]] == [job["id"] for job in response.json()["results"]]


def test_a_query_is_analysed_and_planned_once_for_its_other_pages(api_client, django_assert_num_queries):
    for n in range(3):
        searchable_job(title=f"Python Developer {n}")
    first = search(api_client, q="pyhton").json()
    # the ranked page; the analysis, plan choice and list items are kept (`pyhton` is no prefix: no lexeme starts
    # with it, so none are looked up again to collect through the GIN index)
    with django_assert_num_queries(1):
        second = search(api_client, q="pyhton", page_size=2).json()
    assert second["query"] == first["query"] and second["query"]["corrections"] == {"pyhton": "python"}
    assert [job["id"] for job in second["results"]] == [job["id"] for job in first["results"]][:2]
    search(api_client, q="pyth")
    # a prefix: its lexemes as they are now, and the ranked page
    with django_assert_num_queries(2):
        search(api_client, q="pyth", page_size=2)


def test_a_last_word_that_starts_no_lexeme_is_no_prefix():
    from nexus.search.selectors import search_query_analyse

    searchable_job(title="Python Developer")
    assert "'pyth':*" in search_query_analyse(q="pyth").tsquery
    typo = search_query_analyse(q="pyhton")
    assert ":*" not in typo.tsquery and typo.corrections == {"pyhton": "python"}


def test_a_last_word_no_job_uses_is_no_prefix_of_its_stem(api_client):
    searchable_job(title="Office Assistant", city="Saarbrücken", country="DE")
    searchable_job(title="Financial Analyst")
    lists_rebuilt()
    assert titles(search(api_client, q="saas")) == []  # stemmed `'saa':*`, it found the jobs in Saarbrücken
    assert titles(search(api_client, q="saar")) == ["Office Assistant"]  # typed, it begins the city's name
    assert titles(search(api_client, q="finance")) == ["Financial Analyst"]  # a finished word: its stem's prefix


def test_a_word_asked_twice_is_asked_once(api_client):
    from nexus.search.selectors import search_query_analyse

    searchable_job(title="Python Developer")
    once, twice = search_query_analyse(q="python developer"), search_query_analyse(q="python python python developer")
    assert (twice.tsquery, twice.ranked, twice.title) == (once.tsquery, once.ranked, once.title)
    assert titles(search(api_client, q="python python developer")) == ["Python Developer"]


def test_a_short_word_with_two_letters_swapped_is_corrected(api_client, monkeypatch):
    from nexus.search import analysis

    searchable_job(title="Nurse", city="York", country="GB")
    lists_rebuilt()
    # without the words nearest by trigrams (on a small board they are every word): `yrok` shares one with york
    monkeypatch.setattr(analysis, "TYPO_CANDIDATES", 0)
    response = search(api_client, q="nurse yrok")
    assert response.json()["query"]["corrections"] == {"yrok": "york"}
    assert titles(response) == ["Nurse"]


def test_a_kept_analysis_gives_way_to_a_new_alias_at_once(api_client):
    from nexus.taxonomy.services import skill_update

    skill = skill_named("TypeScript")
    searchable_job(title="Frontend Developer", skills=("TypeScript",))
    assert titles(search(api_client, q="tsx")) == []
    skill_update(skill=skill, aliases=["tsx"])
    assert titles(search(api_client, q="tsx", other=1)) == ["Frontend Developer"]


def ways_taken(monkeypatch) -> list[str]:
    """The ways the ranked pages of the searches that follow are collected, in order."""
    from nexus.search import selectors

    ways: list[str] = []
    original = selectors._relevance_page
    monkeypatch.setattr(
        selectors,
        "_relevance_page",
        lambda collected, **kwargs: ways.append(collected.way) or original(collected, **kwargs),
    )
    return ways


def swift_jobs() -> None:
    for n in range(4):
        searchable_job(
            title=f"Swift Developer {n}", published_at=timezone.now() - timedelta(hours=n), city="Berlin",
            latitude=52.52, longitude=13.40,
        )  # fmt: skip
    searchable_job(title="Chef", description="Swift service in the kitchen.", latitude=52.5, longitude=13.4)
    searchable_job(title="Swift Developer far away", latitude=6.45, longitude=3.39)


@pytest.mark.parametrize("way", ["walk", "walk near", "through the words", "through the filters"])
def test_every_way_of_collecting_candidates_finds_the_same(api_client, monkeypatch, way):
    from nexus.search import collecting

    swift_jobs()
    chosen = search(api_client, q="swift", near="Berlin", page_size=3).json()
    monkeypatch.setattr(collecting, "candidates_collection", lambda **kwargs: collecting.Collection(way))
    forced = search(api_client, q="swift", near="Berlin", page_size=3, other=1).json()
    assert [job["id"] for job in forced["results"]] == [job["id"] for job in chosen["results"]]
    assert forced["facets"] == chosen["facets"] and forced["count"] == chosen["count"] == 5


@pytest.mark.parametrize("way", ["walk", "walk near"])
def test_a_walk_is_worded_so_that_the_planner_cannot_take_the_gin_index_instead(api_client, monkeypatch, way):
    """The words' estimates that chose the walk were weighed already: the planner, on its own, could read every
    match through the GIN index and sort them (`senior software engineer`: 66 ms, walking 43)."""
    from django.test.utils import CaptureQueriesContext

    from nexus.search import collecting

    swift_jobs()
    monkeypatch.setattr(collecting, "candidates_collection", lambda **kwargs: collecting.Collection(way))
    with CaptureQueriesContext(connection) as captured:
        assert search(api_client, q="swift", near="Berlin").json()["count"] == 5
    [ranked] = [query["sql"] for query in captured.captured_queries if "ranked AS" in query["sql"]]
    assert "ts_match_vq(d.document" in ranked and "d.document @@" not in ranked.split("ranked AS")[0]


@pytest.mark.parametrize("cap", [48, 1])
def test_a_prefix_collected_through_the_words_finds_a_job_published_a_moment_ago(api_client, monkeypatch, cap):
    """Through the GIN index the last word's prefix is read as the lexemes the documents hold, looked up at each
    search; past MAX_EXPANSION of them, as the prefix."""
    from nexus.search import collecting, lexicon

    monkeypatch.setattr(lexicon, "MAX_EXPANSION", cap)
    through_words = collecting.Collection(collecting.THROUGH_WORDS)
    monkeypatch.setattr(collecting, "candidates_collection", lambda **kwargs: through_words)
    searchable_job(title="Swiftlet Keeper")
    assert titles(search(api_client, q="swif")) == ["Swiftlet Keeper"]
    searchable_job(title="Swifty Tailor")
    swift_jobs()
    expanded = []
    original = lexicon.prefixes_replaced
    monkeypatch.setattr(lexicon, "prefixes_replaced", lambda *args: expanded.append(original(*args)) or expanded[-1])
    found = search(api_client, q="swif", page_size=20).json()
    assert {job["title"] for job in found["results"]} >= {"Swiftlet Keeper", "Swifty Tailor", "Swift Developer 0"}
    assert found["count"] == 8 and "Chef" in {job["title"] for job in found["results"]}
    assert ("'swift'" in expanded[0] and ":*" not in expanded[0]) if cap > 1 else ":*" in expanded[0]


@pytest.mark.parametrize("cap", [48, 1])
def test_a_window_through_a_prefix_reads_the_lexemes_it_stands_for_now(api_client, monkeypatch, settings, cap):
    """A kept choice of a window names the prefixes whose lexemes its required set holds: they are looked up again
    when it is read, so a job bringing a new lexeme a moment ago is in it (as the prefix, past MAX_EXPANSION)."""
    from nexus.search import collecting, lexicon

    settings.SEARCH_CANDIDATES = 3
    swift_jobs()
    monkeypatch.setattr(lexicon, "MAX_EXPANSION", cap)
    monkeypatch.setattr(collecting, "window_start", lambda share: timezone.now() - timedelta(days=1))
    kept = collecting.Collection(collecting.THROUGH_WINDOW, required="'swift'", window=1.0, prefixes=("swif",))
    monkeypatch.setattr(collecting, "candidates_collection", lambda **kwargs: kept)
    ways = ways_taken(monkeypatch)
    searchable_job(title="Swiftlet Keeper")  # newest, and holds no lexeme of the kept set
    assert "Swiftlet Keeper" in titles(search(api_client, q="swif"))
    assert ways == ["through a window"]


@pytest.mark.parametrize("share", [1.0, 0.01])
def test_a_window_finds_what_the_walk_finds_or_gives_way_to_it(api_client, monkeypatch, settings, share):
    """The newest SEARCH_CANDIDATES matches, read through the required lexemes within the newest documents; when
    the window (here 1% of them) holds fewer, the walk collects them."""
    from nexus.search import collecting

    settings.SEARCH_CANDIDATES = 3  # fewer than the 5 matches: the newest 3 are ranked
    swift_jobs()
    # the window's start, as the column's statistics give it (ANALYZE would outlive the test's transaction)
    starts = {1.0: timezone.now() - timedelta(days=1), 0.01: timezone.now() - timedelta(minutes=30)}
    monkeypatch.setattr(collecting, "window_start", starts.get)
    collection = collecting.Collection(collecting.WALK)
    monkeypatch.setattr(collecting, "candidates_collection", lambda **kwargs: collection)
    walked = search(api_client, q="swift developer", near="Berlin", page_size=2).json()
    collection = collecting.Collection(collecting.THROUGH_WINDOW, required="'swift'", window=share)
    ways = ways_taken(monkeypatch)
    windowed = search(api_client, q="swift developer", near="Berlin", page_size=2, other=1).json()
    assert [job["id"] for job in windowed["results"]] == [job["id"] for job in walked["results"]]
    assert windowed["facets"] == walked["facets"] and windowed["count"] == walked["count"]
    assert walked["count_exact"] is windowed["count_exact"] is False  # estimated from the newest 3 (test_search_counts)
    assert windowed["next"] is not None
    assert ways == (["through a window"] if share == 1.0 else ["through a window", "walk"])


def test_a_window_is_ordered_in_words_the_newest_first_index_cannot_give(api_client, monkeypatch):
    """Else the planner may walk the window's range in that index's order instead of AND-ing the lexemes' GIN entries
    with it (`hybrid nurse`: 58 ms walking 53,000 rows, 21 through the index)."""
    from django.test.utils import CaptureQueriesContext

    from nexus.search import collecting

    swift_jobs()
    monkeypatch.setattr(collecting, "window_start", lambda share: timezone.now() - timedelta(days=1))
    collection = collecting.Collection(collecting.THROUGH_WINDOW, required="'swift'", window=1.0)
    monkeypatch.setattr(collecting, "candidates_collection", lambda **kwargs: collection)
    with CaptureQueriesContext(connection) as captured:
        assert search(api_client, q="swift developer").json()["count"] == 5
    # the window first, then (it holds fewer than SEARCH_CANDIDATES) the walk
    windowed, walked = [query["sql"] for query in captured.captured_queries if "ranked AS" in query["sql"]]
    assert collecting.WINDOW_ORDER in windowed and collecting.NEWEST_WALK_ORDER not in windowed
    assert collecting.NEWEST_WALK_ORDER in walked


@pytest.mark.parametrize("hours", [4, 1])
def test_the_recent_tier_finds_what_the_walk_finds_or_gives_way_to_it(api_client, monkeypatch, settings, hours):
    """The newest SEARCH_CANDIDATES matches, read among the documents published since the tier's cutoff; when the
    tier (here the last hour and a half) holds fewer, the other way collects them."""
    from nexus.search import collecting

    settings.SEARCH_CANDIDATES = 3  # fewer than the 4 matches: the newest 3 are ranked
    swift_jobs()
    cutoff = timezone.now() - timedelta(hours=hours, minutes=30)
    collection = collecting.Collection(collecting.WALK_NEAR)
    monkeypatch.setattr(collecting, "candidates_collection", lambda **kwargs: collection)
    walked = search(api_client, q="swift developer", near="Berlin", page_size=2).json()
    collection = collecting.Collection(collecting.THROUGH_RECENT, fallback=collecting.WALK_NEAR, cutoff=cutoff)
    ways = ways_taken(monkeypatch)
    recent = search(api_client, q="swift developer", near="Berlin", page_size=2, other=1).json()
    assert [job["id"] for job in recent["results"]] == [job["id"] for job in walked["results"]]
    assert recent["facets"] == walked["facets"] and recent["count"] == walked["count"]
    assert walked["count_exact"] is recent["count_exact"] is False  # estimated from the newest 3 (test_search_counts)
    assert recent["next"] is not None
    assert ways == (["through the recent tier"] if hours == 4 else ["through the recent tier", "walk near"])


@pytest.mark.parametrize("hours", [4, 1])
@pytest.mark.parametrize("sort", ["newest", "salary"])
def test_other_orders_count_the_matches_relevance_collects_through_the_tier_or_its_fallback(
    api_client, monkeypatch, settings, hours, sort
):
    """Another order's page comes from the jobs table, but its count and facets are those of the relevance order,
    collected the same way: through the recent tier, or the other way when the tier holds too few matches."""
    from nexus.search import collecting, selectors

    settings.SEARCH_CANDIDATES = 3
    swift_jobs()
    cutoff = timezone.now() - timedelta(hours=hours, minutes=30)
    collection = collecting.Collection(collecting.WALK_NEAR)
    monkeypatch.setattr(collecting, "candidates_collection", lambda **kwargs: collection)
    walked = search(api_client, q="swift developer", near="Berlin", sort=sort).json()
    collection = collecting.Collection(collecting.THROUGH_RECENT, fallback=collecting.WALK_NEAR, cutoff=cutoff)
    ways: list[str] = []
    original = selectors._counted
    monkeypatch.setattr(
        selectors, "_counted", lambda collected, **kwargs: ways.append(collected.way) or original(collected, **kwargs)
    )
    recent = search(api_client, q="swift developer", near="Berlin", sort=sort, other=1).json()
    assert recent["facets"] == walked["facets"] and recent["count"] == walked["count"]
    assert walked["count_exact"] is recent["count_exact"] is False  # estimated from the newest 3 (test_search_counts)
    assert [job["id"] for job in recent["results"]] == [job["id"] for job in walked["results"]]
    assert ways == (["through the recent tier"] if hours == 4 else ["through the recent tier", "walk near"])


def test_a_kept_way_that_held_too_few_matches_gives_way_to_its_fallback_for_the_next_requests(
    api_client, monkeypatch, settings
):
    """A tier taken uncounted (the sample said it holds enough) that holds too few: the request collects the matches
    the other way, and the query keeps that way for the requests that follow."""
    from nexus.search import collecting, memo

    settings.SEARCH_CANDIDATES = 3
    swift_jobs()
    tier = collecting.Collection(
        collecting.THROUGH_RECENT, fallback=collecting.WALK_NEAR, cutoff=timezone.now() - timedelta(hours=1, minutes=30)
    )

    def tier_worked_out(key, compute, **kwargs):  # the way a first request works out and keeps: the tier
        collection = key.startswith("search-memo:candidates-collection:")
        return memo.remembered(key, (lambda: tier) if collection else compute, **kwargs)

    monkeypatch.setattr(collecting, "remembered", tier_worked_out)
    ways = ways_taken(monkeypatch)
    first = search(api_client, q="swift developer", near="Berlin").json()
    again = search(api_client, q="swift developer", near="Berlin", other=1).json()
    assert ways == ["through the recent tier", "walk near", "walk near"]
    assert [job["id"] for job in again["results"]] == [job["id"] for job in first["results"]]
    assert first["count"] == again["count"] and first["facets"] == again["facets"]


def test_the_documents_some_filters_match_are_counted_once_for_every_query_with_them():
    """A radius's documents (or other filters') are counted to choose how to collect a query's candidates: kept, the
    next query near the same city does not count them again."""
    from django.test.utils import CaptureQueriesContext

    from nexus.search import collecting

    for city in ("Berlin", "Berlin", "Berlin", "Paris"):
        searchable_job(title="Swift Developer", city=city)
    in_berlin, in_paris = ("d.listed AND d.city = %s", ["Berlin"]), ("d.listed AND d.city = %s", ["Paris"])
    with CaptureQueriesContext(connection) as captured:
        counts = [collecting.filtered_count(filtered) for filtered in (in_berlin, in_berlin, in_paris)]
    assert counts == [3.0, 3.0, 1.0]
    assert len(captured.captured_queries) == 2  # Berlin's once, Paris's


@pytest.mark.parametrize("index", ["search_document_recent_10", "search_document_recent_30"])
def test_a_recent_tier_is_read_through_its_own_index(api_client, monkeypatch, index):
    """The tier's statement names the cutoff of its index's predicate, and `listed` in words that keep the newest-first
    index out: the planner can read the tier's index (here made to, the table being small)."""
    from django.test.utils import CaptureQueriesContext

    from nexus.search import collecting
    from nexus.search.recent import recent_tiers

    swift_jobs()
    (tier,) = [tier for tier in recent_tiers() if tier.index == index]  # built by the migration
    kept = collecting.Collection(collecting.THROUGH_RECENT, cutoff=tier.cutoff)
    monkeypatch.setattr(collecting, "candidates_collection", lambda **kwargs: kept)
    with CaptureQueriesContext(connection) as captured:
        search(api_client, q="swift developer")
    # the tier's statement (then, as it holds fewer than SEARCH_CANDIDATES matches, the walk's)
    statement = next(query["sql"] for query in captured.captured_queries if "ranked AS" in query["sql"])
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {statement}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert (
        "Bitmap Index Scan on search_document_recent_" in plan
    )  # this tier's (or a newer tier's, whose cutoff is implied too)
    # the newest-first index is read only to estimate the count (facets.py), on another alias than the matches'
    assert "search_document_listed_newest on search_jobdocument d" not in plan and "search_document_words" not in plan


def test_an_empty_choice_filter_is_refused_as_on_the_list(api_client):
    assert_error(search(api_client, q="python", remote_type=""), 400, "validation_error")


def test_a_title_that_answers_the_whole_query_comes_first(api_client):
    published = timezone.now() - timedelta(days=1)
    searchable_job(title="Senior QA Analyst", skills=("Java",), published_at=timezone.now())
    searchable_job(title="Senior Java Developer", published_at=published - timedelta(days=10))
    searchable_job(title="Machine Operator", description="A culture of learning.", published_at=timezone.now())
    searchable_job(title="Machine Learning Engineer", published_at=published - timedelta(days=10))
    assert titles(search(api_client, q="senior java"))[0] == "Senior Java Developer"
    assert titles(search(api_client, q="machine learning"))[0] == "Machine Learning Engineer"


def test_a_place_only_jobs_name_is_found_by_their_position(api_client):
    searchable_job(title="Harbour Pilot", city="Port Nowhereville", country="NZ", latitude=-41.0, longitude=174.0)
    searchable_job(title="Elsewhere", city="Auckland", country="NZ", latitude=-36.85, longitude=174.76)
    response = search(api_client, near="Port Nowhereville", radius_km=20)
    assert titles(response) == ["Harbour Pilot"]
    assert response.json()["place"] == {
        "name": "Port Nowhereville",
        "country": "NZ",
        "latitude": -41.0,
        "longitude": 174.0,
    }
    assert_error(search(api_client, near="Port Nowhereville, FR"), 400, "unknown_place")


def test_few_matches_are_all_counted_even_beyond_the_ranked_candidates(api_client, settings):
    settings.SEARCH_CANDIDATES = 2
    for n in range(5):
        searchable_job(title=f"Perl Developer {n}", employment_type="contract" if n % 2 else "full_time")
    body = search(api_client, q="perl", page_size=10).json()
    assert body["count"] == 5 and body["count_exact"] is True
    assert sum(bucket["count"] for bucket in body["facets"]["employment_type"]) == 5
    assert len(body["results"]) == 2  # only the newest candidates are ranked and paged


def test_list_sorts_page_through_matches_with_next_and_previous(api_client):
    for n in range(5):
        searchable_job(title=f"Ocaml Developer {n}", published_at=timezone.now() - timedelta(hours=n))
    searchable_job(title="Chef")
    first = search(api_client, q="ocaml", sort="newest", page_size=2).json()
    second = api_client.get(first["next"]).json()
    third = api_client.get(second["next"]).json()
    seen = [job["title"] for page in (first, second, third) for job in page["results"]]
    assert seen == [f"Ocaml Developer {n}" for n in range(5)]
    assert third["next"] is None
    back = api_client.get(second["previous"]).json()
    assert [job["title"] for job in back["results"]] == ["Ocaml Developer 0", "Ocaml Developer 1"]


def test_the_application_sessions_run_without_jit_compilation():
    """Compiling the plans of large searches cost more than running them (up to seconds): off (DATABASE_JIT)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_the_application_sessions_run_statements_without_parallel_workers():
    """Under concurrent requests, parallel workers compete with the other requests for the same cores: off
    (DATABASE_PARALLEL_WORKERS)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == "0"


def test_a_common_word_within_a_small_radius_collects_every_match(api_client, monkeypatch):
    """The filters, not the words alone, decide how the candidates are collected: a radius that few jobs are in
    makes a word most jobs use a small set of matches, counted exactly."""
    from nexus.search import collecting

    for n in range(3):
        searchable_job(title=f"Engineer {n}", city="Berlin", country="DE", latitude=52.52, longitude=13.40)
    searchable_job(title="Engineer far away", city="Lagos", country="NG", latitude=6.45, longitude=3.39)
    collected = []
    original = collecting.candidates_collection

    def spy(**kwargs):
        collected.append(original(**kwargs))
        return collected[-1]

    monkeypatch.setattr(collecting, "candidates_collection", spy)
    body = search(api_client, q="engineer", near="Berlin", radius_km=20).json()
    assert len(collected) == 1 and collected[0] != collecting.WALK
    assert body["count"] == 3 and body["count_exact"] is True


@pytest.mark.parametrize(
    ("words", "yielded", "walked", "way"),
    [
        # measured at a million jobs: walk / through the words, in ms
        (30_813, 14_000, 150_000, "through the words"),  # part-time nurse: 137 / 68
        (10_628, 2_800, 85_714, "through the words"),  # remote nurse: 66 / 21
        (29_938, 14_000, 17_143, "walk"),  # nurse part time: 18 / 58
        (2_000, 4_000, 20_000, "through the words"),  # the planner's estimate, lower, is taken
        (465, 7_300, 33_000, "walk"),  # aws devops: the sample's, three times the planner's or more (55 / 12 ms)
        (1_363, 4_100, 24_000, "walk"),  # seo specialist (30 / 11 ms)
    ],
)
def test_the_index_is_costed_by_the_documents_it_yields_as_the_newest_show_them(words, yielded, walked, way):
    from nexus.search import collecting

    chosen = collecting.WALK if walked < collecting.indexed_cost(words, yielded) else collecting.THROUGH_WORDS
    assert chosen == way


def test_the_index_is_costed_by_what_it_yields_with_the_filters_it_holds(api_client, monkeypatch):
    """The GIN index of the words holds the employment type, experience level, remote type and country: for a word
    with such a filter it yields only the documents matching both, and the newest documents are sampled for those
    (`sales`, full-time, remote or hybrid, 40,000+ at a million jobs: walked in 97 ms, now 73 through the index).
    A filter it does not hold (`posted_within`) is tested on the rows it yields."""
    from nexus.search import collecting

    searchable_job(title="Sales Lead", remote_type="remote")
    for n in range(3):
        searchable_job(title=f"Sales Rep {n}", remote_type="onsite")
    monkeypatch.setattr(collecting, "collection_choice", lambda *args, **kwargs: collecting.WALK)
    sampled = []
    original = collecting.walk_sampled
    monkeypatch.setattr(collecting, "walk_sampled", lambda *args: sampled.append(original(*args)) or sampled[-1])
    assert titles(search(api_client, q="sales", remote_type="remote", posted_within=30)) == ["Sales Lead"]
    one_in_the_sample = 1 / collecting.WALK_SAMPLE_ROWS  # Sales Lead; the three on site are not yielded
    assert sampled == [(collecting.settings.SEARCH_CANDIDATES / one_in_the_sample, one_in_the_sample)]


def test_a_walk_within_a_radius_walks_the_documents_there(api_client, monkeypatch):
    """When the sampled walk costs less than the index, a search within a radius walks the documents there only,
    newest first, not every listed document (`accountant` near New York City at a million jobs: 42 ms, now 27)."""
    from nexus.search import collecting

    searchable_job(title="Accountant", city="Berlin", country="DE", latitude=52.52, longitude=13.40)
    searchable_job(title="Accountant far away", city="Lagos", country="NG", latitude=6.45, longitude=3.39)
    monkeypatch.setattr(collecting, "collection_choice", lambda *args, **kwargs: collecting.THROUGH_WORDS)
    monkeypatch.setattr(collecting, "indexed_cost", lambda *args: float("inf"))
    monkeypatch.setattr(collecting, "window_choice", lambda *args: None)
    collected = []
    original = collecting.candidates_collection
    monkeypatch.setattr(
        collecting, "candidates_collection", lambda **kwargs: collected.append(original(**kwargs)) or collected[-1]
    )
    assert titles(search(api_client, q="accountant", near="Berlin")) == ["Accountant"]
    assert [collection.way for collection in collected] == [collecting.WALK_NEAR]


def test_filters_that_no_job_can_match_find_nothing(api_client):
    """A skill nobody knows makes the filters false whatever the documents hold: PostgreSQL leaves them out of the
    plan that estimates the ways of collecting (it answered 500)."""
    searchable_job(title="Ward Nurse", skills=("Patient Care",))
    for path in ("/api/v1/jobs/search/", "/api/v1/jobs/"):
        response = api_client.get(path, {"q": "nurse", "skills": "no-such-skill"})
        assert response.status_code == 200 and response.json()["results"] == []
    assert titles(search(api_client, q="nurse", skills="patient care")) == ["Ward Nurse"]


def test_a_walk_is_taken_only_when_the_newest_documents_say_it_finds_matches(api_client, monkeypatch):
    """For a word no document holds the planner may still estimate thousands of matches, enough to walk: the walk
    would read every listed document. The newest documents are sampled first, and the word is read from the
    index."""
    from nexus.search import collecting

    for n in range(4):
        searchable_job(title=f"Engineer {n}")
    monkeypatch.setattr(collecting, "collection_choice", lambda *args, **kwargs: collecting.WALK)  # as estimated
    collected = []
    original = collecting.candidates_collection

    def spy(**kwargs):
        collection = original(**kwargs)
        collected.append(collection.way)
        return collection

    monkeypatch.setattr(collecting, "candidates_collection", spy)
    assert titles(search(api_client, q="entwickler")) == []
    assert collected == [collecting.THROUGH_WORDS]


@pytest.mark.parametrize(
    ("estimates", "filtered", "way"),
    [
        # words, filters, both, listed, filters lead
        ((80_000, 800_000, 80_000, 800_000, False), None, "walk"),  # a common word: its newest matches are near
        ((500, 800_000, 500, 800_000, False), None, "through the words"),  # a rare word: read its few matches
        ((80_000, 200, 20, 800_000, True), 3_000, "through the filters"),  # a small radius holds few documents
        ((100_000, 200, 20, 800_000, True), 5_000, "walk"),  # a crowded one: its share corrects the estimate
        ((500, 200, 1, 800_000, True), 5_000, "through the words"),
        ((80_000, 20_000, 2_000, 800_000, False), None, "walk"),  # filters without an index lead nowhere
        # filters estimated to match four times the documents counted or more are not counted (a common skill)
        ((190_000, 61_000, 15_000, 800_000, True), None, "walk"),
        ((190_000, 19_000, 15_000, 800_000, True), 5_000, "walk"),
    ],
)
def test_the_way_candidates_are_collected_follows_the_estimates(estimates, filtered, way):
    from nexus.search.collecting import WALK_NEAR, collection_choice

    def count_filtered():
        assert filtered is not None, "the filters' documents are counted only when the filters lead"
        return filtered

    assert collection_choice(*estimates, count_filtered) == way
    # within a radius, a walk reads the radius's documents only
    assert collection_choice(*estimates, count_filtered, near=True) == (WALK_NEAR if way == "walk" else way)


@pytest.mark.parametrize(
    ("words", "filtered", "way"),
    [
        (80_000, 3_000, "walk near"),  # a common word: the walk stops at the candidates
        (10_000, 3_000, "through the words"),  # its GIN entries cost less than reading the radius's documents
        (10_000, 6_000, "through the words"),  # a crowded radius: as before, its count corrects the estimate
        # a word so common that the walk is taken however many documents the radius holds: they are not counted
        (300_000, None, "walk near"),
    ],
)
def test_a_radius_alone_holding_few_documents_is_walked_unless_the_words_cost_less(words, filtered, way):
    from nexus.search.collecting import THROUGH_FILTERS, collection_choice

    def count_filtered():
        assert filtered is not None, "the radius's documents are counted only when the way depends on them"
        return filtered

    estimates = (words, 200, 20, 800_000, True)  # the planner guesses a few hundred documents in any radius
    assert collection_choice(*estimates, count_filtered, near=True, radius_alone=True) == way
    if filtered is not None:
        # with a filter marker too (a skill, a company...), its index may read fewer documents than the radius holds
        other = collection_choice(*estimates, count_filtered, near=True)
        assert other == (THROUGH_FILTERS if filtered < 5_000 else way)


@pytest.mark.parametrize("way", ["walk", "through the words"])
def test_jobs_titled_so_are_ranked_beside_the_newest_matches_when_few_are(api_client, monkeypatch, settings, way):
    """Only the newest SEARCH_CANDIDATES matches are ranked; when fewer than TITLED_FEW of them answer the query's
    title groups, the newest matches whose title does are ranked beside them (the titles' index): on the seeded
    million `office manager` listed Sales and Finance Managers whose descriptions say office after 4 Office Managers.
    The count and facets stay the candidates'; filters hold for the jobs so titled too."""
    from nexus.search import collecting

    settings.SEARCH_CANDIDATES = 3
    monkeypatch.setattr(collecting, "candidates_collection", lambda **kwargs: collecting.Collection(way))
    now = timezone.now()
    searchable_job(title="Office Manager", city="Berlin", country="DE", published_at=now - timedelta(days=9))
    searchable_job(title="Senior Office Manager", city="Lagos", country="NG", published_at=now - timedelta(days=8))
    for day in range(4):
        searchable_job(
            title="Sales Manager",
            description="Work from our office.",
            city="Berlin",
            country="DE",
            published_at=now - timedelta(days=day),
        )
    lists_rebuilt()
    answer = search(api_client, q="office manager").json()
    assert {job["title"] for job in answer["results"][:2]} == {"Senior Office Manager", "Office Manager"}
    # the facets of the candidates walked (Berlin's Sales Managers), or of every match collected through the index
    located = {row["city"] for row in answer["facets"]["location"]}
    assert located == ({"Berlin"} if way == "walk" else {"Berlin", "Lagos"})
    assert titles(search(api_client, q="office manager", country="DE"))[0] == "Office Manager"
    assert titles(search(api_client, q="office manager", country="NG")) == ["Senior Office Manager"]


def test_a_field_words_part_typed_without_its_other_part_is_a_word(api_client):
    """`site` of `site engineer` asks for Site Engineers, not for any engineer on site (on-site's part), who came
    first when newer; `on site nurse` still asks for on-site nurses, and `site` typed last may still become on-site."""
    older, newer = timezone.now() - timedelta(days=30), timezone.now()
    searchable_job(title="Site Engineer", remote_type="onsite", published_at=older)
    searchable_job(title="Maintenance Engineer", remote_type="onsite", published_at=newer)
    searchable_job(title="Nurse", remote_type="onsite")
    searchable_job(title="Nurse", remote_type="remote")
    lists_rebuilt()
    assert titles(search(api_client, q="site engineer")) == ["Site Engineer", "Maintenance Engineer"]
    for query in ("on site nurse", "nurse on site"):
        assert [job["remote_type"] for job in search(api_client, q=query).json()["results"]] == ["onsite"], query
