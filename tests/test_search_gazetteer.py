"""Place names to coordinates, offline."""

import pytest
from django.db import connection

from nexus.core.geo import distance_km
from nexus.search.analysis import STOP_WORD_CODES
from nexus.search.gazetteer import METRO_AREAS, gazetteer, place_key, place_resolve


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Berlin", "Berlin, DE"),
        ("berlin, de", "Berlin, DE"),
        ("Köln", "Köln, DE"),
        ("Cologne", "Köln, DE"),
        ("München", "Munich, DE"),
        ("Sao Paulo", "São Paulo, BR"),
        ("Paris, France", "Paris, FR"),
        ("Germany", "Berlin, DE"),
        ("Addis Ababa", "Addis Ababa, ET"),
        ("London, UK", "London, GB"),  # a country's short name
        ("Berlin, ", "Berlin, DE"),  # nothing after the comma
        # a state of the United States by its code or name, with the country or without
        ("San Francisco, CA", "San Francisco, US"),  # CA: California, as Canada has no San Francisco
        ("San Francisco, California", "San Francisco, US"),
        ("San Francisco, CA, USA", "San Francisco, US"),
        ("New York, NY", "New York City, US"),
        ("Washington, DC", "Washington, US"),
        ("Birmingham, AL", "Birmingham, US"),  # AL: Alabama, as Albania has no Birmingham
        ("London, CA", "London, CA"),  # CA: Canada, which has a London, California none
        # the comma left out: a state or country after the city's name
        ("Austin TX", "Austin, US"),
        ("new york ny", "New York City, US"),
        ("Salt Lake City UT", "Salt Lake City, US"),
        ("London United Kingdom", "London, GB"),
        ("Paris Texas", "Paris, US"),
        ("Berlin Germany", "Berlin, DE"),
        # a province or state of Canada or Australia by its code or name
        ("Vancouver, BC", "Vancouver, CA"),
        ("Vancouver BC", "Vancouver, CA"),
        ("Vancouver, WA", "Vancouver, US"),  # WA: Washington, as no Vancouver lies in Western Australia
        ("Perth, WA", "Perth, AU"),  # WA: Western Australia, as no Perth lies in Washington
        ("Sydney NSW", "Sydney, AU"),
        ("London, Ontario", "London, CA"),
        ("London ON", "London, CA"),
        ("Melbourne, Victoria", "Melbourne, AU"),
        ("Darwin, NT", "Darwin, AU"),  # NT: the Northern Territory; Canada's Northwest Territories have no Darwin
        ("Yellowknife, NT", "Yellowknife, CA"),
        ("Perth, Western Australia", "Perth, AU"),
        ("Vancouver, Washington", "Vancouver, US"),
    ],
)
def test_known_places(text, label):
    place = place_resolve(text=text)
    assert place is not None and place.label == label


def test_the_most_populous_city_of_a_name_wins_unless_the_country_is_given():
    assert place_resolve(text="Paris").country == "FR"
    assert place_resolve(text="Paris, US").country == "US"
    assert place_resolve(text="Portland").state == "OR" and place_resolve(text="Portland, ME").state == "ME"


def test_the_city_of_a_city_named_with_its_state_or_country():
    assert gazetteer().qualified_city("austin, tx") == "austin"
    assert gazetteer().qualified_city("austin tx") == "austin"
    assert gazetteer().qualified_city("new york ny") == "new york"
    assert gazetteer().qualified_city("london united kingdom") == "london"
    for text in ("austin", "austin, ", "germany", "python developer", "acme, inc", "austin, narnia"):
        assert gazetteer().qualified_city(text) is None, text


def test_similar_names_are_each_given_once():
    similar = gazetteer().names_like("Austinn")
    assert similar and len(similar) == len(set(similar))


def test_a_city_s_state_by_its_code():
    assert gazetteer().state_of_city("austin", "tx") == "Texas"
    assert gazetteer().state_of_city("Salt Lake City", "UT") == "Utah"
    assert gazetteer().state_of_city("austin", "texas") == "Texas"
    assert gazetteer().state_of_city("austin", "il") is None
    assert gazetteer().state_of_city("london", "ca") is None  # no London in California
    assert gazetteer().state_of_city("nowhere", "tx") is None


def test_a_canadian_or_australian_city_s_province_stands_for_its_country():
    """Documents hold their job's country whether or not the job gives its province: a Canadian or Australian
    province after its city's name is the country's name, which tells Vancouver, BC from Vancouver, WA."""
    assert gazetteer().state_of_city("vancouver", "bc") == "Canada"
    assert gazetteer().state_of_city("london", "ontario") == "Canada"
    assert gazetteer().state_of_city("perth", "wa") == "Australia"
    assert gazetteer().state_of_city("vancouver", "wa") == "Washington"
    assert gazetteer().state_of_city("vancouver", "nsw") is None
    assert gazetteer().state_of_city("perth", "germany") is None  # a country is no state
    # a code two countries share names a state of each, a name one state only
    assert gazetteer().state_of_city("perth", "washington") is None
    assert gazetteer().state_of_city("vancouver", "western australia") is None


@pytest.mark.parametrize(
    "name, centre, radius_km",
    [
        ("bay area", "San Francisco, US", 80.0),
        ("San Francisco Bay Area", "San Francisco, US", 80.0),
        ("silicon valley", "Sunnyvale, US", 30.0),
        ("gta", "Toronto, CA", 50.0),
        ("greater london", "London, GB", 30.0),  # the county's extent
        ("greater boston", "Boston, US", None),  # as far as near= reaches by default
        ("seattle area", "Seattle, US", None),
        ("greater toronto area", "Toronto, CA", None),
        ("new york metro area", "New York City, US", None),  # by another name of several words
        ("nyc area", "New York City, US", None),  # by a short name people type
        ("münchen metropolitan area", "Munich, DE", None),
        ("greater new york city metropolitan area", "New York City, US", None),
    ],
)
def test_metropolitan_areas_by_name(name, centre, radius_km):
    place, radius = gazetteer().metro_area(name)
    assert (place.label, radius) == (centre, radius_km)


def test_every_named_metropolitan_area_s_centre_is_a_city_of_the_gazetteer():
    assert [name for name in METRO_AREAS if gazetteer().metro_area(name) is None] == []


@pytest.mark.parametrize("name", ["area", "greater", "sales area", "greater narnia", "london", "ewr area", "metro"])
def test_names_of_no_metropolitan_area(name):
    """Neither a word alone, nor words around no city's name, nor around an airport's code (`ewr`, another name of
    Newark)."""
    assert gazetteer().metro_area(name) is None


def test_the_cities_around_a_city_lie_within_the_distance_nearest_by_population_first():
    san_francisco = place_resolve(text="San Francisco, US")
    around = gazetteer().cities_around(san_francisco, 80.0)
    names = [place.name for place in around]
    assert names[0] == "San Francisco" and {"San Jose", "Oakland", "Santa Rosa", "Richmond"} <= set(names)
    assert "Sacramento" not in names  # 120 km away
    centre = (san_francisco.latitude, san_francisco.longitude)
    assert all(distance_km(centre, place.latitude, place.longitude) <= 80.0 for place in around)
    populations = [place.population for place in around[1:]]
    assert populations == sorted(populations, reverse=True)
    san_jose = place_resolve(text="San Jose, US")
    assert round(distance_km(centre, san_jose.latitude, san_jose.longitude)) == 67
    # across the antimeridian
    suva = place_resolve(text="Suva, FJ")
    assert suva in gazetteer().cities_around(suva, 10.0)


def test_where_a_city_lies_as_its_jobs_documents_say_it():
    """In the United States its state's name, which jobs there give as their region; elsewhere its country's."""
    assert gazetteer().lies_in(place_resolve(text="Richmond, California")) == "California"
    assert gazetteer().lies_in(place_resolve(text="Richmond, VA")) == "Virginia"
    assert gazetteer().lies_in(place_resolve(text="London, GB")) == "United Kingdom"
    assert gazetteer().lies_in(place_resolve(text="Toronto, CA")) == "Canada"


@pytest.mark.parametrize(
    "text",
    ["", "Atlantisxyz", "Berlin, Narnia", ",", "\x00", "Berlin, CA", "Paris, TX, FR", "Berlin Narnia", "Nurse UK"],
)
def test_unknown_places(text):
    assert place_resolve(text=text) is None


def test_place_keys_fold_case_accents_and_dots():
    assert place_key("  St. Étienne ") == "st etienne"


@pytest.mark.parametrize("entry", ["config.asgi", "config.wsgi"])
def test_a_server_process_loads_the_gazetteer_as_it_starts(entry, monkeypatch):
    """The first `near=` request of a server process would otherwise wait the whole load (about 1.5 s)."""
    import importlib
    import sys

    from nexus.search import gazetteer

    started = []
    monkeypatch.setattr(gazetteer, "gazetteer_load_soon", lambda: started.append(entry))
    monkeypatch.delitem(sys.modules, entry, raising=False)
    importlib.import_module(entry)
    assert started == [entry]


def test_loading_soon_loads_the_gazetteer_the_countries_own_names_and_english_in_a_thread_of_its_own():
    """Then the process's objects are moved out of the garbage collector's way (gc.freeze)."""
    import gc

    from nexus.search import english
    from nexus.search.countries import country_endonyms
    from nexus.search.gazetteer import _loaded, gazetteer_load_soon

    country_endonyms.cache_clear()
    english._loaded.cache_clear()
    gc.unfreeze()
    loading = gazetteer_load_soon()
    assert loading.name == "gazetteer-load" and loading.daemon
    loading.join(timeout=60)
    try:
        assert _loaded.cache_info().currsize == 1 and country_endonyms.cache_info().currsize == 1
        assert english._loaded.cache_info().currsize == 1
        assert country_endonyms()["deutschland"] == "Germany"
        assert gc.get_freeze_count() > 100_000  # Django's and the gazetteer's objects, at least
    finally:
        gc.unfreeze()  # the test process's own objects collectable again


@pytest.mark.django_db
def test_the_states_and_countries_codes_read_as_words_before_others_are_those_the_english_dictionary_drops():
    codes = sorted(
        {code.lower() for named in gazetteer().states.values() for _, code in named}
        | {country.lower() for country in gazetteer().country_names}
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT c FROM unnest(%s::text[]) c WHERE to_tsvector('english', c) = ''::tsvector", [codes])
        assert {code for (code,) in cursor.fetchall()} == STOP_WORD_CODES
